"""``workbench check``: reports, JSON, exit status, dismissals and bad input."""

from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from workbench.project import Project
from workbench.util import files

from .support import DATA, msgfmt_check, workbench_command
from .translation_support import translate

STATEMENT = "arak-councils"
PO = "locales/fa/LC_MESSAGES/arak-councils.po"

# Real translations of the conftest statement; two of them carry planted errors.
TRANSLATIONS = {
    "Arak workers declare councils": "کارگران اراک شوراها را اعلام می‌کنند",
    "Arak, January 2026.": "اراک، ژانویهٔ ۲۰۲۵.",  # the year is wrong
    "All power to the councils!": "همهٔ قدرت به شوراها!",
    "Our strike is no longer about wages.": "اعتصاب ما دیگر بر سر دستمزد نیست",  # no stop
}


@pytest.fixture
def translated(project, run) -> Project:
    """The conftest project, updated, with four units translated."""
    assert run(project, "update").exit_code == 0
    translate(project, STATEMENT, TRANSLATIONS)
    return project


def test_an_error_fails_the_check_and_the_report_is_grouped_by_statement(translated, run):
    # By default errors and warnings: the untranslated units are progress, not problems.
    result = run(translated, "check", "fa")
    assert result.exit_code == 1
    assert result.stdout == (
        "arak-councils [fa]\n"
        '  line 3: error: numbers: the date "January 2026" of the source is not the date '
        "«ژانویهٔ ۲۰۲۵» of the translation; correct the day, month or year\n"
        '  line 8: warning: punctuation: the source ends with "." (full stop), the translation '
        "without one\n"
    )
    assert result.stderr == (
        "1 error, 1 warning, 2 info in 6 units of 1 statement (fa); info not shown "
        "(--severity info lists them)\n"
    )


def test_findings_of_one_line_come_in_the_order_of_the_source(project, run):
    # Line 5 holds two units: "We, the workers..." then "All power to the councils!".
    assert run(project, "update").exit_code == 0
    expected = (
        "arak-councils [fa]\n"
        '  line 1: info: untranslated: "Arak workers declare councils" has no translation yet\n'
        '  line 3: info: untranslated: "Arak, January 2026." has no translation yet\n'
        '  line 5: info: untranslated: "We, the workers of Arak’s factories, declare the '
        'following." has no translation yet\n'
        '  line 5: info: untranslated: "All power to the councils!" has no translation yet\n'
        '  line 7: info: untranslated: "Workplace control: the factories will be run by '
        'workers’…" has no translation yet\n'
        '  line 8: info: untranslated: "Our strike is no longer about wages." has no '
        "translation yet\n"
    )
    cold = run(project, "check", "--severity", "info")
    assert cold.stdout == expected
    warm = run(project, "check", "--severity", "info")  # answered from the cache
    assert warm.stdout == expected


def test_a_units_findings_of_every_kind_stay_before_those_of_the_next_unit_on_its_line(
    project, run
):
    # The first unit of line 5 has a finding only a look at the whole project
    # gives (translated two ways); the second, one of its own (untranslated).
    workers = "We, the workers of Arak’s factories, declare the following."
    (project.seeds_dir / "second.txt").write_text(workers + "\n", encoding="utf-8")
    assert run(project, "update").exit_code == 0
    translate(project, STATEMENT, {workers: "ما، کارگران کارخانه‌های اراک، اعلام می‌کنیم."})
    translate(project, "second", {workers: "ما کارگران کارخانه‌های اراک اعلام می‌کنیم."})
    for _ in ("cold", "warm"):
        data = json.loads(run(project, "check", STATEMENT, "--json", "--severity", "info").stdout)
        assert [(f["line"], f["check"], f["source"][:9]) for f in data if f["line"] == 5] == [
            (5, "inconsistent-translation", "We, the w"),
            (5, "untranslated", "All power"),
        ]


def test_json_lists_every_finding_sorted_by_statement_and_line(translated, run):
    result = run(translated, "check", "--json", "--severity", "info")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(d["line"], d["check"], d["severity"]) for d in data] == [
        (3, "numbers", "error"),
        (5, "untranslated", "info"),
        (7, "untranslated", "info"),
        (8, "punctuation", "warning"),
    ]
    first = data[0]
    assert set(first) == {
        "check", "severity", "language", "statement", "source", "target", "message",
        "msgctxt", "line", "form",
    }  # fmt: skip
    assert (first["language"], first["statement"]) == ("fa", STATEMENT)
    assert (first["source"], first["target"]) == ("Arak, January 2026.", "اراک، ژانویهٔ ۲۰۲۵.")


