"""Merging concepts read from an imported file into the glossary, and files in and out.

:func:`import_file` reads a .csv or .tbx file (:mod:`workbench.termcsv`,
:mod:`workbench.tbx`), and :func:`merge` folds what it read into the
project's glossary under the store's lock; :func:`export_file` writes one.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import files
from .errors import GlossaryError
from .glossary import (
    KEEP,
    Concept,
    Glossary,
    Problem,
    Term,
    check_concept,
    duplicate_id,
    unused_id,
)
from .glossary_store import load, modify

if TYPE_CHECKING:
    from .project import Project


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
    concepts = {c.id: c for c in glossary}
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
            cid = unused_id(cid, taken)
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
    result = Glossary.of_checked(concepts[cid] for cid in order)
    return result, ImportReport(tuple(added), tuple(updated), tuple(unchanged))


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
    return Glossary.of_checked(concepts.values())


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
