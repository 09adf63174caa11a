"""Reading many phone numbers fast, with the same answers as `parse_phone`.

`domain.phones.parse_phone` costs about 110 µs a number: phonenumbers works out
the number's type up to four times (to find the region of a +1 number, to
validate, then both again to look up its zones), recompiles-by-cache a dozen
patterns each time, and each zone name is checked by building a pendulum time
zone. An import of 100,000 rows cannot afford that, so `PhoneReader` reads a
plainly written North American number with one regular expression (and a
"+44 20 7946 0123" by its country code, see `_international`), works out the
type once, in one regex call, with the region's patterns compiled once
(`_Classifier`, the same rules as phonenumbers' `_number_type_helper`), looks
the zones up by prefix in phonenumbers' own table, checks each zone name once
per import, and reads a text it has seen before from memory. Property tests
hold its answers equal to `parse_phone`'s (and `number_type`'s to
phonenumbers'); anything it does not expect falls back to phonenumbers.parse, and
a text that refuses gets the domain's words for why (`_unreadable`).
"""

from __future__ import annotations

import re
import traceback
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
from followup_tui.domain.phones import UNKNOWN_ZONE, ParsedPhone, parse_problem

# A North American number as people write it: optional +1 (or 1 at home), the area
# code (2-9, maybe in brackets), exchange and line with -, . or space, and an
# optional extension. Anything else goes through phonenumbers.parse, which also reads
# digits of other scripts ("５", "٥"): \d is ASCII-only here.
_NANP = re.compile(
    r"(?:(?P<plus>\+1)[-. ]?|1[-. ]?)?"
    r"(?:\((?P<area>[2-9]\d\d)\) ?|(?P<area_>[2-9]\d\d)[-. ]?)"
    r"(?P<exchange>\d{3})[-. ]?(?P<line>\d{4})"
    r"(?: ?(?:x|ext\.?) ?(?P<ext>\d{1,6}))?",
    re.ASCII,
)
# "+44 20 7946 0123": a plus and digits in groups, which phonenumbers.parse reads as the
# country code and the rest (see _international).
_PLUS_DIGITS = re.compile(r"\+\d+(?: \d+)*", re.ASCII)
_NO_PHONE = ParsedPhone("", None, None, False, "no phone number", ())
_MEMO_LIMIT = 200_000  # distinct texts remembered; beyond that each is read afresh


