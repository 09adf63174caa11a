"""Dials, logged outcomes and their undo.

A dial is written the moment it starts (a touch with no outcome yet), so a
crash mid-call never loses that the call was made. Logging the outcome
completes that row and moves the prospect on, in one transaction, keeping what
the prospect looked like before so that `u` can put it back.
"""

from __future__ import annotations

import json

from msgspec import Struct
from pendulum import DateTime

from followup_tui.domain.clock import to_iso
from followup_tui.domain.display import channel_words
from followup_tui.domain.models import DayCounts, PhoneNumber, Touch
from followup_tui.domain.outcomes import CONVERSATIONS, Outcome, Plan, outcome_label
from followup_tui.store import phones
from followup_tui.store.db import Database, StoreError, write_transaction
from followup_tui.store.prospects import reschedule
from followup_tui.store.rows import touch_from_row

UNDONE_AS = "undone_as"  # an undo entry with no touch: what the rep did (else 'parked')

# The prospect columns an outcome may change, and so the ones undo restores
# (an undo entry written before a column was added restores the others).
_PLAN_COLUMNS = (
    "status",
    "do_not_call",
    "next_touch_at",
    "next_touch_is_callback",
    "revisit_at",
    "phone_bad",
    "cadence_step",
    "owner",
    "callback_for",
)


class UndoRefused(RuntimeError):
    """An outcome that undo must not take back; the message says why."""


class DialGone(StoreError):
    """The running dial was logged or discarded by another window or rep meanwhile."""


class UndoneOutcome(Struct, frozen=True):
    prospect_id: int
    prospect_name: str
    outcome: str
    reopened: Touch | None = None  # the dial, open again for its outcome
    decision_maker: bool = False  # what the undone outcome said: the rep's to say again
    channel: str = ""  # the undone touch's ('' for a park or a schedule)


def start_dial(
    db: Database,
    prospect_id: int,
    now: DateTime,
    *,
    override: str = "",
    block_id: int | None = None,
    number: PhoneNumber | None = None,
) -> Touch:
    """Record that a call to `prospect_id` starts now. `override` names the cap or
    window the rep chose to call past, so that the record shows it; `block_id` is
    the call block it belongs to; `number` the one dialed."""
    stamp = to_iso(now)
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO touches (prospect_id, channel, outcome, started_at, created_at,"
            " override, notes, call_block_id, phone_id, number)"
            " VALUES (?, 'call', NULL, ?, ?, ?, ?, ?, ?, ?)",
            [prospect_id, stamp, stamp, int(bool(override)),
             f"[override: {override}]" if override else "", block_id,
             number.id if number else None, number.e164 if number else None],
        )  # fmt: skip
    assert cursor.lastrowid is not None
    return _touch(db, cursor.lastrowid)


def open_dial(db: Database, rep: str | None = None) -> Touch | None:
    """The newest dial that has no outcome yet, if any (e.g. after a crash); `rep`'s
    (or nobody's) only, when given: a colleague's running dial is theirs."""
    where, params = _theirs("", rep)
    rows = list(
        db.query(  # by the small partial index: on `rep` SQLite would visit every old touch
            f"SELECT * FROM touches INDEXED BY idx_touches_open_dial WHERE outcome IS NULL{where}"
            " ORDER BY started_at DESC, id DESC LIMIT 1",
            params,
        )
    )
    return touch_from_row(rows[0]) if rows else None


def open_dial_of(db: Database, prospect_id: int) -> Touch | None:
    """The prospect's newest dial that was never logged, if any."""
    rows = list(
        db.query(
            "SELECT * FROM touches WHERE prospect_id = ? AND outcome IS NULL"
            " ORDER BY started_at DESC, id DESC LIMIT 1",
            [prospect_id],
        )
    )
    return touch_from_row(rows[0]) if rows else None


def dialed_by(db: Database, touch_id: int) -> str | None:
    """Whose dial it is, on a team's database (None: nobody recorded, one rep alone)."""
    row = db.execute("SELECT rep FROM touches WHERE id = ?", [touch_id]).fetchone()
    return row[0] if row else None


def mark_connected(db: Database, touch_id: int, at: DateTime) -> Touch:
    """Someone answered the running dial: talk time runs from `at` (the first mark wins)."""
    with write_transaction(db):
        db.execute(
            "UPDATE touches SET connected_at = ? WHERE id = ? AND outcome IS NULL"
            " AND connected_at IS NULL",
            [to_iso(at.start_of("second")), touch_id],
        )
    return _open_dial(db, touch_id)


