"""Public holidays where the phone rings: the number's country and, where the number
tells it, its state or province (US and Canadian area codes, Australian zones).

The `holidays` package knows the days; a table made from phonenumbers' geocoder
(domain/nanp_areas.py: the geocoder itself costs about 100 MiB) tells an area code's
state. Calendars are cached by country and subdivision, never by the whole number.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from msgspec import Struct

from followup_tui.domain.nanp_areas import SUBDIVISION_OF_AREA
from followup_tui.domain.phones import region_of

if TYPE_CHECKING:
    from holidays import HolidayBase

# The zones of Australia's states: its numbers' area codes span several of them.
AU_STATE_OF_ZONE = {
    "Australia/Sydney": "NSW", "Australia/Melbourne": "VIC", "Australia/Brisbane": "QLD",
    "Australia/Adelaide": "SA", "Australia/Perth": "WA", "Australia/Hobart": "TAS",
    "Australia/Darwin": "NT", "Australia/Canberra": "ACT",
}  # fmt: skip
# What the geocoder says for a whole US state or Canadian province (tests/domain/
# test_nanp_areas.py makes domain/nanp_areas.py with it).
SUBDIVISION_OF_NAME = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA",
    "Colorado": "CO", "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA",
    "Hawaii": "HI", "Idaho": "ID", "Illinois": "IL", "Indiana": "IN", "Iowa": "IA",
    "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA", "Maine": "ME", "Maryland": "MD",
    "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN", "Mississippi": "MS",
    "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV", "New Hampshire": "NH",
    "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN",
    "Texas": "TX", "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA",
    "West Virginia": "WV", "Wisconsin": "WI", "Wyoming": "WY", "Washington D.C.": "DC",
    "Washington State": "WA", "British Colombia": "BC",
    "Alberta": "AB", "British Columbia": "BC", "Manitoba": "MB", "New Brunswick": "NB",
    "Newfoundland and Labrador": "NL", "Nova Scotia": "NS", "Northwest Territories": "NT",
    "Nunavut": "NU", "Ontario": "ON", "Prince Edward Island": "PE", "Quebec": "QC",
    "Saskatchewan": "SK", "Yukon": "YT",
}  # fmt: skip


class HolidayCalendar(Struct, frozen=True, dict=True):
    """The public holidays of one country (and subdivision); empty when unknown."""

    country: str | None = None
    subdivision: str | None = None

    @property
    def _days(self) -> dict[int, HolidayBase | None]:
        """Each year's holidays, read on first use: kept beside the fields (dict=True),
        never part of the value."""
        return self.__dict__.setdefault("days", {})

    def holiday(self, day: dt.date) -> str | None:
        """The holiday's name on `day`, or None on an ordinary day."""
        if self.country is None:
            return None
        try:
            found = self._days[day.year]
        except KeyError:
            found = self._days[day.year] = _year_of(self.country, self.subdivision, day.year)
        return None if found is None else found.get(day)

    @property
    def where(self) -> str:
        """'US-IL', 'GB', '' for no calendar: how the rep is told whose holiday it is."""
        if self.country is None:
            return ""
        return f"{self.country}-{self.subdivision}" if self.subdivision else self.country


NO_HOLIDAYS = HolidayCalendar()


def _year_of(country: str, subdivision: str | None, year: int) -> HolidayBase | None:
    import holidays  # 40 ms, and only a log or a dialog needs it

    try:
        return holidays.country_holidays(country, subdiv=subdivision, years=year)
    except (NotImplementedError, KeyError, ValueError):
        if subdivision is None:
            return None  # a country the package does not know: weekends only
        return _year_of(country, None, year)


def calendar_for(e164: str | None, zones: tuple[str, ...] = ()) -> HolidayCalendar:
    """The holidays that apply where `e164` rings."""
    country = region_of(e164) if e164 else None
    if country is None:
        return NO_HOLIDAYS
    subdivision = None
    if country in ("US", "CA") and e164:
        subdivision = _nanp_subdivision(e164[:5])
    elif country == "AU":
        subdivision = next((AU_STATE_OF_ZONE[z] for z in zones if z in AU_STATE_OF_ZONE), None)
    return _calendar(country, subdivision)


@lru_cache(maxsize=512)
def _calendar(country: str, subdivision: str | None) -> HolidayCalendar:
    return HolidayCalendar(country, subdivision)


def _nanp_subdivision(area: str) -> str | None:
    """'IL' for '+1312': the state or province of a North American area code."""
    return SUBDIVISION_OF_AREA.get(area[2:5])


def warm_up(country: str, day: dt.date) -> None:
    """Load the holidays package and `country`'s calendar for `day`'s year ahead of
    need (called from a background read, never from a key)."""
    _calendar(country, None).holiday(day)
