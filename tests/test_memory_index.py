"""The memory's index on disk: in step with the entries after every change, and after a crash."""

from __future__ import annotations

import logging
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.errors import TranslationMemoryError
from workbench.memory import index
from workbench.memory.memory import IMPORT_FOLDER, Memory, memory_path
from workbench.memory.similarity import score
from workbench.memory.store import SCHEMA_VERSION, Record

from .memory_support import check_in_step

WORDS = (
    "the workers council strike of Arak bread freedom committee wages sugar cane Haft Tappeh "
    "oil teachers retired nurses we call on all to form a general assembly"
).split()


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 16))) + rng.choice(".!?,")


def test_every_change_keeps_the_index_in_step_and_lookups_exact(tmp_path: Path) -> None:
    rng = random.Random(5)
    path = memory_path(tmp_path, "fa")
    stored: dict[tuple[str, str, str], str] = {}
    with Memory.open(tmp_path, "fa") as mem:
        for step in range(60):
            action = rng.random()
            origin = f"s{rng.randrange(4)}"
            if action < 0.5:
                batch = [
                    Record(sentence(rng), f"t{step}.{i}", origin)
                    for i in range(rng.randint(1, 300))
                ]
                mem.add_many(batch)
                stored.update((r.key, r.source) for r in batch)
            elif action < 0.7 and stored:
                key = rng.choice(sorted(stored))
                origin, context, source = key
                assert mem.remove(origin, source, context)
                del stored[key]
            elif action < 0.85:
                batch = [
                    Record(sentence(rng), f"r{step}.{i}", origin)
                    for i in range(rng.randint(0, 200))
                ]
                mem.replace_origin(origin, batch)
                stored = {k: v for k, v in stored.items() if k[0] != origin}
                stored.update((r.key, r.source) for r in batch)
            else:
                mem.remove_origin(origin)
                stored = {k: v for k, v in stored.items() if k[0] != origin}
            assert check_in_step(path) == len(stored) == len(mem)
        for _ in range(30):
            query = sentence(rng)
            for threshold in (70, 85, 100):
                found = mem.lookup(query, threshold=threshold, limit=None)
                assert {(m.origin, m.source, m.score) for m in found} == {
                    (origin, source, score(query, source))
                    for (origin, _context, source) in stored
                    if score(query, source) >= threshold
                }


WRITE = """
import sys
from workbench.memory.memory import Memory
from workbench.memory.store import Record

folder, kind, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
records = (
    Record(
        f"Sentence {i} on strike {i % 97} of the council {i % 13} in Arak.",
        "t",
        "locales/memory/big.tmx" if kind == "import" else f"s{i // 500}",
    )
    for i in range(n)
)
with Memory.open(folder, "fa") as mem:
    print("writing", flush=True)
    if kind == "rebuild":
        mem.rebuild(records)
    elif kind == "import":
        mem.replace_origin("locales/memory/big.tmx", records)
    else:
        mem.add_many(records)
print("done", flush=True)
"""


@pytest.mark.parametrize(
    ("kind", "first"),
    [("rebuild", 0), ("import", 0), ("add", 3000), ("add", 30_000)],
    ids=[
        "rebuild-of-an-empty-memory",
        "import-into-an-empty-memory",
        "adding-past-fourfold-ranks-anew",
        "adding-to-a-large-one",
    ],
)
def test_a_writer_killed_mid_write_leaves_store_and_index_in_step(
    tmp_path: Path, kind: str, first: int
) -> None:
    path = memory_path(tmp_path, "fa")
    with Memory.open(tmp_path, "fa") as mem:
        mem.add_many(
            Record(f"Earlier sentence number {i} of Ahvaz.", "x", "old") for i in range(first)
        )
    outcomes = []
    for delay in (0.3, 0.8, 1.6, 3.0):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITE, str(tmp_path), kind, "40000"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline() == "writing\n"
        time.sleep(delay)
        finished = writer.poll() is not None
        writer.send_signal(signal.SIGKILL)
        writer.communicate()
        count = check_in_step(path)
        outcomes.append((finished, count))
        # No scratch file of the index build left behind: they have no name.
        assert {p.name for p in path.parent.iterdir()} <= {
            path.name,
            f"{path.name}-wal",
            f"{path.name}-shm",
        }
        # All of the write or none of it, never a part.
        assert count in (first, first + 40_000)
        with Memory.open(tmp_path, "fa") as mem:
            found = mem.lookup("Sentence 123 on strike 26 of the council 6 in Arak.", limit=1)
            assert [m.score for m in found] == ([100] if count > first else [])
            with mem.batch():  # back to where the next kill starts from
                for origin in range(80):
                    mem.remove_origin(f"s{origin}")
                mem.remove_origin(f"{IMPORT_FOLDER}big.tmx")
            assert len(mem) == first
    # At least one kill came in the middle of the write.
    assert any(not finished and count == first for finished, count in outcomes), outcomes


def test_a_memory_from_an_older_version_is_emptied_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = memory_path(tmp_path, "fa")
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
        "INSERT INTO meta VALUES ('schema', 2);"
        "CREATE TABLE entries (id INTEGER PRIMARY KEY, source TEXT, live INTEGER);"
        "INSERT INTO entries VALUES (1, 'All power to the councils!', 1);"
    )
    old.close()
    with caplog.at_level(logging.WARNING, logger="workbench.memory.memory"):
        with Memory.open(tmp_path, "fa") as mem:
            assert len(mem) == 0
            mem.add(Record("All power to the councils!", "همه‌ی قدرت به شوراها!", "arak"))
            assert [m.score for m in mem.lookup("All power to the councils!")] == [100]
    assert caplog.messages == [
        f"{path}: the translation memory was written by another version (schema 2); it is "
        "derived data, so it is filled again from the catalogs and imported files"
    ]
    with Memory.open(tmp_path, "fa"):
        pass
    db = sqlite3.connect(path)
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == (SCHEMA_VERSION,)
    db.close()
    assert len(caplog.messages) == 1  # said once, when it happened


def test_entries_of_thousands_of_tokens_are_indexed_and_found(tmp_path: Path) -> None:
    rng = random.Random(9)
    long = " ".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(4500))
    with Memory.open(tmp_path, "fa") as mem:
        mem.add_many([Record(long, "long", "a"), Record("Bread, work, freedom.", "short", "a")])
        assert check_in_step(memory_path(tmp_path, "fa")) == 2
        assert [(m.target, m.score) for m in mem.lookup(long)] == [("long", 100)]
        changed = long.replace(" ", ",", 100)  # the same length, a hundred tokens more
        assert [(m.target, m.score) for m in mem.lookup(changed)] == [
            ("long", score(changed, long))
        ]


