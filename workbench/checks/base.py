"""What every check is made of: the unit it looks at, and the check itself.

A check is a function of a :class:`~workbench.checks.context.Context` and one
:class:`~workbench.checks.unit.CheckedUnit` that returns findings, made a :class:`Check` by
:func:`unit_check`; its first docstring line is its title in the interface.
The checks live in one module per family and are listed, in order, in
:mod:`workbench.checks.registry`. This module also holds what the checks'
messages share: excerpts of the texts and language names as parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.checks.findings import Finding
from workbench.checks.unit import CheckedUnit
from workbench.lang.locales import language
from workbench.messages import LanguageName, Source, Target

if TYPE_CHECKING:
    from workbench.checks.context import Context

UnitCheck = Callable[["Context", CheckedUnit], list[Finding]]


@dataclass(frozen=True)
class Check:
    """A check: its name, its function and what it needs."""

    name: str
    function: UnitCheck
    editor: bool = True  # shown beside the unit in the editor
    tables: bool = False  # reads the project's tables
    reports: str = ""  # the severities it reports, for listings
    drafts: bool = False  # its errors stay errors on a draft (fuzzy) unit
    obsolete: bool = False  # it also looks at units no longer in the statement

    @property
    def title(self) -> str:
        doc = (self.function.__doc__ or self.name).strip()
        return doc.splitlines()[0]

    def __call__(self, ctx: Context, unit: CheckedUnit) -> list[Finding]:
        return self.function(ctx, unit)


def unit_check(
    name: str,
    editor: bool = True,
    tables: bool = False,
    reports: str = "",
    drafts: bool = False,
    obsolete: bool = False,
) -> Callable[[UnitCheck], Check]:
    """Make the decorated function the check *name*."""

    def make(function: UnitCheck) -> Check:
        return Check(name, function, editor, tables, reports, drafts, obsolete)

    return make


# -- text helpers --------------------------------------------------------------


def excerpt(text: str, limit: int = 60) -> str:
    """Return *text* on one line, cut at a word near *limit* characters.

    >>> excerpt("All power to the councils! " * 4, 30)
    'All power to the councils!…'
    """
    # The excerpt reads the start of the text alone: a long text's start
    # collapsed is the start of the whole collapsed, when long enough.
    start = " ".join(text[: 4 * limit].split())
    text = start if len(start) > limit else " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut != -1 else limit] + "…"


def source_excerpt(text: str) -> Source:
    """Return an excerpt of source text, as a message's parameter.

    The message's template quotes it (``"%(source)s"``), a translated
    template as its language does.
    """
    return Source(excerpt(text))


def target_excerpt(text: str) -> Target:
    """Return an excerpt of translated text, as a message's parameter (quoted ``«»``)."""
    return Target(excerpt(text))


def language_name(code: str) -> LanguageName:
    """Return the language *code* as a message's parameter (English on the command line)."""
    return LanguageName(code, language(code).name)
