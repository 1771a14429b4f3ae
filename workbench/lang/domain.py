"""The vocabulary of the domain: the words a collective translating the movement settles once.

The list ``data/en-movement-vocabulary.txt`` holds English words and phrases of
the labour movement, of politics, of protest and of repression whose rendering
has to be decided once and kept (council, general strike, regime change,
rioter, the fallen); its header says how it was made. Term extraction
(:mod:`workbench.corpus.extract`) proposes a candidate found in it from its
first occurrence.

A term of the list and a candidate meet under :func:`fold`: case, apostrophes,
possessives, hyphens, the plural of every word and British or American spelling
make no difference; the article of a noun made from an adjective stays, and so
does its number, since "the left" (the political left) is neither "left" nor
"the lefts".

Limits: a word of the list is matched in every sense ("strike" the noun and
the verb); a phrase must be written as listed, with no word between (a
"hunger strike" is not a "strike of hunger").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.lang.wordlists import phrases

#: The list of the domain's vocabulary, in ``workbench/lang/data``.
VOCABULARY = "en-movement-vocabulary.txt"

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*['’ʼ]?")
# British spellings and the American ones they fold to; both sides fold alike.
_SPELLINGS = (
    (re.compile(r"(?<=.[a-z])our(?=[a-z]|$)"), "or"),  # labour, neighbourhood; not four, your
    (re.compile(r"isation"), "ization"),
    (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"yse$"), "yze"),
    (re.compile(r"ence$"), "ense"),  # defence
    (re.compile(r"([^aeiou])tre$"), r"\1ter"),  # centre
    (re.compile(r"amme$"), "am"),  # programme
)
_IRREGULAR = {"women": "woman", "men": "man", "people": "people", "children": "child"}


@functools.lru_cache(maxsize=100_000)
def _spelled(word: str) -> str:
    word = word.replace("’", "'").replace("ʼ", "'")
    word = word.removesuffix("'s").removesuffix("'")
    for pattern, american in _SPELLINGS:
        word = pattern.sub(american, word)
    return word


@functools.lru_cache(maxsize=100_000)
def _word(word: str) -> str:
    word = _spelled(word)
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("women"):
        return word[:-5] + "woman"  # policewomen
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]  # masses, taxes
    return word[:-1]


def fold(text: str) -> str:
    """Return the key under which a term of the vocabulary and a candidate meet.

    >>> fold("Workers’ Councils") == fold("workers' council")
    True
    >>> fold("labor activists") == fold("labour activist")
    True
    >>> fold("neighborhood councils") == fold("Neighbourhood council")
    True
    >>> fold("Women"), fold("the Masses"), fold("the right") == fold("the rights")
    ('woman', 'the masses', False)

    A noun made from an adjective keeps its number: "the masses" are not "the mass".
    """
    return fold_words(_WORD.findall(text.casefold()))


def fold_words(words: Sequence[str]) -> str:
    """Return :func:`fold` of a text already cut into lower-case words.

    >>> fold_words(["workers’", "councils"]) == fold("Workers’ Councils")
    True
    """
    if len(words) == 2 and words[0] == "the":
        return "the " + _spelled(words[1])
    return " ".join([_word(w) for w in words])


@dataclass(frozen=True)
class Vocabulary:
    """The terms of a domain, folded, and those of them that are contested."""

    terms: frozenset[str] = frozenset()
    contested: frozenset[str] = frozenset()

    def __contains__(self, key: object) -> bool:
        return key in self.terms

    def __bool__(self) -> bool:
        return bool(self.terms)

    @classmethod
    def of(cls, lines: Iterable[str]) -> Vocabulary:
        """Return the vocabulary of *lines*: one term each, then ``*`` if it is contested.

        >>> v = Vocabulary.of(["general strike", "rioter *"])
        >>> fold("General strikes") in v, sorted(v.contested)
        (True, ['rioter'])
        """
        terms, contested = set(), set()
        for line in lines:
            term, star, _ = line.partition(" *")
            key = fold(term)
            if key:
                terms.add(key)
                if star:
                    contested.add(key)
        return cls(frozenset(terms), frozenset(contested))


#: No vocabulary: extraction by the statements and general English alone.
NONE = Vocabulary()


@functools.cache
def vocabulary(name: str = VOCABULARY) -> Vocabulary:
    """Return the vocabulary of the list *name* (by default, the domain's).

    >>> all(fold(t) in vocabulary() for t in ("general strikes", "the fallen", "Rioters"))
    True
    >>> fold("rioters") in vocabulary().contested, fold("strike") in vocabulary().contested
    (True, False)
    """
    return Vocabulary.of(phrases(name))
