"""The translation memory's SQLite file: its tables, entry keys and origin fingerprints.

Entries are never deleted on the spot: a removed or replaced entry stays as a
dead row (``live = 0``) stamped with the sequence number of the change, so
other processes see the removal when they catch up. Each origin keeps a
fingerprint of its live records, so a rebuild can skip an unchanged origin
without reading its entries. :class:`workbench.memory.memory.Memory` runs these
functions inside its transactions.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workbench.errors import TranslationMemoryError

# 2: entries keep an imported unit's inline codes and metadata (extra).
SCHEMA_VERSION = 2

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
    extra TEXT NOT NULL DEFAULT '',
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
INSERT INTO entries (khash, origin, context, source, target, unit, extra, seq, live)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
ON CONFLICT (khash) DO UPDATE SET
    target = excluded.target, unit = excluded.unit, extra = excluded.extra,
    seq = excluded.seq, live = 1
"""

_MOD = 1 << 128


@dataclass(frozen=True)
class Record:
    """One entry to store: a source text and its translation, and where from."""

    source: str
    target: str
    origin: str
    context: str = ""
    unit: str = ""
    #: An imported unit's inline codes and metadata: JSON of
    #: :class:`workbench.memory.codes.Extra` ("" for none).
    extra: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.origin, self.context, self.source)


def check_record(record: Record) -> None:
    """Refuse what is not a record, or a record without an origin."""
    if not isinstance(record, Record):
        raise TypeError(f"expected a Record, got {type(record).__name__}")
    if not record.origin:
        raise TranslationMemoryError(
            f"the entry for {record.source[:60]!r} has no origin; give the statement id"
        )


class Fingerprint:
    """An order-independent fingerprint of an origin's records: count and sum."""

    def __init__(self, entries: int = 0, total: int = 0) -> None:
        self.entries = entries
        self.total = total

    def add(self, record: Record, sign: int = 1) -> None:
        """Count *record* in (or, with *sign* -1, out)."""
        self.entries += sign
        self.total = (self.total + sign * _digest(record)) % _MOD

    def absorb(self, other: Fingerprint) -> None:
        """Count in every record *other* counts."""
        self.entries += other.entries
        self.total = (self.total + other.total) % _MOD

    @property
    def hex(self) -> str:
        return f"{self.total:032x}"

    @property
    def digest(self) -> str:
        """What the origins table keeps: count and sum."""
        return f"{self.entries}:{self.hex}"


def _khash(origin: str, context: str, source: str) -> bytes:
    data = f"{origin}\0{context}\0{source}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


def _digest(record: Record) -> int:
    data = "\0".join(
        (record.origin, record.context, record.source, record.target, record.unit, record.extra)
    ).encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "big")


# -- the schema -----------------------------------------------------------------


def schema_version(db: sqlite3.Connection) -> int | None:
    """Return the schema version of the file (None for a new file)."""
    found = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone()
    if not found:
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return row[0] if row else None


def create(db: sqlite3.Connection) -> None:
    """Create the tables, dropping those another schema version wrote."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if schema_version(db) not in (None, SCHEMA_VERSION):
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


# -- entries --------------------------------------------------------------------


def insert(db: sqlite3.Connection, seq: int, records: Iterable[Record]) -> None:
    """Store *records* as live entries of change *seq*, replacing those with their keys."""
    rows = (
        (_khash(*r.key), r.origin, r.context, r.source, r.target, r.unit, r.extra, seq)
        for r in records
    )
    try:
        db.executemany(_UPSERT, rows)
    except UnicodeEncodeError as exc:
        raise TranslationMemoryError(
            f"a text holds a character that cannot be stored ({exc.reason}); "
            "fix the unit and save again"
        ) from exc


def retire(db: sqlite3.Connection, seq: int, key: tuple[str, str, str]) -> None:
    """Mark the entry with *key* dead as of change *seq*."""
    db.execute("UPDATE entries SET live = 0, seq = ? WHERE khash = ?", (seq, _khash(*key)))


def retire_origin(db: sqlite3.Connection, seq: int, origin: str) -> int:
    """Mark every live entry of *origin* dead as of change *seq*; return how many."""
    return db.execute(
        "UPDATE entries SET live = 0, seq = ? WHERE origin = ? AND live = 1", (seq, origin)
    ).rowcount


def current(db: sqlite3.Connection, origin: str, context: str, source: str) -> Record | None:
    """Return the live entry with this key, if any."""
    row = db.execute(
        "SELECT target, unit, extra FROM entries WHERE khash = ? AND live = 1",
        (_khash(origin, context, source),),
    ).fetchone()
    return Record(source, row[0], origin, context, row[1], row[2]) if row else None


def counted(origin: str, records: Iterable[Record], fp: Fingerprint) -> Iterator[Record]:
    """Yield the records of *origin* that hold a translation, counting them into *fp*."""
    for record in records:
        check_record(record)
        if record.origin != origin:
            raise TranslationMemoryError(
                f'a record of origin "{record.origin}" was given to replace "{origin}"'
            )
        if record.target:
            fp.add(record)
            yield record


# -- origins --------------------------------------------------------------------


def stored_print(db: sqlite3.Connection, origin: str) -> Fingerprint:
    """Return the fingerprint kept for *origin* (empty if none)."""
    row = db.execute("SELECT digest FROM origins WHERE origin = ?", (origin,)).fetchone()
    if not row:
        return Fingerprint()
    entries, total = row[0].split(":")
    return Fingerprint(int(entries), int(total, 16))


def store_print(
    db: sqlite3.Connection, origin: str, fp: Fingerprint, file: str | None = None
) -> None:
    """Keep *fp* (and the digest of its *file*, if any) for *origin*; forget an empty one."""
    if fp.entries <= 0 and file is None:
        db.execute("DELETE FROM origins WHERE origin = ?", (origin,))
        return
    db.execute(
        "INSERT OR REPLACE INTO origins VALUES (?, ?, ?, ?)",
        (origin, fp.entries, fp.digest, file),
    )
