"""Findings: one place where a check fails, as data.

Every check (glossary, placeholders, numbers, ...) returns a list of
:class:`Finding`; the command line prints them as text or JSON, the web form
shows them next to the unit. Severity is data, as in translate-toolkit's
filters: ``error`` fails ``workbench check``, ``warning`` and ``info`` do not.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"
#: Severities, gravest first.
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
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

    def __post_init__(self) -> None:
        # A wrong severity is a bug in a check, not a user's mistake.
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    def as_dict(self) -> dict[str, object]:
        """Return the finding as the JSON object scripts read.

        >>> Finding("glossary", "error", "fa", "s", "a", "b", "m").as_dict()["severity"]
        'error'
        """
        return {
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
