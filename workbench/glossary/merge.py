"""Merging concepts read from an imported file into the glossary.

:func:`merge` folds what a reader returned (:class:`~workbench.glossary.incoming.Incoming`
concepts) into a glossary, by id or by source-language preferred term;
:mod:`workbench.glossary.io` reads the file and saves the result.

A concept matched neither way whose source term a concept of the glossary had
before the import, in any word form (a colleague's "councils" beside our "council"), is
not added as a second concept for one word: its terms are added to that
concept (:class:`WordFormMerge`), and what the two disagree on stays as the
glossary has it: a rendering the file calls preferred where the concept has
a preferred one already is added as admitted, and a term both have keeps the
glossary's status.

A concept's sync conflict (``Concept.conflict``) is never dropped by an
import: what the file says of it is added to what the glossary keeps.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from workbench.errors import GlossaryError
from workbench.glossary.conflict import combined
from workbench.glossary.incoming import Incoming, checked_at, shared_attributes
from workbench.glossary.model import (
    ADMITTED,
    PREFERRED,
    Concept,
    Glossary,
    Problem,
    Term,
    check_concept,
    unused_id,
)
from workbench.glossary.sameterm import TermIndex, same_term

# -- merging imported concepts -----------------------------------------------


@dataclass(frozen=True)
class Change:
    """A term of a concept merged by word form: added, or kept as the glossary had it."""

    language: str
    text: str
    status: str  # what the glossary has now
    file_status: str  # what the file said
    #: For a rendering added as admitted: the concept's preferred term, which stays.
    preferred: str = ""

    def as_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class WordFormMerge:
    """An imported concept merged into the concept that has its source term already."""

    line: int
    term: str  # the source term, as the file writes it
    concept: str  # the id of the concept it went to
    as_written: str  # that concept's term, as the glossary writes it
    added: tuple[Change, ...] = ()
    kept: tuple[Change, ...] = ()  # terms both have, with another status in the file

    def message(self, dry_run: bool = False) -> str:
        """Say in one line where the concept went and what changed there."""
        what = (
            f'a term of the concept "{self.concept}"'
            if self.as_written == self.term
            else f'a word form of «{self.as_written}», a term of the concept "{self.concept}"'
        )
        parts = []
        for c in self.added:
            part = f"{'would add' if dry_run else 'added'} {c.language} «{c.text}»"
            if c.preferred:
                part += f" as {c.status} («{c.preferred}» stays {PREFERRED})"
            parts.append(part)
        for c in self.kept:
            parts.append(
                f"{c.language} «{c.text}» stays {c.status} (the file says {c.file_status})"
            )
        into = "would merge into it" if dry_run else "merged into it"
        return f"line {self.line}: «{self.term}» is {what}: {into}; " + (
            "; ".join(parts) or "nothing new"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "term": self.term,
            "concept": self.concept,
            "as": self.as_written,
            "added": [c.as_dict() for c in self.added],
            "kept": [c.as_dict() for c in self.kept],
        }


@dataclass(frozen=True)
class ImportReport:
    """What an import did, by concept id."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    #: What the file held that the glossary cannot: (what, how many), most first.
    not_kept: tuple[tuple[str, int], ...] = ()
    #: Concepts of the file merged into one that had their source term already.
    merged: tuple[WordFormMerge, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "updated": list(self.updated),
            "unchanged": list(self.unchanged),
            "not_kept": dict(self.not_kept),
            "merged": [m.as_dict() for m in self.merged],
        }

    @property
    def summary(self) -> str:
        """One line: how many concepts were kept and what was not ("kept 45 concepts; ...")."""
        kept = len(self.added) + len(self.updated) + len(self.unchanged)
        line = f"kept {kept} concept{'' if kept == 1 else 's'}"
        if self.not_kept:
            line += "; not kept: " + ", ".join(f"{n} {what}" for what, n in self.not_kept)
        return line


