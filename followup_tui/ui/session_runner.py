"""Running the session's work off the key path, in Textual thread workers.

Three lanes, each on its own thread with its own connection:
- writes, one at a time in the order the rep pressed the keys;
- quick reads (the prospect under the cursor, find, the not-now list), where
  only the newest request of a kind matters;
- heavy reads (the whole queue, the stats, an import), each in a worker of
  its own so that they never hold up a key, a write or a quick read.
Results come back as messages (ui/messages.py). A database error becomes words
for the rep; a worker never ends the app.
"""

from __future__ import annotations

import queue
import threading
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from textual.widget import Widget
from textual.worker import get_current_worker

from followup_tui.session.core import WorkSession
from followup_tui.session.results import Result
from followup_tui.store.engine import DATABASE_ERRORS, ReadOnlyStore, error_words
from followup_tui.ui.memory import Collector
from followup_tui.ui.messages import Failed, Read, Wrote

POLL_S = 0.1  # how often an idle lane looks whether the app is closing (if not woken)


class SessionRunner:
    def __init__(
        self, target: Widget, session: WorkSession, collector: Collector | None = None
    ) -> None:
        self.target = target
        self.session = session
        self.collector = collector or Collector()
        self._writes: queue.Queue[tuple[Callable[[], Result], str] | None] = queue.Queue()
        self._reads: dict[str, tuple[Callable[[], Any], Any]] = {}
        self._reads_ready = threading.Condition()
        self._busy = 0  # jobs queued or running, in every lane
        self._count = threading.Lock()
        self._writing: Counter[str] = Counter()  # writes not yet handled, by tag (UI thread)
        self._stopping = False  # set (under _reads_ready) when the screen goes

    def start(self) -> None:
        for loop, name in ((self._write_loop, "writes"), (self._read_loop, "reads")):
            self.target.run_worker(loop, name=name, group=f"session-{name}", thread=True,
                                   exit_on_error=False)  # fmt: skip

    def stop(self) -> None:
        """Wake the idle lanes so that they end now: the app closing waits for them,
        and would otherwise wait for their next look (POLL_S)."""
        self._writes.put(None)
        with self._reads_ready:
            self._stopping = True
            self._reads_ready.notify_all()

    @property
    def idle(self) -> bool:
        """Nothing queued or running (tests wait for this, never for the clock)."""
        return self._busy == 0

    def writing(self, but: frozenset[str] = frozenset()) -> bool:
        """A write (other than those tagged `but`) is queued, running, or its answer
        not yet handled: what the screen shows may be about to change."""
        return any(count for tag, count in self._writing.items() if tag not in but)

    def _add(self, n: int) -> None:
        with self._count:
            self._busy += n

    # -- the three lanes --------------------------------------------------------
    def write(self, job: Callable[[], Result], tag: str = "") -> None:
        self._add(1)
        self._writing[tag] += 1
        self._writes.put((job, tag))

    def read(self, kind: str, job: Callable[[], Any], key: Any = None) -> None:
        """A quick read; a newer one of the same kind replaces one not yet started."""
        with self._reads_ready:
            if kind not in self._reads:
                self._add(1)
            self._reads[kind] = (job, key)
            self._reads_ready.notify()

    def heavy(self, kind: str, job: Callable[[], Any], key: Any = None) -> None:
        self._add(1)
        self.target.run_worker(
            lambda: self._run_heavy(kind, job, key),
            name=kind, group=f"heavy-{kind}", thread=True, exit_on_error=False,
        )  # fmt: skip

    # -- in the worker threads -----------------------------------------------------
    def _write_loop(self) -> None:
        worker = get_current_worker()
        try:
            while not worker.is_cancelled:
                try:
                    next_write = self._writes.get(timeout=POLL_S)
                except queue.Empty:
                    continue
                if next_write is None:
                    return  # stopped
                job, tag = next_write
                self._deliver(partial(_wrote, job, tag), tag, written=True)
        finally:
            self.session.store.close_thread()

    def _read_loop(self) -> None:
        worker = get_current_worker()
        try:
            while not worker.is_cancelled:
                with self._reads_ready:
                    if self._stopping:
                        return
                    if not self._reads:
                        self._reads_ready.wait(POLL_S)
                        continue
                    kind = next(iter(self._reads))
                    job, key = self._reads.pop(kind)
                self._deliver(partial(_read, kind, job, key), kind)
        finally:
            self.session.store.close_thread()

    def _run_heavy(self, kind: str, job: Callable[[], Any], key: Any) -> None:
        try:
            with self.collector.paused():
                self._deliver(partial(_read, kind, job, key), kind)
        finally:
            self.session.store.close_thread()

    def _deliver(self, make: Callable[[], Wrote | Read], tag: str, written: bool = False) -> None:
        """Run the job and post its message; any error becomes words, never a crash.
        The job stays counted as busy until the screen has handled its message
        (`handled`), so `idle` means its result is on screen, not only posted."""
        try:
            message: Wrote | Read | Failed = make()
        except DATABASE_ERRORS as err:
            message = Failed(error_words(err), tag, read_only=isinstance(err, ReadOnlyStore))
        except Exception as err:  # a bug must not take the rep's call block down
            message = Failed(f"something went wrong ({error_words(err)}); nothing was lost "
                             "on screen, try again", tag)  # fmt: skip
        except BaseException:
            self._add(-1)
            raise
        message.counted = True
        message.written = written
        if not self.target.post_message(message):
            self._add(-1)  # the screen is gone: nobody will handle it

    def handled(self, message: Wrote | Read | Failed) -> None:
        """The screen took a message of a job: that job is done."""
        if message.counted:
            message.counted = False
            self._add(-1)
            if message.written and not isinstance(message, Read):
                self._writing[message.tag] -= 1


def _read(kind: str, job: Callable[[], Any], key: Any) -> Read:
    return Read(kind, job(), key)


def _wrote(job: Callable[[], Result], tag: str) -> Wrote:
    return Wrote(job(), tag)
