"""One unit's actions: save it, check it as you type, dismiss a finding, comment on it,
its history; and a reviewer's approval of every unit a page shows."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import Any

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from workbench.accounts.users import REVIEWER
from workbench.catalogs import model as cat
from workbench.catalogs.model import Edit
from workbench.catalogs.rows import Row, rows, source_of, unit_key
from workbench.errors import ConflictError, StorageError, WorkbenchError
from workbench.memory.similarity import diff
from workbench.web.auth import role_required, wants_json
from workbench.web.context import page_message, workbench
from workbench.web.editor import (
    EDIT_STATUSES,
    UNIT_ERROR,
    UNIT_NOTICE,
    EditorView,
    editor_context,
    editor_url,
    statuses_for_user,
)
from workbench.web.i18n import isolated, number, said_parts
from workbench.web.routing import bp, error_page, render_page, resolve, resolve_unit

# -- saving -----------------------------------------------------------------


def check_translation(text: str) -> str | None:
    """Return why *text* cannot be saved as a translation, or None."""
    limit = current_app.config["WORKBENCH_MAX_TRANSLATION"]
    if len(text) > limit:
        return _(
            "The translation is %(n)s characters long; a unit takes at most %(limit)s. "
            "Shorten it or split the unit.",
            n=number(len(text)),
            limit=number(limit),
        )
    if "\ufffd" in text:
        return _(
            "The text holds bytes that are not valid %(encoding)s (shown as \ufffd); "
            "type or paste it again.",
            encoding=isolated("UTF-8"),
        )
    for ch in text:
        if ch not in "\n\t" and unicodedata.category(ch) == "Cc":
            return _(
                "The text holds an invisible control character (%(code)s); remove it.",
                code=isolated(f"U+{ord(ch):04X}"),
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
    """A posted edit of one unit: the typed text and what came with it.

    A plural entry is posted as one ``msgstr[N]`` field per form (*forms*);
    *text* is then its first form.
    """

    text: str
    status: str
    revision: str
    view: EditorView
    action: str
    forms: tuple[str, ...] | None = None

    @classmethod
    def read(cls, form: Any) -> EditForm:
        """Read the edit from a posted form; whatever is missing takes its default."""
        forms = []
        while f"msgstr[{len(forms)}]" in form and len(forms) < MAX_FORMS:
            forms.append(_posted(form.get(f"msgstr[{len(forms)}]", "")))
        return cls(
            text=forms[0] if forms else _posted(form.get("msgstr", "")),
            status=form.get("status", cat.TRANSLATED),
            revision=form.get("revision") or "",
            view=EditorView.of_query(form.get("view", "")),
            action=form.get("action", "save"),
            forms=tuple(forms) if forms else None,
        )

    @property
    def draft(self) -> str | tuple[str, ...]:
        """What goes back in the unit's box: the text, or every form of a plural entry."""
        return self.forms if self.forms is not None else self.text

    def for_entry(self, entry: cat.Entry) -> EditForm:
        """Return the edit fitted to *entry*: as many forms as it has, or none."""
        if not entry.plural:
            return replace(self, forms=None)
        count = len(entry.msgstr_plural)
        forms = (self.forms or (self.text,))[:count]
        forms = forms + ("",) * (count - len(forms))
        return replace(self, text=forms[0], forms=forms)


#: The most plural forms a language has (Arabic: six).
MAX_FORMS = 6


