"""Warm-lead signals: what a prospect did that shows interest."""

from __future__ import annotations

from collections.abc import Iterable

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


def is_sales_ready(kinds: Iterable[str]) -> bool:
    """Three or more distinct kinds of signal make a lead sales-ready."""
    return len(set(kinds)) >= SALES_READY_KINDS
