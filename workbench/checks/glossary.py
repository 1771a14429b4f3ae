"""The glossary check of one translated unit: are the glossary's renderings used?"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from workbench.catalogs import model as cat
from workbench.checks.base import unit_check
from workbench.checks.findings import ERROR, WARNING, Finding
from workbench.checks.unit import CheckedUnit
from workbench.glossary.model import (
    APPROVED,
    FORBIDDEN,
    KEEP,
    PREFERRED,
    REJECTED,
    TRANSLATE,
    Concept,
    Glossary,
    Term,
)
from workbench.lang.links import links_blanked
from workbench.lang.locales import checked_code
from workbench.messages import N_, Listing, Message, Source, Target
from workbench.terms.target import TargetMatcher, target_matcher

if TYPE_CHECKING:
    from workbench.checks.context import Context
    from workbench.terms.source import Hit, SourceMatcher

CHECK = "glossary"


@runtime_checkable
class ConceptLookup(Protocol):
    """Anything that looks concepts up by id: a Glossary, a dict."""

    def get(self, concept_id: str, /) -> Concept | None: ...


class Plan:
    """What the glossary asks of a translation, for one concept found in the source."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("hit", "approved", "rejected")

    def __init__(self, hit: Hit, approved: tuple[Term, ...], rejected: tuple[Term, ...]) -> None:
        self.hit = hit  # the concept's first occurrence in the source
        # Renderings to use (a keep-as-is source term itself, if none).
        self.approved = approved
        self.rejected = rejected  # forbidden and deprecated renderings


