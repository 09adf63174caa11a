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
    f"LATE SHARE: the share of connects made on call {LATE_ATTEMPT} or later to that prospect."
)
"""Under the team table (`stats --team` and `T`): the column its header does not explain."""


def team_row(rep: str, stats: Stats) -> tuple[str, ...]:
    """One rep's cells: dials, connects, rate, meetings, talk time, the connect rate on
    the first attempts, the share of connects on a late attempt, leads given up early."""
    totals = stats.totals
    curve = " ".join(
        f"{bar.label}:{rate_text(bar.connect_rate)}"
        for bar in stats.persistence.attempts[:SHOWN_ATTEMPTS]
        if bar.dials
    )
    return (rep or NO_REP, f"{totals.dials:,}", f"{totals.connects:,}",
            rate_text(totals.connect_rate, 1), f"{totals.meetings:,}",
            duration_words(totals.talk_time_s), curve or rate_text(None),
            rate_text(stats.persistence.late_share), f"{len(stats.give_up.gave_up):,}")  # fmt: skip
