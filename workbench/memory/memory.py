"""Translation memory: every translated unit, searched for fuzzy matches.

One :class:`Memory` holds the entries of one target language. Entries live in
an SQLite file under the project's ``instance/`` folder (derived: delete it and
the catalogs and imported TMX files bring it back), together with the index
that finds them (:mod:`workbench.memory.index`). The index is kept in step in
the same transaction as every change, so opening a memory costs nothing and
its first lookup finds every match.

Usage::

    memory = Memory.open(project.instance_dir, "fa")
    memory.add(Record(source, target, origin="arak-councils", unit="seeds/arak-councils.txt:5"))
    memory.remove("arak-councils", source)             # the unit became untranslated
    memory.rebuild(records)                            # all units of all catalogs; skips unchanged
    with memory.batch():                               # several changes, one transaction
        memory.replace_origin("arak-councils", records)
        memory.replace_origin("ahvaz", more)
    found = memory.lookup(text, prefer="arak-councils")
    for match in found:                                # best first
        match.score, match.target, match.origin, match.unit, match.diff
    memory.close()                                     # or use it as a context manager

The public API:

- ``Memory.open(instance_dir, language) -> Memory``; the file is
  :func:`memory_path` (``instance/memory/<language>.sqlite3``). A file written
  by another schema version is emptied on opening, with a warning in the log:
  the next refresh (:func:`workbench.memory.refresh.refresh`) fills it again.
- ``add(record)``, ``add_many(records) -> int``, ``remove(origin, source,
  context="") -> bool``, ``remove_origin(origin) -> int``,
  ``replace_origin(origin, records, *, file=None) -> bool`` (one origin at a time,
  skipped when *file*, a digest of its source file, is unchanged),
  ``stamp(origin, file)`` (a new digest for an origin whose file is the same),
  ``rebuild(records) -> RebuildResult`` (every statement at once, skipping those
  whose records have the same fingerprint; imported files are left to
  :func:`workbench.memory.tmx.sync_imports`) and ``batch()``, a context in which
  every change is one transaction (indexed once, at its end). Into an empty
  memory, ``rebuild`` and ``replace_origin`` store in bulk: the rows appended,
  then indexed in one pass (a million units in about 20 s), in one transaction
  all the same. A full or failing disk is a
  :class:`~workbench.errors.StorageError` saying so, with nothing changed.
- ``lookup(query, *, threshold=70, limit=5, prefer=None, exclude=None) ->
  Suggestions``; ``limit=None`` returns every match.
- ``len(memory)``, ``origins() -> dict[origin, entries]``, ``files() ->
  dict[origin, digest | None]`` (what :meth:`Memory.replace_origin` was given).
- Pure helpers: :func:`check_query`, and from :mod:`workbench.memory.similarity`
  :func:`tokens`, :func:`score`, :func:`diff`.

Words:

- A :class:`Record` is one entry to store: source text, target text, its *origin*
  (a statement id, or ``locales/memory/<name>.tmx`` for an imported file), the
  ``msgctxt`` and the unit (free text such as the ``#:`` reference). Its key is
  (origin, context, source): saving the same key again replaces the entry, and
  a record whose target is empty removes it.
- :meth:`Memory.lookup` returns :class:`Suggestions`: up to *limit* :class:`Match`
  objects scoring at least *threshold*.
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
- Thresholds from :data:`INDEX_THRESHOLD` (70) up use the index; lower ones
  compare the query with every entry, which is exact but slower on a large
  memory.

A query longer than :data:`MAX_QUERY_CHARS` is refused with a
:class:`~workbench.errors.TranslationMemoryError`: units are sentences, and a
fuzzy match of a whole document helps nobody.

Thread-safe: one Memory may serve every thread of a threaded server. Several
processes may open the same file (SQLite in WAL mode with a busy timeout);
each lookup sees every change committed before it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import StorageError, TranslationMemoryError
from workbench.lang.locales import normalise_code
from workbench.memory import index
from workbench.memory import store as memory_file
from workbench.memory.codes import Extra, placeholders
from workbench.memory.index import INDEX_THRESHOLD
from workbench.memory.similarity import diff, tokens
from workbench.memory.store import SCHEMA_VERSION, Fingerprint, Record
from workbench.util import database

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = INDEX_THRESHOLD
DEFAULT_LIMIT = 5
#: Longest query accepted, in characters; longer ones are refused, not cut.
MAX_QUERY_CHARS = 10_000
#: Origins of imported TMX files start with this folder.
IMPORT_FOLDER = "locales/memory/"

BUSY_TIMEOUT = 30.0
_LOG_LIMIT = 64 << 20
# Rows of matches are read this many at most at a time.
_ROWS = 900
# Lookups read the file through a memory map this large (bytes): no copy
# into SQLite's cache. Only once a memory looks up: a large import's pages
# would otherwise count as its process's memory.
_MAP = 1 << 32


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
    """The matches of one lookup, best first.

    *warming* is always False: the index is on disk, complete from the start.
    It stays for callers written when a memory had to load its index first.
    """

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
        # *warm* is accepted and ignored: there is no index to load any more.
        self.path = Path(path)
        self._lock = threading.RLock()
        self._depth = 0  # how many _write() blocks are open (batch() nests them)
        self._mapped = False
        self._db = self._connect()

    @classmethod
    def open(cls, instance_dir: str | Path, language: str, *, warm: bool = True) -> Memory:
        """Open the memory of *language* kept in the project's ``instance/`` folder."""
        return cls(memory_path(instance_dir, language), warm=warm)

    # -- connection ------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            db = database.connect(self.path, BUSY_TIMEOUT, check_same_thread=False)
            # Derived data: losing the last commits in a power cut is fine.
            db.execute("PRAGMA synchronous = NORMAL")
            # A large change fills the write-ahead log as large as the file;
            # once copied into the file, the log shrinks back to this.
            db.execute(f"PRAGMA journal_size_limit = {_LOG_LIMIT}")
            if memory_file.schema_version(db) != SCHEMA_VERSION:
                found = memory_file.create(db)
                if found not in (None, SCHEMA_VERSION):
                    log.warning(
                        "%s: the translation memory was written by another version (schema %s); "
                        "it is derived data, so it is filled again from the catalogs and "
                        "imported files",
                        self.path,
                        found,
                    )
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

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every change inside one transaction, indexed once when it ends.

        Either all of them are kept or, if anything fails or the process
        dies, none. Other processes wait for the memory meanwhile (lookups
        do not: they see the memory as it was). A store in bulk into the
        empty memory that fails is undone alone, so that its caller may say
        so and go on; once SQLite has undone the whole batch itself (as on a
        full disk), the changes that follow in it are refused.
        """
        with self._write():
            yield

    @contextmanager
    def _write(self) -> Iterator[tuple[sqlite3.Connection, int]]:
        with self._lock:
            db = self._db
            outermost = not self._depth
            if outermost:
                try:
                    db.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as exc:
                    raise StorageError(
                        f"the translation memory is busy ({exc}); another process has held "
                        f"it for {BUSY_TIMEOUT:.0f} s; try again when it has finished",
                        path=self.path,
                    ) from exc
            elif not db.in_transaction:
                raise self._undone()
            self._depth += 1
            try:
                # Each change has its own number, even inside a batch: a
                # replaced origin drops what is older than its own.
                db.execute("UPDATE meta SET value = value + 1 WHERE key = 'seq'")
                seq = memory_file.meta(db, "seq")
                yield db, seq
                if not db.in_transaction:
                    raise self._undone()
                if outermost:
                    index.catch_up(db)
                    db.execute("COMMIT")
                    self._shrink_log()
            except BaseException as exc:
                # SQLite undoes the whole transaction itself on some errors
                # (a full disk): then there is nothing left to roll back.
                if outermost and db.in_transaction:
                    db.execute("ROLLBACK")
                unwritable = self._unwritable(exc)
                if unwritable is not None:
                    raise unwritable from exc
                raise
            finally:
                self._depth -= 1

    def _unwritable(self, exc: BaseException) -> StorageError | None:
        """Return the error to raise instead of *exc* if the disk failed: said in one line."""
        if not isinstance(exc, sqlite3.OperationalError):
            return None
        code = exc.sqlite_errorcode & 0xFF
        if code == sqlite3.SQLITE_FULL:
            reason = "the disk is full; free some space and try again"
        elif code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
            reason = f"{exc}; check the disk and the file's permissions, then try again"
        else:
            return None  # not the disk's doing: a fault to see whole
        return StorageError(
            f"the translation memory cannot be written: {reason} (nothing was changed)",
            path=self.path,
        )

    @contextmanager
    def _in_bulk(self, db: sqlite3.Connection) -> Iterator[None]:
        """Fill the empty memory in bulk and index it: inside a batch, undone alone if it fails.

        The load drops the entries' key index and triggers until its rows are
        in: a batch whose caller caught the error and went on would keep rows
        without them, never indexed, and fail on every later save.
        """
        nested = self._depth > 1
        if nested:
            db.execute("SAVEPOINT bulk")
        try:
            yield
        except BaseException:
            if nested and db.in_transaction:
                db.execute("ROLLBACK TO bulk")
                db.execute("RELEASE bulk")
            raise
        if nested:
            db.execute("RELEASE bulk")

    def _undone(self) -> StorageError:
        return StorageError(
            "the translation memory cannot be written: an error earlier in this batch of "
            "changes undid them all; try the batch again (nothing was changed)",
            path=self.path,
        )

    def _shrink_log(self) -> None:
        """Give back the room a large change took in the write-ahead log, unless that waits.

        The change is in the file already (SQLite copies it there as it
        commits); the log would otherwise keep its size until the next change.
        """
        try:
            if os.path.getsize(f"{self.path}-wal") <= _LOG_LIMIT:
                return
        except OSError:
            return
        db = self._db
        db.execute("PRAGMA busy_timeout = 0")
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:
            pass  # another process is at it: the next change shrinks the log
        finally:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")

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
                if record.target:
                    fp.add(record)
                    memory_file.insert(db, seq, [record])
                elif old is not None:
                    memory_file.delete(db, record.key)
                count += 1
            for origin, fp in prints.items():
                memory_file.store_print(db, origin, fp)
        return count

    def remove(self, origin: str, source: str, context: str = "") -> bool:
        """Remove the entry with this key; tell whether there was one."""
        with self._write() as (db, _seq):
            old = memory_file.current(db, origin, context, source)
            if old is None:
                return False
            fp = memory_file.stored_print(db, origin)
            fp.add(old, -1)
            memory_file.delete(db, old.key)
            memory_file.store_print(db, origin, fp)
        return True

    def remove_origin(self, origin: str) -> int:
        """Remove every entry of *origin*; return how many there were."""
        with self._write() as (db, _seq):
            gone = memory_file.delete_origin(db, origin)
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
        with self._write() as (db, seq):
            if isinstance(records, list | tuple):
                fp = Fingerprint()
                records = list(memory_file.counted(origin, records, fp))
                stored = memory_file.stored_print(db, origin)
                if (stored.entries, stored.total) == (fp.entries, fp.total):
                    memory_file.store_print(db, origin, fp, file)
                    return False
            if memory_file.is_empty(db):
                # The first entries of the memory (a large file imported
                # into a new project): stored in bulk, indexed once.
                with self._in_bulk(db):
                    prints, _seq = memory_file.load(db, seq, memory_file.of_origin(origin, records))
                    index.build(db)
                memory_file.store_print(db, origin, prints.get(origin, Fingerprint()), file)
                return True
            fp = Fingerprint()
            # Entries that stay keep their place (and their postings); the
            # others, older than this change, go.
            memory_file.insert(db, seq, memory_file.counted(origin, records, fp))
            memory_file.delete_origin(db, origin, before=seq)
            memory_file.store_print(db, origin, fp, file)
        return True

    def stamp(self, origin: str, file: str) -> None:
        """Keep *file* as the digest of the file *origin*'s entries came from, entries unchanged."""
        with self._write() as (db, _seq):
            memory_file.store_print(db, origin, memory_file.stored_print(db, origin), file)

    def rebuild(self, records: Iterable[Record]) -> RebuildResult:
        """Make the memory hold exactly *records*, skipping origins that did not change.

        Records of one origin should come together (one catalog after another);
        they may not, at the cost of rewriting that origin. Imported TMX files
        are left alone: :func:`workbench.memory.tmx.sync_imports` keeps them.
        Everything is one transaction.
        """
        changed: list[str] = []
        unchanged: list[str] = []
        done: dict[str, Fingerprint] = {}
        chunk: list[Record] = []

        def flush(db: sqlite3.Connection) -> None:
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
                memory_file.insert(db, seq, chunk)
                memory_file.delete_origin(db, origin, before=seq)
                memory_file.store_print(db, origin, fp)
            changed.append(origin)

        with self._write() as (db, seq):
            if memory_file.is_empty(db):
                done = self._fill(db, seq, records)
                changed.extend(done)
            else:
                for record in records:
                    memory_file.check_record(record)
                    if not record.target:
                        continue
                    if chunk and record.origin != chunk[0].origin:
                        flush(db)
                        chunk = []
                    chunk.append(record)
                flush(db)
            stored = [row[0] for row in db.execute("SELECT origin FROM origins")]
            removed = [o for o in stored if o not in done and not o.startswith(IMPORT_FOLDER)]
            for origin in removed:
                self.remove_origin(origin)
        return RebuildResult(tuple(changed), tuple(unchanged), tuple(removed), len(self))

    def _fill(
        self, db: sqlite3.Connection, seq: int, records: Iterable[Record]
    ) -> dict[str, Fingerprint]:
        """Store *records* in the empty memory in bulk and index them; return their origins' prints.

        What :meth:`rebuild` would store, each origin's records a change of
        its own, in a fraction of the time: the rows are appended and
        indexed once, in the transaction already open.
        """
        with self._in_bulk(db):
            prints, last = memory_file.load(db, seq + 1, records)
            memory_file.set_meta(db, "seq", max(seq, last))
            index.build(db)
        for origin, fp in prints.items():
            memory_file.store_print(db, origin, fp)
        return prints

    def _origin_row(self, origin: str, column: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {column} FROM origins WHERE origin = ?", (origin,)
            ).fetchone()
        return row[0] if row else None

    # -- reading ---------------------------------------------------------

    def __len__(self) -> int:
        with self._lock:
            return memory_file.meta(self._db, "live")

    def origins(self) -> dict[str, int]:
        """Return each origin with its number of entries."""
        with self._lock:
            rows = self._db.execute("SELECT origin, entries FROM origins ORDER BY origin")
            return dict(rows.fetchall())

    def files(self) -> dict[str, str | None]:
        """Return each origin with the digest of the file its entries were read from.

        The digest is the *file* given to :meth:`replace_origin`; it is None once
        an entry of the origin was added or removed on its own since.
        """
        with self._lock:
            rows = self._db.execute("SELECT origin, file FROM origins ORDER BY origin")
            return dict(rows.fetchall())

    @property
    def ready(self) -> bool:
        """Always True: the index is on disk (kept for older callers)."""
        return True

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Return True at once: there is nothing to wait for (kept for older callers)."""
        return True

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
            return Suggestions()
        words = tokens(query)
        with self._lock:
            if not self._mapped:
                self._db.execute(f"PRAGMA mmap_size = {_MAP}")
                self._mapped = True
            hits = dict(index.search(self._db, words, threshold))
            ranked = []
            for marks, part in index.in_lists(list(hits)):
                rows = self._db.execute(
                    f"SELECT id, origin, seq, source = ? FROM entries WHERE id IN ({marks})",
                    [query, *part],
                )
                for slot, origin, seq, same in rows:
                    value = hits[slot]
                    if value == 100 and not same:
                        if threshold == 100:
                            continue  # the same words, but not the very same text
                        value = 99
                    imported = origin.startswith(IMPORT_FOLDER)
                    ranked.append((-value, origin != prefer, imported, -seq, slot))
        ranked.sort()
        return Suggestions(self._matches(query, ranked, limit, exclude))

    def _matches(
        self,
        query: str,
        ranked: list[tuple],
        limit: int | None,
        exclude: tuple[str, str, str] | None,
    ) -> tuple[Match, ...]:
        out: list[Match] = []
        seen: set[tuple[str, str]] = set()
        start = 0
        step = min((limit or 50) * 2, _ROWS)
        while start < len(ranked) and (limit is None or len(out) < limit):
            part = ranked[start : start + step]
            start += step
            rows = self._rows([entry[-1] for entry in part])
            for entry in part:
                row = rows.get(entry[-1])
                if row is None:
                    continue  # removed since the index was read
                origin, context, source, target, unit, extra = row
                if exclude is not None and (origin, context, source) == exclude:
                    continue
                if (source, target) in seen:
                    continue
                seen.add((source, target))
                out.append(
                    Match(
                        -entry[0],
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
        found = {}
        with self._lock:
            for marks, part in index.in_lists(slots):
                rows = self._db.execute(
                    "SELECT id, origin, context, source, target, unit, extra FROM entries "
                    f"WHERE id IN ({marks})",
                    part,
                )
                found.update((row[0], row[1:]) for row in rows)
        return found


def check_query(query: str) -> None:
    """Refuse a text too long to look up, or not text, saying what to do."""
    if len(query) > MAX_QUERY_CHARS:
        raise TranslationMemoryError(
            f"the text to look up is {len(query):,} characters long; the memory looks up "
            f"units of up to {MAX_QUERY_CHARS:,} characters: split it into sentences first"
        )
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as exc:
        # A lone surrogate: bytes that were not UTF-8, kept as they came (a
        # command-line argument). SQLite could not be asked about it.
        raise TranslationMemoryError(
            f"the text to look up is not valid UTF-8 (at character {exc.start + 1:,}); "
            "give it as UTF-8 text"
        ) from exc


def memory_path(instance_dir: str | Path, language: str) -> Path:
    """Return the file that holds the memory of *language* in *instance_dir*."""
    return Path(instance_dir) / "memory" / f"{normalise_code(language)}.sqlite3"