def merge(
    glossary: Glossary, incoming: list[Incoming], *, source_language: str, name: str
) -> tuple[Glossary, ImportReport]:
    """Merge imported concepts into *glossary* by id or by source-language preferred term.

    A concept found by id, or else by its preferred source term, is updated:
    non-empty fields replace the old ones, and the terms of each (language,
    status) the file speaks for replace the old terms there. A concept found
    neither way whose source term a concept has in any word form is merged
    into that one, adding only (see the module's docstring); the report says
    so for each. Everything is checked before anything changes; an error
    names *name* and the line.
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
    index = TermIndex(source_language, glossary)
    merges: list[WordFormMerge] = []

    def counted(cid: str, changed: bool) -> None:
        # A concept merged into by several rows is counted once, as changed if any row changed it.
        if cid in added or cid in updated:
            return
        if changed:
            if cid in unchanged:
                unchanged.remove(cid)
            updated.append(cid)
        elif cid not in unchanged:
            unchanged.append(cid)

    for item in incoming:
        target = _match(item, concepts, by_source, source_language, name)
        if target is None:
            found = _same_source_term(item, concepts, order, index, source_language, name)
            if found is not None:
                old, term, ours = found
                new, merge_note = _merged_by_word_form(old, item, term, ours, name)
                concepts[old.id] = new
                index.add(new)
                merges.append(merge_note)
                counted(old.id, new != old)
                continue
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
            concepts[cid] = checked_at(dataclasses.replace(item.concept, id=cid), item, name)
            order.append(cid)
            added.append(cid)
            continue
        old = concepts[target]
        try:
            new = check_concept(_merged(old, item, source_language))
        except Problem as problem:
            raise GlossaryError(problem.detail, path=name, line=item.line) from None
        if cid in updated or cid in unchanged:
            # A row merged into it by word form first: this row is the one that describes it.
            for listed in (updated, unchanged):
                if cid in listed:
                    listed.remove(cid)
        (unchanged if new == old else updated).append(cid)
        concepts[cid] = new
        index.add(new)
    result = Glossary.of_checked(concepts[cid] for cid in order)
    report = ImportReport(tuple(added), tuple(updated), tuple(unchanged), merged=tuple(merges))
    return result, report


def _same_source_term(
    item: Incoming,
    concepts: dict[str, Concept],
    order: list[str],
    index: TermIndex,
    source_language: str,
    name: str,
) -> tuple[Concept, Term, Term] | None:
    """Return the concept with a source term of *item* in some word form, that term and its own."""
    own = item.concept.terms_in(source_language)
    own.sort(key=lambda t: t.status != PREFERRED)
    for term in own:
        found = []
        # Only the glossary's own concepts: what the file says twice (two meanings, a
        # context column) it says on purpose, and was never merged.
        for cid in sorted(index.candidates(term), key=order.index):
            concept = concepts.get(cid)
            ours = concept and next((t for t in concept.terms if same_term(t, term)), None)
            if ours:
                found.append((concept, ours))
        if len(found) > 1:
            listed = " and ".join(f'"{c.id}"' for c, _ in found)
            raise GlossaryError(
                f"«{term.text}» is a term of the concepts {listed} (in some word form); "
                "give it the id of the one it belongs to",
                path=name,
                line=item.line,
            )
        if found:
            concept, ours = found[0]
            return concept, term, ours
    return None


def _merged_by_word_form(
    old: Concept, item: Incoming, term: Term, ours: Term, name: str
) -> tuple[Concept, WordFormMerge]:
    """Add the terms of *item* that *old* lacks; keep what *old* says where the two differ."""
    terms = list(old.terms)
    added: list[Change] = []
    kept: list[Change] = []
    for new in item.concept.terms:
        same = [t for t in terms if same_term(t, new)]
        if same:
            if all(t.status != new.status for t in same):
                kept.append(Change(new.language, same[0].text, same[0].status, new.status))
            continue
        preferred = next(
            (t for t in terms if t.language == new.language and t.status == PREFERRED), None
        )
        if new.status == PREFERRED and preferred is not None:
            terms.append(dataclasses.replace(new, status=ADMITTED))
            added.append(Change(new.language, new.text, ADMITTED, PREFERRED, preferred.text))
        else:
            terms.append(new)
            added.append(Change(new.language, new.text, new.status, new.status))
    # What the glossary says about the concept stays; the file fills only what is empty.
    fields = {
        field: getattr(old, field) or getattr(item.concept, field)
        for field in ("definition", "subject", "note", "source", "admin", "by_language")
    }
    conflict = combined(old.conflict, item.concept.conflict)
    try:
        new_concept = check_concept(
            dataclasses.replace(old, terms=tuple(terms), conflict=conflict, **fields)
        )
    except Problem as problem:
        raise GlossaryError(problem.detail, path=name, line=item.line) from None
    note = WordFormMerge(item.line, term.text, old.id, ours.text, tuple(added), tuple(kept))
    return new_concept, note


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
    fields: dict[str, Any] = {
        name: getattr(new, name) or getattr(old, name)
        for name in ("definition", "subject", "note", "source", "admin", "by_language")
    }
    incoming = {(t.language, t.text): t for t in new.terms}
    old_shared = shared_attributes(old, source_language)
    terms = []
    for term in old.terms:
        came = incoming.pop((term.language, term.text), None)
        if came is not None:
            terms.append(_merged_term(term, came, item, old_shared))
        elif (term.language, term.status) not in item.given:
            terms.append(term)
    terms += incoming.values()
    # A sync conflict stays until someone settles it: a file that does not speak
    # of it (a CSV, a TBX from another tool) leaves it, one that carries it (the
    # glossary's own export) adds what the glossary does not have yet.
    conflict = combined(old.conflict, new.conflict)
    return Concept(old.id, tuple(terms), conflict=conflict, **fields)


def _merged_term(old: Term, new: Term, item: Incoming, old_shared: dict[str, Any]) -> Term:
    if item.shared is None:
        # What the file leaves empty, the glossary keeps.
        kept = ("note", "context", "source", "term_type", "reliability", "admin")
        return dataclasses.replace(new, **{k: getattr(new, k) or getattr(old, k) for k in kept})
    changes: dict[str, Any] = {"status": new.status}
    for attr, value in item.shared.items():
        # A cell showing what an export of the old concept would show was not
        # edited: keep each term's own value rather than flatten them all.
        if value != old_shared[attr]:
            changes[attr] = getattr(new, attr)
    for language, text, attr in item.stated:
        # What the row says of this term alone holds, whatever its other cells say.
        if (language, text) == (new.language, new.text):
            changes[attr] = getattr(new, attr)
    return dataclasses.replace(old, **changes)
