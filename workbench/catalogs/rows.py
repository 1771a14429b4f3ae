"""A statement as the editor shows it: its units in order, with their entries.

The order and the paragraph breaks come from segmenting the source again
(the catalog holds each distinct sentence once); each unit is paired with
its catalog entry. Segmentation is cached per statement file version.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.catalogs.model import OCCURRENCE_CONTEXT, Entry
from workbench.catalogs.update import line_numbers, msgid_of
from workbench.project import Project, Statement, read_statement
from workbench.segment.segmenter import Unit, segment


def unit_key(msgid: str, msgctxt: str | None = None) -> str:
    """Return a short stable key for a catalog entry, safe in URLs and ids.

    >>> unit_key("All power to the councils!")
    '484ea2a0340ae305'
    """
    data = f"{msgctxt or ''}\x04{msgid}".encode()
    return hashlib.blake2b(data, digest_size=8).hexdigest()


@dataclass(frozen=True)
class Row:
    """One unit of the document, in order."""

    number: int  # 1-based position in the document
    unit: Unit
    line: int
    msgid: str
    entry: Entry | None
    first: bool  # False for a repeat of a sentence seen earlier (same entry)
    fallback: Entry | None = None  # the plain entry when *entry* is an alternative
    #: 1-based number among the statement's distinct units, as the catalog counts them:
    #: a repeat has the number of the unit it repeats.
    index: int = 0

    @property
    def key(self) -> str:
        return unit_key(self.msgid, self.entry.msgctxt if self.entry else None)

    @property
    def status(self) -> str:
        return self.entry.status if self.entry is not None else "missing"


@dataclass(frozen=True)
class Source:
    """A statement's text and its units."""

    text: str
    units: tuple[Unit, ...]
    lines: tuple[int, ...]


def make_source(text: str, source_language: str) -> Source:
    """Segment *text* into a :class:`Source`."""
    units = tuple(segment(text, source_language))
    return Source(text, units, tuple(line_numbers(text, (u.start for u in units))))


_cache: dict[str, tuple[tuple[int, int, int, int], Source]] = {}
_lock = threading.Lock()


def source_of(project: Project, statement: Statement) -> Source:
    """Return the statement's text and units, segmented once per file version."""
    st = os.stat(statement.path)
    # ctime too: an edit in place that puts the old mtime back keeps the rest.
    stamp = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
    key = str(statement.path)
    hit = _cache.get(key)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    source = make_source(read_statement(project, statement), project.source_language)
    with _lock:
        _cache[key] = (stamp, source)
    return source


def rows(source: Source, entries: Iterable[Entry]) -> list[Row]:
    """Pair every unit of *source* with its entry among *entries* (a catalog's)."""
    plain: dict[str, Entry] = {}
    alternatives: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        if entry.obsolete:
            continue
        if entry.msgctxt is None:
            plain[entry.msgid] = entry
        else:
            alternatives[(entry.msgctxt, entry.msgid)] = entry
    seen: dict[str, int] = {}
    indexes: dict[str, int] = {}  # the number of each sentence's first unit
    distinct = 0
    out: list[Row] = []
    for number, (unit, line) in enumerate(zip(source.units, source.lines, strict=True), 1):
        msgid = msgid_of(unit.text)
        n = seen[msgid] = seen.get(msgid, 0) + 1
        alt = alternatives.get((OCCURRENCE_CONTEXT.format(n=n), msgid))
        found = alt if alt is not None else plain.get(msgid)
        first = n == 1 or alt is not None
        if first:
            distinct += 1
            indexes.setdefault(msgid, distinct)
        out.append(
            Row(
                number,
                unit,
                line,
                msgid,
                found,
                first=first,
                fallback=plain.get(msgid) if alt is not None else None,
                index=distinct if first else indexes[msgid],
            )
        )
    return out
