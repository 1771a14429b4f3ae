"""The Babel boundary: language codes, the frozen plural rules of new catalogs, and how
numbers, moments and directions are written for a reader."""

from __future__ import annotations

import datetime
import subprocess

import pytest

from workbench.errors import LanguageError
from workbench.lang.dates import format_moment
from workbench.lang.locales import (
    _plural_table,
    canonical_code,
    checked_code,
    format_number,
    language,
    plural_forms,
    text_direction,
)


def test_every_frozen_plural_rule_is_one_gettext_accepts(tmp_path):
    lines = []
    for code, rule in _plural_table().items():
        n = int(rule.split(";")[0].split("=")[1])
        forms = "\n".join(f'msgstr[{i}] "{code} {i}"' for i in range(n))
        lines.append(
            f'msgid ""\nmsgstr ""\n"Project-Id-Version: rules\\n"\n'
            f'"PO-Revision-Date: 2026-12-05 10:00+0000\\n"\n"Last-Translator: Leyla\\n"\n'
            f'"Language-Team: {code}\\n"\n"Language: {code}\\n"\n"MIME-Version: 1.0\\n"\n'
            f'"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: {rule}\\n"\n\n'
            f'msgid "one council"\nmsgid_plural "%d councils"\n{forms}\n'
        )
    problems = []
    for code, text in zip(_plural_table(), lines, strict=True):
        po = tmp_path / f"{code}.po"
        po.write_text(text, encoding="utf-8")
        done = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        if done.returncode != 0 or done.stderr:
            problems.append(f"{code}: {done.stderr.strip()}")
    assert problems == []


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("fa", "nplurals=2; plural=(n > 1);"),
        ("fa_AF", "nplurals=2; plural=(n > 1);"),
        ("ckb", "nplurals=2; plural=(n != 1);"),
        ("de_CH", "nplurals=2; plural=(n != 1);"),
        ("ja", "nplurals=1; plural=0;"),
        ("pt_PT", "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"),
    ],
)
def test_a_new_catalog_takes_the_frozen_cldr_rule(code, rule):
    assert plural_forms(code) == rule
    assert language(code).plural_forms == rule


def test_a_language_the_table_does_not_list_gets_gettexts_default_rule():
    assert plural_forms("xx_Unknown") == "nplurals=2; plural=(n != 1);"


# -- what the interface writes: numbers, moments, directions ---------------------------------


@pytest.mark.parametrize(
    ("moment", "code", "written"),
    [
        (datetime.datetime(2026, 3, 20, 23, 59), "fa", "۲۹ اسفند ۱۴۰۴، ۲۳:۵۹"),
        (datetime.datetime(2026, 3, 21, 0, 0), "fa", "۱ فروردین ۱۴۰۵، ۰۰:۰۰"),
        (datetime.datetime(2026, 3, 21, 0, 0), "fa_AF", "۱ حمل ۱۴۰۵، ۰۰:۰۰"),
        (datetime.datetime(2026, 3, 21, 9, 5), "de", "21.03.2026, 09:05"),
    ],
    ids=["last-day-of-1404", "nowruz-1405", "dari-months", "german"],
)
def test_a_moment_is_written_in_the_readers_calendar_and_digits(moment, code, written):
    assert format_moment(moment, code) == written


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("کمیته‌ی اعتصاب is what the strikers call it themselves.", "ltr"),
        ("کمیته‌ی اعتصاب (strike)", "rtl"),
        ("1404/10/22", "ltr"),
        ("", "ltr"),
    ],
    ids=["english-beginning-with-persian", "persian-with-english", "digits-only", "empty"],
)
def test_the_direction_of_a_text_is_that_of_most_of_its_letters(text, direction):
    assert text_direction(text) == direction


def test_a_number_may_be_written_with_fixed_decimals():
    assert format_number(1.5, "fa", 2) == "۱٫۵۰"
    assert format_number(1234, "en", 0) == "1,234"


def test_the_name_of_every_babel_locale_is_read_as_babel_reads_it():
    """Babel's own locale names are checked without Babel: each must be what Babel says."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    names = [ident for ident in locale_identifiers() if ident != "root"]
    assert len(names) > 500 and {"fa", "fa_IR", "ckb", "ar", "de", "pt_BR"} <= set(names)
    for ident in names:
        locale = Locale.parse(ident)
        assert locale.language != "und", ident
        first, sep, rest = ident.partition("_")
        canonical = ident if locale.language == first else locale.language + sep + rest
        assert checked_code(ident) == ident
        assert canonical_code(ident) == canonical, ident


@pytest.mark.parametrize(
    ("code", "canonical"),
    [("fas", "fa"), ("per_IR", "fa_IR"), ("iw", "he"), ("FA-ir", "fa_IR"), ("ckb_IQ", "ckb_IQ")],
)
def test_other_spellings_of_a_code_are_read_through_babel(code, canonical):
    assert canonical_code(code) == canonical


@pytest.mark.parametrize("code", ["zz", "", "fa__IR", "fa-IR-x-ü"])
def test_a_code_that_names_no_language_is_refused(code):
    with pytest.raises(LanguageError):
        checked_code(code)