def stored(path: Path) -> tuple[set, dict, list]:
    """Return a memory file's entries, its origins' fingerprints and its changes' order."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute(
            "SELECT origin, context, source, target, unit, extra, seq FROM entries "
            f"WHERE origin NOT LIKE '{IMPORT_FOLDER}%' ORDER BY seq, id"
        ).fetchall()
        prints = dict(db.execute("SELECT origin, digest FROM origins"))
    finally:
        db.close()
    return {row[:-1] for row in rows}, prints, [row[:3] for row in rows]


def test_a_rebuild_of_an_empty_memory_stores_and_indexes_what_one_into_a_full_one_does(
    tmp_path: Path,
) -> None:
    rng = random.Random(11)
    records = []
    for origin in ("arak", "ahvaz", "haft-tappeh"):
        records += [
            Record(sentence(rng), f"{origin} {i}", origin, context=str(i % 7), unit=f"u{i}")
            for i in range(400)
        ]
    # Over four thousand entries of one length: their band is posted a group at a time.
    records += [Record(f"Wages of {i} workers unpaid.", f"w{i}", "wages") for i in range(5000)]
    records += [
        Record("Bread, work, freedom.", "", "arak"),  # untranslated: not stored
        Record(records[0].source, "the same key again", "arak", context=records[0].context),
        *records[400:410],  # an origin that comes back after another: added to
    ]
    keys = len({r.key for r in records if r.target})
    with Memory.open(tmp_path / "empty", "fa") as bulk:
        done = bulk.rebuild(records)
        assert (done.changed, done.entries) == (("arak", "ahvaz", "haft-tappeh", "wages"), keys)
    with Memory.open(tmp_path / "full", "fa") as full:
        full.add(Record("Kept while the rest is rebuilt.", "x", f"{IMPORT_FOLDER}old.tmx"))
        full.rebuild(records)
    empty, used = memory_path(tmp_path / "empty", "fa"), memory_path(tmp_path / "full", "fa")
    assert check_in_step(empty) == keys
    entries, prints, order = stored(empty)
    assert (entries, order) == stored(used)[::2]
    assert prints == {k: v for k, v in stored(used)[1].items() if not k.startswith(IMPORT_FOLDER)}
    assert ("arak", records[0].context, records[0].source, "the same key again") in {
        row[:4] for row in entries
    }
    with (
        Memory.open(tmp_path / "empty", "fa") as bulk,
        Memory.open(tmp_path / "full", "fa") as full,
    ):
        # The same fingerprints: what did not change is skipped alike (an
        # origin that comes back after another is always written again).
        again, also = bulk.rebuild(records), full.rebuild(records)
        assert (again.changed, again.unchanged) == (also.changed, also.unchanged)
        assert again.unchanged == ("haft-tappeh", "wages")
        for query in [sentence(rng) for _ in range(20)] + ["Wages of 77 workers unpaid!"]:
            ours = [(m.score, m.source, m.target) for m in bulk.lookup(query, limit=None)]
            theirs = [(m.score, m.source, m.target) for m in full.lookup(query, limit=None)]
            assert ours == [t for t in theirs if t[2] != "x"]


def test_a_rebuild_of_an_empty_memory_refuses_text_that_cannot_be_stored_and_stays_empty(
    tmp_path: Path,
) -> None:
    with Memory.open(tmp_path, "fa") as mem:
        with pytest.raises(TranslationMemoryError) as err:
            mem.rebuild([Record("Fine.", "x", "arak"), Record("broken \udc80", "x", "arak")])
        assert str(err.value) == (
            "a text holds a character that cannot be stored (surrogates not allowed); "
            "fix the unit and save again"
        )
        assert len(mem) == 0
        mem.rebuild([Record("Fine.", "x", "arak")])
        assert [m.target for m in mem.lookup("Fine.")] == ["x"]
    assert check_in_step(memory_path(tmp_path, "fa")) == 1


def test_an_index_built_over_ids_of_two_parts_writes_each_part_in_rows_of_its_own(
    tmp_path: Path,
) -> None:
    path = memory_path(tmp_path, "fa")
    with Memory.open(tmp_path, "fa"):
        pass  # the file and its tables
    db = sqlite3.connect(path, isolation_level=None)
    rng = random.Random(3)
    first_of_second = 1 << index._PART_BITS
    ids = [*range(1, 300), *range(first_of_second - 5, first_of_second + 300)]
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO entries (id, khash, origin, context, source, target, unit, seq) "
        "VALUES (?, ?, 'a', ?, ?, 't', '', 1)",
        [(i, i.to_bytes(16, "big"), str(i), sentence(rng)) for i in ids],
    )
    index.build(db)
    db.execute("COMMIT")
    assert db.execute("SELECT count(DISTINCT part) FROM postings").fetchone() == (2,)
    db.close()
    assert check_in_step(path) == len(ids)


def test_a_large_change_gives_back_its_room_in_the_write_ahead_log(tmp_path: Path) -> None:
    log = Path(f"{memory_path(tmp_path, 'fa')}-wal")
    long = "ترجمه‌ی بلند " * 50  # 80 MB of log in all, past the 64 MB it keeps
    records = [Record(f"Statement {i} of the strike committee.", long, "s") for i in range(60_000)]
    with Memory.open(tmp_path, "fa") as mem:
        mem.rebuild(records)
        assert log.stat().st_size == 0
        mem.add(Record("One more.", "t", "s"))
        assert 0 < log.stat().st_size < 1 << 20  # a small change keeps its log
        found = mem.lookup("Statement 77 of the strike committee.", limit=1)
        assert [(m.score, m.target) for m in found] == [(100, long)]
