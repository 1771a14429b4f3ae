"""Persian-script folding and word forms, on sentences from translated statements."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.glossary.model import Term
from workbench.lang import arabic_script as persian
from workbench.terms.target import TargetMatcher, find_term

from .support import cases

ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def fa() -> TargetMatcher:
    return TargetMatcher("fa")


# -- folding -------------------------------------------------------------------

FOLDS = [
    ("arabic-yeh-and-kaf", "شوراي كارگري", "شورای کارگری"),
    ("alef-maksura", "مصطفى", "مصطفی"),
    ("yeh-with-hamza", "دانشجوئی", "دانشجوءی"),
    ("heh-with-yeh-above", "کمیتۀ اعتصاب", "کمیته اعتصاب"),
    ("hamza-above", "کمیتهٔ اعتصاب", "کمیته اعتصاب"),
    ("teh-marbuta", "جمهوریة", "جمهوریه"),
    ("hamza-seats", "إسلامی أمنیت مؤسسه هیأت هیئت", "اسلامی امنیت مءسسه هیءت هیءت"),
    ("zwnj-dropped", "شورا" + ZWNJ + "ها", "شوراها"),
    ("zwj-and-bidi-marks", "شورا\u200d\u200fها", "شوراها"),
    ("tatweel", "شـــورا", "شورا"),
    ("harakat", "شُورایِ کارگَری", "شورای کارگری"),
    ("superscript-alef", "زکوٰة", "زکوه"),
    ("initial-madda-is-alef", "آزادی آمریکا", "ازادی امریکا"),
    ("madda-kept-inside-a-word", "قرآن", "قرآن"),
    ("combining-madda-composed", "قرا\u0653ن", "قرآن"),
    ("combining-madda-initial", "ا\u0653زادی", "ازادی"),
    ("persian-digits", "۴۰۰۰ کارگر", "4000 کارگر"),
    ("arabic-indic-digits", "٤٠٠٠", "4000"),
    ("punctuation-is-a-space", "زن، زندگی، آزادی!", "زن  زندگی  ازادی "),
    ("guillemets", "«شورا»", " شورا "),
    ("whitespace-run", "شورای \n  کارگری", "شورای کارگری"),
    ("paragraph-break", "شورای\n\nکارگری", "شورای  کارگری"),
    ("latin-case", "IRGC", "irgc"),
    ("presentation-forms", "\ufeb7\ufeee\ufead\ufe8d", "شورا"),
    ("lam-alef-ligature", "\ufefb", "لا"),
]


@pytest.mark.parametrize(("text", "folded"), cases(FOLDS))
def test_fold_persian(text, folded):
    assert persian.fold(text, "fa")[0] == folded


def test_fold_arabic_folds_towards_arabic_letters():
    assert persian.fold("آزادی کارگری", "ar")[0] == "ازادي كارگري"


def test_fold_sorani_keeps_its_letters():
    assert persian.fold("ئێمە کرێکارین", "ckb")[0] == "ئێمە کرێکارین"
    assert persian.fold("كۆمیته" + ZWNJ, "ckb")[0] == "کۆمیتە"


def test_fold_urdu_reads_heh_as_gol_heh():
    assert persian.fold("هڑتال", "ur")[0] == "ہڑتال"


def test_fold_spans_cover_dropped_marks():
    text = "کمیتهٔ اعتصاب"
    folded, starts, ends = persian.fold(text, "fa")
    i = folded.index("کمیته")
    assert text[starts[i] : ends[i + len("کمیته") - 1]] == "کمیتهٔ"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_fold_offsets_are_ordered_and_in_range(text):
    folded, starts, ends = persian.fold(text, "fa")
    assert len(folded) == len(starts) == len(ends)
    assert all(0 <= a < b <= len(text) for a, b in zip(starts, ends, strict=True))
    assert starts == sorted(starts)


NOISE = st.sampled_from(["", ZWNJ, "\u0640", "\u064e", "\u0650", "\u200d"])


@settings(max_examples=200, deadline=None)
@given(st.lists(NOISE, min_size=5, max_size=5))
def test_invisible_marks_anywhere_in_a_word_do_not_hide_it(fa, noise):
    word = "".join(c + n for c, n in zip("شوراه", noise, strict=True)) + "ا"
    text = f"همه‌ی قدرت به {word}!"
    [(a, b)] = fa.find(text, Term("شورا", "fa"))
    assert text[a:b].startswith("ش")
    assert persian.fold(text[a:b], "fa")[0] == "شوراها"


# -- Persian word forms: must hit ------------------------------------------------

HITS = [
    ("plural-ha", "شورا", "همه‌ی قدرت به شوراها!", "شوراها"),
    ("plural-ha-zwnj", "شورا", "همه‌ی قدرت به شورا‌ها!", "شورا‌ها"),
    ("plural-ha-space", "شورا", "همه‌ی قدرت به شورا ها!", "شورا ها"),
    ("ezafe-after-vowel", "شورا", "شورای محله امنیت را اداره می‌کند", "شورای"),
    ("indefinite-after-vowel", "شورا", "شورایی از نمایندگان کارگران", "شورایی"),
    ("tatweel", "شورا", "همه‌ی قدرت به شـــوراها", "شـــوراها"),
    ("harakat", "شورا", "قدرت به شُوراها", "شُوراها"),
    ("multi-word-plural-on-head", "شورای کارگری", "بیانیه‌ی شوراهای کارگری اراک", "شوراهای کارگری"),
    ("multi-word-as-written", "شورای کارگری", "شورای کارگری کارخانه تصمیم گرفت", "شورای کارگری"),
    ("arabic-letters", "شورای کارگری", "بیانیه شوراي كارگري اراك", "شوراي كارگري"),
    (
        "zwnj-plural-head",
        "کمیته اعتصاب",
        "کمیته‌های اعتصاب در کارخانه‌ها تشکیل شده‌اند",
        "کمیته‌های اعتصاب",
    ),
    ("ezafe-hamza", "کمیته اعتصاب", "کمیتهٔ اعتصاب اعلام کرد", "کمیتهٔ اعتصاب"),
    ("ezafe-heh-yeh", "کمیته اعتصاب", "کمیتۀ اعتصاب اعلام کرد", "کمیتۀ اعتصاب"),
    ("ezafe-written-yeh", "کمیته اعتصاب", "کمیته‌ی اعتصاب اعلام کرد", "کمیته‌ی اعتصاب"),
    ("indefinite-after-heh", "کمیته", "کمیته‌ای برای اداره‌ی کارخانه تشکیل شد", "کمیته‌ای"),
    ("bare-count-noun", "کارگر", "۴۰۰۰ کارگر آلومینیوم اراک در اعتصاب غذا هستند", "کارگر"),
    ("plural-an", "کارگر", "کارگران نفت دست به اعتصاب زدند", "کارگران"),
    ("plural-an-kasra", "کارگر", "خطاب به کارگرانِ استان مرکزی", "کارگرانِ"),
    ("plural-possessive", "کارگر", "از کارگرانمان دفاع می‌کنیم", "کارگرانمان"),
    ("plural-gan", "نماینده", "بازداشت نمایندگان ما اعلان جنگ است", "نمایندگان"),
    ("plural-yan", "دانشجو", "دانشجویان دانشگاه تهران به کارگران پیوستند", "دانشجویان"),
    ("plural-yan-after-yeh", "بازاری", "بازاریان تهران مغازه‌ها را بستند", "بازاریان"),
    ("sound-plural-at", "اعتصاب", "اعتصابات سراسری ادامه دارد", "اعتصابات"),
    ("sound-plural-at-for-heh", "مطالبه", "مطالبات ما فراتر از دستمزد است", "مطالبات"),
    ("sound-plural-jat", "کارخانه", "کنترل کارخانجات اراک در دست کارگران است", "کارخانجات"),
    ("sound-plural-in", "معلم", "معلمین بازنشسته تجمع کردند", "معلمین"),
    ("plural-ha-zwnj-consonant", "اعتصاب", "موج اعتصاب‌ها به بندرعباس رسید", "اعتصاب‌ها"),
    ("plural-with-ezafe", "دستمزد", "دستمزدهای معوقه پرداخت نشده است", "دستمزدهای"),
    ("general-strike", "اعتصاب عمومی", "فراخوان اعتصاب عمومی تا پیروزی انقلاب", "اعتصاب عمومی"),
    ("general-strikes", "اعتصاب عمومی", "اعتصاب‌های عمومی سال گذشته", "اعتصاب‌های عمومی"),
    ("last-word-ezafe", "اعتصاب غذا", "چهار هزار کارگر در اعتصاب غذای خشک هستند", "اعتصاب غذای"),
    ("last-word-kasra", "جمهوری اسلامی", "جمهوری اسلامیِ جنایتکار باید سرنگون شود", "جمهوری اسلامیِ"),
    (
        "slogan-with-commas",
        "زن، زندگی، آزادی",
        "شعار زن، زندگی، آزادی در خیابان‌ها",
        "زن، زندگی، آزادی",
    ),
    (
        "slogan-without-commas",
        "زن، زندگی، آزادی",
        "شعار زن زندگی آزادی در خیابان‌ها",
        "زن زندگی آزادی",
    ),
    ("compound-with-zwnj", "هفت تپه", "کارگران نیشکر هفت‌تپه", "هفت‌تپه"),
    ("transliteration", "تومان", "قیمت نان به ده هزار تومان رسید", "تومان"),
    (
        "ezafe-on-ezafe-term",
        "نیروی انتظامی",
        "نیروهای انتظامی به تجمع حمله کردند",
        "نیروهای انتظامی",
    ),
    (
        "long-name",
        "سندیکای کارگران شرکت واحد",
        "کانال تلگرام سندیکاي کارگران شرکت واحد",
        "سندیکاي کارگران شرکت واحد",
    ),
    ("union-plural", "اتحادیه", "اتحادیه‌های زرد حکومتی", "اتحادیه‌های"),
    ("hamza-other-seat", "هیئت", "هیأت مدیره استعفا داد", "هیأت"),
    ("hamza-dropped", "هیئت", "هیات مدیره استعفا داد", "هیات"),
    ("hamza-written-where-term-has-none", "رییس", "رئیس قوه قضاییه", "رئیس"),
    ("hamza-waw-seat", "مسئول", "مسؤول این کشتار", "مسؤول"),
    ("alef-madda-omitted", "آمریکا", "دخالت امریکا", "امریکا"),
    ("alef-madda-written", "امریکا", "دخالت آمریکا", "آمریکا"),
    ("prefix-apart", "ضدسرمایه‌داری", "مبارزه ضد سرمایه‌داری", "ضد سرمایه‌داری"),
    ("prefix-zwnj", "ضد سرمایه‌داری", "مبارزه ضد\u200cسرمایه‌داری", "ضد\u200cسرمایه‌داری"),
    ("prefix-joined", "ضد سرمایه‌داری", "مبارزه ضدسرمایه‌داری", "ضدسرمایه‌داری"),
    ("plural-an", "کارگر", "کارگران اعتصاب کردند", "کارگران"),
    ("plural-at", "اعتصاب", "اعتصابات سراسری", "اعتصابات"),
    ("possessive", "حقوق", "حقوقشان را ندادند", "حقوقشان"),
    # Enclitic copula and personal endings: "we are on strike", "they are workers"...
    ("copula-we-consonant", "اعتصاب", "دوازده روز است که در اعتصابیم.", "اعتصابیم"),
    ("copula-you-consonant", "کارگر", "شما هم کارگرید.", "کارگرید"),
    ("copula-they-consonant", "کارگر", "آنها هم کارگرند.", "کارگرند"),
    ("copula-is-zwnj", "اعتصاب", "کارخانه در اعتصاب‌است.", "اعتصاب‌است"),
    ("copula-we-plural", "کارگر", "ما کارگرانیم و حقمان را می‌خواهیم", "کارگرانیم"),
    ("copula-they-plural", "کارگر", "آنان کارگرانند نه برده", "کارگرانند"),
    ("copula-we-after-vowel", "دانشجو", "ما دانشجوییم و کنار کارگران", "دانشجوییم"),
    ("copula-they-after-vowel", "دانشجو", "آنها دانشجویند", "دانشجویند"),
    ("copula-is-after-vowel", "شورا", "قدرت از آن شوراست", "شوراست"),
    ("copula-we-silent-h", "خسته", "ما خسته‌ایم ولی ادامه می‌دهیم", "خسته‌ایم"),
    ("copula-i-silent-h", "خسته", "من خسته‌ام", "خسته‌ام"),
    ("copula-you-silent-h", "خسته", "شما خسته‌اید", "خسته‌اید"),
    ("copula-they-silent-h", "خسته", "کارگران خسته‌اند", "خسته‌اند"),
    ("copula-is-silent-h-zwnj", "بازنشسته", "او بازنشسته‌است", "بازنشسته‌است"),
    ("copula-we-after-yeh", "زندانی سیاسی", "ما زندانی سیاسی‌ایم", "زندانی سیاسی‌ایم"),
    ("copula-they-consonant-zwnj", "معلم", "آنها معلم‌اند", "معلم‌اند"),
    ("copula-they-after-yeh", "زندانی", "آنها زندانی‌اند", "زندانی‌اند"),
    ("copula-is-after-yeh", "بازاری", "او بازاریست", "بازاریست"),
    ("copula-we-last-word", "کمیته اعتصاب", "ما کمیته اعتصابیم", "کمیته اعتصابیم"),
    ("copula-we-plural-head", "شورای کارگری", "ما شوراهای کارگری‌ایم", "شوراهای کارگری‌ایم"),
    ("copula-they-plural-head", "کمیته اعتصاب", "آنها کمیته‌های اعتصابند", "کمیته‌های اعتصابند"),
    ("possessive-last-word", "کمیته اعتصاب", "کمیته اعتصابمان اعلام کرد", "کمیته اعتصابمان"),
    ("possessive-plural-head", "شورای کارگری", "شوراهای کارگری‌شان", "شوراهای کارگری‌شان"),
]


@pytest.mark.parametrize(("term", "text", "found"), cases(HITS))
def test_persian_term_hits_its_word_form(fa, term, text, found):
    spans = fa.find(text, Term(term, "fa"))
    assert [text[a:b] for a, b in spans] == [found]


# -- Persian: must not hit -------------------------------------------------------

MISSES = [
    ("shora-vs-shoresh", "شورا", "شورش کارگران ادامه دارد"),
    ("kar-vs-kargar", "کار", "کارگران اعتصاب کردند"),
    ("kar-vs-karkhane", "کار", "کارخانه بسته شد"),
    ("kar-vs-bikari", "کار", "بی‌کاری بیداد می‌کند"),
    ("kargar-vs-kargozar", "کارگر", "کارگزاران رژیم"),
    ("kargar-vs-kargah", "کارگر", "کارگاه تعطیل شد"),
    ("kargar-vs-kargardan", "کارگر", "کارگردان فیلم بازداشت شد"),
    ("naft-vs-naftkesh", "نفت", "نفتکش‌ها بارگیری نکردند"),
    ("zan-vs-zendegi", "زن", "زندگی بدون آزادی"),
    ("zan-vs-zanjire", "زن", "زنجیره‌ی اعتراضات"),
    ("gorooh-vs-gerogan", "گروه", "گروگان‌گیری در زندان"),
    ("gorooh-vs-goroohban", "گروه", "یک گروهبان ارتش"),
    ("mozd-vs-mozdoor", "مزد", "مزدوران رژیم حمله کردند"),
    ("etesab-vs-strikebreaker", "اعتصاب", "اعتصاب‌شکن‌ها را بیرون کردند"),
    ("etesab-vs-strikers", "اعتصاب", "انقلابیون و اعتصابیون"),
    ("namayande-vs-agency", "نماینده", "نمایندگی شرکت در تهران"),
    ("modir-vs-management", "مدیر", "مدیریت کارخانه فرار کرد"),
    ("bazar-vs-bazarche", "بازار", "بازارچه‌ی محله"),
    ("sarkoob-vs-oppressors", "سرکوب", "سرکوبگران"),
    ("komite-vs-commission", "کمیته", "کمیسیون کار مجلس"),
    ("nan-vs-bakeries", "نان", "نانوایی‌ها بسته‌اند"),
    ("sandika-vs-syndicalism", "سندیکا", "سندیکالیسم انقلابی"),
    ("hoghoogh-vs-lawyers", "حقوق", "حقوقدانان مستقل"),
    ("azadi-vs-freedom-seekers", "آزادی", "آزادی‌خواهان"),
    ("azad-vs-freedom", "آزاد", "مردم آزادی می‌خواهند"),
    ("worker-vs-labour-adjective", "کارگر", "شوراهای کارگری"),
    ("capitalist-vs-capitalism", "سرمایه‌دار", "نظام سرمایه‌داری"),
    ("revolution-vs-revolutionary", "انقلاب", "جوانان انقلابی"),
    ("islam-vs-islamic", "اسلام", "جمهوری اسلامی"),
    ("mellat-vs-inflamed", "ملت", "اوضاع ملتهب است"),
    ("jomhoori-vs-republicans", "جمهوری", "جمهوری‌خواهان آمریکا"),
    ("other-last-word", "شورای کارگری", "شورای کارگران اراک"),
    ("comma-between-words", "کمیته اعتصاب", "کمیته، اعتصاب را تأیید کرد"),
    ("paragraph-between-words", "کمیته اعتصاب", "کمیته\n\nاعتصاب"),
    # Copula endings on a short stem make other words: زنند "they hit", برند "brand".
    ("zan-vs-they-hit", "زن", "آنها را می‌زنند و زنند"),
    ("bar-vs-brand", "بر", "برند این کارخانه"),
    ("copula-not-on-head-of-phrase", "کمیته اعتصاب", "کمیته‌ایم اعتصاب"),
]


@pytest.mark.parametrize(("term", "text"), cases(MISSES))
def test_persian_term_does_not_hit_another_word(fa, term, text):
    assert fa.find(text, Term(term, "fa")) == []


# -- other Persian-script languages ----------------------------------------------

OTHER = [
    ("ar-sound-plural-of-feminine", "ar", "نقابة", "النقابات المستقلة", "النقابات"),
    ("ar-preposition-and-article", "ar", "عامل", "بيان للعاملين في المصفاة", "للعاملين"),
    ("ar-adjective-agreement", "ar", "إضراب عام", "دعوة إلى الإضراب العام", "الإضراب العام"),
    ("ckb-plural-definite", "ckb", "کرێکار", "کرێکارەکان مانیان گرت", "کرێکارەکان"),
    ("ckb-ezafe-head", "ckb", "کۆمیتەی مانگرتن", "کۆمیتەکانی مانگرتن", "کۆمیتەکانی مانگرتن"),
    ("ur-plural", "ur", "ہڑتال", "مزدوروں کی ہڑتالیں جاری ہیں", "ہڑتالیں"),
    ("ur-oblique-plural", "ur", "مزدور", "مزدوروں کی ہڑتالیں جاری ہیں", "مزدوروں"),
]


@pytest.mark.parametrize(("language", "term", "text", "found"), cases(OTHER))
def test_other_persian_script_languages(language, term, text, found):
    spans = TargetMatcher(language).find(text, Term(term, language))
    assert [text[a:b] for a, b in spans] == [found]


def test_dari_takes_the_copula_endings_too():
    text = "ما کارگران در اعتصابیم و شما دانشجویان خسته‌اید"
    found = TargetMatcher("fa_AF").find_many(text, [Term("اعتصاب", "fa"), Term("خسته", "fa")])
    assert [text[a:b] for spans in found.values() for a, b in spans] == ["اعتصابیم", "خسته‌اید"]


def test_persian_rules_cover_dari():
    assert persian.family("fa_AF") == persian.family("prs") == "fa"
    assert persian.family("ps") is None


def test_example_form_joins_ha_as_persian_writes_it():
    assert persian.example_form("شورا", "fa") == "شوراها"
    assert persian.example_form("کمیته", "fa") == "کمیته" + ZWNJ + "ها"
    assert persian.example_form("شورای کارگری", "fa") == "شوراهای کارگری"
    assert persian.example_form("کمیتهٔ اعتصاب", "fa") == "کمیته" + ZWNJ + "های اعتصاب"
    assert persian.example_form("اعتصاب", "fa_AF") == "اعتصاب" + ZWNJ + "ها"
    assert persian.example_form("council", "en") is None


# A plural gets its ezafe where Persian writes one, else no form at all.
EXAMPLES_OF_PLURALS = [
    ("plural-ha-zwnj", "توده‌ها", "توده‌های"),
    ("plural-ha-joined", "شوراها", "شوراهای"),
    ("broken-plural", "شهدا", "شهدای"),
    ("plural-an", "کارگران", None),
    ("plural-gan", "ستمدیدگان", None),
    ("plural-at-head", "اعتراضات توده‌ای", None),
    ("plural-an-head", "کارکنان رسمی", None),
    ("plural-ha-head-with-ezafe", "نیروهای سرکوب", None),
]


@pytest.mark.parametrize(("term", "example"), cases(EXAMPLES_OF_PLURALS))
def test_example_form_of_a_plural_is_never_a_plural_of_it(term, example):
    assert persian.example_form(term, "fa") == example


@pytest.mark.parametrize(
    "term",
    [
        "همه قدرت به دست شوراها",
        "مرگ بر دیکتاتور",
        "ایران بدون اعدام",
        "کارگران و زحمتکشان",
        "نه پهلوی، نه رهبری",
        "زن، زندگی، آزادی",
        "سوسیالیسم",
    ],
)
def test_example_form_is_none_for_a_phrase_or_an_ism(term):
    assert persian.example_form(term, "fa") is None


def test_keep_as_is_latin_term_inside_persian_text(fa):
    text = "سپاه پاسداران (IRGC) حمله کرد"
    term = Term("IRGC", "fa", treatment="keep", case_sensitive=True)
    assert [text[a:b] for a, b in fa.find(text, term)] == ["IRGC"]
    assert fa.find("سپاه پاسداران (Irgc)", term) == []


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("مرگ بر خامنه‌ای", "شعار «مرگ بر خامنه‌ای» سر دادند"),
        ("مرگ بر خامنه‌ای", "فریاد مرگ بر خامنه ای بلند شد"),
        ("مرگ بر خامنه‌ای", "فریاد مرگ بر خامنهای بلند شد"),
        ("شرکت نیشکر هفت‌تپه", "کارگران شرکت نیشکر هفت تپه"),
    ],
    ids=["zwnj-in-last-word", "space-for-zwnj", "joined-for-zwnj", "zwnj-in-four-word-term"],
)
def test_a_zwnj_inside_a_word_of_a_long_term_may_be_written_any_way(term, text):
    assert find_term(text, Term(term, "fa"), "fa")
