"""The editor: a statement's units side by side with their translations, page by page."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from workbench.accounts.users import REVIEWER
from workbench.catalogs import model as cat
from workbench.catalogs import plurals
from workbench.catalogs.conflict import conflicts_of, has_conflict
from workbench.catalogs.rows import Row, rows, source_of
from workbench.catalogs.stats import catalog_stats
from workbench.errors import WorkbenchError
from workbench.glossary.model import STATUSES
from workbench.lang.locales import format_number, language
from workbench.memory.memory import Suggestions
from workbench.web.context import workbench
from workbench.web.i18n import CHECK_NAMES, SEVERITIES, ui_locale
from workbench.web.routing import bp, resolve

FILTERS = ("all", "untranslated", "fuzzy", "findings", "conflicts", "translated", "reviewed")
EDIT_STATUSES = (cat.FUZZY, cat.TRANSLATED, cat.REVIEWED)


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
    if filt == "conflicts" and (row.entry is None or not has_conflict(row.entry)):
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


def editor_context(
    lang: str,
    stmt,
    *,
    filt: str,
    query: str,
    page: int,
    focus: str | None = None,
    drafts: dict[str, str | tuple[str, ...]] | None = None,
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

    rule = plurals.parse_rule(catalog.header.get("Plural-Forms"))
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
            "conflicts": conflicts_of(row.entry) if row.first and row.entry is not None else [],
        }
        if row.first and row.entry is not None and row.entry.plural:
            item["forms"] = plural_boxes(row.entry, rule, lang, item["draft"])
        if row.first and row.entry is not None:
            item["findings"] = (
                findings.get(row.key)
                if filt == "findings"
                else checker.unit_findings(stmt.id, row.entry, row.line)
            )
            if row.entry.status in (cat.UNTRANSLATED, cat.FUZZY):
                item["suggestions"] = _suggestions(memory, row, row.entry, stmt.id)
        units.append(item)

    counts = catalog_stats(catalog.entries)
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
        "statuses": statuses_for_user(),
        "filters": FILTERS,
        "source_lang": wb.project.source_language,
        "memory_warming": wb.memory_warming(lang),
        # For the checks run as you type: the script names them as the page does.
        "check_labels": {name: _(name) for name in CHECK_NAMES},
        "severity_labels": {name: _(name) for name in SEVERITIES},
    }


def plural_boxes(
    entry: cat.Entry, rule: plurals.PluralRule | None, lang: str, draft: object = None
) -> list[dict]:
    """Return one box per plural form: its field name, label, sample numbers and text."""
    names = {
        "zero": _("zero"),
        "one": _("one"),
        "two": _("two"),
        "few": _("few"),
        "many": _("many"),
        "other": _("other"),
    }
    texts = draft if isinstance(draft, tuple) else entry.msgstr_plural
    return [
        {
            "name": f"msgstr[{label.index}]",
            "label": names[label.category]
            if label.category in names
            else _("form %(n)s", n=format_number(label.index + 1, ui_locale())),
            "examples": label.examples,
            "text": texts[label.index] if label.index < len(texts) else "",
        }
        for label in plurals.form_labels(rule, lang, len(entry.msgstr_plural))
    ]


def _suggestions(memory, row: Row, entry: cat.Entry, statement: str) -> Suggestions:
    try:
        return memory.lookup(
            row.msgid, prefer=statement, exclude=(statement, entry.msgctxt or "", row.msgid)
        )
    except WorkbenchError:
        return Suggestions()


def _status_label(status: str) -> str:
    # The four statuses are marked for translation in i18n.WORDS.
    return _(status) if status in STATUSES else status


def statuses_for_user() -> tuple[str, ...]:
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
    context = editor_context(
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
