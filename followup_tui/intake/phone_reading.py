"""Reading many phone numbers fast, with the same answers as `parse_phone`.

`domain.phones.parse_phone` costs about 110 µs a number: phonenumbers works out
the number's type up to four times (to find the region of a +1 number, to
validate, then both again to look up its zones), recompiles-by-cache a dozen
patterns each time, and each zone name is checked by building a pendulum time
zone. An import of 100,000 rows cannot afford that, so `PhoneReader` reads a
plainly written North American number with one regular expression, works out
the type once with the region's patterns compiled once (`_Classifier`, the
same rules as phonenumbers' `_number_type_helper`), looks the zones up by
prefix in phonenumbers' own table, checks each zone name once per import, and
reads a text it has seen before from memory. A property test holds its
answers equal to `parse_phone`'s; anything it does not expect falls back to
`parse_phone` itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType
from phonenumbers.phonenumberutil import (
    COUNTRY_CODE_TO_REGION_CODE,
    is_number_type_geographical,
    national_significant_number,
)
from phonenumbers.tzdata import TIMEZONE_DATA, TIMEZONE_LONGEST_PREFIX

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
        self._known_of: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._zones_by_prefix: dict[str, tuple[str, ...]] = {}
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
        match = _NANP.fullmatch(text)
        if match is not None and (match["plus"] or self._home_is_nanp):
            # What phonenumbers.parse makes of a plainly written North American number
            # ("(312) 555-0142", "+1 312.555.0142 x12"), without its general parser.
            country = 1
            national = (match["area"] or match["area_"]) + match["exchange"] + match["line"]
            extension = match["ext"]
        else:
            try:
                number = phonenumbers.parse(text, self.region)
            except phonenumbers.NumberParseException:
                return parse_phone(text, self.region)  # rare: let the domain word the problem
            country = number.country_code or 0
            national = national_significant_number(number)
            extension = number.extension
        kind = number_type(country, national)
        if kind == PhoneNumberType.UNKNOWN:
            return ParsedPhone(
                text, None, extension or None, False, "not a valid number for its country", ()
            )
        e164 = f"+{country}{national}"  # format_number's E.164 of a valid number
        return ParsedPhone(
            text, e164, extension or None, True, None, self._zones(country, kind, e164)
        )

    def _zones(self, country: int, kind: int, e164: str) -> tuple[str, ...]:
        """What phonenumbers.timezone.time_zones_for_number answers, without the
        second type lookup, by prefix (the first digits that decide it, remembered);
        then only the zones pendulum knows, as parse_phone keeps."""
        if is_number_type_geographical(kind, country):
            digits = e164[1:]
            key = digits[:_PREFIX_KEY]
            if len(key) == _PREFIX_KEY and key not in _DECIDED_LATER:
                zones = self._zones_by_prefix.get(key)
                if zones is None:
                    zones = self._zones_by_prefix[key] = _by_prefix(key)
            else:
                zones = _by_prefix(digits)
        else:
            zones = self._zones_by_country.get(country)
            if zones is None:
                zones = self._zones_by_country[country] = _by_country_prefix(str(country))
        known = self._known_of.get(zones)
        if known is None:
            known = self._known_of[zones] = tuple(zone for zone in zones if self._known(zone))
        return known

    def _known(self, zone: str) -> bool:
        ok = self._zone_ok.get(zone)
        if ok is None:
            ok = self._zone_ok[zone] = zone != UNKNOWN_ZONE and is_known_zone(zone)
        return ok


# Zones are looked up by the longest prefix in phonenumbers' table (up to 9 digits,
# 7 for most of North America: area code and exchange). The first _PREFIX_KEY digits
# decide the answer unless a longer prefix in the table starts with them.
_PREFIX_KEY = 7
_DECIDED_LATER = frozenset(k[:_PREFIX_KEY] for k in TIMEZONE_DATA if len(k) > _PREFIX_KEY)


def _by_prefix(digits: str) -> tuple[str, ...]:
    table = TIMEZONE_DATA
    for length in range(min(TIMEZONE_LONGEST_PREFIX, len(digits)), 0, -1):
        zones = table.get(digits[:length])
        if zones is not None:
            return tuple(zones)
    return (UNKNOWN_ZONE,)


def _by_country_prefix(country: str) -> tuple[str, ...]:
    """phonenumbers' country-level lookup, which tries `country[: 1 + n]` for n >= 1."""
    table = TIMEZONE_DATA
    for length in range(TIMEZONE_LONGEST_PREFIX, 0, -1):
        zones = table.get(country[: 1 + length])
        if zones is not None:
            return tuple(zones)
    return (UNKNOWN_ZONE,)


