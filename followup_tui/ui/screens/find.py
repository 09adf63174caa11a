"""`/`: find any prospect by name, company, email or phone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from followup_tui.domain import clock
from followup_tui.domain.models import Prospect
from followup_tui.domain.phones import format_phone
from followup_tui.domain.standing import found_standing
from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import clipped, line, phrase_lines
from followup_tui.ui.widgets.fields import NAME_CHARS, TextField
from followup_tui.ui.widgets.prospect_header import phone_marked_wrong
from followup_tui.ui.width_classes import take_width_class

Search = Callable[[str], None]  # asks for a search; results come back through show_results
NOBODY_HINT = ": try part of a name, a company, an email or phone digits."
FIELD_CELLS = 60  # a name or company longer than this is cut in the results
TYPING_PAUSE_S = 0.15  # search once the rep pauses, not on every letter
RESULT_EDGES = 6  # the result list's border, padding and scroll bar
WIDE_FIND = 120  # from this width the dialog grows with the screen: a result on one line


class FindScreen(Dialog[int | None]):
    """Asks for searches through the function it is given and shows what comes back;
    it never opens the database."""

    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    STATUS_IN_SIGHT = True
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FIND, "-wide")]
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("down", "to_results", "Results", show=False, id="find.results"),
    ]

    def __init__(self, search: Search, home_region: str = "US") -> None:
        super().__init__()
        take_width_class(self)
        self.search = search
        self.home_region = home_region
        self._timer: Timer | None = None
        self._choose_first = False
        self._shown_for: str | None = None  # the text whose results are on screen
        self._found: Sequence[Prospect] = ()  # what those results are, to lay out again
        self._laid_out_in = 0  # the cells a result line had when they were laid out

    @property
    def idle(self) -> bool:
        """No search waiting for a pause in the typing (tests wait on this)."""
        return self._timer is None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Find a prospect", classes="title")
            yield TextField(
                limit=NAME_CHARS,
                placeholder="name, company, email or phone digits",
                id="query",
                compact=True,
            )
            results = OptionList(id="results")
            results.display = False  # an empty list is an empty box: shown with results
            yield results
            nobody = Static(id="nobody", classes="hint")
            nobody.display = False
            yield nobody
            yield Static("↓ to the results · Enter opens · Esc closes", classes="hint")

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPING_PAUSE_S, self._ask)

    def _ask(self) -> None:
        self._timer = None
        self.search(self.query_one("#query", Input).value)

    def show_results(self, text: str, found: Sequence[Prospect], *, more: bool = False) -> None:
        """Results for `text`; ignored when the rep has typed on since. `more`: more
        match than are shown, and the list says so rather than end as if complete."""
        if text != self.query_one("#query", Input).value:
            return
        self._shown_for = text
        self._lay_out(found)
        results = self.query_one("#results", OptionList)
        results.display = bool(found)
        nobody = self.query_one("#nobody", Static)
        nobody.display = (not found and bool(text.strip())) or (bool(found) and more)
        if found and more:
            nobody.update(f"The first {len(found)} matches: type more to find the others.")
        elif nobody.display:  # a search that finds no one says so, not a blank
            said = clipped(text.strip(), 40, "bold")
            nobody.update(line("No one matches ", said, NOBODY_HINT))
        if found:
            results.highlighted = 0
            if self._choose_first:
                self._choose(results.get_option_at_index(0))
        self._choose_first = False

    def _lay_out(self, found: Sequence[Prospect]) -> None:
        """The results as options, broken into lines for the width the list has now."""
        self._found, self._laid_out_in = found, self._result_cells()
        results = self.query_one("#results", OptionList)
        results.clear_options()
        results.add_options([self._option(p) for p in found])

    def on_resize(self, event: events.Resize) -> None:
        super().on_resize(event)
        self.call_after_refresh(self._lay_out_again)

    def _lay_out_again(self) -> None:
        """After a resize, results broken for the old width are broken for the new
        one, with the same one highlighted."""
        if not self._found or self._result_cells() == self._laid_out_in:
            return
        results = self.query_one("#results", OptionList)
        highlighted = results.highlighted
        self._lay_out(self._found)
        results.highlighted = highlighted

    def _option(self, prospect: Prospect) -> Option:
        if prospect.phone_bad:
            phone = phone_marked_wrong(prospect, self.home_region, "wrong number")
        else:
            number = format_phone(prospect.phone_e164, prospect.phone_ext, self.home_region)
            phone = line((number or prospect.phone_raw, "$text-muted"))
        standing = line((found_standing(prospect, clock.now()), "$text-warning"))
        # Each piece whole: where the line is too long the next piece starts a line,
        # never broken inside ('+44 161' / '496 0744', 'due in' / '21d').
        pieces = [clipped(prospect.name, FIELD_CELLS, "bold"),
                  clipped(prospect.company, FIELD_CELLS), phone, standing]  # fmt: skip
        shown = phrase_lines([[p for p in pieces if p.cell_length]], self._result_cells(),
                             between=Content("  "))  # fmt: skip
        return Option(shown, id=str(prospect.id))

    def _result_cells(self) -> int:
        """The cells a result line has: the dialog's, less the list's edges and bar."""
        return self.query_one(".dialog").content_region.width - RESULT_EDGES

    @on(Input.Submitted, "#query")
    def _take_first(self) -> None:
        if self._timer is not None:  # Enter before the search ran: open its first result
            self._timer.stop()
            self._choose_first = True
            self._ask()
            return
        if self._shown_for != self.query_one("#query", Input).value:
            self._choose_first = True  # its search is under way: open its first result
            return
        results = self.query_one("#results", OptionList)
        if results.option_count:
            self._choose(results.get_option_at_index(results.highlighted or 0))

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        self.dismiss(int(option.id) if option.id else None)

    def action_to_results(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.option_count:
            results.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
