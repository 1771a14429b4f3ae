"""Progress figures: of one catalog, and per statement and language (`stats`, dashboard)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from workbench.catalogs import pofile
from workbench.catalogs.model import FUZZY, REVIEWED, TRANSLATED, Entry
from workbench.project import Project


@dataclass(frozen=True)
class Stats:
    """Progress of one catalog."""

    units: int
    words: int
    translated: int
    reviewed: int
    fuzzy: int
    untranslated: int
    translated_words: int

    @property
    def percent(self) -> float:
        return (
            round(100.0 * (self.translated + self.reviewed) / self.units, 1)
            if self.units
            else 100.0
        )

    def as_dict(self) -> dict[str, int | float]:
        return {
            "units": self.units,
            "words": self.words,
            "translated": self.translated + self.reviewed,
            "reviewed": self.reviewed,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "percent": self.percent,
        }


def count_words(text: str) -> int:
    """Count the words of *text* as translators count them (whitespace-separated)."""
    return len(text.split())


def catalog_stats(
    entries: Iterable[Entry], expected: Iterable[tuple[str | None, str]] = ()
) -> Stats:
    """Return the progress figures of *entries* (obsolete ones ignored).

    *expected* holds the unit keys (msgctxt, msgid) of the statement's
    template: a unit the catalog lacks counts as untranslated, so a catalog
    that lost units (or has only its header) shows the statement's true
    progress, not 100 % of what is left.
    """
    units = words = translated = reviewed = fuzzy = untranslated = twords = 0
    have: set[tuple[str | None, str]] = set()
    for entry in entries:
        if entry.obsolete:
            continue
        have.add((entry.msgctxt, entry.msgid))
        units += 1
        n = count_words(entry.msgid)
        words += n
        status = entry.status
        if status == TRANSLATED:
            translated += 1
            twords += n
        elif status == REVIEWED:
            reviewed += 1
            twords += n
        elif status == FUZZY:
            fuzzy += 1
        else:
            untranslated += 1
    for key in expected:
        if key not in have:
            units += 1
            untranslated += 1
            words += count_words(key[1])
    return Stats(units, words, translated, reviewed, fuzzy, untranslated, twords)


def template_keys(project: Project, statement: str) -> frozenset[tuple[str | None, str]]:
    """Return the unit keys of *statement*'s template (none if it has no template yet)."""
    path = project.template_path(statement)
    if not path.exists():
        return frozenset()
    template = pofile.read(path, project.relative(path))
    return frozenset((e.msgctxt, e.msgid) for e in template.entries if not e.obsolete)


def project_stats(project: Project) -> list[dict[str, Any]]:
    """Return one row per statement and target language, in a stable order.

    A statement whose catalog does not exist yet shows as missing rather
    than being left out, so a new statement is visible before `update`.
    """
    rows: list[dict[str, Any]] = []
    for statement in project.statements():
        for lang in project.languages:
            path = project.catalog_path(lang, statement.id)
            row: dict[str, Any] = {"statement": statement.id, "language": lang}
            if path.exists():
                catalog = pofile.read(path, project.relative(path))
                expected = template_keys(project, statement.id)
                row.update(catalog_stats(catalog.entries, expected).as_dict())
                row["changed"] = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime(
                    "%Y-%m-%d %H:%M"
                )
                row["revised"] = catalog.header.get("PO-Revision-Date", "")
                row["missing"] = False
            else:
                row.update(
                    {
                        "units": 0,
                        "words": 0,
                        "translated": 0,
                        "reviewed": 0,
                        "fuzzy": 0,
                        "untranslated": 0,
                        "percent": 0.0,
                        "changed": "",
                        "revised": "",
                        "missing": True,
                    }
                )
            rows.append(row)
    return rows


@dataclass(frozen=True)
class Progress:
    """Done and reviewed units of a language at the end of each day."""

    days: tuple[int, ...]  # UTC days since 1970, one after the other
    done: tuple[int, ...]
    reviewed: tuple[int, ...]


def progress_over_time(
    done: int, reviewed: int, daily: list[tuple[int, int, int]], today: int, days: int = 60
) -> Progress:
    """Return the last *days* days' progress, counted back from today's *done* and *reviewed*.

    *daily* holds each day's change (day, done, reviewed), as the history
    records saves; days without saves keep the day before's figures. The
    figures before the first recorded save are what it started from.

    >>> p = progress_over_time(10, 2, [(100, 4, 0), (102, 3, 2)], today=103, days=5)
    >>> p.days, p.done, p.reviewed
    ((99, 100, 101, 102, 103), (3, 7, 7, 10, 10), (0, 0, 0, 2, 2))
    """
    changes = {day: (d, r) for day, d, r in daily}
    first = today - days + 1
    out_done, out_reviewed = [], []
    for day in range(today, first - 1, -1):
        out_done.append(done)
        out_reviewed.append(reviewed)
        d, r = changes.get(day, (0, 0))
        done, reviewed = done - d, reviewed - r
    return Progress(
        tuple(range(first, today + 1)), tuple(reversed(out_done)), tuple(reversed(out_reviewed))
    )
