"""The project's translation memory kept in step with its catalogs.

:mod:`workbench.memory.memory` stores and searches entries; this module says which
entries a project has. Every translated unit (translated or reviewed, not
fuzzy, not obsolete) of every catalog in ``locales/<lang>/LC_MESSAGES/`` is an
entry whose origin is the statement id, and every file in ``locales/memory/``
is an imported origin (see :mod:`workbench.memory.tmx`).

Usage::

    refresh(project, "fa")           # cheap: skips catalogs unchanged on disk
    rebuild(project, "fa")           # re-reads every catalog, compares fingerprints
    record_of("arak-councils", entry)  # what one saved entry means to the memory

Pretranslation (:mod:`workbench.memory.pretranslate`) fills empty units
from it. Keeping in step: a save in the web form or by pretranslation updates
the memory at once. Everything else that writes catalogs (``workbench
update``, git, Poedit) is caught by :func:`refresh`, which the web app runs in
the background and the memory verbs run before they read: a catalog whose
file is unchanged since it was last read is not parsed again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.catalogs import pofile
from workbench.catalogs.model import Catalog, Entry
from workbench.errors import WorkbenchError
from workbench.memory.memory import IMPORT_FOLDER, Memory
from workbench.memory.store import Record, file_stamp
from workbench.project import Project

if TYPE_CHECKING:
    from workbench.memory.tmx import TmxUnit

#: Reads one catalog: (language, statement) -> Catalog.
Reader = Callable[[str, str], Catalog]

# Catalogs read are written to the memory together once they hold this many
# entries: few transactions, and memory for no more than this many records.
_WRITE_EVERY = 100_000


@dataclass(frozen=True)
class Refresh:
    """What bringing one language's memory in step did, origin by origin."""

    language: str
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    imports: tuple[str, ...]  # imported files indexed again or dropped
    entries: int
    problems: tuple[str, ...] = ()  # catalogs that could not be read; their entries kept

    def as_dict(self) -> dict:
        return {
            "language": self.language,
            "changed": list(self.changed),
            "unchanged": list(self.unchanged),
            "removed": list(self.removed),
            "imports": list(self.imports),
            "entries": self.entries,
            "problems": list(self.problems),
        }


# -- entries from catalogs -------------------------------------------------


def unit_reference(entry: Entry) -> str:
    """Return where a unit stands, as its ``#:`` references say.

    >>> unit_reference(Entry("Hi", occurrences=(("seeds/a.txt", "3"), ("seeds/a.txt", "9"))))
    'seeds/a.txt:3 seeds/a.txt:9'
    """
    return " ".join(f"{path}:{line}" if line else path for path, line in entry.occurrences)


def record_of(statement: str, entry: Entry) -> Record:
    """Return the memory record of a catalog entry; its target is empty unless translated."""
    return Record(
        source=entry.msgid,
        target=entry.msgstr if entry.translated and not entry.obsolete else "",
        origin=statement,
        context=entry.msgctxt or "",
        unit=unit_reference(entry),
    )


def records_of(statement: str, entries: Iterable[Entry]) -> Iterator[Record]:
    """Yield the records of the translated units among *entries*."""
    for entry in entries:
        if entry.translated and not entry.obsolete:
            yield record_of(statement, entry)


def catalog_files(project: Project, lang: str) -> list[tuple[str, Path]]:
    """Return (statement id, path) of every catalog of *lang* in ``locales/``."""
    folder = project.locales_dir / lang / "LC_MESSAGES"
    if not folder.is_dir():
        return []
    return [(path.stem, path) for path in sorted(folder.glob("*.po")) if path.is_file()]


def _file_reader(project: Project) -> Reader:
    def read(lang: str, statement: str) -> Catalog:
        path = project.catalog_path(lang, statement)
        return pofile.read(path, project.relative(path))

    return read


def _stamp(stat: tuple[int, ...] | os.stat_result | None) -> str | None:
    if stat is None:
        return None
    if isinstance(stat, os.stat_result):
        stat = pofile.stat_key(stat)
    return "stat:" + ":".join(map(str, stat))


# -- keeping the memory in step --------------------------------------------


