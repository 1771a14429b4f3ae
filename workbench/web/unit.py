"""One unit's actions: save it, check it as you type, dismiss a finding, its history."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import HTTPException

from workbench.accounts.users import REVIEWER
from workbench.catalogs import model as cat
from workbench.catalogs.model import Edit
from workbench.catalogs.rows import Row, rows, source_of, unit_key
from workbench.errors import ConflictError, StorageError, WorkbenchError
from workbench.web.auth import wants_json
from workbench.web.context import page_message, workbench
from workbench.web.editor import (
    EDIT_STATUSES,
    FILTERS,
    editor_context,
    editor_url,
    statuses_for_user,
)
from workbench.web.routing import bp, error_page, render_page, resolve, resolve_unit

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
        if r.key != key and r.entry is not None and r.entry.status in (cat.UNTRANSLATED, cat.FUZZY):
            return r
    return None


@dataclass(frozen=True)
class EditForm:
    """A posted edit of one unit: the typed text and what came with it."""

    text: str
    status: str
    revision: str
    filter: str
    query: str
    page: int
    action: str

    @classmethod
    def read(cls, form: Any) -> EditForm:
        """Read the edit from a posted form; whatever is missing takes its default."""
        try:
            page = max(1, int(form.get("page", "1")))
        except ValueError:
            page = 1
        return cls(
            text=form.get("msgstr", "").replace("\r\n", "\n").replace("\r", "\n"),
            status=form.get("status", cat.TRANSLATED),
            revision=form.get("revision") or "",
            filter=form.get("filter") if form.get("filter") in FILTERS else "all",
            query=form.get("q", "")[:200],
            page=page,
            action=form.get("action", "save"),
        )


@bp.route("/translate/<lang>/<statement>/unit/<key>", methods=["GET", "POST"])
def save(lang: str, statement: str, key: str) -> Any:
    if request.method == "GET":
        lang, stmt, _entry = resolve_unit(lang, statement, key)
        return redirect(editor_url(lang, stmt.id, key=key))
    form = EditForm.read(request.form)
    try:
        lang, stmt, entry = resolve_unit(
            lang, statement, key, _("This unit is no longer in the statement; reload the editor.")
        )
    except HTTPException as exc:
        return _unsaved(exc.code or 404, exc.description or exc.name, lang, statement, key, form)
    except WorkbenchError as exc:
        # The catalog cannot be read (git conflict markers, say): nothing to
        # save into, but the typed text must not be lost with the page.
        return _unsaved(400, page_message(exc), lang, statement, key, form)
    wb = workbench()
    status = form.status
    problem = check_translation(form.text)
    if status not in EDIT_STATUSES:
        problem = _("Unknown status %(status)s.", status=status)
    elif status == cat.REVIEWED and not current_user.can(REVIEWER):
        if entry.status == cat.REVIEWED and form.text == entry.msgstr:
            status = cat.REVIEWED  # saved unchanged: a translator does not undo a review
        else:
            return _refuse(
                403, _("Only reviewers can mark a unit reviewed."), lang, stmt, key, form
            )
    elif (
        entry.status == cat.REVIEWED
        and form.text == entry.msgstr
        and not current_user.can(REVIEWER)
    ):
        status = cat.REVIEWED
    if problem:
        return _refuse(400, problem, lang, stmt, key, form)

    change = Edit(
        entry.msgid,
        form.text,
        status,
        entry.msgctxt,
        base_revision=form.revision,
        user=current_user.name,
    )
    try:
        [result] = wb.store.save(lang, stmt.id, [change], user=current_user.name)
    except StorageError as exc:
        # Nothing was written (a full disk, say): the typed text must come
        # back in the form, not be left behind on an error page.
        return _refuse(503, page_message(exc), lang, stmt, key, form)
    except WorkbenchError as exc:
        # The catalog changed under the save (cut short, unreadable): nothing
        # was written either.
        return _refuse(409, page_message(exc), lang, stmt, key, form)
    if isinstance(result, ConflictError):
        return _conflict(lang, stmt, entry, key, replace(form, status=status))

    nxt = None
    if form.action == "next":
        try:
            nxt = _next_open(
                rows(source_of(wb.project, stmt), wb.store.get(lang, stmt.id).entries), key
            )
        except WorkbenchError:
            nxt = None  # saved; the next unit is found on the editor page
    filt, query = form.filter, form.query
    if wants_json():
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


def _refuse(code: int, message: str, lang: str, stmt, key: str, form: EditForm) -> Any:
    """Refuse a save: the editor page again, with the typed text in the unit's box."""
    if wants_json():
        return jsonify({"ok": False, "error": message}), code
    try:
        context = editor_context(
            lang,
            stmt,
            filt=form.filter,
            query=form.query,
            page=form.page,
            focus=key,
            drafts={key: form.text},
        )
    except WorkbenchError:
        return _unsaved(code, message, lang, stmt.id, key, form)
    flash(message, "error")
    return render_template("editor.html", **context), code


