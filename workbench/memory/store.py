"""The translation memory's SQLite file: its tables, entry keys and origin fingerprints.

One file holds the entries and the index that finds them
(:mod:`workbench.memory.index`): the tokens' codes (``vocab``), each entry's
tokens as a string of codes (``grams``) and the posting lists (``postings``).
Triggers note every entry inserted (``fresh``) and deleted (``gone``); the
index takes those in before the transaction commits, so the index and the
entries never disagree, whatever stops a process. Each origin keeps a
fingerprint of its records, so a rebuild can skip an unchanged origin
without reading its entries. :class:`workbench.memory.memory.Memory` runs
these functions inside its transactions.

An empty memory is filled in bulk (:func:`load`): rows appended without
the triggers, the entries' indexes made once they are all in (sorting
them costs less than keeping them in order row by row), all in the
transaction that indexes them, so a build stopped half-way leaves the
memory empty, never half full.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from workbench.errors import TranslationMemoryError

# 2: entries keep an imported unit's inline codes and metadata (extra).
# 3: the index lives in the file, beside the entries; removed entries are
#    deleted at once (there is no in-memory index left to tell).
# 4: the entries' keys are unique by an index of their own (entries_key),
#    which a bulk load makes after the rows.
SCHEMA_VERSION = 4

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    khash BLOB NOT NULL,
    origin TEXT NOT NULL,
    context TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    unit TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '',
    seq INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS entries_key ON entries (khash);
CREATE INDEX IF NOT EXISTS entries_origin ON entries (origin);
CREATE TABLE IF NOT EXISTS origins (
    origin TEXT PRIMARY KEY,
    entries INTEGER NOT NULL,
    digest TEXT NOT NULL,
    file TEXT
);
CREATE TABLE IF NOT EXISTS vocab (token TEXT PRIMARY KEY, code INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS grams (id INTEGER PRIMARY KEY, code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS postings (
    key INTEGER NOT NULL,
    part INTEGER NOT NULL,
    slots BLOB NOT NULL,
    PRIMARY KEY (key, part)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fresh (id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS gone (id INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS entries_fresh AFTER INSERT ON entries
BEGIN
    INSERT OR IGNORE INTO fresh VALUES (new.id);
END;
CREATE TRIGGER IF NOT EXISTS entries_gone AFTER DELETE ON entries
BEGIN
    INSERT OR IGNORE INTO gone VALUES (old.id);
END;
CREATE TRIGGER IF NOT EXISTS entries_source AFTER UPDATE OF source ON entries
WHEN old.source IS NOT new.source
BEGIN
    INSERT OR IGNORE INTO gone VALUES (old.id);
    INSERT OR IGNORE INTO fresh VALUES (new.id);
END;
"""

#: What meta holds: the schema version, the last change's number, how many
#: entries there are, how many the index ranked its tokens on, how many token
#: codes it has given out.
_META = (("schema", SCHEMA_VERSION), ("seq", 0), ("live", 0), ("ranked", 0), ("codes", 0))

_UPSERT = """
INSERT INTO entries (khash, origin, context, source, target, unit, extra, seq)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (khash) DO UPDATE SET
    target = excluded.target, unit = excluded.unit, extra = excluded.extra,
    seq = excluded.seq
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


def create(db: sqlite3.Connection) -> int | None:
    """Create the tables, dropping those another schema version wrote.

    Return the version found before (None for a new file).
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(db)
        if found not in (None, SCHEMA_VERSION):
            # Written by another version: derived data, so start afresh.
            tables = db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
            for (table,) in tables:
                db.execute(f'DROP TABLE IF EXISTS "{table}"')
        _create_schema(db)
        db.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?)", _META)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return found


def _create_schema(db: sqlite3.Connection) -> None:
    """Create the tables, indexes and triggers that are missing."""
    for statement in _statements(_SCHEMA):
        db.execute(statement)


def _statements(script: str) -> Iterator[str]:
    # Statements end with ";" at the end of a line; a trigger's body holds
    # statements of its own, so its END closes it.
    statement: list[str] = []
    for line in script.splitlines():
        statement.append(line)
        text = "\n".join(statement).strip()
        if line.endswith(";") and (not text.startswith("CREATE TRIGGER") or line == "END;"):
            yield text
            statement = []


def meta(db: sqlite3.Connection, key: str) -> int:
    """Return the value *key* of the meta table."""
    return db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()[0]


def set_meta(db: sqlite3.Connection, key: str, value: int) -> None:
    """Set the value *key* of the meta table."""
    db.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))


# -- entries --------------------------------------------------------------------


def insert(db: sqlite3.Connection, seq: int, records: Iterable[Record]) -> None:
    """Store *records* as entries of change *seq*, replacing those with their keys."""
    rows = (
        (_khash(*r.key), r.origin, r.context, r.source, r.target, r.unit, r.extra, seq)
        for r in records
    )
    try:
        db.executemany(_UPSERT, rows)
    except UnicodeEncodeError as exc:
        raise _unstorable(exc) from exc


def _unstorable(exc: UnicodeEncodeError) -> TranslationMemoryError:
    return TranslationMemoryError(
        f"a text holds a character that cannot be stored ({exc.reason}); "
        "fix the unit and save again"
    )


