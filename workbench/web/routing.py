"""The blueprint of the translation pages, what every page shares, and URLs to objects.

The blueprint ``main`` is made here; the dashboard and the pages around it
(:mod:`.dashboard`), the editor (:mod:`.editor`) and the actions on one unit
(:mod:`.unit`: saving, checks as you type, dismissing, history) add their
routes to it. This module also holds the error pages, the security headers,
and the lookup of the language, statement and unit a URL names. Views stay
thin: they read the form, call the core, and render. Every form is a plain
HTML form that works without JavaScript; the editor's script posts the same
forms and asks for JSON.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from flask import (
    Blueprint,
    Flask,
    abort,
    jsonify,
    render_template,
    request,
)
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from workbench.catalogs import model as cat
from workbench.catalogs.model import Entry
from workbench.errors import LanguageError, StatementError, WorkbenchError
from workbench.lang.locales import language
from workbench.project import Statement
from workbench.web.auth import wants_json
from workbench.web.context import page_message, workbench

bp = Blueprint("main", __name__)


def init_app(app: Flask) -> None:
    """Register the blueprint (its pages' modules imported first), error pages and headers."""
    app.register_blueprint(bp)

    @app.errorhandler(WorkbenchError)
    def workbench_error(exc: WorkbenchError) -> Any:
        return error_page(400, page_message(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        return error_page(exc.code or 500, exc.description or exc.name)

    def strict_utf8_forms() -> Any:
        # Werkzeug keeps undecodable %-escapes as literal text ("%FF"), which
        # would be saved as a translation; refuse such a post instead.
        if request.method == "POST" and request.mimetype == "application/x-www-form-urlencoded":
            body = request.get_data(cache=True)
            try:
                parse_qsl(
                    body.decode("ascii"), keep_blank_values=True, encoding="utf-8", errors="strict"
                )
            except (UnicodeDecodeError, ValueError):
                return error_page(
                    400, _("The form data is not valid UTF-8; type or paste the text again.")
                )
        return None

    # First of all hooks: the CSRF check parses the form, after which the raw
    # body is gone.
    app.before_request_funcs.setdefault(None, []).insert(0, strict_utf8_forms)

    @app.after_request
    def security_headers(response: Any) -> Any:
        # Nothing may load from another host: no CDN, no fonts, no analytics.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            "base-uri 'none'; object-src 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # Our own pages tell our own server where a form came from (Origin on a
        # post, which "no-referrer" would make "null"); other sites learn nothing.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def helpers() -> dict:
        return {"lang_info": language, "STATUSES": cat.STATUSES}


def error_page(code: int, message: str) -> Any:
    """Return the error page (or, to a script, the JSON error) with *code* and *message*."""
    if wants_json() or request.path.startswith("/api/"):
        return jsonify({"error": message}), code
    return render_template("error.html", code=code, message=message), code


# -- resolving names from URLs ----------------------------------------------


def resolve(lang: str, statement_id: str) -> tuple[str, Statement]:
    """Return (language code, Statement) named in a URL, or 404."""
    wb = workbench()
    try:
        code = wb.project.require_language(lang)
        stmt = wb.project.statement(statement_id)
    except (LanguageError, StatementError) as exc:
        abort(404, description=page_message(exc))
    return code, stmt


def resolve_unit(
    lang: str, statement_id: str, key: str, missing: str | None = None
) -> tuple[str, Statement, Entry]:
    """Return (language code, Statement, entry) of the unit *key* named in a URL, or 404.

    *missing* is the message of the 404 (the default one if None).
    """
    code, stmt = resolve(lang, statement_id)
    entry = workbench().store.by_key(code, stmt.id).get(key)
    if entry is None:
        abort(404, description=missing)
    return code, stmt, entry


def render_page(template: str, lang: str, stmt: Statement, **context: Any) -> str:
    """Render a page about *stmt* in *lang*: the template gets lang, info and statement."""
    return render_template(template, lang=lang, info=language(lang), statement=stmt, **context)
