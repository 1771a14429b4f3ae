"""Failed logins counted per client and name, with delays that grow and then fade.

Two counts are kept, each under a key that names no one (a keyed digest made
by the caller): one per (client address, name) and one per client address.
A name alone is never counted, so nobody can lock a colleague (or the admin)
out by guessing at their name from elsewhere. Each count allows a few
failures freely; after that every further attempt waits a delay that doubles
with each failure, up to a cap. Failures older than the window are forgotten.

Deciding whether an attempt may go ahead and counting it happen in one
SQLite transaction: an attempt is counted against its (address, name) as a
failure *before* its password is checked, and forgiven after a success, so
a burst of parallel guesses at one name can check no more passwords than the
free allowance. The per-address count takes a failure once the password has
been found wrong: attempts still being checked do not hold up the others
from the same address (an office behind one NAT logging in at nine), so a
burst spread over many names can pass the address's allowance once, by at
most the server's number of threads.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from workbench.util import database

#: Failures allowed freely per (address, name) and per address within the window.
FREE_PER_NAME = 5
FREE_PER_ADDRESS = 10
#: The delay after the first failure beyond the allowance; it doubles with each one.
FIRST_DELAY = 30.0
MAX_DELAY = 15 * 60.0
#: Failures older than this are forgotten.
WINDOW = 60 * 60.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS login_failures (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_key ON login_failures (key, at);
"""


def delay(failures: int, free: int) -> float:
    """Return the seconds to wait after the last of *failures* with *free* allowed.

    >>> [delay(n, 5) for n in (4, 5, 6, 7)]
    [0.0, 30.0, 60.0, 120.0]
    >>> delay(40, 5)
    900.0
    """
    if failures < free:
        return 0.0
    return min(FIRST_DELAY * 2.0 ** min(failures - free, 32), MAX_DELAY)


@dataclass(frozen=True)
class Attempt:
    """A login attempt allowed to go ahead, counted as a failure until forgiven."""

    ids: tuple[int, ...]
    keys: tuple[str, ...]


class Throttle:
    """The failure counts of one install, in the users' database."""

    def __init__(self, db: database.PerThread) -> None:
        self._db = db

    def begin(self, per_name: str, per_address: str, now: float | None = None) -> Attempt | float:
        """Count an attempt for the two keys, or return the seconds it must wait."""
        db = self._db()
        with database.transaction(db):
            # The clock is read once the write lock is held: an attempt that
            # waited for the lock must not find another's later time ahead of its own.
            now = time.time() if now is None else now
            db.execute("DELETE FROM login_failures WHERE at < ?", (now - WINDOW,))
            wait = 0.0
            for key, free in ((per_name, FREE_PER_NAME), (per_address, FREE_PER_ADDRESS)):
                count, last = db.execute(
                    "SELECT COUNT(*), MAX(at) FROM login_failures WHERE key=?", (key,)
                ).fetchone()
                if count >= free:
                    wait = max(wait, last + delay(count, free) - now)
            if wait > 0:
                return wait
            row = db.execute(
                "INSERT INTO login_failures (key, at) VALUES (?, ?)", (per_name, now)
            ).lastrowid
        return Attempt((row,), (per_name, per_address))

    def failed(self, attempt: Attempt, now: float | None = None) -> None:
        """Count a wrong password against the address too (its name's count has it already)."""
        now = time.time() if now is None else now
        self._db().execute(
            "INSERT INTO login_failures (key, at) VALUES (?, ?)", (attempt.keys[1], now)
        )

    def forgive(self, attempt: Attempt) -> None:
        """Forget a successful *attempt*, and the earlier failures of its (address, name).

        The address's other failures stay: logging in to one's own account
        now and then must not clear guesses at other names.
        """
        db = self._db()
        with database.transaction(db):
            db.executemany("DELETE FROM login_failures WHERE id=?", [(i,) for i in attempt.ids])
            db.execute("DELETE FROM login_failures WHERE key=?", (attempt.keys[0],))
