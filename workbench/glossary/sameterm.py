"""One term written two ways: a word form of the other, as the matchers read them.

Two terms of one language are the same term when one is a word form of the
other (council, Councils, council's; شورا and شوراها, ي and ی, a ZWNJ or not),
by the rules of :mod:`workbench.lang.wordforms`. ``glossary add`` refuses a
second concept for a term a concept has; an import merges into that concept
(:mod:`workbench.glossary.merge`); the contradiction search of
:mod:`workbench.terms.contradictions` compares the statuses of such pairs.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.glossary.model import Concept, Term
from workbench.lang.wordforms import morphology


def written(term: Term) -> str:
    """Return *term* folded as the matchers read text."""
    return morphology(term.language).fold(term.text, term.matches_exactly).text.strip(" ")


def forms(term: Term) -> frozenset[str]:
    """Return the folded word forms of *term*, its written form among them."""
    found = morphology(term.language).forms(term.text, term.matches_exactly)
    return frozenset(found) | {written(term)}


def same_term(a: Term, b: Term) -> bool:
    """Tell whether *a* and *b* are one term of one language, one a word form of the other."""
    return a.language == b.language and (written(b) in forms(a) or written(a) in forms(b))


def same_term_in(concepts: Iterable[Concept], term: Term) -> tuple[Concept, Term] | None:
    """Return the first concept with a term that is *term* as the matchers read it, and it."""
    for concept in concepts:
        for other in concept.terms:
            if same_term(other, term):
                return concept, other
    return None


class TermIndex:
    """The concepts that may have a term, by its folded forms, in one language.

    A shortlist: what it returns is checked with :func:`same_term`, so a
    concept changed since it was added (a term taken away) is never a false
    match, only a wasted look.
    """

    def __init__(self, language: str, concepts: Iterable[Concept] = ()) -> None:
        self.language = language
        self._by_form: dict[str, set[str]] = {}
        self._by_written: dict[str, set[str]] = {}
        for concept in concepts:
            self.add(concept)

    def add(self, concept: Concept) -> None:
        """Index the terms of *concept* in this index's language."""
        for term in concept.terms_in(self.language):
            self._by_written.setdefault(written(term), set()).add(concept.id)
            for form in forms(term):
                self._by_form.setdefault(form, set()).add(concept.id)

    def candidates(self, term: Term) -> set[str]:
        """Return the ids of the concepts that may have *term* in some word form."""
        found = set(self._by_form.get(written(term), ()))
        for form in forms(term):
            found |= self._by_written.get(form, set())
        return found