def set_dial_number(db: Database, touch_id: int, number: PhoneNumber, override: str = "") -> Touch:
    """The running dial goes to another of the prospect's numbers; `override` names
    the hold the rep dialed it through (recorded as start_dial records one)."""
    with write_transaction(db):
        db.execute(
            "UPDATE touches SET phone_id = ?, number = ?, override = max(override, ?),"
            " notes = trim(notes || ' ' || ?) WHERE id = ? AND outcome IS NULL",
            [number.id, number.e164, int(bool(override)),
             f"[override: {override}]" if override else "", touch_id],
        )  # fmt: skip
    return _open_dial(db, touch_id)


def mark_hung_up(db: Database, touch_id: int, at: DateTime) -> Touch:
    """The running dial's call ended at `at`; its outcome is still to be logged."""
    with write_transaction(db):
        db.execute(
            "UPDATE touches SET ended_at = ? WHERE id = ? AND outcome IS NULL AND ended_at IS NULL",
            [to_iso(at.start_of("second")), touch_id],
        )
    return _open_dial(db, touch_id)


def add_note(db: Database, touch_id: int, note: str) -> Touch:
    """Add `note` to a touch already logged (the rep thought of it afterwards)."""
    with write_transaction(db):
        db.execute(
            "UPDATE touches SET notes = trim(notes || ' ' || ?) WHERE id = ?", [note, touch_id]
        )
    return _touch(db, touch_id)


def last_logged_touch(db: Database, rep: str | None = None) -> Touch | None:
    """The newest touch logged in the app (the one undo would take back): `rep`'s."""
    where, params = _theirs("u.", rep)
    rows = list(
        db.query(
            "SELECT t.* FROM undo_log u JOIN touches t ON t.id = u.touch_id"
            f" WHERE 1 = 1{where} ORDER BY u.id DESC LIMIT 1",
            params,
        )
    )
    return touch_from_row(rows[0]) if rows else None


def cancel_dial(db: Database, touch_id: int) -> None:
    """Forget a dial the rep started by mistake (only while it has no outcome)."""
    with write_transaction(db):
        db.execute("DELETE FROM touches WHERE id = ? AND outcome IS NULL", [touch_id])


def log_outcome(
    db: Database,
    prospect_id: int,
    outcome: Outcome,
    plan: Plan,
    now: DateTime,
    *,
    dial: Touch | None = None,
    channel: str = "call",
    notes: str = "",
    decision_maker: bool = False,
    block_id: int | None = None,
    length_known: bool = True,
    owner: str | None = None,
    callback_for: str | None = None,
    meeting_at: DateTime | None = None,
) -> Touch:
    """Record `outcome` (completing `dial` if one is running) and apply `plan`.
    A touch logged without a dial belongs to `block_id` when one runs. `owner`: the
    prospect becomes this rep's (a meeting stays with who booked it); `callback_for`:
    the rep a callback the plan promises is for (None: anyone on the team).

    A dial ends when the rep hung up (its `ended_at`), else now; its talk time runs
    from the connection to that end. A dial finished long after it was left
    unlogged (`length_known` false) gets no end and no length: they are unknown.
    `meeting_at`: when the meeting this touch booked takes place."""
    now = now.start_of("second")  # what is stored, so duration = ended_at - started_at
    stamp = to_iso(now)
    meeting = to_iso(meeting_at) if meeting_at is not None else None
    with write_transaction(db):
        before = _plan_state(db, prospect_id)
        if dial is not None:
            ended = (dial.ended_at or now) if length_known else None
            duration = talk = None
            if ended is not None:
                duration = max(0, int((ended - dial.started_at).total_seconds()))
                if dial.connected_at is not None:
                    talk = max(0, int((ended - dial.connected_at).total_seconds()))
            logged = db.execute(
                "UPDATE touches SET outcome = ?, ended_at = ?, duration_s = ?, talk_s = ?,"
                " notes = trim(notes || ' ' || ?), decision_maker = ?, meeting_at = ?,"
                " connected_at = ? WHERE id = ? AND outcome IS NULL",
                [outcome.value, to_iso(ended) if ended else None, duration, talk, notes,
                 int(decision_maker), meeting,
                 to_iso(dial.connected_at) if dial.connected_at else None, dial.id],
            )  # fmt: skip
            if not logged.rowcount:  # another window, or another rep, got there first
                raise _gone(db, dial.id)
            touch_id = dial.id
        else:
            cursor = db.execute(
                "INSERT INTO touches (prospect_id, channel, outcome, started_at, notes,"
                " decision_maker, created_at, call_block_id, meeting_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    prospect_id,
                    channel,
                    outcome.value,
                    stamp,
                    notes,
                    int(decision_maker),
                    stamp,
                    block_id,
                    meeting,
                ],
            )
            assert cursor.lastrowid is not None
            touch_id = cursor.lastrowid
        if outcome == Outcome.WRONG_NUMBER:  # as it was, before the plan marks it bad
            phones.adopt_number(db, prospect_id)
        _apply_plan(db, prospect_id, plan, stamp, owner=owner, callback_for=callback_for)
        if outcome == Outcome.WRONG_NUMBER:
            before["marked_wrong"] = _mark_wrong(db, prospect_id, dial)
        if dial is not None:
            before["dial"] = True  # undo opens the dial again rather than deleting it
        _remember(db, touch_id, prospect_id, before, stamp)
        if plan.do_not_call and not before["do_not_call"]:
            _log_dnc(db, prospect_id, "added", f"asked not to be called, {channel_words(channel)}",
                     stamp)  # fmt: skip
    return _touch(db, touch_id)


