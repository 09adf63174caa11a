"""Opening a URI (mailto: for email steps, tel: for the dialer) with the system's
opener: xdg-open, open or start.

The one place that starts the opener. It never uses a shell: the URI is one
argument, so text from a CRM file can never become a command. The opener's
output is kept off the terminal (it would tear the screen), and a failure comes
back in words. It blocks for up to `wait_s`, so the app runs it in a worker.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

WAIT_S = 10.0  # an opener still running after this has started the program: fine
# (xdg-open without a desktop runs the mail program or softphone in its place: stopping
# it would close the program it opened)
MAX_WORDS = 160  # how much of an opener's complaint reaches the rep


def opener_command(uri: str) -> list[str]:
    """The system's opener for a URI: open on macOS, xdg-open elsewhere."""
    return ["open" if sys.platform == "darwin" else "xdg-open", uri]


def open_uri(uri: str, wait_s: float = WAIT_S) -> str | None:
    """Open `uri`; None when it went, else why not, in words."""
    if sys.platform == "win32":
        try:
            os.startfile(uri)  # type: ignore[attr-defined]  # Windows only
        except OSError as err:
            return f"Windows could not open it ({err.strerror or err})"
        return None
    argv = opener_command(uri)
    program = argv[0]
    if (missing := not_found(program)) is not None:
        return missing
    with tempfile.TemporaryFile() as said:
        try:
            opener = subprocess.Popen(  # a list, no shell: the URI stays data
                argv,
                stdin=subprocess.DEVNULL,
                stdout=said,
                stderr=said,
                start_new_session=True,  # the terminal's Ctrl+C and job control stay the app's
            )
        except OSError as err:
            return could_not_start(program, err)
        try:
            status = opener.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            return None  # some openers stay with the program they started: left running
        if status == 0:
            return None
        said.seek(0)
        return failed(program, status, said.read())


def not_found(program: str) -> str | None:
    """Why `program` cannot run, when it is not on PATH; else None."""
    if shutil.which(program) is None:
        return f"{program} was not found (is it installed, and on PATH?)"
    return None


def could_not_start(program: str, err: OSError) -> str:
    return f"{program} could not start ({err.strerror or err})"


def failed(program: str, status: int, output: bytes) -> str:
    """A program's non-zero exit, with the last line it printed."""
    words = last_line(output)
    return f"{program} failed (exit status {status})" + (f": {words}" if words else "")


def last_line(output: bytes) -> str:
    """The last non-empty line a program printed, as plain printable text."""
    lines = [ln for ln in output.decode("utf-8", errors="replace").splitlines() if ln.strip()]
    if not lines:
        return ""
    shown = "".join(ch for ch in lines[-1].strip() if ch.isprintable())
    return shown if len(shown) <= MAX_WORDS else shown[: MAX_WORDS - 1] + "…"
