"""The rep's working session: the queue in memory, the running dial, the block,
and one method per use case. No Textual here.

Threads: every method that writes runs on one writer thread, in the order the
rep pressed the keys (so `n` after `d` always finds the dial), and is the only
code that replaces the session's state. State is replaced, never mutated, so
the screen may read `queue`, `running` and `block` at any time. Methods marked
"reader" only read, each on the calling thread's own connection, and may run
beside the writer. A write use case reads what it needs and writes in one
BEGIN IMMEDIATE transaction; rules come from the domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial, wraps
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from msgspec import Struct
from msgspec.structs import replace
from pendulum import DateTime

from followup_tui.domain import clock
from followup_tui.domain.cadence import CHANNEL_LABELS, MIN_TOUCHES, Step
from followup_tui.domain.call_block import CallBlock, tally, was_left_open
from followup_tui.domain.calling_hours import is_open, next_opening
from followup_tui.domain.caps import TouchTime
from followup_tui.domain.contact_checks import contact_problems
from followup_tui.domain.display import (
    channel_words,
    day_and_time,
    duration_text,
    duration_words,
    meeting_text,
    plural,
    when_text,
)
from followup_tui.domain.give_up import gives_up_early
from followup_tui.domain.holds import Hold, HoldKind, outside_hours, together
from followup_tui.domain.local_time import zone_of
from followup_tui.domain.models import PhoneNumber, Prospect, Research, Touch
from followup_tui.domain.numbers import best_number, label_of, numbers_of, ordered, zones_for
from followup_tui.domain.outcomes import (
    HOW_IT_CAME,
    PARKED,
    RETIRING,
    UNANSWERED,
    Channel,
    Decision,
    Outcome,
    Plan,
    Status,
    decision_for,
    outcome_label,
    plan_after,
)
from followup_tui.domain.phones import ParsedPhone, format_phone, parse_phone, typing_region
from followup_tui.domain.policy import Policy
from followup_tui.domain.queue import (
    CALLBACK_STEP,
    Queue,
    asked_for_now,
    current_step,
    due_at,
    hold_for,
)
from followup_tui.domain.standing import standing_text

if TYPE_CHECKING:
    from followup_tui.domain.stats import Stats
    from followup_tui.domain.when_rules import Purpose, TimeReader
    from followup_tui.intake.importing import ImportProgress
    from followup_tui.intake.report import ImportReport
from followup_tui.session.claims import Claims
from followup_tui.session.results import (
    BlockSummary,
    FileView,
    Found,
    Notice,
    Numbers,
    Part,
    Question,
    Result,
    Running,
    Severity,
)
from followup_tui.store import call_blocks as block_store
from followup_tui.store import prospects as prospect_store
from followup_tui.store import touches as touch_store
from followup_tui.store.changes import due_between
from followup_tui.store.engine import DATABASE_ERRORS, Connection, Store, error_words

RESUME_DIAL_SECONDS = 15 * 60  # an unfinished dial older than this has no known length
FOUND_SHOWN = 50  # find shows this many matches; more, and it says to type more
DISCARD_ASK_S = 5.0  # Esc on a dial older than this asks before discarding it
JUST_LOGGED_S = 60  # a second outcome for the same prospect within this asks first
# With no dial running these mean a call from the desk phone: only a call finds a
# number rings nobody, goes to voicemail, or reaches someone who never had it.
DESK_PHONE = frozenset({Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.WRONG_NUMBER})
KEPT_CHANGES = 5000  # changes remembered for merging a queue read in another thread


class ContactEdit(Struct, frozen=True):
    """Corrected contact details as the rep typed them."""

    name: str
    title: str
    company: str
    email: str
    phone_raw: str
    new_phone_raw: str = ""  # another number to add
    new_phone_label: str = "mobile"


class ImportOutcome(Struct, frozen=True):
    """An in-app import: its report, or why nothing (or only part) was imported."""

    path: Path
    report: ImportReport | None = None
    problem: str = ""


def refused(text: str, severity: Severity = "warning") -> Result:
    return Result(notice=Notice(text, severity), failed=True)


P = ParamSpec("P")


def dial_may_be_gone(
    method: Callable[Concatenate[WorkSession, P], Result],
) -> Callable[Concatenate[WorkSession, P], Result]:
    """For a write on the running dial: another window or rep may have logged or
    discarded it meanwhile. Then it is let go here, in words, never left running
    with no row behind it (the next key raised an error, or logged over theirs)."""

    @wraps(method)
    def guarded(self: WorkSession, *args: P.args, **kwargs: P.kwargs) -> Result:
        try:
            return method(self, *args, **kwargs)
        except touch_store.DialGone as gone:
            return self.let_dial_go(str(gone))

    return guarded


class WorkSession:
    def __init__(
        self, store: Store, policy: Policy, rep_zone: str, home_region: str = "US"
    ) -> None:
        self.store = store
        self.policy = policy
        self.rep_zone = rep_zone
        self.home_region = home_region
        self.queue = Queue()
        self.queue_complete = False  # False while only the first page is read
        self.running: Running | None = None
        self.block: CallBlock | None = None
        self.seq = 0  # counts the writer's changes, to merge queues read elsewhere
        self._changes: list[tuple[int, int]] = []  # (seq, prospect id)
        self._due_checked: DateTime | None = None
        self._data_version: int | None = None
        self.last_logged: tuple[Touch, Prospect] | None = None  # what `a` adds a note to
        self.emailed: int | None = None  # whose email `M` opened, for `l` to log
        self.started_at: DateTime | None = None  # what `u` may take back is logged since
        self.has_prospects = True  # False on a first run (known once the whole queue is read)
        self.claims = Claims(store)  # a team: what this rep works, what others do

    @property
    def now(self) -> DateTime:
        return clock.now()

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    # -- start-up and keeping up (writer) -------------------------------------
    def start(self, first_page: int = 200) -> Result:
        """Pick up a dial left running and the block, read the first page of the queue."""
        db = self.store.db()
        now = self.now
        self.started_at = now
        notice = self._resume_open_dial()
        self.block = block_store.current_block(db)
        self.claims.refresh(now)
        self.queue = self.claims.settle(
            prospect_store.queue_head(db, now, self.policy, limit=first_page), now
        )
        self.queue_complete = False
        self._due_checked = now
        self._data_version = self.store.data_version()
        # A dial picked up again: the screen opens on whoever is on the line.
        on_the_line = self.running.prospect.id if self.running is not None else None
        return Result(notice=notice, numbers=self.numbers(), show=on_the_line)

    def _resume_open_dial(self) -> Notice | None:
        """After a crash or quit mid-call, pick the dial left running back up: a real
        call is never left uncounted. One left long ago is finished with an unknown
        length, or discarded."""
        db = self.store.db()
        dial = touch_store.open_dial(db, self.claims.rep)
        if dial is None:
            return None
        prospect = prospect_store.get_prospect(db, dial.prospect_id)
        if prospect is None:
            return None
        self.running = self._running(dial, prospect)
        started = day_and_time(dial.started_at.in_tz(self.rep_zone))
        if self.running.late:
            return Notice(
                f"A dial to {prospect.name} on {started} was never logged: log its outcome now "
                "(n v c m x; its length is unknown), or Esc to discard it.",
                "warning",
            )
        return Notice(f"Resumed the dial to {prospect.name} started {started}: log its outcome.")

    def _running(self, dial: Touch, prospect: Prospect, *, resumed: bool = True) -> Running:
        """A dial picked up again (`resumed`: left unlogged, after a crash or from
        another window) is `late` when too old for its length to mean anything."""
        late = resumed and (self.now - dial.started_at).total_seconds() > RESUME_DIAL_SECONDS
        number = next((n for n in numbers_of(prospect) if n.id == dial.phone_id), None)
        return Running(dial, prospect, late=late, number=number)

    def read_queue(self) -> tuple[Queue, int]:
        """Reader: the whole queue, and the change count it is as fresh as. Also loads
        what the first outcome and the first date typed need (the scheduler, the
        when-rules and the holiday calendars) here, in the background, after the first
        rows show: importing them holds the interpreter for about 55 ms."""
        from followup_tui.domain import when_rules  # noqa: F401  (and the scheduler)
        from followup_tui.domain.public_holidays import warm_up

        since = self.seq
        built = prospect_store.queue_now(self.store.db(), self.now, self.policy)
        warm_up(self.home_region, self.now.date())
        return built, since

    def merge_queue(self, built: Queue, since: int) -> Result:
        """Take a queue read in another thread; what the rep changed meanwhile is
        judged again, so nothing they did is lost."""
        moved = {pid for seq, pid in self._changes if seq > since}
        if moved:
            built = prospect_store.queue_after_change(
                self.store.db(), built, moved, self.now, self.policy
            )
        self.queue = self.claims.settle(built, self.now)
        self.queue_complete = True
        self.has_prospects = prospect_store.any_prospect(self.store.db())
        return Result(numbers=self.numbers())

    def outside_changes(self) -> bool:
        """Whether another program (an import, a second window) wrote since last asked."""
        version = self.store.data_version()
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        return changed

    def keep_up(self) -> Result:
        """Every few seconds: other writers (the screen then reads the whole queue
        again; a dial running here that one of them logged is let go, not left
        counting in the status line) and who became due as the clock moved on."""
        stale = self.outside_changes()
        running = self.running
        if stale and running is not None:  # a second window may have logged our dial
            gone = touch_store.gone_words(self.store.db(), running.touch.id)
            if gone is not None:
                return replace(self.let_dial_go(gone), stale=True, failed=False)
        caught = self.catch_up(self.claims.refresh(self.now))
        if caught is None:
            return Result(stale=stale, numbers=self.numbers() if stale else None)
        return Result(stale=stale, changed=caught.changed, numbers=caught.numbers)

    def catch_up(self, moved: Iterable[int] = ()) -> Result | None:
        """As the clock moves on: take in who became due and whose hold lifted (and
        `moved`: whom other reps took or let go)."""
        now = self.now
        since = self._due_checked or now
        self._due_checked = now
        ids = set(due_between(self.store.db(), since, now)) | set(moved)
        ids.update(
            e.prospect.id for e in self.queue.held if e.opens_at is not None and e.opens_at <= now
        )
        if not ids:
            return None
        self._requeue(ids)
        return Result(changed=frozenset(ids), numbers=self.numbers())

    def _requeue(self, ids: Iterable[int]) -> None:
        changed = set(ids)
        self.seq += 1
        self._changes.extend((self.seq, pid) for pid in changed)
        del self._changes[:-KEPT_CHANGES]
        self.queue = self.claims.settle(
            prospect_store.queue_after_change(
                self.store.db(), self.queue, changed, self.now, self.policy
            ),
            self.now,
        )

    def numbers(self) -> Numbers:
        """Today's counts, the queue sizes, the block's tally: the status line."""
        db = self.store.db()
        now = self.now
        start = now.in_tz(self.rep_zone).start_of("day")
        block_tally = None
        if self.block is not None:
            block_tally = tally(self.block, block_store.block_touches(db, self.block.id), now)
        return Numbers(
            day=touch_store.day_counts(db, start, start.add(days=1), self.claims.rep),
            due=len(self.queue.ready),
            held=len(self.queue.held),
            block=self.block,
            block_tally=block_tally,
            next_due=None if self.queue.ready else prospect_store.next_due_at(db, now),
            complete=self.queue_complete,
        )

    # -- reading (reader) ------------------------------------------------------
    def file_view(self, prospect_id: int) -> FileView | None:
        db = self.store.db()
        file = prospect_store.prospect_file(db, prospect_id)
        if file is None:
            return None
        now = self.now
        recent = prospect_store.recent_touches(db, prospect_id, now)
        running = self.running
        if running is not None and running.prospect.id == prospect_id:
            # The call on the line is this touch, not a reason to hold the next one.
            recent = [t for t in recent if t.at != running.touch.started_at]
        standing = standing_text(file.prospect, recent, now, self.policy, self.rep_zone)
        return FileView(file, standing, self.numbers_now(file.prospect))

    def numbers_now(self, prospect: Prospect) -> tuple[PhoneNumber, ...]:
        """The prospect's numbers as the header lists them: the one `d` dials now
        first, then the others in order of preference."""
        numbers = ordered(numbers_of(prospect))
        best = best_number(prospect, self.now, self.policy.rules)
        return tuple(sorted(numbers, key=lambda n: n is not best))

    def find(self, text: str) -> Found:
        found = prospect_store.find_prospects(self.store.db(), text, limit=FOUND_SHOWN + 1)
        return Found(text, tuple(found[:FOUND_SHOWN]), more=len(found) > FOUND_SHOWN)

    def parked(self) -> list[Prospect]:
        return prospect_store.parked(self.store.db())

    def stats(self) -> Stats:
        """The rep's own numbers (`t`): in a team's database, theirs, as the status
        line's day counts are; on their own database, every touch in it."""
        from followup_tui.store.stats import stats_for  # heavy: loaded when first asked

        rep = self.claims.rep if self.claims.shared else None
        return stats_for(self.store.db(), self.now, self.rep_zone, rep=rep)

    def team_numbers(self) -> dict[str, Stats]:
        """Heavy: each rep's numbers over the whole history (the team view)."""
        from followup_tui.store.stats import team_stats

        return team_stats(self.store.db(), self.now, self.rep_zone)

    def import_file(
        self,
        path: Path,
        progress: Callable[[ImportProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> ImportOutcome:
        """Heavy lane: import a CRM file in chunks, so that the rep's writes go through
        between them; `should_stop` ends it between chunks. Words, never a traceback."""
        from followup_tui.intake.csv_import import import_prospects
        from followup_tui.intake.csv_read import IntakeError
        from followup_tui.intake.importing import ImportInterrupted, ImportOptions

        options = ImportOptions(region=self.home_region, rep_zone=self.rep_zone)
        if self.read_only:
            return ImportOutcome(path, problem="Nothing imported: the database is read-only.")
        try:
            report = import_prospects(
                self.store.db(), path, options, self.now, progress, should_stop
            )
        except IntakeError as err:
            return ImportOutcome(path, problem=f"Nothing imported: {err}")
        except ImportInterrupted as err:
            return ImportOutcome(path, err.report, problem=str(err))
        except OSError as err:
            return ImportOutcome(path, problem=f"Import of {path.name} stopped: {err}")
        except DATABASE_ERRORS as err:
            return ImportOutcome(path, problem=f"Import of {path.name} stopped: {error_words(err)}")
        return ImportOutcome(path, report)

    # -- questions the screen may ask before anything is read (no database) ---
    def target(self, on_screen: Prospect | None) -> tuple[Prospect | None, Notice | None]:
        """Who an outcome is for (the prospect on the line, else the one on screen),
        or why there is nobody to log for; asked before a dialog opens."""
        prospect = self.running.prospect if self.running is not None else on_screen
        if prospect is None:
            return None, Notice("No prospect selected.", "warning")
        if prospect.do_not_call:
            return None, Notice(
                f"{prospect.name} is on the do-not-call list: nothing logged.", "error"
            )
        return prospect, None

    def zone_for(self, prospect: Prospect) -> str:
        return zone_of(prospect) or self.rep_zone

    def block_time_up(self) -> bool:
        """The block's time ran out (never while a dial runs: it belongs to the block)."""
        block = self.block
        return (
            block is not None
            and self.running is None
            and not block.paused
            and block.remaining_seconds(self.now) <= 0
        )

    @property
    def block_id(self) -> int | None:
        """The block a touch logged now belongs to (none while paused)."""
        return self.block.id if self.block is not None and not self.block.paused else None

    def _changeable(
        self, db: Connection, prospect_id: int, *, logging: bool = False
    ) -> Prospect | Result:
        """The prospect, fresh from the database, or why nothing may be done to them."""
        prospect = prospect_store.get_prospect(db, prospect_id)
        if prospect is None:
            return refused("That prospect is gone (deleted elsewhere?).")
        words = self.untouchable(prospect)
        if words is not None:
            tail = ": nothing logged." if logging else "."
            return refused(words + tail, "error")
        return prospect

    @staticmethod
    def untouchable(prospect: Prospect) -> str | None:
        """Why nothing may be done to `prospect` (no dial, no outcome), or None: asked
        before a dialog offers them anything (`N`'s numbers), and again on writing."""
        if prospect.do_not_call:
            return f"{prospect.name} is on the do-not-call list"
        return None

    # -- dialing (writer) -------------------------------------------------------
    def dial(
        self,
        prospect_id: int,
        override: bool = False,
        skip_task: bool | None = None,
        phone_id: int | None = None,
    ) -> Result:
        """Start a dial to the best number that may be called now (domain.numbers), or
        to `phone_id` when the rep picked one. Past an overridable hold, or on a day
        whose step is an email, LinkedIn message or letter, it asks first;
        `skip_task` is the rep's answer to the latter (keep that task due, or skip it)."""
        if self.running is not None:
            return refused(
                f"Already dialing {self.running.prospect.name}: log the outcome (n v c m x) "
                "or Esc to cancel the dial."
            )
        now = self.now
        with self.store.writing() as db:
            prospect = self._changeable(db, prospect_id)
            if isinstance(prospect, Result):
                return prospect
            holder = self.claims.holder(db, prospect_id, now)
            if holder:
                return refused(f"{prospect.name} is being worked by {holder}: not dialed.")
            recent = prospect_store.recent_touches(db, prospect_id, now)
            step = current_step(prospect, self.policy)
            # A dial is a call: judged as the callback they asked for once its time has
            # come (no gentle caps), else as a call whatever today's step is.
            asked = CALLBACK_STEP if asked_for_now(prospect, now) else None
            hold = hold_for(prospect, asked, recent, now, self.policy)
            if hold is not None and not hold.overridable:
                return refused(f"Cannot dial {prospect.name}: {hold.reason}.")
            number = best_number(prospect, now, self.policy.rules)
            if phone_id is not None:
                number = next((n for n in numbers_of(prospect) if n.id == phone_id), None)
                if number is None or not number.good:
                    return refused(f"That number of {prospect.name} cannot be dialed.")
            cap = hold if hold is not None and hold.kind == HoldKind.CAP else None
            if number is not None and (phone_id is not None or cap is not None):
                # The hours of the number that rings are said beside a cap (which only
                # says when it lifts), so "dial anyway" never overrides hours unsaid;
                # a picked number's own hours replace the best number's.
                hold = together(cap, self._number_closed(prospect, number))
            task = step if step is not None and not step.is_call else None
            # Ahead of the callback they asked for: the promise is the rep's to keep.
            promised = prospect.next_touch_at if step is CALLBACK_STEP and asked is None else None
            if (
                ((hold is not None or promised is not None) and not override)
                or (task is not None and skip_task is None)
            ):  # fmt: skip
                question = self._dial_question(prospect, hold.reason if hold else None,
                                               hold.opens_at if hold else None, task,
                                               zone=self._zone_of(prospect, number),
                                               promised=promised)  # fmt: skip
                if task is None:
                    again = partial(self.dial, prospect_id, True, phone_id=phone_id)
                    return Result(question=question, again=again)
                chosen = partial(self._dial_chosen, prospect_id, phone_id)
                return Result(question=question, choose=chosen)
            notice = None
            if self.block is not None and self.block.paused:  # dialing is the block's work
                self.block = block_store.set_paused(db, self.block.id, False, now)
                notice = Notice("Block resumed: this dial counts toward it.")
            touch = touch_store.start_dial(
                db, prospect_id, now, override=hold.reason if hold else "",
                block_id=self.block_id, number=number,
            )  # fmt: skip
        self.running = Running(touch, prospect, skip_task=bool(skip_task), number=number)
        return Result(notice=notice, numbers=self.numbers())

    def _dial_chosen(self, prospect_id: int, phone_id: int | None, key: str) -> Result:
        return self.dial(prospect_id, override=True, skip_task=key == "s", phone_id=phone_id)

    def _number_closed(self, prospect: Prospect, number: PhoneNumber) -> Hold | None:
        """The calling hours of the one number the rep picked, when they are closed."""
        zones = zones_for(prospect, number)
        hours = self.policy.rules.hours_for(number.e164)
        if is_open(self.now, zones, hours):
            return None
        return outside_hours(next_opening(self.now, zones, hours))

    def _zone_of(self, prospect: Prospect, number: PhoneNumber | None) -> str:
        """Where "their time" is for a call to `number`: where it rings, else theirs."""
        zones = zones_for(prospect, number) if number is not None else ()
        return zones[0] if zones else self.zone_for(prospect)

    def look_at(self, prospect_id: int) -> Result:
        """The rep stopped on `prospect_id` (a team's database): it is claimed for them
        while they prepare, so a colleague's queue leaves it out. One a colleague
        holds already is left to them, in words, and the list moves on."""
        if self.running is not None:
            return Result()  # the dial's prospect is the one claimed
        holder = self.claims.look_at(prospect_id, self.now)
        if not holder:
            return Result()
        entry = self.queue.entry(prospect_id)
        name = entry.prospect.name if entry is not None else "This prospect"
        self._requeue([prospect_id])  # the claims hide it now
        return Result(
            notice=Notice(f"{name} is being worked by {holder}: left to them."),
            changed=frozenset({prospect_id}),
            numbers=self.numbers(),
        )

    @dial_may_be_gone
    def switch_number(self, phone_id: int | None, override: bool = False) -> Result:
        """`N` during a dial: the call goes to another of the prospect's numbers (the
        same dial, timed from its start); the screen hands the new one off. Outside
        that number's calling hours it asks first, and records the override."""
        running = self.running
        if running is None:
            return refused("No dial running.")
        prospect = running.prospect
        number = next((n for n in numbers_of(prospect) if n.id == phone_id), None)
        if number is None or not number.good:
            return refused("That number cannot be dialed.")
        closed = self._number_closed(prospect, number)
        if closed is not None and not override:
            question = self._dial_question(prospect, closed.reason, closed.opens_at, None,
                                           zone=self._zone_of(prospect, number))  # fmt: skip
            return Result(question=question, again=partial(self.switch_number, phone_id, True))
        with self.store.writing() as db:
            touch = touch_store.set_dial_number(
                db, running.touch.id, number, override=closed.reason if closed else ""
            )
        self.running = replace(running, touch=touch, number=number)
        return Result(numbers=self.numbers())

    def _dial_question(
        self,
        prospect: Prospect,
        reason: str | None,
        opens_at: DateTime | None,
        task: Step | None,
        *,
        zone: str | None = None,
        promised: DateTime | None = None,
    ) -> Question:
        """Past a hold: dial anyway (an override)? On a task step: keep the task or skip
        it. `zone`: where the number dialed rings (their time), when not theirs;
        `promised`: the time of a callback they asked for, not come yet."""
        parts: list[Part] = [(prospect.name, "name")]
        if reason is not None:
            when = ""
            if opens_at is not None:
                local = opens_at.in_tz(zone or self.zone_for(prospect))
                when = f" (allowed from {local.format('ddd HH:mm')} their time)"
            parts.append((f": {reason}{when}.", ""))
        if promised is not None:
            local = promised.in_tz(zone or self.zone_for(prospect))
            parts.append((" asked" if reason is None else " They asked", ""))
            parts.append((f" to be called back {when_text(local, self.now)} their time.", "strong"))
        if task is not None:
            due = due_at(prospect)
            if due is None or due <= self.now:
                step = "today's step is"
            else:  # dialed ahead of a task: it is the next step, not today's
                local = due.in_tz(zone or self.zone_for(prospect))
                step = f"the next step, due {when_text(local, self.now)} their time, is"
            parts.append((f": {step} " if reason is None else f" {step[0].upper()}{step[1:]} ", ""))
            parts.append((f"{task.label}, not a call.", "strong"))
        parts.append((" Dial anyway? ", ""))
        if reason is not None:
            parts.append(("It is recorded as an override.", "warning"))
        if task is None:  # an override takes `y`: Enter, pressed all day, is no yes
            return Question(tuple(parts), "Dial anyway", "Don't", permanent=reason is not None)
        choices = (("k", f"Dial, keep the {task.short_label} due"),
                   ("s", f"Dial and skip the {task.short_label}"))  # fmt: skip
        return Question(tuple(parts), no="Don't dial", choices=choices)

    @dial_may_be_gone
    def connect(self) -> Result:
        """`c` during a dial: someone answered. The call goes on until the outcome is
        saved or the rep hangs up; talk time runs from now. After `h`, when they
        answered is not known: the talk is counted from the dial (the ring in it), as
        0 would drop a whole conversation from the rep's talk time."""
        running = self.running
        if running is None or running.connected:
            return Result()
        answered = running.touch.started_at if running.hung_up else self.now
        with self.store.writing() as db:
            touch = touch_store.mark_connected(db, running.touch.id, answered)
        self.running = replace(running, touch=touch)
        if not running.hung_up:
            return Result(numbers=self.numbers())
        return Result(
            notice=Notice("Marked answered after the call ended: its talk time counts from the "
                          "dial (c while the call runs times it from the answer)."),
            numbers=self.numbers(),
        )  # fmt: skip

    @dial_may_be_gone
    def hang_up(self) -> Result:
        """The call ended; the rep still types the note and picks the outcome."""
        running = self.running
        if running is None:
            return refused("No dial running.")
        if running.hung_up:
            return Result()
        with self.store.writing() as db:
            touch = touch_store.mark_hung_up(db, running.touch.id, self.now)
        self.running = replace(running, touch=touch)
        length = duration_text(int((self.now - touch.started_at).total_seconds()))
        return Result(
            notice=Notice(f"Call with {running.prospect.name} ended ({length}): log its outcome."),
            numbers=self.numbers(),
        )

    def finish_dial(self, prospect_id: int, *, sure: bool = False) -> Result:
        """`f`: log the outcome of a dial to this prospect that was never logged. A
        colleague's is theirs; a recent one may be running in another window."""
        if self.running is not None:
            return refused(f"Already dialing {self.running.prospect.name}: log that one first.")
        db = self.store.db()
        prospect = prospect_store.get_prospect(db, prospect_id)
        dial = touch_store.open_dial_of(db, prospect_id)
        if prospect is None or dial is None:
            return refused("No unlogged dial to this prospect.")
        owner = touch_store.dialed_by(db, dial.id)
        if owner and owner != self.claims.rep:
            return refused(f"{owner} is on the dial to {prospect.name}: it is theirs to log.")
        age = (self.now - dial.started_at).total_seconds()
        if age < RESUME_DIAL_SECONDS and not sure:
            asked = Question(
                (("The dial to ", ""), (prospect.name, "name"),
                 (f" started {duration_text(age)} ago and may still be running in another "
                  "window. Take it over here?", "")),
                yes="Take it over", no="Leave it",
            )  # fmt: skip
            return Result(question=asked, again=partial(self.finish_dial, prospect_id, sure=True))
        self.running = self._running(dial, prospect)
        started = day_and_time(dial.started_at.in_tz(self.rep_zone))
        return Result(
            notice=Notice(f"The dial to {prospect.name} of {started}: n v c m x logs it, "
                          "Esc discards it."),
            numbers=self.numbers(),
        )  # fmt: skip

    def running_seconds(self) -> float:
        running = self.running
        return (self.now - running.touch.started_at).total_seconds() if running else 0.0

    def discard_would_lose(self) -> str | None:
        """What discarding the running dial would lose, in words that finish "Discard
        the dial to <name>": None when it is a slip (started a moment ago, nobody
        answered, no note), to go at once."""
        running = self.running
        if running is None:
            return None
        touch = running.touch
        slip = self.running_seconds() < DISCARD_ASK_S and not running.late
        if slip and touch.connected_at is None and not touch.notes:
            return None
        since = day_and_time(touch.started_at.in_tz(self.rep_zone))
        lost = [what for what, there in (("the conversation", touch.connected_at is not None),
                                         ("the note", bool(touch.notes))) if there]  # fmt: skip
        words = f"started {since}? Nothing is logged"
        if lost:
            words += f", {' and '.join(lost)} {'are' if len(lost) > 1 else 'is'} lost"
        return words + ", and it no longer counts toward the caps."

    def let_dial_go(self, words: str) -> Result:
        """The running dial is no longer this window's to log: forget it here."""
        running = self.running
        self.running = None
        if running is None:
            return refused(words)
        self.claims.done_with([running.prospect.id])
        self._requeue([running.prospect.id])
        return Result(
            notice=Notice(f"{running.prospect.name}: {words}", "warning"),
            changed=frozenset({running.prospect.id}),
            numbers=self.numbers(),
            failed=True,
        )

    def cancel_dial(self) -> Result:
        running = self.running
        if running is None:
            return Result()
        with self.store.writing() as db:
            touch_store.cancel_dial(db, running.touch.id)
        self.running = None
        self.claims.done_with([running.prospect.id])
        self._requeue([running.prospect.id])
        return Result(
            notice=Notice(f"Dial to {running.prospect.name} discarded; nothing logged."),
            changed=frozenset({running.prospect.id}),
            numbers=self.numbers(),
        )

    # -- outcomes (writer) ------------------------------------------------------
    @dial_may_be_gone
    def log(
        self,
        prospect_id: int,
        outcome: Outcome,
        *,
        channel: str | None = None,
        notes: str = "",
        decision_maker: bool = False,
        decision: Decision | None = None,
        when: DateTime | None = None,
        for_anyone: bool = False,
        answered: frozenset[str] = frozenset(),
    ) -> Result:
        """Log `outcome`, after the questions a careful colleague would ask: how it
        came when no dial ran, waking a parked prospect, retiring one early, making
        one do-not-call. A running dial ends now (or when the rep hung up). A callback
        is this rep's unless `for_anyone`; a meeting makes the prospect theirs."""
        running = self.running
        if running is not None:
            prospect_id, channel = running.prospect.id, Channel.CALL
        elif channel is None and outcome in DESK_PHONE:
            channel = Channel.CALL
        decision = decision or (Decision.CALLBACK if when else decision_for(outcome))
        again = partial(self.log, prospect_id, outcome, channel=channel, notes=notes,
                        decision_maker=decision_maker, decision=decision, when=when,
                        for_anyone=for_anyone)  # fmt: skip
        if (
            running is not None
            and running.connected  # `c` said someone answered; `n` or `v` says nobody did
            and outcome in UNANSWERED
            and "unanswered" not in answered
        ):
            asked = self._unanswered_question(running, outcome)
            return Result(question=asked, again=partial(again, answered=answered | {"unanswered"}))
        just = self._just_logged(prospect_id) if running is None else None
        if just is not None and "again" not in answered:
            return Result(question=just, again=partial(again, answered=answered | {"again"}))
        with self.store.writing() as db:
            prospect = self._changeable(db, prospect_id, logging=True)
            if isinstance(prospect, Result):
                return prospect
            asking = self._asking(prospect, outcome, decision, decision_maker, answered, channel)
            if asking is not None:
                key, question = asking
                said = answered | {key}
                if not question.choices:
                    return Result(question=question, again=partial(again, answered=said))
                return Result(question=question, choose=partial(self._channel_chosen, again, said))
            assert channel is not None
            rep = self.claims.rep
            logged_at = self.now
            dial = running.touch if running is not None else None
            if dial is not None and outcome in UNANSWERED:  # the rep said yes: nobody did
                dial = replace(dial, connected_at=None)
            history = prospect_store.recent_touches(db, prospect_id, logged_at)
            if dial is None:  # a running dial is in the history already
                history.append(TouchTime(logged_at, channel == Channel.CALL))
            plan = plan_after(
                prospect, outcome, logged_at, self.policy, history=history, decision=decision,
                callback_at=when if decision == Decision.CALLBACK else None,
                revisit_at=when if decision in RETIRING else None,
                next_at=running.next_at if running else None,
                keep_task=not (running and running.skip_task), channel=channel,
                fallback_zone=self.rep_zone,
            )  # fmt: skip
            touch = touch_store.log_outcome(
                db, prospect_id, outcome, plan, logged_at, dial=dial, channel=channel,
                notes=notes, decision_maker=decision_maker, block_id=self.block_id,
                length_known=not (running and running.late),
                owner=rep if plan.status == Status.MEETING else None,
                callback_for=None if for_anyone else rep,
                meeting_at=when if decision == Decision.MEETING else None,
            )  # fmt: skip
            after = None
            if outcome == Outcome.WRONG_NUMBER:  # which number is left to call
                after = prospect_store.get_prospect(db, prospect_id)
        self.running = None
        if channel == Channel.EMAIL and self.emailed == prospect_id:
            self.emailed = None  # logged once
        self.claims.done_with([prospect_id])
        self.last_logged = (touch, prospect)
        self._requeue([prospect_id])
        return Result(
            notice=Notice(self._logged_words(prospect, outcome, touch, plan, running, after)),
            changed=frozenset({prospect_id}),
            logged=prospect_id,
            numbers=self.numbers(),
        )

    def _just_logged(self, prospect_id: int) -> Question | None:
        """A second outcome for the prospect logged a moment ago, with no dial: a key
        pressed twice, or on the wrong prospect, more likely than a second touch."""
        if self.last_logged is None:
            return None
        touch, prospect = self.last_logged
        at = touch.ended_at or touch.started_at
        since = (self.now - at).total_seconds()
        if prospect.id != prospect_id or since > JUST_LOGGED_S:
            return None
        return Question(
            ((prospect.name, "name"),
             (f" was logged {_ago(since)} ({outcome_label(touch.outcome)}). "
              "Log another touch for them?", "")),
            yes="Log another", no="Cancel",
        )  # fmt: skip

    def _unanswered_question(self, running: Running, outcome: Outcome) -> Question:
        """`c` said someone answered; `n` or `v` says nobody did. Asked rather than
        logged, so a conversation is never lost from the counts by a slip of a key."""
        assert running.touch.connected_at is not None
        into = duration_text(int((running.touch.connected_at - running.touch.started_at)
                                 .total_seconds()))  # fmt: skip
        return Question(
            (("The call with ", ""), (running.prospect.name, "name"),
             (f" was marked answered ({into} in). Log ", ""), (outcome_label(outcome), "strong"),
             (" instead? The conversation is taken back; No keeps it, to log what was said "
              "(c m x).", "")),
            yes=f"Log {outcome_label(outcome)}", no="Keep the conversation",
            permanent=True,  # `y` only: an Enter meant for the dialog never drops a talk
        )  # fmt: skip

    def _channel_chosen(
        self, again: Callable[..., Result], answered: frozenset[str], key: str
    ) -> Result:
        channel = next(channel for channel, k, _ in HOW_IT_CAME if k == key)
        return again(channel=channel, answered=answered)

    def _asking(
        self,
        prospect: Prospect,
        outcome: Outcome,
        decision: Decision,
        reached: bool,
        answered: frozenset[str],
        channel: str | None,
    ) -> tuple[str, Question] | None:
        """The first question still to ask. With no dial running and no channel said,
        it also asks how the touch came, in the same dialog, one key per way."""
        for key, question in self._questions(prospect, outcome, decision, reached):
            if key not in answered:
                if channel is None:
                    return key, with_channels(question)
                return key, question
        if channel is None:
            parts: tuple[Part, ...] = (
                (outcome_label(outcome).capitalize(), "strong"), (" for ", ""),
                (prospect.name, "name"), (", with no dial running.", ""),
            )  # fmt: skip
            return "how", with_channels(Question(parts, no="Cancel"))
        return None

    def _logged_words(
        self, prospect: Prospect, outcome: Outcome, touch: Touch, plan: Plan,
        running: Running | None, after: Prospect | None = None,
    ) -> str:  # fmt: skip
        said = f"{outcome_label(outcome).capitalize()}: {prospect.name}"
        if touch.duration_s is not None:
            said += f" ({duration_text(touch.duration_s)}"
            if touch.talk_s is not None:
                said += f", talked {duration_text(touch.talk_s)}"
            said += ")"
        elif running is not None and running.late:
            said += " (length unknown)"
        if touch.channel != Channel.CALL:
            said += f", {channel_words(touch.channel)}"
        if touch.meeting_at is not None:  # the rep's to attend: their clock and the rep's
            said += f". Meeting {meeting_text(touch.meeting_at, self.rep_zone, zone_of(prospect))}"
        if plan.task_kept:
            step = current_step(prospect, self.policy)
            how = "d dials" if step is None or step.is_call else "l when it is done"
            words = _step_words(step) if step is not None else "call"
            said += f". {words[0].upper()}{words[1:]} stays due{self._kept_until(prospect)}: {how}"
        next_step = self.policy.cadence(prospect.cadence).step(plan.cadence_step)
        if after is not None and not after.phone_bad and after.phone_e164:
            main = next((n for n in after.numbers if n.main), None)
            shown = format_phone(after.phone_e164, after.phone_ext, self.home_region)
            said += f". That number is marked wrong; the {main.label if main else 'other'}"
            said += f" number {shown} is next"
        elif plan.phone_bad and next_step is not None and next_step.is_call:
            said += ". No more dials to this number: E enters a new one"
        elif plan.next_touch_at is not None and not plan.task_kept:
            local = plan.next_touch_at.in_tz(self.zone_for(prospect))
            chosen = " as you set it" if running is not None and running.next_at else ""
            what = "Callback" if plan.next_touch_is_callback else "Next touch"
            said += f". {what} {day_and_time(local)} their time{chosen}"
        if plan.revisit_at is not None:
            where = "Cadence done: on" if plan.cadence_finished else "On"
            said += f". {where} the not-now list until {plan.revisit_at.format('D MMM YYYY')}"
        said += ". This is permanent." if plan.do_not_call else ". u undoes, a adds a note."
        return said

    def _kept_until(self, prospect: Prospect) -> str:
        """When a task kept due after today's call may be done: the call counts as
        the day's touch, so the task waits for the cap (' from Tue 24 Nov 00:00 their time
        (cap: already touched today)'); '' when it may be done now. Asked only when
        a task is kept, after the queue has judged the prospect again."""
        entry = self.queue.entry(prospect.id)
        if entry is None or entry.hold is None or entry.hold.opens_at is None:
            return ""
        local = entry.hold.opens_at.in_tz(self.zone_for(prospect))
        # A task waiting for the day cap opens at their midnight: the day says it.
        day = local.format("ddd D MMM") if (local.hour, local.minute) == (0, 0) else None
        return f" from {day or day_and_time(local)} their time ({entry.hold.reason})"

    def _questions(
        self, prospect: Prospect, outcome: Outcome | None, decision: Decision, reached: bool
    ) -> Iterable[tuple[str, Question]]:
        if (
            outcome is not None
            and prospect.status != Status.ACTIVE
            and not self._revisit_due(prospect)
        ):
            yield "wake", Question(
                ((prospect.name, "name"),
                 (f" is {prospect.status.replace('_', ' ')}. Log ", ""),
                 (outcome_label(outcome), "strong"),
                 (" and put them back into the follow-up queue?", "")),
            )  # fmt: skip
        if decision in RETIRING and not reached:
            touches_after = prospect.touch_count + (1 if outcome is not None else 0)
            dm = touch_store.reached_decision_maker(self.store.db(), prospect.id)
            if gives_up_early(touches_after, dm):
                yield "give_up", give_up_question(prospect, touches_after, decision)
        if decision == Decision.DO_NOT_CALL:
            yield "dnc", Question(
                (("Put ", ""), (prospect.name, "name"), (" on the do-not-call list? ", ""),
                 ("This is permanent: only the command 'followup dnc remove' takes it back.",
                  "warning")),
                permanent=True,
            )  # fmt: skip

    def _revisit_due(self, prospect: Prospect) -> bool:
        due = due_at(prospect)
        return prospect.status in PARKED and due is not None and due <= self.now

    def task_done(self, prospect_id: int) -> Result:
        """`l`: the email, LinkedIn message or letter of this step is done; after `M`
        opened an email on another step's day, that email is (the step stays due)."""
        if self.running is not None:
            return refused("A dial is running: log its outcome first (n v c m x), then l.")
        prospect = prospect_store.get_prospect(self.store.db(), prospect_id)
        if prospect is None:
            return refused("No prospect selected.")
        step = current_step(prospect, self.policy)
        if self.emailed == prospect_id:
            return self.log(prospect_id, Outcome.SENT, channel=Channel.EMAIL)
        if step is None or step.is_call:
            return refused("This step is a call: d dials, then n, v or c logs it.")
        return self.log(prospect_id, Outcome.SENT, channel=step.channel)

    def email_opened(self, prospect: Prospect | None) -> Result:
        """`M` opened an email to `prospect` (None: it did not open): `l` logs that
        email next, whatever today's step is, so an email between steps is counted."""
        self.emailed = prospect.id if prospect is not None else None
        if prospect is None:
            return Result()
        step = current_step(prospect, self.policy)
        said = f"Opening the email to {prospect.name} in your mail program; l logs it once sent"
        if step is not None and step.channel != Channel.EMAIL:
            said += f" ({_step_words(step)} stays due)"
        return Result(notice=Notice(said + "."))

    def park(
        self, prospect_id: int, when: DateTime, answered: frozenset[str] = frozenset()
    ) -> Result:
        """`z`: not now, back on `when`; no touch is logged, and it is undoable."""
        if self.running is not None:
            return refused("Log the running call first (c lets you choose 'not now').")
        now = self.now
        with self.store.writing() as db:
            prospect = self._changeable(db, prospect_id)
            if isinstance(prospect, Result):
                return prospect
            for key, question in self._questions(prospect, None, Decision.NOT_NOW, False):
                if key not in answered:
                    return Result(
                        question=question,
                        again=partial(self.park, prospect_id, when, answered | {key}),
                    )
            plan = plan_after(prospect, Outcome.SENT, now, self.policy, decision=Decision.NOT_NOW,
                              revisit_at=when, fallback_zone=self.rep_zone)  # fmt: skip
            touch_store.park(db, prospect_id, plan, now)
        self._requeue([prospect_id])
        return Result(
            notice=Notice(
                f"{prospect.name}: not now, back on {when.format('D MMM YYYY')}. u undoes."
            ),
            changed=frozenset({prospect_id}),
            numbers=self.numbers(),
        )

    def undo(self) -> Result:
        """`u`: take back the newest outcome logged since the app opened (an older
        one is history, not a slip). A dial's outcome leaves the dial open again,
        note kept, for the rep to log what really happened."""
        if self.running is not None:
            return refused("A dial is running: log its outcome first (n v c m x), then u.")
        try:
            with self.store.writing() as db:
                undone = touch_store.undo_last_outcome(db, self.claims.rep, since=self.started_at)
                prospect = (
                    prospect_store.get_prospect(db, undone.prospect_id)
                    if undone is not None and undone.reopened is not None
                    else None
                )
        except touch_store.UndoRefused as refusal:
            return refused(str(refusal), "error")
        if undone is None:
            return Result(notice=Notice("Nothing to undo since the app opened."))
        self.last_logged = None
        if undone.outcome == Outcome.SENT:  # "sent for Dana" said neither what nor how
            words = f"Undone: {_sent_words(undone.channel, undone.prospect_name)}."
        else:
            words = f"Undone: {outcome_label(undone.outcome)} for {undone.prospect_name}."
        if undone.reopened is not None and prospect is not None:
            running = self._running(undone.reopened, prospect, resumed=False)
            self.running = replace(running, decision_maker=undone.decision_maker)
            words += " The dial is open again: log what happened (n v c m x), Esc discards it."
        self._requeue([undone.prospect_id])
        return Result(
            notice=Notice(words),
            changed=frozenset({undone.prospect_id}),
            show=undone.prospect_id,
            numbers=self.numbers(),
        )

    # -- the prospect's details (writer) ----------------------------------------
    def schedule(self, prospect_id: int, when: DateTime) -> Result:
        """`s`: the next touch at `when`. Typed during a dial to this prospect, it is
        also the next touch once the call's outcome is logged: what the rep typed wins."""
        with self.store.writing() as db:
            prospect = self._changeable(db, prospect_id)
            if isinstance(prospect, Result):
                return prospect
            touch_store.schedule_next(db, prospect_id, when, self.now)
        running = self.running
        kept = ""
        if running is not None and running.prospect.id == prospect_id:
            self.running = replace(running, next_at=when)
            kept = " Kept when you log this call."
        self._requeue([prospect_id])
        said = f"Next touch with {prospect.name}: {day_and_time(when)} their time.{kept}"
        return Result(
            notice=Notice(said),
            changed=frozenset({prospect_id}),
            numbers=self.numbers(),
        )

    @dial_may_be_gone
    def add_note(self, note: str) -> Result:
        """`a`: a note on the running dial, else on the touch just logged (no undo needed)."""
        note = note.strip()
        if not note:
            return Result()
        running = self.running
        target = (running.touch, running.prospect) if running else self.last_logged
        if target is None:
            return refused("Nothing logged yet in this session: a adds a note to the last outcome.")
        touch, prospect = target
        said = f"Note added to {self.note_target()}."
        with self.store.writing() as db:
            touch = touch_store.add_note(db, touch.id, note)
        if running is not None:
            self.running = replace(running, touch=touch)
            return Result(notice=Notice(said), show=prospect.id)
        # The rep has moved on to the next prospect: their file is redrawn only if
        # it is still the one on screen, never brought back over the next one.
        self.last_logged = (touch, prospect)
        return Result(notice=Notice(said), changed=frozenset({prospect.id}))

    def note_target(self) -> str | None:
        """What `a` would add a note to, in words (None: nothing yet)."""
        if self.running is not None:
            return f"the dial to {self.running.prospect.name}"
        if self.last_logged is not None:
            touch, prospect = self.last_logged
            if touch.outcome == Outcome.SENT:
                return _sent_words(touch.channel, prospect.name)
            what = _channel_label(touch.channel)
            return f"the {what} logged for {prospect.name} ({outcome_label(touch.outcome)})"
        return None

    def edit_contact(self, prospect_id: int, edit: ContactEdit, sure: bool = False) -> Result:
        """`E`: the contact details as the rep typed them. A main number that can be
        dialed is replaced by one that cannot only if the rep says so: a typo would
        otherwise wipe out the number for good. Details that cannot be saved (an email
        that is no address) are refused in words, whoever asks."""
        problems = contact_problems(edit.email, edit.new_phone_raw, edit.new_phone_label)
        if problems:
            return refused("Not saved: " + "; ".join(problem for _, problem in problems) + ".")
        with self.store.writing() as db:
            current = prospect_store.get_prospect(db, prospect_id)
            main = next((n for n in numbers_of(current) if n.main), None) if current else None
            region = typing_region(main.e164 if main else None, self.home_region)
            phone = parse_phone(edit.phone_raw, region)
            added: tuple[tuple[str, ParsedPhone], ...] = ()
            if edit.new_phone_raw.strip():
                added = ((label_of(edit.new_phone_label), parse_phone(edit.new_phone_raw, region)),)
            changed = main is not None and main.raw != phone.raw
            if main is not None and changed and main.good and not phone.dialable and not sure:
                shown = format_phone(main.e164, main.ext, self.home_region)
                asked = Question(
                    ((f"{phone.raw or 'An empty number'!r} cannot be dialed "
                      f"({phone.problem or 'no number'}). Replace the main number ", ""),
                     (shown, "strong"),
                     (" with it? That number is then gone; to keep both, add the new one "
                      "as another number.", "")),
                    yes="Replace it", no="Back to the details", permanent=True,
                )  # fmt: skip
                again = partial(self.edit_contact, prospect_id, edit, True)
                return Result(question=asked, again=again)
            prospect_store.update_contact(
                db, prospect_id, name=edit.name, title=edit.title, company=edit.company,
                email=edit.email, phone=phone, now=self.now, added=added,
            )  # fmt: skip
        self._requeue([prospect_id])
        return Result(
            notice=Notice(f"Contact details of {edit.name} saved."),
            changed=frozenset({prospect_id}),
            show=prospect_id,
            numbers=self.numbers(),
        )

    def set_zone(self, prospect_id: int, name: str, zone: str) -> Result:
        """The zone the rep knows the prospect is in ('' goes back to the number's)."""
        with self.store.writing() as db:
            prospect_store.set_timezone(db, prospect_id, zone or None, self.now)
        self._requeue([prospect_id])
        said = zone or "the phone number's zone"
        return Result(
            notice=Notice(f"{name}: time zone set to {said}."),
            changed=frozenset({prospect_id}),
            show=prospect_id,
            numbers=self.numbers(),
        )

    def save_research(self, name: str, research: Research) -> Result:
        with self.store.writing() as db:
            prospect_store.save_research(db, research, self.now)
        return Result(notice=Notice(f"Research on {name} saved."), show=research.prospect_id)

    # -- call blocks (writer) ------------------------------------------------------
    def start_block(self, minutes: int, goal: int) -> Result:
        with self.store.writing() as db:
            self.block = block_store.start_block(db, minutes, goal, self.now)
        return Result(
            notice=Notice(f"Call block started: {plural(minutes, 'minute')}, goal "
                          f"{plural(goal, 'dial')}. p pauses, b ends it."),
            numbers=self.numbers(),
        )  # fmt: skip

    def pause_block(self) -> Result:
        if self.block is None:
            return refused("No call block running: b starts one.")
        pausing = not self.block.paused
        with self.store.writing() as db:
            self.block = block_store.set_paused(db, self.block.id, pausing, self.now)
        said = "Block paused: p resumes." if pausing else "Block resumed."
        return Result(notice=Notice(said), numbers=self.numbers())

    def end_block(self, time_up: bool = False) -> Result:
        if self.block is None:
            return Result()
        if self.running is not None and not time_up:
            return refused("A dial is running: log its outcome, then b ends the block.")
        now = self.now
        with self.store.writing() as db:
            ended = block_store.end_block(db, self.block.id, now)
        self.block = None
        numbers = tally(ended, block_store.block_touches(db, ended.id), now)
        previous = tuple(
            tally(block, block_store.block_touches(db, block.id), block.ended_at or now)
            for block in block_store.previous_blocks(db, ended.id)
        )
        worked = ended.worked_seconds(now)
        summary = BlockSummary(ended, numbers, previous, worked, was_left_open(ended, now))
        return Result(
            notice=Notice("Time is up for this call block.") if time_up else None,
            numbers=self.numbers(),
            summary=summary,
        )

    def worked_seconds(self) -> float:
        """How long the running block has been worked (pauses left out)."""
        return self.block.worked_seconds(self.now) if self.block else 0.0

    def time_reader(self, prospect: Prospect, purpose: Purpose = "call") -> TimeReader:
        """How the times the rep types for `prospect` are read and judged (reader):
        their calling window binds a call, not an email step or an agreed meeting."""
        from followup_tui.domain.when_rules import for_purpose, reader_for

        reader = reader_for(prospect, self.zone_for(prospect), self.policy.rules,
                            self.home_region, self.rep_zone)  # fmt: skip
        step = current_step(prospect, self.policy)
        return for_purpose(reader, purpose, step_is_call=step is None or step.is_call)


def give_up_question(
    prospect: Prospect, touches_after: int, decision: Decision = Decision.NOT_INTERESTED
) -> Question:
    # Parked with a date, they come back: "park", not "retire", is what is asked.
    act = "Park them anyway?" if decision == Decision.NOT_NOW else "Retire anyway?"
    parts: tuple[Part, ...] = (
        ("Giving up early? ", "warning"),
        (prospect.name, "name"),
        (f" would leave after {touches_after} touch{'es' if touches_after != 1 else ''}"
         f"{' (counting this one)' if touches_after > prospect.touch_count else ''},"
         " without ever reaching the decision maker. Reaching an executive takes"
         f" {MIN_TOUCHES} or more. {act}", ""),
    )  # fmt: skip
    # `y` only: it comes right after the Enter that confirmed a date.
    return Question(parts, no="Keep them", permanent=True)


Job = Callable[[], Result]


def with_channels(question: Question) -> Question:
    """The question, with how the rep heard from them as its answers: one key per
    way, and picking one goes on ("How did it come?" read as a riddle)."""
    asked = question.parts[-1][0].rstrip().endswith("?") if question.parts else False
    # After "Retire anyway?" a way of hearing is the yes: said so, not a second riddle.
    parts = (*question.parts, (" If so, how did you hear from them?" if asked
                               else " How did you hear from them?", ""))  # fmt: skip
    choices = tuple((key, words.capitalize()) for _, key, words in HOW_IT_CAME)
    return replace(question, parts=parts, choices=choices)


def _step_words(step: Step) -> str:
    """'the LinkedIn message step', 'the call step', 'the callback they asked for'."""
    return step.note if step is CALLBACK_STEP else f"the {step.label} step"


def _channel_label(channel: str) -> str:
    """'LinkedIn message', 'call + voicemail'; a channel of no label, in words."""
    return CHANNEL_LABELS.get(channel, channel.replace("_", " "))


def _sent_words(channel: str, name: str) -> str:
    """'the LinkedIn message sent to Dana'."""
    return f"the {_channel_label(channel)} sent to {name}"


def _ago(seconds: float) -> str:
    """'just now' (under 5 s: '0:00 ago' read as a clock), '42 s ago', '1 min 13 s ago'."""
    return "just now" if seconds < 5 else f"{duration_words(seconds)} ago"
