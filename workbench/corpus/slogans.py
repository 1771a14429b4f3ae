"""Slogans and chants in English statements: the wordings a translator must give as chanted.

A slogan is found by how English reports it, never by its words alone:

- a quotation (“…”, "…", ‘…’, «…») of two to sixteen words that is
  introduced by a word for chanting (chanting, slogans, a banner: the list
  ``data/en-chant-words.txt``) earlier in its sentence, that begins as
  slogans begin ("Death to", "Long live", "Down with": ``data/en-slogan-openers.txt``),
  or that ends in an exclamation mark;
- the same openers outside quotation marks, up to the end of the clause
  ("people chanting death to the dictator");
- a chant reported after a colon ("cry out: Freedom, Freedom, Freedom");
- a short sentence that ends in an exclamation mark ("All power to the
  councils!") and a list of three or more capitalised words or pairs of
  words, separated by commas or underscores ("Woman, Life, Freedom",
  "Woman_Life_Freedom"), when either recurs: said once, it is more often a
  headline or a list of things.

The text of a slogan is its words as written, without the quotation marks
and without the punctuation that closes it; its key folds case and
apostrophes, so "Death to the Dictator" and "death to the dictator" are one
slogan. Limits: a quotation of a chant that English reports without a word
for chanting and without an exclamation mark is missed; a quoted phrase that
begins like a slogan but is none ("Neither here nor there") is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.lang.lexicon import FUNCTION_WORDS
from workbench.lang.wordlists import phrases, words

#: The fewest and most words of a quoted slogan.
MIN_WORDS, MAX_WORDS = 2, 16


@dataclass(frozen=True)
class Slogan:
    """One occurrence of a slogan: its text as written and where it stands."""

    text: str
    start: int
    end: int


# A quotation may wrap onto the next line, never into the next paragraph.
_NOT_BLANK = r"(?!\n[ \t]*\n)"
_QUOTES = re.compile(
    rf"“(?P<a>(?:{_NOT_BLANK}[^“”]){{3,200}})”"
    rf"|\"(?P<b>(?:{_NOT_BLANK}[^\"]){{3,200}})\""
    rf"|«(?P<c>(?:{_NOT_BLANK}[^«»]){{3,200}})»"
    rf"|(?<![^\W_])‘(?P<d>(?:{_NOT_BLANK}[^‘]){{3,200}}?)’(?![^\W_])"
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CLOSING = " \t,.;:!?…—–-"
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n")
# A chant reported after a colon: "cry out: Freedom, Freedom, Freedom."
_CHANTED = re.compile(r"(?P<lead>\b[^\W\d_]+(?: [^\W\d_]+)?):[ \t]+(?=[A-Z])")
_CLAUSE_END = re.compile(r"[.!?;:\n“”\"«»‘]|’(?![^\W_])")
# A short exclamation: a sentence of its own that ends in "!".
_EXCLAIMED = re.compile(r"(?:^|(?<=[.!?:] ))(?P<t>[A-Z][^.!?:\n“”\"]{3,80}!)", re.MULTILINE)
_ITEM = r"[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+)?"
_LIST = re.compile(rf"\b{_ITEM}(?:, {_ITEM}){{2,}}\b|\b[A-Z][^\W\d_]+(?:_[A-Z][^\W\d_]+){{2,}}\b")


def key(text: str) -> str:
    """Return the key that gathers the ways one slogan is written.

    >>> key("Death to the Dictator") == key("death to the dictator")
    True
    >>> key("Woman_Life_Freedom") == key("Woman, Life, Freedom")
    True
    """
    return " ".join(w.casefold().replace("’", "'") for w in _WORD.findall(text))


def _openers() -> re.Pattern[str]:
    words_ = sorted(phrases("en-slogan-openers.txt"), key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in words_)
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


def _chanted(before: str) -> bool:
    """Tell whether the sentence before a quotation introduces a chant."""
    low = before.lower()
    return any(re.search(rf"\b{re.escape(stem)}", low) for stem in words("en-chant-words.txt"))


def _spaces(text: str, at: int) -> int:
    return len(text[at:]) - len(text[at:].lstrip(" \t\n"))


def _list_start(text: str, start: int, comma: int) -> int:
    """Return where the last word before *comma* begins (the first item of a list), or *comma*."""
    if comma < 0:
        return start
    words = [w for w in _WORD.finditer(text, start, comma)]
    return words[-1].start() if words else comma


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _CLOSING:
        end -= 1
    while start < end and text[start] in " \t":
        start += 1
    return start, end


def slogans(text: str) -> list[Slogan]:
    """Return the slogans of *text*, in text order, each occurrence once."""
    found: dict[tuple[int, int], Slogan] = {}
    openers = _openers()

    def add(start: int, end: int, low: int = MIN_WORDS, high: int = MAX_WORDS) -> None:
        start, end = _trimmed(text, start, end)
        n = len(_WORD.findall(text[start:end]))
        if low <= n <= high and (start, end) not in found:
            found[(start, end)] = Slogan(" ".join(text[start:end].split()), start, end)

    quoted: list[tuple[int, int]] = []
    for m in _QUOTES.finditer(text):
        group = next(g for g in "abcd" if m.group(g) is not None)
        start, end = m.span(group)
        quoted.append((start, end))
        inner = text[start:end].rstrip()
        sentence = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
        if (
            openers.match(inner)
            or inner.endswith("!")
            or _chanted(text[max(sentence, m.start() - 300) : m.start()])
        ):
            add(start, end)
    for m in _CHANTED.finditer(text):
        if _chanted(m.group("lead")):
            stop = _SENTENCE_END.search(text, m.end())
            add(m.end(), stop.start() if stop else len(text), high=10)

    def inside(start: int) -> bool:
        return any(a <= start < b for a, b in (*quoted, *found))

    for m in openers.finditer(text):
        if not inside(m.start()):
            # The clause ends at a comma too, unless another slogan follows it
            # or the comma is inside a list ("Victory to Woman, Life, Freedom").
            end = m.end()
            while True:
                stop = _CLAUSE_END.search(text, end)
                comma = text.find(",", end, stop.start() if stop else len(text))
                listed = _LIST.match(text, _list_start(text, m.end(), comma))
                if listed and listed.end() > comma >= 0:
                    end = listed.end()
                    continue
                if comma < 0 or openers.match(text, comma + 1 + _spaces(text, comma + 1)):
                    if comma < 0:
                        end = stop.start() if stop else len(text)
                        break
                    end = comma + 1
                    continue
                end = comma
                break
            add(m.start(), end, high=10)
    exclaimed: dict[str, list[tuple[int, int]]] = {}
    for m in _EXCLAIMED.finditer(text):
        exclaimed.setdefault(key(m.group("t")), []).append(m.span("t"))
    lists: dict[str, list[tuple[int, int]]] = {}
    for m in _LIST.finditer(text):
        start = m.start()
        for word in _WORD.finditer(m.group()):
            if word.group().lower() not in FUNCTION_WORDS:
                start += word.start()
                break
        lists.setdefault(key(text[start : m.end()]), []).append((start, m.end()))
    for spans in (*exclaimed.values(), *lists.values()):
        if len(spans) > 1:  # said once, it is a headline or a list of things
            for start, end in spans:
                add(start, end, high=10)
    return sorted(found.values(), key=lambda s: (s.start, -s.end))
