"""The glossary's own consistency: one term given statuses that contradict each other.

Two terms of one language are the same term when one is a word form of the
other, as the matchers read them (:mod:`workbench.glossary.sameterm`: شورا and
شوراها, ي and ی, a ZWNJ or not; council and councils). The combinations:

=========================  ===========================================  ========
statuses of the same term  why                                          finding
=========================  ===========================================  ========
preferred and forbidden    the check demands it for one source term      error
                           and reports it as an error for another
preferred and deprecated   the glossary both prescribes and discourages  warning
                           it
approved and forbidden or  one concept, two verdicts on one word         error
deprecated in one concept
admitted and forbidden     deliberate: a word admitted in a narrow use   none
                           (quotations of the regime's language:
                           اغتشاشگر under "rioter") and forbidden where
                           it would take sides (under "protester")
admitted and deprecated    deliberate in the same way (شهید under        none
                           "martyr", deprecated under "the-fallen")
preferred in two concepts  one word for two meanings is no               none
                           contradiction (شورا)
any two, in the source     the checks find both concepts wherever the    warning
language, of two concepts  term occurs and want the renderings of both:
                           a duplicate, or two meanings of one word
=========================  ===========================================  ========

The deliberate pairs are for the decision notes to explain. A source term
is looked at in the source language only when :func:`contradictions` is told
which language that is; :func:`first_term_taken` finds the concept that
already has a term (:mod:`workbench.glossary.sameterm`), for ``glossary add``.

A concept that two machines changed in ways a sync could not settle keeps
both versions (:mod:`workbench.glossary.conflict`) until someone settles it;
:func:`sync_conflicts` reports each such concept as an error, as ``workbench
check`` reports a unit in conflict: the team has to choose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from workbench.glossary.conflict import PREFERRED as PREFERRED_CLASH
from workbench.glossary.conflict import Clash, clashes, settle_command
from workbench.glossary.model import (
    APPROVED,
    DEPRECATED,
    FORBIDDEN,
    PREFERRED,
    REJECTED,
    Concept,
    Term,
)
from workbench.glossary.sameterm import forms, same_term_in, written

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Contradiction:
    """Two terms of a glossary, the same term in one language, with contradicting statuses."""

    severity: str
    language: str
    term: str  # as the first concept writes it
    first: tuple[str, str]  # concept id and status
    second: tuple[str, str]  # concept id and status (the same id: within one concept)
    other_text: str  # as the second concept writes it
    #: A source term of two concepts, whatever their statuses (see the table above).
    source_term: bool = False

    @property
    def message(self) -> str:
        (a, sa), (b, sb) = self.first, self.second
        same = f"«{self.term}»" + (
            f" (as «{self.other_text}»)" if self.other_text != self.term else ""
        )
        if self.source_term:
            return (
                f'the {self.language} term {same} is a source term of both "{a}" and "{b}", so '
                "the checks want the renderings of both wherever it occurs; merge them into one "
                "concept, or remove one"
            )
        if a == b:
            return (
                f'concept "{a}" has the {self.language} term {same} as {sa} and as {sb}; '
                "keep one status"
            )
        return (
            f'the {self.language} term {same} is {sa} in "{a}" and {sb} in "{b}"; '
            f'make it admitted in "{a if sa == PREFERRED else b}" (for a narrow use the note '
            "explains) or remove one"
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the contradiction in the JSON shape of ``workbench glossary check``."""
        return {
            "kind": "contradiction",
            "severity": self.severity,
            "language": self.language,
            "term": self.term,
            "other": self.other_text,
            "concepts": [
                {"concept": self.first[0], "status": self.first[1]},
                {"concept": self.second[0], "status": self.second[1]},
            ],
            "message": self.message,
        }


def _verdict(a: str, b: str, same_concept: bool) -> str | None:
    pair = {a, b}
    if same_concept:
        return ERROR if pair & set(APPROVED) and pair & set(REJECTED) else None
    if pair == {PREFERRED, FORBIDDEN}:
        return ERROR
    if pair == {PREFERRED, DEPRECATED}:
        return WARNING
    return None  # admitted beside a rejection is deliberate; see the table above


