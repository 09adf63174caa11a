"""The main screen: queue | history | research, status line, one-key outcomes.

This screen owns the state changes: it asks the store, lets the domain decide
what an outcome means, and hands plain data to the widgets.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from pendulum import DateTime
from sqlite_utils import Database
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer

from followup_tui.domain import clock
from followup_tui.domain.call_block import CallBlock, tally
from followup_tui.domain.display import day_and_time, due_text, touch_count_text
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import Prospect, ProspectFile, Research, Touch
from followup_tui.domain.phones import parse_phone
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import (
    Candidate,
    Queue,
    QueueEntry,
    current_step,
    due_at,
    held_text,
    judge,
    short_hold,
)
from followup_tui.store import call_blocks as block_store
from followup_tui.store import prospects as store
from followup_tui.store import touches as touch_store
from followup_tui.store.db import database_file, open_db
from followup_tui.store.stats import stats_for
from followup_tui.ui.screens.block_actions import BlockActions
from followup_tui.ui.screens.calls import CallActions
from followup_tui.ui.screens.contact_edit import ContactEdit, ContactEditScreen
from followup_tui.ui.screens.find import FindScreen
from followup_tui.ui.screens.help import HelpRow, HelpScreen
from followup_tui.ui.screens.research_edit import ResearchEditScreen
from followup_tui.ui.screens.schedule import ScheduleScreen
from followup_tui.ui.screens.stats import StatsScreen
from followup_tui.ui.screens.zone import ZoneScreen
from followup_tui.ui.text import tell
from followup_tui.ui.widgets.history import HistoryPane
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import QueueList, Row
from followup_tui.ui.widgets.research import ResearchPane
from followup_tui.ui.widgets.status_line import StatusLine

OUTCOMES = Binding.Group("log", compact=True)
VIEW_TITLES = {"due": "Due now", "held": "Held", "parked": "Not now"}
NARROW = 120  # below this width the history and research panes stack


class WorkspaceScreen(CallActions, BlockActions, Screen[None]):
    CSS_PATH = Path(__file__).with_name("workspace.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]
    BINDINGS = [
        Binding("d", "dial", "Dial", id="dial", tooltip="Start the dial timer; the dial is saved"),
        Binding("n", "no_answer", "No answer", id="no_answer", group=OUTCOMES,
                tooltip="No answer: log it, plan the next step of the cadence, move on"),
        Binding("v", "voicemail", "Voicemail", id="voicemail", group=OUTCOMES,
                tooltip="Left a voicemail: log it, plan the next step, move on"),
        Binding("c", "connected", "Connected", id="connected", group=OUTCOMES,
                tooltip="Connected: a short note and the next step"),
        Binding("m", "meeting", "Meeting", id="meeting", group=OUTCOMES,
                tooltip="Meeting booked: leaves the cadence"),
        Binding("x", "not_interested", "Not interested", id="not_interested", group=OUTCOMES,
                tooltip="Not interested: to the not-now list with a revisit date"),
        Binding("l", "task_done", "Logged it", id="task_done", group=OUTCOMES,
                tooltip="Logged it: the email, LinkedIn message or letter of this step is done"),
        Binding("s", "schedule", "Sched", id="schedule",
                tooltip="Schedule the next touch (their local time)"),
        Binding("z", "not_now", "Not now", id="not_now", show=False,
                tooltip="Not now: park until a date, no touch logged"),
        Binding("e", "edit_research", "Notes", id="edit_research",
                tooltip="Edit the research notes"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last logged outcome"),
        Binding("slash", "find", "Find", id="find",
                tooltip="Find a prospect by name, company, email or phone"),
        Binding("1", "view('due')", "Due", id="view_due", show=False,
                tooltip="View: who to call now"),
        Binding("2", "view('held')", "Held", id="view_held", show=False,
                tooltip="View: held back (outside hours, caps, no number) and when they open"),
        Binding("3", "view('parked')", "Not now", id="view_parked", show=False,
                tooltip="View: the not-now list and revisit dates"),
        Binding("w", "wrong_number", "Wrong number", id="wrong_number", show=False,
                tooltip="Wrong number: no more dials to it"),
        Binding("D", "do_not_call", "Do not call", id="do_not_call", show=False,
                tooltip="Do not call: permanent (asks first)"),
        Binding("E", "edit_contact", "Edit contact", id="edit_contact", show=False,
                tooltip="Edit name, title, company, email, phone (a new number, say)"),
        Binding("Z", "set_zone", "Set zone", id="set_zone", show=False,
                tooltip="Set the prospect's time zone"),
        Binding("escape", "cancel_dial", "Cancel dial", show=False, id="cancel_dial",
                tooltip="Cancel a dial started by mistake (nothing is logged)"),
        Binding("b", "block", "Block", id="block",
                tooltip="Start a call block (duration and goal), or end the one running"),
        Binding("p", "pause_block", "Pause", id="pause_block", show=False,
                tooltip="Pause or resume the call block"),
        Binding("t", "stats", "Stats", id="stats", show=False,
                tooltip="Your numbers: dials, connect rate, persistence curve, best hours"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit"),
    ]  # fmt: skip

    def __init__(
        self, db: Database, rep_zone: str, home_region: str = "US", policy: Policy | None = None
    ) -> None:
        super().__init__()
        self.db = db
        self.due_count = self.held_count = 0
        self.rep_zone = rep_zone
        self.home_region = home_region
        self.policy = policy or Policy()
        self.view = "due"
        self.current: ProspectFile | None = None
        self.dial: Touch | None = None
        self.dial_prospect: Prospect | None = None
        self.block: CallBlock | None = None
        self.queue: Queue | None = None
        self.version = 0  # counts changes, so a queue read in a thread is not stale
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
        self.block = block_store.current_block(self.db)
        self.reload()
        self.query_one(QueueList).focus()
        self.set_interval(1.0, self._tick)
        self.set_interval(60.0, self._refresh_queue)

    # -- reading -------------------------------------------------------------
    @property
    def now(self) -> DateTime:
        return clock.now()

    def reload(
        self, keep_id: int | None = None, changed: Collection[int] = (), built: Queue | None = None
    ) -> None:
        """Re-read the queue (only the `changed` prospects when that is all that moved,
        none when `built` was read in a thread); keep the cursor on `keep_id` or at the
        same position."""
        now = self.now
        if built is None:
            self.version += 1
            if changed and self.queue is not None:
                built = store.queue_after_change(self.db, self.queue, changed, now, self.policy)
            else:
                built = store.queue_now(self.db, now, self.policy)
        self.queue = built
        self.due_count, self.held_count = len(built.ready), len(built.held)
        queue = self.query_one(QueueList)
        if self.view == "parked":
            rows = [parked_row(p) for p in store.parked(self.db)]
        else:
            entries = built.held if self.view == "held" else built.ready
            rows = [self._row(entry) for entry in entries]
        queue.border_title = f"{VIEW_TITLES[self.view]} · {len(rows)}"
        queue.border_subtitle = self._queue_subtitle(now, rows)
        queue.show(rows, now, keep_id=keep_id)
        if not rows and self.current is not None:
            self._show_file(self.current.prospect.id)
        self._update_status()

    def _row(self, entry: QueueEntry) -> Row:
        task = entry.step.short_label if entry.step and not entry.step.is_call else ""
        if entry.held:
            return Row(entry.prospect, short_hold(entry, self.now, self.rep_zone), "held", task)
        if entry.callback:
            return Row(entry.prospect, "callback", "callback", task)
        if entry.revisit:
            return Row(entry.prospect, "revisit", "callback", task)
        kind = "task" if task else "late"
        return Row(entry.prospect, due_text(entry.due_at, self.now), kind, task)

    def _queue_subtitle(self, now: DateTime, rows: list[Row]) -> str:
        if self.view != "due":
            return "1 due · 2 held · 3 not now"
        if rows:
            return f"{self.held_count} held (2 shows them)" if self.held_count else ""
        upcoming = store.next_due_at(self.db, now)
        if upcoming is None:
            return "nothing scheduled"
        return f"next due {day_and_time(upcoming.in_tz(self.rep_zone))}"

    def action_view(self, view: str) -> None:
        if view == self.view:
            return
        self.view = view
        self.query_one(QueueList).cursor = 0
        self.reload()
        highlighted = self.query_one(QueueList).highlighted
        self._show_file(highlighted.id if highlighted else None)

    def _refresh_queue(self) -> None:
        """Once a minute: who became due, whose window opened. Read in a thread with
        its own connection, so that a large database never holds up the keys."""
        path = database_file(self.db)
        if path is None:
            self._apply_refresh(store.queue_now(self.db, self.now, self.policy), self.version)
            return
        self._read_queue_in_thread(path, self.version)

    @work(thread=True, exclusive=True, group="queue-refresh")
    def _read_queue_in_thread(self, path: str, version: int) -> None:
        db = open_db(path)  # connections belong to one thread
        try:
            built = store.queue_now(db, self.now, self.policy)
        finally:
            db.close()
        self.app.call_from_thread(self._apply_refresh, built, version)

    def _apply_refresh(self, built: Queue, version: int) -> None:
        if version != self.version:
            return  # the rep changed something meanwhile; the next minute reads it again
        highlighted = self.query_one(QueueList).highlighted
        self.reload(keep_id=highlighted.id if highlighted else None, built=built)

    def on_queue_list_highlighted(self, message: QueueList.Highlighted) -> None:
        self._show_file(message.prospect.id if message.prospect else None)

    def _show_file(self, prospect_id: int | None) -> None:
        now = self.now
        file = store.prospect_file(self.db, prospect_id) if prospect_id is not None else None
        self.current = file
        self.query_one(ProspectHeader).show(file, now, self._cadence_text(file, now))
        self.query_one(HistoryPane).show(file.touches if file else [], self.rep_zone)
        self.query_one(ResearchPane).show(file, now)

    def _cadence_text(self, file: ProspectFile | None, now: DateTime) -> str:
        """'14 touches · step 4 of 12 · next: email Thu 10:15', or why they are held."""
        if file is None:
            return ""
        prospect = file.prospect
        cadence = self.policy.cadence(prospect.cadence)
        step = current_step(prospect, self.policy)
        due = due_at(prospect)
        place = min(prospect.cadence_step + 1, cadence.length)
        where = f"{touch_count_text(prospect.touch_count)} · step {place} of {cadence.length}"
        if step is None or due is None:
            return where
        if due > now:
            local = due.in_tz(zone_of(prospect) or self.rep_zone)
            return f"{where} · next: {step.label} {local.format('ddd HH:mm')}"
        recent = tuple(store.recent_touches(self.db, prospect.id, now))
        entry = judge(Candidate(prospect, recent=recent), now, self.policy)
        if entry is None or not entry.held:
            return f"{where} · next: {step.label} now"
        return f"{where} · held: {held_text(entry, self.rep_zone)}"

    def _tick(self) -> None:
        now = self.now
        self.query_one(QueueList).tick(now)
        self.query_one(ProspectHeader).tick(now)
        self._check_block_time()
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
            status.due = self.due_count
            status.block_numbers = (
                tally(self.block, block_store.block_touches(self.db, self.block.id), status.now)
                if self.block is not None
                else None
            )
        status.block = self.block
        status.refresh_line()

    def _current_prospect(self) -> Prospect | None:
        if self.current is None:
            tell(self, "No prospect selected.", severity="warning")
            return None
        return self.current.prospect

    def _refresh_after_change(self, keep_id: int | None, changed: Collection[int] = ()) -> None:
        """Reload the queue; after an outcome the cursor lands on the next prospect."""
        self.reload(keep_id=keep_id, changed=changed)
        highlighted = self.query_one(QueueList).highlighted
        self._show_file(highlighted.id if highlighted else None)

    def _zone_for(self, prospect: Prospect) -> str:
        return zone_of(prospect) or self.rep_zone

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
            self._refresh_after_change(None, changed=[prospect.id])

        self.app.push_screen(
            ScheduleScreen(prospect.name, self._zone_for(prospect), self.rep_zone), chosen
        )

    def action_edit_contact(self) -> None:
        prospect = self._current_prospect()
        if prospect is None:
            return

        def saved(edit: ContactEdit | None) -> None:
            if edit is None:
                return
            phone = parse_phone(edit.phone_raw, self.home_region)
            store.update_contact(self.db, prospect.id, name=edit.name, title=edit.title,
                                 company=edit.company, email=edit.email, phone=phone,
                                 now=self.now)  # fmt: skip
            tell(self, f"Contact details of {edit.name} saved.")
            self._refresh_after_change(prospect.id, changed=[prospect.id])

        self.app.push_screen(ContactEditScreen(prospect, self.home_region), saved)

    def action_set_zone(self) -> None:
        prospect = self._current_prospect()
        if prospect is None:
            return

        def chosen(zone: str | None) -> None:
            if zone is None:
                return
            store.set_timezone(self.db, prospect.id, zone or None, self.now)
            said = zone or "the phone number's zone"
            tell(self, f"{prospect.name}: time zone set to {said}.")
            self._refresh_after_change(prospect.id, changed=[prospect.id])

        self.app.push_screen(ZoneScreen(prospect.name, prospect.timezone), chosen)

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

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen(stats_for(self.db, self.now, self.rep_zone)))

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


def parked_row(prospect: Prospect) -> Row:
    """A not-now list row: when the prospect comes back."""
    back = prospect.revisit_at.format("D MMM") if prospect.revisit_at else "no date"
    return Row(prospect, f"back {back}", "parked")
