"""One unit's actions: save it, check it as you type, dismiss a finding, its history."""

from __future__ import annotations

import unicodedata
from typing import Any

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workbench.accounts.users import REVIEWER
from workbench.catalogs import model as cat
from workbench.catalogs.model import Edit
from workbench.catalogs.rows import Row, rows, source_of, unit_key
from workbench.errors import ConflictError, StorageError
from workbench.web.auth import wants_json
from workbench.web.context import page_message, workbench
from workbench.web.editor import (
    EDIT_STATUSES,
    FILTERS,
    editor_context,
    editor_url,
    statuses_for_user,
)
from workbench.web.routing import bp, render_page, resolve, resolve_unit

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


@bp.route("/translate/<lang>/<statement>/unit/<key>", methods=["GET", "POST"])
def save(lang: str, statement: str, key: str) -> Any:
    lang, stmt, entry = resolve_unit(
        lang, statement, key, _("This unit is no longer in the statement; reload the editor.")
    )
    wb = workbench()
    if request.method == "GET":
        return redirect(editor_url(lang, stmt.id, key=key))

    form = request.form
    forms = posted_forms(entry)
    text = forms[0] if forms else _posted(form.get("msgstr", ""))
    draft: str | tuple[str, ...] = forms if forms is not None else text
    unchanged = (forms or (text,)) == entry.forms
    status = form.get("status", cat.TRANSLATED)
    filt = form.get("filter", "all") if form.get("filter") in FILTERS else "all"
    query = form.get("q", "")[:200]
    as_json = wants_json()
    problem = next(filter(None, map(check_translation, forms or (text,))), None)
    if status not in EDIT_STATUSES:
        problem = _("Unknown status %(status)s.", status=status)
    elif status == cat.REVIEWED and not current_user.can(REVIEWER):
        if entry.status == cat.REVIEWED and unchanged:
            status = cat.REVIEWED  # saved unchanged: a translator does not undo a review
        else:
            return _refuse(
                403,
                _("Only reviewers can mark a unit reviewed."),
                lang,
                stmt,
                key,
                draft,
                filt,
                query,
            )
    elif entry.status == cat.REVIEWED and unchanged and not current_user.can(REVIEWER):
        status = cat.REVIEWED
    if problem:
        return _refuse(400, problem, lang, stmt, key, draft, filt, query)

    change = Edit(
        entry.msgid,
        text,
        status,
        entry.msgctxt,
        base_revision=form.get("revision") or "",
        user=current_user.name,
        forms=forms,
    )
    try:
        [result] = wb.store.save(lang, stmt.id, [change], user=current_user.name)
    except StorageError as exc:
        # Nothing was written (a full disk, say): the typed text must come
        # back in the form, not be left behind on an error page.
        return _refuse(503, page_message(exc), lang, stmt, key, draft, filt, query)
    if isinstance(result, ConflictError):
        return _conflict(lang, stmt, entry, key, draft, status, filt, query)

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
                "forms": list(result.forms) if result.plural else None,
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


def _posted(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def posted_forms(entry: cat.Entry) -> tuple[str, ...] | None:
    """Return the plural forms posted for a plural *entry* (``msgstr[N]`` fields), else None."""
    if not entry.plural:
        return None
    return tuple(
        _posted(request.form.get(f"msgstr[{n}]", "")) for n in range(len(entry.msgstr_plural))
    )


def _refuse(
    code: int,
    message: str,
    lang: str,
    stmt,
    key: str,
    text: str | tuple[str, ...],
    filt: str,
    query: str,
) -> Any:
    if wants_json():
        return jsonify({"ok": False, "error": message}), code
    flash(message, "error")
    context = editor_context(
        lang, stmt, filt=filt, query=query, page=1, focus=key, drafts={key: text}
    )
    return render_template("editor.html", **context), code


def _conflict(
    lang: str,
    stmt,
    entry: cat.Entry,
    key: str,
    text: str | tuple[str, ...],
    status: str,
    filt: str,
    query: str,
) -> Any:
    wb = workbench()
    current = wb.store.by_key(lang, stmt.id).get(key)
    last = wb.history.of_unit(lang, stmt.id, entry.msgid, entry.msgctxt, limit=1)
    theirs = {
        "msgstr": current.msgstr if current else "",
        "forms": list(current.forms) if current and current.plural else None,
        "status": current.status if current else cat.UNTRANSLATED,
        "revision": current.revision if current else "",
        "user": last[0].user if last else None,
    }
    plural = isinstance(text, tuple)
    mine = {
        "msgstr": text[0] if plural else text,
        "forms": list(text) if plural else None,
        "status": status,
    }
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
        filter=filt,
        query=query,
        statuses=statuses_for_user(),
    ), 409


# -- checks as you type ----------------------------------------------------------


@bp.route("/api/check/<lang>/<statement>/<key>", methods=["POST"])
def check(lang: str, statement: str, key: str) -> Any:
    lang, stmt, entry = resolve_unit(lang, statement, key)
    wb = workbench()
    forms = posted_forms(entry)
    text = forms[0] if forms else _posted(request.form.get("msgstr", ""))
    problem = next(filter(None, map(check_translation, forms or (text,))), None)
    if problem:
        return jsonify({"findings": [], "error": problem}), 400
    status = request.form.get("status", cat.TRANSLATED)
    draft = entry.with_translation(
        text, status if status in EDIT_STATUSES else cat.TRANSLATED, current_user.name, forms
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
    text, status, forms = (
        (change.old_text, change.old_status, change.old_forms)
        if which == "old"
        else (change.new_text, change.new_status, change.new_forms)
    )
    if status == cat.REVIEWED and not current_user.can(REVIEWER):
        status = cat.TRANSLATED
    if status == cat.UNTRANSLATED:
        text = ""
        forms = tuple("" for _ in forms) if forms else None
    key = unit_key(msgid, msgctxt)
    [result] = wb.store.save(
        lang,
        stmt.id,
        [
            Edit(
                msgid,
                text,
                status if text or any(forms or ()) else cat.TRANSLATED,
                msgctxt,
                base_revision=request.form.get("revision") or "",
                user=current_user.name,
                forms=forms,
            )
        ],
    )
    if isinstance(result, ConflictError):
        flash(_("The unit changed since you opened its history; nothing was restored."), "error")
        return redirect(url_for("main.history", lang=lang, statement=stmt.id, key=key))
    flash(_("Restored."))
    return redirect(editor_url(lang, stmt.id, key=key))
