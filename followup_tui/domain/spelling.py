"""Comparing words as people and files spell them: 'Web-inar', 'WEBINAR' and
'webinar' are one word."""

from __future__ import annotations


def loose_key(text: str) -> str:
    """`text` as compared: case-folded, letters and digits only."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())
