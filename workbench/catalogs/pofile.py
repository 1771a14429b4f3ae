"""PO and POT files read and written, each in its own style.

The rest of the workbench sees a catalog as a list of frozen
:class:`~workbench.catalogs.model.Entry` records. This module reads files
(:mod:`workbench.catalogs.po_reader` parses them in one pass, checking every
line) and writes them back so that only what changed changes:

- an entry still equal to the one read is written with its own lines, byte
  for byte; a changed or new one is written in the file's style: wrapped
  at the page width measured when it was read, as ``msgcat --width`` wraps,
  or in GNU ``msgcat --no-wrap`` form when the file was not wrapped (the
  form of every catalog the workbench creates);
- the header keeps its lines and its fields' order; a changed field is
  written in place;
- every write is atomic, under the file's lock
  (:func:`workbench.util.files.atomic_write`).

Reviews and dismissals are translator comments (see
:mod:`workbench.catalogs.model`); the reader reads them into the entry's
fields and this module writes them back.
"""

from __future__ import annotations

import functools
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from workbench.catalogs import po_reader
from workbench.catalogs.model import REVIEWED, Catalog, Entry
from workbench.catalogs.po_syntax import field_lines, reference_lines
from workbench.errors import CatalogError
from workbench.messages import N_, Data, Message
from workbench.util import files

#: Header fields in the order GNU tools write them (for a new catalog's header).
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
    """Parse PO text into a :class:`Catalog`; raise CatalogError at the first defect."""
    return po_reader.parse(text, name)


def read(path: Path, name: str | None = None) -> Catalog:
    """Read the PO or POT file at *path*."""
    name = name or str(path)
    try:
        data, stat = read_stable(path, name)
    except FileNotFoundError as exc:
        raise not_written_yet(name) from exc
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
    if catalog.layout.header is None and Path(path).suffix == ".po":
        _refuse_headerless(catalog, name)
    catalog.path = Path(path)
    catalog.stat = stat_key(stat)
    return catalog


def not_written_yet(name: str) -> CatalogError:
    """Return the error for the catalog *name* that does not exist: update writes it."""
    return CatalogError(
        Message.of(N_("does not exist; run: %(command)s"), command=Data("workbench update")),
        path=name,
    )


def _refuse_headerless(catalog: Catalog, name: str) -> None:
    """Refuse a catalog with no header entry: emptied or damaged, never one the workbench wrote.

    GNU msgfmt accepts an empty file, but every catalog the workbench writes
    has a header (its Language and Plural-Forms), so a catalog without one
    has lost what it held: to count it as a catalog with no units would
    show a statement as done, and a save or an update would write over
    what is left. Its kept versions (``workbench restore``) or git have it.
    """
    if catalog.entries:
        template = N_(
            'has no header entry (msgid ""), so it was damaged (a bad merge, an edit cut '
            "short); restore it (see its kept versions with: %(command)s) or from git; "
            "nothing was written"
        )
    else:
        template = N_(
            "is empty: a crash, a bad merge or a full disk may have emptied it; restore it "
            "(see its kept versions with: %(command)s) or from git; nothing was written"
        )
    raise CatalogError(Message.of(template, command=Data(f"workbench restore {name}")), path=name)


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


# -- writing ---------------------------------------------------------------


def _entry_lines(entry: Entry, width: int | None) -> list[str]:
    lines: list[str] = []
    comments = list(entry.notes)
    comments += [f"dismissed {check}: {reason}" for check, reason in entry.dismissed]
    if entry.reviewer is not None and entry.status == REVIEWED:
        comments.append(f"reviewed-by: {entry.reviewer} ({entry.revision})")
    for note in comments:
        lines.append(f"# {note}" if note else "#")
    for piece in entry.comment.split("\n") if entry.comment else ():
        lines.append(f"#. {piece}" if piece else "#.")
    lines.extend(reference_lines(entry.occurrences, width))
    # As GNU: a message without a (first) translation is not a draft of one.
    flags = (["fuzzy"] if entry.fuzzy and entry.forms[0] else []) + list(entry.flags)
    if flags:
        lines.append("#, " + ", ".join(flags))
    if "no-wrap" in entry.flags:
        width = None
    prev = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += field_lines(prev, "msgctxt", entry.previous_msgctxt, width)
    if entry.previous_msgid is not None:
        lines += field_lines(prev, "msgid", entry.previous_msgid, width)
    if entry.previous_msgid_plural is not None:
        lines += field_lines(prev, "msgid_plural", entry.previous_msgid_plural, width)
    pre = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += field_lines(pre, "msgctxt", entry.msgctxt, width)
    lines += field_lines(pre, "msgid", entry.msgid, width)
    if entry.msgid_plural is None:
        lines += field_lines(pre, "msgstr", entry.msgstr, width)
    else:
        lines += field_lines(pre, "msgid_plural", entry.msgid_plural, width)
        for n, form in enumerate(entry.msgstr_plural):
            lines += field_lines(pre, f"msgstr[{n}]", form, width)
    return lines


@functools.lru_cache(maxsize=65536)
def entry_text(entry: Entry, width: int | None = None) -> str:
    """Return *entry* as PO text, wrapped at *width* (None: not wrapped)."""
    # Entries are frozen: a save changes a few of a catalog's hundreds, so
    # the others are serialised once and reused by every later write.
    return "\n".join(_entry_lines(entry, width))


def _header_text(catalog: Catalog) -> str:
    layout = catalog.layout
    if layout.header is not None:
        state = (tuple(catalog.header.items()), catalog.header_notes, catalog.header_fuzzy)
        if layout.header[0] == state:
            return layout.header[1]
    known = layout.header_lines
    old = dict(layout.header[0][0]) if layout.header is not None else {}
    fields = []
    for key, value in catalog.header.items():
        line = known.get(key)
        if line is None or old.get(key) != value:
            line = f"{key}: {value}"
        fields.append(line + "\n")
    header = Entry(
        msgid="",
        msgstr="".join(fields),
        fuzzy=catalog.header_fuzzy,
        notes=catalog.header_notes,
    )
    return "\n".join(_entry_lines(header, layout.width))


def serialise(catalog: Catalog) -> str:
    """Return the catalog as PO text, in its file's style (see the module's docstring)."""
    layout = catalog.layout
    width = layout.width
    blocks = layout.blocks
    chunks = [_header_text(catalog)]
    for entry in catalog.entries:
        block = blocks.get(entry) if blocks else None
        chunks.append(block if block is not None else entry_text(entry, width))
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
