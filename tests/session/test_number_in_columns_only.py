"""A prospect whose number is only in its phone_* columns (a script wrote it there,
or a tool that knows no phones table): adding a number or marking it wrong keeps it.
Adding one with `E` replaced it, and a wrong number cleared it."""

from __future__ import annotations

import pytest

from followup_tui.domain.outcomes import Outcome
from followup_tui.session.core import ContactEdit
from followup_tui.store import prospects as prospect_store


@pytest.fixture
def columns_only(session, sample_db):
    """A due caller whose phones rows are gone, its number left in the columns."""
    prospect = next(
        e.prospect for e in session.queue.ready if e.step is not None and e.step.is_call
    )
    with sample_db.conn:
        sample_db.execute("DELETE FROM phones WHERE prospect_id = ?", [prospect.id])
    return prospect


def _numbers(sample_db, pid):
    return sample_db.execute(
        "SELECT e164, main, bad FROM phones WHERE prospect_id = ? ORDER BY position, id", [pid]
    ).fetchall()


def _columns(sample_db, pid):
    return sample_db.execute(
        "SELECT phone_e164, phone_bad FROM prospects WHERE id = ?", [pid]
    ).fetchone()


def test_adding_a_number_keeps_the_one_in_the_columns_as_main(session, sample_db, columns_only):
    prospect = columns_only
    edit = ContactEdit(prospect.name, prospect.title, prospect.company, prospect.email,
                       prospect.phone_raw, new_phone_raw="(917) 555-0199")  # fmt: skip
    saved = session.edit_contact(prospect.id, edit)
    assert not saved.failed and saved.question is None
    assert _numbers(sample_db, prospect.id) == [
        (prospect.phone_e164, 1, 0),
        ("+19175550199", 0, 0),
    ]
    assert _columns(sample_db, prospect.id) == (prospect.phone_e164, 0)
    after = prospect_store.get_prospect(session.store.db(), prospect.id)
    assert after is not None and after.phone_e164 == prospect.phone_e164


def test_a_wrong_number_marks_the_number_in_the_columns_not_clears_it(
    session, sample_db, columns_only
):
    prospect = columns_only
    session.dial(prospect.id)
    logged = session.log(prospect.id, Outcome.WRONG_NUMBER)
    assert logged.logged == prospect.id, logged
    assert _numbers(sample_db, prospect.id) == [(prospect.phone_e164, 1, 1)]
    assert _columns(sample_db, prospect.id) == (prospect.phone_e164, 1)
    # Undone, the number is as it was: dialable again.
    session.undo()
    session.cancel_dial()
    assert _columns(sample_db, prospect.id) == (prospect.phone_e164, 0)