def _mark_wrong(db: Database, prospect_id: int, dial: Touch | None) -> int | None:
    """A wrong number marks the number dialed (the main one when the dial does not
    say, or no dial ran), not the prospect: phone_bad follows from what is left."""
    phone_id = dial.phone_id if dial is not None else None
    if phone_id is None:
        row = db.execute(
            "SELECT id FROM phones WHERE prospect_id = ? AND main = 1", [prospect_id]
        ).fetchone()
        phone_id = row[0] if row else None
    marked = None
    if phone_id is not None:
        row = db.execute("SELECT bad FROM phones WHERE id = ?", [phone_id]).fetchone()
        if row is not None and not row[0]:
            phones.mark_bad(db, phone_id)
            marked = phone_id  # what undo takes back
    phones.sync_main(db, prospect_id)
    return marked


def park(db: Database, prospect_id: int, plan: Plan, now: DateTime) -> None:
    """Apply a plan that logs no touch (the rep parks a prospect as 'not now'); undoable."""
    stamp = to_iso(now)
    with write_transaction(db):
        before = _plan_state(db, prospect_id)
        _apply_plan(db, prospect_id, plan, stamp)
        _remember(db, None, prospect_id, before, stamp)


def remove_do_not_call(db: Database, prospect_id: int, reason: str, now: DateTime) -> bool:
    """The one way off the do-not-call list: explicit, with a reason, and logged.
    The prospect comes back parked (not now), due for review today."""
    stamp = to_iso(now)
    with write_transaction(db):
        changed = db.execute(
            "UPDATE prospects SET do_not_call = 0, status = 'not_now', revisit_at = ?,"
            " next_touch_at = NULL, updated_at = ? WHERE id = ? AND do_not_call = 1",
            [stamp, stamp, prospect_id],
        ).rowcount
        if changed:
            _log_dnc(db, prospect_id, "removed", reason, stamp)
    return bool(changed)


def schedule_next(db: Database, prospect_id: int, at: DateTime, now: DateTime) -> None:
    """`s`: the next touch at a time the rep chose; undoable, as park is, so that `u`
    right after it takes it back rather than an outcome logged before it."""
    stamp = to_iso(now)
    with write_transaction(db):
        before = _plan_state(db, prospect_id)
        reschedule(db, prospect_id, at, now)
        _remember(db, None, prospect_id, {**before, UNDONE_AS: "the schedule"}, stamp)


def _remember(
    db: Database, touch_id: int | None, prospect_id: int, before: dict[str, object], stamp: str
) -> None:
    db.execute(
        "INSERT INTO undo_log (touch_id, prospect_id, before_json, created_at) VALUES (?, ?, ?, ?)",
        [touch_id, prospect_id, json.dumps(before), stamp],
    )


def _log_dnc(db: Database, prospect_id: int, action: str, reason: str, stamp: str) -> None:
    db.execute(
        "INSERT INTO dnc_log (prospect_id, action, reason, at) VALUES (?, ?, ?, ?)",
        [prospect_id, action, reason, stamp],
    )


def log_do_not_call(
    db: Database, prospect_id: int, action: str, reason: str, now: DateTime
) -> None:
    """Record a change to the do-not-call list (sample data, imports); the caller owns
    the transaction."""
    _log_dnc(db, prospect_id, action, reason, to_iso(now))


