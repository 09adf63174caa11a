"""Building the app for Pilot and snapshot tests, and reading what it shows."""

from __future__ import annotations

from followup_tui.config import Settings
from followup_tui.ui.app import FollowupApp
from followup_tui.ui.themes import shipped_theme_dir
from followup_tui.ui.widgets.queue_list import QueueList
from tests.conftest import REP_ZONE


def make_app(db, settings: Settings | None = None) -> FollowupApp:
    return FollowupApp(db, REP_ZONE, settings or Settings(), theme_dirs=[shipped_theme_dir()])


def queue_text(app: FollowupApp) -> str:
    """Every line the queue draws right now, as plain text."""
    queue = app.screen.query_one(QueueList)
    height = queue.scrollable_content_region.height
    return "\n".join(queue.render_line(y).text for y in range(height))


def screen_text(app: FollowupApp) -> str:
    """The whole terminal as plain text (what tmux capture-pane would show)."""
    return app.export_screenshot()
