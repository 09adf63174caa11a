"""How many reps one PostgreSQL server carries: N simulated reps (threads, each with
its own connection) work one pool of prospects through the store's functions.

Each rep loops as the app does: read the due prospects no one else holds, pick one
(at random among the first few, so reps collide as real ones would), judge its
caps and calling rules (domain.queue.hold_for, as the queue does), claim it and
commit the claim, then in one transaction read the prospect again, judge it again,
start a dial and log a no-answer (which moves its next touch days on), then let
the claim go. Meanwhile a supervisor puts one of the prospects the reps are about
to take on do-not-call every tenth of a second, as an import of the do-not-call
list would. One prospect in 25 was already called today and another twice this
week: the caps must keep the reps off them.

It prints dispositions per second, claim conflicts (a claim refused, or won only
after the other rep had logged the prospect) and the p95 of one disposition
(claim + dial + outcome + release), then checks the run:

- held twice: no prospect held by two reps at once (each rep's hold, from its
  claim's commit to its release, measured on one clock, never overlaps another's);
- dialed twice: no prospect dialed twice in the run (a prospect is due once);
- lost: every disposition a rep saw committed is in the database;
- over cap: no touch of the run breaks a cap (domain.caps.cap_hold, the app's rule);
- after dnc: no dial read its prospect after the do-not-call was committed.

    python bench/team_load.py                      # N = 1, 5, 20, 50; 5,000 prospects; 20 s
    python bench/team_load.py --reps 20 --seconds 30
    python bench/team_load.py --ci --reps 20 --seconds 30   # exits 1 when a check fails
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field

import pendulum

from followup_tui.domain.caps import TouchTime, cap_hold
from followup_tui.domain.clock import to_iso
from followup_tui.domain.models import NewProspect, Prospect
from followup_tui.domain.outcomes import Outcome, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import hold_for
from followup_tui.store import intake as intake_store
from followup_tui.store import prospects as prospect_store
from followup_tui.store import team, touches
from followup_tui.store.pg.cluster import throwaway_cluster
from followup_tui.store.pg.connection import PgBusy
from followup_tui.store.pg.store import open_pg
from followup_tui.store.rows import utc_from_text

NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")  # Monday, 09:00 in Chicago
ZONE = "America/Chicago"
CAPPED_EVERY = 25  # prospect n % 25 == 3 was called today, == 7 twice this week
DNC_EVERY_S = 0.1  # how often the supervisor puts a due prospect on do-not-call
PICK_AMONG = 8  # a rep takes one of the first few due prospects
CHECKS = ("held_twice", "dialed_twice", "lost", "over_cap", "after_dnc")


@dataclass
class Tally:
    """What the reps saw, on one clock (time.monotonic)."""

    done: int = 0
    conflicts: int = 0
    busy: int = 0
    held: int = 0  # turned away by a cap or a calling rule
    latencies: list[float] = field(default_factory=list)
    holds: list[tuple[int, str, float, float]] = field(default_factory=list)
    dials: list[tuple[int, float]] = field(default_factory=list)  # (prospect, read at)
    dnc: dict[int, float] = field(default_factory=dict)  # prospect -> committed at


def fill(url: str, prospects: int) -> int:
    """A fresh pool of `prospects`, all due now; one in CAPPED_EVERY called today
    already and another twice in the last week (held by the caps). How many touches
    that is."""
    db = open_pg(url)
    db.execute("TRUNCATE claims, undo_log, dnc_log, touches, phones, signals, research, prospects")
    seeded = 0
    with db.transaction():
        for n in range(prospects):
            pid = prospect_store.insert_prospect(
                db,
                NewProspect(name=f"Prospect {n}", phone_raw=f"+1 312 555 {n:04d}",
                            phone_e164=f"+1312555{n % 10000:04d}", phone_zones=(ZONE,),
                            next_touch_at=NOW.subtract(minutes=n % 600)),
                NOW,
            )  # fmt: skip
            past = {3: (NOW.subtract(hours=2),), 7: (NOW.subtract(days=2), NOW.subtract(days=4))}
            for at in past.get(n % CAPPED_EVERY, ()):
                touches.insert_past_touch(db, pid, channel="call", outcome="no_answer",
                                          started_at=at, duration_s=20)  # fmt: skip
                seeded += 1
    db.close()
    return seeded


def _due(db, rep: str, skip: list[int], limit: int) -> list[tuple[int]]:
    return db.execute(
        "SELECT p.id FROM prospects p WHERE p.status = 'active' AND p.do_not_call = 0"
        " AND p.next_touch_at <= ? AND NOT (p.id = ANY(?)) AND NOT EXISTS (SELECT 1"
        " FROM claims c WHERE c.prospect_id = p.id AND c.rep <> ? AND c.expires_at > ?)"
        " ORDER BY p.next_touch_at, p.id LIMIT ?",
        [to_iso(NOW), skip, rep, to_iso(NOW), limit],
    ).fetchall()


def rep_loop(url: str, name: str, stop: float, tally: Tally, lock: threading.Lock) -> None:
    db = open_pg(url, rep=name)
    policy = Policy()
    pick = random.Random(name)
    skip = [0]  # prospects this rep found held (ids start at 1)
    while time.monotonic() < stop:
        rows = _due(db, name, skip, PICK_AMONG)
        if not rows:
            break
        pid = pick.choice(rows)[0]
        began = time.perf_counter()
        try:
            if _held(db, pid, policy):  # the queue holds it: never claimed
                skip.append(pid)
                with lock:
                    tally.held += 1
                continue
            with db.transaction():
                holder = team.claim(db, pid, name, NOW)
            if holder:
                with lock:
                    tally.conflicts += 1
                continue
            claimed = time.monotonic()  # after the claim's commit: the hold has begun
            outcome = _dial_and_log(db, pid, policy, tally, lock)
            let_go = time.monotonic()  # before the release: the hold still runs
            with db.transaction():
                team.release_claims(db, name)
        except PgBusy:
            with lock:
                tally.busy += 1
            continue
        with lock:
            tally.holds.append((pid, name, claimed, let_go))
            if outcome == "held":
                tally.held += 1
                skip.append(pid)
            elif outcome == "gone":
                tally.conflicts += 1
            else:
                tally.done += 1
                tally.latencies.append(time.perf_counter() - began)
    db.close()


def _dial_and_log(db, pid: int, policy: Policy, tally: Tally, lock: threading.Lock) -> str:
    """The claimed prospect's dial and outcome, as the app's dial and log judge them:
    'gone' (logged by another rep meanwhile, or do-not-call), 'held', or 'logged'."""
    read_at = time.monotonic()  # before the first read of the prospect
    with db.transaction():
        prospect = prospect_store.get_prospect(db, pid)
        if (
            prospect is None
            or prospect.do_not_call
            or prospect.next_touch_at is None
            or prospect.next_touch_at > NOW
        ):
            return "gone"
        if _held(db, pid, policy, prospect):
            return "held"
        dial = touches.start_dial(db, pid, NOW)
        plan = plan_after(prospect, Outcome.NO_ANSWER, NOW, policy)
        touches.log_outcome(db, pid, Outcome.NO_ANSWER, plan, NOW, dial=dial)
    with lock:
        tally.dials.append((pid, read_at))
    return "logged"


def _held(db, pid: int, policy: Policy, prospect: Prospect | None = None) -> bool:
    """Whether a cap or calling rule holds the prospect now (the app's judgement)."""
    prospect = prospect or prospect_store.get_prospect(db, pid)
    if prospect is None:
        return True
    recent = prospect_store.recent_touches(db, pid, NOW)
    return hold_for(prospect, None, recent, NOW, policy) is not None


def supervisor(url: str, stop: float, tally: Tally, lock: threading.Lock) -> None:
    """Puts a due prospect (among those the reps are about to take) on do-not-call
    every DNC_EVERY_S, as an import of the do-not-call list does."""
    db = open_pg(url, rep="supervisor")
    pick = random.Random("supervisor")
    while time.monotonic() < stop:
        rows = _due(db, "supervisor", [0], PICK_AMONG)
        if not rows:
            break
        pid = pick.choice(rows)[0]
        with db.transaction():
            off = {"do_not_call": 1, "status": "do_not_call", "next_touch_at": None,
                   "next_touch_is_callback": 0}  # fmt: skip
            intake_store.update_prospects(db, [(pid, off)])
            intake_store.log_do_not_call(db, [(pid, "load test", to_iso(NOW))])
        committed = time.monotonic()
        with lock:
            tally.dnc[pid] = committed
        time.sleep(DNC_EVERY_S)
    db.close()


def check(url: str, tally: Tally, seeded: int) -> dict[str, int]:
    """The five checks, each a count of what went wrong (0 when it holds)."""
    db = open_pg(url)
    run = to_iso(NOW)
    twice = db.execute(
        "SELECT count(*) FROM (SELECT prospect_id FROM touches WHERE started_at >= ?"
        " GROUP BY prospect_id HAVING count(*) > 1) AS t",
        [run],
    ).fetchone()[0]
    logged = db.execute(
        "SELECT count(*) FROM touches WHERE outcome IS NOT NULL AND started_at >= ?", [run]
    ).fetchone()[0]
    history: dict[int, list[tuple[str, str]]] = {}
    for pid, started, channel in db.execute(
        "SELECT prospect_id, started_at, channel FROM touches WHERE prospect_id IN"
        " (SELECT prospect_id FROM touches WHERE started_at >= ?) ORDER BY started_at, id",
        [run],
    ).fetchall():
        history.setdefault(pid, []).append((started, channel))
    total = db.execute("SELECT count(*) FROM touches").fetchone()[0]
    db.close()
    policy = Policy()
    over_cap = 0
    for rows in history.values():
        times = [TouchTime(utc_from_text(s), c == "call") for s, c in rows]
        for n, touch in enumerate(times):
            if utc_from_text(rows[n][0]) >= NOW and cap_hold(
                touch.at, times[:n], policy.caps, zone=ZONE, is_call=touch.is_call
            ):
                over_cap += 1
    return {
        "held_twice": _overlaps(tally.holds),
        "dialed_twice": twice,
        "lost": abs(tally.done - logged) + (total - seeded - logged),  # or left unlogged
        "over_cap": over_cap,
        "after_dnc": sum(1 for pid, at in tally.dials if pid in tally.dnc and at > tally.dnc[pid]),
    }


def _overlaps(holds: list[tuple[int, str, float, float]]) -> int:
    """Holds of one prospect by two reps that overlap in time."""
    by_prospect: dict[int, list[tuple[float, float, str]]] = {}
    for pid, rep, start, end in holds:
        by_prospect.setdefault(pid, []).append((start, end, rep))
    return sum(
        1
        for spans in by_prospect.values()
        for n, (start, end, rep) in enumerate(spans)
        for other_start, other_end, other in spans[n + 1 :]
        if rep != other and start < other_end and other_start < end
    )


def run(url: str, reps: int, seconds: float, prospects: int) -> dict[str, float]:
    seeded = fill(url, prospects)
    tally, lock = Tally(), threading.Lock()
    stop = time.monotonic() + seconds
    started = time.monotonic()
    threads = [
        threading.Thread(target=rep_loop, args=(url, f"rep{n}", stop, tally, lock))
        for n in range(reps)
    ]
    threads.append(threading.Thread(target=supervisor, args=(url, stop, tally, lock)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    p95 = statistics.quantiles(tally.latencies, n=20)[-1] if len(tally.latencies) > 20 else 0.0
    return {"reps": reps, "per_s": tally.done / elapsed, "done": tally.done,
            "conflicts": tally.conflicts, "busy": tally.busy, "held": tally.held,
            "dnc": len(tally.dnc), "p95_ms": p95 * 1000,
            **check(url, tally, seeded)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reps", type=int, nargs="*", default=[1, 5, 20, 50])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--prospects", type=int, default=5000)
    parser.add_argument("--ci", action="store_true",
                        help="exit 1 when a check fails (held twice, dialed twice, lost,"
                             " over cap, after do-not-call) or nothing was done")  # fmt: skip
    args = parser.parse_args()
    failed = False
    with throwaway_cluster() as url:
        print(f"{'reps':>5} {'disp/s':>8} {'done':>6} {'conflicts':>9} {'busy':>5} {'held':>5}"
              f" {'dnc':>4} {'p95 ms':>7} {'held2':>5} {'twice':>5} {'lost':>4} {'cap':>4}"
              f" {'dnc!':>4}")  # fmt: skip
        for reps in args.reps:
            r = run(url, reps, args.seconds, args.prospects)
            print(f"{r['reps']:>5} {r['per_s']:>8.1f} {r['done']:>6} {r['conflicts']:>9}"
                  f" {r['busy']:>5} {r['held']:>5} {r['dnc']:>4} {r['p95_ms']:>7.1f}"
                  f" {r['held_twice']:>5} {r['dialed_twice']:>5} {r['lost']:>4}"
                  f" {r['over_cap']:>4} {r['after_dnc']:>4}", flush=True)  # fmt: skip
            broken = [name for name in CHECKS if r[name]]
            if broken or not r["done"]:
                failed = True
                print(f"FAILED with {reps} reps: {', '.join(broken) or 'nothing was done'}")
    if args.ci:
        print("team load: " + ("FAILED" if failed else "every check held"))
        sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