def _theirs(prefix: str, rep: str | None) -> tuple[str, list[object]]:
    """A filter for `rep`'s rows (and those no rep was recorded for), or none."""
    if rep is None:
        return "", []
    return f" AND ({prefix}rep = ? OR {prefix}rep IS NULL)", [rep]


def undo_last_outcome(
    db: Database, rep: str | None = None, since: DateTime | None = None
) -> UndoneOutcome | None:
    """Take back the newest logged outcome (logged at `since` or later, when given):
    restore the prospect; a dial's touch is opened again, its note and times kept
    (the phone did ring, and the rep may only have pressed the wrong key), any
    other touch is removed.

    Do-not-call is permanent, so an undo never clears it, and a do-not-call
    outcome itself cannot be undone here.
    """
    where, params = _theirs("u.", rep)
    if since is not None:
        where += " AND u.created_at >= ?"
        params = [*params, to_iso(since.start_of("second"))]
    with write_transaction(db):
        rows = list(
            db.query(
                "SELECT u.id, u.touch_id, u.prospect_id, u.before_json, t.outcome, t.channel,"
                " p.name, p.do_not_call FROM undo_log u"
                " JOIN prospects p ON p.id = u.prospect_id"
                " LEFT JOIN touches t ON t.id = u.touch_id"
                f" WHERE 1 = 1{where} ORDER BY u.id DESC LIMIT 1",
                params,
            )
        )
        if not rows:
            return None
        entry = rows[0]
        if entry["outcome"] == Outcome.DO_NOT_CALL:
            raise UndoRefused(
                "Do-not-call is permanent and cannot be undone; the command"
                " 'followup dnc remove' takes a prospect off the list."
            )
        before = json.loads(entry["before_json"])
        if entry["do_not_call"]:
            before.update(status="do_not_call", do_not_call=1, next_touch_at=None)
        columns = [column for column in _PLAN_COLUMNS if column in before]
        db.execute(
            f"UPDATE prospects SET {', '.join(f'{column} = ?' for column in columns)} WHERE id = ?",
            [before[column] for column in columns] + [entry["prospect_id"]],
        )
        if before.get("marked_wrong") is not None:
            phones.mark_bad(db, before["marked_wrong"], bad=False)
        if "marked_wrong" in before:
            phones.sync_main(db, entry["prospect_id"])
        reopened, decision_maker = None, False
        if entry["touch_id"] is not None and before.get("dial"):
            decision_maker = bool(_touch(db, entry["touch_id"]).decision_maker)
            db.execute(
                "UPDATE touches SET outcome = NULL, duration_s = NULL, talk_s = NULL,"
                " decision_maker = 0, meeting_at = NULL WHERE id = ?",
                [entry["touch_id"]],
            )
            reopened = _touch(db, entry["touch_id"])
        elif entry["touch_id"] is not None:
            db.execute("DELETE FROM touches WHERE id = ?", [entry["touch_id"]])
        db.execute("DELETE FROM undo_log WHERE id = ?", [entry["id"]])
    label = entry["outcome"] if entry["touch_id"] is not None else before.get(UNDONE_AS, "parked")
    return UndoneOutcome(entry["prospect_id"], entry["name"], label or "", reopened, decision_maker,
                         entry["channel"] or "")  # fmt: skip


def day_counts(db: Database, start: DateTime, end: DateTime, rep: str | None = None) -> DayCounts:
    """Dials, conversations and meetings logged between `start` and `end` (`rep`'s)."""
    conversations = ", ".join(f"'{o.value}'" for o in CONVERSATIONS)
    where, params = _theirs("", rep)
    row = db.execute(
        "SELECT"  # count(CASE ...): both engines (PostgreSQL cannot sum a truth)
        " count(CASE WHEN channel = 'call' AND outcome IS NOT NULL THEN 1 END),"
        f" count(CASE WHEN channel = 'call' AND outcome IN ({conversations}) THEN 1 END),"
        " count(CASE WHEN outcome = 'meeting' THEN 1 END)"
        f" FROM touches WHERE started_at >= ? AND started_at < ?{where}",
        [to_iso(start), to_iso(end), *params],
    ).fetchone()
    return DayCounts(dials=row[0] or 0, connects=row[1] or 0, meetings=row[2] or 0)


