"""Zones as a rep names them."""

from __future__ import annotations

import pytest

from followup_tui.domain.zone_names import completed, zone_choices, zone_named


@pytest.mark.parametrize(
    ("said", "zone"),
    [
        ("Central", "America/Chicago"), ("CT", "America/Chicago"), ("cdt", "America/Chicago"),
        ("EST", "America/New_York"), ("PST", "America/Los_Angeles"), ("BST", "Europe/London"),
        ("CET", "Europe/Paris"), ("AEST", "Australia/Sydney"), ("India", "Asia/Kolkata"),
        ("chicago", "America/Chicago"), ("america/chicago", "America/Chicago"),
        ("New York", "America/New_York"), ("new_york", "America/New_York"),
        ("Pacific", "America/Los_Angeles"), ("london", "Europe/London"), ("UTC", "UTC"),
        ("Europe/London", "Europe/London"), ("  eastern  ", "America/New_York"),
    ],
)  # fmt: skip
def test_a_zone_as_it_is_said(said, zone):
    assert zone_named(said) == zone


@pytest.mark.parametrize("said", ["", "IST", "CST", "Narnia", "America/Narnia"])
def test_what_names_no_zone(said):
    assert zone_named(said) is None


def test_completion_offers_what_reps_say_first():
    assert completed("Cen") == "Central"
    assert completed("chic") == "Chicago"
    assert completed("america/new y") == "America/New_York"
    assert completed("") is None and completed("zzz") is None


@pytest.mark.parametrize(
    ("said", "zones"),
    [
        ("IST", ("Asia/Kolkata", "Asia/Jerusalem", "Europe/Dublin")),
        (" cst ", ("America/Chicago", "Asia/Shanghai")),
        ("AST", ("America/Halifax", "Asia/Riyadh")),
    ],
)
def test_an_abbreviation_said_for_zones_far_apart_offers_them(said, zones):
    """Not one of them by guess, nor a city that begins with the letters (Istanbul)."""
    assert tuple(zone for _, zone in zone_choices(said)) == zones
    assert completed(said) == said.strip().upper()


def test_a_zone_named_once_offers_no_choice():
    assert zone_choices("EST") == () and zone_choices("Istanbul") == ()
    assert completed("Istan") == "Istanbul"


def test_a_zone_with_an_old_spelling_is_said_with_the_city_name_of_today():
    from followup_tui.domain.display import zone_city
    from followup_tui.domain.phones import parse_phone

    india = parse_phone("+91 80 4567 8901", "US")  # Bengaluru: phonenumbers says Calcutta
    assert india.zones == ("Asia/Calcutta",)
    assert zone_city(india.zones[0]) == "Kolkata"
    assert zone_city("America/Los_Angeles") == "Los Angeles"
