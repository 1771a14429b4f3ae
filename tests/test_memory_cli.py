"""The memory verbs: search, rebuild, import, export, and how they keep the memory in step."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.update import update_project
from workbench.memory.memory import IMPORT_FOLDER, Memory
from workbench.project import Project

from .translation_support import (
    POWER,
    STRIKE,
    TMX_UNITS,
    translate,
    translate_two_units,
    write_large_tmx,
    write_tmx,
)

DATA = Path(__file__).resolve().parent / "data" / "tmx"


@pytest.fixture
def translated(project: Project) -> Project:
    """The small project with two units of arak-councils translated, and a second statement."""
    return translate_two_units(project)


def search_json(run, project: Project, *args: str) -> list[dict]:
    result = run(project, "memory", "search", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- search ----------------------------------------------------------------


def test_search_finds_a_translated_unit_in_a_fresh_checkout_with_score_origin_and_diff(
    translated: Project, run
) -> None:
    assert not (translated.instance_dir / "memory").exists()
    found = search_json(run, translated, "All power to the workers!")
    # 6 words and marks against 6, one replaced: 100 * 5 // 6.
    assert found == [
        {
            "score": 83,
            "source": "All power to the councils!",
            "target": POWER,
            "origin": "arak-councils",
            "unit": "seeds/arak-councils.txt:5 seeds/arak-councils.txt:10",
            "diff": [
                ["equal", "All power to the "],
                ["delete", "workers"],
                ["insert", "councils"],
                ["equal", "!"],
            ],
            "shown_target": POWER,
            "author": "",
            "date": "",
        }
    ]


def test_search_prints_score_origin_word_diff_and_translation(translated: Project, run) -> None:
    result = run(translated, "memory", "search", "Our strike is no longer about wages alone.")
    assert result.exit_code == 0, result.output
    # 9 tokens against 8, one deleted: 100 * 8 // 9.
    assert result.stdout.splitlines() == [
        " 88  arak-councils (seeds/arak-councils.txt:8)",
        "     Our strike is no longer about wages[-alone-].",
        f"     {STRIKE}",
    ]


def test_search_gives_100_only_for_the_identical_source(translated: Project, run) -> None:
    exact = search_json(run, translated, "All power to the councils!")
    other_case = search_json(run, translated, "ALL power to the councils!")
    assert [m["score"] for m in exact] == [100]
    assert [m["score"] for m in other_case] == [99]
    assert search_json(run, translated, "ALL power to the councils!", "--min", "100") == []


@pytest.mark.parametrize(
    ("args", "scores"),
    [
        ((), []),  # default threshold 70: the 66 is left out
        (("--min", "60"), [66]),
    ],
    ids=["default-70", "min-60"],
)
def test_search_threshold_defaults_to_70(translated: Project, run, args, scores) -> None:
    # Two of six tokens replaced: 100 * 4 // 6 = 66.
    found = search_json(run, translated, "All power to the bosses?", *args)
    assert [m["score"] for m in found] == scores


def test_search_limit_cuts_the_list_best_first(translated: Project, run) -> None:
    translate(translated, "haft-tappeh", {"All power to the workers' councils!": "ب"})
    both = search_json(run, translated, "All power to the councils!", "--min", "70")
    one = search_json(run, translated, "All power to the councils!", "--limit", "1")
    assert [(m["score"], m["origin"]) for m in both] == [
        (100, "arak-councils"),
        (75, "haft-tappeh"),
    ]
    assert one == both[:1]


def test_search_reads_the_text_from_stdin(translated: Project, run) -> None:
    result = run(
        translated, "memory", "search", "-", "--json", input="All power to the councils!\n"
    )
    assert [m["target"] for m in json.loads(result.stdout)] == [POWER]


def test_search_without_matches_says_so_on_stderr(translated: Project, run) -> None:
    result = run(translated, "memory", "search", "Bread, work, freedom")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "No match of 70 or more in the fa memory\n"


MEGABYTE = "a" * (1 << 20)
TOO_LONG = (
    "Error: the text to look up is 1,048,576 characters long; the memory looks up units of up "
    "to 10,000 characters: split it into sentences first\n"
)


@pytest.mark.parametrize("via", ["argument", "stdin"])
def test_a_megabyte_query_is_refused_in_one_line(translated: Project, run, via: str) -> None:
    if via == "argument":
        result = run(translated, "memory", "search", MEGABYTE)
    else:
        result = run(translated, "memory", "search", "-", input=MEGABYTE)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", TOO_LONG)


def test_a_query_that_is_not_utf8_is_refused_in_one_line(translated: Project, run) -> None:
    result = run(translated, "memory", "search", "Arak \udcff")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "Error: the text to look up is not valid UTF-8 (at character 6); give it as UTF-8 text\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("memory", "search", "x", "--lang", "de"),
            '"de" is not a language of this project (it has: fa); add it with: '
            "workbench add-language de",
        ),
        (
            ("memory", "search", "x", "--lang", "klingonish"),
            'unknown language code "klingonish"; use a code such as fa, ckb, ar, de or pt_BR',
        ),
        (
            ("memory", "export", "de", "out.tmx"),
            '"de" is not a language of this project (it has: fa); add it with: '
            "workbench add-language de",
        ),
        (
            ("memory", "rebuild", "de"),
            '"de" is not a language of this project (it has: fa); add it with: '
            "workbench add-language de",
        ),
    ],
    ids=["search-not-in-project", "search-not-a-language", "export", "rebuild"],
)
def test_an_unknown_language_is_refused_in_one_line(translated: Project, run, args, message):
    result = run(translated, *args)
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")


def test_a_project_with_several_languages_needs_lang(translated: Project, run) -> None:
    translated.with_language("de")
    result = run(translated, "memory", "search", "x")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: the project translates into fa, de; say which with --lang\n",
    )


def test_a_broken_catalog_is_reported_and_its_old_entries_kept(translated: Project, run) -> None:
    search_json(run, translated, "All power to the councils!")
    path = translated.catalog_path("fa", "arak-councils")
    path.write_text(path.read_text(encoding="utf-8") + 'msgid "dangling\n', encoding="utf-8")
    result = run(translated, "memory", "search", "All power to the councils!", "--json")
    assert result.exit_code == 0
    assert [m["target"] for m in json.loads(result.stdout)] == [POWER]
    assert result.stderr.startswith("Warning: locales/fa/LC_MESSAGES/arak-councils.po line ")
    assert result.stderr.endswith("; its units in the memory are from before\n")


# -- keeping in step -------------------------------------------------------


def test_an_update_that_obsoletes_a_unit_drops_it_from_the_memory_at_the_next_search(
    translated: Project, run
) -> None:
    assert search_json(run, translated, "All power to the councils!")
    seed = translated.seeds_dir / "arak-councils.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("All power to the councils!", "Councils now!"),
        encoding="utf-8",
    )
    assert run(translated, "update").exit_code == 0
    entries = pofile.read(translated.catalog_path("fa", "arak-councils")).entries
    assert [e.obsolete for e in entries if e.msgid == "All power to the councils!"] == [True]
    assert search_json(run, translated, "All power to the councils!") == []


def test_a_unit_made_untranslated_in_another_tool_leaves_the_memory(
    translated: Project, run
) -> None:
    assert search_json(run, translated, "Our strike is no longer about wages.")
    translate(translated, "arak-councils", {"Our strike is no longer about wages.": ""})
    assert search_json(run, translated, "Our strike is no longer about wages.") == []


def test_a_memory_an_older_version_wrote_is_filled_again_and_says_so_in_one_line(
    translated: Project,
) -> None:
    path = translated.instance_dir / "memory" / "fa.sqlite3"
    path.parent.mkdir(parents=True)
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
        "INSERT INTO meta VALUES ('schema', 2);"
        "CREATE TABLE entries (id INTEGER PRIMARY KEY, source TEXT, live INTEGER);"
    )
    old.close()
    command = [sys.executable, "-m", "workbench", "--project", str(translated.root)]
    done = subprocess.run(
        [*command, "memory", "search", "All power to the councils!", "--json"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"{path}: the translation memory was written by another version (schema 2); it is "
        "derived data, so it is filled again from the catalogs and imported files\n"
    )
    assert [m["target"] for m in json.loads(done.stdout)] == [POWER]
    again = subprocess.run(
        [*command, "memory", "search", "All power to the councils!"], capture_output=True, text=True
    )
    assert again.stderr == ""


def test_rebuild_reports_changed_unchanged_and_removed_statements(translated: Project, run):
    first = run(translated, "memory", "rebuild", "--json")
    assert json.loads(first.stdout) == [
        {
            "language": "fa",
            "changed": ["arak-councils"],
            "unchanged": [],
            "removed": [],
            "imports": [],
            "entries": 2,
            "problems": [],
        }
    ]
    translate(translated, "haft-tappeh", {"All power to the workers' councils!": "ب"})
    second = run(translated, "memory", "rebuild")
    assert second.stdout.splitlines() == [
        "fa: 3 entries; 1 changed, 1 unchanged, 0 removed, 0 imported file(s) indexed again",
        "  changed: haft-tappeh",
        "  unchanged: arak-councils",
    ]
    translated.catalog_path("fa", "haft-tappeh").unlink()
    third = json.loads(run(translated, "memory", "rebuild", "fa", "--json").stdout)
    assert (third[0]["removed"], third[0]["unchanged"], third[0]["entries"]) == (
        ["haft-tappeh"],
        ["arak-councils"],
        2,
    )


def test_the_memory_is_derived_deleting_it_loses_nothing(translated: Project, run) -> None:
    before = search_json(run, translated, "All power to the councils!")
    shutil.rmtree(translated.instance_dir / "memory")
    assert search_json(run, translated, "All power to the councils!") == before


# -- import ----------------------------------------------------------------


def test_import_keeps_the_file_in_the_project_and_search_finds_its_units(
    translated: Project, run, tmp_path: Path
) -> None:
    source = write_tmx(tmp_path / "old work.tmx")
    result = run(translated, "memory", "import", str(source))
    assert (result.exit_code, result.stdout) == (
        0,
        "Imported 2 unit(s) into the fa memory, kept as locales/memory/old-work.tmx\n",
    )
    kept = translated.root / "locales" / "memory" / "old-work.tmx"
    assert kept.read_bytes() == source.read_bytes()
    [match] = search_json(run, translated, "Bread, work and freedom!")
    assert (match["target"], match["origin"]) == (
        "نان، کار، آزادی!",
        f"{IMPORT_FOLDER}old-work.tmx",
    )
    again = run(translated, "memory", "import", str(source), "--json")
    assert json.loads(again.stdout) == {
        "file": "locales/memory/old-work.tmx",
        "language": "fa",
        "units": 2,
        "pairs": 2,
        "skipped": 0,
        "changed": False,
    }


def test_an_import_named_in_persian_says_the_name_it_is_kept_under(
    translated: Project, run, tmp_path: Path
) -> None:
    result = run(
        translated, "memory", "import", str(write_tmx(tmp_path / "a.tmx")), "--name", "ملی"
    )
    assert result.exit_code == 0
    [kept] = (translated.root / "locales" / "memory").glob("*.tmx")
    assert result.stdout == (
        f"Imported 2 unit(s) into the fa memory, kept as locales/memory/{kept.name}\n"
    )
    assert result.stderr == (
        "  note: file names in the project are kept to Latin letters, digits, - and _, so "
        f'"ملی" became "{kept.stem}"; give --name to choose another\n'
    )
    assert kept.stem.isascii()


def test_project_translations_rank_before_imported_ones_of_equal_score(
    translated: Project, run, tmp_path: Path
) -> None:
    run(translated, "memory", "import", str(write_tmx(tmp_path / "a.tmx", [TMX_UNITS[0]])))
    write_tmx(tmp_path / "b.tmx", [("All power to the councils!", "قدرت به شوراها")])
    run(translated, "memory", "import", str(tmp_path / "b.tmx"))
    found = search_json(run, translated, "All power to the councils!")
    assert [(m["score"], m["origin"]) for m in found] == [
        (100, "arak-councils"),
        (100, f"{IMPORT_FOLDER}b.tmx"),
    ]


def snapshot(project: Project) -> tuple[list[str], dict[str, int]]:
    folder = project.root / IMPORT_FOLDER
    names = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
    with Memory.open(project.instance_dir, "fa", warm=False) as memory:
        return names, memory.origins()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "bad.unclosed-tu.tmx",
            "{path} line 12: is not well-formed XML at column 5: mismatched tag; the <tu> "
            "opened on line 5 is not closed; repair it or export it again",
        ),
        (
            "bad.wrong-pair.tmx",
            "{path}: its languages are de-DE → fr-FR, but the project translates en → fa: no "
            "unit holds both en and fa; export a TMX for en → fa",
        ),
        (
            "bad.entity-declaration.tmx",
            "{path} line 3: the document declares XML entities (<!ENTITY ...>), which an "
            "exchange file never needs and which can make a reader run out of memory; remove "
            "the declarations",
        ),
    ],
    ids=["malformed", "other-pair", "entity"],
)
def test_a_bad_tmx_is_refused_in_one_line_and_changes_nothing(
    translated: Project, run, tmp_path: Path, name: str, message: str
) -> None:
    run(translated, "memory", "import", str(write_tmx(tmp_path / "old.tmx")))
    before = snapshot(translated)
    kept = (translated.root / IMPORT_FOLDER / "old.tmx").read_bytes()
    bad = tmp_path / "bad" / "old.tmx"  # same name: would replace the first import
    bad.parent.mkdir()
    shutil.copy(DATA / name, bad)
    result = run(translated, "memory", "import", str(bad))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "Error: " + message.format(path=bad) + "\n"
    assert snapshot(translated) == before
    assert (translated.root / IMPORT_FOLDER / "old.tmx").read_bytes() == kept


def test_a_missing_file_is_refused_in_one_line(translated: Project, run, tmp_path) -> None:
    result = run(translated, "memory", "import", str(tmp_path / "nowhere.tmx"))
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'nowhere.tmx'}: cannot be read (No such file or directory)\n",
    )


def test_a_shared_tmx_serves_each_language_it_holds(
    translated: Project, run, tmp_path: Path
) -> None:
    translated.with_language("de")
    update_project(Project.load(translated.root))
    path = tmp_path / "shared.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>'
        '<tu><tuv xml:lang="en"><seg>Bread, work, freedom!</seg></tuv>'
        '<tuv xml:lang="de"><seg>Brot, Arbeit, Freiheit!</seg></tuv></tu>'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    assert run(translated, "memory", "import", str(path), "--lang", "de").exit_code == 0
    # The fa memory reads the same folder: the file holds no fa, which is no error.
    found = search_json(run, translated, "Bread, work, freedom!", "--lang", "fa")
    assert found == []
    [match] = search_json(run, translated, "Bread, work, freedom!", "--lang", "de")
    assert match["target"] == "Brot, Arbeit, Freiheit!"


PEAK = """
import sys
from click.testing import CliRunner
from workbench.cli import cli
import workbench.cli.memory, workbench.memory.tmx  # their libraries are not the file's cost
before = int([l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1])
result = CliRunner().invoke(cli, ['--project', sys.argv[1], 'memory', 'import', sys.argv[2]])
assert result.exit_code == 0, result.output
peak = int([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])
print((peak - before) // 1024)
"""


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads Linux's /proc")
def test_a_large_tmx_imports_in_bounded_memory(translated: Project, tmp_path: Path) -> None:
    path = write_large_tmx(tmp_path / "large.tmx")
    size_mb = path.stat().st_size >> 20
    assert size_mb >= 25
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(translated.root), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    grew_mb = int(done.stdout)
    assert grew_mb < size_mb // 2, f"importing a {size_mb} MB file grew RSS by {grew_mb} MB"
    with Memory.open(translated.instance_dir, "fa", warm=False) as memory:
        assert memory.origins()[f"{IMPORT_FOLDER}large.tmx"] == 100_000


# -- export ----------------------------------------------------------------


def test_export_writes_tmx_that_translate_toolkit_reads_with_the_same_units(
    translated: Project, run, tmp_path: Path
) -> None:
    from translate.storage.tmx import tmxfile

    # The same pair in a second statement is exported once.
    translate(
        translated,
        "haft-tappeh",
        {"All power to the workers' councils!": "ب", "All power to the councils!": POWER},
    )
    out = tmp_path / "fa.tmx"
    result = run(translated, "memory", "export", "fa", str(out))
    assert result.stdout == f"Wrote 3 unit(s) (en → fa) to {out}\n"
    store = tmxfile(out.read_bytes())
    units = sorted((u.source, u.target) for u in store.units)
    assert units == sorted(
        [
            ("All power to the councils!", POWER),
            ("Our strike is no longer about wages.", STRIKE),
            ("All power to the workers' councils!", "ب"),
        ]
    )
    root = out.read_text(encoding="utf-8")
    assert '<tmx version="1.4">' in root and 'srclang="en"' in root


def test_export_leaves_out_fuzzy_units_and_adds_imports_on_request(
    translated: Project, run, tmp_path: Path
) -> None:
    from translate.storage.tmx import tmxfile

    path = translated.catalog_path("fa", "haft-tappeh")

    def fuzzy(current):
        cat.apply_edits(
            current, [cat.Edit("Our strike is no longer about wages alone.", "پ", cat.FUZZY)]
        )
        return current

    pofile.modify(path, fuzzy, lock_dir=translated.lock_dir)
    run(translated, "memory", "import", str(write_tmx(tmp_path / "old.tmx")))
    out = tmp_path / "all.tmx"
    run(translated, "memory", "export", "fa", str(out), "--with-imports")
    units = [(u.source, u.target) for u in tmxfile(out.read_bytes()).units]
    assert units == [
        ("All power to the councils!", POWER),
        ("Our strike is no longer about wages.", STRIKE),
        *TMX_UNITS,
    ]


def test_memory_help_documents_the_json_shapes(run) -> None:
    result = run(None, "memory", "search", "--help")
    assert '{"score", "source", "target",' in result.output
    assert '"diff": [[op, text], ...]}' in result.output
