"""A unit two machines changed differently: a sync kept both versions, someone must choose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.checks.base import source_excerpt, target_excerpt, unit_check
from workbench.checks.findings import ERROR, Finding
from workbench.checks.unit import CheckedUnit
from workbench.messages import N_, Data, Message

if TYPE_CHECKING:
    from workbench.checks.context import Context


@unit_check("conflict", reports="error", drafts=True, obsolete=True)
def conflict(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Units two machines translated differently (a sync kept both)."""
    found = []
    for kept in unit.conflicts:
        if kept.removed:
            message = Message.of(
                N_(
                    '"%(source)s" was removed by %(by)s but its translation was edited by '
                    "%(ours)s; the edit is kept: re-add the sentence to the statement, or keep "
                    "it removed (Sync page)"
                ),
                source=source_excerpt(unit.source),
                by=Data(kept.by),
                ours=Data(kept.ours_by),
            )
        else:
            message = Message.of(
                N_(
                    '"%(source)s": %(ours)s translated it «%(target)s», %(by)s translated it '
                    "«%(theirs)s»; choose one (editor, filter: conflicts)"
                ),
                source=source_excerpt(unit.source),
                ours=Data(kept.ours_by),
                target=target_excerpt(unit.target),
                by=Data(kept.by),
                theirs=target_excerpt(kept.text),
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
