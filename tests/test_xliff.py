"""XLIFF round trips: export a statement for a CAT tool, import what the tools send back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from lxml import etree
from translate.storage.xliff import xlifffile
from translate.storage.xliff2 import Xliff2File

from workbench.catalogs import backups, pofile
from workbench.catalogs.conflict import author_of, conflicts_of
from workbench.catalogs.history import History
from workbench.catalogs.model import Edit
from workbench.catalogs.rows import unit_key
from workbench.catalogs.store import CatalogStore
from workbench.xliff import service
from workbench.xliff.document import unit_id

from .support import DATA, msgfmt_check
from .sync_support import team
from .sync_support import translate as save_as

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
    store.save("fa", STATEMENT, [Edit(m, t, s, user="ana") for m, t, s in edits], user="ana")


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
    if version == "1.2":
        # Its tools (Virtaal, Pootle) show as fuzzy what the catalog has fuzzy, and only that.
        fuzzy = {u.source for u in store.units if u.isfuzzy()}
        assert fuzzy == {msgid for msgid, _text, status in STATES if status == "fuzzy"}
        done = {u.source for u in store.units if u.istranslated()}
        assert done == {msgid for msgid, _text, status in STATES if status != "fuzzy"}


# -- import --------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_an_export_imported_unchanged_changes_no_byte(xproject, run, tmp_path, version):
    # The export writes notes of its own: the glossary's terms and an alternative's context.
    run(xproject, "glossary", "add", "council", "--to", "fa=شورا")
    with xproject.catalog_path("fa", STATEMENT).open("a", encoding="utf-8") as po:
        po.write(f'\nmsgctxt "occurrence 2"\nmsgid "{POWER}"\nmsgstr "قدرت به شوراها!"\n')
    assert run(xproject, "update").exit_code == 0
    translate(xproject, *STATES)
    before = catalog_bytes(xproject)
    out = tmp_path / "out.xlf"
    assert run(xproject, "xliff", "export", "fa", STATEMENT, "--version", version, "--out",
               str(out)).exit_code == 0  # fmt: skip
    assert b"occurrence 2</note>" in out.read_bytes() and "شورا".encode() in out.read_bytes()
    result = run(xproject, "xliff", "import", str(out), "--json", "--user", "shirin")
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
    # Saved as the web form saves: the history records who.
    history = History(xproject.instance_dir / "history.sqlite")
    CatalogStore(xproject, on_saved=history.record).save(
        "fa",
        STATEMENT,
        [Edit(POWER, "تمام قدرت به شوراها!", "translated", user="nasrin")],
        user="nasrin",
    )
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
    # Ours is credited to whoever saved it, as the history has it.
    assert (kept.theirs, kept.by, kept.ours_by) == (
        ("همه‌ی قدرت به شوراها!",),
        "returned-omegat-1.2.xlf",
        "nasrin",
    )
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", kept.ours_date)
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


def test_a_unit_in_conflict_goes_out_with_the_other_text_as_a_proposal(xproject, run, tmp_path):
    translate(xproject, (POWER, "تمام قدرت به شوراها!", "translated"))
    run(xproject, "xliff", "import", str(XLIFF / "returned-omegat-1.2.xlf"))
    data = export(xproject, "1.2")
    grammar = etree.RelaxNG(etree.parse(str(SCHEMAS / "xliff-1.2-export.rng")))
    assert grammar.validate(etree.fromstring(data)), grammar.error_log.last_error
    # A CAT tool shows it beside the unit: translate-toolkit reads it as an alternative.
    unit = next(u for u in xlifffile.parsestring(data).units if u.source == POWER)
    assert unit.target == "تمام قدرت به شوراها!"
    assert [alt.target for alt in unit.getalttrans()] == ["همه‌ی قدرت به شوراها!"]
    # It is never read back: the file returned as it went changes no byte.
    before = catalog_bytes(xproject)
    _path, result = import_bytes(xproject, run, tmp_path, data)
    assert result.exit_code == 0, result.output
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


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_control_character_xml_cannot_carry_is_refused_before_anything_is_written(
    xproject, run, tmp_path, version
):
    # A statement pasted from a terminal or a broken PDF can hold one; the file would not parse.
    (xproject.seeds_dir / "pasted.txt").write_text(
        "Strike at Arak.\n\nThe workers\x01 stopped work.\n", encoding="utf-8"
    )
    assert run(xproject, "update").exit_code == 0
    out = tmp_path / "x.xlf"
    result = run(
        xproject, "xliff", "export", "fa", "pasted", "--out", str(out), "--version", version
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: seeds/pasted.txt line 3: the source of the unit here holds the control character "
        "U+0001, which an XLIFF (XML) file cannot carry; remove it from the statement, run "
        "workbench update, then export again; nothing was written\n"
    )
    assert not out.exists()


# -- what a CAT tool may change besides the targets ------------------------------


def unit_of(msgid: str) -> str:
    return unit_id(unit_key(msgid))


def _span(text: str, msgid: str, start: int = 0) -> tuple[int, int]:
    begin = text.index(f'id="{unit_of(msgid)}"', start)
    return begin, text.index("</trans-unit>" if "<trans-unit" in text else "</unit>", begin)


def edited(data: bytes, msgid: str, old: str, new: str) -> bytes:
    """Return *data* with *old* replaced by *new* inside the unit of *msgid*, as a hand edit."""
    text = data.decode("utf-8")
    begin, end = _span(text, msgid)
    assert old in text[begin:end], old
    return (text[:begin] + text[begin:end].replace(old, new, 1) + text[end:]).encode("utf-8")


def line_of(data: bytes, msgid: str, nth: int = 1) -> int:
    """Return the line of the *nth* unit of *msgid* in *data*."""
    text, begin = data.decode("utf-8"), -1
    for _ in range(nth):
        begin = text.index(f'id="{unit_of(msgid)}"', begin + 1)
    return text.count("\n", 0, begin) + 1


def with_target(data: bytes, msgid: str, text: str, version: str) -> bytes:
    """Return *data* with a target added to the untranslated unit of *msgid*, as OmegaT adds it."""
    if version == "1.2":
        return edited(data, msgid, "</source>", f'</source>\n<target state="new">{text}</target>')
    return edited(data, msgid, "</source>", f"</source>\n<target>{text}</target>")


def import_bytes(project, run, tmp_path, data: bytes, *args: str, name: str = "back.xlf"):
    path = tmp_path / name
    path.write_bytes(data)
    return path, run(project, "xliff", "import", str(path), *args)


def header(project) -> dict[str, str]:
    return pofile.read(project.catalog_path("fa", STATEMENT)).header


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_unit_whose_source_is_not_the_statements_is_left_out(xproject, run, tmp_path, version):
    translate(xproject, (POWER, "همه‌ی قدرت به شوراها!", "translated"))
    data = export(xproject, version)
    # Made from another version of the statement, or edited in the CAT tool.
    data = edited(
        data, POWER, f"<source>{POWER}</source>", "<source>All power to the unions!</source>"
    )
    data = edited(data, POWER, "همه‌ی قدرت به شوراها!", "همه‌ی قدرت به سندیکاها!")
    # Markup and spacing a tool puts into a source are not another source.
    code = '<g id="1">Arak workers</g>' if version == "1.2" else '<pc id="1">Arak workers</pc>'
    data = edited(data, HEADING, f"<source>{HEADING}</source>",
                  f"<source>{code} declare\n   councils</source>")  # fmt: skip
    data = with_target(data, HEADING, "کارگران اراک شوراها را اعلام می‌کنند", version)
    before = entries(xproject)
    path, result = import_bytes(xproject, run, tmp_path, data)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(", 1 left out")
    assert result.stderr.splitlines() == [
        f'{path} line {line_of(data, POWER)}: the source of unit "{unit_of(POWER)}" is not the '
        "statement's (the file was made from another version, or edited); left out"
    ]
    got = entries(xproject)
    assert got[POWER] == before[POWER] == ("همه‌ی قدرت به شوراها!", "translated")
    assert got[HEADING] == ("کارگران اراک شوراها را اعلام می‌کنند", "translated")
    report = json.loads(run(xproject, "xliff", "import", str(path), "--json").stdout)
    assert report["source_differs"] == [{"id": unit_of(POWER), "line": line_of(data, POWER)}]


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_a_file_that_gives_a_unit_twice_is_refused_whole(xproject, run, tmp_path, version):
    translate(xproject, (POWER, "همه‌ی قدرت به شوراها!", "translated"))
    data = export(xproject, version)
    data = with_target(data, HEADING, "کارگران اراک شوراها را اعلام می‌کنند", version)
    text = data.decode("utf-8")
    begin, end = _span(text, POWER)
    begin = text.rindex("<", 0, begin)
    close = "</trans-unit>" if version == "1.2" else "</unit>"
    unit = text[begin : end + len(close)]
    twice = unit.replace("همه‌ی قدرت به شوراها!", "تمام قدرت به شوراها!")
    data = (text[: end + len(close)] + "\n" + twice + text[end + len(close) :]).encode("utf-8")
    before = catalog_bytes(xproject)
    path, result = import_bytes(xproject, run, tmp_path, data)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}: lines {line_of(data, POWER)} and {line_of(data, POWER, 2)} both give "
        f'the unit "{unit_of(POWER)}"; a unit may be in the file once: delete the one you do '
        "not mean, or export the statement again; nothing was written\n"
    )
    assert catalog_bytes(xproject) == before


@pytest.mark.parametrize("version", ["1.2", "2.0"])
@pytest.mark.parametrize("what", ["unknown ids", "other sources"])
def test_a_file_none_of_whose_units_belongs_to_the_statement_is_refused(
    xproject, run, tmp_path, version, what
):
    data = export(xproject, version).decode("utf-8")
    for msgid in (HEADING, DATE, FIRST, POWER, CONTROL, WAGES):
        if what == "unknown ids":
            data = data.replace(f'id="{unit_of(msgid)}"', f'id="{unit_of(msgid + "!")}"')
        else:
            data = data.replace(f"<source>{msgid}</source>", f"<source>{msgid} (old)</source>")
    before = catalog_bytes(xproject)
    path, result = import_bytes(xproject, run, tmp_path, data.encode("utf-8"), "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f'Error: {path}: none of its 6 units belongs to the statement "{STATEMENT}" as it is '
        "now (unknown ids, or sources that differ): the file was made from another version or "
        "another project, or edited; export the statement again with: workbench xliff export "
        f"fa {STATEMENT}, and translate that file\n"
    )
    assert catalog_bytes(xproject) == before


# XLIFF 1.2 states that say a target is not finished (translate-toolkit's statemap below
# "translated"), and XLIFF 2.0's "initial".
NOT_FINISHED = [
    ("1.2", "new"),
    ("1.2", "needs-translation"),
    ("1.2", "needs-l10n"),
    ("1.2", "needs-adaptation"),
    ("1.2", "needs-review-translation"),
    ("1.2", "needs-review-l10n"),
    ("1.2", "needs-review-adaptation"),
    ("2.0", "initial"),
]


@pytest.mark.parametrize(("version", "state"), NOT_FINISHED, ids=[s for _, s in NOT_FINISHED])
def test_a_target_whose_state_says_not_finished_makes_a_translated_unit_fuzzy(
    xproject, run, tmp_path, version, state
):
    translate(
        xproject,
        (POWER, "همه‌ی قدرت به شوراها!", "translated"),
        (HEADING, "کارگران اراک شوراها را اعلام می‌کنند", "reviewed"),
    )
    data = export(xproject, version)
    if version == "1.2":
        data = edited(data, POWER, 'state="translated"', f'state="{state}"')
        # approved="yes" stays, as a tool that sets only the state leaves it: the state wins.
        data = edited(data, HEADING, 'state="signed-off"', f'state="{state}"')
    else:
        data = edited(data, POWER, 'state="translated"', f'state="{state}"')
        data = edited(data, HEADING, 'state="reviewed"', f'state="{state}"')
    data = edited(data, HEADING, "اعلام می‌کنند", "اعلام کردند")
    path, result = import_bytes(xproject, run, tmp_path, data, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["updated"] == [unit_of(HEADING), unit_of(POWER)]
    got = entries(xproject)
    assert got[POWER] == ("همه‌ی قدرت به شوراها!", "fuzzy")  # the same text: just fuzzy
    assert got[HEADING] == ("کارگران اراک شوراها را اعلام کردند", "fuzzy")
    assert msgfmt_check(xproject.catalog_path("fa", STATEMENT)).returncode == 0


def test_what_translate_toolkit_writes_back_reads_as_it_means(xproject, run, tmp_path):
    translate(
        xproject,
        (POWER, "همه‌ی قدرت به شوراها!", "translated"),
        (HEADING, "کارگران اراک شوراها را اعلام می‌کنند", "reviewed"),
    )
    store = xlifffile.parsestring(export(xproject, "1.2"))
    units = {u.source: u for u in store.units}
    units[POWER].markfuzzy(True)  # state="needs-translation"
    units[HEADING].markfuzzy(True)  # and approved="no"
    units[DATE].target = "اراک، دی ۱۴۰۴"
    units[DATE].markfuzzy(False)  # approved="yes" state="translated": done, not reviewed
    _path, result = import_bytes(xproject, run, tmp_path, bytes(store), "--user", "shirin")
    assert result.exit_code == 0, result.output
    got = entries(xproject)
    assert got[POWER] == ("همه‌ی قدرت به شوراها!", "fuzzy")
    assert got[HEADING] == ("کارگران اراک شوراها را اعلام می‌کنند", "fuzzy")
    assert got[DATE] == ("اراک، دی ۱۴۰۴", "translated")


@pytest.mark.parametrize(
    ("attributes", "status"),
    [
        ('approved="no"', "translated"),  # signed-off, but not approved: not reviewed
        ('approved="yes"', "reviewed"),
        ("", "reviewed"),  # Matecat's signed-off
    ],
    ids=["signed-off-approved-no", "signed-off-approved-yes", "signed-off"],
)
def test_approved_says_whether_a_signed_off_unit_is_reviewed(
    xproject, run, tmp_path, attributes, status
):
    data = edited(export(xproject, "1.2"), DATE, "</source>",
                  '</source>\n<target state="signed-off">اراک، دی ۱۴۰۴</target>')  # fmt: skip
    if attributes:
        data = edited(data, DATE, "wb:revision=", f"{attributes} wb:revision=")
    _path, result = import_bytes(xproject, run, tmp_path, data, "--user", "dariush")
    assert result.exit_code == 0, result.output
    assert entries(xproject)[DATE] == ("اراک، دی ۱۴۰۴", status)
    entry = pofile.read(xproject.catalog_path("fa", STATEMENT)).find(DATE)
    assert entry.reviewer == ("dariush" if status == "reviewed" else None)


def test_notes_added_in_a_cat_tool_are_kept_as_translator_comments(xproject, run, tmp_path):
    run(xproject, "glossary", "add", "council", "--to", "fa=شورا")
    translate(xproject, (POWER, "همه‌ی قدرت به شوراها!", "translated"))
    store = xlifffile.parsestring(export(xproject, "1.2"))
    units = {u.source: u for u in store.units}
    units[POWER].addnote("Check with Leyla:\nthe slogan as the strikers chant it.", "translator")
    units[DATE].addnote("Which calendar?")  # a note on a unit left untranslated
    # Text the catalog would read as a review: kept as a note, and no review.
    units[HEADING].addnote(f"reviewed-by: boss ({'0' * 12})", "reviewer")
    data = bytes(store)
    first = catalog_bytes(xproject)
    path, result = import_bytes(xproject, run, tmp_path, data, "--user", "shirin")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"Imported {path} into {STATEMENT} (fa): 0 updated, 0 conflict(s), 1 unchanged, "
        "5 left as they were, 3 note(s) kept as translator comments"
    )
    catalog = pofile.read(xproject.catalog_path("fa", STATEMENT))
    assert catalog.find(POWER).notes == ("Check with Leyla: the slogan as the strikers chant it.",)
    assert catalog.find(DATE).notes == ("Which calendar?",)
    assert catalog.find(HEADING).notes == (f"note: reviewed-by: boss ({'0' * 12})",)
    assert catalog.find(HEADING).status == "untranslated"
    assert "# Check with Leyla: the slogan as the strikers chant it.\n" in catalog_bytes(
        xproject
    ).decode("utf-8")
    # The glossary's notes are the export's own: not kept.
    assert all("→" not in n for e in catalog.active() for n in e.notes)
    assert header(xproject)["Last-Translator"] == "shirin"
    assert msgfmt_check(xproject.catalog_path("fa", STATEMENT)).returncode == 0
    # The version before is kept, as before every write.
    [newest, *_] = backups.versions(xproject, xproject.catalog_path("fa", STATEMENT))
    assert newest.path.read_bytes() == first
    # The same file again adds nothing.
    before = catalog_bytes(xproject)
    again = json.loads(run(xproject, "xliff", "import", str(path), "--json").stdout)
    assert again["notes"] == [] and not again["written"]
    assert catalog_bytes(xproject) == before


def test_xliff_2_notes_of_the_unit_and_of_its_segment_are_kept(xproject, run, tmp_path):
    data = export(xproject, "2.0")
    store = Xliff2File.parsestring(data)
    units = {u.source: u for u in store.units}
    units[POWER].addnote("The chant, not a sentence.", "translator")  # in the <segment>
    data = edited(bytes(store), CONTROL, '<note category="location">',
                  '<note category="comment">Keep «control».</note>\n'
                  '<note category="location">')  # fmt: skip
    _path, result = import_bytes(xproject, run, tmp_path, data, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [(n["id"], n["text"]) for n in report["notes"]] == [
        (unit_of(POWER), "The chant, not a sentence."),
        (unit_of(CONTROL), "Keep «control»."),
    ]
    catalog = pofile.read(xproject.catalog_path("fa", STATEMENT))
    assert catalog.find(POWER).notes == ("The chant, not a sentence.",)
    assert catalog.find(CONTROL).notes == ("Keep «control».",)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_an_import_credits_its_user_in_the_header_as_a_web_save_does(
    xproject, run, tmp_path, version
):
    translate(xproject, (HEADING, "کارگران اراک شوراها را اعلام می‌کنند", "translated"))
    assert header(xproject)["Last-Translator"] == "ana"
    data = with_target(export(xproject, version), POWER, "همه‌ی قدرت به شوراها!", version)
    path, result = import_bytes(xproject, run, tmp_path, data)  # nobody named
    assert result.exit_code == 0, result.output
    assert header(xproject)["Last-Translator"] == "ana"
    translate(xproject, (POWER, "", "untranslated"))
    started = datetime.now(UTC).replace(second=0, microsecond=0)
    result = run(xproject, "xliff", "import", str(path), "--user", "Shirin Rahimi")
    assert result.exit_code == 0, result.output
    fields = header(xproject)
    assert fields["Last-Translator"] == "Shirin Rahimi"
    stamp = datetime.strptime(fields["PO-Revision-Date"], "%Y-%m-%d %H:%M%z")
    assert started <= stamp <= datetime.now(UTC)
    assert author_of(fields) == ("Shirin Rahimi", fields["PO-Revision-Date"])
    history = History(xproject.instance_dir / "history.sqlite")
    assert [r.user for r in history.of_unit("fa", STATEMENT, POWER)] == ["Shirin Rahimi", None]


def test_without_user_an_import_credits_the_name_sync_remembers(xproject, run, tmp_path):
    subprocess.run(["git", "init", "-q", str(xproject.root)], check=True)
    subprocess.run(
        ["git", "-C", str(xproject.root), "config", "workbench.name", "Sara"], check=True
    )
    translate(xproject, (HEADING, "کارگران اراک شوراها را اعلام می‌کنند", "translated"))
    data = with_target(export(xproject, "1.2"), POWER, "همه‌ی قدرت به شوراها!", "1.2")
    _path, result = import_bytes(xproject, run, tmp_path, data)
    assert result.exit_code == 0, result.output
    assert header(xproject)["Last-Translator"] == "Sara"
    history = History(xproject.instance_dir / "history.sqlite")
    assert [r.user for r in history.of_unit("fa", STATEMENT, POWER)] == ["Sara"]


def test_a_user_name_that_would_break_the_header_is_refused(xproject, run, tmp_path):
    data = with_target(export(xproject), POWER, "همه‌ی قدرت به شوراها!", "1.2")
    before = catalog_bytes(xproject)
    _path, result = import_bytes(xproject, run, tmp_path, data, "--user", "Shirin <s@x.org>")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the user name 'Shirin <s@x.org>' has control ")
    assert catalog_bytes(xproject) == before


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")
def test_sync_credits_a_conflict_to_whom_the_import_names(tmp_path, project, run):
    sara, leyla = team(tmp_path, project)
    data = service.export_statement(sara, CatalogStore(sara), "fa", STATEMENT)
    data = with_target(data, POWER, "همه‌ی قدرت به شوراها!", "1.2")
    _path, result = import_bytes(sara, run, tmp_path, data, "--user", "Shirin")
    assert result.exit_code == 0, result.output
    save_as(leyla, POWER, "تمام قدرت به شوراها!", "Leyla")
    assert run(sara, "sync").exit_code == 0
    done = run(leyla, "sync", "--json")
    assert done.exit_code == 0, done.output
    [found] = json.loads(done.stdout)["conflicts"]
    assert (found["theirs"], found["theirs_by"]) == ("همه‌ی قدرت به شوراها!", "Shirin")
    assert (found["ours"], found["ours_by"]) == ("تمام قدرت به شوراها!", "Leyla")


def test_a_unit_changed_on_both_sides_keeps_the_files_note_with_its_text(xproject, run, tmp_path):
    store = xlifffile.parsestring(export(xproject, "1.2"))
    [unit] = [u for u in store.units if u.source == POWER]
    unit.target = "همه‌ی قدرت به شوراها!"
    unit.markfuzzy(False)
    unit.addnote("As the strikers chant it.", "translator")
    translate(xproject, (POWER, "تمام قدرت به شوراها!", "translated"))  # after the export
    _path, result = import_bytes(xproject, run, tmp_path, bytes(store), "--user", "shirin")
    assert result.exit_code == 0, result.output
    entry = pofile.read(xproject.catalog_path("fa", STATEMENT)).find(POWER)
    assert (entry.msgstr, entry.status) == ("تمام قدرت به شوراها!", "fuzzy")
    [kept] = conflicts_of(entry)
    assert kept.theirs == ("همه‌ی قدرت به شوراها!",)
    assert entry.notes[1:] == ("As the strikers chant it.",)
    assert header(xproject)["Last-Translator"] == "shirin"
