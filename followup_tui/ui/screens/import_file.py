"""Asks which file to import: a path, completed from the folders as it is typed."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import user_text
from followup_tui.ui.widgets.fields import PATH_CHARS, TextField

IMPORTABLE = (".csv", ".tsv", ".txt", ".json")


class PathSuggester(Suggester):
    """Completes the last part of a path with the first file or folder it starts."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, start = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(
                entry.name + ("/" if entry.is_dir() else "")
                for entry in folder.iterdir()
                if entry.name.startswith(start)
                and not entry.name.startswith(".")
                and (entry.is_dir() or entry.suffix.lower() in IMPORTABLE)
            )
        except OSError:
            return None
        if not names:
            return None
        return value + names[0][len(start) :]


class ImportFileScreen(Dialog[Path | None]):
    """Returns the file to import, or None when the rep cancels."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    DEFAULT_CSS = """
    ImportFileScreen { align: center middle; }
    ImportFileScreen #problem { color: $text-error; height: auto; display: none; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("tab", "complete", "Complete", show=False, id="import_file.complete"),
    ]

    def __init__(self, start: str = "") -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Import prospects from CSV", classes="title")
            yield TextField(
                value=self.start,
                limit=PATH_CHARS,
                placeholder="path to a CRM export, e.g. ~/Downloads/hubspot-contacts.csv",
                suggester=PathSuggester(),
                id="path",
                compact=True,
            )
            yield Static("", id="problem")
            yield Static(
                "HubSpot, Salesforce, Pipedrive, Close or Apollo CSV · Tab completes"
                " · Enter imports · Esc cancels",
                classes="hint",
            )

    def action_complete(self) -> None:
        field = self.query_one("#path", Input)
        field.cursor_position = len(field.value)
        field.action_cursor_right()  # at the end, this takes the suggestion shown

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self._problem("Type the path of the file to import.")
            return
        path = Path(text).expanduser()
        if not path.is_file():
            self._problem(f"{path} {'is a folder' if path.is_dir() else 'does not exist'}.")
            return
        self.dismiss(path)

    def _problem(self, text: str) -> None:
        problem = self.query_one("#problem", Static)
        problem.update(user_text(text))
        problem.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)
