"""CSV in and out: encodings, headers, rows, merging rules, round trips."""

from __future__ import annotations

import codecs
import dataclasses
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import GlossaryError
from workbench.glossary import csv as termcsv
from workbench.glossary import incoming as glossary_incoming
from workbench.glossary import merge as glossary_merge
from workbench.glossary import model as g
from workbench.glossary import store as glossary_store
from workbench.glossary import tbx
from workbench.glossary.model import Concept, Glossary, Term
from workbench.project import Project

from .support import DATA, REPO

FILES = DATA / "glossary"
STARTER = REPO / "glossary" / "glossary.tbx"


def read(text: str | bytes, name: str = "in.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return termcsv.read(data, name, "en")


EMPTY = Glossary()


def imported(text: str, into: Glossary = EMPTY) -> tuple[Glossary, glossary_merge.ImportReport]:
    return glossary_merge.merge(into, read(text), source_language="en", name="in.csv")


# -- encodings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "bad.latin1.csv",
            "bad.latin1.csv line 3: byte 0xFC at offset 50 is not UTF-8: the file is in another "
            'encoding (it looks like Windows-1252); save it as "CSV UTF-8" and import again',
        ),
        (
            "bad.utf16.csv",
            "bad.utf16.csv line 1: a NUL byte at offset 1: the file is not UTF-8 text (UTF-16?); "
            'save it as "CSV UTF-8" and import again',
        ),
    ],
    ids=["latin1", "utf16-without-bom"],
)
def test_a_csv_in_another_encoding_is_refused_with_the_byte_offset(name, message):
    with pytest.raises(GlossaryError) as info:
        read((FILES / name).read_bytes(), name)
    assert str(info.value) == message


def test_a_persian_csv_saved_by_excel_on_a_persian_windows_is_named_windows_1256():
    data = "en,fa\ncouncil,شوراي کارگري\nstrike,اعتصاب\n".encode("cp1256")
    with pytest.raises(GlossaryError) as info:
        read(data, "excel.csv")
    assert str(info.value) == (
        "excel.csv line 2: byte 0xD4 at offset 14 is not UTF-8: the file is in another encoding "
        '(it looks like Windows-1256); save it as "CSV UTF-8" and import again'
    )


def test_a_utf16_byte_order_mark_is_named():
    data = codecs.BOM_UTF16_LE + "en,fa\ncouncil,شورا\n".encode("utf-16-le")
    with pytest.raises(GlossaryError) as info:
        read(data, "excel.csv")
    assert str(info.value) == (
        "excel.csv line 1: the file is UTF-16 (it starts with a UTF-16 byte order mark at "
        'offset 0); save it as "CSV UTF-8" and import again'
    )


def test_an_excel_file_with_a_bom_semicolons_and_a_multiline_cell_is_read():
    (item,) = read((FILES / "excel-bom-semicolon.csv").read_bytes())
    assert item.concept == Concept(
        "council",
        (
            Term("council", "en", part_of_speech="noun"),
            Term("شورا", "fa", part_of_speech="noun"),
            Term("انجمن", "fa", "forbidden", part_of_speech="noun"),
        ),
        note="why: two\nlines",
    )
    assert item.explicit_id and item.line == 2


