"""The pages around the editor: dashboard, settings, languages, preview and download."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workbench.accounts.users import ADMIN, MIN_PASSWORD, UserError, check_name
from workbench.catalogs.build import Built, build_source
from workbench.catalogs.model import Entry
from workbench.catalogs.rows import source_of
from workbench.catalogs.stats import catalog_stats, progress_over_time
from workbench.catalogs.update import update_statement
from workbench.checks.findings import units_with_errors
from workbench.errors import WorkbenchError
from workbench.lang.locales import display_name
from workbench.project import Statement
from workbench.web.auth import local_target, role_required
from workbench.web.context import page_message, workbench
from workbench.web.i18n import UI_LANGUAGES, isolated, ui_locale
from workbench.web.routing import bp, render_page, resolve, statement_title


@bp.route("/")
def dashboard() -> Any:
    wb = workbench()
    table = []
    totals = {lang: [0, 0, 0] for lang in wb.project.languages}  # units, done, reviewed
    for stmt in wb.project.statements():
        cells: list[dict[str, Any]] = []
        for lang in wb.project.languages:
            try:
                catalog = wb.store.get(lang, stmt.id)
            except WorkbenchError as exc:
                cells.append({"lang": lang, "error": page_message(exc)})
                continue
            figures = catalog_stats(catalog.entries, wb.store.template_keys(stmt.id) or ())
            for i, n in enumerate(
                (figures.units, figures.translated + figures.reviewed, figures.reviewed)
            ):
                totals[lang][i] += n
            cells.append(
                {
                    "lang": lang,
                    "stats": figures,
                    "changed": catalog.header.get("PO-Revision-Date", ""),
                    "translator": catalog.header.get("Last-Translator", ""),
                }
            )
        table.append({"statement": stmt, "title": statement_title(stmt), "cells": cells})
    table.sort(
        key=lambda item: ((item["title"] or item["statement"].id).casefold(), item["statement"].id)
    )
    charts = [chart(lang, *totals[lang]) for lang in wb.project.languages]
    return render_template(
        "dashboard.html",
        table=table,
        languages=wb.project.languages,
        charts=[c for c in charts if c is not None],
        source_lang=wb.project.source_language,
    )


#: Days a progress chart covers at most.
CHART_DAYS = 60
#: The chart's drawing area (SVG user units): width and height.
CHART_SIZE = (240, 60)


def chart(lang: str, units: int, done: int, reviewed: int) -> dict | None:
    """Return the progress chart of *lang* over the days of its history, or None without one.

    Drawn as inline SVG by the template: a line and an area of the units
    done (translated or reviewed) and a line of the reviewed ones, each day's
    share of all units, from the first day with a save (at most
    :data:`CHART_DAYS` ago) to today.
    """
    daily = workbench().history.daily(lang)
    if not daily or not units:
        return None
    today = int(time.time() // 86400)
    days = min(CHART_DAYS, max(7, today - daily[0][0] + 2))
    series = progress_over_time(done, reviewed, daily, today, days)
    width, height = CHART_SIZE
    step = width / max(1, len(series.days) - 1)

    def points(values: tuple[int, ...]) -> str:
        return " ".join(
            f"{i * step:.1f},{height - height * min(v, units) / units:.1f}"
            for i, v in enumerate(values)
        )

    first_done, last_done = series.done[0], series.done[-1]
    return {
        "lang": lang,
        "viewbox": f"0 0 {width} {height}",
        "done": points(series.done),
        "area": f"0,{height} {points(series.done)} {width},{height}",
        "reviewed": points(series.reviewed),
        "grid": [height * f for f in (0.25, 0.5, 0.75)],
        "start": datetime.fromtimestamp(series.days[0] * 86400, UTC),
        "end": datetime.fromtimestamp(series.days[-1] * 86400, UTC),
        "days": len(series.days),
        "from_percent": round(100 * first_done / units),
        "to_percent": round(100 * last_done / units),
        "reviewed_percent": round(100 * series.reviewed[-1] / units),
    }


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
            flash(
                _("Your name in the catalogs is now %(name)s.", name=isolated(session["pseudonym"]))
            )
            return redirect(url_for("main.settings"))
        except UserError as exc:
            flash(page_message(exc), "error")
    return render_template("settings.html", min_password=MIN_PASSWORD)


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
            flash(
                _(
                    "Added %(name)s (%(code)s).",
                    name=display_name(lang, ui_locale()),
                    code=isolated(lang),
                )
            )
            return redirect(url_for("main.dashboard"))
        except WorkbenchError as exc:
            flash(page_message(exc), "error")
            return render_template("languages.html", code=code, languages=wb.project.languages), 400
    # A page that named a language the project lacks links here with its code.
    code = request.args.get("code", "")[:20]
    return render_template("languages.html", code=code, languages=wb.project.languages)


# -- preview ---------------------------------------------------------------------


@bp.route("/translate/<lang>/<statement>/preview")
def preview(lang: str, statement: str) -> Any:
    lang, stmt = resolve(lang, statement)
    entries, built = _built(lang, stmt)
    wb = workbench()
    # The units the built text publishes (a draft or a gap shows the source),
    # through the checker the editor uses, kept by the server: a unit's
    # findings are remembered by its text and status, so a preview after an
    # edit checks only what changed.
    checker = wb.checker(lang)
    found = [
        finding
        for entry in entries
        if entry.translated and not entry.obsolete
        for finding in checker.unit_findings(stmt.id, entry, editor=False)
    ]
    return render_page(
        "preview.html",
        lang,
        stmt,
        built=built,
        counts=catalog_stats(entries, wb.store.template_keys(stmt.id) or ()),
        errors=units_with_errors(found).get(stmt.id, 0),
        title=statement_title(stmt),
        short_title=statement_title(stmt, 60),
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
