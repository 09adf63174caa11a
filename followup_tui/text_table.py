"""Plain aligned columns for the terminal, shared by the CLI commands.

Cells are data from CRM files: each goes through `terminal_text.safe` (so an
escape sequence or a carriage return in a name shows as a symbol and never
reaches the terminal as one) and is measured in terminal cells (so a wide or
zero-width character keeps the columns aligned).
"""

from __future__ import annotations

import shutil
import sys

from followup_tui.terminal_text import cells, cut, pad, safe

GAP = 2  # cells between columns
LEAST = 6  # a column narrowed to fit the terminal keeps this many cells (or its header)
WHOLE = 10_000  # `keep` for a column never cut


def aligned(
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    max_width: int = 32,
    fit: int | None = None,
    keep: dict[int, int] | None = None,
) -> str:
    """Plain columns for a terminal; long cells are cut with an ellipsis. `fit`: the
    terminal's width, which the widest columns give way to (a row that wraps in an
    80-column terminal is two lines that no longer line up), each down to LEAST
    cells or its header, or to what `keep` says for it (WHOLE: never cut; a phone
    number cut is no number)."""
    table = [tuple(cut(safe(c), max_width) for c in row) for row in [header, *rows]]
    widths = [max(cells(row[i]) for row in table) for i in range(len(header))]
    if fit is not None:
        kept = keep or {}
        least = [min(w, kept.get(i, max(LEAST, cells(h))))
                 for i, (w, h) in enumerate(zip(widths, table[0], strict=True))]  # fmt: skip
        widths = narrowed(widths, least, fit)
        # Still too wide: what `keep` asked for gives way too, then every column down
        # to a letter and its ellipsis, but for the whole ones.
        for last in (LEAST, 2):
            floor = [w if kept.get(i) == WHOLE else min(w, last) for i, w in enumerate(least)]
            widths = narrowed(widths, floor, fit)
        table = [tuple(cut(c, w) for c, w in zip(row, widths, strict=True)) for row in table]
    return "\n".join(
        (" " * GAP).join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    )


def narrowed(widths: list[int], least: list[int], fit: int) -> list[int]:
    """`widths` with the widest column narrowed a cell at a time until the row fits
    `fit` cells, none below its `least`; as narrow as that allows if it never fits."""
    widths = list(widths)
    while sum(widths) + GAP * (len(widths) - 1) > fit:
        room = [i for i, w in enumerate(widths) if w > least[i]]
        if not room:
            break
        widest = max(room, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def terminal_width() -> int | None:
    """The terminal's width when output goes to one; None into a pipe or a file,
    where every cell is written whole."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns
