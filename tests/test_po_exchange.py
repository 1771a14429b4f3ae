"""PO catalogs as Poedit, Lokalize, Weblate and GNU gettext write them: read, kept, written back."""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import plurals, pofile
from workbench.catalogs.model import Catalog, Edit, Entry, Layout
from workbench.catalogs.po_wrap import width_of
from workbench.catalogs.stats import catalog_stats
from workbench.catalogs.update import merge_catalog
from workbench.errors import CatalogError

from .support import DATA, msgfmt_check

PO = DATA / "exchange" / "po"
GOOD = sorted(p for p in PO.glob("*.po*") if not p.name.startswith("bad."))
WIDTHS = {
    "poedit-wrapped-79.po": 79,
    "poedit-wrapped-79.pot": 79,
    "lokalize-previous.po": 79,
    "weblate.po": 77,
    "everything.po": None,
    "plurals-fa-2.po": None,
}


def gnu(*args: str) -> str:
    """Return what a GNU gettext tool writes on stdout."""
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def polib_view(entry) -> tuple:
    """Return what polib's public API sees of one entry."""
    return (
        entry.msgctxt,
        entry.msgid,
        # polib's msgid_plural is "" for a singular entry and for an empty plural
        # source alike; its plural forms tell the two apart.
        entry.msgid_plural if entry.msgstr_plural else None,
        entry.msgstr,
        dict(entry.msgstr_plural),
        list(entry.flags),
        entry.comment,
        _trimmed(entry.tcomment),
        [(path, line) for path, line in entry.occurrences],
        bool(entry.obsolete),
        None if entry.obsolete else entry.previous_msgid,
        None if entry.obsolete else entry.previous_msgid_plural,
        None if entry.obsolete else entry.previous_msgctxt,
    )


def our_view(entry: Entry) -> tuple:
    """Return what polib should see of one of our entries (polib skips #~| lines)."""
    comments = [*entry.notes, *(f"dismissed {c}: {r}" for c, r in entry.dismissed)]
    if entry.reviewer is not None:
        comments.append(f"reviewed-by: {entry.reviewer} ({entry.revision})")
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        "" if entry.plural else entry.msgstr,
        dict(enumerate(entry.msgstr_plural)),
        (["fuzzy"] if entry.fuzzy else []) + list(entry.flags),
        entry.comment,
        _trimmed("\n".join(comments)),
        list(entry.occurrences),
        entry.obsolete,
        None if entry.obsolete else entry.previous_msgid,
        None if entry.obsolete else entry.previous_msgid_plural,
        None if entry.obsolete else entry.previous_msgctxt,
    )


def _trimmed(comment: str) -> str:
    # polib strips the spaces that end a comment line; GNU keeps them, and so do
    # we (the tests compare our files with msgcat's byte for byte).
    return "\n".join(line.rstrip() for line in comment.split("\n"))


def assert_polib_reads(path: Path, catalog: Catalog) -> None:
    po = polib.pofile(str(path))
    assert [polib_view(e) for e in po] == [our_view(e) for e in catalog.entries]
    assert dict(po.metadata) == {k: v.strip() for k, v in catalog.header.items()}


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


# -- reading and writing back ---------------------------------------------------------


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_a_catalog_another_tool_wrote_is_written_back_byte_for_byte(path, tmp_path):
    catalog = pofile.read(path)
    assert pofile.serialise(catalog) == path.read_text(encoding="utf-8")
    out = tmp_path / path.name
    assert pofile.write(catalog, out) is True
    assert out.read_bytes() == path.read_bytes()
    assert pofile.write(pofile.read(out), out) is False  # nothing changed: no write


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_polib_reads_the_same_entries_as_we_do(path):
    assert_polib_reads(path, pofile.read(path))


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_written_afresh_in_a_files_measured_style_it_is_what_msgcat_writes(path):
    catalog = pofile.read(path)
    fresh = pofile.serialise(replace(catalog, layout=Layout(catalog.layout.width)))
    width = catalog.layout.width
    expected = gnu("msgcat", "--no-wrap" if width is None else f"--width={width}", str(path))
    assert fresh == expected


@pytest.mark.parametrize(("name", "width"), WIDTHS.items(), ids=list(WIDTHS))
def test_the_page_width_of_a_file_is_measured(name, width):
    assert pofile.read(PO / name).layout.width == width


@pytest.mark.parametrize(
    ("name", "nplurals"),
    [
        ("plurals-fa-1.po", 1),
        ("plurals-fa-2.po", 2),
        ("plurals-de-2.po", 2),
        ("plurals-ru-3.po", 3),
        ("plurals-ar-6.po", 6),
    ],
)
def test_catalogs_with_any_number_of_plural_forms_are_read_whole(name, nplurals):
    path = PO / name
    catalog = pofile.read(path)
    rule = plurals.parse_rule(catalog.header["Plural-Forms"])
    assert rule is not None and rule.nplurals == nplurals
    plural = [e for e in catalog.entries if e.plural]
    assert len(plural) == 6  # five active, one obsolete
    assert all(len(e.msgstr_plural) == nplurals for e in plural)
    arrested = catalog.find("%d worker was arrested.")
    assert arrested.msgid_plural == "%d workers were arrested."
    assert arrested.status == cat.TRANSLATED and all(arrested.forms)
    empty = next(e for e in plural if not any(e.forms))
    assert empty.status == cat.UNTRANSLATED


