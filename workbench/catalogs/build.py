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

from workbench.catalogs import pofile
from workbench.catalogs.model import Entry
from workbench.catalogs.rows import Row, Source, make_source, rows, source_of
from workbench.project import Project, Statement
from workbench.util import files

LAYOUT = "layout"
TRANSLATION = "translation"
SOURCE = "source"


@dataclass(frozen=True)
class Gap:
    """A place where a unit fell back to the source text."""

    statement: str
    line: int
    status: str
    source: str
    #: False for a later place of a unit whose first place is a gap too.
    first: bool = True


@dataclass(frozen=True)
class Piece:
    """A stretch of the built document: layout, a translation, or source kept."""

    text: str
    kind: str
    row: Row | None = None


@dataclass(frozen=True)
class Built:
    """One translated statement.

    *units* and *translated* count units as the catalog and ``stats`` do: a
    sentence that occurs several times is one unit (with an alternative
    translation for one place, two); *places* counts where units occur in
    the text, and *gaps* lists the places that kept the source.
    """

    statement: str
    language: str
    pieces: tuple[Piece, ...]
    gaps: tuple[Gap, ...]
    units: int
    translated: int = 0
    places: int = 0

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def gap_units(self) -> int:
        """How many units fell back to the source (in ``len(gaps)`` places)."""
        return sum(1 for gap in self.gaps if gap.first)


def build_source(
    source: Source, entries: Iterable[Entry], statement: str = "", language: str = ""
) -> Built:
    """Replace each unit of *source* by its translation, keeping everything between."""
    text = source.text
    crlf = "\r\n" in text
    pieces: list[Piece] = []
    gaps: list[Gap] = []
    at = 0
    units = translated = 0
    all_rows = rows(source, entries)
    for row in all_rows:
        unit = row.unit
        if unit.start > at:
            pieces.append(Piece(text[at : unit.start], LAYOUT))
        entry = row.entry
        if row.first:
            units += 1
            translated += entry is not None and entry.translated
        if (entry is None or not entry.translated) and row.fallback is not None:
            entry = row.fallback
        if entry is not None and entry.translated:
            translation = entry.msgstr
            if crlf:
                translation = translation.replace("\r\n", "\n").replace("\n", "\r\n")
            pieces.append(Piece(translation, TRANSLATION, row))
        else:
            pieces.append(Piece(unit.text, SOURCE, row))
            status = entry.status if entry else "missing"
            gaps.append(Gap(statement, row.line, status, row.msgid, row.first))
        at = unit.end
    if at < len(text):
        pieces.append(Piece(text[at:], LAYOUT))
    return Built(statement, language, tuple(pieces), tuple(gaps), units, translated, len(all_rows))


def translate_text(
    text: str,
    entries: Iterable[Entry],
    source_language: str,
    statement: str = "",
    language: str = "",
) -> Built:
    """Return *text* with each unit replaced by its translation, and the gaps."""
    return build_source(make_source(text, source_language), entries, statement, language)


def build_statement(project: Project, statement: Statement, lang: str) -> Built:
    """Build one statement in *lang* from its catalog."""
    path = project.catalog_path(lang, statement.id)
    entries = pofile.read(path, project.relative(path)).entries if path.exists() else []
    return build_source(source_of(project, statement), entries, statement.id, lang)


def output_path(project: Project, out_dir: Path | None, built: Built, statement: Statement) -> Path:
    """Return where a built statement is written (default ``instance/build/LANG/``)."""
    folder = out_dir if out_dir is not None else project.instance_dir / "build" / built.language
    return Path(folder) / statement.path.name


def write_built(path: Path, built: Built, lock_dir: Path) -> None:
    """Write a built statement atomically, under its lock in *lock_dir* (a project's).

    The folder is made if missing: ``build --out DIR`` names the folder itself.
    """
    with files.locked(path, lock_dir):
        files.atomic_write(path, built.text)
