"""PO strings, both ways: quoted strings read and checked, and fields spelled as GNU tools do.

The reading half unescapes the quoted strings of a PO line and names what
is wrong with a malformed one. The writing half spells a field (``msgid``,
``msgstr[1]``, ``#| msgid``...) in one of two forms: GNU ``msgcat --no-wrap``
(one line per string, split only after embedded newlines) or wrapped at a
page width where ``msgcat --width=N`` wraps (:mod:`workbench.catalogs.po_wrap`).
References are wrapped at the page width (79 when strings are not wrapped),
as GNU does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.catalogs.po_wrap import width_of, wrap_portion

# The escapes GNU writes; its rarer ones on reading (\a, octal, hex) are
# refused with a clear message rather than read as something else.
STRING = re.compile(r'"([^"\\]*+(?:\\[bfnrtv\\"][^"\\]*+)*+)"[ \t\r]*\Z')
_BAD_ESCAPE = re.compile(r'\\[^bfnrtv\\"]')
_UNESCAPES = {
    "\\\\": "\\",
    '\\"': '"',
    "\\n": "\n",
    "\\t": "\t",
    "\\r": "\r",
    "\\b": "\b",
    "\\f": "\f",
    "\\v": "\v",
}
_UNESCAPE = re.compile(r"\\[\\\"ntrbfv]")


def unescape(text: str) -> str:
    r"""Return the text of an escaped PO string (without its quotes).

    >>> unescape(r'a\tb \"c\"\n')
    'a\tb "c"\n'
    """
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: _UNESCAPES[m.group()], text)


def string_problem(line: str) -> str:
    """Return what is wrong with a line that should hold a quoted string."""
    if '"' in line and line.count('"') % 2 == 1 and not line.rstrip().endswith('"'):
        return 'a string is not closed (missing the final ")'
    if bad := _BAD_ESCAPE.search(line):
        return f"unsupported escape sequence {bad.group()}; write the character itself"
    return "a string is malformed (check quotes and backslash escapes)"


_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\t\r\b\f\v]')


def escape(text: str) -> str:
    """Escape *text* for a PO string: backslash, quote and control characters."""
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


def field_lines(prefix: str, keyword: str, value: str, width: int | None = None) -> list[str]:
    """Return the lines of one field (msgid, msgstr, ...) with its *prefix* (#~, #|).

    With *width* None, in GNU ``--no-wrap`` form: one line, unless the text
    has a newline before its end, then an empty first string and one line
    per segment. With a *width*, wrapped as ``msgcat --width`` wraps it.
    """
    if width is None:
        cut = value.find("\n")
        if cut == -1 or cut == len(value) - 1:
            return [f'{prefix}{keyword} "{escape(value)}"']
        lines = [f'{prefix}{keyword} ""']
        for piece in value.splitlines(keepends=True):
            lines.append(f'{prefix}"{escape(piece)}"')
        return lines
    return _wrapped(prefix, keyword, value, width)


def _portions(value: str) -> list[str]:
    """Split *value* after each newline, as GNU does before wrapping."""
    if not value:
        return [""]
    out = value.splitlines(keepends=True)
    # str.splitlines also splits at \r, \x0b, \x1c...; GNU only at \n.
    if len(out) > 1 or out[0][-1:] not in ("", "\n"):
        out = [p + "\n" for p in value.split("\n")]
        out[-1] = out[-1][:-1]
        if not out[-1]:
            out.pop()
    return out


def _escaped(portion: str) -> tuple[str, list[int]]:
    """Return *portion* escaped, and the positions a line must not break before."""
    if not _NEEDS_ESCAPE.search(portion):
        return portion, []
    out: list[str] = []
    keep: list[int] = []
    at = 0
    for ch in portion:
        esc = _ESCAPES.get(ch)
        if esc is None:
            out.append(ch)
            at += 1
        else:
            out.append(esc)
            keep.append(at + 1)  # never between the backslash and its letter
            at += 2
    text = "".join(out)
    if portion.endswith("\n"):
        keep.append(len(text) - 2)  # nor just before the final \n
    return text, keep


def _wrapped(prefix: str, keyword: str, value: str, width: int) -> list[str]:
    # The columns of a continuation line's text: the page less the prefix,
    # the opening quote and room for the closing one.
    avail = width - 1 - (len(prefix) + 1)
    lines: list[str] = []
    first = True
    portions = _portions(value)
    for k, portion in enumerate(portions):
        text, keep = _escaped(portion)
        start = len(keyword) + 1 if first else 0
        fits = width_of(text) + start <= avail
        cuts = [] if fits else wrap_portion(text, avail, start, keep)
        if first and text and (k < len(portions) - 1 or start > avail or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first = False
            cuts = [] if width_of(text) <= avail else wrap_portion(text, avail, 0, keep)
        bounds = [0, *cuts, len(text)]
        for a, b in zip(bounds, bounds[1:], strict=False):
            if first:
                lines.append(f'{prefix}{keyword} "{text[a:b]}"')
                first = False
            else:
                lines.append(f'{prefix}"{text[a:b]}"')
    return lines


def reference_lines(occurrences: Sequence[tuple[str, str]], width: int | None = None) -> list[str]:
    """Return the ``#:`` lines of *occurrences* (path, line), wrapped as GNU does."""
    limit = width or 79
    out: list[str] = []
    line = "#:"
    for path, num in occurrences:
        ref = f"{path}:{num}" if num else path
        if line != "#:" and len(line) + 1 + len(ref) > limit:
            out.append(line)
            line = "#:"
        line += " " + ref
    if line != "#:":
        out.append(line)
    return out