def test_a_plural_entry_with_an_empty_plural_source_is_read_as_gettext_and_polib_read_it(
    tmp_path,
):
    header = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    entries = [
        Entry("strike", msgid_plural="", msgstr_plural=("اعتصاب",)),
        Entry("council", msgid_plural="", msgstr_plural=("شورا",), obsolete=True),
    ]
    catalog = Catalog(header, entries)
    text = pofile.serialise(catalog)
    assert 'msgid_plural ""' in text and '#~ msgid_plural ""' in text
    assert pofile.parse(text).entries == catalog.entries
    path = tmp_path / "fa.po"
    path.write_text(text, encoding="utf-8")
    assert gnu("msgcat", "--no-wrap", str(path)) == text
    assert msgfmt_check(path).returncode == 0
    assert_polib_reads(path, catalog)


def test_a_fuzzy_plural_keeps_its_previous_singular_and_plural_source():
    entry = pofile.read(PO / "plurals-ru-3.po").find("%d factory is on strike.")
    assert entry.status == cat.FUZZY
    assert entry.previous_msgid == "%d factory on strike"
    assert entry.previous_msgid_plural == "%d factories on strike"


def test_stats_count_a_plural_entry_once_and_as_done_only_with_every_form():
    catalog = pofile.read(PO / "plurals-ru-3.po")
    arrested = catalog.find("%d worker was arrested.")
    half = arrested.with_translation("", cat.TRANSLATED, forms=("a %d", "", "c %d"))
    assert half.status == cat.FUZZY  # a form still empty: a draft, whatever was asked
    figures = catalog_stats(catalog.entries)
    active = [e for e in catalog.entries if not e.obsolete]
    assert figures.units == len(active) == 7
    assert figures.as_dict()["translated"] == 5
    assert figures.fuzzy == 1 and figures.untranslated == 1
    partial = [replace(e, msgstr_plural=("x", "", "z")) if e is arrested else e for e in active]
    assert catalog_stats(partial).untranslated == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "bad.plural-index-gap.po",
            "bad.plural-index-gap.po line 25: plural form msgstr[2] has no msgstr[1] before "
            "it; fix the file (or restore it with git) and run again; nothing was written",
        ),
        (
            "bad.nplurals-mismatch.po",
            "bad.nplurals-mismatch.po line 24: this message has 2 plural forms but the "
            "header's Plural-Forms says nplurals=3; give every plural message 3 (msgstr[0] to "
            "msgstr[2]) or correct the header; fix the file (or restore it with git) and run "
            "again; nothing was written",
        ),
    ],
    ids=["plural-index-gap", "nplurals-mismatch"],
)
def test_a_plural_entry_gettext_refuses_is_refused_naming_the_line(name, message):
    with pytest.raises(CatalogError) as err:
        pofile.read(PO / name, name)
    assert str(err.value) == message
    assert msgfmt_check(PO / name).returncode != 0  # the reference refuses it too


# -- editing keeps the rest ------------------------------------------------------------


def edit(catalog: Catalog, msgid: str, text: str, status: str = cat.TRANSLATED, **kw) -> Entry:
    entry = next(e for e in catalog.entries if e.msgid == msgid and not e.obsolete)
    [done] = cat.apply_edits(catalog, [Edit(msgid, text, status, entry.msgctxt, **kw)])
    assert isinstance(done, Entry)
    return done


def test_an_edit_changes_only_its_entry_and_two_header_lines(tmp_path):
    path = tmp_path / "de.po"
    path.write_bytes((PO / "lokalize-previous.po").read_bytes())
    before = path.read_text(encoding="utf-8")
    catalog = pofile.read(path)
    edit(catalog, "Translations of this statement into other languages are welcome.", "Willkommen.")
    pofile.write(catalog, path)
    after = path.read_text(encoding="utf-8")
    assert sorted(changed_lines(before, after)) == sorted(
        [
            '-"PO-Revision-Date: 2024-02-27 22:41+0100\\n"',
            '-msgstr ""',
            f'+"PO-Revision-Date: {catalog.header["PO-Revision-Date"]}\\n"',
            '+msgstr "Willkommen."',
        ]
    )
    # Every previous-source line is still there, on translated entries too.
    assert after.count("\n#| ") == before.count("\n#| ") == 11
    assert after.count("\n#~| ") == before.count("\n#~| ") == 3
    assert msgfmt_check(path).returncode == 0


