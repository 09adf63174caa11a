"""Building the app for Pilot and snapshot tests, and reading what it shows."""

from __future__ import annotations

import asyncio
import time
import unicodedata
from typing import Any

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

from followup_tui.config import Settings
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.themes import shipped_theme_dir
from followup_tui.ui.widgets.queue_list import QueueList
from tests.conftest import REP_ZONE

SETTLE_LIMIT_S = 60.0  # a guard against a hang, never a speed check


def make_app(db, settings: Settings | None = None) -> FollowupApp:
    app = FollowupApp(db, REP_ZONE, settings or Settings(), theme_dirs=[shipped_theme_dir()])
    app.animation_level = "none"  # a scroll lands on its next frame: tests wait for it
    return app


async def settle(pilot: Pilot) -> None:
    """Wait until the session's workers are done and their messages handled: what a
    rep would see once the screen has caught up. Never waits on the clock, nor for
    Pilot.pause()'s 20 ms in which the process uses no CPU (the app's own `idle` says
    when its work is done)."""
    app = pilot.app
    give_up = time.monotonic() + SETTLE_LIMIT_S
    quiet = 0
    while quiet < 2:
        await pilot._wait_for_screen()
        if not app.animator._complete_event.is_set():  # a scroll under way
            quiet = 0
            await app.animator.wait_until_complete()
        elif getattr(app, "idle", True):
            # Drawn now, not at the next frame (what is drawn may start more work).
            # Only once the work is done: while it runs the app draws at its own pace.
            app.screen._on_timer_update()
            quiet += 1
        else:
            quiet = 0
            await pilot.pause(0.005)
        if time.monotonic() > give_up:
            raise AssertionError("the app's workers never finished")


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
        await send_key(pilot, key)
        typed = into_field
        if not into_field:
            await settle(pilot)
    if typed:
        await settle(pilot)


async def send_key(pilot: Pilot, key: str) -> None:
    """One key, as `Pilot.press` sends it, handled by the app and the screen. Not
    `Pilot.press` itself: after each key it also waits twice for 20 ms in which the
    process uses no CPU, about 40 ms a key whatever the app does, which was a third of
    the suite's time; the callers wait for the app's own `idle` instead."""
    app = pilot.app
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    await app._post_message(event)
    handled = asyncio.Event()
    app.call_later(handled.set)  # after the key in the app's queue: once it was handled
    await handled.wait()
    await pilot._wait_for_screen()


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
