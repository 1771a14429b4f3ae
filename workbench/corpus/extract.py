"""Term extraction: candidates for the glossary, proposed from the statements.

A candidate is a recurring multi-word phrase, a name (of an organisation,
a person, a place), an acronym, or a foreign or culture-specific word.
Candidates are ranked by termhood, not by frequency: "strike committees" is
a term, "the workers" is not.

The method:

1. Tokens are words; a line wrap joins two words like a space, a hyphen
   joins the parts of one word (no candidate begins or ends inside it:
   "anti-capitalist", never "anti"), and any other punctuation, a number
   (written out too: seven-hundred-thousand-toman), a web address or a
   paragraph break ends a phrase. Dates (January, Sunday) are no terms.
2. Candidates are the word sequences of up to :data:`MAX_WORDS` words that
   neither begin nor end with a function word (:data:`workbench.lang.lexicon.
   FUNCTION_WORDS`); inside, only "of" may join them ("Communist Party of
   Iran"). Occurrences are grouped by a key that folds case (acronyms keep
   theirs), apostrophes and possessives, and the plural of the last word
   when the singular is a common word or occurs too (committees ->
   committee).
3. Termhood follows the C-value of Frantzi, Ananiadou and Mima (2000): a
   candidate nested in longer candidates counts only the occurrences those
   do not explain. Three changes: the occurrences explained are subtracted
   whole, ``f(a) - t(a)``, not averaged over the longer candidates
   (``t(a)/c(a)``), since with single words among the candidates the
   average lets a word found only inside terms ("Islamic" of "Islamic
   Republic") pass for a term itself; the length factor is
   ``log2(words + 1)`` so that single words score too; and the frequency is
   taken as ``log2(1 + f)``, so that a general word used a hundred times
   cannot drown a specific one used twice. An acronym or a foreign word is
   a term wherever it stands (the IRGC of "IRGC Intelligence"): nothing is
   subtracted from it.
4. It is weighted by domain specificity against general English
   (:func:`workbench.lang.lexicon.band`): acronyms, names and foreign words 1.0;
   a single word 0.1 if it is among the most common English words, 0.4 if
   common, 0.8 otherwise; a phrase the weight of its rarest word, at least
   0.5, since words that recur together are a unit whatever they are made
   of. Ending in a verb form (-ing, -ed of a common verb: "continue
   reading") halves it.

Kinds: an *acronym* is a word of 2 to 6 capitals (IRGC, ILNA, HEPCO). A
*name* is capitalised in every occurrence, and at least once where a
capital proves nothing (not at the start of a sentence or on a title-case
line), unless its first word is no common English word anyway (Arak). A
*foreign* word is not in the English lists and either looks transliterated
(diacritics; letter groups English rarely has: aa, kh, zh, gh, q without u,
j before a consonant or at the end, a final i after a consonant: Bazaari,
Basij, Majlis) or is written in lower case without English word-building
(no -tion, -ism, -ing, un-, no compound of two English words: toman).
Acronyms, names and foreign words are proposed from their first occurrence;
phrases and words need *min_count*.

Limits: no part-of-speech tagging, so "killed protesters" is as good a
phrase as "hunger strike" when both recur; a rare English word that builds
like no other (knob) can pass for a foreign one; a name written only at
the starts of sentences looks like a common word if English has it; a term
broken by punctuation (Woman, Life, Freedom) is not put back together.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.corpus.concordance import Line, kwic, newlines_of
from workbench.lang import lexicon
from workbench.project import Project, read_statement
from workbench.terms.matcher import matcher_for
from workbench.terms.source import SourceMatcher

#: The longest candidate, in words.
MAX_WORDS = 6
#: Function words that may join the words of a candidate ("Communist Party of Iran").
#: Not "and": coordination joins two terms more often than it makes one.
JOINERS = frozenset({"of"})

ACRONYM = "acronym"
NAME = "name"
FOREIGN = "foreign"
PHRASE = "phrase"
WORD = "word"
KINDS = (ACRONYM, NAME, FOREIGN, PHRASE, WORD)

_TOKEN = re.compile(
    r"(?P<a>(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+)"  # an address: not words
    r"|(?P<d>\d[\d.,]*[^\W_]*)"  # a number, 44th
    r"|(?P<w>[^\W\d_]+(?:['’ʼ][^\W\d_]+)*(?:(?<=[sS])['’ʼ](?![^\W\d_]))?)"
)
# What may stand between two words of one phrase: spaces and at most one
# line break (a wrapped line), or a hyphen, underscore or slash.
_JOIN = re.compile(r"[ \t\xa0]*(?:\r?\n[ \t\xa0]*)?")
_HYPHENS = frozenset("-‐‑_/")
# Numbers written out end a phrase like figures do (seven-hundred-thousand-toman).
_NUMBERS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions dozen dozens".split()
)
# Dates are not terms; May is left out for May Day.
_CALENDAR = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_PLACES = 8
_WORD_CACHE: dict[str, tuple[str, bool]] = {}
_SENTENCE_END = re.compile(r"[.!?:;…]|\n\s*\n")
_ACRONYM = re.compile(r"[A-Z]{2,6}s?\Z")
_TRANSLITERATED = re.compile(
    r"aa|kh|zh|^gh|[^aeiouns]gh|q(?!u)|j(?![aeiouy])|[^aeiouy]i$|[^a-z'’-]", re.IGNORECASE
)
# Plurals that are no plural of the word without their s.
_NOT_PLURAL = frozenset("news series means species politics economics physics ethics".split())
_POSSESSIVE = re.compile(r"['’ʼ]s?\Z")
_WEIGHTS = {1: 0.1, 2: 0.4, 3: 0.8, 0: 0.8}


@dataclass(frozen=True)
class Candidate:
    """A proposed glossary term, with its evidence."""

    term: str  # the commonest way it is written
    count: int
    variants: tuple[tuple[str, int], ...]  # every way it is written, with its count
    kind: str
    score: float
    concept: str | None = None  # the glossary concept it already is, if any
    contexts: tuple[Line, ...] = ()

    @property
    def known(self) -> bool:
        return self.concept is not None

    def as_dict(self) -> dict[str, Any]:
        """Return the candidate in the JSON shape of ``workbench glossary extract``."""
        return {
            "term": self.term,
            "count": self.count,
            "variants": [text for text, _ in self.variants],
            "known": self.known,
            "concept": self.concept,
            "kind": self.kind,
            "score": round(self.score, 3),
            "contexts": [
                {"statement": c.statement, "line": c.line, "left": c.left, "match": c.match,
                 "right": c.right}
                for c in self.contexts
            ],
        }  # fmt: skip


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int
    key: str  # folded: lower case (acronyms as written), no possessive
    last_key: str  # the key as the last word of a candidate: singular
    capital: bool
    weak: bool  # a capital here proves nothing: sentence start or title-case line
    acronym: bool
    function: bool = False
    inside: bool = False  # joined by a hyphen to the word before: begins no candidate
    open: bool = False  # joined by a hyphen to the word after: ends no candidate


@dataclass(slots=True)
class _Stats:
    count: int = 0
    surfaces: Counter = field(default_factory=Counter)  # how it is written (see _written)
    written: Counter = field(default_factory=Counter)  # the same, within sentences only
    # The first occurrences: text, start, end, and whether within a sentence.
    places: list[tuple[int, int, int, bool]] = field(default_factory=list)
    lower: bool = False  # written in lower case at least once
    proven: bool = False  # capitalised at least once where a capital means a name
    acronym: bool = True
    # Per word: its key, its key as the last word, whether it may end, begin a candidate.
    parts: tuple[tuple[str, str, bool, bool], ...] = ()

    @property
    def words(self) -> int:
        return len(self.parts)


def extract(
    project: Project,
    *,
    top: int | None = 50,
    min_count: int = 2,
    contexts: int = 2,
    width: int = 40,
) -> list[Candidate]:
    """Return term candidates from the project's statements, best first."""

    statements = project.require_statements()
    texts = [(s.id, read_statement(project, s)) for s in statements]
    _glossary, matcher = matcher_for(project)
    return candidates(
        texts, matcher=matcher, top=top, min_count=min_count, contexts=contexts, width=width
    )


