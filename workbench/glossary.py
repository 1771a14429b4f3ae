"""The termbase model: concepts and their terms in each language.

Concept-oriented, as TBX: a concept has an id, a definition, a subject, a
decision note (why this rendering, with sources) and terms per language.
A term has its text, a status, a part of speech, case sensitivity and a
treatment (translate, transliterate, keep as is).
"""

from __future__ import annotations

from dataclasses import dataclass

PREFERRED = "preferred"
ADMITTED = "admitted"
DEPRECATED = "deprecated"
FORBIDDEN = "forbidden"
STATUSES = (PREFERRED, ADMITTED, DEPRECATED, FORBIDDEN)
#: Statuses whose renderings a translation should use.
APPROVED = (PREFERRED, ADMITTED)
#: Statuses whose renderings a translation must not use.
REJECTED = (DEPRECATED, FORBIDDEN)

TRANSLATE = "translate"
TRANSLITERATE = "transliterate"
KEEP = "keep"
TREATMENTS = (TRANSLATE, TRANSLITERATE, KEEP)


@dataclass(frozen=True)
class Term:
    """One wording of a concept in one language."""

    text: str
    language: str
    status: str = PREFERRED
    part_of_speech: str = ""  # noun, verb, adjective, properNoun, ...
    case_sensitive: bool = False
    treatment: str = TRANSLATE
    note: str = ""


@dataclass(frozen=True)
class Concept:
    """A glossary entry: one meaning, with its terms in every language."""

    id: str
    terms: tuple[Term, ...] = ()
    definition: str = ""
    subject: str = ""
    note: str = ""  # the decision: why this rendering, with sources

    def terms_in(self, language: str, statuses: tuple[str, ...] = STATUSES) -> list[Term]:
        """Return the terms in *language* whose status is in *statuses*, preferred first."""
        found = [t for t in self.terms if t.language == language and t.status in statuses]
        return sorted(found, key=lambda t: STATUSES.index(t.status))

    def preferred(self, language: str) -> Term | None:
        """Return the preferred term in *language*, if any."""
        for term in self.terms:
            if term.language == language and term.status == PREFERRED:
                return term
        return None
