"""The termbase: concepts and their terms in each language, and its store.

Concept-oriented, as TBX: a concept has an id, a definition, a subject, a
decision note (why this rendering, with sources) and terms per language.
A term has its text, a status, a part of speech, case sensitivity and a
treatment (translate, transliterate, keep as is).

A :class:`Glossary` is immutable and always valid: building one checks every
concept, and every edit returns a new glossary. The canonical file is
``glossary/glossary.tbx`` (the mapping is in :mod:`workbench.tbx`; CSV for
spreadsheets is in :mod:`workbench.termcsv`). :func:`load` reads it, cheaply
when the file did not change; :func:`save` writes it atomically under the
file's lock; :func:`modify` holds that lock from read to write, so the web form
and the command line (or two processes) never lose each other's edits.

Concepts keep the order they are stored in; new concepts are appended. A
concept's terms are grouped by language, languages in order of first
appearance, terms in the order they were added.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import os
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import files
from .errors import GlossaryError, LanguageError
from .locales import language

if TYPE_CHECKING:
    from .project import Project

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

#: Where the canonical glossary lives in a project.
FILENAME = "glossary.tbx"

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
    def _checked(cls, concepts: Iterable[Concept]) -> Glossary:
        # For concepts that already went through check_concept: an edit of one
        # concept in a large glossary re-checks that concept only.
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
        return Glossary._checked((*self.concepts, _checked_or_raise(concept)))

    def replace(self, concept: Concept, *, old_id: str | None = None) -> Glossary:
        """Return a glossary with the concept *old_id* (default: its own id) replaced."""
        old = self[old_id or concept.id]
        if concept.id != old.id and concept.id in self._by_id:
            raise GlossaryError(duplicate_id(concept.id))
        new = _checked_or_raise(concept)
        return Glossary._checked(new if c is old else c for c in self.concepts)

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
        return Glossary._checked(c for c in self.concepts if c is not old)

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
        return _unused_id(slug(text), set(self._by_id))


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
    what = f"{_name(lang)} term"
    if not text:
        raise Problem(f'concept "{cid}" has an empty {what}; write the term or remove it')
    bad = _NOT_IN_TERM.search(text)
    if bad:
        raise Problem(
            f'concept "{cid}": the {what} "{text}" contains {_char(bad.group())}; remove it'
        )
    if SEPARATOR in text:
        raise Problem(
            f'concept "{cid}": the {what} "{text}" contains "{SEPARATOR}", which separates '
            "terms in CSV cells; write the terms separately"
        )
    if term.status not in STATUSES:
        raise Problem(
            f'concept "{cid}": unknown status "{term.status}" for the {what} "{text}"; '
            f"use one of {', '.join(STATUSES)}"
        )
    if term.treatment not in TREATMENTS:
        raise Problem(
            f'concept "{cid}": unknown treatment "{term.treatment}" for the {what} "{text}"; '
            f"use one of {', '.join(TREATMENTS)}"
        )
    if term.part_of_speech and term.part_of_speech not in PARTS_OF_SPEECH:
        raise Problem(
            f'concept "{cid}": unknown part of speech "{term.part_of_speech}" for the {what} '
            f'"{text}"; use one of {", ".join(PARTS_OF_SPEECH)}'
        )
    if not isinstance(term.case_sensitive, bool):
        raise Problem(
            f'concept "{cid}": case_sensitive of the {what} "{text}" must be true or false'
        )
    note = term.note.strip()
    bad = _NOT_XML.search(note)
    if bad:
        raise Problem(
            f'concept "{cid}": the note of the {what} "{text}" contains '
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
        return language(code).code
    except LanguageError as exc:
        raise Problem(f'concept "{cid}": {exc}') from None


def _public_code(code: str) -> str:
    try:
        return language(code).code
    except LanguageError as exc:
        raise GlossaryError(str(exc)) from None


def _name(code: str) -> str:
    return language(code).name


def _char(ch: str) -> str:
    return f"a character a glossary cannot hold (U+{ord(ch):04X})"


# -- words people type -----------------------------------------------------


def parse_status(value: str) -> str:
    """Return the status *value* names, or raise GlossaryError."""
    found = _STATUS_WORDS.get(value.strip().lower())
    if found is None:
        raise GlossaryError(f'unknown status "{value}"; use one of {", ".join(STATUSES)}')
    return found


def parse_treatment(value: str) -> str:
    """Return the treatment *value* names, or raise GlossaryError."""
    found = _TREATMENT_WORDS.get(value.strip().lower())
    if found is None:
        raise GlossaryError(f'unknown treatment "{value}"; use one of {", ".join(TREATMENTS)}')
    return found


def parse_part_of_speech(value: str) -> str:
    """Return the part of speech *value* names ("" for none), or raise GlossaryError.

    >>> parse_part_of_speech("Proper noun")
    'properNoun'
    """
    if not value.strip():
        return ""
    found = _POS_WORDS.get(value.strip().lower())
    if found is None:
        raise GlossaryError(
            f'unknown part of speech "{value}"; use one of {", ".join(PARTS_OF_SPEECH)}'
        )
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


# -- attributes shared by a whole concept (one CSV row) ----------------------


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


# -- merging imported concepts -----------------------------------------------


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

    def line_of(self, term: int | None) -> int:
        """Return the line of term number *term*, or of the concept."""
        if term is not None and term < len(self.term_lines):
            return self.term_lines[term]
        return self.line


@dataclass(frozen=True)
class ImportReport:
    """What an import did, by concept id."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "added": list(self.added),
            "updated": list(self.updated),
            "unchanged": list(self.unchanged),
        }


