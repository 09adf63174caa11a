"""The session core without Textual: each use case against a real temporary database."""

from __future__ import annotations

import sqlite3

import pytest

from followup_tui.domain.clock import to_iso
from followup_tui.domain.outcomes import Decision, Outcome
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import current_step
from followup_tui.session.core import WorkSession
from followup_tui.store import prospects as store
from followup_tui.store.db import database_file
from followup_tui.store.engine import ReadOnlyStore, Store, error_words
from tests.conftest import NOW, REP_ZONE


def _touches(db, prospect_id):
    return db.execute(
        "SELECT channel, outcome, duration_s FROM touches WHERE prospect_id = ? ORDER BY id",
        [prospect_id],
    ).fetchall()


def test_start_reads_a_first_page_that_the_whole_queue_agrees_with(sample_db, frozen):
    path = database_file(sample_db)
    work = WorkSession(Store(path), Policy(), REP_ZONE)
    result = work.start(first_page=5)
    head = [e.prospect.id for e in work.queue.ready]
    assert len(head) == 5 and not work.queue_complete
    full = store.queue_now(sample_db, frozen.now(), Policy())
    assert head == [e.prospect.id for e in full.ready[:5]]
    assert result.numbers is not None and result.numbers.due == 5
    assert not result.numbers.complete  # the status line says "5+ due"


def test_claims_are_written_without_a_flush_and_a_dial_with_one(sample_db):
    """A claim is a lease (it runs out by itself): start-up never waits for the disk
    to write one, while a dial and its outcome are flushed before they count."""
    work = WorkSession(Store(database_file(sample_db)), Policy(), REP_ZONE)
    said: list[str] = []
    work.store.db().conn.set_trace_callback(said.append)
    try:
        work.start()
        assert said.count("PRAGMA synchronous = NORMAL") >= 2  # renewed, then the head taken
        assert all(sql != "BEGIN IMMEDIATE" or said[i - 1].endswith("NORMAL")
                   for i, sql in enumerate(said))  # fmt: skip
        said.clear()
        head = next(e for e in work.queue.ready if e.step is None or e.step.is_call)
        assert work.dial(head.prospect.id, override=True, skip_task=False).failed is False
        assert "BEGIN IMMEDIATE" in said and "PRAGMA synchronous = NORMAL" not in said
        said.clear()
        work.log(head.prospect.id, Outcome.NO_ANSWER)
        assert "COMMIT" in said and "PRAGMA synchronous = NORMAL" not in said
    finally:
        work.store.close()


def test_dial_then_no_answer_is_one_timed_touch_and_the_prospect_leaves(session, sample_db, frozen):
    calls = [e for e in session.queue.ready if e.step is None or e.step.is_call]
    first = calls[0].prospect
    assert session.dial(first.id).failed is False
    assert session.running is not None and session.running.prospect.id == first.id
    frozen.advance(30)
    result = session.log(first.id, Outcome.NO_ANSWER)
    assert result.logged == first.id and result.notice is not None
    assert "u undoes" in result.notice.text
    assert _touches(sample_db, first.id)[-1] == ("call", "no_answer", 30)
    assert session.running is None
    assert first.id not in [e.prospect.id for e in session.queue.ready]
    assert result.numbers is not None and result.numbers.day.dials >= 1


def test_an_outcome_goes_to_the_prospect_on_the_line(session, sample_db, frozen):
    calls = [e.prospect for e in session.queue.ready if e.step is None or e.step.is_call]
    on_line, other = calls[0], calls[1]
    others_before = _touches(sample_db, other.id)
    session.dial(on_line.id)
    session.log(other.id, Outcome.VOICEMAIL)  # the rep moved the cursor meanwhile
    assert _touches(sample_db, on_line.id)[-1][1] == "voicemail"
    assert _touches(sample_db, other.id) == others_before


