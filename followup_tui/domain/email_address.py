"""Whether text is an email address, and if not, what is wrong with it, in words.

Not the RFC: a sensible check that catches typing slips (`dana@@nettlecrest`,
`dana.nettlecrest.com`, a space) and accepts every address a rep will meet: one
@, something before it, a domain with a dot after it, no spaces. The pattern is
the one the CSV import keeps an email by (intake/leads.py), so an address an
import kept is one the contact editor saves again.
"""

from __future__ import annotations

import re

EMAIL_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\".]{2,}$")
_NEVER = '<>,;"'  # what a list of addresses or a display name brings along


def is_email_address(text: str) -> bool:
    return EMAIL_ADDRESS.match(text) is not None


def email_problem(text: str) -> str | None:
    """What keeps `text` (stripped) from being an address, in words; None when it is
    one, or when it is empty (no email is fine)."""
    text = text.strip()
    if not text or is_email_address(text):
        return None
    local, at, domain = text.partition("@")
    if any(ch.isspace() for ch in text):
        return "no spaces in an address"
    if not at:
        return "an address needs an @"
    if "@" in domain:
        return "one @ only"
    if not local:
        return "nothing before the @"
    if not domain:
        return "nothing after the @"
    if "." not in domain.strip("."):
        return "the part after the @ needs a dot, as in example.com"
    if any(ch in _NEVER for ch in text):
        return "no <, >, comma, semicolon or quote in an address"
    return "the part after the last dot is too short"