def test_an_edited_entry_of_a_wrapped_file_is_wrapped_as_the_file_is(tmp_path):
    path = tmp_path / "fa.po"
    path.write_bytes((PO / "poedit-wrapped-79.po").read_bytes())
    catalog = pofile.read(path)
    long = " ".join(["کارگران پیمانی نفت در اعتصاب‌اند و خواسته‌هایشان روشن است."] * 3)
    msgid = catalog.entries[1].msgid
    edit(catalog, msgid, long)
    pofile.write(catalog, path)
    written = path.read_text(encoding="utf-8")
    # msgcat at the file's width leaves the file exactly as we wrote it.
    assert gnu("msgcat", "--width=79", str(path)) == written
    assert max(width_of(line) for line in written.splitlines() if "اعتصاب‌اند" in line) <= 79


def test_a_save_of_another_unit_keeps_the_plural_entries_of_a_one_form_catalog(tmp_path):
    path = tmp_path / "fa.po"
    path.write_bytes((PO / "plurals-fa-1.po").read_bytes())
    catalog = pofile.read(path)
    plural_before = [e for e in catalog.entries if e.plural]
    edit(catalog, "General strike", "اعتصاب عمومی!")
    pofile.write(catalog, path)
    again = pofile.read(path)
    assert [e for e in again.entries if e.plural] == plural_before
    assert msgfmt_check(path).returncode == 0


def test_a_plural_entry_is_edited_form_by_form(tmp_path):
    path = tmp_path / "ru.po"
    path.write_bytes((PO / "plurals-ru-3.po").read_bytes())
    catalog = pofile.read(path)
    forms = (
        "%d заявление опубликовано.",
        "%d заявления опубликованы.",
        "%d заявлений опубликовано.",
    )
    done = edit(catalog, "%d statement was published.", "", forms=forms)
    assert done.msgstr_plural == forms and done.status == cat.TRANSLATED
    pofile.write(catalog, path)
    entry = pofile.read(path).find("%d statement was published.")
    assert entry.msgstr_plural == forms
    assert msgfmt_check(path).returncode == 0
    assert_polib_reads(path, pofile.read(path))


def test_a_plural_edit_with_the_wrong_number_of_forms_is_refused():
    catalog = pofile.read(PO / "plurals-ru-3.po")
    entry = catalog.find("%d statement was published.")
    with pytest.raises(CatalogError, match="has 3 plural forms, not 2"):
        entry.with_translation("", cat.TRANSLATED, forms=("a", "b"))


# -- update, compared with msgmerge --previous -------------------------------------------


@pytest.mark.parametrize("stem", ["poedit-wrapped-79", "everything"])
def test_update_writes_what_msgmerge_previous_writes(stem):
    po, pot = PO / f"{stem}.po", PO / f"{stem}.pot"
    merged, _counts = merge_catalog(pofile.read(po), pofile.read(pot), "fa")
    assert pofile.serialise(merged) == gnu(
        "msgmerge", "--previous", "-q", "-o", "-", str(po), str(pot)
    )


def test_a_wrapped_catalog_edited_then_updated_changes_only_what_changed(tmp_path):
    # Poedit wraps at 79; an edit and an update used to rewrite the whole file.
    pot = PO / "poedit-wrapped-79.pot"
    path = tmp_path / "fa.po"
    path.write_bytes((PO / "poedit-wrapped-79.po").read_bytes())
    original = path.read_text(encoding="utf-8")
    catalog = pofile.read(path)
    third = catalog.entries[2]
    edit(catalog, third.msgid, third.msgstr + " (بازبینی شد)")
    pofile.write(catalog, path)
    edited = path.read_text(encoding="utf-8")
    # The entry's last msgstr line and the header's date: nothing else.
    assert len(changed_lines(original, edited)) == 4
    expected = gnu("msgmerge", "--previous", "-q", "-o", "-", str(path), str(pot))
    merged, _ = merge_catalog(pofile.read(path), pofile.read(pot), "fa")
    pofile.write(merged, path)
    updated = path.read_text(encoding="utf-8")
    assert updated == expected
    assert len(changed_lines(original, updated)) < 60
    assert msgfmt_check(path).returncode == 0


def test_changing_nplurals_pads_plural_entries_with_empty_forms():
    catalog = pofile.read(PO / "plurals-de-2.po")
    three = "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"
    merged, _ = merge_catalog(catalog, Catalog(header={}, entries=[]), "de", three)
    obsolete = [e for e in merged.entries if e.plural]
    assert obsolete and all(
        len(e.msgstr_plural) == 3 and e.msgstr_plural[2] == "" for e in obsolete
    )
    assert merged.header["Plural-Forms"] == three


def test_reducing_nplurals_is_refused_when_a_form_that_would_go_holds_text():
    catalog = pofile.read(PO / "plurals-de-2.po")
    with pytest.raises(CatalogError) as err:
        merge_catalog(catalog, Catalog(header={}, entries=[]), "de", "nplurals=1; plural=0;")
    assert str(err.value) == (
        f"{PO / 'plurals-de-2.po'}: the plural entry '%d worker was arrested.' has text in "
        "msgstr[1], a form that nplurals=1 would drop; move or empty it first, or keep the rule"
    )