class Found:
    """Where a translation has each planned rendering."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("spans", "used")

    def __init__(
        self, spans: dict[Term, list[tuple[int, int]]], used: list[tuple[int, int]]
    ) -> None:
        self.spans = spans
        self.used = used  # the spans of approved renderings


def glossary_findings(
    source: str,
    target: str,
    language: str,
    source_matcher: SourceMatcher,
    concepts: ConceptLookup | Iterable[Concept] | None = None,
    *,
    statement: str = "",
    msgctxt: str | None = None,
    line: int | None = None,
    position: int | None = None,
    matcher: TargetMatcher | None = None,
    missing: str = WARNING,
) -> list[Finding]:
    """Check that the glossary's renderings are used in one translated unit.

    For every concept found in *source* (once per concept, however often it
    occurs), one of its preferred or admitted terms in *language* must be in
    *target* as a word form; a keep-as-is term must be there verbatim (a
    source term kept as is stays as is in every language, even without a
    term in *language*). A forbidden rendering present is an error, a
    deprecated one a warning; either replaces the "not found" finding.

    A missing rendering is a warning by default (*missing*): translators
    rightly say "they" for "the councils" now and then, and a check that
    fails on every such sentence gets switched off. A team that wants to
    gate on it passes ``missing="error"``. An untranslated unit gets no
    finding: that is another check's business.

    In three steps: :func:`plan` (what the glossary asks), :func:`find`
    (where the translation has it) and :func:`report` (what is wrong).
    """
    if not target.strip():
        return []
    language = checked_code(language)
    plans = plan(source, language, source_matcher, _lookup(source_matcher, concepts))
    if not plans:
        return []
    matcher = matcher or target_matcher(language)
    found = find(plans, target, matcher)
    return [
        Finding.said(
            CHECK, severity, language, statement, source, target, said, msgctxt, line,
            position=position,
        )
        for severity, said in report(plans, found, target, matcher, missing)
    ]  # fmt: skip


def _lookup(
    source_matcher: SourceMatcher, concepts: ConceptLookup | Iterable[Concept] | None
) -> Callable[[str], Concept | None]:
    if concepts is None:
        return source_matcher.concepts.get
    if isinstance(concepts, (Glossary, dict)) or isinstance(concepts, ConceptLookup):
        # The common cases first: a protocol's isinstance costs far more than a unit's check.
        return concepts.get  # a Glossary or a dict: no copy per unit
    return {c.id: c for c in concepts}.get


def plan(
    source: str,
    language: str,
    source_matcher: SourceMatcher,
    lookup: Callable[[str], Concept | None],
) -> list[Plan]:
    """Return what the glossary asks of a translation of *source* into *language*."""
    firsts: dict[str, Hit] = {}
    for hit in source_matcher.find(source):
        firsts.setdefault(hit.concept_id, hit)
    plans = []
    for concept_id, hit in firsts.items():
        concept = lookup(concept_id)
        if concept is None:
            continue
        approved = concept.terms_for(language, APPROVED)
        if not approved and hit.term.treatment == KEEP:
            approved = [replace(hit.term, language=language, status=PREFERRED)]
        rejected = concept.terms_for(language, REJECTED)
        if approved or rejected:
            plans.append(Plan(hit, tuple(approved), tuple(rejected)))
    return plans


def find(plans: list[Plan], target: str, matcher: TargetMatcher) -> Found:
    """Return where *target* has each rendering the *plans* name.

    Offsets are in the folded translation: enough to tell one span inside another.
    """
    spans = matcher.find_many_folded(target, {t for p in plans for t in (*p.approved, *p.rejected)})
    used = [span for p in plans for t in p.approved for span in spans[t]]
    return Found(spans, used)


def report(
    plans: list[Plan], found: Found, target: str, matcher: TargetMatcher, missing: str = WARNING
) -> list[tuple[str, Message]]:
    """Return (severity, message) for each plan the translation *target* does not keep."""
    out: list[tuple[str, Message]] = []
    spans = found.spans
    for item in plans:
        source_text = Source(" ".join(item.hit.text.split()))  # one line, even if it wraps
        advice = (
            Message.of(N_("use %(renderings)s"), renderings=_renderings(item.approved))
            if item.approved
            else Message.of(N_("choose another rendering"))
        )
        wrong = [t for t in item.rejected if any(not _within(s, found.used) for s in spans[t])]
        for term in wrong:
            template = (
                N_('uses the forbidden rendering «%(term)s» for "%(source)s"; %(advice)s')
                if term.status == FORBIDDEN
                else N_('uses the deprecated rendering «%(term)s» for "%(source)s"; %(advice)s')
            )
            said = Message.of(template, term=Target(term.text), source=source_text, advice=advice)
            out.append((ERROR if term.status == FORBIDDEN else WARNING, said))
        if wrong or not item.approved or any(spans[t] for t in item.approved):
            continue
        kept = [t for t in item.approved if t.treatment == KEEP]
        for term in kept:
            loose = replace(term, treatment=TRANSLATE, case_sensitive=False)
            near = matcher.find(target, loose)
            if near:
                a, b = near[0]
                said = Message.of(
                    N_(
                        '"%(source)s" should stay as is, «%(term)s»; the translation has '
                        "«%(found)s»"
                    ),
                    source=source_text,
                    term=Target(term.text),
                    found=Target(target[a:b]),
                )
                out.append((ERROR, said))
                break
        else:
            out.append((missing, _not_found(item, kept, source_text, matcher)))
    return out


def _not_found(
    item: Plan, kept: list[Term], source_text: Source, matcher: TargetMatcher
) -> Message:
    if kept and len(kept) == len(item.approved):
        return Message.of(
            N_('"%(source)s" should stay as is, %(renderings)s; not found in the translation'),
            source=source_text,
            renderings=_renderings(kept),
        )
    first = item.approved[0]
    example = matcher.example_form(first.text) if _inflects(item, first) else None
    if example and example != first.text:
        return Message.of(
            N_(
                '"%(source)s" should be rendered as %(renderings)s (or a form of it, like '
                "«%(example)s»); not found in the translation"
            ),
            source=source_text,
            renderings=_renderings(item.approved),
            example=Target(example),
        )
    return Message.of(
        N_('"%(source)s" should be rendered as %(renderings)s; not found in the translation'),
        source=source_text,
        renderings=_renderings(item.approved),
    )


def _inflects(item: Plan, term: Term) -> bool:
    """Tell whether *term* is a common noun, whose forms a warning may show.

    Not a proper noun (the term's part of speech, or any other term of the
    concept the plan holds says so: «اراک‌ها» is no word), not a slogan,
    verb or other phrase, not kept as is. A term without a part of speech
    takes its concept's source term's.
    """
    if term.treatment == KEEP or term.term_type == "phrase":
        return False
    terms = (item.hit.term, *item.approved, *item.rejected)
    if any(t.part_of_speech == "properNoun" for t in terms):
        return False
    return (term.part_of_speech or item.hit.term.part_of_speech) in ("", "noun")


def _renderings(terms: Iterable[Term]) -> Listing:
    return Listing(tuple(Target(t.text) for t in terms), N_(" or "), N_("«%(item)s»"))


def _within(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in others)


@unit_check("glossary", reports="error, warning")
def glossary_check(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Glossary terms rendered as the glossary says."""
    if unit.status not in (cat.TRANSLATED, cat.REVIEWED, cat.FUZZY) or not unit.target:
        return []
    if not ctx.glossary:
        return []
    source = links_blanked(unit.source)
    found = glossary_findings(
        source,
        unit.target,
        unit.language,
        ctx.source_matcher,
        ctx.concepts,
        statement=unit.statement,
        msgctxt=unit.msgctxt,
        line=unit.line,
        position=unit.position,
    )
    return found if source is unit.source else [replace(f, source=unit.source) for f in found]
