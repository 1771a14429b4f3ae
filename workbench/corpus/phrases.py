"""Word runs of English statements, counted as term candidates.

1. Tokens are words; a line wrap joins two words like a space, a hyphen
   joins the parts of one word (no candidate begins or ends inside it:
   "anti-capitalist", never "anti"), and any other punctuation, a number
   (written out too: seven-hundred-thousand-toman), a web address or a
   paragraph break ends a phrase. Dates (January, Sunday) are no terms.
2. Candidates are the word runs of up to :data:`MAX_WORDS` words that
   neither begin nor end with a function word
   (:data:`workbench.lang.lexicon.FUNCTION_WORDS`). Inside, "of" may join
   them ("Communist Party of Iran"); a name, whose words are all
   capitalised, may also hold "the", "and" and "for" and run to
   :data:`MAX_NAME_WORDS` words ("Syndicate of Workers of the Tehran and
   Suburbs Bus Company"); and two words joined by "and" make a pair
   ("workers and laborers").
3. Occurrences are grouped by a key that folds case (acronyms keep theirs),
   apostrophes and possessives, British and American spelling when the
   statements use both (labour and labor, neighbourhood and neighborhood),
   and the plural of the last word when the singular is a common word or
   occurs too (committees -> committee).

A title-case line (a headline) is one sentence mostly in capitals: its
capitals prove nothing, as the first word of a sentence's does not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from workbench.lang import lexicon

#: The longest candidate, in words.
MAX_WORDS = 6
#: The longest name, in words ("Council for Cooperation of Iranian Left and Communist Forces").
MAX_NAME_WORDS = 12
#: Function words that may join the words of any candidate ("Communist Party of Iran").
JOINERS = frozenset({"of"})
#: Function words that may join the words of a name.
NAME_JOINERS = frozenset({"of", "the", "and", "for"})

_TOKEN = re.compile(
    # An address is not words; it starts where a run of its characters does
    # (the look-behind), so a long run without "@" is scanned once, not once per character.
    r"(?P<a>(?:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+)"
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
#: How many occurrences of a candidate keep their place (for contexts and spellings).
PLACES = 8
_WORD_CACHE: dict[str, tuple[str, bool]] = {}
_SENTENCE_END = re.compile(r"[.!?:;…]|\n\s*\n")
_ACRONYM = re.compile(r"[A-Z]{2,6}s?\Z")
# Plurals that are no plural of the word without their s.
_NOT_PLURAL = frozenset("news series means species politics economics physics ethics".split())
_POSSESSIVE = re.compile(r"['’ʼ]s?\Z")
# British spellings and their American twins: labour/labor, organise/organize.
_SPELLINGS = (("our", "or"), ("isation", "ization"), ("ise", "ize"), ("ising", "izing"),
              ("ised", "ized"), ("yse", "yze"), ("tre", "ter"))  # fmt: skip


@dataclass(slots=True)
class Token:
    """One word of a statement."""

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
class Stats:
    """What the statements say about one candidate."""

    count: int = 0
    surfaces: Counter = field(default_factory=Counter)  # how it is written (see written)
    written: Counter = field(default_factory=Counter)  # the same, within sentences only
    # The first occurrences: text, start, end, and whether within a sentence.
    places: list[tuple[int, int, int, bool]] = field(default_factory=list)
    lower: bool = False  # written in lower case at least once
    proven: bool = False  # capitalised at least once where a capital means a name
    acronym: bool = True
    joined: bool = False  # holds "the", "and" or "for": a name or a pair only
    # Per word: its key, its key as the last word, whether it may end, begin a candidate.
    parts: tuple[tuple[str, str, bool, bool], ...] = ()
    before_of: int = 0  # occurrences followed by "of": the head of a longer phrase
    nominal: bool = False  # "the" and an adjective or participle used as a noun (the oppressed)

    @property
    def words(self) -> int:
        return sum(1 for p in self.parts if p[0] not in NAME_JOINERS)


def tokens(text: str) -> list[Token | None]:
    """Return the words of *text*; None stands where a phrase must end."""
    out: list[Token | None] = []
    lines: list[list[Token]] = [[]]
    last_end = 0
    previous: Token | None = None
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
            token = Token(word, start, last_end, key, key, word[0].isupper(), False, acronym)
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
            token = Token(word, start, last_end, key, key, capital, weak, acronym)
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


def _function(t: Token) -> bool:
    if t.acronym:
        return False  # US, not us
    low = t.key
    if low in _CALENDAR:
        return True
    if not lexicon.is_function_word(t.text):
        return False
    # May in the middle of a sentence is the month: May Day.
    return not (low == "may" and t.capital and not t.weak)


def normalise(texts: list[list[Token | None]]) -> None:
    """Give each token its spelling key and the key it has as a last word: its singular."""
    vocabulary = {t.key for tokens in texts for t in tokens if t is not None}
    spelling = _spellings(vocabulary)
    vocabulary |= set(spelling.values())
    cache: dict[str, str] = {}
    for tokens_ in texts:
        for t in tokens_:
            if t is None or t.acronym or t.function:
                continue
            t.key = spelling.get(t.key, t.key)
            singular = cache.get(t.key)
            if singular is None:
                singular = cache[t.key] = _singular(t.key, vocabulary)
            t.last_key = singular


def _spellings(vocabulary: set[str]) -> dict[str, str]:
    """Map British spellings to the American ones the same statements also use.

    >>> _spellings({"labour", "labor", "neighbourhood", "neighborhoods", "four", "for"})
    {'labour': 'labor', 'neighbourhood': 'neighborhood'}
    """
    out = {}
    stems = {w.removesuffix("s") for w in vocabulary}
    for word in sorted(vocabulary):
        if len(word) < 5:
            continue
        for british, american in _SPELLINGS:
            at = word.find(british, 1)
            if at > 0:
                twin = word[:at] + american + word[at + len(british) :]
                if twin in stems:
                    out[word] = twin
                    break
    return out


def _singular(word: str, vocabulary: set[str]) -> str:
    """Return the singular of *word* if it is the plural of a common or attested word.

    >>> _singular("committees", set()), _singular("bazaaris", {"bazaari"})
    ('committee', 'bazaari')
    >>> _singular("bazaaris", set()), _singular("news", {"new"})
    ('bazaaris', 'news')
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


