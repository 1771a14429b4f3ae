"""The termbase: concepts and their terms in each language.

Concept-oriented, as TBX: a concept has an id, a definition, a subject, a
decision note (why this rendering, with sources) and terms per language.
A term has its text, a status, a part of speech, case sensitivity and a
treatment (translate, transliterate, keep as is).

A :class:`Glossary` is immutable and always valid: building one checks every
concept, and every edit returns a new glossary. Concepts keep the order they
are stored in; new concepts are appended. A concept's terms are grouped by
language, languages in order of first appearance, terms in the order they
were added.

The canonical file is ``glossary/glossary.tbx`` (the mapping is in
:mod:`workbench.glossary.tbx`; CSV for spreadsheets is in :mod:`workbench.glossary.csv`).
:mod:`workbench.glossary.store` reads and writes it: ``load`` cheaply when
the file did not change, ``save`` atomically under the file's lock, and
``modify`` holding that lock from read to write, so the web form and the
command line (or two processes) never lose each other's edits.
:mod:`workbench.glossary.merge` merges imported files.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import GlossaryError, LanguageError
from workbench.lang.locales import checked_code, language
from workbench.lang.wordforms import same_language

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

#: The TBX-Basic picklist for partOfSpeech ("" when not said).
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "properNoun", "other")

#: A concept id: an XML name (TBX writes it as termEntry/@id) that is easy to type.
ID = re.compile(r"[A-Za-z][A-Za-z0-9._-]{0,99}\Z")
#: Characters that separate terms in one CSV cell, so never part of a term.
SEPARATOR = "|"

_STATUS_WORDS = {s: s for s in STATUSES}
_TREATMENT_WORDS = {
    **{t: t for t in TREATMENTS},
    "translation": TRANSLATE,
    "transliteration": TRANSLITERATE,
    "keep as is": KEEP,
    "keep-as-is": KEEP,
    "as is": KEEP,
}
_POS_WORDS = {
    **{p.lower(): p for p in PARTS_OF_SPEECH},
    "proper noun": "properNoun",
    "proper-noun": "properNoun",
    "proper_noun": "properNoun",
    "name": "properNoun",
    "adj": "adjective",
    "adv": "adverb",
}
# Characters XML 1.0 cannot carry, plus the C0 controls it can but a glossary
# field never needs (tab, newline and carriage return are allowed in notes).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_NOT_IN_TERM = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


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

    @property
    def matches_exactly(self) -> bool:
        """Tell whether the term matches only in the case it is written: case-sensitive or kept."""
        return self.case_sensitive or self.treatment == KEEP


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

    def terms_for(self, language: str, statuses: tuple[str, ...] = STATUSES) -> list[Term]:
        """Return the terms that serve text in *language* (or a variant of it), best first.

        An English source matches en, en_GB and en_US terms; a fa_AF unit
        accepts plain fa renderings.
        """
        found = [
            t for t in self.terms if t.status in statuses and same_language(t.language, language)
        ]
        return sorted(found, key=lambda t: (STATUSES.index(t.status), t.language != language))

    def preferred(self, language: str) -> Term | None:
        """Return the preferred term in *language*, if any."""
        for term in self.terms:
            if term.language == language and term.status == PREFERRED:
                return term
        return None

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this concept has terms in, in stored order."""
        return tuple(dict.fromkeys(t.language for t in self.terms))

    def term(self, language: str, text: str) -> Term | None:
        """Return the term *text* in *language*, if the concept has it."""
        lang, text = _public_code(language), text.strip()
        for term in self.terms:
            if term.language == lang and term.text == text:
                return term
        return None

    def with_term(self, term: Term) -> Concept:
        """Return a copy with *term* added after the other terms of its language."""
        return dataclasses.replace(self, terms=(*self.terms, term))

    def without_term(self, language: str, text: str) -> Concept:
        """Return a copy without the term *text* in *language*."""
        found = self._require(language, text)
        return dataclasses.replace(self, terms=tuple(t for t in self.terms if t is not found))

    def with_term_changed(self, language: str, text: str, /, **changes: Any) -> Concept:
        """Return a copy whose term *text* in *language* has *changes* (any Term field)."""
        found = self._require(language, text)
        changed = dataclasses.replace(found, **changes)
        return dataclasses.replace(
            self, terms=tuple(changed if t is found else t for t in self.terms)
        )

    def with_preferred(self, language: str, text: str) -> Concept:
        """Return a copy whose preferred term in *language* is *text* (added if new).

        The old preferred term, if another, becomes admitted.
        """
        concept = self
        old = concept.preferred(language)
        if old is not None and old.text != text:
            concept = concept.with_term_changed(language, old.text, status=ADMITTED)
        if concept.term(language, text) is None:
            return concept.with_term(Term(text, language, PREFERRED))
        return concept.with_term_changed(language, text, status=PREFERRED)

    def edited(self, edit: ConceptEdit) -> Concept:
        """Return a copy with *edit* applied: removals, term changes, additions, then fields."""
        concept = self
        for lang, text in edit.remove:
            concept = concept.without_term(lang, text)
        for lang, text in edit.change:
            extra = {"text": edit.rename} if edit.rename is not None else {}
            concept = concept.with_term_changed(lang, text, **edit.attributes, **extra)
        for lang, text in edit.add:
            status = ADMITTED if concept.preferred(lang) else PREFERRED
            term = dataclasses.replace(Term(text, lang, status), **edit.attributes)
            concept = concept.with_term(term)
        for lang, text in edit.prefer:
            concept = concept.with_preferred(lang, text)
        fields = {
            name: value
            for name, value in (
                ("definition", edit.definition),
                ("subject", edit.subject),
                ("note", edit.note),
            )
            if value is not None
        }
        return dataclasses.replace(concept, **fields)

    def _require(self, language: str, text: str) -> Term:
        term = self.term(language, text)
        if term is None:
            lang = _public_code(language)
            have = ", ".join(f'"{t.text}"' for t in self.terms if t.language == lang) or "none"
            raise GlossaryError(
                f'concept "{self.id}" has no {_name(lang)} term "{text.strip()}" '
                f"(its {_name(lang)} terms: {have})"
            )
        return term