def candidates(
    texts: Sequence[tuple[str, str]],
    *,
    matcher: SourceMatcher | None = None,
    top: int | None = 50,
    min_count: int = 2,
    contexts: int = 2,
    width: int = 40,
) -> list[Candidate]:
    """Return the term candidates of *texts* (statement id, text), best first.

    With *matcher* (the glossary's), candidates the glossary already has are
    marked with their concept id.
    """
    tokens = [_tokens(text) for _, text in texts]
    _singulars(tokens)
    stats = _count(tokens, [text for _, text in texts])
    kinds = {key: _kind(key, s) for key, s in stats.items()}
    kept = {
        key: s
        for key, s in stats.items()
        if s.count >= (1 if kinds[key] in (ACRONYM, NAME, FOREIGN) else min_count)
    }
    for s in kept.values():
        _written(s, texts)
    scores = _scores(kept, kinds)
    ranked = sorted(
        (key for key, score in scores.items() if score > 0),
        key=lambda k: (-scores[k], KINDS.index(kinds[k]), -kept[k].count, k),
    )
    if top:
        ranked = ranked[:top]
    newlines: dict[int, list[int]] = {}
    out = []
    for key in ranked:
        s = kept[key]
        variants = tuple(s.surfaces.most_common())
        lines = []
        for index, start, end, _ in s.places[:contexts]:
            statement, text = texts[index]
            if index not in newlines:
                newlines[index] = newlines_of(text)
            left, match, right = kwic(text, start, end, width)
            line = bisect.bisect_left(newlines[index], start) + 1
            lines.append(Line(statement, line, start, end, left, match, right))
        out.append(
            Candidate(
                _term(s, kinds[key]),
                s.count,
                variants,
                kinds[key],
                scores[key],
                _concept(matcher, variants) if matcher is not None else None,
                tuple(lines),
            )
        )
    return out


