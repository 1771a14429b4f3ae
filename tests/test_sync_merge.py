"""The three-way merge of catalogs (unit by unit) and of the glossary (concept by concept).

Catalogs are written as PO text here, the way the workbench and other tools
write them; the merged text is read back with the workbench's reader and
checked with GNU msgfmt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.catalogs import conflict as cf
from workbench.catalogs import pofile
from workbench.catalogs.model import Edit, apply_edits
from workbench.catalogs.update import update_project
from workbench.checks.checker import check_project
from workbench.glossary.model import ADMITTED, PREFERRED, Concept, Glossary, Term
from workbench.glossary.tbx import dumps, loads
from workbench.sync.driver import merge_bytes
from workbench.sync.pomerge import merge_texts
from workbench.sync.tbxmerge import merge_glossaries

from .support import msgfmt_check

HEADER = """\
# Persian translation of the Arak statement.
msgid ""
msgstr ""
"Project-Id-Version: arak\\n"
"PO-Revision-Date: {date}\\n"
"Last-Translator: {who}\\n"
"Language-Team: Persian\\n"
"Language: fa\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"""


def po(*entries: str, date: str = "2026-01-10 09:00+0000", who: str = "Sara") -> str:
    return HEADER.format(date=date, who=who) + "".join("\n" + e.strip("\n") + "\n" for e in entries)


def unit(msgid: str, msgstr: str = "", *, fuzzy: bool = False, notes: str = "") -> str:
    lines = [f"# {n}" for n in notes.split("\n") if n]
    lines.append("#: seeds/arak.txt:1")
    if fuzzy:
        lines.append("#, fuzzy")
    lines += [f'msgid "{msgid}"', f'msgstr "{msgstr}"']
    return "\n".join(lines)


COUNCILS = unit("All power to the councils!", "همه‌ی قدرت به شوراها!")
STRIKE = unit("Our strike goes on.", "اعتصاب ما ادامه دارد.")
WAGES = unit("Wages are unpaid.", "")


