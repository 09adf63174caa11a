"""The stats screen, run inside a tiny app that hands it a finished Stats."""

from __future__ import annotations

import pendulum
from textual.app import App
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Sparkline

from followup_tui.domain.stats import ProspectFact, Stats, TouchFact, rep_numbers
from followup_tui.store.stats import stats_for
from followup_tui.ui.screens.stats import BarChart, StatsScreen, bar_cells, ordinal_label
from followup_tui.ui.text import phrase_lines
from followup_tui.ui.themes import load_themes, shipped_theme_dir
from followup_tui.ui.widgets.phrases import Phrases
from tests.conftest import NOW, REP_ZONE
from tests.ui.helpers import press, screen_text, settle

TRICKY_NAME = "[@click=app.quit]Lee [CEO]"
TRICKY_COMPANY = "Acme [Holdings]"


class StatsApp(App[None]):
    """Opens the stats screen at once; records that it closed."""

    def __init__(self, stats: Stats) -> None:
        super().__init__()
        self.stats = stats
        self.closed = False

    def on_mount(self) -> None:
        for theme in load_themes([shipped_theme_dir()]).themes:
            self.register_theme(theme)
        self.theme = "followup-dark"
        self.push_screen(StatsScreen(self.stats), self._on_close)

    def _on_close(self, _result: None) -> None:
        self.closed = True


def _stats() -> Stats:
    def call(pid, when, outcome, duration=30, tid=0):
        return TouchFact(pid, "call", outcome, pendulum.parse(when), duration, False, tid)

    touches = [
        call(1, "2026-11-16T15:00:00Z", "no_answer", tid=1),
        call(1, "2026-11-17T15:00:00Z", "voicemail", tid=2),
        call(1, "2026-11-18T15:00:00Z", "connected", 300, tid=3),
        call(2, "2026-11-18T16:00:00Z", "meeting", 600, tid=4),
        call(3, "2026-11-19T16:00:00Z", "no_answer", tid=5),
    ]
    prospects = [
        ProspectFact(1, "active", REP_ZONE, 0, 3, NOW),
        ProspectFact(2, "meeting", "America/Chicago", 3, 1, None),
        ProspectFact(3, "not_now", None, 1, 1, None, TRICKY_NAME, TRICKY_COMPANY),
    ]
    return rep_numbers(touches, prospects, NOW, REP_ZONE)


def _chart_text(app: App, chart_id: str) -> list[str]:
    chart = app.screen.query_one(f"#{chart_id}", BarChart)
    return chart.render().plain.splitlines()


async def test_the_screen_draws_every_section_and_names_literally():
    app = StatsApp(_stats())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        assert app.screen.has_class("-wide")
        for panel in ("activity", "persistence", "touches-until", "best-hours", "warm", "give-up"):
            assert app.screen.query_one(f"#{panel}").region.height > 2, panel
        attempts = _chart_text(app, "attempts")
        assert [row.split()[0] for row in attempts] == [
            ordinal_label(str(n)) for n in range(1, 11)
        ] + ["11+"]
        assert attempts[2].rstrip().endswith("100% of 1")  # reached on the 3rd call
        assert attempts[0].rstrip().endswith("33% of 3")  # three first calls, one meeting
        # Three calls at 10:00 in New York, a meeting at 10:00 in Chicago (11:00 in New York).
        hours = _chart_text(app, "hours")
        assert [row.split()[0] for row in hours] == ["10h"]
        assert hours[0].rstrip().endswith("50% of 4")
        assert "1 dial to numbers in an unknown time zone" in screen_text(app)
        sparkline = app.screen.query_one("#dials-per-day", Sparkline)
        assert list(sparkline.data) == [d.dials for d in app.stats.days]
        # User text shows as written and never becomes a live link.
        screen = screen_text(app)
        assert "[@click=app.quit]Lee" in screen
        assert TRICKY_COMPANY in screen
        await pilot.click("#give-up-list")
        assert app.is_running


async def test_t_q_and_escape_close_it():
    for key in ("t", "q", "escape"):
        app = StatsApp(_stats())
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(pilot)
            await settle(pilot)
            assert isinstance(app.screen, StatsScreen)
            await press(pilot, key)
            await settle(pilot)
            assert app.closed, key
            assert not isinstance(app.screen, StatsScreen)


