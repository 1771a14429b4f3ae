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
  :func:`workbench.tmx.sync_imports`).
- ``lookup(query, *, threshold=70, limit=5, prefer=None, exclude=None) ->
  Suggestions``; ``limit=None`` returns every match.
- ``len(memory)``, ``origins() -> dict[origin, entries]``, ``files() ->
  dict[origin, digest | None]`` (what :meth:`Memory.replace_origin` was given), ``ready``,
  ``wait_ready(timeout=None) -> bool``, ``warm()``.
- Pure helpers: :func:`tokens`, :func:`score`, :func:`diff`, :func:`check_query`.

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
  (:class:`workbench.memory_index.TokenIndex`); lower ones compare the query
  with every entry, which is exact but slower on a large memory.

A query longer than :data:`MAX_QUERY_CHARS` is refused with a
:class:`~workbench.errors.TranslationMemoryError`: units are sentences, and a
fuzzy match of a whole document helps nobody.

Thread-safe: one Memory may serve every thread of a threaded server. Several
processes may open the same file (SQLite in WAL mode with a busy timeout);
each sees the others' changes at its next lookup.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from . import database
from .errors import StorageError, TranslationMemoryError
from .locales import normalise_code
from .memory_index import INDEX_THRESHOLD as INDEX_THRESHOLD  # public here, as before
from .memory_index import TokenIndex

DEFAULT_THRESHOLD = 70
DEFAULT_LIMIT = 5
#: Longest query accepted, in characters; longer ones are refused, not cut.
MAX_QUERY_CHARS = 10_000
#: Origins of imported TMX files start with this folder.
IMPORT_FOLDER = "locales/memory/"

SCHEMA_VERSION = 1
BUSY_TIMEOUT = 30.0
_BATCH = 4000
# Changes made by another process are applied during a lookup up to this
# many; more than that reloads the index in the background instead.
_CATCH_UP_INLINE = 4000

# Curly, straight, low, prime and angle quotes fold to ' and ".
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a`\u00b4\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e", '"'),
    }
)
_QUOTE_PAIRS = tuple((chr(k), v) for k, v in _QUOTES.items())
# Combining marks and joiners that belong inside a word (Python's \w omits
# them): Latin, Cyrillic, Hebrew, Arabic and Persian, Syriac, Devanagari.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0711\u0730-\u074a\u0900-\u0903\u093a-\u094f\u0951-\u0957"
    "\u0962\u0963\u200c\u200d"
)
# A number with its separators (4,000 or 3.5) is one token, a word is one,
# and any other visible character is a token of its own.
_TOKEN = re.compile(rf"\d+(?:[.,]\d+)+|[\w{_MARKS}]+|\S")


@dataclass(frozen=True)
class Record:
    """One entry to store: a source text and its translation, and where from."""

    source: str
    target: str
    origin: str
    context: str = ""
    unit: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.origin, self.context, self.source)


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

    @property
    def imported(self) -> bool:
        return self.origin.startswith(IMPORT_FOLDER)


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


# -- normalisation and scoring -------------------------------------------


def tokens(text: str) -> list[str]:
    """Split *text* into normalised tokens: the words and punctuation compared.

    Normalising applies Unicode compatibility forms (NFKC), case folding, one
    spelling of quotes and apostrophes, and ignores spacing.

    >>> tokens("Workers’ councils,  4,000 “toman”")
    ['workers', "'", 'councils', ',', '4,000', '"', 'toman', '"']
    """
    if text.isascii():
        if "`" in text:
            text = text.replace("`", "'")
    else:
        text = unicodedata.normalize("NFKC", text)
        # str.translate with a table is slow on non-ASCII text; most texts
        # hold one or two kinds of quote at most.
        for quote, plain in _QUOTE_PAIRS:
            if quote in text:
                text = text.replace(quote, plain)
    out: list[str] = []
    # Splitting on spaces and keeping plain words whole is several times
    # faster than running the pattern over the whole text.
    for chunk in text.casefold().split():
        if chunk.isalnum():
            out.append(chunk)
        else:
            out.extend(_TOKEN.findall(chunk))
    return out


def score(query: str, source: str) -> int:
    """Score how well a stored *source* matches *query*, from 0 to 100.

    >>> score("All power to the councils!", "All power to the councils!")
    100
    >>> score("All power to the councils!", "all power to the councils!")
    99
    >>> score("All power to the councils!", "All power to the workers!")
    83
    """
    a, b = tokens(query), tokens(source)
    if not a or not b:
        return 0
    longer = max(len(a), len(b))
    value = 100 * (longer - Levenshtein.distance(a, b)) // longer
    if value == 100 and query != source:
        return 99
    return value