class PhoneReader:
    """parse_phone for one region, remembering what it has read."""

    def __init__(self, region: str = "US") -> None:
        self.region = region.upper()
        self._memo: dict[str, ParsedPhone] = {}
        self._zone_ok: dict[str, bool] = {}
        self._known_of: dict[tuple[str, ...], tuple[str, ...]] = {}  # zones -> known ones
        self._known_by_prefix: dict[str, tuple[str, ...]] = {}  # see _PREFIX_KEY
        self._known_by_country: dict[int, tuple[str, ...]] = {}  # non-geographic numbers
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
            _, area, area_, exchange, line, extension = match.groups()
            country = 1
            national = (area or area_) + exchange + line
        elif (international := _international(text)) is not None:
            country, national = international
            extension = None
        else:
            try:
                number = phonenumbers.parse(text, self.region)
            except phonenumbers.NumberParseException as err:
                return _unreadable(text, err)
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
        second type lookup, by prefix (the first digits that decide it, remembered
        with the answer); then only the zones pendulum knows, as parse_phone keeps."""
        if is_number_type_geographical(kind, country):
            key = e164[1 : 1 + _PREFIX_KEY]
            known = self._known_by_prefix.get(key)
            if known is None:
                if len(key) == _PREFIX_KEY and key not in _DECIDED_LATER:
                    known = self._known_by_prefix[key] = self._only_known(_by_prefix(key))
                else:
                    known = self._only_known(_by_prefix(e164[1:]))
        else:
            known = self._known_by_country.get(country)
            if known is None:
                zones = _by_country_prefix(str(country))
                known = self._known_by_country[country] = self._only_known(zones)
        return known

    def _only_known(self, zones: tuple[str, ...]) -> tuple[str, ...]:
        known = self._known_of.get(zones)
        if known is None:
            known = self._known_of[zones] = tuple(zone for zone in zones if self._known(zone))
        return known

    def _known(self, zone: str) -> bool:
        ok = self._zone_ok.get(zone)
        if ok is None:
            ok = self._zone_ok[zone] = zone != UNKNOWN_ZONE and is_known_zone(zone)
        return ok


def _unreadable(text: str, err: phonenumbers.NumberParseException) -> ParsedPhone:
    """parse_phone's answer for a text phonenumbers.parse refused (the domain words the
    problem), with the frames of `err` cleared first.

    phonenumbers.parse keeps an exception it caught in a local (a text with a plus and
    an unknown country code): a reference cycle through its frame, and that frame links
    up to every frame of the import that called it. With the cycle collector off for
    the import (importing.no_cycle_collection), the cycle would keep all they hold,
    every row read, alive until a collection after the import, which then walks them
    all: half a second for 100,000 rows. Cleared, they are freed as they go.
    """
    traceback.clear_frames(err.__traceback__)
    return ParsedPhone(text, None, None, False, parse_problem(err), ())


def _international(text: str) -> tuple[int, str] | None:
    """(country code, national number) of a number written as a plus and digits in
    groups, as phonenumbers.parse reads it: the shortest known country code that
    starts the digits, then the rest. None for anything else, and wherever parse might
    read more into it: no known code, a national number of fewer than 2 or more than
    17 digits, or one that starts with what its country's national prefix could be."""
    if not _PLUS_DIGITS.fullmatch(text):
        return None
    digits = text[1:].replace(" ", "")
    if digits[0] == "0":
        return None
    for length in range(1, min(len(digits), 3) + 1):
        country = int(digits[:length])
        if country in COUNTRY_CODE_TO_REGION_CODE:
            national = digits[length:]
            prefix = _national_prefix(country)
            if not 2 <= len(national) <= 17 or (prefix is not None and prefix.match(national)):
                return None
            return country, national
    return None


_national_prefixes: dict[int, re.Pattern[str] | None] = {}


def _national_prefix(country: int) -> re.Pattern[str] | None:
    """The pattern parse strips as a national prefix (a trunk 0, a carrier code) from
    the numbers of this country code, compiled once."""
    if country not in _national_prefixes:
        region = phonenumbers.region_code_for_country_code(country)
        metadata = PhoneMetadata.metadata_for_region_or_calling_code(country, region)
        pattern = metadata.national_prefix_for_parsing if metadata is not None else None
        _national_prefixes[country] = re.compile(pattern) if pattern else None
    return _national_prefixes[country]


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
_Desc = tuple[str, frozenset[int]]  # a PhoneNumberDesc's pattern and possible lengths
_FullMatch = Callable[[str], "re.Match[str] | None"]


def _desc(number_desc: object) -> _Desc | None:
    """A PhoneNumberDesc as phonenumbers' _is_number_matching_desc reads it: its pattern
    and possible lengths (none listed means any); None when it has no pattern."""
    pattern = getattr(number_desc, "national_number_pattern", None)
    if not pattern:
        return None
    return pattern, frozenset(getattr(number_desc, "possible_length", None) or ())


def _fits(desc: _Desc | None, length: int) -> bool:
    """Whether a number of `length` digits may match `desc` at all."""
    return desc is not None and (not desc[1] or length in desc[1])


def _no_match(national: str) -> None:
    return None


# What the branch that matched means (fixed line: whether it is also mobile is asked apart).
_FIXED_LINE = -1


