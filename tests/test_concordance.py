"""Concordance: every occurrence of a term or concept in context, with translations."""

from __future__ import annotations

import doctest
import json
import shutil

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.update import update_project
from workbench.corpus import concordance as cc
from workbench.corpus.concordance import concordance
from workbench.errors import GlossaryError, LanguageError, StatementError
from workbench.glossary import store as glossary_store

from .support import REPO

STATEMENT = """\
Councils everywhere

The council met. The workers’ councils' call was clear.
Our council's delegates spoke, and the councils
agreed. Counsel was given; no councillor came.

Reports from the US say the IRGC struck. Give us bread!
"""


@pytest.fixture
def cproject(project):
    """The small project with a statement full of councils and the starter glossary."""
    (project.seeds_dir / "councils.txt").write_text(STATEMENT, encoding="utf-8")
    shutil.copy(REPO / "glossary" / "glossary.tbx", glossary_store.glossary_path(project))
    return project


def matches(lines, statement="councils"):
    return [line.match for line in lines if line.statement == statement]


# A closing apostrophe after s is read as a possessive and left out of the match.
WORD_FORMS = [
    ("council", ["Councils", "council", "councils", "council's", "councils"]),
    ("councils", ["Councils", "council", "councils", "council's", "councils"]),
    ("workers' council", ["workers’ councils"]),
    ("IRGC", ["IRGC"]),
    ("US", ["US"]),
    ("us", ["US", "us"]),
]


@pytest.mark.parametrize(("query", "expected"), WORD_FORMS, ids=[q for q, _ in WORD_FORMS])
def test_a_term_is_found_in_every_word_form(cproject, query, expected):
    assert matches(concordance(cproject, query)) == expected


def test_a_concept_id_finds_every_source_term_of_the_concept(cproject):
    lines = concordance(cproject, "irgc")
    assert matches(lines) == ["IRGC"]
    assert {line.concept for line in lines} == {"irgc"}
    # The small statement of the fixture says nothing of the IRGC.
    assert {line.statement for line in lines} == {"councils"}


def test_lines_carry_place_and_context(cproject):
    first, second = [
        line for line in concordance(cproject, "council", width=12) if line.statement == "councils"
    ][1:3]
    assert (first.statement, first.line, first.match) == ("councils", 3, "council")
    assert (first.left, first.right) == ("where ¶ The ", " met. The wo")
    assert second.left == "he workers’ "
    text = (cproject.seeds_dir / "councils.txt").read_text(encoding="utf-8")
    assert text[first.start : first.end] == "council"
    assert first.unit == "The council met."
    assert second.unit == "The workers’ councils' call was clear."


def test_a_match_across_a_line_break_is_shown_on_one_line(cproject):
    lines = concordance(cproject, "councils agreed")
    assert [(line.line, line.match) for line in lines] == [(4, "councils agreed")]


def translate(project, msgid: str, msgstr: str, status: str) -> None:
    update_project(project)
    path = project.catalog_path("fa", "councils")
    catalog = pofile.read(path)
    catalog.entries = [
        e.with_translation(msgstr, status) if e.msgid == msgid else e for e in catalog.entries
    ]
    pofile.write(catalog, path)


def test_with_a_language_each_line_shows_the_translation_of_its_unit(cproject):
    translate(cproject, "The council met.", "شورا تشکیل جلسه داد.", cat.TRANSLATED)
    lines = [
        line
        for line in concordance(cproject, "delegates", language="fa")
        + concordance(cproject, "met", language="fa")
        if line.statement == "councils"
    ]
    assert [(line.line, line.match) for line in lines] == [(4, "delegates"), (3, "met")]
    delegates, met = (line.translation for line in lines)
    assert (delegates.language, delegates.text, delegates.status) == ("fa", "", "untranslated")
    assert (met.text, met.status) == ("شورا تشکیل جلسه داد.", "translated")
    assert met.renderings == ()  # renderings are a concept's: "met" is none
    assert {line.concept for line in lines} == {None}


