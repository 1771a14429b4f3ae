"""The web form: translators edit aligned units in the browser, several at once.

An app factory (:func:`create_app`) and blueprints; server-rendered pages
that work without JavaScript, with a little local JavaScript on top. Every
asset is served by the app itself, and a Content-Security-Policy forbids
the browser to load anything from another host.

Configuration keys, all in the ``WORKBENCH_`` namespace:

``WORKBENCH_ROOT``        the project folder (default: the current folder)
``WORKBENCH_SINGLE_USER`` allow requests without a login while no user exists, from
                          this machine only (see :func:`workbench.web.auth.single_user`)
``WORKBENCH_ALLOWED_HOSTS``  the names a team server answers to, besides loopback ones
``WORKBENCH_PROXIES``     how many reverse proxies stand in front (X-Forwarded-For)
``WORKBENCH_SESSION_IDLE``, ``WORKBENCH_SESSION_LIFETIME``  seconds a login session may
                          stay unused, and at most lasts
``WORKBENCH_USER_NAME``   the name written to catalogs in single-user mode
``WORKBENCH_PAGE_SIZE``   units per editor page (default 40)
``WORKBENCH_MAX_TRANSLATION``  longest translation accepted, in characters

Modules: ``routing`` (the blueprint of the translation pages, error pages,
headers, URL lookups), ``context`` (the project's services for a request),
``auth`` (login, roles, one's own password, CSRF), ``sessions`` (login sessions kept on the
server), ``guard`` (the Host, origin and size every request must have),
``i18n`` (the interface's languages), and one module per page family:
``dashboard``, ``editor``, ``unit``, ``glossary``, ``statements`` (adding a
statement from the browser), ``sync`` (the Sync page).
To add a page, add a view to the module of its family (or a new module listed
in :data:`PAGES`) and a template in ``templates/``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from workbench.accounts.sessions import IDLE, LIFETIME
from workbench.errors import ProjectError
from workbench.project import Project
from workbench.web import (
    auth,
    context,
    dashboard,
    editor,
    glossary,
    guard,
    i18n,
    routing,
    statements,
    unit,
)
from workbench.web import sync as sync_page

#: The modules whose views are routes of :data:`workbench.web.routing.bp`: importing
#: them (above) adds the routes, before :func:`create_app` registers the blueprint.
PAGES = (dashboard, editor, unit, statements)


def create_app(test_config: dict | None = None) -> Flask:
    """Create the workbench web application for one project."""
    config = dict(test_config or {})
    root = Path(config.get("WORKBENCH_ROOT") or os.environ.get("WORKBENCH_ROOT") or ".")
    project = Project.load(root)
    app = Flask(
        __name__,
        instance_path=str(project.instance_dir),
        instance_relative_config=True,
    )
    app.config.from_mapping(
        WORKBENCH_ROOT=str(project.root),
        WORKBENCH_SINGLE_USER=False,
        WORKBENCH_USER_NAME="translator",
        WORKBENCH_PAGE_SIZE=40,
        WORKBENCH_MAX_TRANSLATION=100_000,
        WORKBENCH_SESSION_IDLE=IDLE,
        WORKBENCH_SESSION_LIFETIME=LIFETIME,
        # Largest request body; a 100,000-character translation in Persian
        # is about 200 KB of UTF-8, URL-encoded up to three times that.
        MAX_CONTENT_LENGTH=1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="workbench_session",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        BABEL_DEFAULT_LOCALE="en",
        BABEL_TRANSLATION_DIRECTORIES=str(Path(__file__).parent / "translations"),
    )
    app.config.from_pyfile("config.py", silent=True)
    # What gunicorn and other WSGI servers can only be told in the environment.
    for key in ("WORKBENCH_SINGLE_USER", "WORKBENCH_ALLOWED_HOSTS", "WORKBENCH_PROXIES"):
        if key in os.environ and key not in config:
            app.config[key] = os.environ[key]
    app.config["WORKBENCH_SINGLE_USER"] = _flag(app.config["WORKBENCH_SINGLE_USER"])
    app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(project.instance_dir)
    proxies = _proxies(app.config.get("WORKBENCH_PROXIES"))
    app.config["WORKBENCH_PROXIES"] = proxies
    if proxies:
        if app.config["WORKBENCH_SINGLE_USER"]:
            raise ProjectError(
                "single-user mode (no login) cannot run behind a reverse proxy, which lets the "
                "network in; add a user with: workbench user add NAME --role admin"
            )
        # Behind a reverse proxy every request comes from the proxy's address:
        # read the client's from X-Forwarded-For, so that the login throttle
        # and the session's address are the client's own. Only as many hops
        # as configured are believed; without the setting the header is ignored.
        # workbench serve has waitress do this itself (WORKBENCH_FORWARDED_BY_SERVER).
        if not app.config.get("WORKBENCH_FORWARDED_BY_SERVER"):
            app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]

    context.init_app(app, project)
    i18n.init_app(app, project)
    auth.init_app(app)
    routing.init_app(app)
    glossary.init_app(app)
    sync_page.init_app(app)
    guard.init_app(app, auth.single_user)
    return app


def _flag(value: object) -> bool:
    """Read a yes-or-no setting that may come from the environment as text."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _proxies(value: object) -> int:
    """Read WORKBENCH_PROXIES: how many reverse proxies stand in front (0: none)."""
    if value is None or value == "":
        return 0
    try:
        count = int(str(value))
    except ValueError:
        count = -1
    if not 0 <= count <= 5:
        raise ProjectError(
            f"WORKBENCH_PROXIES is {value!r}; give the number of reverse proxies in front of "
            "the workbench (0 when there is none, 1 for one nginx or Caddy)"
        )
    return count


def _secret_key(instance: Path) -> str:
    """Read the install's secret key, generating it on first use (mode 0600)."""
    path = instance / "secret_key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    tmp = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        # link() fails if the key exists: the file appears whole or not at all,
        # and when two processes start at once both end up with the same key.
        os.link(tmp, path)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
    finally:
        os.unlink(tmp)
    return key
