"""`?`: every key, as the rep's keymap has it now."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static

from followup_tui.domain.holds import TAGS_LEGEND
from followup_tui.domain.queue import DUE_ORDER_LEGEND
from followup_tui.ui.screens.dialog import Dialog
from followup_tui.ui.text import rich_text, user_text
from followup_tui.ui.widgets.key_hints import declared_places
from followup_tui.ui.widgets.status_line import LEGEND

HelpRow = tuple[str, str, str]  # keys, the binding's id (for [keys] in config.toml), what it does


class HelpScreen(Dialog[None]):
    CSS_PATH = Path(__file__).with_name("dialogs.tcss")
    STATUS_IN_SIGHT = True
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="help.close"),
        Binding("j", "scroll_lines(1)", "Down", show=False, id="help.down"),
        Binding("k", "scroll_lines(-1)", "Up", show=False, id="help.up"),
        Binding("home,g", "scroll_to_end(False)", "Top", show=False, id="help.top"),
        Binding("end,G", "scroll_to_end(True)", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, rows: list[HelpRow]) -> None:
        super().__init__()
        self.rows = in_declared_order(rows, self.app.screen)  # the screen that asked

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column("keys", no_wrap=True, style="bold")
        table.add_column("what", ratio=1)
        table.add_column("id", no_wrap=True, style="dim")
        for keys, key_id, description in self.rows:
            table.add_row(rich_text(keys), rich_text(description), rich_text(key_id))
        with VerticalScroll(classes="dialog"):
            yield Static("Keys", classes="title")
            # On top, where the first screenful shows it: the help is taller than 24 lines.
            yield Static(
                user_text(
                    "Esc closes; j, k and PgDn scroll."
                    f" {self.app.COMMAND_PALETTE_BINDING} finds any of these by name."
                    " The grey word is the key's id:"
                    ' remap it in config.toml under [keys], e.g. dial = "f5".'
                ),
                classes="hint",
            )
            yield Static(table)
            yield Static(user_text(LEGEND), classes="hint")
            yield Static(user_text(DUE_ORDER_LEGEND), classes="hint")
            yield Static(user_text(TAGS_LEGEND), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_lines(self, lines: int) -> None:
        """j and k, as in the queue (the arrows and PgDn scroll too)."""
        self.query_one(VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_scroll_to_end(self, bottom: bool) -> None:
        """g / Home and G / End, as in the queue."""
        scroll = self.query_one(VerticalScroll)
        if bottom:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)


def in_declared_order(rows: list[HelpRow], screen: DOMNode) -> list[HelpRow]:
    """The rows in the order the screen and its widgets declare their keys: the rep's
    [keys] moves a remapped binding to the end of Textual's map, and a remap changes
    the key, not where the action is listed."""
    ranks: dict[str, tuple[int, int]] = {}
    for number, node in enumerate([screen, *screen.walk_children()]):
        for key_id, place in declared_places(node).items():
            ranks.setdefault(key_id, (number, place))
    unknown = (len(ranks), 0)  # not declared there: after the rest, as given
    return sorted(rows, key=lambda row: ranks.get(row[1], unknown))