def test_retiring_early_asks_first_and_writes_nothing_until_yes(session, sample_db):
    early = next(e.prospect for e in session.queue.ready if e.prospect.touch_count < 5)
    before = _touches(sample_db, early.id)
    asked = session.log(early.id, Outcome.NOT_INTERESTED, decision=Decision.NOT_INTERESTED)
    # No dial ran: the same question asks how it came, one key per way.
    assert asked.question is not None and asked.choose is not None
    assert "Giving up early" in "".join(text for text, _ in asked.question.parts)
    assert [key for key, _ in asked.question.choices] == ["c", "e", "p", "o"]
    assert asked.question.permanent  # `y` only: it comes right after an Enter
    assert _touches(sample_db, early.id) == before  # nothing written before the answer
    done = asked.choose("e")
    assert done.question is None
    assert sample_db["prospects"].get(early.id)["status"] == "not_interested"
    assert _touches(sample_db, early.id)[-1][:2] == ("email", "not_interested")


def test_do_not_call_is_asked_as_permanent(session):
    prospect = session.queue.ready[0].prospect
    asked = session.log(prospect.id, Outcome.DO_NOT_CALL, decision=Decision.DO_NOT_CALL)
    questions = []
    while asked.question is not None:
        questions.append(asked.question)
        asked = asked.choose("p") if asked.choose is not None else asked.again()  # type: ignore[misc]
    assert questions[-1].permanent


def test_a_queue_read_elsewhere_never_undoes_what_the_rep_did(session, sample_db):
    stale, since = session.read_queue()
    prospect = session.queue.ready[0].prospect
    session.log(prospect.id, Outcome.VOICEMAIL)
    session.merge_queue(stale, since)
    assert prospect.id not in [e.prospect.id for e in session.queue.ready]


def test_keep_up_notices_another_writer_and_who_became_due(session, sample_db, frozen):
    assert session.keep_up().stale is False
    other = sqlite3.connect(database_file(sample_db))
    other.execute("UPDATE prospects SET company = 'Renamed Ltd' WHERE id = 1")
    other.commit()
    other.close()
    assert session.keep_up().stale is True
    frozen.advance(6 * 3600)
    moved = session.keep_up()
    assert moved.changed  # prospects whose next touch came due meanwhile


def test_undo_brings_the_logged_prospect_back(session, sample_db):
    prospect = session.queue.ready[0].prospect
    session.log(prospect.id, Outcome.VOICEMAIL)
    undone = session.undo()
    assert undone.show == prospect.id
    assert prospect.id in [e.prospect.id for e in session.queue.ready]


def test_a_read_only_database_refuses_writes_in_words(sample_db, tmp_path):
    path = database_file(sample_db)
    work = WorkSession(Store(path, read_only=True), Policy(), REP_ZONE)
    work.start()
    prospect = work.queue.ready[0].prospect
    with pytest.raises(ReadOnlyStore) as refused:
        work.log(prospect.id, Outcome.NO_ANSWER)
    assert "read-only" in error_words(refused.value)
    work.store.close()


def test_a_locked_database_is_said_in_words(sample_db):
    err = sqlite3.OperationalError("database is locked")
    assert "busy" in error_words(err) and "try again" in error_words(err)


def test_the_domain_decides_the_dnc_refusal_before_any_dialog(session):
    from followup_tui.domain.models import Prospect

    prospect, refusal = session.target(Prospect(1, "Ann", do_not_call=True))
    assert prospect is None and refusal is not None and refusal.severity == "error"
    prospect, refusal = session.target(None)
    assert prospect is None and refusal is not None


def test_a_one_minute_block_reads_in_the_singular(session):
    said = session.start_block(1, 1).notice
    assert said is not None and said.text.startswith("Call block started: 1 minute, goal 1 dial.")