# -- headers and rows ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "en,persain\ncouncil,شورا\n",
            'in.csv line 1: unknown language column "persain"; did you mean "fa"?',
        ),
        (
            "en,defintion\ncouncil,x\n",
            'in.csv line 1: unknown column "defintion"; did you mean "definition"?',
        ),
        (
            "en,fa:prefered\ncouncil,x\n",
            'in.csv line 1: unknown status "prefered" in the column '
            '"fa:prefered"; use fa, fa:admitted, fa:deprecated or fa:forbidden',
        ),
        ("en,fa,FA\ncouncil,x,y\n", 'in.csv line 1: the column "FA" appears twice; keep one'),
        (
            "id,note\ncouncil,x\n",
            "in.csv line 1: no language columns; name at least one column "
            "with a language code, such as en or fa",
        ),
        (
            "en,,fa\ncouncil,,x\n",
            "in.csv line 1: column 2 has no name; name it (for example fa:admitted) or delete it",
        ),
        ("", "in.csv: the file is empty; write a header row such as: en,fa"),
    ],
    ids=[
        "unknown-language",
        "misspelt-field",
        "unknown-status",
        "duplicate",
        "no-language",
        "unnamed",
        "empty",
    ],
)
def test_a_bad_header_is_named_with_a_suggestion(text, message):
    with pytest.raises(GlossaryError) as info:
        read(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "bad.two-preferred.csv",
            'bad.two-preferred.csv line 3: concept "strike" has two '
            "preferred Persian terms; mark one as admitted.",
        ),
        (
            "bad.empty-term.csv",
            'bad.empty-term.csv line 2: the column "fa:admitted" has an '
            'empty term between "|" separators; remove the extra "|"',
        ),
        (
            "bad.unclosed-quote.csv",
            "bad.unclosed-quote.csv line 2: not valid CSV (unexpected "
            "end of data); check the quotes in this row",
        ),
        (
            "bad.too-many-cells.csv",
            "bad.too-many-cells.csv line 3: the row has 3 cells but the "
            "header names 2 columns; quote cells that contain the delimiter",
        ),
        (
            "bad.unknown-pos.csv",
            'bad.unknown-pos.csv line 3: unknown part of speech "thing"; '
            "use one of noun, verb, adjective, adverb, properNoun, other",
        ),
        (
            "bad.unknown-language.csv",
            'bad.unknown-language.csv line 1: unknown language column "persain"; did you mean '
            '"fa"?',
        ),
        (
            "bad.exception-no-equals.csv",
            "bad.exception-no-equals.csv line 3: the term_exceptions cell: «fa:مرتجع adjective» "
            "is not LANG:TERM = WORDS; write it as, for example, fa:IRGC = keep",
        ),
        (
            "bad.exception-unknown-term.csv",
            "bad.exception-unknown-term.csv line 2: the term_exceptions cell: «fa:ارتجاعی = "
            "adjective» names the fa term «ارتجاعی», which the row does not have; write the term "
            "in a fa column too, or leave it out of term_exceptions",
        ),
        (
            "bad.exception-unknown-word.csv",
            "bad.exception-unknown-word.csv line 3: the term_exceptions cell: «en:HEPCO = caps»: "
            'unknown word "caps"; use translate, transliterate, keep, case-sensitive, not '
            "case-sensitive or a part of speech (noun, verb, adjective, adverb, properNoun, other)",
        ),
        (
            "bad.exception-twice.csv",
            "bad.exception-twice.csv line 2: the term_exceptions cell: the en term «US» is named "
            "twice; give it one entry",
        ),
        (
            "bad.exception-two-treatments.csv",
            "bad.exception-two-treatments.csv line 2: the term_exceptions cell: «en:Heavy "
            "Equipment Production Company = translate, transliterate»: two words for the "
            "treatment; keep one",
        ),
    ],
    ids=lambda v: v.removeprefix("bad.").removesuffix(".csv") if v.endswith(".csv") else None,
)
def test_a_bad_row_is_named_with_its_line(name, message):
    with pytest.raises(GlossaryError) as info:
        read((FILES / name).read_bytes(), name)
    assert str(info.value) == message


def test_a_bad_case_flag_and_a_bad_id_are_named():
    with pytest.raises(GlossaryError) as info:
        read("en,case_sensitive\nIRGC,sometimes\n")
    assert str(info.value) == 'in.csv line 2: case_sensitive "sometimes" is neither yes nor no'
    with pytest.raises(GlossaryError) as info:
        read("id,en\n\nbad id,x\n")
    assert str(info.value).startswith('in.csv line 3: concept id "bad id" is not valid;')


def test_the_simplest_file_adds_one_concept_per_row():
    glossary, report = imported((FILES / "simple.csv").read_text(encoding="utf-8"))
    assert report == glossary_merge.ImportReport(("council", "general-strike"), (), ())
    assert glossary["general-strike"].terms == (
        Term("general strike", "en"),
        Term("اعتصاب عمومی", "fa"),
    )


