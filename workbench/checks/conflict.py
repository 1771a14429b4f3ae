"""A unit two machines changed differently: a sync kept both versions, someone must choose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.checks.base import quote_source, quote_target, unit_check
from workbench.checks.findings import ERROR, Finding
from workbench.checks.unit import CheckedUnit

if TYPE_CHECKING:
    from workbench.checks.context import Context


@unit_check("conflict", reports="error", drafts=True, obsolete=True)
def conflict(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Units two machines translated differently (a sync kept both)."""
    found = []
    for kept in unit.conflicts:
        if kept.removed:
            message = (
                f"{quote_source(unit.source)} was removed by {kept.by} but its translation was "
                f"edited by {kept.ours_by}; the edit is kept: re-add the sentence to the "
                "statement, or keep it removed (Sync page)"
            )
        else:
            message = (
                f"{quote_source(unit.source)}: {kept.ours_by} translated it "
                f"{quote_target(unit.target)}, {kept.by} translated it "
                f"{quote_target(kept.text)}; choose one (editor, filter: conflicts)"
            )
        details: tuple[tuple[str, str | bool | None], ...] = (
            ("ours_author", kept.ours_by),
            ("ours_date", kept.ours_date),
            ("theirs", None if kept.removed else kept.text),
            ("theirs_author", kept.by),
            ("theirs_date", kept.date),
            ("removed", kept.removed),
        )
        found.append(unit.finding("conflict", ERROR, message, details))
    return found
