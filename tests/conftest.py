"""Shared fixtures: a fixed clock, temporary databases, and an isolated environment.

Nothing here touches the rep's real data dir: every test runs with its own
FOLLOWUP_DB, config and XDG folders under tmp_path.
"""

from __future__ import annotations

import sys

# Compiled modules are written even where PYTHONDONTWRITEBYTECODE is set (as on the
# CI machines): each worker, and each command a test starts, otherwise compiled the
# app again, and pytest rewrote every test module again in every run. Before the
# imports below, so the app's modules they load are kept too.
sys.dont_write_bytecode = False

import os
import shutil
from collections.abc import Iterator
from itertools import count
from pathlib import Path

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
def engine() -> str:
    """The engine of `db`; tests/store/conftest.py runs the contract on both."""
    return "sqlite"


@pytest.fixture
def db(tmp_path, engine, request):
    if engine == "postgresql":
        database = request.getfixturevalue("pg_database")
    else:
        path = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue(_template_of(request)), path)
        database = open_db(path)
    yield database
    database.close()


def _template_of(request) -> str:
    """The file a SQLite `db` starts as: the sample when the test takes it as of NOW,
    else a new database. A copy of a file made once per test process: opening a
    new database runs every migration, about 40 ms a test, and loading the sample
    100 ms more."""
    if "sample_db" in request.fixturenames and request.getfixturevalue("frozen").now() == NOW:
        return "sample_template"
    return "empty_template"


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """A new database, every migration run."""
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    open_db(path).close()
    assert not path.with_name("empty.db-wal").exists()  # the file alone holds it all
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster for the whole run: its URL. Without the binaries
    the test skips, saying why; under CI (CI=true) that is a failure."""
    from followup_tui.store.pg.cluster import NoPostgres, throwaway_cluster

    try:
        with throwaway_cluster() as url:
            yield url
    except NoPostgres as err:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs PostgreSQL: {err}")
        pytest.skip(f"PostgreSQL is not available: {err}")


_pg_databases = count(1)


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh, empty database on the test server, for one test."""
    import psycopg

    name = f"t{next(_pg_databases)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_server.replace("/followup?", f"/{name}?")


@pytest.fixture
def pg_database(pg_url: str):
    from followup_tui.store.pg.store import open_pg

    return open_pg(pg_url)


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory) -> Path:
    """The sample loaded once per test process, at NOW: each SQLite sample_db is a
    copy of the file (`_template_of`), not a load of its own."""
    path = tmp_path_factory.mktemp("template") / "sample.db"
    db = open_db(path)
    load_sample(db, NOW)
    db.close()
    assert not path.with_name("sample.db-wal").exists()  # the file alone holds it all
    return path


@pytest.fixture
def sample_db(db, frozen, engine, request):
    if engine == "postgresql" or _template_of(request) != "sample_template":
        load_sample(db, frozen.now())  # else `db` began as a copy of the sample
    return db


def sample_file(path, now_text: str):
    """A database file at `path` holding the sample as of `now_text` (what the CLI
    tests give as FOLLOWUP_NOW), for commands run on it in a subprocess or CliRunner."""
    from followup_tui.domain.clock import parse_instant

    db = open_db(path)
    load_sample(db, parse_instant(now_text))
    db.close()
    return path
