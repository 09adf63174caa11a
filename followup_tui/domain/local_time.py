"""Where and when the phone rings: the prospect's zone and local time."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from followup_tui.domain.models import Prospect

if TYPE_CHECKING:  # the type only: nothing here calls pendulum
    from pendulum import DateTime

# Zones phonenumbers lists beside a far more populous one for the same numbers
# (907: Adak beside Anchorage; Irish and UK numbers: the Channel Islands).
MINOR_ZONES = frozenset(
    {
        "America/Adak",
        "Australia/Eucla",
        "Australia/Lord_Howe",
        "Indian/Christmas",
        "Indian/Cocos",
        "Europe/Guernsey",
        "Europe/Isle_of_Man",
        "Europe/Jersey",
    }
)


@lru_cache(maxsize=1024)
def primary_zone(zones: tuple[str, ...]) -> str | None:
    """The zone most numbers with these candidates ring in: the first that is not minor.
    Cached: a territory has a few dozen zone sets and the queue asks for every row."""
    major = [zone for zone in zones if zone not in MINOR_ZONES]
    if major:
        return major[0]
    return zones[0] if zones else None


def zone_of(prospect: Prospect) -> str | None:
    """The zone the rep set, else the number's main zone; None if unknown."""
    if prospect.timezone:
        return prospect.timezone
    return primary_zone(prospect.phone_zones)


def their_time(prospect: Prospect, moment: DateTime) -> DateTime | None:
    """`moment` on the prospect's wall clock, or None when their zone is unknown."""
    from followup_tui.domain.clock import zone as tz

    zone = zone_of(prospect)
    return moment.in_tz(tz(zone)) if zone else None


def short_time(moment: DateTime | None) -> str:
    """'08:30 CST': a local time with the zone's abbreviation, or '--:--'."""
    if moment is None:
        return "--:--"
    return moment.format("HH:mm zz")


def zones_of(prospect: Prospect) -> tuple[str, ...]:
    """Every zone the phone may ring in (the rep's choice alone when set): calling
    hours must hold in all of them."""
    if prospect.timezone:
        return (prospect.timezone,)
    return prospect.phone_zones
