"""Searching units: plain text with letter variants, case, whole words, regular expressions,
bounded in length and time."""

from __future__ import annotations

import pytest

from workbench.catalogs.search import MAX_PATTERN, UnitSearch
from workbench.errors import SearchError

from .support import cases

Z = "\u200c"  # zero-width non-joiner

SEARCHES = [
    ("plain-ignores-case", UnitSearch("power"), "All Power to the POWER", [(4, 9), (17, 22)]),
    ("case-as-written", UnitSearch("Power", case=True), "All Power to the POWER", [(4, 9)]),
    ("whole-word", UnitSearch("strike", word=True), "strike, strikes, strike.", [(0, 6), (17, 23)]),
    ("persian-whole-word-not-a-plural", UnitSearch("شورا", word=True), "شورا و شوراها", [(0, 4)]),
    ("arabic-yeh-and-kaf", UnitSearch("کارگری"), "كارگري و كارگرى", [(0, 6), (9, 15)]),
    ("zwnj-or-space", UnitSearch("می شود"), "می‌شود", [(0, 6)]),
    ("tatweel-and-harakat", UnitSearch("شورا"), "شـورَا", [(0, 6)]),
    ("regex", UnitSearch(r"\d{4}", pattern=True), "In 2022 and 1401.", [(3, 7), (12, 16)]),
    ("regex-empty-matches-left-out", UnitSearch("x*", pattern=True), "abc", []),
    ("literal-dot", UnitSearch("a.b"), "axb a.b", [(4, 7)]),
    # A word typed joined, with a ZWNJ or with a space finds it written any of the three ways.
    ("zwnj-query-finds-joined", UnitSearch(f"شورا{Z}ها"), "شوراها و شوراهای", [(0, 6), (9, 15)]),
    ("space-query-finds-joined", UnitSearch("شورا ها"), "شوراها", [(0, 6)]),
    ("joined-query-finds-zwnj", UnitSearch("وبسایت"), "وب\u200cسایت", [(0, 7)]),
    ("joined-query-finds-space", UnitSearch("وبسایت"), "در وب سایت", [(3, 10)]),
    ("zwnj-query-finds-space", UnitSearch("وب\u200cسایت"), "در وب سایت", [(3, 10)]),
    ("joined-query-not-across-a-line", UnitSearch("شوراها"), "شورا\nها", []),
    ("whole-word-zwnj", UnitSearch("شوراها", word=True), f"شورا{Z}ها و شوراهای", [(0, 7)]),
    ("arabic-kaf-and-yeh-typed", UnitSearch("كميته"), "کمیته\u200cها", [(0, 5)]),
    ("alef-madda", UnitSearch("امریکا"), "آمریکا", [(0, 6)]),
    ("persian-digits-find-ascii", UnitSearch("۱۹۵۳"), "in 1953.", [(3, 7)]),
    ("ascii-digits-find-arabic-indic", UnitSearch("1953"), "عام ١٩٥٣", [(4, 8)]),
    ("space-finds-no-break-space", UnitSearch("go on strike"), "go on\u00a0strike!", [(0, 12)]),
    ("case-keeps-the-zwnj", UnitSearch(f"شورا{Z}ها", case=True), f"شوراها شورا{Z}ها", [(7, 14)]),
    ("case-keeps-the-digits-as-written", UnitSearch("۱۹۵۳", case=True), "1953 ۱۹۵۳", [(5, 9)]),
    ("regex-stays-literal", UnitSearch("شوراها", pattern=True), "شورا\u200cها", []),
]  # fmt: skip


@pytest.mark.parametrize(("search", "text", "spans"), cases(SEARCHES))
def test_a_search_finds_its_spans(search, text, spans):
    assert search.searcher().spans(text) == spans


def test_where_a_search_looks():
    assert UnitSearch("x", where="source").in_source
    assert not UnitSearch("x", where="source").in_translation
    assert UnitSearch("x", where="nowhere").where == "both"


def test_a_bad_regular_expression_is_said_with_its_place():
    with pytest.raises(SearchError) as caught:
        UnitSearch("(strike", pattern=True).searcher()
    assert str(caught.value) == (
        "the search is not a valid regular expression (missing ), at character 8); "
        "correct it, or search for plain text"
    )


def test_a_long_pattern_is_refused():
    with pytest.raises(SearchError) as caught:
        UnitSearch("a" * (MAX_PATTERN + 1)).searcher()
    assert str(caught.value) == ("the search is 201 characters long; shorten it to 200 or fewer")


def test_a_pattern_that_backtracks_without_end_is_stopped_in_time():
    searcher = UnitSearch("(a|aa)+$", pattern=True).searcher(budget=0.2)
    with pytest.raises(SearchError) as caught:
        for _ in range(100):
            searcher.spans("a" * 40 + "!")
    assert str(caught.value).startswith("the search took too long and was stopped")
