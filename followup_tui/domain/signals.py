"""Warm-lead signals: what a prospect did that shows interest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from followup_tui.domain.spelling import loose_key

SALES_READY_KINDS = 3  # three distinct signals: ebook, webinar and booth visit, say

SIGNAL_LABELS = {
    "ebook_download": "ebook download",
    "whitepaper_download": "white paper download",
    "webinar": "webinar",
    "booth_visit": "booth visit",
    "newsletter_click": "newsletter click",
    "website_chat": "website chat",
    "rfp": "RFP",
    "inbound_email": "inbound email",
    "linkedin_connection": "LinkedIn connection",
    "linkedin_profile_view": "LinkedIn profile view",
    "existing_client": "existing client",
}


def signal_label(kind: str) -> str:
    return SIGNAL_LABELS.get(kind, kind.replace("_", " "))


def signal_detail(kind: str, detail: str) -> str:
    """The detail as shown after the signal's label: without a first 'Label:' that
    says the label again ('Webinar: From Paper to CMMS' after 'webinar', 'Ebook: ...'
    after 'ebook download', 'RFP received: ...' after 'RFP')."""
    head, colon, rest = detail.partition(":")
    if colon and rest.strip():
        said, label = loose_key(head), loose_key(signal_label(kind))
        if said and (label.startswith(said) or said.startswith(label)):
            return rest.strip()
    return detail


def is_sales_ready(kinds: Iterable[str]) -> bool:
    """Three or more distinct kinds of signal make a lead sales-ready."""
    return len(set(kinds)) >= SALES_READY_KINDS


# How much each kind of signal says about readiness to buy.
SIGNAL_WEIGHTS = {
    "rfp": 5.0,
    "inbound_email": 4.0,
    "existing_client": 3.0,
    "website_chat": 3.0,
    "booth_visit": 3.0,
    "webinar": 3.0,
    "ebook_download": 2.0,
    "whitepaper_download": 2.0,
    "linkedin_connection": 1.5,
    "newsletter_click": 1.0,
    "linkedin_profile_view": 1.0,
}
HALF_LIFE_DAYS = 30.0  # a signal's weight halves every month


def warm_score(signals: Iterable[tuple[str, datetime]], now: datetime) -> int:
    """Number, kind and recency of warm signals as one whole number (0 is cold).

    Whole numbers so that leads of about the same warmth fall back to 'most
    overdue first' among themselves. Plain datetimes subtract ten times faster than
    pendulum's, and the queue scores every due prospect.
    """
    total = 0.0
    kinds: set[str] = set()
    for kind, occurred_at in signals:
        age_days = max(0.0, (now - occurred_at).total_seconds() / 86400)
        total += SIGNAL_WEIGHTS.get(kind, 1.0) * 0.5 ** (age_days / HALF_LIFE_DAYS)
        kinds.add(kind)
    if len(kinds) >= SALES_READY_KINDS:
        total += 3.0  # several different signals say more than one repeated
    return round(total)