def is_empty(db: sqlite3.Connection) -> bool:
    """Tell whether the memory holds no entry."""
    return db.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is None


def load(
    db: sqlite3.Connection, seq: int, records: Iterable[Record]
) -> tuple[dict[str, Fingerprint], int]:
    """Fill the empty entries table with the *records* that hold a translation.

    Each origin's records are a change of their own, numbered from *seq*
    on, and a record whose key came before replaces the earlier one's
    translation, as :func:`insert` does. Return each origin's fingerprint
    and the last change's number. The triggers are off meanwhile: the
    caller indexes every entry (:func:`workbench.memory.index.build`) in
    the same transaction.
    """
    prints: dict[str, Fingerprint] = {}
    seq -= 1

    def rows() -> Iterator[tuple]:
        # What check_record, _khash and Fingerprint.add do, inline: this
        # runs for each of a million records.
        nonlocal seq
        origin = None
        fp = Fingerprint()
        for r in records:
            if not isinstance(r, Record) or not r.origin:
                check_record(r)
            if not r.target:
                continue
            if r.origin != origin:
                origin = r.origin
                seq += 1
                fp = prints.setdefault(origin, Fingerprint())
            h = hashlib.blake2b(
                f"{origin}\0{r.context}\0{r.source}".encode("utf-8", "surrogatepass"),
                digest_size=16,
            )
            khash = h.digest()
            h.update(f"\0{r.target}\0{r.unit}\0{r.extra}".encode("utf-8", "surrogatepass"))
            fp.entries += 1
            fp.total += int.from_bytes(h.digest(), "big")
            yield khash, origin, r.context, r.source, r.target, r.unit, r.extra, seq

    # The entries' indexes and triggers go, and come back once the rows are in.
    for kind, name in db.execute(
        "SELECT type, name FROM sqlite_master WHERE tbl_name = 'entries' "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).fetchall():
        db.execute(f'DROP {kind.upper()} "{name}"')
    try:
        db.executemany(
            "INSERT INTO entries (khash, origin, context, source, target, unit, extra, seq) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows(),
        )
    except UnicodeEncodeError as exc:
        raise _unstorable(exc) from exc
    try:
        _create_schema(db)
    except sqlite3.IntegrityError:
        # A key given twice: the first entry keeps its place and takes the
        # last one's translation, as an upsert would have done.
        db.execute("CREATE INDEX load_key ON entries (khash, id)")
        db.execute(
            "UPDATE entries SET (target, unit, extra, seq) = (SELECT target, unit, extra, seq "
            "FROM entries AS later WHERE later.khash = entries.khash ORDER BY later.id DESC "
            "LIMIT 1) WHERE id IN (SELECT min(id) FROM entries GROUP BY khash HAVING count(*) > 1)"
        )
        db.execute(
            "DELETE FROM entries WHERE id NOT IN (SELECT min(id) FROM entries GROUP BY khash)"
        )
        db.execute("DROP INDEX load_key")
        _create_schema(db)
    for fp in prints.values():
        fp.total %= _MOD
    return prints, seq


def delete(db: sqlite3.Connection, key: tuple[str, str, str]) -> None:
    """Delete the entry with *key*."""
    db.execute("DELETE FROM entries WHERE khash = ?", (_khash(*key),))


def delete_origin(db: sqlite3.Connection, origin: str, before: int | None = None) -> int:
    """Delete the entries of *origin* (those older than change *before*); return how many."""
    if before is None:
        return db.execute("DELETE FROM entries WHERE origin = ?", (origin,)).rowcount
    return db.execute("DELETE FROM entries WHERE origin = ? AND seq < ?", (origin, before)).rowcount


def current(db: sqlite3.Connection, origin: str, context: str, source: str) -> Record | None:
    """Return the entry with this key, if any."""
    row = db.execute(
        "SELECT target, unit, extra FROM entries WHERE khash = ?",
        (_khash(origin, context, source),),
    ).fetchone()
    return Record(source, row[0], origin, context, row[1], row[2]) if row else None


def of_origin(origin: str, records: Iterable[Record]) -> Iterator[Record]:
    """Yield *records*, refusing one that is not a record of *origin*."""
    for record in records:
        check_record(record)
        if record.origin != origin:
            raise TranslationMemoryError(
                f'a record of origin "{record.origin}" was given to replace "{origin}"'
            )
        yield record


def counted(origin: str, records: Iterable[Record], fp: Fingerprint) -> Iterator[Record]:
    """Yield the records of *origin* that hold a translation, counting them into *fp*."""
    for record in of_origin(origin, records):
        if record.target:
            fp.add(record)
            yield record


# -- origins --------------------------------------------------------------------


def file_stamp(path: str | os.PathLike) -> str | None:
    """Return what tells one version of the file at *path* from another (None if gone).

    Its modification time, size, inode and change time: a file replaced
    atomically, or rewritten and touched back, changes at least one.
    """
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"stat:{st.st_mtime_ns}:{st.st_size}:{st.st_ino}:{st.st_ctime_ns}"


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
