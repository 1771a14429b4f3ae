"""Quality checks: a registry of functions that return findings.

A *unit check* looks at one unit (its source, translation and status) and
returns :class:`~workbench.findings.Finding` records; a *project check* looks
at every unit of a language at once. A check's first docstring line is its
title in the interface. A finding dismissed on a unit (a translator comment
``# dismissed CHECK: REASON`` in the catalog) is not reported again for that
unit.

Checks that compare a unit with the rest of the project (the same source
translated two ways, the usual length of a translation) are unit checks
that read :class:`Tables`, built once per language from every catalog of
the project; :class:`Checker` keeps them current, so the web editor shows
these findings beside a unit too.

Severities (``workbench check`` exits 1 on any error, so only what must not
be published is an error):

=========================  ========  =============================================
check                      severity  finds
=========================  ========  =============================================
untranslated               info      a unit with no translation yet
fuzzy                      warning   a draft: the translation awaits review
unchanged                  warning   the translation is the source, copied
glossary                   as said   forbidden term: error; kept-as-is term
                                     changed: error; deprecated term, rendering
                                     missing: warning (:mod:`workbench.termmatch`)
numbers                    error     numbers missing, added or changed
urls                       error     a URL or e-mail address missing or changed;
                                     one the source lacks: warning
punctuation                warning   the end punctuation differs; the right mark
                                     in the wrong script (``?`` for ``؟``): info
brackets                   warning   brackets or quotation marks balanced on one
                                     side only
whitespace                 warning   leading, trailing, doubled spaces, line breaks
                                     the source lacks; a stray zero-width
                                     non-joiner: info
inconsistent-translation   warning   one source translated two ways in the project
inconsistent-source        warning   one translation of two sources: a warning
                                     from five words on, info below
length                     warning   a length ratio far from this project's usual
=========================  ========  =============================================

A draft (fuzzy) unit's errors are reported as warnings: the build does not
publish a draft, and its ``fuzzy`` finding already asks for a review. Its
source has often just changed, numbers included, so an error there would
fail the gate for the very edit that marked it.
"""

from __future__ import annotations

import bisect
import functools
import gc
import itertools
import math
import os
import re
import statistics
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

from . import catalog as cat
from . import persian
from .catalog import Entry
from .errors import CatalogError, WorkbenchError
from .findings import ERROR, INFO, SEVERITIES, WARNING, Finding
from .glossary import APPROVED, KEEP, Concept, Glossary
from .project import Project

#: Statuses whose translation counts as done.
DONE = (cat.TRANSLATED, cat.REVIEWED)


@dataclass(frozen=True)
class Unit:
    """One unit as the checks see it."""

    statement: str
    language: str
    source: str
    target: str
    status: str
    msgctxt: str | None = None
    line: int | None = None
    dismissed: tuple[tuple[str, str], ...] = ()
    kind: str = ""  # heading, item, line or sentence, as the catalog's #. comment says
    previous: str | None = None  # a fuzzy unit's old source (#| msgid)

    @classmethod
    def of(cls, statement: str, language: str, entry: Entry, line: int | None = None) -> Unit:
        """Return the unit of catalog *entry* in *statement*."""
        lines = entry.lines
        return cls(
            statement,
            language,
            entry.msgid,
            entry.msgstr,
            entry.status,
            entry.msgctxt,
            line if line is not None else (lines[0] if lines else None),
            entry.dismissed,
            entry.comment.strip(),
            entry.previous_msgid if entry.fuzzy else None,
        )

    @functools.cached_property
    def collapsed_source(self) -> str:
        """The source with each run of whitespace as one space, trimmed."""
        return _collapse(self.source)

    @functools.cached_property
    def collapsed_target(self) -> str:
        """The translation with each run of whitespace as one space, trimmed."""
        return _collapse(self.target)

    @property
    def place(self) -> tuple[str, str | None, str]:
        """What identifies the unit in the project: statement, msgctxt, source."""
        return (self.statement, self.msgctxt, self.source)

    @property
    def where(self) -> str:
        """Return ``statement:line`` (or the statement alone)."""
        return f"{self.statement}:{self.line}" if self.line is not None else self.statement

    def finding(self, check: str, severity: str, message: str) -> Finding:
        """Return a finding of *check* on this unit."""
        return Finding(
            check,
            severity,
            self.language,
            self.statement,
            self.source,
            self.target,
            message,
            self.msgctxt,
            self.line,
        )


@dataclass
class Context:
    """What checks need beyond the unit: the project, glossary, matcher and tables."""

    project: Project
    language: str
    glossary: Glossary
    source_matcher: object
    tables: Tables = field(default_factory=lambda: Tables.build(()))

    @functools.cached_property
    def concepts(self) -> Mapping[str, Concept]:
        """The glossary's concepts by id, built once."""
        return {c.id: c for c in self.glossary}

    @functools.cached_property
    def family(self) -> str | None:
        """The Arabic-script rule family (fa, ar, ckb, ur) of the language, if any."""
        return persian.family(self.language)


UnitCheck = Callable[[Context, Unit], list[Finding]]
ProjectCheck = Callable[[Context, list[Unit]], list[Finding]]


@dataclass(frozen=True)
class Check:
    """A registered check: its name, its function and where it runs."""

    name: str
    function: Callable
    scope: str  # "unit" or "project"
    editor: bool = True  # shown beside the unit in the editor
    tables: bool = False  # reads the project's tables
    reports: str = ""  # the severities it reports, for listings

    @property
    def title(self) -> str:
        doc = (self.function.__doc__ or self.name).strip()
        return doc.splitlines()[0]


REGISTRY: dict[str, Check] = {}


def unit_check(
    name: str, editor: bool = True, tables: bool = False, reports: str = ""
) -> Callable[[UnitCheck], UnitCheck]:
    """Register a unit check under *name*."""

    def register(function: UnitCheck) -> UnitCheck:
        REGISTRY[name] = Check(name, function, "unit", editor, tables, reports)
        return function

    return register


def project_check(name: str, reports: str = "") -> Callable[[ProjectCheck], ProjectCheck]:
    """Register a project check under *name*."""

    def register(function: ProjectCheck) -> ProjectCheck:
        REGISTRY[name] = Check(name, function, "project", editor=False, reports=reports)
        return function

    return register


# -- text helpers --------------------------------------------------------------


def _collapse(text: str) -> str:
    """Return *text* with each run of whitespace as one space, trimmed."""
    return " ".join(text.split())


