"""Word forms for term matching: fold a text, and spell out the forms of a term.

Matching folds the text (case, apostrophes, hyphens, spaces; for
Persian-script languages the letter variants of :mod:`workbench.lang.arabic_script`)
and generates the word forms of each term rather than stemming the text.
Folding keeps the way back to the original offsets (:class:`Folded`).

English forms: the regular plural of the last word (strike -> strikes,
party -> parties, tax -> taxes, plus -oes, -ves, -men and -es for -is),
and the possessive ``'s``; a possessive ``s'`` inside a term may be left out
(``workers' council`` also matches ``workers council``). Other Latin-script
languages accept the endings -s, -es, -e, -en, -n, -er on every word, French
-aux for -al and German umlaut plurals (Rat -> Räte).
"""

from __future__ import annotations

import bisect
import functools
import re
import string
from collections.abc import Callable

from workbench.lang import arabic_script


class Folded:
    """Folded text and the way back from its offsets to the original's."""

    __slots__ = ("_text", "_ascii", "_wide", "_at", "_add", "_starts", "_ends", "_offsets")

    def __init__(
        self,
        text: str,
        at: list[int] | None = None,
        add: list[int] | None = None,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
        offsets: Callable[[], tuple[list[int], list[int]]] | None = None,
        wide: list[tuple[int, str]] | None = None,
    ) -> None:
        # With *wide* (a Latin fold), *text* is ASCII: a stand-in letter holds
        # the place of each character beyond ASCII, given in *wide* by offset.
        self._text = None if wide else text
        self._ascii = text if wide is not None else None
        self._wide = wide or []
        self._at = at or []
        self._add = add or [0]
        self._starts = starts
        self._ends = ends
        # Works out starts and ends the first time a span is asked for: most
        # texts are folded to be searched, and most searches find nothing.
        self._offsets = offsets

    @property
    def text(self) -> str:
        """Return the folded text."""
        if self._text is None:
            assert self._ascii is not None
            self._text = _written_back(self._ascii, self._wide)
        return self._text

    @property
    def ascii(self) -> tuple[str, list[tuple[int, str]]] | None:
        """Return the text with a stand-in letter for each character beyond ASCII, and those.

        None for a fold that does not keep one (a Persian-script fold). The
        stand-ins are word characters that no fold makes an ``s``, so the
        folded text's words end where they do with the true characters.
        """
        if self._ascii is None:
            return None
        return self._ascii, self._wide

    @property
    def shifted(self) -> bool:
        """Tell whether folded offsets differ from the original's."""
        return self._starts is not None or self._offsets is not None or bool(self._at)

    def _load(self) -> None:
        if self._offsets is not None:
            self._starts, self._ends = self._offsets()
            self._offsets = None

    def spans(
        self, starts: list[int], ends: list[int], past: int = 0
    ) -> tuple[list[int], list[int]]:
        """Return the original starts and ends of many folded spans, given in text order.

        Each of *ends* may be *past* characters beyond its span's end (where
        a match of a key with a space after it ends, say).
        """
        self._load()
        if self._starts is not None and self._ends is not None:
            return (
                list(map(self._starts.__getitem__, starts)),
                list(map(self._ends.__getitem__, map((-1 - past).__add__, ends))),
            )
        at, add = self._at, self._add
        if not at:
            return starts, list(map((-past).__add__, ends)) if past else ends
        return _shifted(starts, at, add), _shifted(ends, at, add, past)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original offsets of folded ``text[start:end]``."""
        self._load()
        if self._starts is not None and self._ends is not None:
            return self._starts[start], self._ends[end - 1]
        at, add = self._at, self._add
        if not at:
            return start, end
        return start + add[bisect.bisect_left(at, start)], end + add[bisect.bisect_left(at, end)]


def _shifted(offsets: list[int], at: list[int], add: list[int], past: int = 0) -> list[int]:
    """Shift sorted folded *offsets* back: by ``add[k]`` from the k-th collapsed run on.

    Each offset may be *past* characters beyond the one to shift, and is
    given back less them.
    """
    # Runs are few and offsets many: one bisection per run, and a shift per
    # stretch of offsets between two runs, in C.
    out = offsets[: bisect.bisect_left(offsets, at[0] + 1 + past)]
    if past:
        out = list(map((-past).__add__, out))
    for k in range(len(at)):
        lo = len(out)
        hi = bisect.bisect_left(offsets, at[k + 1] + 1 + past) if k + 1 < len(at) else len(offsets)
        out += map((add[k + 1] - past).__add__, offsets[lo:hi])
    return out


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
    # Two tables do the work on an ASCII copy of the text (str.translate is
    # fast only on ASCII): one folds, one tells whitespace apart. Characters
    # beyond ASCII are few in a Latin-script text; they are written back,
    # case-folded one to one (ß, ŉ and ligatures are only lowered).
    spaces: list[tuple[int, str]] = []
    words: list[tuple[int, str]] = []
    wide: list[tuple[int, str]] = []  # letters beyond ASCII, by offset in *text*
    if text.isascii():
        base = text
    else:
        base = text.encode("ascii", "replace").decode("ascii")
        i = base.find("?")  # each character beyond ASCII, and each question mark
        while i != -1:
            c = text[i]
            if c in _WIDE_APOSTROPHES:  # ʼ is a letter, but an apostrophe first
                words.append((i, "'"))
            elif c.isalnum():
                c = c if keep_case else arabic_script.casefold_char(c)
                if c.isascii():
                    words.append((i, c))
                else:
                    words.append((i, _STAND_IN))
                    wide.append((i, c))
            elif c.isspace():
                spaces.append((i, "\n" if c == "\u2029" else "\t"))
            i = base.find("?", i + 1)
    # Folded as ASCII, with a stand-in for each letter beyond it: every pass
    # after this one is over a string of one byte a character.
    folded = _written_back(base.translate(_FOLD_ASCII if keep_case else _FOLD_LOWER), words)
    at: list[int] = []
    add = [0]
    pieces: list[str] = []
    last = removed = 0
    k = 0  # wide[:k] are placed in the folded text
    for a, b in _whitespace_runs(_written_back(base.translate(_SPACE_CLASSES), spaces)):
        if text.count("\n", a, b) + 2 * text.count("\u2029", a, b) > 1:
            continue  # a paragraph break: leave it wide
        while k < len(wide) and wide[k][0] < a:
            wide[k] = (wide[k][0] - removed, wide[k][1])
            k += 1
        pieces += (folded[last:a], " ")
        last = b
        at.append(a - removed)
        removed += b - a - 1
        add.append(removed)
    wide[k:] = [(i - removed, c) for i, c in wide[k:]]
    if last:
        pieces.append(folded[last:])
        folded = "".join(pieces)
    if "'" in folded:
        folded = _possessive_apostrophes(folded)
    return Folded(folded, at, add, wide=wide)


# Folding an ASCII text: word characters and the apostrophe stay, all else is
# a space. Every whitespace character is a tab to _SPACE_CLASSES, but for
# line breaks (a paragraph separator counts as a line break there too).
_FOLD_ASCII = {
    i: "'" if chr(i) == "`" else " " for i in range(128) if not (chr(i).isalnum() or chr(i) in "_'")
}
_FOLD_LOWER = {**_FOLD_ASCII, **{ord(c): c.lower() for c in string.ascii_uppercase}}
_SPACE_CLASSES = {
    i: "\n" if chr(i) == "\n" else "\t" if chr(i).isspace() else "x" for i in range(128)
}
# A word character that is no s: an apostrophe beside it folds as beside
# the letter it stands for.
_STAND_IN = "x"
_WIDE_APOSTROPHES = frozenset(c for c in arabic_script.APOSTROPHES if not c.isascii())


def _written_back(text: str, chars: list[tuple[int, str]]) -> str:
    """Return *text* with the character at each given offset replaced."""
    if not chars:
        return text
    pieces: list[str] = []
    last = 0
    for i, c in chars:
        pieces += (text[last:i], c)
        last = i + 1
    pieces.append(text[last:])
    return "".join(pieces)


def _whitespace_runs(classes: str) -> list[tuple[int, int]]:
    """Return the runs of two whitespace characters or more but lone line breaks.

    *classes* has a tab for whitespace, a line feed for a line break, and
    other letters for the rest. A run of line breaks alone is a paragraph
    break, left as it is, so only runs with a tab in them are looked for:
    beside each line break (few), and two tabs in a row.
    """
    runs: set[tuple[int, int]] = set()
    n = len(classes)

    def run(a: int, b: int) -> int:
        while a and classes[a - 1] in "\t\n":
            a -= 1
        while b < n and classes[b] in "\t\n":
            b += 1
        runs.add((a, b))
        return b

    i = classes.find("\n")
    while i != -1:
        if classes[i - 1 : i] == "\t" or classes[i + 1 : i + 2] == "\t":
            i = run(i, i + 1)
        i = classes.find("\n", i + 1)
    i = classes.find("\t\t")
    while i != -1:
        i = classes.find("\t\t", run(i, i + 2))
    return sorted(runs)


def _possessive_apostrophes(text: str) -> str:
    """Blank every apostrophe but the possessive ones (council's, councils')."""
    return _NOT_POSSESSIVE.sub(" ", text)


# An apostrophe is possessive after a word character and before an s that
# ends the word (council's), or after an s and before no word character
# (councils'). The literal apostrophe first lets the search skip to each one.
_NOT_POSSESSIVE = re.compile(r"'(?!(?<=\w')[sS](?!\w)|(?<=[sS]')(?!\w))")


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
_PLURALS = frozenset(_IRREGULAR.values())

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


class Morphology:
    """How a language folds text, spells out a term's forms, and shows one of them."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("fold", "forms", "example")

    def __init__(
        self,
        fold: Callable[[str, bool], Folded],
        forms: Callable[[str, bool], frozenset[str]],
        example: Callable[[str], str | None],
    ) -> None:
        self.fold = fold
        self.forms = forms
        self.example = example


