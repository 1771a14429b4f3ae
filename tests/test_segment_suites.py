"""The segmenter scored on the peer projects' suites (tests/data/segmentation/README.md).

Scoring: strip each unit, drop empty ones, compare the whole list. The
suites keep list markers inside sentences ("1. The first item"); the
workbench keeps them in the gap before the unit, so each unit is compared
together with the layout text that precedes it on its own line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.segment.segmenter import segment

DATA = Path(__file__).resolve().parent / "data" / "segmentation"

# Cases cut differently on purpose, with the reason a translator would give.
_HARD_WRAP = (
    "a line that a lower-case line follows is read as wrapped text and joined, "
    "as the statements' own hard-wrapped paragraphs need"
)
_PAREN_AFTER_QUOTE = (
    "the parenthesis after a closed quotation, '(Which was very likely true.)', "
    "is a sentence of its own"
)
_NO_CLEANING = "the source is not cleaned: a unit is an exact slice of the source text"
_FOOTNOTE = (
    "a bare number glued after a period ('.11 12', ').10') is not taken for a footnote "
    "mark: it is as often a decimal or a list number"
)
DIFFERENT = {
    "en-ps042": _HARD_WRAP,
    "en-clean-007": _HARD_WRAP,
    "en-clean-002": _PAREN_AFTER_QUOTE,
    "en-clean-004": _PAREN_AFTER_QUOTE,
    "en-clean-073": _PAREN_AFTER_QUOTE,
    "en-clean-009": _NO_CLEANING + " (leader dots and page numbers of a table of contents)",
    "en-clean-049": _NO_CLEANING + " (HTML markup)",
    "en-clean-064": _NO_CLEANING + " (XML markup)",
    "en-clean-076": _NO_CLEANING + " (rules of slashes around a header)",
    "en-clean-079": "a backslash and letters ('\\ r \\ n') are text, not a line break",
    "en-clean-092": (
        "a quotation broken off with a dash ('to--\"') has no sentence-final mark, "
        "so the next sentence stays with it"
    ),
    "en-clean-111": _FOOTNOTE,
    "en-clean-112": _FOOTNOTE,
    "en-clean-115": _FOOTNOTE,
    "en-clean-116": (
        "quotations over 300 characters are cut at their own sentences, and a quotation "
        "broken off with a dash stays with the next sentence"
    ),
    "en-regr-014": "a single capital before a sentence starter ('in X. If') ends a sentence",
}


def load(name: str, keep=lambda case: True) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return [case for case in json.load(f) if keep(case)]


def as_the_suites_see_it(text: str, lang: str) -> list[str]:
    """Return the units of *text*, each with the layout before it on its line."""
    out, at = [], 0
    for unit in segment(text, lang):
        gap = text[at : unit.start]
        lead = gap.replace("\r", "\n").rsplit("\n", 1)[-1].lstrip()
        out.append((lead + unit.text).strip())
        at = unit.end
    return [u for u in out if u]


def score(case: dict, lang: str) -> tuple[list[str], list[str]]:
    got = as_the_suites_see_it(case["text"], lang)
    expected = [e.strip() for e in case["expected"] if e.strip()]
    if case.get("compare") == "whitespace_normalized":
        got = [" ".join(g.split()) for g in got]
        expected = [" ".join(e.split()) for e in expected]
    return got, expected


def cases(name: str, lang: str, keep=lambda case: True) -> list:
    params = []
    for case in load(name, keep):
        marks = []
        if case["id"] in DIFFERENT:
            marks = [pytest.mark.xfail(reason=DIFFERENT[case["id"]], strict=True)]
        params.append(pytest.param(case, lang, id=case["id"], marks=marks))
    return params


def reachable(case: dict) -> bool:
    return case.get("reachable_without_cleaning", False)


@pytest.mark.parametrize(
    ("case", "lang"), cases("golden_en.json", "en", lambda c: c.get("in_pysbd_48"))
)
def test_english_golden_rules_of_the_pysbd_benchmark(case, lang):
    got, expected = score(case, lang)
    assert got == expected


@pytest.mark.parametrize(
    ("case", "lang"), cases("golden_en.json", "en", lambda c: not c.get("in_pysbd_48"))
)
def test_english_golden_rules_beyond_the_pysbd_benchmark(case, lang):
    got, expected = score(case, lang)
    assert got == expected


@pytest.mark.parametrize(
    ("case", "lang"),
    [
        *cases("golden_de.json", "de"),
        *cases("golden_fr.json", "fr"),
        *cases("golden_es.json", "es"),
    ],
)
def test_german_french_and_spanish_golden_rules(case, lang):
    got, expected = score(case, lang)
    assert got == expected


@pytest.mark.parametrize(
    ("case", "lang"),
    [
        *cases("clean_en.json", "en", reachable),
        *cases("clean_de.json", "de", reachable),
        *cases("clean_es.json", "es", reachable),
        *cases("more_en.json", "en"),
    ],
)
def test_further_peer_cases(case, lang):
    got, expected = score(case, lang)
    assert got == expected


def test_the_pysbd_benchmark_has_48_rules_and_at_most_one_is_missed():
    rules = load("golden_en.json", lambda c: c.get("in_pysbd_48"))
    missed = [c["id"] for c in rules if score(c, "en")[0] != score(c, "en")[1]]
    assert len(rules) == 48
    assert len(missed) <= 1, missed