def test_a_typo_never_wipes_out_a_main_number_that_can_be_dialed(session, sample_db):
    """`E`, "555-12" in the main number's place: asked, not saved; yes replaces it."""
    from followup_tui.session.core import ContactEdit
    from followup_tui.store import prospects as prospect_store

    prospect = next(e.prospect for e in session.queue.ready if e.prospect.phone_e164)
    typo = ContactEdit(prospect.name, prospect.title, prospect.company, prospect.email, "555-12")
    asked = session.edit_contact(prospect.id, typo)
    assert asked.question is not None and asked.again is not None
    words = "".join(text for text, _ in asked.question.parts)
    assert "'555-12' cannot be dialed" in words and "Replace the main number" in words
    assert prospect_store.get_prospect(sample_db, prospect.id).phone_e164 == prospect.phone_e164
    asked.again()
    assert prospect_store.get_prospect(sample_db, prospect.id).phone_raw == "555-12"
    good = ContactEdit(prospect.name, prospect.title, prospect.company, prospect.email,
                       "(312) 555-0177")  # fmt: skip
    assert session.edit_contact(prospect.id, good).question is None  # nothing lost: no question


def test_a_dial_while_the_block_is_paused_resumes_it_and_counts(session, sample_db):
    """`p` then `d`: the rep is working again; the dial is the block's (it was not,
    and the status line showed "paused" while the dials went up)."""
    session.start_block(30, 50)
    session.pause_block()
    assert session.block is not None and session.block.paused
    prospect = next(e.prospect for e in session.queue.ready if e.step is None or e.step.is_call)
    said = session.dial(prospect.id)
    assert said.notice is not None and said.notice.text.startswith("Block resumed")
    assert not session.block.paused
    assert session.running is not None
    block = sample_db.execute(
        "SELECT call_block_id FROM touches WHERE id = ?", [session.running.touch.id]
    ).fetchone()[0]
    assert block == session.block.id


def test_a_number_typed_for_a_british_prospect_is_read_as_british(session, sample_db):
    """Without its +44, '020 7946 0396' is no valid US number: a rep correcting a
    London prospect's number was asked to replace it with an undialable one."""
    from followup_tui.session.core import ContactEdit
    from followup_tui.store import prospects as prospect_store

    prospect = next(
        e.prospect for e in session.queue.ready if (e.prospect.phone_e164 or "").startswith("+44")
    )
    fixed = ContactEdit(prospect.name, prospect.title, prospect.company, prospect.email,
                        "020 7946 0396", new_phone_raw="07911 123456")  # fmt: skip
    assert session.edit_contact(prospect.id, fixed).question is None
    saved = prospect_store.get_prospect(sample_db, prospect.id)
    assert saved.phone_e164 == "+442079460396"
    assert "+447911123456" in {n.e164 for n in saved.numbers}


def test_a_dial_logged_in_another_window_is_let_go_here(session, sample_db, frozen):
    """A second window took up the dial and logged it; this one kept timing it in
    its status line until its own outcome key was refused."""
    prospect = next(e.prospect for e in session.queue.ready if e.step is None or e.step.is_call)
    session.dial(prospect.id)
    assert session.keep_up().notice is None and session.running is not None
    other = sqlite3.connect(database_file(sample_db))
    other.execute("UPDATE touches SET outcome = 'no_answer' WHERE id = ?",
                  [session.running.touch.id])  # fmt: skip
    other.commit()
    other.close()
    kept = session.keep_up()
    assert session.running is None and kept.stale
    assert kept.notice is not None and "logged (no answer) elsewhere" in kept.notice.text


def _called(db, prospect_id, *days_ago):
    """Calls to `prospect_id` logged `days_ago` before NOW (for the caps)."""
    for days in days_ago:
        at = to_iso(NOW.subtract(days=days))
        call = {"channel": "call", "outcome": "no_answer", "started_at": at, "created_at": at}
        db["touches"].insert({"prospect_id": prospect_id, **call})


def _words(result) -> str:
    assert result.question is not None
    return "".join(text for text, _ in result.question.parts)


