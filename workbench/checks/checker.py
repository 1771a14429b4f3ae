"""Running the quality checks: over the units of one language, and over a project.

The checks live in one module per family (:mod:`~workbench.checks.status`,
:mod:`~workbench.checks.content`, :mod:`~workbench.checks.glossary`,
:mod:`~workbench.checks.punctuation`, :mod:`~workbench.checks.project_wide`)
and are listed in :mod:`workbench.checks.registry`; this module runs them:
:class:`Checker` over the units of one language, :func:`check_project` over
a project.

A check looks at one unit (its source, translation and status) and returns
:class:`~workbench.checks.findings.Finding` records. A check's first
docstring line is its title in the interface. A finding dismissed on a unit (a translator comment
``# dismissed CHECK: REASON`` in the catalog) is not reported again for that
unit.

Checks that compare a unit with the rest of the project (the same source
translated two ways, the usual length of a translation) are unit checks
that read :class:`Tables`, built once per language from every catalog of
the project; :class:`Checker` keeps them current, so the web editor shows
these findings beside a unit too.

Severities (``workbench check`` exits 1 on any error, so only what must not
be published is an error):

=========================  ========  =============================================
check                      severity  finds
=========================  ========  =============================================
untranslated               info      a unit with no translation yet
fuzzy                      warning   a draft: the translation awaits review
unchanged                  warning   the translation is the source, copied
glossary                   as said   forbidden term: error; kept-as-is term
                                     changed: error; deprecated term, rendering
                                     missing: warning (:mod:`workbench.terms.source`)
numbers                    error     numbers missing, added or changed
urls                       error     a URL or e-mail address missing or changed;
                                     one the source lacks: warning
punctuation                warning   the end punctuation differs; the right mark
                                     in the wrong script (``?`` for ``؟``): info
brackets                   warning   brackets or quotation marks balanced on one
                                     side only
whitespace                 warning   leading, trailing, doubled spaces, line breaks
                                     the source lacks; a stray zero-width
                                     non-joiner: info
inconsistent-translation   warning   one source translated two ways in the project
inconsistent-source        warning   one translation of two sources: a warning
                                     from five words on, info below
length                     warning   a length ratio far from this project's usual
conflict                   error     two machines translated the unit differently
                                     (or one removed it); a sync kept both
=========================  ========  =============================================

A draft (fuzzy) unit's errors are reported as warnings: the build does not
publish a draft, and its ``fuzzy`` finding already asks for a review. Its
source has often just changed, numbers included, so an error there would
fail the gate for the very edit that marked it. A conflict stays an error:
its unit is fuzzy because of it, and someone must choose. Conflicts on
obsolete units (removed on one machine, edited on another) are reported
too; no other check looks at obsolete units.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.conflict import has_conflict
from workbench.catalogs.model import Catalog, Entry
from workbench.checks import cache
from workbench.checks.base import Check
from workbench.checks.context import Context
from workbench.checks.findings import ERROR, WARNING, CheckRun, Finding, sort_findings
from workbench.checks.registry import REGISTRY
from workbench.checks.tables import Tables
from workbench.checks.unit import CheckedUnit
from workbench.errors import CatalogError, WorkbenchError
from workbench.project import Project
from workbench.terms.matcher import matcher_for
from workbench.util import forked

# -- running the checks ---------------------------------------------------------


class Results:
    """What a run found: the findings to report, and those dismissed on their unit."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("findings", "dismissed")

    def __init__(self, findings: list[Finding], dismissed: list[Finding]) -> None:
        self.findings = findings
        self.dismissed = dismissed


# How often the files behind the tables are looked at again even though their
# folder did not change (an editor that rewrites a file in place).
_RESCAN_SECONDS = 2.0
# Units whose findings the checker remembers at most; then it starts afresh.
_MEMO_SIZE = 200_000
# Bytes of catalogs to read and check from which a child process shares the
# work: about 10,000 units, where sharing takes a run of 0.9 s to 0.75 s. Below
# it the saving shrinks toward the cost of the fork and the results sent back.
_SPREAD_FROM = 4_000_000


