"""In-app measurements, run headless in this process; `bench/run.py` runs each as a
subprocess on a copy of the database and reads the JSON line printed at the end.

    .venv/bin/python bench/inapp.py startup  --db COPY [--app real|floor] [--spawned-at T]
    .venv/bin/python bench/inapp.py keys     --db COPY [--app real|floor] [--count 40]
    .venv/bin/python bench/inapp.py outcomes --db COPY [--count 200] [--budget 240]
    .venv/bin/python bench/inapp.py busy     --db COPY [--budget 60] [--import-csv FILE]

How a key is timed (`press`): the Key event is posted to the app, then the
harness waits, without sleeping, until every message the key caused has been
handled (rounds of `Pilot._wait_for_screen` until all queues are empty), then
paints the screen once (`Screen._on_timer_update`, what the update timer does).
That is "key to next refresh". `Pilot.press` is not used for the figure: it
polls for CPU idleness in 20 ms sleeps (a 40-60 ms floor of its own) and counts
worker threads' CPU as the key's. Workers a key starts are not waited for in
its figure; they are waited for before the next press so presses don't pile up.
The floors (bench/floor_keys.py, bench/floor_startup.py) go through the same code.

Everything the app's constructor and internals decide is in the adapters at the
top (`make_app`, `rows_painted`, `background_idle`, `cursor_at_end`,
`start_app_import`), so a change of the app touches only them. `j` and PgDn are
never timed where they would move nothing: at the end of the list the harness
goes back to the top first (untimed), so a short list is measured moving too.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

SIZE = (120, 36)
LANE_GROUPS = frozenset({"session-writes", "session-reads"})  # workers that never finish


# ----------------------------------------------------------------------------
# Adapters: the only code here that knows how the app is built and shaped.
# ----------------------------------------------------------------------------
def make_app(db_path: str) -> Any:
    """The app as `followup` builds it, on `db_path`, with FOLLOWUP_NOW's clock."""
    from followup_tui.ui.memory import hold_for_start_up

    hold_for_start_up()  # what `followup` does before the app's imports (cli.run_app)
    from followup_tui.config import Settings
    from followup_tui.domain import clock
    from followup_tui.store.db import open_db
    from followup_tui.ui.app import FollowupApp
    from followup_tui.ui.themes import shipped_theme_dir

    clock.use(clock.clock_from_env())
    rep_zone = clock.rep_zone()
    return FollowupApp(open_db(db_path), rep_zone, Settings(), theme_dirs=[shipped_theme_dir()])


def rows_painted(app: Any) -> int:
    """How many rows the queue holds now (0 while it is still loading)."""
    from followup_tui.ui.widgets.queue_list import QueueList

    try:
        queue = app.screen.query_one(QueueList)
    except Exception:
        return 0
    rows = getattr(queue, "rows", None)
    if rows is not None:
        return len(rows)
    return int(getattr(queue, "row_count", 0))


def background_idle(app: Any) -> bool:
    """No worker of the app is doing anything (long-lived lanes: their `idle`)."""
    from textual.worker import WorkerState

    for worker in app.workers:
        if worker.group in LANE_GROUPS:
            continue
        if worker.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return False
    # Not `app.idle`: that also counts the side panes' wait for a pause in the keys,
    # which a harness pressing a key every 30 ms would keep from ever ending.
    for holder in (app, *app.screen_stack):  # the session runner's lanes
        for name in ("runner", "_runner", "session_runner"):
            runner = getattr(holder, name, None)
            if runner is not None and hasattr(runner, "idle") and not runner.idle:
                return False
    return True


def cursor_at_end(app: Any, key: str) -> bool:
    """Whether `key` would move nothing: the queue's cursor already shows its last row
    (a press there costs next to nothing and would flatter the figure)."""
    from followup_tui.ui.widgets.queue_list import QueueList

    try:
        queue = app.screen.query_one(QueueList)
    except Exception:
        return False
    if key == "pagedown":
        return queue.cursor + queue._page() >= queue.row_count
    return queue.cursor >= queue.row_count - 1


def start_app_import(app: Any, csv: Path) -> None:
    """What the palette's "Import prospects from CSV…" does once a file is chosen."""
    from followup_tui.ui.import_command import start_import

    start_import(app, csv)


def make_floor_keys_app() -> Any:
    from floor_keys import KeyFloorApp

    return KeyFloorApp()


def make_floor_startup_app() -> Any:
    from floor_startup import EmptyApp

    return EmptyApp()


def floor_painted(app: Any) -> int:
    """The empty app's 'rows': its Static, once mounted."""
    from textual.widgets import Static

    try:
        return int(app.screen.query_one("#body", Static).is_mounted)
    except Exception:
        return 0


