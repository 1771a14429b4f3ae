"""The glossary check of one translated unit: are the glossary's renderings used?"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
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
from workbench.lang.links import find_links
from workbench.lang.locales import checked_code
from workbench.terms.target import TargetMatcher, target_matcher

if TYPE_CHECKING:
    from workbench.checks.context import Context
    from workbench.terms.source import Hit, SourceMatcher

CHECK = "glossary"


@runtime_checkable
class ConceptLookup(Protocol):
    """Anything that looks concepts up by id: a Glossary, a dict."""

    def get(self, concept_id: str, /) -> Concept | None: ...


@dataclass(frozen=True)
class _Plan:
    hit: Hit
    approved: tuple[Term, ...]
    rejected: tuple[Term, ...]


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
    """
    if not target.strip():
        return []
    language = checked_code(language)
    lookup: Callable[[str], Concept | None]
    if concepts is None:
        lookup = source_matcher.concepts.get
    elif isinstance(concepts, (Glossary, dict)) or isinstance(concepts, ConceptLookup):
        # The common cases first: a protocol's isinstance costs far more than a unit's check.
        lookup = concepts.get  # a Glossary or a dict: no copy per unit
    else:
        lookup = {c.id: c for c in concepts}.get
    matcher = matcher or target_matcher(language)

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
            plans.append(_Plan(hit, tuple(approved), tuple(rejected)))
    if not plans:
        return []
    # Offsets in the folded translation are enough to tell one span inside another.
    wanted = {t for p in plans for t in (*p.approved, *p.rejected)}
    spans = matcher.find_many_folded(target, wanted)
    used = [span for p in plans for t in p.approved for span in spans[t]]

    def finding(severity: str, message: str) -> Finding:
        return Finding(CHECK, severity, language, statement, source, target, message, msgctxt, line)

    findings = []
    for plan in plans:
        source_text = " ".join(plan.hit.text.split())  # one line, even if the source wraps
        advice = (
            f"use {_renderings(plan.approved)}" if plan.approved else "choose another rendering"
        )
        wrong = [t for t in plan.rejected if any(not _within(s, used) for s in spans[t])]
        for term in wrong:
            kind = "forbidden" if term.status == FORBIDDEN else "deprecated"
            findings.append(
                finding(
                    ERROR if term.status == FORBIDDEN else WARNING,
                    f'uses the {kind} rendering «{term.text}» for "{source_text}"; {advice}',
                )
            )
        if wrong or not plan.approved or any(spans[t] for t in plan.approved):
            continue
        kept = [t for t in plan.approved if t.treatment == KEEP]
        for term in kept:
            loose = replace(term, treatment=TRANSLATE, case_sensitive=False)
            near = matcher.find(target, loose)
            if near:
                a, b = near[0]
                findings.append(
                    finding(
                        ERROR,
                        f'"{source_text}" should stay as is, «{term.text}»; '
                        f"the translation has «{target[a:b]}»",
                    )
                )
                break
        else:
            if kept and len(kept) == len(plan.approved):
                message = f'"{source_text}" should stay as is, {_renderings(kept)}'
            else:
                message = f'"{source_text}" should be rendered as {_renderings(plan.approved)}'
                first = plan.approved[0]
                example = matcher.example_form(first.text) if first.treatment != KEEP else None
                if example and example != first.text:
                    message += f" (or a form of it, like «{example}»)"
            findings.append(finding(missing, message + "; not found in the translation"))
    return findings


def _renderings(terms: Iterable[Term]) -> str:
    return " or ".join(f"«{t.text}»" for t in terms)


def _within(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in others)


@unit_check("glossary", reports="error, warning")
def glossary_check(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Glossary terms rendered as the glossary says."""
    if unit.status not in (cat.TRANSLATED, cat.REVIEWED, cat.FUZZY) or not unit.target:
        return []
    if not ctx.glossary:
        return []
    # Words inside a link (…/towards-a-general-strike/) are no terms to translate.
    source = unit.source
    for link in find_links(source):
        source = source.replace(link, " " * len(link))
    found = glossary_findings(
        source,
        unit.target,
        unit.language,
        ctx.source_matcher,
        ctx.concepts,
        statement=unit.statement,
        msgctxt=unit.msgctxt,
        line=unit.line,
    )
    return found if source is unit.source else [replace(f, source=unit.source) for f in found]
