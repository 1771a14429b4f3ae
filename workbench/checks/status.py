"""Checks of a unit's status: not translated yet, or a draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.catalogs import model as cat
from workbench.checks.base import quote_source, quote_target, unit_check
from workbench.checks.findings import INFO, WARNING, Finding
from workbench.checks.unit import CheckedUnit

if TYPE_CHECKING:
    from workbench.checks.context import Context


@unit_check("untranslated", editor=False, reports="info")
def untranslated(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Units with no translation yet."""
    if unit.target:
        return []
    return [
        unit.finding("untranslated", INFO, f"{quote_source(unit.source)} has no translation yet")
    ]


@unit_check("fuzzy", editor=False, reports="warning")
def fuzzy(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Drafts (fuzzy) awaiting review."""
    if unit.status != cat.FUZZY or unit.form:
        return []  # a draft plural entry is one finding, on its first form
    if unit.previous is not None and unit.previous != unit.source:
        message = (
            f"the source changed from {quote_source(unit.previous)} to "
            f"{quote_source(unit.source)}; review the translation {quote_target(unit.target)} "
            "and mark it translated"
        )
    else:
        message = (
            f"the translation {quote_target(unit.target)} of {quote_source(unit.source)} is a "
            "draft; review it and mark it translated"
        )
    return [unit.finding("fuzzy", WARNING, message)]
