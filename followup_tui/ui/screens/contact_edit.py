"""`E`: correct the contact details: a new number after a wrong number, a new title.

The line under the fields says what the number typed will be once saved: dialable
(✓), not (✗), or still the number marked wrong (✗, struck through as the header
shows it): a main number left as it was keeps its mark, and a number added that
is one marked wrong is not added. A label typed as another word for one ('cell',
'desk', 'mob') says which label it is saved as.

Under it, a line for each thing that keeps the details from being saved: an email
that is not an address (none at all is fine), or the label of a number to add that
names no label. Enter and Ctrl+S do nothing else until it is fixed.
"""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from followup_tui.domain.contact_checks import contact_problems
from followup_tui.domain.models import Prospect
from followup_tui.domain.numbers import known_label, numbers_of, same_number
from followup_tui.domain.phones import (
    ParsedPhone,
    digits_of,
    format_phone,
    parse_phone,
    typing_region,
)
from followup_tui.session.core import ContactEdit
from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import NEWLINE, Part, line
from followup_tui.ui.widgets.fields import TextField
from followup_tui.ui.widgets.prospect_header import phone_marked_wrong

FIELDS = (("name", "Name"), ("title", "Title"), ("company", "Company"), ("email", "Email"),
          ("phone_raw", "Phone (the main number)"),
          ("new_phone_raw", "Add a number (leave blank for none)"),
          ("new_phone_label", "Its label: direct, mobile, office or other"))  # fmt: skip
WRONG = ("✗ ", "bold $text-error")


class ContactEditScreen(Dialog[ContactEdit | None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="dialog.save"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(self, prospect: Prospect, region: str, draft: ContactEdit | None = None) -> None:
        """`draft`: what the rep typed before, back to finish (a number that cannot be
        dialed, or a save the database refused): the phone is where they go on."""
        super().__init__()
        self.prospect = prospect
        self.home_region = region
        self.draft = draft
        self.typed_in = typing_region(prospect.phone_e164, region)  # as edit_contact reads it
        self._phone_line = Content("")
        self._adding = False  # whether the phone line is about the number to add

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog compact"):
            yield Static(line("Contact details of ", (self.prospect.name, "bold")),
                         classes="title")  # fmt: skip
            start = self.draft if self.draft is not None else self.prospect
            for field, title in FIELDS:
                yield Label(title)
                value = getattr(start, field, "mobile" if field == "new_phone_label" else "")
                yield TextField(value, id=field, compact=True, select_on_focus=False)
            yield Static("", classes="preview")
            yield Static("Enter or Ctrl+S saves · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        if self.draft is None:
            self._show_phone(self.prospect.phone_raw, adding=False)
            return
        self.query_one("#phone_raw", Input).focus()
        adding = bool(self.draft.new_phone_raw.strip())
        self._show_phone(self.draft.new_phone_raw if adding else self.draft.phone_raw,
                         adding=adding)  # fmt: skip

    @on(Input.Changed, "#phone_raw, #new_phone_raw")
    def _phone_changed(self, event: Input.Changed) -> None:
        adding = event.input.id == "new_phone_raw"
        if adding and not event.value.strip():  # none added: the main number again
            self._show_phone(self.query_one("#phone_raw", Input).value, adding=False)
        else:
            self._show_phone(event.value, adding=adding)

    @on(Input.Changed, "#email, #new_phone_label")
    def _checked_changed(self) -> None:
        self._show_preview()

    def _show_phone(self, text: str, *, adding: bool) -> None:
        parsed = parse_phone(text, self.typed_in)
        told: Part
        if self._stays_wrong(parsed, adding=adding):
            words = "marked wrong: not added" if adding else "wrong number: type the right one"
            typed = replace(self.prospect, phone_raw=parsed.raw, phone_e164=parsed.e164,
                            phone_ext=parsed.extension)  # fmt: skip
            mark, told = WRONG, phone_marked_wrong(typed, self.home_region, words)
        elif parsed.dialable:
            mark = ("✓ ", "bold $text-success")
            told = format_phone(parsed.e164, parsed.extension, self.home_region)
        else:
            mark, told = WRONG, (f"not dialable: {parsed.problem}", "$text-error")
        # Which number the line is about: with none to add, the main one, though the
        # line sits under the fields for adding one.
        whose = " · the number to add" if adding else " · the main number"
        self._phone_line = line(mark, told, (whose, "$text-muted"))
        self._adding = adding
        self._show_preview()

    def _show_preview(self) -> None:
        """The phone line (with the label a number to add is saved as, when typed as
        another word for it), then each thing that keeps the details from being saved."""
        parts: list[Part] = [self._phone_line]
        typed = self._value("new_phone_label")
        label = known_label(typed)
        if self._adding and label is not None and label != typed.casefold():
            parts.append((f", saved as {label}", "$text-muted"))
        for _, problem in self._problems():
            parts += [NEWLINE, WRONG, (problem, "$text-error")]
        self.query_one(".preview", Static).update(line(*parts))

    def _problems(self) -> list[tuple[str, str]]:
        return contact_problems(
            self._value("email"), self._value("new_phone_raw"), self._value("new_phone_label")
        )

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    def _stays_wrong(self, parsed: ParsedPhone, *, adding: bool) -> bool:
        """Whether saving keeps `parsed` a number marked wrong: the main number left
        as it is (a changed one loses the mark), or an added one the prospect has
        already, marked wrong (the store does not add a number twice)."""
        numbers = numbers_of(self.prospect)
        digits = digits_of(parsed.raw)
        if not adding:  # the number marked wrong itself, not what the field held at first
            main = next((n for n in numbers if n.main), None)
            return main is not None and main.bad and same_number(main, parsed.e164, digits)
        return bool(parsed.raw) and any(
            n.bad and same_number(n, parsed.e164, digits) for n in numbers
        )

    @on(Input.Submitted)
    def action_save(self) -> None:
        values = {field: self.query_one(f"#{field}", Input).value.strip() for field, _ in FIELDS}
        if not values["name"]:
            self.query_one(".preview", Static).update(
                line(("✗ ", "bold $text-error"), ("A name is needed.", "$text-error"))
            )
            return
        problems = self._problems()
        if problems:  # each is on the screen already: to the first, to fix it
            self._show_preview()
            self.query_one(f"#{problems[0][0]}", Input).focus()
            return
        self.dismiss(ContactEdit(**values))

    def action_cancel(self) -> None:
        self.dismiss(None)
