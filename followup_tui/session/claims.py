"""The session's part in a team: the prospect the rep is on (the head of the queue
until they move the cursor) and the one being dialed are claimed for this rep; what
other reps claimed or own is left out of the queue; claims are renewed while the
rep works and let go when they move on.

On SQLite (one rep) every claim is free, so this is the same code path, costing
one small write when the head of the queue changes. A claim is a lease that runs
out by itself, so its writes are never flushed to the disk (`durable=False`): one
lost to a power cut costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from pendulum import DateTime

from followup_tui.domain.queue import Queue
from followup_tui.store import team
from followup_tui.store.engine import Store


class Claims:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.rep: str = getattr(store, "rep", None) or team.default_rep()
        self.hidden: frozenset[int] = frozenset()  # other reps' claims and prospects
        self.head: int | None = None  # the prospect claimed at the head of the queue
        self.dialing: int | None = None  # the prospect of the running dial

    @property
    def active(self) -> bool:
        return not self.store.read_only

    @property
    def shared(self) -> bool:
        """Other reps may work this database (PostgreSQL): worth asking whom a
        callback is for."""
        return team.is_postgres(self.store)

    def refresh(self, now: DateTime) -> set[int]:
        """Renew this rep's claims and read the others'; the prospects hidden or shown
        since the last time (to be judged again)."""
        if not self.active:
            return set()
        with self.store.writing(durable=False) as db:
            team.renew_claims(db, self.rep, now)
        db = self.store.db()
        hidden = team.claimed_by_others(db, self.rep, now) | team.not_mine(db, self.rep)
        moved = set(self.hidden ^ hidden)
        self.hidden = hidden
        return moved

    def visible(self, queue: Queue) -> Queue:
        """`queue` without what another rep is working or owns."""
        return team.without(queue, self.hidden)

    def settle(self, queue: Queue, now: DateTime) -> Queue:
        """The queue as this rep may work it, with the prospect they are on still
        claimed (see look_at), else its first ready one: one another rep took
        meanwhile is dropped and the next one tried."""
        queue = self.visible(queue)
        if not self.active:
            return queue
        if self.head is not None and queue.entry(self.head) is not None:
            return queue  # the prospect the rep is on (look_at) stays theirs
        refused: set[int] = set()
        for entry in queue.ready:
            pid = entry.prospect.id
            if pid == self.head:
                break
            if not self.take(pid, now):
                self.head = pid
                break
            refused.add(pid)
        else:
            self.head = None
            self._let_go(now)
        if refused:
            self.hidden |= refused
            queue = self.visible(queue)
        return queue

    def take(self, prospect_id: int, now: DateTime) -> str:
        """Claim `prospect_id` (letting go of the others but the dial's): '' when it
        is this rep's now, else the rep who holds it."""
        keep = [p for p in (prospect_id, self.dialing) if p is not None]
        with self.store.writing(durable=False) as db:
            holder = team.claim(db, prospect_id, self.rep, now)
            if not holder:
                team.release_claims(db, self.rep, keep=keep)
        return holder

    def look_at(self, prospect_id: int, now: DateTime) -> str:
        """The rep moved to `prospect_id`: it becomes the one claimed for them, in
        place of the head of the queue. '' or the rep who holds it already."""
        if not self.active or prospect_id == self.head:
            return ""
        holder = self.take(prospect_id, now)
        if holder:
            self.hidden |= {prospect_id}  # theirs: out of this rep's queue at once
        else:
            self.head = prospect_id
        return holder

    def holder(self, db: object, prospect_id: int, now: DateTime) -> str:
        """Claim for a dial inside the caller's transaction: '' or who holds it."""
        if not self.active:
            return ""
        holder = team.claim(db, prospect_id, self.rep, now)
        if not holder:
            self.dialing = prospect_id
        return holder

    def done_with(self, ids: Iterable[int]) -> None:
        """The dial ended: its prospect is no longer held by the dial."""
        if self.dialing in set(ids):
            self.dialing = None

    def _let_go(self, now: DateTime) -> None:
        with self.store.writing(durable=False) as db:
            team.release_claims(db, self.rep, keep=[self.dialing] if self.dialing else [])
