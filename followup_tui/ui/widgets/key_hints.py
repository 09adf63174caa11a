"""The line of keys at the bottom: one widget that draws every key as text.

Textual's Footer builds a widget per key and builds them all again whenever the
keys in force change, which is every time a dialog opens or closes: on the main
screen (about twenty keys) that was most of what Esc cost. This draws the same
line, in the same styles, and only draws it again when the keys change. A key
can be clicked, and hovering one shows its tooltip, as in Textual's Footer.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from msgspec import Struct
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

_DIM = Style(dim=True)  # a key that does nothing here and now


class Hint(Struct, frozen=True):
    """A key drawn from `start` to `end` (cells), what a click on it presses."""

    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str


class KeyHints(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-hints--key", "key-hints--description"}
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-hints--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-hints--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hints: list[Hint] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._keys_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        key_style = self.get_visual_style("key-hints--key")
        described_style = self.get_visual_style("key-hints--description")
        entries = [
            _entry(self.app.get_key_display, members, key_style, described_style)
            for members in _grouped(_shown_in_declared_order(self.screen))
        ]
        kept = _fitting(entries, self.size.width) if self.size.width else entries
        parts: list[Content] = []
        hints: list[Hint] = []
        at = 0
        for entry in kept:
            for piece in entry.pieces:
                if piece.hint is not None:
                    key, enabled, tooltip = piece.hint
                    hints.append(Hint(at, at + len(piece.content), key, enabled, tooltip))
                parts.append(piece.content)
                at += len(piece.content)
        self._hints = hints
        return Content("").join(parts)

    def _hint_at(self, x: int) -> Hint | None:
        return next((hint for hint in self._hints if hint.start <= x < hint.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hint = self._hint_at(event.x)
        self.tooltip = hint.tooltip if hint is not None and hint.tooltip else None

    def on_click(self, event: events.Click) -> None:
        hint = self._hint_at(event.x)
        if hint is None:
            return
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()


class HintsNow(Struct, frozen=True):
    """What a screen's situation changes on the line, by binding id: keys that
    matter only now (during a dial: hung up, discard), and keys that do nothing
    useful now. A screen says so with a `hints_now()` method, and calls
    `refresh_bindings()` when its answer changes."""

    added: frozenset[str] = frozenset()
    left_out: frozenset[str] = frozenset()


NO_CHANGE = HintsNow()

Shown = tuple[Binding, bool, str]  # a binding on the line, whether it works now, its tooltip
KEPT_ACTIONS = {"help", "quit"}  # never dropped for width: `?` lists the rest, `q` is the way out


class Piece(Struct, frozen=True):
    """Some text of the line; `hint` (key, enabled, tooltip) when a click on it presses a key."""

    content: Content
    hint: tuple[str, bool, str] | None = None


class Entry(Struct, frozen=True):
    """One key and its words, or one group of keys and the group's words: the line
    drops an entry whole, never part of one."""

    pieces: list[Piece]
    action: str

    @property
    def width(self) -> int:
        return sum(len(piece.content) for piece in self.pieces)


def declared_places(node: DOMNode) -> dict[str, int]:
    """Where each of the node's bindings is declared (by id, else action). The rep's
    [keys] moves a remapped binding to the end of Textual's map; this puts it back, so
    a remap changes the key, not where the action is listed."""
    places: dict[str, int] = {}
    for _key, binding in node._bindings:
        places.setdefault(binding.id or binding.action, len(places))
    return places


def _shown_in_declared_order(screen: Screen[object]) -> list[Shown]:
    """The first key of each action on the line, nodes in binding-chain order and each
    node's keys in the order it declares them."""
    asked = getattr(screen, "hints_now", None)
    now: HintsNow = asked() if callable(asked) else NO_CHANGE
    by_action: dict[str, Shown] = {}
    node_rank: dict[DOMNode, int] = {}
    rank: dict[str, tuple[int, int]] = {}
    places: dict[DOMNode, dict[str, int]] = {}
    for node, binding, enabled, tooltip in screen.active_bindings.values():
        on_line = binding.show and binding.id not in now.left_out
        if binding.action in by_action or not (on_line or binding.id in now.added):
            continue
        by_action[binding.action] = (binding, enabled, tooltip)
        node_rank.setdefault(node, len(node_rank))
        if node not in places:
            places[node] = declared_places(node)
        rank[binding.action] = (node_rank[node], places[node].get(binding.id or binding.action, 0))
    return sorted(by_action.values(), key=lambda shown: rank[shown[0].action])


def _grouped(shown: list[Shown]) -> list[list[Shown]]:
    """Runs of bindings of the same group together; a binding of no group alone."""
    runs: list[list[Shown]] = []
    for group, members in groupby(shown, lambda found: found[0].group):
        if group is None:
            runs.extend([member] for member in members)
        else:
            runs.append(list(members))
    return runs


def _entry(
    key_display: Callable[[Binding], str],
    members: list[Shown],
    key_style: Style,
    described_style: Style,
) -> Entry:
    """A key with its words, or a group: its keys side by side ("nvcmxl") when every
    one is a single character, else spaced ("f2 f3 c m x l"), then the group's words."""

    def styled(text: str, style: Style, enabled: bool) -> Content:
        return Content.styled(text, style if enabled else style + _DIM)

    first, enabled, tooltip = members[0]
    group = first.group
    if group is None or len(members) == 1:
        words = f"{first.description} "
        return Entry(
            [
                Piece(styled(f" {key_display(first)} ", key_style, enabled),
                      (first.key, enabled, tooltip)),
                Piece(styled(words, described_style, enabled), (first.key, enabled, tooltip)),
            ],
            first.action,
        )  # fmt: skip
    keys = [key_display(binding) for binding, _, _ in members]
    gap = "" if all(len(key) == 1 for key in keys) else " "
    pieces = [Piece(Content(" "))]
    for index, ((binding, enabled, tooltip), key) in enumerate(zip(members, keys, strict=True)):
        if index:
            pieces.append(Piece(Content(gap)))
        pieces.append(
            Piece(styled(key, key_style, enabled),
                  (binding.key, enabled, tooltip or binding.description))
        )  # fmt: skip
    pieces.append(Piece(Content(" ") + Content.styled(group.description, described_style)
                        + Content(" ")))  # fmt: skip
    return Entry(pieces, first.action)


def _fitting(entries: list[Entry], width: int) -> list[Entry]:
    """The entries that fit `width`: the last ones are the least needed and go first,
    whole, except help and quit."""
    kept = list(entries)
    droppable = [entry for entry in kept if entry.action not in KEPT_ACTIONS]
    while sum(entry.width for entry in kept) > width and droppable:
        kept.remove(droppable.pop())
    return kept