# -- tokens --------------------------------------------------------------------


def _tokens(text: str) -> list[_Token | None]:
    """Return the words of *text*; None stands where a phrase must end."""
    out: list[_Token | None] = []
    lines: list[list[_Token]] = [[]]
    last_end = 0
    previous: _Token | None = None
    cache = _WORD_CACHE
    for m in _TOKEN.finditer(text):
        start = m.start()
        gap = text[last_end:start]
        last_end = m.end()
        if "\n" in gap and lines[-1]:
            lines.append([])
        word = m.group("w")
        if word is None or word.lower() in _NUMBERS:  # a number or an address
            out.append(None)
            previous = None
            continue
        known = cache.get(word)
        if known is None:
            folded = _POSSESSIVE.sub("", word)
            acronym = bool(_ACRONYM.match(folded))
            key = folded if acronym else folded.lower().replace("’", "'").replace("ʼ", "'")
            known = cache[word] = (key, acronym)
            if len(cache) > 200_000:
                cache.clear()
        key, acronym = known
        if gap == " " and previous is not None:  # the common case, made quick
            token = _Token(word, start, last_end, key, key, word[0].isupper(), False, acronym)
        else:
            hyphen = previous is not None and gap in _HYPHENS
            if previous is not None and not hyphen and not _JOIN.fullmatch(gap):
                out.append(None)
                previous = None
            if previous is not None and hyphen:
                # The parts of a hyphenated word share its capital: Worker-communist.
                capital, weak = previous.capital, previous.weak
                previous.open = True
            else:
                capital = word[0].isupper()
                weak = not out or bool(_SENTENCE_END.search(gap))
            token = _Token(word, start, last_end, key, key, capital, weak, acronym)
            token.inside = hyphen
        out.append(token)
        lines[-1].append(token)
        previous = token
    for line in lines:
        # A title-case line (a headline) is one sentence, mostly in capitals.
        content = [t for t in line if t.key not in lexicon.FUNCTION_WORDS]
        one_sentence = not any(t.weak for t in line[1:])
        if (
            one_sentence
            and len(content) >= 3
            and sum(t.capital for t in content) >= 0.6 * len(content)
        ):
            for t in line:
                t.weak = True  # its capitals prove nothing
    for item in out:
        if item is not None:
            item.function = _function(item)
    return out


