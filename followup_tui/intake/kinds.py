"""Signal kinds, channels, outcomes and yes/no as people write them in a spreadsheet.

"Webinar", "eBook download", "Booth scan" and "Left VM" all have one stored
name; a text that names none of them is reported, never guessed.
"""

from __future__ import annotations

from followup_tui.domain.outcomes import OUTCOME_LABELS, Channel, Outcome
from followup_tui.domain.signals import SIGNAL_LABELS
from followup_tui.intake.headers import header_key

_SIGNAL_SPELLINGS = {
    "ebook_download": ("ebook", "e-book", "ebook downloaded", "downloaded ebook", "guide download"),
    "whitepaper_download": ("white paper", "whitepaper", "whitepaper download", "white paper dl"),
    "webinar": ("webinar attended", "webinar attendance", "attended webinar", "webcast"),
    "booth_visit": (
        "booth",
        "booth scan",
        "badge scan",
        "trade show",
        "tradeshow",
        "trade show booth",
        "event booth",
        "conference booth",
    ),
    "newsletter_click": ("newsletter", "newsletter clicked", "email click", "clicked newsletter"),
    "website_chat": ("chat", "live chat", "web chat", "site chat"),
    "rfp": ("request for proposal", "rfp received"),
    "inbound_email": ("inbound", "email inquiry", "inbound inquiry", "inbound mail"),
    "linkedin_connection": (
        "linkedin connect",
        "connection request",
        "linkedin connection request",
    ),
    "linkedin_profile_view": ("profile view", "linkedin view", "viewed profile"),
    "existing_client": ("existing customer", "customer", "client", "current customer"),
}

_CHANNEL_SPELLINGS = {
    Channel.CALL: ("phone", "phone call", "call", "dial", "outbound call", "cold call"),
    Channel.EMAIL: ("e-mail", "email", "mail"),
    Channel.LINKEDIN: ("linkedin", "inmail", "linkedin message"),
    Channel.LETTER: ("letter", "post", "postal"),
    Channel.TEXT: ("text", "sms", "text message"),
}

_OUTCOME_SPELLINGS = {
    Outcome.NO_ANSWER: ("no answer", "noanswer", "na", "no reply", "busy"),
    Outcome.VOICEMAIL: ("voicemail", "vm", "left vm", "left voicemail", "left message"),
    Outcome.CONNECTED: ("connected", "conversation", "spoke", "talked", "answered"),
    Outcome.MEETING: ("meeting", "meeting booked", "meeting set", "appointment"),
    Outcome.NOT_INTERESTED: ("not interested", "ni"),
    Outcome.WRONG_NUMBER: ("wrong number", "bad number"),
    Outcome.DO_NOT_CALL: ("do not call", "dnc"),
    Outcome.SENT: ("sent", "delivered"),
}

_YES = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "✔", "on", "dnc", "donotcall"})
_NO = frozenset({"no", "n", "false", "f", "0", "off", ""})


def _index(spellings: dict[str, tuple[str, ...]], labels: dict[str, str]) -> dict[str, str]:
    index: dict[str, str] = {}
    for kind, words in spellings.items():
        for word in (kind, labels.get(kind, ""), *words):
            if word:
                index.setdefault(header_key(word), str(kind))
    return index


_SIGNALS = _index(_SIGNAL_SPELLINGS, SIGNAL_LABELS)
_CHANNELS = _index({str(k): v for k, v in _CHANNEL_SPELLINGS.items()}, {})
_OUTCOMES = _index(
    {str(k): v for k, v in _OUTCOME_SPELLINGS.items()},
    {str(k): v for k, v in OUTCOME_LABELS.items()},
)


def _lookup(text: str, index: dict[str, str]) -> str | None:
    key = header_key(text)
    if key in index:
        return index[key]
    if key.endswith("s") and key[:-1] in index:  # "Webinars", "eBooks"
        return index[key[:-1]]
    return None


def signal_kind(text: str) -> str | None:
    """The stored kind of a signal ("Booth scan" -> "booth_visit"), or None."""
    return _lookup(text, _SIGNALS)


def channel_of(text: str) -> str | None:
    return _lookup(text, _CHANNELS)


def outcome_of(text: str) -> str | None:
    return _lookup(text, _OUTCOMES)


def yes_no(text: str) -> bool | None:
    """True, False, or None when `text` is neither a yes nor a no."""
    if not text:
        return False
    key = header_key(text) if text.strip() not in ("✓", "✔") else text.strip()
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


def known_signal_kinds() -> str:
    return ", ".join(SIGNAL_LABELS)
