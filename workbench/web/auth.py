"""Logins, roles and the CSRF guard.

On a loopback address with no users the workbench may run in single-user
mode: the one person at the keyboard is an admin under a chosen pseudonym.
Otherwise every page needs a login. Translators edit units; reviewers also
mark units reviewed and edit the glossary; admins manage users and languages.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect

from workbench.accounts.users import ADMIN, REVIEWER, ROLES, TRANSLATOR, User, UserError, check_name
from workbench.messages import N_, Message
from workbench.web.context import page_message, workbench
from workbench.web.i18n import isolated, number

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()
login_manager = LoginManager()

#: Endpoints anyone may reach: the login page and the app's own assets.
PUBLIC = {"auth.login", "static", "main.interface_language"}


class Account(UserMixin):
    """A logged-in user as Flask-Login sees them."""

    def __init__(self, user: User, local: bool = False) -> None:
        self.user = user
        self.local = local

    def get_id(self) -> str:
        return self.user.name

    @property
    def name(self) -> str:
        return self.user.name

    @property
    def role(self) -> str:
        return self.user.role

    def can(self, role: str) -> bool:
        return self.user.can(role)


def single_user() -> bool:
    """Tell whether this server runs without logins."""
    return bool(current_app.config["WORKBENCH_SINGLE_USER"])


def role_required(role: str) -> Callable:
    """Refuse the view (403) to users without *role*."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated or not current_user.can(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # "strong": a session cookie replayed from another address or browser is
    # dropped. Single-user mode logs nobody in, so there is nothing to protect.
    app.config.setdefault(
        "SESSION_PROTECTION", None if app.config["WORKBENCH_SINGLE_USER"] else "strong"
    )
    app.register_blueprint(bp)

    @login_manager.user_loader
    def load_user(name: str) -> Account | None:
        if single_user():
            return None
        user = workbench().users.get(name)
        return Account(user) if user else None

    @login_manager.request_loader
    def load_local(_request: Any) -> Account | None:
        if not single_user():
            return None
        name = session.get("pseudonym") or current_app.config["WORKBENCH_USER_NAME"]
        return Account(User(name, ADMIN), local=True)

    @app.before_request
    def require_login() -> Any:
        if request.endpoint in PUBLIC or current_user.is_authenticated:
            return None
        if wants_json() or request.method != "GET":
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path))

    @app.context_processor
    def roles() -> dict:
        return {
            "ROLES": ROLES,
            "TRANSLATOR": TRANSLATOR,
            "REVIEWER": REVIEWER,
            "ADMIN": ADMIN,
            "single_user": single_user(),
        }


def local_target(target: str | None) -> str:
    """Return *target* if it is a path on this site, else the dashboard's URL."""
    # Never an absolute or scheme-relative URL. Browsers drop tabs and newlines
    # inside a URL and read a backslash as a slash ("/\t/host" goes to host),
    # and a newline cannot be sent in a header: refuse all such characters.
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not any(ch == "\\" or ch.isspace() or not ch.isprintable() for ch in target)
    ):
        return target
    return url_for("main.dashboard")


def _address_digest() -> str:
    # Failed logins are counted per address, but a seized laptop must not list
    # the addresses that tried: keep a keyed digest, never the address itself.
    key = str(current_app.config["SECRET_KEY"]).encode()
    address = (request.remote_addr or "").encode()
    return hmac.new(key, address, hashlib.sha256).hexdigest()[:32]


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if single_user():
        return redirect(url_for("main.dashboard"))
    error = None
    name = ""
    status = 200
    if request.method == "POST":
        name = request.form.get("name", "")[:80]
        password = request.form.get("password", "")[:1024]
        users = workbench().users
        keys = (f"name:{name.strip().casefold()}", f"addr:{_address_digest()}")
        wait = users.throttled(*keys)
        if wait > 0:
            error = _(
                "Too many failed logins. Try again in %(minutes)s minutes.",
                minutes=number(math.ceil(wait / 60)),
            )
            status = 429
        else:
            user = users.authenticate(name, password, *keys)
            if user is not None:
                _clear_session()
                login_user(Account(user))
                return redirect(local_target(request.args.get("next")))
            error = _("Wrong name or password.")
            status = 401
    return render_template("login.html", error=error, name=name), status


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    logout_user()
    _clear_session()
    return redirect(url_for("auth.login"))


def _clear_session() -> None:
    """Start a new session that keeps only the interface language the person chose."""
    chosen = session.get("ui")
    session.clear()
    if chosen is not None:
        session["ui"] = chosen


@bp.route("/admin/users", methods=["GET", "POST"])
@role_required(ADMIN)
def users() -> Any:
    store = workbench().users
    form = {"name": "", "role": TRANSLATOR}
    status = 200
    if request.method == "POST":
        action = request.form.get("action", "add")
        name = request.form.get("name", "")
        try:
            if action == "add":
                form = {"name": name, "role": request.form.get("role", TRANSLATOR)}
                store.add(name, form["role"], request.form.get("password", ""))
                flash(_("Added %(name)s.", name=isolated(check_name(name))))
            elif action == "role":
                store.set_role(name, request.form.get("role", ""))
                flash(_("Changed the role of %(name)s.", name=isolated(name)))
            elif action == "remove":
                if (
                    current_user.is_authenticated
                    and name.casefold() == current_user.name.casefold()
                ):
                    raise UserError(Message.of(N_("you cannot remove yourself; ask another admin")))
                store.remove(name)
                flash(_("Removed %(name)s.", name=isolated(name)))
            else:
                abort(400)
            return redirect(url_for("auth.users"))
        except UserError as exc:
            flash(page_message(exc), "error")
            status = 400
    return render_template("users.html", users=store.all(), form=form), status
