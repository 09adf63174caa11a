"""The line of keys at the bottom: one widget that draws every key as text.

Textual's Footer builds a widget per key and builds them all again whenever the
keys in force change, which is every time a dialog opens or closes: on the main
screen (about twenty keys) that was most of what Esc cost. This draws the same
line, in the same styles, and only draws it again when the keys change. A key
can be clicked, and hovering one shows its tooltip, as in Textual's Footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

_DIM = Style(dim=True)  # a key that does nothing here and now


@dataclass(frozen=True)
class Hint:
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
        parts: list[Content] = []
        hints: list[Hint] = []
        at = 0

        def add(text: str, style: Style | None = None, enabled: bool = True) -> None:
            nonlocal at
            if style is not None and not enabled:
                style += _DIM
            parts.append(Content.styled(text, style) if style is not None else Content(text))
            at += len(text)

        by_action: dict[str, list[tuple[Binding, bool, str]]] = {}
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action.setdefault(binding.action, []).append((binding, enabled, tooltip))
        firsts = [found[0] for found in by_action.values()]
        for group, members in groupby(firsts, lambda found: found[0].group):
            shown = list(members)
            grouped = group is not None and len(shown) > 1
            if grouped:
                add(" ")
            for binding, enabled, tooltip in shown:
                start = at
                key = self.app.get_key_display(binding)
                if grouped:  # the keys side by side, then what they are for
                    add(key, key_style, enabled)
                    tooltip = tooltip or binding.description
                else:
                    add(f" {key} ", key_style, enabled)
                    add(f"{binding.description} ", described_style, enabled)
                hints.append(Hint(start, at, binding.key, enabled, tooltip))
            if grouped and group is not None:
                add(" ")
                add(group.description, described_style)
                add(" ")
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