# ----------------------------------------------------------------------------
# Timing keys
# ----------------------------------------------------------------------------
def _key_event(key: str) -> Any:
    """The Key event `Pilot.press(key)` would send."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    char: str | None
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def _pumps(app: Any) -> list[Any]:
    """The app and every widget of its current screen: whatever may hold a message."""
    return [app, *app.screen.walk_children(with_self=True)]


def _queues_empty(pumps: list[Any]) -> bool:
    return all(pump._message_queue.empty() for pump in pumps)


async def settle(pilot: Any) -> None:
    """Until every message queued (and every message those cause) is handled; then
    one paint of the current screen, and again if painting queued more.

    It only yields to the event loop and looks at the message queues: asking every
    widget to answer (Pilot._wait_for_screen) would charge the harness's own cost,
    which grows with the number of widgets, to the key. Every pump runs on this
    loop, so queues empty on two yields in a row means every handler has returned.
    The widgets are listed once per round, not on every yield (walking the screen
    costs the harness about 20 microseconds a widget); a round ends only when a
    fresh list, which sees any widget mounted meanwhile, agrees that all is quiet.
    """
    app = pilot.app
    for _ in range(200):
        pumps = _pumps(app)
        quiet = 0
        for _ in range(100_000):
            await asyncio.sleep(0)
            quiet = quiet + 1 if _queues_empty(pumps) else 0
            if quiet >= 2:
                pumps = _pumps(app)
                if _queues_empty(pumps):
                    break
                quiet = 0
        app.screen._on_timer_update()
        if _queues_empty(_pumps(app)):
            return


async def press(pilot: Any, key: str) -> float:
    """Seconds from posting `key` to the next refresh with everything it caused done."""
    app = pilot.app
    event = _key_event(key)
    started = time.perf_counter()
    event.set_sender(app)
    app.post_message(event)
    await settle(pilot)
    return time.perf_counter() - started


async def wait_background(pilot: Any, timeout: float = 600) -> float:
    """Wait (outside any figure) until the app's workers are done; returns the wait."""
    started = time.perf_counter()
    while not background_idle(pilot.app):
        if time.perf_counter() - started > timeout:
            break
        await asyncio.sleep(0.005)
    await settle(pilot)
    return time.perf_counter() - started


class StallWatch:
    """The longest the event loop went without running a 5 ms timer: a key arriving
    then would have waited that long, whether or not the harness pressed one."""

    TICK = 0.005

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(self.TICK)
            self.longest = max(self.longest, time.perf_counter() - before - self.TICK)

    def __enter__(self) -> StallWatch:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()


