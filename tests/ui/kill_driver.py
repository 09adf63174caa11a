"""A scripted calling session for the SIGKILL test (tests/ui/test_kill.py): dial,
no answer, next, and so on, printing each outcome once the app shows it logged.
Run as `python -m tests.ui.kill_driver DB`; it calls until killed or out of calls."""

from __future__ import annotations

import asyncio
import sys

from followup_tui.ui.screens.choice import ChoiceScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from tests.ui.helpers import make_app, press, settle


async def calling(path: str) -> None:
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        print("READY", flush=True)
        for _ in range(500):
            if (
                not isinstance(app.screen, WorkspaceScreen)
                or app.screen.query_one("QueueList").highlighted is None
            ):
                break
            await press(pilot, "d")
            if isinstance(app.screen, ChoiceScreen):
                await press(pilot, "s")
            await press(pilot, "n")
            logged = app.session.last_logged
            if logged is not None:
                touch, _ = logged
                print(f"LOGGED {touch.id} {touch.outcome}", flush=True)
    print("DONE", flush=True)


if __name__ == "__main__":
    asyncio.run(calling(sys.argv[1]))
