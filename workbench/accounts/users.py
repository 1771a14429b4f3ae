"""Users of a served workbench: pseudonyms, roles, salted password hashes.

Kept in SQLite under ``instance/`` (per install, never committed), with the
sessions (:mod:`.sessions`) and the failed logins (:mod:`.throttle`) in the
same database, so that a change of password or role, or a removal, ends the
person's sessions in the same transaction. A name is all that identifies a
person: no e-mail, no real name; a pseudonym is welcome.

Passwords are hashed by werkzeug.security with scrypt and a random salt.
Hashes of the workbench's own earlier format (``scrypt$n$r$p$salt$digest``)
still verify, and are replaced by the current format at the next login.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from workbench.accounts import sessions as sessions_module
from workbench.accounts import throttle as throttle_module
from workbench.accounts.sessions import Sessions
from workbench.accounts.throttle import Attempt, Throttle
from workbench.errors import WorkbenchError
from workbench.messages import N_, Data, Listing, Message
from workbench.util import database

TRANSLATOR = "translator"
REVIEWER = "reviewer"
ADMIN = "admin"
ROLES = (TRANSLATOR, REVIEWER, ADMIN)

#: How passwords are hashed (werkzeug.security's scrypt, its default cost).
METHOD = "scrypt"

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    folded TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password TEXT NOT NULL,
    created REAL NOT NULL
);
DROP TABLE IF EXISTS failures;
"""
    + sessions_module.SCHEMA
    + throttle_module.SCHEMA
)


class UserError(WorkbenchError):
    """A user name, role or password is not acceptable."""


class Throttled(UserError):
    """Too many failed logins from one client: wait before the next attempt."""

    def __init__(self, wait: float) -> None:
        super().__init__(
            Message.of(
                N_("too many failed logins; try again in %(seconds)s seconds"),
                seconds=round(wait),
            )
        )
        self.wait = wait


class WrongPassword(UserError):
    """The password given as one's current password is not right."""

    def __init__(self) -> None:
        super().__init__(Message.of(N_("the current password is not right; type it again")))


@dataclass(frozen=True)
class User:
    """A person who may log in."""

    name: str
    role: str
    #: When the user was added: a user removed and added again is another person.
    created: float = field(default=0.0, compare=False)

    def can(self, role: str) -> bool:
        """Tell whether this user has *role* or a stronger one."""
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    """Return a salted scrypt hash of *password*, with its method and parameters."""
    return generate_password_hash(password, method=METHOD)


def check_password(stored: str, password: str) -> bool:
    """Tell whether *password* matches the *stored* hash (either format), in constant time."""
    if stored.startswith("scrypt$"):
        return _check_earlier(stored, password)
    try:
        return check_password_hash(stored, password)
    except (ValueError, TypeError):
        return False


def _check_earlier(stored: str, password: str) -> bool:
    """Check a hash of the earlier format: ``scrypt$n$r$p$salt-hex$digest-hex``."""
    try:
        _kind, n, r, p, salt, digest = stored.split("$")
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


def outdated(stored: str) -> bool:
    """Tell whether *stored* was made by another method or cost than new hashes are."""
    return _method_of(stored) != _method_of(_dummy_hash())


