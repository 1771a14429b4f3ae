"""Numbers in a text and its translation: read them, compare them.

The numbers check (:mod:`workbench.checks.content`) asks
:func:`compare_numbers` which numbers of the source the translation lacks
and which it adds.

What is read, and so compared (cheap and reliable):

- digits in ASCII, Persian (۰-۹) and Arabic-Indic (٠-٩), and any other
  Unicode decimal digits;
- thousands separators: ٬ always; , and ' ’ and no-break or thin spaces
  before three digits; . before three digits in a translation (German
  10.700); decimals: ٫ always, . and, in a translation, , (German 3,5);
  an English source reads , as thousands and . as decimal only;
- / between two digit runs in an Arabic-script translation may be a
  decimal point (Persian ۳/۵ = 3.5); anywhere else it separates numbers
  (dates 11/09/2025, 24/7);
- a scale word after digits: 4 thousand, ۴ هزار, ۴ میلیون, ٤ ملايين,
  4 Millionen, 4 Mio., 4 millions, 4 milyon... (4,000 = ۴۰۰۰ = ۴ هزار);
  Persian ۱۰ هزار و ۷۰۰ = 10,700;
- numbers written in words, only to account for a number left over on the
  other side: English cardinals and ordinals (ten thousand, twenty-first)
  in the source, Persian ones (ده هزار، بیست و یکم، سوم، اول) in a Persian
  translation.

Not read: Arabic, Kurdish, German, French... number words, Roman numerals,
fractions such as ½, "and a half" in words. Whole dates moved to the Solar
Hijri calendar are compared by :mod:`workbench.lang.dates` before the numbers
are; here a Solar Hijri year that a Persian or Kurdish translation gives
for a Gregorian one ("2022" as «۱۴۰۱») is paired with it.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal

from workbench.lang import arabic_script as persian
from workbench.lang.links import without_links

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


class _Number:
    """A number in a text."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("text", "values")

    def __init__(self, text: str, values: frozenset[Decimal]) -> None:
        self.text = text  # as written
        self.values = values  # every value the writing may mean


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
    text = without_links(text)
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


# Compiled when first needed (start-up time): few units write numbers in words.
@functools.cache
def _glued() -> re.Pattern[str]:
    """Match a Persian number word with a scale word written onto it."""
    return re.compile(
        "("
        + "|".join(sorted((w for w in _FA_NUMBERS if len(w) > 1), key=len, reverse=True))
        + ")\u200c?(هزار|میلیون|میلیارد)"
    )


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
        # A scale word written onto its number: چهارهزار, دویست‌هزار.
        text = _glued().sub(r"\1 \2", text.translate(_FA_LETTERS))
        words = _WORD.findall(text)
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