async def test_at_80x24_it_is_one_column_that_scrolls_with_keys():
    app = StatsApp(_stats())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        body = app.screen.query_one("#stats-body", VerticalScroll)
        assert body.has_focus
        assert body.max_scroll_y > 0
        activity = app.screen.query_one("#activity").region
        warm = app.screen.query_one("#warm").region
        assert warm.x == activity.x and warm.y > activity.y  # stacked, not side by side
        await press(pilot, "j", "j", "j")
        assert body.scroll_y == 3
        await press(pilot, "end")
        await settle(pilot)
        assert body.scroll_y == body.max_scroll_y
        await press(pilot, "k")
        assert body.scroll_y == body.max_scroll_y - 1


async def test_an_empty_history_says_so():
    app = StatsApp(rep_numbers([], [], NOW, REP_ZONE))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await settle(pilot)
        text = screen_text(app)
        assert "No touches yet." in text
        assert "No dials yet." in text
        assert "No conversations yet." in text
        assert not app.screen.query(Sparkline)


def test_bar_cells_draw_eighths():
    assert bar_cells(0, 10, 8) == ("", 0)
    assert bar_cells(5, 10, 8) == ("████", 4)
    assert bar_cells(10, 10, 8) == ("█" * 8, 8)
    assert bar_cells(25, 10, 8) == ("█" * 8, 8)  # never past the scale
    assert bar_cells(1, 16, 2) == ("▏", 1)  # one eighth of a cell
    assert bar_cells(3, 8, 1) == ("▍", 1)
    assert bar_cells(0.01, 100, 10) == ("▏", 1)  # anything above nothing shows


def test_ordinal_labels():
    assert [ordinal_label(x) for x in ("1", "2", "3", "4", "11", "12", "13", "21", "11+")] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "11+"
    ]  # fmt: skip


def test_stats_view_on_the_sample_data(snap_compare, sample_db, frozen):
    stats = stats_for(sample_db, frozen.now(), REP_ZONE)
    assert snap_compare(StatsApp(stats), terminal_size=(100, 40))


async def test_no_rate_bar_is_longer_than_its_dials_bear_out():
    """'10th attempt: 100% of 2' was the longest bar; a small sample now draws none."""
    from msgspec.structs import replace

    from followup_tui.domain.stats import ATTEMPT_BUCKETS, PersistenceCurve, RateBar

    counts = {1: (200, 40), 2: (120, 18), 5: (40, 12), 10: (2, 2), 11: (19, 10)}
    bars = tuple(
        RateBar(label, dials, connects, connects / dials if dials else None)
        for n in range(1, ATTEMPT_BUCKETS + 2)
        for label, (dials, connects) in [(str(n) if n <= 10 else "11+", counts.get(n, (0, 0)))]
    )
    stats = replace(_stats(), persistence=PersistenceCurve(bars, 82, 24, 0.29))
    app = StatsApp(stats)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await settle(pilot)
        rows = {row.split()[0]: row for row in _chart_text(app, "attempts")}
        assert rows["10th"].rstrip().endswith("100% of 2")  # the rate and its n, as counted
        assert "small sample" in rows["10th"] and "small sample" in rows["11+"]
        assert "█" not in rows["10th"] and "█" not in rows["11+"]
        drawn = {label: row.count("█") for label, row in rows.items()}
        # Each bar is its rate's 95% lower bound: 30% of 40 (0.18) outdraws 20% of 200
        # (0.15), which outdraws 15% of 120 (0.10).
        assert drawn["5th"] > drawn["1st"] > drawn["2nd"] > 0
        assert max(drawn, key=lambda label: drawn[label]) == "5th"


async def test_numbers_that_arrive_as_the_screen_mounts_crash_nothing(sample_db, frozen):
    """A small history counts in milliseconds: the numbers can arrive while the screen
    is still being mounted, or after the rep closed it. Either way nothing breaks,
    and the body keeps the focus the keys need."""
    stats = stats_for(sample_db, frozen.now(), REP_ZONE)

    class Early(App[None]):
        def on_mount(self) -> None:
            self.push_screen(StatsScreen())

    app = Early()
    async with app.run_test() as pilot:
        screen = app.screen  # pushed a moment ago
        assert isinstance(screen, StatsScreen)
        await screen.show(stats)
        await pilot.pause()
        assert isinstance(screen.focused, VerticalScroll)
        assert screen.query("#stats-columns")  # the numbers are in
        await press(pilot, "escape")
        await screen.show(stats)  # closed meanwhile: nothing to fill
        assert app.is_running


