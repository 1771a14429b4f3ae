"""Term matching in source and target text, and the glossary check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.checks.findings import Finding
from workbench.checks.glossary import glossary_findings
from workbench.errors import LanguageError
from workbench.glossary.model import (
    ADMITTED,
    DEPRECATED,
    FORBIDDEN,
    KEEP,
    TRANSLITERATE,
    Concept,
    Glossary,
    Term,
)
from workbench.lang.wordforms import english_forms, fold_latin
from workbench.terms.source import SourceMatcher
from workbench.terms.target import TargetMatcher, find_term

from .support import cases

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def concept(cid: str, *terms: Term) -> Concept:
    return Concept(cid, tuple(terms))


def en(text: str, **kw) -> Term:
    return Term(text, "en", **kw)


def fa(text: str, **kw) -> Term:
    return Term(text, "fa", **kw)


GLOSSARY = [
    concept("council", en("council"), fa("شورا"), fa("انجمن", status=FORBIDDEN)),
    concept(
        "workers-council",
        en("workers' council"),
        fa("شورای کارگری"),
        fa("شورای کارگران", status=ADMITTED),
        fa("شورای اسلامی کار", status=FORBIDDEN),
        Term("Arbeiterrat", "de"),
    ),
    concept(
        "neighbourhood-council",
        en("neighbourhood council"),
        en("neighborhood council", status=ADMITTED),
        fa("شورای محله"),
    ),
    concept("strike", en("strike"), fa("اعتصاب"), fa("اضراب", status=DEPRECATED)),
    concept("general-strike", en("general strike"), fa("اعتصاب عمومی")),
    concept("strike-committee", en("strike committee"), fa("کمیته اعتصاب")),
    concept("committee", en("committee"), fa("کمیته")),
    concept("hunger-strike", en("hunger strike"), fa("اعتصاب غذا")),
    concept("bazaari", en("Bazaari"), fa("بازاری", treatment=TRANSLITERATE)),
    concept("party", en("party"), fa("حزب")),
    concept("art", en("art"), fa("هنر")),
    concept("tax", en("tax"), fa("مالیات")),
    concept("march", en("march"), fa("راهپیمایی")),
    concept("arak", en("Arak"), fa("اراک")),
    concept(
        "irgc",
        en("IRGC", case_sensitive=True, treatment=KEEP),
        fa("سپاه پاسداران"),
        fa("IRGC", status=ADMITTED, case_sensitive=True, treatment=KEEP),
    ),
    concept("ilna", en("ILNA", case_sensitive=True, treatment=KEEP)),
    concept("woman-life-freedom", en("Woman, Life, Freedom"), fa("زن، زندگی، آزادی")),
    concept("toman", en("toman"), fa("تومان", treatment=TRANSLITERATE)),
]


@pytest.fixture(scope="module")
def matcher() -> SourceMatcher:
    return SourceMatcher(GLOSSARY, "en")


# -- source: must hit --------------------------------------------------------

SOURCE_HITS = [
    ("plural", "All power to the councils!", [("councils", "council")]),
    ("possessive", "the council's decision", [("council's", "council")]),
    ("capitalised-curly-possessive", "the Council’s decision", [("Council’s", "council")]),
    ("plural-possessive", "the councils’ demands", [("councils", "council")]),
    (
        "closing-quote-after-s",
        "the ‘councils’ of Arak",
        [("councils", "council"), ("Arak", "arak")],
    ),
    (
        "curly-multi-word",
        "Statement of the Workers’ Councils of Arak",
        [("Workers’ Councils", "workers-council"), ("Arak", "arak")],
    ),
    ("straight-multi-word", "workers' councils", [("workers' councils", "workers-council")]),
    ("possessive-left-out", "workers councils", [("workers councils", "workers-council")]),
    ("longest-wins", "strike committees", [("strike committees", "strike-committee")]),
    ("inflected-last-word", "general strikes", [("general strikes", "general-strike")]),
    ("bazaari-s", "Bazaaris joined them", [("Bazaaris", "bazaari")]),
    ("y-ies", "banned parties", [("parties", "party")]),
    ("x-es", "new taxes", [("taxes", "tax")]),
    ("ch-es", "night marches", [("marches", "march")]),
    ("hyphen", "on hunger-strike", [("hunger-strike", "hunger-strike")]),
    ("space", "on hunger strike", [("hunger strike", "hunger-strike")]),
    ("line-wrap", "on hunger\n  strike", [("hunger\n  strike", "hunger-strike")]),
    (
        "spelling-listed",
        "form neighborhood councils",
        [("neighborhood councils", "neighbourhood-council")],
    ),
    ("acronym", "the IRGC and its", [("IRGC", "irgc")]),
    ("acronym-possessive", "the IRGC’s forces", [("IRGC’s", "irgc")]),
    ("acronym-plural", "two IRGCs", [("IRGCs", "irgc")]),
    ("quoted", "‘General Strike in Iran’", [("General Strike", "general-strike")]),
    ("slogan", "chanting Woman, Life, Freedom!", [("Woman, Life, Freedom", "woman-life-freedom")]),
    (
        "slogan-no-commas",
        "chanting Woman Life Freedom",
        [("Woman Life Freedom", "woman-life-freedom")],
    ),
    (
        "leftmost-then-next",
        "a general strike committee",
        [("general strike", "general-strike"), ("committee", "committee")],
    ),
    ("art-alone", "art and party", [("art", "art"), ("party", "party")]),
    ("toman-plural", "ten thousand tomans", [("tomans", "toman")]),
]


@pytest.mark.parametrize(("text", "expected"), cases(SOURCE_HITS))
def test_source_term_hits_as_word_form(matcher, text, expected):
    hits = matcher.find(text)
    assert [(h.text, h.concept_id) for h in hits] == expected
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text


# -- source: must not hit ----------------------------------------------------

SOURCE_MISSES = [
    ("art-inside-party", "the party", "art"),
    ("council-inside-councillor", "a councillor spoke", "council"),
    ("acronym-lower-case", "irgc", "irgc"),
    ("acronym-title-case", "Irgc", "irgc"),
    ("paragraph-break", "on hunger\n\nstrike", "hunger-strike"),
    ("comma-between", "the strike, committee members", "strike-committee"),
    ("full-stop-between", "a general strike. Committee members", "strike-committee"),
    ("strike-inside-word", "strikebreakers came", "strike"),
    ("strike-as-prefix", "the strikers", "strike"),
    ("not-an-inflection", "Arakis", "arak"),
    ("other-language-term", "شورا", "council"),
    ("stem-of-plural-only", "councilmen", "council"),
]


@pytest.mark.parametrize(("text", "concept_id"), cases(SOURCE_MISSES))
def test_source_term_does_not_hit(matcher, text, concept_id):
    assert concept_id not in {h.concept_id for h in matcher.find(text)}


def test_spelling_variant_hits_only_when_listed():
    only_british = SourceMatcher([concept("n", en("neighbourhood council"))], "en")
    assert only_british.find("neighborhood councils") == []
    assert [h.text for h in only_british.find("neighbourhood councils")] == [
        "neighbourhood councils"
    ]


def test_hit_carries_the_term_that_matched(matcher):
    [hit] = matcher.find("form neighborhood councils")
    assert hit.term == en("neighborhood council", status=ADMITTED)


def test_same_words_in_two_concepts_give_two_hits_with_one_span():
    m = SourceMatcher(
        [concept("a", en("council"), fa("شورا")), concept("b", en("council"), fa("انجمن"))]
    )
    assert [(h.start, h.end, h.concept_id) for h in m.find("the council")] == [
        (4, 11, "a"),
        (4, 11, "b"),
    ]


def test_every_status_matches_in_the_source():
    m = SourceMatcher([concept("c", en("soviet", status=FORBIDDEN), fa("شورا"))])
    assert [h.text for h in m.find("the Soviets")] == ["Soviets"]


def test_english_variant_terms_match_an_english_source():
    m = SourceMatcher([concept("c", Term("neighbourhood", "en_GB"))], "en")
    assert [h.text for h in m.find("our neighbourhoods")] == ["neighbourhoods"]


def test_keep_as_is_source_term_is_matched_in_any_case_unless_case_sensitive():
    m = SourceMatcher([concept("azarab", en("AzarAb", treatment=KEEP), fa("آذرآب"))])
    assert [h.text for h in m.find("the AZARAB and Azarab factories")] == ["AZARAB", "Azarab"]


def test_letters_beyond_latin1_are_matched_as_written_and_no_other():
    m = SourceMatcher([concept("radan", en("Ahmad Radān")), concept("khan", en("Khān"))])
    text = "Ahmad Radān met Ahmad Radăn, Khāns and Khăn; Ahmad Radān’s office"
    assert [(h.text, h.concept_id) for h in m.find(text)] == [
        ("Ahmad Radān", "radan"),
        ("Khāns", "khan"),
        ("Ahmad Radān’s", "radan"),
    ]


def test_letters_beyond_latin1_after_collapsed_whitespace_keep_their_place():
    m = SourceMatcher(
        [concept("radan", en("Ahmad Radān")), concept("khan", en("Khān")), concept("a", en("art"))]
    )
    text = "Ahmad\n    Radān met  the  Khān’s artists,\n  and Khāns: art."
    assert [(h.text, h.concept_id) for h in m.find(text)] == [
        ("Ahmad\n    Radān", "radan"),
        ("Khān’s", "khan"),
        ("Khāns", "khan"),
        ("art", "a"),
    ]


def test_a_glossary_with_many_letters_beyond_latin1_still_matches():
    # More distinct letters beyond U+00FF than the bytes kept for them.
    letters = "ąćęłńśźżčďěňřšťůžğışőűāēīōūǎǐǒǔĉĝĥĵŝŭ"
    m = SourceMatcher([concept(f"c{i}", en(f"x{c}y")) for i, c in enumerate(letters)], "en")
    text = " ".join(f"x{c}y" for c in reversed(letters)) + " xqy"
    assert [h.concept_id for h in m.find(text)] == [f"c{i}" for i in reversed(range(37))]


def test_matches_inside_longer_words_give_way_however_many_in_a_row():
    m = SourceMatcher([concept("a", en("art council")), concept("c", en("council"))])
    text = "Art councilors and councilmen. Art councils; the council met."
    assert [(h.text, h.concept_id) for h in m.find(text)] == [
        ("Art councils", "a"),
        ("council", "c"),
    ]
    assert m.find("art councilors councilmen") == []


def test_empty_glossary_finds_nothing():
    assert SourceMatcher([], "en").find("All power to the councils!") == []


def test_unknown_source_language_is_an_error_naming_it():
    with pytest.raises(LanguageError, match='unknown language code "xx-nope"'):
        SourceMatcher(GLOSSARY, "xx-nope")


def test_german_source_matches_german_word_forms():
    m = SourceMatcher(GLOSSARY, "de")
    assert [(h.text, h.concept_id) for h in m.find("Die Arbeiterräte von Arak")] == [
        ("Arbeiterräte", "workers-council")
    ]


def test_persian_source_matches_persian_word_forms():
    m = SourceMatcher(GLOSSARY, "fa")
    text = "همه‌ی قدرت به شوراها! کمیته‌های اعتصاب"
    assert [(h.text, h.concept_id) for h in m.find(text)] == [
        ("شوراها", "council"),
        ("کمیته‌های اعتصاب", "strike-committee"),
    ]


def test_real_statement_hits_point_at_the_words(matcher):
    text = (SEEDS / "iran-uprising-workers-councils.txt").read_text(encoding="utf-8")
    hits = matcher.find(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    found = {(h.text, h.concept_id) for h in hits}
    assert ("Workers’ Councils", "workers-council") in found
    assert ("neighborhood councils", "neighbourhood-council") in found
    assert ("Hunger Strike", "hunger-strike") in found
    assert ("IRGC", "irgc") in found
    assert ("ILNA", "ilna") in found
    starts = [h.start for h in hits]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False) if a.start != b.start)


# -- folding and forms --------------------------------------------------------

FOLDS = [
    ("case-and-curly-apostrophe", "Council’s", "council's"),
    ("hyphen-is-a-space", "Hunger-Strike", "hunger strike"),
    ("comma-leaves-two-spaces", "strike, committee", "strike  committee"),
    ("quote-apostrophes-go", "‘Iran’", " iran "),
    ("plural-possessive-stays", "councils’ demands", "councils' demands"),
    ("whitespace-run-is-one-space", "hunger \n\t strike", "hunger strike"),
    ("paragraph-break-stays-wide", "hunger\n\nstrike", "hunger  strike"),
    ("sharp-s-stays-one-letter", "Straße", "straße"),
]


@pytest.mark.parametrize(("text", "folded"), cases(FOLDS))
def test_fold_latin(text, folded):
    assert fold_latin(text).text == folded


def test_fold_latin_maps_offsets_back_across_collapsed_runs():
    text = "a  general \n  strike here"
    folded = fold_latin(text)
    start = folded.text.index("general strike")
    a, b = folded.span(start, start + len("general strike"))
    assert text[a:b] == "general \n  strike"


ENGLISH_FORMS = [
    ("council", {"council", "councils", "council's"}),
    ("party", {"party", "parties", "party's"}),
    ("bus", {"bus", "buses", "bus's"}),
    ("woman", {"woman", "womans", "women", "woman's", "women's"}),
    ("life", {"life", "lifes", "lives", "life's"}),
    ("crisis", {"crisis", "crisises", "crises", "crisis's"}),
    (
        "workers' council",
        {
            "workers' council",
            "workers' councils",
            "workers' council's",
            "workers council",
            "workers councils",
            "workers council's",
        },
    ),
]


@pytest.mark.parametrize(
    ("term", "forms"), ENGLISH_FORMS, ids=[c[0].replace("'", "") for c in ENGLISH_FORMS]
)
def test_english_forms(term, forms):
    assert english_forms(term) == forms


ENGLISH_EXAMPLES = [
    ("council", "councils"),
    ("strike committee", "strike committees"),
    ("party", "parties"),
    ("tax", "taxes"),
    ("child", "children"),
    # Plural already: a plural of it would be no word.
    ("councils", None),
    ("Bazaaris", None),
    ("people", None),
    # Two plurals the rules cannot choose between.
    ("woman", None),
    ("life", None),
    ("crisis", None),
    ("hero", None),
    ("council 1979", None),
]


@pytest.mark.parametrize(("term", "example"), ENGLISH_EXAMPLES)
def test_english_example_is_a_sure_plural_or_none(term, example):
    assert TargetMatcher("en").example_form(term) == example


# -- properties ----------------------------------------------------------------

FILLER = st.lists(
    st.sampled_from(["the", "of", "in", "today", "Tehran", "and", "we", "oil", "Abadan"]),
    max_size=6,
)
GAPS = st.sampled_from([" ", ", ", ". ", "\n", " (", ") ", " “", "” ", ": "])
VARIANTS = [
    ("council", "council", ["council", "Councils", "COUNCIL’s", "council's"]),
    ("workers-council", "workers' council", ["Workers’ Councils", "workers' council's"]),
    ("hunger-strike", "hunger strike", ["hunger strike", "Hunger-Strikes", "hunger\n strike"]),
    ("irgc", "IRGC", ["IRGC", "IRGCs", "IRGC’s"]),
]


@st.composite
def texts_with_a_term(draw):
    cid, _, forms = draw(st.sampled_from(VARIANTS))
    written = draw(st.sampled_from(forms))
    before = draw(GAPS).join(draw(FILLER))
    after = draw(GAPS).join(draw(FILLER))
    left = before + draw(GAPS) if before else draw(st.sampled_from(["", " ", "“"]))
    right = draw(GAPS) + after if after else draw(st.sampled_from(["", ".", "!"]))
    return left + written + right, len(left), len(left) + len(written), cid


@settings(max_examples=300, deadline=None)
@given(texts_with_a_term())
def test_a_term_written_any_way_is_found_at_its_exact_offsets(matcher, case):
    text, start, end, cid = case
    hits = [h for h in matcher.find(text) if h.concept_id == cid]
    assert [(h.start, h.end) for h in hits] == [(start, end)]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_hits_on_any_text_are_ordered_exact_slices_that_never_overlap(matcher, text):
    hits = matcher.find(text)
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
        assert hit.text.strip() == hit.text != ""
    for a, b in zip(hits, hits[1:], strict=False):
        assert a.end <= b.start or (a.start, a.end) == (b.start, b.end)


# The same selection by other means: one hand-written regex per concept,
# every match, then leftmost-longest.
_J = r"(?:[ \-]|\n ?)"
REFERENCE = {
    "council": r"councils?(?:['’]s)?",
    "workers-council": rf"workers['’]?{_J}councils?(?:['’]s)?",
    "strike": r"strikes?(?:['’]s)?",
    "general-strike": rf"general{_J}strikes?(?:['’]s)?",
    "hunger-strike": rf"hunger{_J}strikes?(?:['’]s)?",
    "strike-committee": rf"strike{_J}committees?(?:['’]s)?",
    "committee": r"committees?(?:['’]s)?",
    "irgc": r"IRGCs?(?:['’]s)?",
}
WORDS = [
    "council", "Councils", "council’s", "councils", "workers", "workers’", "Workers'",
    "hunger", "strike", "Strikes", "strike's", "general", "General", "committee",
    "committees", "IRGC", "irgc", "IRGCs", "IRGC’s", "the", "and", "strikebreakers",
    "councillor",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "-", "\n", ", ", ". ", "\n\n", " “", "” ", "’ ", " ‘"]


def reference_hits(text: str) -> set[tuple[int, int, str]]:
    found = []
    for cid, pattern in REFERENCE.items():
        flags = 0 if cid == "irgc" else re.IGNORECASE
        for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text, flags):
            found.append((m.start(), m.end(), cid))
    longest: dict[int, int] = {}
    for start, end, _ in found:
        longest[start] = max(end, longest.get(start, 0))
    chosen, reached = set(), 0
    for start in sorted(longest):
        if start >= reached:
            chosen.add((start, longest[start]))
            reached = longest[start]
    return {h for h in found if (h[0], h[1]) in chosen}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=12))
def test_hits_agree_with_a_regex_per_concept(case):
    text = "".join(word + sep for word, sep in case)
    concepts = [c for c in GLOSSARY if c.id in REFERENCE]
    hits = SourceMatcher(concepts, "en").find(text) if text else []
    assert {(h.start, h.end, h.concept_id) for h in hits} == reference_hits(text)


# -- target, languages other than Persian ------------------------------------

TARGET_CASES = [
    (
        "de-plural-s",
        "de",
        Term("Streikkomitee", "de"),
        "Die Streikkomitees der Fabriken",
        "Streikkomitees",
    ),
    ("de-umlaut-plural", "de", Term("Rat", "de"), "Alle Macht den Räten!", "Räten"),
    (
        "de-genitive",
        "de",
        Term("Generalstreik", "de"),
        "Aufruf des Generalstreiks",
        "Generalstreiks",
    ),
    (
        "fr-both-words-plural",
        "fr",
        Term("conseil ouvrier", "fr"),
        "Les conseils ouvriers d’Arak",
        "conseils ouvriers",
    ),
    (
        "fr-first-word-plural",
        "fr",
        Term("comité de grève", "fr"),
        "Les comités de grève",
        "comités de grève",
    ),
    (
        "fr-elision",
        "fr",
        Term("assemblée générale", "fr"),
        "l’assemblée générale",
        "assemblée générale",
    ),
    ("fr-al-aux", "fr", Term("syndicat général", "fr"), "syndicats généraux", "syndicats généraux"),
    (
        "es-plural",
        "es",
        Term("comité de huelga", "es"),
        "Los comités de huelga",
        "comités de huelga",
    ),
    (
        "en-target",
        "en",
        Term("strike committee", "en"),
        "The strike committees said",
        "strike committees",
    ),
    ("keep-verbatim", "de", Term("IRGC", "de", treatment=KEEP), "die IRGC-Einheiten", "IRGC"),
]


@pytest.mark.parametrize(("language", "term", "text", "found"), cases(TARGET_CASES))
def test_target_term_found_as_word_form(language, term, text, found):
    spans = TargetMatcher(language).find(text, term)
    assert [text[a:b] for a, b in spans] == [found]


TARGET_MISSES = [
    ("de-compound-is-not-the-word", "de", Term("Rat", "de"), "Ratschläge"),
    ("keep-wrong-case", "de", Term("IRGC", "de", treatment=KEEP), "die Irgc"),
    ("case-sensitive", "en", Term("ILNA", "en", case_sensitive=True), "ilna said"),
    ("fr-longer-word", "fr", Term("grève", "fr"), "grèvement"),
]


@pytest.mark.parametrize(("language", "term", "text"), cases(TARGET_MISSES))
def test_target_term_not_found(language, term, text):
    assert TargetMatcher(language).find(text, term) == []


def test_find_term_reads_the_text_in_the_terms_language():
    text = "کارگران هفت‌تپه"
    assert [text[a:b] for a, b in find_term(text, fa("کارگر"))] == ["کارگران"]


def test_find_many_answers_for_each_term():
    terms = [fa("شورا"), fa("کمیته"), fa("حزب")]
    found = TargetMatcher("fa").find_many("شوراها و کمیته‌ها", terms)
    assert {t.text: bool(spans) for t, spans in found.items()} == {
        "شورا": True,
        "کمیته": True,
        "حزب": False,
    }


# -- the glossary check --------------------------------------------------------


def check(matcher, source, target, language="fa", **kw) -> list[Finding]:
    return glossary_findings(source, target, language, matcher, statement="arak", **kw)


CORRECT = [
    ("councils", "All power to the councils!", "همه‌ی قدرت به شوراها!"),
    (
        "workers-councils",
        "Statement of the Workers’ Councils of Arak",
        "بیانیه‌ی شوراهای کارگری اراک",
    ),
    (
        "admitted-rendering",
        "Statement of the Workers’ Councils of Arak",
        "بیانیه‌ی شوراهای کارگران اراک",
    ),
    ("hunger-strike", "4,000 Arak Workers on Hunger Strike", "۴۰۰۰ کارگر اراک در اعتصاب غذا"),
    ("keep-as-is-admitted", "The IRGC attacked", "IRGC حمله کرد"),
    ("translated-acronym", "The IRGC attacked", "سپاه پاسداران حمله کرد"),
    ("keep-in-every-language", "the ILNA news agency", "خبرگزاری ILNA"),
    ("transliteration", "ten thousand tomans", "ده هزار تومان"),
]


@pytest.mark.parametrize(("source", "target"), cases(CORRECT))
def test_correct_translation_gives_no_finding(matcher, source, target):
    assert check(matcher, source, target) == []


def test_untranslated_unit_gives_no_finding(matcher):
    assert check(matcher, "All power to the councils!", "") == []
    assert check(matcher, "All power to the councils!", "  ") == []


def test_missing_rendering_is_a_warning_naming_term_renderings_and_form(matcher):
    [finding] = check(matcher, "All power to the councils!", "همه‌ی قدرت به مردم!")
    assert finding.severity == "warning"
    assert finding.message == (
        '"councils" should be rendered as «شورا» (or a form of it, like «شوراها»); '
        "not found in the translation"
    )
    assert (finding.check, finding.language, finding.statement) == ("glossary", "fa", "arak")
    assert finding.source == "All power to the councils!"
    assert finding.target == "همه‌ی قدرت به مردم!"


def test_missing_rendering_lists_admitted_renderings_too(matcher):
    [finding] = check(matcher, "the workers' councils", "انجمن‌های صنفی")
    assert finding.message == (
        '"workers\' councils" should be rendered as «شورای کارگری» or «شورای کارگران» '
        "(or a form of it, like «شوراهای کارگری»); not found in the translation"
    )


def test_missing_rendering_can_be_an_error(matcher):
    [finding] = check(matcher, "All power to the councils!", "همه‌ی قدرت به مردم!", missing="error")
    assert finding.severity == "error"


def test_forbidden_rendering_is_an_error(matcher):
    [finding] = check(matcher, "All power to the councils!", "همه‌ی قدرت به انجمن‌ها!")
    assert finding.severity == "error"
    assert finding.message == 'uses the forbidden rendering «انجمن» for "councils"; use «شورا»'


def test_forbidden_rendering_containing_the_preferred_one_is_still_found(matcher):
    [finding] = check(
        matcher, "Statement of the Workers’ Councils of Arak", "بیانیه‌ی شوراهای اسلامی کار اراک"
    )
    assert finding.message == (
        'uses the forbidden rendering «شورای اسلامی کار» for "Workers’ Councils"; '
        "use «شورای کارگری» or «شورای کارگران»"
    )


def test_deprecated_rendering_is_a_warning(matcher):
    [finding] = check(matcher, "Our strike goes on.", "اضراب ما ادامه دارد.")
    assert finding.severity == "warning"
    assert finding.message == 'uses the deprecated rendering «اضراب» for "strike"; use «اعتصاب»'


def test_rejected_word_inside_an_approved_rendering_is_not_a_finding():
    m = SourceMatcher(
        [concept("c", en("workers' council"), fa("شورای کارگری"), fa("شورا", status=FORBIDDEN))]
    )
    assert check(m, "workers' councils", "شوراهای کارگری") == []


def test_keep_as_is_term_mangled_is_an_error_showing_what_was_found(matcher):
    [finding] = check(matcher, "the ILNA news agency", "خبرگزاری Ilna")
    assert finding.severity == "error"
    assert finding.message == '"ILNA" should stay as is, «ILNA»; the translation has «Ilna»'


def test_keep_as_is_term_missing_is_a_finding(matcher):
    [finding] = check(matcher, "the ILNA news agency", "خبرگزاری ایلنا")
    assert finding.message == '"ILNA" should stay as is, «ILNA»; not found in the translation'


def test_message_is_one_line_when_the_source_term_wraps(matcher):
    [finding] = check(matcher, "4,000 workers on hunger\n  strike", "۴۰۰۰ کارگر")
    assert finding.message.startswith('"hunger strike" should be rendered as «اعتصاب غذا»')


def test_one_finding_per_concept_however_often_it_occurs(matcher):
    findings = check(matcher, "Councils, councils and more councils", "همه جا مردم")
    assert [f.message.split('"')[1] for f in findings] == ["Councils"]


def test_each_concept_of_a_unit_is_checked(matcher):
    findings = check(matcher, "A general strike and a hunger strike", "یک اعتصاب عمومی")
    assert [f.message for f in findings] == [
        '"hunger strike" should be rendered as «اعتصاب غذا» (or a form of it, like '
        "«اعتصاب‌های غذا»); not found in the translation"
    ]


def test_concept_without_rendering_in_the_language_is_not_checked(matcher):
    assert check(matcher, "the neighbourhood councils", "die Stadtteilräte", language="de") == []


def test_german_unit_checked_with_german_forms(matcher):
    assert check(matcher, "the workers' councils", "die Arbeiterräte", language="de") == []
    [finding] = check(matcher, "the workers' councils", "die Räte", language="de")
    assert finding.message == (
        '"workers\' councils" should be rendered as «Arbeiterrat»; not found in the translation'
    )


def test_regional_unit_language_accepts_the_plain_language_renderings(matcher):
    assert check(matcher, "All power to the councils!", "همه قدرت به شوراها", "fa_AF") == []


def test_findings_carry_msgctxt_and_line_and_serialise(matcher):
    [finding] = check(
        matcher, "All power to the councils!", "قدرت به مردم", msgctxt="title", line=12
    )
    data = finding.as_dict()
    assert (data["msgctxt"], data["line"]) == ("title", 12)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_concepts_may_come_from_the_glossary_store(matcher):
    glossary = Glossary(tuple(GLOSSARY))
    [finding] = glossary_findings(
        "All power to the councils!", "قدرت به انجمن‌ها", "fa", matcher, glossary
    )
    assert finding.severity == "error"


def test_concepts_may_be_given_as_a_list(matcher):
    findings = glossary_findings(
        "All power to the councils!", "قدرت به مردم", "fa", matcher, GLOSSARY[:1]
    )
    assert len(findings) == 1
    assert glossary_findings("All power to the councils!", "قدرت به مردم", "fa", matcher, []) == []


def test_hits_are_frozen_records(matcher):
    [hit] = matcher.find("All power to the councils!")
    assert (hit.start, hit.end, hit.text, hit.concept_id) == (17, 25, "councils", "council")
    assert hit == hit._replace() and hit._replace(start=0).start == 0
    assert hash(hit) == hash(hit._replace())
    with pytest.raises(AttributeError):
        hit.start = 0  # type: ignore[misc]
