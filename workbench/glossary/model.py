"""The termbase: concepts and their terms in each language.

Concept-oriented, as TBX: a concept has an id, a definition, a subject, a
decision note (why this rendering, with sources) and terms per language.
A term has its text, a status, a part of speech, case sensitivity and a
treatment (translate, transliterate, keep as is).

What other tools' files carry beyond that is kept too, so that a glossary
imported from IATE, Pontoon or a TBX-Basic tool goes back out whole: a term's
type (fullForm, acronym...), a context sentence, a source, a reliability
code, the status word the file gave when it is finer than the four
(superseded, obsolete, notRecommended...: see :data:`GIVEN_STATUSES`), and
other data categories as (type, value) pairs (``admin``); a concept's
source, its own pairs, and what the file said per language
(``by_language``: definitions and notes in each language).

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
import functools
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.errors import GlossaryError, LanguageError
from workbench.lang.locales import checked_code, language
from workbench.lang.lookup import Lookup
from workbench.lang.wordforms import same_language
from workbench.messages import N_, Data, LanguageName, Listing, Message, Word

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

#: Status words of TBX 2008, TBX-Basic and TBX-Min that are finer than the four,
#: and the status each stands for. The word is kept (``Term.given_status``) and
#: written back while the term keeps that status.
GIVEN_STATUSES = {
    "superseded": DEPRECATED,
    "obsolete": DEPRECATED,
    "notRecommended": DEPRECATED,
    # Approved, but a language may have another preferred term: admitted.
    "legal": ADMITTED,
    "regulated": ADMITTED,
    "standardized": ADMITTED,
}

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
# Compiled when a concept is first checked (a parse or an edit), not at every
# start: a glossary read from the instance's cache was checked when parsed.
@functools.cache
def _not_xml() -> re.Pattern[str]:
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@functools.cache
def _not_in_term() -> re.Pattern[str]:
    return re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


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
    term_type: str = ""  # fullForm, acronym, abbreviation, shortForm, phrase, ...
    context: str = ""  # a sentence that shows the term in use
    source: str = ""  # where the term (or its context) comes from
    reliability: str = ""  # a reliability code, as IATE gives it (1 to 10)
    given_status: str = ""  # the file's finer status word (a key of GIVEN_STATUSES)
    admin: tuple[tuple[str, str], ...] = ()  # other data categories: (type, value)

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
    source: str = ""  # where the definition comes from
    admin: tuple[tuple[str, str], ...] = ()  # other data categories: (type, value)
    #: What a file said about the concept in one language: (language, type, value),
    #: type being definition, source or note.
    by_language: tuple[tuple[str, str, str], ...] = ()
    conflict: str = ""  # what a merge could not settle between two machines' edits

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
        if changed.given_status and GIVEN_STATUSES.get(changed.given_status) != changed.status:
            # A new status: the file's finer word for the old one no longer applies.
            changed = dataclasses.replace(changed, given_status="")
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
                f'concept "{self.id}" has no {_name(lang).english} term "{text.strip()}" '
                f"(its {_name(lang).english} terms: {have})"
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
                raise GlossaryError(problem.message) from None
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
            command = Data("workbench glossary list")
            if near:
                message = Message.of(
                    N_(
                        'no concept "%(id)s" in the glossary; did you mean "%(near)s"? see the '
                        "ids with: %(command)s"
                    ),
                    id=Data(concept_id),
                    near=Data(near[0]),
                    command=command,
                )
            else:
                message = Message.of(
                    N_('no concept "%(id)s" in the glossary; see the ids with: %(command)s'),
                    id=Data(concept_id),
                    command=command,
                )
            raise GlossaryError(message)
        return concept

    # -- edits: each returns a new, valid glossary -------------------------

    def add(self, concept: Concept) -> Glossary:
        """Return a glossary with *concept* appended."""
        if concept.id in self._by_id:
            raise GlossaryError(
                Message.of(
                    N_(
                        'concept "%(id)s" already exists; edit it with: %(command)s, or choose '
                        "another id"
                    ),
                    id=Data(concept.id),
                    command=Data(f"workbench glossary edit {concept.id}"),
                )
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
        """Return the concepts whose id or terms (in *languages*) hold *query*, best first.

        Folded and word-form aware (:mod:`workbench.lang.lookup`): concepts
        with a term that is the query come first, then those with a term the
        query is a form of, then those with a term that begins with it, then
        the rest; each group in the glossary's order. No query: every concept.
        """
        if not query.strip():
            return list(self.concepts)
        return [self.concepts[n] for n in self._lookup.find(query, languages)]

    @functools.cached_property
    def _lookup(self) -> Lookup:
        # Built at the first search of this version of the glossary (a
        # glossary is immutable), and left out of the instance's cache.
        return Lookup([[(None, c.id), *((t.language, t.text) for t in c.terms)] for c in self])

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_lookup", None)
        return state

    def new_id(self, text: str) -> str:
        """Return an unused concept id made from *text* ("workers' council" -> workers-council)."""
        return unused_id(slug(text), set(self._by_id))


# -- checking -------------------------------------------------------------


class Problem(Exception):
    """What is wrong with one concept; readers add the file and line."""

    def __init__(self, detail: str | Message, term: int | None = None) -> None:
        super().__init__(str(detail))
        self.detail = str(detail)
        self.wording = detail if isinstance(detail, Message) else None
        self.term = term  # index into the concept's terms as given, if one term is at fault

    @property
    def message(self) -> str | Message:
        """The message, as its template if it has one."""
        return self.wording or self.detail


#: A concept's free-text fields; the name is the word a message uses.
_CONCEPT_FIELDS = (N_("definition"), N_("subject"), N_("note"), N_("source"), N_("conflict"))


def check_concept(concept: Concept) -> Concept:
    """Return *concept* normalised (codes, spaces, term order) or raise Problem."""
    cid = concept.id
    if not isinstance(cid, str) or not ID.match(cid):
        raise Problem(
            Message.of(
                N_(
                    'concept id "%(id)s" is not valid; use letters, digits, hyphens, dots or '
                    'underscores, starting with a letter (for example "%(example)s")'
                ),
                id=Data(str(cid)),
                example=Data(slug(str(cid))),
            )
        )
    raw = (concept.definition, concept.subject, concept.note, concept.source, concept.conflict)
    stripped = [value.strip() for value in raw]
    fields: dict[str, Any] = dict(zip(_CONCEPT_FIELDS, stripped, strict=True))
    # One search over all the fields, as for a term's.
    if _not_xml().search("\n".join(stripped)):
        _refuse_concept_field(cid, fields)
    fields["admin"] = (
        _checked_pairs(concept.admin, lambda: f'concept "{cid}"') if concept.admin else ()
    )
    by_language = []
    for lang, kind, value in concept.by_language:
        lang = _code(lang, cid)
        ((kind, value),) = _checked_pairs(
            ((kind, value),), lambda lang=lang: f'concept "{cid}" ({lang})'
        )
        by_language.append((lang, kind, value))
    fields["by_language"] = tuple(by_language)
    if not concept.terms:
        raise Problem(
            Message.of(
                N_('concept "%(id)s" has no terms; add one or remove the concept'), id=Data(cid)
            )
        )
    terms: list[Term] = []
    seen: dict[tuple[str, str], int] = {}
    preferred: set[str] = set()
    for index, term in enumerate(concept.terms):
        try:
            term = _check_term(cid, term)
        except Problem as problem:
            raise Problem(problem.message, index) from None
        key = (term.language, term.text)
        if key in seen:
            raise Problem(
                Message.of(
                    N_('concept "%(id)s" lists the %(language)s term "%(term)s" twice; remove one'),
                    id=Data(cid),
                    language=_name(term.language),
                    term=Data(term.text),
                ),
                index,
            )
        seen[key] = index
        if term.status == PREFERRED:
            if term.language in preferred:
                raise Problem(
                    Message.of(
                        N_(
                            'concept "%(id)s" has two preferred %(language)s terms; mark one as '
                            "admitted."
                        ),
                        id=Data(cid),
                        language=_name(term.language),
                    ),
                    index,
                )
            preferred.add(term.language)
        terms.append(term)
    order = {lang: n for n, lang in enumerate(dict.fromkeys(t.language for t in terms))}
    terms.sort(key=lambda t: order[t.language])  # stable: keeps the order within a language
    checked = tuple(terms)
    if (
        checked == concept.terms
        and raw == tuple(stripped)
        and fields["admin"] == concept.admin
        and fields["by_language"] == concept.by_language
    ):
        return concept  # already normal, as every concept of a file this program wrote
    return Concept(cid, checked, **fields)


def _refuse_concept_field(cid: str, fields: dict[str, str]) -> None:
    for name in _CONCEPT_FIELDS:
        bad = _not_xml().search(fields[name])
        if bad:
            raise Problem(
                Message.of(
                    N_('concept "%(id)s": the %(field)s contains %(char)s; remove it'),
                    id=Data(cid),
                    field=Word(name),
                    char=_char(bad.group()),
                )
            )


#: A term's free-text fields, and how a message names each.
_TERM_FIELDS = {
    "note": N_("note"),
    "term_type": N_("term type"),
    "context": N_("context"),
    "source": N_("source"),
    "reliability": N_("reliability"),
}


_UNKNOWN_STATUS = N_(
    'concept "%(id)s": unknown status "%(value)s" for the %(language)s term '
    '"%(term)s"; use one of %(choices)s'
)
_UNKNOWN_TREATMENT = N_(
    'concept "%(id)s": unknown treatment "%(value)s" for the %(language)s term '
    '"%(term)s"; use one of %(choices)s'
)
_UNKNOWN_POS = N_(
    'concept "%(id)s": unknown part of speech "%(value)s" for the %(language)s term '
    '"%(term)s"; use one of %(choices)s'
)


def _unknown(value: str, choices: tuple[str, ...], template: str, said: dict[str, Any]) -> Problem:
    return Problem(
        Message.of(
            template,
            value=Data(value),
            choices=Listing(tuple(map(Data, choices)), N_(", ")),
            **said,
        )
    )


def _check_term(cid: str, term: Term) -> Term:
    lang = _code(term.language, cid)
    text = term.text.strip() if isinstance(term.text, str) else ""

    def said() -> dict[str, Any]:
        # Named only in a message: the language's name costs reading its locale data.
        return {"id": Data(cid), "language": _name(lang), "term": Data(text)}

    if not text:
        raise Problem(
            Message.of(
                N_('concept "%(id)s" has an empty %(language)s term; write the term or remove it'),
                **said(),
            )
        )
    bad = _not_in_term().search(text)
    if bad:
        raise Problem(
            Message.of(
                N_(
                    'concept "%(id)s": the %(language)s term "%(term)s" contains %(char)s; '
                    "remove it"
                ),
                char=_char(bad.group()),
                **said(),
            )
        )
    if SEPARATOR in text:
        raise Problem(
            Message.of(
                N_(
                    'concept "%(id)s": the %(language)s term "%(term)s" contains "%(separator)s", '
                    "which separates terms in CSV cells; write the terms separately"
                ),
                separator=Data(SEPARATOR),
                **said(),
            )
        )
    if term.status not in STATUSES:
        raise _unknown(term.status, STATUSES, _UNKNOWN_STATUS, said())
    if term.treatment not in TREATMENTS:
        raise _unknown(term.treatment, TREATMENTS, _UNKNOWN_TREATMENT, said())
    part_of_speech = term.part_of_speech or PARTS_OF_SPEECH[0]
    if part_of_speech not in PARTS_OF_SPEECH:
        raise _unknown(part_of_speech, PARTS_OF_SPEECH, _UNKNOWN_POS, said())
    if not isinstance(term.case_sensitive, bool):
        raise Problem(
            Message.of(
                N_(
                    'concept "%(id)s": case_sensitive of the %(language)s term "%(term)s" must be '
                    "true or false"
                ),
                **said(),
            )
        )
    if term.given_status and GIVEN_STATUSES.get(term.given_status) != term.status:
        raise Problem(
            Message.of(
                N_(
                    'concept "%(id)s": the %(language)s term "%(term)s" is %(status)s, which the '
                    'status word "%(word)s" does not mean; drop the word or change the status'
                ),
                status=Word(term.status),
                word=Data(term.given_status),
                **said(),
            )
        )
    raw = (term.note, term.term_type, term.context, term.source, term.reliability)
    stripped = [value.strip() for value in raw]
    # One search over all the fields (a newline is allowed in each); the field is
    # looked for only when one holds a refused character.
    values = dict(zip(_TERM_FIELDS, stripped, strict=True))
    if _not_xml().search("\n".join(stripped)):
        _refuse_term_field(values, said())
    admin = (
        _checked_pairs(term.admin, lambda: f'concept "{cid}": the {_name(lang)} term "{text}"')
        if term.admin
        else ()
    )
    if (
        text == term.text
        and lang == term.language
        and admin == term.admin
        and raw == tuple(stripped)
    ):
        return term  # already normal, as every term of a file this program wrote
    return Term(
        text,
        lang,
        term.status,
        term.part_of_speech,
        term.case_sensitive,
        term.treatment,
        given_status=term.given_status,
        admin=admin,
        **values,
    )


def _refuse_term_field(values: dict[str, str], said: dict[str, Any]) -> None:
    for name, word in _TERM_FIELDS.items():
        bad = _not_xml().search(values[name])
        if bad:
            raise Problem(
                Message.of(
                    N_(
                        'concept "%(id)s": the %(field)s of the %(language)s term "%(term)s" '
                        "contains %(char)s; remove it"
                    ),
                    field=Word(word),
                    char=_char(bad.group()),
                    **said,
                )
            )


def _checked_pairs(
    pairs: Iterable[tuple[str, str]], where: Callable[[], str]
) -> tuple[tuple[str, str], ...]:
    """Return *pairs* checked; *where* names their place, only when one is refused."""
    out = []
    for kind, value in pairs:
        kind, value = str(kind).strip(), str(value).strip()
        if not kind or len(kind) > 100 or _not_in_term().search(kind):
            raise Problem(f"{where()}: a data category has the name {kind[:40]!r}; name it")
        bad = _not_xml().search(value)
        if bad:
            raise Problem(f"{where()}: the {kind} contains {_char(bad.group())}; remove it")
        out.append((kind, value))
    return tuple(out)


def _checked_or_raise(concept: Concept) -> Concept:
    try:
        return check_concept(concept)
    except Problem as problem:
        raise GlossaryError(problem.message) from None


def duplicate_id(concept_id: str) -> Message:
    """Say that two concepts share *concept_id*."""
    return Message.of(
        N_('two concepts have the id "%(id)s"; give one of them another id'), id=Data(concept_id)
    )


def _code(code: str, cid: str) -> str:
    try:
        # The code alone: a glossary loads without reading any locale's data.
        return checked_code(code)
    except LanguageError as exc:
        raise Problem(
            Message.of(
                N_('concept "%(id)s": %(problem)s'), id=Data(cid), problem=exc.wording or exc.detail
            )
        ) from None


def _public_code(code: str) -> str:
    try:
        return checked_code(code)
    except LanguageError as exc:
        raise GlossaryError(exc.wording or str(exc)) from None


def _name(code: str) -> LanguageName:
    return LanguageName(code, language(code).name)


def _char(ch: str) -> Message:
    return Message.of(
        N_("a character a glossary cannot hold (%(code)s)"), code=Data(f"U+{ord(ch):04X}")
    )


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
