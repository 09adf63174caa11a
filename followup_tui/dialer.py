"""Handing a number to the rep's phone program: the one module that starts processes.

`hand_off` blocks until the program has answered (or the timeout), so the app
runs it in a worker thread. It never uses a shell: arguments go to the program
as a list, so a number can never become a command. The program's output is
kept away from the terminal (it would tear the screen) and a failure comes
back as words.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from followup_tui.domain.dialing import DialError, DialerSettings, DialNumber, command_for, dial_uri

MAX_WORDS = 160  # how much of a program's complaint reaches the rep


def hand_off(number: DialNumber, settings: DialerSettings) -> str | None:
    """Give `number` to the phone as `settings` say (mode tel or command); None when
    it went, else why not, in words. The clipboard mode is the app's own job."""
    try:
        if settings.mode == "tel":
            uri = dial_uri(number, settings.scheme)
            if sys.platform == "win32":
                os.startfile(uri)
                return None
            return _run(opener_command(uri), settings.timeout_s)
        if settings.mode == "command":
            return _run(command_for(settings.command, number), settings.timeout_s)
    except DialError as err:
        return str(err)
    except OSError as err:
        return f"the system could not open the number ({err.strerror or err})"
    return None


def opener_command(uri: str) -> list[str]:
    """The system's opener for a URI: open on macOS, xdg-open elsewhere."""
    return ["open" if sys.platform == "darwin" else "xdg-open", uri]


def _run(argv: list[str], timeout_s: float) -> str | None:
    program = argv[0]
    if shutil.which(program) is None:
        return f"{program} was not found (is it installed, and on PATH?)"
    try:
        done = subprocess.run(  # a list, no shell: the number stays data
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout_s,
            start_new_session=True,  # the terminal's Ctrl+C and job control stay the app's
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"{program} did not finish within {timeout_s:g} s and was stopped"
    except OSError as err:
        return f"{program} could not start ({err.strerror or err})"
    if done.returncode != 0:
        said = _last_line(done.stderr) or _last_line(done.stdout)
        why = f": {said}" if said else ""
        return f"{program} failed (exit status {done.returncode}){why}"
    return None


def _last_line(output: bytes) -> str:
    """The last non-empty line a program printed, as plain printable text."""
    text = output.decode("utf-8", errors="replace")
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ""
    shown = "".join(ch for ch in lines[-1].strip() if ch.isprintable())
    return shown if len(shown) <= MAX_WORDS else shown[: MAX_WORDS - 1] + "…"
