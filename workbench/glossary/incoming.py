"""What a reader of a glossary file returns: concepts, each with its place in the file.

The TBX and CSV readers return :class:`Incoming` concepts; :func:`located`
makes a glossary of them, and :mod:`workbench.glossary.merge` folds them into
the project's glossary. A CSV row sets a concept's part of speech, treatment
and case sensitivity at once (:func:`shared_attributes`, :func:`apply_shared`),
and may set them for one term (``Incoming.stated``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from workbench.errors import GlossaryError
from workbench.glossary.model import (
    KEEP,
    Concept,
    Glossary,
    Problem,
    Term,
    check_concept,
    duplicate_id,
)


def shared_attributes(concept: Concept, source_language: str) -> dict[str, Any]:
    """Return the part of speech, treatment and case sensitivity standing for *concept*.

    Those of its source-language preferred term, else of its first term: what
    one CSV row shows for the whole concept.
    """
    term = concept.preferred(source_language) or concept.terms[0]
    return {
        "part_of_speech": term.part_of_speech,
        "treatment": term.treatment,
        "case_sensitive": term.case_sensitive,
    }


def apply_shared(
    terms: Iterable[Term], source_language: str, **attributes: Any
) -> tuple[Term, ...]:
    """Give every term *attributes*; a target term written as a source term is kept as is.

    A target term spelled exactly like one of the concept's source terms (IRGC
    in a Persian text) cannot be a translation or transliteration of it.
    """
    terms = tuple(terms)
    source = {t.text for t in terms if t.language == source_language}
    out = []
    for term in terms:
        term = dataclasses.replace(term, **attributes)
        if term.language != source_language and term.text in source:
            term = dataclasses.replace(term, treatment=KEEP)
        out.append(term)
    return tuple(out)


@dataclass(frozen=True)
class Incoming:
    """A concept read from an imported file, with where it was and what it speaks for."""

    concept: Concept
    line: int
    #: The line of each term (TBX); empty when all are on *line* (CSV).
    term_lines: tuple[int, ...] = ()
    #: False when the file gave no id and one was made from a term.
    explicit_id: bool = True
    #: (language, status) pairs the file is authoritative for: terms there that the
    #: file does not list are removed. Languages the file says nothing about stay.
    given: frozenset[tuple[str, str]] = frozenset()
    #: For a CSV row: the concept-wide attributes its cells set; None when each term
    #: carries its own (TBX).
    shared: dict[str, Any] | None = None
    #: For a CSV row: (language, text, attribute) of what its term_exceptions cell
    #: sets for one term, whatever the concept-wide cells say.
    stated: frozenset[tuple[str, str, str]] = frozenset()

    def line_of(self, term: int | None) -> int:
        """Return the line of term number *term*, or of the concept."""
        if term is not None and term < len(self.term_lines):
            return self.term_lines[term]
        return self.line


def located(incoming: list[Incoming], name: str) -> Glossary:
    """Build a glossary from concepts a reader has checked, naming the line of a duplicate id."""
    concepts: dict[str, Concept] = {}
    for item in incoming:
        if item.concept.id in concepts:
            raise GlossaryError(duplicate_id(item.concept.id), path=name, line=item.line or None)
        concepts[item.concept.id] = item.concept
    return Glossary.of_checked(concepts.values())


def checked_at(concept: Concept, item: Incoming, name: str) -> Concept:
    try:
        return check_concept(concept)
    except Problem as problem:
        raise GlossaryError(problem.detail, path=name, line=item.line_of(problem.term)) from None