def _function(t: _Token) -> bool:
    if t.acronym:
        return False  # US, not us
    low = t.key
    if low in _CALENDAR:
        return True
    if not lexicon.is_function_word(t.text):
        return False
    # May in the middle of a sentence is the month: May Day.
    return not (low == "may" and t.capital and not t.weak)


def _written(s: _Stats, texts: Sequence[tuple[str, str]]) -> None:
    """Add the occurrences kept as places to the counts of how the candidate is written."""
    for index, start, end, within in s.places:
        surface = " ".join(texts[index][1][start:end].split())
        s.surfaces[surface] += 1
        if within:
            s.written[surface] += 1


def _singulars(texts: list[list[_Token | None]]) -> None:
    """Give each token the key it has as the last word of a candidate: its singular."""
    vocabulary = {t.key for tokens in texts for t in tokens if t is not None}
    cache: dict[str, str] = {}
    for tokens in texts:
        for t in tokens:
            if t is None or t.acronym or t.function:
                continue
            singular = cache.get(t.key)
            if singular is None:
                singular = cache[t.key] = _singular(t.key, vocabulary)
            t.last_key = singular


def _singular(word: str, vocabulary: set[str]) -> str:
    """Return the singular of *word* if it is the plural of a common or attested word.

    >>> _singular("committees", set()), _singular("bazaaris", {"bazaari"})
    ('committee', 'bazaari')
    >>> _singular("abbas", set()), _singular("news", {"new"})
    ('abbas', 'news')
    """
    if word in _NOT_PLURAL or not word.endswith("s") or word.endswith(("ss", "us")):
        return word
    options = []
    if word.endswith("ies"):
        options.append(word[:-3] + "y")
    if word.endswith(("ches", "shes", "xes", "zes", "sses", "oes")):
        options.append(word[:-2])
    if word.endswith("ves"):
        options += [word[:-3] + "f", word[:-3] + "fe"]
    options.append(word[:-1])
    for option in options:
        if option in vocabulary or lexicon.listed(option):
            return option
    return word


# -- counting ------------------------------------------------------------------


def _count(texts: list[list[_Token | None]], raw: Sequence[str]) -> dict[str, _Stats]:
    """Count every candidate: word runs that neither begin nor end with a function word."""
    stats: dict[str, _Stats] = {}
    for index, tokens in enumerate(texts):
        text = raw[index]
        n = len(tokens)
        for i, first in enumerate(tokens):
            if first is None or first.function or first.inside:
                continue
            keys: list[str] = []
            capitals, proof = True, False  # of the content words so far
            for j in range(i, min(n, i + MAX_WORDS)):
                t = tokens[j]
                if t is None or t.function and t.key not in JOINERS:
                    break
                if t.function or t.open:
                    if not t.function:
                        capitals = capitals and t.capital
                        proof = proof or not t.weak
                    keys.append(t.key)
                    continue
                key = " ".join([*keys, t.last_key])
                keys.append(t.key)
                s = stats.get(key)
                if s is None:
                    parts = tuple(
                        (w.key, w.last_key, w.function or w.open, w.function or w.inside)
                        for w in tokens[i : j + 1]
                        if w is not None
                    )
                    s = stats[key] = _Stats(parts=parts)
                s.count += 1
                if len(s.places) < _PLACES:
                    s.places.append((index, first.start, t.end, not first.weak))
                else:  # beyond the places kept, count how it is written now
                    surface = " ".join(text[first.start : t.end].split())
                    s.surfaces[surface] += 1
                    if not first.weak:
                        s.written[surface] += 1
                if not t.function:
                    capitals = capitals and t.capital
                    proof = proof or not t.weak
                if not capitals:
                    s.lower = True
                elif proof:
                    s.proven = True
                if not (j == i and first.acronym):
                    s.acronym = False
    return stats