@dataclass(frozen=True)
class ConceptEdit:
    """Changes to one concept, checked and applied at once by :meth:`Concept.edited`.

    Terms are named by (language, text). *attributes* (status, note, part of
    speech, treatment, case sensitivity) go to the changed and the added
    terms; *rename* is the new wording of the one changed term.
    """

    definition: str | None = None
    subject: str | None = None
    note: str | None = None
    remove: tuple[tuple[str, str], ...] = ()
    change: tuple[tuple[str, str], ...] = ()
    rename: str | None = None
    add: tuple[tuple[str, str], ...] = ()
    prefer: tuple[tuple[str, str], ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Glossary:
    """The concepts of a project, in a stable order, looked up by id."""

    concepts: tuple[Concept, ...] = ()
    _by_id: dict[str, Concept] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        checked: dict[str, Concept] = {}
        for concept in self.concepts:
            try:
                concept = check_concept(concept)
            except Problem as problem:
                raise GlossaryError(problem.detail) from None
            if concept.id in checked:
                raise GlossaryError(duplicate_id(concept.id))
            checked[concept.id] = concept
        object.__setattr__(self, "concepts", tuple(checked.values()))
        object.__setattr__(self, "_by_id", checked)

    @classmethod
    def of_checked(cls, concepts: Iterable[Concept]) -> Glossary:
        """Build a glossary of concepts that went through :func:`check_concept` already."""
        # An edit of one concept in a large glossary re-checks that concept only.
        self = object.__new__(cls)
        concepts = tuple(concepts)
        object.__setattr__(self, "concepts", concepts)
        object.__setattr__(self, "_by_id", {c.id: c for c in concepts})
        return self

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    def get(self, concept_id: str) -> Concept | None:
        """Return the concept with *concept_id*, or None."""
        return self._by_id.get(concept_id)

    def __getitem__(self, concept_id: str) -> Concept:
        concept = self._by_id.get(concept_id)
        if concept is None:
            # Start-up time: only an unknown id needs a suggestion.
            import difflib

            near = difflib.get_close_matches(concept_id, list(self._by_id), n=1, cutoff=0.6)
            hint = f'did you mean "{near[0]}"? ' if near else ""
            raise GlossaryError(
                f'no concept "{concept_id}" in the glossary; {hint}'
                "see the ids with: workbench glossary list"
            )
        return concept

    # -- edits: each returns a new, valid glossary -------------------------

    def add(self, concept: Concept) -> Glossary:
        """Return a glossary with *concept* appended."""
        if concept.id in self._by_id:
            raise GlossaryError(
                f'concept "{concept.id}" already exists; edit it with: '
                f"workbench glossary edit {concept.id}, or choose another id"
            )
        return Glossary.of_checked((*self.concepts, _checked_or_raise(concept)))

    def replace(self, concept: Concept, *, old_id: str | None = None) -> Glossary:
        """Return a glossary with the concept *old_id* (default: its own id) replaced."""
        old = self[old_id or concept.id]
        if concept.id != old.id and concept.id in self._by_id:
            raise GlossaryError(duplicate_id(concept.id))
        new = _checked_or_raise(concept)
        return Glossary.of_checked(new if c is old else c for c in self.concepts)

    def edit(
        self,
        concept_id: str,
        *,
        definition: str | None = None,
        subject: str | None = None,
        note: str | None = None,
    ) -> Glossary:
        """Return a glossary with the given fields of one concept changed."""
        changes: dict[str, Any] = {
            k: v
            for k, v in (("definition", definition), ("subject", subject), ("note", note))
            if v is not None
        }
        return self.replace(dataclasses.replace(self[concept_id], **changes))

    def add_term(self, concept_id: str, term: Term) -> Glossary:
        """Return a glossary with *term* added to one concept."""
        return self.replace(self[concept_id].with_term(term))

    def edit_term(self, concept_id: str, language: str, text: str, /, **changes: Any) -> Glossary:
        """Return a glossary with one term changed (text, status, treatment, ...)."""
        return self.replace(self[concept_id].with_term_changed(language, text, **changes))

    def remove_term(self, concept_id: str, language: str, text: str) -> Glossary:
        """Return a glossary without one term of one concept."""
        return self.replace(self[concept_id].without_term(language, text))

    def remove(self, concept_id: str) -> Glossary:
        """Return a glossary without the concept *concept_id*."""
        old = self[concept_id]
        return Glossary.of_checked(c for c in self.concepts if c is not old)

    # -- queries -----------------------------------------------------------

    def search(self, query: str = "", languages: Iterable[str] | None = None) -> list[Concept]:
        """Return the concepts whose id or terms (in *languages*) contain *query*."""
        wanted = set(languages) if languages is not None else None
        needle = query.strip().casefold()
        found = []
        for concept in self.concepts:
            texts = [t.text for t in concept.terms if wanted is None or t.language in wanted]
            if not needle or any(needle in s.casefold() for s in [concept.id, *texts]):
                found.append(concept)
        return found

    def new_id(self, text: str) -> str:
        """Return an unused concept id made from *text* ("workers' council" -> workers-council)."""
        return unused_id(slug(text), set(self._by_id))


# -- checking -------------------------------------------------------------


class Problem(Exception):
    """What is wrong with one concept; readers add the file and line."""

    def __init__(self, detail: str, term: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.term = term  # index into the concept's terms as given, if one term is at fault


def check_concept(concept: Concept) -> Concept:
    """Return *concept* normalised (codes, spaces, term order) or raise Problem."""
    cid = concept.id
    if not isinstance(cid, str) or not ID.match(cid):
        raise Problem(
            f'concept id "{cid}" is not valid; use letters, digits, hyphens, dots or '
            f'underscores, starting with a letter (for example "{slug(str(cid))}")'
        )
    fields = {}
    for name in ("definition", "subject", "note"):
        value = getattr(concept, name).strip()
        bad = _NOT_XML.search(value)
        if bad:
            raise Problem(f'concept "{cid}": the {name} contains {_char(bad.group())}; remove it')
        fields[name] = value
    if not concept.terms:
        raise Problem(f'concept "{cid}" has no terms; add one or remove the concept')
    terms: list[Term] = []
    seen: dict[tuple[str, str], int] = {}
    preferred: set[str] = set()
    for index, term in enumerate(concept.terms):
        try:
            term = _check_term(cid, term)
        except Problem as problem:
            raise Problem(problem.detail, index) from None
        key = (term.language, term.text)
        if key in seen:
            raise Problem(
                f'concept "{cid}" lists the {_name(term.language)} term "{term.text}" twice; '
                "remove one",
                index,
            )
        seen[key] = index
        if term.status == PREFERRED:
            if term.language in preferred:
                raise Problem(
                    f'concept "{cid}" has two preferred {_name(term.language)} terms; '
                    "mark one as admitted.",
                    index,
                )
            preferred.add(term.language)
        terms.append(term)
    order = {lang: n for n, lang in enumerate(dict.fromkeys(t.language for t in terms))}
    terms.sort(key=lambda t: order[t.language])  # stable: keeps the order within a language
    return Concept(cid, tuple(terms), **fields)


def _check_term(cid: str, term: Term) -> Term:
    lang = _code(term.language, cid)
    text = term.text.strip() if isinstance(term.text, str) else ""

    def what() -> str:
        # Named only in a message: the language's name costs reading its locale data.
        return f"{_name(lang)} term"

    if not text:
        raise Problem(f'concept "{cid}" has an empty {what()}; write the term or remove it')
    bad = _NOT_IN_TERM.search(text)
    if bad:
        raise Problem(
            f'concept "{cid}": the {what()} "{text}" contains {_char(bad.group())}; remove it'
        )
    if SEPARATOR in text:
        raise Problem(
            f'concept "{cid}": the {what()} "{text}" contains "{SEPARATOR}", which separates '
            "terms in CSV cells; write the terms separately"
        )
    if term.status not in STATUSES:
        raise Problem(
            f'concept "{cid}": unknown status "{term.status}" for the {what()} "{text}"; '
            f"use one of {', '.join(STATUSES)}"
        )
    if term.treatment not in TREATMENTS:
        raise Problem(
            f'concept "{cid}": unknown treatment "{term.treatment}" for the {what()} "{text}"; '
            f"use one of {', '.join(TREATMENTS)}"
        )
    if term.part_of_speech and term.part_of_speech not in PARTS_OF_SPEECH:
        raise Problem(
            f'concept "{cid}": unknown part of speech "{term.part_of_speech}" for the {what()} '
            f'"{text}"; use one of {", ".join(PARTS_OF_SPEECH)}'
        )
    if not isinstance(term.case_sensitive, bool):
        raise Problem(
            f'concept "{cid}": case_sensitive of the {what()} "{text}" must be true or false'
        )
    note = term.note.strip()
    bad = _NOT_XML.search(note)
    if bad:
        raise Problem(
            f'concept "{cid}": the note of the {what()} "{text}" contains '
            f"{_char(bad.group())}; remove it"
        )
    return Term(
        text, lang, term.status, term.part_of_speech, term.case_sensitive, term.treatment, note
    )


def _checked_or_raise(concept: Concept) -> Concept:
    try:
        return check_concept(concept)
    except Problem as problem:
        raise GlossaryError(problem.detail) from None


def duplicate_id(concept_id: str) -> str:
    """Say that two concepts share *concept_id*."""
    return f'two concepts have the id "{concept_id}"; give one of them another id'


def _code(code: str, cid: str) -> str:
    try:
        # The code alone: a glossary loads without reading any locale's data.
        return checked_code(code)
    except LanguageError as exc:
        raise Problem(f'concept "{cid}": {exc}') from None


def _public_code(code: str) -> str:
    try:
        return checked_code(code)
    except LanguageError as exc:
        raise GlossaryError(str(exc)) from None


def _name(code: str) -> str:
    return language(code).name


def _char(ch: str) -> str:
    return f"a character a glossary cannot hold (U+{ord(ch):04X})"


# -- words people type -----------------------------------------------------


def parse_status(value: str) -> str:
    """Return the status *value* names, or raise GlossaryError."""
    return _word(value, _STATUS_WORDS, "status", STATUSES)


def parse_treatment(value: str) -> str:
    """Return the treatment *value* names, or raise GlossaryError."""
    return _word(value, _TREATMENT_WORDS, "treatment", TREATMENTS)


def parse_part_of_speech(value: str) -> str:
    """Return the part of speech *value* names ("" for none), or raise GlossaryError.

    >>> parse_part_of_speech("Proper noun")
    'properNoun'
    """
    if not value.strip():
        return ""
    return _word(value, _POS_WORDS, "part of speech", PARTS_OF_SPEECH)


def parse_flag(value: str, yes: Collection[str], no: Collection[str], name: str = "") -> bool:
    """Return whether *value* says yes (a word of *yes*) or no (of *no*), or raise.

    The error names the field *name*, if given.
    """
    lowered = value.strip().lower()
    if lowered in yes:
        return True
    if lowered in no:
        return False
    field = f'{name} "{value}"' if name else f'"{value}"'
    raise GlossaryError(f"{field} is neither yes nor no")


def _word(value: str, words: Mapping[str, str], what: str, choices: Iterable[str]) -> str:
    """Return what *value* names among *words*, or raise naming the *choices*."""
    found = words.get(value.strip().lower())
    if found is None:
        raise GlossaryError(f'unknown {what} "{value}"; use one of {", ".join(choices)}')
    return found


def slug(text: str) -> str:
    """Make a concept id from a term.

    >>> slug("Workers’ council")
    'workers-council'
    >>> slug("Ahmad Radān")
    'ahmad-radan'
    >>> slug("blood—Seyyed Ali")
    'blood-seyyed-ali'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = re.sub(r"['’]", "", bare)
    made = re.sub(r"[^A-Za-z0-9]+", "-", bare).strip("-").lower()[:80].strip("-")
    if not made or not made[0].isalpha():
        made = f"concept-{made}" if made else "concept"
    return made


def unused_id(base: str, taken: set[str]) -> str:
    """Return *base*, or *base* numbered (council-2), whichever is not in *taken*."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
