"""The command line's reading commands never load Textual: they must start fast and
work where no terminal UI can (cron, pipes, a server)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from followup_tui.intake.sample import load_sample
from followup_tui.store.db import open_db
from tests.conftest import NOW

PROBE = """
import json, sys
from click.testing import CliRunner
from followup_tui.cli import main
result = CliRunner().invoke(main, sys.argv[1:], catch_exceptions=False)
print(json.dumps({"code": result.exit_code, "textual": sorted(
    m for m in sys.modules if m == "textual" or m.startswith("textual."))}))
"""


@pytest.fixture
def sample_file(tmp_path) -> Path:
    path = tmp_path / "sample.db"
    db = open_db(path)
    load_sample(db, NOW)
    db.close()
    return path


@pytest.mark.parametrize(
    "command",
    [["queue", "--format", "json"], ["queue"], ["stats", "--format", "json"], ["import", "CSV"]],
)
def test_reading_and_import_commands_never_import_textual(command, sample_file, tmp_path):
    csv = tmp_path / "leads.csv"
    csv.write_text("Name,Email,Phone\nAda Vance,ada@example.com,+1 312 555 0142\n")
    args = ["--db", str(sample_file), *[str(csv) if a == "CSV" else a for a in command]]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        env={"FOLLOWUP_NOW": NOW.isoformat(), "FOLLOWUP_TZ": "America/New_York",
             "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )  # fmt: skip
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    assert probe["code"] == 0
    assert probe["textual"] == []
