"""Shared fixtures: a fixed clock, temporary databases, and an isolated environment.

Nothing here touches the rep's real data dir: every test runs with its own
FOLLOWUP_DB, config and XDG folders under tmp_path.
"""

from __future__ import annotations

from collections.abc import Iterator

import pendulum
import pytest

from followup_tui.domain import clock
from followup_tui.intake.sample import load_sample
from followup_tui.store.db import open_db

# Monday 23 Nov 2026, 09:30 in New York: a normal call-block morning.
NOW = pendulum.datetime(2026, 11, 23, 14, 30, tz="UTC")
REP_ZONE = "America/New_York"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch) -> None:
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("FOLLOWUP_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("FOLLOWUP_TZ", REP_ZONE)
    monkeypatch.delenv("FOLLOWUP_NOW", raising=False)


@pytest.fixture
def frozen() -> Iterator[clock.Clock]:
    """The app's clock, stopped at NOW; tests move it with .advance(seconds)."""
    fixed = clock.Clock(NOW, frozen=True)
    previous = clock.use(fixed)
    yield fixed
    clock.use(previous)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "test.db")
    yield database
    database.close()


@pytest.fixture
def sample_db(db, frozen):
    load_sample(db, frozen.now())
    return db