def test_a_concept_id_with_a_language_marks_the_renderings_found(cproject):
    translate(cproject, "The council met.", "شوراهای ما تشکیل جلسه داد و انجمن نیز.", cat.REVIEWED)
    (line,) = [
        line
        for line in concordance(cproject, "council", language="fa")
        if (line.statement, line.match) == ("councils", "council") and line.line == 3
    ]
    assert line.concept == "council"
    assert line.translation.status == "reviewed"
    renderings = [(r.text, r.term, r.status) for r in line.translation.renderings]
    assert renderings == [("شوراهای", "شورا", "preferred"), ("انجمن", "انجمن", "deprecated")]


def test_a_unit_without_a_catalog_shows_as_missing(cproject):
    line = concordance(cproject, "council", language="fa")[0]
    assert (line.translation.text, line.translation.status) == ("", "missing")


def test_an_unknown_term_suggests_a_near_one(cproject):
    with pytest.raises(GlossaryError) as info:
        concordance(cproject, "councel")
    assert str(info.value) == (
        '"councel" does not occur in the statements and is no concept id; did you mean "council"?'
    )


def test_a_near_concept_id_is_suggested(cproject):
    with pytest.raises(GlossaryError) as info:
        concordance(cproject, "strike-comittee")
    assert str(info.value).endswith('did you mean "strike-committee"?')


def test_a_concept_id_that_does_not_occur_is_an_empty_result(cproject):
    assert concordance(cproject, "toman") == []


def test_an_unknown_language_is_an_error(cproject):
    with pytest.raises(LanguageError) as info:
        concordance(cproject, "council", language="de")
    assert str(info.value) == (
        '"de" is not a language of this project (it has: fa); add it with: '
        "workbench add-language de"
    )


def test_a_project_without_statements_is_an_error(tmp_path):
    from workbench.project import Project

    empty = Project.init(tmp_path / "empty", languages=("fa",))
    with pytest.raises(StatementError) as info:
        concordance(empty, "council")
    assert str(info.value) == (
        "there are no statements in seeds/; add .txt or .md files there and run again"
    )


def test_doctests_pass():
    assert doctest.testmod(cc).failed == 0


# -- the command -----------------------------------------------------------------------


def test_the_term_stands_in_one_column(cproject, run):
    result = run(cproject, "glossary", "concordance", "council", "--width", "20")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    refs = [line.split()[0] for line in lines]
    assert refs == [
        "arak-councils:1", "arak-councils:5", "arak-councils:7", "arak-councils:10",
        "councils:1", "councils:3", "councils:3", "councils:4", "councils:4",
    ]  # fmt: skip
    column = len("arak-councils:10") + 2 + 20 + 1
    for line in lines:
        assert line[column:].lower().startswith("council"), line


def test_the_command_with_lang_prints_the_translation_under_each_line(cproject, run):
    result = run(cproject, "glossary", "concordance", "IRGC", "--lang", "fa")
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first.startswith("councils:7  ")
    assert second.strip() == "fa: (not translated)"


def test_the_command_json_shape(cproject, run):
    result = run(cproject, "glossary", "concordance", "irgc", "--json", "--lang", "fa")
    (line,) = json.loads(result.stdout)
    assert set(line) == {
        "statement", "line", "start", "end", "left", "match", "right", "concept", "unit",
        "translation",
    }  # fmt: skip
    assert (line["statement"], line["line"], line["match"], line["concept"]) == (
        "councils",
        7,
        "IRGC",
        "irgc",
    )
    assert line["translation"] == {
        "language": "fa",
        "text": "",
        "status": "missing",
        "renderings": [],
    }


def test_the_command_reports_an_unknown_term_on_one_line(cproject, run):
    result = run(cproject, "glossary", "concordance", "councel")
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: "councel" does not occur in the statements and is no concept id; '
        'did you mean "council"?\n'
    )


def test_the_command_says_so_when_a_concept_does_not_occur(cproject, run):
    result = run(cproject, "glossary", "concordance", "toman")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == 'The concept "toman" does not occur in the statements.\n'


def test_the_command_rejects_an_unknown_language_code(cproject, run):
    result = run(cproject, "glossary", "concordance", "council", "--lang", "xx")
    assert result.exit_code == 1
    assert result.stderr == 'Error: unknown language code "xx"; did you mean "xh"?\n'
