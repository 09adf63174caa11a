"""User text is data, never markup.

A name like `Acme [Holdings]` or `[@click=app.quit]x[/]` must show literally.
Textual parses strings handed to Static, Label and notify as markup, dropping
what looks like tags and turning `@click` into live links, and `escape()` does
not cover every case. So every string that came from a rep, a CRM or a file
reaches the screen through `user_text`, as Content that is never parsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual.content import Content
from textual.message_pump import MessagePump
from textual.notifications import SeverityLevel
from textual.style import Style

if TYPE_CHECKING:
    from textual.app import App

Part = str | Content | tuple[str, str | Style]


def user_text(value: object, style: str | Style = "") -> Content:
    """`value` as literal text, optionally styled; None becomes empty."""
    text = "" if value is None else str(value)
    return Content.styled(text, style) if style else Content(text)


def line(*parts: Part) -> Content:
    """Join pieces into one Content; plain strings are taken literally, never parsed."""
    return Content.assemble(*parts)


def fitted(value: object, width: int, style: str | Style = "") -> Content:
    """`value` as literal text cut (with an ellipsis) or padded to exactly `width` cells."""
    return user_text(value, style).truncate(max(0, width), ellipsis=True, pad=True)


def rich_text(value: object, style: str = "") -> Text:
    """`value` as a literal Rich Text, for Rich renderables such as tables."""
    return Text("" if value is None else str(value), style=style)


def tell(
    target: MessagePump,
    message: str,
    *,
    severity: SeverityLevel = "information",
    timeout: float | None = None,
    title: str = "",
) -> None:
    """A notification whose text is shown literally (it often holds a prospect's name)."""
    app = cast("App[Any]", target.app if hasattr(target, "app") else target)
    app.notify(message, title=title, severity=severity, timeout=timeout, markup=False)
