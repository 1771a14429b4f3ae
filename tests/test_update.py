"""Templates and catalogs written from statements and merged like msgmerge."""

from __future__ import annotations

import shutil

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.model import Edit
from workbench.catalogs.update import merge, update_project, update_statement
from workbench.errors import CatalogError

from .support import REPO, copy_sources, msgfmt_check, run_workbench, snapshot


def catalog_of(project, statement="arak-councils", lang="fa"):
    return pofile.read(project.catalog_path(lang, statement))


def translate(project, translations, statement="arak-councils", lang="fa"):
    path = project.catalog_path(lang, statement)
    catalog = pofile.read(path)
    cat.apply_edits(
        catalog, [Edit(k, v, cat.TRANSLATED, user="Leyla") for k, v in translations.items()]
    )
    pofile.write(catalog, path)


def test_update_writes_a_template_and_a_catalog_that_msgfmt_accepts(project):
    [report] = update_project(project)
    pot = project.template_path("arak-councils")
    po = project.catalog_path("fa", "arak-councils")
    assert report.written == [
        "locales/arak-councils.pot",
        "locales/fa/LC_MESSAGES/arak-councils.po",
    ]
    for path in (pot, po):
        result = msgfmt_check(path)
        assert result.returncode == 0 and result.stderr == "", result.stderr
    header = catalog_of(project).header
    assert header["Language"] == "fa"
    # CLDR's Persian rule (one: 0 and 1; other), as the frozen table gives it.
    assert header["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    for field in ("Project-Id-Version", "POT-Creation-Date", "PO-Revision-Date", "Last-Translator"):
        assert field in header


def test_a_sentence_that_occurs_twice_is_one_entry_with_both_references(project):
    update_project(project)
    slogan = catalog_of(project).find("All power to the councils!")
    assert slogan.occurrences == (
        ("seeds/arak-councils.txt", "5"),
        ("seeds/arak-councils.txt", "10"),
    )
    assert [e.msgid for e in catalog_of(project).entries].count("All power to the councils!") == 1


def test_units_keep_their_kind_as_an_extracted_comment(project):
    update_project(project)
    catalog = catalog_of(project)
    assert catalog.find("Arak workers declare councils").comment == "heading"
    assert catalog.find("Our strike is no longer about wages.").comment == "item"


def test_updating_an_unchanged_project_changes_no_byte(project):
    update_project(project)
    paths = [project.template_path("arak-councils"), project.catalog_path("fa", "arak-councils")]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    [report] = update_project(project)
    assert report.written == []
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == before


def set_header_field(path, field, value):
    text = path.read_text(encoding="utf-8")
    start = text.index(f'"{field}: ')
    end = text.index('\\n"', start) + 3
    path.write_text(text[:start] + f'"{field}: {value}\\n"' + text[end:], encoding="utf-8")


def test_update_keeps_the_header_of_an_existing_catalog(project):
    update_project(project)
    po = project.catalog_path("fa", "arak-councils")
    set_header_field(po, "Plural-Forms", "nplurals=1; plural=0;")
    set_header_field(po, "Language-Team", "Persian <team@example.invalid>")
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace(
            '"Content-Transfer-Encoding: 8bit\\n"\n',
            '"Content-Transfer-Encoding: 8bit\\n"\n"X-Generator: Poedit 3.4.2\\n"\n',
        ),
        encoding="utf-8",
    )
    stmt = project.seeds_dir / "arak-councils.txt"
    stmt.write_text("A new first paragraph.\n\n" + stmt.read_text(encoding="utf-8"), "utf-8")
    [report] = update_project(project)
    assert "locales/fa/LC_MESSAGES/arak-councils.po" in report.written
    header = catalog_of(project).header
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"
    assert header["Language-Team"] == "Persian <team@example.invalid>"
    assert header["X-Generator"] == "Poedit 3.4.2"
    template = pofile.read(project.template_path("arak-councils")).header
    assert header["POT-Creation-Date"] == template["POT-Creation-Date"]
    assert msgfmt_check(po).returncode == 0


