"""`followup stats`: the rep's own numbers, as aligned tables or JSON.

The numbers are the ones the app's stats screen (`t`) draws: both come from
`store.stats.stats_for`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import click
from msgspec import Struct

from followup_tui.domain import clock
from followup_tui.domain.display import duration_words, median_touches_text, plural
from followup_tui.domain.stats import (
    LATE_ATTEMPT,
    Counts,
    Period,
    RateBar,
    Stats,
    TouchesUntil,
    rate_text,
    retired_status_label,
    window_text,
)
from followup_tui.domain.team_numbers import TEAM_HEADER, TEAM_LEGEND, TEAM_NUMERIC, team_row
from followup_tui.store.stats import stats_for
from followup_tui.terminal_text import safe
from followup_tui.text_table import WHOLE, aligned, terminal_width

if TYPE_CHECKING:  # cli.py imports this module to register the command
    from followup_tui.cli import Session

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """--since YYYY-MM-DD, a day in the rep's zone."""
    if value is None:
        return None
    text = value.strip()
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-11-16"
        ) from None


@click.command("stats")
@click.option(
    "--since",
    callback=parse_since,
    metavar="YYYY-MM-DD",
    help="Count touches from the start of this day (your time zone). Default: all history.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--rep", "rep", metavar="NAME", help="One rep's numbers (a team's database).")
@click.option("--team", is_flag=True, help="One row per rep: the team's numbers side by side.")
@click.pass_obj
def stats_command(
    session: Session, since: date | None, fmt: str, rep: str | None, team: bool
) -> None:
    """Your own numbers: dials, connects and meetings per day and week, the
    connect rate by attempt, touches until a conversation, leads given up too
    early, best hours, warm versus cold."""
    now = clock.now()
    today = now.in_tz(session.rep_zone).date()
    if since is not None and since > today:
        raise click.BadParameter(
            f"{since.isoformat()} is after today ({today.isoformat()})", param_hint="'--since'"
        )
    if team:
        from followup_tui.store.stats import team_stats

        by_rep = team_stats(session.reader(), now, session.rep_zone, since)
        if fmt == "json":
            click.echo(json.dumps({r: stats_record(s) for r, s in by_rep.items()}, indent=2))
        else:
            click.echo(team_text(by_rep))
        return
    stats = stats_for(session.reader(), now, session.rep_zone, since, rep)
    if fmt == "json":
        click.echo(json.dumps(stats_record(stats), indent=2))
    else:
        click.echo(safe(stats_text(stats, rep), multiline=True))  # names of given-up leads


# -- JSON -------------------------------------------------------------------------------


def stats_record(stats: Stats) -> dict[str, Any]:
    """The Stats as plain JSON values: dates as YYYY-MM-DD, moments as UTC ISO-8601."""
    return _plain(stats)


def _plain(value: Any) -> Any:
    if isinstance(value, Struct):
        return {name: _plain(getattr(value, name)) for name in value.__struct_fields__}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return value


# -- text -------------------------------------------------------------------------------


def stats_text(stats: Stats, rep: str | None = None) -> str:
    """Every section as a heading and an aligned table; headed by whose numbers they
    are (`rep`: one rep's, from --rep; None: yours)."""
    sections = [
        f"{whose_numbers(rep)}: {window_text(stats)}. Days in {stats.rep_zone}.",
        _section("TOTALS", _totals_table(stats.totals)),
        _section("PER WEEK (from Monday)", _periods_table("WEEK OF", stats.weeks)),
        _section("PER DAY", _periods_table("DAY", stats.days)),
        _section("CONNECT RATE BY ATTEMPT", _persistence_table(stats)),
        _section("TOUCHES UNTIL THE FIRST CONVERSATION", _until_table(stats.until_conversation)),
        _section("TOUCHES UNTIL A MEETING", _until_table(stats.until_meeting)),
        _section("GAVE UP TOO EARLY", _give_up_table(stats)),
        _section("BEST HOURS (the prospect's local time)", _best_hours_table(stats)),
        _section("BEST WEEKDAYS (the prospect's local time)", _weekday_table(stats)),
        _section("WARM VERSUS COLD (kinds of warm signal)", _warm_table(stats)),
    ]
    return "\n\n".join(sections)


def whose_numbers(rep: str | None) -> str:
    """'Your numbers', or 'bob's numbers' for `stats --rep bob`."""
    return f"{rep}'s numbers" if rep else "Your numbers"


def team_text(by_rep: dict[str, Stats]) -> str:
    """One row per rep (domain.team_numbers.team_row, as the app's team view shows),
    and a legend under the table."""
    if not by_rep:
        return "No touches yet."
    rows = [team_row(rep, stats) for rep, stats in by_rep.items()]
    first = next(iter(by_rep.values()))
    table = _table(TEAM_HEADER, rows, numeric=TEAM_NUMERIC, whole=(0,))  # the rep
    return "\n".join((f"The team's numbers: {window_text(first)}.", "", table, "", TEAM_LEGEND))


def counted(count: int) -> str:
    """A count as the tables show it: '865,368', as the app does."""
    return f"{count:,}"


