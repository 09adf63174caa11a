"""Issue 9: every logged touch tells the truth (talk time, what counts as a dial,
tasks, what the rep typed, unfinished dials), checked in the database."""

from __future__ import annotations

from functools import partial

import pytest

from followup_tui.domain.outcomes import Decision, Outcome
from followup_tui.domain.queue import current_step
from followup_tui.store import touches as touch_store
from tests.session.conftest import on_file


def _last_touch(db, prospect_id):
    return db.execute(
        "SELECT channel, outcome, duration_s, talk_s, connected_at, ended_at, notes"
        " FROM touches WHERE prospect_id = ? ORDER BY id DESC LIMIT 1",
        [prospect_id],
    ).fetchone()


def _calls(session):
    return [e.prospect for e in session.queue.ready if e.step is None or e.step.is_call]


def _on_a_task(session):
    return next(
        e.prospect for e in session.queue.ready if e.step is not None and not e.step.is_call
    )


def _dials_today(session) -> int:
    return session.numbers().day.dials


def test_a_dial_lasts_until_the_outcome_is_saved_and_talk_runs_from_the_connection(
    session, sample_db, frozen
):
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    frozen.advance(5)  # ringing
    session.connect()
    frozen.advance(20)  # talking and typing the note
    result = session.log(prospect.id, Outcome.CONNECTED, notes="wants a demo")
    channel, outcome, duration, talk, connected_at, ended_at, notes = _last_touch(
        sample_db, prospect.id
    )
    assert (channel, outcome, duration, talk) == ("call", "connected", 25, 20)
    assert connected_at is not None and ended_at is not None and notes == "wants a demo"
    assert result.notice is not None and "talked 0:20" in result.notice.text


@pytest.mark.parametrize("outcome", [Outcome.NO_ANSWER, Outcome.VOICEMAIL])
def test_an_answered_call_is_logged_as_unanswered_only_when_the_rep_says_so(
    session, sample_db, frozen, outcome
):
    """`c` then `n`: a slip of a key must not drop a conversation from the counts,
    and a yes must not leave a talk time on a call nobody answered."""
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    frozen.advance(4)
    session.connect()
    frozen.advance(2)
    asked = session.log(prospect.id, outcome)
    assert asked.question is not None and asked.again is not None
    words = "".join(text for text, _style in asked.question.parts)
    assert "marked answered (0:04 in)" in words and prospect.name in words
    assert session.running is not None  # nothing logged yet: No keeps the call
    assert _last_touch(sample_db, prospect.id)[1] is None
    asked.again()
    channel, logged, duration, talk, connected_at, _ended, _notes = _last_touch(
        sample_db, prospect.id
    )
    assert (channel, logged, duration, talk, connected_at) == ("call", outcome.value, 6, None, None)
    assert session.numbers().day.connects == 0


def test_hanging_up_ends_the_call_while_the_rep_types_on(session, sample_db, frozen):
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    frozen.advance(4)
    session.connect()
    frozen.advance(10)
    session.hang_up()
    frozen.advance(40)  # the note takes a while after the call
    session.log(prospect.id, Outcome.CONNECTED)
    assert _last_touch(sample_db, prospect.id)[2:4] == (14, 10)


def test_answered_marked_after_the_hang_up_counts_the_talk_from_the_dial(
    session, sample_db, frozen
):
    """`d`, talk, `h`, then `c` to log the conversation: the answer came one second
    after the end, and the talk was 0 (it left the rep's talk time)."""
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    frozen.advance(95)
    session.hang_up()
    frozen.advance(20)  # the rep reaches for `c`
    marked = session.connect()
    assert marked.notice is not None and "counts from the dial" in marked.notice.text
    assert session.running is not None and session.running.connected
    session.log(prospect.id, Outcome.CONNECTED)
    assert _last_touch(sample_db, prospect.id)[2:4] == (95, 95)


def test_stats_talk_time_counts_from_the_connection(session, sample_db, frozen):
    before = session.stats().totals.talk_time_s
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    frozen.advance(6)
    session.connect()
    frozen.advance(30)
    session.log(prospect.id, Outcome.CONNECTED)
    assert session.stats().totals.talk_time_s - before == 30


