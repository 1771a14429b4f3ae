"""Pretranslation: empty units filled from the memory, as drafts unless an exact match is trusted.

Usage::

    result = pretranslate(project, "fa", trust_exact=True)
    for fill in result.filled: ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.catalogs import backups, pofile
from workbench.catalogs import model as cat
from workbench.catalogs.history import History
from workbench.catalogs.model import Catalog, Edit, Entry
from workbench.catalogs.store import Saved
from workbench.errors import CatalogError, TranslationMemoryError
from workbench.memory.memory import Memory
from workbench.memory.refresh import catalog_files, record_of, refresh
from workbench.project import Project

#: The translator name pretranslated units carry unless another is given.
PRETRANSLATE_USER = "pretranslate"


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
    mem = Memory.open(project.instance_dir, lang) if own else memory
    assert mem is not None
    history = History.of(project)
    filled: list[Fill] = []
    skipped: list[Fill] = []
    written: list[str] = []
    try:
        refresh(project, lang, memory=mem)
        for statement in chosen:
            path = project.catalog_path(lang, statement)
            name = project.relative(path)
            plan = _plan(mem, pofile.read(path, name), statement, threshold, trust_exact)
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
        Edit(f.msgid, f.target, f.status, f.msgctxt, base_revision=empty, user=user) for f in plan
    ]
    outcome: list[Saved | None] = []

    def apply(current: Catalog | None) -> Catalog:
        if current is None:
            raise CatalogError("does not exist; run: workbench update", path=name)
        before = [current.find(c.msgid, c.msgctxt) for c in changes]
        results = cat.apply_edits(current, changes, translator=user)
        outcome[:] = [
            Saved(lang, statement, user, old, new)
            if isinstance(new, Entry) and old is not None and new != old
            else None  # translated meanwhile, or gone from the statement
            for old, new in zip(before, results, strict=True)
        ]
        return current

    _, changed = pofile.modify(path, apply, name, project.lock_dir, backups.keeper(project, path))
    return outcome, changed


def _plan(
    memory: Memory, catalog: Catalog, statement: str, threshold: int, trust_exact: bool
) -> list[Fill]:
    plan = []
    for entry in catalog.entries:
        if entry.obsolete or any(entry.forms) or entry.plural:
            # A plural entry needs a text for each form; the memory holds sentences.
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
