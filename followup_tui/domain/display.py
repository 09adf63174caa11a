"""How times and durations read to a rep, shared by the app and the CLI."""

from __future__ import annotations

from pendulum import DateTime


def duration_text(seconds: float | None) -> str:
    """'0:42', '12:05', '1:02:10'; '' for no duration (a touch logged without a dial)."""
    if seconds is None:
        return ""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def due_text(due: DateTime | None, now: DateTime) -> str:
    """How overdue (or how far off) a touch is: 'now', '3h late', '2d late', 'in 4d'."""
    if due is None:
        return ""
    seconds = (now - due).total_seconds()
    late = seconds >= 0
    seconds = abs(seconds)
    if seconds < 60 * 30:
        amount = "now" if late else "soon"
        return amount
    if seconds < 3600 * 24:
        amount = f"{int(seconds // 3600) or 1}h"
    elif seconds < 3600 * 24 * 60:
        amount = f"{int(seconds // 86400)}d"
    else:
        amount = f"{int(seconds // (86400 * 7))}w"
    return f"{amount} late" if late else f"in {amount}"


def day_and_time(moment: DateTime) -> str:
    """'Mon 23 Nov 10:15': a moment in whatever zone it carries."""
    return moment.format("ddd D MMM HH:mm")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 dial', '3 dials', '2 touches'."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def touch_count_text(count: int) -> str:
    return plural(count, "touch", "touches")
