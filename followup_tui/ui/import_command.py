"""The command palette's "Import prospects from CSV…": the `followup import` of the app.

It asks for a file (ImportFileScreen); the session imports it in a heavy
worker with its own connection, in chunks, so the rep's own writes go through
between chunks and no key waits. What happened comes back as one notification;
the queue takes the new leads in when the workspace next checks for changes.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from followup_tui.ui.text import tell

if TYPE_CHECKING:
    from followup_tui.ui.screens.workspace import WorkspaceScreen

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
        from followup_tui.ui.screens.import_file import ImportFileScreen  # when asked

        app = self.app
        app.push_screen(ImportFileScreen(), partial(_chosen, app))


def _chosen(app: App[Any], path: Path | None) -> None:
    if path is not None:
        start_import(app, path)


def start_import(app: App[Any], path: Path) -> None:
    """Import `path` off the key path; the outcome comes back as a notification."""
    workspace: WorkspaceScreen | None = getattr(app, "workspace", None)
    if workspace is None:
        tell(app, "Open the workspace first.", severity="error")
        return
    workspace.start_import(path)
