"""The shipped area-code table agrees with phonenumbers' geocoder (which the app
never imports: it costs about 100 MiB). Run this file as a script to print the
table anew: `python -m tests.domain.test_nanp_areas`."""

from __future__ import annotations

import phonenumbers
from phonenumbers import geocoder

from followup_tui.domain.nanp_areas import SUBDIVISION_OF_AREA
from followup_tui.domain.public_holidays import SUBDIVISION_OF_NAME
from tests.imports import loaded_after


def from_the_geocoder() -> dict[str, str]:
    """Every North American area code the geocoder places in one state or province."""
    found = {}
    for area in range(200, 1000):
        try:
            number = phonenumbers.parse(f"+1{area}5550100", None)
        except phonenumbers.NumberParseException:
            continue
        described = geocoder.description_for_number(number, "en")
        if ", " in described:
            subdivision = described.rsplit(", ", 1)[1] or None
        else:
            subdivision = SUBDIVISION_OF_NAME.get(described)
        if subdivision:
            found[str(area)] = subdivision
    return found


def table_source(table: dict[str, str]) -> str:
    items = [f'"{area}": "{sub}"' for area, sub in sorted(table.items())]
    rows = [", ".join(items[i : i + 7]) for i in range(0, len(items), 7)]
    return "\n".join(f"    {row}," for row in rows)


def test_the_table_is_what_the_geocoder_says():
    assert from_the_geocoder() == SUBDIVISION_OF_AREA, (
        "regenerate followup_tui/domain/nanp_areas.py:\n" + table_source(from_the_geocoder())
    )


def test_the_app_never_loads_the_geocoder():
    code = (
        "from followup_tui.domain.public_holidays import calendar_for;"
        " cal = calendar_for('+13125550142'); assert cal.where == 'US-IL', cal.where"
    )
    assert loaded_after(code, "phonenumbers.geocoder") == {"phonenumbers.geocoder": False}


if __name__ == "__main__":
    print(table_source(from_the_geocoder()))


def test_the_country_of_an_area_code_is_what_phonenumbers_says():
    """region_of reads +1 numbers' country from the table: it must agree with
    phonenumbers for every area code in it, whatever the rest of the number."""
    from followup_tui.domain.nanp_areas import COUNTRY_OF_AREA
    from followup_tui.domain.phones import region_of

    disagree = []
    for area, country in COUNTRY_OF_AREA.items():
        for rest in ("5550123", "2345678", "9876543"):
            number = phonenumbers.parse(f"+1{area}{rest}", None)
            said = phonenumbers.region_code_for_number(number)
            if said != country or region_of(f"+1{area}{rest}") != country:
                disagree.append((area, rest, said, country))
    assert not disagree
    assert region_of("+18095550123") == "DO"  # not in the table: phonenumbers decides
    assert region_of("+17875550123") == "PR"


def test_the_country_of_any_number_is_what_phonenumbers_says():
    """region_of reads the country from the country code when only one country has
    it: the same answer as parsing, for an example number of every region."""
    from followup_tui.domain.phones import region_of

    disagree = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
            number = phonenumbers.example_number_for_type(region, kind)
            if number is None:
                continue
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            if region_of(e164) != phonenumbers.region_code_for_number(number):
                disagree.append((region, e164))
    assert not disagree
    assert region_of("+999123") is None and region_of("not a number") is None