def merge(
    glossary: Glossary, incoming: list[Incoming], *, source_language: str, name: str
) -> tuple[Glossary, ImportReport]:
    """Merge imported concepts into *glossary* by id or by source-language preferred term.

    A concept found by id, or else by its preferred source term, is updated:
    non-empty fields replace the old ones, and the terms of each (language,
    status) the file speaks for replace the old terms there. Everything is
    checked before anything changes; an error names *name* and the line.
    """
    by_source: dict[str, list[str]] = {}
    for concept in glossary:
        term = concept.preferred(source_language)
        if term is not None:
            by_source.setdefault(term.text.casefold(), []).append(concept.id)
    concepts = dict(glossary._by_id)
    order = list(concepts)
    # Ids made from terms must not take an id a later row names explicitly.
    taken = set(concepts) | {item.concept.id for item in incoming if item.explicit_id}
    claimed: dict[str, int] = {}
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    for item in incoming:
        target = _match(item, concepts, by_source, source_language, name)
        cid = target or item.concept.id
        if target is None and not item.explicit_id:
            cid = _unused_id(cid, taken)
        taken.add(cid)
        if cid in claimed:
            raise GlossaryError(
                f'this row and line {claimed[cid]} both describe the concept "{cid}"; '
                "merge them into one",
                path=name,
                line=item.line,
            )
        claimed[cid] = item.line
        if target is None:
            concepts[cid] = _checked_at(dataclasses.replace(item.concept, id=cid), item, name)
            order.append(cid)
            added.append(cid)
            continue
        old = concepts[target]
        try:
            new = check_concept(_merged(old, item, source_language))
        except Problem as problem:
            raise GlossaryError(problem.detail, path=name, line=item.line) from None
        (unchanged if new == old else updated).append(cid)
        concepts[cid] = new
    result = Glossary._checked(concepts[cid] for cid in order)
    return result, ImportReport(tuple(added), tuple(updated), tuple(unchanged))


def _unused_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _match(
    item: Incoming,
    concepts: dict[str, Concept],
    by_source: dict[str, list[str]],
    source_language: str,
    name: str,
) -> str | None:
    if item.explicit_id:
        return item.concept.id if item.concept.id in concepts else None
    term = item.concept.preferred(source_language)
    if term is None:
        return None
    ids = by_source.get(term.text.casefold(), [])
    if len(ids) > 1:
        listed = " and ".join(f'"{i}"' for i in ids)
        raise GlossaryError(
            f'"{term.text}" is the preferred term of the concepts {listed}; add an id column '
            "to say which one this row updates",
            path=name,
            line=item.line,
        )
    return ids[0] if ids else None


def _merged(old: Concept, item: Incoming, source_language: str) -> Concept:
    new = item.concept
    fields = {
        name: getattr(new, name) or getattr(old, name) for name in ("definition", "subject", "note")
    }
    incoming = {(t.language, t.text): t for t in new.terms}
    old_shared = shared_attributes(old, source_language)
    terms = []
    for term in old.terms:
        came = incoming.pop((term.language, term.text), None)
        if came is not None:
            terms.append(_merged_term(term, came, item.shared, old_shared))
        elif (term.language, term.status) not in item.given:
            terms.append(term)
    terms += incoming.values()
    return Concept(old.id, tuple(terms), **fields)


def _merged_term(
    old: Term, new: Term, shared: dict[str, Any] | None, old_shared: dict[str, Any]
) -> Term:
    if shared is None:
        return dataclasses.replace(new, note=new.note or old.note)
    changes: dict[str, Any] = {"status": new.status}
    for attr, value in shared.items():
        # A cell showing what an export of the old concept would show was not
        # edited: keep each term's own value rather than flatten them all.
        if value != old_shared[attr]:
            changes[attr] = getattr(new, attr)
    return dataclasses.replace(old, **changes)


def _checked_at(concept: Concept, item: Incoming, name: str) -> Concept:
    try:
        return check_concept(concept)
    except Problem as problem:
        raise GlossaryError(problem.detail, path=name, line=item.line_of(problem.term)) from None


def located(incoming: list[Incoming], name: str) -> Glossary:
    """Build a glossary from concepts a reader has checked, naming the line of a duplicate id."""
    concepts: dict[str, Concept] = {}
    for item in incoming:
        if item.concept.id in concepts:
            raise GlossaryError(duplicate_id(item.concept.id), path=name, line=item.line or None)
        concepts[item.concept.id] = item.concept
    return Glossary._checked(concepts.values())


# -- the store ---------------------------------------------------------------


