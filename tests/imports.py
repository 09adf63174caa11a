"""What a fresh interpreter has loaded after some code: for the tests that keep a
heavy library off a path (start-up, the commands)."""

from __future__ import annotations

import json
import subprocess
import sys


def loaded_after(code: str, *modules: str, seen: str = "sys.modules") -> dict[str, bool]:
    """For each of `modules`, whether running `code` in a new Python imported it: is
    in `sys.modules` at the end, or in what the expression `seen` names then."""
    answer = f"{{m: m in {seen} for m in {modules!r}}}"
    probe = f"{code}\nimport json, sys\nprint(json.dumps({answer}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))