def merged_catalog(tmp_path: Path, text: str, name: str = "merged.po"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = msgfmt_check(path)
    assert done.returncode == 0, done.stderr
    return pofile.read(path)


def entry(catalog, msgid: str):
    found = [e for e in catalog.entries if e.msgid == msgid]
    assert len(found) == 1, found
    return found[0]


# -- the cases of the issue ---------------------------------------------------------


def test_a_unit_translated_differently_on_two_machines_is_one_conflict_keeping_both(tmp_path):
    base = po(COUNCILS, WAGES)
    ours = po(COUNCILS, unit("Wages are unpaid.", "دستمزدها پرداخت نشده است."))
    theirs = po(
        COUNCILS,
        unit("Wages are unpaid.", "مزدها پرداخت نشده‌اند."),
        date="2026-01-11 08:00+0000",
        who="Leyla <leyla@example.org>",
    )
    result = merge_texts(base, ours, theirs)
    assert [(c.msgid, c.ours, c.theirs, c.ours_by, c.theirs_by) for c in result.conflicts] == [
        (
            "Wages are unpaid.",
            ("دستمزدها پرداخت نشده است.",),
            ("مزدها پرداخت نشده‌اند.",),
            "Sara",
            "Leyla",
        )
    ]
    catalog = merged_catalog(tmp_path, result.text)
    wages = entry(catalog, "Wages are unpaid.")
    assert wages.msgstr == "دستمزدها پرداخت نشده است."
    assert wages.fuzzy
    [kept] = cf.conflicts_of(wages)
    assert (kept.text, kept.by, kept.ours_by) == ("مزدها پرداخت نشده‌اند.", "Leyla", "Sara")
    assert kept.date == "2026-01-11 08:00+0000"
    assert entry(catalog, "All power to the councils!").msgstr == "همه‌ی قدرت به شوراها!"


def test_the_conflict_shows_in_workbench_check_as_an_error_with_both_texts_and_authors(
    project, run
):
    update_project(project)
    path = project.catalog_path("fa", "arak-councils")
    text = path.read_text(encoding="utf-8")
    catalog = pofile.parse(text)
    first = catalog.active()[0]

    def saved(msgstr: str, who: str) -> str:
        copy = pofile.parse(text)
        apply_edits(copy, [Edit(first.msgid, msgstr, "translated", user=who)])
        return pofile.serialise(copy)

    result = merge_texts(text, saved("شوراهای اراک", "Sara"), saved("اعلام شوراها", "Leyla"))
    path.write_text(result.text, encoding="utf-8")
    done = run(project, "check", "fa", "--only", "conflict", "--json")
    assert done.exit_code == 1
    import json

    [finding] = json.loads(done.stdout)
    assert finding["check"] == "conflict"
    assert finding["severity"] == "error"
    assert (finding["target"], finding["ours_author"]) == ("شوراهای اراک", "Sara")
    assert (finding["theirs"], finding["theirs_author"]) == ("اعلام شوراها", "Leyla")


def test_fuzzy_on_one_side_and_retranslated_on_the_other_keeps_the_new_text_fuzzy(tmp_path):
    base = po(COUNCILS, STRIKE)
    ours = po(COUNCILS, unit("Our strike goes on.", "اعتصاب ما ادامه دارد.", fuzzy=True))
    theirs = po(COUNCILS, unit("Our strike goes on.", "اعتصاب‌مان ادامه دارد."))
    result = merge_texts(base, ours, theirs)
    assert result.conflicts == []
    strike = entry(merged_catalog(tmp_path, result.text), "Our strike goes on.")
    assert (strike.msgstr, strike.fuzzy) == ("اعتصاب‌مان ادامه دارد.", True)


def test_a_source_edited_on_one_side_takes_the_translation_edited_on_the_other(project):
    statement = project.seeds_dir / "arak-councils.txt"
    update_project(project)
    path = project.catalog_path("fa", "arak-councils")
    old = "Our strike is no longer about wages."

    def translated(msgstr: str) -> str:
        catalog = pofile.read(path)
        apply_edits(catalog, [Edit(old, msgstr, "translated")])
        return pofile.serialise(catalog)

    base = translated("اعتصاب ما دیگر بر سر دستمزد نیست.")
    path.write_text(base, encoding="utf-8")
    theirs = translated("اعتصاب ما دیگر فقط بر سر دستمزد نیست.")
    # Ours: the statement changed, and update moved the old translation to the new unit.
    path.write_text(base, encoding="utf-8")
    statement.write_text(
        statement.read_text(encoding="utf-8").replace(old, "Our strike is no longer about wages!"),
        encoding="utf-8",
    )
    update_project(project)
    ours = path.read_text(encoding="utf-8")
    new = entry(pofile.parse(ours), "Our strike is no longer about wages!")
    assert (new.fuzzy, new.previous_msgid) == (True, old)

    result = merge_texts(base, ours, theirs)
    assert result.conflicts == []
    catalog = pofile.parse(result.text)
    moved = entry(catalog, "Our strike is no longer about wages!")
    assert moved.msgstr == "اعتصاب ما دیگر فقط بر سر دستمزد نیست."
    assert (moved.fuzzy, moved.previous_msgid, moved.obsolete) == (True, old, False)
    assert [e.obsolete for e in catalog.entries if e.msgid == old] == [True]


def test_headers_differing_only_in_dates_and_translator_merge_without_conflict(tmp_path):
    base = po(COUNCILS, STRIKE, WAGES)
    ours = po(
        unit("All power to the councils!", "تمام قدرت به شوراها!"),
        STRIKE,
        WAGES,
        date="2026-01-12 10:00+0330",
        who="Sara",
    )
    theirs = po(
        COUNCILS,
        STRIKE,
        unit("Wages are unpaid.", "دستمزدها پرداخت نشده."),
        date="2026-01-12 09:00+0000",
        who="Leyla",
    )
    result = merge_texts(base, ours, theirs)
    assert (result.conflicts, result.header_conflicts) == ([], [])
    catalog = merged_catalog(tmp_path, result.text)
    # 10:00 in Tehran is 06:30 UTC: the other side's 09:00 UTC is newer.
    assert catalog.header["PO-Revision-Date"] == "2026-01-12 09:00+0000"
    assert catalog.header["Last-Translator"] == "Leyla"
    assert "Sara, 2026." in catalog.header_notes
    assert "Leyla, 2026." in catalog.header_notes
    assert entry(catalog, "All power to the councils!").msgstr == "تمام قدرت به شوراها!"
    assert entry(catalog, "Wages are unpaid.").msgstr == "دستمزدها پرداخت نشده."
    again = merge_texts(base, ours, theirs)
    assert again.text == result.text


@pytest.mark.parametrize("removal", ["obsolete", "deleted"])
def test_a_unit_removed_on_one_side_and_edited_on_the_other_is_a_visible_conflict(
    tmp_path, removal, project, run
):
    gone = '#~ msgid "Our strike goes on."\n#~ msgstr "اعتصاب ما ادامه دارد."'
    base = po(COUNCILS, STRIKE)
    ours = po(COUNCILS, gone) if removal == "obsolete" else po(COUNCILS)
    theirs = po(COUNCILS, unit("Our strike goes on.", "اعتصاب ما همچنان ادامه دارد."), who="Leyla")
    result = merge_texts(base, ours, theirs)
    assert [(c.msgid, c.removed, c.theirs_by) for c in result.conflicts] == [
        ("Our strike goes on.", True, "Sara")
    ]
    catalog = merged_catalog(tmp_path, result.text)
    strike = entry(catalog, "Our strike goes on.")
    assert strike.obsolete, "never silently brought back"
    assert strike.msgstr == "اعتصاب ما همچنان ادامه دارد.", "never silently lost"
    [kept] = cf.conflicts_of(strike)
    assert (kept.removed, kept.by, kept.ours_by) == (True, "Sara", "Leyla")
    # workbench check reports it, though the unit is no longer in the statement.
    project.catalog_path("fa", "arak-councils").parent.mkdir(parents=True)
    project.catalog_path("fa", "arak-councils").write_text(result.text, encoding="utf-8")
    findings = check_project(project, ["fa"], only=["conflict"]).findings
    assert [(f.check, f.severity, f.source) for f in findings] == [
        ("conflict", "error", "Our strike goes on.")
    ]


def test_a_removal_wins_over_a_side_that_did_not_touch_the_translation(tmp_path):
    base = po(COUNCILS, STRIKE)
    ours = po(COUNCILS)
    theirs = po(COUNCILS, STRIKE.replace("#: seeds/arak.txt:1", "#: seeds/arak.txt:7"))
    result = merge_texts(base, ours, theirs)
    assert result.conflicts == []
    assert "Our strike goes on." not in result.text


@pytest.mark.parametrize(
    "theirs_strike",
    [STRIKE, unit("Our strike goes on.", "اعتصاب ما ادامه دارد!")],
    ids=["untouched", "same-edit"],
)
def test_one_side_changed_or_both_the_same_way_is_no_conflict(tmp_path, theirs_strike):
    base = po(COUNCILS, STRIKE)
    ours = po(COUNCILS, unit("Our strike goes on.", "اعتصاب ما ادامه دارد!"))
    theirs = po(COUNCILS, theirs_strike)
    result = merge_texts(base, ours, theirs)
    assert result.conflicts == []
    assert result.text == ours


def test_units_added_on_both_sides_are_all_kept_in_order(tmp_path):
    base = po(COUNCILS)
    ours = po(COUNCILS, STRIKE)
    theirs = po(WAGES, COUNCILS)
    result = merge_texts(base, ours, theirs)
    catalog = merged_catalog(tmp_path, result.text)
    assert [e.msgid for e in catalog.entries] == [
        "Wages are unpaid.",
        "All power to the councils!",
        "Our strike goes on.",
    ]


def test_comments_dismissals_and_reviews_merge_as_sets(tmp_path):
    base = po(COUNCILS)
    ours = po(unit("All power to the councils!", "همه‌ی قدرت به شوراها!", notes="see the glossary"))
    theirs = po(
        unit(
            "All power to the councils!",
            "همه‌ی قدرت به شوراها!",
            notes="dismissed punctuation: the slogan keeps its mark",
        )
    )
    catalog = merged_catalog(tmp_path, merge_texts(base, ours, theirs).text)
    councils = entry(catalog, "All power to the councils!")
    assert councils.notes == ("see the glossary",)
    assert councils.dismissed == (("punctuation", "the slogan keeps its mark"),)


def test_a_conflict_merged_again_keeps_one_note_and_converges(tmp_path):
    base = po(WAGES)
    ours = po(unit("Wages are unpaid.", "الف"))
    theirs = po(unit("Wages are unpaid.", "ب"), who="Leyla")
    first = merge_texts(base, ours, theirs).text
    # The other machine pulls the merge: nothing changed there since, so it takes it whole.
    assert merge_texts(theirs, theirs, first).text == first
    assert merge_texts(first, first, first).text == first


def test_saving_a_unit_clears_its_conflict(tmp_path, project):
    from workbench.catalogs.store import CatalogStore

    update_project(project)
    path = project.catalog_path("fa", "arak-councils")
    text = path.read_text(encoding="utf-8")
    first = pofile.parse(text).active()[0]

    def saved(msgstr: str) -> str:
        copy = pofile.parse(text)
        apply_edits(copy, [Edit(first.msgid, msgstr, "translated")])
        return pofile.serialise(copy)

    path.write_text(merge_texts(text, saved("الف"), saved("ب")).text, encoding="utf-8")
    store = CatalogStore(project)
    assert cf.has_conflict(store.get("fa", "arak-councils").active()[0])
    [result] = store.save("fa", "arak-councils", [Edit(first.msgid, "ب", "translated")])
    assert not cf.has_conflict(result)
    assert (result.msgstr, result.fuzzy) == ("ب", False)
    assert "conflict:" not in path.read_text(encoding="utf-8")


def test_a_file_that_cannot_be_cut_into_blocks_merges_all_the_same(tmp_path):
    # A comment standing alone between entries, as a hand edit may leave it.
    stray = "# a note about the next units, written by hand"
    base = po(COUNCILS, stray, WAGES)
    ours = po(COUNCILS, stray, unit("Wages are unpaid.", "الف"))
    theirs = po(unit("All power to the councils!", "قدرت به شوراها"), stray, WAGES)
    catalog = merged_catalog(tmp_path, merge_texts(base, ours, theirs).text)
    assert entry(catalog, "Wages are unpaid.").msgstr == "الف"
    assert entry(catalog, "All power to the councils!").msgstr == "قدرت به شوراها"


def test_notes_conflict_round_trips_through_gettext_tools(tmp_path):
    import subprocess

    base = po(WAGES)
    ours = po(unit("Wages are unpaid.", 'نوشته\\n\\"الف\\"'))
    theirs = po(unit("Wages are unpaid.", 'نوشته\\t\\"ب\\"'), who="Leyla (Ahvaz); team")
    text = merge_texts(base, ours, theirs).text
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "y.po"
    subprocess.run(["msgcat", "--no-wrap", "-o", str(out), str(path)], check=True)
    [kept] = cf.conflicts_of(entry(pofile.read(out), "Wages are unpaid."))
    assert kept.text == 'نوشته\t"ب"'
    assert kept.by == "Leyla Ahvaz team"


# -- what the exchange issue keeps: plurals, previous msgids, obsolete entries --------

PLURAL_BASE = """\
msgid "One council"
msgid_plural "%d councils"
msgstr[0] "یک شورا"
msgstr[1] "%d شورا"
"""


def test_plural_units_merge_with_all_their_forms(tmp_path):
    """A plural unit is one unit: its forms travel together, and a change on one side wins."""
    base = po(PLURAL_BASE)
    ours = po(PLURAL_BASE)
    theirs = po(PLURAL_BASE.replace('"یک شورا"', '"شورایی"').replace('"%d شورا"', '"%d شوراها"'))
    result = merge_texts(base, ours, theirs)
    assert result.conflicts == []
    assert 'msgstr[0] "شورایی"' in result.text
    assert 'msgstr[1] "%d شوراها"' in result.text
    merged_catalog(tmp_path, result.text)
    # Different forms changed on each side is one unit changed on both: a conflict,
    # both sets of forms kept.
    ours = po(PLURAL_BASE.replace('"%d شورا"', '"%d شوراها"'))
    theirs = po(PLURAL_BASE.replace('"یک شورا"', '"شورایی"'), who="Leyla")
    result = merge_texts(base, ours, theirs)
    assert [c.theirs for c in result.conflicts] == [("شورایی", "%d شورا")]
    assert 'msgstr[1] "%d شوراها"' in result.text
    merged_catalog(tmp_path, result.text)


def test_a_plural_unit_changed_on_both_sides_keeps_both_sets_of_forms(tmp_path):
    base = po(PLURAL_BASE)
    ours = po(PLURAL_BASE.replace('"%d شورا"', '"%d شوراها"'))
    theirs = po(PLURAL_BASE.replace('"%d شورا"', '"%d شورای کارگری"'), who="Leyla")
    result = merge_texts(base, ours, theirs)
    assert [c.theirs for c in result.conflicts] == [("یک شورا", "%d شورای کارگری")]
    assert 'msgstr[1] "%d شوراها"' in result.text


def test_obsolete_entries_and_other_flags_are_kept(tmp_path):
    obsolete = '#~ msgid "Old slogan."\n#~ msgstr "شعار کهنه."'
    formatted = '#: seeds/arak.txt:3\n#, python-format\nmsgid "%s workers"\nmsgstr "%s کارگر"'
    base = po(COUNCILS, formatted, obsolete)
    ours = po(unit("All power to the councils!", "همه‌ی قدرت به شوراها"), formatted, obsolete)
    theirs = po(COUNCILS, formatted.replace('"%s کارگر"', '"%s کارگران"'), obsolete)
    catalog = merged_catalog(tmp_path, merge_texts(base, ours, theirs).text)
    assert entry(catalog, "%s workers").flags == ("python-format",)
    assert entry(catalog, "%s workers").msgstr == "%s کارگران"
    old = entry(catalog, "Old slogan.")
    assert (old.obsolete, old.msgstr) == (True, "شعار کهنه.")


def test_previous_lines_of_obsolete_entries_are_kept():
    obsolete = '#~| msgid "Old slogan"\n#~ msgid "Old slogan."\n#~ msgstr "شعار کهنه."'
    base = po(COUNCILS, obsolete)
    # Both sides change the entry, so that it goes through the model.
    ours = po(COUNCILS, "# from the 2022 statement\n" + obsolete)
    theirs = po(COUNCILS, obsolete.replace("کهنه", "قدیمی"))
    text = merge_texts(base, ours, theirs).text
    assert '# from the 2022 statement\n#~| msgid "Old slogan"\n#~ msgid "Old slogan."' in text
    assert "قدیمی" in text


def test_templates_merge_too(tmp_path):
    pot = HEADER.replace("Persian translation", "Template").format(date="x", who="")
    base = pot + "\n" + unit("A.") + "\n\n" + unit("B.") + "\n"
    ours = pot + "\n" + unit("A.") + "\n\n" + unit("B.") + "\n\n" + unit("C.") + "\n"
    theirs = pot + "\n" + unit("B.") + "\n"
    merged, report = merge_bytes(base.encode(), ours.encode(), theirs.encode(), "locales/arak.pot")
    assert report.conflicts == []
    assert [e.msgid for e in pofile.parse(merged.decode()).entries] == ["B.", "C."]


# -- the glossary ---------------------------------------------------------------------


def concept(cid: str, *terms: Term, definition: str = "", note: str = "") -> Concept:
    return Concept(cid, terms, definition=definition, note=note)


COUNCIL = concept(
    "council",
    Term("council", "en"),
    Term("شورا", "fa"),
    definition="A body of workers elected in the workplace.",
)


def test_a_concept_renamed_on_one_side_and_edited_on_the_other_is_one_concept():
    base = Glossary((COUNCIL,))
    renamed = concept(
        "council",
        Term("workers' council", "en"),
        Term("شورا", "fa"),
        definition=COUNCIL.definition,
    )
    edited = concept(
        "council",
        Term("council", "en"),
        Term("شورا", "fa"),
        Term("شورای کارگری", "fa", ADMITTED),
        definition="A body of workers elected and recallable in the workplace.",
    )
    merged, conflicts = merge_glossaries(base, Glossary((renamed,)), Glossary((edited,)))
    assert conflicts == []
    [one] = list(merged)
    assert [t.text for t in one.terms] == ["workers' council", "شورا", "شورای کارگری"]
    assert one.definition == "A body of workers elected and recallable in the workplace."


def test_two_preferred_renderings_keep_both_and_mark_the_concept_in_conflict():
    base = Glossary((concept("council", Term("council", "en")),))
    ours = Glossary((concept("council", Term("council", "en"), Term("شورا", "fa")),))
    theirs = Glossary((concept("council", Term("council", "en"), Term("انجمن", "fa")),))
    merged, conflicts = merge_glossaries(base, ours, theirs)
    council = merged.get("council")
    assert [(t.text, t.status) for t in council.terms_in("fa")] == [
        ("شورا", PREFERRED),
        ("انجمن", ADMITTED),
    ]
    assert "two preferred fa renderings" in council.conflict
    assert [c.concept_id for c in conflicts] == ["council"]
    # The mark travels in the TBX file and comes back.
    again = loads(dumps(merged), "glossary.tbx").get("council")
    assert again.conflict == council.conflict


def test_concepts_added_on_each_side_are_both_kept():
    base = Glossary((COUNCIL,))
    strike = concept("strike", Term("strike", "en"), Term("اعتصاب", "fa"))
    toman = concept("toman", Term("toman", "en"), Term("تومان", "fa"))
    merged, conflicts = merge_glossaries(
        base, Glossary((COUNCIL, strike)), Glossary((toman, COUNCIL))
    )
    assert conflicts == []
    assert [c.id for c in merged] == ["toman", "council", "strike"]


def test_a_glossary_merges_through_the_driver_as_tbx_bytes():
    base = Glossary((COUNCIL,))
    ours = base.edit("council", note="Chosen at the Ahvaz meeting.")
    theirs = base.add_term("council", Term("شوراها", "fa", ADMITTED))
    merged, report = merge_bytes(dumps(base), dumps(ours), dumps(theirs), "glossary/glossary.tbx")
    assert report.conflicts == []
    council = loads(merged, "glossary.tbx").get("council")
    assert council.note == "Chosen at the Ahvaz meeting."
    assert [t.text for t in council.terms_in("fa")] == ["شورا", "شوراها"]