def _unsaved(code: int, message: str, lang: str, statement: str, key: str, form: EditForm) -> Any:
    """Say why a save failed on a page of its own that gives the typed text back.

    For when the editor itself cannot be shown (its catalog cannot be read,
    the unit or the statement is gone, the login has ended): the text is in
    a form that posts the same save again.
    """
    if wants_json():
        return jsonify({"ok": False, "error": message}), code
    return render_template(
        "unsaved.html",
        code=code,
        message=message,
        form=form,
        action=url_for("main.save", lang=lang, statement=statement, key=key),
        editor=url_for("main.editor", lang=lang, statement=statement),
        logged_in=current_user.is_authenticated,
    ), code


@bp.errorhandler(400)
@bp.errorhandler(401)
def _refused_before_the_view(exc: HTTPException) -> Any:
    """Give the typed text back when a save is refused before its view runs.

    A lost CSRF secret (the session ended) or an ended login must not take
    the translation with them.
    """
    args = request.view_args or {}
    if request.endpoint == "main.save" and request.method == "POST" and "msgstr" in request.form:
        return _unsaved(
            exc.code or 400,
            exc.description or exc.name,
            args.get("lang", ""),
            args.get("statement", ""),
            args.get("key", ""),
            EditForm.read(request.form),
        )
    return error_page(exc.code or 400, exc.description or exc.name)


def _conflict(lang: str, stmt, entry: cat.Entry, key: str, form: EditForm) -> Any:
    wb = workbench()
    current = wb.store.by_key(lang, stmt.id).get(key)
    last = wb.history.of_unit(lang, stmt.id, entry.msgid, entry.msgctxt, limit=1)
    theirs = {
        "msgstr": current.msgstr if current else "",
        "status": current.status if current else cat.UNTRANSLATED,
        "revision": current.revision if current else "",
        "user": last[0].user if last else None,
    }
    mine = {"msgstr": form.text, "status": form.status}
    message = _(
        "Someone saved this unit after you opened it. Nothing was overwritten: "
        "compare both versions, then save the one to keep."
    )
    if wants_json():
        return jsonify(
            {"ok": False, "conflict": True, "error": message, "theirs": theirs, "mine": mine}
        ), 409
    return render_page(
        "conflict.html",
        lang,
        stmt,
        key=key,
        source=entry.msgid,
        theirs=theirs,
        mine=mine,
        message=message,
        filter=form.filter,
        query=form.query,
        statuses=statuses_for_user(),
    ), 409


# -- checks as you type ----------------------------------------------------------


@bp.route("/api/check/<lang>/<statement>/<key>", methods=["POST"])
def check(lang: str, statement: str, key: str) -> Any:
    lang, stmt, entry = resolve_unit(lang, statement, key)
    wb = workbench()
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
    lang, stmt, entry = resolve_unit(lang, statement, key)
    wb = workbench()
    changes = wb.history.of_unit(lang, stmt.id, entry.msgid, entry.msgctxt)
    return render_page(
        "history.html",
        lang,
        stmt,
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
            Edit(
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
