"""Find glossary terms in source and target text as word forms, and check renderings.

Both sides work the same way: fold the text, generate the word forms of
each term rather than stem the text (:mod:`workbench.lang.wordforms`), and look
for the forms between word boundaries. Offsets always point into the
original text (Python string indices), so a page can highlight exactly what
was matched.

- :class:`SourceMatcher` (here) runs one Aho-Corasick automaton over every
  form of every term of the source language and keeps the leftmost-longest
  hits.
- :class:`~workbench.terms.target.TargetMatcher` answers "is this rendering
  in this translation?" with one cached regular expression per term.
- :func:`~workbench.checks.glossary.glossary_findings` (in the checks) is
  the glossary check of one unit.

A case-sensitive term (an acronym) hits only in the case it is written, its
plural ``s`` aside; a keep-as-is term must appear verbatim, in any language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from workbench.glossary.model import Concept, Term
from workbench.lang.locales import language as _language
from workbench.lang.wordforms import (
    Folded,
    morphology,
)


@dataclass(frozen=True, init=False)
class Hit:
    """One term found in a text: where, as written, and for which concept."""

    start: int
    end: int
    text: str
    concept_id: str
    term: Term

    def __init__(self, start: int, end: int, text: str, concept_id: str, term: Term) -> None:
        # A statement gives thousands of hits: one dict update costs half the
        # frozen dataclass's five object.__setattr__ calls. Still frozen after.
        self.__dict__.update(start=start, end=end, text=text, concept_id=concept_id, term=term)


# -- source ------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    concept_id: str
    term: Term
    exact: frozenset[str] | None  # the forms in their case, for case-sensitive terms


class SourceMatcher:
    """Find the terms of one source language in its text, built once per glossary.

    Every status is matched, so a concept is found whatever wording the
    source uses. Hits are leftmost-longest and never overlap; when the same
    words are a term of two concepts, both get a hit with the same span.
    """

    def __init__(self, concepts: Iterable[Concept], language: str = "en") -> None:
        self.language = _language(language).code
        self.concepts: dict[str, Concept] = {}
        self._morph = morphology(self.language)
        by_key: dict[str, list[_Entry]] = {}
        for concept in concepts:
            self.concepts.setdefault(concept.id, concept)
            for term in concept.terms_for(self.language):
                # Keep-as-is binds the translation; the source is matched by case only
                # when the term says so.
                exact = self._morph.forms(term.text, True) if term.case_sensitive else None
                entry = _Entry(concept.id, term, exact)
                for form in self._morph.forms(term.text, False):
                    # A closing apostrophe after s folds as a possessive
                    # (the ‘councils’): a key of its own, trimmed off the hit.
                    for key in (form, form + "'") if form[-1] in "sS" else (form,):
                        entries = by_key.setdefault(key, [])
                        if not any(e.concept_id == concept.id and e.exact is None for e in entries):
                            entries.append(entry)
        # Keys carry a space at both ends and the folded text is padded with
        # one, so the automaton only reports whole words: no boundary checks.
        self._automaton = ahocorasick.Automaton()
        self._entries: list[tuple[_Entry, ...]] = []
        self._strict: set[int] = set()  # keys whose hits must be checked for case
        # (concept id, term) of each key, or None when some need the check.
        self._plain: list[tuple[tuple[str, Term], ...] | None] = []
        for key, entries in by_key.items():
            index = len(self._entries)
            if all(e.exact is not None for e in entries):
                self._strict.add(index)
            # " key " found ending at ``end`` of " folded text " covers the
            # folded words [end - len(key) - 1, end - 1), less a trimmed apostrophe.
            trim = 1 if key.endswith("'") else 0
            self._automaton.add_word(f" {key} ", (len(key), index, 1 + trim))
            self._entries.append(tuple(entries))
            simple = all(e.exact is None for e in entries)
            self._plain.append(tuple((e.concept_id, e.term) for e in entries) if simple else None)
        if self._entries:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        """Return the number of word forms the matcher looks for."""
        return len(self._entries)

    def find(self, text: str) -> list[Hit]:
        """Return the terms in *text*, leftmost-longest, in text order."""
        if not self._entries:
            return []
        folded = self._morph.fold(text, False)
        strict = self._strict
        # Leftmost-longest in one pass: the automaton reports matches by end,
        # so a match either follows the chosen ones, or overlaps the last of
        # them; it then wins only against those that start where it starts or
        # later (it is longer than those that start where it starts).
        starts: list[int] = []
        stops: list[int] = []
        keys: list[int] = []
        for end, (length, index, cut) in self._automaton.iter(f" {folded.text} "):
            start = end - length - 1
            if stops and stops[-1] > start:
                k = len(stops)
                while k and stops[k - 1] > start:
                    k -= 1
                if starts[k] < start:
                    continue
                stop = end - cut
                if index in strict and not self._entries_at(text, folded, start, stop, index):
                    continue
                del starts[k:], stops[k:], keys[k:]
            else:
                stop = end - cut
                if index in strict and not self._entries_at(text, folded, start, stop, index):
                    continue
            starts.append(start)
            stops.append(stop)
            keys.append(index)
        hits: list[Hit] = []
        plain = self._plain
        spans = folded.spans(starts, stops) if folded.shifted else zip(starts, stops, strict=True)
        for (a, b), start, stop, index in zip(spans, starts, stops, keys, strict=True):
            matched = text[a:b]
            found = plain[index]
            if found is None:
                found = tuple(
                    (e.concept_id, e.term)
                    for e in self._entries_at(text, folded, start, stop, index)
                )
            for concept_id, term in found:
                hits.append(Hit(a, b, matched, concept_id, term))
        return hits

    def _entries_at(
        self, text: str, folded: Folded, start: int, stop: int, index: int
    ) -> tuple[_Entry, ...] | list[_Entry]:
        """Return the entries of key *index* that hold for the words at [start, stop)."""
        entries = self._entries[index]
        if all(e.exact is None for e in entries):
            return entries
        a, b = folded.span(start, stop)
        written = text[a:b]
        if not written.isalnum():
            written = self._morph.fold(written, True).text.strip(" ")
        found: list[_Entry] = []
        for entry in entries:
            if entry.exact is not None and written not in entry.exact:
                continue
            if all(e.concept_id != entry.concept_id for e in found):
                found.append(entry)
        return found
