"""Translation memory: every translated unit, searched for fuzzy matches.

One :class:`Memory` holds the entries of one target language. Entries live in
an SQLite file under the project's ``instance/`` folder (derived: delete it and
:meth:`Memory.rebuild` brings it back from the catalogs and imported TMX files);
lookups run against an in-memory index loaded from that file in the background.

Usage::

    memory = Memory.open(project.instance_dir, "fa")   # cheap; loads in the background
    memory.add(Record(source, target, origin="arak-councils", unit="seeds/arak-councils.txt:5"))
    memory.remove("arak-councils", source)             # the unit became untranslated
    memory.rebuild(records)                            # all units of all catalogs; skips unchanged
    found = memory.lookup(text, prefer="arak-councils")
    for match in found:                                # best first
        match.score, match.target, match.origin, match.unit, match.diff
    found.warming                                      # True while the index is still loading
    memory.close()                                     # or use it as a context manager

The public API:

- ``Memory.open(instance_dir, language, *, warm=True) -> Memory``; the file is
  :func:`memory_path` (``instance/memory/<language>.sqlite3``). ``warm=False``
  defers loading the index to the first lookup (for scripts that only write).
- ``add(record)``, ``add_many(records) -> int``, ``remove(origin, source,
  context="") -> bool``, ``remove_origin(origin) -> int``,
  ``replace_origin(origin, records, *, file=None) -> bool`` (one origin at a time,
  skipped when *file*, a digest of its source file, is unchanged) and
  ``rebuild(records) -> RebuildResult`` (every statement at once, skipping those
  whose records have the same fingerprint; imported files are left to
  :func:`workbench.memory.tmx.sync_imports`).
- ``lookup(query, *, threshold=70, limit=5, prefer=None, exclude=None) ->
  Suggestions``; ``limit=None`` returns every match.
- ``len(memory)``, ``origins() -> dict[origin, entries]``, ``files() ->
  dict[origin, digest | None]`` (what :meth:`Memory.replace_origin` was given), ``ready``,
  ``wait_ready(timeout=None) -> bool``, ``warm()``.
- Pure helpers: :func:`check_query`, and from :mod:`workbench.memory.similarity`
  :func:`tokens`, :func:`score`, :func:`diff`.

Words:

- A :class:`Record` is one entry to store: source text, target text, its *origin*
  (a statement id, or ``locales/memory/<name>.tmx`` for an imported file), the
  ``msgctxt`` and the unit (free text such as the ``#:`` reference). Its key is
  (origin, context, source): saving the same key again replaces the entry, and
  a record whose target is empty removes it.
- :meth:`Memory.lookup` returns :class:`Suggestions`: up to *limit* :class:`Match`
  objects scoring at least *threshold*, and ``warming``: the index was still
  loading, so matches may be missing. A lookup never waits for the index: while
  the entries are read it answers nothing, then it answers from the entries
  indexed so far.
- The score is ``100 * (1 - d / n)`` rounded down, where *d* is the word edit
  distance and *n* the longer length in words, over normalised text (see
  :func:`tokens`), as OmegaT and Pontoon count. 100 means the very same source
  text; a source that differs only in case, spacing or quote marks scores 99,
  so a translator can tell an exact match, which needs no review, from one
  that needs a glance.
- Ties rank the *prefer* origin (the statement being translated) first, then the
  project's own translations before imported ones, then the most recent.
  Matches with the same source and target are shown once.
- :attr:`Match.diff` is a list of ``(op, text)`` pieces that turn the query into
  the match's source: ``equal`` and ``insert`` pieces joined give the stored
  source exactly; ``delete`` pieces are words of the query that it lacks.
- Thresholds from :data:`INDEX_THRESHOLD` (70) up use the index
  (:class:`workbench.memory.index.TokenIndex`); lower ones compare the query
  with every entry, which is exact but slower on a large memory.

A query longer than :data:`MAX_QUERY_CHARS` is refused with a
:class:`~workbench.errors.TranslationMemoryError`: units are sentences, and a
fuzzy match of a whole document helps nobody.

Thread-safe: one Memory may serve every thread of a threaded server. Several
processes may open the same file (SQLite in WAL mode with a busy timeout);
each sees the others' changes at its next lookup.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import StorageError, TranslationMemoryError
from workbench.lang.locales import normalise_code
from workbench.memory import store as memory_file
from workbench.memory.codes import Extra, placeholders
from workbench.memory.index import TokenIndex
from workbench.memory.similarity import diff, tokens
from workbench.memory.store import SCHEMA_VERSION, Fingerprint, Record
from workbench.util import database

DEFAULT_THRESHOLD = 70
DEFAULT_LIMIT = 5
#: Longest query accepted, in characters; longer ones are refused, not cut.
MAX_QUERY_CHARS = 10_000
#: Origins of imported TMX files start with this folder.
IMPORT_FOLDER = "locales/memory/"

BUSY_TIMEOUT = 30.0
_BATCH = 4000
# Changes made by another process are applied during a lookup up to this
# many; more than that reloads the index in the background instead.
_CATCH_UP_INLINE = 4000


@dataclass(frozen=True)
class Match:
    """One suggestion: a stored translation and how close its source is."""

    score: int
    source: str
    target: str
    origin: str
    unit: str
    context: str
    diff: tuple[tuple[str, str], ...]
    #: An imported unit's inline codes and metadata.
    extra: Extra = field(default_factory=Extra, compare=False)

    @property
    def imported(self) -> bool:
        return self.origin.startswith(IMPORT_FOLDER)

    @property
    def shown_target(self) -> str:
        """The target with its inline codes as placeholders ({1}...{/1}), else the target."""
        markup = self.extra.target_markup
        return placeholders(markup) if markup else self.target

    @property
    def author(self) -> str:
        """Who made the translation, where the imported file says so."""
        return self.extra.author

    @property
    def date(self) -> str:
        """When it was made or last changed (``2024-03-02 14:05``), where the file says so."""
        return self.extra.date


@dataclass(frozen=True)
class Suggestions:
    """The matches of one lookup, best first; *warming* if the index was loading."""

    matches: tuple[Match, ...] = ()
    warming: bool = False

    def __iter__(self) -> Iterator[Match]:
        return iter(self.matches)

    def __len__(self) -> int:
        return len(self.matches)

    def __getitem__(self, index: int) -> Match:
        return self.matches[index]


@dataclass(frozen=True)
class RebuildResult:
    """What :meth:`Memory.rebuild` did, origin by origin."""

    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    entries: int


class Memory:
    """The translation memory of one target language, stored in one SQLite file."""

    def __init__(self, path: str | Path, *, warm: bool = True) -> None:
        self.path = Path(path)
        self._db_lock = threading.RLock()
        self._index_lock = threading.RLock()
        self._db = self._connect()
        self._index = TokenIndex(IMPORT_FOLDER)
        self._ready = threading.Event()
        self._loader: threading.Thread | None = None
        self._closed = False
        self._hw = 0
        self._epoch = self._meta("epoch")
        self._data_version = self._pragma_data_version()
        if warm:
            self.warm()

    @classmethod
    def open(cls, instance_dir: str | Path, language: str, *, warm: bool = True) -> Memory:
        """Open the memory of *language* kept in the project's ``instance/`` folder."""
        return cls(memory_path(instance_dir, language), warm=warm)

    # -- connection ------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            db = database.connect(self.path, BUSY_TIMEOUT, check_same_thread=False)
            # A derived index: losing the last commits in a power cut is fine.
            db.execute("PRAGMA synchronous = NORMAL")
            if memory_file.schema_version(db) != SCHEMA_VERSION:
                memory_file.create(db)
        except sqlite3.DatabaseError as exc:
            raise StorageError(
                f"the translation memory cannot be opened ({exc}); it is derived: delete "
                "this file and rebuild the memory",
                path=self.path,
            ) from exc
        except OSError as exc:
            raise StorageError(
                f"the translation memory cannot be opened ({exc.strerror})", path=self.path
            ) from exc
        return db

    def _meta(self, key: str) -> int:
        with self._db_lock:
            return self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]

    def _pragma_data_version(self) -> int:
        with self._db_lock:
            return self._db.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        """Stop loading and close the database."""
        self._closed = True
        loader = self._loader
        if loader is not None and loader is not threading.current_thread():
            loader.join()
        with self._db_lock:
            self._db.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[tuple[sqlite3.Connection, int]]:
        with self._db_lock:
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StorageError(
                    f"the translation memory is busy ({exc}); another process has held it for "
                    f"{BUSY_TIMEOUT:.0f} s; try again when it has finished",
                    path=self.path,
                ) from exc
            try:
                db.execute("UPDATE meta SET value = value + 1 WHERE key = 'seq'")
                seq = db.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0]
                yield db, seq
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        self._apply_seq(seq)

    def add(self, record: Record) -> None:
        """Store *record*, replacing the entry with the same key."""
        self.add_many([record])

    def add_many(self, records: Iterable[Record]) -> int:
        """Store *records* in one transaction; return how many were written."""
        count = 0
        with self._write() as (db, seq):
            prints: dict[str, Fingerprint] = {}
            for record in records:
                memory_file.check_record(record)
                old = memory_file.current(db, record.origin, record.context, record.source)
                fp = prints.get(record.origin) or prints.setdefault(
                    record.origin, memory_file.stored_print(db, record.origin)
                )
                if old is not None:
                    fp.add(old, -1)
                    memory_file.retire(db, seq, record.key)
                if record.target:
                    fp.add(record)
                    memory_file.insert(db, seq, [record])
                count += 1
            for origin, fp in prints.items():
                memory_file.store_print(db, origin, fp)
        return count

    def remove(self, origin: str, source: str, context: str = "") -> bool:
        """Remove the entry with this key; tell whether there was one."""
        with self._write() as (db, seq):
            old = memory_file.current(db, origin, context, source)
            if old is None:
                return False
            fp = memory_file.stored_print(db, origin)
            fp.add(old, -1)
            memory_file.retire(db, seq, old.key)
            memory_file.store_print(db, origin, fp)
        return True

    def remove_origin(self, origin: str) -> int:
        """Remove every entry of *origin*; return how many there were."""
        with self._write() as (db, seq):
            gone = memory_file.retire_origin(db, seq, origin)
            db.execute("DELETE FROM origins WHERE origin = ?", (origin,))
        return gone

    def replace_origin(
        self, origin: str, records: Iterable[Record], *, file: str | None = None
    ) -> bool:
        """Replace every entry of *origin* with *records*.

        With *file* (a digest of the file the records come from), nothing is
        done when the stored digest is the same; tell whether anything changed.
        Given as a list, *records* are first compared with the stored entries
        by fingerprint, and left as they are if the same (only *file* is kept).
        """
        if file is not None and self._origin_row(origin, "file") == file:
            return False
        if isinstance(records, list | tuple):
            fp = Fingerprint()
            records = list(memory_file.counted(origin, records, fp))
            with self._write() as (db, _seq):
                stored = memory_file.stored_print(db, origin)
                if (stored.entries, stored.total) == (fp.entries, fp.total):
                    memory_file.store_print(db, origin, fp, file)
                    return False
        with self._write() as (db, seq):
            memory_file.retire_origin(db, seq, origin)
            fp = Fingerprint()
            memory_file.insert(db, seq, memory_file.counted(origin, records, fp))
            memory_file.store_print(db, origin, fp, file)
        return True

    def rebuild(self, records: Iterable[Record]) -> RebuildResult:
        """Make the memory hold exactly *records*, skipping origins that did not change.

        Records of one origin should come together (one catalog after another);
        they may not, at the cost of rewriting that origin. Imported TMX files
        are left alone: :func:`workbench.memory.tmx.sync_imports` keeps them.
        """
        changed: list[str] = []
        unchanged: list[str] = []
        done: dict[str, Fingerprint] = {}
        chunk: list[Record] = []

        def flush() -> None:
            if not chunk:
                return
            origin = chunk[0].origin
            fp = Fingerprint()
            for record in chunk:
                fp.add(record)
            if origin in done:
                # The origin came back after another one: add to it.
                done[origin].absorb(fp)
                with self._write() as (db, seq):
                    memory_file.insert(db, seq, chunk)
                    memory_file.store_print(db, origin, done[origin])
                if origin in unchanged:
                    unchanged.remove(origin)
                    changed.append(origin)
                return
            done[origin] = fp
            if self._origin_row(origin, "digest") == fp.digest:
                unchanged.append(origin)
                return
            with self._write() as (db, seq):
                memory_file.retire_origin(db, seq, origin)
                memory_file.insert(db, seq, chunk)
                memory_file.store_print(db, origin, fp)
            changed.append(origin)

        for record in records:
            memory_file.check_record(record)
            if not record.target:
                continue
            if chunk and record.origin != chunk[0].origin:
                flush()
                chunk = []
            chunk.append(record)
        flush()
        with self._db_lock:
            stored = [row[0] for row in self._db.execute("SELECT origin FROM origins")]
        removed = [o for o in stored if o not in done and not o.startswith(IMPORT_FOLDER)]
        for origin in removed:
            self.remove_origin(origin)
        self._purge()
        return RebuildResult(tuple(changed), tuple(unchanged), tuple(removed), len(self))

    def _purge(self) -> None:
        # Removed entries stay as dead rows so other processes see the removal;
        # once they outnumber the live ones, drop them and make readers reload.
        with self._db_lock:
            dead, live = self._db.execute(
                "SELECT count(*) - sum(live), sum(live) FROM entries"
            ).fetchone()
        if not dead or dead < max(10_000, live or 0):
            return
        with self._write() as (db, _):
            db.execute("DELETE FROM entries WHERE live = 0")
            db.execute("UPDATE meta SET value = value + 1 WHERE key = 'epoch'")
            self._epoch = db.execute("SELECT value FROM meta WHERE key = 'epoch'").fetchone()[0]

    def _origin_row(self, origin: str, column: str) -> str | None:
        with self._db_lock:
            row = self._db.execute(
                f"SELECT {column} FROM origins WHERE origin = ?", (origin,)
            ).fetchone()
        return row[0] if row else None

    # -- reading ---------------------------------------------------------

    def __len__(self) -> int:
        with self._db_lock:
            return self._db.execute("SELECT count(*) FROM entries WHERE live = 1").fetchone()[0]

    def origins(self) -> dict[str, int]:
        """Return each origin with its number of entries."""
        with self._db_lock:
            rows = self._db.execute("SELECT origin, entries FROM origins ORDER BY origin")
            return dict(rows.fetchall())

    def files(self) -> dict[str, str | None]:
        """Return each origin with the digest of the file its entries were read from.

        The digest is the *file* given to :meth:`replace_origin`; it is None once
        an entry of the origin was added or removed on its own since.
        """
        with self._db_lock:
            rows = self._db.execute("SELECT origin, file FROM origins ORDER BY origin")
            return dict(rows.fetchall())

    @property
    def ready(self) -> bool:
        """Tell whether the in-memory index is complete."""
        return self._ready.is_set()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the index is loaded (start loading if needed)."""
        self.warm()
        return self._ready.wait(timeout)

    def wait_loaded(self, timeout: float | None = None) -> bool:
        """Wait until the index is loaded and no reload of it is running."""
        deadline = None if timeout is None else time.monotonic() + timeout
        if not self.wait_ready(timeout):
            return False
        loader = self._loader
        if loader is not None:
            loader.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
            return not loader.is_alive()
        return True

    def warm(self) -> None:
        """Start loading the in-memory index in the background, if not yet done."""
        with self._index_lock:
            if self._ready.is_set() or self._loader is not None or self._closed:
                return
            self._loader = threading.Thread(
                target=self._load, args=(False,), name="memory-index", daemon=True
            )
            self._loader.start()

    def lookup(
        self,
        query: str,
        *,
        threshold: int = DEFAULT_THRESHOLD,
        limit: int | None = DEFAULT_LIMIT,
        prefer: str | None = None,
        exclude: tuple[str, str, str] | None = None,
    ) -> Suggestions:
        """Return the best stored translations for *query*, best first.

        *prefer* is the origin (statement id) being translated: its entries win
        ties. *exclude* is a key (origin, context, source) to leave out, such as
        the unit being edited.
        """
        check_query(query)
        if not isinstance(threshold, int) or not 1 <= threshold <= 100:
            raise TranslationMemoryError(
                f"the threshold {threshold!r} is not a whole number from 1 to 100"
            )
        if limit is not None and limit < 1:
            return Suggestions((), not self.ready)
        words = tokens(query)
        if not self.ready:
            self.warm()
        else:
            self._catch_up()
        with self._index_lock:
            index = self._index
            warming = not self._ready.is_set()
            hits = index.search(words, threshold)
            qhash = hash(query) & 0xFFFFFFFF
            prefer_id = index.origin_ids.get(prefer, -1) if prefer is not None else -1
            imported = index.imported
            ranked = []
            for slot, value in hits:
                if value == 100 and index.hashes[slot] != qhash:
                    value = 99
                    if threshold == 100:
                        continue  # the same words, but not the very same text
                origin = index.origin_of[slot]
                ranked.append(
                    (-value, origin != prefer_id, origin in imported, -index.seqs[slot], slot)
                )
        ranked.sort()
        return Suggestions(self._matches(query, ranked, limit, exclude, threshold), warming)

    def _matches(
        self,
        query: str,
        ranked: list[tuple],
        limit: int | None,
        exclude: tuple[str, str, str] | None,
        threshold: int,
    ) -> tuple[Match, ...]:
        out: list[Match] = []
        seen: set[tuple[str, str]] = set()
        start = 0
        step = (limit or 50) * 2
        while start < len(ranked) and (limit is None or len(out) < limit):
            part = ranked[start : start + step]
            start += step
            rows = self._rows([entry[-1] for entry in part])
            found = []
            for entry in part:
                row = rows.get(entry[-1])
                if row is None:
                    continue  # removed since the index saw it
                origin, context, source, target, unit, _extra = row
                if exclude is not None and (origin, context, source) == exclude:
                    continue
                value = -entry[0]
                if value == 100 and source != query:
                    value = 99  # two texts with the same hash
                    if threshold == 100:
                        continue
                found.append((-value, *entry[1:-1], row))
            found.sort(key=lambda item: item[:-1])
            for item in found:
                origin, context, source, target, unit, extra = item[-1]
                if (source, target) in seen:
                    continue
                seen.add((source, target))
                out.append(
                    Match(
                        -item[0],
                        source,
                        target,
                        origin,
                        unit,
                        context,
                        diff(query, source),
                        Extra.loads(extra),
                    )
                )
                if limit is not None and len(out) >= limit:
                    break
        return tuple(out)

    def _rows(self, slots: list[int]) -> dict[int, tuple[str, str, str, str, str, str]]:
        marks = ",".join("?" * len(slots))
        with self._db_lock:
            rows = self._db.execute(
                "SELECT id, origin, context, source, target, unit, extra FROM entries "
                f"WHERE live = 1 AND id IN ({marks})",
                slots,
            ).fetchall()
        return {row[0]: row[1:] for row in rows}

    # -- keeping the index in step ---------------------------------------

    def _apply(self, index: TokenIndex, rows: Iterable[tuple]) -> int:
        top = 0
        for slot, origin, source, seq, live in rows:
            if live:
                index.put(slot, seq, origin, source, tokens(source))
            else:
                index.drop(slot, seq)
            top = max(top, seq)
        return top

    def _apply_seq(self, seq: int) -> None:
        if not (self._ready.is_set() or self._loader is not None):
            return  # no index in memory yet: it will load these rows from the file
        with self._db_lock:
            cursor = self._db.execute(
                "SELECT id, origin, source, seq, live FROM entries WHERE seq = ?", (seq,)
            )
            while rows := cursor.fetchmany(_BATCH):
                with self._index_lock:
                    self._apply(self._index, rows)

    def _catch_up(self) -> None:
        with self._db_lock:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            if version == self._data_version:
                return
            self._data_version = version
            epoch = self._db.execute("SELECT value FROM meta WHERE key = 'epoch'").fetchone()[0]
            rows = self._db.execute(
                "SELECT id, origin, source, seq, live FROM entries WHERE seq > ? "
                "ORDER BY seq LIMIT ?",
                (self._hw, _CATCH_UP_INLINE + 1),
            ).fetchall()
        if epoch != self._epoch or len(rows) > _CATCH_UP_INLINE:
            self._reload()
            return
        with self._index_lock:
            self._hw = max(self._hw, self._apply(self._index, rows))

    def _reload(self) -> None:
        with self._index_lock:
            if self._loader is not None or self._closed:
                return
            self._loader = threading.Thread(
                target=self._load, args=(True,), name="memory-index", daemon=True
            )
            self._loader.start()

    def _load(self, aside: bool) -> None:
        """Load the index from the database; *aside* builds a new one while the old serves."""
        index = TokenIndex(IMPORT_FOLDER)
        if not aside:
            with self._index_lock:
                self._index = index
        db = database.connect(self.path, BUSY_TIMEOUT, check_same_thread=False)
        try:
            epoch = db.execute("SELECT value FROM meta WHERE key = 'epoch'").fetchone()[0]
            snapshot = db.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()[0]
            last = 0
            while not self._closed:
                rows = db.execute(
                    "SELECT id, origin, source, seq FROM entries "
                    "WHERE id > ? AND live = 1 AND seq <= ? ORDER BY id LIMIT ?",
                    (last, snapshot, _BATCH),
                ).fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                words = [tokens(row[2]) for row in rows]
                with self._index_lock:
                    for (slot, origin, source, seq), split in zip(rows, words, strict=True):
                        index.put(slot, seq, origin, source, split)
            # Second pass: rank the tokens, then post every entry; lookups
            # answer from the entries posted so far.
            with self._index_lock:
                index.freeze()
            start = 0
            while not self._closed and start < len(index.codes):
                with self._index_lock:
                    index.post(start, start + _BATCH)
                start += _BATCH
            if self._closed:
                return
            rows = db.execute(
                "SELECT id, origin, source, seq, live FROM entries WHERE seq > ? ORDER BY seq",
                (snapshot,),
            ).fetchall()
            with self._index_lock:
                top = self._apply(index, rows)
                self._hw = max(snapshot, top)
                self._epoch = max(self._epoch, epoch)
                self._index = index
                self._ready.set()
        finally:
            db.close()
            with self._index_lock:
                self._loader = None


def check_query(query: str) -> None:
    """Refuse a text too long to look up, saying what to do."""
    if len(query) > MAX_QUERY_CHARS:
        raise TranslationMemoryError(
            f"the text to look up is {len(query):,} characters long; the memory looks up "
            f"units of up to {MAX_QUERY_CHARS:,} characters: split it into sentences first"
        )


def memory_path(instance_dir: str | Path, language: str) -> Path:
    """Return the file that holds the memory of *language* in *instance_dir*."""
    return Path(instance_dir) / "memory" / f"{normalise_code(language)}.sqlite3"