def test_a_clean_project_exits_0(translated, run):
    translate(
        translated,
        STATEMENT,
        {
            "Arak, January 2026.": "اراک، ژانویهٔ ۲۰۲۶.",
            "Our strike is no longer about wages.": "اعتصاب ما دیگر بر سر دستمزد نیست.",
        },
    )
    result = run(translated, "check", "fa")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == (
        "0 errors, 0 warnings, 2 info in 6 units of 1 statement (fa); info not shown "
        "(--severity info lists them)\n"
    )
    listed = run(translated, "check", "fa", "--severity", "info")
    assert listed.exit_code == 0
    assert listed.stdout.count(": info: untranslated: ") == 2
    assert listed.stderr == "0 errors, 0 warnings, 2 info in 6 units of 1 statement (fa)\n"


@pytest.mark.parametrize("only", [(), ("--only", "numbers")], ids=["all", "only"])
def test_a_catalog_emptied_to_its_header_is_named_with_how_to_get_its_units_back(
    translated, run, only
):
    catalog = translated.catalog_path("fa", STATEMENT)
    header = polib.pofile(str(catalog))
    for entry in list(header):
        header.remove(entry)
    header.save(str(catalog))
    result = run(translated, "check", "fa", *only)
    assert result.exit_code == 0
    path = f"locales/fa/LC_MESSAGES/{STATEMENT}.po"
    assert result.stderr.splitlines()[0] == (
        f"note: {path} holds none of the 6 unit(s) of its template (a bad merge or an edit may "
        f"have emptied it); see its kept versions with: workbench restore {path}, or refill it, "
        "untranslated, with: workbench update"
    )
    # A catalog with its units says nothing of the kind.
    assert run(translated, "update").exit_code == 0
    assert "holds none" not in run(translated, "check", "fa", *only).stderr


def test_only_runs_the_named_checks_and_errors_still_set_the_status(translated, run):
    result = run(translated, "check", "--only", "punctuation")
    assert result.exit_code == 0
    assert "punctuation" in result.stdout and "numbers" not in result.stdout
    result = run(translated, "check", "--only", "numbers,punctuation", "--severity", "error")
    assert result.exit_code == 1
    assert result.stdout.count("\n  line") == 1


def test_an_unknown_check_is_a_usage_error(translated, run):
    result = run(translated, "check", "--only", "numbrs")
    assert result.exit_code == 2
    assert 'unknown check "numbrs"; the checks are: untranslated, fuzzy' in result.stderr


def test_without_a_language_every_target_language_is_checked(translated, run):
    assert run(translated, "add-language", "de").exit_code == 0
    translate(translated, STATEMENT, {"All power to the councils!": "Alle Macht den Räten"}, "de")
    result = run(translated, "check", "--json", "--severity", "warning")
    data = json.loads(result.stdout)
    assert sorted({d["language"] for d in data}) == ["de", "fa"]
    assert [d["message"] for d in data if d["language"] == "de"] == [
        'the source ends with "!" (exclamation mark), the translation without one'
    ]
    assert result.stderr.endswith(
        "in 12 units of 1 statement (fa, de); info not shown (--severity info lists them)\n"
    )


def test_a_statement_may_come_first_without_a_language(translated, run):
    result = run(translated, "check", STATEMENT, "--severity", "error")
    assert result.exit_code == 1
    assert result.stdout.startswith("arak-councils [fa]\n  line 3: error: numbers:")


def test_list_shows_every_check_with_its_title(translated, run):
    result = run(translated, "check", "--list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[4].split(None, 2) == [
        "numbers",
        "error",
        "The same numbers in the source and the translation.",
    ]
    names = [line.split()[0] for line in lines]
    assert names == [
        "untranslated", "fuzzy", "unchanged", "glossary", "numbers", "urls", "punctuation",
        "brackets", "whitespace", "inconsistent-translation", "inconsistent-source", "length",
        "conflict",
    ]  # fmt: skip