@pytest.mark.parametrize(
    ("outcome", "decision"),
    [
        (Outcome.DO_NOT_CALL, Decision.DO_NOT_CALL),
        (Outcome.MEETING, None),
    ],
)
def test_without_a_dial_the_rep_says_how_it_came_and_only_calls_count_as_dials(
    session, sample_db, outcome, decision
):
    prospect = session.queue.ready[0].prospect
    dials = _dials_today(session)
    asked = session.log(prospect.id, outcome, decision=decision)
    assert asked.question is not None and asked.choose is not None
    while asked.question is not None:  # the choice, then (for do-not-call) nothing more
        assert asked.choose is not None
        asked = asked.choose("o")
    assert _last_touch(sample_db, prospect.id)[:2] == ("other", outcome.value)
    assert _dials_today(session) == dials


@pytest.mark.parametrize("outcome", [Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.WRONG_NUMBER])
def test_with_no_dial_running_n_v_and_w_are_a_call_from_the_desk_phone(session, sample_db, outcome):
    """Only a call finds a number rings nobody, reaches voicemail or reaches someone
    who never had it: asking whether it came by email would make no sense."""
    prospect = _calls(session)[0]
    dials = _dials_today(session)
    result = session.log(prospect.id, outcome)
    assert result.question is None
    assert _last_touch(sample_db, prospect.id)[:2] == ("call", outcome.value)
    assert _dials_today(session) == dials + 1


def test_a_call_made_elsewhere_is_a_dial_when_the_rep_says_so(session, sample_db):
    prospect = session.queue.ready[0].prospect
    dials = _dials_today(session)
    asked = session.log(prospect.id, Outcome.MEETING)
    assert asked.choose is not None
    asked.choose("c")
    assert _last_touch(sample_db, prospect.id)[:2] == ("call", "meeting")
    assert _dials_today(session) == dials + 1


def test_no_answer_without_a_dial_means_the_desk_phone(session, sample_db):
    prospect = session.queue.ready[0].prospect
    result = session.log(prospect.id, Outcome.NO_ANSWER)
    assert result.question is None
    assert _last_touch(sample_db, prospect.id)[:2] == ("call", "no_answer")


def test_dialing_on_a_task_step_asks_and_the_task_stays_due(session, sample_db, frozen):
    prospect = _on_a_task(session)
    task = current_step(prospect, session.policy)
    step_before = sample_db["prospects"].get(prospect.id)["cadence_step"]
    asked = session.dial(prospect.id)
    assert asked.question is not None and asked.choose is not None
    assert [key for key, _ in asked.question.choices] == ["k", "s"]
    assert session.running is None  # nothing dialed before the answer
    asked.choose("k")
    assert session.running is not None
    frozen.advance(20)
    result = session.log(prospect.id, Outcome.NO_ANSWER)
    row = sample_db["prospects"].get(prospect.id)
    assert row["cadence_step"] == step_before
    assert row["next_touch_at"] <= frozen.now().to_iso8601_string().replace("+00:00", "Z")
    assert result.notice is not None and "stays due" in result.notice.text
    # The call was the day's touch: the notice says when the email may go, as the
    # held list will ('stays due' alone read as 'do it now' while it sat in Held).
    assert "stays due from Tue 24 Nov their time (cap: already touched today)" in (
        result.notice.text
    )
    # Still on the queue with the email to do (held until the daily cap lifts).
    entry = next(
        e for e in [*session.queue.ready, *session.queue.held] if e.prospect.id == prospect.id
    )
    step = current_step(entry.prospect, session.policy)
    assert step is not None and task is not None and step.channel == task.channel


def test_skipping_the_task_is_the_reps_choice(session, sample_db, frozen):
    prospect = _on_a_task(session)
    step_before = sample_db["prospects"].get(prospect.id)["cadence_step"]
    session.dial(prospect.id).choose("s")  # type: ignore[misc]
    frozen.advance(20)
    session.log(prospect.id, Outcome.NO_ANSWER)
    assert sample_db["prospects"].get(prospect.id)["cadence_step"] == step_before + 1


def test_a_time_set_during_a_dial_is_the_next_touch(session, sample_db, frozen):
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    chosen = frozen.now().add(days=1).in_tz("America/Chicago").set(hour=10, minute=0, second=0)
    said = session.schedule(prospect.id, chosen)
    assert said.notice is not None and "Kept when you log" in said.notice.text
    frozen.advance(30)
    result = session.log(prospect.id, Outcome.NO_ANSWER)
    stored = sample_db["prospects"].get(prospect.id)["next_touch_at"]
    assert stored == chosen.in_tz("UTC").format("YYYY-MM-DD[T]HH:mm:ss[Z]")
    assert result.notice is not None and "as you set it" in result.notice.text


