"""Send a statement out as XLIFF and take back what changed, as a web save would.

Export: one unit per catalog entry, in the order the statement first uses
it, grouped by paragraph; the unit's id is made from its msgctxt and msgid
(``u`` + :func:`workbench.catalogs.rows.unit_key`), so it is the same in
every export; its kind, its place in the statement and the glossary terms
of its source go with it, and so does the entry's revision at export.

Import reads the file's statement (``original``) and language and refuses a
file for a statement or language the project does not have, a file that
gives one unit twice (which of its two texts is meant, nobody can tell), and
a file none of whose units belongs to the statement. Then, unit by unit:

- an unknown id, or a source that is not the catalog's (but for spacing and
  inline codes, which tools change), leaves the unit out, reported with its
  line: a translation is never written for a source it was not made for; a
  unit marked ``translate="no"``, a target left empty, or a copy of the
  source in an unconfirmed state, says nothing;
- a target in a state that says it is not finished makes the unit fuzzy,
  unless the export sent no target and the tool left the state as it was
  (:attr:`~workbench.xliff.document.XliffUnit.unconfirmed`);
- a unit whose text and status are what was exported is unchanged: an
  export imported untouched writes nothing;
- changed in the file only (the catalog still has the exported revision):
  saved through :class:`~workbench.catalogs.store.CatalogStore`, so the
  file's lock, the history and the conflict check apply;
- changed in both: the catalog keeps its text, the file's text is kept in a
  translator comment as a sync keeps the other machine's version
  (``# conflict: "…" (by FILE, DATE; ours by NAME, DATE)``, ours credited to its last save in
  the history or else to the catalog's last translator; see
  :mod:`workbench.catalogs.conflict`), the unit is marked fuzzy, and the
  import reports it. Nothing is silently overwritten; the editor offers both
  texts, as for a sync;
- a note the file brings that the export did not write is kept on the unit
  as a translator comment, once (:func:`workbench.catalogs.comments.plain_note`).

Every change is the importing user's, as a web save is: the history, the
reviewer of a reviewed unit, and the header's ``Last-Translator`` and
``PO-Revision-Date``, by which a sync credits a conflict.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.catalogs import conflict as cf
from workbench.catalogs import model as cat
from workbench.catalogs.history import History
from workbench.catalogs.model import Catalog, Edit, Entry
from workbench.catalogs.rows import rows, source_of, unit_key
from workbench.catalogs.store import CatalogStore
from workbench.errors import ConflictError, XliffError
from workbench.glossary.model import APPROVED
from workbench.lang.locales import normalise_code
from workbench.project import Project
from workbench.terms.matcher import matcher_for
from workbench.util.xmlguard import not_xml
from workbench.xliff import xliff12, xliff20
from workbench.xliff.document import GlossaryHit, XliffFile, XliffUnit, unit_id
from workbench.xliff.plan import decide, kept_comments, refuse_repeated_ids
from workbench.xliff.tree import local, parse

VERSIONS = ("1.2", "2.0")


# -- export ------------------------------------------------------------------


def export_statement(
    project: Project, store: CatalogStore, lang: str, statement_id: str, version: str = "1.2"
) -> bytes:
    """Return the catalog of *statement_id* in *lang* as an XLIFF document."""
    if version not in VERSIONS:
        raise XliffError(f'unknown XLIFF version "{version}"; use 1.2 or 2.0')
    lang = project.require_language(lang)
    statement = project.statement(statement_id)
    catalog = store.get(lang, statement.id)
    units = tuple(_units(project, lang, statement, catalog))
    for unit in units:
        _refuse_what_xml_cannot_carry(unit, project.relative(catalog.path or statement.path))
    doc = XliffFile(version, statement.id, project.source_language, lang, units)
    return (xliff12 if version == "1.2" else xliff20).dumps(doc)


def _refuse_what_xml_cannot_carry(unit: XliffUnit, catalog: str) -> None:
    """Raise XliffError for a unit whose text would make the file unreadable XML."""
    where, _, line = unit.location.rpartition(":") if unit.location else (catalog, "", "")
    for text, whose in ((unit.source, "source"), (unit.target or "", "translation")):
        found = not_xml(text)
        if found is None:
            continue
        fix = (
            "remove it from the statement, run workbench update"
            if whose == "source"
            else "remove it from the translation (in the editor)"
        )
        raise XliffError(
            f"the {whose} of the unit here holds the control character "
            f"U+{ord(found):04X}, which an XLIFF (XML) file cannot carry; {fix}, then "
            "export again; nothing was written",
            path=where,
            line=int(line) if line.isdigit() else None,
        )


def _units(project: Project, lang: str, statement: Any, catalog: Catalog) -> list[XliffUnit]:
    glossary, matcher = matcher_for(project)
    where = project.relative(statement.path)
    placed: dict[tuple[str | None, str], tuple[str, str, str]] = {}
    for row in rows(source_of(project, statement), catalog.entries):
        if row.entry is not None and row.entry.key not in placed:
            placed[row.entry.key] = (f"p{row.unit.block + 1}", row.unit.kind, f"{where}:{row.line}")
    ordered = sorted(
        (e for e in catalog.active()),
        key=lambda e: list(placed).index(e.key) if e.key in placed else len(placed),
    )
    units = []
    for entry in ordered:
        group, kind, location = placed.get(entry.key, ("other", "", ""))
        hits = []
        seen = set()
        for hit in matcher.find(entry.msgid):
            concept = glossary.get(hit.concept_id)
            if concept is None or concept.id in seen:
                continue
            seen.add(concept.id)
            found = concept.terms_for(lang, APPROVED)
            if found:
                hits.append(
                    GlossaryHit(hit.text, found[0].text, found[0].status, concept.definition)
                )
        units.append(
            XliffUnit(
                id=unit_id(unit_key(entry.msgid, entry.msgctxt)),
                source=entry.msgid,
                target=entry.msgstr or None,
                status=entry.status,
                revision=entry.revision,
                kind=kind or entry.comment,
                context=entry.msgctxt or "",
                group=group,
                location=location,
                glossary=tuple(hits),
                alternatives=tuple(
                    (c.theirs[0], c.by) for c in cf.conflicts_of(entry) if not c.removed
                ),
            )
        )
    return units


# -- import ------------------------------------------------------------------


def _authors_of_ours(
    project: Project, lang: str, statement: str, header: dict[str, str], entries: list[Entry]
) -> dict[str, tuple[str, str]]:
    """Return, by unit key, who made each entry's text in the catalog, and when: its last
    save in the history, or else the catalog's last translator (its header)."""
    history = History.of(project)
    fallback = cf.author_of(header)
    authors = {}
    for entry in entries:
        last = history.of_unit(lang, statement, entry.msgid, entry.msgctxt, limit=1)
        made = (last[0].user, last[0].when) if last and last[0].user else fallback
        authors[unit_key(entry.msgid, entry.msgctxt)] = made
    return authors


