"""The project's translation memory: kept in step with the catalogs, used to pretranslate.

:mod:`workbench.memory` stores and searches entries; this module says which
entries a project has. Every translated unit (translated or reviewed, not
fuzzy, not obsolete) of every catalog in ``locales/<lang>/LC_MESSAGES/`` is an
entry whose origin is the statement id, and every file in ``locales/memory/``
is an imported origin (see :mod:`workbench.tmx`).

Usage::

    tm.refresh(project, "fa")           # cheap: skips catalogs unchanged on disk
    tm.rebuild(project, "fa")           # re-reads every catalog, compares fingerprints
    result = tm.pretranslate(project, "fa", trust_exact=True)
    for fill in result.filled: ...
    tm.record_of("arak-councils", entry)  # what one saved entry means to the memory

Keeping in step: a save in the web form or by :func:`pretranslate` updates
the memory at once. Everything else that writes catalogs (``workbench
update``, git, Poedit) is caught by :func:`refresh`, which the web app runs in
the background and the memory verbs run before they read: a catalog whose
file is unchanged since it was last read is not parsed again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import catalog as cat
from . import tmx
from .catalog import Catalog, Change, Entry
from .errors import CatalogError, TranslationMemoryError, WorkbenchError
from .history import History
from .memory import IMPORT_FOLDER, Memory, Record
from .project import Project
from .store import Saved

#: The translator name pretranslated units carry unless another is given.
PRETRANSLATE_USER = "pretranslate"

#: Reads one catalog: (language, statement) -> Catalog.
Reader = Callable[[str, str], Catalog]


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
        return cat.read(path, project.relative(path))

    return read


def _stamp(stat: tuple[int, ...] | os.stat_result | None) -> str | None:
    if stat is None:
        return None
    if isinstance(stat, os.stat_result):
        stat = cat.stat_key(stat)
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
    mem = Memory.open(project.instance_dir, lang, warm=False) if own else memory
    assert mem is not None
    changed: list[str] = []
    unchanged: list[str] = []
    problems: list[str] = []
    try:
        stored = mem.files()
        present = set()
        for statement, path in catalog_files(project, lang):
            if stop():
                break
            present.add(statement)
            try:
                stamp = _stamp(os.stat(path))
            except OSError:
                continue  # removed while we looked; the next refresh drops it
            if stored.get(statement) == stamp:
                unchanged.append(statement)
                continue
            try:
                catalog = read(lang, statement)
            except WorkbenchError as exc:
                problems.append(str(exc))
                continue
            # Read before writing: parsing inside the transaction would hold
            # the memory's write lock for nothing.
            records = list(records_of(statement, catalog.entries))
            # A catalog saved unit by unit (web form, pretranslate) is read
            # again but holds the same entries: its fingerprint says so.
            if mem.replace_origin(statement, records, file=_stamp(catalog.stat) or stamp):
                changed.append(statement)
            else:
                unchanged.append(statement)
        removed = []
        if not stop():
            for origin in stored:
                if origin not in present and not origin.startswith(IMPORT_FOLDER):
                    mem.remove_origin(origin)
                    removed.append(origin)
        synced = _sync_imports(project, lang) if imports and not stop() else []
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
    mem = Memory.open(project.instance_dir, lang, warm=False) if own else memory
    assert mem is not None
    try:
        done = mem.rebuild(records)
        synced = _sync_imports(project, lang)
        return Refresh(lang, done.changed, done.unchanged, done.removed, tuple(synced), len(mem))
    finally:
        if own:
            mem.close()


def _sync_imports(project: Project, lang: str) -> list[str]:
    return tmx.sync_imports(project.root, project.source_language, lang)


# -- pretranslation --------------------------------------------------------


@dataclass(frozen=True)
class Fill:
    """One unit filled from the memory (or, in ``skipped``, one that was translated meanwhile)."""

    statement: str
    line: int | None
    msgid: str
    msgctxt: str | None
    target: str
    status: str  # fuzzy, or translated for a trusted exact match
    score: int
    origin: str  # where the match came from
    unit: str  # the match's unit reference

    def as_dict(self) -> dict:
        return {
            "statement": self.statement,
            "line": self.line,
            "source": self.msgid,
            "context": self.msgctxt,
            "target": self.target,
            "status": self.status,
            "score": self.score,
            "origin": self.origin,
            "unit": self.unit,
        }


@dataclass(frozen=True)
class Pretranslation:
    """What :func:`pretranslate` did."""

    language: str
    filled: tuple[Fill, ...]
    skipped: tuple[Fill, ...]  # translated by someone else between lookup and write
    written: tuple[str, ...]  # catalogs written, relative to the project

    def as_dict(self) -> dict:
        return {
            "language": self.language,
            "filled": [f.as_dict() for f in self.filled],
            "skipped": [f.as_dict() for f in self.skipped],
            "written": list(self.written),
        }


def pretranslate(
    project: Project,
    lang: str,
    statements: Sequence[str] | None = None,
    *,
    threshold: int = 100,
    trust_exact: bool = False,
    user: str | None = None,
    memory: Memory | None = None,
) -> Pretranslation:
    """Fill the empty units of *lang* with the best memory match scoring *threshold* or more.

    A fill is fuzzy, unless *trust_exact* and the match is exact (100, the
    very same source and context): then it is translated. Each catalog is
    read, changed and written once under its lock; a unit someone translated
    after it was looked up is left as they saved it. Fills are recorded in
    the history, and translated ones go into the memory at once.
    """
    if not isinstance(threshold, int) or not 1 <= threshold <= 100:
        raise TranslationMemoryError(
            f"the threshold {threshold!r} is not a whole number from 1 to 100"
        )
    user = user or PRETRANSLATE_USER
    if statements is None:
        known = {s.id for s in project.statements()}
        chosen = [s for s, _ in catalog_files(project, lang) if s in known]
    else:
        chosen = [project.statement(s).id for s in statements]
    own = memory is None
    mem = Memory.open(project.instance_dir, lang, warm=False) if own else memory
    assert mem is not None
    history = History(project.instance_dir / "history.sqlite")
    filled: list[Fill] = []
    skipped: list[Fill] = []
    written: list[str] = []
    try:
        refresh(project, lang, memory=mem)
        mem.wait_ready()
        for statement in chosen:
            path = project.catalog_path(lang, statement)
            name = project.relative(path)
            plan = _plan(mem, cat.read(path, name), statement, threshold, trust_exact)
            if not plan:
                continue
            outcome, changed = _fill(project, lang, statement, plan, user)
            if changed:
                written.append(name)
            for item, result in zip(plan, outcome, strict=True):
                (filled if result is not None else skipped).append(item)
            done = [s for s in outcome if s is not None]
            history.record(done)
            trusted = [
                record_of(statement, s.after) for s in done if s.after.status == cat.TRANSLATED
            ]
            if trusted:
                mem.add_many(trusted)
    finally:
        if own:
            mem.close()
    return Pretranslation(lang, tuple(filled), tuple(skipped), tuple(written))


def _fill(
    project: Project, lang: str, statement: str, plan: list[Fill], user: str
) -> tuple[list[Saved | None], bool]:
    """Write *plan* into one catalog under its lock; return what was saved, unit by unit."""
    path = project.catalog_path(lang, statement)
    name = project.relative(path)
    empty = cat.revision_of("", cat.UNTRANSLATED)
    changes = [
        Change(f.msgid, f.target, f.status, f.msgctxt, base_revision=empty, user=user) for f in plan
    ]
    outcome: list[Saved | None] = []

    def apply(current: Catalog | None) -> Catalog:
        if current is None:
            raise CatalogError("does not exist; run: workbench update", path=name)
        before = [current.find(c.msgid, c.msgctxt) for c in changes]
        results = cat.apply_changes(current, changes, translator=user)
        outcome[:] = [
            Saved(lang, statement, user, old, new)
            if isinstance(new, Entry) and old is not None and new != old
            else None  # translated meanwhile, or gone from the statement
            for old, new in zip(before, results, strict=True)
        ]
        return current

    _, changed = cat.modify(path, apply, name, project.lock_dir)
    return outcome, changed


def _plan(
    memory: Memory, catalog: Catalog, statement: str, threshold: int, trust_exact: bool
) -> list[Fill]:
    plan = []
    for entry in catalog.entries:
        if entry.obsolete or entry.msgstr:
            continue
        context = entry.msgctxt or ""
        try:
            found = memory.lookup(
                entry.msgid,
                threshold=threshold,
                limit=1,
                prefer=statement,
                exclude=(statement, context, entry.msgid),
            )
        except TranslationMemoryError:
            continue  # longer than any sentence; nothing would match it usefully
        if not found:
            continue
        match = found[0]
        # An exact match is trusted only in the same context: an alternative
        # translation (msgctxt) exists because that place reads differently.
        trusted = trust_exact and match.score == 100 and match.context == context
        plan.append(
            Fill(
                statement=statement,
                line=entry.lines[0] if entry.lines else None,
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                target=match.target,
                status=cat.TRANSLATED if trusted else cat.FUZZY,
                score=match.score,
                origin=match.origin,
                unit=match.unit,
            )
        )
    return plan


# -- export ----------------------------------------------------------------


def export_units(
    project: Project, lang: str, *, imports: bool = False
) -> Iterator[tuple[str, str]]:
    """Yield the (source, translation) pairs of *lang*'s translated units, each pair once.

    With *imports*, the pairs of the imported files follow.
    """
    read = _file_reader(project)
    seen: set[tuple[str, str]] = set()
    for statement, _path in catalog_files(project, lang):
        for record in records_of(statement, read(lang, statement).entries):
            pair = (record.source, record.target)
            if pair not in seen:
                seen.add(pair)
                yield pair
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
            for pair in reader:
                if pair not in seen:
                    yield pair