def test_several_terms_in_a_cell_and_shared_attributes_apply_to_the_row():
    (item,) = read(
        "en,en:admitted,fa,fa:admitted,treatment,case_sensitive,pos\n"
        "Islamic Revolutionary Guard Corps,IRGC | Revolutionary Guards,سپاه پاسداران,"
        "IRGC|سپاه,translate,yes,proper noun\n"
    )
    assert [(t.language, t.text, t.status, t.treatment) for t in item.concept.terms] == [
        ("en", "Islamic Revolutionary Guard Corps", "preferred", "translate"),
        ("en", "IRGC", "admitted", "translate"),
        ("en", "Revolutionary Guards", "admitted", "translate"),
        ("fa", "سپاه پاسداران", "preferred", "translate"),
        ("fa", "IRGC", "admitted", "keep"),
        ("fa", "سپاه", "admitted", "translate"),
    ]
    assert all(t.case_sensitive and t.part_of_speech == "properNoun" for t in item.concept.terms)
    assert item.concept.id == "islamic-revolutionary-guard-corps"


def test_term_exceptions_written_by_hand_give_those_terms_their_own_values():
    imperialism, united_states = read((FILES / "exceptions-by-hand.csv").read_bytes())
    assert [
        (t.language, t.text, t.part_of_speech, t.treatment) for t in imperialism.concept.terms
    ] == [
        ("en", "imperialism", "noun", "transliterate"),
        ("en", "imperialist", "adjective", "transliterate"),
        ("fa", "امپریالیسم", "noun", "transliterate"),
        ("fa", "امپریالیست", "adjective", "transliterate"),
        ("fa", "استکبار", "noun", "translate"),
    ]
    assert [(t.text, t.case_sensitive, t.part_of_speech) for t in united_states.concept.terms] == [
        ("United States", False, "properNoun"),
        ("US", True, "properNoun"),
        ("U.S.", True, "properNoun"),
        ("ایالات متحده", False, "properNoun"),
    ]


# -- merging -------------------------------------------------------------------------

EXISTING = Glossary(
    (
        Concept(
            "council",
            (
                Term("council", "en", part_of_speech="noun"),
                Term("شورا", "fa", part_of_speech="noun"),
                Term("شورای کارگری", "fa", "admitted", part_of_speech="noun"),
                Term("انجمن", "fa", "forbidden", part_of_speech="noun", note="an association"),
            ),
            definition="An elected body.",
        ),
    )
)


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        # Only a preferred column: the admitted and forbidden terms stay.
        (
            "en,fa\ncouncil,شورا\n",
            [
                ("en", "council", "preferred"),
                ("fa", "شورا", "preferred"),
                ("fa", "شورای کارگری", "admitted"),
                ("fa", "انجمن", "forbidden"),
            ],
        ),
        # A new preferred term replaces the old one.
        (
            "en,fa\ncouncil,شورای مردمی\n",
            [
                ("en", "council", "preferred"),
                ("fa", "شورای کارگری", "admitted"),
                ("fa", "انجمن", "forbidden"),
                ("fa", "شورای مردمی", "preferred"),
            ],
        ),
        # An admitted column with a cell emptied removes the admitted term.
        (
            "en,fa,fa:admitted\ncouncil,شورا,\n",
            [
                ("en", "council", "preferred"),
                ("fa", "شورا", "preferred"),
                ("fa", "انجمن", "forbidden"),
            ],
        ),
        # A language whose cells are all empty is left alone.
        (
            "en,fa,fa:admitted\ncouncil,,\n",
            [
                ("en", "council", "preferred"),
                ("fa", "شورا", "preferred"),
                ("fa", "شورای کارگری", "admitted"),
                ("fa", "انجمن", "forbidden"),
            ],
        ),
        # A term moves from one status to another.
        (
            "en,fa,fa:admitted\ncouncil,شورای کارگری,شورا\n",
            [
                ("en", "council", "preferred"),
                ("fa", "شورا", "admitted"),
                ("fa", "شورای کارگری", "preferred"),
                ("fa", "انجمن", "forbidden"),
            ],
        ),
    ],
    ids=["preferred-only", "new-preferred", "emptied-cell", "empty-language", "swap"],
)
def test_a_row_replaces_the_terms_of_the_columns_it_fills(text, terms):
    glossary, report = imported(text, EXISTING)
    assert [(t.language, t.text, t.status) for t in glossary["council"].terms] == terms
    assert glossary["council"].definition == "An elected body."


