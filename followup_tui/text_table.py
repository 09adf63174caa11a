"""Plain aligned columns for the terminal, shared by the CLI commands."""

from __future__ import annotations


def aligned(header: tuple[str, ...], rows: list[tuple[str, ...]], max_width: int = 32) -> str:
    """Plain columns for a terminal; long cells are cut with an ellipsis."""

    def cut(text: str) -> str:
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    table = [tuple(cut(c) for c in row) for row in [header, *rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    )
