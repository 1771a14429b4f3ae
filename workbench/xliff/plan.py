"""What an import takes from each unit of an XLIFF file, decided before anything is written.

A unit is matched by its id (``u`` + the catalog key) and then by its
source: an id the catalog lacks, or a source that is not the catalog's, is
left out. A matched unit is unchanged, skipped, an edit for the store, or
a conflict (changed both in the file and in the catalog since the export);
its notes are kept apart, to be added as translator comments.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial

from workbench.catalogs import conflict as cf
from workbench.catalogs import model as cat
from workbench.catalogs.comments import plain_note
from workbench.catalogs.model import Edit, Entry
from workbench.catalogs.rows import unit_key
from workbench.errors import XliffError
from workbench.xliff.document import XliffFile, XliffUnit


@dataclass
class Plan:
    """What an import takes from each unit of a file, and what it leaves out."""

    edits: list[tuple[XliffUnit, Edit]] = field(default_factory=list)
    conflicts: list[tuple[XliffUnit, Entry]] = field(default_factory=list)
    unknown: list[tuple[str, int]] = field(default_factory=list)
    source_differs: list[tuple[str, int]] = field(default_factory=list)
    notes: list[tuple[XliffUnit, Entry, tuple[str, ...]]] = field(default_factory=list)
    matched: int = 0
    unchanged: int = 0
    skipped: int = 0


def refuse_repeated_ids(doc: XliffFile, name: str) -> None:
    """Refuse a file that gives one unit twice: which of its texts is meant, nobody can tell."""
    first: dict[str, int] = {}
    for unit in doc.units:
        if not unit.id:
            continue  # no id at all: reported as an unknown unit
        if unit.id in first:
            raise XliffError(
                f'lines {first[unit.id]} and {unit.line} both give the unit "{unit.id}"; a '
                "unit may be in the file once: delete the one you do not mean, or export the "
                "statement again; nothing was written",
                path=name,
            )
        first[unit.id] = unit.line


def _same_source(text: str, msgid: str) -> bool:
    """Tell whether a unit's source is the catalog's.

    Inline codes are already out (:func:`~workbench.xliff.inline.plain_text`);
    spacing is what tools change in XML (a line end, a no-break space), and the
    unit's id already names the sentence, so only the words must agree.
    """
    return text == msgid or text.split() == msgid.split()


def _sent_with_target(unit: XliffUnit, entry: Entry) -> bool:
    """Tell whether the export sent *unit* with a target (its revision says; else the catalog)."""
    if unit.revision:
        return unit.revision != cat.revision_of("", cat.UNTRANSLATED)
    return entry.status != cat.UNTRANSLATED


def decide(doc: XliffFile, by_key: dict[str, Entry], user: str | None) -> Plan:
    """Decide, unit by unit, what the file changes in the catalog whose entries are *by_key*."""
    plan = Plan()
    for unit in doc.units:
        entry = by_key.get(unit.id[1:]) if unit.id.startswith("u") else None
        if entry is None:
            plan.unknown.append((unit.id, unit.line))
            continue
        if not _same_source(unit.source, entry.msgid):
            # Not the sentence the catalog has: its translation is for another text.
            plan.source_differs.append((unit.id, unit.line))
            continue
        plan.matched += 1
        notes = tuple(dict.fromkeys(n for n in map(plain_note, unit.notes) if n))
        notes = tuple(n for n in notes if n not in entry.notes)
        if notes:
            plan.notes.append((unit, entry, notes))
        text = unit.target or ""
        if not unit.translate or unit.status == "untranslated" or not text:
            plan.skipped += 1
            continue
        status = unit.status
        if unit.unconfirmed and _sent_with_target(unit, entry):
            status = cat.FUZZY  # sent with a target, and set back: a draft
        if (text, status) == (entry.msgstr, entry.status):
            plan.unchanged += 1
            continue
        if unit.revision and cat.revision_of(text, status) == unit.revision:
            plan.unchanged += 1  # as exported: the catalog changed since, the file did not
            continue
        if unit.revision and unit.revision == entry.revision or not entry.msgstr:
            edit = Edit(
                entry.msgid, text, status, entry.msgctxt, base_revision=entry.revision, user=user
            )
            plan.edits.append((unit, edit))
        else:
            plan.conflicts.append((unit, entry))
    return plan


def kept_comments(
    plan: Plan, file: str, ours: Mapping[str, tuple[str, str]]
) -> dict[str, Callable[[Entry], Entry]]:
    """Return, by unit key, what each unit keeps of the file besides its translation.

    A conflict keeps the file's text as a sync keeps the other machine's
    version: the editor offers both ("use this"), its conflicts filter and
    the conflict check find it; *ours* says, by unit key, who made the
    catalog's text and when. The notes of the file come after, each once.
    """
    date = datetime.now(UTC).strftime("%Y-%m-%d")
    kept: dict[str, tuple[cf.Conflict | None, tuple[str, ...]]] = {}
    for unit, entry in plan.conflicts:
        key = unit_key(entry.msgid, entry.msgctxt)
        kept[key] = (cf.Conflict((unit.target or "",), file, date, *ours[key]), ())
    for _unit, entry, notes in plan.notes:
        key = unit_key(entry.msgid, entry.msgctxt)
        kept[key] = (kept.get(key, (None, ()))[0], notes)

    def keep(conflict: cf.Conflict | None, notes: tuple[str, ...], entry: Entry) -> Entry:
        added: list[str] = []
        # The same file imported again (another day) keeps its text once.
        if conflict is not None and all(
            c.theirs != conflict.theirs for c in cf.conflicts_of(entry)
        ):
            added.append(conflict.note())
        added += [n for n in notes if n not in entry.notes]
        return replace(entry, notes=(*entry.notes, *added)) if added else entry

    return {key: partial(keep, *what) for key, what in kept.items()}
