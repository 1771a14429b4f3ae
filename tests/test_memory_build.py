"""A memory indexed in one pass after a bulk load: the same matches as one indexed entry by entry.

An empty memory filled from records (``Memory.rebuild``, ``Memory.replace_origin``)
appends its rows and then indexes them all at once (``index.build``); every
other change is taken in entry by entry (``index.catch_up``). Both must find
every entry a brute-force scan scores at the threshold or above, with the
same score, whatever the texts: Persian with its zero-width non-joiner and
Arabic letter forms, Arabic, German, English, characters past the BMP, empty
texts, texts of one word or of thousands, the same text many times.
"""

from __future__ import annotations

import errno
import os
import random
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from workbench.errors import StorageError, TranslationMemoryError
from workbench.memory import index
from workbench.memory.memory import IMPORT_FOLDER, Memory, memory_path
from workbench.memory.similarity import score
from workbench.memory.store import Record

from .memory_support import check_in_step

PERSIAN = (
    "کارگران شوراها اعتصاب می‌خواهیم همه‌ی قدرت به نان کار آزادی کمیته‌ی هفت‌تپه نفت "
    "معلمان بازنشستگان پرستاران دستمزد تومان ۱۴۰۲ ۴٬۰۰۰ كارگران شوراي"
).split()
ARABIC = "العمال الإضراب المجالس الخبز الحرية لجنة الأجور النفط المعلمين كل السلطة".split()
GERMAN = "Arbeiterräte Streik Löhne Straße STRASSE Brot Freiheit Komitee Ölarbeiter Macht".split()
ENGLISH = (
    "the workers council strike of Arak bread freedom committee wages sugar cane Haft Tappeh "
    "oil teachers retired nurses we call on all to form a general assembly 4,000 toman"
).split()
# Past the BMP (mathematical letters fold to "arak", a raised fist with its skin
# tone, CJK extension B, a factory), quotes that fold, a ligature, a dotted I.
ODD = ["𝐀𝐫𝐚𝐤", "✊🏽", "𠀀𠀁", "🏭", "«شوراها»", "“councils”", "workers’", "ﬁle", "İstanbul"]
POOLS = [PERSIAN, ARABIC, GERMAN, ENGLISH, PERSIAN + ENGLISH, ODD + ENGLISH, ODD + PERSIAN]
EMPTY = ["", " ", "\u00a0", "\u200c", "؟"]  # no token at all, or a single mark
SAME = ["All power to the councils!", "همه‌ی قدرت به شوراها!"]


def text(rng: random.Random) -> str:
    """Return one source text: mostly a sentence, sometimes an edge of the index."""
    kind = rng.random()
    if kind < 0.02:
        return rng.choice(EMPTY)
    if kind < 0.035:
        # Long and very long (past the lengths whose shapes are precomputed):
        # one-letter words keep them within what a lookup accepts.
        n = rng.choice([60, 300, 1500, index._MAX_LENGTH + 104])
        return " ".join(rng.choice("abcdefghij،.") for _ in range(n))
    if kind < 0.12:
        return rng.choice(SAME)  # the same text, many times
    pool = rng.choice(POOLS)
    words = [rng.choice(pool) for _ in range(rng.choice([1, 1, 2, 3, 5, 8, 12, 16, 24, 40]))]
    if rng.random() < 0.3:
        words.append(f"n{rng.randrange(100_000)}")  # a word few entries hold
    return " ".join(words) + (rng.choice(".,!?؟،؛:") if rng.random() < 0.6 else "")


def records(seed: int, count: int) -> list[Record]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        out.append(Record(text(rng), f"t{i}", f"s{rng.randrange(12)}", context=str(i % 3)))
        if rng.random() < 0.01:  # the same key again: its later translation wins
            out.append(Record(out[-1].source, f"t{i}b", out[-1].origin, out[-1].context))
    return out


def queries(rng: random.Random, sources: list[str], count: int) -> list[str]:
    """Return texts near stored ones (a word dropped, added, changed; case changed) and others."""
    out = []
    for _ in range(count):
        words = rng.choice(sources).split()
        kind = rng.random()
        if words and kind < 0.25:
            del words[rng.randrange(len(words))]
        elif kind < 0.5:
            words.insert(rng.randrange(len(words) + 1), rng.choice(["the", "کارگران", "Streik"]))
        elif words and kind < 0.7:
            words[rng.randrange(len(words))] = rng.choice(rng.choice(POOLS))
        elif kind < 0.8:
            words = [w.upper() for w in words]
        elif kind < 0.9:
            words = text(rng).split()
        out.append(" ".join(words))
    return [*out, "never seen before", "𝐀𝐫𝐚𝐤", "می‌خواهیم"]