def test_an_unedited_pos_cell_keeps_each_terms_own_value_and_notes_stay():
    glossary, report = imported("en,fa,fa:forbidden,pos\ncouncil,شورا,انجمن,noun\n", EXISTING)
    assert report.unchanged == ("council",)
    assert glossary["council"].term("fa", "انجمن").note == "an association"
    glossary, report = imported("en,fa,pos\ncouncil,شورا,other\n", EXISTING)
    assert report.updated == ("council",)
    assert {
        t.part_of_speech for t in glossary["council"].terms if t.text in ("council", "شورا")
    } == {"other"}


def test_an_exception_holds_for_its_term_and_the_rows_cells_for_the_others():
    # The row's pos cell changed (noun to other): every term follows it but the
    # one the exceptions name, which the row makes an adjective.
    glossary, report = imported(
        "en,fa,fa:admitted,fa:forbidden,pos,term_exceptions\n"
        "council,شورا,شورای کارگری,انجمن,other,fa:شورای کارگری = adjective\n",
        EXISTING,
    )
    assert report.updated == ("council",)
    assert [(t.text, t.part_of_speech) for t in glossary["council"].terms] == [
        ("council", "other"),
        ("شورا", "other"),
        ("شورای کارگری", "adjective"),
        ("انجمن", "other"),
    ]
    # The row's cells as the export wrote them: only the named term changes.
    glossary, report = imported(
        "en,fa,pos,term_exceptions\ncouncil,شورا,noun,fa:شورا = case-sensitive\n", EXISTING
    )
    assert [t.text for t in glossary["council"].terms if t.case_sensitive] == ["شورا"]
    assert glossary["council"].term("fa", "انجمن").note == "an association"


def test_rows_without_an_id_match_the_source_term_whatever_its_case():
    glossary, report = imported("en,fa:admitted\nCouncil,شورای محله\n", EXISTING)
    assert report.updated == ("council",)
    assert glossary["council"].term("fa", "شورای محله").status == "admitted"


# -- export --------------------------------------------------------------------------


def test_export_writes_a_bom_the_columns_in_use_and_one_row_per_concept():
    data = termcsv.dumps(EXISTING, "en", ["fa"])
    assert data.startswith(codecs.BOM_UTF8)
    assert data[3:].decode("utf-8") == (
        "id,en,fa,fa:admitted,fa:forbidden,subject,pos,treatment,case_sensitive,definition,note\r\n"
        "council,council,شورا,شورای کارگری,انجمن,,noun,translate,,An elected body.,\r\n"
    )


def test_export_names_each_term_that_differs_from_its_row():
    glossary = Glossary(
        (
            Concept(
                "united-states",
                (
                    Term("United States", "en", part_of_speech="properNoun"),
                    Term("US", "en", "admitted", "properNoun", case_sensitive=True),
                    Term("ایالات متحده", "fa", part_of_speech="properNoun"),
                    Term("US", "fa", "admitted", "properNoun", treatment="translate"),
                    Term("آمریکا", "fa", "admitted", "", treatment="transliterate"),
                ),
            ),
        )
    )
    data = termcsv.dumps(glossary, "en", ["fa"], bom=False).decode("utf-8")
    assert data.splitlines() == [
        "id,en,en:admitted,fa,fa:admitted,subject,pos,treatment,case_sensitive,term_exceptions,"
        "definition,note",
        "united-states,United States,US,ایالات متحده,US | آمریکا,,properNoun,translate,,"
        '"en:US = case-sensitive | fa:US = translate | fa:آمریکا = no part of speech, '
        'transliterate",,',
    ]
    (item,) = termcsv.read(data.encode("utf-8"), "x.csv", "en")
    assert set(item.concept.terms) == set(glossary["united-states"].terms)


def test_export_then_import_of_the_starter_glossary_changes_nothing():
    starter = tbx.loads(STARTER.read_bytes(), "glossary.tbx")
    data = termcsv.dumps(starter, "en", ["fa"])
    merged, report = glossary_merge.merge(
        starter, termcsv.read(data, "x.csv", "en"), source_language="en", name="x.csv"
    )
    assert report.unchanged == tuple(c.id for c in starter)
    assert merged == starter


