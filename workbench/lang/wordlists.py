"""Word lists shipped with the package, in ``workbench/lang/data/``.

A list is a UTF-8 text file: words (or phrases, one a line) separated by
whitespace; a line that starts with ``#`` is a comment. The files are
package data (``pyproject.toml``), read once and kept.
"""

from __future__ import annotations

import functools
from pathlib import Path

# Beside this module, as the plural table is (workbench.lang.locales):
# importlib.resources would cost every start tempfile, shutil and more.
_DATA = Path(__file__).with_name("data")


def _lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[:1] != "#"]


@functools.cache
def words(name: str) -> frozenset[str]:
    """Return the words of the list *name* (a file in ``workbench/lang/data``).

    >>> "the" in words("en-function-words.txt")
    True
    """
    return frozenset(word for line in _lines(name) for word in line.split())


@functools.cache
def phrases(name: str) -> tuple[str, ...]:
    """Return the lines of the list *name*, one phrase each, in the file's order."""
    return tuple(" ".join(line.split()) for line in _lines(name))
