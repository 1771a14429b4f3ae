"""Progress figures per statement and language, for `stats` and the dashboard."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from workbench.catalogs import pofile as cat
from workbench.project import Project


def project_stats(project: Project) -> list[dict[str, Any]]:
    """Return one row per statement and target language, in a stable order.

    A statement whose catalog does not exist yet shows as missing rather
    than being left out, so a new statement is visible before `update`.
    """
    rows: list[dict[str, Any]] = []
    for statement in project.statements():
        for lang in project.languages:
            path = project.catalog_path(lang, statement.id)
            row: dict[str, Any] = {"statement": statement.id, "language": lang}
            if path.exists():
                catalog = cat.read(path, project.relative(path))
                row.update(cat.stats(catalog.entries).as_dict())
                row["changed"] = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime(
                    "%Y-%m-%d %H:%M"
                )
                row["revised"] = catalog.header.get("PO-Revision-Date", "")
                row["missing"] = False
            else:
                row.update(
                    {
                        "units": 0,
                        "words": 0,
                        "translated": 0,
                        "reviewed": 0,
                        "fuzzy": 0,
                        "untranslated": 0,
                        "percent": 0.0,
                        "changed": "",
                        "revised": "",
                        "missing": True,
                    }
                )
            rows.append(row)
    return rows
