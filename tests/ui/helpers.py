"""Building the app for Pilot and snapshot tests, and reading what it shows."""

from __future__ import annotations

import time
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from followup_tui.config import Settings
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.themes import shipped_theme_dir
from followup_tui.ui.widgets.queue_list import QueueList
from tests.conftest import REP_ZONE

SETTLE_LIMIT_S = 60.0  # a guard against a hang, never a speed check


def make_app(db, settings: Settings | None = None) -> FollowupApp:
    return FollowupApp(db, REP_ZONE, settings or Settings(), theme_dirs=[shipped_theme_dir()])


async def settle(pilot: Pilot) -> None:
    """Wait until the session's workers are done and their messages handled: what a
    rep would see once the screen has caught up. Never waits on the clock."""
    app = pilot.app
    give_up = time.monotonic() + SETTLE_LIMIT_S
    quiet = 0
    while quiet < 2:
        await _caught_up(pilot)
        if getattr(app, "idle", True):
            quiet += 1
        else:
            quiet = 0
            await pilot.pause(0.005)
        if time.monotonic() > give_up:
            raise AssertionError("the app's workers never finished")


async def _caught_up(pilot: Pilot) -> None:
    """Every message queued so far handled, and the screen refreshed: Pilot.pause() as
    it is, without its wait for 20 ms in which the process uses no CPU (the app's own
    `idle` says when its work is done), which was most of the suite's time."""
    await pilot._wait_for_screen()
    pilot.app.screen._on_timer_update()


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, letting the app catch up after each, as a rep does.
    Letters typed into a field are typed on (a field takes them whatever runs), and
    the app catches up once the word is in: waiting after each letter for find's
    pause-in-typing search made the suite wait seconds per test."""
    typed = False
    for key in keys:
        into_field = len(key) == 1 and key.isprintable() and _typing_into(pilot.app)
        if typed and not into_field:
            await settle(pilot)
        await pilot.press(key)
        typed = into_field
        if not into_field:
            await settle(pilot)
    if typed:
        await settle(pilot)


def _typing_into(app: App[Any]) -> bool:
    from textual.widgets import Input, TextArea

    return isinstance(app.focused, (Input, TextArea))


def queue_text(app: FollowupApp) -> str:
    """Every line the queue draws right now, as plain text."""
    queue = app.screen.query_one(QueueList)
    queue.begin_frame()
    height = queue.scrollable_content_region.height
    return "\n".join(queue.render_line(y).text for y in range(height))


def screen_text(app: App[Any]) -> str:
    """The whole terminal as plain text (what tmux capture-pane would show);
    export_screenshot would give SVG."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def dial(pilot: Pilot, task: str = "s") -> None:
    """`d`, as the rep would: on an email, LinkedIn or letter step the app asks, and
    `task` answers (s skips the task, k keeps it due)."""
    from followup_tui.ui.screens.choice import ChoiceScreen

    await press(pilot, "d")
    if isinstance(pilot.app.screen, ChoiceScreen):
        await press(pilot, task)


async def say_how(pilot: Pilot, key: str = "c") -> None:
    """Answer "how did it come?" (asked when no dial ran), if it is asked."""
    from followup_tui.ui.screens.choice import ChoiceScreen

    await settle(pilot)
    if isinstance(pilot.app.screen, ChoiceScreen):
        await press(pilot, key)


def notifications_told(app: FollowupApp) -> list[str]:
    """Every notification the app shows from now on, as its text: each key clears the
    ones shown before it, so `app._notifications` holds only the newest."""
    told: list[str] = []
    notify = app.notify

    def recording(message: str, **how) -> None:
        told.append(message)
        notify(message, **how)

    app.notify = recording  # type: ignore[method-assign]
    return told


async def select_caller(pilot: Pilot):
    """Put the cursor on the first prospect in the queue who is called now (not a
    task) and has a number; returns them, once their file is on screen."""
    from followup_tui.ui.widgets.queue_list import QueueList

    queue = pilot.app.screen.query_one(QueueList)
    caller = next(
        queue.row_at(i).prospect
        for i in range(queue.row_count)
        if not queue.row_at(i).task and queue.row_at(i).prospect.phone_e164
    )
    queue.select_id(caller.id)
    await settle(pilot)
    return caller


async def select_task(pilot: Pilot):
    """Put the cursor on the first row whose step is a task (an email, a LinkedIn
    message, a letter); returns that prospect, once their file is on screen."""
    from followup_tui.ui.widgets.queue_list import QueueList

    queue = pilot.app.screen.query_one(QueueList)
    task = next(row for row in map(queue.row_at, range(queue.row_count)) if row.task)
    queue.select_id(task.prospect.id)
    await settle(pilot)
    return task.prospect
