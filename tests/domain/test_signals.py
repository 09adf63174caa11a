"""How a warm signal reads on the research pane."""

from __future__ import annotations

import pytest

from followup_tui.domain.signals import signal_detail


@pytest.mark.parametrize(
    ("kind", "detail", "shown"),
    [
        ("webinar", "Webinar: From Paper to CMMS in 90 Days", "From Paper to CMMS in 90 Days"),
        ("ebook_download", "Ebook: Cold chain 101", "Cold chain 101"),
        ("website_chat", "Website chat: asked about pricing", "asked about pricing"),
        ("whitepaper_download", "Whitepaper: Staff Costs: 2026 Survey", "Staff Costs: 2026 Survey"),
        ("linkedin_profile_view", "LinkedIn: viewed the rep's profile", "viewed the rep's profile"),
        ("rfp", "RFP received: 11 sites, due in 4 weeks", "11 sites, due in 4 weeks"),
        # Not the label said again: kept whole.
        ("booth_visit", "Booth scan at BuildTech Expo 2026", "Booth scan at BuildTech Expo 2026"),
        ("webinar", "Q&A: asked about pricing", "Q&A: asked about pricing"),
        ("webinar", "Webinar:", "Webinar:"),  # nothing after it: the detail as given
        ("newsletter_click", "", ""),
    ],
)
def test_a_detail_does_not_say_its_label_again(kind, detail, shown):
    assert signal_detail(kind, detail) == shown
