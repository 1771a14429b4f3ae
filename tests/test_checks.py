"""The quality checks: each check's cases as tables, the checker, the project tables."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.update import update_project
from workbench.checks.base import excerpt
from workbench.checks.checker import Checker, check_project, units_of
from workbench.checks.context import Context
from workbench.checks.findings import ERROR, INFO, WARNING, Finding, sort_findings
from workbench.checks.registry import REGISTRY
from workbench.checks.tables import LEARN_FROM, LengthModel, Tables
from workbench.checks.unit import CheckedUnit
from workbench.errors import CatalogError, WorkbenchError
from workbench.glossary.model import FORBIDDEN, KEEP, Concept, Glossary, Term
from workbench.lang.locales import to_native_digits
from workbench.lang.numerals import compare_numbers
from workbench.project import Project
from workbench.terms.source import SourceMatcher

GLOSSARY = Glossary(
    (
        Concept(
            "council",
            (Term("council", "en"), Term("شورا", "fa"), Term("انجمن", "fa", status=FORBIDDEN)),
        ),
        Concept(
            "irgc",
            (Term("IRGC", "en", case_sensitive=True, treatment=KEEP),),
        ),
        Concept("arak", (Term("Arak", "en"), Term("Arak", "de"), Term("اراک", "fa"))),
        Concept("general-strike", (Term("general strike", "en"), Term("اعتصاب عمومی", "fa"))),
    )
)


@pytest.fixture(scope="module")
def plain_project(tmp_path_factory) -> Project:
    return Project.init(tmp_path_factory.mktemp("checks") / "p", languages=("fa", "de", "fr"))


def checker(project: Project, lang: str = "fa", only=None, glossary=GLOSSARY) -> Checker:
    matcher = SourceMatcher(list(glossary), language="en")
    return Checker(Context(project, lang, glossary, matcher), only)


def unit(source: str, target: str, status: str = cat.TRANSLATED, **kw) -> CheckedUnit:
    kw.setdefault("language", "fa")
    kw.setdefault("statement", "arak-councils")
    kw.setdefault("line", 3)
    return CheckedUnit(source=source, target=target, status=status, **kw)


def findings(project: Project, name: str, source: str, target: str, lang: str = "fa", **kw):
    """Run one check on one unit; return (severity, message) of each finding."""
    found = checker(project, lang, (name,)).run([unit(source, target, language=lang, **kw)])
    assert all(f.check == name for f in found)
    return [(f.severity, f.message) for f in found]


# -- numbers -------------------------------------------------------------------------

NUMBERS_AGREE = [
    ("Khuzestan, October 2022.", "خوزستان، مهر ۱۴۰۱.", "fa", "solar-hijri-year"),
    ("Qazvin, May Day 2022.", "قزوین، اول ماه مه ۱۴۰۱.", "fa", "solar-hijri-year-spring"),
    ("4,000 Arak workers", "۴٬۰۰۰ کارگر اراک", "fa", "persian-thousands-separator"),
    ("4,000 Arak workers", "۴۰۰۰ کارگر اراک", "fa", "no-separator"),
    ("4,000 Arak workers", "۴ هزار کارگر اراک", "fa", "digits-and-scale-word"),
    ("4,000 Arak workers", "چهار هزار کارگر اراک", "fa", "persian-words"),
    ("4,000 Arak workers", "چهارهزار کارگر اراک", "fa", "persian-words-joined"),
    ("4,000 Arak workers", "چهار\u200cهزار کارگر اراک", "fa", "persian-words-zwnj"),
    ("10,700 tomans", "۱۰٫۷ هزار تومان", "fa", "decimal-thousands"),
    ("10,700 tomans", "ده هزار و هفتصد تومان", "fa", "persian-words-compound"),
    (
        "Today, 12 January 2026, they struck.",
        "امروز، ۲۲ دی ۱۴۰۴، اعتصاب کردند.",
        "fa",
        "solar-hijri-date",
    ),
    (
        "Today, 12 January 2026, they struck.",
        "امروز، 22 دی 1404، اعتصاب کردند.",
        "fa",
        "solar-hijri-date-latin-digits",
    ),
    (
        "On January 12, 2026 they struck.",
        "در ۲۲ دی‌ماه ۱۴۰۴ اعتصاب کردند.",
        "fa",
        "solar-hijri-date-dey-mah",
    ),
    (
        "Today, 12 January 2026, they struck.",
        "امروز، ۲۲ جدی ۱۴۰۴، اعتصاب کردند.",
        "prs",
        "dari-month-name",
    ),
    (
        "Today, 12 January 2026, they struck.",
        "امروز، ۱۲ ژانویه ۲۰۲۶، اعتصاب کردند.",
        "fa",
        "gregorian-date-persian-month",
    ),
    # A month name before its year takes the ezafe: a hamza over its final
    # heh (or the heh with it, one letter), or a yeh after it.
    ("on July 27, 2022", "در ۲۷ ژوئیهٔ ۲۰۲۲", "fa", "gregorian-month-ezafe-hamza"),
    ("on July 27, 2022", "در ۲۷ ژوئیۀ ۲۰۲۲", "fa", "gregorian-month-ezafe-heh-with-yeh"),
    ("on July 27, 2022", "در ۲۷ ژوئیه‌ی ۲۰۲۲", "fa", "gregorian-month-ezafe-yeh"),
    ("in February 2023", "در فوریهٔ ۲۰۲۳", "fa", "month-and-year-ezafe"),
    ("on 12 June 2026", "در ۲۲ جوزای ۱۴۰۵", "prs", "dari-month-ezafe-yeh"),
    (
        "Today, 12 January 2026, they struck.",
        "امروز، ۱۴۰۴/۱۰/۲۲، اعتصاب کردند.",
        "fa",
        "solar-hijri-numeric-date",
    ),
    (
        "Yesterday, 11 January, crowds gathered.",
        "دیروز، ۲۱ دی، جمعیت گرد آمد.",
        "fa",
        "solar-date-without-year",
    ),
    (
        "Protests began on 28 December 2025.",
        "اعتراضات از ۷ دی ۱۴۰۴ آغاز شد.",
        "fa",
        "solar-date-across-new-year",
    ),
    ("4,000 Arak workers", "٤٬٠٠٠ عامل في أراك", "ar", "arabic-indic-digits"),
    ("10,700 tomans", "۱۰٬۷۰۰ تومان", "fa", "ten-thousand-seven-hundred"),
    ("10,700 tomans", "۱۰ هزار و ۷۰۰ تومان", "fa", "thousand-and-hundreds"),
    ("3.5 percent", "۳٫۵ درصد", "fa", "persian-decimal-separator"),
    ("3.5 percent", "۳/۵ درصد", "fa", "slash-as-decimal"),
    ("4.5 million", "۴٫۵ میلیون", "fa", "decimal-million"),
    ("Saturday October 7th", "شنبه ۷ اکتبر", "fa", "ordinal-suffix"),
    ("the 2nd day of the strike", "روز دوم اعتصاب", "fa", "persian-ordinal-word"),
    ("On 11/09/2025", "در ۱۱/۰۹/۲۰۲۵", "fa", "date-with-slashes"),
    ("ten thousand workers", "۱۰٬۰۰۰ کارگر", "fa", "english-words-for-digits"),
    ("in 1953 the CIA", "در 1953 سیا", "fa", "latin-digits-in-persian"),
    ("No numbers here.", "اینجا عددی نیست.", "fa", "no-numbers"),
    ("via https://x.org/2025/09/11", "از https://x.org/2025/09/11", "fa", "numbers-in-a-url"),
    ("10,700 workers", "10.700 Arbeiter", "de", "german-thousands"),
    ("3.5 percent", "3,5 Prozent", "de", "german-decimal-comma"),
    ("4 million", "4 Millionen", "de", "german-scale-word"),
    ("10,700 workers", "10 700 ouvriers", "fr", "french-space-grouping"),
    ("10,700 workers", "10\u202f700 ouvriers", "fr", "french-narrow-space"),
]


@pytest.mark.parametrize(
    "source, target, lang", [c[:3] for c in NUMBERS_AGREE], ids=[c[3] for c in NUMBERS_AGREE]
)
def test_numbers_that_agree_give_no_finding(plain_project, source, target, lang):
    assert findings(plain_project, "numbers", source, target, lang) == []


NUMBERS_DIFFER = [
    (
        "4,000 Arak workers",
        "۴۰۰ کارگر اراک",
        '"4,000" in the source is not in the translation; '
        "«۴۰۰» in the translation is not in the source",
        "a-zero-lost",
    ),
    (
        "Khuzestan, October 2022.",
        "خوزستان، مهر ۱۳۹۹.",
        'the date "October 2022" of the source is not the date «مهر ۱۳۹۹» of the '
        "translation; correct the day, month or year",
        "a-wrong-solar-year",
    ),
    (
        "Today, 12 January 2026, workers struck.",
        "امروز، ۲۳ دی ۱۴۰۴، کارگران اعتصاب کردند.",
        'the date "12 January 2026" of the source is «۲۲ دی ۱۴۰۴» in the Solar Hijri '
        "calendar, not «۲۳ دی ۱۴۰۴» as in the translation; correct the day, month or year",
        "solar-date-a-day-off",
    ),
    (
        "Today, 12 January 2026, workers struck.",
        "امروز، ۲۲ دی ۱۴۰۳، کارگران اعتصاب کردند.",
        'the date "12 January 2026" of the source is «۲۲ دی ۱۴۰۴» in the Solar Hijri '
        "calendar, not «۲۲ دی ۱۴۰۳» as in the translation; correct the day, month or year",
        "solar-date-wrong-year",
    ),
    (
        "On 12 January 2026 they struck.",
        "در ۱۲ فوریه ۲۰۲۶ اعتصاب کردند.",
        'the date "12 January 2026" of the source is not the date «۱۲ فوریه ۲۰۲۶» of the '
        "translation; correct the day, month or year",
        "gregorian-date-wrong-month",
    ),
    (
        "on July 27, 2022",
        "در ۲۷ ژوئیهٔ ۲۰۲۱",
        'the date "July 27, 2022" of the source is not the date «۲۷ ژوئیهٔ ۲۰۲۱» of the '
        "translation; correct the day, month or year",
        "gregorian-date-with-ezafe-wrong-year",
    ),
    (
        "On 12 January 2026, 4,000 workers struck.",
        "در ۲۲ دی ۱۴۰۴، ۴۰۰ کارگر اعتصاب کردند.",
        '"4,000" in the source is not in the translation; '
        "«۴۰۰» in the translation is not in the source",
        "right-date-wrong-number",
    ),
    (
        "4,000 Arak workers",
        "کارگران اراک",
        '"4,000" in the source is not in the translation',
        "number-dropped",
    ),
    ("the workers", "۵ کارگر", "«۵» in the translation is not in the source", "number-added"),
    (
        "3.5 percent",
        "۳۵ درصد",
        '"3.5" in the source is not in the translation; '
        "«۳۵» in the translation is not in the source",
        "decimal-point-lost",
    ),
    (
        "10,700 tomans",
        "۱۰ هزار تومان",
        '"10,700" in the source is not in the translation; '
        "«۱۰ هزار» in the translation is not in the source",
        "hundreds-lost",
    ),
    (
        "two councils",
        "۳ شورا",
        "«۳» in the translation is not in the source",
        "words-do-not-match-digits",
    ),
    (
        "7 and 7 workers",
        "۷ کارگر",
        '"7" in the source is not in the translation',
        "repeated-number-counted-twice",
    ),
]


@pytest.mark.parametrize(
    "source, target, message", [c[:3] for c in NUMBERS_DIFFER], ids=[c[3] for c in NUMBERS_DIFFER]
)
def test_numbers_that_differ_are_an_error_quoting_both_sides(
    plain_project, source, target, message
):
    assert findings(plain_project, "numbers", source, target) == [(ERROR, message)]


@pytest.mark.parametrize(
    "source, target, lang",
    [("10,700 workers", "10.070 Arbeiter", "de"), ("3.5 percent", "35 Prozent", "de")],
    ids=["german-digits-swapped", "german-decimal-lost"],
)
def test_numbers_differ_in_latin_script_translations_too(plain_project, source, target, lang):
    assert [s for s, _ in findings(plain_project, "numbers", source, target, lang)] == [ERROR]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_an_english_number_and_its_persian_writing_agree(n):
    english = f"{n:,} workers"
    persian = to_native_digits(f"{n:,}".replace(",", "٬"), "fa") + " کارگر"
    assert compare_numbers(english, persian) == ([], [])


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_an_english_decimal_and_its_persian_writing_agree(value):
    english = f"{value:,}"
    persian = to_native_digits(english.replace(",", "٬").replace(".", "٫"), "fa")
    assert compare_numbers(f"{english} percent", f"{persian} درصد") == ([], [])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_two_different_numbers_never_agree(a, b):
    if a == b:
        return
    missing, extra = compare_numbers(f"{a:,} workers", to_native_digits(f"{b:,}", "fa"))
    assert missing == [f"{a:,}"]
    assert len(extra) == 1


# -- end punctuation --------------------------------------------------------------------

PUNCTUATION_AGREES = [
    ("Are they on strike?", "آیا در اعتصاب‌اند؟", "fa", "question-mark"),
    ('"On strike?"', "«در اعتصاب؟»", "fa", "question-inside-quotes"),
    ("All power to the councils!", "همهٔ قدرت به شوراها!", "fa", "exclamation"),
    ("He said “strike.”", "گفت «اعتصاب».", "fa", "stop-after-the-closing-quote"),
    ("Khuzestan Pipe Factory", "کارخانهٔ لولهٔ خوزستان", "fa", "heading-without-stop"),
    ("The demands are:", "مطالبات چنین است:", "fa", "colon"),
    ("first the councils;", "نخست شوراها؛", "fa", "semicolon"),
    ("and so on…", "و غیره...", "fa", "ellipsis-either-way"),
    ("Is it a strike?", "Est-ce une grève\u00a0?", "fr", "french-space-before"),
    ("(See below.)", "(نگاه کنید به پایین.)", "fa", "stop-inside-brackets"),
]


@pytest.mark.parametrize(
    "source, target, lang",
    [c[:3] for c in PUNCTUATION_AGREES],
    ids=[c[3] for c in PUNCTUATION_AGREES],
)
def test_matching_end_punctuation_gives_no_finding(plain_project, source, target, lang):
    assert findings(plain_project, "punctuation", source, target, lang) == []


PUNCTUATION_DIFFERS = [
    (
        "Abadan refinery workers go on strike!",
        "کارگران پالایشگاه آبادان دست به اعتصاب زدند.",
        "fa",
        WARNING,
        'the source ends with "!" (exclamation mark), the translation with «.» (full stop)',
        "exclamation-became-stop",
    ),
    (
        "It is said that this situation will continue tomorrow.",
        "گفته می‌شود این وضعیت فردا نیز ادامه خواهد داشت",
        "fa",
        WARNING,
        'the source ends with "." (full stop), the translation without one',
        "stop-lost",
    ),
    (
        "Khuzestan Pipe Factory",
        "کارخانهٔ لولهٔ خوزستان.",
        "fa",
        WARNING,
        "the source ends without punctuation (a title or a line), the translation with «.»",
        "stop-added-to-a-title",
    ),
    (
        "On strike?",
        "در اعتصاب?",
        "fa",
        INFO,
        'the translation ends with «?»; Persian writes «؟» (the source has "?")',
        "latin-question-mark-in-persian",
    ),
    (
        "first the councils;",
        "نخست شوراها;",
        "fa",
        INFO,
        'the translation ends with «;»; Persian writes «؛» (the source has ";")',
        "latin-semicolon-in-persian",
    ),
    (
        "On strike?",
        "Im Streik؟",
        "de",
        INFO,
        'the translation ends with «؟», an Arabic-script mark; use «?» (the source has "?")',
        "arabic-question-mark-in-german",
    ),
]


@pytest.mark.parametrize(
    "source, target, lang, severity, message",
    [c[:5] for c in PUNCTUATION_DIFFERS],
    ids=[c[5] for c in PUNCTUATION_DIFFERS],
)
def test_end_punctuation_that_differs_is_reported(
    plain_project, source, target, lang, severity, message
):
    assert findings(plain_project, "punctuation", source, target, lang) == [(severity, message)]


def test_a_heading_without_punctuation_is_called_a_heading(plain_project):
    found = findings(
        plain_project, "punctuation", "Workplace control", "کنترل محل کار:", kind="heading"
    )
    assert found == [
        (WARNING, "the source ends without punctuation (a heading), the translation with «:»")
    ]


# -- brackets and quotation marks ------------------------------------------------------

BRACKETS_AGREE = [
    ("A strike (a general one).", "اعتصاب (عمومی).", "fa", "parentheses"),
    ("“To the workers of Markazi.”", "«به کارگران مرکزی.»", "fa", "curly-quotes-to-guillemets"),
    ("the ‘vanguard’ cell", "هستهٔ «پیشرو»", "fa", "single-quotes-to-guillemets"),
    ("the workers’ councils", "شوراهای کارگران", "fa", "apostrophe-is-not-a-quote"),
    ("“We strike.", "«ما اعتصاب می‌کنیم.", "fa", "quotation-going-on-in-the-next-unit"),
    ('He said "go".', "Er sagte „geh“.", "de", "german-low-high-quotes"),
    ("“go”", "»geh«", "de", "german-reversed-guillemets"),
    ("1) bread 2) work", "۱) نان ۲) کار", "fa", "list-markers-on-both-sides"),
]


@pytest.mark.parametrize(
    "source, target, lang", [c[:3] for c in BRACKETS_AGREE], ids=[c[3] for c in BRACKETS_AGREE]
)
def test_balanced_brackets_and_quotes_give_no_finding(plain_project, source, target, lang):
    assert findings(plain_project, "brackets", source, target, lang) == []


BRACKETS_DIFFER = [
    (
        "A strike (a general one).",
        "اعتصاب (عمومی.",
        "parentheses: the source has them balanced, the translation 1 «(» left open",
        "parenthesis-not-closed",
    ),
    (
        "A strike.",
        "اعتصاب).",
        "parentheses: the source has them balanced, the translation 1 «)» without its «(»",
        "parenthesis-not-opened",
    ),
    (
        "“To the workers of Markazi.”",
        "«به کارگران مرکزی.",
        "quotation marks: the source has them balanced, the translation 1 quotation left open",
        "guillemet-not-closed",
    ),
    (
        "“We strike.",
        "ما اعتصاب می‌کنیم.",
        "quotation marks: the source has 1 quotation left open, the translation them balanced",
        "opening-quote-dropped",
    ),
    (
        "See [1].",
        "نگاه کنید به ۱].",
        "square brackets: the source has them balanced, the translation 1 «]» without its «[»",
        "square-bracket",
    ),
]


@pytest.mark.parametrize(
    "source, target, message",
    [c[:3] for c in BRACKETS_DIFFER],
    ids=[c[3] for c in BRACKETS_DIFFER],
)
def test_unbalanced_brackets_and_quotes_are_a_warning(plain_project, source, target, message):
    assert findings(plain_project, "brackets", source, target) == [(WARNING, message)]


# -- links ----------------------------------------------------------------------------

URL = "https://www.ncr-iran.org/en/news/iran-protests/irans-labor-uprising/"

URLS_AGREE = [
    (f"Strike by Arak workers. via {URL}", f"اعتصاب کارگران اراک. از طریق {URL}", "carried-over"),
    (f"via {URL}.", f"از طریق {URL}.", "full-stop-after-the-url"),
    (f"See {URL}", f"{URL}را ببینید", "persian-letters-right-after"),
    ("Write to info@shora.org.", "به info@shora.org بنویسید.", "email"),
    (
        "https://fa.wikipedia.org/wiki/%D8%B4%D9%88%D8%B1%D8%A7",
        "https://fa.wikipedia.org/wiki/شورا",
        "percent-encoding-decoded",
    ),
    ("No link here.", "اینجا پیوندی نیست.", "no-links"),
]


@pytest.mark.parametrize(
    "source, target", [c[:2] for c in URLS_AGREE], ids=[c[2] for c in URLS_AGREE]
)
def test_links_carried_over_give_no_finding(plain_project, source, target):
    assert findings(plain_project, "urls", source, target) == []


URLS_DIFFER = [
    (
        f"via {URL}",
        "از طریق https://www.ncr-iran.org/fa/news/",
        ERROR,
        f'the URL "{URL}" of the source is not in the translation; it has '
        "«https://www.ncr-iran.org/fa/news/» instead; copy it unchanged",
        "url-changed",
    ),
    (
        f"via {URL}",
        "از طریق وب‌سایت",
        ERROR,
        f'the URL "{URL}" of the source is not in the translation; copy it unchanged',
        "url-dropped",
    ),
    (
        "Write to info@shora.org.",
        "به info@shora.com بنویسید.",
        ERROR,
        'the e-mail address "info@shora.org" of the source is not in the translation; it has '
        "«info@shora.com» instead; copy it unchanged",
        "email-changed",
    ),
    (
        "Read the statement.",
        "بیانیه را بخوانید: www.shora.org",
        WARNING,
        "the translation adds the link «www.shora.org», which the source does not have",
        "link-added",
    ),
]


@pytest.mark.parametrize(
    "source, target, severity, message",
    [c[:4] for c in URLS_DIFFER],
    ids=[c[4] for c in URLS_DIFFER],
)
def test_links_missing_or_changed_are_reported(plain_project, source, target, severity, message):
    assert findings(plain_project, "urls", source, target) == [(severity, message)]


# -- whitespace ---------------------------------------------------------------------------

WHITESPACE_AGREES = [
    (
        "Abadan refinery workers go on\u00a0strike!",
        "کارگران پالایشگاه آبادان دست به اعتصاب زدند!",
        "no-break-space-in-source",
    ),
    ("It is said so.", "گفته می‌شود چنین است.", "zwnj-inside-a-word-is-not-a-space"),
    ("Is it a strike?", "Est-ce une grève\u00a0?", "french-no-break-space"),
]


@pytest.mark.parametrize(
    "source, target", [c[:2] for c in WHITESPACE_AGREES], ids=[c[2] for c in WHITESPACE_AGREES]
)
def test_ordinary_spacing_gives_no_finding(plain_project, source, target):
    assert findings(plain_project, "whitespace", source, target) == []


WHITESPACE_DIFFERS = [
    (" اعتصاب!", WARNING, "the translation starts with a space; the source does not", "leading"),
    ("اعتصاب! ", WARNING, "the translation ends with a space; the source does not", "trailing"),
    (
        "کارگران  اعتصاب کردند!",
        WARNING,
        "the translation has a double space after «کارگران»",
        "doubled",
    ),
    (
        "کارگران\u00a0 اعتصاب کردند!",
        WARNING,
        "the translation has a double space after «کارگران»",
        "no-break-space-beside-a-space",
    ),
    (
        "کارگران\nاعتصاب کردند!",
        WARNING,
        "the translation has 1 line break(s) inside, the source 0",
        "line-break-added",
    ),
    (
        "کارگران \u200cاعتصاب کردند!",
        INFO,
        "the translation has a zero-width non-joiner beside a space or at a word's edge after "
        "«کارگران»",
        "zwnj-beside-a-space",
    ),
]


@pytest.mark.parametrize(
    "target, severity, message",
    [c[:3] for c in WHITESPACE_DIFFERS],
    ids=[c[3] for c in WHITESPACE_DIFFERS],
)
def test_stray_whitespace_is_reported(plain_project, target, severity, message):
    found = findings(plain_project, "whitespace", "The workers went on strike!", target)
    assert found == [(severity, message)]


# -- unchanged, untranslated, fuzzy -------------------------------------------------------

UNCHANGED_FINE = [
    ("IRGC", "IRGC", "fa", "keep-as-is-acronym"),
    (URL, URL, "fa", "a-url-line"),
    ("2025", "2025", "fa", "a-number"),
    ("Arak", "Arak", "de", "approved-german-term-is-the-same"),
    ("Continue reading", "ادامهٔ مطلب", "fa", "translated"),
]


@pytest.mark.parametrize(
    "source, target, lang", [c[:3] for c in UNCHANGED_FINE], ids=[c[3] for c in UNCHANGED_FINE]
)
def test_a_copy_that_should_stay_as_is_is_not_unchanged(plain_project, source, target, lang):
    assert findings(plain_project, "unchanged", source, target, lang) == []


@pytest.mark.parametrize(
    "source, lang",
    [("Continue reading", "fa"), ("IRGC forces attacked", "fa"), ("Arak workers", "de")],
    ids=["plain-copy", "kept-term-and-words", "term-and-words-in-german"],
)
def test_a_copied_source_is_unchanged(plain_project, source, lang):
    assert findings(plain_project, "unchanged", source, source, lang) == [
        (
            WARNING,
            f'the translation «{source}» is the source "{source}" unchanged; translate it, '
            "or dismiss this if it stays as is",
        )
    ]


def test_untranslated_is_info_and_only_for_empty_translations(plain_project):
    assert findings(
        plain_project, "untranslated", "Continue reading", "", status=cat.UNTRANSLATED
    ) == [(INFO, '"Continue reading" has no translation yet')]
    assert findings(plain_project, "untranslated", "Continue reading", "ادامهٔ مطلب") == []


def test_fuzzy_is_a_warning_that_shows_how_the_source_changed(plain_project):
    found = findings(
        plain_project,
        "fuzzy",
        "5,000 Arak workers on hunger strike",
        "۴٬۰۰۰ کارگر اراک در اعتصاب غذا",
        status=cat.FUZZY,
        previous="4,000 Arak workers on hunger strike",
    )
    assert found == [
        (
            WARNING,
            'the source changed from "4,000 Arak workers on hunger strike" to "5,000 Arak '
            'workers on hunger strike"; review the translation «۴٬۰۰۰ کارگر اراک در اعتصاب '
            "غذا» and mark it translated",
        )
    ]


def test_errors_of_a_draft_are_reported_as_warnings(plain_project):
    draft = unit("5,000 Arak workers", "۴٬۰۰۰ کارگر اراک", cat.FUZZY)
    found = checker(plain_project).run([draft])
    assert {(f.check, f.severity) for f in found} == {("numbers", WARNING), ("fuzzy", WARNING)}


# -- glossary ---------------------------------------------------------------------------


def test_the_glossary_check_runs_with_the_other_checks(plain_project):
    found = checker(plain_project).run([unit("All power to the councils!", "همهٔ قدرت به انجمن‌ها!")])
    assert [(f.check, f.severity) for f in found] == [("glossary", ERROR)]
    assert "forbidden rendering «انجمن»" in found[0].message


def test_terms_inside_a_link_are_not_glossary_terms(plain_project):
    link = "https://classautonomy.info/category/towards-an-ecological-general-strike/"
    assert checker(plain_project).run([unit(link, link)]) == []
    found = checker(plain_project).run([unit(f"A general strike: {link}", f"اعتصاب: {link}")])
    assert [(f.check, f.source) for f in found] == [("glossary", f"A general strike: {link}")]


# -- consistency across the project -------------------------------------------------------


def test_one_source_translated_two_ways_names_every_rendering_and_place(plain_project):
    units = [
        unit("Continue reading", "ادامهٔ مطلب", statement="khuzestan", line=4),
        unit("Continue reading", "ادامهٔ مطلب", statement="oil-workers", line=22),
        unit("Continue reading", "ادامه", statement="arak", line=9),
    ]
    found = checker(plain_project, only=("inconsistent-translation",)).run(units)
    assert [(f.statement, f.line, f.severity) for f in sort_findings(found, REGISTRY)] == [
        ("arak", 9, WARNING),
        ("khuzestan", 4, WARNING),
        ("oil-workers", 22, WARNING),
    ]
    by_place = {f.statement: f.message for f in found}
    assert by_place["arak"] == (
        '"Continue reading" is translated 2 ways in the project: «ادامه» here; '
        "«ادامهٔ مطلب» at khuzestan:4, oil-workers:22"
    )
    assert by_place["khuzestan"] == (
        '"Continue reading" is translated 2 ways in the project: «ادامهٔ مطلب» here and at '
        "oil-workers:22; «ادامه» at arak:9"
    )


def test_many_places_are_counted_beyond_the_first_five(plain_project):
    same = [unit("Continue reading", "ادامهٔ مطلب", statement=f"s{i}", line=4) for i in range(8)]
    odd = unit("Continue reading", "ادامه", statement="t", line=9)
    found = checker(plain_project, only=("inconsistent-translation",)).run([odd], [*same, odd])
    assert [f.message for f in found] == [
        '"Continue reading" is translated 2 ways in the project: «ادامه» here; «ادامهٔ مطلب» '
        "at s0:4, s1:4, s2:4, s3:4, s4:4 and 3 more"
    ]


@pytest.mark.parametrize(
    "second",
    [
        unit("Continue reading", "ادامهٔ  مطلب", statement="arak", line=9),
        unit("Continue reading", "ادامه", statement="arak", line=9, msgctxt="occurrence 2"),
        unit("Continue reading", "ادامه", cat.FUZZY, statement="arak", line=9),
        unit("Continue reading", "", cat.UNTRANSLATED, statement="arak", line=9),
    ],
    ids=["same-but-spacing", "alternative-with-msgctxt", "a-draft", "untranslated"],
)
def test_consistent_or_deliberate_renderings_are_not_inconsistent(plain_project, second):
    first = unit("Continue reading", "ادامهٔ مطلب", statement="khuzestan", line=4)
    found = checker(plain_project, only=("inconsistent-translation",)).run([first, second])
    assert found == []


def test_two_sources_with_one_long_translation_are_a_warning(plain_project):
    target = "کارگران پالایشگاه آبادان دست به اعتصاب زدند!"
    units = [
        unit("Abadan refinery workers go on strike!", target, statement="a", line=6),
        unit("Bandar Abbas dockers go on strike!", target, statement="b", line=2),
    ]
    found = checker(plain_project, only=("inconsistent-source",)).run(units)
    assert [(f.statement, f.severity, f.message) for f in sort_findings(found, REGISTRY)] == [
        (
            "a",
            WARNING,
            f'the translation «{target}» of "Abadan refinery workers go on strike!" also '
            'translates "Bandar Abbas dockers go on strike!" at b:2',
        ),
        (
            "b",
            WARNING,
            f'the translation «{target}» of "Bandar Abbas dockers go on strike!" also '
            'translates "Abadan refinery workers go on strike!" at a:6',
        ),
    ]


def test_a_short_translation_shared_by_two_sources_is_info(plain_project):
    units = [unit("Strike!", "اعتصاب!", statement="a"), unit("Strikes!", "اعتصاب!", statement="b")]
    found = checker(plain_project, only=("inconsistent-source",)).run(units)
    assert {f.severity for f in found} == {INFO}


def test_sources_differing_in_case_or_apostrophe_are_the_same_source(plain_project):
    units = [
        unit("Workers’ councils", "شوراهای کارگران", statement="a"),
        unit("workers' councils", "شوراهای کارگران", statement="b"),
    ]
    assert checker(plain_project, only=("inconsistent-source",)).run(units) == []


SOURCES = ["Continue reading", "All power to the councils!", "Strike!", "Workers’ councils"]
TARGETS = ["ادامهٔ مطلب", "ادامه", "همهٔ قدرت به شوراها!", "اعتصاب!", "شوراهای کارگران"]


@st.composite
def catalog_units(draw, statement: str) -> list[CheckedUnit]:
    sources = draw(st.lists(st.sampled_from(SOURCES), unique=True, max_size=len(SOURCES)))
    return [
        unit(
            source,
            draw(st.sampled_from(TARGETS)) * draw(st.integers(1, 3)),
            draw(st.sampled_from([cat.TRANSLATED, cat.REVIEWED, cat.FUZZY])),
            statement=statement,
            line=i,
        )
        for i, source in enumerate(sources)
    ]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.integers(0, 3), min_size=1, max_size=4, unique=True).flatmap(
        lambda ids: st.tuples(
            st.tuples(*(catalog_units(f"s{i}") for i in ids)),
            catalog_units(f"s{ids[0]}"),
        )
    )
)
def test_tables_updated_for_one_catalog_equal_tables_built_afresh(catalogs_and_new):
    catalogs, new = catalogs_and_new
    old, rest = catalogs[0], [u for c in catalogs[1:] for u in c]
    updated = Tables.build([*old, *rest]).replaced(old, new)
    afresh = Tables.build([*new, *reversed(rest)])  # any order: groups keep (statement, line)
    assert updated.by_source == afresh.by_source
    assert updated.by_target == afresh.by_target
    assert updated.recorded == afresh.recorded
    assert updated.ratios == afresh.ratios
    assert (updated.length, updated.units) == (afresh.length, afresh.units)


# -- length -------------------------------------------------------------------------------

SENTENCE = "The workers of the Arak factories declare the following."  # 56 characters


def _units_of_ratio(ratio: float, n: int) -> list[CheckedUnit]:
    sources = [f"{SENTENCE} {i}" for i in range(n)]
    return [
        unit(source, "ب" * round(len(source) * ratio), statement="s", line=i)
        for i, source in enumerate(sources)
    ]


def test_the_usual_ratio_is_learned_from_the_project(plain_project):
    usual = _units_of_ratio(0.9, LEARN_FROM)
    tables = Tables.build(usual)
    assert tables.length.units == LEARN_FROM
    assert math.exp(tables.length.median) == pytest.approx(0.9, abs=0.03)


@pytest.mark.parametrize(
    "ratio, reported",
    [(0.9, False), (1.2, False), (2.6, True), (0.3, True)],
    ids=["usual", "a-little-long", "far-too-long", "far-too-short"],
)
def test_a_length_far_from_the_projects_usual_is_a_warning(plain_project, ratio, reported):
    everything = _units_of_ratio(0.9, 40)
    odd = unit(SENTENCE, "ب" * round(len(SENTENCE) * ratio), statement="t", line=1)
    found = checker(plain_project, only=("length",)).run([odd], everything + [odd])
    assert bool(found) is reported
    if reported:
        assert found[0].severity == WARNING
        # The spread of identical ratios is floored at 0.1; the usual range is ± 2 spreads.
        usual = f"{0.9 * math.exp(-0.2):.2f}–{0.9 * math.exp(0.2):.2f}"
        assert f"usually run {usual} times (from 41 translated units)" in found[0].message


def test_with_few_units_a_default_ratio_is_used(plain_project):
    odd = unit(SENTENCE, "ب" * len(SENTENCE) * 4, statement="t", line=1)
    found = checker(plain_project, only=("length",)).run([odd])
    assert len(found) == 1
    assert f"a default until {LEARN_FROM} units are translated" in found[0].message
    fine = unit(SENTENCE, "ب" * len(SENTENCE) * 2, statement="t", line=1)
    assert checker(plain_project, only=("length",)).run([fine]) == []


def test_a_few_characters_more_or_less_is_no_length_finding(plain_project):
    # 21 characters translated into 36: a ratio of 1.7, but 15 characters only.
    everything = _units_of_ratio(1.0, 40)
    short = unit("It is just an excuse.", "این فقط یک بهانه است و بس، همین.", line=1)
    assert checker(plain_project, only=("length",)).run([short], everything + [short]) == []


def test_short_units_are_left_out_of_the_length_check(plain_project):
    short = unit("Strike!", "اعتصاب کارگران پالایشگاه آبادان ادامه دارد!")
    assert checker(plain_project, only=("length",)).run([short]) == []


# -- the checker --------------------------------------------------------------------------


def test_a_dismissed_check_is_not_reported_for_that_unit_but_others_are(plain_project):
    dismissed = unit(
        "Khuzestan, October 2022.",
        "خوزستان، مهر",
        dismissed=(("numbers", "the month alone is clear in this dateline"),),
    )
    results = checker(plain_project).results([dismissed])
    assert [f.check for f in results.findings] == ["punctuation"]
    assert [f.check for f in results.dismissed] == ["numbers"]


def test_unknown_check_names_are_refused(plain_project):
    with pytest.raises(WorkbenchError, match='unknown check "numbrs"; the checks are: untransl'):
        checker(plain_project, only=("numbrs",))


def test_every_check_has_a_title_and_a_name_a_dismissal_can_carry():
    import re

    for name, check in REGISTRY.items():
        assert re.fullmatch(r"[a-z][a-z0-9_-]*", name)
        assert check.title and "\n" not in check.title


def test_excerpts_are_one_line_and_short():
    text = "All power\nto the councils! " * 10
    assert "\n" not in excerpt(text)
    assert len(excerpt(text)) <= 61


@settings(max_examples=500)
@given(
    st.text(alphabet=" \n\t\u00a0\u2003ab شx\u200c", max_size=500),
    st.sampled_from([5, 30, 60]),
)
def test_an_excerpt_is_the_start_of_the_whole_text_on_one_line(text, limit):
    # However much white space the text holds, and where: the excerpt is the
    # start of the whole text with each run of white space one space, cut at
    # a space past half the limit (or at the limit), with an ellipsis.
    whole = " ".join(text.split())
    if len(whole) <= limit:
        assert excerpt(text, limit) == whole
        return
    shown = excerpt(text, limit)
    assert shown.endswith("…")
    cut = shown[:-1]
    assert whole.startswith(cut)
    assert len(cut) == limit or (limit // 2 <= len(cut) < limit and whole[len(cut)] == " ")
    assert len(cut) == limit or " " not in whole[len(cut) + 1 : limit]


def _translate(project: Project, lang: str, statement: str, msgid: str, msgstr: str) -> None:
    path = project.catalog_path(lang, statement)

    def change(current):
        results = cat.apply_edits(current, [cat.Edit(msgid, msgstr, cat.TRANSLATED)])
        assert not isinstance(results[0], Exception), results
        return current

    pofile.modify(path, change, lock_dir=project.lock_dir)


def test_the_editor_sees_project_findings_and_catalog_changes(project):
    (project.seeds_dir / "second.txt").write_text("All power to the councils!\n", encoding="utf-8")
    update_project(project)
    _translate(project, "fa", "second", "All power to the councils!", "همهٔ قدرت به شوراها!")
    editor = checker(project)
    path = project.catalog_path("fa", "arak-councils")
    entry = pofile.read(path).find("All power to the councils!")
    draft = entry.with_translation("تمام قدرت به دست شوراها!", cat.TRANSLATED)
    found = [f for f in editor.unit_findings("arak-councils", draft) if f.check.startswith("incon")]
    assert [f.message for f in found] == [
        '"All power to the councils!" is translated 2 ways in the project: «تمام قدرت به دست '
        "شوراها!» here; «همهٔ قدرت به شوراها!» at second:1"
    ]
    # Another statement's translation changes: the tables follow the file.
    _translate(project, "fa", "second", "All power to the councils!", "تمام قدرت به دست شوراها!")
    assert [
        f for f in editor.unit_findings("arak-councils", draft) if f.check.startswith("incon")
    ] == []


def test_the_editor_can_take_catalogs_from_a_store_that_keeps_them_parsed(project):
    from workbench.catalogs.store import CatalogStore

    (project.seeds_dir / "second.txt").write_text("All power to the councils!\n", encoding="utf-8")
    update_project(project)
    _translate(project, "fa", "second", "All power to the councils!", "همهٔ قدرت به شوراها!")
    store = CatalogStore(project)
    asked = []

    def read(lang: str, statement: str) -> cat.Catalog:
        asked.append((lang, statement))
        return store.get(lang, statement)

    matcher = SourceMatcher(list(GLOSSARY), language="en")
    editor = Checker(Context(project, "fa", GLOSSARY, matcher), read=read)
    entry = store.get("fa", "arak-councils").find("All power to the councils!")
    draft = entry.with_translation("تمام قدرت به دست شوراها!", cat.TRANSLATED)
    found = editor.unit_findings("arak-councils", draft)
    assert [f.check for f in found] == ["inconsistent-translation"]
    assert sorted(asked) == [("fa", "arak-councils"), ("fa", "second")]


def test_the_editor_leaves_status_findings_to_the_page(project):
    update_project(project)
    entry = pofile.read(project.catalog_path("fa", "arak-councils")).find(
        "All power to the councils!"
    )
    assert entry.status == cat.UNTRANSLATED
    assert checker(project).unit_findings("arak-councils", entry) == []
    assert [
        f.check for f in checker(project).unit_findings("arak-councils", entry, editor=False)
    ] == ["untranslated"]


def test_the_editor_leaves_out_a_catalog_it_cannot_read(project):
    (project.seeds_dir / "second.txt").write_text("All power to the councils!\n", encoding="utf-8")
    update_project(project)
    broken = project.catalog_path("fa", "second")
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "x\n', encoding="utf-8")
    entry = pofile.read(project.catalog_path("fa", "arak-councils")).find("Arak, January 2026.")
    draft = entry.with_translation("اراک، ژانویهٔ ۲۰۲۵.", cat.TRANSLATED)
    found = checker(project).unit_findings("arak-councils", draft)
    assert [f.check for f in found] == ["numbers"]


def test_check_project_reads_every_catalog_and_sorts_by_statement_and_line(seeded_project):
    update_project(seeded_project)
    _translate(
        seeded_project,
        "fa",
        "khuzestan-vanguard-headlines",
        "Khuzestan, October 2022.",
        "خوزستان، مهر ۱۳۹۰.",
    )
    report = check_project(seeded_project)
    assert report.languages == ("fa",)
    assert report.statements == ("iran-uprising-workers-councils", "khuzestan-vanguard-headlines")
    places = [(f.statement, f.language, f.line or 0) for f in report.findings]
    assert places == sorted(places)
    # The units of line 4, in the order of the source (not of their text).
    assert [
        f.source[:16]
        for f in report.findings
        if (f.statement, f.line) == ("iran-uprising-workers-councils", 4)
    ] == ["Information is s", "It is clear from", "In their communi", "It is, they argu"]
    errors = [f for f in report.findings if f.severity == ERROR]
    assert [(e.check, e.statement, e.line) for e in errors] == [
        ("numbers", "khuzestan-vanguard-headlines", 3)
    ]


def test_check_project_names_a_malformed_catalog_and_its_line(project):
    update_project(project)
    path = project.catalog_path("fa", "arak-councils")
    path.write_text(
        path.read_text(encoding="utf-8") + '\nmsgid "broken\nmsgstr ""\n', encoding="utf-8"
    )
    lines = path.read_text(encoding="utf-8").split("\n")
    broken = lines.index('msgid "broken') + 1
    with pytest.raises(CatalogError) as err:
        check_project(project)
    assert str(err.value) == (
        f"locales/fa/LC_MESSAGES/arak-councils.po line {broken}: a string is not closed "
        '(missing the final "); fix the file (or restore it with git) and run again; '
        "nothing was written"
    )


def test_findings_sort_gravest_first_on_one_line():
    a = Finding("punctuation", WARNING, "fa", "s", "x", "y", "m", line=2)
    b = Finding("numbers", ERROR, "fa", "s", "x", "y", "m", line=2)
    c = Finding("untranslated", INFO, "fa", "s", "x", "", "m", line=1)
    assert sort_findings([a, b, c], REGISTRY) == [c, b, a]


def test_findings_of_one_line_sort_by_their_units_place_not_their_text():
    later = Finding("untranslated", INFO, "fa", "s", "In their words.", "", "m", line=4, position=1)
    first = Finding("numbers", ERROR, "fa", "s", "Information 7.", "x", "m", line=4, position=0)
    again = Finding(
        "punctuation", WARNING, "fa", "s", "Information 7.", "x", "m", line=4, position=0
    )
    assert sort_findings([later, again, first], REGISTRY) == [first, again, later]


def test_doctests_pass():
    import doctest

    import workbench.checks.findings

    result = doctest.testmod(workbench.checks.findings)
    assert result.attempted and not result.failed


@pytest.mark.parametrize("through", ["files", "store"])
def test_a_save_in_a_long_catalog_updates_the_tables_as_a_full_build_would(project, through):
    # One changed unit among many: the tables are patched, not rebuilt, and
    # must end up the same as tables built from scratch, whether the catalogs
    # are read from disk again or come from the store that saved them.
    from workbench.catalogs.store import CatalogStore

    sources = [f"The council of site {n} met on day {n}." for n in range(40)]
    (project.seeds_dir / "long.txt").write_text("\n\n".join(sources) + "\n", encoding="utf-8")
    (project.seeds_dir / "second.txt").write_text("All power to the councils!\n", encoding="utf-8")
    update_project(project)
    path = project.catalog_path("fa", "long")

    def translate_all(current):
        changes = [
            cat.Edit(s, f"شورای محل {n} در روز {n} تشکیل شد.", cat.TRANSLATED)
            for n, s in enumerate(sources)
        ]
        cat.apply_edits(current, changes)
        return current

    pofile.modify(path, translate_all, lock_dir=project.lock_dir)
    target = "همهٔ قدرت به شوراها!"
    if through == "store":
        store = CatalogStore(project)
        matcher = SourceMatcher(list(GLOSSARY), language="en")
        editor = Checker(Context(project, "fa", GLOSSARY, matcher), read=store.get)

        def translate(statement: str, msgid: str, msgstr: str) -> None:
            [saved] = store.save("fa", statement, [cat.Edit(msgid, msgstr, cat.TRANSLATED)])
            assert isinstance(saved, cat.Entry)
    else:
        editor = checker(project)

        def translate(statement: str, msgid: str, msgstr: str) -> None:
            _translate(project, "fa", statement, msgid, msgstr)

    before = editor.tables()
    assert before.units > 40
    translate("long", sources[7], target)
    translate("second", "All power to the councils!", target)
    editor._folder_key = None  # look at the files now, whatever the folder's clock says
    after = editor.tables()
    # Patched: a group no save touched is the very one indexed before.
    assert after.by_source[sources[0]] is before.by_source[sources[0]]
    everything = [
        u
        for statement in ("arak-councils", "long", "second")
        for u in units_of(
            statement, "fa", pofile.read(project.catalog_path("fa", statement)).active()
        )
    ]
    fresh = Tables.build(everything)
    assert after.by_source == fresh.by_source
    assert after.by_target == fresh.by_target
    assert after.recorded == fresh.recorded
    assert after.ratios == fresh.ratios
    assert after.units == fresh.units
    # Two sources now share one translation: the inconsistent source is seen.
    assert sorted(after.by_target[target]) == sorted(fresh.by_target[target])
    assert len(after.by_target[target]) == 2


def test_a_source_repeated_across_statements_gets_its_findings_at_each_place(plain_project):
    """Findings of a text checked once are moved to every unit that repeats it, not shared."""
    texts = [
        ("We, the workers of Arak, declare 4,000 councils!", "ما کارگران اراک ۵۰۰۰ شورا!", 3),
        ("The strike continues (day two.", "اعتصاب ادامه دارد  (روز دوم.", 8),
        ("All power to the councils!", "All power to the councils!", 12),
    ]
    units = [
        unit(src, tgt, statement=statement, line=line + n, msgctxt=ctx)
        for n, (statement, ctx) in enumerate(
            [("arak-councils", None), ("tabriz", None), ("ahvaz", "occurrence 2")]
        )
        for src, tgt, line in texts
    ]
    found = checker(plain_project).run(units, everything=units)
    one_by_one = []
    fresh = checker(plain_project)
    fresh.pin_tables(units)
    for u in units:
        for check in REGISTRY.values():
            one_by_one += check.function(fresh.context, u)
    key = lambda f: (f.statement, f.line or 0, f.check, f.message)  # noqa: E731
    assert sorted(found, key=key) == sorted(one_by_one, key=key)
    assert {f.statement for f in found if f.check == "numbers"} == {
        "arak-councils",
        "tabriz",
        "ahvaz",
    }
    assert {(f.statement, f.msgctxt, f.line) for f in found if f.check == "whitespace"} == {
        ("arak-councils", None, 8),
        ("tabriz", None, 9),
        ("ahvaz", "occurrence 2", 10),
    }


@settings(max_examples=200)
@given(st.lists(st.floats(-5, 5), min_size=LEARN_FROM, max_size=120))
def test_the_usual_length_ratio_is_the_median_and_its_spread_the_median_deviation(ratios):
    median = statistics.median(ratios)
    mad = statistics.median(abs(r - median) for r in ratios)
    assert LengthModel.learn(ratios) == LengthModel(
        median, min(max(1.4826 * mad, 0.1), 0.5), len(ratios)
    )