class Checker:
    """The checks of one target language, ready to run.

    *only* names the checks to run (all by default). *read* returns the
    parsed catalog of (language, statement) for the project tables; a web
    process that keeps catalogs parsed passes its store's ``get`` so a save
    is not parsed twice. By default the file is read.
    """

    def __init__(
        self,
        context: Context,
        only: tuple[str, ...] | None = None,
        read: Callable[[str, str], cat.Catalog] | None = None,
    ) -> None:
        self.context = context
        self.only = only
        self.read = read
        if self.only is not None:
            unknown = [name for name in self.only if name not in REGISTRY]
            if unknown:
                raise WorkbenchError(
                    f'unknown check "{unknown[0]}"; the checks are: {", ".join(REGISTRY)}'
                )
        self._checks = [c for name, c in REGISTRY.items() if self.only is None or name in self.only]
        self._lock = threading.Lock()
        # Each catalog read: its stat key, and its entries and units by id(entry).
        self._files: dict[Path, tuple[tuple[int, ...], dict[int, tuple[Entry, CheckedUnit]]]] = {}
        self._folder_key: int | None = None
        # Findings of the checks that look at a unit alone, by the unit's text
        # and status (see _plain_findings).
        self._memo: dict[tuple, list[Finding]] = {}
        # The checks a unit runs, by the list asked for and whether the unit is obsolete.
        self._runs: dict[tuple[int, bool], tuple[list[Check], list[Check], list[Check]]] = {}
        self._scanned = 0.0
        self._pinned = False

    @property
    def needs_tables(self) -> bool:
        """Tell whether a chosen check compares a unit with the rest of the project."""
        return any(c.tables for c in self._checks)

    # -- the project's tables -------------------------------------------------

    def pin_tables(self, units: Iterable[CheckedUnit]) -> Tables:
        """Build the tables from *units*, every unit of the language, and keep them."""
        self.context.tables = Tables.build(units)
        self._pinned = True
        return self.context.tables

    def tables(self) -> Tables:
        """Return the tables of the language, rebuilt when one of its catalogs changed.

        Looking costs one ``stat`` of the catalogs' folder (an atomic write
        changes it); every few seconds each file is looked at as well. Only
        changed catalogs are read again. A catalog that cannot be read is
        left out (``workbench check`` reports it).
        """
        if self._pinned:
            return self.context.tables
        project = self.context.project
        folder = project.catalog_path(self.context.language, "x").parent
        try:
            folder_key = os.stat(folder).st_mtime_ns
        except OSError:
            folder_key = None
        now = time.monotonic()
        if (
            folder_key == self._folder_key
            and self._scanned
            and now - self._scanned < _RESCAN_SECONDS
        ):
            return self.context.tables
        with self._lock:
            changes: list[tuple[list[CheckedUnit], list[CheckedUnit]]] = []
            seen = set()
            for path in sorted(folder.glob("*.po")) if folder_key is not None else []:
                seen.add(path)
                try:
                    key = pofile.stat_key(os.stat(path))
                except OSError:
                    continue
                cached = self._files.get(path)
                if cached is not None and cached[0] == key:
                    continue
                try:
                    if self.read is not None:
                        catalog = self.read(self.context.language, path.stem)
                    else:
                        catalog = pofile.read(path, project.relative(path))
                    entries = catalog.active()
                except WorkbenchError:
                    entries = []
                gone, added, units = _units_again(
                    path.stem, self.context.language, entries, cached[1] if cached else {}
                )
                changes.append((gone, added))
                self._files[path] = (key, units)
            for removed in set(self._files) - seen:
                changes.append(([u for _e, u in self._files.pop(removed)[1].values()], []))
            changed = sum(len(new) for _old, new in changes)
            if not self._scanned or changed > self.context.tables.units // 4:
                self.context.tables = Tables.build(
                    u for _key, units in self._files.values() for _e, u in units.values()
                )
            else:
                for old, new in changes:
                    self.context.tables = self.context.tables.replaced(old, new)
            self._folder_key = folder_key
            self._scanned = now
        return self.context.tables

    # -- running ----------------------------------------------------------------

    def unit_findings(
        self, statement: str, entry: Entry, line: int | None = None, editor: bool = True
    ) -> list[Finding]:
        """Return the findings of the unit checks on one entry."""
        checks = [c for c in self._checks if c.editor or not editor]
        if any(c.tables for c in checks):
            self.tables()
        found: list[Finding] = []
        for unit in CheckedUnit.forms_of(statement, self.context.language, entry, line):
            found += self._unit(unit, checks)[0]
        return found

    def run(
        self, units: list[CheckedUnit], everything: Iterable[CheckedUnit] | None = None
    ) -> list[Finding]:
        """Return every finding of every check over *units*.

        The project-wide tables come from *everything* (every unit of the
        language), or from *units* themselves, unless :meth:`pin_tables` set them.
        """
        return self.results(units, everything).findings

    def results(
        self, units: list[CheckedUnit], everything: Iterable[CheckedUnit] | None = None
    ) -> Results:
        """Run every check over *units*; return the findings and the dismissed ones."""
        unit_checks = self._checks
        if any(c.tables for c in unit_checks) and (everything is not None or not self._pinned):
            self.context.tables = Tables.build(units if everything is None else everything)
        return Results(*self.split_all(units, unit_checks))

    @property
    def checks(self) -> list[Check]:
        """The checks this checker runs, in registry order."""
        return list(self._checks)

    def split_all(
        self, units: Iterable[CheckedUnit], checks: list[Check]
    ) -> tuple[list[Finding], list[Finding]]:
        """Return the findings of *checks* on *units*: those to report, and those dismissed."""
        found: list[Finding] = []
        dismissed: list[Finding] = []
        for unit in units:
            kept, gone = self._unit(unit, checks)
            found += kept
            dismissed += gone
        return found, dismissed

    def _unit(self, unit: CheckedUnit, checks: list[Check]) -> tuple[list[Finding], list[Finding]]:
        found: list[Finding] = []
        chosen = self._runs.get((id(checks), unit.obsolete))
        if chosen is None or chosen[0] is not checks:
            # An obsolete unit is looked at only by the checks made for it (conflict).
            runs = [c for c in checks if c.obsolete or not unit.obsolete]
            chosen = (checks, [c for c in runs if not c.tables], [c for c in runs if c.tables])
            self._runs[id(checks), unit.obsolete] = chosen
        _, plain, wide = chosen
        if plain:
            found += self._plain_findings(unit, plain)
        for check in wide:
            found += check.function(self.context, unit)
        return _split_dismissed(unit, _as_draft(unit, found))

    def _plain_findings(self, unit: CheckedUnit, checks: list[Check]) -> list[Finding]:
        """Return the findings of the checks that look at the unit alone, memoised.

        They depend on the unit's text, status, kind and previous source, never
        on its place: a source repeated across statements with the same
        translation is checked once, and its findings are moved to each place.
        """
        key = (
            tuple(c.name for c in checks),
            unit.source,
            unit.target,
            unit.status,
            unit.kind,
            unit.previous,
            unit.conflicts,
            unit.obsolete,
        )
        known = self._memo.get(key)
        if known is None:
            known = []
            for check in checks:
                known += check.function(self.context, unit)
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = known
            return list(known)
        place = (unit.statement, unit.msgctxt, unit.line, unit.position)
        return [
            f
            if (f.statement, f.msgctxt, f.line, f.position) == place
            else f.at(unit.statement, unit.msgctxt, unit.line, unit.position)
            for f in known
        ]