@dataclass(frozen=True)
class _Cached:
    key: tuple[int, int, int, int]
    digest: bytes
    glossary: Glossary


_CACHE: dict[Path, _Cached] = {}
# A file changed twice within the file system's timestamp granularity can keep
# its (mtime, size) and, after os.replace, even reuse an inode: for a file this
# young, compare the bytes too (git's "racy" index entries have the same cure).
_RACY_NS = 2_000_000_000


def glossary_path(project: Project) -> Path:
    """Return the canonical glossary file of *project*."""
    return project.glossary_dir / FILENAME


def load(project: Project) -> Glossary:
    """Return the project's glossary (empty if it has no glossary file yet)."""
    from . import tbx

    path = glossary_path(project)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        return Glossary()
    except OSError as exc:
        raise GlossaryError(
            f"cannot be read ({exc.strerror})", path=project.relative(path)
        ) from exc
    with fh:
        st = os.fstat(fh.fileno())
        # ctime too: an edit in place that puts the old mtime back keeps the rest.
        key = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
        cached = _CACHE.get(path)
        racy = abs(time.time_ns() - st.st_mtime_ns) < _RACY_NS
        if cached is not None and cached.key == key and not racy:
            return cached.glossary
        data = fh.read()
    digest = hashlib.blake2b(data, digest_size=16).digest()
    if cached is not None and cached.key == key and cached.digest == digest:
        return cached.glossary
    glossary = tbx.loads(data, project.relative(path))
    _CACHE[path] = _Cached(key, digest, glossary)
    return glossary


def save(project: Project, glossary: Glossary) -> None:
    """Write *glossary* to the project's glossary file, atomically and locked.

    Prefer :func:`modify`, which also holds the lock while reading.
    """
    path = glossary_path(project)
    with files.locked(path, project.lock_dir):
        _write(project, path, glossary)


def modify(project: Project, change: Callable[[Glossary], Glossary]) -> Glossary:
    """Apply *change* to the current glossary and save the result, all under the lock.

    Two processes editing at once each see the other's finished edit: neither
    is lost. Nothing is written if *change* raises or changes nothing.
    """
    path = glossary_path(project)
    with files.locked(path, project.lock_dir):
        current = load(project)
        new = change(current)
        if new is not current and new != current:
            _write(project, path, new)
        return new


def _write(project: Project, path: Path, glossary: Glossary) -> None:
    from . import tbx

    data = tbx.dumps(glossary, project.source_language)
    files.atomic_write(path, data)
    st = os.stat(path)
    digest = hashlib.blake2b(data, digest_size=16).digest()
    _CACHE[path] = _Cached(
        (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns), digest, glossary
    )


# -- files in and out --------------------------------------------------------


def import_file(
    project: Project, path: str | os.PathLike[str], *, dry_run: bool = False
) -> ImportReport:
    """Merge a .csv or .tbx file into the project's glossary; write nothing if any part is bad."""
    from . import tbx, termcsv

    name = os.fspath(path)
    kind = _kind(name)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot be read ({exc.strerror})", path=name) from exc
    if kind == "csv":
        incoming = termcsv.read(data, name, project.source_language)
    else:
        incoming = tbx.read(data, name)
    incoming = [_adopted(item, project, name) for item in incoming]
    report = ImportReport()

    def change(glossary: Glossary) -> Glossary:
        nonlocal report
        merged, report = merge(
            glossary, incoming, source_language=project.source_language, name=name
        )
        return glossary if dry_run else merged

    modify(project, change)
    return report


def _adopted(item: Incoming, project: Project, name: str) -> Incoming:
    # Other tools often write regional codes (en-US, fa-IR); a project that
    # works in en and fa means the same languages, and its checks look there.
    own = (project.source_language, *project.languages)

    def code(lang: str) -> str:
        base = lang.split("_")[0]
        return base if lang not in own and base in own else lang

    terms = tuple(dataclasses.replace(t, language=code(t.language)) for t in item.concept.terms)
    if all(t.language == u.language for t, u in zip(terms, item.concept.terms, strict=True)):
        return item
    concept = _checked_at(dataclasses.replace(item.concept, terms=terms), item, name)
    given = frozenset((code(lang), status) for lang, status in item.given)
    return dataclasses.replace(item, concept=concept, given=given)


def export_file(project: Project, path: str | os.PathLike[str]) -> int:
    """Write the glossary to a .csv or .tbx file (atomic); return the number of concepts."""
    from . import tbx, termcsv

    name = os.fspath(path)
    kind = _kind(name)
    glossary = load(project)
    if kind == "csv":
        languages = (project.source_language, *project.languages)
        data = termcsv.dumps(glossary, project.source_language, languages)
    else:
        data = tbx.dumps(glossary, project.source_language)
    target = Path(path)
    with files.locked(target, project.lock_dir):
        files.atomic_write(target, data)
    return len(glossary)


def _kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".tbx"):
        return suffix[1:]
    raise GlossaryError(
        f'unknown glossary format "{suffix or "(no suffix)"}"; use a .csv or .tbx file', path=name
    )