# -- kinds and scores ----------------------------------------------------------


def _kind(key: str, s: _Stats) -> str:
    words = key.split(" ")
    if s.acronym:
        return ACRONYM
    if len(words) == 1 and len(key) > 2 and lexicon.band(key) == 0 and _foreign(key, s):
        return FOREIGN
    if not s.lower and (s.proven or lexicon.band(words[0]) == 0):
        return NAME
    return PHRASE if len(words) > 1 else WORD


def _foreign(word: str, s: _Stats) -> bool:
    if _TRANSLITERATED.search(word):
        # A capitalised transliteration is a name (Khamenei) unless it is used
        # as a common noun: in lower case, or in the plural (Bazaaris).
        return s.lower or word.endswith("s") and bool(_TRANSLITERATED.search(word[:-1]))
    return s.lower


def _weight(s: _Stats, kind: str) -> float:
    if kind in (ACRONYM, NAME, FOREIGN):
        return 1.0
    words = [part[0] for part in s.parts if part[0] not in JOINERS]
    rarest = max(_WEIGHTS[lexicon.band(w)] for w in words)
    weight = rarest if len(words) == 1 else max(0.5, rarest)
    last = s.parts[-1][0]
    if last.endswith(("ing", "ed")) and any(lexicon.listed(b) for b in lexicon.bases(last)[1:]):
        weight *= 0.5  # a verb form (continue reading, killed): rarely what a term ends in
    return weight


def _scores(stats: dict[str, _Stats], kinds: dict[str, str]) -> dict[str, float]:
    """Return each candidate's termhood (C-value, see above) times its domain weight."""
    nested: dict[str, float] = {}
    own: dict[str, float] = {}
    for key in sorted(stats, key=lambda k: -stats[k].words):
        s = stats[key]
        # An acronym or a foreign word is a term wherever it stands (IRGC Intelligence).
        exempt = kinds[key] in (ACRONYM, FOREIGN)
        own[key] = s.count - (0.0 if exempt else nested.get(key, 0.0))
        for sub in _nested(s.parts):
            if sub in stats:
                nested[sub] = nested.get(sub, 0.0) + max(own[key], 0.0)
    scores = {}
    for key, s in stats.items():
        f = own[key]
        if f <= 0:
            scores[key] = 0.0
        else:
            scores[key] = math.log2(s.words + 1) * math.log2(1 + f) * _weight(s, kinds[key])
    return scores


def _nested(parts: tuple[tuple[str, str, bool, bool], ...]) -> Iterable[str]:
    """Yield the keys of the candidates inside the candidate made of *parts*."""
    n = len(parts)
    seen = set()
    for i in range(n):
        if parts[i][3]:
            continue
        for j in range(i + 1, n + 1):
            if (i, j) == (0, n) or parts[j - 1][2]:
                continue
            key = " ".join([p[0] for p in parts[i : j - 1]] + [parts[j - 1][1]])
            if key not in seen:
                seen.add(key)
                yield key


def _term(s: _Stats, kind: str) -> str:
    """Return how to show a candidate: as it is written within sentences, lower case first."""
    if kind not in (ACRONYM, NAME):
        lower = [(n, -len(text), text) for text, n in s.surfaces.items() if text[:1].islower()]
        if lower:
            return max(lower)[2]
    if s.written:
        return s.written.most_common(1)[0][0]
    best = s.surfaces.most_common(1)[0][0]
    first = best.split(" ")[0]
    if kind in (ACRONYM, NAME) or first[1:2].isupper() or not lexicon.band(first):
        return best  # an acronym or a name: US imperialism, Arak workers
    return best[:1].lower() + best[1:]


def _concept(matcher: SourceMatcher, variants: tuple[tuple[str, int], ...]) -> str | None:
    for text, _ in variants:
        for hit in matcher.find(text):
            if hit.start == 0 and hit.end == len(text):
                return hit.concept_id
    return None
