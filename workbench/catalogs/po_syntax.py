"""PO syntax, both ways: check PO text line by line, and write strings as GNU tools do.

polib accepts some broken files silently (an unterminated string loses an
entry without a word), so :func:`validate` reads every line first and names
the first defect with its line number. The writing half spells fields and
references in GNU ``msgcat --no-wrap`` form: one line per string, split only
after embedded newlines; references wrapped at 79 columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.errors import CatalogError

# The escapes polib reads back; GNU's rarer ones (\a, octal, hex) are refused
# with a clear message rather than read as a literal backslash.
_STRING = r'"(?:[^"\\]|\\[bfnrtv\\"])*"'
_KEYWORD_LINE = re.compile(
    r"(?:#~\|?\s*|#\|\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+"
    + _STRING
    + r"[ \t]*\Z"
)
_CONT_LINE = re.compile(r"(?:#~\|?\s*|#\|\s*)?" + _STRING + r"[ \t]*\Z")
_KEYWORD = re.compile(r"(?:#~\|?\s*|#\|\s*)?(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\b")


def validate(text: str, name: str) -> None:
    """Check the PO syntax line by line; raise CatalogError at the first defect."""
    expect_msgstr_at: int | None = None
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r").strip()
        if not line:
            continue
        if line.startswith("#") and not (line.startswith("#~") or line.startswith("#|")):
            continue
        if line.startswith("#~") and line[2:].strip() == "":
            continue
        if _KEYWORD_LINE.match(line):
            keyword = _KEYWORD.match(line).group(1)  # type: ignore[union-attr]
            if not line.startswith(("#|", "#~|")):
                if keyword == "msgid":
                    if expect_msgstr_at is not None:
                        raise _syntax(name, expect_msgstr_at, "this msgid has no msgstr")
                    expect_msgstr_at = lineno
                elif keyword.startswith("msgstr"):
                    if expect_msgstr_at is None and keyword == "msgstr":
                        raise _syntax(name, lineno, "a msgstr without a msgid before it")
                    expect_msgstr_at = None
            continue
        if _CONT_LINE.match(line):
            continue
        if '"' in line and line.count('"') % 2 == 1 and not line.endswith('"'):
            raise _syntax(name, lineno, 'a string is not closed (missing the final ")')
        if bad := re.search(r'\\[^bfnrtv\\"]', line):
            raise _syntax(
                name,
                lineno,
                f"unsupported escape sequence {bad.group()}; write the character itself",
            )
        if _KEYWORD.match(line) or line.startswith('"'):
            raise _syntax(
                name, lineno, "a string is malformed (check quotes and backslash escapes)"
            )
        raise _syntax(name, lineno, f"unexpected text {line[:30]!r}")
    if expect_msgstr_at is not None:
        raise _syntax(name, expect_msgstr_at, "this msgid has no msgstr")


def _syntax(name: str, line: int, what: str) -> CatalogError:
    return CatalogError(
        f"{what}; fix the file (or restore it with git) and run again; nothing was written",
        path=name,
        line=line,
    )


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


def field_lines(prefix: str, keyword: str, value: str) -> list[str]:
    """Return the lines of one field (msgid, msgstr, ...) with its *prefix* (#~, #|)."""
    # GNU --no-wrap form: one line, unless the text has a newline before its
    # end, in which case an empty first string and one line per segment.
    cut = value.find("\n")
    if cut == -1 or cut == len(value) - 1:
        return [f'{prefix}{keyword} "{escape(value)}"']
    lines = [f'{prefix}{keyword} ""']
    for piece in value.splitlines(keepends=True):
        lines.append(f'{prefix}"{escape(piece)}"')
    return lines


def reference_lines(occurrences: Sequence[tuple[str, str]]) -> list[str]:
    """Return the ``#:`` lines of *occurrences* (path, line), wrapped as GNU does."""
    out: list[str] = []
    line = "#:"
    for path, num in occurrences:
        ref = f"{path}:{num}" if num else path
        if line != "#:" and len(line) + 1 + len(ref) > 79:
            out.append(line)
            line = "#:"
        line += " " + ref
    if line != "#:":
        out.append(line)
    return out