def brute_force(query: str, stored: dict[tuple[str, str, str], str]) -> dict[tuple, int]:
    """Return every stored entry with its score against *query*, scored one by one."""
    scores = {source: score(query, source) for source in {key[2] for key in stored}}
    return {(*key, target): scores[key[2]] for key, target in stored.items()}


def above(scored: dict[tuple, int], threshold: int) -> set:
    return {(*entry, value) for entry, value in scored.items() if value >= threshold}


def found(mem: Memory, query: str, threshold: int) -> set:
    return {
        (m.origin, m.context, m.source, m.target, m.score)
        for m in mem.lookup(query, threshold=threshold, limit=None)
    }


THRESHOLDS = (70, 71, 86, 100, 45)  # the last one below the index: every entry compared


def test_a_memory_indexed_in_bulk_finds_what_one_indexed_entry_by_entry_and_brute_force_find(
    tmp_path: Path,
) -> None:
    given = records(2026, 3000)
    stored = {r.key: r.target for r in given}
    with Memory.open(tmp_path / "bulk", "fa") as bulk, Memory.open(tmp_path / "one", "fa") as one:
        bulk.rebuild(given)
        for record in given:
            one.add(record)
        assert len(bulk) == len(one) == len(stored)
        assert check_in_step(memory_path(tmp_path / "bulk", "fa")) == len(stored)
        assert check_in_step(memory_path(tmp_path / "one", "fa")) == len(stored)
        for query in queries(random.Random(3), [r.source for r in given], 200):
            scored = brute_force(query, stored)
            for threshold in THRESHOLDS:
                expected = above(scored, threshold)
                assert found(bulk, query, threshold) == expected, (query, threshold)
                assert found(one, query, threshold) == expected, (query, threshold)


# Each bound of a whole build, crossed many times by a few thousand entries: a
# group of lists set aside, a pack of codes sent to the scratch file, a chunk
# read back, a part of ids, the codes of words and pieces of text let go, the
# tokens ranked on a sample.
SMALL_BOUNDS = {
    "_GROUP": 1,
    "_MOST_GROUP": 7,
    "_PACK": 3,
    "_CHUNK": 16,
    "_PART_BITS": 9,
    "_KEPT": 5,
    "_MOST_KEPT": 5,
    "_SAMPLE": 50,
    "_BATCH": 7,
    "_FLUSH": 50,
}


@pytest.mark.parametrize(
    "bounds",
    [SMALL_BOUNDS, {"_PACK": 1, "_GROUP": 2, "_MOST_GROUP": 2, "_CHUNK": 1, "_MOST_KEPT": 0}],
    ids=["every-bound-small", "every-entry-its-own-pack-group-and-chunk"],
)
def test_a_build_crossing_its_memory_bounds_again_and_again_indexes_every_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bounds: dict[str, int]
) -> None:
    for name, value in bounds.items():
        monkeypatch.setattr(index, name, value)
    given = records(7, 2500)
    stored = {r.key: r.target for r in given}
    with Memory.open(tmp_path, "fa") as mem:
        mem.rebuild(given)
        assert check_in_step(memory_path(tmp_path, "fa")) == len(stored)
        # What comes after the build goes the incremental way, on the same bounds.
        more = records(8, 400)
        mem.add_many(more)
        stored.update((r.key, r.target) for r in more)
        assert check_in_step(memory_path(tmp_path, "fa")) == len(stored)
        for query in queries(random.Random(4), [r.source for r in given], 60):
            scored = brute_force(query, stored)
            for threshold in THRESHOLDS[:-1]:
                assert found(mem, query, threshold) == above(scored, threshold), (query, threshold)


