"""Stand-ins for the rep's phone programs: small scripts that record how they were run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

RECORDER = """#!{python}
import json, sys
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
sys.exit({status})
"""


def recorder(folder: Path, name: str, status: int = 0) -> tuple[Path, Path]:
    """An executable `folder/name` that appends its arguments (JSON, one line a run) to
    a log and exits with `status`; returns (script, log)."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(RECORDER.format(python=sys.executable, log=str(log), status=status))
    script.chmod(0o755)
    return script, log


def runs(log: Path) -> list[list[str]]:
    """The argument lists the script was run with, in order."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
