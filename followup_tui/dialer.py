"""Handing a number to the rep's phone program: a tel: URI through the system's
opener (followup_tui/system_open.py, which the email steps use too), or the rep's
command.

`hand_off` blocks until the program has answered (or the timeout), so the app
runs it in a worker thread. It never uses a shell: arguments go to the program
as a list, so a number can never become a command. The program's output is
kept away from the terminal (it would tear the screen) and a failure comes
back as words.
"""

from __future__ import annotations

import subprocess

from followup_tui.domain.dialing import DialError, DialerSettings, DialNumber, command_for, dial_uri
from followup_tui.system_open import could_not_start, failed, last_line, not_found, open_uri


def hand_off(number: DialNumber, settings: DialerSettings) -> str | None:
    """Give `number` to the phone as `settings` say (mode tel or command); None when
    it went, else why not, in words. The clipboard mode is the app's own job."""
    try:
        if settings.mode == "tel":
            return open_uri(dial_uri(number, settings.scheme), settings.timeout_s)
        if settings.mode == "command":
            return _run(command_for(settings.command, number), settings.timeout_s)
    except DialError as err:
        return str(err)
    except OSError as err:
        return f"the system could not open the number ({err.strerror or err})"
    return None


def _run(argv: list[str], timeout_s: float) -> str | None:
    program = argv[0]
    if (missing := not_found(program)) is not None:
        return missing
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
        return could_not_start(program, err)
    if done.returncode != 0:
        output = done.stderr if last_line(done.stderr) else done.stdout
        return failed(program, done.returncode, output)
    return None