def peak_rss_kib() -> int:
    """VmHWM of this process: its peak resident memory so far."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _yes(screen: Any) -> str:
    """The key that says yes: `y`, or the first choice of a question answered by keys
    (on an email day, `k`: dial and keep the email due)."""
    choices = getattr(screen, "choices", None)
    return choices[0][0] if choices else "y"


def _is_modal(app: Any, base: Any) -> bool:
    return app.screen is not base


async def _back_to(pilot: Any, base: Any, notes: list[str]) -> None:
    """Close whatever is above the main screen (outside the figures)."""
    for _ in range(10):
        if pilot.app.screen is base:
            return
        notes.append(f"closed {type(pilot.app.screen).__name__}")
        await press(pilot, "escape")
        await wait_background(pilot)


# ----------------------------------------------------------------------------
# Measurements
# ----------------------------------------------------------------------------
async def measure_startup(args: argparse.Namespace) -> dict[str, Any]:
    """Process start (args.spawned_at, CLOCK_MONOTONIC) to the first rows painted."""
    if args.app == "floor":
        app, painted = make_floor_startup_app(), floor_painted
    else:
        app, painted = make_app(args.db), rows_painted
    seen: dict[str, float] = {}

    async def watch() -> None:
        while True:
            try:
                ready = app.is_running and painted(app) > 0
            except Exception:
                ready = False
            if ready:
                with app._context():  # this task began before the app did
                    app.screen._on_timer_update()
                seen["painted"] = time.clock_gettime(time.CLOCK_MONOTONIC)
                seen["rows"] = painted(app)
                return
            await asyncio.sleep(0.001)

    watcher = asyncio.get_running_loop().create_task(watch())
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(watcher, timeout=args.budget)
        await wait_background(pilot, timeout=args.budget)
        rows_later = painted(app)
    took = seen["painted"] - args.spawned_at
    return {"startup_s": took, "rows_first": seen["rows"], "rows_later": rows_later}


async def measure_keys(args: argparse.Namespace) -> dict[str, Any]:
    """`j` and PgDn through the queue (and `n` on the floor app), one at a time."""
    app = make_floor_keys_app() if args.app == "floor" else make_app(args.db)
    samples: dict[str, list[float]] = {"j": [], "pagedown": []}
    if args.app == "floor":
        samples["n"] = []
    async with app.run_test(size=SIZE) as pilot:
        await _first_rows(pilot, args)
        gc.collect()
        for i in range(args.count):
            for key in samples:
                if key == "pagedown" and i % 4:
                    continue  # fewer pages than single steps, as a rep scrolls
                if args.app != "floor" and cursor_at_end(app, key):
                    await press(pilot, "home")  # back to the top, outside the figure
                    await wait_background(pilot)
                samples[key].append(await press(pilot, key))
                await wait_background(pilot)
    return {"samples": samples}


async def _first_rows(pilot: Any, args: argparse.Namespace) -> None:
    """Wait until the real app shows its queue (and has settled) before timing keys."""
    if args.app == "floor":
        await settle(pilot)
        return
    started = time.perf_counter()
    while rows_painted(pilot.app) == 0 and time.perf_counter() - started < args.budget:
        await asyncio.sleep(0.01)
    await wait_background(pilot, timeout=args.budget)


async def measure_outcomes(args: argparse.Namespace) -> dict[str, Any]:
    """`d` then `n`, args.count times (or until the time budget runs out): every key
    timed, questions answered `y` (those keys timed too), peak memory at the end."""
    app = make_floor_keys_app() if args.app == "floor" else make_app(args.db)
    samples: dict[str, list[float]] = {"d": [], "n": [], "answer": []}
    notes: list[str] = []
    done = 0
    began = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        await _first_rows(pilot, args)
        base = app.screen
        rows_before = rows_painted(app) if args.app != "floor" else 0
        gc.collect()
        while done < args.count and time.perf_counter() - began < args.budget:
            for key in ("d", "n"):
                samples[key].append(await press(pilot, key))
                await wait_background(pilot)
                for _ in range(3):  # a question (dial anyway? put them back?): yes
                    if not _is_modal(app, base):
                        break
                    samples["answer"].append(await press(pilot, _yes(app.screen)))
                    await wait_background(pilot)
                await _back_to(pilot, base, notes)
            done += 1
        rows_after = rows_painted(app) if args.app != "floor" else 0
    return {
        "samples": samples,
        "outcomes": done,
        "asked": len(samples["answer"]),
        "rows_before": rows_before,
        "rows_after": rows_after,
        "notes": sorted(set(notes)),
        "peak_rss_kib": peak_rss_kib(),
    }


async def measure_busy(args: argparse.Namespace) -> dict[str, Any]:
    """Keys while something heavy runs: stats (`t`), view switches (`2`, `1`), find
    typing (`/` + letters), an in-app import. Every key is timed, and a stall watch
    records the longest the loop could not have answered any key."""
    app = make_app(args.db)
    results: dict[str, Any] = {}
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await _first_rows(pilot, args)
        base = app.screen

        async def scenario(name: str, body: Callable[[list[float]], Awaitable[None]]) -> None:
            keys: list[float] = []
            gc.collect()
            with StallWatch() as watch:
                await body(keys)
            await wait_background(pilot, timeout=args.budget)
            await _back_to(pilot, base, notes)
            results[name] = {"keys": keys, "stall_s": watch.longest}

        async def while_busy(keys: list[float], key_cycle: list[str], least: int) -> None:
            """Press keys every 30 ms while the app is busy (at least `least` keys)."""
            started = time.perf_counter()
            i = 0
            while (i < least or not background_idle(app)) and (
                time.perf_counter() - started < args.budget
            ):
                keys.append(await press(pilot, key_cycle[i % len(key_cycle)]))
                i += 1
                await asyncio.sleep(0.03)

        async def stats(keys: list[float]) -> None:
            keys.append(await press(pilot, "t"))
            await while_busy(keys, ["j", "k"], 10)
            keys.append(await press(pilot, "escape"))

        async def views(keys: list[float]) -> None:
            for view in ("2", "1", "3", "1"):
                keys.append(await press(pilot, view))
                await while_busy(keys, ["j", "k"], 5)

        async def find(keys: list[float]) -> None:
            keys.append(await press(pilot, "/"))
            for letter in "whitfield":
                keys.append(await press(pilot, letter))
                await asyncio.sleep(0.08)  # a rep types about 10 letters a second
            await while_busy(keys, ["backspace", "d"], 5)
            keys.append(await press(pilot, "escape"))

        async def importing(keys: list[float]) -> None:
            if args.import_csv is None:
                notes.append("no --import-csv: import not measured")
                return
            start_app_import(app, Path(args.import_csv))
            await while_busy(keys, ["j", "k"], 20)

        for name, body in (
            ("stats", stats),
            ("view switch", views),
            ("find typing", find),
            ("import", importing),
        ):
            await scenario(name, body)
    return {"scenarios": results, "notes": sorted(set(notes)), "peak_rss_kib": peak_rss_kib()}


MODES: dict[str, Callable[[argparse.Namespace], Coroutine[Any, Any, dict[str, Any]]]] = {
    "startup": measure_startup,
    "keys": measure_keys,
    "outcomes": measure_outcomes,
    "busy": measure_busy,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=sorted(MODES))
    parser.add_argument("--db", default="")
    parser.add_argument("--app", choices=["real", "floor"], default="real")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--budget", type=float, default=300.0, help="seconds, at most")
    parser.add_argument("--spawned-at", type=float, default=None)
    parser.add_argument("--import-csv", default=None)
    args = parser.parse_args()
    if args.spawned_at is None:
        args.spawned_at = time.clock_gettime(time.CLOCK_MONOTONIC)
    if args.app == "real" and not args.db:
        parser.error("--db is needed for the real app")
    os.environ.setdefault("FOLLOWUP_TZ", "America/New_York")
    result = asyncio.run(MODES[args.mode](args))
    result.setdefault("peak_rss_kib", peak_rss_kib())
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
