"""Users of a served workbench: pseudonyms, roles, salted password hashes.

Kept in SQLite under ``instance/`` (per install, never committed). A name is
all that identifies a person: no e-mail, no real name; a pseudonym is
welcome. Passwords are hashed with scrypt and a random salt. Failed logins
are counted per name and per client address and throttled.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.messages import N_, Data, Listing, Message
from workbench.util import database

TRANSLATOR = "translator"
REVIEWER = "reviewer"
ADMIN = "admin"
ROLES = (TRANSLATOR, REVIEWER, ADMIN)

#: Failed logins allowed per name or address within the window.
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60.0

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    folded TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_key ON failures (key, at);
"""


class UserError(WorkbenchError):
    """A user name, role or password is not acceptable."""


@dataclass(frozen=True)
class User:
    """A person who may log in."""

    name: str
    role: str

    def can(self, role: str) -> bool:
        """Tell whether this user has *role* or a stronger one."""
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    """Return a salted scrypt hash of *password*, with its parameters."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_password(stored: str, password: str) -> bool:
    """Tell whether *password* matches the *stored* hash, in constant time."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        mine = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(digest) // 2,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(mine.hex(), digest)


def check_name(name: str) -> str:
    """Return *name* normalised, or raise UserError saying what is wrong."""
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name:
        raise UserError(Message.of(N_("a user name cannot be empty; choose a name or pseudonym")))
    if len(name) > 40:
        raise UserError(
            Message.of(
                N_('the user name "%(name)s..." is longer than 40 characters'), name=Data(name[:40])
            )
        )
    if any(unicodedata.category(ch)[0] == "C" for ch in name) or any(
        ch in name for ch in "<>\"'&/\\"
    ):
        raise UserError(
            Message.of(
                N_(
                    "the user name %(name)s has control characters or one of %(marks)s; use "
                    "letters, digits, spaces and - _ ."
                ),
                name=Data(repr(name)),
                marks=Data("< > \" ' & / \\"),
            )
        )
    return name


class Users:
    """The user table of one install."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db = database.PerThread(self.path, _SCHEMA)

    def exists(self) -> bool:
        """Tell whether any user has been added (no file means none)."""
        if not self.path.exists():
            return False
        return self._db().execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def add(self, name: str, role: str, password: str) -> User:
        """Add a user; the name must be new (case-insensitively)."""
        name = check_name(name)
        if role not in ROLES:
            raise UserError(
                Message.of(
                    N_('unknown role "%(role)s"; use one of %(roles)s'),
                    role=Data(role),
                    roles=Listing(tuple(map(Data, ROLES)), N_(", ")),
                )
            )
        if len(password) < 8:
            raise UserError(
                Message.of(N_("the password is shorter than 8 characters; choose a longer one"))
            )
        try:
            self._db().execute(
                "INSERT INTO users (name, folded, role, password, created) VALUES (?,?,?,?,?)",
                (name, name.casefold(), role, hash_password(password), time.time()),
            )
        except sqlite3.IntegrityError as exc:
            raise UserError(
                Message.of(
                    N_('a user named "%(name)s" already exists; choose another name'),
                    name=Data(name),
                )
            ) from exc
        return User(name, role)

    def get(self, name: str) -> User | None:
        row = (
            self._db()
            .execute("SELECT name, role FROM users WHERE folded=?", (name.casefold(),))
            .fetchone()
        )
        return User(*row) if row else None

    def all(self) -> list[User]:
        rows = self._db().execute("SELECT name, role FROM users ORDER BY folded").fetchall()
        return [User(*row) for row in rows]

    def remove(self, name: str) -> None:
        cur = self._db().execute("DELETE FROM users WHERE folded=?", (name.casefold(),))
        if cur.rowcount == 0:
            raise UserError(
                Message.of(
                    N_('no user named "%(name)s"; see the list with: %(command)s'),
                    name=Data(name),
                    command=Data("workbench user list"),
                )
            )

    def set_role(self, name: str, role: str) -> User:
        if role not in ROLES:
            raise UserError(
                Message.of(
                    N_('unknown role "%(role)s"; use one of %(roles)s'),
                    role=Data(role),
                    roles=Listing(tuple(map(Data, ROLES)), N_(", ")),
                )
            )
        cur = self._db().execute("UPDATE users SET role=? WHERE folded=?", (role, name.casefold()))
        if cur.rowcount == 0:
            raise UserError(
                Message.of(
                    N_('no user named "%(name)s"; see the list with: %(command)s'),
                    name=Data(name),
                    command=Data("workbench user list"),
                )
            )
        return self.get(name)  # type: ignore[return-value]

    def set_password(self, name: str, password: str) -> None:
        if len(password) < 8:
            raise UserError(
                Message.of(N_("the password is shorter than 8 characters; choose a longer one"))
            )
        cur = self._db().execute(
            "UPDATE users SET password=? WHERE folded=?", (hash_password(password), name.casefold())
        )
        if cur.rowcount == 0:
            raise UserError(
                Message.of(
                    N_('no user named "%(name)s"; see the list with: %(command)s'),
                    name=Data(name),
                    command=Data("workbench user list"),
                )
            )

    # -- logging in --------------------------------------------------------

    def throttled(self, *keys: str, now: float | None = None) -> float:
        """Return the seconds to wait before another attempt for any of *keys* (0: none)."""
        now = time.time() if now is None else now
        wait = 0.0
        for key in keys:
            rows = (
                self._db()
                .execute(
                    "SELECT at FROM failures WHERE key=? AND at>? ORDER BY at",
                    (key, now - FAILURE_WINDOW),
                )
                .fetchall()
            )
            if len(rows) >= MAX_FAILURES:
                wait = max(wait, rows[-MAX_FAILURES][0] + FAILURE_WINDOW - now)
        return wait

    def authenticate(
        self, name: str, password: str, *keys: str, now: float | None = None
    ) -> User | None:
        """Return the user if the password is right; count a failure otherwise.

        A failure counts against each of *keys*; a success clears only the
        first (the name's own), so that logging in to one's own account does
        not forgive guesses at other names from the same address.
        """
        now = time.time() if now is None else now
        row = (
            self._db()
            .execute(
                "SELECT name, role, password FROM users WHERE folded=?", (name.strip().casefold(),)
            )
            .fetchone()
        )
        # Hash even for an unknown name, so timing does not tell which names exist.
        stored = row[2] if row else hash_password("timing equaliser")
        ok = check_password(stored, password) and row is not None
        if ok:
            self._db().executemany("DELETE FROM failures WHERE key=?", [(k,) for k in keys[:1]])
            return User(row[0], row[1])
        db = self._db()
        db.executemany("INSERT INTO failures (key, at) VALUES (?, ?)", [(k, now) for k in keys])
        db.execute("DELETE FROM failures WHERE at < ?", (now - FAILURE_WINDOW,))
        return None
