"""What the last check run of a language found, kept so that the next run redoes only what changed.

``workbench check`` over a large project spends its time reading catalogs
and checking units that did not change since the last run. This cache keeps,
per language and per catalog, the catalog's units and the findings of the
checks that look at a unit alone, under the catalog file's stat key; and the
findings of the checks that compare a unit with the project, under the keys
of every catalog of the language. A catalog whose file changed is read and
checked again; when any catalog changed, the project-wide checks run again
over every unit.

Everything in it is derived and per-install (``instance/cache/``): delete
it and the next run rebuilds it. It is invalid as a whole when the glossary,
the project's settings or the workbench's own code changed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from workbench.catalogs import pofile
from workbench.checks.findings import CheckRun, Finding, as_rows, from_rows, sort_findings
from workbench.checks.unit import CheckedUnit
from workbench.project import Project
from workbench.util import derived

FORMAT = 6

StatKey = tuple[int, ...]
#: Findings reported, and findings dismissed on their unit.
Split = tuple[list[Finding], list[Finding]]


class CatalogPart:
    """One catalog's units and the findings of the checks that look at a unit alone."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("stat", "units", "plain", "tables")

    def __init__(
        self, stat: StatKey, units: list[CheckedUnit], plain: Split, tables: list[CheckedUnit]
    ) -> None:
        self.stat = stat
        #: The units the checks look at (one per plural form, removed units in conflict).
        self.units = units
        self.plain = plain
        #: The units the project tables index: one per active entry.
        self.tables = tables

    def __reduce__(self) -> tuple:
        # Pickled with its findings as rows (see as_rows): a quarter of the time.
        found, gone = self.plain
        return (_part, (self.stat, self.units, as_rows(found), as_rows(gone), self.tables))


def _part(
    stat: StatKey, units: list[CheckedUnit], found: list, gone: list, tables: list[CheckedUnit]
) -> CatalogPart:
    return CatalogPart(stat, units, (from_rows(found), from_rows(gone)), tables)


class LanguageCache:
    """The last full check run of one language."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("key", "checks", "catalogs", "tables_from", "project_wide")

    def __init__(
        self,
        key: tuple,
        checks: tuple[str, ...] = (),
        catalogs: dict[str, CatalogPart] | None = None,
        tables_from: dict[str, StatKey] | None = None,
        project_wide: dict[str, Split] | None = None,
    ) -> None:
        self.key = key
        #: The checks in the order their findings are sorted.
        self.checks = checks
        self.catalogs: dict[str, CatalogPart] = {} if catalogs is None else catalogs
        #: The stat key of every catalog the project-wide findings were computed from.
        self.tables_from: dict[str, StatKey] = {} if tables_from is None else tables_from
        #: Project-wide findings, by statement.
        self.project_wide: dict[str, Split] = {} if project_wide is None else project_wide

    def __reduce__(self) -> tuple:
        # As CatalogPart: the findings pickled as rows.
        wide = {
            name: (as_rows(found), as_rows(gone))
            for name, (found, gone) in self.project_wide.items()
        }
        return (_language_cache, (self.key, self.checks, self.catalogs, self.tables_from, wide))


def _language_cache(
    key: tuple,
    checks: tuple[str, ...],
    catalogs: dict[str, CatalogPart],
    tables_from: dict[str, StatKey],
    wide: dict[str, tuple[list, list]],
) -> LanguageCache:
    project_wide = {
        name: (from_rows(found), from_rows(gone)) for name, (found, gone) in wide.items()
    }
    return LanguageCache(key, checks, catalogs, tables_from, project_wide)


def path_for(project: Project, language: str) -> Path:
    return project.instance_dir / "cache" / f"checks-{language}.pickle"


def validity_key(project: Project, language: str) -> tuple:
    """Return what, if changed, makes every cached finding of *language* stale.

    The glossary counts by every file of its folder, so that this module
    needs to know nothing of the glossary's own files.
    """
    folder = project.glossary_dir
    glossary = ()
    if folder.is_dir():
        glossary = tuple(
            (path.name, stat_of(path)) for path in sorted(folder.iterdir()) if path.is_file()
        )
    return (FORMAT, derived.code_key(), project.source_language, language, glossary)


# The last cache read, with its file's status: ``workbench check`` reads it
# to answer an unchanged project, then, when a catalog changed, again to
# check that one (a second unpickling, 2 ms of the run). One slot, so a
# long-lived process holds no more than one language's run. Callers only
# read what load returns.
_last: tuple[Path, StatKey, LanguageCache] | None = None


def load(project: Project, language: str, key: tuple) -> LanguageCache:
    """Return the cached run of *language*, or an empty one if none is valid."""
    global _last
    path = path_for(project, language)
    # Taken before the read: a file replaced meanwhile is read again next time.
    status = stat_of(path)
    if _last is not None and _last[:2] == (path, status) and _last[2].key == key:
        return _last[2]
    cached = derived.read(path, key)
    if not isinstance(cached, LanguageCache) or cached.key != key:
        return LanguageCache(key)
    if status is not None:
        _last = (path, status, cached)
    return cached


def save(project: Project, language: str, cache: LanguageCache) -> None:
    """Write the cache of *language* (atomically, under its lock); a failure only costs time."""
    derived.write(path_for(project, language), cache.key, cache, project.lock_dir)


def stat_of(path: Path) -> StatKey | None:
    """Return the stat key of the file at *path* (None if there is none)."""
    try:
        return pofile.stat_key(os.stat(path))
    except OSError:
        return None


def warm_run(project: Project, languages: Sequence[str], chosen: Sequence[str]) -> CheckRun | None:
    """Return the last run's findings if no catalog, glossary or setting changed since.

    None when anything did: then the checks must run (``check_project`` in
    :mod:`workbench.checks.checker`, which brings the cache up to date).
    Reading the cache costs the stat of each file and no more, so an
    unchanged project is checked without loading the glossary or the checks.
    """
    findings: list[Finding] = []
    dismissed: list[Finding] = []
    units = 0
    order: tuple[str, ...] = ()
    statements = [s.id for s in project.statements()]
    for lang in languages:
        cached = load(project, lang, validity_key(project, lang))
        if set(cached.catalogs) != set(statements) or not cached.project_wide:
            return None
        for name in statements:
            stat = stat_of(project.catalog_path(lang, name))
            if stat is None or stat != cached.catalogs[name].stat:
                return None
            if cached.tables_from.get(name) != stat:
                return None
        for name in chosen:
            part = cached.catalogs[name]
            wide = cached.project_wide.get(name, ([], []))
            units += len(part.units)
            findings += part.plain[0] + wide[0]
            dismissed += part.plain[1] + wide[1]
        order = cached.checks
    return CheckRun(
        sort_findings(findings, order),
        sort_findings(dismissed, order),
        tuple(languages),
        tuple(chosen),
        (),
        units,
    )
