"""The main screen: queue | history | research, status line, one-key outcomes.

This screen owns the state changes: it asks the store, lets the domain decide
what an outcome means, and hands plain data to the widgets.
"""

from __future__ import annotations

from pathlib import Path

from pendulum import DateTime
from sqlite_utils import Database
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from followup_tui.domain import clock
from followup_tui.domain.display import day_and_time, duration_text
from followup_tui.domain.local_time import their_time, zone_of
from followup_tui.domain.models import Prospect, ProspectFile, Research, Touch
from followup_tui.domain.outcomes import Outcome, outcome_label, plan_after
from followup_tui.store import prospects as store
from followup_tui.store import touches as touch_store
from followup_tui.ui.screens.confirm import ConfirmScreen
from followup_tui.ui.screens.connected import ConnectedResult, ConnectedScreen
from followup_tui.ui.screens.find import FindScreen
from followup_tui.ui.screens.help import HelpRow, HelpScreen
from followup_tui.ui.screens.research_edit import ResearchEditScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.text import line, tell
from followup_tui.ui.widgets.history import HistoryPane
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import QueueList
from followup_tui.ui.widgets.research import ResearchPane
from followup_tui.ui.widgets.status_line import StatusLine

OUTCOMES = Binding.Group("log", compact=True)
NARROW = 120  # below this width the history and research panes stack
RESUME_DIAL_SECONDS = 15 * 60  # an unfinished dial older than this is history, not a call


class WorkspaceScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("workspace.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]
    BINDINGS = [
        Binding("d", "dial", "Dial", id="dial", tooltip="Start the dial timer; the dial is saved"),
        Binding("n", "no_answer", "No answer", id="no_answer", group=OUTCOMES,
                tooltip="No answer: log it, schedule the follow-up, move on"),
        Binding("v", "voicemail", "Voicemail", id="voicemail", group=OUTCOMES,
                tooltip="Left a voicemail: log it, schedule the follow-up, move on"),
        Binding("c", "connected", "Connected", id="connected", group=OUTCOMES,
                tooltip="Connected: a short note and the next step"),
        Binding("m", "meeting", "Meeting", id="meeting", group=OUTCOMES,
                tooltip="Meeting booked"),
        Binding("x", "not_interested", "Not interested", id="not_interested", group=OUTCOMES,
                tooltip="Not interested: off the queue, revisit in 90 days"),
        Binding("s", "schedule", "Schedule", id="schedule",
                tooltip="Schedule the next touch (their local time)"),
        Binding("e", "edit_research", "Notes", id="edit_research",
                tooltip="Edit the research notes"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last logged outcome"),
        Binding("slash", "find", "Find", id="find",
                tooltip="Find a prospect by name, company, email or phone"),
        Binding("escape", "cancel_dial", "Cancel dial", show=False, id="cancel_dial",
                tooltip="Cancel a dial started by mistake (nothing is logged)"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit"),
    ]  # fmt: skip

    def __init__(self, db: Database, rep_zone: str, home_region: str = "US") -> None:
        super().__init__()
        self.db = db
        self.rep_zone = rep_zone
        self.home_region = home_region
        self.current: ProspectFile | None = None
        self.dial: Touch | None = None
        self.dial_prospect: Prospect | None = None
        self._quit_armed = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            queue = QueueList(id="queue")
            queue.border_title = "Due now"
            yield queue
            with Vertical(id="file"):
                yield ProspectHeader(id="who", home_region=self.home_region)
                with Horizontal(id="detail"):
                    history = HistoryPane(id="history")
                    history.border_title = "History"
                    yield history
                    research = ResearchPane(id="research")
                    research.border_title = "Research"
                    yield research
        yield StatusLine(id="status")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._resume_open_dial()
        self.reload()
        self.query_one(QueueList).focus()
        self.set_interval(1.0, self._tick)
        self.set_interval(60.0, self._refresh_queue)

    # -- reading -------------------------------------------------------------
    @property
    def now(self) -> DateTime:
        return clock.now()

    def reload(self, keep_id: int | None = None) -> None:
        """Re-read the queue; keep the cursor on `keep_id` or at the same position."""
        now = self.now
        entries = store.due_queue(self.db, now)
        queue = self.query_one(QueueList)
        queue.border_title = f"Due now · {len(entries)}"
        if not entries:
            upcoming = store.next_due_at(self.db, now)
            if upcoming is not None:
                when = day_and_time(upcoming.in_tz(self.rep_zone))
                queue.border_subtitle = f"next due {when}"
            else:
                queue.border_subtitle = "nothing scheduled"
        else:
            queue.border_subtitle = ""
        queue.show(entries, now, keep_id=keep_id)
        if not entries and self.current is not None:
            self._show_file(self.current.prospect.id)
        self._update_status()

    def _refresh_queue(self) -> None:
        highlighted = self.query_one(QueueList).highlighted
        self.reload(keep_id=highlighted.id if highlighted else None)

    def on_queue_list_highlighted(self, message: QueueList.Highlighted) -> None:
        self._show_file(message.prospect.id if message.prospect else None)

    def _show_file(self, prospect_id: int | None) -> None:
        now = self.now
        file = store.prospect_file(self.db, prospect_id) if prospect_id is not None else None
        self.current = file
        self.query_one(ProspectHeader).show(file, now)
        self.query_one(HistoryPane).show(file.touches if file else [], self.rep_zone)
        self.query_one(ResearchPane).show(file, now)

    def _tick(self) -> None:
        now = self.now
        self.query_one(QueueList).tick(now)
        self.query_one(ProspectHeader).tick(now)
        self._update_status(counts=False)

    def _update_status(self, counts: bool = True) -> None:
        status = self.query_one(StatusLine)
        status.now = self.now
        status.rep_zone = self.rep_zone
        status.dial = self.dial
        status.dial_name = self.dial_prospect.name if self.dial_prospect else ""
        if counts:
            start = status.now.in_tz(self.rep_zone).start_of("day")
            status.counts = touch_store.day_counts(self.db, start, start.add(days=1))
            status.due = len(self.query_one(QueueList).entries)
        status.refresh_line()

    # -- dialing -------------------------------------------------------------
    def _resume_open_dial(self) -> None:
        """After a crash or quit mid-call, pick the running dial back up."""
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
        if not prospect.phone_e164 or prospect.phone_bad:
            problem = "marked as a wrong number" if prospect.phone_bad else prospect.phone_problem
            tell(self, f"No number to dial for {prospect.name}: {problem}.", severity="warning")
            return
        self.dial = touch_store.start_dial(self.db, prospect.id, self.now)
        self.dial_prospect = prospect
        self._update_status(counts=False)

    def action_cancel_dial(self) -> None:
        if self.dial is None:
            return
        touch_store.cancel_dial(self.db, self.dial.id)
        name = self.dial_prospect.name if self.dial_prospect else ""
        self.dial, self.dial_prospect = None, None
        tell(self, f"Dial to {name} cancelled; nothing logged.")
        self._refresh_after_change(None)

    # -- outcomes ------------------------------------------------------------
    def _current_prospect(self) -> Prospect | None:
        if self.current is None:
            tell(self, "No prospect selected.", severity="warning")
            return None
        return self.current.prospect

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
        notes: str = "",
        decision_maker: bool = False,
        callback_at: DateTime | None = None,
        ended_at: DateTime | None = None,
    ) -> None:
        """Log `outcome` for the prospect on the line (or on screen), after asking
        first when it would bring a parked prospect back into the queue."""
        prospect = self._outcome_target()
        if prospect is None:
            return
        if prospect.status == "active":
            self._write_outcome(prospect, outcome, notes, decision_maker, callback_at, ended_at)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write_outcome(prospect, outcome, notes, decision_maker, callback_at,
                                    ended_at)  # fmt: skip

        question = line(
            (prospect.name, "bold"),
            f" is {prospect.status.replace('_', ' ')}. Log ",
            (outcome_label(outcome), "bold"),
            " and put them back into the follow-up queue?",
        )
        self.app.push_screen(ConfirmScreen(question, "Log it", "Cancel"), answered)

    def _write_outcome(
        self,
        prospect: Prospect,
        outcome: Outcome,
        notes: str,
        decision_maker: bool,
        callback_at: DateTime | None,
        ended_at: DateTime | None,
    ) -> None:
        now = ended_at or self.now
        their_now = their_time(prospect, now) or now.in_tz(self.rep_zone)
        plan = plan_after(prospect, outcome, their_now, callback_at)
        dial = self.dial if self.dial and self.dial.prospect_id == prospect.id else None
        touch = touch_store.log_outcome(
            self.db,
            prospect.id,
            outcome,
            plan,
            now,
            dial=dial,
            notes=notes,
            decision_maker=decision_maker,
        )
        if dial is not None:
            self.dial, self.dial_prospect = None, None
        said = f"{outcome_label(outcome).capitalize()}: {prospect.name}"
        if touch.duration_s is not None:
            said += f" ({duration_text(touch.duration_s)})"
        if plan.next_touch_at is not None:
            said += f". Next touch {day_and_time(plan.next_touch_at)} their time"
        tell(self, said + ". u undoes.")
        # The cursor stays on whoever the rep moved to; if that was the logged
        # prospect, it lands on the next one.
        highlighted = self.query_one(QueueList).highlighted
        keep = highlighted.id if highlighted and highlighted.id != prospect.id else None
        self._refresh_after_change(keep)

    def _refresh_after_change(self, keep_id: int | None) -> None:
        """Reload the queue; after an outcome the cursor lands on the next prospect."""
        self.reload(keep_id=keep_id)
        highlighted = self.query_one(QueueList).highlighted
        self._show_file(highlighted.id if highlighted else None)

    def action_no_answer(self) -> None:
        self._log(Outcome.NO_ANSWER)

    def action_voicemail(self) -> None:
        self._log(Outcome.VOICEMAIL)

    def action_meeting(self) -> None:
        self._log(Outcome.MEETING)

    def action_not_interested(self) -> None:
        self._log(Outcome.NOT_INTERESTED)

    def action_connected(self) -> None:
        prospect = self._outcome_target()
        if prospect is None:
            return
        hung_up = self.now  # talk time ends now, not when the note is saved

        def logged(result: ConnectedResult | None) -> None:
            if result is not None:
                self._log(
                    result.outcome,
                    notes=result.note,
                    decision_maker=result.decision_maker,
                    callback_at=result.callback_at,
                    ended_at=hung_up if self.dial is not None else None,
                )

        self.app.push_screen(
            ConnectedScreen(prospect.name, self._zone_for(prospect), self.rep_zone), logged
        )

    def _zone_for(self, prospect: Prospect) -> str:
        return zone_of(prospect) or self.rep_zone

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
        self.reload(keep_id=undone.prospect_id)
        self._show_file(undone.prospect_id)

    # -- scheduling, research, finding ----------------------------------------
    def action_schedule(self) -> None:
        prospect = self._current_prospect()
        if prospect is None:
            return
        if prospect.do_not_call:
            tell(self, f"{prospect.name} is on the do-not-call list.", severity="error")
            return

        def chosen(when: DateTime | None) -> None:
            if when is None:
                return
            store.reschedule(self.db, prospect.id, when, self.now)
            tell(self, f"Next touch with {prospect.name}: {day_and_time(when)} their time.")
            self._refresh_after_change(None)

        self.app.push_screen(
            ScheduleScreen(prospect.name, self._zone_for(prospect), self.rep_zone), chosen
        )

    def action_edit_research(self) -> None:
        if self.current is None:
            tell(self, "No prospect selected.", severity="warning")
            return
        prospect = self.current.prospect
        research = self.current.research or Research(prospect_id=prospect.id)

        def saved(edited: Research | None) -> None:
            if edited is None:
                return
            store.save_research(self.db, edited, self.now)
            tell(self, f"Research on {prospect.name} saved.")
            self._show_file(prospect.id)

        self.app.push_screen(ResearchEditScreen(prospect.name, research), saved)

    def action_find(self) -> None:
        def found(prospect_id: int | None) -> None:
            if prospect_id is None:
                return
            if not self.query_one(QueueList).select_id(prospect_id):
                self._show_file(prospect_id)
                if self.current is not None:
                    tell(self, f"{self.current.prospect.name} is not due now; shown anyway.")

        self.app.push_screen(
            FindScreen(lambda text: store.find_prospects(self.db, text), self.home_region), found
        )

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[HelpRow]:
        """Every binding of this screen and the queue, with the keys in force now."""
        grouped: dict[str, tuple[list[str], Binding]] = {}
        for node in (self, self.query_one(QueueList)):
            for bindings in node._bindings.key_to_bindings.values():
                for binding in bindings:
                    if binding.id is None:
                        continue  # Textual's own (focus, copy, scroll): not ours to list
                    keys, _ = grouped.setdefault(binding.id or binding.action, ([], binding))
                    shown = self.app.get_key_display(binding)
                    if shown not in keys:
                        keys.append(shown)
        return [
            (", ".join(keys), b.description, b.tooltip or b.description)
            for keys, b in grouped.values()
        ]

    def action_quit(self) -> None:
        if self.dial is not None and not self._quit_armed:
            self._quit_armed = True
            tell(
                self,
                "A dial is running. Log its outcome first, or press q again to quit "
                "(the dial stays recorded).",
                severity="warning",
            )
            return
        self.app.exit()
