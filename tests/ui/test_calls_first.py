"""Calls first: the calls view (and `1` during a block), the tasks view with the email
address, the power dial's wrap-up countdown, and email steps opened as mailto: URIs.
The clock is frozen and moved by hand; the countdown is driven by its tick handler."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import quote

import pytest

from followup_tui.config import PowerDial, Settings
from followup_tui.domain.email_templates import mailto_uri
from followup_tui.domain.queue import is_call_entry
from followup_tui.ui.screens.call_block import StartBlockScreen
from followup_tui.ui.screens.choice import ChoiceScreen
from followup_tui.ui.widgets.countdown import Countdown
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import QueueList
from tests.ui.helpers import (
    make_app,
    notifications_told,
    press,
    queue_text,
    select_caller,
    settle,
)

SIZE = (120, 36)
POWER = Settings(power_dial=PowerDial(auto_advance=True, wrap_up_seconds=5))


def _queue(app) -> QueueList:
    return app.screen.query_one(QueueList)


def _touches(db) -> list[dict]:
    return list(db.query("SELECT * FROM touches WHERE outcome IS NOT NULL ORDER BY id"))


async def _start_block(pilot) -> None:
    await press(pilot, "b")
    assert isinstance(pilot.app.screen, StartBlockScreen)
    await press(pilot, "enter")  # 60 minutes, goal 50
    await settle(pilot)
    assert pilot.app.session.block is not None


def _countdown_text(app) -> str:
    countdown = app.workspace.query_one(Countdown)
    return str(countdown.render()) if countdown.has_class("-shown") else ""


async def test_a_block_goes_from_call_to_call_and_tasks_wait_in_their_view(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = _queue(app)
        assert not all(is_call_entry(e) for e in queue.rows)  # tasks mixed in before the block
        await _start_block(pilot)
        assert queue.border_title.startswith("Calls · ")
        assert "tasks wait (5 shows them)" in queue.below
        assert queue.cursor == 0 and queue.rows and all(is_call_entry(e) for e in queue.rows)
        dialed = []
        for _ in range(10):  # ten dials, never a j
            rows = [e.prospect.id for e in queue.rows]
            at = queue.cursor
            await press(pilot, "d")
            assert app.session.running is not None, "a call step dials without a question"
            dialed.append(app.session.running.prospect.id)
            frozen.advance(20)
            await press(pilot, "n")
            assert all(is_call_entry(e) for e in queue.rows)
            assert queue.highlighted.id == rows[at + 1]  # the next call, with no j
        assert len(set(dialed)) == 10
        logged = _touches(sample_db)[-10:]
        assert [t["prospect_id"] for t in logged] == dialed
        assert {(t["channel"], t["outcome"]) for t in logged} == {("call", "no_answer")}
        # The tasks wait in their view, email steps with the address.
        await press(pilot, "5")
        assert queue.border_title.startswith("Tasks · ")
        assert queue.below == "1=calls 5=tasks"  # `1` is the calls here, not "1=due"
        tasks = list(queue.rows)
        assert tasks and not any(is_call_entry(e) for e in tasks)
        email = next(e for e in tasks if e.step.channel == "email")
        queue.select_id(email.prospect.id)
        await settle(pilot)
        row = queue.row_at(queue.cursor)
        assert row.detail == email.prospect.email  # where the company was
        assert f"email {email.prospect.email[:20]}" in queue_text(app)
        await press(pilot, "y")
        assert app.clipboard == email.prospect.email
        # `1` during the block is the calls view too; `4` is it at any time.
        await press(pilot, "1")
        assert queue.border_title.startswith("Calls · ") and queue.cursor == 0


async def test_4_shows_the_calls_without_a_block_and_1_everything(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queue = _queue(app)
        everything = len(queue.rows)
        await press(pilot, "4")
        calls = [e.prospect.id for e in queue.rows]
        assert calls == [e.prospect.id for e in app.session.queue.ready if is_call_entry(e)]
        await press(pilot, "5")
        assert len(calls) + len(queue.rows) == everything
        await press(pilot, "1")
        assert len(queue.rows) == everything and queue.border_title.startswith("Due now")


async def test_the_countdown_dials_the_next_call_when_it_runs_out(sample_db, frozen):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _start_block(pilot)
        screen, queue = app.screen, _queue(app)
        next_call = queue.rows[1].prospect
        await press(pilot, "d")
        frozen.advance(30)
        await press(pilot, "n")
        assert queue.highlighted.id == next_call.id
        assert f"Next call: {next_call.name} in 5 s" in _countdown_text(app)
        countdown = screen.query_one(Countdown).region
        assert (countdown.y, countdown.width) == (0, SIZE[0])  # the top line, above any toast
        assert screen.query_one(ProspectHeader).region.bottom == 4  # a line lower
        assert app.session.running is None  # nothing is dialed before the countdown ends
        frozen.advance(2)
        screen._countdown_tick()
        assert "in 3 s" in _countdown_text(app)
        frozen.advance(3)
        screen._countdown_tick()
        await settle(pilot)
        assert app.session.running is not None
        assert app.session.running.prospect.id == next_call.id
        assert _countdown_text(app) == ""


async def test_any_key_pauses_the_countdown_and_esc_ends_power_dialing(sample_db, frozen):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _start_block(pilot)
        screen, queue = app.screen, _queue(app)
        await press(pilot, "d")
        frozen.advance(15)
        await press(pilot, "v")
        assert "in 5 s" in _countdown_text(app)
        at = queue.cursor
        await press(pilot, "j")  # pauses; the key does nothing else
        assert queue.cursor == at
        assert "paused" in _countdown_text(app)
        frozen.advance(60)
        screen._countdown_tick()
        await settle(pilot)
        assert app.session.running is None  # a paused countdown never dials
        await press(pilot, "j")  # once paused, keys work again
        assert queue.cursor == at + 1
        await press(pilot, "escape")
        assert _countdown_text(app) == "" and not screen.power
        # Power dialing off: the next outcome starts no countdown.
        await press(pilot, "d")
        frozen.advance(15)
        await press(pilot, "n")
        assert _countdown_text(app) == ""
        await press(pilot, "A")  # on again
        assert screen.power


async def test_d_while_paused_dials_and_the_countdown_comes_back_after_its_outcome(
    sample_db, frozen
):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")  # the calls view, without a block
        await press(pilot, "d")
        frozen.advance(15)
        await press(pilot, "n")
        assert "in 5 s" in _countdown_text(app)
        await press(pilot, "k")  # paused
        await press(pilot, "d")
        assert app.session.running is not None and _countdown_text(app) == ""
        frozen.advance(15)
        await press(pilot, "n")
        assert "in 5 s" in _countdown_text(app)


async def test_leaving_the_calls_view_or_ending_the_block_stops_the_countdown(sample_db, frozen):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _start_block(pilot)
        # Paused (k), then the tasks view; paused, then the block ends (1 shows all again).
        for view, leave in (("4", ["k", "5"]), ("1", ["k", "b", "y"])):
            await press(pilot, view, "d")
            frozen.advance(15)
            await press(pilot, "n")
            assert "in 5 s" in _countdown_text(app)
            await press(pilot, *leave)
            await settle(pilot)
            assert _countdown_text(app) == "" and app.session.running is None
            frozen.advance(60)
            app.workspace._countdown_tick()
            await settle(pilot)
            assert app.session.running is None


async def test_no_countdown_in_the_due_view_or_after_a_task(sample_db, frozen):
    app = make_app(sample_db, POWER)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "d")  # `1` without a block mixes tasks in: no power dial there
        if isinstance(app.screen, ChoiceScreen):
            await press(pilot, "k")
        frozen.advance(15)
        await press(pilot, "n")
        assert _countdown_text(app) == ""


# -- email steps -------------------------------------------------------------------------
@pytest.fixture
def fake_opener(tmp_path, monkeypatch):
    """An xdg-open (and open) on PATH that records its arguments, one per line."""
    folder = tmp_path / "bin"
    folder.mkdir()
    record = tmp_path / "opened.txt"
    script = f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a" >> "{record}"; done\n'
    for name in ("xdg-open", "open"):
        path = folder / name
        path.write_text(script)
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return record


def _templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"  # beside FOLLOWUP_CONFIG (tests/conftest.py)
    folder.mkdir(exist_ok=True)
    return folder


async def _on_email_step(pilot, with_reason: bool = True):
    """Go to the tasks view and onto an email step (with or without a reason to call)."""
    app = pilot.app
    await press(pilot, "5")
    queue = _queue(app)
    for entry in queue.rows:
        if entry.step.channel != "email" or not entry.prospect.email:
            continue
        file = app.session.file_view(entry.prospect.id)
        research = file.file.research
        if bool(research and research.reason_to_call.strip()) == with_reason:
            queue.select_id(entry.prospect.id)
            await settle(pilot)  # and the side panes, once the cursor rests
            return entry.prospect, research
    raise AssertionError("no such email step in the sample")


async def test_m_opens_the_email_from_the_template_and_l_still_logs_it(
    sample_db, frozen, fake_opener
):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prospect, research = await _on_email_step(pilot)
        await press(pilot, "M")
        opened = fake_opener.read_text().splitlines()
        first = prospect.name.split()[0]
        assert len(opened) == 1, "the URI reaches the opener as one argument"
        assert opened[0].startswith(mailto_uri(prospect.email, f"{first}, a quick idea for"))
        assert "%0D%0A%0D%0A" in opened[0]  # the body's blank line, as CRLF
        # The reason to call is the rep's note: the shipped template leaves it out.
        assert quote(research.reason_to_call.strip(), safe="") not in opened[0]
        assert quote(prospect.company.strip(), safe="") in opened[0]
        await press(pilot, "l")
        touch = _touches(sample_db)[-1]
        assert (touch["prospect_id"], touch["channel"], touch["outcome"]) == (
            prospect.id,
            "email",
            "sent",
        )


async def test_m_on_a_call_day_then_l_logs_the_email_and_the_call_stays_due(
    sample_db, frozen, fake_opener
):
    """`M` on a prospect whose step is a call: `l` logs that email (it said "This step
    is a call" and the email went unrecorded), and the call is still theirs to make."""
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        caller = await select_caller(pilot)
        step_before = sample_db["prospects"].get(caller.id)["cadence_step"]
        told = notifications_told(app)
        await press(pilot, "M")
        assert fake_opener.exists()
        assert any("l logs it once sent (the call" in t and "step stays due)" in t for t in told)
        await press(pilot, "l")
        touch = _touches(sample_db)[-1]
        assert (touch["prospect_id"], touch["channel"], touch["outcome"]) == (
            caller.id,
            "email",
            "sent",
        )
        assert sample_db["prospects"].get(caller.id)["cadence_step"] == step_before
        assert any(", by email. The call" in t and "d dials" in t for t in told), told


async def test_a_template_with_a_missing_field_opens_nothing_and_says_which(
    sample_db, frozen, fake_opener, tmp_path
):
    (_templates(tmp_path) / "why.toml").write_text('subject = "Re"\nbody = "{reason_to_call}"\n')
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _on_email_step(pilot, with_reason=False)
        await press(pilot, "M")
        assert not fake_opener.exists()
        said = [n.message for n in app._notifications]
        assert any("needs {reason_to_call}, empty for this prospect" in m for m in said), said


async def test_unknown_placeholders_are_reported_and_several_templates_are_chosen(
    sample_db, frozen, fake_opener, tmp_path
):
    folder = _templates(tmp_path)
    (folder / "a_typo.toml").write_text('subject = "Hi {frist_name}"\nbody = "{nmae} {company}"\n')
    (folder / "b_short.toml").write_text(
        'label = "Short"\nsubject = "Re: {company}"\nbody = "Hi {first_name} & co?"\n'
    )
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prospect, _ = await _on_email_step(pilot)
        await press(pilot, "M")
        assert isinstance(app.screen, ChoiceScreen)
        assert [words for _, words in app.screen.choices] == ["a_typo", "Short"]
        await press(pilot, "1")
        said = app._notifications
        assert any("unknown placeholder {frist_name}, {nmae}" in n.message for n in said)
        assert not fake_opener.exists()
        await press(pilot, "M", "2")
        first = prospect.name.split()[0]
        company = prospect.company
        assert fake_opener.read_text().splitlines() == [
            mailto_uri(prospect.email, f"Re: {company}", f"Hi {first} & co?")
        ]


async def test_a_failing_opener_is_said_in_words(sample_db, frozen, tmp_path, monkeypatch):
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("xdg-open", "open"):
        path = folder / name
        path.write_text("#!/bin/sh\necho 'no method available for opening it' >&2\nexit 3\n")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _on_email_step(pilot)
        await press(pilot, "M")
        said = [n.message for n in app._notifications]
        assert any(
            "The email did not open: " in m
            and "failed (exit status 3): no method available for opening it" in m
            for m in said
        ), said


async def test_no_email_address_is_said(sample_db, frozen):
    sample_db.execute("UPDATE prospects SET email = ''")
    app = make_app(sample_db)
    said = notifications_told(app)  # each key clears the notification before it
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "y", "M")
        assert sum("No email address for" in m and "E adds one" in m for m in said) == 2
