"""The project's long-lived parts, shared by every request of one process.

Catalogs stay parsed in a :class:`~workbench.catalogs.store.CatalogStore`; the
glossary, its matcher and each language's memory are built once and rebuilt
only when their files change. A save updates the history in the same step
that writes the catalog, and hands the memory its new entries.

Memories open on first use, at no cost: each keeps its index on disk, so its
first lookup finds every stored match. The first use of a language also
brings its memory in step with the catalogs and imported files, in the
background (:func:`workbench.memory.refresh.refresh`: catalogs changed while
the server was stopped); that first request waits for it up to
``first_refresh_wait`` seconds (1 s by default), so the first page is
complete unless a large change is being read, and flagged as catching up
meanwhile. The same refresh runs again, at most once a minute
(``WORKBENCH_MEMORY_REFRESH`` seconds), when the language is used, so
catalogs changed by ``workbench update``, git or another tool are caught up.
Saves reach the memory through one writer thread, so a save never waits for
the memory (another process may hold it for a long import).
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time

from workbench.accounts.users import Users
from workbench.catalogs.history import History
from workbench.catalogs.store import CatalogStore, Saved
from workbench.checks.checker import Checker
from workbench.checks.context import Context
from workbench.errors import GlossaryError, WorkbenchError
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Glossary
from workbench.memory import refresh
from workbench.memory.memory import Memory
from workbench.memory.store import Record
from workbench.project import Project
from workbench.terms.matcher import matcher_for
from workbench.terms.source import SourceMatcher

log = logging.getLogger(__name__)

#: Seconds between two background refreshes of one language's memory.
REFRESH_EVERY = 60.0
#: Saves kept in memory while the history cannot be written.
MAX_UNRECORDED = 10_000
#: Seconds the first use of a language's memory waits for its first refresh.
FIRST_REFRESH_WAIT = 1.0


class Workbench:
    """Everything a request needs to reach the project."""

    def __init__(
        self,
        project: Project,
        *,
        refresh_every: float = REFRESH_EVERY,
        first_refresh_wait: float = FIRST_REFRESH_WAIT,
    ) -> None:
        self.project = project
        self.history = History.of(project)
        self.users = Users(project.instance_dir / "users.sqlite")
        self.store = CatalogStore(project, on_saved=self._saved)
        self.refresh_every = refresh_every
        self.first_refresh_wait = first_refresh_wait
        self._lock = threading.Lock()
        self._memories: dict[str, Memory] = {}
        self._refreshers: dict[str, threading.Thread] = {}  # running refreshes
        self._again: set[str] = set()  # languages whose refresh must run once more
        self._refreshed_at: dict[str, float] = {}
        self._caught_up: set[str] = set()  # languages refreshed once since start
        self._stopping = threading.Event()
        self._writes: queue.Queue = queue.Queue()
        self._writer: threading.Thread | None = None
        self._checkers: dict[str, tuple[Glossary, Checker]] = {}
        # What the editor works with while the glossary file cannot be read.
        self._no_glossary = Glossary()
        self._no_terms = SourceMatcher([], language=project.source_language)
        self._history_lock = threading.Lock()
        self._unrecorded: list[Saved] = []

    # -- project ---------------------------------------------------------

    def reload_project(self) -> Project:
        """Re-read the settings (after a language was added)."""
        self.project = Project.load(self.project.root)
        self.store.project = self.project
        return self.project

    # -- glossary --------------------------------------------------------

    def glossary(self) -> Glossary:
        """Return the glossary; raise :class:`GlossaryError` if its file cannot be read."""
        return glossary_store.load(self.project)

    def glossary_problem(self) -> GlossaryError | None:
        """Return why the glossary file cannot be read, or None when it can."""
        try:
            self.glossary()
        except GlossaryError as exc:
            return exc
        return None

    def usable_glossary(self) -> Glossary:
        """Return the glossary, or an empty one while its file cannot be read.

        One broken shared file must not stop the translation of every
        statement: the editor goes on without glossary terms and without the
        glossary check, and says why (:meth:`glossary_problem`).
        """
        try:
            return self.glossary()
        except GlossaryError:
            return self._no_glossary

    def source_matcher(self) -> SourceMatcher:
        """Return the glossary's source matcher, rebuilt when the glossary changes.

        While the glossary file cannot be read, a matcher that finds nothing.
        """
        try:
            return matcher_for(self.project)[1]
        except GlossaryError:
            return self._no_terms

    def checker(self, lang: str) -> Checker:
        """Return the checks of *lang*, rebuilt when the glossary changes."""
        glossary = self.usable_glossary()
        cached = self._checkers.get(lang)
        if cached is not None and cached[0] is glossary:
            return cached[1]
        checker = Checker(
            Context(self.project, lang, glossary, self.source_matcher()), read=self.store.get
        )
        self._checkers[lang] = (glossary, checker)
        return checker

    # -- memory ----------------------------------------------------------

    def memory(self, lang: str) -> Memory:
        """Return the memory of *lang*, opened once per process.

        Its first use waits up to ``first_refresh_wait`` seconds for the
        memory to catch up with catalogs changed while the server was stopped.
        """
        with self._lock:
            mem = self._memories.get(lang)
            if mem is None:
                mem = self._memories[lang] = Memory.open(self.project.instance_dir, lang)
            self._start_refresh(lang)
            first = self._refreshers.get(lang) if lang not in self._caught_up else None
        if first is not None:
            first.join(self.first_refresh_wait)
        return mem

    def memory_warming(self, lang: str) -> bool:
        """Tell whether *lang*'s memory has not yet caught up with the catalogs since start."""
        return lang not in self._caught_up

    def _start_refresh(self, lang: str) -> None:
        # Called with self._lock held.
        if self._stopping.is_set():
            return
        now = time.monotonic()
        last = self._refreshed_at.get(lang)
        if last is not None and now - last < self.refresh_every:
            return
        self._refreshed_at[lang] = now
        if lang in self._refreshers:
            # A refresh is under way and may have read a catalog before it
            # changed: it goes over the catalogs once more when it is done.
            self._again.add(lang)
            return
        thread = threading.Thread(
            target=self._refresh, args=(lang,), name=f"memory-refresh-{lang}", daemon=True
        )
        self._refreshers[lang] = thread
        thread.start()

    def _refresh(self, lang: str) -> None:
        while True:
            self._refresh_once(lang)
            with self._lock:
                if lang not in self._again or self._stopping.is_set():
                    # Gone from the table before the thread ends: a request
                    # from now on starts a new refresh instead of asking this one.
                    del self._refreshers[lang]
                    self._again.discard(lang)
                    return
                self._again.discard(lang)

    def _refresh_once(self, lang: str) -> None:
        try:
            done = refresh.refresh(
                self.project,
                lang,
                read=lambda code, statement: self.store.get(code, statement),
                stop=self._stopping.is_set,
            )
            for problem in done.problems:
                log.warning("memory of %s: %s", lang, problem)
        except WorkbenchError as exc:
            log.warning("memory of %s not refreshed: %s", lang, exc)
        except Exception:
            # A background thread has nobody to tell but the log; the next
            # refresh tries again.
            log.exception("memory of %s not refreshed", lang)
        finally:
            self._caught_up.add(lang)

    def settle(self, timeout: float | None = None) -> bool:
        """Wait until running refreshes and queued memory writes are done."""
        deadline = None if timeout is None else time.monotonic() + timeout

        def left() -> float | None:
            return None if deadline is None else max(0.0, deadline - time.monotonic())

        for thread in list(self._refreshers.values()):
            thread.join(left())
            if thread.is_alive():
                return False
        if self._writer is not None:
            done = threading.Event()
            self._writes.put(done)
            if not done.wait(left()):
                return False
        return True

    def _write_loop(self) -> None:
        writers: dict[str, Memory] = {}
        try:
            while (item := self._writes.get()) is not None:
                if isinstance(item, threading.Event):
                    item.set()  # settle(): everything queued before it is written
                    continue
                lang, records = item
                try:
                    mem = writers.get(lang)
                    if mem is None:
                        # Its own connection: a write waiting for another
                        # process never holds up this process's lookups.
                        mem = writers[lang] = Memory.open(self.project.instance_dir, lang)
                    mem.add_many(records)
                except Exception:
                    log.exception("memory of %s not updated; the next refresh catches up", lang)
                    with self._lock:
                        self._refreshed_at.pop(lang, None)
        finally:
            for mem in writers.values():
                mem.close()

    # -- saves -----------------------------------------------------------

    def _saved(self, saved: list[Saved]) -> None:
        self._record_history(saved)
        by_language: dict[str, list[Record]] = {}
        for item in saved:
            record = refresh.record_of(item.statement, item.after)
            by_language.setdefault(item.language, []).append(record)
        with self._lock:
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write_loop, name="memory-writer", daemon=True
                )
                self._writer.start()
        for lang, records in by_language.items():
            self._writes.put((lang, records))

    def _record_history(self, saved: list[Saved]) -> None:
        """Record *saved* in the history, with any saves an earlier failure left out.

        The catalog is written already, and is the truth: a history that
        cannot be written (a full disk) must not turn the save into an
        error. It lags, with a warning, and catches up at a later save.
        """
        with self._history_lock:
            batch = self._unrecorded + list(saved)
            try:
                self.history.record(batch)
            except (sqlite3.Error, OSError) as exc:
                self._unrecorded = batch[-MAX_UNRECORDED:]
                log.warning(
                    "the history of %d saves is not recorded yet (%s); the catalogs hold "
                    "them, and the history is tried again at the next save",
                    len(self._unrecorded),
                    exc,
                )
            else:
                self._unrecorded = []

    def close(self) -> None:
        self._stopping.set()
        for thread in list(self._refreshers.values()):
            thread.join()
        if self._writer is not None:
            self._writes.put(None)
            self._writer.join()
        for memory in self._memories.values():
            memory.close()
