"""Glossary files in and out: import a .csv or .tbx file into the project, export one."""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import GlossaryError
from workbench.glossary import csv as termcsv
from workbench.glossary import tbx
from workbench.glossary.incoming import Incoming, checked_at
from workbench.glossary.merge import ImportReport, merge
from workbench.glossary.model import Glossary
from workbench.glossary.store import load, modify
from workbench.util import files

if TYPE_CHECKING:
    from workbench.project import Project


def import_file(
    project: Project,
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    lang: str | None = None,
) -> ImportReport:
    """Merge a .csv or .tbx file into the project's glossary; write nothing if any part is bad.

    *lang* names the target language of a CSV file whose header does not
    (``source,target``). What the file holds that the glossary cannot is
    counted in the report's ``not_kept``.
    """
    name = os.fspath(path)
    kind = _kind(name)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot be read ({exc.strerror})", path=name) from exc
    skipped: Counter[str] = Counter()
    if kind == "csv":
        incoming = termcsv.read(data, name, project.source_language, lang, skipped)
    else:
        incoming = tbx.read(data, name, skipped)
    incoming = [_adopted(item, project, name) for item in incoming]
    report = ImportReport()

    def change(glossary: Glossary) -> Glossary:
        nonlocal report
        merged, report = merge(
            glossary, incoming, source_language=project.source_language, name=name
        )
        return glossary if dry_run else merged

    modify(project, change)
    return dataclasses.replace(report, not_kept=tuple(sorted(skipped.items(), key=_most)))


def _most(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def _adopted(item: Incoming, project: Project, name: str) -> Incoming:
    # Other tools often write regional codes (en-US, fa-IR); a project that
    # works in en and fa means the same languages, and its checks look there.
    own = (project.source_language, *project.languages)

    def code(lang: str) -> str:
        base = lang.split("_")[0]
        return base if lang not in own and base in own else lang

    terms = tuple(dataclasses.replace(t, language=code(t.language)) for t in item.concept.terms)
    if all(t.language == u.language for t, u in zip(terms, item.concept.terms, strict=True)):
        return item
    concept = checked_at(dataclasses.replace(item.concept, terms=terms), item, name)
    given = frozenset((code(lang), status) for lang, status in item.given)
    stated = frozenset((code(lang), text, attr) for lang, text, attr in item.stated)
    return dataclasses.replace(item, concept=concept, given=given, stated=stated)


def export_file(
    project: Project,
    path: str | os.PathLike[str],
    *,
    tbx_version: str = tbx.V3,
    bom: bool = True,
) -> int:
    """Write the glossary to a .csv or .tbx file (atomic); return the number of concepts.

    A .tbx file is TBX v3 (TBX-Basic) unless *tbx_version* is ``"2008"``; a
    .csv file starts with a byte order mark unless *bom* is false. The
    file's folder must exist; its lock is the project's.
    """
    name = os.fspath(path)
    kind = _kind(name)
    target = Path(path)
    files.require_folder(target)
    glossary = load(project)
    if kind == "csv":
        languages = (project.source_language, *project.languages)
        data = termcsv.dumps(glossary, project.source_language, languages, bom=bom)
    else:
        data = tbx.dumps(glossary, project.source_language, tbx_version)
    with files.locked(target, project.lock_dir):
        files.atomic_write(target, data, make_folder=False)
    return len(glossary)


def _kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".tbx"):
        return suffix[1:]
    raise GlossaryError(
        f'unknown glossary format "{suffix or "(no suffix)"}"; use a .csv or .tbx file', path=name
    )