def excerpt(text: str, limit: int = 60) -> str:
    """Return *text* on one line, cut at a word near *limit* characters.

    >>> excerpt("All power to the councils! " * 4, 30)
    'All power to the councils!…'
    """
    text = _collapse(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit // 2, limit)
    return text[: cut if cut != -1 else limit] + "…"


def _src(text: str) -> str:
    """Quote source text in a message."""
    return f'"{excerpt(text)}"'


def _tgt(text: str) -> str:
    """Quote translated text in a message."""
    return f"«{excerpt(text)}»"


def _language_name(code: str) -> str:
    from .locales import language

    return language(code).name


# -- status ----------------------------------------------------------------------


@unit_check("untranslated", editor=False, reports="info")
def untranslated(ctx: Context, unit: Unit) -> list[Finding]:
    """Units with no translation yet."""
    if unit.target:
        return []
    return [unit.finding("untranslated", INFO, f"{_src(unit.source)} has no translation yet")]


@unit_check("fuzzy", editor=False, reports="warning")
def fuzzy(ctx: Context, unit: Unit) -> list[Finding]:
    """Drafts (fuzzy) awaiting review."""
    if unit.status != cat.FUZZY:
        return []
    if unit.previous is not None and unit.previous != unit.source:
        message = (
            f"the source changed from {_src(unit.previous)} to {_src(unit.source)}; review the "
            f"translation {_tgt(unit.target)} and mark it translated"
        )
    else:
        message = (
            f"the translation {_tgt(unit.target)} of {_src(unit.source)} is a draft; review it "
            "and mark it translated"
        )
    return [unit.finding("fuzzy", WARNING, message)]


@unit_check("unchanged", reports="warning")
def unchanged(ctx: Context, unit: Unit) -> list[Finding]:
    """Translations identical to the source."""
    if not unit.target or unit.collapsed_target != unit.collapsed_source:
        return []
    rest = _without_links(unit.source)
    if not any(c.isalpha() for c in rest):
        return []  # numbers, symbols or links only: they stay as they are
    hits = ctx.source_matcher.find(unit.source) if ctx.glossary else []  # type: ignore[attr-defined]
    if hits:
        chars = list(unit.source)
        for hit in hits:
            if _kept(ctx, hit):
                chars[hit.start : hit.end] = " " * (hit.end - hit.start)
        rest = _without_links("".join(chars))
        if not any(c.isalpha() for c in rest):
            return []  # every word is kept as is by the glossary
    return [
        unit.finding(
            "unchanged",
            WARNING,
            f"the translation {_tgt(unit.target)} is the source {_src(unit.source)} unchanged; "
            "translate it, or dismiss this if it stays as is",
        )
    ]


def _kept(ctx: Context, hit) -> bool:
    """Tell whether the glossary keeps the source term *hit* as is in the target language."""
    if hit.term.treatment == KEEP:
        return True
    concept = ctx.concepts.get(hit.concept_id)
    if concept is None:
        return False
    base = ctx.language.split("_")[0]
    written = hit.text.casefold()
    return any(
        t.status in APPROVED
        and t.language.split("_")[0] == base
        and (t.treatment == KEEP or t.text.casefold() == written)
        for t in concept.terms
    )


# -- glossary --------------------------------------------------------------------


@unit_check("glossary", reports="error, warning")
def glossary_check(ctx: Context, unit: Unit) -> list[Finding]:
    """Glossary terms rendered as the glossary says."""
    if unit.status not in (cat.TRANSLATED, cat.REVIEWED, cat.FUZZY) or not unit.target:
        return []
    if not ctx.glossary:
        return []
    from .termmatch import glossary_findings

    # Words inside a link (…/towards-a-general-strike/) are no terms to translate.
    source = unit.source
    for link in _links(source):
        source = source.replace(link, " " * len(link))
    found = glossary_findings(
        source,
        unit.target,
        unit.language,
        ctx.source_matcher,  # type: ignore[arg-type]
        ctx.concepts,
        statement=unit.statement,
        msgctxt=unit.msgctxt,
        line=unit.line,
    )
    return found if source is unit.source else [replace(f, source=unit.source) for f in found]


# -- numbers ---------------------------------------------------------------------
#
# What is read, and so compared (cheap and reliable):
# - digits in ASCII, Persian (۰-۹) and Arabic-Indic (٠-٩), and any other
#   Unicode decimal digits;
# - thousands separators: ٬ always; , and ' ’ and no-break or thin spaces
#   before three digits; . before three digits in a translation (German
#   10.700); decimals: ٫ always, . and, in a translation, , (German 3,5);
#   an English source reads , as thousands and . as decimal only;
# - / between two digit runs in an Arabic-script translation may be a
#   decimal point (Persian ۳/۵ = 3.5); anywhere else it separates numbers
#   (dates 11/09/2025, 24/7);
# - a scale word after digits: 4 thousand, ۴ هزار, ۴ میلیون, ٤ ملايين,
#   4 Millionen, 4 Mio., 4 millions, 4 milyon... (4,000 = ۴۰۰۰ = ۴ هزار);
#   Persian ۱۰ هزار و ۷۰۰ = 10,700;
# - numbers written in words, only to account for a number left over on the
#   other side: English cardinals and ordinals (ten thousand, twenty-first)
#   in the source, Persian ones (ده هزار، بیست و یکم، سوم، اول) in a Persian
#   translation.
# Not read: Arabic, Kurdish, German, French... number words, Roman numerals,
# fractions such as ½, dates moved to another calendar (1953 and ۱۳۳۲ differ:
# dismiss such a finding with the reason).

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_HAS_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d+(?:(?:[.,٫٬'’/]|[\u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*")
_GROUP_ONLY = "٬'’\u00a0\u202f\u2009"
_SCALES = {
    "thousand": 10**3, "million": 10**6, "millions": 10**6, "billion": 10**9,
    "trillion": 10**12,
    "هزار": 10**3, "میلیون": 10**6, "ميليون": 10**6, "میلیارد": 10**9, "ميليارد": 10**9,
    "تریلیون": 10**12, "هەزار": 10**3, "ملیۆن": 10**6, "ملیار": 10**9,
    "ألف": 10**3, "الف": 10**3, "آلاف": 10**3, "ألفا": 10**3, "مليون": 10**6,
    "ملايين": 10**6, "مليار": 10**9, "مليارات": 10**9,
    "tausend": 10**3, "millionen": 10**6, "mio": 10**6,
    "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "mille": 10**3,
    "milliard": 10**9, "milliards": 10**9, "mil": 10**3, "millón": 10**6, "millones": 10**6,
    "bin": 10**3, "milyon": 10**6, "milyar": 10**9,
}  # fmt: skip
_SCALE = re.compile(
    r"[ \u00a0\u202f\u200c-]?\s*("
    + "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
    + r")(?!\w)\.?",
    re.IGNORECASE,
)
_AND_FA = re.compile(r"\s*و\s*")


@dataclass(frozen=True)
class _Number:
    text: str  # as written
    values: frozenset[Decimal]  # every value the writing may mean


def _ascii_digits(text: str) -> str:
    text = text.translate(_DIGITS)
    if not text.isascii():
        text = "".join(str(unicodedata.decimal(c)) if c.isdigit() else c for c in text)
    return text


def _values(runs: list[str], seps: list[str], strict: bool) -> frozenset[Decimal]:
    """Return the values digit *runs* joined by *seps* may mean (none: a list of numbers)."""
    if not seps:
        return frozenset([Decimal(runs[0])])

    def group(sep: str, run: str) -> bool:
        return len(run) == 3 and (sep in _GROUP_ONLY or sep == "," or (sep == "." and not strict))

    out = set()
    if all(group(s, r) for s, r in zip(seps, runs[1:], strict=True)):
        out.add(Decimal("".join(runs)))
    last = seps[-1]
    if (last in "٫." or (last == "," and not strict)) and all(
        group(s, r) for s, r in zip(seps[:-1], runs[1:-1], strict=True)
    ):
        out.add(Decimal("".join(runs[:-1]) + "." + runs[-1]))
    return frozenset(out)


def _plain(token: str, strict: bool) -> list[_Number]:
    digits = _ascii_digits(token)
    runs = re.findall(r"\d+", digits)
    seps = re.findall(r"\D", digits)
    # An English source reads 10.700 as ten point seven; what it cannot read
    # strictly (3,5) it reads as a translation would.
    values = _values(runs, seps, strict) or (_values(runs, seps, False) if strict else None)
    if values:
        return [_Number(token, values)]
    pieces = re.findall(r"\d+", token)
    return [_Number(p, frozenset([Decimal(_ascii_digits(p))])) for p in pieces]


def _groups(text: str, strict: bool, arabic_script: bool) -> list[list[list[_Number]]]:
    """Read the numbers of *text*: a list of groups, each a list of alternative readings."""
    text = _without_links(text)
    groups: list[list[list[_Number]]] = []
    matches = list(_NUMBER.finditer(text))
    skip = -1
    for i, m in enumerate(matches):
        if i <= skip:
            continue
        token = m.group()
        parts = token.split("/")
        if len(parts) > 1:
            reading = [n for p in parts for n in _plain(p, strict)]
            alternatives = [reading]
            if arabic_script and len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
                value = Decimal(_ascii_digits(parts[0]) + "." + _ascii_digits(parts[1]))
                alternatives.append([_Number(token, frozenset([value]))])
            groups.append(alternatives)
            continue
        numbers = _plain(token, strict)
        spaced = _spaced_groups(text, matches, i)
        if spaced > i:
            # French and others also group with a plain space: 10 700.
            whole = text[m.start() : matches[spaced].end()]
            value = Decimal(_ascii_digits(whole.replace(" ", "")))
            apart = numbers + [
                n for k in range(i + 1, spaced + 1) for n in _plain(matches[k].group(), strict)
            ]
            groups.append([[_Number(whole, frozenset([value]))], apart])
            skip = spaced
            continue
        scale = _SCALE.match(text, m.end()) if len(numbers) == 1 else None
        if scale is None:
            groups.append([numbers])
            continue
        factor = _SCALES[scale.group(1).casefold()]
        scaled = _Number(
            text[m.start() : scale.end()], frozenset(v * factor for v in numbers[0].values)
        )
        # Persian ۱۰ هزار و ۷۰۰: one number, 10,700, or two.
        joined = _AND_FA.match(text, scale.end()) if arabic_script else None
        if joined and i + 1 < len(matches) and matches[i + 1].start() == joined.end():
            following = _plain(matches[i + 1].group(), strict)
            if len(following) == 1 and all(v < factor for v in following[0].values):
                compound = _Number(
                    text[m.start() : matches[i + 1].end()],
                    frozenset(a + b for a in scaled.values for b in following[0].values),
                )
                groups.append([[compound], [scaled, following[0]]])
                skip = i + 1
                continue
        groups.append([[scaled]])
    return groups


def _spaced_groups(text: str, matches: list[re.Match[str]], i: int) -> int:
    """Return the last of the matches from *i* on that a plain space groups as one number."""
    if len(matches[i].group()) > 3 or not matches[i].group().isdigit():
        return i
    j = i
    while (
        j + 1 < len(matches)
        and matches[j + 1].start() == matches[j].end() + 1
        and text[matches[j].end()] == " "
        and len(matches[j + 1].group()) == 3
        and matches[j + 1].group().isdigit()
    ):
        j += 1
    return j


def _pair_up(left: list[_Number], right: list[_Number]) -> tuple[list[int], list[int]]:
    """Match numbers of equal value (a maximum matching); return the unmatched of each side."""
    edges = [[j for j, r in enumerate(right) if a.values & r.values] for a in left]
    owner = [-1] * len(right)

    def assign(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] == -1 or assign(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    lonely_left = [i for i in range(len(left)) if not assign(i, set())]
    lonely_right = [j for j in range(len(right)) if owner[j] == -1]
    return lonely_left, lonely_right


def compare_numbers(
    source: str, target: str, source_language: str = "en", target_language: str = "fa"
) -> tuple[list[str], list[str]]:
    """Return the numbers of *source* missing from *target* and those *target* adds, as written.

    >>> compare_numbers("4,000 workers", "۴٬۰۰۰ کارگر")
    ([], [])
    >>> compare_numbers("4,000 workers", "۴۰۰ کارگر")
    (['4,000'], ['۴۰۰'])
    """
    if not (_HAS_DIGIT.search(source) or _HAS_DIGIT.search(target)):
        return [], []
    strict = source_language.split("_")[0] == "en"
    arabic_script = persian.family(target_language) is not None
    left = _groups(source, strict, persian.family(source_language) is not None)
    right = _groups(target, False, arabic_script)
    best: tuple[list[_Number], list[_Number]] | None = None
    choices = [g for g in left + right]
    combos: Iterable[tuple[list[_Number], ...]]
    if math.prod(len(g) for g in choices) <= 256:
        combos = itertools.product(*choices)
    else:
        combos = [tuple(g[0] for g in choices)]
    for combo in combos:
        a = [n for reading in combo[: len(left)] for n in reading]
        b = [n for reading in combo[len(left) :] for n in reading]
        lonely_a, lonely_b = _pair_up(a, b)
        if best is None or len(lonely_a) + len(lonely_b) < len(best[0]) + len(best[1]):
            best = ([a[i] for i in lonely_a], [b[j] for j in lonely_b])
            if not lonely_a and not lonely_b:
                break
    missing, extra = best if best is not None else ([], [])
    if missing and extra and persian.family(target_language) in ("fa", "ckb"):
        missing, extra = _solar_years(missing, extra)
    if missing:
        words = Counter(_number_words(target, target_language))
        missing = [n for n in missing if not _take(words, n.values)]
    if extra:
        words = Counter(_number_words(source, source_language))
        extra = [n for n in extra if not _take(words, n.values)]
    return [n.text for n in missing], [n.text for n in extra]


def _solar_years(
    missing: list[_Number], extra: list[_Number]
) -> tuple[list[_Number], list[_Number]]:
    """Pair Gregorian years with the Solar Hijri years a Persian text gives instead.

    Translators into Persian write "October 2022" as «مهر ۱۴۰۱»: the year
    is 621 or 622 less, depending on the month, which is not checked.

    >>> compare_numbers("Khuzestan, October 2022.", "خوزستان، مهر ۱۴۰۱.")
    ([], [])
    >>> compare_numbers("In 2022 they struck.", "در ۱۳۹۹ اعتصاب کردند.")
    (['2022'], ['۱۳۹۹'])
    """
    extra = list(extra)
    kept = []
    for number in missing:
        years = {int(v) for v in number.values if v == v.to_integral_value() and 1900 <= v <= 2100}
        match = next(
            (
                i
                for i, other in enumerate(extra)
                if any(y - d in other.values for y in years for d in (621, 622))
            ),
            None,
        )
        if match is None:
            kept.append(number)
        else:
            del extra[match]
    return kept, extra


def _take(pool: Counter, values: frozenset[Decimal]) -> bool:
    for value in values:
        if pool[value] > 0:
            pool[value] -= 1
            return True
    return False


@unit_check("numbers", reports="error")
def numbers(ctx: Context, unit: Unit) -> list[Finding]:
    """The same numbers in the source and the translation."""
    if not unit.target:
        return []
    missing, extra = compare_numbers(
        unit.source, unit.target, ctx.project.source_language, unit.language
    )
    parts = []
    if missing:
        listed = ", ".join(f'"{n}"' for n in missing)
        verb = "is" if len(missing) == 1 else "are"
        parts.append(f"{listed} in the source {verb} not in the translation")
    if extra:
        listed = ", ".join(f"«{n}»" for n in extra)
        verb = "is" if len(extra) == 1 else "are"
        parts.append(f"{listed} in the translation {verb} not in the source")
    if not parts:
        return []
    return [unit.finding("numbers", ERROR, "; ".join(parts))]


# Number words, read only to account for a number the other side writes in digits.

_EN_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_NUMBERS.update(
    (w, 10 * i)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
)
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
_EN_SCALES = {"hundred": 100, "hundredth": 100, "thousand": 1000, "thousandth": 1000}
_EN_SCALES.update({"million": 10**6, "billion": 10**9, "dozen": 12})

_FA_NUMBERS = {
    "صفر": 0, "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6, "هفت": 7,
    "هشت": 8, "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14,
    "پانزده": 15, "پونزده": 15, "شانزده": 16, "هفده": 17, "هجده": 18, "هیجده": 18,
    "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40, "پنجاه": 50, "شصت": 60, "هفتاد": 70,
    "هشتاد": 80, "نود": 90, "صد": 100, "یکصد": 100, "دویست": 200, "سیصد": 300,
    "چهارصد": 400, "پانصد": 500, "ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
    "اول": 1, "اولین": 1, "نخست": 1, "نخستین": 1, "سوم": 3, "سومین": 3,
}  # fmt: skip
_FA_SCALES = {"هزار": 1000, "میلیون": 10**6, "میلیارد": 10**9}
_FA_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه"})
_WORD = re.compile(r"[^\W\d_]+")


def _fa_word(word: str) -> int | None:
    if word in _FA_NUMBERS:
        return _FA_NUMBERS[word]
    for suffix in ("مین", "م"):  # ordinals: دوم، یازدهم، بیستمین
        if word.endswith(suffix) and word[: -len(suffix)] in _FA_NUMBERS:
            return _FA_NUMBERS[word[: -len(suffix)]]
    return None


def _number_words(text: str, language: str) -> list[Decimal]:
    """Return the numbers *text* writes in words (English and Persian only).

    >>> _number_words("ten thousand workers and twenty-three councils", "en")
    [Decimal('10000'), Decimal('23')]
    >>> _number_words("بیست و سه هزار کارگر", "fa")
    [Decimal('23000')]
    """
    base = language.split("_")[0]
    small: Callable[[str], int | None]
    if base == "en":
        words = _WORD.findall(text.lower())
        small, scales, joiner = {**_EN_NUMBERS, **_EN_ORDINALS}.get, _EN_SCALES, "and"
    elif persian.family(language) == "fa":
        words = _WORD.findall(text.translate(_FA_LETTERS))
        small, scales, joiner = _fa_word, _FA_SCALES, "و"
    else:
        return []
    found: list[Decimal] = []
    total = current = room = 0  # room: a following word below it continues the number
    active = joined = False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        value = small(word)
        if word == "نه" and not (joined or following in scales):
            value = None  # "no", "not" far more often than "nine"
        if word in ("a", "an") and following in scales:
            value = 1
        if value is not None:
            if active and value < room:
                current += value
            else:
                if active:
                    found.append(Decimal(total + current))
                total, current = 0, value
            room = 100 if value >= 100 and value % 100 == 0 else 10 if value % 10 == 0 else 0
            active, joined = True, False
        elif word in scales and (active or word == "dozen"):
            factor = scales[word]
            if factor in (12, 100):
                current = max(current, 1) * factor
                room = 0 if factor == 12 else 100
            else:
                total += max(current, 1) * factor
                current, room = 0, factor
            active, joined = True, False
        elif word == joiner and active and (small(following) is not None or following in scales):
            joined = True
        else:
            if active:
                found.append(Decimal(total + current))
            total = current = room = 0
            active = joined = False
    if active:
        found.append(Decimal(total + current))
    return found


# -- links -----------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"«»“”‘’\u200c-\u200f]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_TRAILING = ".,;:!?'\"’”)]}*_"


def _links(text: str) -> list[str]:
    """Return the URLs and e-mail addresses in *text*, trailing punctuation left out.

    >>> _links("via https://ncr-iran.org/en/news/. Write to a@b.org!")
    ['https://ncr-iran.org/en/news/', 'a@b.org']
    """
    if "://" not in text and "www." not in text.lower() and "@" not in text:
        return []
    found = []
    for m in _URL.finditer(text):
        url = m.group()
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        found.append(url)
    found += _EMAIL.findall(text)
    return found


def _without_links(text: str) -> str:
    if "://" not in text and "www." not in text.lower() and "@" not in text:
        return text
    for link in _links(text):
        text = text.replace(link, " ")
    return text


def _link_key(link: str) -> str:
    link = unquote(link).rstrip("/")
    scheme, sep, rest = link.partition("://")
    if sep:
        host, slash, path = rest.partition("/")
        return f"{scheme.lower()}://{host.lower()}{slash}{path}"
    return link.lower() if "@" in link else link


@unit_check("urls", reports="error, warning")
def urls(ctx: Context, unit: Unit) -> list[Finding]:
    """URLs and e-mail addresses carried over unchanged."""
    if not unit.target:
        return []
    source_links = _links(unit.source)
    target_links = _links(unit.target)
    if not source_links and not target_links:
        return []
    missing, extra = _pair_links(source_links, target_links)
    found = []
    for link in missing:
        kind = "e-mail address" if "@" in link and "://" not in link else "URL"
        instead = f"; it has «{extra[0]}» instead" if extra else ""
        found.append(
            unit.finding(
                "urls",
                ERROR,
                f'the {kind} "{link}" of the source is not in the translation{instead}; '
                "copy it unchanged",
            )
        )
    if not missing:
        for link in extra:
            found.append(
                unit.finding(
                    "urls",
                    WARNING,
                    f"the translation adds the link «{link}», which the source does not have",
                )
            )
    return found


def _pair_links(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    """Return the source links the target lacks, and the target links the source lacks.

    A Persian word written right after a link (``…/news/را``) reads as part
    of it, since an address may hold Persian letters: the link still counts
    as carried over.
    """
    left = [(x, _link_key(x)) for x in source]
    right = [(x, _link_key(x)) for x in target]
    missing = []
    for link, key in left:
        for i, (_other, other) in enumerate(right):
            rest = other[len(key) :].lstrip("/") if other.startswith(key) else "?"
            if other == key or (rest and not rest[0].isascii()):
                del right[i]
                break
        else:
            missing.append(link)
    return missing, [x for x, _ in right]


# -- punctuation -----------------------------------------------------------------

_STOP, _QUESTION, _EXCLAMATION = "full stop", "question mark", "exclamation mark"
_COLON, _SEMICOLON, _COMMA, _ELLIPSIS = "colon", "semicolon", "comma", "ellipsis"
_END_MARKS = {
    ".": _STOP, "۔": _STOP, "。": _STOP, "।": _STOP, "?": _QUESTION, "؟": _QUESTION,
    "？": _QUESTION, "!": _EXCLAMATION, "！": _EXCLAMATION, ":": _COLON, "：": _COLON,
    ";": _SEMICOLON, "؛": _SEMICOLON, ",": _COMMA, "،": _COMMA, "…": _ELLIPSIS,
}  # fmt: skip
# What may follow the last mark: closing quotes and brackets, Markdown emphasis,
# invisible direction marks, spaces (French writes "grève ?").
_AFTER_MARK = set("\"'”’»›)]}）］」』*_\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069")
# The marks of Arabic-script languages, and the Latin ones they replace.
_NATIVE = {"?": "؟", ";": "؛", ",": "،"}
_LATIN = {v: k for k, v in _NATIVE.items()}


def _ending(text: str) -> str:
    """Return the last end punctuation of *text* as written (``...`` for an ellipsis), or ''.

    >>> _ending('He said “go.”'), _ending("«برو».")
    ('.', '.')
    """
    i = len(text)
    while i:
        c = text[i - 1]
        if c in _END_MARKS:
            if c == "." and i >= 2 and text[i - 2] == ".":
                return "..."
            return c
        if c in _AFTER_MARK or c.isspace():
            i -= 1
            continue
        return ""
    return ""


@unit_check("punctuation", reports="warning, info")
def punctuation(ctx: Context, unit: Unit) -> list[Finding]:
    """End punctuation that matches the source's, in the target language's marks."""
    if not unit.target:
        return []
    mine, theirs = _ending(unit.source), _ending(unit.target)
    kind_mine = _ELLIPSIS if mine == "..." else _END_MARKS.get(mine)
    kind_theirs = _ELLIPSIS if theirs == "..." else _END_MARKS.get(theirs)
    if kind_mine != kind_theirs:
        if not mine:
            what = "a heading" if unit.kind == "heading" else "a title or a line"
            said = f"the source ends without punctuation ({what}), the translation with «{theirs}»"
        elif not theirs:
            said = f'the source ends with "{mine}" ({kind_mine}), the translation without one'
        else:
            said = (
                f'the source ends with "{mine}" ({kind_mine}), '
                f"the translation with «{theirs}» ({kind_theirs})"
            )
        return [unit.finding("punctuation", WARNING, said)]
    if ctx.family is not None and theirs in _NATIVE:
        name = _language_name(unit.language)
        return [
            unit.finding(
                "punctuation",
                INFO,
                f"the translation ends with «{theirs}»; {name} writes «{_NATIVE[theirs]}» "
                f'(the source has "{mine}")',
            )
        ]
    if ctx.family is None and theirs in _LATIN:
        return [
            unit.finding(
                "punctuation",
                INFO,
                f"the translation ends with «{theirs}», an Arabic-script mark; "
                f'use «{_LATIN[theirs]}» (the source has "{mine}")',
            )
        ]
    return []


# -- brackets and quotation marks ----------------------------------------------

_BRACKETS = (("(", ")", "parentheses"), ("[", "]", "square brackets"), ("{", "}", "braces"))
_ANY_BRACKET = re.compile(r"[()\[\]{}\"“”„«»‘‚‹›]")


def _balance(text: str, openers: str, closers: str) -> tuple[int, int]:
    """Return (left open, closed without an opening) for one kind of pair."""
    depth = orphans = 0
    for c in _marks(openers + closers).findall(text):
        if c in openers:
            depth += 1
        elif depth:
            depth -= 1
        else:
            orphans += 1
    return depth, orphans


@functools.lru_cache(maxsize=32)
def _marks(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")


def _either_way(text: str, a: str, b: str) -> tuple[int, int]:
    # «…» in French and Persian, »…« in German and Danish: whichever reads better.
    if a not in text and b not in text:
        return 0, 0
    forward, backward = _balance(text, a, b), _balance(text, b, a)
    return forward if sum(forward) <= sum(backward) else backward


def _quote_balance(text: str) -> tuple[int, int]:
    """Return (left open, closed without an opening) over every kind of quotation mark."""
    pairs = [
        (text.count('"') % 2, 0),
        _either_way(text, "«", "»"),
        _either_way(text, "‹", "›"),
    ]
    if "„" in text:
        pairs.append(_balance(text, "„", "“”"))
    elif "“" in text:
        pairs.append(_balance(text, "“", "”"))
    elif text.count("”") % 2:
        pairs.append((0, 1))  # a lone closing mark; an even number is Swedish ”…”
    if "‚" in text:
        pairs.append(_balance(text, "‚", "‘"))
    elif "‘" in text:
        # ’ is far more often an apostrophe (Arak’s, workers’): count only those
        # not inside a word as closing marks, and never as unmatched.
        opening = text.count("‘")
        closing = sum(
            1
            for m in re.finditer("’", text)
            if not (m.start() and text[m.start() - 1].isalnum() and text[m.end() :][:1].isalnum())
        )
        pairs.append((max(0, opening - closing), 0))
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)


def _say_balance(state: tuple[int, int], opener: str, closer: str, quote: Callable) -> str:
    left_open, orphans = state
    parts = []
    if left_open:
        parts.append(f"{left_open} {quote(opener)} left open")
    if orphans:
        parts.append(f"{orphans} {quote(closer)} without its {quote(opener)}")
    return " and ".join(parts) if parts else "them balanced"


@unit_check("brackets", reports="warning")
def brackets(ctx: Context, unit: Unit) -> list[Finding]:
    """Brackets and quotation marks balanced as in the source."""
    if not unit.target:
        return []
    if not (_ANY_BRACKET.search(unit.source) or _ANY_BRACKET.search(unit.target)):
        return []
    found = []

    def s(x: str) -> str:
        return f'"{x}"'

    def t(x: str) -> str:
        return f"«{x}»"

    for opener, closer, name in _BRACKETS:
        mine = _balance(unit.source, opener, closer)
        theirs = _balance(unit.target, opener, closer)
        if mine != theirs:
            found.append(
                f"{name}: the source has {_say_balance(mine, opener, closer, s)}, "
                f"the translation {_say_balance(theirs, opener, closer, t)}"
            )
    mine, theirs = _quote_balance(unit.source), _quote_balance(unit.target)
    if mine != theirs:
        found.append(
            f"quotation marks: the source has {_say_quotes(mine)}, "
            f"the translation {_say_quotes(theirs)}"
        )
    return [unit.finding("brackets", WARNING, message) for message in found]


def _say_quotes(state: tuple[int, int]) -> str:
    left_open, orphans = state
    parts = []
    if left_open:
        parts.append(f"{left_open} quotation left open")
    if orphans:
        parts.append(f"{orphans} closing mark without its opening one")
    return " and ".join(parts) if parts else "them balanced"


# -- whitespace -----------------------------------------------------------------

_DOUBLE_SPACE = re.compile(r"[^\S\n\r\u2028\u2029]{2,}")
_STRAY_ZWNJ = re.compile(r"\s\u200c|\u200c\s|\u200c{2,}|^\u200c|\u200c$")


@unit_check("whitespace", reports="warning, info")
def whitespace(ctx: Context, unit: Unit) -> list[Finding]:
    """Leading, trailing and doubled spaces, and added line breaks."""
    source, target = unit.source, unit.target
    if not target:
        return []
    found: list[tuple[str, str]] = []
    for side, at in (("starts", 0), ("ends", -1)):
        mine, theirs = bool(source) and source[at].isspace(), target[at].isspace()
        if theirs and not mine:
            found.append((WARNING, f"the translation {side} with a space; the source does not"))
        elif mine and not theirs:
            found.append((WARNING, f"the source {side} with a space; the translation does not"))
    doubles = list(_DOUBLE_SPACE.finditer(target.strip()))
    if doubles and len(doubles) > len(_DOUBLE_SPACE.findall(source.strip())):
        inner = target.strip()
        before = inner[max(0, doubles[0].start() - 20) : doubles[0].start()]
        found.append((WARNING, f"the translation has a double space after «{before.lstrip()}»"))
    # A hard-wrapped source has line breaks a translation need not keep; one
    # the source lacks changes the layout of the built text (two end a paragraph).
    breaks_mine = source.strip().count("\n")
    breaks_theirs = target.strip().count("\n")
    if breaks_theirs > breaks_mine:
        found.append(
            (
                WARNING,
                f"the translation has {breaks_theirs} line break(s) inside, "
                f"the source {breaks_mine}",
            )
        )
    stray = _STRAY_ZWNJ.search(target)
    if stray and not _STRAY_ZWNJ.search(source):
        before = target[max(0, stray.start() - 20) : stray.start()]
        found.append(
            (
                INFO,
                "the translation has a zero-width non-joiner beside a space or at a word's edge "
                f"after «{before.lstrip()}»",
            )
        )
    return [unit.finding("whitespace", severity, message) for severity, message in found]


# -- the project: consistency and length ---------------------------------------

#: Units whose source is shorter than this (in characters) are left out of the length check.
MIN_LENGTH = 20
#: Translated units needed before the usual length ratio is learned from the project.
LEARN_FROM = 30
#: How far from the usual log ratio a unit may be, in robust standard deviations.
LENGTH_SPREADS = 3.5
#: However tight the project's spread, a ratio within this factor of the usual is fine.
LENGTH_SLACK = 1.5
#: Nor is a translation within this many characters of its usual length: short
#: units vary more, and five words more or less is no omission.
LENGTH_FLOOR = 20
# Used until the project has LEARN_FROM units: ratio 1, and a spread that
# covers English to Persian, Arabic, Kurdish, German or French.
_FALLBACK_SPREAD = 0.3
_PLACES_SHOWN = 5


@dataclass(frozen=True)
class LengthModel:
    """The usual length ratio of translations in a language: log median and robust spread."""

    median: float = 0.0
    spread: float = _FALLBACK_SPREAD
    units: int = 0  # learned from; 0 while the fallback is in use

    @classmethod
    def learn(cls, ratios: Sequence[float]) -> LengthModel:
        """Learn the model from log length ratios (the fallback below LEARN_FROM of them)."""
        if len(ratios) < LEARN_FROM:
            return cls()
        median = statistics.median(ratios)
        mad = statistics.median(abs(r - median) for r in ratios)
        return cls(median, min(max(1.4826 * mad, 0.1), 0.5), len(ratios))

    @property
    def limit(self) -> float:
        return max(LENGTH_SPREADS * self.spread, math.log(LENGTH_SLACK))

    def usual(self) -> tuple[float, float]:
        """Return the range of ratios most units fall in (median ± 2 spreads)."""
        return math.exp(self.median - 2 * self.spread), math.exp(self.median + 2 * self.spread)


def _visible_length(collapsed: str) -> int:
    """Return the length of collapsed text, zero-width non-joiners left out."""
    return len(collapsed) - collapsed.count("\u200c")


def _loose(collapsed: str) -> str:
    """Fold a collapsed source for 'same source': case and apostrophes."""
    for c in persian.APOSTROPHES:
        if c in collapsed:
            collapsed = collapsed.replace(c, "'")
    return collapsed.casefold()


Place = tuple[str, "str | None", str]
Group = dict[str, list[Unit]]


@dataclass
class Tables:
    """The translated units of one language across the project, indexed for the checks.

    Treat tables as read-only: :meth:`replaced` returns new ones, so a
    check running in another thread keeps a consistent view.
    """

    #: collapsed source -> collapsed target -> units, in (statement, line) order.
    by_source: dict[str, Group]
    #: collapsed target -> loosely folded source -> units.
    by_target: dict[str, Group]
    #: each indexed unit's place -> its collapsed target.
    recorded: dict[Place, str]
    length: LengthModel
    units: int = 0
    #: each translated unit's place -> log length ratio (long enough units only).
    ratios: dict[Place, float] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, units: Iterable[Unit]) -> Tables:
        """Index *units* (every unit of one language, all statements)."""
        tables = cls({}, {}, {}, LengthModel())
        touched: set[tuple[int, str]] = set()
        tables.units = tables._add(units, touched, None)
        tables._sort(touched)
        tables.length = LengthModel.learn(list(tables.ratios.values()))
        return tables

    def replaced(self, old: Sequence[Unit], new: Sequence[Unit]) -> Tables:
        """Return new tables in which the units *old* (one catalog, as indexed) are *new*.

        Only the groups the two touch are copied, so one saved catalog costs
        milliseconds however large the project.
        """
        tables = Tables(
            dict(self.by_source),
            dict(self.by_target),
            dict(self.recorded),
            self.length,
            self.units + len(new) - len(old),
            dict(self.ratios),
        )
        copied: set[tuple[int, str]] = set()
        tables._remove(old, copied)
        tables._add(new, set(), copied)
        tables.length = LengthModel.learn(list(tables.ratios.values()))
        return tables

    def _group(self, which: int, key: str, copied: set[tuple[int, str]] | None) -> Group:
        table = self.by_source if which == 0 else self.by_target
        group = table.get(key)
        if copied is not None and (which, key) not in copied:
            copied.add((which, key))
            group = {k: list(v) for k, v in group.items()} if group is not None else None
            if group is not None:
                table[key] = group
        if group is None:
            group = table[key] = {}
        return group

    def _add(self, units: Iterable[Unit], touched: set[tuple[int, str]], copied: set | None) -> int:
        """Index *units*: appended, to be sorted once (a build), or put in place (an update)."""
        count = 0
        for unit in units:
            count += 1
            if unit.status not in DONE or not unit.target.strip():
                continue
            length = _visible_length(unit.collapsed_source)
            if length >= MIN_LENGTH:
                target_length = _visible_length(unit.collapsed_target)
                self.ratios[unit.place] = math.log(max(target_length, 1) / length)
            if unit.msgctxt is not None:
                continue  # an alternative rendering, different on purpose
            source, target = unit.collapsed_source, unit.collapsed_target
            for which, key, member in (
                (0, source, target),
                (1, target, _loose(unit.collapsed_source)),
            ):
                members = self._group(which, key, copied).setdefault(member, [])
                if copied is None:
                    members.append(unit)
                    touched.add((which, key))
                else:
                    bisect.insort(members, unit, key=_position)
            self.recorded[unit.place] = target
        return count

    def _remove(self, units: Iterable[Unit], copied: set) -> None:
        for unit in units:
            place = unit.place
            self.ratios.pop(place, None)
            target = self.recorded.pop(place, None)
            if target is None:
                continue
            position = _position(unit)
            for which, key, member in (
                (0, unit.collapsed_source, target),
                (1, target, _loose(unit.collapsed_source)),
            ):
                group = self._group(which, key, copied)
                members = group.get(member, [])
                at = bisect.bisect_left(members, position, key=_position)
                while at < len(members) and members[at].place != place:
                    at += 1
                if at < len(members):
                    del members[at]
                if not members:
                    group.pop(member, None)
                if not group:
                    (self.by_source if which == 0 else self.by_target).pop(key, None)

    def _sort(self, touched: set[tuple[int, str]]) -> None:
        for which, key in touched:
            for members in (self.by_source if which == 0 else self.by_target)[key].values():
                if len(members) > 1:
                    members.sort(key=_position)


def _position(unit: Unit) -> tuple[str, int]:
    return (unit.statement, unit.line or 0)


def _others(
    group: dict[str, list[Unit]], own: str | None, unit: Unit
) -> dict[str, tuple[int, list[Unit]]]:
    """Return each key of *group* with its count and first places, *unit* itself left out.

    *own* is the key *unit* is recorded under. Only the places shown are
    looked at, so a source repeated in every statement costs no more.
    """
    out = {}
    for key, members in group.items():
        count = len(members)
        shown = members[: _PLACES_SHOWN + 1]
        if key == own:
            count -= 1
            shown = [m for m in shown if m.place != unit.place]
        if count:
            out[key] = (count, shown[:_PLACES_SHOWN])
    return out


def _places(count: int, shown: list[Unit]) -> str:
    more = count - len(shown)
    return ", ".join(m.where for m in shown) + (f" and {more} more" if more > 0 else "")


@unit_check("inconsistent-translation", tables=True, reports="warning")
def inconsistent_translation(ctx: Context, unit: Unit) -> list[Finding]:
    """The same source translated the same way across the project."""
    if unit.status not in DONE or unit.msgctxt is not None or not unit.target.strip():
        return []
    group = ctx.tables.by_source.get(unit.collapsed_source)
    mine = unit.collapsed_target
    if not group or (len(group) == 1 and mine in group):
        return []
    others = _others(group, ctx.tables.recorded.get(unit.place), unit)
    if not others or (len(others) == 1 and mine in others):
        return []
    same = others.pop(mine, None)
    renderings = [f"«{excerpt(mine)}» here" + (f" and at {_places(*same)}" if same else "")]
    for target, (count, shown) in sorted(others.items(), key=lambda kv: (-kv[1][0], kv[0])):
        renderings.append(f"«{excerpt(target)}» at {_places(count, shown)}")
    return [
        unit.finding(
            "inconsistent-translation",
            WARNING,
            f"{_src(unit.source)} is translated {len(renderings)} ways in the project: "
            + "; ".join(renderings),
        )
    ]


@unit_check("inconsistent-source", tables=True, reports="warning, info")
def inconsistent_source(ctx: Context, unit: Unit) -> list[Finding]:
    """Different sources given the same translation."""
    if unit.status not in DONE or unit.msgctxt is not None or not unit.target.strip():
        return []
    mine = unit.collapsed_target
    group = ctx.tables.by_target.get(mine)
    own_source = _loose(unit.collapsed_source)
    if not group or (len(group) == 1 and own_source in group):
        return []
    # The unit itself is recorded under its own source, which is left out whole.
    others = {key: members for key, members in group.items() if key != own_source}
    if not others:
        return []
    sources = [
        f"{_src(members[0].source)} at {_places(len(members), members[:_PLACES_SHOWN])}"
        for _, members in sorted(others.items(), key=lambda kv: _position(kv[1][0]))
    ]
    severity = WARNING if len(mine.split()) >= 5 else INFO
    return [
        unit.finding(
            "inconsistent-source",
            severity,
            f"the translation {_tgt(unit.target)} of {_src(unit.source)} also translates "
            + "; ".join(sources),
        )
    ]


@unit_check("length", tables=True, reports="warning")
def length(ctx: Context, unit: Unit) -> list[Finding]:
    """Translations far longer or shorter than usual in this project."""
    if not unit.target.strip():
        return []
    source_length = _visible_length(unit.collapsed_source)
    if source_length < MIN_LENGTH:
        return []
    target_length = _visible_length(unit.collapsed_target)
    model = ctx.tables.length
    ratio = math.log(max(target_length, 1) / source_length)
    if abs(ratio - model.median) <= model.limit:
        return []
    if abs(target_length - source_length * math.exp(model.median)) < LENGTH_FLOOR:
        return []
    low, high = model.usual()
    basis = (
        f"from {model.units} translated units"
        if model.units
        else f"a default until {LEARN_FROM} units are translated"
    )
    name = _language_name(unit.language)
    return [
        unit.finding(
            "length",
            WARNING,
            f"the translation {_tgt(unit.target)} is {math.exp(ratio):.2f} times as long as the "
            f"source {_src(unit.source)} ({source_length} → {target_length} characters); "
            f"{name} translations here usually run {low:.2f}–{high:.2f} times ({basis})",
        )
    ]


# -- running the checks ---------------------------------------------------------


@dataclass(frozen=True)
class Results:
    """What a run found: the findings to report, and those dismissed on their unit."""

    findings: list[Finding]
    dismissed: list[Finding]


# How often the files behind the tables are looked at again even though their
# folder did not change (an editor that rewrites a file in place).
_RESCAN_SECONDS = 2.0


@dataclass
class Checker:
    """The checks of one target language, ready to run.

    *only* names the checks to run (all by default). *read* returns the
    parsed catalog of (language, statement) for the project tables; a web
    process that keeps catalogs parsed passes its store's ``get`` so a save
    is not parsed twice. By default the file is read.
    """

    context: Context
    only: tuple[str, ...] | None = None
    read: Callable[[str, str], cat.Catalog] | None = None
    _checks: list[Check] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        if self.only is not None:
            unknown = [name for name in self.only if name not in REGISTRY]
            if unknown:
                raise WorkbenchError(
                    f'unknown check "{unknown[0]}"; the checks are: {", ".join(REGISTRY)}'
                )
        self._checks = [c for name, c in REGISTRY.items() if self.only is None or name in self.only]
        self._lock = threading.Lock()
        self._files: dict[Path, tuple[tuple[int, ...], list[Unit]]] = {}
        self._folder_key: int | None = None
        self._scanned = 0.0
        self._pinned = False

    @property
    def needs_tables(self) -> bool:
        """Tell whether a chosen check compares a unit with the rest of the project."""
        return any(c.tables for c in self._checks)

    # -- the project's tables -------------------------------------------------

    def use(self, units: Iterable[Unit]) -> Tables:
        """Build the tables from *units*, every unit of the language, and keep them."""
        self.context.tables = Tables.build(units)
        self._pinned = True
        return self.context.tables

    def tables(self) -> Tables:
        """Return the tables of the language, rebuilt when one of its catalogs changed.

        Looking costs one ``stat`` of the catalogs' folder (an atomic write
        changes it); every few seconds each file is looked at as well. Only
        changed catalogs are read again. A catalog that cannot be read is
        left out (``workbench check`` reports it).
        """
        if self._pinned:
            return self.context.tables
        project = self.context.project
        folder = project.catalog_path(self.context.language, "x").parent
        try:
            folder_key = os.stat(folder).st_mtime_ns
        except OSError:
            folder_key = None
        now = time.monotonic()
        if (
            folder_key == self._folder_key
            and self._scanned
            and now - self._scanned < _RESCAN_SECONDS
        ):
            return self.context.tables
        with self._lock:
            changes: list[tuple[list[Unit], list[Unit]]] = []
            seen = set()
            for path in sorted(folder.glob("*.po")) if folder_key is not None else []:
                seen.add(path)
                try:
                    key = cat.stat_key(os.stat(path))
                except OSError:
                    continue
                cached = self._files.get(path)
                if cached is not None and cached[0] == key:
                    continue
                try:
                    if self.read is not None:
                        catalog = self.read(self.context.language, path.stem)
                    else:
                        catalog = cat.read(path, project.relative(path))
                    units = units_of(path.stem, self.context.language, catalog.active())
                except WorkbenchError:
                    units = []
                changes.append((cached[1] if cached is not None else [], units))
                self._files[path] = (key, units)
            for gone in set(self._files) - seen:
                changes.append((self._files.pop(gone)[1], []))
            changed = sum(len(new) for _old, new in changes)
            if not self._scanned or changed > self.context.tables.units // 4:
                self.context.tables = Tables.build(
                    u for _key, units in self._files.values() for u in units
                )
            else:
                for old, new in changes:
                    self.context.tables = self.context.tables.replaced(old, new)
            self._folder_key = folder_key
            self._scanned = now
        return self.context.tables

    # -- running ----------------------------------------------------------------

    def unit_findings(
        self, statement: str, entry: Entry, line: int | None = None, editor: bool = True
    ) -> list[Finding]:
        """Return the findings of the unit checks on one entry."""
        unit = Unit.of(statement, self.context.language, entry, line)
        checks = [c for c in self._checks if c.scope == "unit" and (c.editor or not editor)]
        if any(c.tables for c in checks):
            self.tables()
        return self._unit(unit, checks)[0]

    def run(self, units: list[Unit], everything: Iterable[Unit] | None = None) -> list[Finding]:
        """Return every finding of every check over *units*.

        The project-wide tables come from *everything* (every unit of the
        language), or from *units* themselves, unless :meth:`use` set them.
        """
        return self.results(units, everything).findings

    def results(self, units: list[Unit], everything: Iterable[Unit] | None = None) -> Results:
        """Run every check over *units*; return the findings and the dismissed ones."""
        unit_checks = [c for c in self._checks if c.scope == "unit"]
        if any(c.tables for c in unit_checks) and (everything is not None or not self._pinned):
            self.context.tables = Tables.build(units if everything is None else everything)
        found: list[Finding] = []
        dismissed: list[Finding] = []
        for unit in units:
            kept, gone = self._unit(unit, unit_checks)
            found += kept
            dismissed += gone
        project_checks = [c for c in self._checks if c.scope == "project"]
        if project_checks:
            by_key = {u.place: u for u in units}
            for check in project_checks:
                for finding in check.function(self.context, units):
                    owner = by_key.get((finding.statement, finding.msgctxt, finding.source))
                    if owner is None:
                        found.append(finding)
                        continue
                    kept, gone = _split_dismissed(owner, _as_draft(owner, [finding]))
                    found += kept
                    dismissed += gone
        return Results(found, dismissed)

    def _unit(self, unit: Unit, checks: list[Check]) -> tuple[list[Finding], list[Finding]]:
        found: list[Finding] = []
        for check in checks:
            found += check.function(self.context, unit)
        return _split_dismissed(unit, _as_draft(unit, found))


def _as_draft(unit: Unit, findings: list[Finding]) -> list[Finding]:
    if unit.status != cat.FUZZY:
        return findings
    return [replace(f, severity=WARNING) if f.severity == ERROR else f for f in findings]


def _split_dismissed(unit: Unit, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    if not unit.dismissed:
        return findings, []
    gone = {check for check, _reason in unit.dismissed}
    return [f for f in findings if f.check not in gone], [f for f in findings if f.check in gone]


def units_of(statement: str, language: str, entries: Iterable[Entry]) -> list[Unit]:
    """Return the units of a catalog's active *entries*."""
    return [Unit.of(statement, language, e) for e in entries if not e.obsolete]


# -- a whole project ---------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """The findings of a check run over a project, sorted for reading."""

    findings: list[Finding]
    dismissed: list[Finding]
    languages: tuple[str, ...]
    statements: tuple[str, ...]
    missing: tuple[str, ...]  # catalogs not written yet (relative paths)
    units: int


def check_project(
    project: Project,
    languages: Sequence[str] | None = None,
    statements: Sequence[str] | None = None,
    only: Sequence[str] | None = None,
) -> Report:
    """Run the checks over the catalogs of *languages* (all) for *statements* (all).

    The project-wide checks compare with every statement of the language,
    whichever statements are reported. A catalog that cannot be read raises
    :class:`~workbench.errors.CatalogError` naming the file and line.
    """
    # A run makes hundreds of thousands of small objects and no reference
    # cycles; the collector's passes over them would cost a sixth of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_project(project, languages, statements, only)
    finally:
        if collecting:
            gc.enable()


def _check_project(
    project: Project,
    languages: Sequence[str] | None,
    statements: Sequence[str] | None,
    only: Sequence[str] | None,
) -> Report:
    from . import glossary as gl
    from .termmatch import SourceMatcher

    langs = tuple(project.require_language(x) for x in (languages or project.languages))
    every = [s.id for s in project.statements()]
    chosen = tuple(project.statement(s).id for s in statements) if statements else tuple(every)
    glossary = gl.load(project)
    matcher = SourceMatcher(list(glossary), language=project.source_language)
    findings: list[Finding] = []
    dismissed: list[Finding] = []
    missing: list[str] = []
    count = 0
    for lang in langs:
        checker = Checker(
            Context(project, lang, glossary, matcher), tuple(only) if only is not None else None
        )
        everything: list[Unit] = []
        selected: list[Unit] = []
        wanted = set(chosen)
        for statement in every if checker.needs_tables else chosen:
            path = project.catalog_path(lang, statement)
            if not path.exists():
                if statement in wanted and statements:
                    raise CatalogError(
                        "does not exist; run: workbench update", path=project.relative(path)
                    )
                if statement in wanted:
                    missing.append(project.relative(path))
                continue
            catalog = cat.read(path, project.relative(path))
            units = units_of(statement, lang, catalog.active())
            everything += units
            if statement in wanted:
                selected += units
        count += len(selected)
        if checker.needs_tables:
            checker.use(everything)
        results = checker.results(selected)
        findings += results.findings
        dismissed += results.dismissed
    return Report(
        sort_findings(findings), sort_findings(dismissed), langs, chosen, tuple(missing), count
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by statement, language, line, then gravest first, in registry order."""
    order = {name: i for i, name in enumerate(REGISTRY)}
    return sorted(
        findings,
        key=lambda f: (
            f.statement,
            f.language,
            f.line if f.line is not None else 0,
            f.msgctxt or "",
            f.source,
            SEVERITIES.index(f.severity),
            order.get(f.check, len(order)),
        ),
    )


def severity_at_least(findings: Iterable[Finding], level: str) -> list[Finding]:
    """Return the findings as grave as *level* or graver."""
    rank = SEVERITIES.index(level)
    return [f for f in findings if SEVERITIES.index(f.severity) <= rank]


def has_errors(findings: Iterable[Finding]) -> bool:
    """Tell whether any finding is an error."""
    return any(f.severity == ERROR for f in findings)
