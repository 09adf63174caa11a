"""What the session tests share: a session on a store, started with its whole queue."""

from __future__ import annotations

import pytest

from followup_tui.domain.policy import Policy
from followup_tui.session.core import WorkSession
from followup_tui.store.db import database_file
from followup_tui.store.engine import Store
from tests.conftest import REP_ZONE


def started(store: Store) -> WorkSession:
    """A session on `store`, started and with its whole queue, as the app has it."""
    work = WorkSession(store, Policy(), REP_ZONE)
    work.start()
    built, since = work.read_queue()
    work.merge_queue(built, since)
    return work


def on_file(db) -> WorkSession:
    """`started` on the file of `db` (a connection of the test's own)."""
    path = database_file(db)
    assert path is not None
    return started(Store(path))


@pytest.fixture
def session(sample_db):
    work = on_file(sample_db)
    yield work
    work.store.close()
