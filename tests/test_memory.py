"""The translation memory: scores, ordering, diffs, updates, rebuilds, persistence."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import StorageError, TranslationMemoryError
from workbench.memory.memory import IMPORT_FOLDER, MAX_QUERY_CHARS, Memory, memory_path
from workbench.memory.similarity import diff, piece_tokens, pieces, score, tokens
from workbench.memory.store import Record

from .support import cases

TEN = "one two three four five six seven eight nine ten"


@pytest.fixture
def memory(tmp_path: Path):
    with Memory.open(tmp_path / "instance", "fa") as mem:
        yield mem


def rec(source: str, target: str = "ت", origin: str = "arak", **kw: str) -> Record:
    return Record(source, target, origin, **kw)


# -- scoring -------------------------------------------------------------

SCORES = [
    ("identical", TEN, TEN, 100),
    ("one word of ten changed", TEN, TEN.replace("five", "fifty"), 90),
    ("case changed and a mark added", TEN, TEN.replace("five", "FIVE!"), 90),
    ("one word of ten deleted", TEN, TEN.replace(" five", ""), 90),
    ("one word inserted into ten", TEN, TEN.replace("five", "five and"), 90),
    ("three of ten replaced", TEN, "a b c four five six seven eight nine ten", 70),
    ("four of ten replaced", TEN, "a b c d five six seven eight nine ten", 60),
    ("case only", "All power to the councils!", "all power to the COUNCILS!", 99),
    ("spacing only", "All power  to the councils!", " All power to the councils! ", 99),
    ("curly against straight quotes", "Workers’ “councils”", 'Workers\' "councils"', 99),
    ("punctuation is a token", "Hello world", "Hello world!", 66),
    ("one of three", "strike committee formed", "strike council formed", 66),
    ("nothing shared", "bread and dignity", "Woman, Life, Freedom", 0),
    ("empty query", "", "bread", 0),
    ("compatibility forms fold", "ﬁle the ＡＢＣ report", "file the ABC report", 99),
]


@pytest.mark.parametrize(("query", "source", "expected"), cases(SCORES))
def test_score(query: str, source: str, expected: int) -> None:
    assert score(query, source) == expected


TOKENS = [
    ("punctuation apart", "councils!", ["councils", "!"]),
    ("numbers with separators", "4,000 toman, 3.5%", ["4,000", "toman", ",", "3.5", "%"]),
    ("apostrophes fold", "Arak’s workers'", ["arak", "'", "s", "workers", "'"]),
    ("guillemets fold", "«شوراها»", ['"', "شوراها", '"']),
    ("zero-width non-joiner stays in the word", "همه‌ی", ["همه\u200cی"]),
    ("spacing ignored", " a\n\tb  ", ["a", "b"]),
]


@pytest.mark.parametrize(("text", "expected"), cases(TOKENS))
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


def reference_tokens(text: str) -> list[str]:
    """The definition, spelled out: NFKC, case folding, quotes folded, then the pattern."""
    quotes = str.maketrans(
        {**dict.fromkeys("‘’‚‛′‹›`´ʼ", "'"), **dict.fromkeys("“”„‟″«»〝〞", '"')}
    )
    text = unicodedata.normalize("NFKC", text).casefold().translate(quotes)
    marks = "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    marks += "\u06d6-\u06ed\u0711\u0730-\u074a\u0900-\u0903\u093a-\u094f\u0951-\u0957"
    marks += "\u0962\u0963\u200c\u200d"
    return re.findall(rf"\d+(?:[.,]\d+)+|[\w{marks}]+|\S", text)


@given(
    st.text(alphabet=st.sampled_from("aZ9 ,.’“«»`ﬁ\u00a0\t\u200cهمی4\u0301İß!"), max_size=40)
    | st.text(max_size=40)
)
def test_tokens_follow_the_definition(text: str) -> None:
    assert tokens(text) == reference_tokens(text)


@given(
    st.text(alphabet=st.sampled_from("aZ9 ,.’“«»`ﬁ\u00a0\t\u200cهمی4\u0301İß!"), max_size=40)
    | st.text(max_size=40)
)
def test_the_tokens_of_a_text_are_those_of_its_pieces_in_turn(text: str) -> None:
    # What lets a whole index be built a piece at a time, each piece coded once.
    assert [t for piece in pieces(text) for t in piece_tokens(piece)] == reference_tokens(text)


DIFFS = [
    (
        "a word replaced",
        "All power to the councils!",
        "All power to the workers!",
        (
            ("equal", "All power to the "),
            ("delete", "councils"),
            ("insert", "workers"),
            ("equal", "!"),
        ),
    ),
    (
        "a word inserted",
        "Our strike is about wages.",
        "Our strike is no longer about wages.",
        (("equal", "Our strike is "), ("insert", "no longer "), ("equal", "about wages.")),
    ),
    (
        "a word deleted keeps the stored spacing",
        "We  call on the citizens of Arak",
        "We call on citizens of Arak",
        (("equal", "We call on "), ("delete", "the "), ("equal", "citizens of Arak")),
    ),
    (
        "case differences are equal, shown as stored",
        "ALL POWER",
        "All power",
        (("equal", "All power"),),
    ),
]


@pytest.mark.parametrize(("query", "source", "expected"), cases(DIFFS))
def test_diff(query: str, source: str, expected: tuple) -> None:
    assert diff(query, source) == expected


@given(st.text(max_size=60), st.text(max_size=60))
def test_diff_pieces_rebuild_the_stored_source(query: str, source: str) -> None:
    pieces = diff(query, source)
    assert "".join(text for op, text in pieces if op != "delete") == source
    assert all(op in ("equal", "insert", "delete") and text for op, text in pieces)


# -- lookups -------------------------------------------------------------


def test_lookup_returns_score_translation_origin_and_diff(memory: Memory) -> None:
    memory.add(rec("All power to the councils!", "همه‌ی قدرت به شوراها!", unit="seeds/arak.txt:5"))
    found = memory.lookup("All power to the workers!")
    assert not found.warming
    [match] = found
    assert (match.score, match.target, match.origin, match.unit) == (
        83,
        "همه‌ی قدرت به شوراها!",
        "arak",
        "seeds/arak.txt:5",
    )
    assert match.diff == (
        ("equal", "All power to the "),
        ("delete", "workers"),
        ("insert", "councils"),
        ("equal", "!"),
    )
    assert not match.imported


def test_threshold_keeps_seventy_and_drops_sixty(memory: Memory) -> None:
    memory.add(rec("a b c four five six seven eight nine ten", "seventy"))
    memory.add(rec("a b c d five six seven eight nine ten", "sixty"))
    assert [m.target for m in memory.lookup(TEN)] == ["seventy"]
    assert [m.target for m in memory.lookup(TEN, threshold=60)] == ["seventy", "sixty"]
    assert [m.target for m in memory.lookup(TEN, threshold=71)] == []


def test_default_limit_is_five_best_first(memory: Memory) -> None:
    words = TEN.split()
    for i in range(8):
        changed = [*words[: 10 - i // 2], *("x" * (i // 2))]
        memory.add(rec(" ".join(changed), f"t{i}", context=str(i)))
    found = memory.lookup(TEN)
    assert len(found) == 5
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True) and scores[0] == 100


def test_identical_source_ranks_before_the_same_text_with_other_case(memory: Memory) -> None:
    memory.add(rec("All power to the councils!", "exact", origin="b"))
    memory.add(rec("all power to the councils!", "folded", origin="a"))
    assert [(m.score, m.target) for m in memory.lookup("All power to the councils!")] == [
        (100, "exact"),
        (99, "folded"),
    ]


def test_prefer_puts_the_statement_being_translated_first_among_ties(memory: Memory) -> None:
    memory.add(rec("Our strike is no longer about wages.", "from arak", origin="arak"))
    memory.add(rec("Our strike is no longer about wages.", "from ahvaz", origin="ahvaz"))
    query = "Our strike is no longer about wages."
    # Without a preference the most recent entry wins the tie.
    assert [m.target for m in memory.lookup(query)] == ["from ahvaz", "from arak"]
    assert [m.target for m in memory.lookup(query, prefer="arak")] == ["from arak", "from ahvaz"]


def test_project_translations_rank_before_imported_ones(memory: Memory) -> None:
    memory.add(rec("Bread, work, freedom.", "imported", origin=f"{IMPORT_FOLDER}old.tmx"))
    memory.add(rec("Bread, work, freedom.", "ours", origin="arak"))
    memory.add(rec("Bread, work, freedom.", "imported later", origin=f"{IMPORT_FOLDER}new.tmx"))
    found = memory.lookup("Bread, work, freedom.")
    assert [m.target for m in found] == ["ours", "imported later", "imported"]
    assert [m.imported for m in found] == [False, True, True]


def test_same_source_and_translation_are_shown_once(memory: Memory) -> None:
    for origin in ("a", "b", "c"):
        memory.add(rec("All power to the councils!", "همه‌ی قدرت به شوراها!", origin=origin))
    assert len(memory.lookup("All power to the councils!")) == 1


def test_exclude_leaves_out_the_unit_being_edited(memory: Memory) -> None:
    memory.add(rec("All power to the councils!", "mine", origin="arak", context="title"))
    memory.add(rec("All power to the councils!", "other", origin="ahvaz"))
    found = memory.lookup(
        "All power to the councils!", exclude=("arak", "title", "All power to the councils!")
    )
    assert [m.target for m in found] == ["other"]


def test_a_megabyte_query_is_refused_with_a_clear_error(memory: Memory) -> None:
    query = "strike " * ((1 << 20) // 7 + 1)
    with pytest.raises(TranslationMemoryError) as err:
        memory.lookup(query)
    assert str(err.value) == (
        f"the text to look up is {len(query):,} characters long; the "
        f"memory looks up units of up to {MAX_QUERY_CHARS:,} characters: split it into "
        "sentences first"
    )


def test_a_query_that_is_not_utf8_is_refused_with_a_clear_error(memory: Memory) -> None:
    memory.add(rec("bread and work"))
    with pytest.raises(TranslationMemoryError) as err:
        memory.lookup("bread \udcff work")  # the byte 0xff of an argument, kept as it came
    assert str(err.value) == (
        "the text to look up is not valid UTF-8 (at character 7); give it as UTF-8 text"
    )


@pytest.mark.parametrize("threshold", [0, 101, 70.5], ids=["zero", "above-100", "fraction"])
def test_a_threshold_outside_one_to_a_hundred_is_refused(memory: Memory, threshold) -> None:
    with pytest.raises(TranslationMemoryError, match="is not a whole number from 1 to 100"):
        memory.lookup("x", threshold=threshold)


# -- updates -------------------------------------------------------------


def test_add_replace_and_remove_are_seen_by_the_next_lookup(memory: Memory) -> None:
    source = "We call on the citizens of Arak to form neighbourhood councils."
    memory.add(rec(source, "first"))
    assert [m.target for m in memory.lookup(source)] == ["first"]
    memory.add(rec(source, "second"))
    assert [m.target for m in memory.lookup(source)] == ["second"]
    assert len(memory) == 1
    assert memory.remove("arak", source)
    assert list(memory.lookup(source)) == []
    assert not memory.remove("arak", source)


def test_a_record_with_an_empty_target_removes_the_entry(memory: Memory) -> None:
    memory.add(rec("Defense of soldiers.", "دفاع از سربازان."))
    memory.add(rec("Defense of soldiers.", ""))
    assert list(memory.lookup("Defense of soldiers.")) == []
    assert len(memory) == 0


def test_context_keeps_two_entries_for_one_source(memory: Memory) -> None:
    memory.add(rec("Strike!", "اعتصاب!"))
    memory.add(rec("Strike!", "ضربه!", context="boxing"))
    assert len(memory) == 2
    assert {m.target for m in memory.lookup("Strike!")} == {"اعتصاب!", "ضربه!"}


def test_text_that_cannot_be_stored_is_refused_naming_what_to_do(memory: Memory) -> None:
    with pytest.raises(TranslationMemoryError, match="cannot be stored"):
        memory.add(rec("broken \udc80 surrogate", "x"))
    assert len(memory) == 0


# -- rebuild -------------------------------------------------------------


def records(statement: str, n: int, suffix: str = "") -> list[Record]:
    return [
        rec(f"Sentence {i} of statement {statement}.", f"ترجمه {i}{suffix}", origin=statement)
        for i in range(n)
    ]


def test_rebuild_skips_origins_whose_records_did_not_change(memory: Memory) -> None:
    first = memory.rebuild([*records("arak", 3), *records("ahvaz", 2)])
    assert (first.changed, first.unchanged, first.entries) == (("arak", "ahvaz"), (), 5)
    again = memory.rebuild([*records("arak", 3), *records("ahvaz", 2)])
    assert (again.changed, again.unchanged, again.removed) == ((), ("arak", "ahvaz"), ())
    edited = memory.rebuild([*records("arak", 3), *records("ahvaz", 2, " (edited)")])
    assert (edited.changed, edited.unchanged) == (("ahvaz",), ("arak",))
    assert memory.lookup("Sentence 1 of statement ahvaz.")[0].target == "ترجمه 1 (edited)"


def test_rebuild_removes_origins_that_are_gone_but_keeps_imports(memory: Memory) -> None:
    memory.add(rec("Imported sentence.", "x", origin=f"{IMPORT_FOLDER}old.tmx"))
    memory.rebuild([*records("arak", 2), *records("ahvaz", 2)])
    result = memory.rebuild(records("arak", 2))
    assert result.removed == ("ahvaz",)
    assert [m.origin for m in memory.lookup("Sentence 1 of statement ahvaz.")] == ["arak"]
    assert memory.origins() == {"arak": 2, f"{IMPORT_FOLDER}old.tmx": 1}


def test_saving_a_unit_keeps_the_rebuild_fingerprint_in_step(memory: Memory) -> None:
    memory.rebuild(records("arak", 3))
    memory.add(rec("Sentence 1 of statement arak.", "changed in the editor"))
    recs = records("arak", 3)
    recs[1] = rec("Sentence 1 of statement arak.", "changed in the editor")
    assert memory.rebuild(recs).unchanged == ("arak",)


def test_rebuild_accepts_an_origin_split_in_two_runs(memory: Memory) -> None:
    arak = records("arak", 4)
    result = memory.rebuild([*arak[:2], *records("ahvaz", 1), *arak[2:]])
    assert result.entries == 5
    assert memory.rebuild([*arak, *records("ahvaz", 1)]).unchanged == ("arak", "ahvaz")


# -- persistence, warming, threads and processes --------------------------


def test_entries_survive_closing_and_reopening(tmp_path: Path) -> None:
    with Memory.open(tmp_path, "fa_IR") as mem:
        mem.add(rec("Workplace control.", "کنترل محل کار."))
    assert memory_path(tmp_path, "fa-ir") == tmp_path / "memory" / "fa_IR.sqlite3"
    with Memory.open(tmp_path, "fa_IR") as mem:
        assert mem.wait_ready(10)
        assert [m.target for m in mem.lookup("Workplace control.")] == ["کنترل محل کار."]


def test_the_first_lookup_of_a_reopened_memory_finds_every_match(tmp_path: Path) -> None:
    with Memory.open(tmp_path, "fa") as mem:
        mem.add_many(records("arak", 20_000))
    with Memory.open(tmp_path, "fa") as mem:
        found = mem.lookup("Sentence 19999 of statement arak.", limit=None)
        assert not found.warming
        # Every other sentence differs from it in one token of six: 83.
        assert [m.target for m in found][:1] == ["ترجمه 19999"]
        expected = {
            f"ترجمه {i}"
            for i in range(20_000)
            if score("Sentence 19999 of statement arak.", f"Sentence {i} of statement arak.") >= 70
        }
        assert {m.target for m in found} == expected


def test_threads_adding_and_looking_up_together(memory: Memory) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(40):
                memory.add(
                    rec(f"Thread {n} wrote sentence number {i} today.", f"{n}/{i}", origin=f"t{n}")
                )
                memory.lookup(f"Thread {n} wrote sentence number {i} today.")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(memory) == 240
    for n in range(6):
        found = memory.lookup(f"Thread {n} wrote sentence number 39 today.")
        assert found[0].target == f"{n}/39"


def test_a_second_memory_on_the_same_file_sees_changes(tmp_path: Path) -> None:
    with Memory.open(tmp_path, "fa") as a, Memory.open(tmp_path, "fa") as b:
        a.wait_ready(10)
        b.wait_ready(10)
        a.add(rec("Bread, work, freedom.", "نان، کار، آزادی."))
        assert [m.target for m in b.lookup("Bread, work, freedom.")] == ["نان، کار، آزادی."]
        a.remove("arak", "Bread, work, freedom.")
        assert list(b.lookup("Bread, work, freedom.")) == []


WRITER = """
import sys
from workbench.memory.memory import Memory
from workbench.memory.store import Record
with Memory.open(sys.argv[1], "fa", warm=False) as mem:
    for i in range(200):
        mem.add(Record(f"Process {sys.argv[2]} sentence {i}.", "x", f"p{sys.argv[2]}"))
