"""TBX that other tools write: every dialect read, kept, written back, and checked by others."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree
from translate.storage.tbx import tbxfile

from workbench.glossary import io as glossary_io
from workbench.glossary import store as glossary_store
from workbench.glossary import tbx
from workbench.glossary.incoming import located
from workbench.glossary.model import Glossary

from .support import DATA, REPO

TBX = DATA / "exchange" / "tbx"
SCHEMAS = DATA / "schemas"
FILES = sorted(p.name for p in TBX.glob("*.tbx"))


def read(name: str) -> tuple[Glossary, Counter[str]]:
    skipped: Counter[str] = Counter()
    return located(tbx.read((TBX / name).read_bytes(), name, skipped), name), skipped


def schema(name: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / name)))


def test_tbx_basic_v3_keeps_every_data_category_the_model_holds():
    glossary, skipped = read("tbx-v3-basic.tbx")
    assert len(glossary) == 13
    strike = glossary["c-general-strike"]
    assert strike.subject == "labour movement"
    assert strike.note == "Distinguish from a strike limited to one sector or one workplace."
    assert strike.by_language[:2] == (
        ("en", "definition", "A strike in which workers of many sectors and cities stop work "
         "at the same time."),
        ("en", "source", "Collective style guide, 2023"),
    )  # fmt: skip
    en, fa, fa2, de = strike.terms
    assert (en.text, en.part_of_speech, en.term_type) == ("general strike", "noun", "fullForm")
    # The context's inline <hi> is markup: its words stay, the markup is counted.
    assert en.context == "The oil workers of Khuzestan have declared a general strike."
    assert en.source == "Statement of the oil contract workers, 2022"
    assert (fa.text, fa.status, fa2.text, fa2.status) == (
        "اعتصاب عمومی", "preferred", "اعتصاب همگانی", "admitted"
    )  # fmt: skip
    assert fa2.note == "Used in some older statements; keep when quoting them."
    assert de.admin == (("grammaticalGender", "masculine"),)
    # Rentner and Rentnerin are both preferred in TBX; the model takes one.
    retiree = glossary["c-retiree"]
    assert [(t.text, t.status) for t in retiree.terms_in("de")] == [
        ("Rentner", "preferred"),
        ("Rentnerin", "admitted"),
    ]
    assert skipped == {
        "transacGrp": 4,
        "second preferred term in a language (made admitted)": 3,
        "back matter": 2,
        "crossReference": 2,
        "externalCrossReference": 2,
        "header title": 1,
        "header note": 1,
        "inline hi": 1,
        "xGraphic": 1,
    }


def test_the_dct_style_reads_as_the_same_data_as_the_dca_style():
    dca, _ = read("tbx-v3-basic.tbx")
    dct, skipped = read("tbx-v3-basic-dct.tbx")
    assert len(dct) == 5

    def shape(concept):
        return [
            (t.language, t.text, t.status, t.part_of_speech, t.term_type) for t in concept.terms
        ]

    for concept in dct:
        assert set(shape(concept)) <= set(shape(dca[concept.id]))
        assert concept.subject == dca[concept.id].subject
    # The DCT file carries fewer contexts and notes than the DCA one; what it
    # has comes through its namespaced tags.
    strike = dct["c-general-strike"]
    assert strike.terms[0] == dca["c-general-strike"].terms[0]
    assert strike.terms_in("de")[0].admin == (("grammaticalGender", "masculine"),)
    assert dct["c-minimum-wage"].term("en", "minimum wage").admin == (
        ("projectSubset", "oil-2022"),
    )
    assert dct["c-irgc"].term("en", "IRGC").admin == (("customerSubset", "oil-2022"),)
    assert skipped["crossReference"] == 1 and skipped["xGraphic"] == 1


def test_tbx_min_statuses_map_to_ours_and_keep_their_word():
    glossary, _ = read("tbx-v3-min.tbx")
    wage = glossary["m2"].term("fa", "حداقل حقوق")
    assert (wage.status, wage.given_status) == ("deprecated", "notRecommended")
    tuman = glossary["m4"].term("en", "tuman")
    assert (tuman.status, tuman.given_status) == ("deprecated", "obsolete")
    # A term without a status is the preferred one of its language.
    assert glossary["m3"].preferred("fa").text == "کارگر پیمانی"
    dct, _ = read("tbx-v3-min-dct.tbx")
    assert dct["m1"].subject == "labour movement"
    assert dct["m1"].term("en", "general strike").admin == (("customerSubset", "oil-2022"),)


def test_tbx_core_keeps_every_language_including_kurdish():
    glossary, skipped = read("tbx-v3-core.tbx")
    assert len(glossary) == 10 and not skipped
    langs = {t.language for c in glossary for t in c.terms}
    assert {"en", "fa", "de", "ckb", "kmr", "fr", "ar"} <= langs


def test_pontoon_v3_keeps_definition_and_context_of_one_group():
    glossary, _ = read("tbx-v3-pontoon.tbx")
    term = glossary["c3"].terms[0]
    assert term.language == "en_US"
    assert term.context == "The oil workers of Khuzestan have declared a general strike."
    assert term.admin == (
        ("definition", "A strike in which workers of many sectors and cities stop work at the "
         "same time."),
    )  # fmt: skip


def test_pontoon_ids_that_are_not_xml_ids_are_replaced_not_refused():
    glossary, skipped = read("tbx2008-pontoon-import.tbx")
    assert [c.id for c in glossary][:2] == ["c0717_0001", "c0717_0002"]
    strikes = [c for c in glossary if c.preferred("en_US").text == "strike"]
    assert sorted(c.preferred("en_US").part_of_speech for c in strikes) == ["noun", "verb"]
    assert skipped["id the model cannot take (replaced)"] == 6
    assert glossary["c0717_0001"].source == "Statements"


def test_weblate_notes_and_forbidden_terms_are_kept_with_or_without_namespace():
    plain, skipped = read("tbx2008-weblate.tbx")
    spaced, _ = read("tbx2008-weblate-ns.tbx")
    assert plain == spaced
    wage = plain["minimum-wage"]
    assert wage.term("fa", "حداقل حقوق").status == "forbidden"
    assert wage.by_language == (("fa", "note", "کارگران دستمزد می\u200cگیرند، نه حقوق."),)
    assert plain["workers-council"].note == "Not the state-sponsored Islamic labour council."
    assert skipped == {"id of a term": 1}


def test_omegat_bom_crlf_and_comments():
    glossary, skipped = read("tbx2008-omegat.tbx")
    assert len(glossary) == 7
    texts = [t.text for c in glossary for t in c.terms] + [c.definition for c in glossary]
    assert not any("\r" in s or "\ufeff" in s for s in texts)
    assert skipped == {"comment": 2, "id of a term": 16}
    assert {t.term_type for c in glossary for t in c.terms} >= {"fullForm", "abbreviation"}


def test_iate_reliability_statuses_and_domains():
    glossary, skipped = read("tbx2008-iate.tbx")
    assert glossary["IATE-815911"].subject == "4426, 4406"
    assert [t.reliability for t in glossary["IATE-815904"].terms] == ["4", "3", "3"]
    words = {t.given_status for c in glossary for t in c.terms} - {""}
    assert words == {"obsolete", "superseded"}
    assert glossary["IATE-820512"].admin == (
        ("figure", "Strikers blocking the gate of a refinery"),
    )
    assert skipped == {"crossReference": 2, "xGraphic": 1}


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("version", tbx.VERSIONS)
def test_every_dialect_comes_back_whole_through_both_exports(name, version):
    glossary, _ = read(name)
    data = tbx.dumps(glossary, "en", version)
    skipped: Counter[str] = Counter()
    assert located(tbx.read(data, "out.tbx", skipped), "out.tbx") == glossary
    assert not skipped


@pytest.mark.parametrize("name", FILES)
def test_the_v3_export_is_valid_against_the_core_structure_and_its_dialect(name):
    glossary, _ = read(name)
    doc = etree.fromstring(tbx.dumps(glossary, "en", tbx.V3))
    dialect = doc.get("type")
    grammar = "tbx-v3-basic-dca.rng" if dialect == "TBX-Basic" else "tbx-v3-workbench-dca.rng"
    checker = schema(grammar)
    assert checker.validate(doc), checker.error_log.last_error


def test_a_glossary_within_tbx_basic_is_exported_as_tbx_basic():
    glossary, _ = read("tbx-v3-core.tbx")
    doc = etree.fromstring(tbx.dumps(glossary, "en", tbx.V3))
    assert doc.get("type") == "TBX-Basic"
    assert schema("tbx-v3-basic-dca.rng").validate(doc)
    ours = tbx.loads((REPO / "glossary" / "glossary.tbx").read_bytes(), "glossary.tbx")
    mine = etree.fromstring(tbx.dumps(ours, "en", tbx.V3))
    # x-treatment and the like are not TBX-Basic: the file says it is not.
    assert mine.get("type") == "TBX-Basic-workbench"
    assert not schema("tbx-v3-basic-dca.rng").validate(mine)


@pytest.mark.parametrize("name", FILES)
def test_translate_toolkit_reads_the_2008_export_with_the_same_terms(name):
    glossary, _ = read(name)
    store = tbxfile.parsestring(tbx.dumps(glossary, "en", tbx.V2008))
    assert [u.getid() for u in store.units] == [c.id for c in glossary]
    for unit, concept in zip(store.units, glossary, strict=True):
        assert unit.source == concept.terms[0].text


def test_glossary_import_prints_what_it_could_not_keep(project, run, tmp_path):
    result = run(project, "glossary", "import", str(TBX / "tbx2008-iate.tbx"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "kept 10 concepts; not kept: 2 crossReference, 1 xGraphic"
    )
    assert glossary_store.load(project)["IATE-815904"].terms[0].reliability == "4"


def test_a_second_preferred_term_is_imported_as_admitted_with_the_summary(project, tmp_path):
    report = glossary_io.import_file(project, DATA / "glossary" / "bad.two-preferred.tbx")
    assert report.summary == (
        "kept 1 concept; not kept: 1 second preferred term in a language (made admitted)"
    )
    council = glossary_store.load(project)["council"]
    assert [(t.text, t.status) for t in council.terms_in("fa")] == [
        ("شورا", "preferred"),
        ("انجمن", "admitted"),
    ]