def _posted(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def posted_forms(entry: cat.Entry) -> tuple[str, ...] | None:
    """Return the plural forms posted for a plural *entry* (``msgstr[N]`` fields), else None."""
    if not entry.plural:
        return None
    return tuple(
        _posted(request.form.get(f"msgstr[{n}]", "")) for n in range(len(entry.msgstr_plural))
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
    form = form.for_entry(entry)
    unchanged = (form.forms or (form.text,)) == entry.forms
    status = form.status
    problem = next(filter(None, map(check_translation, form.forms or (form.text,))), None)
    if status not in EDIT_STATUSES:
        problem = _("Unknown status %(status)s.", status=status)
    elif status == cat.REVIEWED and not current_user.can(REVIEWER):
        if entry.status == cat.REVIEWED and unchanged:
            status = cat.REVIEWED  # saved unchanged: a translator does not undo a review
        else:
            return _refuse(
                403, _("Only reviewers can mark a unit reviewed."), lang, stmt, key, form
            )
    elif entry.status == cat.REVIEWED and unchanged and not current_user.can(REVIEWER):
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
        forms=form.forms,
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
    saved_as = None  # the saved unit's number, said beside the next one
    if form.action == "next":
        try:
            all_rows = rows(source_of(wb.project, stmt), wb.store.get(lang, stmt.id).entries)
        except WorkbenchError:
            all_rows = []  # saved; the next unit is found on the editor page
        nxt = _next_open(all_rows, key)
        saved_as = next((r.index for r in all_rows if r.first and r.key == key), None)
    view = form.view
    if wants_json():
        findings = wb.checker(lang).unit_findings(stmt.id, result)
        return jsonify(
            {
                "ok": True,
                "key": key,
                "revision": result.revision,
                "status": result.status,
                "msgstr": result.msgstr,
                "forms": list(result.forms) if result.plural else None,
                "findings": shown_findings(findings, lang),
                "next": {
                    "key": nxt.key,
                    "url": editor_url(lang, stmt.id, key=nxt.key, view=view),
                }
                if nxt
                else None,
            }
        )
    # Said beside the unit the page lands at (the next one, after "Save and next"),
    # not at the top of a page scrolled down to it.
    if nxt is not None and saved_as is not None:
        flash(
            _("Saved unit %(n)s; here is the next untranslated unit.", n=number(saved_as)),
            UNIT_NOTICE,
        )
    elif form.action == "next" and saved_as is not None:
        flash(_("Saved. No other unit is untranslated or fuzzy."), UNIT_NOTICE)
    else:
        flash(_("Saved."), UNIT_NOTICE)
    target = nxt.key if nxt else key
    return redirect(editor_url(lang, stmt.id, key=target, view=view))


def shown_findings(findings: list, lang: str) -> list[dict]:
    """Return findings as the script reads them: the JSON of the command line, and each
    message in the interface language, in pieces to isolate (``shown``)."""
    source = workbench().project.source_language
    return [
        {**f.as_dict(), "shown": said_parts(f.wording or f.message, source, lang)} for f in findings
    ]


def _refuse(code: int, message: str, lang: str, stmt, key: str, form: EditForm) -> Any:
    """Refuse a save: the editor page again, with the typed text in the unit's box."""
    if wants_json():
        plain = message.striptags() if isinstance(message, Markup) else message
        return jsonify({"ok": False, "error": plain}), code
    try:
        context = editor_context(
            lang, stmt, replace(form.view, focus=key), drafts={key: form.draft}
        )
    except WorkbenchError:
        return _unsaved(code, message, lang, stmt.id, key, form)
    flash(message, UNIT_ERROR)
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
    posted = "msgstr" in request.form or "msgstr[0]" in request.form
    if request.endpoint == "main.save" and request.method == "POST" and posted:
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
        "forms": list(current.forms) if current and current.plural else None,
        "status": current.status if current else cat.UNTRANSLATED,
        "revision": current.revision if current else "",
        "user": last[0].user if last else None,
    }
    mine = {
        "msgstr": form.text,
        "forms": list(form.forms) if form.forms is not None else None,
        "status": form.status,
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
        view=form.view,
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
    return jsonify({"findings": shown_findings(findings, lang)})


# -- dismissing a finding -----------------------------------------------------------


@bp.route("/translate/<lang>/<statement>/unit/<key>/dismiss", methods=["POST"])
def dismiss(lang: str, statement: str, key: str) -> Any:
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    check_name = request.form.get("check", "")
    reason = " ".join(request.form.get("reason", "").split())[:300]
    undo = request.form.get("undo") == "1"
    view = EditorView.of_query(request.form.get("view", ""))
    if not check_name or (not reason and not undo):
        flash(_("Say why the finding does not apply before dismissing it."), UNIT_ERROR)
        return redirect(editor_url(lang, stmt.id, key=key, view=view))
    if not wb.store.dismiss(lang, stmt.id, key, check_name, None if undo else reason):
        abort(404)
    if wants_json():
        return jsonify({"ok": True})
    flash(_("Finding dismissed.") if not undo else _("Finding restored."), UNIT_NOTICE)
    return redirect(editor_url(lang, stmt.id, key=key, view=view))


# -- comments ----------------------------------------------------------------------


@bp.route("/translate/<lang>/<statement>/unit/<key>/comment", methods=["POST"])
def comment(lang: str, statement: str, key: str) -> Any:
    lang, stmt = resolve(lang, statement)
    view = EditorView.of_query(request.form.get("view", ""))
    try:
        entry = workbench().store.comment(
            lang, stmt.id, key, current_user.name, request.form.get("text", "")
        )
    except WorkbenchError as exc:
        if wants_json():
            return jsonify({"ok": False, "error": page_message(exc).striptags()}), 400
        flash(page_message(exc), UNIT_ERROR)
        return redirect(editor_url(lang, stmt.id, key=key, view=view))
    if entry is None:
        abort(404, description=_("This unit is no longer in the statement; reload the editor."))
    if wants_json():
        return jsonify({"ok": True})
    flash(_("Comment added."), UNIT_NOTICE)
    return redirect(editor_url(lang, stmt.id, key=key, view=view))


# -- approving what a page shows --------------------------------------------------


@bp.route("/translate/<lang>/<statement>/approve", methods=["POST"])
@role_required(REVIEWER)
def approve(lang: str, statement: str) -> Any:
    """Mark reviewed every unit the reviewer read on a page, each as it was shown."""
    lang, stmt = resolve(lang, statement)
    wb = workbench()
    view = EditorView.of_query(request.form.get("view", ""))
    current = wb.store.by_key(lang, stmt.id)
    edits = []
    for item in request.form.getlist("unit")[:1000]:
        key, _sep, revision = item.partition(":")
        entry = current.get(key)
        if entry is None or entry.status != cat.TRANSLATED:
            continue
        edits.append(
            Edit(
                entry.msgid,
                entry.msgstr,
                cat.REVIEWED,
                entry.msgctxt,
                base_revision=revision,
                user=current_user.name,
                forms=entry.msgstr_plural if entry.plural else None,
            )
        )
    if edits:
        results = wb.store.save(lang, stmt.id, edits, user=current_user.name)
        done = sum(1 for r in results if not isinstance(r, ConflictError))
        changed = len(results) - done
        flash(ngettext("Approved %(n)s unit.", "Approved %(n)s units.", done, n=number(done)))
        if changed:
            flash(
                ngettext(
                    "%(n)s unit changed after the page was opened and was not approved; read "
                    "it again.",
                    "%(n)s units changed after the page was opened and were not approved; "
                    "read them again.",
                    changed,
                    n=number(changed),
                ),
                "error",
            )
    else:
        flash(_("Nothing to approve: no unit on the page was waiting for review."), "error")
    return redirect(editor_url(lang, stmt.id, view=replace(view, focus=None), page=view.page))


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
        # Each save with the words it changed: a one-word edit of a long
        # sentence shows that word, not the whole sentence struck out.
        changes=[(c, _changed_words(c.old_text, c.new_text)) for c in changes],
        view=EditorView.of_query(request.args.get("view", "")),
        source_lang=wb.project.source_language,
    )


def _changed_words(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Return the word pieces that turn *old* into *new* (a text emptied: all of it deleted)."""
    if not new:
        return (("delete", old),) if old else ()
    return diff(old, new)


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
    view = EditorView.of_query(request.form.get("view", ""))
    if isinstance(result, ConflictError):
        flash(_("The unit changed since you opened its history; nothing was restored."), "error")
        return redirect(
            url_for("main.history", lang=lang, statement=stmt.id, key=key, view=view.query or None)
        )
    flash(_("Restored."), UNIT_NOTICE)
    return redirect(editor_url(lang, stmt.id, key=key, view=view))
