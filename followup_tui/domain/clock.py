"""The one clock of the app.

Every read of the current time goes through `now()`, so that `FOLLOWUP_NOW` can
start the app at a chosen moment (demos, tests) and the clock runs on from it.
Tests can freeze it and move it by hand instead of sleeping.
"""

from __future__ import annotations

import os
import re
import time
from datetime import datetime
from functools import lru_cache

import pendulum
from pendulum import DateTime, Timezone

UTC = pendulum.UTC


class ClockError(ValueError):
    """A clock setting (FOLLOWUP_NOW, FOLLOWUP_TZ) that cannot be understood."""


class Clock:
    """Wall-clock time that may be anchored to a chosen start and may be frozen."""

    def __init__(self, start: DateTime | None = None, *, frozen: bool = False) -> None:
        self._anchor = start.in_tz(UTC) if start is not None else None
        self._mono = time.monotonic()
        self._frozen = frozen

    def now(self) -> DateTime:
        if self._anchor is None:
            return pendulum.now(UTC)
        if self._frozen:
            return self._anchor
        return self._anchor.add(microseconds=int((time.monotonic() - self._mono) * 1_000_000))

    def advance(self, seconds: float) -> None:
        """Move the clock forward; used by tests to 'wait' without sleeping."""
        self._anchor = self.now().add(microseconds=int(seconds * 1_000_000))
        self._mono = time.monotonic()


def parse_instant(text: str) -> DateTime:
    """An ISO-8601 moment that names its offset, as UTC; anything else is a ClockError."""
    try:
        parsed = pendulum.parse(text.strip(), exact=True)
    except (ValueError, TypeError, pendulum.parsing.exceptions.ParserError) as err:
        raise ClockError(f"not an ISO-8601 date and time: {text!r}") from err
    if not isinstance(parsed, DateTime):
        raise ClockError(
            f"needs a date and a time with an offset, e.g. 2026-11-23T09:00:00-05:00: {text!r}"
        )
    if parsed.tzinfo is None or not _names_offset(text):
        raise ClockError(f"needs an offset such as -05:00 or Z: {text!r}")
    return parsed.in_tz(UTC)


_OFFSET = re.compile(r"(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$")


def _names_offset(text: str) -> bool:
    return bool(_OFFSET.search(text.strip()))


def clock_from_env(environ: dict[str, str] | None = None) -> Clock:
    """The clock that FOLLOWUP_NOW asks for (running on from it), or the real one."""
    env = os.environ if environ is None else environ
    raw = env.get("FOLLOWUP_NOW", "").strip()
    if not raw:
        return Clock()
    try:
        return Clock(parse_instant(raw))
    except ClockError as err:
        raise ClockError(f"FOLLOWUP_NOW {err}") from err


_clock = Clock()


def now() -> DateTime:
    """The current moment, in UTC."""
    return _clock.now()


def use(clock: Clock) -> Clock:
    """Make `clock` the app's clock; returns the one it replaces."""
    global _clock
    previous, _clock = _clock, clock
    return previous


def current() -> Clock:
    return _clock


def rep_zone(environ: dict[str, str] | None = None, configured: str | None = None) -> str:
    """The rep's own time zone: FOLLOWUP_TZ, then the config, then the machine's."""
    env = os.environ if environ is None else environ
    name = env.get("FOLLOWUP_TZ", "").strip() or (configured or "").strip()
    if name:
        if not is_known_zone(name):
            raise ClockError(f"unknown time zone {name!r} (use a name such as America/Chicago)")
        return name
    local = pendulum.local_timezone()
    return getattr(local, "name", None) or "UTC"


@lru_cache(maxsize=1024)
def is_known_zone(name: str | None) -> bool:
    """Whether pendulum can use `name`; phonenumbers' 'Etc/Unknown' is not one."""
    if not name or name == "Etc/Unknown":
        return False
    try:
        pendulum.timezone(name)
    except Exception:  # pendulum raises several types for bad names
        return False
    return True


def to_iso(moment: DateTime) -> str:
    """The storage form of a moment: UTC, second precision, sortable as text."""
    return moment.in_tz(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(text: str) -> DateTime:
    """Read back what `to_iso` (or another ISO-8601 writer) stored.

    The standard library reads the stored form fast; pendulum reads the rest.
    """
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None and parsed.tzinfo is not None:
        return pendulum.instance(parsed).in_tz(UTC)
    fallback = pendulum.parse(text)
    assert isinstance(fallback, DateTime)
    return fallback.in_tz(UTC)


@lru_cache(maxsize=1024)
def zone(name: str) -> Timezone:
    """A time zone by name, loaded once: pendulum reads the zone file on every call."""
    return pendulum.timezone(name)
