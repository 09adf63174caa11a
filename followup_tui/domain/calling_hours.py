"""Calling hours: when the called party may be phoned, in their local time.

Rules are data (calling_rules.toml beside this file, extended by the rep's
own), not code. Where a number may ring in several zones, a moment is inside
the window only if it is inside it in every one of them, so the window used
is the one that fits all.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, time
from pathlib import Path

import pendulum
from msgspec import Struct, field
from pendulum import DateTime

from followup_tui.domain.caps import zoneinfo
from followup_tui.domain.clock import zone as tz
from followup_tui.domain.country_codes import REGIONS_OF_CODE
from followup_tui.domain.phones import calling_code, region_of, regions_possible

RULES_FILE = Path(__file__).with_name("calling_rules.toml")
SEARCH_DAYS = 10  # how far ahead next_opening looks before saying "never"

Span = tuple[time, time] | None  # None: closed that day


class RulesError(ValueError):
    """A calling-rules file that cannot be used; the message says where and why."""


class WeekHours(Struct, frozen=True):
    """The calling window for each day of the week (Monday is 0)."""

    days: tuple[Span, ...]

    def span(self, weekday: int) -> Span:
        return self.days[weekday]


class CallingRule(Struct, frozen=True):
    name: str
    countries: frozenset[str]  # empty: any country
    area_codes: frozenset[str]
    hours: WeekHours
    max_calls_per_24h: int | None = None

    def matches(self, country: str | None, area_code: str | None) -> bool:
        if self.countries and country not in self.countries:
            return False
        return not self.area_codes or area_code in self.area_codes

    @property
    def specificity(self) -> int:
        return (2 if self.area_codes else 0) + (1 if self.countries else 0)


class CallingRules(Struct, frozen=True, dict=True):
    default: WeekHours
    rules: tuple[CallingRule, ...] = field(default_factory=tuple)

    @property
    def _by_prefix(self) -> dict[str, CallingRule | None]:
        """The rule by number prefix (see region_key): the queue asks for every due
        prospect. Kept beside the fields (dict=True), never part of the value."""
        return self.__dict__.setdefault("by_prefix", {})

    def rule_for(self, e164: str | None) -> CallingRule | None:
        """The most specific rule for a number, or None for the default window."""
        if not e164:
            return self._match(None, None)
        key = region_key(e164)
        try:
            return self._by_prefix[key]
        except KeyError:
            rule = self._by_prefix[key] = self._rule_by_country(e164)
            return rule

    def _rule_by_country(self, e164: str) -> CallingRule | None:
        """The rule for the number's country. Where countries share its code, the
        number is parsed only if their rules differ: parsing compiles that country's
        patterns (25 ms for the first page of a queue with a few shared codes)."""
        area = nanp_area_code(e164)
        possible = regions_possible(e164)
        if len(possible) > 1:
            rules = {id(rule): rule for rule in (self._match(c, area) for c in possible)}
            if len(rules) == 1:
                return next(iter(rules.values()))
        return self._match(region_of(e164), area)

    def _match(self, country: str | None, area: str | None) -> CallingRule | None:
        found = [rule for rule in self.rules if rule.matches(country, area)]
        return max(found, key=lambda rule: rule.specificity) if found else None

    def hours_for(self, e164: str | None) -> WeekHours:
        rule = self.rule_for(e164)
        return rule.hours if rule else self.default


SHARED_CODE_DIGITS = 6
"""National digits that tell apart the regions sharing a calling code (+44 1534 is
Jersey, +61 8 9164 Christmas Island, +7 7 Kazakhstan): four or five suffice."""


_KEY_SIZE: dict[str, int] = {}
"""How long region_key is for numbers that start with these four characters (the
calling code is at most three digits); 0: the whole number."""


def region_key(e164: str) -> str:
    """The start of a number that decides its country and, in North America, its area
    code, and so its calling rule: '+1312' for Chicago, '+33' for any French number,
    '+44153' + digits for the UK's shared code. Never the whole number (unless no
    country has its code), so that one answer serves every number that shares it."""
    size = _KEY_SIZE.get(e164[:4])
    if size is None:
        size = _KEY_SIZE[e164[:4]] = _key_size(e164)
    return e164[:size] if size else e164


def _key_size(e164: str) -> int:
    if e164.startswith("+1"):
        return 5
    code = calling_code(e164)
    if not code:
        return 0  # no country has this code: nothing shares its answer
    shared = len(REGIONS_OF_CODE[int(code)]) > 1
    return 1 + len(code) + (SHARED_CODE_DIGITS if shared else 0)


def nanp_area_code(e164: str | None) -> str | None:
    """'312' for +13125550142; None outside the North American plan."""
    if e164 and e164.startswith("+1") and len(e164) >= 5:
        return e164[2:5]
    return None


def is_open(moment: datetime, zones: tuple[str, ...], hours: WeekHours) -> bool:
    """Whether `moment` is inside the calling window in every one of `zones`."""
    if not zones:
        return False
    stamp = moment.timestamp()
    return all(_open_in(datetime.fromtimestamp(stamp, zoneinfo(name)), hours) for name in zones)


def _open_in(local: datetime, hours: WeekHours) -> bool:
    span = hours.span(local.weekday())
    if span is None:
        return False
    start, end = span
    return start <= local.time() < end


def next_opening(moment: DateTime, zones: tuple[str, ...], hours: WeekHours) -> DateTime | None:
    """The first moment at or after `moment` that is open in every zone; None if none
    comes within SEARCH_DAYS (zones too far apart, or every day closed)."""
    if not zones:
        return None
    candidate = moment
    for _ in range(SEARCH_DAYS * 4 * len(zones)):
        closed = [name for name in zones if not is_open(candidate, (name,), hours)]
        if not closed:
            return candidate
        later = [_next_start(candidate.in_tz(tz(name)), hours) for name in closed]
        if any(start is None for start in later):
            return None
        candidate = max(start for start in later if start is not None).in_tz("UTC")
        if (candidate - moment).in_days() > SEARCH_DAYS:
            return None
    return None


def _next_start(local: DateTime, hours: WeekHours) -> DateTime | None:
    """The next start of a window in `local`'s zone, strictly after it is closed now."""
    day = local.start_of("day")
    for offset in range(SEARCH_DAYS):
        date = day.add(days=offset)
        span = hours.span(date.weekday())
        if span is None:
            continue
        start = pendulum.datetime(date.year, date.month, date.day, span[0].hour,
                                  span[0].minute, tz=local.timezone)  # fmt: skip
        end = pendulum.datetime(date.year, date.month, date.day, span[1].hour,
                                span[1].minute, tz=local.timezone)  # fmt: skip
        if local < start:
            return start
        if start <= local < end:
            return local
    return None


