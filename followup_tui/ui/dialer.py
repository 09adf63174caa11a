"""`d` hands the number to the rep's phone, off the key path.

Clipboard: copied at once (Textual's OSC 52, which works over SSH). tel and
command: the program runs in a worker thread (followup_tui/dialer.py) and a
failure comes back as a notification; the dial is timed either way.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from msgspec import Struct
from msgspec.structs import replace
from textual.widget import Widget

from followup_tui.dialer import hand_off
from followup_tui.domain.dialing import DialerSettings, DialNumber
from followup_tui.ui.text import tell

SENT = {"clipboard": "copied", "tel": "sent to the phone app", "command": "sent"}


class HandedOff(Struct, frozen=True):
    """What the status line shows while the dial `touch_id` runs."""

    touch_id: int
    shown: str  # the number as the rep reads it, with the extension
    note: str  # copied, sent, not handed off, ...


class Dialer:
    """Hands numbers over for one screen; `handed` is the last one, for the status line,
    and `changed` is called when what it says changes."""

    def __init__(
        self, owner: Widget, settings: DialerSettings, changed: Callable[[], None]
    ) -> None:
        self.owner = owner
        self.settings = settings
        self.changed = changed
        self.handed: HandedOff | None = None
        self._running = 0

    @property
    def idle(self) -> bool:
        """No hand-off under way (tests wait on this, never on the clock)."""
        return self._running == 0

    def hand_off(self, number: DialNumber, shown: str, touch_id: int) -> None:
        """Give `number` (read by the rep as `shown`) to the phone for the dial `touch_id`."""
        mode = self.settings.mode
        if mode == "clipboard":
            self.owner.app.copy_to_clipboard(number.e164)
            self.handed = HandedOff(touch_id, shown, SENT[mode])
            return
        self.handed = HandedOff(touch_id, shown, "handing off…")
        self._running += 1

        def work() -> None:  # in a worker thread
            try:
                problem = hand_off(number, self.settings)
            except Exception as err:  # a bug must not leave the hand-off hanging
                problem = f"something went wrong ({err})"
            with suppress(RuntimeError):  # the app has closed meanwhile
                self.owner.app.call_from_thread(self._done, touch_id, shown, problem)

        self.owner.run_worker(work, name="dial hand-off", group="dialer", thread=True,
                              exit_on_error=False)  # fmt: skip

    def resumed(self, shown: str, touch_id: int) -> None:
        """A dial picked up after a restart: its number is shown, never handed to the
        phone again (the call is on, or the rep redials by hand)."""
        self.handed = HandedOff(touch_id, shown, "resumed")

    def _done(self, touch_id: int, shown: str, problem: str | None) -> None:
        self._running -= 1
        note = SENT[self.settings.mode] if problem is None else "not handed off"
        if self.handed is not None and self.handed.touch_id == touch_id:
            self.handed = replace(self.handed, note=note)
            self.changed()
        if problem is None:
            return
        tell(self.owner, f"The phone did not get {shown}: {problem}. The dial is timed; "
                         "dial it by hand.", severity="error", timeout=12)  # fmt: skip
