"""The Sync page (reviewers and admins): the remote, how far ahead and behind this
machine is, the last sync, a button to sync now, and the conflicts waiting for someone."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workbench.accounts.users import REVIEWER
from workbench.catalogs.rows import unit_key
from workbench.errors import WorkbenchError
from workbench.sync import service
from workbench.web.auth import role_required
from workbench.web.context import page_message, workbench
from workbench.web.glossary import said_clashes
from workbench.web.i18n import format_when, number

bp = Blueprint("sync", __name__, url_prefix="/sync")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.route("/")
@role_required(REVIEWER)
def page() -> Any:
    wb = workbench()
    conflicts = service.open_conflicts(wb.project, read=wb.store.get)
    status = service.status(wb.project)
    return render_template(
        "sync.html",
        status=status,
        last_sync=_last_said(status.last) if status.last else None,
        conflicts=[{"item": c, "key": unit_key(c.msgid, c.msgctxt)} for c in conflicts],
        glossary_conflicts=[(c.id, said_clashes(c)) for c in wb.usable_glossary() if c.conflict],
    )


@bp.route("/now", methods=["POST"])
@role_required(REVIEWER)
def now() -> Any:
    wb = workbench()
    try:
        report = service.sync(wb.project, author=current_user.name)
    except WorkbenchError as exc:
        flash(page_message(exc), "error")
        return redirect(url_for("sync.page"))
    wb.reload_project()
    if report.conflicts:
        flash(
            _(
                "Synced; %(n)s conflict(s) kept both versions, listed below.",
                n=len(report.conflicts),
            )
        )
    elif report.sent or report.received:
        flash(
            _(
                "Synced: sent %(sent)s, received %(received)s.",
                sent=report.sent,
                received=report.received,
            )
        )
    else:
        flash(_("Already in step; nothing to send or receive."))
    return redirect(url_for("sync.page"))


@bp.route("/keep-removed", methods=["POST"])
@role_required(REVIEWER)
def keep_removed() -> Any:
    wb = workbench()
    form = request.form
    lang = form.get("lang", "")
    statement = form.get("statement", "")
    try:
        lang = wb.project.require_language(lang)
        statement = wb.project.statement(statement).id
        done = service.keep_removed(
            wb.project, lang, statement, form.get("msgid", ""), form.get("msgctxt") or None
        )
    except WorkbenchError as exc:
        flash(page_message(exc), "error")
        return redirect(url_for("sync.page"))
    flash(_("The unit stays removed.") if done else _("That conflict is settled already."))
    return redirect(url_for("sync.page"))


def _last_said(last: dict) -> str:
    """Say what the last sync did, in the interface's language, its time in its calendar."""
    parts = []
    if last.get("bundle"):
        # A bundle written has its size; one applied was only read.
        if last.get("bundle_bytes") is not None:
            parts.append(_("wrote %(file)s", file=last["bundle"]))
        else:
            parts.append(_("applied %(file)s", file=last["bundle"]))
    counts = (
        (last.get("sent", 0), _("sent %(n)s commit(s)")),
        (last.get("received", 0), _("received %(n)s commit(s)")),
        (len(last.get("merged", ())), _("%(n)s file(s) changed here")),
        (len(last.get("updated", ())), _("updated %(n)s statement(s)")),
        (len(last.get("conflicts", ())), _("%(n)s conflict(s) kept for review")),
    )
    parts += [said % {"n": number(n)} for n, said in counts if n]
    what = parts[0] if parts else _("Already in step; nothing to send or receive.")
    for part in parts[1:]:
        what = _("%(before)s; %(after)s", before=what, after=part)
    return _("%(when)s: %(what)s", when=format_when(last.get("time")), what=what)
