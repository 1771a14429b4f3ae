"""The pages around the editor: dashboard, settings, languages, preview and download."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workbench.accounts.users import ADMIN, UserError, check_name
from workbench.catalogs.build import Built, build_source
from workbench.catalogs.model import Entry
from workbench.catalogs.rows import source_of
from workbench.catalogs.stats import catalog_stats
from workbench.catalogs.update import update_statement
from workbench.errors import WorkbenchError
from workbench.lang.locales import language
from workbench.project import Statement
from workbench.web.auth import local_target, role_required
from workbench.web.context import page_message, workbench
from workbench.web.i18n import UI_LANGUAGES
from workbench.web.routing import bp, render_page, resolve


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
                cells.append({"lang": lang, "error": page_message(exc)})
                continue
            figures = catalog_stats(catalog.entries)
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
        try:
            session["pseudonym"] = check_name(request.form.get("pseudonym", ""))
            flash(_("Your name in the catalogs is now %(name)s.", name=session["pseudonym"]))
            return redirect(url_for("main.settings"))
        except UserError as exc:
            flash(page_message(exc), "error")
    return render_template("settings.html")


@bp.route("/admin/languages", methods=["GET", "POST"])
@role_required(ADMIN)
def languages() -> Any:
    wb = workbench()
    if request.method == "POST":
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
            flash(page_message(exc), "error")
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
        counts=catalog_stats(entries),
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
