"""The command palette's "Import prospects from CSV…": the `followup import` of the app.

It asks for a file (ImportFileScreen), runs the same import as the command
line in a thread worker with its own connection to the app's database (a
SQLite connection belongs to the thread that opened it), then says what
happened in one notification and reloads the queue. The import is one
transaction, so the rep can go on working while it runs.
"""

from __future__ import annotations

import sqlite3
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from followup_tui.domain import clock
from followup_tui.intake.csv_import import import_prospects
from followup_tui.intake.csv_read import IntakeError
from followup_tui.intake.importing import ImportOptions
from followup_tui.intake.report import ImportReport
from followup_tui.store.db import StoreError, open_db
from followup_tui.ui.screens.import_file import ImportFileScreen
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.text import tell

COMMAND = "Import prospects from CSV…"
HELP = "Read a CRM export (HubSpot, Salesforce, Pipedrive, Close, Apollo) into the queue"


class ImportProvider(Provider):
    """Offers the import in the command palette (Ctrl+P)."""

    async def discover(self) -> Hits:
        yield DiscoveryHit(COMMAND, self._ask, help=HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(COMMAND)
        if score > 0:
            yield Hit(score, matcher.highlight(COMMAND), self._ask, help=HELP)

    def _ask(self) -> None:
        app = self.app
        app.push_screen(ImportFileScreen(), partial(_chosen, app))


def _chosen(app: App[Any], path: Path | None) -> None:
    if path is not None:
        start_import(app, path)


def database_file(app: App[Any]) -> Path | None:
    """The file behind the app's database (`app.db`), or None when it lives in memory."""
    for _, name, file in app.db.execute("PRAGMA database_list").fetchall():  # type: ignore[attr-defined]
        if name == "main":
            return Path(file) if file else None
    return None


def start_import(app: App[Any], path: Path) -> None:
    """Import `path` in a thread worker; the outcome comes back as a notification."""
    target = database_file(app)
    if target is None:
        tell(app, "This database lives in memory; import from the command line.", severity="error")
        return
    settings = app.settings  # type: ignore[attr-defined]
    options = ImportOptions(region=settings.region, rep_zone=app.rep_zone)  # type: ignore[attr-defined]
    tell(app, f"Importing {path.name}…", timeout=3)
    app.run_worker(
        partial(_import, app, target, path, options),
        name="import",
        group="import",
        thread=True,
        exit_on_error=False,
    )


def _import(app: App[Any], target: Path, path: Path, options: ImportOptions) -> None:
    """In the worker thread: never touches a widget; hands the outcome to the app."""
    try:
        db = open_db(target)
        try:
            report = import_prospects(db, path, options, clock.now())
        finally:
            db.close()
    except IntakeError as err:
        app.call_from_thread(_failed, app, f"Nothing imported: {err}")
    except (StoreError, sqlite3.Error, OSError) as err:
        app.call_from_thread(_failed, app, f"Nothing imported ({path.name}): {err}")
    except Exception as err:  # a bug must not take the rep's call block down with it
        app.call_from_thread(_failed, app, f"Import of {path.name} failed, nothing saved: {err!r}")
    else:
        app.call_from_thread(_done, app, report)


def _failed(app: App[Any], message: str) -> None:
    tell(app, message, severity="error", timeout=15)


def _done(app: App[Any], report: ImportReport) -> None:
    severity = "warning" if report.rejected else "information"
    tell(app, report.short(), severity=severity, title="Import", timeout=20)
    for screen in app.screen_stack:
        if isinstance(screen, WorkspaceScreen):
            screen.reload()
