"""Several writers at once on one project: no acknowledged save is ever lost.

A real server on loopback (gunicorn with three worker processes, or
``workbench serve``) takes JSON saves from 20 client sessions that edit the
same few units, each based on the revision its client last saw; meanwhile
``workbench update``, ``workbench glossary import`` and ``workbench
pretranslate`` run in loops as separate processes. Afterwards the ledger of
every save sent is held against the files (see
:func:`tests.reliability_support.tally`).

Bounded: 10 s of load by default; WORKBENCH_RELIABILITY_SECONDS scales it,
and ``tests/bench/bench_reliability.py`` makes the long runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.glossary import store as glossary_store
from workbench.project import Project

from .reliability_support import KINDS, make_team_project, open_at_once, scaled, team_load

CLIENTS = 20


@pytest.mark.parametrize("kind", KINDS, ids=["gunicorn-3-workers", "waitress"])
def test_no_acknowledged_save_is_lost_with_twenty_clients_and_three_other_writers(
    tmp_path: Path, kind: str
):
    root = make_team_project(tmp_path / "project")
    run = team_load(root, kind, tmp_path, clients=CLIENTS, seconds=scaled(10))
    print("\n" + "\n".join(run.lines()))
    result = run.tally

    assert not run.crashes, run.crashes
    assert not result.problems, result.problems[:10]
    assert result.lost == 0
    assert result.unanswered == 0 and result.failed == 0
    assert result.acknowledged + result.refused == result.sent
    # The load did what it is meant to: saves landed, and overlapping ones were refused.
    assert result.acknowledged >= CLIENTS and result.refused > 0

    for state in run.loops:
        assert state.runs > 0 and not state.failures, (state.name, state.failures[:3])
    assert run.fills > 0  # pretranslate wrote while the clients saved
    assert not run.problems, run.problems  # msgfmt accepts every PO; the TBX loads
    imported = next(s for s in run.loops if s.name == "glossary import")
    concepts = {c.id for c in glossary_store.load(Project.load(root))}
    assert {f"rel-{i}" for i in range(1, imported.runs + 1)} <= concepts


@pytest.mark.parametrize("table", ["users", "history", "memory"])
def test_processes_opening_a_new_database_at_the_same_moment_all_succeed(
    tmp_path: Path, table: str
):
    # Server workers, `workbench user add` and pretranslate all open these;
    # the first opening switches the file to WAL, which SQLite refused with
    # "database is locked" when another process was opening it too.
    errors = open_at_once(tmp_path, table, processes=8, count=150)
    assert errors == [], f"{len(errors)} of 1200 openings failed: {errors[:3]}"
