"""Adding a statement from the browser: paste its text or upload a .txt or .md file,
see its units, then save it; its template and catalogs are written at once.

For reviewers and admins. Nothing is written until the person saves: the
preview only segments the text, and the text travels back in the form.
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from workbench.accounts.users import REVIEWER
from workbench.catalogs.update import update_statement
from workbench.errors import StatementError, WorkbenchError
from workbench.messages import N_, Data, Listing, Message
from workbench.project import STATEMENT_SUFFIXES, decode_statement, slugify
from workbench.segment.segmenter import segment
from workbench.web.auth import role_required
from workbench.web.context import page_message, workbench
from workbench.web.i18n import isolated, number
from workbench.web.routing import bp

#: The kinds of file a statement may be, said in a message.
SUFFIXES = Listing(tuple(map(Data, STATEMENT_SUFFIXES)), N_(" or "))
#: Units shown in a preview at most (a long statement is cut, and says so).
PREVIEW_UNITS = 500


def _submitted() -> tuple[str, str, str]:
    """Return the text, the suffix and a name to make an id from, from a paste or an upload."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        name = upload.filename.replace("\\", "/").rsplit("/", 1)[-1]
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix not in STATEMENT_SUFFIXES:
            raise StatementError(
                Message.of(
                    N_("%(file)s is not a %(allowed)s file; upload the statement as plain text"),
                    file=Data(name),
                    allowed=SUFFIXES,
                )
            )
        # Exactly as uploaded: a BOM and the line endings are the statement's own.
        return decode_statement(upload.read(), name), suffix, name.rsplit(".", 1)[0]
    # A browser sends a textarea's lines ending in CRLF, whatever was pasted.
    text = request.form.get("text", "").replace("\r\n", "\n")
    suffix = ".md" if request.form.get("markdown") == "1" else ".txt"
    return decode_statement(text.encode("utf-8"), _("the pasted text")), suffix, ""


@bp.route("/statements/new", methods=["GET", "POST"])
@role_required(REVIEWER)
def new_statement() -> Any:
    wb = workbench()
    project = wb.project
    form = {
        "id": request.form.get("id", "").strip(),
        "text": request.form.get("text", ""),
        "markdown": request.form.get("markdown") == "1",
    }
    units = None
    status = 200
    if request.method == "POST":
        try:
            text, suffix, name = _submitted()
            form["text"], form["markdown"] = text, suffix == ".md"
            units = segment(text, project.source_language)
            title = next(
                (u.text for u in units if u.kind == "heading"), units[0].text if units else ""
            )
            form["id"] = form["id"] or slugify(name or title)
            if request.form.get("action") == "save":
                stmt = project.add_statement(form["id"], text, suffix)
                report = update_statement(project, stmt)
                flash(
                    ngettext(
                        "Added the statement %(id)s: %(n)s unit, ready to translate.",
                        "Added the statement %(id)s: %(n)s units, ready to translate.",
                        report.units,
                        id=isolated(stmt.id),
                        n=number(report.units),
                    )
                )
                if project.languages:
                    return redirect(
                        url_for("main.editor", lang=project.languages[0], statement=stmt.id)
                    )
                return redirect(url_for("main.dashboard"))
        except WorkbenchError as exc:
            flash(page_message(exc), "error")
            status = 400
    return render_template(
        "new_statement.html",
        form=form,
        units=units[:PREVIEW_UNITS] if units is not None else None,
        total=len(units) if units is not None else 0,
        source_lang=project.source_language,
        suffixes=STATEMENT_SUFFIXES,
    ), status