def load_rules(extra: Path | None = None) -> CallingRules:
    """The shipped rules, with the rep's file (if any) layered on top."""
    rules = _read(RULES_FILE, None)
    if extra is not None and extra.exists():
        rules = _read(extra, rules)
    return rules


def _read(path: Path, base: CallingRules | None) -> CallingRules:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise RulesError(f"{path}: cannot read it ({err})") from err
    default = base.default if base else None
    if "default" in data:
        default = _week(path, "[default]", data["default"], default)
    if default is None:
        raise RulesError(f"{path}: needs a [default] table of hours")
    by_name = {rule.name: rule for rule in (base.rules if base else ())}
    for number, body in enumerate(data.get("rule", []), 1):
        rule = _rule(path, number, body, default)
        by_name[rule.name] = rule
    return CallingRules(default, tuple(by_name.values()))


def _rule(path: Path, number: int, body: object, default: WeekHours) -> CallingRule:
    where = f"{path}: rule {number}"
    if not isinstance(body, dict) or not isinstance(body.get("name"), str):
        raise RulesError(f"{where}: needs a name")
    country = body.get("country", [])
    countries = [country] if isinstance(country, str) else country
    if not isinstance(countries, list) or not all(
        isinstance(c, str) and len(c) == 2 and c.isalpha() for c in countries
    ):
        raise RulesError(f"{where}: country is a two-letter code such as US, or a list of them")
    codes = body.get("area_codes", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) and c.isdigit() for c in codes):
        raise RulesError(f"{where}: area_codes is a list of digit strings")
    limit = body.get("max_calls_per_24h")
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise RulesError(f"{where}: max_calls_per_24h is a whole number of at least 1")
    return CallingRule(
        name=body["name"],
        countries=frozenset(c.upper() for c in countries),
        area_codes=frozenset(codes),
        hours=_week(path, f"rule {body['name']!r}", body, default),
        max_calls_per_24h=limit,
    )


def _week(path: Path, where: str, body: object, fallback: WeekHours | None) -> WeekHours:
    if not isinstance(body, dict):
        raise RulesError(f"{path}: {where} must be a table")
    spans: dict[str, Span] = {}
    for key, index in (("weekdays", 0), ("saturday", 5), ("sunday", 6)):
        if key in body:
            spans[key] = _span(path, where, key, body[key])
        elif fallback is not None:
            spans[key] = fallback.span(index)
        else:
            raise RulesError(f'{path}: {where} needs {key} = "HH:MM-HH:MM" or "closed"')
    return WeekHours((spans["weekdays"],) * 5 + (spans["saturday"], spans["sunday"]))


def _span(path: Path, where: str, key: str, value: object) -> Span:
    if value == "closed":
        return None
    try:
        start_text, end_text = str(value).split("-")
        start, end = time.fromisoformat(start_text.strip()), time.fromisoformat(end_text.strip())
    except ValueError as err:
        raise RulesError(
            f'{path}: {where}: {key} = {value!r}; write "HH:MM-HH:MM" or "closed"'
        ) from err
    if not start < end:
        raise RulesError(f"{path}: {where}: {key} must start before it ends")
    return (start, end)
