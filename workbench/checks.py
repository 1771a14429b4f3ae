"""Quality checks: a registry of functions that return findings.

A *unit check* looks at one unit (its source, translation and status) and
returns :class:`~workbench.findings.Finding` records; a *project check* looks
at every unit of a language at once (the same source translated two ways,
say). A check's first docstring line is its title in the interface.
A finding dismissed on a unit (a translator comment in the catalog) is not
reported again for that unit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import catalog as cat
from .catalog import Entry
from .findings import ERROR, SEVERITIES, Finding
from .glossary import Glossary
from .project import Project


@dataclass(frozen=True)
class Unit:
    """One unit as the checks see it."""

    statement: str
    language: str
    source: str
    target: str
    status: str
    msgctxt: str | None = None
    line: int | None = None
    dismissed: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, statement: str, language: str, entry: Entry, line: int | None = None) -> Unit:
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
        )

    def finding(self, check: str, severity: str, message: str) -> Finding:
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


@dataclass
class Context:
    """What checks need beyond the unit: the project, glossary and matcher."""

    project: Project
    language: str
    glossary: Glossary
    source_matcher: object


UnitCheck = Callable[[Context, Unit], list[Finding]]
ProjectCheck = Callable[[Context, list[Unit]], list[Finding]]


@dataclass(frozen=True)
class Check:
    name: str
    function: Callable
    scope: str  # "unit" or "project"
    editor: bool = True  # shown beside the unit in the editor

    @property
    def title(self) -> str:
        doc = (self.function.__doc__ or self.name).strip()
        return doc.splitlines()[0]


REGISTRY: dict[str, Check] = {}


def unit_check(name: str, editor: bool = True) -> Callable[[UnitCheck], UnitCheck]:
    """Register a unit check under *name*."""

    def register(function: UnitCheck) -> UnitCheck:
        REGISTRY[name] = Check(name, function, "unit", editor)
        return function

    return register


def project_check(name: str) -> Callable[[ProjectCheck], ProjectCheck]:
    """Register a project check under *name*."""

    def register(function: ProjectCheck) -> ProjectCheck:
        REGISTRY[name] = Check(name, function, "project", editor=False)
        return function

    return register


@unit_check("glossary")
def glossary_check(ctx: Context, unit: Unit) -> list[Finding]:
    """Glossary terms rendered as the glossary says."""
    if unit.status not in (cat.TRANSLATED, cat.REVIEWED, cat.FUZZY) or not unit.target:
        return []
    from .termmatch import glossary_findings

    return glossary_findings(
        unit.source,
        unit.target,
        unit.language,
        ctx.source_matcher,
        ctx.glossary,
        statement=unit.statement,
        msgctxt=unit.msgctxt,
        line=unit.line,
    )


def _dismissed(unit: Unit, findings: Iterable[Finding]) -> list[Finding]:
    gone = {check for check, _reason in unit.dismissed}
    return [f for f in findings if f.check not in gone]


@dataclass
class Checker:
    """The checks of one target language, ready to run."""

    context: Context
    only: tuple[str, ...] | None = None
    _checks: list[Check] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self._checks = [c for name, c in REGISTRY.items() if self.only is None or name in self.only]

    def unit_findings(
        self, statement: str, entry: Entry, line: int | None = None, editor: bool = True
    ) -> list[Finding]:
        """Return the findings of the unit checks on one entry."""
        unit = Unit.of(statement, self.context.language, entry, line)
        found: list[Finding] = []
        for check in self._checks:
            if check.scope == "unit" and (check.editor or not editor):
                found += check.function(self.context, unit)
        return _dismissed(unit, found)

    def run(self, units: list[Unit]) -> list[Finding]:
        """Return every finding of every check over *units*."""
        found: list[Finding] = []
        for check in self._checks:
            if check.scope == "unit":
                for unit in units:
                    found += _dismissed(unit, check.function(self.context, unit))
            else:
                by_key = {(u.statement, u.msgctxt, u.source): u for u in units}
                for finding in check.function(self.context, units):
                    unit = by_key.get((finding.statement, finding.msgctxt, finding.source))
                    found += _dismissed(unit, [finding]) if unit else [finding]
        return found


def severity_at_least(findings: Iterable[Finding], level: str) -> list[Finding]:
    """Return the findings as grave as *level* or graver."""
    rank = SEVERITIES.index(level)
    return [f for f in findings if SEVERITIES.index(f.severity) <= rank]


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
