"""XLIFF round trips: export a statement for a CAT tool, import what the tools send back."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from lxml import etree
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from workbench.catalogs import pofile
from workbench.catalogs.conflict import conflicts_of
from workbench.catalogs.history import History
from workbench.catalogs.model import Edit
from workbench.catalogs.store import CatalogStore
from workbench.xliff import service

from .support import DATA

XLIFF = DATA / "exchange" / "xliff"
SCHEMAS = DATA / "schemas"
STATEMENT = "arak-councils"
HEADING = "Arak workers declare councils"
DATE = "Arak, January 2026."
FIRST = "We, the workers of Arak’s factories, declare the following."
POWER = "All power to the councils!"
CONTROL = "Workplace control: the factories will be run by workers’ councils."
WAGES = "Our strike is no longer about wages."


@pytest.fixture
def xproject(project, run):
    assert run(project, "update").exit_code == 0
    return project


def catalog_bytes(project) -> bytes:
    return project.catalog_path("fa", STATEMENT).read_bytes()


def entries(project) -> dict[str, tuple[str, str]]:
    catalog = pofile.read(project.catalog_path("fa", STATEMENT))
    return {e.msgid: (e.msgstr, e.status) for e in catalog.active()}


def export(project, version: str = "1.2") -> bytes:
    return service.export_statement(project, CatalogStore(project), "fa", STATEMENT, version)


def translate(project, *edits: tuple[str, str, str]) -> None:
    store = CatalogStore(project)
    store.save("fa", STATEMENT, [Edit(m, t, s) for m, t, s in edits], user="ana")


# -- export --------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_export_has_one_unit_per_entry_in_order_with_stable_ids(xproject, version):
    first = export(xproject, version)
    translate(xproject, (POWER, "همه‌ی قدرت به شوراها!", "translated"))
    second = export(xproject, version)
    doc = service.read(first, "x.xlf")
    assert [u.source for u in doc.units] == [HEADING, DATE, FIRST, POWER, CONTROL, WAGES]
    assert [u.group for u in doc.units] == ["p1", "p2", "p3", "p3", "p4", "p5"]
    assert [u.id for u in service.read(second, "x.xlf").units] == [u.id for u in doc.units]
    assert doc.units[3].id == "u484ea2a0340ae305"
    assert (doc.original, doc.source_language, doc.target_language) == (STATEMENT, "en", "fa")


def test_export_says_kind_place_and_glossary_terms(xproject, run):
    run(xproject, "glossary", "add", "council", "--to", "fa=شورا")
    data = export(xproject, "1.2").decode("utf-8")
    assert '<trans-unit id="u239bb10589139254" restype="x-heading"' in data
    assert '<context context-type="linenumber">5</context>' in data
    assert '<note from="glossary">councils → شورا (preferred)</note>' in data
    two = export(xproject, "2.0").decode("utf-8")
    assert "<gls:term>councils</gls:term>" in two
    assert "<gls:translation>شورا</gls:translation>" in two
    assert '<note category="location">seeds/arak-councils.txt:1</note>' in two


STATES = [
    (HEADING, "کارگران اراک شوراها را اعلام می‌کنند", "reviewed"),
    (DATE, "اراک، دی ۱۴۰۴", "translated"),
    (FIRST, "ما کارگران اعلام می‌کنیم", "fuzzy"),
]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_states_go_out_and_come_back_the_same(xproject, version):
    translate(xproject, *STATES)
    doc = service.read(export(xproject, version), "x.xlf")
    got = {u.source: (u.target, u.status) for u in doc.units}
    for msgid, text, status in STATES:
        assert got[msgid] == (text, status)
    assert got[POWER] == (None, "untranslated")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_the_export_is_valid_and_translate_toolkit_reads_it(xproject, run, version):
    run(xproject, "glossary", "add", "council", "--to", "fa=شورا")
    translate(xproject, *STATES)
    data = export(xproject, version)
    grammar = etree.RelaxNG(etree.parse(str(SCHEMAS / f"xliff-{version}-export.rng")))
    assert grammar.validate(etree.fromstring(data)), grammar.error_log.last_error
    store = (xlifffile if version == "1.2" else Xliff2File).parsestring(data)
    pairs = [(u.source, u.target) for u in store.units]
    assert pairs[0] == (HEADING, STATES[0][1])
    assert pairs[3] == (POWER, None)
    assert len(pairs) == 6


# -- import --------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_an_export_imported_unchanged_changes_no_byte(xproject, run, tmp_path, version):
    translate(xproject, *STATES)
    before = catalog_bytes(xproject)
    out = tmp_path / "out.xlf"
    assert run(xproject, "xliff", "export", "fa", STATEMENT, "--version", version, "--out",
               str(out)).exit_code == 0  # fmt: skip
    result = run(xproject, "xliff", "import", str(out), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["updated"] == [] and report["conflicts"] == [] and not report["written"]
    assert catalog_bytes(xproject) == before


def test_omegat_targets_come_back_without_markup_and_copies_stay_open(xproject, run):
    result = run(xproject, "xliff", "import", str(XLIFF / "returned-omegat-1.2.xlf"), "--user",
                 "shirin")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"Imported {XLIFF / 'returned-omegat-1.2.xlf'} into arak-councils (fa): 3 updated, "
        "0 conflict(s), 0 unchanged, 3 left as they were"
    )
    got = entries(xproject)
    assert got[HEADING] == ("کارگران اراک شوراها را اعلام می‌کنند", "translated")
    assert got[POWER] == ("همه‌ی قدرت به شوراها!", "translated")  # <x/> is a space
    assert got[DATE] == ("", "untranslated")  # a copy of the source
    assert got[FIRST] == ("", "untranslated")  # an empty target
    history = History(xproject.instance_dir / "history.sqlite")
    assert history.count() == 3
    assert (
        subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(xproject.catalog_path("fa", STATEMENT))]
        ).returncode
        == 0
    )


def test_memoq_statuses_and_codes(xproject, run):
    result = run(xproject, "xliff", "import", str(XLIFF / "returned-memoq-1.2.xlf"))
    assert result.exit_code == 0, result.output
    got = entries(xproject)
    assert got[HEADING] == ("کارگران اراک شوراها را اعلام می‌کنند", "translated")
    assert got[FIRST] == ("ما، کارگران کارخانه‌های اراک، اعلام می‌کنیم", "fuzzy")
    assert got[POWER] == ("همه‌ی قدرت به شوراها!", "fuzzy")  # pretranslated, not confirmed
    assert got[CONTROL] == ("کنترل محل کار: کارخانه‌ها را شوراهای کارگران اداره خواهند کرد.",
                            "translated")  # fmt: skip
    assert got[DATE] == ("", "untranslated") and got[WAGES] == ("", "untranslated")


def test_matecat_segments_and_states(xproject, run):
    result = run(xproject, "xliff", "import", str(XLIFF / "returned-matecat-1.2.xlf"))
    assert result.exit_code == 0, result.output
    got = entries(xproject)
    assert got[HEADING] == ("کارگران اراک شوراها را اعلام می‌کنند", "reviewed")
    assert got[FIRST][1] == "fuzzy"
    assert got[WAGES] == ("اعتصاب ما دیگر فقط بر سر دستمزد نیست.", "translated")
    assert got[DATE] == ("", "untranslated")


def test_xliff_2_states_and_inline_markup(xproject, run):
    result = run(xproject, "xliff", "import", str(XLIFF / "returned-2.0.xlf"))
    assert result.exit_code == 0, result.output
    got = entries(xproject)
    assert got[HEADING] == ("کارگران اراک شوراها را اعلام می‌کنند", "reviewed")
    assert got[POWER] == ("همه‌ی قدرت به شوراها!", "translated")
    assert got[CONTROL][1] == "fuzzy"
    assert got[WAGES] == ("اعتصاب ما دیگر فقط بر سر دستمزد نیست.", "reviewed")
    assert got[DATE] == ("", "untranslated")


def test_a_unit_changed_on_both_sides_keeps_both_texts(xproject, run):
    translate(xproject, (POWER, "تمام قدرت به شوراها!", "translated"))
    # The file was exported before that save (every unit at the untranslated revision).
    result = run(xproject, "xliff", "import", str(XLIFF / "returned-omegat-1.2.xlf"), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["conflicts"] == [
        {
            "id": "u484ea2a0340ae305",
            "line": 37,
            "catalog": "تمام قدرت به شوراها!",
            "file": "همه‌ی قدرت به شوراها!",
        }
    ]
    catalog = pofile.read(xproject.catalog_path("fa", STATEMENT))
    entry = catalog.find(POWER)
    assert (entry.msgstr, entry.status) == ("تمام قدرت به شوراها!", "fuzzy")
    # Kept as a sync keeps the other machine's version: the editor offers both texts.
    [kept] = conflicts_of(entry)
    assert (kept.theirs, kept.by, kept.ours_by) == (
        ("همه‌ی قدرت به شوراها!",),
        "returned-omegat-1.2.xlf",
        "unknown",
    )
    checked = json.loads(run(xproject, "check", "fa", "--only", "conflict", "--json").stdout)
    assert [(f["source"], f["severity"]) for f in checked] == [(POWER, "error")]
    # Importing the same file again adds nothing and loses nothing.
    before = catalog_bytes(xproject)
    again = json.loads(
        run(xproject, "xliff", "import", str(XLIFF / "returned-omegat-1.2.xlf"), "--json").stdout
    )
    assert len(again["conflicts"]) == 1
    assert pofile.read(xproject.catalog_path("fa", STATEMENT)).find(POWER).notes == entry.notes
    assert catalog_bytes(xproject) == before


def test_unknown_ids_are_reported_unit_by_unit(xproject, run):
    name = XLIFF / "unknown-ids-1.2.xlf"
    result = run(xproject, "xliff", "import", str(name))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f'{name} line 29: unknown unit id "u0000000000000000"; left out',
        f'{name} line 55: unknown unit id "uffffffffffffffff"; left out',
    ]
    assert entries(xproject)[POWER] == ("همه‌ی قدرت به شوراها!", "translated")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "bad.other-statement.xlf",
            '{path}: is for the statement "tehran-bus-workers", which this project does not '
            "have; import it into the project it was exported from",
        ),
        (
            "bad.other-language.xlf",
            '{path}: is for the language "de", which this project does not translate into '
            "(it translates into fa)",
        ),
        (
            "bad.unclosed-target.xlf",
            "{path} line 16: not well-formed XML (mismatched tag at column 11); the CAT tool or "
            "an edit broke the file: export it from the tool again",
        ),
    ],
    ids=["other-statement", "other-language", "unclosed-target"],
)
def test_a_file_that_is_not_for_this_catalog_is_refused_in_one_line(
    xproject, run, tmp_path, name, message
):
    path = tmp_path / name
    shutil.copy(XLIFF / name, path)
    before = catalog_bytes(xproject)
    result = run(xproject, "xliff", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr == "Error: " + message.format(path=path) + "\n"
    assert catalog_bytes(xproject) == before


def test_export_json_and_bad_version(xproject, run, tmp_path):
    out = tmp_path / "x.xlf"
    result = run(xproject, "xliff", "export", "fa", STATEMENT, "--out", str(out), "--json")
    assert json.loads(result.stdout) == {
        "file": str(out),
        "statement": STATEMENT,
        "language": "fa",
        "version": "1.2",
        "units": 6,
    }
    result = run(xproject, "xliff", "export", "fa", "no-such-statement")
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: no statement "no-such-statement" in seeds/; see the list with: workbench stats\n'
    )
