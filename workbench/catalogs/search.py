"""Searching a statement's units: in the source, the translation or both.

A search is plain text by default: case is ignored, and in Arabic-script
text the letter variants a keyboard may give (``ی ي ى``, ``ک ك``, ``ه ة ۀ``),
a zero-width non-joiner or a space between two parts of a word, tatweel and
harakat do not stop a match. It may also be whole words only, case
sensitive (which also makes letter variants count), or a regular
expression (the ``regex`` module's syntax; this module is its only user).

A pattern is bounded: at most :data:`MAX_PATTERN` characters, and one
search over a statement gets :data:`BUDGET` seconds in all (the ``regex``
module stops a match that runs longer), so a pattern that backtracks
without end cannot hold up the server. A pattern that is not valid, or
too slow, raises :class:`~workbench.errors.SearchError` with a message
that says what to change.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import regex

from workbench.errors import SearchError
from workbench.messages import N_, Data, Message

#: Where a search looks.
SOURCE, TRANSLATION, BOTH = "source", "translation", "both"
PLACES = (BOTH, SOURCE, TRANSLATION)
#: The longest pattern accepted, in characters.
MAX_PATTERN = 200
#: Seconds one search may spend over all the units of a statement.
BUDGET = 0.5
#: Hits marked in one text at most.
MAX_HITS = 200

# Letters an Arabic, Persian or Urdu keyboard writes differently, one class each.
_VARIANTS = {}
for _letters in ("یيىئ", "کك", "هةۀ", "اأإٱ", "وؤ"):
    for _letter in _letters:
        _VARIANTS[_letter] = "[" + _letters + "]"
# Written inside Arabic-script words without changing them: tatweel, harakat, hamza above.
_INSIDE = "[\u0640\u064b-\u065f\u0670]*"
_JOINERS = "[ \u200c]"


def _arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


def loose_pattern(text: str) -> str:
    """Return a regular expression matching *text* as written, letter variants included.

    >>> loose_pattern("a.b")
    'a\\\\.b'
    >>> regex.fullmatch(loose_pattern("می شود"), "مي‌شود") is not None
    True
    """
    out = []
    for ch in text:
        if ch in " \u200c" and out and any(map(_arabic, text)):
            out.append(_JOINERS)
        elif ch in _VARIANTS:
            out.append(_VARIANTS[ch] + _INSIDE)
        elif _arabic(ch):
            out.append(regex.escape(ch) + _INSIDE)
        else:
            out.append(regex.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class UnitSearch:
    """What to look for, and how."""

    text: str
    where: str = BOTH
    case: bool = False
    word: bool = False
    pattern: bool = False  # a regular expression

    def __post_init__(self) -> None:
        if self.where not in PLACES:
            object.__setattr__(self, "where", BOTH)

    @property
    def in_source(self) -> bool:
        return self.where in (BOTH, SOURCE)

    @property
    def in_translation(self) -> bool:
        return self.where in (BOTH, TRANSLATION)

    def searcher(self, budget: float = BUDGET) -> Searcher:
        """Return a searcher for this search, or raise SearchError if it cannot run."""
        return Searcher(self, budget)


class Searcher:
    """One search over one statement: compiled once, and bounded in time."""

    def __init__(self, search: UnitSearch, budget: float = BUDGET) -> None:
        self.search = search
        text = search.text
        if len(text) > MAX_PATTERN:
            raise SearchError(
                Message.of(
                    N_("the search is %(n)s characters long; shorten it to %(limit)s or fewer"),
                    n=len(text),
                    limit=MAX_PATTERN,
                )
            )
        if search.pattern:
            source = text
        elif search.case:
            source = regex.escape(text)  # as written: letter variants count too
        else:
            source = loose_pattern(text)
        if search.word:
            source = rf"(?<![\w\u200c])(?:{source})(?![\w\u200c])"
        flags = regex.V0 | (0 if search.case else regex.IGNORECASE)
        try:
            self.compiled = regex.compile(source, flags)
        except regex.error as exc:
            raise SearchError(
                Message.of(
                    N_(
                        "the search is not a valid regular expression (%(reason)s, at character "
                        "%(at)s); correct it, or search for plain text"
                    ),
                    reason=Data(getattr(exc, "msg", None) or str(exc)),
                    at=(getattr(exc, "pos", None) or 0) + 1,
                )
            ) from None
        self.deadline = time.monotonic() + budget

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return where *text* matches (empty matches left out), or raise if time ran out."""
        if not text:
            return []
        left = self.deadline - time.monotonic()
        found: list[tuple[int, int]] = []
        try:
            if left <= 0:
                raise TimeoutError
            for m in self.compiled.finditer(text, timeout=left):
                if m.end() > m.start():
                    found.append(m.span())
                    if len(found) >= MAX_HITS:
                        break
        except TimeoutError:
            raise SearchError(
                Message.of(
                    N_(
                        "the search took too long and was stopped; make the regular expression "
                        "simpler (fewer nested repetitions)"
                    )
                )
            ) from None
        return found
