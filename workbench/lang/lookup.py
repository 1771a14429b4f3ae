"""Looking a word up among many terms: folded, by word form, and as a part of a term.

A :class:`Lookup` is built once over numbered records (a glossary concept:
its id and its terms, each with its language) and answers a query with the
records that hold it, best first:

0. a text of the record is the query, folded;
1. the query is a word form of one of the record's terms (``councils``,
   ``شوراهای کارگری``, ``اعتصاب‌ها``), spelled out by
   :func:`workbench.lang.wordforms.morphology`;
2. a text begins with the query (or with a term the query is a form of);
3. a text holds it anywhere.

Records within one rank keep their order. A query that is a form of a term
also finds what that term would find: ``councils`` finds *council* first,
then *council governance* and *workers' council*.

Folding (:func:`search_key`) is the Persian fold of
:mod:`workbench.lang.arabic_script` for every text: letter variants
(``ي ك ة`` typed on an Arabic keyboard), harakat, digits in every set, case,
punctuation; a ZWNJ or a space between two Arabic-script letters is left
out, so ``وب‌سایت``, ``وب سایت`` and ``وبسایت`` are one key, while Latin
words stay apart (``workers' council``, ``workers-council`` and ``workers
council`` are one key too).

Limits: a form is looked for only among terms whose first word, less its
last two letters, begins the query, so a form that changes the start of a
word is not found by form (German ``Räte`` for ``Rat``, Arabic clitics
``والنقابات`` for ``نقابة``); as text, the start of it still is.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence

from workbench.lang import arabic_script
from workbench.lang.wordforms import morphology

EXACT, FORM, PREFIX, INSIDE = range(4)

# A space (any run of whitespace, folded to one) between two Arabic-script letters.
_SPLIT = re.compile(" (?<=[\u0600-\u06ff\u0750-\u077f] )(?=[\u0600-\u06ff\u0750-\u077f])")
# Between the keys of one record, and between records, in the one searched string.
_BETWEEN_KEYS = "\x01"
_BETWEEN_RECORDS = "\x00"
# The longest ending a word form adds to a term (‑های + ‑شان; وال + ‑ات...).
_LONGEST_ENDING = 8


def search_key(text: str) -> str:
    """Fold *text* for looking it up.

    >>> search_key("شوراي  كارگري") == search_key("شورای‌کارگری") == "شورایکارگری"
    True
    >>> search_key("Workers’ Council"), search_key("workers-council"), search_key("۱۹۵۳")
    ('workers council', 'workers council', '1953')
    """
    return _squeezed(arabic_script.fold_text(text, "fa"))


def _squeezed(folded: str) -> str:
    return _SPLIT.sub("", " ".join(folded.split()))


def _folded_all(texts: list[str]) -> tuple[list[str], list[str]]:
    """Fold many texts: each with its spaces made single, and squeezed as :func:`search_key`.

    One fold of them all, set apart by a letter that folding keeps and that
    begins and ends no word of theirs, and ASCII texts (ids, most English
    terms) folded apart by two passes of their own: ten thousand concepts
    are folded in a fraction of the time one fold each would take.
    """
    plain = [i for i, text in enumerate(texts) if text.isascii()]
    wide = [i for i, text in enumerate(texts) if not text.isascii() and _MARK not in text]
    spaced = [""] * len(texts)
    squeezed = [""] * len(texts)
    for group, fold in ((plain, _fold_ascii), (wide, _fold_wide)):
        if not group:
            continue
        folded = " ".join(fold(_MARK_APART.join(texts[i] for i in group)).split())
        squeeze = _SPLIT.sub("", folded) if fold is _fold_wide else folded
        pieces = zip(folded.split(_MARK), squeeze.split(_MARK), strict=True)
        for i, (one, two) in zip(group, pieces, strict=True):
            spaced[i], squeezed[i] = one.strip(" "), two.strip(" ")
    for i, text in enumerate(texts):
        if _MARK in text:
            spaced[i] = " ".join(_fold_wide(text).split())
            squeezed[i] = _SPLIT.sub("", spaced[i])
    return spaced, squeezed


def _fold_ascii(text: str) -> str:
    # What the Persian fold does to ASCII: lower case, all but letters, digits and _ a space.
    return _NOT_WORD_ASCII.sub(" ", text.lower())


def _fold_wide(text: str) -> str:
    return arabic_script.fold_text(text, "fa")


_NOT_WORD_ASCII = re.compile("[^a-z0-9_\u02b0]+")
# A letter no fold changes, set between texts on a line of its own (a line
# break ends a word, as it begins one: an alef madda after it is word-initial).
_MARK = "\u02b0"
_MARK_APART = "\n" + _MARK + "\n"


@functools.lru_cache(maxsize=8192)
def _forms(language: str, text: str) -> frozenset[str]:
    """Return the forms of the term *text*, squeezed as keys are."""
    return frozenset(_squeezed(form) for form in morphology(language).forms(text, False))


def _folded_as(language: str, query: str) -> str:
    return _squeezed(morphology(language).fold(query, False).text)


class Lookup:
    """Records (each a list of (language, text); language None for an id) to look words up in."""

    def __init__(self, records: Sequence[Sequence[tuple[str | None, str]]]) -> None:
        self._entries: list[list[tuple[str | None, str]]] = []  # (language, key)
        # The first word of each term, less its last two letters -> (record, language, text).
        self._stems: dict[str, list[tuple[int, str, str, int]]] = {}
        pieces: list[str] = []
        self._starts: list[int] = []
        at = 0
        texts = [text for record in records for _, text in record]
        spaced, squeezed = _folded_all(texts)
        folds, keys = iter(spaced), iter(squeezed)
        for number, record in enumerate(records):
            entries = []
            for language, text in record:
                folded, key = next(folds), next(keys)
                if not key:
                    continue
                entries.append((language, key))
                if language is not None:
                    word = folded.split(" ", 1)[0]
                    stem = word[: max(len(word) - 2, min(len(word), 2))]
                    self._stems.setdefault(stem, []).append((number, language, text, len(key)))
            self._entries.append(entries)
            joined = _BETWEEN_KEYS.join(key for _, key in entries)
            self._starts.append(at)
            pieces.append(joined)
            at += len(joined) + 1
        self._text = _BETWEEN_RECORDS.join(pieces)

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, query: str, languages: Iterable[str] | None = None) -> list[int]:
        """Return the numbers of the records that hold *query*, best first."""
        wanted = None if languages is None else frozenset(languages)
        key = search_key(query)
        if not key:
            return []
        ranks: dict[int, int] = {}
        self._rank_text(key, wanted, ranks, lemma=False)
        for number, lemma in self._forms_of(query, key, wanted):
            ranks[number] = min(ranks.get(number, FORM), FORM)
            # What the term finds, its form finds after it.
            self._rank_text(lemma, wanted, ranks, lemma=True)
        return sorted(ranks, key=lambda n: (ranks[n], n))

    def _rank_text(
        self, key: str, wanted: frozenset[str] | None, ranks: dict[int, int], lemma: bool
    ) -> None:
        """Rank the records with a text that holds *key* (lower is better), one look over all."""
        text, starts = self._text, self._starts
        i = text.find(key)
        while i != -1:
            number = bisect.bisect_right(starts, i) - 1
            best = None
            for language, held in self._entries[number]:
                if wanted is not None and language is not None and language not in wanted:
                    continue
                if key not in held:
                    continue
                rank = EXACT if held == key else PREFIX if held.startswith(key) else INSIDE
                if best is None or rank < best:
                    best = rank
            if best is not None:
                if lemma and best == EXACT:
                    best = FORM  # the term the query is a form of
                ranks[number] = min(ranks.get(number, best), best)
            if number + 1 == len(starts):
                break
            i = text.find(key, starts[number + 1])

    def _forms_of(
        self, query: str, key: str, wanted: frozenset[str] | None
    ) -> list[tuple[int, str]]:
        """Return (record, the term's key) for each term *query* is a word form of."""
        found = []
        folded: dict[str, str] = {}
        for end in range(1, len(key) + 1):
            for number, language, text, length in self._stems.get(key[:end], ()):
                if wanted is not None and language not in wanted:
                    continue
                if not length - 1 <= len(key) <= length + _LONGEST_ENDING:
                    continue
                if language not in folded:
                    folded[language] = _folded_as(language, query)
                if folded[language] in _forms(language, text):
                    found.append((number, search_key(text)))
        return found