def count(texts: list[list[Token | None]], raw: Sequence[str]) -> dict[str, Stats]:
    """Count every candidate: word runs that neither begin nor end with a function word."""
    stats: dict[str, Stats] = {}
    for index, tokens_ in enumerate(texts):
        text = raw[index]
        n = len(tokens_)
        for i, first in enumerate(tokens_):
            if first is None or first.function or first.inside:
                continue
            keys: list[str] = []
            capitals, proof, joined = True, False, False  # of the content words so far
            for j in range(i, min(n, i + MAX_NAME_WORDS)):
                t = tokens_[j]
                if t is None:
                    break
                if t.function and t.key not in JOINERS:
                    pair = t.key == "and" and j == i + 1 and not first.capital
                    if not (pair or (capitals and t.key in NAME_JOINERS)):
                        break
                    joined = True
                if t.function or t.open:
                    if not t.function:
                        capitals = capitals and t.capital
                        proof = proof or not t.weak
                    keys.append(t.key)
                    continue
                capitals = capitals and t.capital
                between = tokens_[i + 1] if j == i + 2 else None
                pair = between is not None and between.key == "and"
                if joined and not capitals and not pair:
                    break  # "the", "and", "for" join only names and pairs
                if pair and not capitals and _plural(first) != _plural(t):
                    break  # "protests and threaten": a verb, not a pair of nouns
                if j - i >= MAX_WORDS and not capitals:
                    break
                key = " ".join([*keys, t.last_key])
                keys.append(t.key)
                s = _occurrence(stats, key, tokens_, i, j, index, text, joined)
                proof = proof or not t.weak
                if not capitals:
                    s.lower = True
                elif proof:
                    s.proven = True
                if not (j == i and first.acronym):
                    s.acronym = False
                if joined and not capitals:
                    break  # a pair ends after its second word
    return stats


def _plural(t: Token) -> bool:
    return t.last_key != t.key or t.key.endswith("s") and not t.key.endswith(("ss", "us", "is"))


