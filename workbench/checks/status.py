"""Checks of a unit's status: not translated yet, or a draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.catalogs import model as cat
from workbench.checks.base import source_excerpt, target_excerpt, unit_check
from workbench.checks.findings import INFO, WARNING, Finding
from workbench.checks.unit import CheckedUnit
from workbench.messages import N_, Message

if TYPE_CHECKING:
    from workbench.checks.context import Context


@unit_check("untranslated", editor=False, reports="info")
def untranslated(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Units with no translation yet."""
    if unit.target:
        return []
    message = Message.of(
        N_('"%(source)s" has no translation yet'), source=source_excerpt(unit.source)
    )
    return [unit.finding("untranslated", INFO, message)]


@unit_check("fuzzy", editor=False, reports="warning")
def fuzzy(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Drafts (fuzzy) awaiting review."""
    if unit.status != cat.FUZZY or unit.form:
        return []  # a draft plural entry is one finding, on its first form
    if unit.previous is not None and unit.previous != unit.source:
        message = Message.of(
            N_(
                'the source changed from "%(previous)s" to "%(source)s"; review the '
                "translation «%(target)s» and mark it translated"
            ),
            previous=source_excerpt(unit.previous),
            source=source_excerpt(unit.source),
            target=target_excerpt(unit.target),
        )
    else:
        message = Message.of(
            N_(
                'the translation «%(target)s» of "%(source)s" is a draft; review it and mark '
                "it translated"
            ),
            target=target_excerpt(unit.target),
            source=source_excerpt(unit.source),
        )
    return [unit.finding("fuzzy", WARNING, message)]
