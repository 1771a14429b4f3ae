"""A compiled leftmost-longest automaton over many keys, searched in folded text.

The one module that imports ``ahocorasick_rs``. A folded Latin-script text
is searched as bytes, one byte for each character, so offsets need no
translating (searching a ``str``, the library maps every UTF-8 byte offset
back to a character offset, through a table eight times the text's size):
characters up to U+00FF are their Latin-1 byte, and the few beyond it that
the keys use take the bytes of the C1 control characters, which a folded
text never holds (the fold makes them spaces). Any other character becomes
``?``, which no folded key holds either. Keys with more characters beyond
U+00FF than there are C1 controls (a Persian glossary) are searched as a
``str``.

>>> automaton = Automaton([" art", " artists", " ā"])
>>> automaton.find(automaton.haystack(" artists  ā "))
[(1, 0, 8), (2, 9, 11)]
"""

from __future__ import annotations

from collections.abc import Sequence

import ahocorasick_rs

_LEFTMOST_LONGEST = ahocorasick_rs.MatchKind.LeftmostLongest
# The bytes that characters beyond Latin-1 in the keys stand for.
_SPARE = range(0x80, 0xA0)
_UNKNOWN = ord("?")


class Automaton:
    """Find the leftmost-longest keys in a folded text, as (key index, start, end)."""

    def __init__(self, keys: list[str]) -> None:
        chars = set("".join(keys))
        wide = sorted(c for c in chars if ord(c) > 0xFF)
        narrow = len(wide) <= len(_SPARE) and not any(
            c == "?" or 0x80 <= ord(c) < 0xA0 for c in chars
        )
        # Character -> the byte it is searched as, for those beyond Latin-1.
        self._wide = dict(zip(wide, _SPARE, strict=False)) if narrow else {}
        self._table = str.maketrans({c: chr(b) for c, b in self._wide.items()})
        self._bytes: ahocorasick_rs.BytesAhoCorasick | None = None
        self._chars: ahocorasick_rs.AhoCorasick | None = None
        if narrow:
            patterns = [self.searched(key).encode("latin-1") for key in keys]
            self._bytes = ahocorasick_rs.BytesAhoCorasick(patterns, matchkind=_LEFTMOST_LONGEST)
        else:
            self._chars = ahocorasick_rs.AhoCorasick(keys, matchkind=_LEFTMOST_LONGEST)

    def haystack(self, text: str, wide: Sequence[tuple[int, str]] = ()) -> bytes | str:
        """Return *text* as it is searched: bytes, one for each character, or a str.

        *wide* puts characters in place of those at their offsets in *text*
        (the letters an ASCII fold stands in for).
        """
        if self._bytes is None:
            return _written_back(text, wide) if wide else text
        data = text.encode("latin-1", "replace")
        if self._wide and _UNKNOWN in data:
            data = self._written_wide(text, data)
        if not wide:
            return data
        out = bytearray(data)
        for i, c in wide:
            out[i] = ord(c) if ord(c) <= 0xFF else self._wide.get(c, _UNKNOWN)
        return bytes(out)

    def searched(self, key: str) -> str:
        """Return *key* as the search sees it: as a haystack that holds it, decoded one to one."""
        # An ASCII key (most of them) has no character to put in; isascii is a flag.
        return key.translate(self._table) if self._wide and not key.isascii() else key

    def find(self, haystack: bytes | str) -> list[tuple[int, int, int]]:
        """Return the leftmost-longest matches in *haystack*: key index, start and end."""
        if isinstance(haystack, bytes):
            assert self._bytes is not None
            return self._bytes.find_matches_as_indexes(haystack)
        assert self._chars is not None
        return self._chars.find_matches_as_indexes(haystack)

    def _written_wide(self, text: str, data: bytes) -> bytes:
        """Return *data* with the byte of each character beyond Latin-1 the keys use."""
        out = bytearray(data)
        i = data.find(_UNKNOWN)
        while i != -1:
            byte = self._wide.get(text[i])
            if byte is not None:
                out[i] = byte
            i = data.find(_UNKNOWN, i + 1)
        return bytes(out)


def _written_back(text: str, chars: Sequence[tuple[int, str]]) -> str:
    """Return *text* with the character at each given offset replaced."""
    pieces: list[str] = []
    last = 0
    for i, c in chars:
        pieces += (text[last:i], c)
        last = i + 1
    pieces.append(text[last:])
    return "".join(pieces)
