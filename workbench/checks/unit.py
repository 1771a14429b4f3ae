"""The unit as the checks see it: source, translation, status and place."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from workbench.catalogs import conflict as cf
from workbench.catalogs import model as cat
from workbench.catalogs.model import Entry
from workbench.checks.findings import Finding
from workbench.messages import Message

#: Statuses whose translation counts as done.
DONE = (cat.TRANSLATED, cat.REVIEWED)


@dataclass(frozen=True, init=False)
class CheckedUnit:
    """One unit as the checks see it."""

    statement: str
    language: str
    source: str
    target: str
    status: str
    msgctxt: str | None = None
    line: int | None = None
    dismissed: tuple[tuple[str, str], ...] = ()
    kind: str = ""  # heading, item, line or sentence, as the catalog's #. comment says
    previous: str | None = None  # a fuzzy unit's old source (#| msgid)
    conflicts: tuple[cf.Conflict, ...] = ()  # other machines' versions a sync kept
    obsolete: bool = False  # no longer in the statement (only conflicts are checked then)
    form: int | None = None  # which plural form (msgstr[N]) this is, for a plural entry
    #: Its place among the units of its catalog (the order of the source), if known.
    position: int | None = field(default=None, compare=False)
    #: The source and the translation with each run of whitespace as one space, trimmed.
    collapsed_source: str = field(init=False, compare=False, repr=False)
    collapsed_target: str = field(init=False, compare=False, repr=False)
    #: What identifies the unit in the project: statement, msgctxt, source.
    place: tuple[str, str | None, str] = field(init=False, compare=False, repr=False)

    def __init__(
        self,
        statement: str,
        language: str,
        source: str,
        target: str,
        status: str,
        msgctxt: str | None = None,
        line: int | None = None,
        dismissed: tuple[tuple[str, str], ...] = (),
        kind: str = "",
        previous: str | None = None,
        conflicts: tuple[cf.Conflict, ...] = (),
        obsolete: bool = False,
        form: int | None = None,
        position: int | None = None,
    ) -> None:
        # A large project has a hundred thousand units: one update of the
        # instance's dict, not fourteen object.__setattr__ calls. Still frozen
        # after. What every run reads of each unit many times is made here once.
        self.__dict__.update(
            collapsed_source=_collapse(source),
            collapsed_target=_collapse(target),
            place=(statement, msgctxt, source),
            statement=statement,
            language=language,
            source=source,
            target=target,
            status=status,
            msgctxt=msgctxt,
            line=line,
            dismissed=dismissed,
            kind=kind,
            previous=previous,
            conflicts=conflicts,
            obsolete=obsolete,
            form=form,
            position=position,
        )

    @classmethod
    def of(
        cls,
        statement: str,
        language: str,
        entry: Entry,
        line: int | None = None,
        position: int | None = None,
    ) -> CheckedUnit:
        """Return the unit of catalog *entry* in *statement* (at *position* in its catalog)."""
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
            entry.comment.strip(),
            entry.previous_msgid if entry.fuzzy else None,
            tuple(cf.conflicts_of(entry)) if entry.notes else (),
            entry.obsolete,
            position=position,
        )

    @classmethod
    def forms_of(
        cls,
        statement: str,
        language: str,
        entry: Entry,
        line: int | None = None,
        position: int | None = None,
    ) -> list[CheckedUnit]:
        """Return the units the checks run on: one per plural form of a plural entry.

        Form 0 is checked against the msgid, the others against msgid_plural;
        an empty form is untranslated even when the others are done.
        """
        unit = cls.of(statement, language, entry, line, position)
        if entry.msgid_plural is None:
            return [unit]
        done = entry.status if entry.status != cat.UNTRANSLATED else cat.TRANSLATED
        return [
            replace(
                unit,
                source=entry.msgid if n == 0 else entry.msgid_plural,
                target=text,
                status=done if text else cat.UNTRANSLATED,
                form=n,
            )
            for n, text in enumerate(entry.msgstr_plural)
        ]

    @property
    def where(self) -> str:
        """Return ``statement:line`` (or the statement alone)."""
        return f"{self.statement}:{self.line}" if self.line is not None else self.statement

    def finding(
        self,
        check: str,
        severity: str,
        message: Message,
        details: tuple[tuple[str, str | bool | None], ...] = (),
    ) -> Finding:
        """Return a finding of *check* on this unit."""
        return Finding.said(
            check,
            severity,
            self.language,
            self.statement,
            self.source,
            self.target,
            message,
            self.msgctxt,
            self.line,
            form=self.form,
            details=details,
            position=self.position,
        )


def _collapse(text: str) -> str:
    """Return *text* with each run of whitespace as one space, trimmed."""
    collapsed = " ".join(text.split())
    # The text itself when nothing changed: one string, not two, in memory and in the cache.
    return text if collapsed == text else collapsed
