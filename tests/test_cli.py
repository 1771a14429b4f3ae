"""The command line: verbs, JSON shapes, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys

import pytest

from workbench.catalogs import backups, pofile
from workbench.catalogs import model as cat
from workbench.catalogs.model import Edit
from workbench.project import Project

from .support import DATA, REPO, msgfmt_check, seed_paragraphs, snapshot
from .translation_support import HAFT_TAPPEH, POWER, translate


def test_init_makes_an_empty_project_that_update_accepts(tmp_path, run):
    result = run(None, "init", str(tmp_path / "new"), "--language", "fa", "--language", "ckb")
    assert result.exit_code == 0, result.output
    project = Project.load(tmp_path / "new")
    assert project.languages == ("fa", "ckb") and project.source_language == "en"
    assert all((tmp_path / "new" / d).is_dir() for d in ("seeds", "locales", "glossary"))
    result = run(project, "update")
    assert result.exit_code == 0 and "No statements" in result.output


def test_init_refuses_an_existing_project(project, run):
    result = run(None, "init", str(project.root))
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: {project.root} is already a workbench project; nothing was changed"
    )


@pytest.mark.parametrize("code", ["ar", "ckb", "pt_BR", "zh_Hant"])
def test_add_language_accepts_babel_codes_and_creates_catalogs(project, run, code):
    result = run(project, "add-language", code)
    assert result.exit_code == 0, result.output
    assert Project.load(project.root).languages == ("fa", code)
    assert project.catalog_path(code, "arak-councils").exists()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("xx", 'Error: unknown language code "xx"; did you mean "xh"?'),
        ("english", 'Error: unknown language code "english"; did you mean "en"?'),
        ("fa_IR_bad", 'Error: unknown language code "fa_IR_bad"; did you mean "fa_IR"?'),
    ],
    ids=["xx", "english", "fa_IR_bad"],
)
def test_add_language_refuses_unknown_codes_with_a_suggestion(project, run, code, message):
    before = (project.root / "pyproject.toml").read_bytes()
    result = run(project, "add-language", code)
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert (project.root / "pyproject.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("fas", 'Error: "fas" is another code for Persian; did you mean "fa"?'),
        ("per", 'Error: "per" is another code for Persian; did you mean "fa"?'),
        ("iw", 'Error: "iw" is another code for Hebrew; did you mean "he"?'),
        ("kurdsh", 'Error: unknown language code "kurdsh"; did you mean "ckb"?'),
        ("germna", 'Error: unknown language code "germna"; did you mean "de"?'),
    ],
    ids=["fas", "per", "iw", "kurdsh", "germna"],
)
def test_add_language_refuses_another_code_of_a_language_and_near_names(
    project, run, code, message
):
    before = snapshot(project.root)
    result = run(project, "add-language", code)
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert snapshot(project.root) == before


def test_add_language_of_a_language_the_project_has_says_so_and_writes_nothing(project, run):
    run(project, "update")
    before = snapshot(project.root)
    for code in ("fa", "FA"):
        result = run(project, "add-language", code)
        assert result.exit_code == 0
        assert result.stdout == "fa is already a language of this project; nothing was changed\n"
        assert result.stderr == ""
    assert snapshot(project.root) == before


def test_add_language_beside_another_variant_of_it_says_that_one_exists_too(project, run):
    run(project, "add-language", "de")
    result = run(project, "add-language", "de_DE")
    assert result.exit_code == 0
    assert result.stdout == (
        "Added de_DE; 1 catalog(s) written\n  locales/de_DE/LC_MESSAGES/arak-councils.po\n"
    )
    assert result.stderr == (
        "Note: the project has de too; de_DE gets catalogs of its own, translated apart\n"
    )
    assert Project.load(project.root).languages == ("fa", "de", "de_DE")


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("farsi", 'Error: unknown language code "farsi"; did you mean "fa"?\n'),
        ("xx", 'Error: unknown language code "xx"; did you mean "xh"?\n'),
        ("fas", 'Error: "fas" is another code for Persian; did you mean "fa"?\n'),
    ],
    ids=["name", "unknown", "another-code"],
)
def test_segment_refuses_a_language_it_does_not_know_as_other_verbs_do(
    tmp_path, run, lang, message
):
    path = tmp_path / "s.txt"
    path.write_text("ما اعتصاب کردیم. پیروز شدیم؟ بله.\n", encoding="utf-8")
    result = run(None, "segment", str(path), "--lang", lang)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message


def test_segment_json_is_exactly_paragraphs_of_unit_texts(tmp_path, run):
    path = tmp_path / "s.txt"
    path.write_text("Title line\n\nFirst sentence. Second one!\n\n• An item\n", encoding="utf-8")
    result = run(None, "segment", str(path), "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "paragraphs": [["Title line"], ["First sentence.", "Second one!"], ["An item"]]
    }


def test_stats_json_gives_figures_per_statement_and_language(project, run):
    run(project, "update")
    path = project.catalog_path("fa", "arak-councils")
    catalog = pofile.read(path)
    cat.apply_edits(
        catalog, [Edit("All power to the councils!", "همه‌ی قدرت به شوراها!", cat.TRANSLATED)]
    )
    pofile.write(catalog, path)
    result = run(project, "stats", "--json")
    [row] = json.loads(result.output)
    assert {
        k: row[k] for k in ("statement", "language", "units", "translated", "fuzzy", "untranslated")
    } == {
        "statement": "arak-councils",
        "language": "fa",
        "units": 6,
        "translated": 1,
        "fuzzy": 0,
        "untranslated": 5,
    }
    assert row["percent"] == pytest.approx(16.7)
    assert row["words"] == 4 + 3 + 9 + 5 + 10 + 7
    text = run(project, "stats")
    assert "arak-councils" in text.output and "16.7%" in text.output


def test_stats_columns_line_up_whatever_the_width_of_ids_and_codes(tmp_path, run):
    project = Project.init(tmp_path / "p", languages=("fa",))
    (project.seeds_dir / "dates.txt").write_text("Dates.\n\nWe struck. We won.\n", "utf-8")
    (project.seeds_dir / "a-rather-long-statement-id.txt").write_text("One.\n", "utf-8")
    assert run(project, "update").exit_code == 0
    assert run(project, "add-language", "de_DE").exit_code == 0
    result = run(project, "stats")
    assert result.exit_code == 0
    assert result.stdout == (
        "statement                   lang   units  words  transl  fuzzy  untr  percent\n"
        "a-rather-long-statement-id  fa         1      1       0      0     1     0.0%\n"
        "a-rather-long-statement-id  de_DE      1      1       0      0     1     0.0%\n"
        "dates                       fa         3      5       0      0     3     0.0%\n"
        "dates                       de_DE      3      5       0      0     3     0.0%\n"
    )
    (project.seeds_dir / "a-rather-long-statement-id.txt").unlink()
    assert run(project, "update").exit_code == 0
    assert run(project, "stats").stdout == (
        "statement  lang   units  words  transl  fuzzy  untr  percent\n"
        "dates      fa         3      5       0      0     3     0.0%\n"
        "dates      de_DE      3      5       0      0     3     0.0%\n"
    )


def test_build_writes_the_statement_and_strict_fails_on_gaps(project, run, tmp_path):
    run(project, "update")
    out = tmp_path / "out"
    result = run(project, "build", "fa", "--out", str(out))
    assert result.exit_code == 0
    assert (out / "arak-councils.txt").read_text(encoding="utf-8") == (
        project.seeds_dir / "arak-councils.txt"
    ).read_text(encoding="utf-8")
    assert "6 unit(s) fell back to the source text, in 7 places" in result.output
    strict = run(project, "build", "fa", "--out", str(out), "--strict")
    assert strict.exit_code == 1


def test_build_counts_the_units_stats_counts_and_says_how_many_places_they_fill(
    project, run, tmp_path
):
    # "All power to the councils!" occurs twice: one unit (one catalog entry), two places.
    run(project, "update")
    translate(
        project,
        "arak-councils",
        {
            "Arak workers declare councils": "کارگران اراک شوراها را اعلام می‌کنند",
            "All power to the councils!": POWER,
        },
    )
    (stats,) = json.loads(run(project, "stats", "--json").stdout)
    assert (stats["units"], stats["translated"]) == (6, 2)
    out = tmp_path / "out"
    result = run(project, "build", "fa", "--out", str(out))
    assert result.exit_code == 0
    assert result.stdout == (
        f"arak-councils: 2/6 units translated (7 places) -> {out / 'arak-councils.txt'}\n"
    )
    assert result.stderr.splitlines() == [
        "  arak-councils line 3: untranslated, source kept: Arak, January 2026.",
        "  arak-councils line 5: untranslated, source kept: We, the workers of Arak’s factories, "
        "declare the following.",
        "  arak-councils line 7: untranslated, source kept: Workplace control: the factories "
        "will be run by workers’ ...",
        "  arak-councils line 8: untranslated, source kept: Our strike is no longer about wages.",
        "4 unit(s) fell back to the source text",
    ]


def test_build_names_the_places_when_a_repeated_unit_falls_back(project, run, tmp_path):
    run(project, "update")
    result = run(project, "build", "fa", "--out", str(tmp_path / "out"))
    assert result.stdout.startswith("arak-councils: 0/6 units translated (7 places) -> ")
    assert result.stderr.splitlines()[-1] == ("6 unit(s) fell back to the source text, in 7 places")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "bad.latin1.txt",
            "Error: seeds/bad-latin1.txt: is not UTF-8 (byte 0xE9 at offset 23; it looks like "
            "Windows-1252); save it as UTF-8 and try again",
        ),
        (
            "bad.empty.txt",
            "Error: seeds/bad-empty.txt: the statement is empty; add its text or remove the file",
        ),
        (
            "bad.binary.txt",
            "Error: seeds/bad-binary.txt: looks like a binary file (a NUL byte at "
            "offset 4); statements must be UTF-8 text",
        ),
    ],
    ids=["latin1", "empty", "binary"],
)
def test_a_bad_statement_is_one_line_error_and_nothing_is_written(project, run, name, message):
    shutil.copy(DATA / "statements" / name, project.seeds_dir / name.replace(".", "-", 1))
    result = run(project, "update")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [message]
    assert not list(project.locales_dir.rglob("*.po*"))


# A statement as Notepad saves it on a Persian Windows: "Unicode" (UTF-16 with a byte
# order mark), or the machine's code page, which writes ي for ی.
WINDOWS_SAVED = "شوراهاي کارگري اراک\r\nاعتصاب در روز دوم.\r\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            WINDOWS_SAVED.encode("utf-16"),
            "Error: seeds/notepad.txt: is UTF-16 text (Unicode, as Windows calls it); "
            "statements must be UTF-8: save it as UTF-8 and try again",
        ),
        (
            WINDOWS_SAVED.encode("cp1256"),
            "Error: seeds/notepad.txt: is not UTF-8 (byte 0xD4 at offset 0; it looks like "
            "Windows-1256); save it as UTF-8 and try again",
        ),
    ],
    ids=["utf16", "windows-1256"],
)
def test_a_statement_saved_by_windows_names_the_encoding_it_is_in(project, run, data, message):
    (project.seeds_dir / "notepad.txt").write_bytes(data)
    result = run(project, "update")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [message]
    assert not list(project.locales_dir.rglob("*.po*"))


def test_a_statement_name_that_is_not_a_slug_is_refused(project, run):
    (project.seeds_dir / "Statement of Arak (1).txt").write_text("Text.", encoding="utf-8")
    result = run(project, "update")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: seeds/Statement of Arak (1).txt: the statement name is not a safe slug; rename "
        "it to letters, digits and hyphens, for example statement-of-arak-1.txt"
    )


def test_an_unknown_language_for_build_is_refused(project, run):
    result = run(project, "build", "de")
    assert result.exit_code == 1
    assert result.output.strip() == (
        'Error: "de" is not a language of this project (it has: fa); add it with: '
        "workbench add-language de"
    )


def test_a_folder_that_is_not_a_project_is_refused(tmp_path, run):
    result = run(tmp_path, "stats")
    assert result.exit_code == 1
    assert "is not a workbench project" in result.output and "workbench init" in result.output


def test_the_repository_is_itself_a_project_with_persian(run):
    project = Project.load(REPO)
    assert project.source_language == "en" and "fa" in project.languages
    assert {s.id for s in project.statements()} >= {
        "iran-uprising-workers-councils",
        "khuzestan-vanguard-headlines",
    }


def _big_statement(megabytes: int) -> str:
    """Return a statement of about *megabytes* MB: seed paragraphs, their numbers made distinct."""
    return "\n\n".join(seed_paragraphs(megabytes)) + "\n"


def test_a_20_mb_statement_is_cut_kept_and_built_back_byte_for_byte(project, run, tmp_path):
    big = _big_statement(20)
    (project.seeds_dir / "big-statement.txt").write_text(big, encoding="utf-8")
    assert run(project, "update").exit_code == 0
    po = project.catalog_path("fa", "big-statement")
    assert msgfmt_check(po).returncode == 0
    assert len(pofile.read(po).active()) > 10_000
    out = tmp_path / "out"
    built = run(project, "build", "fa", "big-statement", "--out", str(out))
    assert built.exit_code == 0
    # Nothing translated: every unit falls back to its source, so the build is the source.
    assert (out / "big-statement.txt").read_bytes() == big.encode("utf-8")


def test_update_shows_a_progress_bar_on_a_terminal_and_nothing_elsewhere(project):
    (project.seeds_dir / "big-statement.txt").write_text(_big_statement(1), encoding="utf-8")
    command = [sys.executable, "-m", "workbench", "--project", str(project.root), "update"]
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=follower, timeout=120)
        os.close(follower)
        follower = -1
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert done.returncode == 0
    assert b"Updating" in shown and b"100%" in shown
    # Touch a statement so the next update has work; a pipe gets no bar.
    again = _big_statement(1) + "More.\n"
    (project.seeds_dir / "big-statement.txt").write_text(again, encoding="utf-8")
    piped = subprocess.run(command, capture_output=True, timeout=120)
    assert piped.returncode == 0
    assert b"Updating" not in piped.stderr and b"%" not in piped.stderr


def emptied(project: Project, statement: str = "arak-councils") -> str:
    """Empty a catalog as a crash or a full disk can; return the one-line error it gets."""
    path = project.catalog_path("fa", statement)
    path.write_bytes(b"")
    name = project.relative(path)
    return (
        f"Error: {name}: is empty: a crash, a bad merge or a full disk may have emptied it; "
        f"restore it (see its kept versions with: workbench restore {name}) or from git; "
        "nothing was written"
    )


@pytest.mark.parametrize(
    "verb",
    [("stats",), ("check", "fa", "arak-councils"), ("build", "fa"), ("update",)],
    ids=["stats", "check", "build", "update"],
)
def test_an_emptied_catalog_is_refused_by_every_verb_and_nothing_is_written(
    project, run, tmp_path, verb
):
    run(project, "update")
    message = emptied(project)
    before = snapshot(project.root)
    result = run(project, *verb)
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert snapshot(project.root) == before
    assert not (project.instance_dir / "build").exists()


def test_stats_counts_a_catalog_left_with_only_its_header_against_the_statement(project, run):
    run(project, "update")
    path = project.catalog_path("fa", "arak-councils")
    catalog = pofile.read(path)
    catalog.entries = []
    pofile.write(catalog, path)
    [row] = json.loads(run(project, "stats", "--json").output)
    assert (row["units"], row["translated"], row["untranslated"], row["percent"]) == (6, 0, 6, 0.0)
    assert row["words"] == 4 + 3 + 9 + 5 + 10 + 7


def test_build_with_one_broken_catalog_writes_no_statement(project, run, tmp_path):
    # The broken catalog is the second statement's: the first is not written before it.
    (project.seeds_dir / "haft-tappeh.txt").write_text(HAFT_TAPPEH, encoding="utf-8")
    run(project, "update")
    path = project.catalog_path("fa", "haft-tappeh")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines, 1) if text.startswith('msgid "All power'))
    lines[line - 1] = lines[line - 1].rstrip().rstrip('"') + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    result = run(project, "build", "fa", "--out", str(out))
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: locales/fa/LC_MESSAGES/haft-tappeh.po line {line}: a string is not closed "
        '(missing the final "); fix the file (or restore it with git) and run again; '
        "nothing was written"
    )
    assert not out.exists()


def test_build_says_which_statement_has_units_with_error_level_findings(project, run, tmp_path):
    run(project, "update")
    translate(project, "arak-councils", {"Arak, January 2026.": "اراک، ژانویهٔ ۲۰۲۵."})
    notice = (
        "arak-councils: 1 unit has error-level findings; see them with: "
        "workbench check fa arak-councils --severity error"
    )
    out = tmp_path / "out"
    first = run(project, "build", "fa", "--out", str(out))
    assert first.exit_code == 0
    assert "اراک، ژانویهٔ ۲۰۲۵." in (out / "arak-councils.txt").read_text(encoding="utf-8")
    assert notice in first.output.splitlines()
    # Again, from the check cache the first build brought up to date.
    assert notice in run(project, "build", "fa", "--out", str(out)).output.splitlines()
    # The command it names shows that unit.
    shown = run(project, "check", "fa", "arak-councils", "--severity", "error")
    assert shown.exit_code == 1
    assert "line 3: error: numbers:" in shown.output
    assert "1 error, 0 warnings, 5 info in 6 units" in shown.output


def test_build_is_silent_about_findings_when_no_unit_has_an_error(project, run, tmp_path):
    run(project, "update")
    translate(project, "arak-councils", {"Arak, January 2026.": "اراک، ژانویهٔ ۲۰۲۶."})
    result = run(project, "build", "fa", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "error-level" not in result.output


def test_an_emptied_catalog_comes_back_with_the_restore_its_error_names(project, run):
    run(project, "update")
    translate(project, "arak-councils", {"All power to the councils!": POWER})
    path = project.catalog_path("fa", "arak-councils")
    # A second save keeps the version with the translation (as every overwrite does)...
    catalog = pofile.read(path)
    cat.apply_edits(catalog, [Edit("Arak, January 2026.", "اراک، ژانویهٔ ۲۰۲۶.", cat.TRANSLATED)])
    pofile.modify(path, lambda _old: catalog, None, project.lock_dir, backups.keeper(project, path))
    # ...then a crash leaves a new, empty file in its place.
    path.unlink()
    message = emptied(project)
    assert run(project, "stats").output.strip() == message
    name = project.relative(path)
    listed = run(project, "restore", name, "--json")
    [version] = json.loads(listed.output)
    assert (version["version"], version["units"], version["translated"]) == (1, 6, 1)
    assert run(project, "restore", name, "1").exit_code == 0
    [row] = json.loads(run(project, "stats", "--json").output)
    assert (row["units"], row["translated"]) == (6, 1)


def test_build_still_writes_when_the_glossary_cannot_be_read_and_says_nothing_was_checked(
    project, run, tmp_path
):
    run(project, "update")
    (project.glossary_dir / "glossary.tbx").write_text(
        '<?xml version="1.0"?>\n<tbx><text><body><termEntry></body></text></tbx>\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run(project, "build", "fa", "--out", str(out))
    assert result.exit_code == 0
    assert (out / "arak-councils.txt").exists()
    assert result.output.splitlines()[-1] == (
        "note: the translations were not checked: glossary/glossary.tbx line 2: not well-formed "
        "XML (mismatched tag at column 31); fix the file and try again"
    )