def test_a_dial_past_a_cap_also_says_the_hours_are_closed(session, sample_db, frozen):
    """06:30 in Los Angeles with the weekly cap reached: "dial anyway" must not
    override calling hours the rep was never told of."""
    (wes,) = sample_db.execute("SELECT id FROM prospects WHERE name = 'Wes Hale'").fetchone()
    _called(sample_db, wes, 2, 4)
    asked = session.dial(wes)
    assert "weekly cap of 2 reached" in _words(asked)
    assert "outside calling hours" in _words(asked)
    assert asked.question is not None and asked.question.permanent  # `y` only
    assert session.running is None


def test_a_callback_they_asked_for_is_dialed_without_a_cap_question(session, sample_db, frozen):
    """The queue shows a promised callback as ready whatever the gentle caps say; `d`
    on it dials, rather than ask for an override of those caps."""
    prospect = next(
        e.prospect
        for e in session.queue.ready
        if e.prospect.phone_zones == ("America/New_York",) and e.step is not None and e.step.is_call
    )
    _called(sample_db, prospect.id, 1, 3)
    assert "weekly cap of 2 reached" in _words(session.dial(prospect.id))
    sample_db["prospects"].update(prospect.id, {"next_touch_is_callback": 1})
    dialed = session.dial(prospect.id)
    assert dialed.question is None
    assert session.running is not None and session.running.prospect.id == prospect.id


def test_a_callback_dialed_before_its_time_is_a_call_like_any_other(session, sample_db, frozen):
    """Promised for Thursday, dialed again today after a conversation: the caps hold
    it as any call (it was dialed at once, with no override recorded)."""
    prospect = next(
        e.prospect
        for e in session.queue.ready
        if e.prospect.phone_zones == ("America/New_York",) and e.step is not None and e.step.is_call
    )
    _called(sample_db, prospect.id, 0)  # a call a moment ago
    sample_db["prospects"].update(
        prospect.id,
        {"next_touch_is_callback": 1, "next_touch_at": to_iso(NOW.add(days=3))},
    )
    asked = session.dial(prospect.id)
    assert "already touched today" in _words(asked)
    assert " They asked to be called back Thu " in _words(asked)
    assert session.running is None
    frozen.advance(3 * 86400)  # Thursday: the time they gave
    assert session.dial(prospect.id).question is None
    assert session.running is not None


def test_dialing_ahead_of_a_promised_callback_asks_first(session, sample_db, frozen):
    """No cap in the way, the callback they asked for on Thursday is still a promise:
    `d` today says so before it dials (and records no override when the rep goes on)."""
    prospect = next(
        e.prospect
        for e in session.queue.ready
        if e.prospect.phone_zones == ("America/New_York",) and e.step is not None and e.step.is_call
    )
    sample_db["prospects"].update(
        prospect.id,
        {"next_touch_is_callback": 1, "next_touch_at": to_iso(NOW.add(days=3))},
    )
    asked = session.dial(prospect.id)
    assert _words(asked).startswith(f"{prospect.name} asked to be called back Thu ")
    assert "override" not in _words(asked)
    assert asked.question is not None and not asked.question.permanent
    assert asked.again is not None and asked.again().question is None
    assert session.running is not None
    promised = store.get_prospect(sample_db, prospect.id).next_touch_at
    override = sample_db.execute(
        "SELECT override FROM touches WHERE id = ?", [session.running.touch.id]
    ).fetchone()[0]
    assert override == 0
    # Nobody answered: the callback they asked for still stands, at its time.
    frozen.advance(30)
    logged = session.log(prospect.id, Outcome.NO_ANSWER)
    assert logged.notice is not None and "Callback Thu" in logged.notice.text
    after = store.get_prospect(sample_db, prospect.id)
    assert after.next_touch_is_callback and after.next_touch_at == promised