def test_the_starter_glossary_comes_back_whole_through_csv_into_an_empty_project(tmp_path, run):
    starter = Project.init(tmp_path / "starter", languages=("fa",))
    shutil.copy(STARTER, glossary_store.glossary_path(starter))
    assert run(starter, "glossary", "export", str(tmp_path / "g.csv")).exit_code == 0
    empty = Project.init(tmp_path / "empty", languages=("fa",))
    result = run(empty, "glossary", "import", str(tmp_path / "g.csv"))
    assert result.exit_code == 0, result.output
    before, after = glossary_store.load(starter), glossary_store.load(empty)
    assert [c.id for c in after] == [c.id for c in before]

    def described(concept: Concept):
        fields = (concept.definition, concept.subject, concept.note)
        return fields, {
            (t.text, t.language, t.status, t.case_sensitive, t.treatment, t.part_of_speech)
            for t in concept.terms
        }

    assert [described(c) for c in after] == [described(c) for c in before]
    # Of what CSV cannot carry, the starter glossary has term notes only: they are lost.
    lost = {
        (c.id, t.language, t.text) for c in before for t in c.terms if t not in after[c.id].terms
    }
    assert lost == {(c.id, t.language, t.text) for c in before for t in c.terms if t.note}


LANGS = ["en", "fa", "de", "ckb"]
TEXT = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|\ufffe\uffff")
NOTE = st.one_of(TEXT, st.sampled_from('\n\t,;"'))
WORD = st.text(TEXT, min_size=1, max_size=10).filter(lambda s: s.strip())


def attributes():
    return st.fixed_dictionaries(
        {
            "part_of_speech": st.sampled_from(("", *g.PARTS_OF_SPEECH)),
            "treatment": st.sampled_from(g.TREATMENTS),
            "case_sensitive": st.booleans(),
        }
    )


@st.composite
def concepts(draw, cid):
    raw = [Term(draw(WORD), "en")]
    for lang in draw(st.lists(st.sampled_from(LANGS), max_size=3, unique=True)):
        for n, text in enumerate(draw(st.lists(WORD, min_size=1, max_size=3))):
            status = (
                g.PREFERRED if n == 0 and lang != "en" else draw(st.sampled_from(g.STATUSES[1:]))
            )
            raw.append(Term(text, lang, status))
    unique = {(t.language, t.text.strip()): t for t in raw}
    terms = glossary_incoming.apply_shared(unique.values(), "en", **draw(attributes()))
    # Some terms differ from the others (US is case-sensitive, imperialist an adjective).
    terms = tuple(
        dataclasses.replace(t, **draw(attributes())) if draw(st.booleans()) else t for t in terms
    )
    return Concept(
        cid,
        terms,
        draw(st.text(NOTE, max_size=20)),
        draw(st.text(TEXT, max_size=8)),
        draw(st.text(NOTE, max_size=20)),
    )


@st.composite
def csv_glossaries(draw):
    ids = draw(
        st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), max_size=4, unique=True)
    )
    return Glossary(tuple(draw(concepts(cid)) for cid in ids))


def as_sets(glossary: Glossary):
    return [(c.id, set(c.terms), c.definition, c.subject, c.note) for c in glossary]


@settings(max_examples=120, deadline=None)
@given(csv_glossaries())
def test_export_then_import_into_an_empty_glossary_gives_it_back(glossary):
    data = termcsv.dumps(glossary, "en", ["fa"])
    back, report = glossary_merge.merge(
        Glossary(), termcsv.read(data, "x.csv", "en"), source_language="en", name="x.csv"
    )
    assert as_sets(back) == as_sets(glossary)
    assert report.added == tuple(c.id for c in glossary)


@settings(max_examples=60, deadline=None)
@given(csv_glossaries())
def test_reimporting_an_export_reports_every_concept_unchanged(glossary):
    data = termcsv.dumps(glossary, "en")
    merged, report = glossary_merge.merge(
        glossary, termcsv.read(data, "x.csv", "en"), source_language="en", name="x.csv"
    )
    assert merged == glossary and report.unchanged == tuple(c.id for c in glossary)
