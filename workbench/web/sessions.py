"""Flask sessions kept on the server (:mod:`workbench.accounts.sessions`); the cookie holds an id.

The cookie carries only a random session id; what Flask, Flask-Login and
Flask-WTF keep in the session (who is logged in, the CSRF secret, messages)
is stored in ``instance/``. So logging out, a change of password or role, or
the removal of a user ends the session everywhere, and
``workbench user revoke NAME`` ends someone's sessions from the command line.
A login always starts a new session (a new id), so an id planted in a
browser before the login is worth nothing after it. The cookie is HttpOnly,
SameSite=Lax, and Secure whenever the request came over HTTPS (behind a
proxy that says so in X-Forwarded-Proto).
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from flask import Flask, Request, Response, request, session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from workbench.accounts.sessions import Record, Sessions
from workbench.accounts.users import User

_SERIALIZER = TaggedJSONSerializer()
log = logging.getLogger(__name__)


class ServerSession(CallbackDict, SessionMixin):
    """The session of one request, loaded from and saved to the server's store."""

    def __init__(self, record: Record | None = None, data: dict | None = None) -> None:
        def changed(_self: Any) -> None:
            self.modified = True

        super().__init__(data or {}, changed)
        self.record = record
        self.modified = False
        #: Set by :func:`begin_login`: the user this session is to belong to.
        self.new_owner: User | None = None
        #: Set by :func:`end`: the session ends with this request.
        self.ended = False

    @property
    def owner(self) -> str | None:
        """The folded name of the user the stored session belongs to, if any."""
        return self.record.user if self.record else None


def begin_login(user: User) -> None:
    """Start a new session for *user*: the old one (and its id) ends, its data is dropped.

    Only the interface language the person chose is carried over.
    """
    _clear_but_language()
    session.new_owner = user  # type: ignore[attr-defined]


def end() -> None:
    """End the current session: its stored state is deleted and its id forgotten.

    A new session, with no owner, keeps the interface language the person chose.
    """
    _clear_but_language()
    session.ended = True  # type: ignore[attr-defined]


def _clear_but_language() -> None:
    chosen = session.get("ui")
    session.clear()
    if chosen is not None:
        session["ui"] = chosen


class ServerSessionInterface(SessionInterface):
    """Open and save :class:`ServerSession` objects through a :class:`Sessions` store."""

    def __init__(self, store: Sessions) -> None:
        self.store = store

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        sid = request.cookies.get(self.get_cookie_name(app), "")
        record = self.store.open(sid) if sid else None
        if record is None:
            return ServerSession()
        try:
            data = _SERIALIZER.loads(record.data)
        except ValueError:
            data = {}
        return ServerSession(record, data if isinstance(data, dict) else {})

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        try:
            self._save(app, session, response)
        except sqlite3.Error as exc:
            # A full disk, say: the answer (a saved translation, a refusal
            # with the typed text) matters more than a message in the session.
            log.warning("the session could not be stored (%s); its changes are lost", exc)

    def _save(self, app: Flask, session: ServerSession, response: Response) -> None:
        record = session.record
        if session.accessed:
            response.vary.add("Cookie")
        if record is not None and (
            session.ended or session.new_owner is not None or (session.modified and not session)
        ):
            self.store.end(record.sid)
            record = None
        if session.new_owner is None and not session:
            if record is None and self.get_cookie_name(app) in request.cookies:
                self._delete_cookie(app, response)  # ended, or unknown to the store
            elif record is not None:
                self.store.touch(record)
            return
        owner = session.new_owner
        data = _SERIALIZER.dumps(dict(session))
        if record is None:
            sid = self.store.create(
                data,
                user=owner.name.casefold() if owner else None,
                user_created=owner.created if owner else None,
            )
            self._set_cookie(app, response, sid)
        elif session.modified:
            if not self.store.save(record.sid, data):
                self._delete_cookie(app, response)  # ended meanwhile (revoked)
        else:
            self.store.touch(record)

    def _set_cookie(self, app: Flask, response: Response, sid: str) -> None:
        response.set_cookie(
            self.get_cookie_name(app),
            sid,
            httponly=True,
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=_secure(app),
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")

    def _delete_cookie(self, app: Flask, response: Response) -> None:
        response.delete_cookie(
            self.get_cookie_name(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=_secure(app),
            httponly=True,
            samesite=self.get_cookie_samesite(app),
        )
        response.vary.add("Cookie")


def _secure(app: Flask) -> bool:
    return bool(app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure
