"""Every key of the workspace in the command palette (Ctrl+P), with the key beside it.

A rep who forgot a key types what they want ("voicemail", "zone") and the
palette runs it, and shows the key for next time. The list is the screen's own
bindings, so a new action appears here without being written twice. Their words
are shown literally: the palette reads strings as markup, and "[dialer]" in the
Dial command's help would vanish as a tag.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widget import Widget

from followup_tui.terminal_text import safe_same_length
from followup_tui.ui.text import as_markup, user_text
from followup_tui.ui.widgets.queue_list import QueueList

ActionCommand = tuple[str, str, Widget, Binding]  # name, help, where it runs, binding


class ActionsProvider(Provider):
    """The workspace's actions, when the palette is opened from the workspace."""

    def commands(self) -> Iterator[ActionCommand]:
        from followup_tui.ui.screens.workspace import WorkspaceScreen

        screen = self.screen
        if not isinstance(screen, WorkspaceScreen):
            return
        in_force: dict[str, list[str]] = {}  # binding id -> keys, as the keymap has them
        for active in screen.active_bindings.values():
            if active.binding.id is not None:
                shown = in_force.setdefault(active.binding.id, [])
                shown.append(self.app.get_key_display(active.binding))
        seen: set[str] = set()
        for node in (screen, screen.query_one(QueueList)):
            for binding in node.BINDINGS:
                if not isinstance(binding, Binding) or binding.id is None or binding.id in seen:
                    continue
                seen.add(binding.id)
                keys = ", ".join(in_force.get(binding.id, [])) or self.app.get_key_display(binding)
                yield f"{binding.description} ({keys})", binding.tooltip, node, binding

    async def discover(self) -> Hits:
        for name, help_text, node, binding in self.commands():
            yield DiscoveryHit(
                user_text(name, multiline=False),
                partial(_run, node, binding),
                text=name,
                help=as_markup(help_text),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, node, binding in self.commands():
            score = max(matcher.match(name), matcher.match(help_text) * 0.5)
            if score > 0:
                yield Hit(score, _highlighted(matcher, name), partial(_run, node, binding),
                          text=name, help=as_markup(help_text))  # fmt: skip


def _highlighted(matcher: Matcher, name: str) -> Content:
    """`name` taken literally, the letters the query matched marked: what
    `matcher.highlight` does, but it would read `name` as markup. (Made safe letter
    for letter, so the offsets of the match stay on their letters.)"""
    content = Content(safe_same_length(name))
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


async def _run(node: Widget, binding: Binding) -> None:
    await node.run_action(binding.action)