def _touch_row(db: Database, touch_id: int) -> dict[str, object] | None:
    rows = list(db.query("SELECT * FROM touches WHERE id = ?", [touch_id]))  # read to the end
    return rows[0] if rows else None


def _touch(db: Database, touch_id: int) -> Touch:
    row = _touch_row(db, touch_id)
    if row is None:
        raise DialGone("That touch was removed elsewhere: nothing saved here.")
    return touch_from_row(row)


def _open_dial(db: Database, touch_id: int) -> Touch:
    """The running dial as stored, still waiting for its outcome; DialGone when
    another window or rep logged or discarded it meanwhile."""
    row = _touch_row(db, touch_id)
    if row is None or row["outcome"] is not None:
        raise _gone(db, touch_id)
    return touch_from_row(row)


def gone_words(db: Database, touch_id: int) -> str | None:
    """Why a dial is no longer open, in words, or None while it is: another window
    logged or discarded it."""
    try:
        _open_dial(db, touch_id)
    except DialGone as gone:
        return str(gone)
    return None


def _gone(db: Database, touch_id: int) -> DialGone:
    """Why a dial this connection did not log is not open: 'logged (no answer)'."""
    row = db.execute("SELECT outcome FROM touches WHERE id = ?", [touch_id]).fetchone()
    fate = "discarded" if row is None else f"logged ({outcome_label(row[0])})"
    return DialGone(f"That dial was {fate} elsewhere: nothing logged here.")


def _plan_state(db: Database, prospect_id: int) -> dict[str, object]:
    columns = ", ".join(_PLAN_COLUMNS)
    rows = list(db.query(f"SELECT {columns} FROM prospects WHERE id = ?", [prospect_id]))
    if not rows:
        raise LookupError(f"no prospect with id {prospect_id}")
    return rows[0]


def _apply_plan(
    db: Database,
    prospect_id: int,
    plan: Plan,
    stamp: str,
    *,
    owner: str | None = None,
    callback_for: str | None = None,
) -> None:
    """`owner` None leaves the owner as it was; a callback is for `callback_for` only
    while the plan promises one."""
    db.execute(
        # Whatever the plan says, a prospect already on do-not-call stays there.
        "UPDATE prospects SET"
        " status = CASE WHEN do_not_call = 1 THEN 'do_not_call' ELSE ? END,"
        " do_not_call = max(do_not_call, ?),"
        " next_touch_at = CASE WHEN do_not_call = 1 THEN NULL ELSE ? END,"
        " next_touch_is_callback = ?, revisit_at = ?, phone_bad = ?, cadence_step = ?,"
        " owner = coalesce(?, owner), callback_for = ?, updated_at = ? WHERE id = ?",
        [
            "do_not_call" if plan.do_not_call else plan.status,
            int(plan.do_not_call),
            to_iso(plan.next_touch_at) if plan.next_touch_at and not plan.do_not_call else None,
            int(plan.next_touch_is_callback),
            to_iso(plan.revisit_at) if plan.revisit_at else None,
            int(plan.phone_bad),
            plan.cadence_step,
            owner,
            callback_for if plan.next_touch_is_callback else None,
            stamp,
            prospect_id,
        ],
    )


def insert_past_touch(
    db: Database,
    prospect_id: int,
    *,
    channel: str,
    outcome: str,
    started_at: DateTime,
    duration_s: int | None = None,
    notes: str = "",
    decision_maker: bool = False,
) -> int:
    """Record a touch that happened before (sample data, imports); no undo entry.

    The caller owns the transaction.
    """
    ended = started_at.add(seconds=duration_s) if duration_s is not None else None
    cursor = db.execute(
        "INSERT INTO touches (prospect_id, channel, outcome, started_at, ended_at, duration_s,"
        " notes, decision_maker, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            prospect_id,
            channel,
            outcome,
            to_iso(started_at),
            to_iso(ended) if ended else None,
            duration_s,
            notes,
            int(decision_maker),
            to_iso(started_at),
        ],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def reached_decision_maker(db: Database, prospect_id: int) -> bool:
    """Whether any conversation with this prospect was with the decision maker
    (domain.give_up.is_decision_maker_conversation, asked in SQL)."""
    conversations = ", ".join(f"'{o.value}'" for o in CONVERSATIONS)
    return bool(
        db.execute(
            "SELECT 1 FROM touches WHERE prospect_id = ? AND decision_maker = 1"
            f" AND outcome IN ({conversations}) LIMIT 1",
            [prospect_id],
        ).fetchone()
    )
