"""Text from a CRM, a web form or someone's spreadsheet, made safe for a terminal.

A name holding `ESC ] 0 ; ... BEL` retitles the terminal, `ESC [31m` paints the
rest of the screen red, a carriage return overwrites a row, a right-to-left
override reverses the columns after it, and a zero-width joiner makes an emoji
family two cells wide in one terminal and six in another. So every string that
reaches a terminal, in the app and in the command line's text output, goes
through `safe` first: control characters become visible symbols (`␛`, `␍`),
bidirectional and other invisible format characters are dropped, and widths are
counted in terminal cells. The data itself is never changed: JSON and CSV
output keep it exact.

No Textual here: the command line uses it without loading the app.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

ELLIPSIS = "…"
REPLACEMENT = "\ufffd"  # for what has no picture of its own (C1 controls, lone surrogates)
_VARIATION_SELECTORS = frozenset("\ufe0e\ufe0f")  # text or emoji look: terminals disagree on width


@lru_cache(maxsize=4096)
def _shown(char: str, multiline: bool, same_length: bool) -> str:
    """What one character that is not plainly printable shows as."""
    code = ord(char)
    if char == "\n" and multiline:
        return char
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␀ … ␛ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    category = unicodedata.category(char)
    if category in ("Zl", "Zp"):  # line and paragraph separators
        return "\n" if multiline else "\u2424"  # ␤
    if category == "Cf" or char in _VARIATION_SELECTORS:
        # Bidi overrides and isolates, marks, zero-width joiners, BOMs: never drawn.
        return REPLACEMENT if same_length else ""
    if category in ("Cc", "Cs"):  # C1 controls (one of them is a CSI), lone surrogates
        return REPLACEMENT
    return char  # spaces other than ' ', private use and unassigned: harmless


def safe(text: str, *, multiline: bool = False) -> str:
    """`text` as it may be written to a terminal: no escape sequence, no control
    character, no bidi override. `multiline` keeps line breaks (notes); otherwise a
    line break shows as a symbol, so a field stays on its row."""
    if text.isprintable() and "\ufe0f" not in text and "\ufe0e" not in text:
        return text
    return "".join(
        char
        if char.isprintable() and char not in _VARIATION_SELECTORS
        # \r\n ends a line; a lone \r (which overwrites a row) shows as ␍.
        else ""
        if multiline and char == "\r" and text[index + 1 : index + 2] == "\n"
        else _shown(char, multiline, False)
        for index, char in enumerate(text)
    )


def safe_same_length(text: str) -> str:
    """`safe` for an editor: one character shown for each one held, so that the
    cursor's column still matches the text being edited."""
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() or char == "\n" else _shown(char, False, True) for char in text
    )


def cells(text: str) -> int:
    """The width of `text` in terminal cells (wide characters take two, combining
    marks none): the measure the app's widgets use."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len  # only for text that needs it: the CLI starts faster

    return cell_len(text)


def cut(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, an ellipsis marking the cut."""
    if width <= 0:
        return ""
    if cells(text) <= width:
        return text
    if text.isascii():
        return text[: width - 1] + ELLIPSIS
    from rich.cells import set_cell_size

    return set_cell_size(text, width - 1) + ELLIPSIS


def pad(text: str, width: int, *, right: bool = False) -> str:
    """`text` padded with spaces to `width` cells (on the left when `right`)."""
    room = " " * max(0, width - cells(text))
    return room + text if right else text + room
