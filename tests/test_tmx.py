"""TMX files: streaming reads, TMX 1.4b writes, imports into the project's memory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.storage.tmx import tmxfile

from workbench.errors import TranslationMemoryError
from workbench.memory import tmx
from workbench.memory.memory import IMPORT_FOLDER, Memory

from .translation_support import write_large_tmx

DATA = Path(__file__).resolve().parent / "data" / "tmx"

UNITS = [
    ("All power to the councils!", "همه‌ی قدرت به شوراها!"),
    ("Workers’ councils of “Arak”", "شوراهای کارگری «اراک»"),
    ("Wages < 4,000 toman & rising", "دستمزد < ۴٬۰۰۰ تومان و رو به افزایش"),
    ("He said: \"strike\" & 'occupy'", "گفت: «اعتصاب» و «اشغال»"),
    ("Two lines\nin one unit", "دو سطر\nدر یک واحد"),
]


def test_written_tmx_opens_in_translate_toolkit_with_the_same_units(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    assert tmx.write(path, UNITS, "en", "fa_IR") == len(UNITS)
    store = tmxfile(path.read_bytes())
    assert [(u.source, u.target) for u in store.units] == UNITS
    head = path.read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in head and 'srclang="en"' in head
    assert '<tuv xml:lang="fa-IR">' in head


def test_written_tmx_reads_back_with_the_same_pairs(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    tmx.write(path, UNITS, "en", "fa")
    assert list(tmx.read(path, "en", "fa")) == UNITS


XML_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff", min_codepoint=9
    ).filter(lambda c: c >= " " or c in "\t\n\r"),
    min_size=1,
    max_size=40,
).filter(str.strip)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(XML_TEXT, XML_TEXT), min_size=1, max_size=8))
def test_write_then_read_gives_the_same_pairs(tmp_path_factory, units) -> None:
    path = tmp_path_factory.mktemp("tmx") / "round.tmx"
    tmx.write(path, units, "en", "fa")
    assert list(tmx.read(path, "en", "fa")) == units


def test_write_refuses_a_character_xml_cannot_carry(tmp_path: Path) -> None:
    path = tmp_path / "out.tmx"
    with pytest.raises(TranslationMemoryError) as err:
        tmx.write(path, [("fine", "ok"), ("bell \x07 here", "x")], "en", "fa")
    assert str(err.value) == (
        f"{path}: unit 2 ('bell \\x07 here') holds the character U+0007, which XML cannot "
        "carry; remove it and try again"
    )
    assert not path.exists()


def test_tmx_1_1_with_lang_attributes_and_inline_codes_is_read(tmp_path: Path) -> None:
    reader = tmx.Reader(DATA / "tmx11-lang-attribute.tmx", "en", "fa")
    assert list(reader) == [("Workplace control: the factories are ours.", "کنترل محل کار")]
    assert (reader.units, reader.skipped) == (2, 1)


def test_inline_codes_are_dropped_and_highlighted_text_kept() -> None:
    reader = tmx.Reader(DATA / "inline-codes.tmx", "en", "fa")
    assert list(reader) == [("All power to the councils!", "همه‌ی قدرت به شوراها!")]
    # One unit has no Persian, one has only spaces for its Persian.
    assert (reader.units, reader.skipped) == (3, 2)


LOOSE = [
    ("fa", "fa-IR", True),
    ("FA", "fa_IR", True),
    ("fa_IR", "fa-ir", True),
    ("en-US", "en", True),
    ("pt-BR", "pt-PT", False),
    ("fa", "ar", False),
    ("", "fa", False),
]


@pytest.mark.parametrize(
    ("a", "b", "same"), LOOSE, ids=[f"{a or 'empty'}-{b}" for a, b, _ in LOOSE]
)
def test_language_codes_compare_loosely(a: str, b: str, same: bool) -> None:
    assert tmx.languages_match(a, b) is same


BAD = [
    (
        "bad.unclosed-tu.tmx",
        12,
        "is not well-formed XML at column 5: mismatched tag; the <tu> opened on line 5 is not "
        "closed; repair it or export it again",
    ),
    (
        "bad.tuv-without-lang.tmx",
        11,
        "a <tuv> has no xml:lang attribute; give each variant its language",
    ),
    ("bad.tuv-without-seg.tmx", 9, "a <tuv> has no <seg>; each variant needs its text in a <seg>"),
    ("bad.not-tmx.tmx", 2, "is not a TMX file: its root element is <xliff>, not <tmx>"),
    (
        "bad.entity-declaration.tmx",
        3,
        "the document declares XML entities (<!ENTITY ...>), which an exchange file never "
        "needs and which can make a reader run out of memory; remove the declarations",
    ),
    (
        "bad.undefined-entity.tmx",
        6,
        "is not well-formed XML at column 36: undefined entity; repair it or export it again",
    ),
    (
        "bad.latin1.tmx",
        6,
        "is not well-formed XML at column 34: a character that is not allowed here (is it "
        "UTF-8?); repair it or export it again",
    ),
    ("bad.no-units.tmx", None, "holds no translation units (<tu>); nothing to import"),
]


@pytest.mark.parametrize(("name", "line", "message"), BAD, ids=[b[0] for b in BAD])
def test_malformed_tmx_is_refused_naming_file_and_line(
    name: str, line: int | None, message: str
) -> None:
    path = DATA / name
    with pytest.raises(TranslationMemoryError) as err:
        list(tmx.read(path, "en", "fa"))
    where = f"{path} line {line}" if line else str(path)
    assert str(err.value) == f"{where}: {message}"
    assert err.value.line == line


def test_a_tmx_without_the_project_pair_is_refused_naming_both_pairs() -> None:
    path = DATA / "bad.wrong-pair.tmx"
    with pytest.raises(TranslationMemoryError) as err:
        list(tmx.read(path, "en", "fa"))
    assert str(err.value) == (
        f"{path}: its languages are de-DE → fr-FR, but the project translates en → fa: no unit "
        "holds both en and fa; export a TMX for en → fa"
    )


# -- importing -----------------------------------------------------------


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "project" / "locales").mkdir(parents=True)
    return tmp_path / "project"


def test_import_copies_the_file_into_the_project_and_indexes_it(root: Path, tmp_path: Path) -> None:
    source = tmp_path / "Old work (2024).tmx"
    tmx.write(source, UNITS, "en", "fa")
    result = tmx.import_tmx(root, source, "en", "fa")
    assert result.path == f"{IMPORT_FOLDER}Old-work-2024.tmx"
    assert (result.units, result.pairs, result.skipped, result.changed) == (5, 5, 0, True)
    assert (root / result.path).read_bytes() == source.read_bytes()
    with Memory.open(root / "instance", "fa") as memory:
        memory.wait_ready(10)
        [match] = memory.lookup("All power to the workers' councils!", threshold=60)
        assert (match.target, match.origin, match.imported) == (
            "همه‌ی قدرت به شوراها!",
            result.path,
            True,
        )
    again = tmx.import_tmx(root, source, "en", "fa")
    assert not again.changed


@pytest.mark.parametrize(
    "name", ["bad.unclosed-tu.tmx", "bad.wrong-pair.tmx"], ids=["malformed", "wrong-pair"]
)
def test_a_rejected_import_changes_neither_folder_nor_memory(root: Path, name: str) -> None:
    good = root.parent / "good.tmx"
    tmx.write(good, UNITS[:2], "en", "fa")
    tmx.import_tmx(root, good, "en", "fa", name="kept")
    before = sorted(p.name for p in (root / IMPORT_FOLDER).iterdir())
    bad = root.parent / "kept.tmx"
    shutil.copy(DATA / name, bad)
    with pytest.raises(TranslationMemoryError):
        tmx.import_tmx(root, bad, "en", "fa", name="kept")
    assert sorted(p.name for p in (root / IMPORT_FOLDER).iterdir()) == before
    assert (root / IMPORT_FOLDER / "kept.tmx").read_bytes() == good.read_bytes()
    with Memory.open(root / "instance", "fa", warm=False) as memory:
        assert memory.origins() == {f"{IMPORT_FOLDER}kept.tmx": 2}


def test_sync_imports_rebuilds_from_the_files_and_drops_removed_ones(root: Path) -> None:
    source = root.parent / "a.tmx"
    tmx.write(source, UNITS, "en", "fa")
    tmx.import_tmx(root, source, "en", "fa")
    shutil.rmtree(root / "instance")  # derived: nothing is lost
    assert tmx.sync_imports(root, "en", "fa") == [f"{IMPORT_FOLDER}a.tmx"]
    assert tmx.sync_imports(root, "en", "fa") == []
    with Memory.open(root / "instance", "fa", warm=False) as memory:
        assert memory.origins() == {f"{IMPORT_FOLDER}a.tmx": 5}
    (root / IMPORT_FOLDER / "a.tmx").unlink()
    assert tmx.sync_imports(root, "en", "fa") == [f"{IMPORT_FOLDER}a.tmx"]
    with Memory.open(root / "instance", "fa", warm=False) as memory:
        assert memory.origins() == {}


# -- bounded memory on a large file ---------------------------------------

PEAK = """
import sys
from workbench.memory import tmx
before = int([l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1])
n = sum(1 for _ in tmx.read(sys.argv[1], 'en', 'fa'))
peak = int([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])
print(n, (peak - before) // 1024)
"""


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads Linux's /proc")
def test_reading_a_large_tmx_keeps_memory_bounded(tmp_path: Path) -> None:
    path = write_large_tmx(tmp_path / "large.tmx")
    assert path.stat().st_size > 25_000_000
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, check=True
    )
    count, grew_mb = map(int, done.stdout.split())
    assert count == 100_000
    assert grew_mb < 20, f"reading a {path.stat().st_size >> 20} MB file grew RSS by {grew_mb} MB"
