"""A team's numbers as one row per rep, the same in `followup stats --team` and in
the app's team view (`T`): both show these cells."""

from __future__ import annotations

from followup_tui.domain.display import duration_words
from followup_tui.domain.stats import LATE_ATTEMPT, Stats, rate_text

TEAM_HEADER = ("REP", "DIALS", "CONNECTS", "RATE", "MEETINGS", "TALK TIME",
               "CONNECT RATE BY ATTEMPT", "LATE SHARE", "GAVE UP EARLY")  # fmt: skip
TEAM_NUMERIC = (1, 2, 3, 4, 5, 8)  # right-aligned columns
NO_REP = "(no rep)"  # touches logged before reps were recorded
SHOWN_ATTEMPTS = 5
TEAM_LEGEND = (
    f"BY ATTEMPT: the connect rate of calls 1 to {SHOWN_ATTEMPTS} to a prospect, in order. "
    f"LATE SHARE: the share of connects made on call {LATE_ATTEMPT} or later to that prospect."
)
"""Under the team table (`stats --team` and `T`): the columns its header does not explain."""
LONG_TALK_S = 10 * 3600  # past this, a talk time is said to the hour


def team_row(rep: str, stats: Stats) -> tuple[str, ...]:
    """One rep's cells: dials, connects, rate, meetings, talk time, the connect rate on
    the first attempts, the share of connects on a late attempt, leads given up early."""
    totals = stats.totals
    # '21% 14% 9% – 6%': the rates in attempt order, a dash for an attempt never
    # made ('1:21%' read as a clock). Any line break falls between two attempts.
    shown = stats.persistence.attempts[:SHOWN_ATTEMPTS]
    curve = " ".join(rate_text(bar.connect_rate if bar.dials else None) for bar in shown)
    if not any(bar.dials for bar in shown):
        curve = rate_text(None)
    return (rep or NO_REP, f"{totals.dials:,}", f"{totals.connects:,}",
            rate_text(totals.connect_rate, 1), f"{totals.meetings:,}",
            talk_total_text(totals.talk_time_s), curve,
            rate_text(stats.persistence.late_share), f"{len(stats.give_up.gave_up):,}")  # fmt: skip


def talk_total_text(seconds: float) -> str:
    """A rep's talk time: '3 h 19 min'; past ten hours to the hour ('16,808 h'), where
    the minutes are noise and made the cell wrap ('16,808 h 19' / 'min')."""
    if seconds >= LONG_TALK_S:
        return f"{round(seconds / 3600):,} h"
    return duration_words(seconds)
