"""Strings of a PO file wrapped at a page width, where GNU gettext wraps them.

A catalog keeps the wrapping of the tool that wrote it (Poedit and
``msgcat`` wrap at 79 columns, Weblate at 77), so that an entry written
anew looks like its neighbours and a diff shows only what changed. GNU
gettext breaks the *escaped* text of each string by the Unicode line
breaking rules of libunistring, greedily: a line takes as many pieces as
fit, and a piece that fits nowhere stands alone on a line that is too long.

The break opportunities come from a pair table of line breaking classes,
as in UAX #14's pair-table algorithm (direct break, break only across
spaces, no break). The classes and the table were measured against GNU
gettext 0.21 with libunistring 1.0 (``msgcat --width``), character pair by
character pair, for ASCII, Persian and Arabic letters, digits and
punctuation, quotes, dashes, no-break and zero-width characters; other
characters get the class of their Unicode category, which is right for the
common cases and may differ from GNU in rare ones (a line then breaks
elsewhere; the text is the same). ``tests/test_po_wrap.py`` compares with
``msgcat --width=N``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Classes, in the order of each row of the table.
_NAMES = "EX AL PR PO QU OP CP IS HY NU BA CL GL IN B2 ID CM ZJ ZW WJ SH".split()
(EX, AL, PR, PO, QU, OP, CP, IS, HY, NU, BA, CL, GL, IN, B2, ID, CM, ZJ, ZW, WJ, SH) = range(
    len(_NAMES)
)
SP = len(_NAMES)  # the space: never broken before, and what an indirect break needs

# What may happen between a character of the row's class and one of the
# column's: D a break, I a break only if spaces stand between, P no break.
_ROWS = {
    "EX": "PDDDIDPPIDIPIIDDIIPPP",
    "AL": "PIIIIIPPIIIPIIDDIIPPP",
    "PR": "PIDDIIPPIIIPIIDIIIPPP",
    "PO": "PIDDIIPPIIIPIIDDIIPPP",
    "QU": "PIIIIPPPIIIPIIIIIIPPP",
    "OP": "PPPPPPPPPPPPPPPPIIPPP",
    "CP": "PIIIIDPPIIIPIIDDIIPPP",
    "IS": "PDDDIDPPIIIPIIDDIIPPP",
    "HY": "PDDDIDPPIIIPDIDDIIPPP",
    "NU": "PIIIIIPPIIIPIIDDIIPPP",
    "BA": "PDDDIDPPIDIPDIDDIIPPP",
    "CL": "PDIIIDPPIDIPIIDDIIPPP",
    "GL": "PIIIIIPPIIIPIIIIIIPPP",
    "IN": "PDDDIDPPIDIPIIDDIIPPP",
    "B2": "PDDDIDPPIDIPIIPDIIPPP",
    "ID": "PDDIIDPPIDIPIIDDIIPPP",
    "CM": "PIIIIIPPIIIPIIDDIIPPP",
    "ZJ": "PIIIIIPPIIIPIIIIIIPPP",
    "ZW": "DDDDDDDDDDDDDDDDDDPDP",
    "WJ": "PIIIIIPPIIIPIIIIIIPPP",
    "SH": "PDDDIDPPPDPPDPPDIIPPP",
}
_TABLE = tuple(tuple(_ROWS[name]) for name in _NAMES)

# The measured classes of characters whose Unicode category alone misleads.
_MEASURED = {
    **dict.fromkeys("!?\u061b\u061f", EX),
    **dict.fromkeys("$+\\\u20ac\u2116", PR),
    **dict.fromkeys("%\u066a\u00b0", PO),
    **dict.fromkeys("'\"\u00ab\u00bb\u2018\u2019\u201c\u201d", QU),
    **dict.fromkeys("([{\u00bf\u00a1", OP),
    **dict.fromkeys(")]", CP),
    **dict.fromkeys(",./:;\u060c", IS),
    "-": HY,
    **dict.fromkeys("|\u2013\u2010\u2009", BA),
    "}": CL,
    **dict.fromkeys("\u00a0\u202f\u2007", GL),
    "\u2026": IN,
    "\u2014": B2,
    **dict.fromkeys("\u200c", CM),
    "\u200d": ZJ,
    "\u200b": ZW,
    **dict.fromkeys("\u2060\ufeff", WJ),
    "\u00ad": SH,
    " ": SP,
    **dict.fromkeys("\u066b\u066c", NU),
    **dict.fromkeys("#&*<=>@^_`~\u00b7\u00d7\u2022\u00a7\u00a9\u0640", AL),
}
_BY_CATEGORY = {
    "Mn": CM,
    "Me": CM,
    "Mc": CM,
    "Nd": NU,
    "Ps": OP,
    "Pe": CL,
    "Pi": QU,
    "Pf": QU,
    "Pd": BA,
    "Sc": PR,
    "Zs": BA,
    "Cf": CM,
}
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")

_class_cache: dict[str, tuple[int, int]] = {}


def char_class(ch: str) -> tuple[int, int]:
    """Return the line breaking class and the display width of *ch*.

    >>> char_class("a") == (AL, 1)
    True
    """
    hit = _class_cache.get(ch)
    if hit is not None:
        return hit
    category = unicodedata.category(ch)
    wide = unicodedata.east_asian_width(ch) in "WF"
    cls = _MEASURED.get(ch)
    if cls is None:
        cls = ID if wide and category[0] in "LS" else _BY_CATEGORY.get(category, AL)
    if ch in _ZERO_WIDTH or category in ("Mn", "Me"):
        width = 0
    elif category == "Cf" and ch != "\u00ad":
        width = 0
    else:
        width = 2 if wide else 1
    _class_cache[ch] = (cls, width)
    return cls, width


def breaks(text: str, no_break: Iterable[int] = ()) -> list[bool]:
    """Return, for each character of *text*, whether a line may break before it.

    *no_break* lists positions where a break is never allowed (inside an
    escape sequence or a format directive).

    >>> [i for i, b in enumerate(breaks("two words")) if b]
    [4]
    """
    allowed = [False] * len(text)
    prev = -1
    spaces = False
    for i, ch in enumerate(text):
        cls = char_class(ch)[0]
        if cls == SP:
            spaces = prev >= 0
            continue
        if cls == CM and prev >= 0 and not spaces:
            continue  # a combining mark stays with the character before it
        if prev >= 0:
            action = _TABLE[prev][cls]
            allowed[i] = action == "D" or (action == "I" and spaces)
        prev = cls
        spaces = False
    for i in no_break:
        if 0 <= i < len(allowed):
            allowed[i] = False
    return allowed


def width_of(text: str) -> int:
    """Return the display width of *text*, as GNU counts columns."""
    if text.isascii():
        return len(text)
    return sum(char_class(ch)[1] for ch in text)


def wrap_portion(text: str, width: int, start: int, no_break: Iterable[int] = ()) -> list[int]:
    """Return where to break *text* so that its lines fit *width* columns.

    *start* is the column the first line starts at. Greedy, as
    libunistring's ``ulc_width_linebreaks``: a piece (text from one break
    opportunity to the next) goes on the current line if it fits, else a
    line break goes before it.
    """
    allowed = breaks(text, no_break)
    cuts: list[int] = []
    last: int | None = None
    column = start
    piece = 0
    for i, ch in enumerate(text):
        if allowed[i]:
            if last is not None and column + piece > width:
                cuts.append(last)
                column = 0
            last = i
            column += piece
            piece = 0
        piece += char_class(ch)[1]
    if last is not None and column + piece > width:
        cuts.append(last)
    return cuts
