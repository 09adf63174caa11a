"""Every message the session's workers send to the screen, in one place.

Workers never touch a widget: they post one of these, and the screen renders
what it carries on the UI thread.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from followup_tui.session.results import Result


class Wrote(Message):
    """A write use case finished (or refused, or needs an answer first)."""

    counted = False  # a runner job's answer: busy until the screen handles it
    written = False  # the answer of a write (the runner counts those by tag)

    def __init__(self, result: Result, tag: str = "") -> None:
        self.result = result
        self.tag = tag
        super().__init__()


class Read(Message):
    """A read came back: `kind` says what (file, find, parked, stats, queue, import)."""

    counted = False  # a runner job's answer: busy until the screen handles it
    written = False

    def __init__(self, kind: str, value: Any, key: Any = None) -> None:
        self.kind = kind
        self.value = value
        self.key = key
        super().__init__()


class Failed(Message):
    """Database work went wrong; `words` say what, for the rep. Nothing is lost on
    screen: the rep may try again."""

    counted = False  # a runner job's answer: busy until the screen handles it
    written = False  # the answer of a write (the runner counts those by tag)

    def __init__(self, words: str, tag: str = "", read_only: bool = False) -> None:
        self.words = words
        self.tag = tag
        self.read_only = read_only
        super().__init__()
