"""An unexpected error: the details go to a private file, the screen gets one line.

A traceback printed with its local variables showed a prospect's name and phone
to whoever looked at the terminal. Here the traceback (without locals) is
written to a crash report, 0600, in the data folder, and the rep is told in one
line where it is. No Textual: the command line and the app both use it.
"""

from __future__ import annotations

import os
import platform
import traceback
from datetime import UTC, datetime
from pathlib import Path

from followup_tui import __version__


def crash_dir() -> Path:
    from followup_tui.config import data_dir

    return data_dir() / "crash-reports"


def write_crash_report(error: BaseException) -> Path | None:
    """The report's path, or None when even that could not be written."""
    folder = crash_dir()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    text = "".join(
        [
            f"followup {__version__}, Python {platform.python_version()}, {platform.platform()}\n",
            f"{datetime.now(UTC).isoformat()}\n\n",
            *traceback.format_exception(error),  # frames and lines, never local variables
        ]
    )
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8", errors="replace") as out:
            out.write(text)
    except OSError:
        return None
    return path


def crash_line(error: BaseException, report: Path | None) -> str:
    """What the rep sees: the kind of error and where the details are, no data."""
    kind = type(error).__name__
    if report is None:
        return f"followup stopped on an unexpected error ({kind}); no report could be written."
    return f"followup stopped on an unexpected error ({kind}); the details are in {report}"


def report_and_say(error: BaseException) -> str:
    """Write the report; the line to show."""
    return crash_line(error, write_crash_report(error))