class _Classifier:
    """phonenumbers' _number_type_helper for one region, as one regular expression for
    each length of number: the general pattern as a lookahead, then the type patterns
    in the order _number_type_helper tries them, as branches of one alternation. A
    fullmatch tries the branches in order, so the branch that matches is the type
    _number_type_helper answers; one call instead of one per pattern."""

    def __init__(self, metadata: PhoneMetadata | None) -> None:
        self.exists = metadata is not None
        self.leading: re.Pattern[str] | None = None
        self._general: _Desc | None = None
        self._branches: list[tuple[int, _Desc | None]] = []  # (type or _FIXED_LINE, desc)
        self._mobile: _Desc | None = None
        self._same = False
        self._by_length: dict[int, tuple[_FullMatch, _FullMatch, dict[str | None, int]]] = {}
        if metadata is None:
            return
        self._general = _desc(metadata.general_desc)
        self._branches = [(kind, _desc(getattr(metadata, a))) for a, kind in _SPECIAL_TYPES]
        self._branches.append((_FIXED_LINE, _desc(metadata.fixed_line)))
        self._mobile = _desc(metadata.mobile)
        self._same = bool(metadata.same_mobile_and_fixed_line_pattern)
        if not self._same:
            self._branches.append((PhoneNumberType.MOBILE, self._mobile))
        if metadata.leading_digits is not None:
            self.leading = re.compile(metadata.leading_digits)

    def type_of(self, national: str) -> int:
        found = self._by_length.get(len(national))
        if found is None:
            found = self._by_length[len(national)] = self._compile(len(national))
        fullmatch, mobile, kinds = found
        match = fullmatch(national)
        if match is None:
            return PhoneNumberType.UNKNOWN
        kind = kinds[match.lastgroup]
        if kind != _FIXED_LINE:
            return kind
        if self._same or mobile(national):
            return PhoneNumberType.FIXED_LINE_OR_MOBILE
        return PhoneNumberType.FIXED_LINE

    def _compile(self, length: int) -> tuple[_FullMatch, _FullMatch, dict[str | None, int]]:
        """The expression for numbers of `length` digits, the mobile pattern's fullmatch,
        and the type each branch's group names. A pattern whose possible lengths rule
        `length` out is left out: _is_number_matching_desc never matches it."""
        kinds: dict[str | None, int] = {}
        branches: list[str] = []
        for kind, desc in self._branches:
            if desc is not None and _fits(desc, length):
                name = f"b{len(branches)}"  # the outermost group matched: match.lastgroup
                kinds[name] = kind
                branches.append(f"(?P<{name}>{desc[0]})")
        general = self._general
        if general is None or not _fits(general, length) or not branches:
            return _no_match, _no_match, kinds
        expression = re.compile(f"(?=(?:{general[0]})\\Z)(?:{'|'.join(branches)})")
        mobile = self._mobile
        fits_mobile = mobile is not None and _fits(mobile, length)
        mobile_match = re.compile(mobile[0]).fullmatch if mobile and fits_mobile else _no_match
        return expression.fullmatch, mobile_match, kinds


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


_Plan = _Classifier | list[tuple[_Classifier, _Classifier]]
_plans: dict[int, _Plan] = {}


def _plan(country_code: int) -> _Plan:
    """How number_type answers for a country code: the one region's classifier, or for a
    shared code, each region's pair (the classifier _region_code_for_number_from_list
    tries, the one that answers) in phonenumbers' order, regions it has no metadata
    for left out."""
    regions = COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
    if len(regions) == 1:
        return _classifier(country_code, regions[0])
    pairs = [
        (_classifier(country_code, region, in_list=True), _classifier(country_code, region))
        for region in regions
    ]
    return [(tried, answers) for tried, answers in pairs if tried.exists]


def number_type(country_code: int, national: str) -> int:
    """phonenumbers.number_type of the number with this country code and national
    significant number, working the type out once: phonenumbers works it out once to
    find a shared country code's region (+1: US, CA, the Caribbean) and again for the
    answer."""
    plan = _plans.get(country_code)
    if plan is None:
        plan = _plans[country_code] = _plan(country_code)
    if isinstance(plan, _Classifier):
        return plan.type_of(national)
    for tried, answers in plan:
        if tried.leading is not None:
            if tried.leading.match(national):
                return answers.type_of(national)
        else:
            kind = tried.type_of(national)
            if kind != PhoneNumberType.UNKNOWN:
                return kind
    return PhoneNumberType.UNKNOWN
