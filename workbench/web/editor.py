"""The editor: a statement's units side by side with their translations, page by page.

What a page shows is an :class:`EditorView`: a filter (all, untranslated, to
review...), a search, a page and the unit in focus, all in the URL. With
the filter "all" and no search the page is a stretch of the document,
repeats included; otherwise it lists only the units that match, and a
search adds at most one unit of context on each side of each match,
marked as context and read-only. Search hits are marked in the source and
in the translation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from workbench.accounts.users import ADMIN, REVIEWER
from workbench.catalogs import model as cat
from workbench.catalogs import plurals
from workbench.catalogs.comments import comments_of, other_notes
from workbench.catalogs.conflict import conflicts_of, has_conflict
from workbench.catalogs.rows import Row, rows, source_of
from workbench.catalogs.search import PLACES, Searcher, UnitSearch
from workbench.catalogs.stats import catalog_stats
from workbench.errors import GlossaryError, SearchError, WorkbenchError
from workbench.glossary.model import REJECTED, STATUSES
from workbench.lang.links import links_blanked
from workbench.lang.locales import language
from workbench.memory.memory import Suggestions
from workbench.memory.similarity import diff
from workbench.project import Statement
from workbench.web.context import page_message, workbench
from workbench.web.i18n import CHECK_NAMES, SEVERITIES, number
from workbench.web.routing import bp, page_of, requested_page, resolve, statement_title

REVIEW = "review"  # translated, not reviewed yet: what a reviewer reads next
CONFLICTS = "conflicts"  # units a sync kept two versions of
FILTERS = (
    "all",
    "untranslated",
    "fuzzy",
    "findings",
    CONFLICTS,
    "translated",
    REVIEW,
    "reviewed",
)
EDIT_STATUSES = (cat.FUZZY, cat.TRANSLATED, cat.REVIEWED)
#: Flash categories of what is said about the unit a page lands at (saved, dismissed...):
#: shown beside that unit when it is on the page, else at the top of the page.
UNIT_NOTICE = "unit"
UNIT_ERROR = "unit error"
UNIT_NOTICES = (UNIT_NOTICE, UNIT_ERROR)
#: Suggestions and glossary renderings a key takes (Alt+M 1–5, Alt+G 1–9).
SUGGESTION_KEYS = 5
RENDERING_KEYS = 9


# -- what a page shows ------------------------------------------------------------


@dataclass(frozen=True)
class EditorView:
    """A filter, a search, a page and the unit in focus, as the URL gives them."""

    filter: str = "all"
    search: UnitSearch | None = None
    page: int = 1
    focus: str | None = None

    @classmethod
    def parse(cls, args: Mapping[str, str]) -> EditorView:
        """Read a view from URL arguments (or a form); unknown values fall back to defaults."""
        filt = args.get("filter", "all")
        text = args.get("q", "")[:1000]
        search = None
        if text.strip():
            search = UnitSearch(
                text,
                where=args.get("in", "both") if args.get("in") in PLACES else "both",
                case=args.get("case") == "1",
                word=args.get("word") == "1",
                pattern=args.get("regex") == "1",
            )
        page = requested_page(args)
        return cls(filt if filt in FILTERS else "all", search, page, args.get("focus") or None)

    @classmethod
    def of_query(cls, query: str) -> EditorView:
        """Read a view from a query string (a form's hidden ``view`` field)."""
        return cls.parse(dict(parse_qsl(query[:2000], keep_blank_values=True)))

    def args(self) -> dict[str, str]:
        """Return the URL arguments of the filter and the search (not the page or focus)."""
        out: dict[str, str] = {}
        if self.filter != "all":
            out["filter"] = self.filter
        if self.search is not None:
            out["q"] = self.search.text
            if self.search.where != "both":
                out["in"] = self.search.where
            for name, on in (
                ("case", self.search.case),
                ("word", self.search.word),
                ("regex", self.search.pattern),
            ):
                if on:
                    out[name] = "1"
        return out

    @property
    def query(self) -> str:
        """The filter and search as a query string, for a form's hidden ``view`` field."""
        return urlencode(self.args())

    @property
    def document(self) -> bool:
        """Whether the page is a stretch of the document (no filter, no search)."""
        return self.filter == "all" and self.search is None


def editor_url(
    lang: str,
    stmt_id: str,
    *,
    key: str | None = None,
    view: EditorView | None = None,
    page: int | None = None,
) -> str:
    """Return the URL of the editor in *view*, at the unit *key* (or on *page*)."""
    args = dict(view.args()) if view is not None else {}
    if key:
        args["focus"] = key
    elif page and page > 1:
        args["page"] = str(page)
    url = url_for("main.editor", lang=lang, statement=stmt_id)
    if args:
        url += "?" + urlencode(args)
    return url + (f"#u-{key}" if key else "")


# -- choosing the units ------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A unit on the page: a match (or a stretch of the document), or context around one."""

    row: Row
    context: bool = False
    source_hits: tuple[tuple[int, int], ...] = ()
    target_hits: tuple[tuple[int, int], ...] = ()


def _wanted(filt: str, findings: Mapping[str, list]) -> Callable[[Row], bool]:
    """Return the test of a unit against the filter *filt*."""
    statuses = {
        "untranslated": (cat.UNTRANSLATED, "missing"),
        "fuzzy": (cat.FUZZY,),
        "translated": (cat.TRANSLATED,),
        REVIEW: (cat.TRANSLATED,),
        "reviewed": (cat.REVIEWED,),
    }
    if filt == "findings":
        return lambda row: bool(findings.get(row.key))
    if filt == CONFLICTS:
        return lambda row: row.entry is not None and has_conflict(row.entry)
    if filt in statuses:
        return lambda row: row.status in statuses[filt]
    return lambda row: True


def select(
    all_rows: list[Row], wanted: Callable[[Row], bool], searcher: Searcher | None
) -> list[Shown]:
    """Return the units that pass the filter and the search, with their hits (may raise
    SearchError)."""
    out = []
    for row in all_rows:
        if not row.first or not wanted(row):
            continue
        if searcher is None:
            out.append(Shown(row))
            continue
        search = searcher.search
        source = tuple(searcher.spans(row.msgid)) if search.in_source else ()
        target_text = row.entry.msgstr if row.entry is not None else ""
        target = tuple(searcher.spans(target_text)) if search.in_translation else ()
        if source or target:
            out.append(Shown(row, source_hits=source, target_hits=target))
    return out


def with_context(all_rows: list[Row], matches: list[Shown]) -> list[Shown]:
    """Return *matches* in document order with the unit before and after each, as context."""
    at = {r.number: i for i, r in enumerate(all_rows)}
    chosen: dict[int, Shown] = {m.row.number: m for m in matches}
    for match in matches:
        i = at[match.row.number]
        for j in (i - 1, i + 1):
            if 0 <= j < len(all_rows) and all_rows[j].number not in chosen:
                chosen[all_rows[j].number] = Shown(all_rows[j], context=True)
    return [chosen[n] for n in sorted(chosen)]


def document_stretch(all_rows: list[Row], shown: list[Shown]) -> list[Shown]:
    """Return every unit from the first to the last of *shown*: repeats and all."""
    if not shown:
        return []
    first, last = shown[0].row.number, shown[-1].row.number
    return [Shown(r) for r in all_rows if first <= r.number <= last]


def paginate(selected: list[Shown], view: EditorView, size: int) -> tuple[list[Shown], int, int]:
    """Return the units of the view's page (the focused unit's, if any), the page and the
    number of pages."""
    page = view.page
    if view.focus:
        for i, item in enumerate(selected):
            if item.row.key == view.focus:
                page = i // size + 1
                break
    return page_of(selected, page, size)


# -- one unit -------------------------------------------------------------------------


def highlight(
    text: str,
    terms: list | tuple = (),
    renderings: Mapping[str, str] | None = None,
    hits: tuple[tuple[int, int], ...] = (),
) -> Markup:
    """Return *text* escaped, glossary terms marked (their renderings as a title) and search
    *hits* marked."""
    renderings = renderings or {}
    kept = []
    at = 0
    for term in terms:
        if term.start >= at:
            kept.append(term)
            at = term.end
    cuts = sorted(
        {0, len(text), *(p for t in kept for p in (t.start, t.end)), *(p for h in hits for p in h)}
    )
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = str(escape(text[a:b]))
        if any(h0 <= a and b <= h1 for h0, h1 in hits):
            piece = f'<mark class="hit">{piece}</mark>'
        term = next((t for t in kept if t.start <= a and b <= t.end), None)
        if term is not None:
            title = renderings.get(term.concept_id, "")
            piece = (
                f'<mark class="term" tabindex="0" data-concept="{escape(term.concept_id)}"'
                f' title="{escape(title)}">{piece}</mark>'
            )
        out.append(piece)
    return Markup("".join(out))


def _glossary_of(row: Row, lang: str, matcher, glossary) -> tuple[list, list[dict], dict[str, str]]:
    """Return the glossary hits in the unit's source, its concepts with their renderings
    (numbered for the keyboard) and the renderings' titles."""
    # As the glossary check: no term is found inside a link.
    hits = matcher.find(links_blanked(row.msgid)) if row.first else []
    concepts = []
    renderings = {}
    number = 0
    for cid in dict.fromkeys(h.concept_id for h in hits):
        concept = glossary.get(cid)
        if concept is None:
            continue
        terms = []
        for term in concept.terms_in(lang):
            usable = term.status not in REJECTED
            if usable and number < RENDERING_KEYS:
                number += 1
                terms.append((term, number))
            else:
                terms.append((term, None))
        renderings[cid] = " · ".join(f"{t.text} ({_status_label(t.status)})" for t, _n in terms)
        concepts.append({"concept": concept, "terms": terms})
    return hits, concepts, renderings


def unit_item(
    shown: Shown, ctx: dict, draft: str | tuple[str, ...] | None, findings: list | None
) -> dict:
    """Return what the template needs to show one unit."""
    row = shown.row
    lang = ctx["lang"]
    hits, concepts, renderings = _glossary_of(row, lang, ctx["matcher"], ctx["glossary"])
    entry = row.entry
    item: dict[str, Any] = {
        "row": row,
        "context": shown.context,
        "source_html": highlight(row.msgid, hits, renderings, shown.source_hits),
        "target_html": highlight(entry.msgstr, hits=shown.target_hits)
        if entry is not None and shown.target_hits
        else None,
        "concepts": concepts,
        "findings": [],
        "suggestions": Suggestions(),
        "draft": draft,
        "comments": comments_of(entry) if entry is not None else [],
        "notes": other_notes(entry) if entry is not None else (),
        "source_diff": None,
        "conflicts": conflicts_of(entry) if row.first and entry is not None else [],
    }
    if row.first and entry is not None and entry.plural:
        item["forms"] = plural_boxes(entry, ctx["plural_rule"], lang, draft)
    if entry is None or not row.first or shown.context:
        return item
    if entry.fuzzy and entry.previous_msgid and entry.previous_msgid != entry.msgid:
        item["source_diff"] = diff(entry.previous_msgid, entry.msgid)
    item["findings"] = (
        findings
        if findings is not None
        else ctx["checker"].unit_findings(ctx["statement"].id, entry, row.line)
    )
    if entry.status in (cat.UNTRANSLATED, cat.FUZZY):
        item["suggestions"] = _suggestions(ctx["memory"], row, entry, ctx["statement"].id)
    return item


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
            else _("form %(n)s", n=number(label.index + 1)),
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


# -- the page ---------------------------------------------------------------------------


def editor_context(
    lang: str,
    stmt: Statement,
    view: EditorView,
    drafts: dict[str, str | tuple[str, ...]] | None = None,
) -> dict:
    """Return everything the editor template shows of *stmt* in *lang* for *view*."""
    wb = workbench()
    source = source_of(wb.project, stmt)
    catalog = wb.store.get(lang, stmt.id)
    all_rows = rows(source, catalog.entries)
    checker = wb.checker(lang)
    findings: dict[str, list] = {}
    if view.filter == "findings":
        findings = {
            r.key: checker.unit_findings(stmt.id, r.entry, r.line)
            for r in all_rows
            if r.first and r.entry is not None
        }
    search_error = None
    try:
        searcher = view.search.searcher() if view.search is not None else None
        selected = select(all_rows, _wanted(view.filter, findings), searcher)
    except SearchError as exc:
        search_error = page_message(exc)
        selected = []
    on_page, page, pages = paginate(selected, view, current_app.config["WORKBENCH_PAGE_SIZE"])
    if view.document:
        on_page = document_stretch(all_rows, on_page)
    elif view.search is not None:
        on_page = with_context(all_rows, on_page)
    view = replace(view, page=page)

    ctx = {
        "lang": lang,
        "statement": stmt,
        "checker": checker,
        "matcher": wb.source_matcher(),
        "glossary": wb.usable_glossary(),
        "memory": wb.memory(lang),
        "plural_rule": plurals.parse_rule(catalog.header.get("Plural-Forms")),
    }
    units = [
        unit_item(
            shown,
            ctx,
            (drafts or {}).get(shown.row.key),
            findings.get(shown.row.key) if view.filter == "findings" else None,
        )
        for shown in on_page
    ]
    return {
        "lang": lang,
        "info": language(lang),
        "statement": stmt,
        "title": statement_title(stmt),
        "short_title": statement_title(stmt, 60),
        "units": units,
        "view": view,
        "filter": view.filter,
        "query": view.search.text if view.search else "",
        "search": view.search or UnitSearch(""),
        "search_error": search_error,
        "page": page,
        "pages": pages,
        "selected": len(selected),
        "counts": catalog_stats(catalog.entries, wb.store.template_keys(stmt.id) or ()),
        "focus": view.focus,
        # The page lands at the focused unit: what is said about it is said there.
        "notices_at_unit": any(
            u["row"].key == view.focus
            and u["row"].first
            and not u["context"]
            and u["row"].entry is not None
            for u in units
        ),
        "UNIT_NOTICES": UNIT_NOTICES,
        # The digits the shortcuts take, in the interface's digits (made here: Jinja would
        # fold "1|num" once, in whichever language the template was first compiled).
        "key_ranges": {
            "memory": f"{number(1)}–{number(SUGGESTION_KEYS)}",
            "glossary": f"{number(1)}–{number(RENDERING_KEYS)}",
        },
        "statuses": statuses_for_user(),
        "status_labels": {status: _(status) for status in cat.STATUSES},
        "filters": filters_for_user(),
        "approvable": [
            u["row"]
            for u in units
            if not u["context"] and u["row"].first and u["row"].status == cat.TRANSLATED
        ],
        "source_lang": wb.project.source_language,
        "memory_warming": wb.memory_warming(lang),
        "glossary_problem": glossary_notice(wb.glossary_problem()),
        # For the checks run as you type: the script names them as the page does.
        "check_labels": {name: _(name) for name in CHECK_NAMES},
        "severity_labels": {name: _(name) for name in SEVERITIES},
    }


def glossary_notice(problem: GlossaryError | None) -> Markup | None:
    """Return what the editor says at its top while the glossary file cannot be read."""
    if problem is None:
        return None
    wb = workbench()
    where = problem.path or "glossary/glossary.tbx"
    where = wb.project.relative(Path(where)) if Path(where).is_absolute() else where
    said = {
        "file": Markup('<bdi dir="ltr">%s</bdi>') % where,
        "line": number(problem.line) if problem.line else "",
        "command": Markup('<code dir="ltr">git checkout -- %s</code>') % where,
        "glossary": Markup('<a href="%s">%s</a>')
        % (url_for("glossary.index"), _("The glossary page")),
    }
    if problem.line and current_user.is_authenticated and current_user.can(ADMIN):
        text = _(
            "The glossary %(file)s cannot be read: line %(line)s is broken. Until it is fixed, "
            "units show no glossary terms and the glossary check is off; saving works. Fix "
            "that line, or restore the last committed glossary with %(command)s. "
            "%(glossary)s says what is wrong."
        )
    elif problem.line:
        # The command runs on the server, where only whoever keeps the project works.
        text = _(
            "The glossary %(file)s cannot be read: line %(line)s is broken. Until it is fixed, "
            "units show no glossary terms and the glossary check is off; saving works. Ask "
            "the project's administrator to fix that line or restore the last committed "
            "glossary. %(glossary)s says what is wrong."
        )
    else:
        text = _(
            "The glossary %(file)s cannot be read. Until it can, units show no glossary terms "
            "and the glossary check is off; saving works. %(glossary)s says what is wrong."
        )
    return escape(text) % said


def statuses_for_user() -> tuple[str, ...]:
    if current_user.can(REVIEWER):
        return EDIT_STATUSES
    return (cat.FUZZY, cat.TRANSLATED)


def filters_for_user() -> tuple[str, ...]:
    """Return the filters this person may choose: "to review" is for reviewers."""
    if current_user.can(REVIEWER):
        return FILTERS
    return tuple(f for f in FILTERS if f != REVIEW)


@bp.route("/translate/<lang>/<statement>/")
def editor(lang: str, statement: str) -> Any:
    lang, stmt = resolve(lang, statement)
    view = EditorView.parse(request.args)
    return render_template("editor.html", **editor_context(lang, stmt, view))
