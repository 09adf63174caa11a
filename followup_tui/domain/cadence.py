"""Cadences: the ordered touches a prospect gets, gently spaced.

A step is a channel and a wait (in business days) after the previous touch.
The built-in "persistent" cadence is 12 touches over about six weeks, never
more than two a week, mixing calls, voicemails and emails: reaching an
executive takes seven or more touches. Reps define more in cadences.toml.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from msgspec import Struct

CALL_CHANNELS = frozenset({"call", "call_vm"})
CHANNELS = ("call", "call_vm", "email", "linkedin", "letter", "text")
CHANNEL_LABELS = {
    "call": "call",
    "call_vm": "call + voicemail",
    "email": "email",
    "linkedin": "LinkedIn message",
    "letter": "letter",
    "text": "text message",
}
SHORT_LABELS = {"call_vm": "call+VM", "linkedin": "LinkedIn", "text": "text"}
DEFAULT_CADENCE = "persistent"
MIN_TOUCHES = 7  # below this, without a decision-maker conversation, it is giving up early
EXTRA_WAIT_DAYS = 5  # the wait of each extra call when a short cadence ends too early


class CadenceError(ValueError):
    """A cadences.toml that cannot be used; the message says where and why."""


class Step(Struct, frozen=True):
    channel: str
    wait_days: int  # business days after the previous touch
    note: str = ""

    @property
    def is_call(self) -> bool:
        return self.channel in CALL_CHANNELS

    @property
    def label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, self.channel)

    @property
    def short_label(self) -> str:
        """For narrow lists: 'email', 'LinkedIn', 'letter', 'text'."""
        return SHORT_LABELS.get(self.channel, self.channel)


class Cadence(Struct, frozen=True):
    name: str
    steps: tuple[Step, ...]

    def step(self, index: int) -> Step | None:
        """Step `index` (0-based); past the end, extra calls while a prospect has had
        fewer than MIN_TOUCHES, else None (the cadence is done)."""
        if 0 <= index < len(self.steps):
            return self.steps[index]
        if index < MIN_TOUCHES:
            return Step("call_vm", EXTRA_WAIT_DAYS, "extra call: fewer than 7 touches so far")
        return None

    @property
    def length(self) -> int:
        return max(len(self.steps), MIN_TOUCHES)


PERSISTENT = Cadence(
    DEFAULT_CADENCE,
    (
        Step("call", 0, "first call"),
        Step("email", 2, "intro email: the reason to call"),
        Step("call_vm", 3, "call, leave a voicemail"),
        Step("call", 2),
        Step("email", 3, "email: a useful idea for them"),
        Step("call_vm", 2, "call, leave a voicemail"),
        Step("linkedin", 3, "LinkedIn note"),
        Step("call", 2),
        Step("email", 3, "email: a short case study"),
        Step("call_vm", 2, "call, leave a voicemail"),
        Step("call", 3),
        Step("email", 2, "closing-the-loop email"),
    ),
)


def builtin_cadences() -> dict[str, Cadence]:
    return {PERSISTENT.name: PERSISTENT}


def load_cadences(path: Path | None) -> dict[str, Cadence]:
    """The built-in cadences plus the rep's (which may replace a built-in by name)."""
    cadences = builtin_cadences()
    if path is None or not path.exists():
        return cadences
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise CadenceError(f"{path}: cannot read it ({err})") from err
    for name, body in data.get("cadence", {}).items():
        cadences[name] = _cadence(path, name, body)
    return cadences


def _cadence(path: Path, name: str, body: object) -> Cadence:
    steps = body.get("steps") if isinstance(body, dict) else None
    if not isinstance(steps, list) or not steps:
        raise CadenceError(f"{path}: cadence {name!r} needs a non-empty 'steps' list")
    parsed = []
    for number, step in enumerate(steps, 1):
        where = f"{path}: cadence {name!r}, step {number}"
        if not isinstance(step, dict):
            raise CadenceError(f'{where}: write it as {{ channel = "call", wait_days = 2 }}')
        channel, wait = step.get("channel"), step.get("wait_days", 0 if number == 1 else None)
        if channel not in CHANNELS:
            raise CadenceError(f"{where}: channel must be one of {', '.join(CHANNELS)}")
        if not isinstance(wait, int) or isinstance(wait, bool) or not 0 <= wait <= 60:
            raise CadenceError(f"{where}: wait_days must be a whole number from 0 to 60")
        parsed.append(Step(channel, wait, str(step.get("note", ""))))
    return Cadence(name, tuple(parsed))
