"""Babel boundary: language codes, names, direction, plural forms, digits, numbers and dates.

The only module that imports Babel (the web interface's own translations
go through Flask-Babel, which is the web package's business).
"""

from __future__ import annotations

import datetime
import functools
import importlib.util
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import LanguageError
from workbench.messages import N_, Data, LanguageName, Listing, Message

if TYPE_CHECKING:
    from babel import Locale

_DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}


# Names people type for the languages of this project that CLDR spells otherwise,
# or in the language itself (CLDR's own names in every language would cost a
# second to load, for a suggestion).
_ALIASES = {
    "farsi": "fa",
    "parsi": "fa",
    "فارسی": "fa",
    "پارسی": "fa",
    "dari": "fa_AF",
    "sorani": "ckb",
    "کوردی": "ckb",
    "kurmanji": "ku",
    "kurdî": "ku",
    "kurdish": "ckb",
    "عربی": "ar",
    "العربية": "ar",
    "türkçe": "tr",
    "turkce": "tr",
    "deutsch": "de",
    "français": "fr",
    "francais": "fr",
    "español": "es",
    "espanol": "es",
}


@dataclass(frozen=True)
class Language:
    """A validated target or source language."""

    code: str
    name: str
    native_name: str
    direction: str  # "ltr" or "rtl"
    plural_forms: str
    digits: str

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


def normalise_code(code: str) -> str:
    """Return *code* in gettext's spelling (``pt-br`` -> ``pt_BR``).

    >>> normalise_code("zh-hant")
    'zh_Hant'
    >>> normalise_code("PT_br")
    'pt_BR'
    """
    parts = code.strip().replace("-", "_").split("_")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif part.isalpha() or part.isdigit():
            out.append(part.upper())
        else:
            out.append(part)
    return "_".join(out)


@functools.lru_cache(maxsize=256)
def _locale(code: str) -> Locale:
    # Start-up time: Babel (5 ms) loads when a language is described or a code
    # is not one of its own locales' names (see _own).
    from babel import Locale, UnknownLocaleError
    from babel.core import parse_locale

    norm = normalise_code(code) if code else code
    if not norm or not all(part.isalnum() for part in norm.split("_")):
        raise LanguageError(_unknown(code))
    try:
        parse_locale(norm)
        locale = Locale.parse(norm)
    except (ValueError, UnknownLocaleError) as exc:
        raise LanguageError(_unknown(code)) from exc
    if locale.language == "und":
        raise LanguageError(_unknown(code))
    return locale


# Cached: a glossary checks the code of every term it reads, mostly the same few.
@functools.lru_cache(maxsize=1024)
def checked_code(code: str) -> str:
    """Return *code* in gettext's spelling if Babel knows the language, else raise.

    Cheaper than :func:`language`: no locale data is read, nor Babel loaded
    for the name of one of its locales.

    >>> checked_code("fa-ir")
    'fa_IR'
    """
    norm = normalise_code(code) if code else code
    if norm not in _own():
        _locale(code)
    return norm


@functools.lru_cache(maxsize=1)
def _own() -> frozenset[str]:
    """Return the names of Babel's locales, read from its folder without loading Babel.

    Each is a code Babel reads as itself, a language of its own: the
    common case of :func:`checked_code` and :func:`canonical_code`. Empty
    if the folder cannot be found, so every code goes through Babel.
    """
    spec = importlib.util.find_spec("babel")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return frozenset()
    try:
        names = os.listdir(os.path.join(folders[0], "locale-data"))
    except OSError:
        return frozenset()
    return frozenset(n[:-4] for n in names if n.endswith(".dat") and n != "root.dat")


def canonical_code(code: str) -> str:
    """Return the code Babel reads *code* as, in gettext's spelling: another code resolved.

    Three-letter and withdrawn codes name a language that has a code of its
    own (fas and per are fa, iw is he); the catalogs and the checks know it
    by that one. Raises :class:`LanguageError` for an unknown code.

    >>> canonical_code("fas"), canonical_code("per-IR"), canonical_code("pt-br")
    ('fa', 'fa_IR', 'pt_BR')
    """
    norm = checked_code(code)
    if norm in _own():
        return norm
    first, sep, rest = norm.partition("_")
    own = _locale(code).language
    return norm if own == first else own + sep + rest