def test_dialed_ahead_of_an_email_step_the_question_says_when_it_is_due(session, sample_db):
    """Not due till Friday, the step is no "today's step"."""
    ids = [row[0] for row in sample_db.execute(
        "SELECT id FROM prospects WHERE status = 'active' AND do_not_call = 0"
        " AND next_touch_is_callback = 0 AND next_touch_at > ?", [to_iso(NOW.add(days=1))]
    )]  # fmt: skip
    ahead = [store.get_prospect(sample_db, pid) for pid in ids]
    prospect = next(p for p in ahead if p is not None and not current_step(p, Policy()).is_call)
    words = _words(session.dial(prospect.id))
    assert "today's step" not in words.lower()
    assert ", due " in words and " their time, is " in words


def test_contact_details_that_cannot_be_saved_are_refused_in_words(session, sample_db):
    """The editor shows the problem as the rep types; the session refuses it too."""
    from followup_tui.session.core import ContactEdit

    prospect = session.queue.ready[0].prospect
    edit = ContactEdit(prospect.name, prospect.title, prospect.company, "dana@@nettlecrest",
                       prospect.phone_raw)  # fmt: skip
    said = session.edit_contact(prospect.id, edit)
    assert said.notice is not None and "is not an email address: one @ only" in said.notice.text
    assert store.get_prospect(sample_db, prospect.id).email == prospect.email


def test_no_answer_after_a_call_marked_answered_takes_y_only(session, frozen):
    """The conversation is taken back only by `y`, never by an Enter meant for the
    dialog the rep just closed."""
    prospect = session.queue.ready[0].prospect
    session.dial(prospect.id)
    if session.running is None:  # a hold or a task step asked first: dial anyway
        session.dial(prospect.id, override=True, skip_task=False)
    session.connect()
    asked = session.log(prospect.id, Outcome.NO_ANSWER)
    assert "was marked answered" in _words(asked)
    assert asked.question is not None and asked.question.permanent


def test_undo_right_after_a_schedule_takes_the_schedule_back(session, sample_db, frozen):
    """`v` on one prospect, `s` on another, then `u`: it reopened the voicemail, not
    the schedule just typed."""
    first, second = (e.prospect for e in session.queue.ready[:2])
    session.log(first.id, Outcome.VOICEMAIL)
    before = store.get_prospect(sample_db, second.id).next_touch_at
    session.schedule(second.id, NOW.add(days=3))
    undone = session.undo()
    assert undone.notice is not None and f"the schedule for {second.name}" in undone.notice.text
    assert store.get_prospect(sample_db, second.id).next_touch_at == before
    assert _touches(sample_db, first.id)[-1][1] == "voicemail"  # still logged


def test_a_meeting_booked_is_told_on_the_reps_clock_and_theirs(session, sample_db, frozen):
    """'Meeting Tue 24 Nov 14:00 their time' left the rep to work out their own."""
    from followup_tui.domain.outcomes import Decision

    london = next(e.prospect for e in session.queue.ready
                  if e.prospect.phone_zones == ("Europe/London",))  # fmt: skip
    when = NOW.add(days=1).in_tz("Europe/London").at(14, 0)
    said = session.log(london.id, Outcome.MEETING, decision=Decision.MEETING, when=when)
    while said.question is not None:  # no dial ran: how did it come? a call
        said = said.choose("c") if said.choose is not None else said.again()  # type: ignore[misc]
    assert said.notice is not None
    assert "Meeting Tue 24 Nov 09:00 EST (14:00 GMT theirs)" in said.notice.text


def test_parking_early_is_asked_as_parking_not_retiring(session):
    """Not now comes back on a date: 'Retire anyway?' was the wrong question."""
    early = next(e.prospect for e in session.queue.ready if e.prospect.touch_count < 5)
    asked = session.park(early.id, NOW.add(days=30))
    assert "Giving up early" in _words(asked) and "Park them anyway?" in _words(asked)
    assert "Retire" not in _words(asked)
