"""SQLite under ``instance/``: one way to open a database several processes share.

The users table, the history and the memories are opened by every server
process and by the command line. They run in WAL mode, so readers never wait for a writer,
and each connection waits for the others' locks rather than failing.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

#: Seconds a connection waits for another process's lock before giving up.
BUSY_TIMEOUT = 30.0


def connect(
    path: Path, timeout: float = BUSY_TIMEOUT, *, check_same_thread: bool = True
) -> sqlite3.Connection:
    """Open (creating it if need be) the database at *path* in WAL mode, autocommit."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(
        path, timeout=timeout, isolation_level=None, check_same_thread=check_same_thread
    )
    # Switching a new database to WAL takes an exclusive lock, and when
    # several processes open it at the same moment SQLite answers "database
    # is locked" at once instead of waiting (waiting could deadlock): retry.
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return db
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                db.close()
                raise
            time.sleep(0.005)


class PerThread:
    """A connection per thread to the database at *path*, opened on first use.

    sqlite3 connections must not cross threads; a threaded server calls the
    same object from every thread. A new connection runs *pragmas*, then
    *schema* (statements that create what is missing).
    """

    def __init__(self, path: Path, schema: str, pragmas: Sequence[str] = ()) -> None:
        self.path = Path(path)
        self._schema = schema
        self._pragmas = tuple(pragmas)
        self._local = threading.local()

    def __call__(self) -> sqlite3.Connection:
        """Return this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = connect(self.path)
            for pragma in self._pragmas:
                db.execute(f"PRAGMA {pragma}")
            db.executescript(self._schema)
            self._local.db = db
        return db


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block in one write transaction (BEGIN IMMEDIATE), committed at its end.

    IMMEDIATE takes the write lock at once, so two processes that read and
    then write in the block cannot both read the state before the other's
    write.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