def preferred_code(code: str) -> str:
    """Return *code* in gettext's spelling; raise :class:`LanguageError` for another code.

    For a code that names a language for good (a new target language, a
    segmenter's rules): "fas" is refused with the suggestion "fa", as an
    unknown code is with a near one.
    """
    norm = checked_code(code)
    own = canonical_code(code)
    if own != norm:
        raise LanguageError(
            Message.of(
                N_('"%(code)s" is another code for %(name)s; did you mean "%(near)s"?'),
                code=Data(code.strip()),
                name=LanguageName(own, language(own).name),
                near=Data(own),
            )
        )
    return norm


@functools.lru_cache(maxsize=256)
def language(code: str) -> Language:
    """Validate *code* with Babel and describe the language.

    Raises :class:`LanguageError` naming the code and a near valid one.
    """
    locale = _locale(code)
    norm = checked_code(code)
    numbering = locale.default_numbering_system or "latn"
    return Language(
        code=norm,
        name=locale.get_display_name("en") or norm,
        native_name=locale.get_display_name(locale) or norm,
        direction=locale.text_direction,
        plural_forms=plural_forms(norm),
        digits=_DIGITS.get(numbering, _DIGITS["latn"]),
    )


#: The rule gettext assumes when a language has no plural forms of its own.
GERMANIC_PLURALS = "nplurals=2; plural=(n != 1);"
_PLURAL_TABLE = Path(__file__).with_name("plural_forms.tsv")


@functools.lru_cache(maxsize=1)
def _plural_table() -> dict[str, str]:
    rows = {}
    for line in _PLURAL_TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, rule = line.split("\t")
            rows[code] = rule
    return rows


def plural_forms(code: str) -> str:
    """Return the Plural-Forms a new catalog in *code* gets.

    The rules are CLDR's, frozen in ``plural_forms.tsv``: a catalog's rule is
    chosen once, and must not change because a library's release did.

    >>> plural_forms("fa_IR")
    'nplurals=2; plural=(n > 1);'
    >>> plural_forms("de")
    'nplurals=2; plural=(n != 1);'
    """
    table = _plural_table()
    parts = normalise_code(code).split("_")
    for cut in range(len(parts), 0, -1):
        rule = table.get("_".join(parts[:cut]))
        if rule is not None:
            return rule
    return GERMANIC_PLURALS


