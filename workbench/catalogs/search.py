"""Searching a statement's units: in the source, the translation or both.

A search is plain text by default: case is ignored, digits match in
ASCII, Persian and Arabic-Indic (``1953``, ``۱۹۵۳``, ``١٩٥٣``), and in
Arabic-script text the letter variants a keyboard may give (``ی ي ى``,
``ک ك``, ``ه ة ۀ``), tatweel and harakat do not stop a match. Nor does the
way a word is split: ``شوراها``, ``شورا‌ها`` (with a zero-width non-joiner)
and ``شورا ها`` find each other, whichever is typed and whichever is
written. It may also be whole words only, case sensitive (which also
makes letter variants, digits and the split of a word count), or a regular
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

# Letters an Arabic, Persian or Urdu keyboard writes differently, one class each
# (as the Persian fold of workbench.lang.arabic_script makes them one letter;
# an alef madda is an alef here too, as Arabic search has it).
_VARIANTS = {}
for _group in ("یيىئ", "کكڪ", "هةۀھہۂ", "اأإٱآ", "وؤ"):
    for _variant in _group:
        _VARIANTS[_variant] = "[" + _group + "]"
# A digit matches itself in the three sets a keyboard types: ASCII, Persian, Arabic-Indic.
for _same in zip("0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", strict=True):
    for _digit in _same:
        _VARIANTS[_digit] = "[" + "".join(_same) + "]"
# Written inside Arabic-script words without changing them: tatweel, harakat, hamza above.
_MARKS = "\u0640\u064b-\u065f\u0670"
_INSIDE = f"[{_MARKS}]*"
_DROPPED = regex.compile(f"[{_MARKS}]")
# Between two letters of a word typed joined: the text may split the word
# there with a ZWNJ or a space (شورا‌ها, شورا ها for شوراها).
_SPLIT = "[ \u00a0\u200c]?"
# A space or ZWNJ typed between two Arabic-script letters: any run of them, or none.
_GAP_IN_WORD = "[\\s\u200c]*"
# Any other run of spaces typed: a run of whitespace (a no-break space too).
_GAP = "[\\s\u200c]+"


def _arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f"


def _letter(ch: str) -> bool:
    return ch.isalpha() and _arabic(ch)


def loose_pattern(text: str) -> str:
    """Return a regular expression matching *text* as written, letter variants included.

    Inside Arabic-script words a ZWNJ or a space is optional on both sides:
    the query and the text may each write a word joined, with a ZWNJ or
    with a space. Digits match in ASCII, Persian and Arabic-Indic.

    >>> loose_pattern("a.b")
    'a\\\\.b'
    >>> [bool(regex.fullmatch(loose_pattern(q), "مي‌شود")) for q in ("می شود", "میشود")]
    [True, True]
    >>> bool(regex.fullmatch(loose_pattern("۱۹۵۳"), "1953"))
    True
    """
    # Tatweel and harakat in the query are left out: the text may have them
    # or not after every letter (_INSIDE).
    chars = _DROPPED.sub("", text)
    out = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch.isspace() or ch == "\u200c":
            j = i
            while j < len(chars) and (chars[j].isspace() or chars[j] == "\u200c"):
                j += 1
            inside = 0 < i and j < len(chars) and _letter(chars[i - 1]) and _letter(chars[j])
            out.append(_GAP_IN_WORD if inside else _GAP)
            i = j
            continue
        if out and _letter(ch) and _letter(chars[i - 1]):
            out.append(_SPLIT)
        if ch in _VARIANTS:
            out.append(_VARIANTS[ch] + (_INSIDE if _arabic(ch) and ch.isalpha() else ""))
        elif _arabic(ch):
            out.append(regex.escape(ch) + (_INSIDE if ch.isalpha() else ""))
        else:
            out.append(regex.escape(ch))
        i += 1
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