def test_the_check_compares_with_every_statement_even_when_one_is_named(translated, run):
    (translated.seeds_dir / "second.txt").write_text(
        "All power to the councils!\n", encoding="utf-8"
    )
    assert run(translated, "update").exit_code == 0
    translate(translated, "second", {"All power to the councils!": "تمام قدرت به شوراها!"})
    result = run(translated, "check", "fa", STATEMENT, "--only", "inconsistent-translation")
    assert result.exit_code == 0
    assert result.stdout == (
        "arak-councils [fa]\n"
        '  line 5: warning: inconsistent-translation: "All power to the councils!" is '
        "translated 2 ways in the project: «همهٔ قدرت به شوراها!» here; «تمام قدرت به "
        "شوراها!» at second:1\n"
    )


# -- dismissing ----------------------------------------------------------------------------


def dismiss(run, project: Project, check: str, unit: str, reason: str):
    """Dismiss *check* on *unit* of the statement from the command line; return the result."""
    return run(
        project, "check", "fa", STATEMENT, "--dismiss", check, "--unit", unit, "--reason", reason
    )


def test_a_dismissal_is_kept_in_the_catalog_and_silences_that_finding(translated, run):
    result = dismiss(
        run, translated, "numbers", "Arak, January 2026.", "the  statement was   dated a year late"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        'Dismissed numbers on arak-councils line 3 ("Arak, January 2026."): '
        "the statement was dated a year late\n"
    )
    text = (translated.root / PO).read_text(encoding="utf-8")
    assert "# dismissed numbers: the statement was dated a year late\n" in text
    assert msgfmt_check(translated.root / PO).returncode == 0
    after = run(translated, "check", "fa", "--severity", "error")
    assert after.exit_code == 0
    assert after.stdout == ""
    assert after.stderr == (
        "0 errors, 1 warning, 2 info in 6 units of 1 statement (fa); 1 dismissed; "
        "warning and info not shown (--severity info lists them)\n"
    )


def test_a_unit_can_be_named_by_its_line_or_a_unique_part(translated, run):
    result = dismiss(run, translated, "punctuation", "8", "a slogan")
    assert result.exit_code == 0, result.output
    assert "Dismissed punctuation on arak-councils line 8" in result.stdout
    result = dismiss(run, translated, "numbers", "january", "dated late")
    assert result.exit_code == 0, result.output
    assert run(translated, "check", "fa").exit_code == 0


def test_restore_takes_a_dismissal_back(translated, run):
    args = ["check", "fa", STATEMENT, "--unit", "Arak, January 2026."]
    run(translated, *args, "--dismiss", "numbers", "--reason", "dated late")
    result = run(translated, *args, "--restore", "numbers")
    assert result.stdout == 'Restored numbers on arak-councils line 3 ("Arak, January 2026.")\n'
    assert "# dismissed" not in (translated.root / PO).read_text(encoding="utf-8")
    assert run(translated, "check", "fa").exit_code == 1


def test_dismissing_where_nothing_is_found_says_so(translated, run):
    result = dismiss(run, translated, "urls", "3", "just in case")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: urls reports nothing on this unit now; the dismissal stays for when it does\n"
    )