# -- the type of a number, as phonenumbers.number_type answers it ------------------------

_SPECIAL_TYPES = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)
_Matcher = Callable[[str], object]  # truthy when a national number matches


def _never(national: str) -> bool:
    return False


def _matcher(number_desc: object) -> _Matcher:
    """phonenumbers' _is_number_matching_desc for one PhoneNumberDesc, as one call: the
    possible lengths (none listed means any), then the whole pattern."""
    pattern = getattr(number_desc, "national_number_pattern", None)
    if not pattern:
        return _never
    fullmatch = re.compile(pattern).fullmatch
    lengths = frozenset(getattr(number_desc, "possible_length", None) or ())
    if not lengths:
        return fullmatch
    return lambda national: len(national) in lengths and fullmatch(national)


class _Classifier:
    """phonenumbers' _number_type_helper for one region, its patterns compiled once."""

    def __init__(self, metadata: PhoneMetadata | None) -> None:
        self.exists = metadata is not None
        self.general: _Matcher = _never
        self.special: list[tuple[_Matcher, int]] = []
        self.fixed: _Matcher = _never
        self.mobile: _Matcher = _never
        self.same = False
        self.leading = None
        if metadata is not None:
            self.general = _matcher(metadata.general_desc)
            for attribute, kind in _SPECIAL_TYPES:
                matches = _matcher(getattr(metadata, attribute))
                if matches is not _never:
                    self.special.append((matches, kind))
            self.fixed = _matcher(metadata.fixed_line)
            self.mobile = _matcher(metadata.mobile)
            self.same = bool(metadata.same_mobile_and_fixed_line_pattern)
            if metadata.leading_digits is not None:
                self.leading = re.compile(metadata.leading_digits)

    def type_of(self, national: str) -> int:
        if not self.general(national):
            return PhoneNumberType.UNKNOWN
        for matches, kind in self.special:
            if matches(national):
                return kind
        if self.fixed(national):
            if self.same or self.mobile(national):
                return PhoneNumberType.FIXED_LINE_OR_MOBILE
            return PhoneNumberType.FIXED_LINE
        if not self.same and self.mobile(national):
            return PhoneNumberType.MOBILE
        return PhoneNumberType.UNKNOWN


_classifiers: dict[tuple[int, str, bool], _Classifier] = {}


def _classifier(country_code: int, region: str, in_list: bool = False) -> _Classifier:
    """The classifier of number_type's metadata for `region`; `in_list`: of the metadata
    _region_code_for_number_from_list reads (by region only, never non-geographic)."""
    key = (country_code, region, in_list)
    found = _classifiers.get(key)
    if found is None:
        metadata = (
            PhoneMetadata.metadata_for_region(region.upper(), None)
            if in_list
            else PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
        )
        found = _classifiers[key] = _Classifier(metadata)
    return found


def number_type(country_code: int, national: str) -> int:
    """phonenumbers.number_type of the number with this country code and national
    significant number, working the type out once: phonenumbers works it out once to
    find a shared country code's region (+1: US, CA, the Caribbean) and again for the
    answer."""
    regions = COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    if regions is None:
        return PhoneNumberType.UNKNOWN
    if len(regions) == 1:
        return _classifier(country_code, regions[0]).type_of(national)
    for region in regions:
        classifier = _classifier(country_code, region, in_list=True)
        if not classifier.exists:
            continue
        if classifier.leading is not None:
            if classifier.leading.match(national):
                return _classifier(country_code, region).type_of(national)
        else:
            kind = classifier.type_of(national)
            if kind != PhoneNumberType.UNKNOWN:
                return kind
    return PhoneNumberType.UNKNOWN
