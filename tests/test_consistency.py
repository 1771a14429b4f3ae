"""Consistency across the corpus: renderings per concept, outliers, and renderings not yet set."""

from __future__ import annotations

import json
import re

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.update import update_project
from workbench.corpus.consistency import TranslatedUnit, analyse, consistency, translated_units
from workbench.glossary import model as g
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Glossary, Term
from workbench.terms.source import SourceMatcher

STATEMENT = """\
Strike committees in Khuzestan

The strike committee of the Haft Tappeh workers met on Sunday.

The strike committee called for a general strike.

Workers in Ahvaz formed a strike committee of their own.

The strike committee in Ahvaz published a statement.

Every factory needs a strike committee.

The councils will decide, not the managers.

All power to the councils!

Our council elected three delegates.

The old council was dissolved by the regime.

A hunger strike began in the prison.

The strike committee of the drivers joined them.
"""

# Written by hand, as a translator would: the strike committee is "کمیته اعتصاب"
# in three units (once with a written ezafe) and "ستاد اعتصاب" in two; the
# council is "شورا" (plural, ezafe and all) but once the deprecated "انجمن".
TRANSLATIONS = {
    "The strike committee of the Haft Tappeh workers met on Sunday.": (
        "کمیته اعتصاب کارگران هفت تپه روز یکشنبه تشکیل جلسه داد.",
        cat.TRANSLATED,
    ),
    "The strike committee called for a general strike.": (
        "کمیته اعتصاب به اعتصاب عمومی فراخوان داد.",
        cat.REVIEWED,
    ),
    "Workers in Ahvaz formed a strike committee of their own.": (
        "کارگران اهواز ستاد اعتصاب خود را تشکیل دادند.",
        cat.TRANSLATED,
    ),
    "The strike committee in Ahvaz published a statement.": (
        "ستاد اعتصاب در اهواز بیانیه‌ای منتشر کرد.",
        cat.TRANSLATED,
    ),
    "Every factory needs a strike committee.": (
        "هر کارخانه به یک کمیته‌ی اعتصاب نیاز دارد.",
        cat.TRANSLATED,
    ),
    "The councils will decide, not the managers.": (
        "شوراها تصمیم خواهند گرفت، نه مدیران.",
        cat.TRANSLATED,
    ),
    "All power to the councils!": ("همه قدرت به دست شوراها!", cat.TRANSLATED),
    "Our council elected three delegates.": ("شورای ما سه نماینده انتخاب کرد.", cat.TRANSLATED),
    "The old council was dissolved by the regime.": (
        "انجمن قدیمی توسط رژیم منحل شد.",
        cat.TRANSLATED,
    ),
    # A draft belongs to an older source: it does not count.
    "The strike committee of the drivers joined them.": (
        "ستاد اعتصاب رانندگان به آنها پیوست.",
        cat.FUZZY,
    ),
}

GLOSSARY = Glossary(
    (
        Concept(
            "council",
            (
                Term("council", "en"),
                Term("شورا", "fa"),
                Term("انجمن", "fa", g.DEPRECATED),
            ),
        ),
        Concept("strike-committee", (Term("strike committee", "en"),)),
        Concept("general-strike", (Term("general strike", "en"), Term("اعتصاب عمومی", "fa"))),
        Concept("hunger-strike", (Term("hunger strike", "en"), Term("اعتصاب غذا", "fa"))),
    )
)


def translate(project, statement: str, translations: dict[str, tuple[str, str]]) -> None:
    """Fill the Persian catalog of *statement* with *translations* (msgid -> text, status)."""
    path = project.catalog_path("fa", statement)
    catalog = pofile.read(path)
    catalog.entries = [
        e.with_translation(*translations[e.msgid]) if e.msgid in translations else e
        for e in catalog.entries
    ]
    pofile.write(catalog, path)


@pytest.fixture
def fa_project(project):
    """The small project with a second statement, translated by hand, and a test glossary."""
    (project.seeds_dir / "strike-committees.txt").write_text(STATEMENT, encoding="utf-8")
    update_project(project)
    translate(project, "strike-committees", TRANSLATIONS)
    glossary_store.save(project, GLOSSARY)
    return project


def by_concept(reports):
    return {r.concept: r for r in reports}


def test_only_translated_and_reviewed_units_count(fa_project):
    units = translated_units(fa_project, "fa")
    assert len(units) == 9
    assert "strike-committees:27" not in {u.reference for u in units}  # the fuzzy one
    assert units[0] == TranslatedUnit(
        "strike-committees:3",
        "The strike committee of the Haft Tappeh workers met on Sunday.",
        "کمیته اعتصاب کارگران هفت تپه روز یکشنبه تشکیل جلسه داد.",
    )


