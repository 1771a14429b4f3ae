"""polib boundary: PO and POT files read, validated, written.

The rest of the workbench sees a catalog as a list of frozen :class:`Entry`
records. This module is the only one that imports polib, and it handles the
library's quirks once:

- polib accepts some broken files silently (an unterminated string loses an
  entry without a word), so every file is first checked line by line
  (:func:`workbench.catalogs.po_syntax.validate`) and a defect is reported with its
  line number;
- polib's ``save()`` is not atomic and rewraps at 78 columns, so files are
  serialised here in GNU ``msgcat --no-wrap`` form (one line per string, split
  only after embedded newlines; references wrapped at 79 columns as GNU does;
  the lines are spelled by :mod:`workbench.catalogs.po_syntax`) and written with
  :func:`workbench.util.files.atomic_write`.

Statuses: gettext knows translated and fuzzy. *Reviewed* is kept as a
translator comment ``# reviewed-by: NAME (REV)`` whose REV is the revision of
the translation that was reviewed, so an edit in another tool silently
drops the review instead of vouching for text nobody reviewed. A dismissed
check finding is a translator comment ``# dismissed CHECK: REASON``. Both
survive msgmerge, msgcat, Poedit and Weblate, which keep translator comments.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import polib

from workbench.catalogs import po_syntax
from workbench.catalogs.po_syntax import escape, field_lines, reference_lines
from workbench.errors import CatalogError, ConflictError
from workbench.util import files

UNTRANSLATED = "untranslated"
FUZZY = "fuzzy"
TRANSLATED = "translated"
REVIEWED = "reviewed"
STATUSES = (UNTRANSLATED, FUZZY, TRANSLATED, REVIEWED)

#: msgctxt of an alternative translation for the n-th occurrence of a source.
OCCURRENCE_CONTEXT = "occurrence {n}"

_REVIEW = re.compile(r"reviewed-by: (?P<name>.*?) \((?P<rev>[0-9a-f]{12})\)\Z")
_DISMISS = re.compile(r"dismissed (?P<check>[a-z][a-z0-9_-]*): ?(?P<reason>.*)\Z")
_CHECK_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: Header fields in the order GNU tools write them.
HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
)


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
class Change:
    """A translator's edit of one unit, based on the revision they saw."""

    msgid: str
    msgstr: str
    status: str
    msgctxt: str | None = None
    base_revision: str | None = None  # None: no conflict check (command line)
    user: str | None = None


# -- reading ---------------------------------------------------------------