def test_a_new_catalog_takes_the_rule_its_language_already_has_in_the_project(project):
    update_project(project)
    set_header_field(
        project.catalog_path("fa", "arak-councils"), "Plural-Forms", "nplurals=1; plural=0;"
    )
    (project.seeds_dir / "tabriz.txt").write_text("Tabriz workers strike.\n", encoding="utf-8")
    update_project(project)
    assert catalog_of(project, "tabriz").header["Plural-Forms"] == "nplurals=1; plural=0;"


def test_update_changes_plural_forms_only_when_asked(project, run):
    update_project(project)
    po = project.catalog_path("fa", "arak-councils")
    set_header_field(po, "Plural-Forms", "nplurals=1; plural=0;")
    assert run(project, "update").exit_code == 0
    assert catalog_of(project).header["Plural-Forms"] == "nplurals=1; plural=0;"
    assert run(project, "update", "--plural-forms", "fa=default").exit_code == 0
    assert catalog_of(project).header["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    rule = "nplurals=1; plural=0;"
    assert run(project, "update", "--plural-forms", f"fa={rule}").exit_code == 0
    assert catalog_of(project).header["Plural-Forms"] == rule
    result = run(project, "update", "--plural-forms", "fa=two forms please")
    assert result.exit_code == 1
    assert result.output == (
        'Error: "two forms please" is not a Plural-Forms rule; write it as gettext does, '
        'e.g. "nplurals=2; plural=(n > 1);"\n'
    )
    assert catalog_of(project).header["Plural-Forms"] == rule


def test_unchanged_units_keep_their_translation_after_the_statement_changes(project):
    update_project(project)
    translate(
        project, {"Our strike is no longer about wages.": "اعتصاب ما دیگر بر سر دستمزد نیست."}
    )
    stmt = project.seeds_dir / "arak-councils.txt"
    stmt.write_text(
        "A new first paragraph.\n\n" + stmt.read_text(encoding="utf-8"), encoding="utf-8"
    )
    update_project(project)
    entry = catalog_of(project).find("Our strike is no longer about wages.")
    assert entry.msgstr == "اعتصاب ما دیگر بر سر دستمزد نیست." and entry.status == cat.TRANSLATED
    assert entry.lines == (10,)


def test_an_edited_unit_keeps_its_old_translation_as_fuzzy_with_the_previous_source(project):
    update_project(project)
    translate(
        project, {"Our strike is no longer about wages.": "اعتصاب ما دیگر بر سر دستمزد نیست."}
    )
    stmt = project.seeds_dir / "arak-councils.txt"
    stmt.write_text(
        stmt.read_text(encoding="utf-8").replace(
            "Our strike is no longer about wages.", "Our strike is no longer only about wages."
        ),
        encoding="utf-8",
    )
    [report] = update_project(project)
    assert report.fuzzy["fa"] == 1
    entry = catalog_of(project).find("Our strike is no longer only about wages.")
    assert entry.status == cat.FUZZY
    assert entry.msgstr == "اعتصاب ما دیگر بر سر دستمزد نیست."
    assert entry.previous_msgid == "Our strike is no longer about wages."
    text = project.catalog_path("fa", "arak-councils").read_text(encoding="utf-8")
    assert '#| msgid "Our strike is no longer about wages."' in text
    assert msgfmt_check(project.catalog_path("fa", "arak-councils")).returncode == 0


def test_a_removed_unit_becomes_obsolete_and_comes_back_when_restored(project):
    update_project(project)
    translate(
        project, {"Our strike is no longer about wages.": "اعتصاب ما دیگر بر سر دستمزد نیست."}
    )
    stmt = project.seeds_dir / "arak-councils.txt"
    original = stmt.read_text(encoding="utf-8")
    stmt.write_text(
        original.replace("• Our strike is no longer about wages.\n", ""), encoding="utf-8"
    )
    [report] = update_project(project)
    assert report.obsolete["fa"] == 1
    text = project.catalog_path("fa", "arak-councils").read_text(encoding="utf-8")
    assert '#~ msgid "Our strike is no longer about wages."' in text
    assert '#~ msgstr "اعتصاب ما دیگر بر سر دستمزد نیست."' in text
    assert msgfmt_check(project.catalog_path("fa", "arak-councils")).returncode == 0
    stmt.write_text(original, encoding="utf-8")
    update_project(project)
    entry = catalog_of(project).find("Our strike is no longer about wages.")
    assert entry.msgstr == "اعتصاب ما دیگر بر سر دستمزد نیست." and not entry.obsolete
    assert not [e for e in catalog_of(project).entries if e.obsolete]


def test_merge_never_drops_a_translation():
    old = [cat.Entry("One.", "یک."), cat.Entry("Two.", "دو.", fuzzy=True), cat.Entry("Three.")]
    template = [cat.Entry("Four.")]
    merged, counts = merge(old, template)
    kept = {e.msgstr for e in merged if e.msgstr}
    assert kept == {"یک.", "دو."}
    assert counts == {"new": 1, "fuzzy": 0, "obsolete": 2}


def test_a_malformed_catalog_stops_the_update_and_is_left_as_it_was(project):
    update_project(project)
    path = project.catalog_path("fa", "arak-councils")
    broken = path.read_text(encoding="utf-8").replace(
        'msgid "Our strike is no longer about wages."',
        'msgid "Our strike is no longer about wages.',
    )
    path.write_text(broken, encoding="utf-8")
    (project.seeds_dir / "arak-councils.txt").write_text("Changed.\n", encoding="utf-8")
    with pytest.raises(
        CatalogError,
        match=r"locales/fa/LC_MESSAGES/arak-councils.po line \d+: "
        r"a string is not closed",
    ):
        update_project(project)
    assert path.read_text(encoding="utf-8") == broken
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_update_of_the_repository_statements_gives_valid_persian_catalogs(seeded_project):
    reports = update_project(seeded_project)
    assert {r.statement for r in reports} == {
        "iran-uprising-workers-councils",
        "khuzestan-vanguard-headlines",
    }
    for report in reports:
        assert report.units > 10
        po = seeded_project.catalog_path("fa", report.statement)
        assert msgfmt_check(po).returncode == 0
        assert catalog_of(seeded_project, report.statement).header["Language"] == "fa"


def test_update_statement_reads_crlf_and_bom_and_writes_lf_msgids(project):
    stmt = project.seeds_dir / "arak-councils.txt"
    stmt.write_bytes(b"\xef\xbb\xbfWorkers declare\r\n\r\nWe strike. We win.\r\n")
    update_statement(project, project.statement("arak-councils"))
    msgids = [e.msgid for e in catalog_of(project).entries]
    assert msgids == ["Workers declare", "We strike.", "We win."]


def test_every_po_file_in_the_repository_passes_msgfmt_check():
    from .support import REPO

    # The catalogs the project keeps (test inputs, broken on purpose, are elsewhere).
    paths = sorted(
        p
        for folder in (REPO / "locales", REPO / "workbench")
        for p in folder.rglob("*.po*")
        if p.suffix in (".po", ".pot")
    )
    assert len(paths) >= 5  # both statements' templates and Persian catalogs, the interface's
    for path in paths:
        result = msgfmt_check(path)
        assert result.returncode == 0, f"{path}: {result.stderr}"
        assert "warning" not in result.stderr, f"{path}: {result.stderr}"


def test_updating_this_repository_changes_no_byte(tmp_path):
    """A fresh clone, updated with whatever releases pip installed today, stays as committed."""
    root = copy_sources(tmp_path / "clone")
    shutil.rmtree(root / "locales")
    shutil.copytree(REPO / "locales", root / "locales")
    before = snapshot(root)
    run_workbench("update", "--project", str(root))
    assert snapshot(root) == before