def _fold_script(language: str) -> Callable[[str, bool], Folded]:
    def fold(text: str, keep_case: bool) -> Folded:
        def offsets() -> tuple[list[int], list[int]]:
            _, starts, ends = arabic_script.fold(text, language, keep_case)
            return starts, ends

        return Folded(arabic_script.fold_text(text, language, keep_case), offsets=offsets)

    return fold


def _english_example(text: str) -> str | None:
    """Return the plural of an English term to show as an example, where it is sure.

    None for a word that may be a plural already (councils, Bazaaris, people)
    and for one with two plurals a rule cannot choose between (womans or
    women, lifes or lives, crisises or crises): no example is better than a
    wrong one.
    """
    words = text.split(" ")
    last = words[-1]
    if not last[-1:].isalpha() or last.lower().endswith("s") or last.lower() in _PLURALS:
        return None
    plurals = _english_plurals(last)
    if len(plurals) != 1:
        return None
    return " ".join([*words[:-1], plurals[0]])


@functools.lru_cache(maxsize=64)
def morphology(language: str) -> Morphology:
    """Return how *language* folds text and spells out forms, built once per language."""
    if arabic_script.family(language):
        return Morphology(
            _fold_script(language),
            lambda text, keep_case: arabic_script.term_forms(text, language, keep_case),
            lambda text: arabic_script.example_form(text, language),
        )
    if language.split("_")[0] == "en":
        return Morphology(fold_latin, english_forms, _english_example)
    return Morphology(
        fold_latin, lambda text, keep_case: latin_forms(text, language, keep_case), lambda _: None
    )


def same_language(term_language: str, language: str) -> bool:
    """Tell whether a term in *term_language* serves text in *language*."""
    # An English source matches en, en_GB and en_US terms; a fa_AF unit
    # accepts plain fa renderings.
    if term_language == language:
        return True
    a, b = term_language.split("_")[0], language.split("_")[0]
    return a == b and (a == term_language or b == language)