def test_a_note_is_added_to_the_touch_just_logged(session, sample_db):
    prospect = _calls(session)[0]
    session.log(prospect.id, Outcome.NO_ANSWER, notes="rang out")
    assert session.note_target() == f"the call logged for {prospect.name} (no answer)"
    session.add_note("gatekeeper Linda, try mornings")
    assert _last_touch(sample_db, prospect.id)[6] == "rang out gatekeeper Linda, try mornings"
    assert _last_touch(sample_db, prospect.id)[1] == "no_answer"  # no undo needed


def test_a_task_done_reads_as_what_was_sent_and_how(session):
    """`l` on a LinkedIn step: "Sent: Dana, by LinkedIn." and `a` adds to "the
    LinkedIn message sent to Dana" (it said "by linkedin" and "the sent for")."""
    from followup_tui.domain.cadence import Step

    prospect = _on_a_task(session)
    step = current_step(prospect, session.policy)
    assert isinstance(step, Step)
    result = session.task_done(prospect.id)
    words = {"email": "an email", "linkedin": "LinkedIn", "letter": "letter"}[step.channel]
    assert result.notice is not None and f", by {words}." in result.notice.text
    assert session.note_target() in (
        f"the email sent to {prospect.name}",
        f"the LinkedIn message sent to {prospect.name}",
        f"the letter sent to {prospect.name}",
    )


def test_a_note_needs_something_logged_first(session):
    assert session.note_target() is None
    assert session.add_note("hello").failed


def test_a_dangling_dial_counts_toward_the_caps(session, sample_db, frozen):
    prospect = _calls(session)[0]
    touch_store.start_dial(sample_db, prospect.id, frozen.now())  # another window, never logged
    frozen.advance(20 * 60)
    asked = session.dial(prospect.id)  # same local day: the daily cap applies
    assert asked.question is not None
    assert "override" in "".join(text for text, _ in asked.question.parts)


def test_an_old_unlogged_dial_comes_back_and_can_be_finished(sample_db, frozen):
    first = on_file(sample_db)
    prospect = _calls(first)[0]
    first.dial(prospect.id)
    first.store.close()  # the app quit (or crashed) mid-call
    frozen.advance(3 * 3600)
    again = on_file(sample_db)
    assert again.running is not None and again.running.late
    result = again.log(prospect.id, Outcome.VOICEMAIL)
    assert result.notice is not None and "length unknown" in result.notice.text
    channel, outcome, duration, *_ = _last_touch(sample_db, prospect.id)
    assert (channel, outcome, duration) == ("call", "voicemail", None)
    again.store.close()


def test_an_unlogged_dial_can_be_finished_from_the_prospect(session, sample_db, frozen):
    prospect = _calls(session)[1]
    touch_store.start_dial(sample_db, prospect.id, frozen.now())
    frozen.advance(3600)
    assert session.finish_dial(prospect.id).failed is False
    assert session.running is not None and session.running.prospect.id == prospect.id
    session.cancel_dial()  # or discarded
    assert touch_store.open_dial_of(sample_db, prospect.id) is None


def test_l_during_a_dial_is_refused(session):
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    assert session.task_done(prospect.id).failed


def test_undo_opens_the_dial_again_and_keeps_its_note(session, sample_db, frozen):
    """`c`, a note, Enter, then `u` to fix the next step: the dial still happened and
    the note is the rep's words, so both stay; the dial waits for its outcome."""
    prospect = _calls(session)[0]
    dials = _dials_today(session)
    session.dial(prospect.id)
    frozen.advance(3)
    session.connect()
    frozen.advance(30)
    session.log(prospect.id, Outcome.CONNECTED, notes="call back after the board meeting")
    undone = session.undo()
    assert undone.notice is not None and "open again" in undone.notice.text
    assert session.running is not None and session.running.prospect.id == prospect.id
    assert _last_touch(sample_db, prospect.id)[1] is None
    assert _last_touch(sample_db, prospect.id)[6] == "call back after the board meeting"
    assert _dials_today(session) == dials  # counted once logged, as any running dial
    frozen.advance(60)  # the rep thinks it over: the call's length does not grow
    session.log(prospect.id, Outcome.CONNECTED, notes="and send the deck")
    _channel, outcome, duration, talk, *_rest, notes = _last_touch(sample_db, prospect.id)
    assert (outcome, duration, talk) == ("connected", 33, 30)
    assert notes == "call back after the board meeting and send the deck"
    assert _dials_today(session) == dials + 1