@dataclass(frozen=True)
class Conflict:
    """A unit changed both in the file and in the catalog since the export."""

    id: str
    line: int
    catalog: str
    file: str


@dataclass(frozen=True)
class Note:
    """A note of the file, kept on its unit as a translator comment."""

    id: str
    line: int
    text: str  # as kept (see workbench.catalogs.comments.plain_note)


@dataclass(frozen=True)
class ImportReport:
    """What an import did, unit by unit."""

    file: str
    statement: str
    language: str
    updated: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    unknown: tuple[tuple[str, int], ...] = ()  # (id, line)
    unchanged: int = 0
    skipped: int = 0  # not to translate, empty, or a copy of the source
    written: bool = False
    #: (id, line) of units whose source is not the catalog's: left out.
    source_differs: tuple[tuple[str, int], ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def left_out(self) -> list[tuple[int, str, str]]:
        """(line, id, why) of every unit left out, in the file's order."""
        why = [(n, i, "unknown") for i, n in self.unknown]
        why += [(n, i, "source") for i, n in self.source_differs]
        return sorted(why)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "statement": self.statement,
            "language": self.language,
            "updated": list(self.updated),
            "conflicts": [c.__dict__ for c in self.conflicts],
            "unknown": [{"id": i, "line": n} for i, n in self.unknown],
            "source_differs": [{"id": i, "line": n} for i, n in self.source_differs],
            "notes": [n.__dict__ for n in self.notes],
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "written": self.written,
        }


def read(data: bytes, name: str) -> XliffFile:
    """Read an XLIFF 1.2 or 2.0 document, whichever it is."""
    root, lines = parse(data, name)
    if local(root.tag) != "xliff":
        raise XliffError(
            f"is not an XLIFF file: its root element is <{local(root.tag)}>, not <xliff>",
            path=name,
            line=lines.get(root),
        )
    if root.tag.startswith(f"{{{xliff20.NS}}}") or root.get("version", "").startswith("2"):
        return xliff20.read_tree(root, lines, name)
    return xliff12.read_tree(root, lines, name)


