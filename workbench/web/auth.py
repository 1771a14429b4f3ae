"""Logins, roles, one's own password and the CSRF guard.

Single-user mode (no login: the one person at the keyboard is an admin under
a chosen pseudonym) is decided for each request, from the current state: the
server allows it (``WORKBENCH_SINGLE_USER``, which ``workbench serve`` sets
only on a loopback address without proxies), no user exists yet, and the
request comes from this machine directly (see :func:`single_user`). As soon
as ``workbench user add`` has run, every page needs a login. Translators edit
units; reviewers also mark units reviewed and edit the glossary; admins
manage users and languages. Everyone with a login changes their own password
on the settings page (:func:`password`): the current one is checked and
throttled as a login is, and every other session of theirs ends.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
import math
from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect

from workbench.accounts.users import (
    ADMIN,
    MIN_PASSWORD,
    REVIEWER,
    ROLES,
    TRANSLATOR,
    Throttled,
    User,
    UserError,
    check_name,
)
from workbench.messages import N_, Message
from workbench.web import sessions
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


#: Headers a reverse proxy adds: a request that carries one did not come from this machine.
FORWARDING_HEADERS = ("X-Forwarded-For", "X-Real-IP", "Forwarded", "X-Forwarded-Host")


def single_user() -> bool:
    """Tell whether this request is served without a login.

    Only when the server allows it, no user exists, and the request came
    straight from this machine: from a loopback address, to a server not
    bound to another address, through no proxy. A server started with
    ``WORKBENCH_SINGLE_USER`` where it should not be (gunicorn on 0.0.0.0,
    say) therefore still asks everyone from elsewhere to log in.
    """
    if "single_user" not in g:
        g.single_user = (
            bool(current_app.config["WORKBENCH_SINGLE_USER"])
            and not current_app.config.get("WORKBENCH_PROXIES")
            and from_this_machine()
            and not workbench().users.exists()
        )
    return g.single_user


def from_this_machine() -> bool:
    """Tell whether the request came over loopback, to a loopback address, through no proxy."""
    if any(header in request.headers for header in FORWARDING_HEADERS):
        return False
    if not _loopback_address(request.remote_addr or ""):
        return False
    # gunicorn names the address it is bound to; waitress names a host name.
    server = request.environ.get("SERVER_NAME", "")
    try:
        return ipaddress.ip_address(server.strip("[]")).is_loopback
    except ValueError:
        return True


def _loopback_address(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False


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
    store = app.extensions["workbench"].users.sessions
    store.idle = float(app.config["WORKBENCH_SESSION_IDLE"])
    store.lifetime = float(app.config["WORKBENCH_SESSION_LIFETIME"])
    app.session_interface = sessions.ServerSessionInterface(store)

    @login_manager.user_loader
    def load_user(name: str) -> Account | None:
        if single_user():
            return None
        user = workbench().users.get(name)
        # The stored session must be this very user's: not one of the same
        # name removed and added again since.
        if (
            user is None
            or getattr(session, "owner", None) != user.name.casefold()
            or session.record.user_created != user.created  # type: ignore[attr-defined]
        ):
            return None
        return Account(user)

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


def _keys(name: str) -> tuple[str, str]:
    """Return the throttle's keys for a login attempt: per (address, name) and per address."""
    # Failed logins are counted per address, but a seized laptop must not list
    # the addresses or names that tried: keep keyed digests, never the values.
    key = str(current_app.config["SECRET_KEY"]).encode()
    address = request.remote_addr or ""
    folded = name.strip().casefold()

    def digest(text: str) -> str:
        return hmac.new(key, text.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()[:32]

    return digest(f"name\0{address}\0{folded}"), digest(f"addr\0{address}")


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
        try:
            user = workbench().users.authenticate(name, password, *_keys(name))
        except Throttled as exc:
            error = _(
                "Too many failed logins. Try again in %(minutes)s minutes.",
                minutes=number(math.ceil(exc.wait / 60)),
            )
            status = 429
        else:
            if user is not None:
                sessions.begin_login(user)
                login_user(Account(user))
                return redirect(local_target(request.args.get("next")))
            error = _("Wrong name or password.")
            status = 401
    nobody = not workbench().users.exists()
    return render_template("login.html", error=error, name=name, nobody=nobody), status


@bp.route("/settings/password", methods=["POST"])
def password() -> Any:
    """Change one's own password: the current one is asked for, and checked as at login."""
    if current_user.local:
        abort(403)  # single-user mode: nobody has a password
    form = request.form
    current = form.get("current", "")[:1024]
    new = form.get("new", "")[:1024]
    status = 400
    try:
        if new != form.get("again", "")[:1024]:
            raise UserError(
                Message.of(N_("the new password and its repetition differ; type it twice alike"))
            )
        user = workbench().users.change_password(
            current_user.name, current, new, *_keys(current_user.name)
        )
    except Throttled as exc:
        error = _(
            "Too many wrong passwords. Try again in %(minutes)s minutes.",
            minutes=number(math.ceil(exc.wait / 60)),
        )
        status = 429
    except UserError as exc:
        error = page_message(exc)
    else:
        # Every session of this person ended with the change, this one too:
        # this browser gets a new one, the others stay logged out.
        sessions.begin_login(user)
        login_user(Account(user))
        flash(
            _("Your password is changed. Anywhere else you were logged in, you are not any more.")
        )
        return redirect(url_for("main.settings"))
    # The passwords are never written back into the page.
    return render_template("settings.html", password_error=error, min_password=MIN_PASSWORD), status


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    logout_user()
    sessions.end()
    return redirect(url_for("auth.login"))


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
