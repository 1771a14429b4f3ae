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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from workbench.catalogs import backups, pofile
from workbench.catalogs import model as cat
from workbench.catalogs.model import Catalog, Entry
from workbench.errors import CatalogError
from workbench.lang.locales import language
from workbench.project import Project, Statement, read_statement
from workbench.segment.segmenter import Unit, segment

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


def catalog_header(
    old: dict[str, str] | None, template: dict[str, str], lang: str, plural_forms: str
) -> dict[str, str]:
    """Return a catalog's header after an update.

    An existing header belongs to the catalog's translators: like msgmerge,
    the update takes only the template's POT-Creation-Date and fills in
    fields that are missing; Plural-Forms, the team and every other field
    stay as they are. A new catalog gets *plural_forms*.
    """
    if old is None:
        header = {
            "Project-Id-Version": template["Project-Id-Version"],
            "POT-Creation-Date": template["POT-Creation-Date"],
            "PO-Revision-Date": template["POT-Creation-Date"],
            "Last-Translator": "",
            "Language-Team": language(lang).name,
        }
    else:
        header = dict(old)
        header["POT-Creation-Date"] = template["POT-Creation-Date"]
    for key, value in (
        ("Project-Id-Version", template["Project-Id-Version"]),
        ("Language", lang),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms),
    ):
        if not header.get(key):
            header[key] = value
    return header


PLURAL_FORMS = re.compile(r"nplurals=([1-9]); plural=[-n0-9 ()?:<>=!&|%+*/]+;?\Z")


def check_plural_forms(rule: str) -> str:
    """Return *rule* if it is a gettext Plural-Forms value, else raise CatalogError.

    >>> check_plural_forms("nplurals=2; plural=(n > 1);")
    'nplurals=2; plural=(n > 1);'
    """
    rule = " ".join(rule.split())
    if not PLURAL_FORMS.match(rule):
        raise CatalogError(
            f'"{rule[:60]}" is not a Plural-Forms rule; write it as gettext does, '
            'e.g. "nplurals=2; plural=(n > 1);"'
        )
    return rule if rule.endswith(";") else rule + ";"


def plural_forms_for(project: Project, lang: str, exclude: Path | None = None) -> str:
    """Return the Plural-Forms a new catalog in *lang* gets.

    The rule the language's other catalogs already use, so that one project
    keeps one rule per language; for the first catalog, the frozen CLDR rule.
    """
    folder = project.catalog_path(lang, "x").parent
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        if path == exclude:
            continue
        try:
            rule = pofile.read_header(path).get("Plural-Forms")
        except (CatalogError, OSError):
            continue
        if rule:
            return rule
    return language(lang).plural_forms


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
    plural_forms: Mapping[str, str] | None = None,
) -> UpdateReport:
    """Write the template and merge every catalog of one statement.

    *plural_forms* maps a language to the Plural-Forms its catalogs are to
    take instead of the one they have.
    """
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
    if pofile.write(pot, pot_path, project.lock_dir):
        report.written.append(project.relative(pot_path))

    for lang in languages if languages is not None else project.languages:
        if progress:
            progress(lang)
        path = project.catalog_path(lang, statement.id)
        written, counts = _update_catalog(project, path, pot, lang, (plural_forms or {}).get(lang))
        if written:
            report.written.append(project.relative(path))
        report.new[lang] = counts["new"]
        report.fuzzy[lang] = counts["fuzzy"]
        report.obsolete[lang] = counts["obsolete"]
    return report


def _update_catalog(
    project: Project, path: Path, pot: Catalog, lang: str, plural_forms: str | None
) -> tuple[bool, dict]:
    # Read, merge and write under one lock, so a save from the web form
    # between the read and the write cannot be lost.
    counts: dict[str, int] = {}

    def merged(old: Catalog | None) -> Catalog:
        entries, found = merge(old.entries if old else [], pot.entries)
        counts.update(found)
        rule = plural_forms
        if rule is None and (old is None or not old.header.get("Plural-Forms")):
            rule = plural_forms_for(project, lang, exclude=path)
        header = catalog_header(old.header if old else None, pot.header, lang, rule or "")
        if plural_forms:
            header["Plural-Forms"] = plural_forms
        return Catalog(
            header=header,
            entries=entries,
            header_notes=old.header_notes if old else (),
        )

    _, written = pofile.modify(
        path, merged, project.relative(path), project.lock_dir, backups.keeper(project, path)
    )
    return written, counts


def _read_if_exists(project: Project, path: Path) -> Catalog | None:
    if not path.exists():
        return None
    return pofile.read(path, project.relative(path))


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
    plural_forms: Mapping[str, str] | None = None,
) -> list[UpdateReport]:
    """Update the templates and catalogs of *statements* (default: all).

    Every statement is read first, so a bad one stops the update before
    any file is written.
    """
    chosen = list(statements) if statements is not None else project.statements()
    texts = [read_statement(project, s) for s in chosen]
    return [
        update_statement(project, s, progress=progress, text=text, plural_forms=plural_forms)
        for s, text in zip(chosen, texts, strict=True)
    ]
