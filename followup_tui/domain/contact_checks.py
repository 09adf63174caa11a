"""What keeps typed contact details from being saved, in words: the contact editor
shows it as the rep types, and the session refuses to save it whoever calls."""

from __future__ import annotations

from followup_tui.domain.email_address import email_problem
from followup_tui.domain.numbers import LABELS, known_label
from followup_tui.terminal_text import cut

LABEL_WORDS = ", ".join(LABELS[:-1]) + f" or {LABELS[-1]}"
QUOTED_CELLS = 36  # what a problem quotes of a field: not all of a 200-character paste


def contact_problems(email: str, new_phone_raw: str, new_phone_label: str) -> list[tuple[str, str]]:
    """(field, what is wrong) for each field that keeps the details from being saved,
    in the order of the fields: an email that is no address (none is fine), a label
    that names none for a number being added (with none added it is not used)."""
    problems = []
    email, label = email.strip(), new_phone_label.strip()
    why = email_problem(email)
    if why is not None:
        problems.append(("email", f"'{cut(email, QUOTED_CELLS)}' is not an email address: {why}"))
    if new_phone_raw.strip() and known_label(label) is None:
        problems.append(
            ("new_phone_label", f"'{cut(label, QUOTED_CELLS)}' is not a label: {LABEL_WORDS}")
        )
    return problems