def test_glossary_renderings_are_counted_as_word_forms_with_their_units(fa_project):
    council = by_concept(consistency(fa_project, "fa"))["council"]
    assert council.source_terms == ("council",)
    assert council.units == 4
    assert [(r.text, r.count, r.units, r.status, r.outlier) for r in council.renderings] == [
        (
            "شورا",
            3,
            ("strike-committees:13", "strike-committees:15", "strike-committees:17"),
            "preferred",
            False,
        ),
        ("انجمن", 1, ("strike-committees:19",), "deprecated", True),
    ]
    assert council.missing == ()
    assert not council.split


def test_a_term_without_renderings_is_caught_rendered_two_ways(fa_project):
    committee = by_concept(consistency(fa_project, "fa"))["strike-committee"]
    assert [(r.text, r.units, r.status) for r in committee.renderings] == [
        (
            "کمیته اعتصاب",
            ("strike-committees:3", "strike-committees:5", "strike-committees:11"),
            "none",
        ),
        ("ستاد اعتصاب", ("strike-committees:7", "strike-committees:9"), "none"),
    ]
    assert committee.split
    assert not any(r.outlier for r in committee.renderings)  # 2 of 5 is no small minority
    assert committee.missing == ()


def test_concepts_found_in_no_translated_unit_are_left_out(fa_project):
    # The hunger strike is in an untranslated unit only.
    assert set(by_concept(consistency(fa_project, "fa"))) == {
        "council",
        "strike-committee",
        "general-strike",
    }


def units(*pairs: tuple[str, str]) -> list[TranslatedUnit]:
    return [TranslatedUnit(f"s:{n}", src, tgt) for n, (src, tgt) in enumerate(pairs, 1)]


def reports(glossary: Glossary, items: list[TranslatedUnit], min_units: int = 2):
    return by_concept(
        analyse(items, SourceMatcher(list(glossary), "en"), "fa", min_units=min_units)
    )


COUNCIL = Glossary(
    (
        Concept(
            "council",
            (Term("council", "en"), Term("شورا", "fa"), Term("انجمن", "fa", g.ADMITTED)),
        ),
    )
)

# (units using شورا, units using انجمن) -> is انجمن an outlier, is شورا one
MINORITY = [
    ((4, 2), (False, True)),
    ((3, 2), (False, False)),
    ((2, 1), (False, True)),
    ((1, 1), (False, False)),
    ((1, 3), (True, False)),
]


@pytest.mark.parametrize(("counts", "outliers"), MINORITY, ids=["4-2", "3-2", "2-1", "1-1", "1-3"])
def test_a_rendering_used_at_most_half_as_often_as_another_is_an_outlier(counts, outliers):
    shura, anjoman = counts
    items = units(
        *[("The council met.", "شورا تشکیل جلسه داد.")] * shura,
        *[("The council met.", "انجمن تشکیل جلسه داد.")] * anjoman,
    )
    report = reports(COUNCIL, items)["council"]
    flags = {r.text: r.outlier for r in report.renderings}
    assert (flags["شورا"], flags["انجمن"]) == outliers
    # The two are each used in several units only when neither is used once.
    assert report.split == (min(counts) >= 2)


def test_a_forbidden_rendering_is_an_outlier_even_when_it_dominates():
    glossary = Glossary(
        (
            Concept(
                "workers-council",
                (
                    Term("workers' council", "en"),
                    Term("شورای کارگری", "fa"),
                    Term("شورای اسلامی کار", "fa", g.FORBIDDEN),
                ),
            ),
        )
    )
    items = units(
        *[("The workers' council met.", "شورای اسلامی کار تشکیل جلسه داد.")] * 3,
        ("Workers’ councils spread.", "شوراهای کارگری گسترش یافتند."),
    )
    report = reports(glossary, items)["workers-council"]
    assert [(r.text, r.count, r.status, r.outlier) for r in report.renderings] == [
        ("شورای اسلامی کار", 3, "forbidden", True),
        ("شورای کارگری", 1, "preferred", True),
    ]


def test_a_word_the_whole_corpus_uses_is_no_rendering_and_single_uses_stay_missing():
    glossary = Glossary((Concept("strike-committee", (Term("strike committee", "en"),)),))
    news = [
        (f"The strike spread to city {n}.", f"اعتصاب به شهر {n} گسترش یافت.") for n in range(20)
    ]
    items = units(
        ("The strike committee met.", "کمیته اعتصاب تشکیل جلسه داد."),
        ("The strike committee spoke.", "ستاد اعتصاب سخن گفت."),
        *news,
    )
    report = reports(glossary, items)["strike-committee"]
    # Both translations share اعتصاب, but so do twenty others: it is no rendering.
    assert report.renderings == ()
    assert report.missing == ("s:1", "s:2")