@pytest.mark.slow
def test_words_past_the_last_code_share_code_points_and_every_match_is_still_found(
    tmp_path: Path,
) -> None:
    # Sixteen words of their own in each entry: a million and some, more
    # words than there are codes. Those coded last share code points by a
    # checksum, in the build and in the entries added after it.
    per = 16
    n = (index._LAST_CODE + 1 + 2000) // per + 1

    def own(i: int) -> list[str]:
        return [f"w{i * per + j}" for j in range(per)]

    path = memory_path(tmp_path, "fa")
    with Memory.open(tmp_path, "fa") as mem:
        mem.rebuild(Record(" ".join(own(i)), f"t{i}", "big") for i in range(n))
        mem.add_many(Record(" ".join(own(i)), f"t{i}", "more") for i in range(n, n + 200))
        assert check_in_step(path) == n + 200
        db = sqlite3.connect(path)
        try:
            codes = dict(db.execute("SELECT token, code FROM vocab"))
        finally:
            db.close()
        assert len(codes) == (n + 200) * per
        sharing: dict[int, list[str]] = {}
        for word, code in codes.items():
            if code >= index._SHARED:
                sharing.setdefault(code, []).append(word)
        assert sum(map(len, sharing.values())) == len(codes) - (index._LAST_CODE + 1)
        assert max(sharing) < ord(index._UNKNOWN)  # a word never seen matches nothing

        def entry(word: str) -> int:
            return int(word[1:]) // per

        built = min(entry(word) for words in sharing.values() for word in words)
        for i in (0, n // 2, built, n - 1, n, n + 199):  # own codes, shared ones, added after
            for words in (own(i), own(i)[1:], [*own(i)[:-2], "new", "ones"]):
                query = " ".join(words)
                assert {(m.target, m.score) for m in mem.lookup(query, limit=None)} == {
                    (f"t{i}", score(query, " ".join(own(i))))
                }
        # Two words that share a code point look the same to the index: a
        # score can come out generous, and no match is lost.
        first, second = next(
            (a, b)
            for a, b, *_ in (w for w in sharing.values() if len(w) > 1)
            if entry(a) != entry(b)
        )
        i = entry(first)
        query = " ".join(second if word == first else word for word in own(i))
        assert score(query, " ".join(own(i))) == 93
        assert [(m.target, m.score) for m in mem.lookup(query)] == [(f"t{i}", 99)]


# -- a build that fails --------------------------------------------------------


class Scratch:
    """The tempfile module as the index sees it, its scratch files made by *make*."""

    def __init__(self, make: Callable[..., IO[bytes]]) -> None:
        self.TemporaryFile = make
        self.gettempdir = tempfile.gettempdir


def full_disk(dir: str | None = None) -> IO[bytes]:
    """Return a scratch file on a full disk: /dev/full refuses every write as one does."""
    return open("/dev/full", "w+b")


ON_LINUX = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")


@pytest.mark.parametrize(
    "failure",
    ["load", pytest.param("index", marks=ON_LINUX)],
    ids=["a-text-that-cannot-be-stored", "the-index-scratch-file-on-a-full-disk"],
)
def test_a_bulk_load_that_fails_inside_a_batch_leaves_the_memory_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    tmx = f"{IMPORT_FOLDER}broken.tmx"
    given = [Record(f"Statement {i} of the strike committee.", "ت", tmx) for i in range(2000)]
    if failure == "load":
        given.append(Record("broken \udc80", "ت", tmx))  # a lone surrogate: not storable
    with Memory.open(tmp_path, "fa") as mem:
        with mem.batch():
            with monkeypatch.context() as patch:
                if failure == "index":
                    patch.setattr(index, "tempfile", Scratch(full_disk))
                with pytest.raises((TranslationMemoryError, StorageError)):
                    mem.replace_origin(tmx, given)  # into an empty memory: in bulk
            # The batch goes on, as one whose caller has reported the error.
            mem.add(Record("All power to the councils!", "همه‌ی قدرت به شوراها!", "arak"))
        assert mem.origins() == {"arak": 1}
        mem.add(Record("Bread, work, freedom.", "نان، کار، آزادی.", "arak"))
        assert [m.target for m in mem.lookup("Bread, work, freedom!")] == ["نان، کار، آزادی."]
        assert mem.lookup("Statement 7 of the strike committee.").matches == ()
    assert check_in_step(memory_path(tmp_path, "fa")) == 2


DISK_FULL = (
    "the translation memory cannot be written: the disk is full; "
    "free some space and try again (nothing was changed)"
)


def test_a_full_disk_while_an_empty_memory_is_filled_is_one_clear_error_and_changes_nothing(
    tmp_path: Path,
) -> None:
    given = records(1, 4000)
    with Memory.open(tmp_path, "fa") as mem:
        # SQLite's cap on the file's pages: past it, the very error and rollback
        # of a full disk.
        mem._db.execute("PRAGMA max_page_count = 60")
        with pytest.raises(StorageError) as err:
            mem.rebuild(given)
        assert str(err.value) == f"{memory_path(tmp_path, 'fa')}: {DISK_FULL}"
        assert len(mem) == 0 and mem.origins() == {}
        mem._db.execute("PRAGMA max_page_count = 1073741823")  # room made
        mem.rebuild(given)
        assert len(mem) == len({r.key for r in given})
    assert check_in_step(memory_path(tmp_path, "fa")) == len({r.key for r in given})


def test_a_full_disk_inside_a_batch_undoes_the_change_or_the_batch_never_half_of_one(
    tmp_path: Path,
) -> None:
    tmx = f"{IMPORT_FOLDER}big.tmx"
    path = memory_path(tmp_path, "fa")
    big = [Record(f"Statement {i} of the strike committee.", "ت", tmx) for i in range(4000)]
    with Memory.open(tmp_path, "fa") as mem:
        mem._db.execute("PRAGMA max_page_count = 60")
        try:
            with mem.batch():
                with pytest.raises(StorageError) as err:
                    mem.replace_origin(tmx, big)
                assert str(err.value) == f"{path}: {DISK_FULL}"
                mem.add(Record("After.", "ت", "arak"))
        except StorageError as undone:
            # SQLite undid the whole transaction, not only the failed change
            # (it may, on a full disk): what follows in the batch is refused.
            assert str(undone) == (
                f"{path}: the translation memory cannot be written: an error earlier in this "
                "batch of changes undid them all; try the batch again (nothing was changed)"
            )
            assert mem.origins() == {}
        else:
            assert mem.origins() == {"arak": 1}
        mem._db.execute("PRAGMA max_page_count = 1073741823")
        mem.replace_origin(tmx, big)
        best = mem.lookup("Statement 7 of the strike committee.", limit=1)
        assert [(m.score, m.origin) for m in best] == [(100, tmx)]
    assert check_in_step(path) in (4000, 4001)


@ON_LINUX
def test_a_full_disk_under_the_index_scratch_file_is_one_clear_error_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The codes of the first pack wait in the scratch file's buffer; its ids
    # flush them, and fail.
    monkeypatch.setattr(index, "tempfile", Scratch(full_disk))
    given = [Record(f"Bread{i}!", f"t{i}", "arak") for i in range(2000)]
    with Memory.open(tmp_path, "fa") as mem:
        assert _refused_build(mem, given) == _scratch_refused(
            tmp_path, "No space left on device", "make room on the disk"
        )
        monkeypatch.undo()
        mem.rebuild(given)
        assert [m.target for m in mem.lookup("Bread77!")] == ["t77"]
    assert check_in_step(memory_path(tmp_path, "fa")) == 2000


def test_a_memory_folder_that_cannot_be_written_stops_the_build_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The folder was made read-only while the memory was open: SQLite goes on
    # with the files it has, and a new scratch file is refused.
    def refused(dir: str | None = None) -> IO[bytes]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), dir)

    monkeypatch.setattr(index, "tempfile", Scratch(refused))
    given = [Record(f"Bread{i}!", f"t{i}", "arak") for i in range(2000)]
    with Memory.open(tmp_path, "fa") as mem:
        assert _refused_build(mem, given) == _scratch_refused(
            tmp_path, "Permission denied", "make the folder writable"
        )


def _refused_build(mem: Memory, given: list[Record]) -> str:
    """Return the error of a build that must fail, after checking it left the memory empty."""
    with pytest.raises(StorageError) as err:
        mem.rebuild(given)
    assert len(mem) == 0
    return str(err.value)


def _scratch_refused(tmp_path: Path, cause: str, advice: str) -> str:
    return (
        f"{memory_path(tmp_path, 'fa').parent}: the memory's index cannot be built: its "
        f"scratch file cannot be written ({cause}); {advice} and try again"
    )
