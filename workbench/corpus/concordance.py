"""Keyword in context: every occurrence of a term in the statements, with what surrounds it.

A term is found as a word form (council finds councils, council's and the
"councils" of workers' councils), by the same matcher that finds glossary
terms in the source (:class:`workbench.terms.source.SourceMatcher`). Asked for
a concept id, the concordance looks for every source term of that concept.
With a target language, each occurrence also carries the translation of
the unit it is in, and where the concept's renderings are in it.

A line of context is cut from the running text of the statement, line
breaks and runs of spaces shown as one space, so the left context can be
right-aligned and the term stands in one column.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.rows import Source, rows, source_of
from workbench.errors import GlossaryError
from workbench.glossary import model as gl
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Glossary, Term
from workbench.project import Project, Statement
from workbench.segment.segmenter import Unit
from workbench.terms.source import Hit, SourceMatcher
from workbench.terms.target import target_matcher

#: Characters of context shown on each side of an occurrence, unless asked otherwise.
WIDTH = 40

_SPACES = re.compile(r"\s+")
_PARAGRAPH = re.compile(r"[ \t\xa0]*(?:\r?\n[ \t\xa0]*){2,}")
_ACRONYM = re.compile(r"[A-Z]{2,6}s?\Z")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Rendering:
    """A glossary rendering of the concept found in a unit's translation."""

    text: str  # as written in the translation
    term: str  # the glossary term it is a form of
    status: str
    start: int
    end: int


@dataclass(frozen=True)
class Translation:
    """The translation of the unit an occurrence is in."""

    language: str
    text: str
    status: str  # untranslated, fuzzy, translated, reviewed, or missing (no entry)
    renderings: tuple[Rendering, ...] = ()


@dataclass(frozen=True)
class Line:
    """One occurrence of a term, with its context."""

    statement: str
    line: int
    start: int  # offsets of the match in the statement's text
    end: int
    left: str
    match: str
    right: str
    concept: str | None = None
    unit: str = ""  # the source unit holding the occurrence
    translation: Translation | None = None

    @property
    def reference(self) -> str:
        return f"{self.statement}:{self.line}"

    def as_dict(self) -> dict[str, Any]:
        """Return the line in the JSON shape of ``workbench glossary concordance``."""
        data: dict[str, Any] = {
            "statement": self.statement,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "left": self.left,
            "match": self.match,
            "right": self.right,
            "concept": self.concept,
            "unit": self.unit,
        }
        if self.translation is not None:
            tr = self.translation
            data["translation"] = {
                "language": tr.language,
                "text": tr.text,
                "status": tr.status,
                "renderings": [
                    {
                        "text": r.text,
                        "term": r.term,
                        "status": r.status,
                        "start": r.start,
                        "end": r.end,
                    }
                    for r in tr.renderings
                ],
            }
        return data


def kwic(text: str, start: int, end: int, width: int = WIDTH) -> tuple[str, str, str]:
    """Return the left context, the match and the right context of ``text[start:end]``.

    A paragraph break reads as `` ¶ ``, any other run of whitespace as one
    space; each side is cut to *width* characters.

    >>> kwic("All power\\nto the councils!\\n\\nNow.", 17, 25, 13)
    ('power to the ', 'councils', '! ¶ Now.')
    """
    left = _flat(text[max(0, start - 3 * width) : start]).lstrip()
    right = _flat(text[end : end + 3 * width]).rstrip()
    match = _SPACES.sub(" ", text[start:end])
    return left[-width:] if width else "", match, right[:width] if width else ""


def _flat(text: str) -> str:
    return _SPACES.sub(" ", _PARAGRAPH.sub(" \u00b6 ", text))


def line_of(newlines: list[int], offset: int) -> int:
    """Return the 1-based line of *offset*, given the offsets of a text's line breaks."""
    return bisect.bisect_left(newlines, offset) + 1


def newlines_of(text: str) -> list[int]:
    """Return the offsets of the line breaks of *text*."""
    return [m.start() for m in re.finditer("\n", text)]