def _method_of(stored: str) -> str:
    # "scrypt:32768:8:1$salt$digest": the method and its cost; "scrypt" for the earlier format.
    return stored.split("$", 1)[0]


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    """Return a hash of a random password, made once, that no password matches."""
    if not _DUMMY:
        _DUMMY.append(hash_password(secrets.token_urlsafe(24)))
    return _DUMMY[0]


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
    """The user table of one install, with its sessions and its failed logins."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db = database.PerThread(self.path, _SCHEMA)
        self.sessions = Sessions(self._db)
        self.throttle = Throttle(self._db)

    def exists(self) -> bool:
        """Tell whether any user has been added (no file means none)."""
        if not self.path.exists():
            return False
        return self._db().execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def add(self, name: str, role: str, password: str) -> User:
        """Add a user; the name must be new (case-insensitively)."""
        name = check_name(name)
        _check_role(role)
        _check_password(password)
        created = time.time()
        db = self._db()
        try:
            with database.transaction(db):
                db.execute(
                    "INSERT INTO users (name, folded, role, password, created) VALUES (?,?,?,?,?)",
                    (name, name.casefold(), role, hash_password(password), created),
                )
                # Sessions left by an earlier user of the same name are not this one's.
                sessions_module.end_user(db, name.casefold())
        except sqlite3.IntegrityError as exc:
            raise UserError(
                Message.of(
                    N_('a user named "%(name)s" already exists; choose another name'),
                    name=Data(name),
                )
            ) from exc
        return User(name, role, created)

    def get(self, name: str) -> User | None:
        row = (
            self._db()
            .execute("SELECT name, role, created FROM users WHERE folded=?", (name.casefold(),))
            .fetchone()
        )
        return User(*row) if row else None

    def all(self) -> list[User]:
        rows = (
            self._db().execute("SELECT name, role, created FROM users ORDER BY folded").fetchall()
        )
        return [User(*row) for row in rows]

    def _change(self, name: str, sql: str, args: tuple) -> None:
        """Run *sql* on the user *name* and end their sessions, in one transaction."""
        db = self._db()
        with database.transaction(db):
            cur = db.execute(sql, (*args, name.casefold()))
            if cur.rowcount == 0:
                raise UserError(
                    Message.of(
                        N_('no user named "%(name)s"; see the list with: %(command)s'),
                        name=Data(name),
                        command=Data("workbench user list"),
                    )
                )
            sessions_module.end_user(db, name.casefold())

    def remove(self, name: str) -> None:
        """Remove the user *name*; their sessions end."""
        self._change(name, "DELETE FROM users WHERE folded=?", ())

    def set_role(self, name: str, role: str) -> User:
        """Give the user *name* another role; their sessions end."""
        _check_role(role)
        self._change(name, "UPDATE users SET role=? WHERE folded=?", (role,))
        return self.get(name)  # type: ignore[return-value]

    def set_password(self, name: str, password: str) -> None:
        """Set a new password for the user *name*; their sessions end."""
        _check_password(password)
        self._change(name, "UPDATE users SET password=? WHERE folded=?", (hash_password(password),))

    def change_password(
        self,
        name: str,
        current: str,
        new: str,
        per_name: str,
        per_address: str,
        now: float | None = None,
    ) -> User:
        """Give *name* the password *new*, if *current* is theirs; every session of theirs ends.

        The same rules as :meth:`add` apply to the new password. The current one
        is checked as a login checks it, counted by the same throttle under the
        same keys (*per_name*, *per_address*): a stolen session cannot guess it
        faster than a login could. Raises :class:`Throttled`, :class:`WrongPassword`
        or :class:`UserError`.
        """
        _check_password(new)
        attempt = self._attempt(per_name, per_address, now)
        row = self._row(name)
        if not check_password(row[2] if row else _dummy_hash(), current) or row is None:
            self.throttle.failed(attempt, now)
            raise WrongPassword()
        self.throttle.forgive(attempt)
        if new == current:
            raise UserError(Message.of(N_("the new password is the current one; choose another")))
        self._change(name, "UPDATE users SET password=? WHERE folded=?", (hash_password(new),))
        return User(row[0], row[1], row[3])

    def _attempt(self, per_name: str, per_address: str, now: float | None) -> Attempt:
        """Count a password check with the throttle; raise :class:`Throttled` if it must wait."""
        attempt = self.throttle.begin(per_name, per_address, now)
        if not isinstance(attempt, Attempt):
            raise Throttled(attempt)
        return attempt

    def _row(self, name: str) -> tuple | None:
        """Return (name, role, password hash, created) of the user called *name*, or None."""
        return (
            self._db()
            .execute(
                "SELECT name, role, password, created FROM users WHERE folded=?",
                (name.strip().casefold(),),
            )
            .fetchone()
        )

    # -- logging in --------------------------------------------------------

    def authenticate(
        self, name: str, password: str, per_name: str, per_address: str, now: float | None = None
    ) -> User | None:
        """Return the user if the password is right, None otherwise.

        *per_name* and *per_address* are the keys the attempt is counted
        under (see :mod:`.throttle`); raises :class:`Throttled` if the
        attempt must wait. An unknown name costs the same work as a known
        one: its password is checked against a hash that nothing matches.
        """
        attempt = self._attempt(per_name, per_address, now)
        row = self._row(name)
        stored = row[2] if row else _dummy_hash()
        if not check_password(stored, password) or row is None:
            self.throttle.failed(attempt, now)
            return None
        self.throttle.forgive(attempt)
        if outdated(stored):
            self._db().execute(
                "UPDATE users SET password=? WHERE folded=? AND password=?",
                (hash_password(password), row[0].casefold(), stored),
            )
        return User(row[0], row[1], row[3])


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise UserError(
            Message.of(
                N_('unknown role "%(role)s"; use one of %(roles)s'),
                role=Data(role),
                roles=Listing(tuple(map(Data, ROLES)), N_(", ")),
            )
        )


#: The fewest characters a password may have.
MIN_PASSWORD = 8


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(
            Message.of(N_("the password is shorter than 8 characters; choose a longer one"))
        )
