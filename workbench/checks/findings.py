"""Findings: one place where a check fails, as data.

Every check (glossary, placeholders, numbers, ...) returns a list of
:class:`Finding`; the command line prints them as text or JSON, the web form
shows them next to the unit. Severity is data, as in translate-toolkit's
filters: ``error`` fails ``workbench check``, ``warning`` and ``info`` do not.

A finding's :attr:`~Finding.message` is English, for the command line and
its JSON; :attr:`~Finding.wording` is the same message as a template and
its parameters (:mod:`workbench.messages`), which the web form renders in
the interface's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from workbench.messages import Message

ERROR = "error"
WARNING = "warning"
INFO = "info"
#: Severities, gravest first.
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True, init=False)
class Finding:
    """One place where a check fails in one unit of one statement."""

    check: str
    severity: str
    language: str
    statement: str
    source: str
    target: str
    message: str
    msgctxt: str | None = None
    line: int | None = None
    form: int | None = None  # the plural form (msgstr[N]) it is about, for a plural entry
    #: More the check says, as (key, value) pairs the JSON carries (a conflict's two versions).
    details: tuple[tuple[str, str | bool | None], ...] = ()
    wording: Message | None = field(default=None, compare=False, repr=False)
    #: The unit's place in its catalog (the order of the source): what orders
    #: the units of one line. Set by the checker; None elsewhere.
    position: int | None = field(default=None, compare=False, repr=False)

    @classmethod
    def said(
        cls,
        check: str,
        severity: str,
        language: str,
        statement: str,
        source: str,
        target: str,
        message: Message,
        msgctxt: str | None = None,
        line: int | None = None,
        form: int | None = None,
        details: tuple[tuple[str, str | bool | None], ...] = (),
        position: int | None = None,
    ) -> Finding:
        """Return a finding whose message is *message*, kept as its template too."""
        return cls(
            check,
            severity,
            language,
            statement,
            source,
            target,
            str(message),
            msgctxt,
            line,
            form,
            details,
            message,
            position,
        )

    def __init__(
        self,
        check: str,
        severity: str,
        language: str,
        statement: str,
        source: str,
        target: str,
        message: str,
        msgctxt: str | None = None,
        line: int | None = None,
        form: int | None = None,
        details: tuple[tuple[str, str | bool | None], ...] = (),
        wording: Message | None = None,
        position: int | None = None,
    ) -> None:
        # A wrong severity is a bug in a check, not a user's mistake.
        if severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {severity!r}")
        # A large project has a hundred thousand findings: one update of the
        # instance's dict, not thirteen object.__setattr__ calls. Still frozen after.
        self.__dict__.update(
            check=check,
            severity=severity,
            language=language,
            statement=statement,
            source=source,
            target=target,
            message=message,
            msgctxt=msgctxt,
            line=line,
            form=form,
            details=details,
            wording=wording,
            position=position,
        )

    def at(
        self, statement: str, msgctxt: str | None, line: int | None, position: int | None = None
    ) -> Finding:
        """Return this finding at another unit's place (a repeated text's findings).

        >>> f = Finding("fuzzy", "warning", "fa", "s", "a", "b", "m", None, 3)
        >>> f.at("t", None, 9) == Finding("fuzzy", "warning", "fa", "t", "a", "b", "m", None, 9)
        True
        """
        # A large project repeats texts thousands of times; dataclasses.replace
        # would check the severity and set each field again for every copy.
        moved = object.__new__(Finding)
        moved.__dict__.update(
            self.__dict__, statement=statement, msgctxt=msgctxt, line=line, position=position
        )
        return moved

    def as_dict(self) -> dict[str, object]:
        """Return the finding as the JSON object scripts read.

        >>> Finding("glossary", "error", "fa", "s", "a", "b", "m").as_dict()["severity"]
        'error'
        """
        data: dict[str, object] = {
            "check": self.check,
            "severity": self.severity,
            "language": self.language,
            "statement": self.statement,
            "source": self.source,
            "target": self.target,
            "message": self.message,
            "msgctxt": self.msgctxt,
            "line": self.line,
            "form": self.form,
        }
        data.update(self.details)
        return data


@dataclass(frozen=True)
class CheckRun:
    """The findings of a check run over a project, sorted for reading."""

    findings: list[Finding]
    dismissed: list[Finding]
    languages: tuple[str, ...]
    statements: tuple[str, ...]
    missing: tuple[str, ...]  # catalogs not written yet (relative paths)
    units: int
    #: Catalogs that hold no unit while their template has some: (relative path, how many).
    hollow: tuple[tuple[str, int], ...] = ()


def sort_findings(findings: Iterable[Finding], checks: Iterable[str]) -> list[Finding]:
    """Sort by statement, language, line, unit, then gravest first, in the order of *checks*.

    The units of one line come in the order of the source (their
    :attr:`~Finding.position` in the catalog), or else by their text.
    """
    order = {name: i for i, name in enumerate(checks)}
    last = len(order)
    gravity = {name: i for i, name in enumerate(SEVERITIES)}
    return sorted(
        findings,
        key=lambda f: (
            f.statement,
            f.language,
            f.line or 0,
            -1 if f.position is None else f.position,
            f.msgctxt or "",
            f.source,
            f.form or 0,
            gravity[f.severity],
            order.get(f.check, last),
        ),
    )


def severity_at_least(findings: Iterable[Finding], level: str) -> list[Finding]:
    """Return the findings as grave as *level* or graver.

    >>> draft = Finding("fuzzy", "warning", "fa", "s", "Strike!", "اعتصاب!", "a draft")
    >>> severity_at_least([draft], "error"), severity_at_least([draft], "info") == [draft]
    ([], True)
    """
    rank = SEVERITIES.index(level)
    return [f for f in findings if SEVERITIES.index(f.severity) <= rank]


def has_errors(findings: Iterable[Finding]) -> bool:
    """Tell whether any finding is an error."""
    return any(f.severity == ERROR for f in findings)


def units_with_errors(findings: Iterable[Finding]) -> dict[str, int]:
    """Count, per statement, the units that have an error-level finding.

    A unit counts once, whatever its places, plural forms and findings.

    >>> e = Finding("numbers", "error", "fa", "s", "4 days", "۵ روز", "m", None, 3)
    >>> w = Finding("fuzzy", "warning", "fa", "t", "a", "b", "m")
    >>> units_with_errors([e, e.at("s", None, 9), w])
    {'s': 1}
    """
    units: dict[str, set[tuple[str | None, str]]] = {}
    for f in findings:
        if f.severity == ERROR:
            units.setdefault(f.statement, set()).add((f.msgctxt, f.source))
    return {statement: len(keys) for statement, keys in units.items()}


#: What the check cache keeps of a finding: every field but its template. The
#: command line, the cache's reader, says findings in English, and a template
#: is a tree of small objects: pickling them took most of a large run's cache.
_ROW = (
    "check",
    "severity",
    "language",
    "statement",
    "source",
    "target",
    "message",
    "msgctxt",
    "line",
    "form",
    "details",
    "position",
)
_row = attrgetter(*_ROW)


def as_rows(findings: Iterable[Finding]) -> list[tuple]:
    """Return *findings* as tuples of their fields, their templates left out.

    >>> f = Finding.said("fuzzy", "warning", "fa", "s", "a", "b", Message("a draft"))
    >>> [back] = from_rows(as_rows([f]))
    >>> back == f, back.message, back.wording
    (True, 'a draft', None)
    """
    return list(map(_row, findings))


def from_rows(rows: Iterable[tuple]) -> list[Finding]:
    """Return the findings of :func:`as_rows`, said in English and without templates."""
    new = object.__new__
    found = []
    for row in rows:
        finding = new(Finding)
        finding.__dict__.update(zip(_ROW, row, strict=True), wording=None)
        found.append(finding)
    return found
