import pytest

from followup_tui.domain.phones import digits_of, format_phone, known_zones, parse_phone


@pytest.mark.parametrize(
    ("raw", "region", "e164", "ext"),
    [
        ("(312) 555-0142", "US", "+13125550142", None),
        ("312.555.0142", "US", "+13125550142", None),
        ("+1 312 555 0142", "GB", "+13125550142", None),
        ("(212) 555-0188 x204", "US", "+12125550188", "204"),
        ("+1 415 555 0123 ext. 12", "US", "+14155550123", "12"),
        ("020 7946 0123", "GB", "+442079460123", None),
        ("+44 (0)20 7946 0123", "US", "+442079460123", None),
        ("02 5550 1234", "AU", "+61255501234", None),
    ],
)
def test_numbers_typed_every_way_become_e164(raw, region, e164, ext):
    parsed = parse_phone(raw, region)
    assert parsed.valid and parsed.dialable
    assert (parsed.e164, parsed.extension) == (e164, ext)
    assert parsed.raw == raw.strip()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [("", "no phone number"), ("call me", "not a phone number"), ("123", None)],
)
def test_bad_numbers_keep_their_text_and_say_why(raw, problem):
    parsed = parse_phone(raw, "US")
    assert not parsed.dialable
    assert parsed.e164 is None
    assert parsed.raw == raw
    assert parsed.problem
    if problem:
        assert parsed.problem == problem


def test_zones_skip_unknown_and_keep_several():
    assert known_zones("+13125550142") == ("America/Chicago",)
    assert set(known_zones("+19075550111")) == {"America/Adak", "America/Anchorage"}
    assert known_zones("+80012345678") == ()  # international freephone: no zone


def test_format_is_national_at_home_and_international_abroad():
    assert format_phone("+13125550142", None, "US") == "(312) 555-0142"
    assert format_phone("+442079460123", None, "US") == "+44 20 7946 0123"
    assert format_phone("+442079460123", None, "GB") == "020 7946 0123"
    assert format_phone("+12125550188", "204", "US") == "(212) 555-0188 ext. 204"
    assert format_phone(None) == ""


def test_digits_of():
    assert digits_of("+1 (312) 555-0142") == "13125550142"
