"""Each unit's history of saves: who, when, old and new text and status.

Kept in SQLite under ``instance/`` (per install, never committed); the
catalogs stay the truth, so losing this file loses the history and
nothing translated. WAL mode and a busy timeout let several server
processes and the command line record at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.catalogs.model import Entry
from workbench.catalogs.store import Saved
from workbench.util import database

if TYPE_CHECKING:
    from workbench.project import Project

_SCHEMA = """
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    user TEXT,
    language TEXT NOT NULL,
    statement TEXT NOT NULL,
    msgctxt TEXT NOT NULL DEFAULT '',
    msgid TEXT NOT NULL,
    old_text TEXT NOT NULL,
    old_status TEXT NOT NULL,
    new_text TEXT NOT NULL,
    new_status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS history_unit ON history (language, statement, msgctxt, msgid);
CREATE TABLE IF NOT EXISTS history_forms (
    id INTEGER PRIMARY KEY REFERENCES history (id),
    old_forms TEXT,
    new_forms TEXT
);
"""
# The plural forms of a save of a plural entry (JSON lists) live in a table of
# their own, so that a history written before plurals were kept reads as it was.


@dataclass(frozen=True)
class HistoryRecord:
    """One recorded save of one unit."""

    id: int
    at: float
    user: str | None
    old_text: str
    old_status: str
    new_text: str
    new_status: str
    old_forms: tuple[str, ...] | None = None  # every form, for a plural entry
    new_forms: tuple[str, ...] | None = None

    @property
    def when(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.gmtime(self.at))


class History:
    """The history database of one project."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db = database.PerThread(self.path, _SCHEMA, ["synchronous=NORMAL"])

    @classmethod
    def of(cls, project: Project) -> History:
        """Return the history of *project*, in its instance folder."""
        return cls(project.instance_dir / "history.sqlite")

    def record(self, saved: Iterable[Saved], at: float | None = None) -> None:
        """Record accepted saves."""
        at = time.time() if at is None else at
        saved = list(saved)
        if not saved:
            return
        db = self._db()
        db.execute("BEGIN")
        try:
            self._insert(db, saved, at)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @staticmethod
    def _insert(db, saved: list[Saved], at: float) -> None:
        for s in saved:
            cursor = db.execute(
                "INSERT INTO history (at, user, language, statement, msgctxt, msgid, old_text,"
                " old_status, new_text, new_status) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    at,
                    s.user,
                    s.language,
                    s.statement,
                    s.after.msgctxt or "",
                    s.after.msgid,
                    s.before.msgstr,
                    s.before.status,
                    s.after.msgstr,
                    s.after.status,
                ),
            )
            if s.before.plural or s.after.plural:
                db.execute(
                    "INSERT INTO history_forms (id, old_forms, new_forms) VALUES (?,?,?)",
                    (cursor.lastrowid, _forms(s.before), _forms(s.after)),
                )

    def of_unit(
        self, language: str, statement: str, msgid: str, msgctxt: str | None = None, limit: int = 50
    ) -> list[HistoryRecord]:
        """Return the unit's saves, newest first."""
        rows = (
            self._db()
            .execute(
                "SELECT h.id, at, user, old_text, old_status, new_text, new_status, old_forms,"
                " new_forms FROM history h LEFT JOIN history_forms f ON f.id = h.id"
                " WHERE language=? AND statement=? AND msgctxt=? AND msgid=?"
                " ORDER BY h.id DESC LIMIT ?",
                (language, statement, msgctxt or "", msgid, limit),
            )
            .fetchall()
        )
        return [_record(row) for row in rows]

    def get(self, change_id: int) -> tuple[str, str, str, str | None, HistoryRecord] | None:
        """Return (language, statement, msgid, msgctxt, change) of one recorded save."""
        if not 0 < change_id < 2**63:
            return None  # no such row, and SQLite could not even compare the number
        row = (
            self._db()
            .execute(
                "SELECT language, statement, msgid, msgctxt, h.id, at, user, old_text, old_status,"
                " new_text, new_status, old_forms, new_forms FROM history h"
                " LEFT JOIN history_forms f ON f.id = h.id WHERE h.id=?",
                (change_id,),
            )
            .fetchone()
        )
        if row is None:
            return None
        return row[0], row[1], row[2], row[3] or None, _record(row[4:])

    def daily(self, language: str) -> list[tuple[int, int, int]]:
        """Return (day, change in done units, change in reviewed units) per day with saves.

        A day is counted in UTC days since 1970; done is translated or reviewed.
        Oldest first. One query, summed by SQLite: cheap on a long history.
        """
        rows = (
            self._db()
            .execute(
                "SELECT CAST(at / 86400 AS INTEGER) AS day,"
                " SUM(new_status IN ('translated', 'reviewed'))"
                " - SUM(old_status IN ('translated', 'reviewed')),"
                " SUM(new_status = 'reviewed') - SUM(old_status = 'reviewed')"
                " FROM history WHERE language=? GROUP BY day ORDER BY day",
                (language,),
            )
            .fetchall()
        )
        return [(int(day), int(done), int(reviewed)) for day, done, reviewed in rows]

    def count(self) -> int:
        return self._db().execute("SELECT COUNT(*) FROM history").fetchone()[0]


def _forms(entry: Entry) -> str | None:
    return json.dumps(list(entry.forms), ensure_ascii=False) if entry.plural else None


def _record(row: tuple) -> HistoryRecord:
    old, new = (tuple(json.loads(v)) if v else None for v in row[7:9])
    return HistoryRecord(*row[:7], old_forms=old, new_forms=new)