def test_undo_takes_back_nothing_from_before_the_app_opened(sample_db, frozen):
    first = on_file(sample_db)
    prospect = _calls(first)[0]
    first.log(prospect.id, Outcome.VOICEMAIL)
    first.store.close()
    frozen.advance(60)
    again = on_file(sample_db)
    try:
        said = again.undo()
        assert (
            said.notice is not None and said.notice.text == "Nothing to undo since the app opened."
        )
        assert _last_touch(sample_db, prospect.id)[1] == "voicemail"
    finally:
        again.store.close()


def test_undo_waits_while_a_dial_runs(session, sample_db):
    first, second = _calls(session)[:2]
    session.log(first.id, Outcome.VOICEMAIL)
    session.dial(second.id)
    said = session.undo()
    assert said.failed and "log its outcome first" in said.notice.text
    assert _last_touch(sample_db, first.id)[1] == "voicemail"


def test_discarding_a_dial_asks_when_it_would_lose_a_conversation_or_a_note(
    session, sample_db, frozen
):
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    assert session.discard_would_lose() is None  # a slip: goes at once
    session.connect()
    lost = session.discard_would_lose()
    assert lost is not None and "the conversation is lost" in lost
    session.log(prospect.id, Outcome.CONNECTED, notes="budget in March")
    session.undo()
    lost = session.discard_would_lose()
    assert lost is not None and "the conversation and the note are lost" in lost


def test_every_channel_reads_as_words_after_by():
    from followup_tui.domain.display import channel_words

    assert [channel_words(c) for c in ("call", "email", "linkedin", "letter", "text")] == [
        "by phone", "by email", "by LinkedIn", "by letter", "by text",
    ]  # fmt: skip
    assert channel_words("in_person") == "in person"


def test_a_second_outcome_for_the_prospect_just_logged_asks_first(session, sample_db, frozen):
    """`v` pressed on the prospect logged five seconds ago, with no dial: a slip more
    likely than a second touch; asked, and logged only on yes."""
    prospect = _calls(session)[0]
    session.log(prospect.id, Outcome.NO_ANSWER)
    at_once = session.log(prospect.id, Outcome.VOICEMAIL)  # 0:00 ago read as a clock
    assert at_once.question is not None
    words = "".join(text for text, _style in at_once.question.parts)
    assert f"{prospect.name} was logged just now (no answer)" in words
    frozen.advance(5)
    asked = session.log(prospect.id, Outcome.VOICEMAIL)
    assert asked.question is not None and asked.again is not None
    words = "".join(text for text, _style in asked.question.parts)
    assert f"{prospect.name} was logged 5 s ago (no answer)" in words
    assert _last_touch(sample_db, prospect.id)[1] == "no_answer"
    asked.again()
    assert _last_touch(sample_db, prospect.id)[1] == "voicemail"
    frozen.advance(120)  # later: a touch of its own
    assert session.log(prospect.id, Outcome.NO_ANSWER).question is None


def test_a_dial_logged_in_another_window_is_never_logged_over(sample_db, frozen):
    """Two windows on one file: B finishes A's dial with `f` `n`; A's later `v` must
    not replace B's outcome, and A lets the dial go, in words."""
    a, b = on_file(sample_db), on_file(sample_db)
    try:
        prospect = _calls(a)[0]
        a.dial(prospect.id)
        frozen.advance(20)
        asked = b.finish_dial(prospect.id)  # 20 s old: may be running elsewhere
        assert asked.question is not None and asked.again is not None
        assert "another window" in "".join(text for text, _ in asked.question.parts)
        asked.again()
        b.log(prospect.id, Outcome.NO_ANSWER)
        said = a.log(prospect.id, Outcome.VOICEMAIL)
        assert said.failed and said.notice is not None
        assert "logged (no answer) elsewhere" in said.notice.text
        assert a.running is None
        assert _last_touch(sample_db, prospect.id)[1] == "no_answer"
    finally:
        a.store.close()
        b.store.close()


