"""The Textual application: themes (the one chosen is remembered), keymap, the
command palette, and the workspace screen."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from followup_tui.config import ConfigError, Settings, remember_theme, unknown_names, user_theme_dir
from followup_tui.config import where as config_where
from followup_tui.crash import report_and_say
from followup_tui.domain.policy import Policy
from followup_tui.session.core import WorkSession
from followup_tui.store.engine import Store
from followup_tui.ui.action_commands import ActionsProvider
from followup_tui.ui.import_command import ImportProvider
from followup_tui.ui.memory import CHECK_EVERY_S, Collector
from followup_tui.ui.screens.workspace import WorkspaceScreen
from followup_tui.ui.text import clear_for_key, tell
from followup_tui.ui.themes import FALLBACK_THEME, load_themes, shipped_theme_dir

THEME_SAVE_PAUSE_S = 1.5  # the theme is saved once the rep stops trying themes this long


class FollowupApp(App[None]):
    # Every screen's stylesheet is read with the app's, before it starts: a screen's
    # own CSS_PATH, read when it is first shown, makes Textual parse and apply all the
    # CSS again, at start-up for the workspace and on the key that first opens a
    # dialog or the stats. The screens still name theirs.
    CSS_PATH = [
        Path(__file__).with_name("app.tcss"),
        *(Path(__file__).parent / "screens" / name
          for name in ("workspace.tcss", "dialogs.tcss", "stats.tcss")),
    ]  # fmt: skip
    TITLE = "followup"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {ImportProvider, ActionsProvider}
    BINDINGS = [
        # The palette's "Keys" panel: Esc closes it (before Esc means anything else).
        Binding("escape", "hide_help_panel", "Close the keys panel", show=False,
                priority=True, id="keys_panel.close"),
    ]  # fmt: skip

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
        self._crash_line = ""  # set by an unexpected error: where its report is
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
        self._theme_at_start = ""
        self._theme_timer: Timer | None = None
        self.theme_dirs = (
            theme_dirs
            if theme_dirs is not None
            else [
                shipped_theme_dir(),
                user_theme_dir(),
            ]
        )
        self._theme_problems = self._apply_themes()

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(CHECK_EVERY_S, self.collector.tick)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._theme_problems:
            tell(self, "Theme problems (using the default): " + "; ".join(self._theme_problems),
                 severity="warning", timeout=10, keep=True)  # fmt: skip
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        self.push_screen(WorkspaceScreen(self.session, self.settings.region, self.collector,
                                         self.settings.dialer,
                                         power_dial=self.settings.power_dial))  # fmt: skip
        problems = [*self.settings.problems, *self._unknown_key_ids()]
        if problems:
            tell(self, "\n".join(problems), title="config.toml: read past, defaults used",
                 severity="warning", timeout=20, keep=True)  # fmt: skip

    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit ask first while a dial runs, as `q` does."""
        workspace = self.workspace
        if workspace is not None and self.session.running is not None:
            workspace.ask_quit()
            return
        await super().action_quit()

    async def on_event(self, event: events.Event) -> None:
        """A key, as it arrives (a widget may answer it without passing it back up),
        counts for the collector and clears the notifications shown before it: what
        a key says after it is read until the next one, and none lingers over the
        work (but for those told to be kept: see `tell`)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.collector.key_pressed()
            if self._notifications and clear_for_key(self, event.key):
                return  # Esc put away what was kept on screen, and does nothing else
        await super().on_event(event)

    def refresh_css(self, animate: bool = True) -> None:
        """Choosing the theme before the app starts (`_apply_themes`) asks Textual to
        read and apply the whole stylesheet again once it runs, before anything is
        styled: the colours are all it needs then, and the first screen reads the
        stylesheet with them (a second read cost about 6 ms of the start-up)."""
        if not self._screen_stack:
            self.stylesheet.set_variables(self.get_css_variables())
            return
        super().refresh_css(animate)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Of Textual's commands, the one a rep has a use for: the theme. The rest
        (screenshot, maximize, the keys panel) crowded the palette's first screen
        ahead of the rep's own actions (Quit is one of those, `q`); `?` lists every key."""
        yield SystemCommand("Theme", "Change the colours of the app", self.action_change_theme)

    def on_key(self, event: events.Key) -> None:
        """Before the bindings: a key typed while the workspace's last write is on its
        way acts once the screen shows what that write did."""
        workspace = self.workspace
        if workspace is None:
            return
        workspace.key_arrived()
        if self.screen is workspace and workspace.type_ahead(event):
            event.stop()
            event.prevent_default()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_help_panel":
            return bool(self.screen.query("HelpPanel"))
        return True

    def on_unmount(self) -> None:
        self.collector.stop()
        if self._theme_timer is not None:
            self._remember_theme()

    def _unknown_key_ids(self) -> list[str]:
        """[keys] ids that name no action (a typo): said with the file and line."""
        given = list(self.settings.keys)
        if not given:
            return []
        unknown = unknown_names(given, binding_ids(), "key id")
        if unknown:  # perhaps the keys of a screen loaded only when asked for
            import followup_tui.ui.screens.stats  # noqa: F401

            unknown = unknown_names(given, binding_ids(), "key id")
        path = self.settings.path
        return [
            f"{config_where(path, key_id, 'keys') if path else 'config'}: {words}; ? lists the ids"
            for key_id, words in unknown
        ]

    def _theme_changed(self, theme: Theme) -> None:
        """The palette's theme switch: saved once the rep stops trying themes."""
        if self.settings.path is None:
            return
        if theme.name == self._theme_at_start and self._theme_timer is None:
            return
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(THEME_SAVE_PAUSE_S, self._remember_theme)

    def _remember_theme(self) -> None:
        self._theme_timer = None
        path, name = self.settings.path, self.theme
        if path is None or name == self._theme_at_start:
            return
        try:
            remember_theme(path, name)
        except (ConfigError, OSError) as err:
            tell(self, f"The theme was not remembered: {err}", severity="warning")
            return
        self._theme_at_start = name

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
        waiting = (screen for screen in self.screen_stack if screen is not workspace)
        return (workspace is None or workspace.idle) and all(
            getattr(screen, "idle", True) for screen in waiting
        )

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error: the details go to a private crash report."""
        self._crash_line = report_and_say(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual prints the traceback with its local variables (a prospect's name and
        phone among them); here nothing is kept for the screen but the line below."""
        self.bell()
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        if self._crash_line:
            print(self._crash_line, file=sys.stderr)  # one line, never wrapped: a path to copy
            self._exit_renderables.clear()
            return
        super()._print_error_renderables()

    def _apply_themes(self) -> list[str]:
        """Register the shipped and the rep's themes and choose one; what went wrong.
        Done before the app starts, so its stylesheet is read once, in the chosen
        theme's colours (choosing it after would read it all again, twice)."""
        loaded = load_themes(self.theme_dirs)
        for theme in loaded.themes:
            self.register_theme(theme)
        wanted = self.settings.theme
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            loaded.problems.append(f"no theme named {wanted!r}")
            self.theme = FALLBACK_THEME
        self._theme_at_start = self.theme
        return loaded.problems


def binding_ids() -> set[str]:
    """Every binding id the keymap may name: those of the app's screens and widgets
    (of the modules loaded so far)."""
    ids: set[str] = set()
    waiting: list[type] = [DOMNode]
    while waiting:
        cls = waiting.pop()
        waiting.extend(cls.__subclasses__())
        if cls.__module__.startswith("followup_tui."):
            ids.update(b.id for b in getattr(cls, "BINDINGS", []) if getattr(b, "id", None))
    return ids