def _as_draft(unit: CheckedUnit, findings: list[Finding]) -> list[Finding]:
    if unit.status != cat.FUZZY:
        return findings
    return [
        replace(f, severity=WARNING)
        if f.severity == ERROR and not (f.check in REGISTRY and REGISTRY[f.check].drafts)
        else f
        for f in findings
    ]


def _split_dismissed(
    unit: CheckedUnit, findings: list[Finding]
) -> tuple[list[Finding], list[Finding]]:
    if not unit.dismissed:
        return findings, []
    gone = {check for check, _reason in unit.dismissed}
    return [f for f in findings if f.check not in gone], [f for f in findings if f.check in gone]


def _units_again(
    statement: str,
    language: str,
    entries: list[Entry],
    before: dict[int, tuple[Entry, CheckedUnit]],
) -> tuple[list[CheckedUnit], list[CheckedUnit], dict[int, tuple[Entry, CheckedUnit]]]:
    """Return the units of *before* that are gone, the new ones, and all of *entries* (active).

    *before* maps ``id(entry)`` to the entry (kept alive, so the id stays
    its own) and its unit. A save leaves every other entry of its catalog
    the same object, so only the changed units are made again and go
    through the tables; the others keep their indexed objects. A catalog
    read again from disk has new objects: then equal entries keep their
    units (comparing costs a hash of every entry, so only then).
    """
    missed = sum(1 for e in entries if id(e) not in before)
    equal = {e: u for e, u in before.values()} if missed * 4 > len(entries) else {}
    units: dict[int, tuple[Entry, CheckedUnit]] = {}
    added: list[CheckedUnit] = []
    for entry in entries:
        pair = before.get(id(entry))
        if pair is None:
            unit = equal.get(entry)
            if unit is None:
                unit = CheckedUnit.of(statement, language, entry)
                added.append(unit)
            pair = (entry, unit)
        units[id(entry)] = pair
    kept = {id(u) for _e, u in units.values()}
    gone = [u for _e, u in before.values() if id(u) not in kept]
    return gone, added, units


