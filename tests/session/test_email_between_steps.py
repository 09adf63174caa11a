"""An email sent between steps is counted: `M` opened it, `l` logs it as an email
whatever the day's step is, and that step keeps its place and its time."""

from __future__ import annotations

from followup_tui.domain.clock import to_iso
from followup_tui.domain.outcomes import Outcome
from followup_tui.domain.queue import current_step
from followup_tui.store import prospects as prospect_store
from tests.session.conftest import on_file

LINKEDIN_STEP = 6  # of the built-in cadence: "LinkedIn note"
CALL_STEP = 3
EMAIL_STEP = 4


def _on_step(sample_db, frozen, step: int, *, callback: bool = False):
    """A session with one active prospect put on cadence `step`, due an hour ago."""
    pid = sample_db.execute(
        "SELECT id FROM prospects WHERE status = 'active' AND do_not_call = 0 AND phone_bad = 0"
        " AND email IS NOT NULL AND email != '' ORDER BY id LIMIT 1"
    ).fetchone()[0]
    sample_db.execute(
        "UPDATE prospects SET cadence_step = ?, next_touch_at = ?, next_touch_is_callback = ?"
        " WHERE id = ?",
        [step, to_iso(frozen.now().subtract(hours=1)), int(callback), pid],
    )
    sample_db.conn.commit()
    session = on_file(sample_db)
    prospect = prospect_store.get_prospect(session.store.db(), pid)
    assert prospect is not None
    return session, prospect


def _touches(sample_db, pid):
    return sample_db.execute(
        "SELECT channel, outcome FROM touches WHERE prospect_id = ? ORDER BY id", [pid]
    ).fetchall()


def _after(session, pid):
    prospect = prospect_store.get_prospect(session.store.db(), pid)
    assert prospect is not None
    return prospect


def test_an_email_on_a_linkedin_day_is_logged_as_an_email_and_the_step_stays(sample_db, frozen):
    session, prospect = _on_step(sample_db, frozen, LINKEDIN_STEP)
    before = len(_touches(sample_db, prospect.id))
    opened = session.email_opened(prospect)
    assert opened.notice is not None
    assert "l logs it once sent (the LinkedIn message step stays due)" in opened.notice.text
    logged = session.task_done(prospect.id)
    assert logged.logged == prospect.id, logged
    assert _touches(sample_db, prospect.id)[before:] == [("email", Outcome.SENT)]
    after = _after(session, prospect.id)
    assert after.cadence_step == LINKEDIN_STEP
    assert after.next_touch_at == prospect.next_touch_at
    assert logged.notice is not None
    assert ", by email." in logged.notice.text
    assert "The LinkedIn message step stays due" in logged.notice.text
    # The email is logged once: `l` again is the LinkedIn message, and the step moves on.
    frozen.advance(120)
    again = session.task_done(prospect.id)
    assert again.question is None and again.logged == prospect.id
    assert _touches(sample_db, prospect.id)[-1] == ("linkedin", Outcome.SENT)
    assert _after(session, prospect.id).cadence_step == LINKEDIN_STEP + 1


def test_an_email_on_a_call_day_is_counted_and_the_call_stays_due(sample_db, frozen):
    session, prospect = _on_step(sample_db, frozen, CALL_STEP)
    assert session.task_done(prospect.id).failed  # no email opened: a call is not "done"
    session.email_opened(prospect)
    logged = session.task_done(prospect.id)
    assert _touches(sample_db, prospect.id)[-1] == ("email", Outcome.SENT)
    after = _after(session, prospect.id)
    assert (after.cadence_step, after.next_touch_at) == (CALL_STEP, prospect.next_touch_at)
    step = current_step(after, session.policy)
    assert step is not None and step.is_call
    assert logged.notice is not None and "The call step stays due" in logged.notice.text
    assert "d dials" in logged.notice.text and "l when" not in logged.notice.text
    undone = session.undo()
    assert undone.notice is not None
    assert undone.notice.text == f"Undone: the email sent to {prospect.name}."


def test_an_email_before_a_promised_callback_keeps_the_promise(sample_db, frozen):
    session, prospect = _on_step(sample_db, frozen, CALL_STEP, callback=True)
    opened = session.email_opened(prospect)
    assert opened.notice is not None and "the callback they asked for stays due" in (
        opened.notice.text
    )
    session.task_done(prospect.id)
    after = _after(session, prospect.id)
    assert after.next_touch_is_callback
    assert (after.cadence_step, after.next_touch_at) == (CALL_STEP, prospect.next_touch_at)


def test_an_email_on_an_email_day_is_the_step(sample_db, frozen):
    session, prospect = _on_step(sample_db, frozen, EMAIL_STEP)
    opened = session.email_opened(prospect)
    assert opened.notice is not None and "stays due" not in opened.notice.text
    session.task_done(prospect.id)
    assert _touches(sample_db, prospect.id)[-1] == ("email", Outcome.SENT)
    assert _after(session, prospect.id).cadence_step == EMAIL_STEP + 1


def test_an_email_that_did_not_open_is_not_logged(sample_db, frozen):
    session, prospect = _on_step(sample_db, frozen, CALL_STEP)
    session.email_opened(prospect)
    session.email_opened(None)  # the mail program did not open
    assert session.task_done(prospect.id).failed
