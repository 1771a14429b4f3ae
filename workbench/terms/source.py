"""Find glossary terms in source and target text as word forms, and check renderings.

Both sides work the same way: fold the text, generate the word forms of
each term rather than stem the text (:mod:`workbench.lang.wordforms`), and look
for the forms between word boundaries. Offsets always point into the
original text (Python string indices), so a page can highlight exactly what
was matched.

- :class:`SourceMatcher` (here) runs one compiled Aho-Corasick automaton
  (:mod:`workbench.terms.automaton`, leftmost-longest) over the folded
  text, with every form of every term of the source language as a key.
- :class:`~workbench.terms.target.TargetMatcher` answers "is this rendering
  in this translation?" by looking its forms up among the stretches of
  whole words of the folded translation.
- :func:`~workbench.checks.glossary.glossary_findings` (in the checks) is
  the glossary check of one unit.

A case-sensitive term (an acronym) hits only in the case it is written, its
plural ``s`` aside; a keep-as-is term must appear verbatim, in any language.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

from workbench.glossary.model import Concept, Term
from workbench.lang.locales import checked_code
from workbench.lang.wordforms import Folded, morphology
from workbench.terms.automaton import Automaton

_NOT_SPACE = re.compile("[^ ]")
_SPACE_RUNS = re.compile(" +")
_START = itemgetter(1)
_END = itemgetter(2)
_KEY = itemgetter(0)


class Hit(NamedTuple):
    """One term found in a text: where, as written, and for which concept.

    A record that cannot be changed (``hit._replace(start=0)`` gives a new
    one). A named tuple, built in C: a statement gives thousands of hits.
    """

    start: int
    end: int
    text: str
    concept_id: str
    term: Term


# Makes a hit from a tuple of its fields without a call into Python code:
# ``_NEW(Hit, fields)``, or mapped over many with ``repeat(Hit)``.
_NEW = tuple.__new__


def _places(values: Sequence[object], value: object) -> Iterator[int]:
    """Yield the places of *value* in *values*, found in C."""
    i = -1
    while True:
        try:
            i = values.index(value, i + 1)
        except ValueError:
            return
        yield i


def _following(haystack: bytes | str, ends: list[int]) -> str:
    """Return the character after each match that ends at *ends*, as a str."""
    if isinstance(haystack, bytes):
        return bytes(map(haystack.__getitem__, ends)).decode("latin-1")
    return "".join(map(haystack.__getitem__, ends))


def _spliced(
    found: list[tuple[int, int, int]], edits: list[tuple[int, int, list[tuple[int, int, int]]]]
) -> list[tuple[int, int, int]]:
    """Return *found* with each edit's ``found[lo:hi]`` replaced by its matches."""
    out: list[tuple[int, int, int]] = []
    last = 0
    for lo, hi, new in edits:
        out += found[last:lo]
        out += new
        last = hi
    out += found[last:]
    return out


# -- source ------------------------------------------------------------------