def _units_and_tables(
    statement: str, language: str, catalog: Catalog
) -> tuple[list[CheckedUnit], list[CheckedUnit]]:
    """Return the units the checks look at in *catalog*, and those the project tables index.

    The first list has one unit per active entry, one per form of a plural
    entry, and the obsolete entries that hold a sync conflict (removed here,
    edited elsewhere); the second is :func:`units_of` the active entries. An
    entry without plural forms is one unit in both: it is made, measured and
    kept in the check cache once.
    """
    units: list[CheckedUnit] = []
    tables: list[CheckedUnit] = []
    active = catalog.active()
    for position, entry in enumerate(active):
        forms = CheckedUnit.forms_of(statement, language, entry, position=position)
        units += forms
        plain = entry.msgid_plural is None
        tables.append(forms[0] if plain else CheckedUnit.of(statement, language, entry))
    units += [
        CheckedUnit.of(statement, language, e, position=len(active) + n)
        for n, e in enumerate(
            e for e in catalog.entries if e.obsolete and e.notes and has_conflict(e)
        )
    ]
    return units, tables


def units_of(statement: str, language: str, entries: Iterable[Entry]) -> list[CheckedUnit]:
    """Return the units of a catalog's active *entries* (a plural entry's first form).

    These fill the project-wide tables; the forms of a plural entry would
    read as one source translated several ways.
    """
    return [CheckedUnit.of(statement, language, e) for e in entries if not e.obsolete]


# -- a whole project ---------------------------------------------------------------


def check_project(
    project: Project,
    languages: Sequence[str] | None = None,
    statements: Sequence[str] | None = None,
    only: Sequence[str] | None = None,
    spread: bool = False,
) -> CheckRun:
    """Run the checks over the catalogs of *languages* (all) for *statements* (all).

    The project-wide checks compare with every statement of the language,
    whichever statements are reported. A catalog that cannot be read raises
    :class:`~workbench.errors.CatalogError` naming the file and line.

    With *spread*, a run over many megabytes of catalogs shares them with a
    child process (:mod:`workbench.util.forked`): for a command, never for a
    server's thread. The findings of a cached or shared catalog carry their
    English message only (no template: see :func:`~workbench.checks.findings.as_rows`).
    """
    # A run makes hundreds of thousands of small objects and no reference
    # cycles; the collector's passes over them would cost a sixth of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_project(project, languages, statements, only, spread)
    finally:
        if collecting:
            gc.enable()


def _check_project(
    project: Project,
    languages: Sequence[str] | None,
    statements: Sequence[str] | None,
    only: Sequence[str] | None,
    spread: bool,
) -> CheckRun:
    langs = tuple(project.require_language(x) for x in (languages or project.languages))
    every = [s.id for s in project.statements()]
    chosen = tuple(project.statement(s).id for s in statements) if statements else tuple(every)
    glossary, matcher = matcher_for(project)
    findings: list[Finding] = []
    dismissed: list[Finding] = []
    missing: list[str] = []
    hollow: list[tuple[str, int]] = []
    count = 0
    for lang in langs:
        checker = Checker(
            Context(project, lang, glossary, matcher), tuple(only) if only is not None else None
        )
        if only is None:
            run = _cached_language(project, checker, every, chosen, bool(statements), spread)
        else:
            run = _language(project, checker, every, chosen, bool(statements))
        count += run.units
        findings += run.findings
        dismissed += run.dismissed
        missing += run.missing
        hollow += run.hollow
    return CheckRun(
        sort_findings(findings, REGISTRY),
        sort_findings(dismissed, REGISTRY),
        langs,
        chosen,
        tuple(missing),
        count,
        tuple(hollow),
    )


class _LanguageRun:
    """What the check of one language found, and the catalogs it missed or found hollow."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("findings", "dismissed", "missing", "units", "hollow")

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.dismissed: list[Finding] = []
        self.missing: list[str] = []
        self.units = 0
        self.hollow: list[tuple[str, int]] = []

    def count(self, project: Project, lang: str, statement: str, units: int) -> None:
        """Count the *units* of a catalog read, noting it if it holds none of its template's."""
        self.units += units
        if units == 0:
            # Rare (a catalog emptied by a bad merge): only then is the template read,
            # and the module that reads it imported (start-up time).
            from workbench.catalogs.stats import template_keys

            expected = len(template_keys(project, statement))
            if expected:
                path = project.relative(project.catalog_path(lang, statement))
                self.hollow.append((path, expected))


