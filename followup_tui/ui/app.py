"""The Textual application: themes, keymap, and the workspace screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from followup_tui.config import Settings, user_theme_dir
from followup_tui.domain.policy import Policy
from followup_tui.session.core import WorkSession
from followup_tui.store.engine import Store
from followup_tui.ui.import_command import ImportProvider
from followup_tui.ui.memory import CHECK_EVERY_S, Collector
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.text import tell
from followup_tui.ui.themes import FALLBACK_THEME, load_themes, shipped_theme_dir


class FollowupApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "followup"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ImportProvider}

    def __init__(
        self,
        db: Any,
        rep_zone: str,
        settings: Settings | None = None,
        *,
        policy: Policy | None = None,
        theme_dirs: list[Path] | None = None,
    ) -> None:
        """`db`: a Store, a path, or an open connection to a database file (workers
        open connections of their own)."""
        super().__init__()
        if isinstance(db, Store):
            self.store = db
        elif isinstance(db, (str, Path)):
            self.store = Store(db)
        else:
            self.store = Store.for_database(db)
        self.policy = policy or Policy()
        self.rep_zone = rep_zone
        self.settings = settings or Settings()
        self.session = WorkSession(self.store, self.policy, rep_zone, self.settings.region)
        self.collector = Collector()
        self.theme_dirs = (
            theme_dirs
            if theme_dirs is not None
            else [
                shipped_theme_dir(),
                user_theme_dir(),
            ]
        )

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(CHECK_EVERY_S, self.collector.tick)
        self._apply_themes()
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.push_screen(
            WorkspaceScreen(
                self.session,
                self.settings.region,
                self.collector,
                power_dial=self.settings.power_dial,
            )
        )

    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit ask first while a dial runs, as `q` does."""
        workspace = self.workspace
        if workspace is not None and self.session.running is not None:
            workspace.ask_quit()
            return
        await super().action_quit()

    def on_key(self) -> None:
        self.collector.key_pressed()

    def on_unmount(self) -> None:
        self.collector.stop()

    @property
    def workspace(self) -> WorkspaceScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, WorkspaceScreen):
                return screen
        return None

    @property
    def idle(self) -> bool:
        """No database work queued or running (tests wait on this, not on the clock)."""
        workspace = self.workspace
        return workspace is None or workspace.idle

    def _apply_themes(self) -> None:
        loaded = load_themes(self.theme_dirs)
        for theme in loaded.themes:
            self.register_theme(theme)
        wanted = self.settings.theme
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            loaded.problems.append(f"no theme named {wanted!r}")
            self.theme = FALLBACK_THEME
        if loaded.problems:
            tell(
                self,
                "Theme problems (using the default): " + "; ".join(loaded.problems),
                severity="warning",
                timeout=10,
            )
