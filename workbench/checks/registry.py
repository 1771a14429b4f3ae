"""The checks, in the order listings and a unit's findings show them.

This list is the one place that says which checks exist. The README's table,
the interface's translatable names (:mod:`workbench.web.i18n`) and
``workbench check --list`` follow it; a test holds them equal.
"""

from __future__ import annotations

from workbench.checks import conflict, content, glossary, project_wide, punctuation, status
from workbench.checks.base import Check

CHECKS: tuple[Check, ...] = (
    status.untranslated,
    status.fuzzy,
    content.unchanged,
    glossary.glossary_check,
    content.numbers,
    content.urls,
    punctuation.punctuation,
    punctuation.brackets,
    punctuation.whitespace,
    project_wide.inconsistent_translation,
    project_wide.inconsistent_source,
    project_wide.length,
    conflict.conflict,
)

#: The checks by name, in order.
REGISTRY: dict[str, Check] = {check.name: check for check in CHECKS}