def contradictions(
    concepts: Iterable[Concept],
    languages: Iterable[str] | None = None,
    source_language: str | None = None,
):
    """Return the contradictions of a termbase, in the order of its concepts.

    With *source_language*, a term of that language in two concepts is one
    too (a warning), whatever its statuses.
    """
    wanted = set(languages) if languages is not None else None
    by_language: dict[str, list[tuple[Concept, Term, frozenset[str]]]] = {}
    for concept in concepts:
        for term in concept.terms:
            if wanted is not None and term.language not in wanted:
                continue
            by_language.setdefault(term.language, []).append((concept, term, forms(term)))
    found: list[Contradiction] = []
    for language, entries in by_language.items():
        index: dict[str, list[int]] = {}
        for i, (_, _, term_forms) in enumerate(entries):
            for form in term_forms:
                index.setdefault(form, []).append(i)
        seen: set[tuple[int, int]] = set()
        for i, (_, term, _forms_i) in enumerate(entries):
            for j in index.get(written(term), ()):
                a, b = sorted((i, j))
                if a == b or (a, b) in seen:
                    continue
                seen.add((a, b))
                (ca, ta, _), (cb, tb, _) = entries[a], entries[b]
                severity = _verdict(ta.status, tb.status, ca.id == cb.id)
                source_term = False
                if severity is None and language == source_language and ca.id != cb.id:
                    severity, source_term = WARNING, True
                if severity:
                    found.append(
                        Contradiction(
                            severity, language, ta.text, (ca.id, ta.status), (cb.id, tb.status),
                            tb.text, source_term,
                        )
                    )  # fmt: skip
    return found


@dataclass(frozen=True)
class SyncConflict:
    """A concept that keeps two machines' clashing edits after a sync, waiting to be settled."""

    concept: str
    clashes: tuple[Clash, ...]
    severity: str = ERROR

    @property
    def message(self) -> str:
        return (
            f'concept "{self.concept}" keeps two machines\' versions after a sync; keep it as '
            f"it is now with: {settle_command(self.concept)}, or change it with glossary edit, "
            "which settles it too"
        )

    @property
    def details(self) -> list[str]:
        """What each machine said, one line a clash, with the command that takes the other's."""
        return [clash.describe(self.concept) for clash in self.clashes]

    def as_dict(self) -> dict[str, Any]:
        """Return the conflict in the JSON shape of ``workbench glossary check``."""
        return {
            "kind": "conflict",
            "severity": self.severity,
            "concept": self.concept,
            "clashes": [clash.as_dict() for clash in self.clashes],
            "settle": settle_command(self.concept),
            "message": self.message,
        }


def sync_conflicts(
    concepts: Iterable[Concept], languages: Iterable[str] | None = None
) -> list[SyncConflict]:
    """Return the concepts that keep a sync conflict, in the order of the termbase.

    With *languages*, a clash of two preferred renderings counts only in
    those; a clash of the concept's own fields counts always.
    """
    wanted = set(languages) if languages is not None else None
    found = []
    for concept in concepts:
        if not concept.conflict:
            continue
        kept = tuple(
            clash
            for clash in clashes(concept)
            if wanted is None or clash.kind != PREFERRED_CLASH or clash.language in wanted
        )
        if kept:
            found.append(SyncConflict(concept.id, kept))
    return found


def first_term_taken(
    concepts: Iterable[Concept], terms: Iterable[Term]
) -> tuple[Term, Concept] | None:
    """Return the first of *terms* a concept has already (:func:`same_term_in`), and the concept.

    A new concept whose source term is another's is a second concept for one
    word: the command line and the web form ask for it to be said on purpose.
    """
    concepts = list(concepts)
    for term in terms:
        found = same_term_in(concepts, term)
        if found is not None:
            return term, found[0]
    return None
