"""The annotated terms of the sample statements, and how a proposed term is scored against them.

``tests/data/terms/statement-terms.tsv`` lists, by hand, the terms of the two
statements in ``seeds/`` (its README says how it was made). Term extraction
is measured against it by :func:`score`, in the benchmark
(``tests/bench/bench_extract.py``, beside a peer extractor) and in the tests.

**When a proposed term counts as a listed one.** Both are reduced to a key,
the same way, and the keys must be equal:

- the text is cut into words at anything that is not a letter, a digit or an
  apostrophe (spaces, line breaks, hyphens, underscores, commas, dashes,
  quotation marks): "Woman_Life_Freedom" is "Woman, Life, Freedom", and
  "anti-capitalist" is "anti capitalist";
- each word is case-folded and its apostrophes made straight;
- a possessive ending goes: "workers'" is "workers", "Arak's" is "Arak";
- a plural ending goes from a word of more than three letters: -ies becomes
  -y, a final -s goes unless the word ends in -ss or -us
  ("committees", "Bazaaris", "mafias"; not "US", "Abbas" keeps its s only
  because both sides lose it alike);
- a leading article goes ("the masses" is "masses", "the oppressed" is
  "oppressed"): the list keeps the article of a noun made from an adjective,
  which an extractor may or may not show.

So a candidate matches a listed term in another case, number or possessive
form ("Strike committees" is "strike committee", "Khuzestan's" is
"Khuzestan"), and nothing else: a candidate that is part of a listed term,
or a listed term with words around it, does not count. A listed term
proposed twice counts once: the second ("Women, Life, Freedom" after
"Woman, Life, Freedom", or a hashtag form of it) takes a place and adds
nothing, so it counts as wrong.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ANNOTATED = Path(__file__).resolve().parent / "data" / "terms" / "statement-terms.tsv"

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*'?")


@dataclass(frozen=True)
class Listed:
    """One annotated term."""

    term: str
    kind: str  # slogan, acronym, borrowed, name, organisation, concept
    core: bool
    note: str


def annotated(path: Path = ANNOTATED) -> list[Listed]:
    """Return the annotated terms, in the file's order."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Listed(r["term"], r["kind"], r["core"] == "yes", r["note"]) for r in rows]


def _word(word: str) -> str:
    word = word.removesuffix("'s").removesuffix("'")
    if len(word) > 3:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("s") and not word.endswith(("ss", "us")):
            return word[:-1]
    return word


def term_key(text: str) -> tuple[str, ...]:
    """Return the key under which *text* counts as a listed term.

    >>> term_key("Strike committees") == term_key("strike committee")
    True
    >>> term_key("Woman_Life_Freedom") == term_key("Woman, Life, Freedom")
    True
    >>> term_key("Khuzestan’s") == term_key("Khuzestan")
    True
    """
    folded = text.casefold().replace("\u2019", "'").replace("\u02bc", "'")
    words = [_word(w) for w in _WORD.findall(folded)]
    if len(words) > 1 and words[0] in ("the", "a", "an"):
        words = words[1:]
    return tuple(words)


@dataclass(frozen=True)
class Score:
    """How a ranked list of proposed terms fares against the annotated list."""

    precision: dict[int, float]  # at k: the share of the first k that are listed terms, once each
    core_recall: dict[int, float]  # at k: the share of core terms among the first k
    recall: dict[int, float]  # at k: the share of all listed terms among the first k
    missed_core: tuple[str, ...]  # core terms not among the first max(k)
    wrong: tuple[str, ...]  # proposed terms among the first max(k) that are not listed


def score(proposed: Sequence[str], listed: Iterable[Listed], at: Sequence[int] = (50, 100, 150)):
    """Score the ranked *proposed* terms (best first) against *listed*."""
    listed = list(listed)
    keys = {term_key(t.term): t for t in listed}
    core = {term_key(t.term) for t in listed if t.core}
    precision, core_recall, recall = {}, {}, {}
    for k in at:
        hits = {term_key(p) for p in proposed[:k]} & keys.keys()
        precision[k] = len(hits) / k
        core_recall[k] = len(core & hits) / len(core)
        recall[k] = len(hits) / len(keys)
    last = max(at)
    found = {term_key(p) for p in proposed[:last]}
    missed = tuple(t.term for t in listed if t.core and term_key(t.term) not in found)
    seen: set[tuple[str, ...]] = set()
    wrong = []
    for p in proposed[:last]:
        key = term_key(p)
        if key not in keys:
            wrong.append(p)
        elif key in seen:
            wrong.append(p + " (again)")
        seen.add(key)
    return Score(precision, core_recall, recall, missed, tuple(wrong))