def _catalog_path(
    project: Project, lang: str, statement: str, named: bool, wanted: set[str], run: _LanguageRun
) -> Path | None:
    """Return the catalog of *statement*, or None (noted as missing if it was asked for)."""
    path = project.catalog_path(lang, statement)
    if path.exists():
        return path
    if statement in wanted and named:
        raise CatalogError("does not exist; run: workbench update", path=project.relative(path))
    if statement in wanted:
        run.missing.append(project.relative(path))
    return None


def _language(
    project: Project, checker: Checker, every: list[str], chosen: tuple[str, ...], named: bool
) -> _LanguageRun:
    """Run the chosen checks of one language, reading only the catalogs they need."""
    lang = checker.context.language
    run = _LanguageRun()
    everything: list[CheckedUnit] = []
    selected: list[CheckedUnit] = []
    read: dict[str, int] = {}  # units of each chosen catalog read
    wanted = set(chosen)
    for statement in every if checker.needs_tables else chosen:
        path = _catalog_path(project, lang, statement, named, wanted, run)
        if path is None:
            continue
        catalog = pofile.read(path, project.relative(path))
        units, tables = _units_and_tables(statement, lang, catalog)
        everything += tables
        if statement in wanted:
            selected += units
            read[statement] = len(units)
    for statement in chosen:
        if statement in read:
            run.count(project, lang, statement, read[statement])
    if checker.needs_tables:
        checker.pin_tables(everything)
    results = checker.results(selected)
    run.findings, run.dismissed = results.findings, results.dismissed
    return run


def _cached_language(
    project: Project,
    checker: Checker,
    every: list[str],
    chosen: tuple[str, ...],
    named: bool,
    spread: bool,
) -> _LanguageRun:
    """Run every check of one language, redoing only what changed since the last run.

    The findings are those of :func:`_language`: a catalog whose file is
    unchanged keeps its units and the findings of the checks that look at a
    unit alone; the project-wide findings are kept only when no catalog of
    the language changed (see :mod:`workbench.checks.cache`).
    """
    lang = checker.context.language
    key = cache.validity_key(project, lang)
    cached = cache.load(project, lang, key)
    fresh = cache.LanguageCache(key, tuple(REGISTRY))
    run = _LanguageRun()
    wanted = set(chosen)
    plain = [c for c in checker.checks if not c.tables]
    wide = [c for c in checker.checks if c.tables]
    kept: dict[str, cache.CatalogPart | None] = {}
    stale: list[tuple[str, Path, cache.StatKey | None]] = []
    for statement in every:
        path = _catalog_path(project, lang, statement, named, wanted, run)
        if path is None:
            continue
        stat = cache.stat_of(path)
        part = cached.catalogs.get(statement)
        if part is None or part.stat != stat:
            stale.append((statement, path, stat))
            part = None
        kept[statement] = part

    def checked(item: tuple[str, Path, cache.StatKey | None]) -> cache.CatalogPart:
        statement, path, stat = item
        catalog = pofile.read(path, project.relative(path))
        units, tables = _units_and_tables(statement, lang, catalog)
        return cache.CatalogPart(
            catalog.stat or stat or (), units, checker.split_all(units, plain), tables
        )

    if spread:
        # A large run: a child process checks about half of the catalogs.
        sizes = [stat[1] if stat else 0 for _name, _path, stat in stale]
        parts = forked.shared(checked, stale, sizes, _SPREAD_FROM)
    else:
        parts = [checked(item) for item in stale]
    made = {name: part for (name, _path, _stat), part in zip(stale, parts, strict=True)}
    fresh.catalogs = {name: made[name] if part is None else part for name, part in kept.items()}
    fresh.tables_from = {name: part.stat for name, part in fresh.catalogs.items()}
    if wide and fresh.tables_from == cached.tables_from and cached.project_wide:
        fresh.project_wide = cached.project_wide
    elif wide:
        checker.pin_tables(u for part in fresh.catalogs.values() for u in part.tables)
        for name, part in fresh.catalogs.items():
            fresh.project_wide[name] = checker.split_all(part.units, wide)
    for name in chosen:
        part = fresh.catalogs.get(name)
        if part is None:
            continue
        run.count(project, lang, name, len(part.units))
        run.findings += part.plain[0] + fresh.project_wide.get(name, ([], []))[0]
        run.dismissed += part.plain[1] + fresh.project_wide.get(name, ([], []))[1]
    same = fresh.catalogs.keys() == cached.catalogs.keys() and all(
        part is cached.catalogs[name] for name, part in fresh.catalogs.items()
    )
    if not same or fresh.project_wide is not cached.project_wide:
        cache.save(project, lang, fresh)
    return run