def _occurrence(
    stats: dict[str, Stats],
    key: str,
    tokens_: list[Token | None],
    i: int,
    j: int,
    index: int,
    text: str,
    joined: bool,
) -> Stats:
    """Count the words *i* to *j* of a statement as one occurrence of the candidate *key*."""
    first, last = tokens_[i], tokens_[j]
    assert first is not None and last is not None
    s = stats.get(key)
    if s is None:
        parts = tuple(
            (w.key, w.last_key, w.function or w.open, w.function or w.inside)
            for w in tokens_[i : j + 1]
            if w is not None
        )
        s = stats[key] = Stats(parts=parts, joined=joined)
    s.count += 1
    if len(s.places) < PLACES:
        s.places.append((index, first.start, last.end, not first.weak))
    else:  # beyond the places kept, count how it is written now
        surface = " ".join(text[first.start : last.end].split())
        s.surfaces[surface] += 1
        if not first.weak:
            s.written[surface] += 1
    after = tokens_[j + 1] if j + 1 < len(tokens_) else None
    if after is not None and after.key == "of":
        s.before_of += 1
    return s


def nominalised(
    texts: list[list[Token | None]],
    raw: Sequence[str],
    stats: dict[str, Stats],
    nouns: frozenset[str] = frozenset(),
    fold: Callable[[str], str] = str,
) -> None:
    """Count "the" and an adjective or a participle used as a noun: the oppressed, the fallen.

    The word stands after "the" and before no word of its own phrase (a
    punctuation mark, a function word or a verb in -ed follows: "workers and
    the oppressed,", "the fallen, Ali Seydi", "the unemployed marched"), and
    is a participle (oppressed, fallen, unemployed) or, folded by *fold*, one
    of *nouns* (masses: "the masses").
    """
    for index, tokens_ in enumerate(texts):
        for i in range(1, len(tokens_)):
            the, word = tokens_[i - 1], tokens_[i]
            if the is None or word is None or the.key != "the" or word.function:
                continue
            if word.open or word.acronym or word.capital and not word.weak:
                continue
            after = tokens_[i + 1] if i + 1 < len(tokens_) else None
            if after is not None and not after.function and not lexicon.participle(after.key):
                continue  # "the oppressed people": an adjective before its noun
            if not (lexicon.participle(word.key) or fold("the " + word.key)[4:] in nouns):
                continue
            s = _occurrence(stats, "the " + word.key, tokens_, i - 1, i, index, raw[index], False)
            s.nominal = s.lower = True
            s.acronym = False


def fixed(
    texts: list[list[Token | None]],
    raw: Sequence[str],
    stats: dict[str, Stats],
    phrases: Iterable[tuple[str, ...]],
    fold: Callable[[str], str] = str,
) -> None:
    """Count the fixed *phrases* (folded words) that hold a function word word runs stop at.

    "Abolition of the death penalty" holds "the", which only names may hold:
    a phrase of a known vocabulary is counted as written, function words and all.
    """
    starts: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        starts.setdefault(phrase[0], []).append(phrase)
    if not starts:
        return
    cache: dict[str, str] = {}
    for index, tokens_ in enumerate(texts):
        folded: list[str | None] = []
        for t in tokens_:
            if t is not None and t.key not in cache:
                cache[t.key] = fold(t.key)
            folded.append(None if t is None else cache[t.key])
        for i, first in enumerate(folded):
            if first is None or first not in starts:
                continue
            for phrase in starts[first]:
                j = i + len(phrase) - 1
                if tuple(folded[i : j + 1]) != phrase:
                    continue
                t = tokens_[j]
                assert t is not None
                keys = [w.key for w in tokens_[i:j] if w is not None]
                s = _occurrence(stats, " ".join([*keys, t.last_key]), tokens_, i, j, index,
                                raw[index], True)  # fmt: skip
                s.lower, s.acronym = True, False


def written(s: Stats, texts: Sequence[tuple[str, str]]) -> None:
    """Add the occurrences kept as places to the counts of how the candidate is written."""
    for index, start, end, within in s.places:
        surface = " ".join(texts[index][1][start:end].split())
        s.surfaces[surface] += 1
        if within:
            s.written[surface] += 1
