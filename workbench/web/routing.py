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

import math
from collections.abc import Mapping
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from flask import (
    Blueprint,
    Flask,
    abort,
    jsonify,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from workbench.accounts.users import ADMIN
from workbench.catalogs import model as cat
from workbench.catalogs.model import Entry
from workbench.catalogs.rows import source_of
from workbench.checks.base import excerpt
from workbench.errors import LanguageError, StatementError, WorkbenchError
from workbench.lang.locales import checked_code, display_name, language
from workbench.messages import N_
from workbench.project import Statement
from workbench.web.auth import wants_json
from workbench.web.context import page_message, workbench
from workbench.web.i18n import isolated, ui_locale

bp = Blueprint("main", __name__)

T = TypeVar("T")


def init_app(app: Flask) -> None:
    """Register the blueprint (its pages' modules imported first), error pages and headers."""
    app.register_blueprint(bp)
    app.add_template_global(page_numbers)

    @app.errorhandler(WorkbenchError)
    def workbench_error(exc: WorkbenchError) -> Any:
        # Not the request: a file of the project (a catalog, the glossary) that
        # cannot be read or used, which the message names.
        return error_page(400, page_message(exc), title=_(PROJECT_PROBLEM))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        code = exc.code or 500
        description = exc.description
        if isinstance(exc, CSRFError):
            # Flask-WTF's reason is English; it is kept, isolated, for whoever debugs it.
            description = escape(
                _("The form could not be checked (%(reason)s); reload the page and try again.")
            ) % {"reason": Markup('<bdi dir="ltr">%s</bdi>') % exc.description}
        elif not description or description == type(exc).description:
            # Werkzeug's own text is English: say it in the interface language.
            description = _(HTTP_MESSAGES.get(code, HTTP_MESSAGES[500]))
        return error_page(code, description)

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
                    400,
                    _(
                        "The form data is not valid %(encoding)s; type or paste the text again.",
                        encoding=isolated("UTF-8"),
                    ),
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
        return {
            "lang_info": language,
            "STATUSES": cat.STATUSES,
            "source_lang": workbench().project.source_language,
        }


#: What an error page says when the view gave no reason of its own.
HTTP_MESSAGES = {
    400: N_("The request was not understood; go back and try again."),
    401: N_("Log in to see this page."),
    403: N_("Your role does not allow this; ask an admin."),
    404: N_("There is no such page here. It may have been moved or removed."),
    405: N_("This page cannot be reached this way."),
    413: N_("What was sent is too large."),
    429: N_("Too many requests; wait a moment and try again."),
    500: N_("Something went wrong on the server; nothing was lost. Try again."),
    503: N_("The server cannot do this right now; try again in a moment."),
}


#: The heading of an error page.
HTTP_TITLES = {
    400: N_("Not understood"),
    401: N_("Not logged in"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not allowed"),
    413: N_("Too large"),
    429: N_("Too many requests"),
    503: N_("Not available right now"),
}
OTHER_ERROR = N_("Something went wrong")
#: The heading of the page of an error in the project's files.
PROJECT_PROBLEM = N_("The project has a problem")


# -- long lists, page by page ---------------------------------------------------------


def requested_page(args: Mapping[str, str]) -> int:
    """Return the page a URL asks for: its ``page`` argument, 1 when absent or not a number."""
    try:
        return max(1, int(args.get("page", 1)))
    except ValueError:
        return 1


def page_of(items: list[T], page: int, size: int) -> tuple[list[T], int, int]:
    """Return the items on *page* of *size* each, the page and the number of pages.

    A page past the last is the last one (a list that shrank since its link
    was made); an empty list has one empty page.
    """
    pages = max(1, math.ceil(len(items) / size))
    page = min(max(page, 1), pages)
    return items[(page - 1) * size : page * size], page, pages


def page_numbers(page: int, pages: int, near: int = 2) -> list[int | None]:
    """Return the pages a pager links to, in order, with None where pages are left out.

    The first and the last page, and those within *near* of *page*: a list
    of a hundred pages gets a pager of a dozen links, not a hundred. A gap of
    a single page shows that page instead.

    >>> page_numbers(1, 3)
    [1, 2, 3]
    >>> page_numbers(50, 100)
    [1, None, 48, 49, 50, 51, 52, None, 100]
    >>> page_numbers(5, 10)
    [1, 2, 3, 4, 5, 6, 7, None, 10]
    """
    wanted = sorted({1, pages, *range(max(1, page - near), min(pages, page + near) + 1)})
    shown: list[int | None] = []
    for p in wanted:
        if shown and p - 2 == shown[-1]:
            shown.append(p - 1)
        elif shown and p - 1 != shown[-1]:
            shown.append(None)
        shown.append(p)
    return shown


def error_page(code: int, message: str, title: str | None = None) -> Any:
    """Return the error page (or, to a script, the JSON error) with *code* and *message*.

    Its heading is *title*, or what the HTTP status says.
    """
    if wants_json() or request.path.startswith("/api/"):
        # The script shows it as text: no markup in it.
        text = message.striptags() if isinstance(message, Markup) else message
        return jsonify({"error": text}), code
    title = title or _(HTTP_TITLES.get(code, OTHER_ERROR))
    return render_template("error.html", code=code, title=title, message=message), code


# -- resolving names from URLs ----------------------------------------------


def resolve(lang: str, statement_id: str) -> tuple[str, Statement]:
    """Return (language code, Statement) named in a URL, or 404."""
    wb = workbench()
    try:
        code = wb.project.require_language(lang)
    except LanguageError as exc:
        if not wb.project.languages or not _known_code(lang):
            abort(404, description=page_message(exc))
        abort(404, description=not_a_language(lang))
    try:
        stmt = wb.project.statement(statement_id)
    except StatementError as exc:
        abort(404, description=page_message(exc))
    return code, stmt


def _known_code(code: str) -> bool:
    try:
        checked_code(code)
    except LanguageError:
        return False
    return True


def not_a_language(code: str) -> Markup:
    """Say that *code* is no language of the project, and how to add it: an admin gets a
    link to the Languages page, anyone else is told whom to ask."""
    have = _(", ").join(display_name(lang, ui_locale()) for lang in workbench().project.languages)
    said = escape(_('"%(code)s" is not a language of this project (it has: %(have)s).')) % {
        "code": Markup('<bdi dir="ltr">%s</bdi>') % code,
        "have": have,
    }
    if current_user.is_authenticated and current_user.can(ADMIN):
        link = Markup('<a href="%s">%s</a>') % (
            url_for("main.languages", code=code),
            _("Add it on the Languages page."),
        )
        return said + Markup(" ") + link
    return said + Markup(" ") + _("Ask the project's administrator to add it.")


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


def statement_title(stmt: Statement, limit: int = 140) -> str | None:
    """Return a statement's title: its first heading (else its first unit), cut near *limit*
    characters, or None if it cannot be read."""
    try:
        units = source_of(workbench().project, stmt).units
    except WorkbenchError:
        return None
    first = next((u for u in units if u.kind == "heading"), units[0] if units else None)
    return excerpt(first.text, limit) if first is not None else None


def render_page(template: str, lang: str, stmt: Statement, **context: Any) -> str:
    """Render a page about *stmt* in *lang*: the template gets lang, info and statement."""
    return render_template(template, lang=lang, info=language(lang), statement=stmt, **context)
