"""Find glossary terms in source and target text as word forms, and check renderings.

Both sides work the same way: fold the text (case, apostrophes, hyphens,
spaces; for Persian-script languages the letter variants of
:mod:`workbench.persian`), generate the word forms of each term rather than
stem the text, and look for the forms between word boundaries. Offsets always
point into the original text (Python string indices), so a page can
highlight exactly what was matched.

- :class:`SourceMatcher` runs one Aho-Corasick automaton over every form of
  every term of the source language and keeps the leftmost-longest hits.
- :class:`TargetMatcher` answers "is this rendering in this translation?"
  with one cached regular expression per term.
- :func:`glossary_findings` is the glossary check of one unit.

English forms: the regular plural of the last word (strike -> strikes,
party -> parties, tax -> taxes, plus -oes, -ves, -men and -es for -is),
and the possessive ``'s``; a possessive ``s'`` inside a term may be left out
(``workers' council`` also matches ``workers council``). Other Latin-script
languages accept the endings -s, -es, -e, -en, -n, -er on every word, French
-aux for -al and German umlaut plurals (Rat -> Räte). A case-sensitive term
(an acronym) hits only in the case it is written, its plural ``s`` aside; a
keep-as-is term must appear verbatim, in any language.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

import ahocorasick

from . import persian
from .findings import ERROR, WARNING, Finding
from .glossary import (
    APPROVED,
    FORBIDDEN,
    KEEP,
    PREFERRED,
    REJECTED,
    STATUSES,
    TRANSLATE,
    Concept,
    Term,
)
from .locales import language as _language

CHECK = "glossary"

_WHITESPACE_RUNS = re.compile(r"\s\s+")
_NON_WORD = re.compile(r"[^\w' ]")


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


class Folded:
    """Folded text and the way back from its offsets to the original's."""

    __slots__ = ("text", "_at", "_add", "_starts", "_ends")

    def __init__(
        self,
        text: str,
        at: list[int] | None = None,
        add: list[int] | None = None,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        self.text = text
        self._at = at or []
        self._add = add or [0]
        self._starts = starts
        self._ends = ends

    @property
    def shifted(self) -> bool:
        """Tell whether folded offsets differ from the original's."""
        return self._starts is not None or bool(self._at)

    def spans(self, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
        """Return the original offsets of many folded spans, given in text order."""
        if self._starts is not None:
            return [self.span(a, b) for a, b in zip(starts, ends, strict=True)]
        at, add = self._at, self._add
        out = []
        k = 0
        last = len(at)
        for a, b in zip(starts, ends, strict=True):
            while k < last and at[k] < a:
                k += 1
            j = k
            while j < last and at[j] < b:
                j += 1
            out.append((a + add[k], b + add[j]))
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original offsets of folded ``text[start:end]``."""
        if self._starts is not None and self._ends is not None:
            return self._starts[start], self._ends[end - 1]
        at, add = self._at, self._add
        if not at:
            return start, end
        return start + add[bisect.bisect_left(at, start)], end + add[bisect.bisect_left(at, end)]


def fold_latin(text: str, keep_case: bool = False) -> Folded:
    """Fold *text* for matching: case, punctuation, apostrophes, runs of spaces.

    Every character that is not part of a word becomes a space, so a hyphen
    joins like a space (hunger-strike, hunger strike) while a comma or a full
    stop and the space after it leave two spaces, which no term crosses (a
    lone mark between two words, as in and/or, joins them like a hyphen). A
    run of whitespace within a paragraph becomes one space; a paragraph
    break stays two spaces or more. An apostrophe stays only as a possessive
    (``council's``, ``councils'``). All but the runs keep their length, so
    the way back to original offsets is a short list.

    >>> fold_latin("Workers’  Hunger-Strike, ‘Iran’").text
    "workers' hunger strike   iran "
    """
    if not keep_case:
        low = text.casefold()
        if len(low) != len(text):
            low = "".join(persian.casefold_char(c) for c in text)
        text = low
    at: list[int] = []
    add = [0]
    pieces: list[str] = []
    last = removed = 0
    for m in _WHITESPACE_RUNS.finditer(text):
        a, b = m.span()
        if text.count("\n", a, b) + 2 * text.count("\u2029", a, b) > 1:
            continue  # a paragraph break: leave it wide
        pieces += (text[last:a], " ")
        last = b
        at.append(a - removed)
        removed += b - a - 1
        add.append(removed)
    if last:
        pieces.append(text[last:])
        text = "".join(pieces)
    for c in persian.APOSTROPHES:
        if c in text:
            text = text.replace(c, "'")
    text = _NON_WORD.sub(" ", text)
    if "'" in text:
        text = _possessive_apostrophes(text)
    return Folded(text, at, add)


def _possessive_apostrophes(text: str) -> str:
    """Blank every apostrophe but the possessive ones (council's, councils')."""
    pieces: list[str] = []
    last = 0
    n = len(text)
    i = text.find("'")
    while i != -1:
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        keep = False
        if before.isalnum() or before == "_":
            if after in "sS":
                following = text[i + 2] if i + 2 < n else " "
                keep = not (following.isalnum() or following == "_")
            elif before in "sS":
                keep = not (after.isalnum() or after == "_")
        if not keep:
            pieces += (text[last:i], " ")
            last = i + 1
        i = text.find("'", i + 1)
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def english_forms(text: str, keep_case: bool = False) -> frozenset[str]:
    """Return the folded forms of an English term: plural and possessive of its last word.

    >>> sorted(english_forms("strike committee"))
    ['strike committee', "strike committee's", 'strike committees']
    """
    forms: set[str] = set()
    for variant in _variants(_fold_term_latin(text, keep_case)):
        head, _, last = variant.rpartition(" ")
        heads = {head}
        if "'" in head:
            heads.add(_POSSESSIVE_S.sub("", head))
        lasts = {last}
        if last[-1:].isalpha():
            plurals = _english_plurals(last)
            lasts |= {*plurals, last + "'s"}
            lasts |= {p + "'s" for p in plurals if not p.endswith("s")}
        forms |= {f"{h} {w}" if h else w for h in heads for w in lasts}
    return frozenset(forms)


# A possessive s' inside a term may be left out: workers' council, workers council.
_POSSESSIVE_S = re.compile(r"(?<=[sS])'(?= |$)")


def _variants(folded: str) -> set[str]:
    # Punctuation inside a term folds to two spaces; the term is also
    # accepted without it (Woman, Life, Freedom and Woman Life Freedom).
    if not folded:
        return set()
    if "  " not in folded:
        return {folded}
    return {folded, re.sub(" {2,}", " ", folded)}


def _english_plurals(word: str) -> list[str]:
    low = word.lower()
    if low in _IRREGULAR:
        plural = _IRREGULAR[low]
        if word.isupper():
            return [plural.upper()]
        return [plural.capitalize() if word[:1].isupper() else plural]
    if low.endswith(("s", "x", "z", "ch", "sh")):
        out = [word + "es"]
    elif len(low) > 1 and low.endswith("y") and low[-2] not in "aeiou":
        out = [word[:-1] + "ies"]
    else:
        out = [word + "s"]
    if low.endswith("o"):
        out.append(word + "es")
    if low.endswith("fe"):
        out.append(word[:-2] + "ves")
    elif low.endswith("f"):
        out.append(word[:-1] + "ves")
    if low.endswith("man"):
        out.append(word[:-2] + "en")
    if low.endswith("is") and len(low) > 3:
        out.append(word[:-2] + "es")
    return out


_IRREGULAR = {"child": "children", "person": "people", "foot": "feet", "mouse": "mice"}

_GENERIC_ENDINGS = ("s", "es", "e", "en", "n", "er")
_UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}


def latin_forms(text: str, language: str, keep_case: bool = False) -> frozenset[str]:
    """Return the folded forms of a term in a Latin-script language other than English.

    >>> sorted(latin_forms("Rat", "de"))[:4]
    ['rat', 'rate', 'raten', 'rater']
    """
    german = language.split("_")[0] == "de"
    forms: set[str] = set()
    for variant in _variants(_fold_term_latin(text, keep_case)):
        words = variant.split(" ")
        inflect = [i for i, w in enumerate(words) if len(w) >= 3 and w[-1:].isalpha()]
        if len(inflect) > 3:
            inflect = [inflect[0], inflect[-1]]
        combined = {""}
        for i, word in enumerate(words):
            options = {word}
            if i in inflect:
                options |= {word + e for e in _GENERIC_ENDINGS}
                if word.endswith("al"):
                    options.add(word[:-2] + "aux")
                if word.endswith(("eau", "eu")):
                    options.add(word + "x")
                if german:
                    options |= _umlauted(word)
            combined = {f"{c} {o}" if i else o for c in combined for o in options}
        forms |= combined
    return frozenset(forms)


def _umlauted(word: str) -> set[str]:
    # Rat -> Räte, Arbeiterrat -> Arbeiterräte, Haus -> Häuser: the last a/o/u.
    for i in range(len(word) - 1, -1, -1):
        if word[i] in _UMLAUT:
            if word[i] in "uU" and i and word[i - 1] in "aA":
                i -= 1  # au -> äu
            stem = word[:i] + _UMLAUT[word[i]] + word[i + 1 :]
            return {stem, stem + "e", stem + "er", stem + "en"}
    return set()


def _fold_term_latin(text: str, keep_case: bool) -> str:
    return fold_latin(text, keep_case).text.strip(" ")


# -- languages ---------------------------------------------------------------


@dataclass(frozen=True)
class _Morphology:
    fold: Callable[[str, bool], Folded]
    forms: Callable[[str, bool], frozenset[str]]
    example: Callable[[str], str | None]


def _fold_script(language: str) -> Callable[[str, bool], Folded]:
    def fold(text: str, keep_case: bool) -> Folded:
        folded, starts, ends = persian.fold(text, language, keep_case)
        return Folded(folded, starts=starts, ends=ends)

    return fold


def _english_example(text: str) -> str | None:
    words = text.split(" ")
    if not words[-1][-1:].isalpha():
        return None
    return " ".join([*words[:-1], _english_plurals(words[-1])[0]])


@functools.lru_cache(maxsize=64)
def _morphology(language: str) -> _Morphology:
    if persian.family(language):
        return _Morphology(
            _fold_script(language),
            lambda text, keep_case: persian.term_forms(text, language, keep_case),
            lambda text: persian.plural_example(text, language),
        )
    if language.split("_")[0] == "en":
        return _Morphology(fold_latin, english_forms, _english_example)
    return _Morphology(
        fold_latin, lambda text, keep_case: latin_forms(text, language, keep_case), lambda _: None
    )


def _same_language(term_language: str, language: str) -> bool:
    # An English source matches en, en_GB and en_US terms; a fa_AF unit
    # accepts plain fa renderings.
    if term_language == language:
        return True
    a, b = term_language.split("_")[0], language.split("_")[0]
    return a == b and (a == term_language or b == language)


def _terms(concept: Concept, language: str, statuses: tuple[str, ...] = STATUSES) -> list[Term]:
    """Return the concept's terms in *language* (or a variant of it), best first."""
    found = [
        t for t in concept.terms if t.status in statuses and _same_language(t.language, language)
    ]
    return sorted(found, key=lambda t: (STATUSES.index(t.status), t.language != language))


def _exact(term: Term) -> bool:
    return term.case_sensitive or term.treatment == KEEP


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
        self._morph = _morphology(self.language)
        by_key: dict[str, list[_Entry]] = {}
        for concept in concepts:
            self.concepts.setdefault(concept.id, concept)
            for term in _terms(concept, self.language):
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


# -- target ------------------------------------------------------------------


class TargetMatcher:
    """Find renderings of one target language in translations, as word forms.

    Patterns are compiled once per term and cached, so one matcher serves a
    whole project; a text is folded once however many terms are asked for.
    """

    def __init__(self, language: str) -> None:
        self.language = _language(language).code
        self._morph = _morphology(self.language)

    def find(self, text: str, term: Term) -> list[tuple[int, int]]:
        """Return the spans of *term* in *text*, in order."""
        return self.find_many(text, [term])[term]

    def contains(self, text: str, term: Term) -> bool:
        """Tell whether *term* occurs in *text* as one of its word forms."""
        return bool(self.find(text, term))

    def find_many(self, text: str, terms: Iterable[Term]) -> dict[Term, list[tuple[int, int]]]:
        """Return the spans of each of *terms* in *text*, folding *text* once."""
        folds: dict[bool, Folded] = {}
        result: dict[Term, list[tuple[int, int]]] = {}
        for term in terms:
            exact = _exact(term)
            pattern = self._pattern(term.text, exact, term.treatment == KEEP)
            if pattern is None:
                result[term] = []
                continue
            folded = folds.get(exact) or folds.setdefault(exact, self._morph.fold(text, exact))
            result[term] = [folded.span(*m.span()) for m in pattern.finditer(folded.text)]
        return result

    def example_form(self, text: str) -> str | None:
        """Return a plural of the rendering *text*, to show a translator a word form."""
        return self._morph.example(text)

    def _pattern(self, text: str, exact: bool, verbatim: bool) -> re.Pattern[str] | None:
        return _pattern(self.language, text, exact, verbatim)


@functools.lru_cache(maxsize=8192)
def _pattern(language: str, text: str, exact: bool, verbatim: bool) -> re.Pattern[str] | None:
    morph = _morphology(language)
    if verbatim:
        written = morph.fold(text, True).text.strip(" ")
        forms = frozenset([written]) if written else frozenset()
    else:
        forms = morph.forms(text, exact)
    if not forms:
        return None
    return re.compile(rf"(?<!\w)(?:{_trie_regex(forms)})(?!\w)")


def _trie_regex(words: Iterable[str]) -> str:
    """Return a regex matching exactly *words*, sharing their prefixes.

    >>> _trie_regex(["strike", "strikes", "striker"])
    'strike[rs]?'
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if all(len(b) == 1 for b in branches) and len(branches) > 1:
            body = "[" + "".join(branches) + "]"
        elif len(branches) == 1:
            body = branches[0]
            if ends:
                body = f"(?:{body})"
        else:
            body = "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return build(trie)


@functools.lru_cache(maxsize=64)
def target_matcher(language: str) -> TargetMatcher:
    """Return the shared matcher for *language*."""
    return TargetMatcher(language)


def find_term(target_text: str, term: Term, language: str | None = None) -> list[tuple[int, int]]:
    """Return the spans of *term* in *target_text*, read as text in *language*."""
    return target_matcher(language or term.language).find(target_text, term)


# -- the glossary check ------------------------------------------------------


@runtime_checkable
class ConceptLookup(Protocol):
    """Anything that looks concepts up by id: a Glossary, a dict."""

    def get(self, concept_id: str, /) -> Concept | None: ...


@dataclass(frozen=True)
class _Plan:
    hit: Hit
    approved: tuple[Term, ...]
    rejected: tuple[Term, ...]


def glossary_findings(
    source: str,
    target: str,
    language: str,
    source_matcher: SourceMatcher,
    concepts: ConceptLookup | Iterable[Concept] | None = None,
    *,
    statement: str = "",
    msgctxt: str | None = None,
    line: int | None = None,
    matcher: TargetMatcher | None = None,
    missing: str = WARNING,
) -> list[Finding]:
    """Check that the glossary's renderings are used in one translated unit.

    For every concept found in *source* (once per concept, however often it
    occurs), one of its preferred or admitted terms in *language* must be in
    *target* as a word form; a keep-as-is term must be there verbatim (a
    source term kept as is stays as is in every language, even without a
    term in *language*). A forbidden rendering present is an error, a
    deprecated one a warning; either replaces the "not found" finding.

    A missing rendering is a warning by default (*missing*): translators
    rightly say "they" for "the councils" now and then, and a check that
    fails on every such sentence gets switched off. A team that wants to
    gate on it passes ``missing="error"``. An untranslated unit gets no
    finding: that is another check's business.
    """
    if not target.strip():
        return []
    language = _language(language).code
    lookup: Callable[[str], Concept | None]
    if concepts is None:
        lookup = source_matcher.concepts.get
    elif isinstance(concepts, ConceptLookup):
        lookup = concepts.get  # a Glossary or a dict: no copy per unit
    else:
        lookup = {c.id: c for c in concepts}.get
    matcher = matcher or target_matcher(language)

    firsts: dict[str, Hit] = {}
    for hit in source_matcher.find(source):
        firsts.setdefault(hit.concept_id, hit)
    plans = []
    for concept_id, hit in firsts.items():
        concept = lookup(concept_id)
        if concept is None:
            continue
        approved = _terms(concept, language, APPROVED)
        if not approved and hit.term.treatment == KEEP:
            approved = [replace(hit.term, language=language, status=PREFERRED)]
        rejected = _terms(concept, language, REJECTED)
        if approved or rejected:
            plans.append(_Plan(hit, tuple(approved), tuple(rejected)))
    if not plans:
        return []
    spans = matcher.find_many(target, {t for p in plans for t in (*p.approved, *p.rejected)})
    used = [span for p in plans for t in p.approved for span in spans[t]]

    def finding(severity: str, message: str) -> Finding:
        return Finding(CHECK, severity, language, statement, source, target, message, msgctxt, line)

    findings = []
    for plan in plans:
        source_text = " ".join(plan.hit.text.split())  # one line, even if the source wraps
        advice = (
            f"use {_renderings(plan.approved)}" if plan.approved else "choose another rendering"
        )
        wrong = [t for t in plan.rejected if any(not _within(s, used) for s in spans[t])]
        for term in wrong:
            kind = "forbidden" if term.status == FORBIDDEN else "deprecated"
            findings.append(
                finding(
                    ERROR if term.status == FORBIDDEN else WARNING,
                    f'uses the {kind} rendering «{term.text}» for "{source_text}"; {advice}',
                )
            )
        if wrong or not plan.approved or any(spans[t] for t in plan.approved):
            continue
        kept = [t for t in plan.approved if t.treatment == KEEP]
        for term in kept:
            loose = replace(term, treatment=TRANSLATE, case_sensitive=False)
            near = matcher.find(target, loose)
            if near:
                a, b = near[0]
                findings.append(
                    finding(
                        ERROR,
                        f'"{source_text}" should stay as is, «{term.text}»; '
                        f"the translation has «{target[a:b]}»",
                    )
                )
                break
        else:
            if kept and len(kept) == len(plan.approved):
                message = f'"{source_text}" should stay as is, {_renderings(kept)}'
            else:
                message = f'"{source_text}" should be rendered as {_renderings(plan.approved)}'
                first = plan.approved[0]
                example = matcher.example_form(first.text) if first.treatment != KEEP else None
                if example and example != first.text:
                    message += f" (or a form of it, like «{example}»)"
            findings.append(finding(missing, message + "; not found in the translation"))
    return findings


def _renderings(terms: Iterable[Term]) -> str:
    return " or ".join(f"«{t.text}»" for t in terms)


def _within(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] and span[1] <= b for a, b in others)
