"""The main screen: queue | history | research, status line, one-key outcomes.

The screen renders and asks; the session core (followup_tui/session) decides
and does the database work in worker threads (ui/session_runner.py), whose
results come back as messages. No key handler waits for the database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Coroutine
from contextlib import ExitStack
from functools import partial
from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec.structs import replace
from pendulum import DateTime
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from followup_tui.config import PowerDial
from followup_tui.domain.dialing import DialerSettings, DialNumber, number_to_dial
from followup_tui.domain.display import day_and_time, due_text, duration_words
from followup_tui.domain.models import PhoneNumber, Prospect, Research
from followup_tui.domain.numbers import numbers_of
from followup_tui.domain.outcomes import Decision, Outcome
from followup_tui.domain.phones import format_phone
from followup_tui.domain.queue import QueueEntry, callback_tag, is_due_again, short_hold
from followup_tui.session.core import ContactEdit, ImportOutcome, WorkSession
from followup_tui.session.results import FileView, Found, Numbers, Result, Running
from followup_tui.ui.compositor import draw_only_what_shows
from followup_tui.ui.dialer import Dialer
from followup_tui.ui.import_command import COMMAND as IMPORT
from followup_tui.ui.memory import Collector
from followup_tui.ui.messages import Failed, Read, Wrote
from followup_tui.ui.session_runner import SessionRunner
from followup_tui.ui.text import line, tell
from followup_tui.ui.widgets.countdown import Countdown
from followup_tui.ui.widgets.history import HistoryPane
from followup_tui.ui.widgets.key_hints import NO_CHANGE, HintsNow, KeyHints
from followup_tui.ui.widgets.prospect_header import ProspectHeader
from followup_tui.ui.widgets.queue_list import Describe, ProspectOf, QueueList, Row
from followup_tui.ui.widgets.research import ResearchPane
from followup_tui.ui.widgets.status_line import StatusLine
from followup_tui.ui.width_classes import take_width_class

# The dialogs are imported when first opened: start-up paints the queue without them.
if TYPE_CHECKING:
    from followup_tui.domain.email_templates import EmailTemplate
    from followup_tui.domain.stats import Stats
    from followup_tui.intake.importing import ImportProgress
    from followup_tui.ui.screens.call_block import BlockPlan
    from followup_tui.ui.screens.connected import ConnectedResult
    from followup_tui.ui.screens.help import HelpRow

OUTCOMES = Binding.Group("log", compact=True)
VIEW_TITLES = {"due": "Due now", "held": "Held", "parked": "Not now", "calls": "Calls",
               "tasks": "Tasks"}  # fmt: skip
VIEW_KEYS = "1=due 4=calls 5=tasks"  # keys, not counts ("1 due" read as one); fits 80 columns
BLOCK_VIEW_KEYS = "1=calls 5=tasks"  # in a call block, where `1` shows the calls
# What the queue's tag column says, by view.
TAG_LABELS = {"due": "Due", "held": "Held: why, opens", "parked": "Back on", "calls": "Due",
              "tasks": "Due"}  # fmt: skip
NARROW = 120  # below this width the history and research panes stack
XWIDE = 150  # from this width the queue takes half the screen
MOVING_PAUSE_S = 0.06  # the side panes follow the cursor once it stops for this long
CHECK_S = 2.0  # how often to look for other writers and for who became due
FIRST_PAGE_LEAST = 48  # rows of the first page, however short the terminal
FIRST_ROWS_WAIT_S = 0.5  # the whole queue is read this soon after start-up at the latest
FIRST_FRAME_WAIT_S = 0.3  # the screen is drawn this soon at the latest, rows or not
STYLES = {"": "", "name": "bold", "strong": "bold", "warning": "bold $text-warning"}
COUNTDOWN_TICK_S = 0.2  # how often the wrap-up countdown looks at the clock
# Writes of the app's own, not the rep's: keys typed meanwhile act at once.
UNSEEN_WRITES = frozenset({"keep_up", "merge", "look"})


FIRST_RUN = (
    f"Import your leads from a CSV file (a CRM export): ctrl+p, then {IMPORT!r}; or "
    "`followup import leads.csv` in a terminal (`followup import --help` says which "
    "columns it reads). `followup --demo` opens invented sample prospects to try."
)


class WorkspaceScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("workspace.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide"), (XWIDE, "-xwide")]
    BINDINGS = [
        Binding("d", "dial", "Dial", id="dial",
                tooltip="Dial: hand the number to your phone ([dialer] in config.toml) and "
                        "start the timer; the dial is saved"),
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
                tooltip="Schedule the next touch (their local time); during a dial, it is "
                        "the next touch once the call is logged"),
        Binding("a", "add_note", "Add note", id="add_note", show=False,
                tooltip="Add a note to the touch just logged (or to the running dial)"),
        Binding("h", "hang_up", "Hung up", id="hang_up", show=False,
                tooltip="The call ended: its length stops here; then log the outcome"),
        Binding("f", "finish_dial", "Finish dial", id="finish_dial", show=False,
                tooltip="Log the outcome of a dial to this prospect that was never logged"),
        Binding("z", "not_now", "Not now", id="not_now", show=False,
                tooltip="Not now: park until a date, no touch logged"),
        Binding("e", "edit_research", "Notes", id="edit_research",
                tooltip="Edit the research notes"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last outcome, park or schedule"),
        Binding("slash", "find", "Find", id="find",
                tooltip="Find a prospect by name, company, email or phone"),
        Binding("1", "view('due')", "Due", id="view_due", show=False,
                tooltip="View: who to call now"),
        Binding("2", "view('held')", "Held", id="view_held", show=False,
                tooltip="View: held back (outside hours, caps, no number) and when they open"),
        Binding("3", "view('parked')", "Not now", id="view_parked", show=False,
                tooltip="View: the not-now list and revisit dates"),
        Binding("4", "view('calls')", "Calls", id="view_calls", show=False,
                tooltip="View: only the calls you may dial now (what 1 shows during a block)"),
        Binding("5", "view('tasks')", "Tasks", id="view_tasks", show=False,
                tooltip="View: the email, LinkedIn, letter and text steps due, with the "
                        "email address"),
        Binding("y", "copy_email", "Copy email", id="copy_email", show=False,
                tooltip="Copy the prospect's email address to the clipboard"),
        Binding("M", "mail", "Mail", id="mail", show=False,
                tooltip="Write the email: a template filled in, opened in your mail program "
                        "(l then logs it)"),
        Binding("A", "power_dial", "Power dial", id="power_dial", show=False,
                tooltip="Power dialing on or off: after a call's outcome, the next call is "
                        "dialed after a wrap-up countdown"),
        Binding("w", "wrong_number", "Wrong number", id="wrong_number", show=False,
                tooltip="Wrong number: no more dials to it"),
        Binding("D", "do_not_call", "Do not call", id="do_not_call", show=False,
                tooltip="Do not call: permanent (asks first)"),
        Binding("E", "edit_contact", "Edit contact", id="edit_contact", show=False,
                tooltip="Edit name, title, company, email, phone (a new number, say)"),
        Binding("N", "pick_number", "Other number", id="pick_number", show=False,
                tooltip="Dial another of the prospect's numbers (during a dial: switch to it)"),
        Binding("Z", "set_zone", "Set zone", id="set_zone", show=False,
                tooltip="Set the prospect's time zone"),
        Binding("escape", "cancel_dial", "Cancel dial", show=False, id="cancel_dial",
                tooltip="Discard a dial started by mistake (nothing is logged; asks after "
                        "a few seconds)"),
        Binding("b", "block", "Block", id="block",
                tooltip="Start a call block (duration and goal), or end the one running"),
        Binding("p", "pause_block", "Pause", id="pause_block", show=False,
                tooltip="Pause or resume the call block"),
        Binding("t", "stats", "Stats", id="stats", show=False,
                tooltip="Your numbers: dials, connect rate, persistence curve, best hours"),
        Binding("T", "team", "Team", id="team", show=False,
                tooltip="The team's numbers: one row per rep (dials, connects, meetings, "
                        "talk time, gave up early)"),
        Binding("f1,alt+1", "focus_pane('queue')", "Queue", id="pane_queue", show=False,
                tooltip="Move to the queue (Tab goes round the panes)"),
        Binding("f2,alt+2", "focus_pane('history')", "History", id="pane_history", show=False,
                tooltip="Move to the history, to scroll it (arrows, j/k, PgUp/PgDn)"),
        Binding("f3,alt+3", "focus_pane('research')", "Research", id="pane_research",
                show=False, tooltip="Move to the research, to scroll it"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit followup (asks first during a dial)"),
    ]  # fmt: skip

    def __init__(
        self,
        session: WorkSession,
        home_region: str = "US",
        collector: Collector | None = None,
        dialer: DialerSettings | None = None,
        *,
        power_dial: PowerDial | None = None,
    ) -> None:
        super().__init__()
        draw_only_what_shows(self)  # a j repaints two rows, not seven widgets
        take_width_class(self)
        self.session = session
        self.runner = SessionRunner(self, session, collector)
        self.dialer = Dialer(self, dialer or DialerSettings(), self._update_status)
        self.home_region = home_region
        self.view = "due"
        self._left_at: dict[str, int] = {}  # the prospect each view was left on
        self._shown_view = "due"  # what the list shows: `1` shows the calls during a block
        self.power_dial = power_dial or PowerDial()
        self.power = self.power_dial.auto_advance  # on now (A turns it on or off)
        self._countdown_at: DateTime | None = None  # when the next call is dialed
        self._countdown_paused = False
        self._countdown_timer: Timer | None = None
        self.parked_items: list[Prospect] = []
        self._parked_read = False  # the not-now list is counted once it has been read
        self.file: FileView | None = None
        self.numbers = Numbers()
        self._reading_queue = False
        self._read_queue_again = False
        self._queue_read_begun = False  # the first whole read (after the first rows)
        self._first_read_timer: Timer | None = None  # begins it if the rows are slow to draw
        self._resumed = False  # see _on_screen_resume
        self._frames_held: ExitStack | None = None  # see _hold_frames
        self._hinted: tuple[int, bool] | None = None  # the dial the key line is for
        self._ending_block = False
        # What brings back a dialog as the rep filled it in, by the tag of its write:
        # after "no" to a question, or when the database refused the write.
        self._reopen: dict[str, Callable[[], None]] = {}
        # Keys typed while a write of the rep's was on its way: `n d` typed at once
        # dialed the prospect just logged, as the list had not moved yet. They act,
        # in order, once the screen shows what the write did; after a question or a
        # refusal they were typed for a screen that never came, and are dropped.
        self._typed_ahead: list[tuple[str, str | None]] = []  # (key, character)
        self._keys_under_way = 0  # passed on by the list, not yet at the bindings
        self._opened: int | None = None  # a prospect opened from find, not in the list
        self._file_timer: Timer | None = None
        self._file_wanted: int | None = None  # whose file the timer will read
        self._importing = ""  # how far an in-app import got, for the queue's border
        self._stop_import = threading.Event()
        self._showing = 0  # screens being filled by _show_later
        # The connected dialog closed with Esc: (prospect, dial, what was filled in).
        self._connected_draft: tuple[int, int | None, ConnectedResult] | None = None

    def compose(self) -> ComposeResult:
        yield Countdown(id="countdown")  # at the top: notifications cover the bottom right
        with Horizontal(id="panes"):
            queue = QueueList(id="queue")
            queue.border_title = "Due now"
            # The list runs its own keys at once unless an earlier key is still on its
            # way to the bindings, or a write may still move it (type_ahead), or the
            # countdown is to see the key first (on_key).
            queue.answers_keys = self._list_answers_keys
            queue.passes_on = self._key_under_way
            yield queue
            # The prospect's panes are laid out and drawn once the first rows are on
            # the terminal, a frame later: not laid out before, the rows come sooner
            # (their file is read only once the cursor rests on them, after that).
            with Vertical(id="file") as file:
                file.display = False
                yield ProspectHeader(self.session.rep_zone, id="who", home_region=self.home_region)
                with Horizontal(id="detail"):
                    history = HistoryPane(id="history")
                    history.border_title = "History"
                    yield history
                    research = ResearchPane(id="research", rep_zone=self.session.rep_zone)
                    research.border_title = "Research"
                    yield research
        yield StatusLine(id="status")
        yield KeyHints()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first resume, right after the screen was mounted and styled, does not
        style every widget again (Textual's does: about 10 ms of the start-up, while
        the first rows' read waits for the interpreter); later ones do."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
        super()._on_screen_resume(event)

    def on_mount(self) -> None:
        self.query_one(StatusLine).rep_zone = self.session.rep_zone
        self.runner.start()
        # The first page: two screens of rows, to paint at once; the whole queue follows.
        first_page = max(FIRST_PAGE_LEAST, 2 * self.app.size.height)
        self.runner.write(partial(self.session.start, first_page=first_page), "start")
        self._hold_frames()
        self.query_one(QueueList).focus()
        self.set_interval(1.0, self._tick)
        self.set_interval(CHECK_S, self._keep_up)
        if self.session.read_only:
            tell(self, "Read-only database: you can look, but nothing will be saved.",
                 severity="warning", timeout=10, keep=True)  # fmt: skip

    def _hold_frames(self) -> None:
        """No frame until the first rows are read (FIRST_FRAME_WAIT_S at most): a
        frame of the empty list would be drawn only to be drawn again, and while it
        is, the first rows' read waits for the interpreter (10 ms of the start-up
        with _compositor_refresh)."""
        self._frames_held = ExitStack()
        self._frames_held.enter_context(self.app.batch_update())
        self.set_timer(FIRST_FRAME_WAIT_S, self._draw_frames)

    def _draw_frames(self) -> None:
        if self._frames_held is not None:
            held, self._frames_held = self._frames_held, None
            held.close()
            self.refresh()  # the whole screen, drawn for the first time

    def _compositor_refresh(self) -> None:
        """While frames are held (_hold_frames), nothing is drawn: Textual's batch
        only keeps a drawn frame off the terminal, and drawing the empty workspace
        held up the first rows' read by 5 ms. Textual is pinned below 9; this
        overrides a private method of `Screen`, as ui/compositor.py does."""
        if self._frames_held is None:
            super()._compositor_refresh()

    @property
    def now(self) -> DateTime:
        return self.session.now

    @property
    def idle(self) -> bool:
        """No database work queued or running, and no read waiting for a pause (nor
        the whole queue's first read waiting for the first rows to be drawn)."""
        return (
            self.runner.idle and self._file_timer is None and self.dialer.idle
            and not self._showing and self._first_read_timer is None
        )  # fmt: skip

    def _show_later(self, showing: Coroutine[Any, Any, None]) -> None:
        """Fill a screen (stats, team) in a worker of the app; counted until done, so
        `idle` means the numbers are on screen."""
        self._showing += 1

        async def show() -> None:
            try:
                await showing
            finally:
                self._showing -= 1

        self.app.run_worker(show(), exit_on_error=False)

    @property
    def highlighted(self) -> Prospect | None:
        return self.query_one(QueueList).highlighted

    # -- what comes back from the workers --------------------------------------
    def on_wrote(self, message: Wrote) -> None:
        self.runner.handled(message)
        result = message.result
        if result.question is None:
            self._reopen.pop(message.tag, None)  # done (or refused in words): nothing to bring back
        if message.tag == "start":
            self._draw_frames()
            self.runner.collector.start_up_done()
            resumed = self.session.running
            found = self._number_on_the_line(resumed) if resumed is not None else None
            if resumed is not None and found is not None:
                self.dialer.resumed(found[1], resumed.touch.id)
            if self.session.queue.ready:  # read on once the first rows are drawn
                self._first_read_timer = self.set_timer(FIRST_ROWS_WAIT_S, self._first_rows_shown)
            else:
                self._first_rows_shown()
        elif result.stale:
            self._read_whole_queue()
        if message.tag == "merge":
            self.runner.collector.settled()  # the big queue is long-lived
        if result.notice is not None:
            tell(self, result.notice.text, severity=result.notice.severity)
        if result.numbers is not None:
            self.numbers = result.numbers
        if result.question is not None:
            self._ask(result, message.tag)
        if message.tag == "dial" and result.question is None and not result.failed:
            self._hand_off()
        if result.summary is not None:
            self._ending_block = False
            done = result.summary
            from followup_tui.ui.screens.call_block import BlockSummaryScreen

            summary = BlockSummaryScreen(done.block, done.tally, list(done.previous),
                                         done.worked_s, left_open=done.left_open)  # fmt: skip
            self.app.push_screen(summary)
        if message.tag == "dial" and self.session.running is not None:
            self._stop_countdown()  # dialed by hand while the countdown was paused
        running = self.session.running
        if message.tag in ("connect", "hang_up") and running is not None:
            self.query_one(HistoryPane).dial_changed(running.touch)  # answered, or ended
        self._after(result)
        went_on = result.question is None and not result.failed
        if result.logged is not None and went_on and not self._typed_ahead:
            self._power_dial_next()  # unless the rep typed on: their keys come first
        self._catch_up_typed_ahead(went_on)

    def _after(self, result: Result) -> None:
        """Show what changed: the queue (the cursor stays on whoever the rep is on; if
        that one was just logged, it lands on the next), the status line."""
        if not result.changed and result.numbers is None and result.show is None:
            return
        highlighted = self.highlighted
        keep = highlighted.id if highlighted is not None else None
        if keep is not None and keep == result.logged:
            keep = None
        if result.show is not None:
            keep = result.show
        self._render_queue(keep)
        queue = self.query_one(QueueList)
        landed = queue.highlighted
        if keep is None and landed is not None and landed.id == result.logged:
            queue.cursor += 1  # still due (a task kept due, say): the next one is up
        # Whose details changed (E, u) are read again: their header, numbers and history
        # stayed as they were until the cursor moved.
        reread = result.show is not None and result.show in result.changed
        if result.show is not None and self.query_one(QueueList).index_of(result.show) is None:
            self._open_alone(result.show)  # not in the list (held by its reopened dial, say)
            self._load_file(result.show)
            reread = False
        elif self._left_on_the_line(keep):
            # The prospect on the line left the list: read again (another window wrote),
            # the dial they just had holds them. Their file stays until it is logged.
            self._open_alone(keep)
        elif result.logged is not None and result.logged == self._opened:
            # Done with a prospect opened on their own (find, undo): the next key is
            # for whoever the list is on, as after any outcome, never them again.
            self._back_to_the_list()
        if reread and result.show is not None:
            self._load_file(result.show)
        self._update_status()

    def on_read(self, message: Read) -> None:
        self.runner.handled(message)
        kind, value = message.kind, message.value
        if kind == "file":
            self._show_file(value)
        elif kind == "queue":
            built, since = value
            self.runner.write(partial(self.session.merge_queue, built, since), "merge")
            self._reading_queue = False
            if self._read_queue_again:
                self._read_queue_again = False
                self._read_whole_queue()
        elif kind == "parked":
            self.parked_items, self._parked_read = value, True
            if self.view == "parked":
                self._render_queue(self.highlighted.id if self.highlighted else None)
        elif kind == "stats":
            self._show_stats(value)
        elif kind == "team":
            self._show_team(value)
        elif kind == "find":
            self._show_found(value)
        elif kind == "import":
            self._imported(value)
        elif kind == "opened":
            self._opened_uri(value)
        elif kind == "import_progress":
            self._importing = f"importing {message.key.name}: {value.fraction:.0%}"
            queue = self.query_one(QueueList)
            queue.below = self._queue_subtitle(queue.row_count)

    def on_failed(self, message: Failed) -> None:
        self.runner.handled(message)
        if message.tag == "start":
            self._draw_frames()  # the screen, to say what went wrong
        if message.tag == "queue":
            self._reading_queue = False
        if message.tag == "end_block":
            self._ending_block = False
        tell(self, f"Not done: {message.words}.", severity="error", timeout=8)
        reopen = self._reopen.pop(message.tag, None)
        if reopen is not None:
            reopen()  # what the rep typed is back on screen, to save again
        if message.written:
            self._catch_up_typed_ahead(False)

    def _list_answers_keys(self) -> bool:
        return (
            self._countdown_at is None
            and not self._keys_under_way
            and not self.runner.writing(but=UNSEEN_WRITES)
        )

    def _key_under_way(self) -> None:
        self._keys_under_way += 1

    def key_arrived(self) -> None:
        """A key reached the app's bindings: one fewer the list waits for."""
        self._keys_under_way = max(0, self._keys_under_way - 1)

    def type_ahead(self, key: events.Key) -> bool:
        """Keep `key` for later (True) while a write of the rep's is on its way. Asked
        where the key reaches the bindings: keys typed together reach the screen
        before the first one's action has begun its write."""
        if not self.runner.writing(but=UNSEEN_WRITES):
            return False
        self._typed_ahead.append((key.key, key.character))
        return True

    def _catch_up_typed_ahead(self, went_on: bool) -> None:
        """The keys typed while the rep's writes were on their way, once none is left."""
        if not self._typed_ahead or self.runner.writing(but=UNSEEN_WRITES):
            return
        keys, self._typed_ahead = self._typed_ahead, []
        if not went_on:
            typed = " ".join(key for key, _character in keys)
            tell(self, f"Not acted on, typed before this answer: {typed}.", severity="warning")
            return
        for key, character in keys:
            event = events.Key(key, character)
            event.set_sender(self.app)  # from the app, as the driver's: it reaches the bindings
            self.app.post_message(event)

    def on_queue_list_shown(self, _message: QueueList.Shown) -> None:
        self._first_rows_shown()

    def _first_rows_shown(self) -> None:
        """The whole queue's read keeps the interpreter busy for seconds on a large
        database: it begins once the first rows are on the terminal (or soon after
        start-up, whatever the list does), never before."""
        if self._first_read_timer is not None:
            self._first_read_timer.stop()
            self._first_read_timer = None
        self.query_one("#file").display = True
        if not self._queue_read_begun:
            self._queue_read_begun = True
            self._read_whole_queue()
            self.run_worker(load_first_dialogs, thread=True, exit_on_error=False)

    def _read_whole_queue(self) -> None:
        if self._reading_queue:
            self._read_queue_again = True
            return
        self._reading_queue = True
        self.runner.heavy("queue", self.session.read_queue)

    def _keep_up(self) -> None:
        """Every few seconds: other writers, and who became due as time moved on."""
        self.runner.write(self.session.keep_up, "keep_up")

    def _tick(self) -> None:
        now = self.now
        self.query_one(QueueList).tick(now)
        self.query_one(ProspectHeader).tick(now)
        self._update_status()
        if not self._ending_block and self.session.block_time_up():
            self._ending_block = True
            self.runner.write(partial(self.session.end_block, time_up=True), "end_block")

    def _update_status(self) -> None:
        status = self.query_one(StatusLine)
        running = self.session.running
        status.show(self.now, running, self.numbers, self.dialer.handed)
        hinted = None if running is None else (running.touch.id, running.hung_up)
        if hinted != self._hinted:  # a dial began, ended or was hung up: the key line
            self._hinted = hinted
            self.refresh_bindings()

    def hints_now(self) -> HintsNow:
        """During a dial the key line offers hanging up and discarding it, in the room
        of a second dial (d then says why), undo and find (they still work)."""
        running = self.session.running
        if running is None:
            return NO_CHANGE
        added = {"cancel_dial"} if running.hung_up else {"hang_up", "cancel_dial"}
        return HintsNow(frozenset(added), left_out=frozenset({"dial", "undo", "find"}))

    # -- the queue ---------------------------------------------------------------
    @property
    def shown_view(self) -> str:
        """The view the list shows: `1` during a call block shows only the calls."""
        if self.view == "due" and self.session.block is not None:
            return "calls"
        return self.view

    def _render_queue(self, keep_id: int | None) -> None:
        queue = self.query_one(QueueList)
        view = self.shown_view
        items: list[Any]
        describe: Describe
        prospect_of: ProspectOf
        if view == "parked":
            items, prospect_of = self.parked_items, _itself
            describe = partial(parked_row, rep_zone=self.session.rep_zone)
        else:
            built = self.session.queue
            if view == "held":
                items = built.held
            elif view in ("calls", "tasks"):  # the split is made only when asked for
                items = built.calls if view == "calls" else built.tasks
            else:
                items = built.ready
            row = task_row if view == "tasks" else entry_row
            describe = partial(row, rep_zone=self.session.rep_zone)
            prospect_of = _entry_prospect
        counted = f"{len(items):,}" if view != "parked" or self._parked_read else "…"
        queue.border_title = f"{VIEW_TITLES[view]} · {counted}"  # not '0' while reading
        if view in ("due", "calls", "tasks", "held") and not self.session.queue_complete:
            queue.border_title += "+"
        queue.below = self._queue_subtitle(len(items))
        queue.show(items, self.now, describe, prospect_of, keep_id=keep_id,
                   tag_label=TAG_LABELS.get(view, "Due"))  # fmt: skip
        if view != self._shown_view:  # a block started or ended: to the top of the new list
            self._shown_view = view
            self._stop_countdown()
            highlighted = queue.highlighted
            if highlighted is None or highlighted.id != keep_id:
                queue.cursor = 0
        header = self.query_one(ProspectHeader)
        header.empty = "Nobody here." if self.session.queue_complete else "Reading the queue…"
        if view == "due" and self.session.queue_complete:
            header.empty = "Nobody is due right now."
        first_run = self.session.queue_complete and not self.session.has_prospects
        if first_run:
            header.empty = "No prospects yet."
        self.query_one(HistoryPane).nobody = FIRST_RUN if first_run else ""
        if view == "calls" and self.session.queue_complete:
            header.empty = "No call may be dialed right now."
        if not items and self._opened is None:
            self._show_file(None)

    def _queue_subtitle(self, rows: int) -> str:
        if self._importing:
            return self._importing
        view = self.shown_view
        more = "" if self.session.queue_complete else "+"
        if view == "calls":
            tasks = len(self.session.queue.tasks)
            return f"{tasks:,}{more} tasks wait (5 shows them)" if tasks else self._view_keys()
        if view != "due":
            return self._view_keys()
        if rows:
            held = self.numbers.held
            return f"{held:,}{more} held (2 shows them)" if held else ""
        if not self.session.queue_complete:
            return "reading the queue…"
        upcoming = self.numbers.next_due
        if upcoming is None:
            return "nothing scheduled"
        return f"next due {day_and_time(upcoming.in_tz(self.session.rep_zone))}"

    def _view_keys(self) -> str:
        """The views' keys as they are now: during a call block `1` shows the calls."""
        return BLOCK_VIEW_KEYS if self.session.block is not None else VIEW_KEYS

    def action_view(self, view: str) -> None:
        if self._opened is not None:  # back from a prospect opened with find
            self._back_to_the_list()
        if view == self.view:
            return
        left = self.highlighted
        if left is not None:  # back in this view, the rep is where they left it
            self._left_at[self.view] = left.id
        self.view = view
        self.query_one(QueueList).cursor = 0
        if view == "parked":
            self.runner.read("parked", self.session.parked)
        self._render_queue(self._left_at.get(view))

    # -- the prospect on screen ------------------------------------------------------
    def on_queue_list_highlighted(self, message: QueueList.Highlighted) -> None:
        prospect = message.prospect
        if self._opened is not None and (not message.moved or message.replaced):
            # The queue was read again under a prospect shown on their own (opened
            # with find, or on the line and gone from the list): they stay.
            return
        self._open_alone(None)
        if prospect is None:
            self._show_file(None)
            return
        # The panes follow once the rep pauses on a prospect: j held down repaints
        # only the two rows whose highlight moved, and reads none of those it passes.
        # One timer, wound back on every move (a new timer per key is a task each).
        self._file_wanted = prospect.id
        if self._file_timer is None:
            self._file_timer = self.set_timer(MOVING_PAUSE_S, self._load_wanted_file)
        else:
            self._file_timer.reset()

    def _load_wanted_file(self) -> None:
        if self._file_wanted is not None:
            if self.session.claims.shared:  # a team: claimed while the rep prepares
                self.runner.write(partial(self.session.look_at, self._file_wanted), "look")
            self._load_file(self._file_wanted)

    def _load_file(self, prospect_id: int) -> None:
        if self._file_timer is not None:
            self._file_timer.stop()
        self._file_timer = self._file_wanted = None
        self.runner.read("file", partial(self.session.file_view, prospect_id), prospect_id)

    def _show_file(self, view: FileView | None) -> None:
        if view is not None:
            highlighted = self.highlighted
            wanted = {highlighted.id if highlighted else None, self._opened}
            if self.file is not None:
                wanted.add(self.file.file.prospect.id)
            if view.file.prospect.id not in wanted:
                return  # the rep has moved on since this was asked for
            if view.file.prospect.id == self._opened and (self.file is None):
                # Not in the list on screen: perhaps not due, perhaps held (the header
                # says which); "not due now" was wrong for a held one.
                tell(self, f"{view.file.prospect.name} is not on this list; shown anyway"
                           " (the header says where they stand).")  # fmt: skip
        self.file = view
        now = self.now
        file = view.file if view else None
        self.query_one(ProspectHeader).show(
            file, now, view.standing if view else "", numbers=view.numbers if view else ()
        )
        running = self.session.running
        self.query_one(HistoryPane).show(
            file.touches if file else None,
            self.session.rep_zone,
            running_id=running.touch.id if running is not None else None,
        )
        self.query_one(ResearchPane).show(file, now)

    def _open_alone(self, prospect_id: int | None) -> None:
        """Show `prospect_id` on their own, not as the list's row (None: the list's row
        again); the list's next move first comes back to its row."""
        self._opened = prospect_id
        self.query_one(QueueList).elsewhere = prospect_id is not None

    def _back_to_the_list(self) -> None:
        """From a prospect shown on their own to the list's row, and its file."""
        self._open_alone(None)
        highlighted = self.highlighted
        if highlighted is not None:
            self._load_file(highlighted.id)

    def _left_on_the_line(self, shown: int | None) -> bool:
        """Whether `shown`, the prospect on screen, is the one being dialed and the
        list no longer has them."""
        running = self.session.running
        return (
            shown is not None and self._opened is None and running is not None
            and running.prospect.id == shown
            and self.query_one(QueueList).index_of(shown) is None
        )  # fmt: skip

    def _on_screen(self) -> Prospect | None:
        """The prospect the rep is on: one opened by find, else the highlighted one."""
        if self._opened is not None:
            if self.file is not None and self.file.file.prospect.id == self._opened:
                return self.file.file.prospect
            return None  # still being read
        return self.highlighted

    def _selected(self) -> Prospect | None:
        """The prospect on screen, for changes that are no outcome (contact, zone)."""
        prospect = self._on_screen()
        if prospect is None:
            tell(self, "No prospect selected.", severity="warning")
        return prospect

    def _target(self) -> Prospect | None:
        """Who an outcome is for: the prospect on the line, else the one on screen."""
        prospect, refusal = self.session.target(self._on_screen())
        if refusal is not None:
            tell(self, refusal.text, severity=refusal.severity)
        return prospect

    # -- asking ----------------------------------------------------------------------
    def _ask(self, result: Result, tag: str) -> None:
        """Ask; yes (or a choice) goes on with the use case, no drops it (or reopens
        what asked)."""
        question = result.question
        assert question is not None
        content = line(*((text, STYLES.get(role, "")) for text, role in question.parts))

        def go_on(job: Callable[[], Result] | None) -> None:
            declined = self._reopen.pop(tag, None)
            if job is not None:
                if declined is not None:
                    self._reopen[tag] = declined
                self.runner.write(job, tag)
            elif declined is not None:
                declined()

        if question.choices:
            from followup_tui.ui.screens.choice import ChoiceScreen

            choose = result.choose

            def chosen(key: str | None) -> None:
                go_on(partial(choose, key) if key is not None and choose is not None else None)

            self.app.push_screen(ChoiceScreen(content, question.choices, question.no), chosen)
            return
        from followup_tui.ui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            go_on(result.again if yes else None)

        self.app.push_screen(
            ConfirmScreen(content, question.yes, question.no, permanent=question.permanent),
            answered,
        )

    # -- dialing and outcomes -----------------------------------------------------------
    def action_dial(self) -> None:
        if self.session.running is not None:
            tell(self, f"Already dialing {self.session.running.prospect.name}: log the outcome"
                       " (n v c m x) or Esc to cancel the dial.", severity="warning")  # fmt: skip
            return
        prospect = self._on_screen()
        if prospect is None:
            tell(self, "No prospect selected.", severity="warning")
            return
        self.runner.write(partial(self.session.dial, prospect.id), "dial")

    def _hand_off(self) -> None:
        """The dial is recorded: hand its number to the phone, as [dialer] says."""
        running = self.session.running
        if running is None:
            return
        found = self._number_on_the_line(running)
        if found is None:
            tell(self, "No number to hand to the phone; the dial is timed.", severity="warning")
            return
        number, shown = found
        self.dialer.hand_off(number, shown, running.touch.id)

    def _number_on_the_line(self, running: Running) -> tuple[DialNumber, str] | None:
        """The number the dial rings, and how the rep reads it (with its label when
        the prospect has several)."""
        number = number_to_dial(running.prospect, running.number)
        if number is None:
            return None
        shown = format_phone(number.e164, number.ext, self.home_region)
        if number.label and len(running.prospect.numbers) > 1:
            shown = f"{shown} ({number.label})"
        return number, shown

    def action_pick_number(self) -> None:
        """`N`: dial another of the prospect's numbers (during a dial: switch to it)."""
        from followup_tui.ui.screens.choice import ChoiceScreen

        running = self.session.running
        prospect = running.prospect if running is not None else self._on_screen()
        if prospect is None:
            tell(self, "No prospect selected.", severity="warning")
            return
        refusal = self.session.untouchable(prospect)
        if refusal is not None:  # said now, not after a number is picked
            tell(self, f"{refusal}: no number is dialed.", severity="error")
            return
        view = self.file
        if running is None and (view is None or view.file.prospect.id != prospect.id):
            tell(self, "Still reading their numbers: N again in a moment.", severity="warning")
            return
        numbers = [n for n in (view.numbers if view else prospect.numbers) if n.good]
        if running is not None:
            numbers = [n for n in numbers_of(prospect) if n.good]
        if len(numbers) < 2:
            tell(self, f"{prospect.name} has no other number to dial: E adds one.",
                 severity="warning")  # fmt: skip
            return
        ringing = running.touch.phone_id if running is not None else None
        on_the_line = "on the line" if running is not None and running.connected else "dialed now"

        def marks(number: PhoneNumber) -> str:
            said = ["main"] if number.main else []
            said += [on_the_line] if number.id == ringing else []
            return f"  ({', '.join(said)})" if said else ""

        choices = tuple(
            (str(i), f"{n.label:<7} {format_phone(n.e164, n.ext, self.home_region)}{marks(n)}")
            for i, n in enumerate(numbers[:9], 1)
        )
        verb = "Switch the dial to" if running is not None else "Dial"

        def chosen(key: str | None) -> None:
            if key is None:
                return
            number = numbers[int(key) - 1]
            if running is not None:
                self.runner.write(partial(self.session.switch_number, number.id), "dial")
            else:
                dial = partial(self.session.dial, prospect.id, phone_id=number.id)
                self.runner.write(dial, "dial")

        question = line(f"{verb} which number of ", (prospect.name, "bold"), "?")
        self.app.push_screen(ChoiceScreen(question, choices, "Cancel"), chosen)

    def action_cancel_dial(self) -> None:
        """Esc: a dial started a moment ago by mistake goes at once; one that rang,
        was answered or has a note is discarded only if the rep says so."""
        from followup_tui.ui.screens.confirm import ConfirmScreen

        running = self.session.running
        if running is None:
            return
        lost = self.session.discard_would_lose()
        if lost is None:
            self.runner.write(self.session.cancel_dial, "cancel_dial")
            return
        question = line("Discard the dial to ", (running.prospect.name, "bold"), f" {lost}")

        def answered(yes: bool | None) -> None:
            if yes:
                self.runner.write(self.session.cancel_dial, "cancel_dial")

        keep = "Keep it to log" if running.hung_up else "Keep dialing"  # the call has ended
        # What is discarded cannot be undone: `y` only, never the Enter of the last dialog.
        self.app.push_screen(ConfirmScreen(question, "Discard it", keep, permanent=True), answered)

    def action_hang_up(self) -> None:
        if self.session.running is None:
            tell(self, "No dial running.", severity="warning")
            return
        self.runner.write(self.session.hang_up, "hang_up")

    def action_finish_dial(self) -> None:
        prospect = self._selected()
        if prospect is not None:
            self.runner.write(partial(self.session.finish_dial, prospect.id), "finish_dial")

    def action_add_note(self) -> None:
        target = self.session.note_target()
        if target is None:
            tell(self, "Nothing logged yet in this session: a adds a note to the last outcome.",
                 severity="warning")  # fmt: skip
            return
        self._add_note(target, "")

    def _add_note(self, target: str, draft: str) -> None:
        from followup_tui.ui.screens.note import NoteScreen

        def written(note: str | None) -> None:
            if note and note.strip():
                self._reopen["note"] = partial(self._add_note, target, note)
                self.runner.write(partial(self.session.add_note, note), "note")

        self.app.push_screen(NoteScreen(target, draft), written)

    def _log(self, outcome: Outcome, **details: Any) -> None:
        prospect = self._target()
        if prospect is not None:
            self.runner.write(partial(self.session.log, prospect.id, outcome, **details), "log")

    def action_no_answer(self) -> None:
        self._log(Outcome.NO_ANSWER)

    def action_voicemail(self) -> None:
        self._log(Outcome.VOICEMAIL)

    def action_meeting(self) -> None:
        """`m`: a meeting booked; asks when, in their local time as `s` does."""
        from followup_tui.ui.screens.schedule import ScheduleScreen

        prospect = self._target()
        if prospect is None:
            return

        def chosen(when: DateTime | None) -> None:
            if when is not None:
                self._log(Outcome.MEETING, when=when, decision=Decision.MEETING)

        self.app.push_screen(
            ScheduleScreen(prospect.name, self.session.time_reader(prospect, "meeting"),
                           self.session.rep_zone, title="Meeting booked with "),
            chosen,
        )  # fmt: skip

    def action_wrong_number(self) -> None:
        self._log(Outcome.WRONG_NUMBER)

    def action_do_not_call(self) -> None:
        self._log(Outcome.DO_NOT_CALL, decision=Decision.DO_NOT_CALL)

    def action_task_done(self) -> None:
        """`l`: the email, LinkedIn message or letter of this step is done."""
        prospect = self._target()
        if prospect is not None:
            self.runner.write(partial(self.session.task_done, prospect.id), "log")

    def action_not_interested(self) -> None:
        prospect = self._target()
        if prospect is None:
            return

        def chosen(when: DateTime | None) -> None:
            if when is None:
                return
            log = partial(self.session.log, prospect.id, Outcome.NOT_INTERESTED, when=when,
                          decision=Decision.NOT_INTERESTED)  # fmt: skip
            self.runner.write(log, "log")

        self._ask_date(prospect, "Not interested. Revisit ", chosen)

    def action_not_now(self) -> None:
        """`z`: park the prospect until a date, logging no touch."""
        if self.session.running is not None:
            tell(self, "Log the running call first (c lets you choose 'not now').",
                 severity="warning")  # fmt: skip
            return
        prospect = self._target()
        if prospect is None:
            return

        def chosen(when: DateTime | None) -> None:
            if when is not None:
                self.runner.write(partial(self.session.park, prospect.id, when), "park")

        self._ask_date(prospect, "Not now. Come back to ", chosen)

    def _ask_date(
        self, prospect: Prospect, title: str, chosen: Callable[[DateTime | None], None]
    ) -> None:
        from followup_tui.ui.screens.schedule import ScheduleScreen

        self.app.push_screen(
            ScheduleScreen(prospect.name, self.session.time_reader(prospect),
                           self.session.rep_zone, title=title,
                           initial=f"+{self.session.policy.revisit_days}d", revisit=True),
            chosen,
        )  # fmt: skip

    def action_connected(self) -> None:
        """`c`: someone answered. During a dial the call goes on (talk time runs from
        now) until the outcome is saved or the rep hangs up."""
        prospect = self._target()
        if prospect is None:
            return
        if self.session.running is not None:
            self.runner.write(self.session.connect, "connect")
        self._ask_connected(prospect)

    def _ask_connected(self, prospect: Prospect, draft: ConnectedResult | None = None) -> None:
        from followup_tui.ui.screens.connected import ConnectedResult, ConnectedScreen

        running = self.session.running
        on_the_line = running.touch.id if running is not None else None
        kept = self._connected_draft
        if draft is None and kept is not None and kept[:2] == (prospect.id, on_the_line):
            draft = kept[2]  # closed with Esc earlier in this call: as the rep left it
        elif draft is None and running is not None and running.decision_maker:
            draft = ConnectedResult("", True, Decision.FOLLOW_UP)  # as the undone outcome said

        def keep(filled_in: ConnectedResult) -> None:
            self._connected_draft = (prospect.id, on_the_line, filled_in)

        def logged(result: ConnectedResult | None) -> None:
            if result is None:
                return
            self._connected_draft = None
            # "No" to a question brings the dialog back as it was filled in.
            self._reopen["connected"] = partial(self._ask_connected, prospect, result)
            self.runner.write(
                partial(self.session.log, prospect.id, result.outcome, notes=result.note,
                        decision_maker=result.decision_maker, decision=result.decision,
                        when=result.when, for_anyone=result.for_anyone),
                "connected",
            )  # fmt: skip

        hang_up = None
        if running is not None and not running.hung_up:
            hang_up = partial(self.runner.write, self.session.hang_up, "hang_up")
        self.app.push_screen(
            ConnectedScreen(prospect.name, self.session.time_reader(prospect),
                            self.session.rep_zone, draft, hang_up=hang_up,
                            shared=self.session.claims.shared,
                            noted=running.touch.notes if running is not None else "",
                            keep_draft=keep),
            logged,
        )  # fmt: skip

    def action_undo(self) -> None:
        self.runner.write(self.session.undo, "undo")

    # -- scheduling, details, finding ----------------------------------------------------
    def action_schedule(self) -> None:
        from followup_tui.ui.screens.schedule import ScheduleScreen

        prospect = self._target()
        if prospect is None:
            return

        def chosen(when: DateTime | None) -> None:
            if when is not None:
                self.runner.write(partial(self.session.schedule, prospect.id, when), "schedule")

        self.app.push_screen(
            ScheduleScreen(
                prospect.name,
                self.session.time_reader(prospect, "next_touch"),
                self.session.rep_zone,
            ),
            chosen,
        )

    def action_edit_contact(self) -> None:
        prospect = self._selected()
        if prospect is not None:
            self._edit_contact(prospect)

    def _edit_contact(self, prospect: Prospect, draft: ContactEdit | None = None) -> None:
        from followup_tui.ui.screens.contact_edit import ContactEditScreen

        def saved(edit: ContactEdit | None) -> None:
            if edit is not None:
                self._reopen["edit"] = partial(self._edit_contact, prospect, edit)
                self.runner.write(partial(self.session.edit_contact, prospect.id, edit), "edit")

        self.app.push_screen(ContactEditScreen(prospect, self.home_region, draft), saved)

    def action_set_zone(self) -> None:
        from followup_tui.ui.screens.zone import ZoneScreen

        prospect = self._selected()
        if prospect is None:
            return

        def chosen(zone: str | None) -> None:
            if zone is not None:
                self.runner.write(partial(self.session.set_zone, prospect.id, prospect.name, zone),
                                  "zone")  # fmt: skip

        self.app.push_screen(ZoneScreen(prospect.name, prospect.timezone), chosen)

    def action_edit_research(self) -> None:
        view = self.file
        if view is None:
            tell(self, "No prospect selected (or still reading it).", severity="warning")
            return
        prospect = view.file.prospect
        self._edit_research(prospect, view.file.research or Research(prospect_id=prospect.id))

    def _edit_research(self, prospect: Prospect, research: Research) -> None:
        from followup_tui.ui.screens.research_edit import ResearchEditScreen

        def saved(edited: Research | None) -> None:
            if edited is not None:
                self._reopen["research"] = partial(self._edit_research, prospect, edited)
                self.runner.write(partial(self.session.save_research, prospect.name, edited),
                                  "research")  # fmt: skip

        self.app.push_screen(ResearchEditScreen(prospect.name, research), saved)

    def action_find(self) -> None:
        from followup_tui.ui.screens.find import FindScreen

        def search(text: str) -> None:
            self.runner.read("find", partial(self.session.find, text))

        def found(prospect_id: int | None) -> None:
            if prospect_id is not None:
                self.open_prospect(prospect_id)

        self.app.push_screen(FindScreen(search, self.home_region), found)

    def open_prospect(self, prospect_id: int) -> None:
        """Move to a prospect: in the list if it is there, else opened on its own."""
        if self.query_one(QueueList).select_id(prospect_id):
            if self._opened is not None:  # back from one opened on their own: the row
                self._back_to_the_list()  # may be the one the cursor is on, which moves
            return  # nothing and says nothing
        self.file = None
        self._open_alone(prospect_id)
        self._load_file(prospect_id)

    def _show_found(self, found: Found) -> None:
        from followup_tui.ui.screens.find import FindScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, FindScreen):
                screen.show_results(found.text, found.prospects, more=found.more)

    def action_stats(self) -> None:
        from followup_tui.ui.screens.stats import StatsScreen  # heavy: loaded when asked

        self.app.push_screen(StatsScreen())
        self.runner.heavy("stats", self.session.stats)

    def _show_stats(self, stats: Stats) -> None:
        from followup_tui.ui.screens.stats import StatsScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, StatsScreen) and screen.stats is None:
                self._show_later(screen.show(stats))

    def action_team(self) -> None:
        from followup_tui.ui.screens.team import TeamScreen

        self.app.push_screen(TeamScreen(rep=self.session.claims.rep))
        self.runner.heavy("team", self.session.team_numbers)

    def _show_team(self, team: dict[str, Stats]) -> None:
        from followup_tui.ui.screens.team import TeamScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, TeamScreen) and screen.team is None:
                self._show_later(screen.show(team))

    def start_import(self, path: Path) -> None:
        """Import a CRM file in a heavy worker; the rep keeps working meanwhile, and
        the queue's border shows how far it got."""
        tell(self, f"Importing {path.name}… keys keep working.", timeout=3)

        def progress(done: ImportProgress) -> None:  # in the worker thread
            self.post_message(Read("import_progress", done, path))

        job = partial(self.session.import_file, path, progress, self._stop_import.is_set)
        self.runner.heavy("import", job, path)

    def on_unmount(self) -> None:
        self._draw_frames()
        self._stop_import.set()  # an import still running stops after its chunk
        self.runner.stop()

    def _imported(self, outcome: ImportOutcome) -> None:
        self._importing = ""
        self._render_queue(self.highlighted.id if self.highlighted else None)
        if outcome.problem:
            tell(self, outcome.problem, severity="error", timeout=15, keep=True)
        if outcome.report is None:
            return
        self._read_whole_queue()
        if outcome.problem:
            return
        report = outcome.report
        severity: SeverityLevel = "warning" if report.rejected else "information"
        tell(self, report.short(), severity=severity, title="Import", timeout=30, keep=True)

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").focus()

    def action_help(self) -> None:
        from followup_tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_rows()))

    def help_rows(self) -> list[HelpRow]:
        """Every binding of this screen and the queue, with the keys in force now."""
        grouped: dict[str, tuple[list[str], Binding]] = {}
        keymap = self.app._keymap  # the rep's [keys]: Textual applies it to copies only
        for node in (self, self.query_one(QueueList)):
            in_force = node._bindings.copy()
            if keymap:
                in_force.apply_keymap(keymap)
            for bindings in in_force.key_to_bindings.values():
                for binding in bindings:
                    if binding.id is None:
                        continue  # Textual's own (focus, copy, scroll): not ours to list
                    keys, _ = grouped.setdefault(binding.id or binding.action, ([], binding))
                    shown = self.app.get_key_display(binding)
                    if shown not in keys:
                        keys.append(shown)
        return [
            (", ".join(keys), b.id or "", b.tooltip or b.description)
            for keys, b in grouped.values()
        ]

    # -- email steps ----------------------------------------------------------------------
    def _email_of(self) -> Prospect | None:
        """The prospect on screen, if they have an email address (else says so)."""
        prospect = self._selected()
        if prospect is not None and not prospect.email.strip():
            tell(self, f"No email address for {prospect.name}: E adds one.", severity="warning")
            return None
        return prospect

    def action_copy_email(self) -> None:
        prospect = self._email_of()
        if prospect is not None:
            self.app.copy_to_clipboard(prospect.email.strip())
            tell(self, f"Copied {prospect.email.strip()}", timeout=3)

    def action_mail(self) -> None:
        """`M`: the email of this step from a template, opened in the rep's mail program."""
        from followup_tui.config import templates_dir
        from followup_tui.domain.email_templates import load_templates, shipped_templates_dir

        prospect = self._email_of()
        if prospect is None:
            return
        if self.file is None or self.file.file.prospect.id != prospect.id:
            tell(self, f"Still reading {prospect.name}'s file: M again in a moment.",
                 severity="warning")  # fmt: skip
            return
        loaded = load_templates(templates_dir(), shipped_templates_dir())
        if loaded.problems:
            tell(self, "Template problems: " + "; ".join(loaded.problems), severity="warning",
                 timeout=12)  # fmt: skip
        templates = loaded.templates
        if not templates:
            tell(self, f"No email template: put one in {templates_dir()} (templates/intro.toml "
                       "of followup-tui is an example).", severity="error", timeout=12)  # fmt: skip
            return
        if len(templates) == 1:
            self._mail(prospect, templates[0])
            return
        from followup_tui.ui.screens.choice import ChoiceScreen

        choices = tuple((str(n), t.label) for n, t in enumerate(templates[:9], 1))

        def chosen(key: str | None) -> None:
            if key is not None:
                self._mail(prospect, templates[int(key) - 1])

        question = line("Email to ", (prospect.name, "bold"), ": which template?")
        self.app.push_screen(ChoiceScreen(question, choices, "No email"), chosen)

    def _mail(self, prospect: Prospect, template: EmailTemplate) -> None:
        from followup_tui.domain.email_templates import fields_for, fill
        from followup_tui.system_open import open_uri

        research = self.file.file.research if self.file is not None else None
        email = fill(template, fields_for(prospect, research), prospect.email)
        if isinstance(email, str):
            tell(self, f"No email opened: {email}.", severity="error", timeout=12)
            return
        self.runner.write(partial(self.session.email_opened, prospect), "emailed")
        self.runner.heavy("opened", partial(open_uri, email.uri))

    def _opened_uri(self, problem: str | None) -> None:
        if problem is not None:
            self.runner.write(partial(self.session.email_opened, None), "emailed")
            tell(self, f"The email did not open: {problem}. y copies the address.",
                 severity="error", timeout=12)  # fmt: skip

    # -- power dialing ------------------------------------------------------------------
    def action_power_dial(self) -> None:
        self.power = not self.power
        self._stop_countdown()
        if self.power:
            tell(self, f"Power dialing on: in the calls view (4, or 1 during a block), the "
                       f"next call is dialed {self.power_dial.wrap_up_seconds} s after each "
                       "call's outcome. Any key pauses, Esc ends it.")  # fmt: skip
        else:
            tell(self, "Power dialing off: A turns it on again.")

    def _power_dial_next(self) -> None:
        """After a call's outcome, in the calls view: the wrap-up countdown to the next."""
        logged = self.session.last_logged
        if not self.power or self.shown_view != "calls" or logged is None:
            return
        if logged[0].channel != "call" or self.session.running is not None:
            return
        if self.highlighted is None:
            tell(self, "No more calls may be dialed now.")
            return
        self._countdown_at = self.now.add(seconds=self.power_dial.wrap_up_seconds)
        self._countdown_paused = False
        if self._countdown_timer is None:
            self._countdown_timer = self.set_interval(COUNTDOWN_TICK_S, self._countdown_tick)
        self._countdown_tick()

    def _countdown_tick(self) -> None:
        """Show the seconds left (read from the session's clock); at zero, dial."""
        at = self._countdown_at
        if at is None or self._countdown_paused:
            return
        countdown = self.query_one(Countdown)
        prospect = self._on_screen()
        if self.app.screen is not self or self.session.running is not None or prospect is None:
            self._pause_countdown()  # a dialog is open, or a dial began: the rep decides
            return
        left = ceil((at - self.now).total_seconds())
        if left > 0:
            countdown.counting(prospect.name, left)
            return
        self._stop_countdown()
        self.action_dial()

    def _pause_countdown(self) -> None:
        self._countdown_paused = True
        if self._countdown_timer is not None:
            self._countdown_timer.stop()
            self._countdown_timer = None
        self.query_one(Countdown).paused()

    def _stop_countdown(self) -> None:
        self._countdown_at = None
        self._countdown_paused = False
        if self._countdown_timer is not None:
            self._countdown_timer.stop()
            self._countdown_timer = None
        self.query_one(Countdown).hide()

    @property
    def counting_down(self) -> bool:
        return self._countdown_at is not None and not self._countdown_paused

    def on_key(self, event: events.Key) -> None:
        """During the countdown any key pauses it (and does nothing else); Esc, counting
        or paused, ends power dialing."""
        if self._countdown_at is None:
            return
        if event.key == "escape":
            self._stopped_here(event)
            self._stop_countdown()
            self.power = False
            tell(self, "Power dialing ended: A turns it on again.")
        elif not self._countdown_paused:
            self._stopped_here(event)
            self._pause_countdown()

    def _stopped_here(self, event: events.Key) -> None:
        """A key the screen takes: it never reaches the app's bindings."""
        event.stop()
        event.prevent_default()
        self.key_arrived()

    # -- call blocks ----------------------------------------------------------------------
    def action_block(self) -> None:
        from followup_tui.ui.screens.call_block import StartBlockScreen
        from followup_tui.ui.screens.confirm import ConfirmScreen

        if self.session.block is None:

            def start(plan: BlockPlan | None) -> None:
                if plan is not None:
                    self.runner.write(partial(self.session.start_block, plan.minutes, plan.goal),
                                      "block")  # fmt: skip

            self.app.push_screen(StartBlockScreen(), start)
            return
        if self.session.running is not None:
            tell(self, "A dial is running: log its outcome, then b ends the block.",
                 severity="warning")  # fmt: skip
            return
        worked = duration_words(self.session.worked_seconds())  # as the summary will say it
        question = line("End the call block now? ", (f"{worked} worked", "bold"), " so far.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.runner.write(self.session.end_block, "end_block")

        self.app.push_screen(ConfirmScreen(question, "End it", "Keep going"), answered)

    def action_pause_block(self) -> None:
        self.runner.write(self.session.pause_block, "block")

    def action_quit(self) -> None:
        self.ask_quit()

    def ask_quit(self) -> None:
        """Every way out (q, Ctrl+Q, the palette's Quit) asks while a dial runs."""
        from followup_tui.ui.screens.confirm import ConfirmScreen

        running = self.session.running
        if running is None:
            self.app.exit()
            return
        name = (running.prospect.name, "bold")
        if running.hung_up:  # the call is over: only its outcome is missing
            state = line("The call with ", name, " ended but is not logged yet.")
            stay = "Log it first"
        else:
            state, stay = line("A dial to ", name, " is running."), "Keep dialing"
        question = line(state, " Quit anyway? It stays recorded, unlogged, and comes back "
                        "when you start again.")  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(ConfirmScreen(question, "Quit", stay), answered)


def _itself(prospect: Prospect) -> Prospect:
    return prospect


def _entry_prospect(entry: QueueEntry) -> Prospect:
    return entry.prospect


def load_first_dialogs() -> None:
    """Import the dialogs a session opens first (find, the outcome questions, the
    schedule), in the background once the first rows show: the first `/` waited
    for its module and the input field's (about 10 ms more than the next ones)."""
    import followup_tui.ui.screens.choice
    import followup_tui.ui.screens.confirm
    import followup_tui.ui.screens.connected
    import followup_tui.ui.screens.find
    import followup_tui.ui.screens.schedule  # noqa: F401


def entry_row(entry: QueueEntry, now: DateTime, rep_zone: str) -> Row:
    """A due or held queue row: the tag says why it is here and how late."""
    task = entry.step.short_label if entry.step and not entry.step.is_call else ""
    if entry.held:
        return Row(entry.prospect, short_hold(entry, now, rep_zone), "held", task)
    if entry.callback:
        return Row(entry.prospect, "callback", "callback", task,
                   wide_tag=callback_tag(entry, now, rep_zone))  # fmt: skip
    if entry.revisit:
        return Row(entry.prospect, "revisit", "callback", task)
    kind = "task" if task else "late"
    return Row(entry.prospect, due_text(entry.due_at, now), kind, task)


def task_row(entry: QueueEntry, now: DateTime, rep_zone: str) -> Row:
    """A row of the tasks view: an email step shows the address where the company was."""
    row = entry_row(entry, now, rep_zone)
    if entry.step is not None and entry.step.channel == "email":
        return replace(row, detail=entry.prospect.email or "no email address (E adds one)")
    return row


def parked_row(prospect: Prospect, now: DateTime, rep_zone: str) -> Row:
    """A not-now list row: when the prospect comes back (the day in the rep's zone);
    one whose day has come is due again (and in the due list): 'due since 29 Oct'."""
    revisit = prospect.revisit_at
    if revisit is None:
        return Row(prospect, "back: no date", "parked")
    day = revisit.in_tz(rep_zone).format("D MMM")
    return Row(prospect, f"due since {day}" if is_due_again(prospect, now) else f"back {day}",
               "parked")  # fmt: skip
