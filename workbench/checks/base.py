"""What every check is made of: the unit it looks at, and the check itself.

A check is a function of a :class:`~workbench.checks.context.Context` and one
:class:`CheckedUnit` that returns findings, made a :class:`Check` by
:func:`unit_check`; its first docstring line is its title in the interface.
The checks live in one module per family and are listed, in order, in
:mod:`workbench.checks.registry`. This module also holds what the checks'
messages share: excerpts and quotes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.catalogs import pofile as cat
from workbench.catalogs.pofile import Entry
from workbench.checks.findings import Finding
from workbench.lang.locales import language

if TYPE_CHECKING:
    from workbench.checks.context import Context

#: Statuses whose translation counts as done.
DONE = (cat.TRANSLATED, cat.REVIEWED)


@dataclass(frozen=True)
class CheckedUnit:
    """One unit as the checks see it."""

    statement: str
    language: str
    source: str
    target: str
    status: str
    msgctxt: str | None = None
    line: int | None = None
    dismissed: tuple[tuple[str, str], ...] = ()
    kind: str = ""  # heading, item, line or sentence, as the catalog's #. comment says
    previous: str | None = None  # a fuzzy unit's old source (#| msgid)

    @classmethod
    def of(
        cls, statement: str, language: str, entry: Entry, line: int | None = None
    ) -> CheckedUnit:
        """Return the unit of catalog *entry* in *statement*."""
        lines = entry.lines
        return cls(
            statement,
            language,
            entry.msgid,
            entry.msgstr,
            entry.status,
            entry.msgctxt,
            line if line is not None else (lines[0] if lines else None),
            entry.dismissed,
            entry.comment.strip(),
            entry.previous_msgid if entry.fuzzy else None,
        )

    @functools.cached_property
    def collapsed_source(self) -> str:
        """The source with each run of whitespace as one space, trimmed."""
        return _collapse(self.source)

    @functools.cached_property
    def collapsed_target(self) -> str:
        """The translation with each run of whitespace as one space, trimmed."""
        return _collapse(self.target)

    @property
    def place(self) -> tuple[str, str | None, str]:
        """What identifies the unit in the project: statement, msgctxt, source."""
        return (self.statement, self.msgctxt, self.source)

    @property
    def where(self) -> str:
        """Return ``statement:line`` (or the statement alone)."""
        return f"{self.statement}:{self.line}" if self.line is not None else self.statement

    def finding(self, check: str, severity: str, message: str) -> Finding:
        """Return a finding of *check* on this unit."""
        return Finding(
            check,
            severity,
            self.language,
            self.statement,
            self.source,
            self.target,
            message,
            self.msgctxt,
            self.line,
        )


UnitCheck = Callable[["Context", CheckedUnit], list[Finding]]


@dataclass(frozen=True)
class Check:
    """A check: its name, its function and what it needs."""

    name: str
    function: UnitCheck
    editor: bool = True  # shown beside the unit in the editor
    tables: bool = False  # reads the project's tables
    reports: str = ""  # the severities it reports, for listings

    @property
    def title(self) -> str:
        doc = (self.function.__doc__ or self.name).strip()
        return doc.splitlines()[0]

    def __call__(self, ctx: Context, unit: CheckedUnit) -> list[Finding]:
        return self.function(ctx, unit)


def unit_check(
    name: str, editor: bool = True, tables: bool = False, reports: str = ""
) -> Callable[[UnitCheck], Check]:
    """Make the decorated function the check *name*."""

    def make(function: UnitCheck) -> Check:
        return Check(name, function, editor, tables, reports)

    return make


# -- text helpers --------------------------------------------------------------


def _collapse(text: str) -> str:
    """Return *text* with each run of whitespace as one space, trimmed."""
    return " ".join(text.split())


def excerpt(text: str, limit: int = 60) -> str:
    """Return *text* on one line, cut at a word near *limit* characters.

    >>> excerpt("All power to the councils! " * 4, 30)
    'All power to the councils!…'
    """
    text = _collapse(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut != -1 else limit] + "…"


def quote_source(text: str) -> str:
    """Quote source text in a message."""
    return f'"{excerpt(text)}"'


def quote_target(text: str) -> str:
    """Quote translated text in a message."""
    return f"«{excerpt(text)}»"


def language_name(code: str) -> str:
    """Return the English name of the language *code*, for messages."""
    return language(code).name
