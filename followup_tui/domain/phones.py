"""Phone numbers: parsed once at the edge, stored as E.164 beside the raw text.

Only the cheap parts of phonenumbers are used here; its geocoder and carrier
data are slow to import and the app does not need them. Even the cheap parts cost
about a tenth of the app's start-up, so phonenumbers is imported where a number is
parsed or formatted: judging the queue's first page reads the shipped tables only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from msgspec import Struct

from followup_tui.domain.clock import is_known_zone
from followup_tui.domain.country_codes import REGIONS_OF_CODE
from followup_tui.domain.nanp_areas import COUNTRY_OF_AREA

if TYPE_CHECKING:
    import phonenumbers

UNKNOWN_ZONE = "Etc/Unknown"


class ParsedPhone(Struct, frozen=True):
    """What we learned from the text a rep or a CRM typed."""

    raw: str
    e164: str | None
    extension: str | None
    valid: bool
    problem: str | None
    zones: tuple[str, ...]

    @property
    def dialable(self) -> bool:
        return self.valid and self.e164 is not None


def parse_phone(raw: str | None, region: str = "US") -> ParsedPhone:
    """Parse `raw` as typed, with `region` for numbers written without a country code."""
    import phonenumbers

    text = (raw or "").strip()
    if not text:
        return ParsedPhone(text, None, None, False, "no phone number", ())
    try:
        number = phonenumbers.parse(text, region.upper())
    except phonenumbers.NumberParseException as err:
        return ParsedPhone(text, None, None, False, parse_problem(err), ())
    extension = number.extension or None
    if not phonenumbers.is_valid_number(number):
        return ParsedPhone(text, None, extension, False, "not a valid number for its country", ())
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return ParsedPhone(text, e164, extension, True, None, known_zones(number))


def parse_problem(err: phonenumbers.NumberParseException) -> str:
    """Why phonenumbers refused a text, in the rep's words (the import says the same)."""
    import phonenumbers

    reasons = {
        phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "no country code, and none assumed",
        phonenumbers.NumberParseException.NOT_A_NUMBER: "not a phone number",
        phonenumbers.NumberParseException.TOO_SHORT_NSN: "too short",
        phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too short",
        phonenumbers.NumberParseException.TOO_LONG: "too long",
    }
    return reasons.get(err.error_type, "not a phone number")


def known_zones(number: phonenumbers.PhoneNumber | str) -> tuple[str, ...]:
    """The time zones a number may ring in; empty when phonenumbers does not know."""
    import phonenumbers
    from phonenumbers import timezone as phone_timezone

    if isinstance(number, str):
        try:
            number = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException:
            return ()
    zones = phone_timezone.time_zones_for_number(number)
    return tuple(z for z in zones if z != UNKNOWN_ZONE and is_known_zone(z))


def format_phone(e164: str | None, extension: str | None = None, home_region: str = "US") -> str:
    """A number as a person reads it: national form at home, international abroad."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    same_country = phonenumbers.region_code_for_number(number) == home_region.upper()
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if same_country
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    text = phonenumbers.format_number(number, style)
    ext = extension or number.extension
    return f"{text} ext. {ext}" if ext else text


def typing_region(e164: str | None, home_region: str) -> str:
    """The country a number typed for a prospect without its country code is read
    in: that of the number it corrects or joins (a British prospect's '0161 496
    0250' is British, not an invalid US number), else the rep's own."""
    return region_of(e164) or home_region


def region_of(e164: str | None) -> str | None:
    """The ISO country of a stored number, e.g. 'US' or 'GB'.

    What phonenumbers' region_code_for_number says, without parsing the number when
    its country code belongs to one country (most) or its area code is in the US
    and Canadian table: parsing loads that country's metadata, a module import each
    (the queue's first page meets twenty countries or more)."""
    if not e164:
        return None
    possible = regions_possible(e164)
    if len(possible) == 1:
        return possible[0]
    import phonenumbers

    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return None


def regions_possible(e164: str) -> tuple[str, ...]:
    """The countries a stored number can belong to, from its country code and, in
    North America, the area-code table alone: one for most numbers; several where
    countries share a code (+44: GB, GG, IM, JE) or the area code is not in the
    table; none when no country has the code. Only parsing tells those apart."""
    if e164.startswith("+1"):
        country = COUNTRY_OF_AREA.get(e164[2:5])
        return (country,) if country is not None else REGIONS_OF_CODE[1]
    code = calling_code(e164)
    return REGIONS_OF_CODE[int(code)] if code else ()


def calling_code(e164: str) -> str:
    """The country calling code a stored number starts with ('44' for +44 20 7946
    0395); '' when no country has it. Codes are prefix-free, as phonenumbers reads
    them: the first of one, two or three digits that a country has is the code."""
    if e164.startswith("+"):
        for size in (1, 2, 3):
            code = e164[1 : 1 + size]
            if code.isdigit() and int(code) in REGIONS_OF_CODE:
                return code
    return ""


def digits_of(text: str) -> str:
    """Only the digits: how phone searches compare numbers typed different ways."""
    return "".join(ch for ch in text if ch.isdigit())