def _unknown(code: str) -> Message:
    near = suggest(code)
    if near:
        return Message.of(
            N_('unknown language code "%(code)s"; did you mean "%(near)s"?'),
            code=Data(code),
            near=Data(near),
        )
    return Message.of(
        N_('unknown language code "%(code)s"; use a code such as %(examples)s or %(last)s'),
        code=Data(code),
        examples=Listing((Data("fa"), Data("ckb"), Data("ar"), Data("de")), N_(", ")),
        last=Data("pt_BR"),
    )


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Map lower-cased English language names to their codes."""
    # Start-up time: see _locale.
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global
    from babel.localedata import locale_identifiers

    names: dict[str, str] = {}
    languages = get_global("likely_subtags")
    for ident in locale_identifiers():
        if "_" in ident and ident.split("_")[0] in languages:
            continue
        try:
            name = Locale.parse(ident).get_display_name("en")
        except (ValueError, UnknownLocaleError):
            continue
        if name:
            names.setdefault(name.lower(), ident)
    return names


def code_for_name(name: str) -> str | None:
    """Return the code of the language whose English name is *name*, or None.

    >>> code_for_name("Persian"), code_for_name("german"), code_for_name("Strike")
    ('fa', 'de', None)
    """
    text = (name or "").strip().lower()
    return _ALIASES.get(text) or _names().get(text)


def code_near_name(text: str) -> str | None:
    """Return the code of the language *text* names, or nearly names (a letter off), or None.

    Only a word of four letters or more is read as a name: a shorter one is a code.

    >>> code_near_name("Persain"), code_near_name("kurdsh"), code_near_name("fas")
    ('fa', 'ckb', None)
    """
    exact = code_for_name(text)
    if exact:
        return exact
    word = (text or "").strip().lower()
    if len(word) < 4 or not word.replace(" ", "").isalpha():
        return None
    # Start-up time: only a wrong code needs a suggestion.
    import difflib

    names = {**_names(), **_ALIASES}
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


def suggest(code: str) -> str | None:
    """Return a valid code close to *code*, or None.

    >>> suggest("english")
    'en'
    >>> suggest("fa_IR_bad")
    'fa_IR'
    """
    text = (code or "").strip()
    if not text:
        return None
    named = code_near_name(text)
    if named:
        return named
    norm = normalise_code(text)
    parts = norm.split("_")
    for cut in range(len(parts) - 1, 0, -1):
        prefix = "_".join(parts[:cut])
        if _valid(prefix):
            return prefix
    # Start-up time: only a wrong code needs a suggestion.
    import difflib

    # Start-up time: see _locale.
    from babel.localedata import locale_identifiers

    close = difflib.get_close_matches(norm, locale_identifiers(), n=1, cutoff=0.5)
    return close[0] if close else None


def _valid(code: str) -> bool:
    # Start-up time: see _locale.
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return False
    return True


@functools.lru_cache(maxsize=4096)
def format_number(value: float, code: str, places: int | None = None) -> str:
    """Format *value* as readers of *code* write numbers, in their own digits.

    *places* fixes the number of decimals (None: as many as it has, up to 3).

    >>> format_number(1234.5, "fa")
    '۱٬۲۳۴٫۵'
    >>> format_number(1234.5, "en"), format_number(1.5, "en", 2)
    ('1,234.5', '1.50')
    """
    # Start-up time: Babel's number formats load when a number is written.
    from babel.numbers import format_decimal

    pattern = None if places is None else "#,##0" + ("." + "0" * places if places else "")
    text = format_decimal(value, format=pattern, locale=code, numbering_system="default")
    return to_native_digits(text, code)


def format_gregorian(moment: datetime.datetime, code: str, time: bool = True) -> str:
    """Write *moment* (a day, and its time unless not *time*) as readers of *code* do, in the
    Gregorian calendar.

    >>> format_gregorian(datetime.datetime(2022, 10, 7, 14, 5), "en")
    'Oct 7, 2022, 2:05\u202fPM'
    """
    # Start-up time: Babel's date formats load when a date is written.
    from babel.dates import format_date, format_time

    locale = _locale(code)
    text = format_date(moment, format="medium", locale=locale)
    if time:
        text += ", " + format_time(moment, format="short", locale=locale)
    return to_native_digits(text, code)


def display_name(code: str, in_language: str) -> str:
    """Return the name of language *code* as written in *in_language*.

    >>> display_name("de", "fa")
    'آلمانی'
    """
    # Start-up time: see _locale.
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(normalise_code(code)).get_display_name(normalise_code(in_language))
    except (ValueError, UnknownLocaleError):
        name = None
    return name or code


def to_native_digits(text: str, code: str) -> str:
    """Write the ASCII digits of *text* in the language's own digits.

    >>> to_native_digits("4,000", "fa")
    '۴,۰۰۰'
    """
    digits = language(code).digits
    if digits == _DIGITS["latn"]:
        return text
    return text.translate(str.maketrans(_DIGITS["latn"], digits))


@functools.lru_cache(maxsize=256)
def _plural_rule(code: str):
    # Start-up time: see _locale.
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).plural_form
    except (ValueError, UnknownLocaleError):
        return None


def plural_category(code: str, n: int) -> str | None:
    """Return CLDR's plural category (zero, one, two, few, many, other) of *n* in *code*.

    >>> plural_category("ru", 22), plural_category("ar", 0)
    ('few', 'zero')
    """
    rule = _plural_rule(code)
    return rule(n) if rule is not None else None


def text_direction(text: str) -> str:
    """Return the direction most of *text*'s letters are written in: "ltr" or "rtl".

    Unlike ``dir="auto"``, which takes the first letter's, an English note that
    begins with a Persian term stays left to right.

    >>> text_direction("شورا (shura) is the council, as the strike committees write it.")
    'ltr'
    >>> text_direction("همه‌ی قدرت به شوراهای کارگری (All power!)")
    'rtl'
    """
    ltr = rtl = 0
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            ltr += 1
        elif kind in ("R", "AL"):
            rtl += 1
    return "rtl" if rtl > ltr else "ltr"