def concordance(
    project: Project,
    query: str,
    *,
    language: str | None = None,
    width: int = WIDTH,
    glossary: Glossary | None = None,
    read: Reader | None = None,
) -> list[Line]:
    """Return every occurrence of the term or concept id *query* in the statements.

    *read* returns a catalog (or None) for a language and a statement; by
    default each catalog file is read. Raises :class:`GlossaryError` when
    *query* is neither found nor a concept id (naming a near term or id),
    :class:`StatementError` when the project has no statements.
    """
    glossary = glossary_store.load(project) if glossary is None else glossary
    lang = project.require_language(language) if language else None
    concept = looked_up(glossary, query, project.source_language)
    matcher = concept_matcher(concept, project.source_language)
    statements = project.require_statements()
    places = occurrences(project, matcher, statements, languages=[lang] if lang else (), read=read)
    found = [line for place in places for line in _lines(place, lang, width)]
    if not found and concept.id == QUERY:
        text = " ".join(query.split())
        raise GlossaryError(
            _not_found(text, glossary, project.source_language, statements, project)
        )
    return found


#: The id of the concept :func:`looked_up` makes of a query that is no concept id.
QUERY = "query"

Reader = Callable[[str, str], "cat.Catalog | None"]


def looked_up(glossary: Glossary, query: str, source_lang: str) -> Concept:
    """Return the concept *query* names by id, or a concept of the term *query* (id
    :data:`QUERY`) and its singulars."""
    text = " ".join(query.split())
    if not text:
        raise GlossaryError("the term to look for is empty; give a term or a concept id")
    concept = glossary.get(text)
    if concept is not None:
        return concept
    # A query in capitals (IRGC, US) means the acronym, not the word "us".
    exact = bool(_ACRONYM.match(text))
    terms = [Term(text, source_lang, case_sensitive=exact)]
    terms += [Term(t, source_lang, gl.ADMITTED, case_sensitive=exact) for t in _singulars(text)]
    return Concept(QUERY, tuple(terms))


@dataclass(frozen=True)
class Place:
    """The occurrences of a concept in one unit of a statement, with the unit's entries."""

    statement: str
    source: Source
    unit: Unit | None  # None: in the text between units (a heading's marker, say)
    hits: tuple[Hit, ...]  # offsets in the statement's text
    entries: dict[str, cat.Entry | None]  # by language
    concept: Concept

    @property
    def line(self) -> int:
        return line_of(newlines_of(self.source.text), self.hits[0].start)

    def translation(self, lang: str) -> Translation:
        """Return the unit's translation into *lang*, with the concept's renderings in it."""
        concept_id = None if self.concept.id == QUERY else self.concept.id
        targets = self.concept.terms_in(lang) if concept_id is not None else []
        return _translation(lang, self.entries.get(lang), targets)


def concept_matcher(concept: Concept, source_lang: str) -> SourceMatcher:
    """Return a matcher of *concept*'s source terms alone, or raise if it has none to find."""
    matcher = SourceMatcher([concept], source_lang)
    if not len(matcher):
        text = concept.terms[0].text if concept.terms else concept.id
        raise GlossaryError(f'"{text}" has no letters to look for; give a term or a concept id')
    return matcher


def occurrences(
    project: Project,
    matcher: SourceMatcher,
    statements: Iterable[Statement],
    *,
    languages: Iterable[str] = (),
    read: Reader | None = None,
) -> Iterator[Place]:
    """Yield each unit of *statements* whose source holds the concept of *matcher*, in order.

    Each place carries the unit's entries in *languages*, from the catalogs
    *read* returns (by default, read from their files).
    """
    [concept] = matcher.concepts.values()
    reader = read or _file_reader(project)
    languages = tuple(languages)
    for statement in statements:
        source = source_of(project, statement)
        hits = matcher.find(source.text)
        if not hits:
            continue
        entries = _entries_by_unit(source, statement.id, languages, reader)
        starts = [u.start for u in source.units]
        by_unit: dict[int, list[Hit]] = {}
        for hit in hits:
            at = bisect.bisect_right(starts, hit.start) - 1
            inside = at >= 0 and hit.start < source.units[at].end
            by_unit.setdefault(at if inside else -1 - len(by_unit), []).append(hit)
        for at, unit_hits in by_unit.items():
            unit = source.units[at] if at >= 0 else None
            yield Place(
                statement.id,
                source,
                unit,
                tuple(unit_hits),
                {lang: (entries[lang][at] if unit is not None else None) for lang in entries},
                concept,
            )


