"""The start-up floor: an empty Textual app (Header, Static, Footer).

`bench/inapp.py startup --app floor` times it from process start to its first
paint, exactly as it times the real app to its first queue rows painted. It
imports only Textual, so it shows what any Textual app costs to come up here.

    .venv/bin/python bench/floor_startup.py   # to look at it
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class EmptyApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Nothing here: the floor for start-up.", id="body")
        yield Footer()


if __name__ == "__main__":
    EmptyApp().run()