@pytest.mark.parametrize(
    "unit, message",
    [
        (
            "5",
            'Error: arak-councils [fa]: line 5 holds 2 units ("We, the workers of Arak’s '
            'factories,…"; "All power to the councils!"); give the unit\'s text with --unit '
            "instead\n",
        ),
        ("99", "Error: arak-councils [fa]: no unit on line 99; give the unit's text instead\n"),
        (
            "councils",
            'Error: arak-councils [fa]: "councils" matches 3 units (lines 1, 5, 7); '
            "give more of the text\n",
        ),
        (
            "general strike",
            'Error: arak-councils [fa]: no unit reads "general strike"; give its source text '
            "or line\n",
        ),
    ],
    ids=["line-with-several-units", "line-without-units", "ambiguous-text", "unknown-text"],
)
def test_a_unit_that_is_not_one_unit_is_refused_and_nothing_is_written(
    translated, run, unit, message
):
    before = (translated.root / PO).read_bytes()
    result = dismiss(run, translated, "numbers", unit, "r")
    assert result.exit_code == 1
    assert result.stderr == message
    assert (translated.root / PO).read_bytes() == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["--dismiss", "numbers", "--unit", "3"], "--dismiss needs --reason"),
        (["--dismiss", "numbers", "--reason", "r"], "--dismiss needs --unit"),
        (["--dismiss", "nmbers", "--unit", "3", "--reason", "r"], 'unknown check "nmbers"'),
        (["--unit", "3"], "--unit and --reason go with --dismiss CHECK or --restore CHECK"),
    ],
    ids=["no-reason", "no-unit", "unknown-check", "unit-without-dismiss"],
)
def test_an_incomplete_dismissal_is_a_usage_error(translated, run, args, message):
    result = run(translated, "check", "fa", STATEMENT, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_dismissal_needs_one_language_and_one_statement(translated, run):
    result = run(translated, "check", "fa", "--dismiss", "numbers", "--unit", "3", "--reason", "r")
    assert result.exit_code == 2
    assert "--dismiss needs one LANG and one STATEMENT" in result.stderr


# -- bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["xx"], 'Error: unknown language code "xx"; did you mean "xh"?\n'),
        (
            ["de"],
            'Error: "de" is not a language of this project (it has: fa); add it with: '
            "workbench add-language de\n",
        ),
        (
            ["fa", "tehran-bus-drivers"],
            'Error: no statement "tehran-bus-drivers" in seeds/; see the list with: workbench '
            "stats\n",
        ),
        (
            ["tehran-bus-drivers"],
            'Error: no statement "tehran-bus-drivers" in seeds/; see the list with: workbench '
            "stats\n",
        ),
        (["farsi"], 'Error: unknown language code "farsi"; did you mean "fa"?\n'),
        (["Persian"], 'Error: unknown language code "Persian"; did you mean "fa"?\n'),
        (["persain", STATEMENT], 'Error: unknown language code "persain"; did you mean "fa"?\n'),
        (
            ["fas"],
            'Error: "fas" is not a language of this project (it has: fa); did you mean "fa"?\n',
        ),
        (
            ["fa_IR"],
            'Error: "fa_IR" is not a language of this project (it has: fa); did you mean "fa"?\n',
        ),
        (
            ["per", STATEMENT],
            'Error: "per" is not a language of this project (it has: fa); did you mean "fa"?\n',
        ),
    ],
    ids=[
        *("unknown-language", "language-not-in-project", "unknown-statement", "statement-first"),
        *("language-name", "language-name-capitalised", "near-language-name"),
        *("another-code", "a-variant", "another-code-and-statement"),
    ],
)
def test_unknown_languages_and_statements_are_one_line_errors(translated, run, args, message):
    result = run(translated, "check", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message


def test_a_malformed_catalog_is_named_with_its_line(translated, run):
    shutil.copy(DATA / "catalog" / "bad.unterminated-quote.po", translated.root / PO)
    result = run(translated, "check")
    assert result.exit_code == 1
    assert result.stderr == (
        f'Error: {PO} line 11: a string is not closed (missing the final "); fix the file '
        "(or restore it with git) and run again; nothing was written\n"
    )


def test_a_named_statement_without_a_catalog_is_an_error(project, run):
    result = run(project, "check", "fa", STATEMENT)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {PO}: does not exist; run: workbench update\n"


def test_unnamed_statements_without_a_catalog_are_a_note(project, run):
    result = run(project, "check")
    assert result.exit_code == 0
    assert result.stderr == (
        f"note: {PO} does not exist yet; run: workbench update\n"
        "0 errors, 0 warnings, 0 info in 0 units of 1 statement (fa)\n"
    )


def test_the_seeded_project_checks_in_one_run(seeded_project, run):
    assert run(seeded_project, "update").exit_code == 0
    result = run(seeded_project, "check", "--json", "--severity", "info")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data and {d["check"] for d in data} == {"untranslated"}


# -- a second run reuses what did not change ----------------------------------------


def fresh_json(project, run, *args: str) -> list[dict]:
    """The findings of a run with no cache at all."""
    shutil.rmtree(project.instance_dir / "cache", ignore_errors=True)
    return json.loads(run(project, "check", "--json", *args).stdout)


def test_a_second_run_reuses_unchanged_catalogs_and_finds_the_same(translated, run):
    (translated.seeds_dir / "tabriz.txt").write_text(
        "Tabriz workers declare councils\n\nAll power to the councils!\n", encoding="utf-8"
    )
    assert run(translated, "update").exit_code == 0
    first = json.loads(run(translated, "check", "--json").stdout)
    cache = translated.instance_dir / "cache" / "checks-fa.pickle"
    assert cache.exists()
    written = cache.stat().st_mtime_ns
    assert json.loads(run(translated, "check", "--json").stdout) == first
    assert cache.stat().st_mtime_ns == written  # nothing changed, nothing rewritten
    # One catalog changes: a second rendering of a repeated source, and a dismissal.
    translate(translated, "tabriz", {"All power to the councils!": "تمام قدرت به شوراها!"})
    assert (
        run(
            translated,
            "check",
            "fa",
            STATEMENT,
            "--dismiss",
            "punctuation",
            "--unit",
            "Our strike is no longer about wages.",
            "--reason",
            "a headline",
        ).exit_code
        == 0
    )
    again = json.loads(run(translated, "check", "--json").stdout)
    assert again != first
    assert {d["check"] for d in again} >= {"inconsistent-translation"}
    assert again == fresh_json(translated, run)
    assert json.loads(run(translated, "check", "--json", "fa", "tabriz").stdout) == [
        d for d in again if d["statement"] == "tabriz"
    ]


def test_a_changed_glossary_makes_the_whole_cache_stale(translated, run):
    before = json.loads(run(translated, "check", "--json").stdout)
    assert not any(d["check"] == "glossary" for d in before)
    assert (
        run(translated, "glossary", "add", "councils", "--to", "fa=سویت", "--pos", "noun").exit_code
        == 0
    )
    after = json.loads(run(translated, "check", "--json").stdout)
    assert any(d["check"] == "glossary" for d in after)
    assert after == fresh_json(translated, run)


def test_a_run_shared_with_a_child_process_finds_what_one_process_finds(
    translated, run, monkeypatch
):
    from workbench.checks import checker

    (translated.seeds_dir / "tabriz.txt").write_text(
        "Tabriz workers declare councils\n\nAll power to the councils!\n", encoding="utf-8"
    )
    assert run(translated, "update").exit_code == 0
    translate(translated, "tabriz", {"All power to the councils!": "تمام قدرت به شوراها!"})
    alone = fresh_json(translated, run)
    # Any size of catalogs is large enough: a child checks one of the two.
    monkeypatch.setattr(checker, "_SPREAD_FROM", 1)
    assert fresh_json(translated, run) == alone
    shutil.rmtree(translated.instance_dir / "cache")
    shared = checker.check_project(translated, ["fa"], spread=True)
    by_statement = {
        f.statement: f.wording is None for f in shared.findings if f.check == "untranslated"
    }
    # The child's findings came back as rows, in English only; the parent's keep templates.
    assert by_statement == {"tabriz": True, STATEMENT: False} or by_statement == {
        "tabriz": False,
        STATEMENT: True,
    }
    # A catalog that cannot be read is reported as by one process, whichever checked it.
    path = translated.root / PO
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "no translation"\n', "utf-8")
    monkeypatch.setattr(checker, "_SPREAD_FROM", 10**12)
    one = run(translated, "check")
    monkeypatch.setattr(checker, "_SPREAD_FROM", 1)
    two = run(translated, "check")
    assert (two.exit_code, two.stderr) == (one.exit_code, one.stderr) == (1, two.stderr)
    assert PO in two.stderr and "msgid has no msgstr" in two.stderr


def check_in_new_process(project: Project) -> list[dict]:
    """The findings of ``workbench check --json`` run as a new process, as a person runs it."""
    done = subprocess.run(
        workbench_command("--project", str(project.root), "check", "--json"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_a_glossary_edited_by_hand_to_the_same_size_and_time_is_read_again(translated, run):
    assert (
        run(translated, "glossary", "add", "councils", "--to", "fa=سویت", "--pos", "noun").exit_code
        == 0
    )
    first = check_in_new_process(translated)
    assert any(d["check"] == "glossary" and "سویت" in d["message"] for d in first)
    assert (translated.instance_dir / "cache" / "glossary.pickle").exists()
    # The rendering becomes the one the translation uses, in the same number of
    # bytes, and the file gets its old modification time back.
    tbx = translated.glossary_dir / "glossary.tbx"
    before = tbx.stat()
    data = tbx.read_bytes()
    edited = data.replace("سویت".encode(), "شورا".encode())
    assert edited != data and len(edited) == len(data)
    tbx.write_bytes(edited)
    os.utime(tbx, ns=(before.st_atime_ns, before.st_mtime_ns))
    (translated.instance_dir / "cache" / "checks-fa.pickle").unlink(missing_ok=True)
    again = check_in_new_process(translated)
    assert not any(d["check"] == "glossary" for d in again)
    assert again == fresh_json(translated, run)


@pytest.mark.parametrize("damage", ["cut-short", "not-a-pickle", "other-shape"])
def test_a_damaged_derived_file_is_ignored_and_made_again(translated, run, damage):
    assert (
        run(translated, "glossary", "add", "councils", "--to", "fa=سویت", "--pos", "noun").exit_code
        == 0
    )
    expected = check_in_new_process(translated)
    cache = translated.instance_dir / "cache"
    kept = [cache / "glossary.pickle", cache / "checks-fa.pickle"]
    for path in kept:
        data = path.read_bytes()
        if damage == "cut-short":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "not-a-pickle":
            path.write_bytes(b"\x00" * len(data))
        else:  # a pickle written by something else: a list, not a (key, value) pair
            path.write_bytes(pickle.dumps(["glossary", 1]))
    assert check_in_new_process(translated) == expected
    # Both were written again whole: the next process reads them.
    assert all(pickle.loads(path.read_bytes())[0] for path in kept)
    assert check_in_new_process(translated) == expected


def test_a_full_disk_under_the_cache_costs_time_not_the_check(translated, run, monkeypatch):
    expected = fresh_json(translated, run)
    shutil.rmtree(translated.instance_dir / "cache")
    real = files._new_temporary

    def new_temporary(path: Path) -> tuple[int, str]:
        if Path(path).parent.name == "cache":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path)

    monkeypatch.setattr(files, "_new_temporary", new_temporary)
    result = run(translated, "check", "--json")
    assert json.loads(result.stdout) == expected
    assert not (translated.instance_dir / "cache" / "glossary.pickle").exists()
    assert not (translated.instance_dir / "cache" / "checks-fa.pickle").exists()
    assert list((translated.instance_dir / "cache").iterdir()) == []


def check_process(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        workbench_command("--project", str(project.root), "check", *args),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_check_process_prints_all_it_found_and_exits_with_its_verdict(translated, run):
    # Run as its own process, the check ends without freeing what it made:
    # the output and the status must be those of the verb run in process.
    for args in (("fa",), ("fa", "--json"), ("fa", "--severity", "error")):
        (translated.instance_dir / "cache" / "checks-fa.pickle").unlink(missing_ok=True)
        cold = check_process(translated, *args)
        warm = check_process(translated, *args)
        inside = run(translated, "check", *args)
        assert inside.exit_code == 1
        for done in (cold, warm):
            assert (done.returncode, done.stdout, done.stderr) == (1, inside.stdout, inside.stderr)
    assert inside.stderr.startswith("1 error, ")


def test_a_check_process_with_no_error_exits_zero(project, run):
    assert run(project, "update").exit_code == 0
    done = check_process(project, "fa")
    assert done.returncode == 0, done.stderr
    inside = run(project, "check", "fa")
    assert (done.stdout, done.stderr) == (inside.stdout, inside.stderr)
    assert done.stderr.startswith("0 errors, ")


def test_escape_sequences_in_a_translation_never_reach_the_terminal(translated):
    # A translation that would retitle the terminal, clear it and colour the
    # rest red, with a C1 control too: the report shows each as \xNN.
    path = translated.root / PO
    catalog = polib.pofile(str(path))
    entry = catalog.find("All power to the councils!")
    entry.msgstr = "\x1b]0;owned\x07\x1b[2J\u009b31mهمهٔ قدرت به شوراها!"
    entry.flags.append("fuzzy")
    catalog.save()
    done = check_process(translated, "fa")
    assert done.returncode == 1, done.stderr
    draft = [line for line in done.stdout.splitlines() if ": draft:" in line or "review" in line]
    assert draft, done.stdout
    assert not any(c in done.stdout for c in "\x1b\x07\u009b")
    assert "«\\x1b]0;owned\\x07\\x1b[2J\\x9b31mهمهٔ قدرت به شوراها!»" in done.stdout
    # JSON keeps the text as it is, escaped the JSON way, C1 controls too.
    as_json = check_process(translated, "fa", "--json")
    assert "\\u001b]0;owned\\u0007" in as_json.stdout
    assert "\\u009b31m" in as_json.stdout and "\u009b" not in as_json.stdout
    assert any(d["target"] == entry.msgstr for d in json.loads(as_json.stdout))


# A statement of the Haft Tappeh workers, checked against the repository's own glossary.
HAFT_TAPPEH_3 = """\
We, the workers of Haft Tappeh, have been on strike for 12 days.

The workers of Arak are with us.

The Communist Party of Iran supports the strike.

All power to the councils!

The masses are in the streets.
"""


@pytest.fixture
def haft_tappeh_3(seeded_project, run) -> Project:
    (seeded_project.seeds_dir / "haft-tappeh-3.txt").write_text(HAFT_TAPPEH_3, encoding="utf-8")
    result = run(seeded_project, "update", "haft-tappeh-3")
    assert result.exit_code == 0, result.output
    return seeded_project


@pytest.mark.parametrize(
    "translation",
    [
        "ما، کارگران هفت‌تپه، دوازده روز است که در اعتصابیم.",  # "we are on strike", joined
        "ما، کارگران هفت‌تپه، دوازده روز است که در اعتصاب هستیم.",
        "ما، کارگران هفت‌تپه، دوازده روز است که در اعتصاب‌ایم.",
    ],
)
def test_a_copula_ending_on_the_rendering_is_no_glossary_warning(haft_tappeh_3, run, translation):
    source = "We, the workers of Haft Tappeh, have been on strike for 12 days."
    translate(haft_tappeh_3, "haft-tappeh-3", {source: translation})
    result = run(haft_tappeh_3, "check", "fa", "haft-tappeh-3", "--only", "glossary")
    assert (result.exit_code, result.stdout) == (0, "")


def test_glossary_warnings_show_no_form_of_a_name_or_slogan_and_no_plural_of_a_plural(
    haft_tappeh_3, run
):
    translate(
        haft_tappeh_3,
        "haft-tappeh-3",
        {
            "The workers of Arak are with us.": "کارگران آن شهر با ما هستند.",
            "The Communist Party of Iran supports the strike.": "حزبی از اعتصاب حمایت می‌کند.",
            "All power to the councils!": "همه‌ی قدرت به مردم!",
            "The masses are in the streets.": "مردم در خیابان‌اند.",
        },
    )
    result = run(haft_tappeh_3, "check", "fa", "haft-tappeh-3", "--only", "glossary")
    assert result.stdout == (
        "haft-tappeh-3 [fa]\n"
        '  line 3: warning: glossary: "Arak" should be rendered as «اراک»; not found in the '
        "translation\n"
        '  line 5: warning: glossary: "Communist Party of Iran" should be rendered as '
        "«حزب کمونیست ایران»; not found in the translation\n"
        '  line 7: warning: glossary: "All power to the councils" should be rendered as '
        "«همه قدرت به دست شوراها» or «همه قدرت به شوراها»; not found in the translation\n"
        '  line 9: warning: glossary: "masses" should be rendered as «توده‌ها» (or a form of '
        "it, like «توده‌های»); not found in the translation\n"
    )


# -- a broken glossary ----------------------------------------------------------------


def test_a_broken_glossary_is_said_once_by_a_check_process_with_its_line(translated):
    path = translated.glossary_dir / "glossary.tbx"
    path.write_bytes((DATA / "glossary" / "bad.two-preferred.tbx").read_bytes())
    shutil.rmtree(translated.instance_dir / "cache", ignore_errors=True)
    done = check_process(translated, "fa")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        'Error: glossary/glossary.tbx line 17: concept "council" has two preferred Persian '
        "terms; mark one as admitted.\n"
    )