def _file_reader(project: Project) -> Reader:
    def read(lang: str, statement: str) -> cat.Catalog | None:
        path = project.catalog_path(lang, statement)
        return pofile.read(path, project.relative(path)) if path.is_file() else None

    return read


def _entries_by_unit(
    source: Source, statement: str, languages: Iterable[str], read: Reader
) -> dict[str, list[cat.Entry | None]]:
    out = {}
    for lang in languages:
        catalog = read(lang, statement)
        out[lang] = [row.entry for row in rows(source, catalog.entries if catalog else ())]
    return out


def _lines(place: Place, lang: str | None, width: int) -> Iterator[Line]:
    """Return one concordance line per occurrence in *place*."""
    concept_id = None if place.concept.id == QUERY else place.concept.id
    text = place.source.text
    newlines = newlines_of(text)
    for hit in place.hits:
        left, match, right = kwic(text, hit.start, hit.end, width)
        yield Line(
            place.statement,
            line_of(newlines, hit.start),
            hit.start,
            hit.end,
            left,
            match,
            right,
            concept_id,
            place.unit.text if place.unit is not None else "",
            place.translation(lang) if lang is not None else None,
        )


def _translation(lang: str, entry: cat.Entry | None, targets: list[Term]) -> Translation:
    if entry is None:
        return Translation(lang, "", "missing")
    renderings: list[Rendering] = []
    if entry.msgstr and targets:
        spans = target_matcher(lang).find_many(entry.msgstr, targets)
        for term in targets:
            for a, b in spans[term]:
                renderings.append(Rendering(entry.msgstr[a:b], term.text, term.status, a, b))
        renderings.sort(key=lambda r: (r.start, -r.end))
    return Translation(lang, entry.msgstr, entry.status, tuple(renderings))


def _singulars(text: str) -> list[str]:
    """Return the singulars a plural query may stand for (councils -> council).

    >>> _singulars("strike committees"), _singulars("parties"), _singulars("status")
    (['strike committee'], ['party', 'partie'], [])
    """
    head, space, last = text.rpartition(" ")
    if len(last) < 4 or not last.endswith("s") or last.endswith(("ss", "us", "is")):
        return []
    if last.endswith("ies"):
        options = [last[:-3] + "y", last[:-1]]
    elif last.endswith(("ches", "shes", "xes", "sses")):
        options = [last[:-2]]
    else:
        options = [last[:-1]]
    return [head + space + option for option in options]


def _not_found(
    text: str, glossary: Glossary, source_lang: str, statements: Iterable, project: Project
) -> str:
    # The glossary's ids and terms are what a query most often misspells; the
    # words of the statements come next.
    named: dict[str, None] = {}
    for concept in glossary:
        named[concept.id] = None
        for term in concept.terms_in(source_lang):
            named[term.text] = None
    words: dict[str, None] = {}
    for statement in statements:
        for word in _WORD.findall(source_of(project, statement).text):
            if len(word) > 2:
                words.setdefault(word.lower(), None)
    near = None
    for choices in (named, words):
        for probe in (text, text.lower()):
            found = difflib.get_close_matches(probe, list(choices), n=1, cutoff=0.75)
            if found:
                near = found[0]
                break
        if near:
            break
    hint = f'did you mean "{near}"?' if near else "check the spelling"
    return f'"{text}" does not occur in the statements and is no concept id; {hint}'
