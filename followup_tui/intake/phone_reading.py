"""Reading many phone numbers fast, with the same answers as `parse_phone`.

`domain.phones.parse_phone` costs about 110 µs a number: phonenumbers works out
the number's type twice (once to validate, once to look up its zones) and each
zone name is checked by building a pendulum time zone. An import of 100,000
rows cannot afford that, so `PhoneReader` asks phonenumbers for the type once,
looks the zones up by prefix in phonenumbers' own table, checks each zone name
once per import, and reads a text it has seen before from memory. A property
test holds its answers equal to `parse_phone`'s; anything it does not expect
falls back to `parse_phone` itself.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from phonenumbers import timezone as phone_timezone
from phonenumbers.phonenumberutil import is_number_type_geographical

from followup_tui.domain.clock import is_known_zone
from followup_tui.domain.phones import UNKNOWN_ZONE, ParsedPhone, parse_phone

# A North American number as people write it: optional +1 (or 1 at home), the area
# code (2-9, maybe in brackets), exchange and line with -, . or space, and an
# optional extension. Anything else goes through phonenumbers.parse.
_NANP = re.compile(
    r"(?:(?P<plus>\+1)[-. ]?|1[-. ]?)?"
    r"(?:\((?P<area>[2-9]\d\d)\) ?|(?P<area_>[2-9]\d\d)[-. ]?)"
    r"(?P<exchange>\d{3})[-. ]?(?P<line>\d{4})"
    r"(?: ?(?:x|ext\.?) ?(?P<ext>\d{1,6}))?"
)
_NO_PHONE = ParsedPhone("", None, None, False, "no phone number", ())
_MEMO_LIMIT = 200_000  # distinct texts remembered; beyond that each is read afresh


class PhoneReader:
    """parse_phone for one region, remembering what it has read."""

    def __init__(self, region: str = "US") -> None:
        self.region = region.upper()
        self._memo: dict[str, ParsedPhone] = {}
        self._zone_ok: dict[str, bool] = {}
        self._zones_by_country: dict[int, tuple[str, ...]] = {}
        self._home_is_nanp = phonenumbers.country_code_for_region(self.region) == 1

    def read(self, raw: str | None) -> ParsedPhone:
        text = (raw or "").strip()
        if not text:
            return _NO_PHONE
        found = self._memo.get(text)
        if found is None:
            found = self._parse(text)
            if len(self._memo) < _MEMO_LIMIT:
                self._memo[text] = found
        return found

    def _parse(self, text: str) -> ParsedPhone:
        number = self._nanp(text)
        if number is None:
            try:
                number = phonenumbers.parse(text, self.region)
            except phonenumbers.NumberParseException:
                return parse_phone(text, self.region)  # rare: let the domain word the problem
        kind = phonenumbers.number_type(number)
        if kind == PhoneNumberType.UNKNOWN:
            extension = number.extension or None
            return ParsedPhone(
                text, None, extension, False, "not a valid number for its country", ()
            )
        e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
        return ParsedPhone(
            text, e164, number.extension or None, True, None, self._zones(number, kind, e164)
        )

    def _nanp(self, text: str) -> phonenumbers.PhoneNumber | None:
        """The number phonenumbers.parse would make of a plainly written North American
        number ("(312) 555-0142", "+1 312.555.0142 x12"), without its general parser;
        None for anything else."""
        match = _NANP.fullmatch(text)
        if match is None or (not match["plus"] and not self._home_is_nanp):
            return None
        area = match["area"] or match["area_"]
        national = int(area + match["exchange"] + match["line"])
        return phonenumbers.PhoneNumber(
            country_code=1, national_number=national, extension=match["ext"]
        )

    def _zones(self, number: phonenumbers.PhoneNumber, kind: int, e164: str) -> tuple[str, ...]:
        """What phonenumbers.timezone.time_zones_for_number answers, without the
        second type lookup; then only the zones pendulum knows, as parse_phone keeps."""
        if is_number_type_geographical(kind, number.country_code):
            zones = _by_prefix(e164[1:])
        else:
            country = number.country_code
            zones = self._zones_by_country.get(country)
            if zones is None:
                zones = self._zones_by_country[country] = _by_country_prefix(str(country))
        return tuple(zone for zone in zones if self._known(zone))

    def _known(self, zone: str) -> bool:
        ok = self._zone_ok.get(zone)
        if ok is None:
            ok = self._zone_ok[zone] = zone != UNKNOWN_ZONE and is_known_zone(zone)
        return ok


def _by_prefix(digits: str) -> tuple[str, ...]:
    table = phone_timezone.TIMEZONE_DATA
    for length in range(min(phone_timezone.TIMEZONE_LONGEST_PREFIX, len(digits)), 0, -1):
        zones = table.get(digits[:length])
        if zones is not None:
            return tuple(zones)
    return (UNKNOWN_ZONE,)


def _by_country_prefix(country: str) -> tuple[str, ...]:
    """phonenumbers' country-level lookup, which tries `country[: 1 + n]` for n >= 1."""
    table = phone_timezone.TIMEZONE_DATA
    for length in range(phone_timezone.TIMEZONE_LONGEST_PREFIX, 0, -1):
        zones = table.get(country[: 1 + length])
        if zones is not None:
            return tuple(zones)
    return (UNKNOWN_ZONE,)
