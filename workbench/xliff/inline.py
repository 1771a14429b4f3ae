"""The plain text of a segment that a CAT tool sent back with inline markup.

The workbench writes plain text, but tools add markup: OmegaT and Trados
``<g>`` and ``<x/>``, memoQ ``<bpt>{}</bpt>``, Matecat ``<mrk mtype="seg">``,
XLIFF 2 ``<pc>``, ``<ph/>`` and ``<mrk type="term">``. A catalog holds text, so
the text is what comes back: markup that wraps words (``g``, ``mrk``, ``pc``)
keeps them, a code's own content (``bpt``, ``ept``, ``ph``, ``it`` in 1.2) is
the original document's markup and is left out, and a standalone code
(``x``, ``ph``) between two words reads as a space, so no two words are glued.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

# Elements whose content is text of the segment.
_WRAPPERS = frozenset({"g", "mrk", "pc", "hi"})
# Standalone codes: a space between two words.
_STANDALONE = frozenset({"x", "ph"})
# Codes whose content is the original's markup (1.2), or empty (2.0 sc, ec, bx, ex).
_CODES = frozenset({"bpt", "ept", "it", "sub", "sc", "ec", "bx", "ex", "sm", "em"})
_GAP = "\x00"


def plain_text(elem: ET.Element) -> tuple[str, bool]:
    """Return the text of *elem* (a source or target) and whether it held any markup."""
    if len(elem) == 0:
        return elem.text or "", False
    pieces: list[str] = []
    _walk(elem, pieces)
    return _joined("".join(pieces)), True


def _walk(elem: ET.Element, out: list[str]) -> None:
    if elem.text:
        out.append(elem.text)
    for child in elem:
        local = child.tag.rpartition("}")[2]
        if local in _WRAPPERS:
            _walk(child, out)
        elif local in _STANDALONE:
            out.append(_GAP)
        elif local not in _CODES:
            _walk(child, out)  # unknown inline markup: keep its words
        if child.tail:
            out.append(child.tail)


def _joined(text: str) -> str:
    if _GAP not in text:
        return text
    out: list[str] = []
    for n, part in enumerate(text.split(_GAP)):
        if n and out and out[-1][-1:].isalnum() and part[:1].isalnum():
            out.append(" ")
        out.append(part)
    return "".join(out)
