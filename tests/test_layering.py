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
print(json.dumps({"code": result.exit_code, "modules": sorted(sys.modules)}))
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
    assert loaded("textual", run_probe(args, tmp_path)) == []


def run_probe(args: list[str], tmp_path: Path) -> list[str]:
    """The modules loaded by `followup ARGS`, run in a fresh interpreter."""
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
    modules: list[str] = probe["modules"]
    return modules


def loaded(package: str, modules: list[str]) -> list[str]:
    return [m for m in modules if m == package or m.startswith(f"{package}.")]


@pytest.mark.parametrize("command", [["queue", "--format", "json"], ["stats", "--format", "json"]])
def test_reading_commands_load_only_what_they_need(command, sample_file, tmp_path):
    """Start-up is most of their time on a small database: no sqlite-utils (the file is
    current), nothing of the import or of the other command."""
    modules = run_probe(["--db", str(sample_file), *command], tmp_path)
    assert loaded("sqlite_utils", modules) == []
    assert loaded("followup_tui.intake", modules) == []
    other = "followup_tui.stats_command" if command[0] == "queue" else "followup_tui.queue_command"
    assert other not in modules


def test_stats_never_loads_the_queue_s_judging_or_phone_numbers(sample_file, tmp_path):
    modules = run_probe(["--db", str(sample_file), "stats", "--format", "json"], tmp_path)
    assert loaded("phonenumbers", modules) == []
    assert "followup_tui.domain.queue" not in modules
    assert "followup_tui.domain.calling_hours" not in modules
