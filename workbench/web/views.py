"""The pages around the editor: dashboard, settings, languages, preview and download.

The blueprint ``main`` lives here; the editor (:mod:`.editor_views`) and the
actions on one unit (:mod:`.unit_views`: saving, checks as you type,
dismissing, history) add their routes to it. Views stay thin: they read the
form, call the core, and render. Every form is a plain HTML form that works
without JavaScript; the editor's script posts the same forms and asks for
JSON.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from .. import catalog as cat
from ..build import Built, build_source
from ..catalog import Entry
from ..document import source_of
from ..errors import LanguageError, StatementError, WorkbenchError
from ..locales import language
from ..project import Statement
from ..users import ADMIN
from .auth import local_target, role_required, wants_json
from .i18n import UI_LANGUAGES
from .services import shown, workbench

bp = Blueprint("main", __name__)


def init_app(app: Flask) -> None:
    # The editor's and the unit's pages add their routes to bp when imported.
    from . import editor_views, glossary_views, unit_views  # noqa: F401

    app.register_blueprint(bp)
    glossary_views.init_app(app)

    @app.errorhandler(WorkbenchError)
    def workbench_error(exc: WorkbenchError) -> Any:
        return _error(400, shown(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        return _error(exc.code or 500, exc.description or exc.name)

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
                return _error(
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
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def helpers() -> dict:
        return {"lang_info": language, "STATUSES": cat.STATUSES}


def _error(code: int, message: str) -> Any:
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
        abort(404, description=shown(exc))
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


# -- dashboard --------------------------------------------------------------


@bp.route("/")
def dashboard() -> Any:
    wb = workbench()
    table = []
    for stmt in wb.project.statements():
        cells: list[dict[str, Any]] = []
        for lang in wb.project.languages:
            try:
                catalog = wb.store.get(lang, stmt.id)
            except WorkbenchError as exc:
                cells.append({"lang": lang, "error": shown(exc)})
                continue
            figures = cat.stats(catalog.entries)
            cells.append(
                {
                    "lang": lang,
                    "stats": figures,
                    "changed": catalog.header.get("PO-Revision-Date", ""),
                    "translator": catalog.header.get("Last-Translator", ""),
                }
            )
        table.append({"statement": stmt, "cells": cells})
    return render_template("dashboard.html", table=table, languages=wb.project.languages)


@bp.route("/interface-language", methods=["POST"])
def interface_language() -> Any:
    chosen = request.form.get("ui", "")
    if chosen in UI_LANGUAGES:
        session["ui"] = chosen
    return redirect(local_target(request.form.get("next")))


@bp.route("/settings", methods=["GET", "POST"])
def settings() -> Any:
    if request.method == "POST" and current_user.local:
        from ..users import UserError, check_name

        try:
            session["pseudonym"] = check_name(request.form.get("pseudonym", ""))
            flash(_("Your name in the catalogs is now %(name)s.", name=session["pseudonym"]))
            return redirect(url_for("main.settings"))
        except UserError as exc:
            flash(shown(exc), "error")
    return render_template("settings.html")


@bp.route("/admin/languages", methods=["GET", "POST"])
@role_required(ADMIN)
def languages() -> Any:
    wb = workbench()
    if request.method == "POST":
        from ..update import update_statement

        code = request.form.get("code", "")
        try:
            project = wb.project.with_language(code)
            lang = project.require_language(code)
            wb.reload_project()
            for stmt in project.statements():
                update_statement(wb.project, stmt, languages=[lang])
            flash(_("Added %(name)s (%(code)s).", name=language(lang).name, code=lang))
            return redirect(url_for("main.dashboard"))
        except WorkbenchError as exc:
            flash(shown(exc), "error")
            return render_template("languages.html", code=code, languages=wb.project.languages), 400
    return render_template("languages.html", code="", languages=wb.project.languages)


# -- preview ---------------------------------------------------------------------


@bp.route("/translate/<lang>/<statement>/preview")
def preview(lang: str, statement: str) -> Any:
    lang, stmt = resolve(lang, statement)
    entries, built = _built(lang, stmt)
    return render_page(
        "preview.html",
        lang,
        stmt,
        built=built,
        counts=cat.stats(entries),
        source_lang=workbench().project.source_language,
    )


@bp.route("/translate/<lang>/<statement>/download")
def download(lang: str, statement: str) -> Any:
    lang, stmt = resolve(lang, statement)
    _entries, built = _built(lang, stmt)
    response = current_app.response_class(built.text, mimetype="text/plain")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{stmt.id}.{lang}{stmt.path.suffix}"'
    )
    return response


def _built(lang: str, stmt: Statement) -> tuple[list[Entry], Built]:
    """Return the entries of *stmt* in *lang* and the statement built from them."""
    wb = workbench()
    entries = wb.store.get(lang, stmt.id).entries
    return entries, build_source(source_of(wb.project, stmt), entries, stmt.id, lang)
