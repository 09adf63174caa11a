"""Time zones as a rep names them: "Central", "CST", "chicago", "America/Chicago".

Abbreviations are read the way a North American or European sales floor means
them (EST, PST, BST, CET, AEST); those that name zones far apart (IST: India,
Israel or Ireland; CST: US Central or China) name none on their own: the rep is
offered their zones to pick from, never a guess (nor a city that merely begins
with the letters, IST-anbul).
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
    "China": "Asia/Shanghai", "Israel": "Asia/Jerusalem", "Gulf": "Asia/Dubai",
    "UTC": "UTC", "GMT": "Europe/London",
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "CDT": "America/Chicago",
    "MT": "America/Denver", "MST": "America/Denver", "MDT": "America/Denver",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "AKST": "America/Anchorage", "AKDT": "America/Anchorage", "HST": "Pacific/Honolulu",
    "ADT": "America/Halifax", "NST": "America/St_Johns", "NDT": "America/St_Johns",
    "BST": "Europe/London", "WET": "Europe/Lisbon", "CET": "Europe/Paris",
    "CEST": "Europe/Paris", "EET": "Europe/Athens", "EEST": "Europe/Athens",
    "MSK": "Europe/Moscow", "SAST": "Africa/Johannesburg", "WAT": "Africa/Lagos",
    "EAT": "Africa/Nairobi", "GST": "Asia/Dubai", "PKT": "Asia/Karachi",
    "IDT": "Asia/Jerusalem", "HKT": "Asia/Hong_Kong", "KST": "Asia/Seoul",
    "JST": "Asia/Tokyo", "SGT": "Asia/Singapore", "PHT": "Asia/Manila",
    "AWST": "Australia/Perth", "ACST": "Australia/Adelaide", "ACDT": "Australia/Adelaide",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland",
    "NZDT": "Pacific/Auckland", "BRT": "America/Sao_Paulo",
    "ART": "America/Argentina/Buenos_Aires",
}  # fmt: skip
# Abbreviations said for zones far apart: the rep picks (words, zone), best known first.
AMBIGUOUS: dict[str, tuple[tuple[str, str], ...]] = {
    "IST": (("India", "Asia/Kolkata"), ("Israel", "Asia/Jerusalem"),
            ("Ireland", "Europe/Dublin")),
    "CST": (("US Central", "America/Chicago"), ("China", "Asia/Shanghai")),
    "AST": (("Atlantic", "America/Halifax"), ("Arabia", "Asia/Riyadh")),
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
    for said in AMBIGUOUS:
        names.pop(_key(said), None)  # no zone on its own, even where tzdata has one (CST)
    return names


def zone_named(text: str) -> str | None:
    """The zone `text` names, in any case and with spaces for underscores: 'Central',
    'CST', 'chicago', 'america/chicago' are America/Chicago; None if it names none."""
    zone = _by_name().get(_key(text))
    return zone if zone and is_known_zone(zone) else None


def zone_choices(text: str) -> tuple[tuple[str, str], ...]:
    """For an abbreviation said for zones far apart ('IST'), each as (words, zone):
    (('India', 'Asia/Kolkata'), ('Israel', 'Asia/Jerusalem'), ...); else empty."""
    return _ambiguous().get(_key(text), ())


@lru_cache(maxsize=1)
def _ambiguous() -> dict[str, tuple[tuple[str, str], ...]]:
    return {_key(said): choices for said, choices in AMBIGUOUS.items()}


@lru_cache(maxsize=1)
def zone_words() -> tuple[str, ...]:
    """What to offer while the rep types, best first: what reps say, then cities, then
    the full names."""
    zones = sorted(_by_name().values())
    cities = sorted({z.rsplit("/", 1)[1].replace("_", " ") for z in zones if "/" in z})
    return (*SAID, *AMBIGUOUS, *cities, *sorted(set(zones)))


def completed(text: str) -> str | None:
    """The word of `zone_words` the rep typed in full, else the first that begins with
    what they typed, if any: 'IST' stays IST (it does not grow into Istanbul)."""
    typed = _key(text)
    if not typed:
        return None
    keys = _word_keys()
    exact = next((word for key, word in keys if key == typed), None)
    return exact or next((word for key, word in keys if key.startswith(typed)), None)


@lru_cache(maxsize=1)
def _word_keys() -> tuple[tuple[str, str], ...]:
    return tuple((_key(word), word) for word in zone_words())
