"""Where and when the phone rings: the prospect's zone and local time."""

from __future__ import annotations

from pendulum import DateTime

from followup_tui.domain.models import Prospect


def zone_of(prospect: Prospect) -> str | None:
    """The zone the rep set, else the first zone the number rings in; None if unknown."""
    if prospect.timezone:
        return prospect.timezone
    return prospect.phone_zones[0] if prospect.phone_zones else None


def their_time(prospect: Prospect, moment: DateTime) -> DateTime | None:
    """`moment` on the prospect's wall clock, or None when their zone is unknown."""
    zone = zone_of(prospect)
    return moment.in_tz(zone) if zone else None


def short_time(moment: DateTime | None) -> str:
    """'08:30 CST': a local time with the zone's abbreviation, or '--:--'."""
    if moment is None:
        return "--:--"
    return moment.format("HH:mm zz")