def test_a_dial_discarded_in_another_window_is_let_go_in_words(sample_db, frozen):
    """B discards A's dial: A's next key on it (here `c`, then a new dial and `n`)
    says so and lets it go, where it raised an error and kept the dial running."""
    a, b = on_file(sample_db), on_file(sample_db)

    def discarded_elsewhere() -> None:
        b.finish_dial(prospect.id, sure=True)
        b.cancel_dial()

    try:
        prospect = _calls(a)[0]
        for act in (a.connect, partial(a.log, prospect.id, Outcome.NO_ANSWER)):
            a.dial(prospect.id)
            discarded_elsewhere()
            said = act()
            assert said.failed and said.notice is not None
            assert "discarded elsewhere" in said.notice.text
            assert a.running is None
    finally:
        a.store.close()
        b.store.close()


def _with_a_hawaii_mobile(session, sample_db) -> tuple[int, int]:
    """A prospect who may be called now, and the id of a Hawaii mobile added to them
    (04:30 there: outside its calling hours)."""
    from followup_tui.domain.clock import to_iso
    from followup_tui.domain.models import PhoneNumber
    from followup_tui.store import phones
    from followup_tui.store.db import write_transaction

    prospect = _calls(session)[0]
    hawaii = PhoneNumber("mobile", "(808) 555-0112", "+18085550112", zones=("Pacific/Honolulu",))
    with write_transaction(sample_db):
        phone_id = phones.add_number(sample_db, prospect.id, hawaii, to_iso(session.now))
    return prospect.id, phone_id


def test_switching_to_a_number_outside_its_calling_hours_asks_and_is_an_override(
    session, sample_db
):
    prospect_id, hawaii = _with_a_hawaii_mobile(session, sample_db)
    session.dial(prospect_id)
    asked = session.switch_number(hawaii)
    assert asked.question is not None and asked.again is not None
    words = "".join(text for text, _ in asked.question.parts)
    assert "outside calling hours (allowed from Mon 08:00 their time)" in words  # Hawaii's
    assert session.running is not None and session.running.number.id != hawaii
    asked.again()
    assert session.running.number.id == hawaii
    row = sample_db.execute(
        "SELECT override, notes FROM touches WHERE id = ?", [session.running.touch.id]
    ).fetchone()
    assert row[0] == 1 and "[override: outside calling hours]" in row[1]


def test_dialing_a_picked_number_names_its_own_hours_in_its_own_time(session, sample_db):
    prospect_id, hawaii = _with_a_hawaii_mobile(session, sample_db)
    asked = session.dial(prospect_id, phone_id=hawaii)
    assert asked.question is not None
    words = "".join(text for text, _ in asked.question.parts)
    assert "outside calling hours (allowed from Mon 08:00 their time)" in words


def test_c_on_a_dial_another_window_logged_lets_it_go_at_once(sample_db, frozen):
    """`c` (or `N`, or a hang-up) on a dial logged elsewhere: told then, not only at
    the outcome, and the dial does not stay running with a logged touch behind it."""
    a, b = on_file(sample_db), on_file(sample_db)
    try:
        prospect = _calls(a)[0]
        a.dial(prospect.id)
        frozen.advance(20)
        b.finish_dial(prospect.id, sure=True)
        b.log(prospect.id, Outcome.NO_ANSWER)
        said = a.connect()
        assert said.failed and said.notice is not None
        assert "logged (no answer) elsewhere" in said.notice.text
        assert a.running is None
        assert _last_touch(sample_db, prospect.id)[4] is None  # no connection written
    finally:
        a.store.close()
        b.store.close()


def test_a_callback_is_announced_as_one(session, frozen):
    """'Next touch Thu 15:00' said nothing of the promise made on the call."""
    prospect = _calls(session)[0]
    session.dial(prospect.id)
    said = session.log(prospect.id, Outcome.CONNECTED, decision=Decision.CALLBACK,
                       when=frozen.now().add(days=1)).notice  # fmt: skip
    assert said is not None and ". Callback " in said.text and "Next touch" not in said.text
    other = _calls(session)[0]
    said = session.log(other.id, Outcome.NO_ANSWER, channel="call").notice
    assert said is not None and ". Next touch " in said.text
