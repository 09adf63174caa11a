"""Which engine a database target means: a `postgresql://` URL is the team's
server (store.pg, loaded only then); anything else is a SQLite file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from followup_tui.store.engine import Store

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(target: str | Path) -> bool:
    """Whether `target` names a PostgreSQL server, never a file."""
    return isinstance(target, str) and target.strip().lower().startswith(URL_SCHEMES)


def store_for(target: str | Path, *, rep: str | None = None) -> Store:
    """The session's store for a file path or a database URL."""
    if is_url(target):
        from followup_tui.store.pg.store import PgStore

        return PgStore(str(target).strip(), rep=rep)
    return Store(target, rep=rep)


def open_database(target: str | Path) -> Any:
    """One migrated connection (the CLI's): a store.db.Database, or a PgDatabase."""
    if is_url(target):
        from followup_tui.store.pg.store import open_pg

        return open_pg(str(target).strip())
    from followup_tui.store.db import open_db

    return open_db(target)
