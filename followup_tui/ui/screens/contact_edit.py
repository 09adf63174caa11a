"""`E`: correct the contact details: a new number after a wrong number, a new title."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from followup_tui.domain.models import Prospect
from followup_tui.domain.phones import format_phone, parse_phone
from followup_tui.session.core import ContactEdit
from followup_tui.ui.text import line
from followup_tui.ui.widgets.fields import TextField

FIELDS = (("name", "Name"), ("title", "Title"), ("company", "Company"), ("email", "Email"),
          ("phone_raw", "Phone"))  # fmt: skip


class ContactEditScreen(ModalScreen[ContactEdit | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, prospect: Prospect, region: str) -> None:
        super().__init__()
        self.prospect = prospect
        self.home_region = region

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(line("Contact details of ", (self.prospect.name, "bold")),
                         classes="title")  # fmt: skip
            for field, title in FIELDS:
                yield Label(title)
                yield TextField(getattr(self.prospect, field), id=field, compact=True,
                            select_on_focus=False)  # fmt: skip
            yield Static("", classes="preview")
            yield Static("Enter or Ctrl+S saves · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        self._show_phone(self.prospect.phone_raw)

    @on(Input.Changed, "#phone_raw")
    def _phone_changed(self, event: Input.Changed) -> None:
        self._show_phone(event.value)

    def _show_phone(self, text: str) -> None:
        parsed = parse_phone(text, self.home_region)
        preview = self.query_one(".preview", Static)
        if parsed.dialable:
            shown = format_phone(parsed.e164, parsed.extension, self.home_region)
            preview.update(line(("✓ ", "bold $text-success"), shown))
        else:
            preview.update(line(("✗ ", "bold $text-error"),
                                (f"not dialable: {parsed.problem}", "$text-error")))  # fmt: skip

    @on(Input.Submitted)
    def action_save(self) -> None:
        values = {field: self.query_one(f"#{field}", Input).value.strip() for field, _ in FIELDS}
        if not values["name"]:
            self.query_one(".preview", Static).update(
                line(("✗ ", "bold $text-error"), ("A name is needed.", "$text-error"))
            )
            return
        self.dismiss(ContactEdit(**values))

    def action_cancel(self) -> None:
        self.dismiss(None)
