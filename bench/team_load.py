"""How many reps one PostgreSQL server carries: N simulated reps (threads, each with
its own connection) work one pool of prospects through the store's functions.

Each rep loops: read the due prospects no one else holds, claim one (a random pick
among the first few, so reps collide as real ones would), start a dial, log a
no-answer (which moves the prospect's next touch days on), let the claim go. It
prints dispositions per second, claim conflicts (a claim refused, or won only
after the other rep had logged the prospect) and the p95 of one disposition
(claim + dial + outcome), then checks the pool: no prospect dialed twice in the
run (a prospect is due once), no touch lost.

    python bench/team_load.py                      # N = 1, 5, 20, 50; 5,000 prospects; 20 s
    python bench/team_load.py --reps 20 --seconds 30
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time
from dataclasses import dataclass, field

import pendulum

from followup_tui.domain.clock import to_iso
from followup_tui.domain.models import NewProspect
from followup_tui.domain.outcomes import Outcome, plan_after
from followup_tui.domain.policy import Policy
from followup_tui.store import prospects as prospect_store
from followup_tui.store import team, touches
from followup_tui.store.pg.cluster import throwaway_cluster
from followup_tui.store.pg.connection import PgBusy
from followup_tui.store.pg.store import open_pg

NOW = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")


@dataclass
class Tally:
    done: int = 0
    conflicts: int = 0
    busy: int = 0
    latencies: list[float] = field(default_factory=list)


def fill(url: str, prospects: int) -> None:
    db = open_pg(url)
    db.execute("TRUNCATE claims, undo_log, dnc_log, touches, signals, research, prospects")
    with db.transaction():
        for n in range(prospects):
            prospect_store.insert_prospect(
                db,
                NewProspect(name=f"Prospect {n}", phone_raw=f"+1 312 555 {n:04d}",
                            phone_e164=f"+1312555{n % 10000:04d}",
                            phone_zones=("America/Chicago",),
                            next_touch_at=NOW.subtract(minutes=n % 600)),
                NOW,
            )  # fmt: skip
    db.close()


def rep_loop(url: str, name: str, stop: float, tally: Tally, lock: threading.Lock) -> None:
    db = open_pg(url, rep=name)
    policy = Policy()
    pick = random.Random(name)
    while time.monotonic() < stop:
        now = NOW
        rows = db.execute(
            "SELECT p.id FROM prospects p WHERE p.status = 'active' AND p.do_not_call = 0"
            " AND p.next_touch_at <= ? AND NOT EXISTS (SELECT 1 FROM claims c WHERE"
            " c.prospect_id = p.id AND c.rep <> ? AND c.expires_at > ?)"
            " ORDER BY p.next_touch_at, p.id LIMIT 8",
            [to_iso(now), name, to_iso(now)],
        ).fetchall()
        if not rows:
            break
        pid = pick.choice(rows)[0]
        began = time.perf_counter()
        try:
            with db.transaction():
                holder = team.claim(db, pid, name, now)
                if holder:
                    with lock:
                        tally.conflicts += 1
                    continue
                prospect = prospect_store.get_prospect(db, pid)
                if (
                    prospect is None
                    or prospect.next_touch_at is None
                    or prospect.next_touch_at > now
                ):
                    team.release_claims(db, name)  # logged by another between read and claim
                    with lock:
                        tally.conflicts += 1
                    continue
                dial = touches.start_dial(db, pid, now)
                plan = plan_after(prospect, Outcome.NO_ANSWER, now, policy)
                touches.log_outcome(db, pid, Outcome.NO_ANSWER, plan, now, dial=dial)
                team.release_claims(db, name)
        except PgBusy:
            with lock:
                tally.busy += 1
            continue
        with lock:
            tally.done += 1
            tally.latencies.append(time.perf_counter() - began)
    db.close()


def run(url: str, reps: int, seconds: float, prospects: int) -> dict[str, float]:
    fill(url, prospects)
    tally, lock = Tally(), threading.Lock()
    stop = time.monotonic() + seconds
    started = time.monotonic()
    threads = [
        threading.Thread(target=rep_loop, args=(url, f"rep{n}", stop, tally, lock))
        for n in range(reps)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    db = open_pg(url)
    twice = db.execute(
        "SELECT count(*) FROM (SELECT prospect_id FROM touches GROUP BY prospect_id"
        " HAVING count(*) > 1) AS t"
    ).fetchone()[0]
    logged = db.execute("SELECT count(*) FROM touches WHERE outcome IS NOT NULL").fetchone()[0]
    db.close()
    p95 = statistics.quantiles(tally.latencies, n=20)[-1] if len(tally.latencies) > 20 else 0.0
    return {"reps": reps, "per_s": tally.done / elapsed, "done": tally.done,
            "conflicts": tally.conflicts, "busy": tally.busy, "p95_ms": p95 * 1000,
            "dialed_twice": twice, "lost": tally.done - logged}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, nargs="*", default=[1, 5, 20, 50])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--prospects", type=int, default=5000)
    args = parser.parse_args()
    with throwaway_cluster() as url:
        print(f"{'reps':>5} {'disp/s':>8} {'done':>6} {'conflicts':>9} {'busy':>5}"
              f" {'p95 ms':>7} {'twice':>5} {'lost':>4}")  # fmt: skip
        for reps in args.reps:
            r = run(url, reps, args.seconds, args.prospects)
            print(f"{r['reps']:>5} {r['per_s']:>8.1f} {r['done']:>6} {r['conflicts']:>9}"
                  f" {r['busy']:>5} {r['p95_ms']:>7.1f} {r['dialed_twice']:>5}"
                  f" {r['lost']:>4}")  # fmt: skip


if __name__ == "__main__":
    main()
