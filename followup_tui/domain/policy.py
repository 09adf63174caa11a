"""The follow-up policy in force: cadences, calling rules, caps, revisit delay."""

from __future__ import annotations

from msgspec import Struct, field

from followup_tui.domain.cadence import DEFAULT_CADENCE, Cadence, builtin_cadences
from followup_tui.domain.calling_hours import CallingRules, load_rules
from followup_tui.domain.caps import Caps

REVISIT_DAYS = 90


class Policy(Struct, frozen=True):
    cadences: dict[str, Cadence] = field(default_factory=builtin_cadences)
    rules: CallingRules = field(default_factory=load_rules)
    caps: Caps = field(default_factory=Caps)
    revisit_days: int = REVISIT_DAYS
    default_cadence: str = DEFAULT_CADENCE

    def cadence(self, name: str | None) -> Cadence:
        """The named cadence; an unknown name (a deleted custom one) falls back to the default."""
        return self.cadences.get(name or "", self.cadences[self.default_cadence])