def _section(title: str, body: str) -> str:
    return f"{title}\n{body}"


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int] = (),
    whole: Sequence[int] = (),
) -> str:
    """aligned() columns, with the numeric ones right-aligned and whole; in a
    terminal the others give way to its width (the gave-up list's 83-cell rows
    each took two lines at 80 columns)."""

    table = [list(header), *(list(row) for row in rows)]
    for col in numeric:
        width = max(len(row[col]) for row in table)
        for row in table:
            row[col] = row[col].rjust(width)
    return aligned(tuple(table[0]), [tuple(row) for row in table[1:]], max_width=40,
                   fit=terminal_width(), keep=dict.fromkeys((*numeric, *whole), WHOLE))  # fmt: skip


def _totals_table(totals: Counts) -> str:
    header = ("DIALS", "CONNECTS", "RATE", "CONVERSATIONS", "WITH DM", "MEETINGS", "TALK TIME")
    row = (
        counted(totals.dials),
        counted(totals.connects),
        rate_text(totals.connect_rate, 1),
        counted(totals.conversations),
        counted(totals.decision_maker_conversations),
        counted(totals.meetings),
        duration_words(totals.talk_time_s),
    )
    return _table(header, [row], numeric=range(7))


def _periods_table(first: str, periods: Sequence[Period]) -> str:
    if not periods:
        return "No touches yet."
    rows = [
        (
            f"{p.start.isoformat()} {p.start.strftime('%a')}",
            counted(p.dials),
            counted(p.connects),
            rate_text(p.connect_rate, 1),
            counted(p.meetings),
            duration_words(p.talk_time_s),
        )
        for p in periods
    ]
    header = (first, "DIALS", "CONNECTS", "RATE", "MEETINGS", "TALK TIME")
    return _table(header, rows, numeric=range(1, 6))


def _rate_rows(bars: Sequence[RateBar]) -> list[tuple[str, ...]]:
    return [
        (b.label, counted(b.dials), counted(b.connects), rate_text(b.connect_rate, 1)) for b in bars
    ]


def _persistence_table(stats: Stats) -> str:
    curve = stats.persistence
    table = _table(
        ("ATTEMPT", "DIALS", "CONNECTS", "RATE"), _rate_rows(curve.attempts), numeric=range(4)
    )
    if not curve.connects:
        return table + "\nNo conversations yet."
    return table + (
        f"\n{rate_text(curve.late_share, 1)} of conversations came on attempt {LATE_ATTEMPT}"
        f" or later ({curve.late_connects:,} of {curve.connects:,})."
    )


def _until_table(until: TouchesUntil) -> str:
    if not until.prospects:
        return f"No prospect reached a first {until.event} in this period."
    rows = [(bar.label, counted(bar.prospects)) for bar in until.distribution]
    summary = (
        f"{plural(until.prospects, 'prospect')}; {median_touches_text(until.median)},"
        f" mean {until.mean:g}."
    )
    return _table(("TOUCHES", "PROSPECTS"), rows, numeric=range(2)) + "\n" + summary


def _give_up_table(stats: Stats) -> str:
    report = stats.give_up
    summary = (
        f"As of now, {plural(report.retired, 'prospect is', 'prospects are')} retired"
        " (not now, not interested, or nothing scheduled);"
        f" {len(report.gave_up):,} of them dropped after fewer than {report.threshold} touches"
        " without a decision-maker conversation."
    )
    if not report.gave_up:
        return summary
    rows = [
        (
            str(g.prospect_id),
            g.name,
            g.company,
            retired_status_label(g.status),
            counted(g.touch_count),
        )
        for g in report.gave_up
    ]
    header = ("ID", "NAME", "COMPANY", "STATUS", "TOUCHES")
    return summary + "\n" + _table(header, rows, numeric=(0, 4))


def _best_hours_table(stats: Stats) -> str:
    bars = [b for b in stats.best_hours.by_hour if b.dials]
    if not bars:
        return "No dials yet."
    rows = _rate_rows(bars)
    table = _table(("HOUR", "DIALS", "CONNECTS", "RATE"), rows, numeric=range(1, 4))
    unknown = stats.best_hours.unknown_zone_dials
    if unknown:
        table += f"\n{plural(unknown, 'dial')} to numbers in an unknown time zone not counted."
    return table


def _weekday_table(stats: Stats) -> str:
    if not any(b.dials for b in stats.best_hours.by_weekday):
        return "No dials yet."
    rows = _rate_rows(stats.best_hours.by_weekday)
    return _table(("DAY", "DIALS", "CONNECTS", "RATE"), rows, numeric=range(1, 4))


def _warm_table(stats: Stats) -> str:
    rows = [
        (
            w.label,
            counted(w.prospects),
            counted(w.dials),
            counted(w.connects),
            rate_text(w.connect_rate, 1),
            counted(w.meetings),
            rate_text(w.meeting_rate, 1),
        )
        for w in stats.warm
    ]
    header = ("SIGNALS", "PROSPECTS", "DIALS", "CONNECTS", "RATE", "MEETINGS", "PER DIAL")
    return _table(header, rows, numeric=range(1, 7))