async def test_ranges_over_more_than_this_year_show_their_years():
    """'Dials per day 22 Nov – 23 Nov' over two years of history read as two days;
    week labels that cross a new year read out of order without their years."""

    def dial(pid: int, when: str, tid: int) -> TouchFact:
        return TouchFact(pid, "call", "no_answer", pendulum.parse(when), 30, False, tid)

    prospects = [ProspectFact(1, "active", REP_ZONE, 0, 2, NOW)]
    two_years = rep_numbers(
        [dial(1, "2024-11-22T15:00:00Z", 1), dial(1, "2026-11-20T15:00:00Z", 2)],
        prospects,
        NOW,
        REP_ZONE,
    )
    new_year = pendulum.parse("2027-01-11T15:00:00Z")
    across_new_year = rep_numbers(
        [dial(1, "2026-12-28T15:00:00Z", 1), dial(1, "2027-01-05T15:00:00Z", 2)],
        prospects,
        new_year,
        REP_ZONE,
    )
    for stats, span, week in (
        (two_years, "Dials per day 22 Nov 2024 – 23 Nov 2026", "16 Nov █"),  # weeks: 2026
        (across_new_year, "Dials per day 28 Dec 2026 – 11 Jan 2027", "28 Dec 2026 █"),
    ):
        app = StatsApp(stats)
        async with app.run_test(size=(160, 48)) as pilot:
            await settle(pilot)
            await settle(pilot)
            assert span in screen_text(app)
            weeks = [" ".join(row.split()[:4]) for row in _chart_text(app, "weeks")]
            assert any(row.startswith(week) for row in weeks), weeks


async def test_big_counts_are_grouped_and_one_touch_is_singular():
    """On the large database the screen read '865372 dials  141710 connects' beside
    '16,808 h 19 min talk time'; and 'median 1 touches'."""
    from msgspec.structs import replace

    stats = _stats()
    totals = replace(stats.totals, dials=865_372, connects=141_710, meetings=1_204)
    app = StatsApp(replace(stats, totals=totals))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "865,372 dials 141,710 connects" in text
        assert "1,204 meetings" in text
        assert "median 1 touch," in text  # prospect 2: a meeting on the first call


def test_phrases_break_between_them_never_inside_one():
    between = Content(" · ")
    lines = [[Content("Your numbers all history"), Content("days in NY time")]]
    assert phrase_lines(lines, 80, between).plain == "Your numbers all history · days in NY time"
    assert phrase_lines(lines, 30, between).plain == "Your numbers all history\ndays in NY time"
    many = [[Content("aaaa"), Content("bb"), Content("cc")], [Content("legend")]]
    assert phrase_lines(many, 9, between).plain == "aaaa · bb\ncc\nlegend"


def test_an_indented_phrase_too_long_for_a_line_wraps_under_its_first_word():
    """A note under the time preview ('  Thu 26 Nov is a public holiday…') went on at
    the edge, left of its own first word."""
    note = Content("  Thu 26 Nov is Thanksgiving Day, a public holiday").stylize("italic")
    shown = phrase_lines([[Content("✓ Thu 26 Nov")], [note]], 24, Content(" · "))
    assert shown.plain.splitlines() == [
        "✓ Thu 26 Nov",
        "  Thu 26 Nov is",
        "  Thanksgiving Day, a",
        "  public holiday",
    ]
    assert all(span.style == "italic" for span in shown.spans)
    assert phrase_lines([[note]], 60, Content(" · ")).plain == note.plain  # fits: as is


async def test_the_title_breaks_between_phrases_and_joins_them_when_wide():
    """At 80 columns Textual's wrapping cut 'days in' from 'America/New_York'."""
    app = StatsApp(_stats())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        title = app.screen.query_one("#stats-title", Phrases)
        narrow = title.render().plain.splitlines()
        assert narrow[1] == "days in New York time"
        assert narrow[0].startswith("Your numbers  all history (")
        assert title.region.height == len(narrow)
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        wide = title.render().plain.splitlines()
        assert wide[0].endswith(")  ·  days in New York time")
        assert len(wide) == 2 and title.region.height == 2
