"""`d` hands the number to the phone: copied (the default), a tel: URI for the system
opener, or a command of the rep's; a failure is said and the dial is timed anyway."""

from __future__ import annotations

import sys

import pytest

from followup_tui.config import Settings
from followup_tui.domain.dialing import DialerSettings
from followup_tui.ui.widgets.queue_list import QueueList
from followup_tui.ui.widgets.status_line import StatusLine
from tests.dialer_scripts import recorder, runs
from tests.ui.helpers import dial, make_app, settle

SIZE = (80, 24)
RAW = "312 555-0142 ;ext=12"  # spaces and a `;` in the text the CRM held


def _with_number(db, prospect_id: int) -> None:
    db.execute("UPDATE prospects SET phone_raw = ?, phone_e164 = '+13125550142', "
               "phone_ext = '12' WHERE id = ?", [RAW, prospect_id])  # fmt: skip


async def _dial_first(app, db, pilot) -> int:
    """Give the first due prospect a Chicago number with an extension, and dial it."""
    await settle(pilot)
    first = app.screen.query_one(QueueList).highlighted
    _with_number(db, first.id)
    app.screen._keep_up()  # another connection wrote: the queue reads it again
    await settle(pilot)
    await dial(pilot)
    await settle(pilot)
    return first.id


def _running(db) -> list:
    return db.execute("SELECT prospect_id FROM touches WHERE outcome IS NULL").fetchall()


def _status(app) -> str:
    return app.screen.query_one(StatusLine).render().plain


async def test_the_default_copies_the_number_and_shows_it_with_the_extension(sample_db, frozen):
    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        prospect_id = await _dial_first(app, sample_db, pilot)
        assert app.clipboard == "+13125550142"
        assert "☎ (312) 555-0142 ext. 12  copied" in _status(app)
        assert len(_status(app)) <= SIZE[0] - 2  # fits the line at 80 columns
        assert _running(sample_db) == [(prospect_id,)]


async def test_the_command_gets_the_number_as_arguments(sample_db, frozen, tmp_path):
    script, log = recorder(tmp_path / "bin", "phone")
    dialer = DialerSettings("command", command=(str(script), "call {e164}", "{ext}", "{national}"))
    app = make_app(sample_db, Settings(dialer=dialer))
    async with app.run_test(size=SIZE) as pilot:
        prospect_id = await _dial_first(app, sample_db, pilot)
        assert runs(log) == [["call +13125550142", "12", "3125550142"]]
        assert _running(sample_db) == [(prospect_id,)]
        assert "sent" in _status(app)
        assert app.clipboard == ""  # only the clipboard mode copies


async def test_tel_opens_the_uri_with_its_extension(sample_db, frozen, tmp_path, monkeypatch):
    if sys.platform in ("darwin", "win32"):
        pytest.skip("the opener on PATH is xdg-open on Linux")
    _, log = recorder(tmp_path / "bin", "xdg-open")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    app = make_app(sample_db, Settings(dialer=DialerSettings("tel")))
    async with app.run_test(size=SIZE) as pilot:
        await _dial_first(app, sample_db, pilot)
        assert runs(log) == [["tel:+13125550142;ext=12"]]


async def test_a_failing_command_is_said_and_the_dial_still_runs(sample_db, frozen, tmp_path):
    script, log = recorder(tmp_path / "bin", "phone", status=1)
    app = make_app(sample_db, Settings(dialer=DialerSettings("command", command=(str(script),))))
    async with app.run_test(size=SIZE) as pilot:
        prospect_id = await _dial_first(app, sample_db, pilot)
        assert len(runs(log)) == 1
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert any("exit status 1" in m and "dial it by hand" in m for m in errors)
        assert _running(sample_db) == [(prospect_id,)]  # the dial is timed all the same
        assert "not handed off" in _status(app)
        frozen.advance(30)
        await pilot.press("n")
        await settle(pilot)
        row = sample_db.execute("SELECT outcome, duration_s FROM touches WHERE prospect_id = ? "
                                "ORDER BY id DESC LIMIT 1", [prospect_id]).fetchone()  # fmt: skip
        assert row == ("no_answer", 30)


async def test_nothing_is_handed_off_before_the_rep_answers_the_dial_question(sample_db, frozen):
    from followup_tui.ui.screens.choice import ChoiceScreen
    from tests.ui.helpers import press, select_task

    app = make_app(sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        prospect = await select_task(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, ChoiceScreen)  # today's step is a task: dial anyway?
        assert app.clipboard == ""
        await press(pilot, "escape")
        assert app.clipboard == "" and _running(sample_db) == []
        await press(pilot, "d", "k")
        assert app.clipboard == prospect.phone_e164


async def test_n_offers_another_number_but_never_for_a_do_not_call(sample_db, frozen):
    """`N` listed a do-not-call prospect's numbers, then refused the one picked."""
    from followup_tui.domain.clock import to_iso
    from followup_tui.domain.numbers import number_from
    from followup_tui.domain.phones import parse_phone
    from followup_tui.store.phones import add_number
    from followup_tui.ui.screens.choice import ChoiceScreen
    from tests.ui.helpers import notifications_told, press

    first, dnc = (row[0] for row in sample_db.execute("SELECT id FROM prospects LIMIT 2"))
    for pid in (first, dnc):
        with sample_db.conn:
            add_number(sample_db, pid, number_from(parse_phone("(312) 555-0188"), "mobile"),
                       to_iso(frozen.now()))  # fmt: skip
    sample_db["prospects"].update(dnc, {"do_not_call": 1, "status": "do_not_call"})
    app = make_app(sample_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        told = notifications_told(app)
        for pid in (dnc, first):
            app.screen.open_prospect(pid)
            await settle(pilot)
            await press(pilot, "N")
            await settle(pilot)
            if pid == dnc:
                assert not isinstance(app.screen, ChoiceScreen)
                assert "do-not-call list: no number is dialed" in told[-1]
        assert isinstance(app.screen, ChoiceScreen)  # one with two numbers is offered both
        offered = [words for _, words in app.screen.choices]
        assert [words.endswith("(main)") for words in offered] == [True, False]
        # During a dial, the number ringing is marked: switching to it would change nothing.
        await press(pilot, "escape", "d")
        await settle(pilot)
        await press(pilot, "N")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        offered = [words for _, words in app.screen.choices]
        assert [words.endswith("(main, dialed now)") for words in offered] == [True, False]
