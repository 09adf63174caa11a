"""The call queue: a virtual list that draws only the rows on screen.

A ScrollView with `render_line` (as Textualize's toolong does) stays instant
with tens of thousands of due prospects, where DataTable would take seconds.
Wide panes show one line per prospect; narrow ones two. The first line of the
pane labels the columns and stays put while the rows scroll under it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import ceil
from typing import Any

from msgspec import Struct
from pendulum import DateTime
from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingsMap
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style

from followup_tui.domain.local_time import short_time, their_time, zone_of
from followup_tui.domain.models import Prospect
from followup_tui.ui.text import fitted, line
from followup_tui.ui.widgets.kept_lines import KeptLines
from followup_tui.ui.widgets.row_scroll_bar import RowScrollBar

STRIP_CACHE = 400  # drawn lines kept: a few screens' worth
WIDE_ROW = 56  # from this many cells a prospect fits on one line
MIN_TAG, MAX_TAG = 9, 20  # the width of the tag column of wide rows
NAME_LEAST = 9  # cells a two-line row's name keeps beside a long tag
ROOMY_ROW, ROOMY_TAG = 72, 26  # from this width the tag column may grow to ROOMY_TAG
LABELS = 1  # the line of column labels above the rows
FIXED = 19  # cells of a wide row besides name, company and tag: spaces, time, count, and
# one at its end, so that the tag column never touches the border
BORDER_CELLS = 6  # cells of the bottom border its words cannot use: corners and spaces


class Row(Struct, frozen=True):
    """One line of the list: a prospect and the short tag at its right
    ('2d late', 'callback', 'opens 08:00', 'back 21 Feb'), styled by `kind`."""

    prospect: Prospect
    tag: str
    kind: str = "late"  # late | callback | held | task | parked
    task: str = ""  # the step when it is not a call: 'email', 'LinkedIn message'
    detail: str = ""  # shown where the company is: an email step's address
    wide_tag: str = ""  # the tag where a column has room for more ('callback 15:00')


# How an item of the list (a queue entry, a parked prospect) reads at a moment.
Describe = Callable[[Any, DateTime], Row]
ProspectOf = Callable[[Any], Prospect]


class QueueList(ScrollView, can_focus=True):
    """Due prospects, most urgent first; reports the highlighted one."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next", show=False, id="queue.down"),
        Binding("up,k", "cursor_up", "Previous", show=False, id="queue.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="queue.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="queue.page_up"),
        Binding("home,g", "first", "First", show=False, id="queue.first"),
        Binding("end,G", "last", "Last", show=False, id="queue.last"),
    ]
    COMPONENT_CLASSES = {
        "queue--row",
        "queue--cursor",
        "queue--detail",
        "queue--late",
        "queue--callback",
        "queue--held",
        "queue--task",
        "queue--parked",
        "queue--labels",
    }
    DEFAULT_CSS = """
    QueueList { background: $surface; overflow-x: hidden; }
    QueueList > .queue--row { color: $foreground; }
    QueueList > .queue--cursor { background: $block-cursor-blurred-background; }
    QueueList:focus > .queue--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: bold;
    }
    QueueList > .queue--detail { color: $text-muted; }
    QueueList > .queue--late { color: $warning; }
    QueueList > .queue--callback { color: $accent; text-style: bold; }
    QueueList > .queue--held { color: $text-muted; text-style: italic; }
    QueueList > .queue--task { color: $secondary; text-style: bold; }
    QueueList > .queue--parked { color: $text-muted; }
    QueueList > .queue--labels { color: $text-muted; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)  # rows repaint
    pane_width: reactive[int] = reactive(0, repaint=False)
    """The list's width with its border: a dialog docked over the queue follows it."""
    _shown = False  # the first frame with rows is drawn

    class Shown(Message, bubble=False):
        """The list has drawn its first frame with rows in it (posted to the screen,
        once): work that would slow that frame waits for it."""

    class Highlighted(Message, bubble=False):
        """The rep moved to another prospect (None: the queue is empty). `moved` is
        False when the same prospect stays highlighted and only its row was redrawn
        (the queue was read again). `replaced`: the rows were replaced under the
        cursor, the rep did not move it. Posted to the screen, which follows the
        list; nothing above it listens."""

        def __init__(
            self, prospect: Prospect | None, moved: bool = True, replaced: bool = False
        ) -> None:
            self.prospect = prospect
            self.moved = moved
            self.replaced = replaced
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Any] = []
        self._describe: Describe = lambda item, now: item
        self._prospect_of: ProspectOf = lambda item: item.prospect
        self._tag_width = MIN_TAG
        self.now: DateTime | None = None
        self._drawn: dict[int, Row] = {}  # rows made for this frame's `now`
        self._strips: LRUCache[tuple[int, int, bool, bool, int, int], Strip] = LRUCache(STRIP_CACHE)
        # A row's text, kept apart from its look: the row the cursor leaves is drawn
        # again, unhighlighted, from the text made when the cursor reached it.
        self._texts: LRUCache[tuple[int, int, int, int], Content] = LRUCache(STRIP_CACHE)
        self._styles_cache = self._kept = KeptLines()
        self._highlighted_id: int | None = None
        self._replacing = False  # show() is replacing the rows (Highlighted.replaced)
        self._width, self._height = 0, 1  # of a row, set for each frame by render_lines
        self._top_row_line, self._focused, self._cursor = 0, False, 0  # also per frame
        self._styles: dict[tuple[str, ...], Style] = {}  # component styles, for one frame
        self._local: dict[str | None, tuple[str, str]] = {}  # a zone's time at `now`
        self.tag_label = "Due"  # what the tag column says in the labels line
        self._said_subtitle: str | None = None  # the border's words in full
        self.answers_keys: Callable[[], bool] = lambda: True  # see handle_key
        self.passes_on: Callable[[], None] = lambda: None  # a key goes the long way
        # The screen shows a prospect opened on their own (find, undo): the first move
        # comes back to the row the list is on, rather than move on from it unseen.
        self.elsewhere = False
        self._keyed: tuple[object, BindingsMap] | None = None  # keymap, bindings under it

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's property, with the scrollbar that draws its pieces directly."""
        if self._vertical_scrollbar is None:
            bar = RowScrollBar(thickness=self.scrollbar_size_vertical)
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    # -- the border's words ------------------------------------------------------
    @property
    def below(self) -> str | None:
        """The words the bottom border says, in full (it may draw them shorter)."""
        return self._said_subtitle

    @below.setter
    def below(self, words: str | None) -> None:
        self._said_subtitle = words
        self._fit_subtitle()

    def _fit_subtitle(self) -> None:
        """Show the border's words in the room the border has: an aside in parentheses
        goes first ('27 tasks wait (5 shows them)' -> '27 tasks wait'), so no word is
        cut where a shorter form says it."""
        self.border_subtitle = border_words(
            self._said_subtitle, self.outer_size.width - BORDER_CELLS
        )

    # -- data in -------------------------------------------------------------
    def show(
        self,
        items: Sequence[Any],
        now: DateTime,
        describe: Describe,
        prospect_of: ProspectOf,
        keep_id: int | None = None,
        tag_label: str = "Due",
    ) -> None:
        """Replace the items; keep the cursor on `keep_id` if it is still there, else
        on the same position (which is the next prospect after one was logged).
        A row's text is made only when it is drawn, so this costs the same for 20
        items or 20,000."""
        self.rows = items
        self.now = now
        self.tag_label = tag_label
        self._describe, self._prospect_of = describe, prospect_of
        self._forget_drawn()
        index = self.index_of(keep_id) if keep_id is not None else None
        if index is None:
            index = min(self.cursor, max(0, len(items) - 1))
        self._update_virtual_size()
        self._replacing = True
        try:
            self.cursor = index
        finally:
            self._replacing = False
        self.refresh()

    def tick(self, now: DateTime) -> None:
        """Redraw local times as the clock moves on."""
        self.now = now
        self._forget_drawn()
        self.refresh()

    def _forget_drawn(self) -> None:
        self._drawn = {}
        self._local = {}
        self._forget_lines()

    def _forget_lines(self) -> None:
        """Every row's drawn line and finished line: the rows or their look changed."""
        self._strips.clear()
        self._texts.clear()
        self._kept.forget()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def entries(self) -> list[Prospect]:
        return [self._prospect_of(item) for item in self.rows]

    @property
    def highlighted(self) -> Prospect | None:
        if 0 <= self.cursor < len(self.rows):
            return self._prospect_of(self.rows[self.cursor])
        return None

    def index_of(self, prospect_id: int) -> int | None:
        prospect_of = self._prospect_of
        return next(
            (i for i, item in enumerate(self.rows) if prospect_of(item).id == prospect_id), None
        )

    def select_id(self, prospect_id: int) -> bool:
        index = self.index_of(prospect_id)
        if index is None:
            return False
        self.cursor = index
        return True

    def row_at(self, index: int) -> Row:
        """The row as it reads now, made once per frame and only for rows drawn."""
        row = self._drawn.get(index)
        if row is None:
            assert self.now is not None
            row = self._drawn[index] = self._describe(self.rows[index], self.now)
        return row

    # -- geometry ------------------------------------------------------------
    @property
    def row_height(self) -> int:
        return 1 if self.scrollable_content_region.width >= WIDE_ROW else 2

    def _update_virtual_size(self) -> None:
        # Rows are cut to the width they are drawn at: never any sideways scrolling.
        # A spare line under the last row when the rows' window holds an odd number
        # of lines keeps the furthest scroll a whole number of two-line rows.
        height = self.row_height
        lines = len(self.rows) * height
        spare = (height - (lines - self._row_window()) % height) % height if lines else 0
        self.virtual_size = Size(0, lines + spare + LABELS)

    def _row_window(self) -> int:
        """Lines the rows have on screen (under the column labels)."""
        return max(0, self.scrollable_content_region.height - LABELS)

    def _whole_rows(self, y: float) -> float:
        """`y` moved to the nearest start of a row: the top line on screen is never
        the second line of a two-line row, whatever scrolled the list (a key, the
        mouse wheel, the scrollbar, a list that shrank under it)."""
        height = self.row_height
        if height == 1:
            return y
        return min(round(y / height) * height, self.max_scroll_y - self.max_scroll_y % height)

    def validate_scroll_y(self, value: float) -> float:
        return self._whole_rows(super().validate_scroll_y(value))

    def validate_scroll_target_y(self, value: float) -> float:
        return self._whole_rows(super().validate_scroll_target_y(value))

    def on_resize(self, event: events.Resize) -> None:
        self.pane_width = self.outer_size.width
        self._fit_subtitle()
        self._update_virtual_size()
        self._scroll_cursor_into_view()

    def watch_cursor(self, old: int, cursor: int) -> None:
        if not self._scroll_cursor_into_view() and old != cursor:
            # Only the two rows whose highlight changed are drawn again.
            height = self.row_height
            self.refresh_lines(LABELS + old * height, height)
            self.refresh_lines(LABELS + cursor * height, height)
        prospect = self.highlighted
        new_id = prospect.id if prospect else None
        # Always report, so panes follow even when the same row gets new data.
        moved = old != cursor or new_id != self._highlighted_id
        self._highlighted_id = new_id
        # Straight to the screen, which follows it: bubbling through the panes costs a
        # dispatch per container on every key.
        self.screen.post_message(self.Highlighted(prospect, moved, self._replacing))

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0

    def _scroll_cursor_into_view(self) -> bool:
        """Scroll the least that shows the cursor's row (what scroll_to_region does,
        without its general machinery on every key); True if it scrolled."""
        if not self.rows:
            return False
        height = self.row_height
        top = self.scroll_offset.y
        rows_shown = self._row_window() // height  # whole rows only
        row_top = self.cursor * height
        if row_top < top or rows_shown < 1:
            wanted = row_top
        elif self.cursor >= top // height + rows_shown:
            wanted = (self.cursor - rows_shown + 1) * height
        else:
            return False
        self.scroll_to(
            y=max(0, min(wanted, self.max_scroll_y)), animate=False, force=True, immediate=True
        )  # now, not after a paint of the old place
        return self.scroll_offset.y != top

    def watch_scroll_y(self, old: float, new: float) -> None:
        """As ScrollView's, but the scrollbar is drawn again only when its thumb moves
        on screen: on a long queue a row's scroll rarely moves it by an eighth of a cell."""
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            if _thumb_at(bar, bar.position) == _thumb_at(bar, new):
                bar.set_reactive(ScrollBar.position, bar.validate_position(new))
            else:
                bar.position = new
        if round(old) != round(new):
            # The rows moved; the border, its words and the scrollbar did not.
            self.refresh(Region(0, 0, *self.scrollable_content_region.size))

    # -- keys and mouse ------------------------------------------------------
    async def handle_key(self, event: events.Key) -> bool:
        """The list's own keys (j, k, PgDn..., as [keys] maps them) run here, where
        the key arrives, instead of after it has bubbled through the panes and the
        screen back to the app: the binding Textual would pick (the focused widget's
        comes first), three message hops sooner on every press. While
        `answers_keys()` is False the key takes Textual's path, so the screen sees
        it first (a countdown is paused by any key), and so do the keys typed after
        one on its way there (`passes_on` says so): `d j` typed at once would
        otherwise move before dialing."""
        if self.answers_keys():
            for binding in self._keymapped().key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return True
        self.passes_on()
        return await super().handle_key(event)

    def _keymapped(self) -> BindingsMap:
        """The list's bindings as the app's keymap ([keys]) has them: what Textual's
        binding chain would make of them, made once per keymap, not per key."""
        keymap = self.app._keymap
        if self._keyed is None or self._keyed[0] is not keymap:
            bindings = self._bindings.copy()
            if keymap:
                bindings.apply_keymap(keymap)
            self._keyed = (keymap, bindings)
        return self._keyed[1]

    def _move_to(self, index: int) -> None:
        """A key that would not move the cursor (at either end) changes nothing."""
        if self.elsewhere:
            self.elsewhere = False
            self.screen.post_message(self.Highlighted(self.highlighted))
            return
        if self.validate_cursor(index) != self.cursor:
            self.cursor = index

    def action_cursor_down(self) -> None:
        self._move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self._move_to(self.cursor + self._page())

    def action_page_up(self) -> None:
        self._move_to(self.cursor - self._page())

    def _page(self) -> int:
        return max(1, (self.scrollable_content_region.height - LABELS) // self.row_height)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < LABELS:
            return
        index = (offset.y - LABELS + self.scroll_offset.y) // self.row_height
        if 0 <= index < len(self.rows):
            self.cursor = index

    # -- drawing -------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        self.begin_frame()
        lines = super().render_lines(crop)
        if self.rows and not self._shown:
            self._shown = True
            self.screen.post_message(self.Shown())
        return lines

    def begin_frame(self) -> None:
        """Read the width, row height, scroll, focus and styles once per frame, not
        once per line (a scroll asks for every line again); `render_line` draws with
        them."""
        self._width = self.scrollable_content_region.width
        self._height = 1 if self._width >= WIDE_ROW else 2
        self._top_row_line = self.scroll_offset.y
        self._focused = self.has_focus
        self._cursor = self.cursor
        self._styles = {}

    def _style(self, *names: str) -> Style:
        style = self._styles.get(names)
        if style is None:
            style = self._styles[names] = self.get_visual_style(*names)
        return style

    def _local_times(self, prospect: Prospect) -> tuple[str, str]:
        """Their time as '08:30 CST' and as '08:30', made once per zone and `now`."""
        zone = zone_of(prospect)
        times = self._local.get(zone)
        if times is None:
            assert self.now is not None
            local = their_time(prospect, self.now)
            times = (short_time(local), local.format("HH:mm") if local else "--:--")
            self._local[zone] = times
        return times

    def render_line(self, y: int) -> Strip:
        width, height = self._width, self._height
        if y == 0 or not self._drawn:
            # Only one-line rows have a tag column; two-line rows fit each tag alone.
            wide = height == 1 and self.rows and self.now
            self._tag_width = self._visible_tag_width() if wide else MIN_TAG
        if y < LABELS:
            return self._labels_strip(width)
        row_y = y - LABELS + self._top_row_line
        index, part = divmod(row_y, height)
        if index >= len(self.rows) or self.now is None:
            return Strip.blank(width, self._style("queue--row").rich_style)
        # Scrolling by a row draws one new row; the others come from this cache.
        key = (index, part, index == self._cursor, self._focused, width, self._tag_width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(index, part, width)
        return strip

    def _labels_strip(self, width: int) -> Strip:
        key = (-1, int(self._height == 1 and self._first_has_address()), False, False, width,
               self._tag_width)  # fmt: skip
        strip = self._strips.get(key)
        if strip is None:
            base = self._style("queue--row", "queue--labels")
            content = self._labels(width)
            strip = self._strips[key] = _exactly(content.render_segments(base), width, base)
        return strip

    def _labels(self, width: int) -> Content:
        """The column labels, placed as `_row_content` places the columns."""
        if self._height == 1:
            address = self._first_has_address()
            name_width, company_width, tag_width = self._wide_columns(width, address)
            tag = _label_in(self.tag_label, tag_width)
            return line(
                " ",
                fitted("Name", name_width - 1),
                " ",
                fitted("Email address" if address else "Company", company_width),
                f"{'Their time':>11}",
                f"{'×':>5} ",
                fitted(tag, tag_width).right(tag_width),
            )
        name = "Name / company"
        tag = _label_in(self.tag_label, width - len(name) - len(" · time ") - 2)
        right = f"{tag.lower()} · time "
        return line(" ", fitted(name, width - len(right) - 1), right)

    def _first_has_address(self) -> bool:
        """Whether the first row on screen shows an email address for the company."""
        first = self.scroll_offset.y // self.row_height
        return first < len(self.rows) and self.now is not None and bool(self.row_at(first).detail)

    def _wide_columns(self, width: int, address: bool = False) -> tuple[int, int, int]:
        """Name, company and tag widths of a one-line row: the tag column as wide as
        the rows on screen need (within bounds), the rest shared by name and company
        (or an email address, which needs more room than a company name)."""
        tag_width = self._tag_width
        room = max(8, width - FIXED - tag_width)
        name_width = room * 2 // 5 if address else room * 11 // 20
        return name_width, room - name_width, tag_width

    def _draw(self, index: int, part: int, width: int) -> Strip:
        base = self._style("queue--row")
        if index == self._cursor:
            base = self._style("queue--row", "queue--cursor")
        key = (index, part, width, self._tag_width)
        content = self._texts.get(key)
        if content is None:
            content = self._texts[key] = self._row_content(self.row_at(index), width, part)
        segments = content.render_segments(base)
        return _exactly(segments, width, base)

    def notify_style_update(self) -> None:
        """A new theme or focus: every row is drawn again."""
        self._forget_lines()
        super().notify_style_update()

    def _visible_tag_width(self) -> int:
        """One width for the tags of the rows on screen, so that the columns line up."""
        first = self.scroll_offset.y // self.row_height
        last = min(len(self.rows), first + self.size.height // self.row_height + 1)
        widths = [len(_tag_text(self.row_at(i))) for i in range(first, last)]
        most = ROOMY_TAG if self.scrollable_content_region.width >= ROOMY_ROW else MAX_TAG
        return min(most, max([MIN_TAG, *widths]))

    def _row_content(self, row: Row, width: int, part: int) -> Content:
        assert self.now is not None
        prospect = row.prospect
        detail = self._style("queue--detail")
        tag_style = self._style(f"queue--{row.kind}")
        short_local, hours_minutes = self._local_times(prospect)
        count = f"{prospect.touch_count}×"
        tag = _tag_text(row)
        if self._height == 1:
            name_width, company_width, tag_width = self._wide_columns(width, bool(row.detail))
            return line(
                " ",
                fitted(prospect.name, name_width - 1),
                " ",
                fitted(row.detail or prospect.company, company_width, detail),
                (f"{short_local:>11}", detail),
                f"{count:>5} ",
                fitted(tag, tag_width, tag_style).right(tag_width),
            )
        if part == 0:
            # The tag may take more than half ('due since 29 Oct', the not-now list's
            # news) while the name keeps NAME_LEAST cells; the header has it whole.
            tag_width = min(len(row.tag), max(width // 2, width - 3 - NAME_LEAST))
            return line(
                " ",
                fitted(prospect.name, width - tag_width - 3),
                " ",
                fitted(row.tag, tag_width, tag_style),
            )
        # An email address takes the whole line: their time matters little for an email.
        tail = "" if row.detail else f" {hours_minutes} {count:>3} "
        task = f"{row.task} " if row.task else ""
        room = width - len(tail) - 2 - len(task)
        return line(
            "  ",
            (task, self._style("queue--task")),
            fitted(row.detail or prospect.company, room, detail),
            (tail, detail),
        )


def _thumb_at(bar: ScrollBar, position: float) -> int:
    """Where the scrollbar's thumb starts, in eighths of a cell, as ScrollBarRender
    draws it at `position` (its length does not depend on the position)."""
    size = bar.size.height
    virtual = ceil(bar.window_virtual_size)
    window = ceil(bar.window_size) if bar.window_size < bar.window_virtual_size else 0
    if not (window and size and virtual and size != virtual):
        return 0
    thumb = max(1, window / (virtual / size))
    ratio = bar.validate_position(position) / (virtual - window)
    return int((size - thumb) * ratio * len(ScrollBarRender.VERTICAL_BARS))


def _exactly(segments: list[Segment], width: int, base: Style) -> Strip:
    """A line of `width` cells: padded in the base style, or cut. Rows are made to
    fit, so most need neither (each Strip made costs: it carries seven caches)."""
    strip = Strip(segments)
    length = strip.cell_length
    if length < width:
        return strip.extend_cell_length(width, base.rich_style)
    if length > width:
        return strip.crop(0, width)
    return strip


def _tag_text(row: Row) -> str:
    """What the wide row's right column says: the task, then the tag."""
    tag = row.wide_tag or row.tag
    return f"{row.task} {tag}".strip() if row.task else tag


def _label_in(label: str, room: int) -> str:
    """A column label in `room` cells: whole when it fits, else its first word
    ('Held: why, opens' -> 'Held'), never a word cut in half."""
    return label if len(label) <= room else label.split()[0].rstrip(":,")


def border_words(words: str | None, room: int) -> str | None:
    """`words` as they fit in `room` cells: whole, else without a trailing aside in
    parentheses (which say the least), else as they are (the border cuts them)."""
    if words is None or len(words) <= room or room <= 0:
        return words
    head, paren, _ = words.rpartition(" (")
    return head if paren and words.endswith(")") else words