def diff(query: str, source: str) -> tuple[tuple[str, str], ...]:
    """Return the word pieces that turn *query* into *source*.

    >>> diff("All power to the councils!", "All power to the workers!")
    (('equal', 'All power to the '), ('delete', 'councils'), ('insert', 'workers'), ('equal', '!'))
    """
    a_spans, a_keys = _raw_tokens(query)
    b_spans, b_keys = _raw_tokens(source)
    if not b_spans:
        return (("equal", source),) if source else ()
    pieces: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    def cut(text: str, spans: list[tuple[int, int]], i: int, j: int, whole: bool) -> str:
        # Each piece runs up to the next token, so the pieces of the source
        # cover it exactly, spacing included.
        start = 0 if whole and i == 0 else spans[i][0]
        end = spans[j][0] if j < len(spans) else len(text)
        return text[start:end]

    for op in Levenshtein.opcodes(a_keys, b_keys):
        if op.tag in ("delete", "replace"):
            add("delete", cut(query, a_spans, op.src_start, op.src_end, False))
        if op.tag in ("insert", "replace", "equal"):
            kind = "equal" if op.tag == "equal" else "insert"
            add(kind, cut(source, b_spans, op.dest_start, op.dest_end, True))
    return tuple(pieces)


def _raw_tokens(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    # Quote folding maps one character to one, so spans found in the folded
    # text are spans of the original.
    spans, keys = [], []
    for found in _TOKEN.finditer(text.translate(_QUOTES)):
        spans.append(found.span())
        keys.append(unicodedata.normalize("NFKC", found.group()).casefold())
    return spans, keys


# -- the memory ----------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    khash BLOB NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    context TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    unit TEXT NOT NULL,
    seq INTEGER NOT NULL,
    live INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_seq ON entries (seq);
CREATE INDEX IF NOT EXISTS entries_origin ON entries (origin, live);
CREATE TABLE IF NOT EXISTS origins (
    origin TEXT PRIMARY KEY,
    entries INTEGER NOT NULL,
    digest TEXT NOT NULL,
    file TEXT
);
"""

_UPSERT = """
INSERT INTO entries (khash, origin, context, source, target, unit, seq, live)
VALUES (?, ?, ?, ?, ?, ?, ?, 1)
ON CONFLICT (khash) DO UPDATE SET
    target = excluded.target, unit = excluded.unit, seq = excluded.seq, live = 1
"""


def _khash(origin: str, context: str, source: str) -> bytes:
    data = f"{origin}\0{context}\0{source}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


def _digest(record: Record) -> int:
    data = "\0".join(
        (record.origin, record.context, record.source, record.target, record.unit)
    ).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "big")


_MOD = 1 << 128


class _Fingerprint:
    """An order-independent fingerprint of an origin's records: count and sum."""

    def __init__(self, entries: int = 0, total: int = 0) -> None:
        self.entries = entries
        self.total = total

    def add(self, record: Record, sign: int = 1) -> None:
        self.entries += sign
        self.total = (self.total + sign * _digest(record)) % _MOD

    @property
    def hex(self) -> str:
        return f"{self.total:032x}"


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
            version = self._schema_version(db)
            if version != SCHEMA_VERSION:
                self._create(db, version)
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

    @staticmethod
    def _schema_version(db: sqlite3.Connection) -> int | None:
        found = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
        if not found:
            return None
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row[0] if row else None

    @staticmethod
    def _create(db: sqlite3.Connection, version: int | None) -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            if Memory._schema_version(db) not in (None, SCHEMA_VERSION):
                # Written by another version: derived data, so start afresh.
                for table in ("entries", "origins", "meta"):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            for key, value in (("schema", SCHEMA_VERSION), ("seq", 0), ("epoch", 0)):
                db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key, value))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

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
            prints: dict[str, _Fingerprint] = {}
            for record in records:
                _check(record)
                old = self._current(db, record.origin, record.context, record.source)
                fp = prints.get(record.origin) or prints.setdefault(
                    record.origin, self._stored_print(db, record.origin)
                )
                if old is not None:
                    fp.add(old, -1)
                    self._kill(db, seq, record.key)
                if record.target:
                    fp.add(record)
                    self._insert(db, seq, [record])
                count += 1
            for origin, fp in prints.items():
                self._store_print(db, origin, fp)
        return count

    def remove(self, origin: str, source: str, context: str = "") -> bool:
        """Remove the entry with this key; tell whether there was one."""
        with self._write() as (db, seq):
            old = self._current(db, origin, context, source)
            if old is None:
                return False
            fp = self._stored_print(db, origin)
            fp.add(old, -1)
            self._kill(db, seq, old.key)
            self._store_print(db, origin, fp)
        return True

    def remove_origin(self, origin: str) -> int:
        """Remove every entry of *origin*; return how many there were."""
        with self._write() as (db, seq):
            gone = db.execute(
                "UPDATE entries SET live = 0, seq = ? WHERE origin = ? AND live = 1",
                (seq, origin),
            ).rowcount
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
            fp = _Fingerprint()
            records = list(self._counted(origin, records, fp))
            with self._write() as (db, _seq):
                stored = self._stored_print(db, origin)
                if (stored.entries, stored.total) == (fp.entries, fp.total):
                    self._store_print(db, origin, fp, file)
                    return False
        with self._write() as (db, seq):
            db.execute(
                "UPDATE entries SET live = 0, seq = ? WHERE origin = ? AND live = 1", (seq, origin)
            )
            fp = _Fingerprint()
            self._insert(db, seq, self._counted(origin, records, fp))
            self._store_print(db, origin, fp, file)
        return True

    def rebuild(self, records: Iterable[Record]) -> RebuildResult:
        """Make the memory hold exactly *records*, skipping origins that did not change.

        Records of one origin should come together (one catalog after another);
        they may not, at the cost of rewriting that origin. Imported TMX files
        are left alone: :func:`workbench.tmx.sync_imports` keeps them.
        """
        changed: list[str] = []
        unchanged: list[str] = []
        done: dict[str, _Fingerprint] = {}
        chunk: list[Record] = []

        def flush() -> None:
            if not chunk:
                return
            origin = chunk[0].origin
            fp = _Fingerprint()
            for record in chunk:
                fp.add(record)
            if origin in done:
                # The origin came back after another one: add to it.
                done[origin].entries += fp.entries
                done[origin].total = (done[origin].total + fp.total) % _MOD
                with self._write() as (db, seq):
                    self._insert(db, seq, chunk)
                    self._store_print(db, origin, done[origin])
                if origin in unchanged:
                    unchanged.remove(origin)
                    changed.append(origin)
                return
            done[origin] = fp
            if self._origin_row(origin, "digest") == f"{fp.entries}:{fp.hex}":
                unchanged.append(origin)
                return
            with self._write() as (db, seq):
                db.execute(
                    "UPDATE entries SET live = 0, seq = ? WHERE origin = ? AND live = 1",
                    (seq, origin),
                )
                self._insert(db, seq, chunk)
                self._store_print(db, origin, fp)
            changed.append(origin)

        for record in records:
            _check(record)
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

    @staticmethod
    def _counted(origin: str, records: Iterable[Record], fp: _Fingerprint) -> Iterator[Record]:
        for record in records:
            _check(record)
            if record.origin != origin:
                raise TranslationMemoryError(
                    f'a record of origin "{record.origin}" was given to replace "{origin}"'
                )
            if record.target:
                fp.add(record)
                yield record

    def _insert(self, db: sqlite3.Connection, seq: int, records: Iterable[Record]) -> None:
        rows = (
            (_khash(*r.key), r.origin, r.context, r.source, r.target, r.unit, seq) for r in records
        )
        try:
            db.executemany(_UPSERT, rows)
        except UnicodeEncodeError as exc:
            raise TranslationMemoryError(
                f"a text holds a character that cannot be stored ({exc.reason}); "
                "fix the unit and save again"
            ) from exc

    @staticmethod
    def _kill(db: sqlite3.Connection, seq: int, key: tuple[str, str, str]) -> None:
        db.execute("UPDATE entries SET live = 0, seq = ? WHERE khash = ?", (seq, _khash(*key)))

    @staticmethod
    def _current(db: sqlite3.Connection, origin: str, context: str, source: str) -> Record | None:
        row = db.execute(
            "SELECT target, unit FROM entries WHERE khash = ? AND live = 1",
            (_khash(origin, context, source),),
        ).fetchone()
        return Record(source, row[0], origin, context, row[1]) if row else None

    @staticmethod
    def _stored_print(db: sqlite3.Connection, origin: str) -> _Fingerprint:
        row = db.execute("SELECT digest FROM origins WHERE origin = ?", (origin,)).fetchone()
        if not row:
            return _Fingerprint()
        entries, total = row[0].split(":")
        return _Fingerprint(int(entries), int(total, 16))

    @staticmethod
    def _store_print(
        db: sqlite3.Connection, origin: str, fp: _Fingerprint, file: str | None = None
    ) -> None:
        if fp.entries <= 0 and file is None:
            db.execute("DELETE FROM origins WHERE origin = ?", (origin,))
            return
        db.execute(
            "INSERT OR REPLACE INTO origins VALUES (?, ?, ?, ?)",
            (origin, fp.entries, f"{fp.entries}:{fp.hex}", file),
        )

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
                origin, context, source, target, unit = row
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
                origin, context, source, target, unit = item[-1]
                if (source, target) in seen:
                    continue
                seen.add((source, target))
                out.append(
                    Match(-item[0], source, target, origin, unit, context, diff(query, source))
                )
                if limit is not None and len(out) >= limit:
                    break
        return tuple(out)

    def _rows(self, slots: list[int]) -> dict[int, tuple[str, str, str, str, str]]:
        marks = ",".join("?" * len(slots))
        with self._db_lock:
            rows = self._db.execute(
                "SELECT id, origin, context, source, target, unit FROM entries "
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


def _check(record: Record) -> None:
    if not isinstance(record, Record):
        raise TypeError(f"expected a Record, got {type(record).__name__}")
    if not record.origin:
        raise TranslationMemoryError(
            f"the entry for {record.source[:60]!r} has no origin; give the statement id"
        )
