"""The polib boundary: reading, validating, writing and editing PO files."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.model import Catalog, Edit, Entry, Layout
from workbench.catalogs.stats import catalog_stats
from workbench.errors import CatalogError, ConflictError

from .support import DATA, msgfmt_check

GNU_FORM = DATA / "catalog" / "gnu-form.po"


def test_serialise_writes_what_gnu_msgcat_no_wrap_writes():
    # Read, then written afresh (without the lines it was read from).
    catalog = replace(pofile.read(GNU_FORM), layout=Layout())
    ours = pofile.serialise(catalog)
    gnu = subprocess.run(
        ["msgcat", "--no-wrap", str(GNU_FORM)], capture_output=True, text=True, check=True
    ).stdout
    assert ours == gnu


def test_read_keeps_statuses_notes_dismissals_and_alternatives():
    catalog = pofile.read(GNU_FORM)
    by_key = {e.key: e for e in catalog.entries if not e.obsolete}
    heading = by_key[(None, "Arak workers declare councils")]
    assert heading.status == cat.TRANSLATED and heading.comment == "heading"
    slogan = by_key[(None, "All power to the councils!")]
    assert slogan.status == cat.REVIEWED and slogan.reviewer == "Dariush"
    assert slogan.notes == ("the slogan as chanted in Arak",)
    assert slogan.dismissed == (("punctuation", "slogans end without a mark in Persian"),)
    assert slogan.lines == (5, 10)
    changed = by_key[(None, "We, the workers of Arak’s factories, declare the following.")]
    assert changed.status == cat.FUZZY
    assert changed.previous_msgid.startswith("We, the workers of Arak’s factories")
    assert by_key[("occurrence 2", "All power to the councils!")].msgstr == "همه قدرت به شوراها!"
    [gone] = [e for e in catalog.entries if e.obsolete]
    assert gone.msgstr == "اعتصاب ما بر سر دستمزد است." and gone.notes == (
        "kept from an earlier version",
    )


def test_review_mark_of_a_text_edited_elsewhere_no_longer_counts(tmp_path):
    # Another tool changed the reviewed translation but kept the comment.
    text = GNU_FORM.read_text(encoding="utf-8").replace(
        'msgstr "همه‌ی قدرت به شوراها"', 'msgstr "قدرت به شوراها"'
    )
    catalog = pofile.parse(text)
    slogan = catalog.find("All power to the councils!")
    assert slogan.status == cat.TRANSLATED
    assert "reviewed-by" not in pofile.serialise(catalog)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "bad.unterminated-quote.po",
            'bad.unterminated-quote.po line 11: a string is not closed (missing the final ")',
        ),
        (
            "bad.duplicate-msgid.po",
            "bad.duplicate-msgid.po line 15: the message 'All power to the councils!' is defined "
            "twice (first at line 11); merge the two entries and run again",
        ),
        (
            "bad.msgid-without-msgstr.po",
            "bad.msgid-without-msgstr.po line 11: this msgid has no msgstr",
        ),
        (
            "bad.latin1.po",
            "bad.latin1.po line 11: is not UTF-8 (byte 0xE9); convert it with "
            "msgconv --to-code=UTF-8",
        ),
        (
            "bad.invalid-escape.po",
            "bad.invalid-escape.po line 12: unsupported escape "
            "sequence \\q; write the character itself",
        ),
        (
            "bad.obsolete-repeats-a-unit.po",
            "bad.obsolete-repeats-a-unit.po line 14: the message 'All power to the councils!' is "
            "defined twice (first at line 11); merge the two entries and run again",
        ),
        (
            "bad.obsolete-empty-msgid.po",
            "bad.obsolete-empty-msgid.po line 14: an obsolete entry with an empty msgid "
            '(#~ msgid "") is a second header to gettext; remove it and run again',
        ),
    ],
    ids=[
        "unterminated-quote",
        "duplicate-msgid",
        "msgid-without-msgstr",
        "latin1",
        "invalid-escape",
        "obsolete-repeats-a-unit",
        "obsolete-empty-msgid",
    ],
)
def test_malformed_po_is_reported_with_file_and_line(name, message):
    with pytest.raises(CatalogError) as err:
        pofile.read(DATA / "catalog" / name, name)
    assert str(err.value).startswith(message)


def test_gnu_msgfmt_rejects_the_same_bad_files():
    # Keeps the bad inputs honest: each is broken for the reference tool too.
    for path in sorted((DATA / "catalog").glob("bad.*.po")):
        assert msgfmt_check(path).returncode != 0, path.name


def test_apply_changes_refuses_a_stale_revision_and_keeps_the_other_save():
    catalog = pofile.read(GNU_FORM)
    unit = catalog.find("Workplace control: the factories will be run by workers’ councils.")
    base = unit.revision
    first = Edit(
        unit.msgid,
        "کنترل محل کار: کارخانه‌ها را شوراهای کارگران اداره می‌کنند.",
        cat.TRANSLATED,
        base_revision=base,
        user="Leyla",
    )
    second = Edit(unit.msgid, "کنترل محل کار", cat.TRANSLATED, base_revision=base, user="Sina")
    done, refused = cat.apply_edits(catalog, [first, second])
    assert isinstance(done, Entry) and done.msgstr == first.msgstr
    assert isinstance(refused, ConflictError)
    assert catalog.find(unit.msgid).msgstr == first.msgstr
    assert catalog.header["Last-Translator"] == "Leyla"


def test_saving_a_fuzzy_unit_as_translated_drops_the_previous_source():
    catalog = pofile.read(GNU_FORM)
    unit = catalog.find("We, the workers of Arak’s factories, declare the following.")
    [done] = cat.apply_edits(catalog, [Edit(unit.msgid, "ما اعلام می‌کنیم.", cat.TRANSLATED)])
    assert done.status == cat.TRANSLATED and done.previous_msgid is None
    assert "#| msgid" not in pofile.serialise(catalog)


def test_reviewed_status_round_trips_through_the_file(tmp_path):
    catalog = pofile.read(GNU_FORM)
    unit = catalog.find("Arak workers declare councils")
    cat.apply_edits(catalog, [Edit(unit.msgid, unit.msgstr, cat.REVIEWED, user="Azadeh")])
    path = tmp_path / "fa.po"
    pofile.write(catalog, path)
    again = pofile.read(path).find("Arak workers declare councils")
    assert again.status == cat.REVIEWED and again.reviewer == "Azadeh"
    assert msgfmt_check(path).returncode == 0


def test_write_leaves_an_unchanged_file_untouched(tmp_path):
    path = tmp_path / "fa.po"
    shutil.copy(GNU_FORM, path)
    subprocess.run(["msgcat", "--no-wrap", "-o", str(path), str(path)], check=True)
    before = path.stat().st_mtime_ns
    assert pofile.write(pofile.read(path), path) is False
    assert path.stat().st_mtime_ns == before


def test_stats_count_units_words_and_statuses():
    figures = catalog_stats(pofile.read(GNU_FORM).entries)
    # Words of the five active sources: 4 + 5 + 9 + 10 + 5 (the alternative counts too).
    assert figures.as_dict() == {
        "units": 5,
        "words": 33,
        "translated": 3,
        "reviewed": 1,
        "fuzzy": 1,
        "untranslated": 1,
        "percent": 60.0,
    }


# -- round trip ---------------------------------------------------------------

# Text a translator may type: any printable character, newlines and tabs,
# quotes and backslashes; no NUL and no lone surrogates (not valid UTF-8).
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=80,
)
entries = st.builds(
    Entry,
    msgid=texts.filter(bool),
    msgstr=texts,
    msgctxt=st.none() | texts,
    fuzzy=st.booleans(),
    notes=st.lists(
        # One comment line: GNU would join a line ending with a backslash to the next.
        texts.filter(lambda t: t.strip() == t and t and "\n" not in t and "\r" not in t).filter(
            lambda t: not t.endswith("\\")
        ),
        max_size=2,
    ).map(tuple),
    occurrences=st.lists(
        st.tuples(
            st.from_regex(r"seeds/[a-z]{1,12}\.txt", fullmatch=True), st.integers(1, 99999).map(str)
        ),
        max_size=4,
    ).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(entries, max_size=8, unique_by=lambda e: (e.msgctxt, e.msgid)))
def test_serialise_then_parse_gives_the_same_catalog(items):
    items = [e if e.msgstr else Entry(**{**e.__dict__, "fuzzy": False}) for e in items]
    catalog = Catalog(
        header={"Language": "fa", "Content-Type": "text/plain; charset=UTF-8"}, entries=items
    )
    again = pofile.parse(pofile.serialise(catalog))
    assert again.entries == items
    assert again.header == catalog.header
    # polib reading the file itself (not our line splitting) sees the same messages.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fa.po"
        pofile.write(catalog, path)
        po = polib.pofile(str(path))
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in po] == [
        (e.msgctxt, e.msgid, e.msgstr) for e in items
    ]


LOST = "see its kept versions with: workbench restore {name}) or from git; nothing was written"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "lost.empty.po",
            "lost.empty.po: is empty: a crash, a bad merge or a full disk may have emptied it; "
            "restore it (" + LOST.format(name="lost.empty.po"),
        ),
        (
            "lost.no-header.po",
            'lost.no-header.po: has no header entry (msgid ""), so it was damaged (a bad merge, '
            "an edit cut short); restore it (" + LOST.format(name="lost.no-header.po"),
        ),
    ],
    ids=["empty", "no-header"],
)
def test_a_catalog_without_its_header_is_refused_as_lost_work(name, message):
    with pytest.raises(CatalogError) as err:
        pofile.read(DATA / "catalog" / name, name)
    assert str(err.value) == message


def test_gnu_msgfmt_compiles_an_empty_file_but_its_check_wants_a_header():
    # Plain msgfmt takes an empty file for an empty catalog; --check, as the workbench,
    # refuses both files for their missing header.
    empty = DATA / "catalog" / "lost.empty.po"
    compiled = subprocess.run(["msgfmt", "-o", "/dev/null", str(empty)], capture_output=True)
    assert compiled.returncode == 0
    for name in ("lost.empty.po", "lost.no-header.po"):
        checked = msgfmt_check(DATA / "catalog" / name)
        assert checked.returncode != 0
        assert "header missing or invalid" in checked.stderr
