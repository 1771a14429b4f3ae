"""Catalogs kept parsed in memory, and saves that share one write per file.

Parsing a catalog costs milliseconds and serialising it more; a web form
that re-read and rewrote the file for every save would top out at a few
dozen saves a second. The store keeps each parsed catalog and checks the
file's (mtime, size, inode) before using it, so an edit by the command line,
by git or by another server process is seen at once. Saves that arrive
while a write to the same file is under way queue up, and the next writer
applies all of them and writes the file once (group commit). Every write
still happens under the file's cross-process lock, after re-reading the
file if it changed, so nothing another process wrote is overwritten.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.comments import with_comment
from workbench.catalogs.dismiss import set_dismissal
from workbench.catalogs.model import Catalog, Edit, Entry
from workbench.catalogs.rows import unit_key
from workbench.errors import CatalogError, ConflictError, StorageError, WorkbenchError
from workbench.messages import N_, Data, Message
from workbench.project import Project
from workbench.util import files


@dataclass(frozen=True)
class Saved:
    """One accepted change, as the history and the memory see it."""

    language: str
    statement: str
    user: str | None
    before: Entry
    after: Entry


@dataclass
class _Slot:
    changes: Sequence[Edit]
    results: list[Entry | ConflictError] = field(default_factory=list)
    error: WorkbenchError | None = None
    done: bool = False


@dataclass
class _Queue:
    mutex: threading.Lock = field(default_factory=threading.Lock)
    writer: threading.Lock = field(default_factory=threading.Lock)
    pending: list[_Slot] = field(default_factory=list)


class CatalogStore:
    """Parsed catalogs of one project, revalidated against their files."""

    def __init__(
        self,
        project: Project,
        on_saved: Callable[[list[Saved]], None] | None = None,
    ) -> None:
        self.project = project
        self.on_saved = on_saved
        self._cache: dict[Path, Catalog] = {}
        self._cache_lock = threading.Lock()
        self._queues: dict[Path, _Queue] = {}
        # Cached catalogs are never changed in place (a save builds a new one),
        # so a key map stays valid for as long as its catalog is the current one.
        self._keys: dict[Path, tuple[Catalog, dict[str, Entry]]] = {}
        # A catalog being written, published just before its rename, so that
        # requests arriving meanwhile do not parse the file this process wrote.
        self._pending: dict[Path, Catalog] = {}

    # -- reading ---------------------------------------------------------

    def get(self, lang: str, statement: str) -> Catalog:
        """Return the current catalog; treat it as read-only."""
        return self._current(self.project.catalog_path(lang, statement))

    def _current(self, path: Path) -> Catalog:
        try:
            stat = pofile.stat_key(os.stat(path))
        except FileNotFoundError as exc:
            raise CatalogError(
                Message.of(
                    N_("does not exist; run: %(command)s"), command=Data("workbench update")
                ),
                path=self.project.relative(path),
            ) from exc
        cached = self._cache.get(path)
        if cached is not None and cached.stat == stat:
            return cached
        pending = self._pending.get(path)
        if pending is not None and pending.stat is not None and pending.stat[:3] == stat[:3]:
            # This process's own write, just renamed into place; it was
            # published before the rename, whose new ctime it cannot know.
            return pending
        fresh = pofile.read(path, self.project.relative(path))
        with self._cache_lock:
            self._cache[path] = fresh
        return fresh

    def by_key(self, lang: str, statement: str) -> dict[str, Entry]:
        """Map unit keys (see :func:`workbench.catalogs.rows.unit_key`) to the current entries."""
        path = self.project.catalog_path(lang, statement)
        catalog = self._current(path)
        cached = self._keys.get(path)
        if cached is not None and cached[0] is catalog:
            return cached[1]
        keyed = {unit_key(e.msgid, e.msgctxt): e for e in catalog.entries if not e.obsolete}
        self._keys[path] = (catalog, keyed)
        return keyed

    def _carried_keys(
        self, path: Path, before: Catalog, saved: list[Saved]
    ) -> dict[str, Entry] | None:
        """Return the key map of *before* with the saved entries swapped in, if cached."""
        cached = self._keys.get(path)
        if cached is None or cached[0] is not before:
            return None
        keyed = dict(cached[1])
        for item in saved:
            keyed[unit_key(item.after.msgid, item.after.msgctxt)] = item.after
        return keyed

    def forget(self, path: Path) -> None:
        """Drop a cached catalog (after a failed write, say)."""
        with self._cache_lock:
            self._cache.pop(path, None)
            self._pending.pop(path, None)
            self._keys.pop(path, None)

    # -- saving ----------------------------------------------------------

    def dismiss(self, lang: str, statement: str, key: str, check: str, reason: str | None) -> bool:
        """Dismiss (or, with reason None, restore) a check's finding on one unit.

        Returns False if no unit has *key*.
        """
        changed = self.change_unit(lang, statement, key, lambda e: set_dismissal(e, check, reason))
        return changed is not None

    def comment(self, lang: str, statement: str, key: str, author: str, text: str) -> Entry | None:
        """Add a comment by *author* to the thread of one unit; None if no unit has *key*."""
        return self.change_unit(lang, statement, key, lambda e: with_comment(e, author, text))

    def change_unit(
        self, lang: str, statement: str, key: str, change: Callable[[Entry], Entry]
    ) -> Entry | None:
        """Apply *change* to the unit *key* of one catalog; return the new entry (None: no unit).

        For what leaves the translation alone (comments, dismissals): rare
        enough to skip the queue of saves; it takes the same file lock.
        """
        path = self.project.catalog_path(lang, statement)
        name = self.project.relative(path)
        chosen: list[Entry] = []

        def apply(current: Catalog | None) -> Catalog:
            if current is None:
                raise CatalogError(
                    Message.of(
                        N_("does not exist; run: %(command)s"), command=Data("workbench update")
                    ),
                    path=name,
                )
            for i, entry in enumerate(current.entries):
                if not entry.obsolete and unit_key(entry.msgid, entry.msgctxt) == key:
                    current.entries[i] = change(entry)
                    chosen.append(current.entries[i])
                    break
            return current

        try:
            new, _changed = pofile.modify(path, apply, name, self.project.lock_dir)
        except WorkbenchError:
            self.forget(path)
            raise
        with self._cache_lock:
            self._cache[path] = new
        return chosen[0] if chosen else None

    def save(
        self, lang: str, statement: str, changes: Sequence[Edit], user: str | None = None
    ) -> list[Entry | ConflictError]:
        """Apply *changes* to one catalog; return the new entry or the conflict for each.

        Raises a WorkbenchError (nothing written) if the file cannot be
        read or written.
        """
        path = self.project.catalog_path(lang, statement)
        with self._cache_lock:
            queue = self._queues.setdefault(path, _Queue())
        slot = _Slot(changes)
        with queue.mutex:
            queue.pending.append(slot)
        with queue.writer:
            if not slot.done:
                with queue.mutex:
                    batch, queue.pending = queue.pending, []
                self._commit(path, lang, statement, batch, user)
        if slot.error is not None:
            raise slot.error
        return slot.results

    def _commit(
        self, path: Path, lang: str, statement: str, batch: list[_Slot], user: str | None
    ) -> None:
        saved: list[Saved] = []
        try:
            with files.locked(path, self.project.lock_dir):
                current = self._current(path)
                work = Catalog(
                    header=dict(current.header),
                    entries=list(current.entries),
                    path=current.path,
                    header_notes=current.header_notes,
                    header_fuzzy=current.header_fuzzy,
                )
                for slot in batch:
                    before = {
                        (c.msgctxt, c.msgid): work.find(c.msgid, c.msgctxt) for c in slot.changes
                    }
                    slot.results = cat.apply_edits(work, slot.changes)
                    for change, result in zip(slot.changes, slot.results, strict=True):
                        old = before[(change.msgctxt, change.msgid)]
                        if isinstance(result, Entry) and old is not None and result != old:
                            saved.append(Saved(lang, statement, change.user or user, old, result))
                if saved:
                    keyed = self._carried_keys(path, current, saved)

                    def publish(written: os.stat_result) -> None:
                        work.stat = pofile.stat_key(written)
                        with self._cache_lock:
                            self._pending[path] = work

                    pofile.write_unlocked(work, path, compare=False, before_replace=publish)
                    with self._cache_lock:
                        self._cache[path] = work
                        self._pending.pop(path, None)
                        if keyed is not None:
                            self._keys[path] = (work, keyed)
        except WorkbenchError as exc:
            self.forget(path)
            for slot in batch:
                slot.error = exc
            return
        except BaseException:
            # A bug, not bad input: the waiting savers must not hang or
            # believe their save landed; the leader re-raises it.
            self.forget(path)
            for slot in batch:
                slot.error = StorageError(
                    "the save failed unexpectedly; nothing was written",
                    path=self.project.relative(path),
                )
            raise
        finally:
            for slot in batch:
                slot.done = True
        if saved and self.on_saved is not None:
            self.on_saved(saved)
