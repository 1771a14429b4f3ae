"""Merging concepts read from an imported file into the glossary.

:func:`merge` folds what a reader returned (:class:`~workbench.glossary.incoming.Incoming`
concepts) into a glossary, by id or by source-language preferred term;
:mod:`workbench.glossary.io` reads the file and saves the result.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from workbench.errors import GlossaryError
from workbench.glossary.incoming import Incoming, checked_at, shared_attributes
from workbench.glossary.model import (
    Concept,
    Glossary,
    Problem,
    Term,
    check_concept,
    unused_id,
)

# -- merging imported concepts -----------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    """What an import did, by concept id."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    #: What the file held that the glossary cannot: (what, how many), most first.
    not_kept: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "updated": list(self.updated),
            "unchanged": list(self.unchanged),
            "not_kept": dict(self.not_kept),
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
            concepts[cid] = checked_at(dataclasses.replace(item.concept, id=cid), item, name)
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
            terms.append(_merged_term(term, came, item.shared, old_shared))
        elif (term.language, term.status) not in item.given:
            terms.append(term)
    terms += incoming.values()
    return Concept(old.id, tuple(terms), **fields)


def _merged_term(
    old: Term, new: Term, shared: dict[str, Any] | None, old_shared: dict[str, Any]
) -> Term:
    if shared is None:
        # What the file leaves empty, the glossary keeps.
        kept = ("note", "context", "source", "term_type", "reliability", "admin")
        return dataclasses.replace(new, **{k: getattr(new, k) or getattr(old, k) for k in kept})
    changes: dict[str, Any] = {"status": new.status}
    for attr, value in shared.items():
        # A cell showing what an export of the old concept would show was not
        # edited: keep each term's own value rather than flatten them all.
        if value != old_shared[attr]:
            changes[attr] = getattr(new, attr)
    return dataclasses.replace(old, **changes)
