"""Closing the app ends the session's worker lanes at once, not at their next look."""

from __future__ import annotations

import threading

from followup_tui.ui import session_runner
from followup_tui.ui.session_runner import SessionRunner
from tests.ui.helpers import make_app, settle

SMALL = (80, 24)


async def test_closing_the_app_ends_its_idle_lanes_at_once(sample_db, frozen, monkeypatch):
    # Lanes that look whether the app is closing only every 30 s: waking them is what
    # ends them (before, quitting waited up to POLL_S for each idle lane).
    monkeypatch.setattr(session_runner, "POLL_S", 30.0)
    ended = {"writes": threading.Event(), "reads": threading.Event()}
    for lane in ended:
        loop = getattr(SessionRunner, f"_{lane[:-1]}_loop")

        def ending(self: SessionRunner, loop=loop, lane=lane) -> None:
            try:
                loop(self)
            finally:
                ended[lane].set()

        monkeypatch.setattr(SessionRunner, f"_{lane[:-1]}_loop", ending)
    app = make_app(sample_db)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert not any(event.is_set() for event in ended.values())
    # A guard, not a timing: woken lanes end in milliseconds, unwoken ones in 30 s.
    assert all(event.wait(timeout=5) for event in ended.values())
