"""Zones as a rep names them."""

from __future__ import annotations

import pytest

from followup_tui.domain.zone_names import completed, zone_named


@pytest.mark.parametrize(
    ("said", "zone"),
    [
        ("Central", "America/Chicago"), ("CST", "America/Chicago"), ("cdt", "America/Chicago"),
        ("chicago", "America/Chicago"), ("america/chicago", "America/Chicago"),
        ("New York", "America/New_York"), ("new_york", "America/New_York"),
        ("Pacific", "America/Los_Angeles"), ("london", "Europe/London"), ("UTC", "UTC"),
        ("Europe/London", "Europe/London"), ("  eastern  ", "America/New_York"),
    ],
)  # fmt: skip
def test_a_zone_as_it_is_said(said, zone):
    assert zone_named(said) == zone


@pytest.mark.parametrize("said", ["", "IST", "Narnia", "America/Narnia"])
def test_what_names_no_zone(said):
    assert zone_named(said) is None


def test_completion_offers_what_reps_say_first():
    assert completed("Cen") == "Central"
    assert completed("chic") == "Chicago"
    assert completed("america/new y") == "America/New_York"
    assert completed("") is None and completed("zzz") is None
