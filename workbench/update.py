"""Statements into templates and catalogs, merged like ``msgmerge``.

``update`` segments every statement, writes its template
(``locales/<statement>.pot``) and merges each language's catalog with it:

- a unit whose source is unchanged keeps its translation;
- a new unit that resembles an old one gets the old translation, marked
  fuzzy, with the old source as ``#| msgid`` (the translator sees the diff);
- a unit no longer in the statement becomes obsolete (``#~``) if it was
  translated; an empty one is dropped, since nothing would be lost.

Nothing is written when nothing changed, so updating an unchanged project
changes no byte and leaves the dates alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from . import catalog as cat
from .catalog import Catalog, Entry
from .locales import language
from .project import Project, Statement, read_statement
from .segment import Unit, segment

#: Similarity (0-100) from which an old translation is offered as fuzzy, as msgmerge's 0.6.
FUZZY_CUTOFF = 60.0
_OCCURRENCE = re.compile(r"occurrence (\d+)\Z")


@dataclass
class UpdateReport:
    """What one statement's update did."""

    statement: str
    units: int = 0
    written: list[str] = field(default_factory=list)
    new: dict[str, int] = field(default_factory=dict)
    fuzzy: dict[str, int] = field(default_factory=dict)
    obsolete: dict[str, int] = field(default_factory=dict)


def msgid_of(unit_text: str) -> str:
    r"""Return the msgid for a unit: its text with CRLF as LF.

    >>> msgid_of("one\r\ntwo")
    'one\ntwo'
    """
    return unit_text.replace("\r\n", "\n").replace("\r", "\n")


def line_numbers(text: str, offsets: Iterable[int]) -> list[int]:
    """Return the 1-based line of each offset in *text*."""
    breaks = []
    at = text.find("\n")
    while at != -1:
        breaks.append(at)
        at = text.find("\n", at + 1)
    return [bisect.bisect_left(breaks, off) + 1 for off in offsets]


def template_entries(reference: str, text: str, units: list[Unit]) -> list[Entry]:
    """Return the template entries of one statement, in document order.

    A source that occurs several times is one entry with every reference.
    """
    lines = line_numbers(text, (u.start for u in units))
    order: dict[str, int] = {}
    refs: list[list[tuple[str, str]]] = []
    kinds: list[str] = []
    for unit, line in zip(units, lines, strict=True):
        msgid = msgid_of(unit.text)
        at = order.get(msgid)
        if at is None:
            order[msgid] = len(refs)
            refs.append([(reference, str(line))])
            kinds.append("" if unit.kind == "sentence" else unit.kind)
        else:
            refs[at].append((reference, str(line)))
    return [
        Entry(msgid=msgid, occurrences=tuple(refs[i]), comment=kinds[i])
        for msgid, i in order.items()
    ]


