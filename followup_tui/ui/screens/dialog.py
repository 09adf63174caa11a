"""The base of every dialog: a modal screen over the one below, which shows through
tinted.

Textual draws that tint (`BackgroundScreen`) by sending the whole screen below
through Rich, segment by segment, each time a dialog opens: about 30 ms on a
120x36 workspace, most of what a `/`, an `s` or a `?` costs. `Backdrop` tints
the strips the screen below already has, with the same arithmetic, in a few
milliseconds.
"""

from __future__ import annotations

from rich.style import Style as RichStyle
from textual import events
from textual.app import RenderResult
from textual.color import Color
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

STATUS_LINES = 2  # the status line and the keys, under every screen
MAX_TINTED_LINES = 1_000  # a few screens' worth: a dialog is open for seconds


class Backdrop(Visual):
    """The screen below a dialog, tinted by the dialog's translucent background."""

    def __init__(
        self, below: Screen[object], tint: Color, made: dict[object, Strip] | None = None
    ) -> None:
        """`made`: lines tinted before, by what they were made from (a dialog is drawn
        two or three times as it opens, over the same screen)."""
        self.below = below
        self.tint = tint
        self.made = {} if made is None else made

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        size = Size(width, self.below.size.height if height is None else height)
        base = style.rich_style  # under every segment, as when Rich draws the screen below
        return [self._tinted(strip, base) for strip in self.below._compositor.render_strips(size)]

    def _tinted(self, strip: Strip, base: RichStyle) -> Strip:
        key = (tuple(strip), self.tint, base)
        made = self.made.get(key)
        if made is None:
            tinted = BackgroundScreen.process_segments(strip, self.tint)
            made = self.made[key] = Strip(tinted, strip.cell_length).apply_style(base)
        return made

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.below.size.height


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen whose translucent background is drawn by `Backdrop`.

    `STATUS_IN_SIGHT`: a tall dialog stops above the status line and the keys, so a
    dial's timer and number stay readable while the rep reads the keys or writes
    research (CSS cannot say "the screen's height less two lines")."""

    STATUS_IN_SIGHT = False
    _tinted: dict[object, Strip] | None = None

    def on_resize(self, event: events.Resize) -> None:
        if self.STATUS_IN_SIGHT:
            for dialog in self.query(".dialog"):
                dialog.styles.max_height = max(3, event.size.height - STATUS_LINES)

    # Screen.render promises a Rich renderable; a screen's content is turned into a
    # Visual as any widget's is (Widget.render), so a Visual is drawn as well.
    def render(self) -> RenderResult:  # type: ignore[override]
        drawn = super().render()
        if isinstance(drawn, BackgroundScreen):
            if self._tinted is None or len(self._tinted) > MAX_TINTED_LINES:
                self._tinted = {}
            return Backdrop(drawn.screen, drawn.color, self._tinted)
        return drawn
