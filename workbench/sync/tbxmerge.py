"""A three-way merge of the glossary, concept by concept (by id), term by term.

- Concepts added on either side are kept; one removed on a side and left
  alone on the other is removed.
- A concept edited on both sides merges field by field (definition, subject,
  decision note) and term by term (a term is its language and text; its
  status, part of speech, treatment and note merge with it). A concept whose
  source term was renamed on one side and whose definition was edited on the
  other is one concept with both edits.
- A real clash keeps both and marks the concept in conflict
  (``Concept.conflict``, shown by ``workbench glossary consistency`` and on the
  concept page; saving the concept clears it): two different preferred
  renderings in one language (this side's stays preferred, the other becomes
  admitted), a field both sides changed differently (this side's stays, the
  other's is quoted in the conflict), or a concept one side removed while the
  other edited it (it stays).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from workbench.glossary.conflict import (
    REMOVED_WHILE_EDITED,
    field_clash,
    not_merged,
    preferred_clash,
)
from workbench.glossary.model import ADMITTED, PREFERRED, Concept, Glossary, Problem, check_concept
from workbench.glossary.model import Term as GlossaryTerm

_FIELDS = ("definition", "subject", "note")
_TERM_FIELDS = tuple(f.name for f in dataclasses.fields(GlossaryTerm) if f.name not in ("text",))


@dataclasses.dataclass(frozen=True)
class ConceptConflict:
    """A concept both sides changed in ways that clash."""

    concept_id: str
    detail: str


def merge_glossaries(
    base: Glossary, ours: Glossary, theirs: Glossary
) -> tuple[Glossary, list[ConceptConflict]]:
    """Merge two versions of a glossary with their common ancestor."""
    conflicts: list[ConceptConflict] = []
    result: dict[str, Concept | None] = {}
    o_ids = [c.id for c in ours]
    t_ids = [c.id for c in theirs]
    for cid in _union(o_ids, t_ids):
        b, o, t = base.get(cid), ours.get(cid), theirs.get(cid)
        if o == t:
            result[cid] = o
        elif b == o:
            result[cid] = t
        elif b == t:
            result[cid] = o
        elif o is None or t is None:
            kept = o or t
            assert kept is not None
            detail = REMOVED_WHILE_EDITED
            result[cid] = _marked(kept, detail)
            conflicts.append(ConceptConflict(cid, detail))
        else:
            merged, found = merge_concept(b, o, t)
            result[cid] = merged
            conflicts += found
    order = _ordered(o_ids, t_ids)
    return Glossary.of_checked(c for cid in order if (c := result.get(cid)) is not None), conflicts


def _union(first: Sequence[str], second: Sequence[str]) -> list[str]:
    seen = set(first)
    return [*first, *(x for x in second if x not in seen)]


def _ordered(ours: list[str], theirs: list[str]) -> list[str]:
    known = set(ours)
    after: dict[str | None, list[str]] = {}
    previous: str | None = None
    for cid in theirs:
        if cid in known:
            previous = cid
        else:
            after.setdefault(previous, []).append(cid)
    out = list(after.get(None, ()))
    for cid in ours:
        out.append(cid)
        out += after.get(cid, ())
    return out


def _three(b, o, t):
    if o == t or b == t:
        return o
    if b == o:
        return t
    return o


def merge_concept(
    b: Concept | None, o: Concept, t: Concept
) -> tuple[Concept, list[ConceptConflict]]:
    """Merge three versions of one concept; return it and what clashed."""
    base = b or Concept(o.id)
    clashes: list[str] = []
    values: dict[str, str] = {}
    for name in _FIELDS:
        vb, vo, vt = getattr(base, name), getattr(o, name), getattr(t, name)
        values[name] = _three(vb, vo, vt)
        if vo != vt and vb not in (vo, vt):
            clashes.append(field_clash(name, vt))
    terms = _merge_terms(base.terms, o.terms, t.terms)
    terms, preferred_clashes = _one_preferred(terms, o)
    clashes += preferred_clashes
    old = [x for x in (o.conflict, t.conflict) if x]
    conflict = "\n".join(dict.fromkeys([*"\n".join(old).split("\n"), *clashes]).keys()).strip()
    merged = Concept(o.id, tuple(terms), conflict=conflict, **values)
    try:
        merged = check_concept(merged)
    except Problem as problem:
        # Should the terms not go together (a rare mix of edits), this side's
        # concept stays whole and the clash is said.
        merged = _marked(o, not_merged(problem.detail))
        clashes.append(problem.detail)
    return merged, [ConceptConflict(o.id, c) for c in clashes]


def _marked(concept: Concept, detail: str) -> Concept:
    conflict = "\n".join(x for x in (concept.conflict, detail) if x)
    if detail in concept.conflict.split("\n"):
        conflict = concept.conflict
    return dataclasses.replace(concept, conflict=conflict)


def _merge_terms(
    b: Sequence[GlossaryTerm], o: Sequence[GlossaryTerm], t: Sequence[GlossaryTerm]
) -> list[GlossaryTerm]:
    def keyed(terms: Sequence[GlossaryTerm]) -> dict[tuple[str, str], GlossaryTerm]:
        return {(x.language, x.text): x for x in terms}

    kb, ko, kt = keyed(b), keyed(o), keyed(t)
    out: list[GlossaryTerm] = []
    for key in _union_keys(list(ko), list(kt)):
        vb, vo, vt = kb.get(key), ko.get(key), kt.get(key)
        if vo == vt or vb == vt:
            chosen = vo
        elif vb == vo:
            chosen = vt
        elif vo is None or vt is None:
            chosen = vo or vt  # removed on one side, edited on the other: kept
        else:
            chosen = dataclasses.replace(
                vo,
                **{
                    name: _three(getattr(vb, name, None), getattr(vo, name), getattr(vt, name))
                    for name in _TERM_FIELDS
                    if vb is not None
                },
            )
        if chosen is not None:
            out.append(chosen)
    return out


def _union_keys(first: list, second: list) -> list:
    seen = set(first)
    return [*first, *(x for x in second if x not in seen)]


def _one_preferred(
    terms: list[GlossaryTerm], ours: Concept
) -> tuple[list[GlossaryTerm], list[str]]:
    """Keep one preferred term per language: this side's; the others become admitted."""
    clashes: list[str] = []
    by_language: dict[str, list[GlossaryTerm]] = {}
    for term in terms:
        if term.status == PREFERRED:
            by_language.setdefault(term.language, []).append(term)
    demoted: set[tuple[str, str]] = set()
    for lang, found in by_language.items():
        if len(found) < 2:
            continue
        mine = ours.preferred(lang)
        keep = next((x for x in found if mine is not None and x.text == mine.text), found[0])
        for term in found:
            if term is not keep:
                demoted.add((term.language, term.text))
                clashes.append(preferred_clash(lang, keep.text, term.text))
    out = [
        dataclasses.replace(x, status=ADMITTED) if (x.language, x.text) in demoted else x
        for x in terms
    ]
    return out, clashes
