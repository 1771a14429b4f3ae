"""Translated statements built from the source and a catalog.

The source is segmented again and each unit's text is replaced by its
translation; everything between units (blank lines, bullets, indentation,
line endings) is kept, so the translation has the source's layout. A unit
without a usable translation falls back to the source text and is reported
as a gap. Translating every unit as itself gives the source back byte for
byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import catalog as cat
from . import files
from .catalog import Entry
from .project import Project, Statement, read_statement
from .segment import segment
from .update import line_numbers, msgid_of


@dataclass(frozen=True)
class Gap:
    """A unit that fell back to the source text."""

    statement: str
    line: int
    status: str
    source: str


@dataclass(frozen=True)
class Built:
    """One translated statement."""

    statement: str
    language: str
    text: str
    gaps: tuple[Gap, ...]
    units: int


def translate_text(
    text: str,
    entries: Iterable[Entry],
    source_language: str,
    statement: str = "",
    language: str = "",
) -> Built:
    """Return *text* with each unit replaced by its translation, and the gaps."""
    units = segment(text, source_language)
    plain: dict[str, Entry] = {}
    alternatives: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        if entry.obsolete:
            continue
        if entry.msgctxt is None:
            plain[entry.msgid] = entry
        else:
            alternatives[(entry.msgctxt, entry.msgid)] = entry
    crlf = "\r\n" in text
    seen: dict[str, int] = {}
    out: list[str] = []
    gaps: list[Gap] = []
    at = 0
    gap_units = []
    for unit in units:
        out.append(text[at:unit.start])
        msgid = msgid_of(unit.text)
        n = seen[msgid] = seen.get(msgid, 0) + 1
        entry = alternatives.get((cat.OCCURRENCE_CONTEXT.format(n=n), msgid))
        if entry is None or not entry.translated:
            entry = plain.get(msgid)
        if entry is not None and entry.translated:
            translation = entry.msgstr
            if crlf:
                translation = translation.replace("\r\n", "\n").replace("\n", "\r\n")
            out.append(translation)
        else:
            out.append(unit.text)
            gap_units.append((unit, entry.status if entry else "missing"))
        at = unit.end
    out.append(text[at:])
    if gap_units:
        lines = line_numbers(text, (u.start for u, _ in gap_units))
        gaps = [
            Gap(statement, line, status, msgid_of(unit.text))
            for (unit, status), line in zip(gap_units, lines, strict=True)
        ]
    return Built(statement, language, "".join(out), tuple(gaps), len(units))


def build_statement(project: Project, statement: Statement, lang: str) -> Built:
    """Build one statement in *lang* from its catalog."""
    text = read_statement(project, statement)
    path = project.catalog_path(lang, statement.id)
    entries = cat.read(path, project.relative(path)).entries if path.exists() else []
    return translate_text(text, entries, project.source_language, statement.id, lang)


def output_path(project: Project, out_dir: Path | None, built: Built, statement: Statement) -> Path:
    """Return where a built statement is written (default ``instance/build/LANG/``)."""
    folder = out_dir if out_dir is not None else project.instance_dir / "build" / built.language
    return Path(folder) / statement.path.name


def write_built(path: Path, built: Built) -> None:
    """Write a built statement atomically."""
    files.atomic_write(path, built.text)
