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

import json
import threading
from pathlib import Path

import pytest

from workbench import catalog as cat
from workbench import glossary as gl
from workbench.project import Project

from .browser_support import Server
from .reliability_support import (
    PASSWORD,
    STATEMENT,
    Gunicorn,
    Ledger,
    add_user,
    catalog_files,
    copy_project,
    loop,
    make_clients,
    msgfmt_problems,
    replace_text,
    run_clients,
    scaled,
    tally,
    units_of,
    workbench_command,
)

USERS = ("leyla", "dariush", "azadeh", "kaveh", "shirin")
CLIENTS = 20
SHARED_UNITS = 8  # 20 clients on 8 units: most saves overlap with another client's


@pytest.fixture
def team_project(tmp_path: Path) -> Path:
    """A copy of the repository's project with its catalogs and five translators."""
    root = copy_project(tmp_path / "project")
    adders = [
        threading.Thread(target=add_user, args=(root, name, "translator", PASSWORD))
        for name in USERS
    ]
    for thread in adders:
        thread.start()
    for thread in adders:
        thread.join()
    return root


def start_server(kind: str, root: Path, log: Path):
    if kind == "gunicorn":
        return Gunicorn(root, log, workers=3).start()
    return Server(root, log).start()


OTHER = "iran-uprising-workers-councils"


def give_pretranslate_work(root: Path, count: int = 60) -> list[str]:
    """Translate sentences of the other statement; return them.

    The update loop adds them, one at a time, to the statement the clients
    translate; each arrives empty, and pretranslate fills it from the memory.
    """
    sentences: list[str] = []

    def translate(catalog):
        for at, entry in enumerate(catalog.entries):
            if len(sentences) < count and 60 < len(entry.msgid) < 200 and "\n" not in entry.msgid:
                sentences.append(entry.msgid)
                catalog.entries[at] = entry.with_translation(
                    f"ترجمه‌ی جمله‌ی {len(sentences)} از بیانیه‌ی شوراها", cat.TRANSLATED
                )
        return catalog

    cat.modify(root / "locales" / "fa" / "LC_MESSAGES" / f"{OTHER}.po", translate)
    return sentences


def other_writers(root: Path, stop: threading.Event, work: Path, sentences: list[str]):
    """Start update, glossary import and pretranslate, each in a loop of subprocesses."""
    seed = root / "seeds" / f"{STATEMENT}.txt"
    original = seed.read_text(encoding="utf-8")

    def edit_statement(i: int) -> None:
        # Every other run adds a paragraph at the end, so each update rewrites
        # the catalog the clients save into, and pretranslate has a unit to fill.
        extra = f"\n{sentences[(i // 2) % len(sentences)]}\n" if i % 2 else ""
        replace_text(seed, original + extra)

    def write_csv(i: int) -> None:
        (work / f"terms-{i}.csv").write_text(
            f"id,en,fa\nrel-{i},reliability drill {i},تمرین پایداری {i}\n", encoding="utf-8"
        )

    project = ["--project", str(root)]
    return [
        loop("update", edit_statement, lambda i: workbench_command("update", *project), stop, root),
        loop(
            "glossary import",
            write_csv,
            lambda i: workbench_command("glossary", "import", f"{work}/terms-{i}.csv", *project),
            stop,
            root,
        ),
        loop(
            "pretranslate",
            None,
            lambda i: workbench_command("pretranslate", "fa", "--json", *project),
            stop,
            root,
        ),
    ]


@pytest.mark.parametrize("kind", ["gunicorn", "waitress"], ids=["gunicorn-3-workers", "waitress"])
def test_no_acknowledged_save_is_lost_with_twenty_clients_and_three_other_writers(
    team_project: Path, tmp_path: Path, kind: str
):
    root = team_project
    sentences = give_pretranslate_work(root)
    seconds = scaled(10)
    po = root / "locales" / "fa" / "LC_MESSAGES" / f"{STATEMENT}.po"
    keys = list(units_of(po))[:SHARED_UNITS]
    ledger = Ledger()
    stop = threading.Event()
    server = start_server(kind, root, tmp_path / "server.log")
    loops, clients = [], []
    try:
        clients = make_clients(server.port, list(USERS), CLIENTS, ledger)
        loops = other_writers(root, stop, tmp_path, sentences)
        crashes = run_clients(clients, keys, seconds)
    finally:
        stop.set()
        for state in loops:
            state.thread.join(240)
        for client in clients:
            client.close()
        server.stop()

    result = tally(ledger, units_of(po))
    print(
        f"\n{kind}: {CLIENTS} clients x {seconds:.0f} s, {len(keys)} shared units: {result.line()}"
    )
    for state in loops:
        print(f"  {state.name}: {state.runs} runs, {len(state.failures)} failed")
    fills = sum(len(json.loads(out)["filled"]) for out in loops[2].outputs if out.strip())
    print(f"  pretranslate filled {fills} units")

    assert not crashes, crashes
    assert not result.problems, result.problems[:10]
    assert result.lost == 0
    assert result.unanswered == 0 and result.failed == 0
    assert result.acknowledged + result.refused == result.sent
    # The load did what it is meant to: saves landed, and overlapping ones were refused.
    assert result.acknowledged >= CLIENTS and result.refused > 0

    for state in loops:
        assert state.runs > 0 and not state.failures, (state.name, state.failures[:3])
    assert not list(msgfmt_problems(catalog_files(root)))
    glossary = gl.load(Project.load(root))  # the TBX loads
    imported = next(s for s in loops if s.name == "glossary import")
    assert {f"rel-{i}" for i in range(1, imported.runs + 1)} <= {c.id for c in glossary}
