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

A save also passes the project's sync barrier (:func:`sync_barrier`), which
``workbench sync`` holds while it puts merged files in place: a save lands
before the merge (and is merged) or after it, never in between. Saving a
unit clears the conflict a sync kept on it (:mod:`workbench.catalogs.conflict`):
the translator has chosen.

A catalog is never written back from a read that may be partial: the read
itself must see one unchanging file (:func:`workbench.catalogs.pofile.read_stable`),
and before a save the catalog read from disk must not have lost units that
its template still has (which ``workbench update`` would not remove). A
catalog that lost some (cut short by an editor that writes in place, say,
and read before it finished) is refused with a message, and nothing is
written. Every overwrite first keeps the previous version
(:mod:`workbench.catalogs.backups`).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.catalogs import backups, pofile
from workbench.catalogs import conflict as cf
from workbench.catalogs import model as cat
from workbench.catalogs.comments import with_comment
from workbench.catalogs.dismiss import change_in_file, set_dismissal
from workbench.catalogs.model import Catalog, Edit, Entry
from workbench.catalogs.rows import unit_key
from workbench.catalogs.stats import template_keys
from workbench.errors import CatalogError, ConflictError, StorageError, WorkbenchError
from workbench.project import Project
from workbench.util import files


@contextlib.contextmanager
def sync_barrier(project: Project) -> Iterator[None]:
    """Hold the project's sync barrier: saves wait while a sync puts merged files in place."""
    with files.locked(project.root / ".workbench-sync-barrier", project.lock_dir):
        yield


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
        # The last version of each catalog known to be whole (checked, or
        # written here), and each template's unit keys by the template's stat.
        self._whole: dict[Path, Catalog] = {}
        self._templates: dict[Path, tuple[tuple, frozenset]] = {}

    # -- reading ---------------------------------------------------------

    def get(self, lang: str, statement: str) -> Catalog:
        """Return the current catalog; treat it as read-only."""
        return self._current(self.project.catalog_path(lang, statement))

    def _current(self, path: Path) -> Catalog:
        try:
            stat = pofile.stat_key(os.stat(path))
        except FileNotFoundError as exc:
            raise pofile.not_written_yet(self.project.relative(path)) from exc
        cached = self._cache.get(path)
        if cached is not None and cached.stat == stat:
            return cached
        pending = self._pending.get(path)
        if pending is not None:
            if pending.stat is not None and pending.stat[:3] == stat[:3]:
                # This process's own write, just renamed into place; it was
                # published before the rename, whose new ctime it cannot know.
                return pending
            if cached is not None and cached.stat is not None and cached.stat[:3] == stat[:3]:
                # That write is under way: it has linked the version on disk
                # to keep it, which changed only its ctime. Still that version.
                return cached
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
            self._whole.pop(path, None)

    # -- whole or cut short ----------------------------------------------

    def _check_whole(self, path: Path, statement: str, current: Catalog) -> None:
        """Raise CatalogError if *current* lost units it should have: it may be cut short.

        Against the last version this store knew whole: a unit gone from the
        file (not made obsolete) that the template still has was not removed
        by ``workbench update``. With no such version (a new process): a
        catalog written after its template that lacks units of it. (While
        ``update`` runs, the template is written first, so a catalog older
        than its template may lack its new units.)
        """
        if self._whole.get(path) is current:
            return
        have = {(e.msgctxt, e.msgid) for e in current.entries}
        template = self.template_keys(statement)
        previous = self._whole.get(path)
        if previous is not None:
            lost = {(e.msgctxt, e.msgid) for e in previous.entries} - have
            if template is not None:
                lost &= template
            missing = len(lost)
        elif template is not None and self._newer_than_template(path, statement):
            missing = len(template - have)
        else:
            missing = 0
        if missing:
            name = self.project.relative(path)
            raise CatalogError(
                f"lacks {missing} of its units: another program may be writing it, or it was "
                "cut short; nothing was saved. Save again in a moment; if it stays so, see its "
                f"earlier versions with: workbench restore {name}",
                path=name,
            )
        self._whole[path] = current

    def _newer_than_template(self, path: Path, statement: str) -> bool:
        try:
            return (
                os.stat(path).st_mtime_ns
                >= os.stat(self.project.template_path(statement)).st_mtime_ns
            )
        except FileNotFoundError:
            return False

    def template_keys(self, statement: str) -> frozenset | None:
        """Return the unit keys of *statement*'s template (None if it has none)."""
        path = self.project.template_path(statement)
        try:
            stat = pofile.stat_key(os.stat(path))
        except FileNotFoundError:
            return None
        cached = self._templates.get(path)
        if cached is not None and cached[0] == stat:
            return cached[1]
        keys = template_keys(self.project, statement)
        self._templates[path] = (stat, keys)
        return keys

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
        enough to skip the queue of saves; it takes the same file lock and the
        sync barrier, and refuses a catalog cut short as a save does.
        """
        path = self.project.catalog_path(lang, statement)

        def select(current: Catalog) -> int | None:
            for i, entry in enumerate(current.entries):
                if not entry.obsolete and unit_key(entry.msgid, entry.msgctxt) == key:
                    return i
            return None

        try:
            self._check_whole(path, statement, self._current(path))
            with sync_barrier(self.project):
                new, entry, _changed = change_in_file(self.project, lang, statement, select, change)
        except WorkbenchError:
            self.forget(path)
            raise
        with self._cache_lock:
            self._cache[path] = new
        return entry

    def change_units(
        self,
        lang: str,
        statement: str,
        changes: Mapping[str, Callable[[Entry], Entry]],
        user: str | None = None,
    ) -> list[str]:
        """Apply each change to the unit of its key in one write; return the keys it changed.

        For what a file brought besides translations (the comments an XLIFF
        import keeps): the file's lock, the sync barrier, the check for a
        catalog cut short and the kept version apply as for :meth:`change_unit`,
        and a write stamps the header as a save does (:func:`~.model.mark_revised`).
        A change that returns its entry as it was writes nothing.
        """
        path = self.project.catalog_path(lang, statement)
        name = self.project.relative(path)
        changed: list[str] = []

        def apply(current: Catalog | None) -> Catalog:
            if current is None:
                raise pofile.not_written_yet(name)
            for i, entry in enumerate(current.entries):
                key = unit_key(entry.msgid, entry.msgctxt)
                if entry.obsolete or key not in changes:
                    continue
                new = changes[key](entry)
                if new != entry:
                    current.entries[i] = new
                    changed.append(key)
            if changed:
                cat.mark_revised(current, user)
            return current

        try:
            self._check_whole(path, statement, self._current(path))
            with sync_barrier(self.project):
                new, _written = pofile.modify(
                    path, apply, name, self.project.lock_dir, backups.keeper(self.project, path)
                )
        except WorkbenchError:
            self.forget(path)
            raise
        with self._cache_lock:
            self._cache[path] = new
        return changed

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
            with sync_barrier(self.project), files.locked(path, self.project.lock_dir):
                current = self._current(path)
                self._check_whole(path, statement, current)
                work = current.copy()
                position = work.index()
                for slot in batch:
                    before = {
                        (c.msgctxt, c.msgid): work.find(c.msgid, c.msgctxt) for c in slot.changes
                    }
                    slot.results = cat.apply_edits(work, slot.changes)
                    for i, result in enumerate(slot.results):
                        if isinstance(result, Entry) and cf.has_conflict(result):
                            resolved = cf.cleared(result)
                            work.entries[position[result.key]] = resolved
                            slot.results[i] = resolved
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
                        # After publishing: keeping the old version links it,
                        # which changes its ctime (see _current).
                        backups.keep(self.project, path)

                    pofile.write_unlocked(work, path, compare=False, before_replace=publish)
                    with self._cache_lock:
                        self._cache[path] = work
                        self._whole[path] = work
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