def parse(text: str, name: str = "<catalog>") -> Catalog:
    """Parse PO text into a :class:`Catalog`, validating it first."""
    po_syntax.validate(text, name)
    try:
        po = _polib_parse(text)
    except (OSError, ValueError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise CatalogError(
            "is not a valid PO file; fix it (or restore it with git) and run again",
            path=name,
            line=int(match.group(1)) if match else None,
        ) from exc
    return _from_polib(po, name, text)


def _polib_parse(text: str) -> polib.POFile:
    # polib splits a string with str.splitlines(), which also breaks lines at
    # U+2028, U+0085, U+001E and friends, characters that may sit unescaped
    # inside a PO string; split at newlines only, as GNU gettext does.
    parser = polib._POFileParser("")
    parser.fhandle = text.split("\n")
    return parser.parse()


def read(path: Path, name: str | None = None) -> Catalog:
    """Read the PO or POT file at *path*."""
    name = name or str(path)
    try:
        with open(path, "rb") as fh:
            stat = os.fstat(fh.fileno())
            data = fh.read()
    except FileNotFoundError as exc:
        raise CatalogError("does not exist; run: workbench update", path=name) from exc
    except OSError as exc:
        raise CatalogError(f"cannot be read ({exc.strerror})", path=name) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError(
            f"is not UTF-8 (byte 0x{data[exc.start]:02X}); convert it with msgconv --to-code=UTF-8",
            path=name,
            line=line,
        ) from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    catalog = parse(text, name)
    catalog.path = Path(path)
    catalog.stat = stat_key(stat)
    return catalog


def read_header(path: Path) -> dict[str, str]:
    """Return the header fields of the PO file at *path*, reading only its first entry."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    block = re.split(r"\n[ \t\r]*\n", text, maxsplit=1)[0]
    try:
        return parse(block, str(path)).header
    except CatalogError:
        return read(path).header


def stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    """Return what identifies one version of a file on disk.

    The ctime is part of it: a file rewritten in place with the same size and
    its old mtime put back (``touch -d``, ``cp -p``), or a ``git checkout``
    that reuses the freed inode, keeps the other three, and no program can
    set the ctime back.
    """
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)


def _msgid_line(lines: list[str], start: int | None) -> int | None:
    """Return the line of the msgid of the entry polib says starts at *start*."""
    if start is None:
        return None
    for at in range(start - 1, len(lines)):
        if lines[at].lstrip().startswith("msgid"):
            return at + 1
    return start


def _from_polib(po: polib.POFile, name: str, text: str) -> Catalog:
    seen: dict[tuple[str | None, str], int | None] = {}
    lines = text.split("\n")
    entries: list[Entry] = []
    for item in po:  # obsolete entries included, in file order
        entry = _entry(item)
        if not entry.obsolete:
            line = _msgid_line(lines, item.linenum)
            if entry.key in seen:
                raise CatalogError(
                    f"the message {entry.msgid[:40]!r} is defined twice (first at line "
                    f"{seen[entry.key]}); merge the two entries and run again",
                    path=name,
                    line=line,
                )
            seen[entry.key] = line
            if entry.key == (None, ""):
                # polib keeps one header and reads another as an entry, which
                # would be written back as a message and the header lost.
                raise CatalogError(
                    'the file has two headers (msgid ""), one here; keep one and run again',
                    path=name,
                    line=line,
                )
        entries.append(entry)
    header_notes = tuple(po.header.split("\n")) if po.header else ()
    return Catalog(
        header=dict(po.metadata),
        entries=entries,
        header_notes=header_notes,
        header_fuzzy="fuzzy" in (po.metadata_is_fuzzy or []),
    )


def _entry(item: polib.POEntry) -> Entry:
    reviewer = None
    review_rev = None
    notes: list[str] = []
    dismissed: list[tuple[str, str]] = []
    for line in item.tcomment.split("\n") if item.tcomment else ():
        if m := _REVIEW.match(line):
            reviewer, review_rev = m.group("name"), m.group("rev")
        elif m := _DISMISS.match(line):
            dismissed.append((m.group("check"), m.group("reason")))
        else:
            notes.append(line)
    fuzzy = "fuzzy" in item.flags
    msgstr = item.msgstr
    if reviewer is not None and (
        fuzzy or not msgstr or review_rev != revision_of(msgstr, REVIEWED)
    ):
        reviewer = None  # the text changed since it was reviewed
    return Entry(
        msgid=item.msgid,
        msgstr=msgstr,
        msgctxt=item.msgctxt,
        fuzzy=fuzzy,
        reviewer=reviewer,
        occurrences=tuple((path, str(line or "")) for path, line in item.occurrences),
        comment=item.comment or "",
        notes=tuple(notes),
        dismissed=tuple(dismissed),
        previous_msgid=item.previous_msgid,
        previous_msgctxt=item.previous_msgctxt,
        obsolete=bool(item.obsolete),
        flags=tuple(f for f in item.flags if f != "fuzzy"),
    )


# -- writing ---------------------------------------------------------------


def _entry_lines(entry: Entry) -> list[str]:
    lines: list[str] = []
    comments = list(entry.notes)
    comments += [f"dismissed {check}: {reason}" for check, reason in entry.dismissed]
    if entry.reviewer is not None and entry.status == REVIEWED:
        comments.append(f"reviewed-by: {entry.reviewer} ({entry.revision})")
    for note in comments:
        lines.append(f"# {note}" if note else "#")
    if not entry.obsolete:
        for piece in entry.comment.split("\n") if entry.comment else ():
            lines.append(f"#. {piece}")
        lines.extend(reference_lines(entry.occurrences))
    flags = (["fuzzy"] if entry.fuzzy else []) + list(entry.flags)
    if flags:
        lines.append("#, " + ", ".join(flags))
    prev = "#~| " if entry.obsolete else "#| "
    if entry.fuzzy and entry.previous_msgctxt is not None:
        lines += field_lines(prev, "msgctxt", entry.previous_msgctxt)
    if entry.fuzzy and entry.previous_msgid is not None:
        lines += field_lines(prev, "msgid", entry.previous_msgid)
    pre = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += field_lines(pre, "msgctxt", entry.msgctxt)
    lines += field_lines(pre, "msgid", entry.msgid)
    lines += field_lines(pre, "msgstr", entry.msgstr)
    return lines


@functools.lru_cache(maxsize=65536)
def _entry_text(entry: Entry) -> str:
    # Entries are frozen: a save changes a few of a catalog's hundreds, so
    # the others are serialised once and reused by every later write.
    return "\n".join(_entry_lines(entry))


def serialise(catalog: Catalog) -> str:
    """Return the catalog as PO text in GNU ``msgcat --no-wrap`` form."""
    lines: list[str] = [f"# {n}" if n else "#" for n in catalog.header_notes]
    if catalog.header_fuzzy:
        lines.append("#, fuzzy")
    lines.append('msgid ""')
    lines.append('msgstr ""')
    ordered = [k for k in HEADER_ORDER if k in catalog.header]
    ordered += [k for k in catalog.header if k not in HEADER_ORDER]
    for key in ordered:
        lines.append(f'"{escape(f"{key}: {catalog.header[key]}")}\\n"')
    chunks = ["\n".join(lines)]
    chunks.extend(_entry_text(entry) for entry in catalog.entries)
    return "\n\n".join(chunks) + "\n"


def write(catalog: Catalog, path: Path | None = None, lock_dir: Path | None = None) -> bool:
    """Write *catalog* atomically under its lock; return False if nothing changed."""
    path = Path(path or catalog.path)  # type: ignore[arg-type]
    text = serialise(catalog)
    with files.locked(path, lock_dir):
        return write_unlocked(catalog, path, text)


def write_unlocked(
    catalog: Catalog,
    path: Path,
    text: str | None = None,
    *,
    compare: bool = True,
    before_replace: Callable[[os.stat_result], None] | None = None,
) -> bool:
    """Write *catalog* atomically; the caller holds the file's lock.

    With *compare*, an unchanged file is left alone (no write, same mtime).
    """
    text = serialise(catalog) if text is None else text
    data = text.encode("utf-8")
    if compare:
        try:
            if path.read_bytes() == data:
                catalog.path = path
                catalog.stat = stat_key(path.stat())
                return False
        except OSError:
            pass
    written = files.atomic_write(path, data, before_replace)
    catalog.path = path
    catalog.stat = stat_key(written)
    return True


def modify(
    path: Path,
    change: Callable[[Catalog | None], Catalog],
    name: str | None = None,
    lock_dir: Path | None = None,
) -> tuple[Catalog, bool]:
    """Read *path* (None if missing), apply *change*, write the result; all under one lock.

    Returns the new catalog and whether the file changed. Holding the lock
    from the read to the write means no other writer's save falls in between.
    """
    path = Path(path)
    with files.locked(path, lock_dir):
        old = read(path, name) if path.exists() else None
        new = change(old)
        return new, write_unlocked(new, path)


# -- editing ---------------------------------------------------------------


def apply_changes(
    catalog: Catalog, changes: Iterable[Change], translator: str | None = None
) -> list[Entry | ConflictError]:
    """Apply *changes* in order; return the new entry or the conflict for each.

    A change whose base revision is not the entry's current revision is
    refused with a :class:`ConflictError`; the others are applied, and the
    header's PO-Revision-Date and Last-Translator are updated once.
    """
    position = catalog.index()
    results: list[Entry | ConflictError] = []
    changed = False
    last_user = None
    for change in changes:
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


def set_dismissal(entry: Entry, check: str, reason: str | None) -> Entry:
    """Return *entry* with the finding of *check* dismissed for *reason* (None clears it)."""
    kept = tuple((c, r) for c, r in entry.dismissed if c != check)
    if reason is not None:
        # Both go into one comment line: a line break or a control character
        # would break the file for every tool that reads it.
        if not _CHECK_NAME.fullmatch(check):
            raise CatalogError(
                f"{check[:40]!r} is not the name of a check (lowercase letters, digits, - "
                "and _); dismiss the finding from the editor, which names its check"
            )
        reason = " ".join(reason.split())
        if bad := _CONTROL.search(reason):
            raise CatalogError(
                f"the reason holds the control character U+{ord(bad.group()):04X}; remove it"
            )
        kept += ((check, reason),)
    return replace(entry, dismissed=kept)


# -- statistics ------------------------------------------------------------


@dataclass(frozen=True)
class Stats:
    """Progress of one catalog."""

    units: int
    words: int
    translated: int
    reviewed: int
    fuzzy: int
    untranslated: int
    translated_words: int

    @property
    def percent(self) -> float:
        return (
            round(100.0 * (self.translated + self.reviewed) / self.units, 1)
            if self.units
            else 100.0
        )

    def as_dict(self) -> dict[str, int | float]:
        return {
            "units": self.units,
            "words": self.words,
            "translated": self.translated + self.reviewed,
            "reviewed": self.reviewed,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "percent": self.percent,
        }


def count_words(text: str) -> int:
    """Count the words of *text* as translators count them (whitespace-separated)."""
    return len(text.split())


def stats(entries: Iterable[Entry]) -> Stats:
    """Return the progress figures of *entries* (obsolete ones ignored)."""
    units = words = translated = reviewed = fuzzy = untranslated = twords = 0
    for entry in entries:
        if entry.obsolete:
            continue
        units += 1
        n = count_words(entry.msgid)
        words += n
        status = entry.status
        if status == TRANSLATED:
            translated += 1
            twords += n
        elif status == REVIEWED:
            reviewed += 1
            twords += n
        elif status == FUZZY:
            fuzzy += 1
        else:
            untranslated += 1
    return Stats(units, words, translated, reviewed, fuzzy, untranslated, twords)