def import_file(
    project: Project, store: CatalogStore, path: str | os.PathLike[str], user: str | None = None
) -> ImportReport:
    """Take back what changed in the XLIFF file at *path* since it was exported.

    Every change is saved as *user*'s (the history, the reviewer of a
    reviewed unit, and the catalog's ``Last-Translator``), as a web save is.
    """
    name = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise XliffError(f"cannot be read ({exc.strerror})", path=name) from exc
    doc = read(data, name)
    statement, lang = _owner(project, doc, name)
    refuse_repeated_ids(doc, name)
    plan = decide(doc, store.by_key(lang, statement), user)
    if doc.units and not plan.matched:
        raise XliffError(
            f'none of its {len(doc.units)} units belongs to the statement "{statement}" as it '
            "is now (unknown ids, or sources that differ): the file was made from another "
            "version or another project, or edited; export the statement again with: "
            f"workbench xliff export {lang} {statement}, and translate that file",
            path=name,
        )
    updated: list[str] = []
    for unit, result in zip(
        [u for u, _ in plan.edits],
        store.save(lang, statement, [e for _, e in plan.edits], user=user) if plan.edits else [],
        strict=True,
    ):
        if isinstance(result, ConflictError):
            # Saved by someone else between the plan and the save.
            current = store.by_key(lang, statement).get(unit.id[1:])
            if current is not None:
                plan.conflicts.append((unit, current))
        else:
            updated.append(unit.id)
    # Who made the catalog's text of each unit in conflict, asked before marking it fuzzy
    # makes this import its last save.
    header = store.get(lang, statement).header
    ours = _authors_of_ours(project, lang, statement, header, [e for _, e in plan.conflicts])
    marked = _mark_fuzzy(store, lang, statement, plan.conflicts, user)
    commented = (
        store.change_units(lang, statement, kept_comments(plan, Path(name).name, ours), user=user)
        if plan.conflicts or plan.notes
        else []
    )
    return ImportReport(
        name,
        statement,
        lang,
        updated=tuple(updated),
        conflicts=tuple(
            Conflict(u.id, u.line, e.msgstr, u.target or "") for u, e in plan.conflicts
        ),
        unknown=tuple(plan.unknown),
        unchanged=plan.unchanged,
        skipped=plan.skipped,
        written=bool(updated or marked or commented),
        source_differs=tuple(plan.source_differs),
        notes=tuple(
            Note(u.id, u.line, text)
            for u, e, texts in plan.notes
            if unit_key(e.msgid, e.msgctxt) in commented
            for text in texts
        ),
    )


def _owner(project: Project, doc: XliffFile, name: str) -> tuple[str, str]:
    statements = {s.id for s in project.statements()}
    if doc.original not in statements:
        raise XliffError(
            f'is for the statement "{doc.original}", which this project does not have; '
            "import it into the project it was exported from",
            path=name,
        )
    code = normalise_code(doc.target_language) if doc.target_language else ""
    base = code.split("_")[0]
    lang = code if code in project.languages else base if base in project.languages else None
    if lang is None:
        raise XliffError(
            f'is for the language "{doc.target_language}", which this project does not translate '
            f"into (it translates into {', '.join(project.languages) or 'nothing yet'})",
            path=name,
        )
    source = normalise_code(doc.source_language).split("_")[0] if doc.source_language else ""
    if source and source != project.source_language.split("_")[0]:
        raise XliffError(
            f'its source language is "{doc.source_language}", but the project translates from '
            f'"{project.source_language}"',
            path=name,
        )
    return doc.original, lang


def _mark_fuzzy(
    store: CatalogStore,
    lang: str,
    statement: str,
    conflicts: list[tuple[XliffUnit, Entry]],
    user: str | None,
) -> bool:
    """Mark each conflicting unit fuzzy through the store, so the history has it."""
    edits = [
        Edit(e.msgid, e.msgstr, cat.FUZZY, e.msgctxt, base_revision=e.revision, user=user)
        for _, e in conflicts
        if e.msgstr and e.status != cat.FUZZY
    ]
    if not edits:
        return False
    return any(isinstance(r, Entry) for r in store.save(lang, statement, edits, user=user))
