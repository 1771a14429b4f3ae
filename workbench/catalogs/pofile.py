"""polib boundary: PO and POT files read, validated, written.

The rest of the workbench sees a catalog as a list of frozen
:class:`~workbench.catalogs.model.Entry` records. This module is the only one
that imports polib, and it handles the library's quirks once:

- polib accepts some broken files silently (an unterminated string loses an
  entry without a word), so every file is first checked line by line
  (:func:`workbench.catalogs.po_syntax.validate`) and a defect is reported with its
  line number;
- polib's ``save()`` is not atomic and rewraps at 78 columns, so files are
  serialised here in GNU ``msgcat --no-wrap`` form (one line per string, split
  only after embedded newlines; references wrapped at 79 columns as GNU does;
  the lines are spelled by :mod:`workbench.catalogs.po_syntax`) and written with
  :func:`workbench.util.files.atomic_write`.

Reviews and dismissals are translator comments (see
:mod:`workbench.catalogs.model`); this module reads them into the entry's
fields and writes them back.
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import polib

from workbench.catalogs import po_syntax
from workbench.catalogs.model import REVIEWED, Catalog, Entry, revision_of
from workbench.catalogs.po_syntax import escape, field_lines, reference_lines
from workbench.errors import CatalogError
from workbench.util import files

_REVIEW = re.compile(r"reviewed-by: (?P<name>.*?) \((?P<rev>[0-9a-f]{12})\)\Z")
_DISMISS = re.compile(r"dismissed (?P<check>[a-z][a-z0-9_-]*): ?(?P<reason>.*)\Z")

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
        data, stat = read_stable(path, name)
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


#: How often a read is tried again while another program writes the file.
STABLE_TRIES = 5


def read_stable(path: Path, name: str) -> tuple[bytes, os.stat_result]:
    """Return the bytes of *path* and its status, from one unchanging version of the file.

    A program that writes the file in place (nano truncates it, then writes
    4 KiB pieces) may change it while it is read: the file must have the same
    size, mtime, ctime and inode before and after the read, and the read
    must have got all of it; otherwise it is read again, a few times, and
    then a CatalogError says so. (A read that falls wholly between two of
    those pieces looks whole; the store's check against the template
    catches that one.)
    """
    for attempt in range(STABLE_TRIES):
        with open(path, "rb") as fh:
            before = os.fstat(fh.fileno())
            data = fh.read()
            after = os.fstat(fh.fileno())
        if stat_key(before) == stat_key(after) and len(data) == after.st_size:
            return data, after
        time.sleep(0.005 * 2**attempt)
    raise CatalogError(
        "changed while it was read: another program is writing it; "
        "wait until it has finished and try again",
        path=name,
    )


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
    before_replace: Callable[[os.stat_result], None] | None = None,
) -> tuple[Catalog, bool]:
    """Read *path* (None if missing), apply *change*, write the result; all under one lock.

    Returns the new catalog and whether the file changed. Holding the lock
    from the read to the write means no other writer's save falls in between.
    *before_replace* is called just before the new file takes the old one's
    place (to keep the old version, say).
    """
    path = Path(path)
    with files.locked(path, lock_dir):
        old = read(path, name) if path.exists() else None
        new = change(old)
        return new, write_unlocked(new, path, before_replace=before_replace)