def test_the_renderings_of_other_concepts_in_the_unit_are_not_taken_for_this_one():
    glossary = Glossary(
        (
            Concept("strike-committee", (Term("strike committee", "en"),)),
            Concept("general-strike", (Term("general strike", "en"), Term("اعتصاب عمومی", "fa"))),
        )
    )
    # Without blanking it, "اعتصاب عمومی" would be the commonest phrase here.
    items = units(
        ("The strike committee called a general strike.", "کمیته اعتصاب اعتصاب عمومی اعلام کرد."),
        ("The strike committee backs the general strike.", "کمیته اعتصاب از اعتصاب عمومی گفت."),
        (
            "A general strike; the strike committee led it.",
            "اعتصاب عمومی را ستاد اعتصاب رهبری کرد.",
        ),
        ("The general strike and the strike committee.", "اعتصاب عمومی و ستاد اعتصاب."),
    )
    report = reports(glossary, items)["strike-committee"]
    assert [(r.text, r.units) for r in report.renderings] == [
        ("ستاد اعتصاب", ("s:3", "s:4")),
        ("کمیته اعتصاب", ("s:1", "s:2")),
    ]


def test_a_source_term_kept_as_is_is_looked_for_verbatim():
    glossary = Glossary(
        (Concept("irgc", (Term("IRGC", "en", case_sensitive=True, treatment=g.KEEP),)),)
    )
    items = units(
        ("The IRGC fired.", "سپاه (IRGC) شلیک کرد."),
        ("The IRGC fled.", "سپاه گریخت."),
    )
    report = reports(glossary, items)["irgc"]
    assert [(r.text, r.units, r.status) for r in report.renderings] == [
        ("IRGC", ("s:1",), "preferred")
    ]
    assert report.missing == ("s:2",)


# -- the command -----------------------------------------------------------------------


def test_json_lists_every_concept_in_the_documented_shape(fa_project, run):
    result = run(fa_project, "glossary", "consistency", "fa", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [r["concept"] for r in found] == ["council", "strike-committee", "general-strike"]
    assert set(found[0]) == {
        "concept",
        "source_terms",
        "language",
        "renderings",
        "missing",
        "split",
        "conflict",
    }
    assert found[0]["conflict"] is None
    assert found[0]["renderings"][1] == {
        "text": "انجمن",
        "count": 1,
        "units": ["strike-committees:19"],
        "status": "deprecated",
        "outlier": True,
    }


def test_text_marks_outliers_and_concepts_rendered_two_ways(fa_project, run):
    result = run(fa_project, "glossary", "consistency", "--problems")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        'council ("council") in fa: 4 units',
        "      3  شورا  (preferred)  strike-committees:13 strike-committees:15 "
        "strike-committees:17",
        "  !   1  انجمن  (deprecated)  strike-committees:19",
        'strike-committee ("strike committee") in fa: 5 units  rendered in two ways',
        "      3  کمیته اعتصاب  (not in the glossary)  strike-committees:3 strike-committees:5 "
        "strike-committees:11",
        "      2  ستاد اعتصاب  (not in the glossary)  strike-committees:7 strike-committees:9",
    ]


def test_a_language_without_translations_is_a_clear_empty_result(project, run):
    result = run(project, "glossary", "consistency", "fa")
    assert result.exit_code == 0
    assert result.stderr == "No concept in the translated units of fa.\n"
    assert json.loads(run(project, "glossary", "consistency", "fa", "--json").stdout) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("xx", 'Error: unknown language code "xx"; did you mean "xh"?\n'),
        (
            "de",
            'Error: "de" is not a language of this project (it has: fa); '
            "add it with: workbench add-language de\n",
        ),
    ],
    ids=["unknown-code", "not-in-project"],
)
def test_a_wrong_language_is_one_line_and_exit_1(fa_project, run, code, message):
    result = run(fa_project, "glossary", "consistency", code)
    assert result.exit_code == 1
    assert result.stderr == message


FOLDED_ALIKE = [
    "كميته اعتصاب",  # Arabic keyboard: ك and ي
    "کمیته‌ی اعتصاب",  # ZWNJ and a written ezafe
    "شوراهاي كارگري",
    "کمیتهٔ اعتصابِ ۱۴۰۳",  # hamza above, a kasra, Persian digits
    "«همه قدرت به دست شوراها!»",
    "IRGC و سپاه",
]


@pytest.mark.parametrize("text", FOLDED_ALIKE, ids=range(len(FOLDED_ALIKE)))
def test_the_corpus_is_counted_in_the_words_the_units_are_read_in(text):
    from workbench.corpus.consistency import _quick_fold
    from workbench.lang import arabic_script as persian

    # Punctuation is left for the caller to split on.
    assert re.findall(r"\w+", _quick_fold("fa")(text)) == persian.fold(text, "fa")[0].split()
