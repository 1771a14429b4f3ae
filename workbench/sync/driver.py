"""The git merge driver: ``workbench merge-driver %O %A %B %P``.

git calls it with three temporary files (the common ancestor, this side's
version, the other side's) and the file's path in the project; the merged
result replaces this side's file. Catalogs and templates (``.po``, ``.pot``)
merge unit by unit (:mod:`workbench.sync.pomerge`), the glossary (``.tbx``)
concept by concept (:mod:`workbench.sync.tbxmerge`).

Conflicts are kept in the merged file as data, so the driver exits 0 and
git takes the file as merged; it exits 1 (git then reports a conflict and
keeps this side's file) only if a version cannot be read. When
``WORKBENCH_MERGE_REPORT`` names a file, each conflict is appended to it as a
line of JSON, for ``workbench sync`` to report.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.glossary import tbx
from workbench.glossary.model import Glossary
from workbench.sync import pomerge, tbxmerge
from workbench.util import files

_SOURCE_LANGUAGE = re.compile(rb'<martif[^>]*\sxml:lang="([^"]+)"')


@dataclass
class FileMerge:
    """What merging one file did."""

    path: str
    conflicts: list[dict] = field(default_factory=list)


def merge_bytes(base: bytes, ours: bytes, theirs: bytes, path: str) -> tuple[bytes, FileMerge]:
    """Merge three versions of the project file *path*; return the result and its conflicts."""
    report = FileMerge(path)
    if path.endswith((".po", ".pot")):
        merged = pomerge.merge_texts(
            _text(base, path), _text(ours, path), _text(theirs, path), path
        )
        for found in merged.conflicts:
            report.conflicts.append(
                {
                    "file": path,
                    "msgid": found.msgid,
                    "msgctxt": found.msgctxt,
                    "ours": "\n".join(found.ours),
                    "theirs": None if found.removed else "\n".join(found.theirs),
                    "ours_by": found.ours_by,
                    "theirs_by": found.theirs_by,
                }
            )
        for name in merged.header_conflicts:
            report.conflicts.append({"file": path, "header": name})
        return merged.text.encode("utf-8"), report
    if path.endswith(".tbx"):
        glossaries = [
            tbx.loads(data, path) if data.strip() else Glossary() for data in (base, ours, theirs)
        ]
        result, clashes = tbxmerge.merge_glossaries(*glossaries)
        for clash in clashes:
            report.conflicts.append(
                {"file": path, "concept": clash.concept_id, "detail": clash.detail}
            )
        found = _SOURCE_LANGUAGE.search(ours[:4096]) or _SOURCE_LANGUAGE.search(theirs[:4096])
        source = found.group(1).decode("ascii", "replace") if found else "en"
        return tbx.dumps(result, source), report
    raise WorkbenchError(f"{path}: the workbench merges .po, .pot and .tbx files only")


def _text(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WorkbenchError(
            f"{path}: not UTF-8 (byte {exc.start}); convert it and merge again"
        ) from exc


def merge_file(base: Path, ours: Path, theirs: Path, path: str) -> FileMerge:
    """Merge the files git gives a driver; write the result over *ours*."""
    data = [Path(p).read_bytes() for p in (base, ours, theirs)]
    result, report = merge_bytes(*data, path)
    files.atomic_write(Path(ours), result)
    log = os.environ.get("WORKBENCH_MERGE_REPORT")
    if log and report.conflicts:
        with open(log, "a", encoding="utf-8") as fh:
            for item in report.conflicts:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return report
