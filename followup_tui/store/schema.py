"""The schema, as explicit migrations: a public contract documented in the README.

Never edit a migration that has shipped; add a new one.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("followup")


@migrations()
def m001_core(db: sqlite_utils.Database) -> None:
    db.table("prospects").create(
        {
            "id": int,
            "name": str,
            "title": str,
            "company": str,
            "email": str,
            "phone_raw": str,
            "phone_e164": str,
            "phone_ext": str,
            "phone_problem": str,
            "phone_bad": int,
            "timezone": str,
            "phone_zones": str,
            "status": str,
            "do_not_call": int,
            "next_touch_at": str,
            "next_touch_is_callback": int,
            "revisit_at": str,
            "source": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"name", "status", "do_not_call", "phone_bad", "created_at", "updated_at"},
        defaults={
            "title": "",
            "company": "",
            "email": "",
            "phone_raw": "",
            "phone_bad": 0,
            "phone_zones": "",
            "status": "active",
            "do_not_call": 0,
            "next_touch_is_callback": 0,
            "source": "",
        },
    )
    db.table("prospects").create_index(["status", "do_not_call", "next_touch_at"])
    db.table("prospects").create_index(["phone_e164"])
    db.table("prospects").create_index(["email"])

    db.table("touches").create(
        {
            "id": int,
            "prospect_id": int,
            "channel": str,
            "outcome": str,
            "started_at": str,
            "ended_at": str,
            "duration_s": int,
            "notes": str,
            "decision_maker": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("prospect_id", "prospects", "id")],
        not_null={"prospect_id", "channel", "started_at", "decision_maker", "created_at"},
        defaults={"notes": "", "decision_maker": 0},
    )
    db.table("touches").create_index(["prospect_id", "started_at"])
    db.table("touches").create_index(["started_at"])

    db.table("research").create(
        {
            "prospect_id": int,
            "reason_to_call": str,
            "company_facts": str,
            "pains_goals": str,
            "notes": str,
            "updated_at": str,
        },
        pk="prospect_id",
        foreign_keys=[("prospect_id", "prospects", "id")],
        defaults={"reason_to_call": "", "company_facts": "", "pains_goals": "", "notes": ""},
    )

    db.table("signals").create(
        {
            "id": int,
            "prospect_id": int,
            "kind": str,
            "occurred_at": str,
            "detail": str,
            "source": str,
        },
        pk="id",
        foreign_keys=[("prospect_id", "prospects", "id")],
        not_null={"prospect_id", "kind", "occurred_at"},
        defaults={"detail": "", "source": ""},
    )
    db.table("signals").create_index(["prospect_id"])

    # What the prospect looked like before each logged outcome, so `u` can put it back.
    db.table("undo_log").create(
        {
            "id": int,
            "touch_id": int,
            "prospect_id": int,
            "before_json": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("prospect_id", "prospects", "id")],
        not_null={"touch_id", "prospect_id", "before_json", "created_at"},
    )


@migrations()
def m002_follow_up_engine(db: sqlite_utils.Database) -> None:
    """Cadences, overrides of the caps, parking without a touch, the do-not-call log."""
    db.table("prospects").add_column("cadence", str, not_null_default="persistent")
    db.table("prospects").add_column("cadence_step", int, not_null_default=0)
    db.table("prospects").create_index(["status", "do_not_call", "revisit_at"])
    db.table("touches").add_column("override", int, not_null_default=0)
    # Parking a prospect ("not now") is undoable but logs no touch.
    db.table("undo_log").transform(not_null={"touch_id": False})
    db.table("dnc_log").create(
        {
            "id": int,
            "prospect_id": int,
            "action": str,  # "added" or "removed"
            "reason": str,
            "at": str,
        },
        pk="id",
        foreign_keys=[("prospect_id", "prospects", "id")],
        not_null={"prospect_id", "action", "at"},
        defaults={"reason": ""},
    )


@migrations()
def m003_call_blocks(db: sqlite_utils.Database) -> None:
    """Call blocks: a protected stretch of dialing with a goal; touches point to theirs."""
    db.table("call_blocks").create(
        {
            "id": int,
            "started_at": str,
            "ended_at": str,  # null while the block runs
            "planned_minutes": int,
            "goal_dials": int,
            "pauses": str,  # JSON list of [start, end] UTC ISO pairs; end null while paused
        },
        pk="id",
        not_null={"started_at", "planned_minutes", "goal_dials", "pauses"},
        defaults={"pauses": "[]"},
    )
    db.table("touches").add_column("call_block_id", int, fk="call_blocks", fk_col="id")
    db.table("touches").create_index(["call_block_id"])


@migrations()
def m004_quick_queue(db: sqlite_utils.Database) -> None:
    """What the queue and the start-up read at once on a large database: a maintained
    count of logged touches per prospect (kept right by triggers, never counted per
    row), the newest unfinished dial by a small partial index, due callbacks and
    recent signals by index (store.prospects.queue_head).

    A later migration that rebuilds `touches` (sqlite-utils' transform) drops its
    triggers with it: create TOUCH_COUNT_TRIGGERS again after it."""
    db.table("prospects").add_column("touch_count", int, not_null_default=0)
    # Counted in one pass over the table (by the prospect_id index it takes four times
    # as long: a random read per touch to see its outcome), then set by primary key.
    db.execute("CREATE TEMP TABLE touch_counts (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
    db.execute(
        "INSERT INTO touch_counts SELECT prospect_id, count(*) FROM touches NOT INDEXED"
        " WHERE outcome IS NOT NULL GROUP BY prospect_id"
    )
    db.execute(
        "UPDATE prospects SET touch_count ="
        " (SELECT n FROM touch_counts c WHERE c.id = prospects.id)"
        " WHERE id IN (SELECT id FROM touch_counts)"
    )
    db.execute("DROP TABLE temp.touch_counts")
    for statement in TOUCH_COUNT_TRIGGERS:
        db.execute(statement)
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_touches_open_dial"
        " ON touches (started_at, id) WHERE outcome IS NULL"
    )
    db.execute("CREATE INDEX IF NOT EXISTS idx_signals_occurred ON signals (occurred_at)")
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_prospects_callbacks ON prospects (next_touch_at)"
        " WHERE next_touch_is_callback = 1 AND status = 'active' AND do_not_call = 0"
    )


TOUCH_COUNT_TRIGGERS = (
    "CREATE TRIGGER touch_count_insert AFTER INSERT ON touches"
    " WHEN NEW.outcome IS NOT NULL BEGIN"
    " UPDATE prospects SET touch_count = touch_count + 1 WHERE id = NEW.prospect_id; END",
    "CREATE TRIGGER touch_count_delete AFTER DELETE ON touches"
    " WHEN OLD.outcome IS NOT NULL BEGIN"
    " UPDATE prospects SET touch_count = touch_count - 1 WHERE id = OLD.prospect_id; END",
    # An outcome logged on a running dial, cleared, or a touch moved to another prospect.
    "CREATE TRIGGER touch_count_update AFTER UPDATE OF outcome, prospect_id ON touches"
    " WHEN (OLD.outcome IS NOT NULL) != (NEW.outcome IS NOT NULL)"
    " OR OLD.prospect_id IS NOT NEW.prospect_id BEGIN"
    " UPDATE prospects SET touch_count = touch_count - 1"
    " WHERE id = OLD.prospect_id AND OLD.outcome IS NOT NULL;"
    " UPDATE prospects SET touch_count = touch_count + 1"
    " WHERE id = NEW.prospect_id AND NEW.outcome IS NOT NULL; END",
)
"""Keep prospects.touch_count equal to the prospect's touches that have an outcome."""


@migrations()
def m005_talk_time(db: sqlite_utils.Database) -> None:
    """A dial lasts until the call ends; `connected_at` is when someone answered, and
    `talk_s` the conversation's length, from then to the end (stats' talk time).
    Touches logged before this kept their whole length as the talk time they had."""
    db.execute("ALTER TABLE touches ADD COLUMN connected_at TEXT")
    db.execute("ALTER TABLE touches ADD COLUMN talk_s INTEGER")


@migrations()
def m006_phones(db: sqlite_utils.Database) -> None:
    """Several numbers per prospect: direct, mobile, office, other (domain.numbers),
    each with its raw text, E.164, extension, zones, source and wrong-number mark.
    The main one (`main` = 1: the first good one in order of preference) stays
    mirrored in prospects.phone_* by store.phones.sync_main, where scripts read it;
    prospects.phone_bad now means "no good number left". Every prospect's number
    so far becomes its one phones row, labelled direct (it is the one dialed so far).
    A dial records the number it went to (touches.phone_id and its E.164, `number`).
    Prospects with more than one number are found by the small partial index
    idx_phones_others (their numbers besides the main one)."""
    db.execute(
        "CREATE TABLE phones (id INTEGER PRIMARY KEY, prospect_id INTEGER NOT NULL"
        " REFERENCES prospects (id), label TEXT NOT NULL DEFAULT 'direct',"
        " raw TEXT NOT NULL DEFAULT '', e164 TEXT, ext TEXT, zones TEXT NOT NULL DEFAULT '',"
        " problem TEXT, source TEXT NOT NULL DEFAULT '', bad INTEGER NOT NULL DEFAULT 0,"
        " main INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL DEFAULT 0,"
        " created_at TEXT NOT NULL)"
    )
    db.execute(
        "INSERT INTO phones (prospect_id, label, raw, e164, ext, zones, problem, bad, main,"
        " position, created_at) SELECT id, 'direct', coalesce(phone_raw, ''), phone_e164,"
        " phone_ext, coalesce(phone_zones, ''), phone_problem, phone_bad, 1, 0, created_at"
        " FROM prospects WHERE coalesce(phone_raw, '') != '' OR phone_e164 IS NOT NULL"
    )
    db.execute("CREATE INDEX idx_phones_prospect_id ON phones (prospect_id, position)")
    db.execute("CREATE INDEX idx_phones_e164 ON phones (e164)")
    db.execute("CREATE INDEX idx_phones_others ON phones (prospect_id) WHERE main = 0")
    db.execute("ALTER TABLE touches ADD COLUMN phone_id INTEGER REFERENCES phones (id)")
    db.execute("ALTER TABLE touches ADD COLUMN number TEXT")


@migrations()
def m007_teams(db: sqlite_utils.Database) -> None:
    """Teams (PostgreSQL's m007_teams has the same tables): who logged each touch,
    block, undo and do-not-call change (`rep`, set by the connection's rep:
    store.team.set_rep); whose a prospect is (`owner`, NULL: the shared pool) and
    whom a callback is for (`callback_for`, NULL: anyone); claims, so no prospect
    is worked by two reps at once; the reps who have worked here. m006 is left
    to the phones table."""
    for table in ("touches", "call_blocks", "undo_log", "dnc_log"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN rep TEXT")
    db.execute("ALTER TABLE prospects ADD COLUMN owner TEXT")
    db.execute("ALTER TABLE prospects ADD COLUMN callback_for TEXT")
    db.execute("CREATE INDEX idx_touches_rep ON touches (rep, started_at)")
    db.execute("CREATE INDEX idx_prospects_owner ON prospects (owner)")
    db.execute(
        "CREATE TABLE claims (prospect_id INTEGER PRIMARY KEY REFERENCES prospects (id),"
        " rep TEXT NOT NULL, expires_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX idx_claims_rep ON claims (rep)")
    db.execute(
        "CREATE TABLE reps (name TEXT PRIMARY KEY, first_seen TEXT NOT NULL,"
        " last_seen TEXT NOT NULL)"
    )


@migrations()
def m008_meeting_time(db: sqlite_utils.Database) -> None:
    """A booked meeting has a time (UTC, like every moment stored): the touch that
    booked it keeps it, for the header, the history and the agenda's events.
    PostgreSQL's m008_meeting_time is the same."""
    db.execute("ALTER TABLE touches ADD COLUMN meeting_at TEXT")
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_touches_meeting ON touches (meeting_at)"
        " WHERE meeting_at IS NOT NULL"
    )


@migrations()
def m009_touch_history_index(db: sqlite_utils.Database) -> None:
    """Every prospect's touches in time order straight from an index that holds what
    the stats read of them (store.stats), so `followup stats` and the stats screen
    walk it instead of sorting a million rows. It starts with the columns of
    idx_touches_prospect_id_started_at (m001), which it replaces: every query that
    used that one uses this one. PostgreSQL's m009_touch_history_index is the same."""
    # Dropped first: the new index takes the pages it frees, so the file grows less.
    db.execute("DROP INDEX IF EXISTS idx_touches_prospect_id_started_at")
    db.execute(
        "CREATE INDEX idx_touches_history"
        " ON touches (prospect_id, started_at, id, channel, outcome, decision_maker,"
        " talk_s, duration_s)"
    )


@migrations()
def m010_callbacks_for_a_rep(db: sqlite_utils.Database) -> None:
    """The callbacks promised to a rep, straight from an index of their own: every
    session reads which are another rep's at start-up and at every check
    (store.team.not_mine), and read every due callback's row to know (3 ms of the
    start-up on 100,000 prospects, before the first rows show). `callback_for` is
    set only while the callback is due, so the index stays small. PostgreSQL's
    m010_callbacks_for_a_rep is the same."""
    db.execute(
        "CREATE INDEX idx_prospects_callback_for ON prospects (callback_for)"
        " WHERE callback_for IS NOT NULL"
    )


def derive_cadence_steps(db: sqlite_utils.Database) -> None:
    """Put prospects of a first-release database back where they stood in the cadence.

    The first release had no `cadence_step`; m002 added it at 0, which sent every
    prospect back to the first step on upgrade. An active prospect moves one step
    per logged outcome, so its step is the count of its touches that have one (a
    parked or retired prospect starts again at 0 when it returns, as it would
    have). Run by store.db while upgrading such a file, in the same transaction
    as its migrations; m002 itself has shipped and is never edited."""
    db.execute(
        "UPDATE prospects SET cadence_step = (SELECT count(*) FROM touches t"
        " WHERE t.prospect_id = prospects.id AND t.outcome IS NOT NULL)"
        " WHERE status = 'active' AND cadence_step = 0"
    )