"""


def test_two_processes_write_the_same_memory(tmp_path: Path) -> None:
    with Memory.open(tmp_path, "fa") as mem:
        mem.wait_ready(10)
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(tmp_path), str(n)],
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(2)
        ]
        for p in procs:
            _, err = p.communicate(timeout=120)
            assert p.returncode == 0, err
        assert len(mem) == 400
        assert mem.lookup("Process 1 sentence 199.")[0].origin == "p1"


def test_a_damaged_database_file_is_reported_with_what_to_do(tmp_path: Path) -> None:
    path = memory_path(tmp_path, "fa")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError) as err:
        Memory.open(tmp_path, "fa")
    assert str(err.value).startswith(f"{path}: the translation memory cannot be opened (")
    assert str(err.value).endswith("it is derived: delete this file and rebuild the memory")


# -- exact recall: the index finds what comparing everything finds -------

WORDS = ["the", "workers", "council", "strike", "of", "Arak", ",", ".", "bread", "4,000"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sources=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), min_size=1, max_size=40
    ),
    query=st.lists(st.sampled_from([*WORDS, "unseen"]), min_size=1, max_size=14),
    threshold=st.integers(min_value=1, max_value=100),
)
def test_lookup_finds_every_entry_that_brute_force_scores_above_the_threshold(
    tmp_path_factory, sources: list[list[str]], query: list[str], threshold: int
) -> None:
    folder = tmp_path_factory.mktemp("recall")
    texts = [" ".join(words) for words in sources]
    q = " ".join(query)
    # Entries added to a loaded index, and the same entries loaded from the file.
    with Memory.open(folder, "fa") as live:
        live.wait_ready(10)
        live.add_many(rec(text, f"t{i}", context=str(i)) for i, text in enumerate(texts))
        found_live = {(m.context, m.score) for m in live.lookup(q, threshold=threshold, limit=None)}
    with Memory.open(folder, "fa") as loaded:
        loaded.wait_ready(10)
        found = {(m.context, m.score) for m in loaded.lookup(q, threshold=threshold, limit=None)}
    expected = {(str(i), score(q, t)) for i, t in enumerate(texts) if score(q, t) >= threshold}
    assert found == expected
    assert found_live == expected
