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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from workbench.errors import CatalogError, ConflictError

try:
    # Start-up time: hashlib loads OpenSSL (2.5 ms), and its blake2b is this
    # built-in one anyway.
    from _blake2 import blake2b
except ImportError:  # a Python built without its own hashes
    from hashlib import blake2b

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


def revision_of(msgstr: str | Sequence[str], status: str) -> str:
    """Return a short fingerprint of a unit's translation and status.

    A save names the revision it was edited from; a different current
    revision means someone else changed the unit meanwhile. A plural
    entry's translation is all its forms (a sequence), so a change to any
    form is a new revision.
    """
    text = msgstr if isinstance(msgstr, str) else "\0".join(msgstr)
    digest = blake2b(f"{status}\0{text}".encode(), digest_size=6)
    return digest.hexdigest()


@dataclass(frozen=True, init=False)
class Entry:
    """One catalog entry: a unit of a statement and its translation.

    A plural entry (``msgid_plural`` set) holds one translation per plural
    form in ``msgstr_plural`` (``msgstr[0]``, ``msgstr[1]``, ...); its
    ``msgstr`` is the first form, so code that reads one text per unit
    sees the singular. It is translated only when every form is filled.
    The previous source (``#|`` lines) is kept on any entry, fuzzy or not,
    as other tools leave it.
    """

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
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()  # every form of a plural entry
    previous_msgid_plural: str | None = None

    def __init__(
        self,
        msgid: str,
        msgstr: str = "",
        msgctxt: str | None = None,
        fuzzy: bool = False,
        reviewer: str | None = None,
        occurrences: tuple[tuple[str, str], ...] = (),
        comment: str = "",
        notes: tuple[str, ...] = (),
        dismissed: tuple[tuple[str, str], ...] = (),
        previous_msgid: str | None = None,
        previous_msgctxt: str | None = None,
        obsolete: bool = False,
        flags: tuple[str, ...] = (),
        msgid_plural: str | None = None,
        msgstr_plural: tuple[str, ...] = (),
        previous_msgid_plural: str | None = None,
    ) -> None:
        # Reading a large project makes a hundred thousand entries: one update
        # of the instance's dict, not sixteen object.__setattr__ calls. Still
        # frozen after.
        self.__dict__.update(
            msgid=msgid,
            msgstr=msgstr_plural[0] if msgstr_plural else msgstr,
            msgctxt=msgctxt,
            fuzzy=fuzzy,
            reviewer=reviewer,
            occurrences=occurrences,
            comment=comment,
            notes=notes,
            dismissed=dismissed,
            previous_msgid=previous_msgid,
            previous_msgctxt=previous_msgctxt,
            obsolete=obsolete,
            flags=flags,
            msgid_plural=msgid_plural,
            msgstr_plural=msgstr_plural,
            previous_msgid_plural=previous_msgid_plural,
        )

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def plural(self) -> bool:
        """Tell whether the entry has plural forms (``msgid_plural``)."""
        return self.msgid_plural is not None

    @property
    def forms(self) -> tuple[str, ...]:
        """The translations: every plural form, or the one msgstr."""
        return self.msgstr_plural if self.msgid_plural is not None else (self.msgstr,)

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.forms) and bool(self.forms)

    @property
    def status(self) -> str:
        forms = self.forms
        if not any(forms):
            return UNTRANSLATED
        if self.fuzzy:
            return FUZZY
        if not all(forms):
            return UNTRANSLATED  # a plural entry with a form still empty
        return REVIEWED if self.reviewer is not None else TRANSLATED

    @property
    def revision(self) -> str:
        return revision_of(self.forms if self.plural else self.msgstr, self.status)

    @property
    def lines(self) -> tuple[int, ...]:
        """Line numbers of the unit's occurrences in its statement."""
        return tuple(int(line) for _, line in self.occurrences if line.isdigit())

    def with_translation(
        self,
        msgstr: str,
        status: str,
        user: str | None = None,
        forms: Sequence[str] | None = None,
    ) -> Entry:
        """Return this entry with *msgstr* (a plural entry: *forms*) in *status*.

        Reviewed records *user*. A plural entry with some forms still empty
        can only be a draft (fuzzy). The previous source (``#|``) goes when
        a draft is marked done, since it was there to show the change.
        """
        if status not in STATUSES:
            raise CatalogError(f'unknown status "{status}"; use one of {", ".join(STATUSES)}')
        texts: tuple[str, ...] = (msgstr,)
        if self.plural:
            texts = tuple(forms) if forms is not None else (msgstr, *self.msgstr_plural[1:])
            if len(texts) != len(self.msgstr_plural):
                raise CatalogError(
                    f"the unit {self.msgid[:60]!r} has {len(self.msgstr_plural)} plural forms, "
                    f"not {len(texts)}; reload the page"
                )
        if not any(texts):
            status = UNTRANSLATED
        elif status == UNTRANSLATED or not all(texts):
            status = FUZZY
        reviewer = (user or "anonymous") if status == REVIEWED else None
        keep_previous = status == FUZZY or not self.fuzzy
        return replace(
            self,
            msgstr=texts[0],
            msgstr_plural=texts if self.plural else (),
            fuzzy=status == FUZZY,
            reviewer=reviewer,
            previous_msgid=self.previous_msgid if keep_previous else None,
            previous_msgctxt=self.previous_msgctxt if keep_previous else None,
            previous_msgid_plural=self.previous_msgid_plural if keep_previous else None,
        )


@dataclass(frozen=True)
class Layout:
    """How a catalog's file was written, so that a rewrite changes only what changed.

    *width* is the page width its strings are wrapped at, None when they
    are not wrapped (``msgcat --no-wrap``). *blocks* maps each entry as
    read to its lines in the file: an entry still equal to it is written
    back byte for byte. *header* is the header as read (its fields, notes
    and fuzzy flag) with its lines, and *header_lines* each field's line.
    """

    width: int | None = None
    blocks: Mapping[Entry, str] = field(default_factory=dict)
    header: tuple[tuple, str] | None = None
    header_lines: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Catalog:
    """A PO (or POT) file's header and entries, in file order."""

    header: dict[str, str]
    entries: list[Entry]
    path: Path | None = None
    header_notes: tuple[str, ...] = ()
    header_fuzzy: bool = False
    stat: tuple[int, int, int, int] | None = field(default=None, compare=False)
    layout: Layout = field(default_factory=Layout, compare=False)

    @property
    def language(self) -> str:
        return self.header.get("Language", "")

    def copy(self) -> Catalog:
        """Return a copy whose header and entry list can change without touching this one."""
        return replace(self, header=dict(self.header), entries=list(self.entries))

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
    forms: tuple[str, ...] | None = None  # every plural form, for a plural entry


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
        new = current.with_translation(change.msgstr, change.status, change.user, change.forms)
        if new != current:
            catalog.entries[at] = new
            changed = True
            last_user = change.user or translator
        results.append(new)
    if changed:
        mark_revised(catalog, last_user)
    return results


def mark_revised(catalog: Catalog, user: str | None = None) -> None:
    """Stamp *catalog*'s header as changed now, by *user* if named.

    ``PO-Revision-Date`` in gettext's form; ``Last-Translator`` is the bare
    name (no e-mail address is made up), and stays as it was when nobody is
    named. Sync credits a conflict to the header's translator and date
    (:func:`workbench.catalogs.conflict.author_of`).
    """
    catalog.header["PO-Revision-Date"] = now_stamp()
    if user:
        catalog.header["Last-Translator"] = user
