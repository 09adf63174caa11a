"""The screen says what is true: a wrong number looks wrong, dates are the rep's,
a parked prospect says when it comes back."""

from __future__ import annotations

from textual.widgets import OptionList

from followup_tui.domain.clock import to_iso
from followup_tui.ui.screens.find import FindScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import QueueList
from followup_tui.ui.widgets.research import ResearchPane
from followup_tui.ui.widgets.status_line import StatusLine
from tests.ui.helpers import make_app, press, say_how, select_caller, settle

SIZE = (120, 36)


def _found(results: OptionList) -> list[str]:
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def _results_shown(pilot, results: OptionList, name: str) -> None:
    """Wait for the search of the whole name, which runs once typing pauses (a
    condition, not a time: a slow machine may show a search of the first letters
    before it)."""
    for _ in range(400):
        if any(name in row for row in _found(results)):
            return
        await pilot.pause(0.05)
    raise AssertionError(f"find never showed {name}: {_found(results)}")


def _header(app) -> str:
    return str(app.screen.query_one(ProspectHeader).render())


async def test_a_wrong_number_is_marked_in_the_header_and_in_find(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        assert "wrong number" not in _header(app)
        await press(pilot, "w")
        await say_how(pilot, "c")
        assert sample_db["prospects"].get(caller.id)["phone_bad"] == 1
        # Its next step a call: the header must not promise it.
        sample_db.execute(
            "UPDATE prospects SET cadence_step = 3, next_touch_at = ? WHERE id = ?",
            [to_iso(frozen.now().add(days=3)), caller.id],
        )
        sample_db.conn.commit()
        await press(pilot, "slash", *caller.name)
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        results = app.screen.query_one("#results", OptionList)
        await _results_shown(pilot, results, caller.name)
        found = _found(results)
        assert any(caller.name in row and "wrong number" in row for row in found), found
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        header = _header(app)
        assert "wrong number: E edits it" in header
        assert "next: call" not in header
        assert "held: wrong number" in header


async def test_the_last_conversation_and_old_touches_are_dated_in_the_rep_zone(sample_db, frozen):
    from followup_tui.ui.widgets.history import HistoryPane

    pid = sample_db.execute(
        "SELECT id FROM prospects WHERE status = 'active' AND id NOT IN"
        " (SELECT prospect_id FROM touches WHERE started_at >= '2026-11-19') ORDER BY id LIMIT 1"
    ).fetchone()[0]
    for started, outcome in (
        ("2026-11-20T02:30:00Z", "connected"),  # Thu 19 Nov 21:30 in New York, Fri in UTC
        ("2025-01-10T15:00:00Z", "no_answer"),  # nearly two years ago
    ):
        touch = {"prospect_id": pid, "channel": "call", "outcome": outcome,
                 "started_at": started, "ended_at": started, "duration_s": 60,
                 "created_at": started}  # fmt: skip
        sample_db["touches"].insert(touch)
    sample_db.conn.commit()
    app = make_app(sample_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.screen.open_prospect(pid)
        await settle(pilot)
        research = str(app.screen.query_one(ResearchPane)._body.render())
        assert "Last conversation  19 Nov 21:30, connected" in research
        history = str(app.screen.query_one(HistoryPane)._body.render())
        assert "19 Nov 21:30" in history
        assert "10 Jan 2025" in history


async def test_a_number_with_several_zones_names_the_city_and_the_rest_in_one_aside(
    sample_db, frozen
):
    """'(London, +2 zones)' wide and '(+2 zones)' narrow, never '(London (+2 zones))'."""
    pid = sample_db.execute(
        "SELECT id FROM prospects WHERE status = 'active' ORDER BY id LIMIT 1"
    ).fetchone()[0]
    sample_db.execute(
        "UPDATE prospects SET timezone = NULL, phone_zones = ? WHERE id = ?",
        ["Europe/London America/New_York America/Chicago", pid],
    )
    sample_db.conn.commit()
    app = make_app(sample_db)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        app.screen.open_prospect(pid)
        await settle(pilot)
        assert "GMT (London, +2 zones)" in _header(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "Mon 14:30 GMT (+2 zones)" in _header(app)  # 'their time' gave way first


async def test_while_only_the_first_page_is_read_every_count_says_there_is_more(
    sample_db, frozen, monkeypatch
):
    """Start-up paints a first page, then the whole queue: until it arrives, the
    counts are of that page, so each says '+' (the border, the held view, the status
    line), never a number that reads as the whole."""
    monkeypatch.setattr(WorkspaceScreen, "_read_whole_queue", lambda self: None)
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.session.queue_complete
        queue = app.screen.query_one(QueueList)
        status = app.screen.query_one(StatusLine).render().plain
        assert queue.border_title.endswith("+") and f"{queue.row_count}+ due" in status
        assert "+ held (2 shows them)" in (queue.below or "")
        await press(pilot, "2")
        assert queue.border_title.startswith("Held · ") and queue.border_title.endswith("+")


def test_a_not_now_row_whose_day_has_come_says_it_is_due_again(frozen):
    """'back 29 Oct' on 23 Nov read as a date to come; the prospect is due again."""
    from followup_tui.domain.models import Prospect
    from followup_tui.ui.screens.workspace import parked_row
    from tests.conftest import REP_ZONE

    now = frozen.now()
    came = Prospect(1, "Ann", status="not_now", revisit_at=now.subtract(days=25))
    coming = Prospect(2, "Bo", status="not_now", revisit_at=now.add(days=9))
    undated = Prospect(3, "Cy", status="not_now")
    tags = [parked_row(p, now, REP_ZONE).tag for p in (came, coming, undated)]
    assert tags == ["due since 29 Oct", "back 2 Dec", "back: no date"]


async def test_find_says_when_no_one_matches(sample_db, frozen):
    """A search that found no one left a blank dialog with an empty black box."""
    from textual.widgets import Static

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        results = app.screen.query_one("#results", OptionList)
        nobody = app.screen.query_one("#nobody", Static)
        assert not results.display and not nobody.display  # nothing asked yet
        await press(pilot, *"zzqx")
        for _ in range(400):  # the search runs once typing pauses
            if nobody.display:
                break
            await pilot.pause(0.05)
        assert "No one matches zzqx: try part of a name" in str(nobody.render())
        assert not results.display
        name = sample_db.execute("SELECT name FROM prospects ORDER BY id LIMIT 1").fetchone()[0]
        await press(pilot, "ctrl+a", "ctrl+k", *name)
        await _results_shown(pilot, results, name)
        assert results.display and not nobody.display
        # More match than are shown: the list says so rather than end as if complete.
        await press(pilot, "ctrl+a", "ctrl+k", "a")
        await settle(pilot)
        assert results.option_count == 50 and nobody.display
        assert "The first 50 matches: type more" in str(nobody.render())


async def test_the_not_now_view_counts_every_parked_prospect_grouped(sample_db, frozen):
    """'Not now · 1000' stood over 11,111 on the large database: the list was cut."""
    from followup_tui.domain.models import NewProspect
    from followup_tui.store import prospects as store
    from followup_tui.store.db import write_transaction

    now = frozen.now()
    with write_transaction(sample_db):
        for n in range(1000):
            store.insert_prospect(
                sample_db,
                NewProspect(name=f"Parked {n}", status="not_now", revisit_at=now.add(days=30)),
                now,
            )
    parked = sample_db.execute(
        "SELECT count(*) FROM prospects WHERE do_not_call = 0"
        " AND status IN ('not_now', 'not_interested')"
    ).fetchone()[0]
    assert parked > 1000
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.action_view("parked")  # as `3` does; the list is read in a worker
        assert app.screen.query_one(QueueList).border_title == "Not now · …"  # not '0'
        await settle(pilot)
        assert app.screen.query_one(QueueList).border_title == f"Not now · {parked:,}"


async def test_a_parked_prospect_whose_day_has_come_is_badged_due_again(sample_db, frozen):
    """The header's badge said 'not now' over a prospect the due list showed as due."""
    parked = sample_db.execute(
        "SELECT id, name FROM prospects WHERE status = 'not_now' AND do_not_call = 0"
        " ORDER BY id LIMIT 2"
    ).fetchall()
    (came_id, came), (_, waiting) = parked
    sample_db.execute(
        "UPDATE prospects SET revisit_at = ? WHERE id = ?",
        [to_iso(frozen.now().subtract(days=2)), came_id],
    )
    sample_db.conn.commit()
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for name, badge in ((came, "not now, due again"), (waiting, "not now")):
            await press(pilot, "slash", *name)
            results = app.screen.query_one("#results", OptionList)
            await _results_shown(pilot, results, name)
            await press(pilot, "enter")
            await settle(pilot)
            head = _header(app).splitlines()[0]
            assert f" {badge} " in head, head
            assert ("due again" in head) == (name == came), head
