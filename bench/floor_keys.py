"""The key floor: a Textual app whose keys update one label, nothing else.

`bench/inapp.py keys --app floor` presses `n`, `j` and PgDn here exactly as it
presses them in the real app (same harness, same terminal size); a key of the
real app may cost a small multiple of this. Run it alone to try it by hand:

    .venv/bin/python bench/floor_keys.py
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Label


class KeyFloorApp(App[None]):
    """One label; each bound key rewrites its text (a refresh of one widget)."""

    BINDINGS = [
        Binding("n", "press('n')", "No answer", id="floor.n"),
        Binding("j", "press('j')", "Down", id="floor.j"),
        Binding("pagedown", "press('pagedown')", "Page down", id="floor.pagedown"),
        Binding("d", "press('d')", "Dial", id="floor.d"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Label("no key yet", id="label")

    def action_press(self, key: str) -> None:
        self.presses += 1
        self.query_one("#label", Label).update(f"{key} pressed ({self.presses})")


if __name__ == "__main__":
    KeyFloorApp().run()
