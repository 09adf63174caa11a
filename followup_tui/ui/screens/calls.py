"""Dialing and logging: the keys a rep presses dozens of times an hour.

A mixin of WorkspaceScreen, kept apart so that the screen's layout and views
and the rules of a call each have a module of their own. It asks the store,
lets the domain decide (plan_after, hold_for) and asks the rep before
anything they may not mean: dialing past a cap or outside hours (recorded as
an override), retiring a prospect early, waking a parked one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pendulum import DateTime

from followup_tui.domain.cadence import MIN_TOUCHES
from followup_tui.domain.caps import TouchTime
from followup_tui.domain.display import day_and_time, duration_text
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import Prospect
from followup_tui.domain.outcomes import (
    PARKED,
    RETIRING,
    Decision,
    Outcome,
    Status,
    decision_for,
    outcome_label,
    plan_after,
)
from followup_tui.domain.queue import current_step, due_at, hold_for
from followup_tui.store import prospects as store
from followup_tui.store import touches as touch_store
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.screens.connected import ConnectedResult, ConnectedScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.text import line, tell
from followup_tui.ui.widgets.queue_list import QueueList

if TYPE_CHECKING:
    from followup_tui.ui.screens.workspace import WorkspaceScreen

    _Base = WorkspaceScreen
else:
    _Base = object

# Holds the rep cannot override: there is no number or zone to call.
HARD_HOLDS = ("wrong number", "no valid number", "time zone unknown")


class CallActions(_Base):
    # -- dialing -------------------------------------------------------------
    def _resume_open_dial(self) -> None:
        """After a crash or quit mid-call, pick a recent running dial back up."""
        dial = touch_store.open_dial(self.db)
        if dial is None:
            return
        prospect = store.get_prospect(self.db, dial.prospect_id)
        started = day_and_time(dial.started_at.in_tz(self.rep_zone))
        name = prospect.name if prospect else "?"
        if (self.now - dial.started_at).total_seconds() > RESUME_DIAL_SECONDS:
            tell(self, f"A dial to {name} at {started} was never logged; it stays in the history.")
            return
        self.dial, self.dial_prospect = dial, prospect
        tell(self, f"Resumed the dial to {name} started {started}: log its outcome.")

    def action_dial(self) -> None:
        if self.dial is not None and self.dial_prospect is not None:
            tell(
                self,
                f"Already dialing {self.dial_prospect.name}: log the outcome (n v c m x) "
                "or Esc to cancel the dial.",
                severity="warning",
            )
            return
        prospect = self._current_prospect()
        if prospect is None:
            return
        if prospect.do_not_call:
            tell(self, f"{prospect.name} is on the do-not-call list.", severity="error")
            return
        step = current_step(prospect, self.policy)
        recent = store.recent_touches(self.db, prospect.id, self.now)
        reason, opens_at = hold_for(prospect, None, recent, self.now, self.policy)
        if reason is None:
            self._start_dial(prospect)
            return
        if reason.startswith(HARD_HOLDS):
            tell(self, f"Cannot dial {prospect.name}: {reason}.", severity="warning")
            return
        when = ""
        if opens_at is not None:
            local = opens_at.in_tz(zone_of(prospect) or self.rep_zone)
            when = f" (allowed from {local.format('ddd HH:mm')} their time)"
        task = f" Today's step is a {step.label}." if step and not step.is_call else ""
        question = line(
            (prospect.name, "bold"), f": {reason}{when}.{task} Dial anyway? ",
            ("It is recorded as an override.", "$text-warning"),
        )  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self._start_dial(prospect, override=reason)

        self.app.push_screen(ConfirmScreen(question, "Dial anyway", "Don't"), answered)

    def _start_dial(self, prospect: Prospect, override: str = "") -> None:
        self.dial = touch_store.start_dial(
            self.db, prospect.id, self.now, override=override, block_id=self.block_id
        )
        self.dial_prospect = prospect
        self._update_status(counts=False)

    def action_cancel_dial(self) -> None:
        if self.dial is None:
            return
        touch_store.cancel_dial(self.db, self.dial.id)
        name = self.dial_prospect.name if self.dial_prospect else ""
        prospect_id = self.dial.prospect_id
        self.dial, self.dial_prospect = None, None
        tell(self, f"Dial to {name} cancelled; nothing logged.")
        self._refresh_after_change(None, changed=[prospect_id])

    # -- outcomes ------------------------------------------------------------
    def _outcome_target(self) -> Prospect | None:
        """The prospect on the line if a dial runs, else the one on screen; never a
        do-not-call prospect."""
        if self.dial_prospect is not None:
            prospect = store.get_prospect(self.db, self.dial_prospect.id)
        else:
            prospect = self._current_prospect()
        if prospect is not None and prospect.do_not_call:
            tell(self, f"{prospect.name} is on the do-not-call list: nothing logged.",
                 severity="error")  # fmt: skip
            return None
        return prospect

    def _log(
        self,
        outcome: Outcome,
        *,
        channel: str = "call",
        notes: str = "",
        decision_maker: bool = False,
        decision: Decision | None = None,
        when: DateTime | None = None,
        ended_at: DateTime | None = None,
        prospect: Prospect | None = None,
        on_declined: Callable[[], None] | None = None,
    ) -> None:
        """Log `outcome`, after the questions a careful colleague would ask: waking a
        parked prospect, retiring one before MIN_TOUCHES without ever reaching a
        decision maker, making one do-not-call. `on_declined` runs if the rep says no."""
        prospect = prospect or self._outcome_target()
        if prospect is None:
            return
        decision = decision or (Decision.CALLBACK if when else decision_for(outcome))

        def write() -> None:
            self._write_outcome(
                prospect, outcome, channel, notes, decision_maker, decision, when, ended_at
            )

        checks = []
        if prospect.status != Status.ACTIVE and not self._revisit_due(prospect):
            checks.append(
                line(
                    (prospect.name, "bold"),
                    f" is {prospect.status.replace('_', ' ')}. Log ",
                    (outcome_label(outcome), "bold"),
                    " and put them back into the follow-up queue?",
                )
            )
        if decision in RETIRING and not decision_maker:
            early = self._giving_up_early(prospect, touches_after=prospect.touch_count + 1)
            if early is not None:
                checks.append(early)
        permanent = decision == Decision.DO_NOT_CALL
        if permanent:
            checks.append(self._do_not_call_question(prospect))
        self._ask_all(checks, write, on_declined, permanent=permanent)

    def _do_not_call_question(self, prospect: Prospect):
        return line(
            "Put ", (prospect.name, "bold"), " on the do-not-call list? ",
            ("This is permanent: only `followup dnc remove` takes it back.", "$text-warning"),
        )  # fmt: skip

    def _revisit_due(self, prospect: Prospect) -> bool:
        due = due_at(prospect)
        return prospect.status in PARKED and due is not None and due <= self.now

    def _giving_up_early(self, prospect: Prospect, touches_after: int):
        """The give-up guard's question, or None when retiring now is fair."""
        if touches_after >= MIN_TOUCHES or touch_store.reached_decision_maker(self.db, prospect.id):
            return None
        return line(
            ("Giving up early? ", "bold $text-warning"),
            (prospect.name, "bold"),
            f" would leave after {touches_after} touch{'es' if touches_after != 1 else ''},"
            " without ever reaching the decision maker. Reaching an executive takes",
            f" {MIN_TOUCHES} or more. Retire anyway?",
        )

    def _ask_all(
        self,
        questions: list,
        then: Callable[[], None],
        on_declined: Callable[[], None] | None = None,
        *,
        permanent: bool = False,
    ) -> None:
        """Ask each question in turn; run `then` only if the rep says yes to all, else
        `on_declined`. With `permanent`, the last question takes only `y`."""
        if not questions:
            then()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._ask_all(questions[1:], then, on_declined, permanent=permanent)
            elif on_declined is not None:
                on_declined()

        last = len(questions) == 1
        self.app.push_screen(
            ConfirmScreen(questions[0], "Yes", "No", permanent=permanent and last), answered
        )

    def _write_outcome(
        self,
        prospect: Prospect,
        outcome: Outcome,
        channel: str,
        notes: str,
        decision_maker: bool,
        decision: Decision,
        when: DateTime | None,
        ended_at: DateTime | None,
    ) -> None:
        now = ended_at or self.now
        history = [
            *store.recent_touches(self.db, prospect.id, now),
            TouchTime(now, channel == "call"),
        ]
        plan = plan_after(
            prospect,
            outcome,
            now,
            self.policy,
            history=history,
            decision=decision,
            callback_at=when if decision == Decision.CALLBACK else None,
            revisit_at=when if decision in RETIRING else None,
            fallback_zone=self.rep_zone,
        )
        dial = self.dial if self.dial and self.dial.prospect_id == prospect.id else None
        touch = touch_store.log_outcome(
            self.db, prospect.id, outcome, plan, now, dial=dial, channel=channel, notes=notes,
            decision_maker=decision_maker, block_id=self.block_id,
        )  # fmt: skip
        if dial is not None:
            self.dial, self.dial_prospect = None, None
        said = f"{outcome_label(outcome).capitalize()}: {prospect.name}"
        if touch.duration_s is not None:
            said += f" ({duration_text(touch.duration_s)})"
        local_zone = zone_of(prospect) or self.rep_zone
        if plan.next_touch_at is not None:
            said += f". Next touch {day_and_time(plan.next_touch_at.in_tz(local_zone))} their time"
        if plan.revisit_at is not None:
            where = "Cadence done: on" if plan.cadence_finished else "On"
            said += f". {where} the not-now list until {plan.revisit_at.format('D MMM YYYY')}"
        if plan.do_not_call:
            tell(self, said + ". This is permanent.")
        else:
            tell(self, said + ". u undoes.")
        # The cursor stays on whoever the rep moved to; if that was the logged
        # prospect, it lands on the next one.
        highlighted = self.query_one(QueueList).highlighted
        keep = highlighted.id if highlighted and highlighted.id != prospect.id else None
        self._refresh_after_change(keep, changed=[prospect.id])

    def action_no_answer(self) -> None:
        self._log(Outcome.NO_ANSWER)

    def action_voicemail(self) -> None:
        self._log(Outcome.VOICEMAIL)

    def action_meeting(self) -> None:
        self._log(Outcome.MEETING)

    def action_wrong_number(self) -> None:
        self._log(Outcome.WRONG_NUMBER)

    def action_task_done(self) -> None:
        """`l`: the email, LinkedIn message or letter of this step is done."""
        prospect = self._outcome_target()
        if prospect is None:
            return
        step = current_step(prospect, self.policy)
        if step is None or step.is_call:
            tell(self, "This step is a call: d dials, then n, v or c logs it.", severity="warning")
            return
        self._log(Outcome.SENT, channel=step.channel, prospect=prospect)

    def action_do_not_call(self) -> None:
        self._log(Outcome.DO_NOT_CALL, decision=Decision.DO_NOT_CALL)

    def action_not_interested(self) -> None:
        self._ask_revisit(Outcome.NOT_INTERESTED, "Not interested. Revisit ")

    def action_not_now(self) -> None:
        """`z`: park the prospect until a date, logging no touch."""
        if self.dial is not None:
            tell(self, "Log the running call first (c lets you choose 'not now').",
                 severity="warning")  # fmt: skip
            return
        self._ask_revisit(None, "Not now. Come back to ")

    def _ask_revisit(self, outcome: Outcome | None, title: str) -> None:
        prospect = self._outcome_target()
        if prospect is None:
            return

        def chosen(when: DateTime | None) -> None:
            if when is None:
                return
            if outcome is not None:
                self._log(outcome, when=when, decision=Decision.NOT_INTERESTED,
                          prospect=prospect)  # fmt: skip
                return
            early = self._giving_up_early(prospect, touches_after=prospect.touch_count)
            self._ask_all([early] if early else [], lambda: self._park(prospect, when))

        self.app.push_screen(
            ScheduleScreen(prospect.name, self._zone_for(prospect), self.rep_zone,
                           title=title, initial=f"+{self.policy.revisit_days}d"),
            chosen,
        )  # fmt: skip

    def _park(self, prospect: Prospect, when: DateTime) -> None:
        plan = plan_after(prospect, Outcome.SENT, self.now, self.policy,
                          decision=Decision.NOT_NOW, revisit_at=when,
                          fallback_zone=self.rep_zone)  # fmt: skip
        touch_store.park(self.db, prospect.id, plan, self.now)
        tell(self, f"{prospect.name}: not now, back on {when.format('D MMM YYYY')}. u undoes.")
        self._refresh_after_change(None, changed=[prospect.id])

    def action_connected(self) -> None:
        prospect = self._outcome_target()
        if prospect is not None:
            self._ask_connected(prospect, self.now)  # talk time ends now, not at saving

    def _ask_connected(
        self, prospect: Prospect, hung_up: DateTime, draft: ConnectedResult | None = None
    ) -> None:
        def logged(result: ConnectedResult | None) -> None:
            if result is not None:
                self._log(
                    result.outcome,
                    notes=result.note,
                    decision_maker=result.decision_maker,
                    decision=result.decision,
                    when=result.when,
                    ended_at=hung_up if self.dial is not None else None,
                    prospect=prospect,
                    # "No" to a question brings the dialog back as it was filled in.
                    on_declined=lambda: self._ask_connected(prospect, hung_up, result),
                )

        self.app.push_screen(
            ConnectedScreen(prospect.name, self._zone_for(prospect), self.rep_zone, draft),
            logged,
        )

    def action_undo(self) -> None:
        try:
            undone = touch_store.undo_last_outcome(self.db)
        except touch_store.UndoRefused as refused:
            tell(self, str(refused), severity="error")
            return
        if undone is None:
            tell(self, "Nothing to undo.")
            return
        tell(self, f"Undone: {outcome_label(undone.outcome)} for {undone.prospect_name}.")
        self.reload(keep_id=undone.prospect_id, changed=[undone.prospect_id])
        self._show_file(undone.prospect_id)


RESUME_DIAL_SECONDS = 15 * 60  # an unfinished dial older than this is history, not a call
