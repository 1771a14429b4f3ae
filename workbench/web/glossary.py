"""Glossary pages: browse and search concepts, see where a term occurs and
how it was rendered, and (reviewers and admins) add and edit concepts."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Any

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup, escape

from workbench.accounts.users import REVIEWER
from workbench.catalogs.rows import unit_key
from workbench.catalogs.update import msgid_of
from workbench.checks.base import language_name
from workbench.corpus.concordance import concept_matcher
from workbench.corpus.concordance import occurrences as occurrences_of
from workbench.errors import GlossaryError, LanguageError, WorkbenchError
from workbench.glossary import conflict
from workbench.glossary import model as gl
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Term
from workbench.lang.locales import display_name, language, text_direction
from workbench.messages import N_, Data, Message, Source
from workbench.terms.contradictions import first_term_taken
from workbench.web.auth import role_required
from workbench.web.context import page_message, workbench
from workbench.web.editor import highlight
from workbench.web.i18n import isolated, ui_locale
from workbench.web.routing import page_of, requested_page

bp = Blueprint("glossary", __name__, url_prefix="/glossary")

#: Blank term rows offered on the concept form for new terms.
BLANK_TERMS = 3
#: Concepts on one page of the glossary list.
CONCEPTS_PER_PAGE = 100


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.route("/")
def index() -> Any:
    wb = workbench()
    query = request.args.get("q", "")[:200]
    concepts = wb.glossary().search(query)
    # A glossary imported from another tool has thousands of concepts: the
    # list is shown a page at a time, the search goes over them all.
    shown, page, pages = page_of(concepts, requested_page(request.args), CONCEPTS_PER_PAGE)
    return render_template(
        "glossary.html",
        concepts=concepts,
        listed=[
            (c, {lang: ranked(c.terms_in(lang)) for lang in wb.project.languages}) for c in shown
        ],
        page=page,
        pages=pages,
        rejected=gl.REJECTED,
        query=query,
        languages=wb.project.languages,
        source_lang=wb.project.source_language,
    )


def ranked(terms: tuple[Term, ...] | list[Term]) -> list[Term]:
    """Return *terms* by status: preferred, admitted, deprecated, forbidden (each kept in its
    order)."""
    rank = {status: i for i, status in enumerate(gl.STATUSES)}
    return sorted(terms, key=lambda t: rank.get(t.status, len(rank)))


def occurrences(concept: Concept, limit: int = 200) -> list[dict]:
    """Return every unit whose source holds *concept*, with its translations (the
    concordance's :func:`~workbench.corpus.concordance.occurrences`)."""
    wb = workbench()
    try:
        matcher = concept_matcher(concept, wb.project.source_language)
    except GlossaryError:
        return []  # no source term to look for

    def read(lang: str, statement: str):
        try:
            return wb.store.get(lang, statement)
        except WorkbenchError:
            return None

    found: list[dict] = []
    languages = wb.project.languages
    places = occurrences_of(
        wb.project, matcher, wb.project.statements(), languages=languages, read=read
    )
    for place in places:
        if place.unit is None:
            continue
        start = place.unit.start
        hits = [h._replace(start=h.start - start, end=h.end - start) for h in place.hits]
        translations = []
        for lang in languages:
            translation = place.translation(lang)
            translations.append(
                {
                    "lang": lang,
                    "entry": place.entries.get(lang),
                    "html": highlight(
                        translation.text,
                        hits=tuple((r.start, r.end) for r in translation.renderings),
                    ),
                }
            )
        first = next((t["entry"] for t in translations if t["entry"] is not None), None)
        found.append(
            {
                "statement": place.statement,
                "line": place.line,
                "key": unit_key(msgid_of(place.unit.text), first.msgctxt if first else None),
                "source_html": highlight(place.unit.text, hits),
                "translations": translations,
            }
        )
        if len(found) >= limit:
            break
    return found


def said_clashes(item: Concept) -> list[Markup]:
    """Say each clash of *item*'s sync conflict in the interface's language, its texts isolated."""
    return [_said_clash(clash) for clash in conflict.clashes(item)]


def _said_clash(clash: conflict.Clash) -> Markup:
    def text(value: str, lang: str | None = None) -> Markup:
        try:
            direction = language(lang).direction if lang else None
        except LanguageError:
            direction = None  # a line written by hand may name any language
        if direction:
            return Markup('<bdi lang="%s" dir="%s">%s</bdi>') % (lang, direction, value)
        # Written in any language, often mixed: the direction of most of its letters.
        return Markup('<bdi dir="%s">%s</bdi>') % (text_direction(value), value)

    if clash.kind == conflict.PREFERRED:
        return escape(
            _(
                "%(language)s preferred: «%(ours)s» here, «%(theirs)s» on the other machine "
                "(kept as admitted)"
            )
        ) % {
            "language": display_name(clash.language, ui_locale()),
            "ours": text(clash.ours, clash.language),
            "theirs": text(clash.theirs, clash.language),
        }
    if clash.kind == conflict.FIELD:
        names = {"definition": _("definition"), "subject": _("subject"), "note": _("decision")}
        return escape(_("%(field)s: %(ours)s here (kept), %(theirs)s on the other machine")) % {
            "field": names[clash.field],
            "ours": text(clash.ours) if clash.ours else _("empty"),
            "theirs": text(clash.theirs) if clash.theirs else _("empty"),
        }
    if clash.kind == conflict.REMOVED:
        return escape(_("removed on one machine while edited on another, and kept with the edits"))
    return text(clash.line)


@bp.route("/concept/<concept_id>")
def concept(concept_id: str) -> Any:
    wb = workbench()
    item = wb.glossary().get(concept_id)
    if item is None:
        abort(404, description=_("No concept %(id)s in the glossary.", id=isolated(concept_id)))
    return render_template(
        "concept.html",
        concept=item,
        clashes=said_clashes(item),
        occurrences=occurrences(item),
        languages=wb.project.languages,
        source_lang=wb.project.source_language,
    )


def _form_terms(form) -> list[Term]:
    terms = []
    for i in range(200):
        text = form.get(f"term-{i}-text")
        if text is None:
            break
        if not text.strip() or form.get(f"term-{i}-remove"):
            continue
        terms.append(
            Term(
                text=text.strip(),
                language=form.get(f"term-{i}-lang", "").strip(),
                # Checked, with the form kept for correction, when the concept is saved.
                status=form.get(f"term-{i}-status", gl.PREFERRED),
                part_of_speech=form.get(f"term-{i}-pos", ""),
                case_sensitive=bool(form.get(f"term-{i}-case")),
                treatment=form.get(f"term-{i}-treatment", gl.TRANSLATE),
            )
        )
    return terms


def _kept(old: Concept | None, terms: list[Term]) -> list[Term]:
    """Return the form's terms, each keeping what the form does not show (notes, context...)."""
    if old is None:
        return terms
    before = {(t.language, t.text): t for t in old.terms}
    out = []
    for term in terms:
        was = before.get((term.language, term.text))
        if was is None:
            out.append(term)
            continue
        shown = ("status", "part_of_speech", "case_sensitive", "treatment")
        changed = replace(was, **{k: getattr(term, k) for k in shown})
        if changed.given_status and changed.status != was.status:
            changed = replace(changed, given_status="")
        out.append(changed)
    return out


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/concept/<concept_id>/edit", methods=["GET", "POST"])
@role_required(REVIEWER)
def edit(concept_id: str | None = None) -> Any:
    wb = workbench()
    glossary = wb.glossary()
    old = None
    if concept_id is not None:
        old = glossary.get(concept_id)
        if old is None:
            abort(404)
    form_concept = old or Concept(id="")
    status = 200
    if request.method == "POST":
        form = request.form
        try:
            terms = _form_terms(form)
            form_concept = replace(
                old or Concept(id=""),
                id=form.get("id", "").strip(),
                terms=tuple(_kept(old, terms)),
                definition=form.get("definition", "").strip(),
                subject=form.get("subject", "").strip(),
                note=form.get("note", "").strip(),
                # A reviewer who saves the concept has settled what a sync left open.
                conflict="",
            )
            if not terms:
                # Kept as typed (an empty id stays empty) for the person to complete.
                raise GlossaryError(
                    Message.of(N_("a concept needs at least one term; write one in the table"))
                )
            _refuse_a_script_mismatch(terms)
            if not form_concept.id:
                source_terms = [t for t in terms if t.language == wb.project.source_language]
                made = glossary.new_id((source_terms or terms)[0].text)
                form_concept = replace(form_concept, id=made)
            if old is None:
                own = [t for t in terms if t.language == wb.project.source_language]
                another = bool(form.get("another_meaning"))

                def add(current: gl.Glossary) -> gl.Glossary:
                    if not another:
                        _refuse_a_second_concept(current, own)
                    return current.add(form_concept)

                glossary_store.modify(wb.project, add)
            else:
                glossary_store.modify(wb.project, lambda g: g.replace(form_concept, old_id=old.id))
            flash(_("Saved the concept %(id)s.", id=isolated(form_concept.id)))
            return redirect(url_for("glossary.concept", concept_id=form_concept.id))
        except WorkbenchError as exc:
            flash(page_message(exc), "error")
            status = 400
    return render_template(
        "concept_form.html",
        concept=form_concept,
        is_new=old is None,
        another_meaning=bool(request.form.get("another_meaning")),
        blank=blank_languages(
            form_concept, wb.project.source_language, wb.project.languages, BLANK_TERMS
        ),
        languages=(wb.project.source_language, *wb.project.languages),
        statuses=gl.STATUSES,
        treatments=gl.TREATMENTS,
        parts=gl.PARTS_OF_SPEECH,
    ), status


def blank_languages(
    concept: Concept, source: str, targets: tuple[str, ...], blank: int
) -> list[str]:
    """Return the language each of the form's *blank* rows offers first.

    The source language while the concept has no source term, then each
    target language it has no rendering in yet, then the first target
    language: a rendering typed into the second row of a new concept is a
    translation, not a second source term.
    """
    have = {t.language for t in concept.terms}
    wanted = [lang for lang in (source, *targets) if lang not in have]
    fallback = targets[0] if targets else source
    return [wanted[i] if i < len(wanted) else fallback for i in range(blank)]


def _refuse_a_script_mismatch(terms: list[Term]) -> None:
    """Raise for a term written right to left in a row whose language is written left to right.

    The language picked in a row is easy to leave as it was: a Persian
    rendering saved as an English term would never be checked.
    """
    for term in terms:
        try:
            direction = language(term.language).direction
        except LanguageError:
            continue  # refused, with its own message, when the concept is checked
        if (
            direction == "ltr"
            and text_direction(term.text) == "rtl"
            and not any(unicodedata.bidirectional(c) == "L" for c in term.text)
        ):
            raise GlossaryError(
                Message.of(
                    N_(
                        "«%(term)s» is written right to left, but its row says %(language)s: "
                        "choose the language it is written in"
                    ),
                    term=Data(term.text),
                    language=language_name(term.language),
                )
            )


def _refuse_a_second_concept(glossary: gl.Glossary, terms: list[Term]) -> None:
    """Raise if a concept has one of the source *terms* already (two concepts, one word)."""
    taken = first_term_taken(glossary, terms)
    if taken is not None:
        term, concept = taken
        raise GlossaryError(
            Message.of(
                N_(
                    "«%(term)s» is already a term of the concept %(id)s: add your renderings "
                    'there, or tick "Another meaning" to add a separate concept'
                ),
                term=Source(term.text),
                id=Data(concept.id),
            )
        )


@bp.route("/concept/<concept_id>/remove", methods=["POST"])
@role_required(REVIEWER)
def remove(concept_id: str) -> Any:
    wb = workbench()
    glossary_store.modify(wb.project, lambda g: g.remove(concept_id))
    flash(_("Removed the concept %(id)s.", id=isolated(concept_id)))
    return redirect(url_for("glossary.index"))
