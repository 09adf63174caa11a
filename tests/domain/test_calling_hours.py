from datetime import time

import pendulum
import pytest

from followup_tui.domain.calling_hours import (
    RulesError,
    is_open,
    load_rules,
    nanp_area_code,
    next_opening,
    region_key,
)

RULES = load_rules()
# Monday 23 Nov 2026 13:30 UTC: 07:30 in Chicago, 13:30 in London, 03:30 in Honolulu,
# 04:30 in Anchorage (03:30 in Adak), 00:30 Tuesday in Sydney.
NOW = pendulum.datetime(2026, 11, 23, 13, 30, tz="UTC")


def test_chicago_before_eight_is_closed_until_eight_local_and_london_is_open():
    chicago, london = ("America/Chicago",), ("Europe/London",)
    assert not is_open(NOW, chicago, RULES.default)
    assert next_opening(NOW, chicago, RULES.default) == pendulum.datetime(
        2026, 11, 23, 8, 0, tz="America/Chicago"
    )
    assert is_open(NOW, london, RULES.default)
    assert next_opening(NOW, london, RULES.default) == NOW


def test_honolulu_opens_at_eight_hawaii_time():
    opening = next_opening(NOW, ("Pacific/Honolulu",), RULES.default)
    assert opening.in_tz("Pacific/Honolulu").format("HH:mm") == "08:00"


def test_alaska_numbers_must_be_open_in_both_of_their_zones():
    zones = ("America/Adak", "America/Anchorage")
    opening = next_opening(NOW, zones, RULES.default)
    # 08:00 in Adak is 09:00 in Anchorage: the window that fits both.
    assert opening.in_tz("America/Adak").hour == 8
    assert opening.in_tz("America/Anchorage").hour == 9
    closing = pendulum.datetime(2026, 11, 23, 20, 30, tz="America/Anchorage")  # 19:30 Adak
    assert is_open(closing, zones, RULES.default)
    assert not is_open(closing.add(minutes=31), zones, RULES.default)  # 21:01 Anchorage


def test_state_rules_are_data_florida_stops_at_eight():
    florida = RULES.rule_for("+13055550100")
    assert florida.name == "Florida" and florida.max_calls_per_24h == 3
    evening = pendulum.datetime(2026, 11, 23, 20, 15, tz="America/New_York")
    assert not is_open(evening, ("America/New_York",), florida.hours)
    assert is_open(evening, ("America/New_York",), RULES.hours_for("+12125550100"))
    assert RULES.rule_for("+14055550111").name == "Oklahoma"
    assert RULES.rule_for("+13125550142") is None


def test_australia_never_on_sunday():
    hours = RULES.hours_for("+61255501234")
    sunday_noon = pendulum.datetime(2026, 11, 22, 12, 0, tz="Australia/Sydney")
    assert not is_open(sunday_noon, ("Australia/Sydney",), hours)
    assert next_opening(sunday_noon, ("Australia/Sydney",), hours) == pendulum.datetime(
        2026, 11, 23, 9, 0, tz="Australia/Sydney"
    )


def test_daylight_saving_is_handled_by_the_zone():
    # US clocks go forward on 8 Mar 2026; 08:00 local is 14:00 UTC before, 13:00 after.
    before = next_opening(pendulum.datetime(2026, 3, 6, 12, tz="UTC"), ("America/Chicago",),
                          RULES.default)  # fmt: skip
    after = next_opening(pendulum.datetime(2026, 3, 9, 12, tz="UTC"), ("America/Chicago",),
                         RULES.default)  # fmt: skip
    assert (before.hour, after.hour) == (14, 13)


def test_no_zone_is_never_open():
    assert not is_open(NOW, (), RULES.default)
    assert next_opening(NOW, (), RULES.default) is None


def test_area_codes():
    assert nanp_area_code("+13055550100") == "305"
    assert nanp_area_code("+442079460123") is None
    assert nanp_area_code(None) is None


def test_a_reps_file_adds_and_replaces_rules(tmp_path):
    extra = tmp_path / "calling_rules.toml"
    extra.write_text(
        '[default]\nweekdays = "09:00-18:00"\n\n'
        '[[rule]]\nname = "Florida"\ncountry = "US"\narea_codes = ["305"]\n'
        'weekdays = "10:00-17:00"\n\n'
        '[[rule]]\nname = "Germany"\ncountry = "DE"\nsunday = "closed"\n'
    )
    rules = load_rules(extra)
    assert rules.default.span(0) == (time(9), time(18))
    assert rules.default.span(6) == (time(8), time(21))  # kept from the shipped default
    assert rules.rule_for("+13055550100").hours.span(0) == (time(10), time(17))
    assert rules.rule_for("+4930901820").hours.span(6) is None
    assert [r.name for r in rules.rules].count("Florida") == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[default]\nweekdays = "8-21"\n', "HH:MM-HH:MM"),
        ('[default]\nweekdays = "21:00-08:00"\n', "start before"),
        ('[[rule]]\nname = "X"\ncountry = "USA"\n', "two-letter"),
        ('[[rule]]\nname = "X"\nmax_calls_per_24h = 0\n', "at least 1"),
        ("[[rule]\n", "cannot read"),
    ],
)
def test_broken_rule_files_say_what_is_wrong(tmp_path, text, problem):
    path = tmp_path / "calling_rules.toml"
    path.write_text(text)
    with pytest.raises(RulesError, match=problem):
        load_rules(path)