def refresh(
    project: Project,
    lang: str,
    *,
    memory: Memory | None = None,
    read: Reader | None = None,
    stop: Callable[[], bool] | None = None,
    imports: bool = True,
) -> Refresh:
    """Bring the memory of *lang* in step with the catalogs and imported files.

    A catalog whose file has not changed since its entries were stored is
    not read again; one that cannot be read is reported in ``problems`` and
    its entries are kept. *read* reads a catalog (the web app passes its
    cached store); *stop* is asked between catalogs and ends the work early.
    """
    read = read or _file_reader(project)
    stop = stop or (lambda: False)
    own = memory is None
    mem = Memory.open(project.instance_dir, lang) if own else memory
    assert mem is not None
    problems: list[str] = []
    try:
        stored = mem.files()
        present = set()
        outcome: dict[str, bool] = {}  # statement: changed
        pending: list[tuple[str, list[Record], str | None]] = []
        pending_records = 0

        def write() -> None:
            # Catalogs read are written together: one transaction, the
            # index brought in step once (a fresh checkout writes them all).
            with mem.batch():
                for statement, records, file in pending:
                    # A catalog saved unit by unit (web form, pretranslate) is
                    # read again but holds the same entries: its fingerprint says so.
                    outcome[statement] = mem.replace_origin(statement, records, file=file)
            pending.clear()

        for statement, path in catalog_files(project, lang):
            if stop():
                break
            present.add(statement)
            try:
                stamp = _stamp(os.stat(path))
            except OSError:
                continue  # removed while we looked; the next refresh drops it
            if stored.get(statement) == stamp:
                outcome[statement] = False
                continue
            try:
                catalog = read(lang, statement)
            except WorkbenchError as exc:
                problems.append(str(exc))
                continue
            # Read before writing: parsing inside the transaction would hold
            # the memory's write lock for nothing.
            records = list(records_of(statement, catalog.entries))
            outcome[statement] = False  # in catalog order; written below
            pending.append((statement, records, _stamp(catalog.stat) or stamp))
            pending_records += len(records)
            if pending_records >= _WRITE_EVERY:
                write()
                pending_records = 0
        if pending:
            write()
        changed = [statement for statement, done in outcome.items() if done]
        unchanged = [statement for statement, done in outcome.items() if not done]
        removed = []
        if not stop():
            for origin in stored:
                if origin not in present and not origin.startswith(IMPORT_FOLDER):
                    mem.remove_origin(origin)
                    removed.append(origin)
        synced = _sync_imports(project, lang, mem, stored) if imports and not stop() else []
        return Refresh(
            lang,
            tuple(changed),
            tuple(unchanged),
            tuple(removed),
            tuple(synced),
            len(mem),
            tuple(problems),
        )
    finally:
        if own:
            mem.close()


def rebuild(project: Project, lang: str, *, memory: Memory | None = None) -> Refresh:
    """Re-read every catalog of *lang* and store what changed, by fingerprint.

    Unlike :func:`refresh` it trusts no file date: each catalog is parsed and
    its entries compared with the stored ones. Every catalog is read before
    anything is written, so a catalog that cannot be read stops the rebuild
    with its error and changes nothing.
    """
    read = _file_reader(project)
    records: list[Record] = []
    for statement, _path in catalog_files(project, lang):
        records.extend(records_of(statement, read(lang, statement).entries))
    own = memory is None
    mem = Memory.open(project.instance_dir, lang) if own else memory
    assert mem is not None
    try:
        done = mem.rebuild(records)
        synced = _sync_imports(project, lang, mem, mem.files())
        return Refresh(lang, done.changed, done.unchanged, done.removed, tuple(synced), len(mem))
    finally:
        if own:
            mem.close()


def _sync_imports(
    project: Project, lang: str, mem: Memory, stored: dict[str, str | None]
) -> list[str]:
    folder = project.root / IMPORT_FOLDER
    found = {f"{IMPORT_FOLDER}{p.name}": p for p in folder.glob("*.tmx")} if folder.is_dir() else {}
    imported = {origin: file for origin, file in stored.items() if origin.startswith(IMPORT_FOLDER)}
    if found.keys() == imported.keys() and all(
        (imported[origin] or "").startswith(f"{file_stamp(path)} ")
        for origin, path in found.items()
    ):
        return []  # every file as it was when it was read
    # Reading TMX is needed only when a file changed: imported here, for start-up time.
    from workbench.memory import tmx

    return tmx.sync_imports(project.root, project.source_language, lang, memory=mem)


def export_units(project: Project, lang: str, *, imports: bool = False) -> Iterator[TmxUnit]:
    """Yield the units of *lang*'s translated units, each (source, translation) pair once.

    With *imports*, the units of the imported files follow, as they came
    (inline codes, languages, props and notes).
    """
    # TMX is read and written only here and when a file changed: for start-up time.
    from workbench.memory import tmx

    read = _file_reader(project)
    seen: set[tuple[str, str]] = set()
    for statement, _path in catalog_files(project, lang):
        for record in records_of(statement, read(lang, statement).entries):
            pair = (record.source, record.target)
            if pair not in seen:
                seen.add(pair)
                yield tmx.TmxUnit(*pair)
    if imports:
        folder = project.root / IMPORT_FOLDER
        for path in sorted(folder.glob("*.tmx")) if folder.is_dir() else ():
            reader = tmx.Reader(
                path,
                project.source_language,
                lang,
                name=project.relative(path),
                require_pair=False,
            )
            for unit in reader.tmx_units():
                if unit.pair not in seen:
                    yield unit
