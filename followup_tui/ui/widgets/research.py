"""The research that gets a rep called back: reason to call, facts, pains, signals."""

from __future__ import annotations

from pendulum import DateTime
from textual.content import Content
from textual.widgets import Static

from followup_tui.domain.display import column_date
from followup_tui.domain.models import ProspectFile, Touch
from followup_tui.domain.outcomes import CONVERSATIONS, outcome_label
from followup_tui.domain.signals import signal_detail, signal_label
from followup_tui.ui.text import line, user_text
from followup_tui.ui.widgets.reading_pane import ReadingPane

SECTIONS = (
    ("reason_to_call", "Reason to call"),
    ("company_facts", "Company"),
    ("pains_goals", "Pains & goals"),
    ("notes", "Notes"),
)


class ResearchPane(ReadingPane):
    DEFAULT_CSS = """
    ResearchPane { height: 1fr; }
    ResearchPane > Static { width: 100%; }
    """

    def __init__(self, *, id: str | None = None, rep_zone: str = "UTC") -> None:
        super().__init__(id=id)
        self._body = Static()
        self.rep_zone = rep_zone  # dates show in the rep's zone

    def compose(self):
        yield self._body

    def show(self, file: ProspectFile | None, now: DateTime) -> None:
        self.scroll_home(animate=False)
        self._body.update(research_content(file, now, self.rep_zone))


def research_content(file: ProspectFile | None, now: DateTime, rep_zone: str) -> Content:
    """The last conversation first (dated in the rep's zone), then the research."""
    if file is None:
        return Content("")
    parts: list[Content] = []
    research = file.research
    # Before the call: the reason to call, and what was said last time.
    last = last_conversation(file.touches)
    if last is not None:
        who = " with the decision maker" if last.decision_maker else ""
        parts.append(line(("Last conversation", "bold $accent"),
                          (f"  {column_date(last.started_at.in_tz(rep_zone), now)}, "
                           f"{outcome_label(last.outcome)}{who}", "$text-muted")))  # fmt: skip
        parts.append(user_text(last.notes.strip() or "no notes taken"))
        parts.append(Content(""))
    for field, title in SECTIONS:
        text = getattr(research, field, "") if research else ""
        parts.append(line((title, "bold $accent")))
        if text.strip():
            parts.append(user_text(text.strip()))
        else:
            parts.append(line(("—", "$text-muted")))
        parts.append(Content(""))
    parts.append(line(("Warm signals", "bold $accent")))
    if not file.signals:
        parts.append(line(("none yet (cold)", "$text-muted")))
    for signal in file.signals:
        days = max(0, (now - signal.occurred_at).in_days())
        parts.append(
            line(
                "• ",
                (signal_label(signal.kind), "bold"),
                ": " if signal.detail else "",
                user_text(signal_detail(signal.kind, signal.detail)),
                (f"  {days}d ago", "$text-muted"),
            )
        )
    return Content("\n").join(parts)


def last_conversation(touches: list[Touch]) -> Touch | None:
    """The newest touch in which the rep spoke with someone (touches come newest first)."""
    return next((t for t in touches if t.outcome in CONVERSATIONS), None)