def test_rules_are_cached_by_prefix_but_never_across_countries(tmp_path):
    """The UK code is shared with Jersey, Guernsey and the Isle of Man: a UK rule must
    not reach a Jersey number because a London number was asked about first."""
    extra = tmp_path / "calling_rules.toml"
    extra.write_text('[[rule]]\nname = "UK"\ncountry = "GB"\nweekdays = "09:00-17:00"\n')
    rules = load_rules(extra)
    for _ in range(2):  # the second round answers from the cache
        assert rules.rule_for("+442079460123").name == "UK"
        assert rules.rule_for("+441534555123") is None  # Jersey
        assert rules.rule_for("+13055550100").name == "Florida"
        assert rules.rule_for("+13125550142") is None
        assert rules.rule_for("+61255501234").name == "Australia"
    assert region_key("+13125550142") == "+1312"
    assert region_key("+33142685300") == "+33"
    assert region_key("+441534555123") == "+44153455"
    assert region_key("+99912345") == "+99912345"  # no country has +999


def test_a_shared_code_is_not_parsed_when_its_countries_share_a_rule(monkeypatch, tmp_path):
    """+44 is the UK's, Jersey's, Guernsey's and the Isle of Man's; none has a rule of
    its own in the shipped file, so the default serves all of them without parsing
    the number (parsing loads phonenumbers: a tenth of the app's start-up). +61's
    countries share the Australia rule. A number is parsed only where its
    countries' rules differ."""
    import phonenumbers

    def refuse(*_args: object) -> None:
        raise AssertionError("parsed")

    rules, parse = load_rules(), phonenumbers.parse
    monkeypatch.setattr(phonenumbers, "parse", refuse)
    assert rules.rule_for("+441534555123") is None
    assert rules.rule_for("+79161234567") is None  # Russia, shared with Kazakhstan
    assert rules.rule_for("+61891641234").name == "Australia"  # Christmas Island
    assert rules.rule_for("+61891621234").name == "Australia"  # the Cocos Islands
    extra = tmp_path / "calling_rules.toml"
    extra.write_text('[[rule]]\nname = "Jersey"\ncountry = "JE"\nweekdays = "10:00-16:00"\n')
    jersey = load_rules(extra)
    with pytest.raises(AssertionError, match="parsed"):  # now +44's countries differ
        jersey.rule_for("+441534555123")
    monkeypatch.setattr(phonenumbers, "parse", parse)
    assert jersey.rule_for("+441534555123").name == "Jersey"
    assert jersey.rule_for("+442079460000") is None  # London


def test_a_rule_names_one_country_or_several(tmp_path):
    extra = tmp_path / "calling_rules.toml"
    extra.write_text('[[rule]]\nname = "Isles"\ncountry = ["je", "GG"]\nsunday = "closed"\n')
    rules = load_rules(extra)
    assert rules.rule_for("+441481256789").name == "Isles"  # Guernsey
    for bad in ('"GBR"', '["GB", 44]', '["G1"]', "{}"):
        extra.write_text(f'[[rule]]\nname = "Bad"\ncountry = {bad}\n')
        with pytest.raises(RulesError, match="two-letter code such as US, or a list"):
            load_rules(extra)


def test_every_countrys_rule_is_the_one_its_parsed_country_gets(tmp_path):
    """A rule for every country: each example number gets its own country's rule,
    whether or not it shares a code."""
    import phonenumbers

    extra = tmp_path / "calling_rules.toml"
    extra.write_text(
        "".join(
            f'[[rule]]\nname = "{region}"\ncountry = "{region}"\nweekdays = "09:00-17:00"\n'
            for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        )
    )
    rules = load_rules(extra)
    wrong = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
        if number is None:
            continue
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        rule = rules.rule_for(e164)
        said = phonenumbers.region_code_for_number(number)
        if said != "001" and (rule is None or said not in rule.countries):
            wrong.append((region, e164, rule.countries if rule else None))
    assert not wrong