class _Entry:
    """A term of a concept, under one of its keys."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("concept_id", "term", "exact")

    def __init__(self, concept_id: str, term: Term, exact: frozenset[str] | None) -> None:
        self.concept_id = concept_id
        self.term = term
        self.exact = exact  # the forms in their case, for case-sensitive terms


def _first_by_id(concepts: Iterable[Concept]) -> dict[str, Concept]:
    """Return *concepts* by id, the first of an id given twice."""
    by_id: dict[str, Concept] = {}
    for concept in concepts:
        by_id.setdefault(concept.id, concept)
    return by_id


class SourceMatcher:
    """Find the terms of one source language in its text, built once per glossary.

    Every status is matched, so a concept is found whatever wording the
    source uses. Hits are leftmost-longest and never overlap; when the same
    words are a term of two concepts, both get a hit with the same span.
    """

    def __init__(self, concepts: Iterable[Concept], language: str = "en") -> None:
        self.language = checked_code(language)
        concepts = list(concepts)
        self.concepts = _first_by_id(concepts)
        self._morph = morphology(self.language)
        by_key: dict[str, list[_Entry]] = {}
        for concept in concepts:
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
        # Each key is looked for with a space before it in the folded text,
        # padded with one: a match always starts a word. Most end one too;
        # those that end inside a word (the key "art" in "artists") are no
        # match, and give way like a key matched in the wrong case.
        self._keys: dict[str, int] = {}  # " key" -> its index
        self._entries: list[tuple[_Entry, ...]] = []
        self._lengths: list[int] = []  # the key's length, less a trimmed '
        self._strict: set[int] = set()  # keys whose hits must be checked for case
        # (concept id, term) of each key, or None when some need the check.
        self._plain: list[tuple[tuple[str, Term], ...] | None] = []
        # The concept and term of each key whose hits need no more than
        # their span; None for keys of several concepts, of a case to check
        # or with an apostrophe to trim.
        self._concept_of: list[str | None] = []
        self._term_of: list[Term | None] = []
        widest = 1  # the widest run of spaces inside a key
        for index, (key, entries) in enumerate(by_key.items()):
            exact = [e.exact is not None for e in entries]
            if all(exact):
                self._strict.add(index)
            self._keys[" " + key] = index
            self._lengths.append(len(key) - (key[-1] == "'"))
            self._entries.append(tuple(entries))
            simple = not any(exact)
            self._plain.append(tuple((e.concept_id, e.term) for e in entries) if simple else None)
            one = simple and len(entries) == 1 and key[-1] != "'"
            self._concept_of.append(entries[0].concept_id if one else None)
            self._term_of.append(entries[0].term if one else None)
            if "  " in key:
                widest = max(widest, *map(len, _SPACE_RUNS.findall(key)))
        # No match crosses a run of spaces wider than any inside a key.
        self._widest = widest
        # The keys as written, in the order of their index: the automaton is
        # made from them, and made again from them when the matcher is unpickled.
        self._written = list(self._keys)
        self._automaton = Automaton(self._written) if self._written else None
        if self._automaton is not None:
            # Looked up in the text as the search sees it.
            searched = self._automaton.searched
            self._keys = {searched(key): index for key, index in self._keys.items()}

    def kept(self) -> dict[str, object]:
        """Return what a later process needs to make this matcher again: :meth:`from_kept`.

        It pickles. The compiled automaton and the language's rules are made
        again, and the concepts given again: they are the glossary's.
        """
        kept = dict(vars(self))
        del kept["_automaton"], kept["_morph"], kept["concepts"]
        return kept

    @classmethod
    def from_kept(cls, kept: dict[str, object], concepts: Iterable[Concept]) -> SourceMatcher:
        """Return the matcher :meth:`kept` described, over *concepts*, those it was made from."""
        matcher = cls.__new__(cls)
        vars(matcher).update(kept)
        matcher.concepts = _first_by_id(concepts)
        matcher._morph = morphology(matcher.language)
        matcher._automaton = Automaton(matcher._written) if matcher._written else None
        return matcher

    def __len__(self) -> int:
        """Return the number of word forms the matcher looks for."""
        return len(self._entries)

    def find(self, text: str) -> list[Hit]:
        """Return the terms in *text*, leftmost-longest, in text order."""
        if self._automaton is None:
            return []
        folded = self._morph.fold(text, False)
        if folded.ascii is None:
            haystack = self._automaton.haystack(f" {folded.text} ")
        else:
            # Searched as made: ASCII, and the few letters beyond it put in.
            narrow, wide = folded.ascii
            haystack = self._automaton.haystack(f" {narrow} ", [(i + 1, c) for i, c in wide])
        found = self._automaton.find(haystack)
        if not found:
            return []
        # Columns by itemgetter: zip(*found) would make an iterator per match.
        ends = list(map(_END, found))
        keys = list(map(_KEY, found))
        concepts = list(map(self._concept_of.__getitem__, keys))
        # A match that ends inside a word, or in the wrong case, gives way.
        suspects = self._suspects(keys, concepts, _following(haystack, ends))
        edits: list[tuple[int, int, list[tuple[int, int, int]]]] = []
        if suspects:
            # The rest of the way is over the text as the search sees it.
            padded = haystack.decode("latin-1") if isinstance(haystack, bytes) else haystack
            edits = self._edits(text, folded, padded, found, suspects)
        dropped: set[int] = set()  # matches that give no hit
        if any(new for _, _, new in edits):
            found = _spliced(found, edits)
            ends = list(map(_END, found))
            keys = list(map(_KEY, found))
            concepts = list(map(self._concept_of.__getitem__, keys))
        else:
            # Matches dropped, none found again: they stay in the columns,
            # marked for the pass over the hits of keys without one concept.
            for lo, hi, _ in edits:
                dropped.update(range(lo, hi))
                concepts[lo:hi] = [None] * (hi - lo)
            if len(dropped) == len(found):
                return []
        starts = list(map(_START, found))
        # Freed before the hits are made, so their tuples leave the collector's count.
        del found
        # " key" found at [s, e) of " folded " is folded text [s, e - 1).
        past = ends
        begins, ends = folded.spans(starts, past, past=1)
        written = [text[a:b] for a, b in zip(begins, ends, strict=True)]
        # Built in C over columns: most keys are the words of one term.
        terms = map(self._term_of.__getitem__, keys)
        fields = zip(begins, ends, written, concepts, terms, strict=True)
        hits = list(map(_NEW, repeat(Hit), fields))
        if None not in concepts:
            return hits
        # Keys of several concepts (or in their case, or with a trimmed
        # apostrophe) give a hit for each concept that holds.
        several: list[Hit] = []
        last = 0
        for i in _places(concepts, None):
            several += hits[last:i]
            last = i + 1
            if i in dropped:
                continue
            index = keys[i]
            start, stop = starts[i], starts[i] + self._lengths[index]
            span = (begins[i], ends[i], written[i])
            if stop != past[i] - 1:
                a, b = folded.span(start, stop)
                span = (a, b, text[a:b])
            pairs = self._plain[index]
            if pairs is None:
                entries = self._entries_at(text, folded, start, stop, index)
                pairs = tuple((e.concept_id, e.term) for e in entries)
            for pair in pairs:
                several.append(_NEW(Hit, span + pair))
        several += hits[last:]
        return several

    def _suspects(self, keys: list[int], concepts: list[str | None], after: str) -> list[int]:
        """Return the places of the matches that may not hold, in order.

        *after* has the character after each match: a match that ends inside
        a word is none, nor may a key of case-sensitive terms be (their
        places are among those of keys without one concept).
        """
        places = [m.start() for m in _NOT_SPACE.finditer(after)]
        if self._strict:
            places += (i for i in _places(concepts, None) if keys[i] in self._strict)
        return sorted(set(places))

    def _edits(
        self,
        text: str,
        folded: Folded,
        padded: str,
        found: list[tuple[int, int, int]],
        suspects: list[int],
    ) -> list[tuple[int, int, list[tuple[int, int, int]]]]:
        """Return how *found* becomes the leftmost-longest matches that hold.

        Each edit replaces ``found[lo:hi]`` with a list of matches. A match
        that ends inside a word, or of a case-sensitive key written in
        another case, is none (*suspects* are the places of those that may
        be): a shorter key at its start, then the matches after its start,
        take its place. A match of one word is simply dropped; after one of
        several, the search is redone up to the next run of spaces that no
        key crosses, past which the automaton's matches stand.
        """
        edits: list[tuple[int, int, list[tuple[int, int, int]]]] = []
        i = 0  # found[:i] are settled
        for j in suspects:
            if j < i or self._holds(text, folded, padded, found[j]):
                continue
            _, s, e = found[j]
            if padded.find(" ", s + 1, e) == -1:
                # One word: no shorter key ends inside it, no key starts
                # inside it, and the automaton went on from its end just as
                # a search from its start would.
                edits.append((j, j + 1, []))
                i = j + 1
                continue
            cut = padded.find(" " * (self._widest + 1), e)
            cut = len(padded) if cut == -1 else cut + self._widest
            i = bisect.bisect_left(found, cut, lo=j, key=_START)
            edits.append((j, i, self._search(text, folded, padded, found[j], cut)))
        return edits

    def _search(
        self,
        text: str,
        folded: Folded,
        padded: str,
        failed: tuple[int, int, int],
        cut: int,
    ) -> list[tuple[int, int, int]]:
        """Return the matches that hold from the start of the *failed* one up to *cut*."""
        assert self._automaton is not None
        kept: list[tuple[int, int, int]] = []
        while True:
            _, s, e = failed
            # The longest shorter key that holds at s; if none, no hit starts there.
            pos = s + 1
            end = padded.rfind(" ", s + 1, e)
            while end != -1:
                index = self._keys.get(padded[s:end])
                if index is not None and self._holds(text, folded, padded, (index, s, end)):
                    kept.append((index, s, end))
                    pos = end
                    break
                end = padded.rfind(" ", s + 1, end)
            for index, a, b in self._automaton.find(self._automaton.haystack(padded[pos:cut])):
                match = (index, a + pos, b + pos)
                if not self._holds(text, folded, padded, match):
                    failed = match
                    break
                kept.append(match)
            else:
                return kept

    def _holds(self, text: str, folded: Folded, padded: str, match: tuple[int, int, int]) -> bool:
        """Tell whether *match* ends a word and, for a case-sensitive key, is in its case."""
        index, s, e = match
        if padded[e] != " ":
            return False
        if index not in self._strict:
            return True
        return bool(self._entries_at(text, folded, s, s + self._lengths[index], index))

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
