"""The catalog model: entries, their statuses and revisions, and edits applied to them.

A catalog is a list of frozen :class:`Entry` records in file order, with its
header (:class:`Catalog`). :mod:`workbench.catalogs.pofile` reads and writes
them as PO files.

Statuses: gettext knows translated and fuzzy. *Reviewed* is kept as a
translator comment ``# reviewed-by: NAME (REV)`` whose REV is the revision of
the translation that was reviewed, so an edit in another tool silently
drops the review instead of vouching for text nobody reviewed. A dismissed
check finding is a translator comment ``# dismissed CHECK: REASON``. Both
survive msgmerge, msgcat, Poedit and Weblate, which keep translator comments.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import CatalogError, ConflictError

UNTRANSLATED = "untranslated"
FUZZY = "fuzzy"
TRANSLATED = "translated"
REVIEWED = "reviewed"
STATUSES = (UNTRANSLATED, FUZZY, TRANSLATED, REVIEWED)

#: msgctxt of an alternative translation for the n-th occurrence of a source.
OCCURRENCE_CONTEXT = "occurrence {n}"


def now_stamp() -> str:
    """Return the current time as a PO header date (``2026-11-22 14:05+0000``)."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def revision_of(msgstr: str, status: str) -> str:
    """Return a short fingerprint of a unit's translation and status.

    A save names the revision it was edited from; a different current
    revision means someone else changed the unit meanwhile.
    """
    digest = hashlib.blake2b(f"{status}\0{msgstr}".encode(), digest_size=6)
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One catalog entry: a unit of a statement and its translation."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    fuzzy: bool = False
    reviewer: str | None = None
    occurrences: tuple[tuple[str, str], ...] = ()
    comment: str = ""  # extracted comment (#.): the unit's kind
    notes: tuple[str, ...] = ()  # translator comments other than reviews and dismissals
    dismissed: tuple[tuple[str, str], ...] = ()  # (check, reason)
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None
    obsolete: bool = False
    flags: tuple[str, ...] = ()  # flags other than fuzzy, kept as found

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and not self.fuzzy

    @property
    def status(self) -> str:
        if not self.msgstr:
            return UNTRANSLATED
        if self.fuzzy:
            return FUZZY
        return REVIEWED if self.reviewer is not None else TRANSLATED

    @property
    def revision(self) -> str:
        return revision_of(self.msgstr, self.status)

    @property
    def lines(self) -> tuple[int, ...]:
        """Line numbers of the unit's occurrences in its statement."""
        return tuple(int(line) for _, line in self.occurrences if line.isdigit())

    def with_translation(self, msgstr: str, status: str, user: str | None = None) -> Entry:
        """Return this entry with *msgstr* in *status* (reviewed records *user*)."""
        if status not in STATUSES:
            raise CatalogError(f'unknown status "{status}"; use one of {", ".join(STATUSES)}')
        if not msgstr:
            status = UNTRANSLATED
        elif status == UNTRANSLATED:
            status = FUZZY
        reviewer = (user or "anonymous") if status == REVIEWED else None
        return replace(
            self,
            msgstr=msgstr,
            fuzzy=status == FUZZY,
            reviewer=reviewer,
            previous_msgid=self.previous_msgid if status == FUZZY else None,
            previous_msgctxt=self.previous_msgctxt if status == FUZZY else None,
        )


@dataclass
class Catalog:
    """A PO (or POT) file's header and entries, in file order."""

    header: dict[str, str]
    entries: list[Entry]
    path: Path | None = None
    header_notes: tuple[str, ...] = ()
    header_fuzzy: bool = False
    stat: tuple[int, int, int, int] | None = field(default=None, compare=False)

    @property
    def language(self) -> str:
        return self.header.get("Language", "")

    def active(self) -> list[Entry]:
        """Return the entries that are not obsolete."""
        return [e for e in self.entries if not e.obsolete]

    def find(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        """Return the active entry for *msgid* and *msgctxt*, if any."""
        for entry in self.entries:
            if entry.msgid == msgid and entry.msgctxt == msgctxt and not entry.obsolete:
                return entry
        return None

    def index(self) -> dict[tuple[str | None, str], int]:
        """Map each active entry's key to its position."""
        return {e.key: i for i, e in enumerate(self.entries) if not e.obsolete}


@dataclass(frozen=True)
class Edit:
    """A translator's edit of one unit, based on the revision they saw."""

    msgid: str
    msgstr: str
    status: str
    msgctxt: str | None = None
    base_revision: str | None = None  # None: no conflict check (command line)
    user: str | None = None


def apply_edits(
    catalog: Catalog, edits: Iterable[Edit], translator: str | None = None
) -> list[Entry | ConflictError]:
    """Apply *edits* in order; return the new entry or the conflict for each.

    An edit whose base revision is not the entry's current revision is
    refused with a :class:`ConflictError`; the others are applied, and the
    header's PO-Revision-Date and Last-Translator are updated once.
    """
    position = catalog.index()
    results: list[Entry | ConflictError] = []
    changed = False
    last_user = None
    for change in edits:
        at = position.get((change.msgctxt, change.msgid))
        if at is None:
            results.append(
                ConflictError(
                    f"the unit {change.msgid[:60]!r} is no longer in this statement "
                    "(the source changed); reload the page",
                    path=str(catalog.path) if catalog.path else None,
                )
            )
            continue
        current = catalog.entries[at]
        if change.base_revision is not None and change.base_revision != current.revision:
            results.append(
                ConflictError(
                    "someone saved this unit after you opened it; compare both versions and "
                    "save again",
                    path=str(catalog.path) if catalog.path else None,
                )
            )
            continue
        new = current.with_translation(change.msgstr, change.status, change.user)
        if new != current:
            catalog.entries[at] = new
            changed = True
            last_user = change.user or translator
        results.append(new)
    if changed:
        catalog.header["PO-Revision-Date"] = now_stamp()
        if last_user:
            catalog.header["Last-Translator"] = last_user
    return results
