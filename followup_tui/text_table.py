"""Plain aligned columns for the terminal, shared by the CLI commands.

Cells are data from CRM files: each goes through `terminal_text.safe` (so an
escape sequence or a carriage return in a name shows as a symbol and never
reaches the terminal as one) and is measured in terminal cells (so a wide or
zero-width character keeps the columns aligned).
"""

from __future__ import annotations

from followup_tui.terminal_text import cells, cut, pad, safe


def aligned(header: tuple[str, ...], rows: list[tuple[str, ...]], max_width: int = 32) -> str:
    """Plain columns for a terminal; long cells are cut with an ellipsis."""
    table = [tuple(cut(safe(c), max_width) for c in row) for row in [header, *rows]]
    widths = [max(cells(row[i]) for row in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    )
