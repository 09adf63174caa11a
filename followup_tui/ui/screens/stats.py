"""`t`: the rep's own numbers as charts read at a glance.

The screen is handed a finished `Stats` (from `store.stats.stats_for`); it
never opens the database. Rates show their n, and their bars are only as long
as the dials bear out (`rate_bar`): a small sample is marked, never drawn.
Prospect names and companies go through `ui.text` like every other string that
came from a person.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct
from msgspec.structs import replace
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Sparkline, Static

from followup_tui.domain.display import (
    duration_words,
    median_touches_text,
    plural,
    touch_count_text,
    zone_city,
)
from followup_tui.domain.stats import (
    LATE_ATTEMPT,
    SMALL_SAMPLE,
    CountBar,
    RateBar,
    Stats,
    TouchesUntil,
    day_text,
    is_small_sample,
    needs_years,
    range_text,
    rate_floor,
    rate_text,
    retired_status_label,
    window_text,
)
from followup_tui.ui.screens.reading import ReadingScreen
from followup_tui.ui.text import NEWLINE, fitted, line, user_text
from followup_tui.ui.widgets.phrases import Lines

WIDE = 100  # from this width the panels sit in two columns
RECENT_WEEKS = 12  # weeks drawn as bars; the sparklines cover every day
SHOWN_GIVE_UPS = 15  # names listed on screen; `followup stats` lists them all
_EIGHTHS = " ▏▎▍▌▋▊▉"
SMALL_STUB = "░"  # where a small sample's bar would be
SMALL_WORDS = " small sample"
LEGEND = (  # phrases: the title breaks between them (Phrases)
    "Bars: what the dials bear out (95% lower bound)",
    f"{SMALL_STUB} under {SMALL_SAMPLE} dials",
)


class Bar(Struct, frozen=True):
    """One row of a bar chart: `part` of `value` is drawn in the second colour."""

    label: str
    value: float
    note: str
    part: float = 0.0
    best: bool = False
    small: bool = False  # a small sample: a hollow stub and words, never a bar


def bar_cells(value: float, scale: float, width: int) -> tuple[str, int]:
    """A bar of eighth-blocks `value/scale` of `width` cells long, and its length in cells."""
    if scale <= 0 or width <= 0 or value <= 0:
        return "", 0
    eighths = max(1, round(min(value, scale) / scale * width * 8))
    full, rest = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[rest] if rest else "")
    return text, len(text)


class BarChart(Widget):
    """Horizontal bars with a label on the left and a note on the right, fitted
    to the widget's width. Labels and notes are plain text, never markup."""

    DEFAULT_CSS = """
    BarChart { height: auto; width: 1fr; }
    """

    def __init__(
        self,
        bars: Sequence[Bar],
        *,
        scale: float | None = None,
        empty: str = "Nothing yet.",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.bars = list(bars)
        self.scale = scale
        self.empty = empty

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.bars))

    def render(self) -> Content:
        if not self.bars:
            return user_text(self.empty, "$text-muted")
        width = self.size.width
        label_w = max(len(b.label) for b in self.bars)
        note_w = max(len(b.note) for b in self.bars)
        room = max(1, width - label_w - note_w - 2)
        # Small samples draw no bar, so they never set the scale either.
        scale = self.scale or max((b.value for b in self.bars if not b.small), default=0.0)
        rows = []
        for bar in self.bars:
            if bar.small:
                drawn = line((SMALL_STUB, "$primary 45%"), (SMALL_WORDS, "$text-muted"))
            else:
                drawn = self._bar(bar, scale, room)
            shown = line(
                (bar.label.ljust(label_w), "$text-muted"),
                " ",
                drawn.truncate(room, pad=True),
                " ",
                (
                    bar.note.rjust(note_w),
                    "bold" if bar.best else "$text-muted" if bar.small else "",
                ),
            )
            rows.append(shown.truncate(width, ellipsis=True))
        return Content("\n").join(rows)

    @staticmethod
    def _bar(bar: Bar, scale: float, room: int) -> Content:
        body, length = bar_cells(bar.value, scale, room)
        # The part is drawn first, in whole cells of its own colour.
        cut = min(length, round(min(bar.part, scale) / scale * room)) if bar.part else 0
        colour = "$success" if bar.best else "$primary"
        return line((body[:cut], "$success"), (body[cut:], colour))


class GiveUpList(Widget):
    """Name, company, status and touches, a line each: the name and the company share
    what the other two leave, cut with an ellipsis. (A Rich table drew the same, and
    was measured and drawn again for every line at every layout: a third of the time
    the panels took to show.)"""

    DEFAULT_CSS = """
    GiveUpList { height: auto; width: 1fr; }
    """

    def __init__(self, rows: Sequence[tuple[str, str, str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = list(rows)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.rows)

    def render(self) -> Content:
        width = self.size.width
        status_w = max(len(status) for _, _, status, _ in self.rows)
        touches_w = max(len(touches) for _, _, _, touches in self.rows)
        room = max(2, width - status_w - touches_w - 3)
        name_w = (room + 1) // 2
        return NEWLINE.join(
            line(
                fitted(name, name_w, "bold"),
                " ",
                fitted(company, room - name_w),
                " ",
                (status.ljust(status_w), "$text-muted"),
                " ",
                touches.rjust(touches_w),
            ).truncate(width, ellipsis=True)
            for name, company, status, touches in self.rows
        )


class StatsScreen(ReadingScreen[Stats]):
    """Every section of the rep's numbers; Esc, q or t closes."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    READING = ("Your numbers", "Counting every touch")
    BINDINGS = [
        Binding("escape,q,t", "close", "Close", id="stats.close"),
        Binding("j", "scroll_body(1)", "Down", show=False, id="stats.down"),
        Binding("k", "scroll_body(-1)", "Up", show=False, id="stats.up"),
    ]

    @property
    def stats(self) -> Stats | None:
        return self.shown

    @property
    def numbers(self) -> Stats:
        """The stats being shown (sections are only composed once they are here)."""
        assert self.shown is not None
        return self.shown

    def title_phrases(self, stats: Stats) -> Lines:
        return [
            [
                line(("Your numbers", "bold"), "  ", (window_text(stats), "$text-muted")),
                line((f"days in {zone_city(stats.rep_zone)} time", "$text-muted")),
            ],
            [line((phrase, "$text-muted")) for phrase in LEGEND],
        ]

    def body(self, stats: Stats) -> list[Widget]:
        left = [*self._activity(), *self._persistence(), *self._touches_until()]
        right = [*self._best_hours(), *self._warm(), *self._give_up()]
        return [
            Horizontal(
                Vertical(*left, classes="stats-column"),
                Vertical(*right, classes="stats-column"),
                id="stats-columns",
            )
        ]

    # -- sections ---------------------------------------------------------------------
    def _panel(self, title: str, *children: Widget, id: str) -> Vertical:
        panel = Vertical(*children, classes="stats-panel", id=id)
        panel.border_title = title
        return panel

    def _activity(self) -> ComposeResult:
        stats = self.numbers
        t = stats.totals
        children: list[Widget] = [
            Static(
                line(
                    (f"{t.dials:,}", "bold"),
                    " dials  ",
                    (f"{t.connects:,}", "bold"),
                    " connects  ",
                    (rate_text(t.connect_rate), "bold $text-success"),
                    " connect rate",
                    NEWLINE,
                    (f"{t.meetings:,}", "bold"),
                    f" {'meeting' if t.meetings == 1 else 'meetings'}  ",
                    (duration_words(t.talk_time_s), "bold"),
                    " talk time",
                    NEWLINE,
                    (f"{t.decision_maker_conversations:,}", "bold"),
                    " conversations with the decision maker",
                ),
                classes="kpi",
            )
        ]
        if stats.days:
            today, week = stats.days[-1], stats.weeks[-1]
            children.append(
                Static(
                    line(
                        ("Today      ", "$text-muted"),
                        f"{plural(today.dials, 'dial')} · {today.connects:,} conn · "
                        f"{today.meetings:,} mtg",
                        NEWLINE,
                        ("This week  ", "$text-muted"),
                        f"{plural(week.dials, 'dial')} · {week.connects:,} conn · "
                        f"{week.meetings:,} mtg",
                    ),
                    classes="today",
                )
            )
            span = range_text(stats.days[0].start, stats.days[-1].start, stats.last_day)
            most = max(d.dials for d in stats.days)
            children += [
                Static(
                    line(
                        ("Dials per day ", "bold"),
                        (f"{span}, most {most:,}", "$text-muted"),
                    ),
                    classes="caption",
                ),
                Sparkline([d.dials for d in stats.days], id="dials-per-day"),
                Static(line(("Connects per day", "bold")), classes="caption"),
                Sparkline([d.connects for d in stats.days], id="connects-per-day"),
            ]
            weeks = stats.weeks[-RECENT_WEEKS:]
            week_years = needs_years(weeks[0].start, weeks[-1].start, stats.last_day)
            children += [
                Static(
                    line(
                        ("Week by week ", "bold"),
                        ("dials, ", "$text-muted"),
                        ("connects", "$text-success"),
                    ),
                    classes="caption",
                ),
                BarChart(
                    [
                        Bar(
                            day_text(w.start, year=week_years),
                            w.dials,
                            f"{w.dials:,} · {w.connects:,} conn {rate_text(w.connect_rate)}"
                            f" · {w.meetings:,} mtg",
                            part=w.connects,
                        )
                        for w in weeks
                    ],
                    id="weeks",
                ),
            ]
        else:
            children.append(Static(user_text("No touches yet.", "$text-muted")))
        yield self._panel("Activity", *children, id="activity")

    def _persistence(self) -> ComposeResult:
        curve = self.numbers.persistence
        if curve.connects:
            headline = line(
                (rate_text(curve.late_share), "bold $text-success"),
                f" of your conversations came on attempt {LATE_ATTEMPT} or later"
                f" ({curve.late_connects} of {curve.connects})",
            )
        else:
            headline = user_text("No conversations yet.", "$text-muted")
        has_dials = any(bar.dials for bar in curve.attempts)
        chart = BarChart(
            [
                rate_bar(ordinal_label(bar.label), bar.connects, bar.dials, _rate_note(bar))
                for bar in curve.attempts
            ]
            if has_dials
            else [],
            empty="No dials yet.",
            id="attempts",
        )
        yield self._panel(
            "Connect rate by attempt",
            Static(headline, classes="headline"),
            chart,
            id="persistence",
        )

    def _touches_until(self) -> ComposeResult:
        children: list[Widget] = []
        for until, title in (
            (self.numbers.until_conversation, "First conversation"),
            (self.numbers.until_meeting, "Meeting"),
        ):
            children.append(Static(_until_caption(until, title), classes="caption"))
            children.append(
                BarChart(
                    [
                        Bar(bar.label, bar.prospects, f"{bar.prospects:,}")
                        for bar in _trimmed(until)
                    ],
                    empty=f"No first {until.event} in this period.",
                    id=f"until-{until.event}",
                )
            )
        yield self._panel("Touches until…", *children, id="touches-until")

    def _best_hours(self) -> ComposeResult:
        best = self.numbers.best_hours
        hours = [bar for bar in best.by_hour if bar.dials]
        if hours:  # every hour from the first to the last one dialed, gaps included
            first, last = int(hours[0].label), int(hours[-1].label)
            hours = list(best.by_hour[first : last + 1])
        days = list(best.by_weekday) if any(bar.dials for bar in best.by_weekday) else []
        children: list[Widget] = [
            Static(line(("By their local hour", "bold")), classes="caption"),
            BarChart(_rate_bars(hours, suffix="h"), scale=None, empty="No dials yet.", id="hours"),
            Static(line(("By their weekday", "bold")), classes="caption"),
            BarChart(_rate_bars(days), empty="No dials yet.", id="weekdays"),
        ]
        if best.unknown_zone_dials:
            children.append(
                Static(
                    user_text(
                        f"{plural(best.unknown_zone_dials, 'dial')} to numbers in an unknown"
                        " time zone are not counted.",
                        "$text-muted",
                    ),
                    classes="caption",
                )
            )
        yield self._panel("Best hours to call", *children, id="best-hours")

    def _warm(self) -> ComposeResult:
        warm = self.numbers.warm
        has_dials = any(w.dials for w in warm)
        labels = {w.label: f"{w.label} signal{'' if w.label == '1' else 's'}" for w in warm}
        connect = [
            rate_bar(
                labels[w.label], w.connects, w.dials, f"{rate_text(w.connect_rate)} of {w.dials:,}"
            )
            for w in warm
        ]
        meeting = [
            rate_bar(
                labels[w.label],
                w.meetings,
                w.dials,
                f"{rate_text(w.meeting_rate, 1)} ({w.meetings:,} of {w.dials:,})",
            )
            for w in warm
        ]
        yield self._panel(
            "Warm versus cold",
            Static(line(("Connect rate", "bold")), classes="caption"),
            BarChart(connect if has_dials else [], empty="No dials yet.", id="warm-connect"),
            Static(line(("Meetings per dial", "bold")), classes="caption"),
            BarChart(meeting if has_dials else [], empty="No dials yet.", id="warm-meeting"),
            id="warm",
        )

    def _give_up(self) -> ComposeResult:
        report = self.numbers.give_up
        headline = line(
            (f"{len(report.gave_up):,}", "bold $text-warning" if report.gave_up else "bold"),
            f" of {plural(report.retired, 'retired prospect')} dropped before"
            f" {report.threshold} touches, never reaching the decision maker",
        )
        children: list[Widget] = [Static(headline, classes="headline")]
        if report.gave_up:
            rows = [
                (
                    entry.name,
                    entry.company,
                    retired_status_label(entry.status),
                    touch_count_text(entry.touch_count),  # not a bare number
                )
                for entry in report.gave_up[:SHOWN_GIVE_UPS]
            ]
            children.append(GiveUpList(rows, id="give-up-list"))
            hidden = len(report.gave_up) - SHOWN_GIVE_UPS
            if hidden > 0:
                children.append(
                    Static(
                        user_text(
                            f"… and {hidden} more: followup stats lists them all.", "$text-muted"
                        )
                    )
                )
        yield self._panel("Gave up too early", *children, id="give-up")


def ordinal_label(label: str) -> str:
    """'1' -> '1st', '2' -> '2nd', '11+' stays."""
    if not label.isdigit():
        return label
    number = int(label)
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _rate_note(bar: RateBar) -> str:
    return f"{rate_text(bar.connect_rate)} of {bar.dials:,}" if bar.dials else "–"


def rate_bar(label: str, part: int, whole: int, note: str) -> Bar:
    """A rate's bar: as long as its evidence bears out (rate_floor), or, from fewer
    than SMALL_SAMPLE cases, no bar but a hollow stub marked 'small sample'. The note
    gives the rate as counted and its n."""
    return Bar(label, rate_floor(part, whole), note, small=is_small_sample(whole))


def _rate_bars(bars: Sequence[RateBar], suffix: str = "") -> list[Bar]:
    """Connect-rate bars, the best marked: the longest bar that is not a small sample."""
    drawn = [rate_bar(b.label + suffix, b.connects, b.dials, _rate_note(b)) for b in bars]
    top = max((bar for bar in drawn if not bar.small and bar.value), key=lambda b: b.value,
              default=None)  # fmt: skip
    return [replace(bar, best=True) if bar is top else bar for bar in drawn]


def _trimmed(until: TouchesUntil) -> list[CountBar]:
    """The distribution without its empty tail."""
    bars = list(until.distribution)
    while bars and not bars[-1].prospects:
        bars.pop()
    return bars


def _until_caption(until: TouchesUntil, title: str) -> Content:
    if not until.prospects:
        return line((title, "bold"))
    return line(
        (title, "bold"),
        (
            f"  {median_touches_text(until.median)}, {plural(until.prospects, 'prospect')}",
            "$text-muted",
        ),
    )
