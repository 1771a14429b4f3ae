"""How alike two texts are, as the memory counts: tokens, a score, a diff.

The score is ``100 * (1 - d / n)`` rounded down, where *d* is the word edit
distance and *n* the longer length in words, over normalised text (see
:func:`tokens`). 100 means the very same text; texts that differ only in
case, spacing or quote marks score 99.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# Curly, straight, low, prime and angle quotes fold to ' and ".
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a`\u00b4\u02bc", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e", '"'),
    }
)
_QUOTE_PAIRS = tuple((chr(k), v) for k, v in _QUOTES.items())
# Combining marks and joiners that belong inside a word (Python's \w omits
# them): Latin, Cyrillic, Hebrew, Arabic and Persian, Syriac, Devanagari.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0711\u0730-\u074a\u0900-\u0903\u093a-\u094f\u0951-\u0957"
    "\u0962\u0963\u200c\u200d"
)
# A number with its separators (4,000 or 3.5) is one token, a word is one,
# and any other visible character is a token of its own.
_TOKEN = re.compile(rf"\d+(?:[.,]\d+)+|[\w{_MARKS}]+|\S")


def tokens(text: str) -> list[str]:
    """Split *text* into normalised tokens: the words and punctuation compared.

    Normalising applies Unicode compatibility forms (NFKC), case folding, one
    spelling of quotes and apostrophes, and ignores spacing.

    >>> tokens("Workers’ councils,  4,000 “toman”")
    ['workers', "'", 'councils', ',', '4,000', '"', 'toman', '"']
    """
    out: list[str] = []
    # Keeping plain words whole is several times faster than running the
    # pattern over the whole text.
    for piece in pieces(text):
        if piece.isalnum():
            out.append(piece)
        else:
            out.extend(_TOKEN.findall(piece))
    return out


def pieces(text: str) -> list[str]:
    """Split *text* at spaces once normalised: each piece's tokens are its own.

    ``tokens(text)`` is the tokens of each piece in turn (see
    :func:`piece_tokens`), so a piece met again need not be split again.

    >>> pieces("Workers’ councils,  4,000")
    ["workers'", 'councils,', '4,000']
    """
    if text.isascii():
        if "`" in text:
            text = text.replace("`", "'")
    else:
        text = unicodedata.normalize("NFKC", text)
        # str.translate with a table is slow on non-ASCII text; most texts
        # hold one or two kinds of quote at most.
        for quote, plain in _QUOTE_PAIRS:
            if quote in text:
                text = text.replace(quote, plain)
    return text.casefold().split()


def piece_tokens(piece: str) -> list[str]:
    """Return the tokens of one of the :func:`pieces` of a text.

    >>> piece_tokens("councils,")
    ['councils', ',']
    """
    return [piece] if piece.isalnum() else _TOKEN.findall(piece)


def score(query: str, source: str) -> int:
    """Score how well a stored *source* matches *query*, from 0 to 100.

    >>> score("All power to the councils!", "All power to the councils!")
    100
    >>> score("All power to the councils!", "all power to the councils!")
    99
    >>> score("All power to the councils!", "All power to the workers!")
    83
    """
    a, b = tokens(query), tokens(source)
    if not a or not b:
        return 0
    longer = max(len(a), len(b))
    value = 100 * (longer - Levenshtein.distance(a, b)) // longer
    if value == 100 and query != source:
        return 99
    return value


def diff(query: str, source: str) -> tuple[tuple[str, str], ...]:
    """Return the word pieces that turn *query* into *source*.

    >>> diff("All power to the councils!", "All power to the workers!")
    (('equal', 'All power to the '), ('delete', 'councils'), ('insert', 'workers'), ('equal', '!'))
    """
    a_spans, a_keys = _raw_tokens(query)
    b_spans, b_keys = _raw_tokens(source)
    if not b_spans:
        return (("equal", source),) if source else ()
    pieces: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    def cut(text: str, spans: list[tuple[int, int]], i: int, j: int, whole: bool) -> str:
        # Each piece runs up to the next token, so the pieces of the source
        # cover it exactly, spacing included.
        start = 0 if whole and i == 0 else spans[i][0]
        end = spans[j][0] if j < len(spans) else len(text)
        return text[start:end]

    for op in Levenshtein.opcodes(a_keys, b_keys):
        if op.tag in ("delete", "replace"):
            add("delete", cut(query, a_spans, op.src_start, op.src_end, False))
        if op.tag in ("insert", "replace", "equal"):
            kind = "equal" if op.tag == "equal" else "insert"
            add(kind, cut(source, b_spans, op.dest_start, op.dest_end, True))
    return tuple(pieces)


# A lookup diffs its query against each of its matches: cut it once.
@lru_cache(maxsize=64)
def _raw_tokens(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    # Quote folding maps one character to one, so spans found in the folded
    # text are spans of the original.
    spans, keys = [], []
    for found in _TOKEN.finditer(text.translate(_QUOTES)):
        spans.append(found.span())
        keys.append(unicodedata.normalize("NFKC", found.group()).casefold())
    return spans, keys
