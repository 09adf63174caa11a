"""The power dial's wrap-up countdown: one line at the top of the screen (the outcome's
notification covers the bottom right meanwhile), shown only while it runs or is paused."""

from __future__ import annotations

from textual.widgets import Static

from followup_tui.ui.text import line, user_text


class Countdown(Static):
    DEFAULT_CSS = """
    Countdown {
        display: none; height: 1; padding: 0 1;
        background: $accent-muted; color: $foreground; text-wrap: nowrap;
    }
    Countdown.-shown { display: block; }
    Countdown.-paused { background: $warning-muted; }
    """

    def counting(self, name: str, seconds: int) -> None:
        self.set_classes("-shown")
        who = user_text(name).truncate(40, ellipsis=True)
        self.update(line(("Next call: ", "bold"), who, (f" in {seconds} s", "bold"),
                         "  ·  any key pauses  ·  Esc ends power dialing"))  # fmt: skip

    def paused(self) -> None:
        self.set_classes("-shown -paused")
        self.update(line(("Power dial paused", "bold"),
                         "  ·  d dials the next call  ·  Esc ends power dialing"))  # fmt: skip

    def hide(self) -> None:
        self.set_classes("")
