"""Login sessions kept on the server: the browser holds only a random id.

A session's state (who is logged in, the CSRF secret, messages) lives in the
users' database under ``instance/``, keyed by a digest of its id, so that a
copy of the database does not give anyone a live session. A session ends
when its person logs out, after an idle time and after a fixed lifetime, and
all of a person's sessions end when their password or role changes or they
are removed (:class:`~workbench.accounts.users.Users` does that in the same
transaction as the change). ``workbench user sessions NAME`` lists them and
``workbench user revoke NAME`` ends them.

Sessions of nobody (a visitor of the login page, who needs a CSRF secret)
are kept too, but only for a short idle time and never more than
:data:`MAX_ANONYMOUS` at once, so that a stream of visits cannot fill the disk.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from dataclasses import dataclass

from workbench.util import database

#: Seconds a session may stay unused, and at most lasts, by default.
IDLE = 8 * 3600.0
LIFETIME = 7 * 24 * 3600.0
#: Seconds a session of nobody may stay unused, and how many may exist at once.
ANONYMOUS_IDLE = 2 * 3600.0
MAX_ANONYMOUS = 10_000
#: Seconds between two updates of a session's last use (each one is a write).
TOUCH_EVERY = 60.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    digest TEXT PRIMARY KEY,
    user TEXT,
    user_created REAL,
    created REAL NOT NULL,
    seen REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions (user);
CREATE INDEX IF NOT EXISTS sessions_seen ON sessions (seen);
"""


def _digest(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Record:
    """One live session: whose it is (a folded name, or None) and its stored data."""

    sid: str
    user: str | None
    user_created: float | None
    created: float
    seen: float
    data: str


@dataclass(frozen=True)
class Listed:
    """A session as ``workbench user sessions`` shows it."""

    id: str  # the first characters of the digest of its id: enough to tell them apart
    created: float
    seen: float


def end_user(db: sqlite3.Connection, folded: str) -> int:
    """End every session of the user named *folded* on *db*; return how many ended."""
    return db.execute("DELETE FROM sessions WHERE user=?", (folded,)).rowcount


class Sessions:
    """The sessions of one install, in the users' database."""

    def __init__(
        self, db: database.PerThread, idle: float = IDLE, lifetime: float = LIFETIME
    ) -> None:
        self._db = db
        self.idle = idle
        self.lifetime = lifetime

    def _alive(self, user: str | None, created: float, seen: float, now: float) -> bool:
        idle = self.idle if user is not None else min(self.idle, ANONYMOUS_IDLE)
        return now - seen <= idle and now - created <= self.lifetime

    def open(self, sid: str, now: float | None = None) -> Record | None:
        """Return the live session *sid*, or None (an ended one is deleted)."""
        now = time.time() if now is None else now
        if not sid or len(sid) > 100:
            return None
        digest = _digest(sid)
        row = (
            self._db()
            .execute(
                "SELECT user, user_created, created, seen, data FROM sessions WHERE digest=?",
                (digest,),
            )
            .fetchone()
        )
        if row is None:
            return None
        user, user_created, created, seen, data = row
        if not self._alive(user, created, seen, now):
            self._db().execute("DELETE FROM sessions WHERE digest=?", (digest,))
            return None
        return Record(sid, user, user_created, created, seen, data)

    def create(
        self,
        data: str,
        user: str | None = None,
        user_created: float | None = None,
        now: float | None = None,
    ) -> str:
        """Start a session holding *data* (of *user*, a folded name, if given); return its id."""
        now = time.time() if now is None else now
        sid = secrets.token_urlsafe(32)
        db = self._db()
        with database.transaction(db):
            if user is None:
                self._prune(db, now)
            db.execute(
                "INSERT INTO sessions (digest, user, user_created, created, seen, data)"
                " VALUES (?,?,?,?,?,?)",
                (_digest(sid), user, user_created, now, now, data),
            )
        return sid

    def _prune(self, db: sqlite3.Connection, now: float) -> None:
        db.execute(
            "DELETE FROM sessions WHERE (user IS NULL AND seen < ?) OR seen < ? OR created < ?",
            (now - min(self.idle, ANONYMOUS_IDLE), now - self.idle, now - self.lifetime),
        )
        (anonymous,) = db.execute("SELECT COUNT(*) FROM sessions WHERE user IS NULL").fetchone()
        if anonymous >= MAX_ANONYMOUS:
            db.execute(
                "DELETE FROM sessions WHERE digest IN (SELECT digest FROM sessions"
                " WHERE user IS NULL ORDER BY seen LIMIT ?)",
                (anonymous - MAX_ANONYMOUS + 1,),
            )

    def save(self, sid: str, data: str, now: float | None = None) -> bool:
        """Store *data* in the session *sid*; False if it has ended meanwhile."""
        now = time.time() if now is None else now
        cur = self._db().execute(
            "UPDATE sessions SET data=?, seen=? WHERE digest=?", (data, now, _digest(sid))
        )
        return cur.rowcount == 1

    def touch(self, record: Record, now: float | None = None) -> None:
        """Note that *record* was used now (written at most once a :data:`TOUCH_EVERY`)."""
        now = time.time() if now is None else now
        if now - record.seen >= TOUCH_EVERY:
            self._db().execute(
                "UPDATE sessions SET seen=? WHERE digest=?", (now, _digest(record.sid))
            )

    def end(self, sid: str) -> None:
        """End the session *sid*."""
        self._db().execute("DELETE FROM sessions WHERE digest=?", (_digest(sid),))

    def end_user(self, name: str) -> int:
        """End every session of the user *name*; return how many ended."""
        return end_user(self._db(), name.casefold())

    def of_user(self, name: str, now: float | None = None) -> list[Listed]:
        """Return the live sessions of the user *name*, oldest first."""
        now = time.time() if now is None else now
        rows = (
            self._db()
            .execute(
                "SELECT digest, created, seen FROM sessions WHERE user=? ORDER BY created",
                (name.casefold(),),
            )
            .fetchall()
        )
        return [
            Listed(digest[:12], created, seen)
            for digest, created, seen in rows
            if self._alive(name, created, seen, now)
        ]
