"""TMX that other tools write: inline codes, metadata and languages kept, words never glued."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from translate.storage.tmx import tmxfile

from workbench.memory import tmx
from workbench.memory.codes import Extra, Meta, placeholders
from workbench.memory.memory import Memory

from .support import DATA

TMX = DATA / "exchange" / "tmx"
PAIRS = {
    "okapi-inline.tmx": ("en", "fa"),
    "omegat-project-save.tmx": ("en", "fa"),
    "memoq-export.tmx": ("en", "de"),
    "trados-export.tmx": ("en", "fr"),
    "tmx12-utf16-bom.tmx": ("en", "de"),
    "tmx11.tmx": ("en", "ar"),
}


def units(name: str) -> list[tmx.TmxUnit]:
    return list(tmx.Reader(TMX / name, *PAIRS[name]).tmx_units())


def test_standalone_codes_between_words_never_glue_them():
    okapi = {u.extra.tu.get("tuid"): u for u in units("okapi-inline.tmx")}
    assert okapi["2_s0"].source == "Woman Life Freedom"
    assert okapi["2_s0"].target == "زن زندگی آزادی"
    assert okapi["3_s0"].source == "Demand Status"
    assert okapi["9_s0"].source == "Rent has risen to 12 million toman."
    assert okapi["11_s0"].source == "Strike Day Sites"
    # Paired codes around words add nothing; their native markup is not text.
    assert okapi["1_s0"].source == "General strike! The oil workers of Khuzestan have stopped work."
    assert okapi["7_s0"].source == "See the full text."
    assert okapi["5_s0"].source == "Security forces and the IRGC surrounded the dormitories."
    trados = [u.source for u in units("trados-export.tmx")]
    assert "Woman Life Freedom" in trados
    # RTF tab codes in a TMX 1.2 file in UTF-16.
    assert units("tmx12-utf16-bom.tmx")[-1].source == "Strike Day Sites"
    # OmegaT's level-1 export really lost the space: the text is kept as written.
    assert units("tmx11.tmx")[3].source == "Photo:strike committee"


def test_inline_codes_are_kept_as_they_came_and_shown_as_placeholders():
    first = units("okapi-inline.tmx")[0]
    assert first.extra.source_markup == (
        '<bpt i="1" type="bold">&lt;b&gt;</bpt>General strike!<ept i="1">&lt;/b&gt;</ept> '
        "The oil workers of Khuzestan have stopped work."
    )
    assert placeholders(first.extra.target_markup) == (
        "{1}اعتصاب عمومی!{/1} کارگران نفت خوزستان دست از کار کشیده\u200cاند."
    )
    link = units("okapi-inline.tmx")[7]
    assert "<sub>Full statement of the oil workers</sub>" in link.extra.source_markup
    assert placeholders(link.extra.source_markup) == "See {1}the full text{/1}."


def test_metadata_and_regional_languages_are_kept():
    memoq = units("memoq-export.tmx")[0]
    assert memoq.extra.target_lang == "de-DE"
    props = [(t, v) for kind, t, v in memoq.extra.tu.children if kind == "prop"]
    assert [t for t, _ in props][:4] == ["client", "project", "domain", "subject"]
    assert " " in [v for _, v in props]  # a prop holding one space stays one space
    assert memoq.extra.author == "Mina Rostami"
    trados = units("trados-export.tmx")[0]
    assert (trados.extra.source_lang, trados.extra.target_lang) == ("en-US", "fr-CA")
    assert trados.extra.author == "COLLECTIF\\karim" and trados.extra.date == "2024-03-02 14:05"
    assert trados.extra.tu.get("usagecount") == "4"
    omegat = units("omegat-project-save.tmx")
    assert omegat[0].extra.target.get("changeid") == "shirin"
    assert omegat[0].extra.target_lang == "FA"


def test_alternative_translations_of_one_source_are_both_kept():
    omegat = units("omegat-project-save.tmx")
    demands = [u for u in omegat if u.source == "Demands"]
    assert [u.target for u in demands] == ["مطالبات", "خواسته\u200cها"]
    assert len({u.key for u in demands}) == 2


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_written_back_a_tmx_reads_as_the_same_units(name, tmp_path):
    out = tmp_path / "out.tmx"
    read = units(name)
    tmx.write(out, read, *PAIRS[name])
    assert list(tmx.Reader(out, *PAIRS[name]).tmx_units()) == read


def test_translate_toolkit_reads_the_export_with_the_same_texts(tmp_path):
    out = tmp_path / "out.tmx"
    read = units("memoq-export.tmx")
    tmx.write(out, read, "en", "de")
    store = tmxfile.parsefile(str(out))
    assert [(u.source, u.target) for u in store.units] == [u.pair for u in read]


def test_extra_survives_its_json():
    extra = Extra("<ph/>", "", "en-US", "fr-CA", Meta((("tuid", "7"),), (("prop", "x", " "),)))
    assert Extra.loads(extra.dumps()) == extra
    assert Extra().dumps() == ""


def test_a_match_shows_codes_who_and_when(project, run, tmp_path):
    result = run(project, "memory", "import", str(TMX / "okapi-inline.tmx"))
    assert result.exit_code == 0, result.output
    run(project, "memory", "import", str(TMX / "omegat-project-save.tmx"))
    found = run(
        project,
        "memory",
        "search",
        "--json",
        "General strike! The oil workers of Khuzestan have stopped work.",
    )
    matches = json.loads(found.stdout)
    okapi = next(m for m in matches if m["origin"].endswith("okapi-inline.tmx"))
    assert okapi["shown_target"].startswith("{1}اعتصاب عمومی!{/1}")
    assert okapi["target"].startswith("اعتصاب عمومی! کارگران")
    text = run(project, "memory", "search", "A general strike is the only answer to poverty wages.")
    assert "[dariush, 2024-03-10 08:30]" in text.stdout


def test_memory_export_writes_imported_units_as_they_came(project, run, tmp_path):
    run(project, "memory", "import", str(TMX / "okapi-inline.tmx"))
    out = tmp_path / "all.tmx"
    result = run(project, "memory", "export", "fa", str(out), "--with-imports")
    assert result.exit_code == 0, result.output
    back = list(tmx.Reader(out, "en", "fa").tmx_units())
    assert back[-13:] == units("okapi-inline.tmx")
    assert '<tu tuid="1_s0">' in out.read_text(encoding="utf-8")


def test_the_memory_keeps_the_codes_of_an_entry(tmp_path: Path):
    root = tmp_path / "p"
    (root / "locales").mkdir(parents=True)
    tmx.import_tmx(root, TMX / "okapi-inline.tmx", "en", "fa")
    with Memory.open(root / "instance", "fa") as memory:
        memory.wait_ready(10)
        [match] = memory.lookup("Woman Life Freedom", threshold=100)
    assert match.extra.tu.get("tuid") == "2_s0"
    assert match.shown_target == "زن{1/}زندگی{2/}آزادی"