def template_header(statement: str, created: str, source_language: str) -> dict[str, str]:
    """Return the header of a statement's template.

    Its Language is the source language: an empty one is what GNU tools
    flag as a template never filled in.
    """
    return {
        "Project-Id-Version": statement,
        "POT-Creation-Date": created,
        "PO-Revision-Date": created,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": source_language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def catalog_header(old: dict[str, str], template: dict[str, str], lang: str) -> dict[str, str]:
    """Return a catalog's header: the old one, with the template's and language's fields."""
    info = language(lang)
    header = dict(old)
    header["Project-Id-Version"] = template["Project-Id-Version"]
    header["POT-Creation-Date"] = template["POT-Creation-Date"]
    header.setdefault("PO-Revision-Date", template["POT-Creation-Date"])
    header.setdefault("Last-Translator", "")
    header.setdefault("Language-Team", info.name)
    header["Language"] = lang
    header["MIME-Version"] = "1.0"
    header["Content-Type"] = "text/plain; charset=UTF-8"
    header["Content-Transfer-Encoding"] = "8bit"
    header["Plural-Forms"] = info.plural_forms
    return header


def merge(old: list[Entry], template: list[Entry]) -> tuple[list[Entry], dict[str, int]]:
    """Merge a catalog's *old* entries with the *template*, like msgmerge.

    Returns the new entries (template order, then obsolete ones) and counts
    of new, fuzzy-matched and obsoleted units.
    """
    exact: dict[str, Entry] = {}
    alternatives: dict[str, list[Entry]] = {}
    for entry in old:
        if entry.msgctxt is None:
            # An active entry wins over an obsolete one of the same source.
            if entry.msgid not in exact or exact[entry.msgid].obsolete:
                exact[entry.msgid] = entry
        elif _OCCURRENCE.match(entry.msgctxt):
            alternatives.setdefault(entry.msgid, []).append(entry)

    used: set[tuple[str | None, str]] = set()
    pool = [e for e in old if e.msgstr and e.msgctxt is None]
    choices = [e.msgid for e in pool]
    counts = {"new": 0, "fuzzy": 0, "obsolete": 0}
    merged: list[Entry] = []
    for unit in template:
        hit = exact.get(unit.msgid)
        if hit is not None:
            used.add(hit.key)
            merged.append(_carry(hit, unit))
        else:
            counts["new"] += 1
            best = _closest(unit.msgid, choices)
            if best is not None:
                source = pool[best]
                counts["fuzzy"] += 1
                merged.append(
                    replace(
                        unit,
                        msgstr=source.msgstr,
                        fuzzy=True,
                        previous_msgid=source.msgid,
                        notes=source.notes,
                    )
                )
            else:
                merged.append(unit)
        for alt in sorted(alternatives.get(unit.msgid, ()), key=lambda e: e.msgctxt or ""):
            n = int(_OCCURRENCE.match(alt.msgctxt or "").group(1))  # type: ignore[union-attr]
            if 1 <= n <= len(unit.occurrences):
                used.add(alt.key)
                merged.append(_carry(alt, replace(unit, occurrences=(unit.occurrences[n - 1],))))

    obsolete = []
    for entry in old:
        if entry.key in used or not entry.msgstr:
            continue
        if not entry.obsolete:
            counts["obsolete"] += 1
        obsolete.append(
            replace(
                entry,
                obsolete=True,
                occurrences=(),
                comment="",
                previous_msgid=None,
                previous_msgctxt=None,
            )
        )
    return merged + obsolete, counts


def _carry(old: Entry, unit: Entry) -> Entry:
    """Return *old*'s translation on *unit*'s source, references and kind."""
    return replace(
        old,
        occurrences=unit.occurrences,
        comment=unit.comment,
        obsolete=False,
    )


def _closest(msgid: str, choices: list[str]) -> int | None:
    if not choices:
        return None
    found = process.extractOne(msgid, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return None if found is None else found[2]


def update_statement(
    project: Project,
    statement: Statement,
    languages: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
    text: str | None = None,
) -> UpdateReport:
    """Write the template and merge every catalog of one statement."""
    if text is None:
        text = read_statement(project, statement)
    if progress:
        progress("segment")
    units = segment(text, project.source_language)
    reference = project.relative(statement.path)
    template = template_entries(reference, text, units)
    report = UpdateReport(statement.id, units=len(template))

    pot_path = project.template_path(statement.id)
    old_pot = _read_if_exists(project, pot_path)
    created = cat.now_stamp()
    if old_pot is not None and _same_units(old_pot.entries, template):
        created = old_pot.header.get("POT-Creation-Date", created)
    pot = Catalog(
        header=template_header(statement.id, created, project.source_language), entries=template
    )
    if cat.write(pot, pot_path, project.lock_dir):
        report.written.append(project.relative(pot_path))

    for lang in languages if languages is not None else project.languages:
        if progress:
            progress(lang)
        path = project.catalog_path(lang, statement.id)
        written, counts = _update_catalog(project, path, pot, lang)
        if written:
            report.written.append(project.relative(path))
        report.new[lang] = counts["new"]
        report.fuzzy[lang] = counts["fuzzy"]
        report.obsolete[lang] = counts["obsolete"]
    return report


def _update_catalog(project: Project, path: Path, pot: Catalog, lang: str) -> tuple[bool, dict]:
    # Read, merge and write under one lock, so a save from the web form
    # between the read and the write cannot be lost.
    counts: dict[str, int] = {}

    def merged(old: Catalog | None) -> Catalog:
        entries, found = merge(old.entries if old else [], pot.entries)
        counts.update(found)
        return Catalog(
            header=catalog_header(old.header if old else {}, pot.header, lang),
            entries=entries,
            header_notes=old.header_notes if old else (),
        )

    _, written = cat.modify(path, merged, project.relative(path), project.lock_dir)
    return written, counts


def _read_if_exists(project: Project, path: Path) -> Catalog | None:
    if not path.exists():
        return None
    return cat.read(path, project.relative(path))


def _same_units(old: list[Entry], new: list[Entry]) -> bool:
    if len(old) != len(new):
        return False
    return all(
        (a.msgid, a.occurrences, a.comment) == (b.msgid, b.occurrences, b.comment)
        for a, b in zip(old, new, strict=True)
    )


def update_project(
    project: Project,
    statements: Iterable[Statement] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[UpdateReport]:
    """Update the templates and catalogs of *statements* (default: all).

    Every statement is read first, so a bad one stops the update before
    any file is written.
    """
    chosen = list(statements) if statements is not None else project.statements()
    texts = [read_statement(project, s) for s in chosen]
    return [
        update_statement(project, s, progress=progress, text=text)
        for s, text in zip(chosen, texts, strict=True)
    ]
