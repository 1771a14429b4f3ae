"""The pages: dashboard, statement editor, saving, history, preview.

Views stay thin: they read the form, call the core, and render. Every form
is a plain HTML form that works without JavaScript; the editor's script
posts the same forms and asks for JSON.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any
from urllib.parse import parse_qsl, urlencode

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
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from .. import catalog as cat
from ..build import build_source
from ..catalog import Change
from ..document import Row, rows, source_of, unit_key
from ..errors import (
    ConflictError,
    LanguageError,
    StatementError,
    StorageError,
    WorkbenchError,
)
from ..locales import language
from ..memory import Suggestions
from ..users import ADMIN, REVIEWER
from .auth import local_target, role_required, wants_json
from .i18n import UI_LANGUAGES
from .services import workbench

bp = Blueprint("main", __name__)

FILTERS = ("all", "untranslated", "fuzzy", "findings", "translated", "reviewed")
EDIT_STATUSES = (cat.FUZZY, cat.TRANSLATED, cat.REVIEWED)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    from . import glossary_views

    glossary_views.init_app(app)

    @app.errorhandler(WorkbenchError)
    def workbench_error(exc: WorkbenchError) -> Any:
        return _error(400, str(exc))

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


def resolve(lang: str, statement_id: str):
    """Return (language code, Statement) named in a URL, or 404."""
    wb = workbench()
    try:
        code = wb.project.require_language(lang)
        stmt = wb.project.statement(statement_id)
    except (LanguageError, StatementError) as exc:
        abort(404, description=str(exc))
    return code, stmt


# -- dashboard --------------------------------------------------------------


@bp.route("/")
def dashboard() -> Any:
    wb = workbench()
    table = []
    for stmt in wb.project.statements():
        cells = []
        for lang in wb.project.languages:
            try:
                catalog = wb.store.get(lang, stmt.id)
            except WorkbenchError as exc:
                cells.append({"lang": lang, "error": str(exc)})
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
            flash(str(exc), "error")
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
            flash(str(exc), "error")
            return render_template("languages.html", code=code, languages=wb.project.languages), 400
    return render_template("languages.html", code="", languages=wb.project.languages)


# -- the editor -------------------------------------------------------------


def _row_matches(row: Row, filt: str, query: str, findings: dict[str, list]) -> bool:
    if not row.first:
        return False
    status = row.status
    if filt == "untranslated" and status not in (cat.UNTRANSLATED, "missing"):
        return False
    if filt == "fuzzy" and status != cat.FUZZY:
        return False
    if filt == "translated" and status != cat.TRANSLATED:
        return False
    if filt == "reviewed" and status != cat.REVIEWED:
        return False
    if filt == "findings" and not findings.get(row.key):
        return False
    if query:
        folded = query.casefold()
        target = row.entry.msgstr if row.entry else ""
        if folded not in row.msgid.casefold() and folded not in target.casefold():
            return False
    return True


def highlight(text: str, hits: list, renderings: dict[str, str]) -> Markup:
    """Return *text* escaped, with glossary hits marked and their renderings as a title."""
    out: list[str] = []
    at = 0
    for hit in hits:
        if hit.start < at:
            continue
        out.append(str(escape(text[at : hit.start])))
        title = renderings.get(hit.concept_id, "")
        out.append(
            f'<mark class="term" tabindex="0" data-concept="{escape(hit.concept_id)}"'
            f' title="{escape(title)}">{escape(text[hit.start : hit.end])}</mark>'
        )
        at = hit.end
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


def _editor_context(
    lang: str,
    stmt,
    *,
    filt: str,
    query: str,
    page: int,
    focus: str | None = None,
    drafts: dict[str, str] | None = None,
) -> dict:
    wb = workbench()
    source = source_of(wb.project, stmt)
    catalog = wb.store.get(lang, stmt.id)
    all_rows = rows(source, catalog.entries)
    checker = wb.checker(lang)
    findings = {}
    if filt == "findings":
        findings = {
            r.key: checker.unit_findings(stmt.id, r.entry, r.line)
            for r in all_rows
            if r.first and r.entry is not None
        }
    selected = [r for r in all_rows if _row_matches(r, filt, query, findings)]
    size = current_app.config["WORKBENCH_PAGE_SIZE"]
    pages = max(1, math.ceil(len(selected) / size))
    if focus:
        for i, r in enumerate(selected):
            if r.key == focus:
                page = i // size + 1
                break
    page = min(max(page, 1), pages)
    shown = selected[(page - 1) * size : page * size]
    if filt == "all" and shown:
        # Show repeats and their paragraph context on the page too.
        first, last = shown[0].number, shown[-1].number
        shown = [r for r in all_rows if first <= r.number <= last]

    matcher = wb.source_matcher()
    glossary = wb.glossary()
    memory = wb.memory(lang)
    units = []
    for row in shown:
        hits = matcher.find(row.msgid) if row.first else []
        concepts = []
        renderings = {}
        for cid in dict.fromkeys(h.concept_id for h in hits):
            concept = glossary.get(cid)
            if concept is None:
                continue
            terms = concept.terms_in(lang)
            renderings[cid] = " · ".join(f"{t.text} ({_status_label(t.status)})" for t in terms)
            concepts.append({"concept": concept, "terms": terms})
        item = {
            "row": row,
            "source_html": highlight(row.msgid, hits, renderings),
            "concepts": concepts,
            "findings": [],
            "suggestions": Suggestions(),
            "draft": (drafts or {}).get(row.key),
        }
        if row.first and row.entry is not None:
            item["findings"] = (
                findings.get(row.key)
                if filt == "findings"
                else checker.unit_findings(stmt.id, row.entry, row.line)
            )
            if row.entry.status in (cat.UNTRANSLATED, cat.FUZZY):
                item["suggestions"] = _suggestions(memory, row, stmt.id)
        units.append(item)

    counts = cat.stats(catalog.entries)
    return {
        "lang": lang,
        "info": language(lang),
        "statement": stmt,
        "units": units,
        "filter": filt,
        "query": query,
        "page": page,
        "pages": pages,
        "selected": len(selected),
        "counts": counts,
        "focus": focus,
        "statuses": _statuses_for_user(),
        "filters": FILTERS,
        "source_lang": wb.project.source_language,
        "memory_warming": wb.memory_warming(lang),
    }


def _suggestions(memory, row: Row, statement: str) -> Suggestions:
    try:
        return memory.lookup(
            row.msgid, prefer=statement, exclude=(statement, row.entry.msgctxt or "", row.msgid)
        )
    except WorkbenchError:
        return Suggestions()


def _status_label(status: str) -> str:
    return {
        "preferred": _("preferred"),
        "admitted": _("admitted"),
        "deprecated": _("deprecated"),
        "forbidden": _("forbidden"),
    }.get(status, status)


def _statuses_for_user() -> tuple[str, ...]:
    if current_user.can(REVIEWER):
        return EDIT_STATUSES
    return (cat.FUZZY, cat.TRANSLATED)


def _int_arg(name: str, default: int = 1) -> int:
    try:
        return int(request.args.get(name, default))
    except ValueError:
        return default


@bp.route("/translate/<lang>/<statement>/")
def editor(lang: str, statement: str) -> Any:
    lang, stmt = resolve(lang, statement)
    filt = request.args.get("filter", "all")
    if filt not in FILTERS:
        filt = "all"
    query = request.args.get("q", "")[:200]
    context = _editor_context(
        lang, stmt, filt=filt, query=query, page=_int_arg("page"), focus=request.args.get("focus")
    )
    return render_template("editor.html", **context)


def editor_url(
    lang: str, stmt_id: str, *, key: str | None = None, filt: str = "all", query: str = ""
) -> str:
    args: dict[str, str] = {}
    if filt != "all":
        args["filter"] = filt
    if query:
        args["q"] = query
    if key:
        args["focus"] = key
    url = url_for("main.editor", lang=lang, statement=stmt_id)
    if args:
        url += "?" + urlencode(args)
    return url + (f"#u-{key}" if key else "")


# -- saving -----------------------------------------------------------------


def check_translation(text: str) -> str | None:
    """Return why *text* cannot be saved as a translation, or None."""
    limit = current_app.config["WORKBENCH_MAX_TRANSLATION"]
    if len(text) > limit:
        return _(
            "The translation is %(n)s characters long; a unit takes at most %(limit)s. "
            "Shorten it or split the unit.",
            n=f"{len(text):,}",
            limit=f"{limit:,}",
        )
    if "\ufffd" in text:
        return _(
            "The text holds bytes that are not valid UTF-8 (shown as \ufffd); "
            "type or paste it again."
        )
    for ch in text:
        if ch not in "\n\t" and unicodedata.category(ch) == "Cc":
            return _(
                "The text holds an invisible control character (U+%(code)04X); remove it.",
                code=ord(ch),
            )
    return None


def _next_open(all_rows: list[Row], key: str) -> Row | None:
    """Return the next unit after *key* that is untranslated or fuzzy, wrapping around."""
    firsts = [r for r in all_rows if r.first and r.entry is not None]
    at = next((i for i, r in enumerate(firsts) if r.key == key), -1)
    for r in firsts[at + 1 :] + firsts[: at + 1]:
        if r.key != key and r.entry.status in (cat.UNTRANSLATED, cat.FUZZY):
            return r
    return None


@bp.route("/translate/<lang>/<statement>/unit/<key>", methods=["GET", "POST"])
def save(lang: str, statement: str, key: str) -> Any:
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    entry = wb.store.by_key(lang, stmt.id).get(key)
    if entry is None:
        abort(404, description=_("This unit is no longer in the statement; reload the editor."))
    if request.method == "GET":
        return redirect(editor_url(lang, stmt.id, key=key))

    form = request.form
    text = form.get("msgstr", "").replace("\r\n", "\n").replace("\r", "\n")
    status = form.get("status", cat.TRANSLATED)
    filt = form.get("filter", "all") if form.get("filter") in FILTERS else "all"
    query = form.get("q", "")[:200]
    as_json = wants_json()
    problem = check_translation(text)
    if status not in EDIT_STATUSES:
        problem = _("Unknown status %(status)s.", status=status)
    elif status == cat.REVIEWED and not current_user.can(REVIEWER):
        if entry.status == cat.REVIEWED and text == entry.msgstr:
            status = cat.REVIEWED  # saved unchanged: a translator does not undo a review
        else:
            return _refuse(
                403,
                _("Only reviewers can mark a unit reviewed."),
                lang,
                stmt,
                key,
                text,
                filt,
                query,
            )
    elif entry.status == cat.REVIEWED and text == entry.msgstr and not current_user.can(REVIEWER):
        status = cat.REVIEWED
    if problem:
        return _refuse(400, problem, lang, stmt, key, text, filt, query)

    change = Change(
        entry.msgid,
        text,
        status,
        entry.msgctxt,
        base_revision=form.get("revision") or "",
        user=current_user.name,
    )
    try:
        [result] = wb.store.save(lang, stmt.id, [change], user=current_user.name)
    except StorageError as exc:
        # Nothing was written (a full disk, say): the typed text must come
        # back in the form, not be left behind on an error page.
        return _refuse(503, str(exc), lang, stmt, key, text, filt, query)
    if isinstance(result, ConflictError):
        return _conflict(lang, stmt, entry, key, text, status, filt, query)

    nxt = None
    if form.get("action") == "next":
        nxt = _next_open(
            rows(source_of(wb.project, stmt), wb.store.get(lang, stmt.id).entries), key
        )
    if as_json:
        findings = wb.checker(lang).unit_findings(stmt.id, result)
        return jsonify(
            {
                "ok": True,
                "key": key,
                "revision": result.revision,
                "status": result.status,
                "msgstr": result.msgstr,
                "findings": [f.as_dict() for f in findings],
                "next": {
                    "key": nxt.key,
                    "url": editor_url(lang, stmt.id, key=nxt.key, filt=filt, query=query),
                }
                if nxt
                else None,
            }
        )
    flash(_("Saved."))
    target = nxt.key if nxt else key
    return redirect(editor_url(lang, stmt.id, key=target, filt=filt, query=query))


def _refuse(
    code: int, message: str, lang: str, stmt, key: str, text: str, filt: str, query: str
) -> Any:
    if wants_json():
        return jsonify({"ok": False, "error": message}), code
    flash(message, "error")
    context = _editor_context(
        lang, stmt, filt=filt, query=query, page=1, focus=key, drafts={key: text}
    )
    return render_template("editor.html", **context), code


def _conflict(
    lang: str, stmt, entry: cat.Entry, key: str, text: str, status: str, filt: str, query: str
) -> Any:
    wb = workbench()
    current = wb.store.by_key(lang, stmt.id).get(key)
    last = wb.history.of_unit(lang, stmt.id, entry.msgid, entry.msgctxt, limit=1)
    theirs = {
        "msgstr": current.msgstr if current else "",
        "status": current.status if current else cat.UNTRANSLATED,
        "revision": current.revision if current else "",
        "user": last[0].user if last else None,
    }
    mine = {"msgstr": text, "status": status}
    message = _(
        "Someone saved this unit after you opened it. Nothing was overwritten: "
        "compare both versions, then save the one to keep."
    )
    if wants_json():
        return jsonify(
            {"ok": False, "conflict": True, "error": message, "theirs": theirs, "mine": mine}
        ), 409
    return render_template(
        "conflict.html",
        lang=lang,
        info=language(lang),
        statement=stmt,
        key=key,
        source=entry.msgid,
        theirs=theirs,
        mine=mine,
        message=message,
        filter=filt,
        query=query,
        statuses=_statuses_for_user(),
    ), 409


# -- checks as you type ----------------------------------------------------------


@bp.route("/api/check/<lang>/<statement>/<key>", methods=["POST"])
def check(lang: str, statement: str, key: str) -> Any:
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    entry = wb.store.by_key(lang, stmt.id).get(key)
    if entry is None:
        abort(404)
    text = request.form.get("msgstr", "").replace("\r\n", "\n")
    problem = check_translation(text)
    if problem:
        return jsonify({"findings": [], "error": problem}), 400
    status = request.form.get("status", cat.TRANSLATED)
    draft = entry.with_translation(
        text, status if status in EDIT_STATUSES else cat.TRANSLATED, current_user.name
    )
    findings = wb.checker(lang).unit_findings(stmt.id, draft, None)
    return jsonify({"findings": [f.as_dict() for f in findings]})


# -- dismissing a finding -----------------------------------------------------------


@bp.route("/translate/<lang>/<statement>/unit/<key>/dismiss", methods=["POST"])
def dismiss(lang: str, statement: str, key: str) -> Any:
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    check_name = request.form.get("check", "")
    reason = " ".join(request.form.get("reason", "").split())[:300]
    undo = request.form.get("undo") == "1"
    if not check_name or (not reason and not undo):
        flash(_("Say why the finding does not apply before dismissing it."), "error")
        return redirect(editor_url(lang, stmt.id, key=key))
    if not wb.store.dismiss(lang, stmt.id, key, check_name, None if undo else reason):
        abort(404)
    if wants_json():
        return jsonify({"ok": True})
    flash(_("Finding dismissed.") if not undo else _("Finding restored."))
    return redirect(editor_url(lang, stmt.id, key=key))


# -- history ---------------------------------------------------------------------


@bp.route("/translate/<lang>/<statement>/unit/<key>/history")
def history(lang: str, statement: str, key: str) -> Any:
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    entry = wb.store.by_key(lang, stmt.id).get(key)
    if entry is None:
        abort(404)
    changes = wb.history.of_unit(lang, stmt.id, entry.msgid, entry.msgctxt)
    return render_template(
        "history.html",
        lang=lang,
        info=language(lang),
        statement=stmt,
        key=key,
        entry=entry,
        changes=changes,
    )


@bp.route("/translate/<lang>/<statement>/history/<int:change_id>/restore", methods=["POST"])
def restore(lang: str, statement: str, change_id: int) -> Any:
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    found = wb.history.get(change_id)
    if found is None or found[0] != lang or found[1] != stmt.id:
        abort(404)
    _lang, _stmt, msgid, msgctxt, change = found
    which = request.form.get("which", "old")
    text, status = (
        (change.old_text, change.old_status)
        if which == "old"
        else (change.new_text, change.new_status)
    )
    if status == cat.REVIEWED and not current_user.can(REVIEWER):
        status = cat.TRANSLATED
    if status == cat.UNTRANSLATED:
        text = ""
    key = unit_key(msgid, msgctxt)
    [result] = wb.store.save(
        lang,
        stmt.id,
        [
            Change(
                msgid,
                text,
                status if text else cat.TRANSLATED,
                msgctxt,
                base_revision=request.form.get("revision") or "",
                user=current_user.name,
            )
        ],
    )
    if isinstance(result, ConflictError):
        flash(_("The unit changed since you opened its history; nothing was restored."), "error")
        return redirect(url_for("main.history", lang=lang, statement=stmt.id, key=key))
    flash(_("Restored."))
    return redirect(editor_url(lang, stmt.id, key=key))


# -- preview ---------------------------------------------------------------------


@bp.route("/translate/<lang>/<statement>/preview")
def preview(lang: str, statement: str) -> Any:
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    entries = wb.store.get(lang, stmt.id).entries
    built = build_source(source_of(wb.project, stmt), entries, stmt.id, lang)
    return render_template(
        "preview.html",
        lang=lang,
        info=language(lang),
        statement=stmt,
        built=built,
        counts=cat.stats(entries),
        source_lang=wb.project.source_language,
    )


@bp.route("/translate/<lang>/<statement>/download")
def download(lang: str, statement: str) -> Any:
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    built = build_source(
        source_of(wb.project, stmt), wb.store.get(lang, stmt.id).entries, stmt.id, lang
    )
    response = current_app.response_class(built.text, mimetype="text/plain")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{stmt.id}.{lang}{stmt.path.suffix}"'
    )
    return response
