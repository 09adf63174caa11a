"""Time zones as a rep names them: "Central", "CST", "chicago", "America/Chicago".

Abbreviations are read the way a North American or European sales floor means
them (CST is US Central, not China); ambiguous ones (IST) are left out rather
than guessed.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

from followup_tui.domain.clock import is_known_zone

# What reps say, and the zone they mean. Names first (they are also offered as completions).
SAID: dict[str, str] = {
    "Eastern": "America/New_York", "Central": "America/Chicago",
    "Mountain": "America/Denver", "Arizona": "America/Phoenix",
    "Pacific": "America/Los_Angeles", "Alaska": "America/Anchorage",
    "Hawaii": "Pacific/Honolulu", "Atlantic": "America/Halifax",
    "Newfoundland": "America/St_Johns", "UK": "Europe/London",
    "Ireland": "Europe/Dublin", "Central European": "Europe/Paris",
    "Eastern European": "Europe/Athens", "India": "Asia/Kolkata",
    "Japan": "Asia/Tokyo", "Singapore": "Asia/Singapore",
    "Sydney": "Australia/Sydney", "New Zealand": "Pacific/Auckland",
    "UTC": "UTC", "GMT": "Europe/London",
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage", "AKDT": "America/Anchorage", "HST": "Pacific/Honolulu",
    "AST": "America/Halifax", "ADT": "America/Halifax", "NST": "America/St_Johns",
    "BST": "Europe/London", "WET": "Europe/Lisbon", "CET": "Europe/Paris",
    "CEST": "Europe/Paris", "EET": "Europe/Athens", "EEST": "Europe/Athens",
    "JST": "Asia/Tokyo", "SGT": "Asia/Singapore", "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland",
}  # fmt: skip


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """Every way of naming a zone, in reading form, to its IANA name: the full name
    ("america/new york"), the city ("new york"; the first zone of a city wins:
    America/... before the rest), and what reps say (SAID)."""
    names: dict[str, str] = {}
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith(
        ("Etc/", "SystemV/", "US/", "Canada/", "posix/", "right/")))  # fmt: skip
    zones.sort(key=lambda z: not z.startswith("America/"))
    for zone in zones:
        names.setdefault(_key(zone), zone)
        names.setdefault(_key(zone.rsplit("/", 1)[1]), zone)
    for zone in available_timezones():
        names.setdefault(_key(zone), zone)
    for said, zone in SAID.items():
        names[_key(said)] = zone
    return names


def zone_named(text: str) -> str | None:
    """The zone `text` names, in any case and with spaces for underscores: 'Central',
    'CST', 'chicago', 'america/chicago' are America/Chicago; None if it names none."""
    zone = _by_name().get(_key(text))
    return zone if zone and is_known_zone(zone) else None


@lru_cache(maxsize=1)
def zone_words() -> tuple[str, ...]:
    """What to offer while the rep types, best first: what reps say, then cities, then
    the full names."""
    zones = sorted(_by_name().values())
    cities = sorted({z.rsplit("/", 1)[1].replace("_", " ") for z in zones if "/" in z})
    return (*SAID, *cities, *sorted(set(zones)))


def completed(text: str) -> str | None:
    """The first of `zone_words` that begins with what the rep typed, if any."""
    typed = _key(text)
    if not typed:
        return None
    return next((word for key, word in _word_keys() if key.startswith(typed)), None)


@lru_cache(maxsize=1)
def _word_keys() -> tuple[tuple[str, str], ...]:
    return tuple((_key(word), word) for word in zone_words())
