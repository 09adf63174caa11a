"""User text is data, never markup.

A name like `Acme [Holdings]` or `[@click=app.quit]x[/]` must show literally.
Textual parses strings handed to Static, Label and notify as markup, dropping
what looks like tags and turning `@click` into live links, and `escape()` does
not cover every case. So every string that came from a rep, a CRM or a file
reaches the screen through `user_text`, as Content that is never parsed.

It is also never obeyed: every string goes through `terminal_text.safe`, so
an escape sequence, a carriage return or a bidi override from a CRM file shows
as a visible symbol (or nothing) instead of retitling, recolouring or
scrambling the terminal. Fields on a row (`line`, `fitted`) stay on one line;
only `user_text` keeps a note's line breaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from rich.text import Text
from textual.content import Content
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.style import Style
from textual.widgets._toast import ToastRack

from followup_tui.terminal_text import cut, safe

if TYPE_CHECKING:
    from textual.app import App

NOTICE_CELLS = 600  # a notice quoting a 10,000-character name must not fill the screen

Part = str | Content | tuple[str, str | Style]

NEWLINE = Content("\n")
"""A line break inside `line(...)`, whose strings each stay on one line."""


def user_text(value: object, style: str | Style = "", *, multiline: bool = True) -> Content:
    """`value` as literal, terminal-safe text, optionally styled; None becomes empty.
    Line breaks are kept (notes, research) unless `multiline` is False."""
    text = safe("" if value is None else str(value), multiline=multiline)
    return Content.styled(text, style) if style else Content(text)


def line(*parts: Part) -> Content:
    """Join pieces into one line of Content; strings are taken literally, never parsed
    nor obeyed, and a line break in one shows as a symbol (NEWLINE breaks the line)."""
    return Content.assemble(*(_one_line(part) for part in parts))


def _one_line(part: Part) -> Content | str | tuple[str, str | Style]:
    if isinstance(part, str):
        return safe(part)
    if isinstance(part, tuple):
        return (safe(part[0]), part[1])
    return part


def phrase_lines(lines: Sequence[Sequence[Content]], width: int, between: Content) -> Content:
    """Each line's phrases joined by `between` while they fit in `width` cells; a
    phrase that would not fit starts a line of its own, so a title breaks between
    its phrases ('all history (…)' / 'New York time'), never inside one as wrapping
    at spaces would. Only a phrase wider than `width` wraps, under its own indent."""
    rows: list[Content] = []
    for phrases in lines:
        row: Content | None = None
        for phrase in phrases:
            if row is None:
                row = hung(phrase, width)
            elif row.cell_length + between.cell_length + phrase.cell_length <= width:
                row = row + between + phrase
            else:
                rows.append(row)
                row = hung(phrase, width)
        if row is not None:
            rows.append(row)
    return NEWLINE.join(rows)


def hung(phrase: Content, width: int) -> Content:
    """An indented phrase wider than `width`, wrapped with its next lines under its
    first word: wrapped as it is, they started at the edge, left of the first."""
    indent = len(phrase.plain) - len(phrase.plain.lstrip(" "))
    if not indent or phrase.cell_length <= width or 2 * indent >= width:
        return phrase
    pad = Content(" " * indent)
    return NEWLINE.join(pad + part for part in phrase[indent:].wrap(width - indent))


def fitted(value: object, width: int, style: str | Style = "") -> Content:
    """`value` on one line, cut (with an ellipsis) or padded to exactly `width` cells."""
    content = user_text(value, style, multiline=False)
    return content.truncate(max(0, width), ellipsis=True, pad=True)


def clipped(value: object, width: int, style: str | Style = "") -> Content:
    """`value` on one line, cut (with an ellipsis) to at most `width` cells: a field
    in a list that wraps, where a 10,000-character name would fill the screen."""
    return user_text(value, style, multiline=False).truncate(max(1, width), ellipsis=True)


def as_markup(value: object) -> str:
    """Markup that Textual reads back as exactly `value`, terminal-safe: for the few
    places that take only markup, such as a command's help in the palette. Every
    `[` is escaped: `textual.markup.escape` leaves `[Dialer]` and `[$x]` to be read
    as tags; a backslash alone is read as itself."""
    return safe("" if value is None else str(value)).replace("[", "\\[")


def rich_text(value: object, style: str = "") -> Text:
    """`value` as a literal, terminal-safe Rich Text, for Rich renderables such as tables."""
    return Text(safe("" if value is None else str(value)), style=style)


NoticeKey = tuple[str, str, str]  # message, title, severity: what makes two notices the same

_UNSHOWN: WeakKeyDictionary[App[Any], set[NoticeKey]] = WeakKeyDictionary()
"""Per app, the notices told whose toast the app has not put up yet."""

_KEPT: WeakKeyDictionary[App[Any], set[NoticeKey]] = WeakKeyDictionary()
"""Per app, the notices told with `keep`: a key does not clear them."""


def tell(
    target: MessagePump,
    message: str,
    *,
    severity: SeverityLevel = "information",
    timeout: float | None = None,
    title: str = "",
    keep: bool = False,
) -> None:
    """A notification whose text is shown literally (it often holds a prospect's name).

    Told once: while the same words are showing, or are on their way to the screen,
    they are not told again. A paste of 300 characters into a 100-character field
    would otherwise stack 200 identical toasts down the screen, over the status line
    and the dial timer (the keys of a paste all arrive before the first toast).

    A key clears what was told before it (`clear_for_key`), except a notice told
    with `keep`: one the rep must be able to read while they work on, such as an
    import's report and where its rejected rows went. It goes after its timeout,
    on Esc, or when clicked."""
    app = cast("App[Any]", target.app if hasattr(target, "app") else target)
    shown = cut(safe(message, multiline=True), NOTICE_CELLS)
    notice: NoticeKey = (shown, safe(title), severity)
    if keep:
        _KEPT.setdefault(app, set()).add(notice)
    if _is_showing(app, notice):
        return
    _UNSHOWN.setdefault(app, set()).add(notice)
    app.notify(shown, title=notice[1], severity=severity, timeout=timeout, markup=False)
    # app.notify posts a message; once the app has handled it, the toast is in
    # app._notifications and _is_showing finds it there until it goes.
    if not app.call_later(_put_up, app, notice):
        _put_up(app, notice)


def _put_up(app: App[Any], notice: NoticeKey) -> None:
    """The app has taken the notice into app._notifications (or never will)."""
    _UNSHOWN.get(app, set()).discard(notice)


def clear_for_key(app: App[Any], key: str) -> bool:
    """What a key does to the notices: those it follows go, but for the kept ones,
    which Esc clears too. True when Esc put kept ones away: then it does only that
    (it would also discard a dial begun a moment ago, or close a dialog)."""
    kept = _KEPT.setdefault(app, set())
    showing = {(n.message, n.title, n.severity): n for n in app._notifications}
    kept &= showing.keys() | _UNSHOWN.get(app, set())  # forget those gone by themselves
    put_away = key == "escape" and bool(kept & showing.keys())
    if key == "escape":
        kept.clear()
    cleared = [n for told, n in showing.items() if told not in kept]
    if not cleared:
        return put_away
    for notification in cleared:
        # Textual removes a cleared toast but not its holder, which would push the
        # next toast down the screen.
        app.screen.query(f"ToastRack > #{ToastRack._toast_id(notification)}").remove()
        app._unnotify(notification, refresh=False)
    app._refresh_notifications()
    return put_away


def _is_showing(app: App[Any], notice: NoticeKey) -> bool:
    """Whether the same notice is on the screen, or told and about to be."""
    if notice in _UNSHOWN.get(app, ()):
        return True
    return any((n.message, n.title, n.severity) == notice for n in app._notifications)
