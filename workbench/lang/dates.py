"""Dates in a text and its translation: the Gregorian and the Solar Hijri calendar.

A Persian translation gives a Gregorian date of the source ("Today, 12
January 2026, …") either as the same day in the Solar Hijri calendar
(«امروز، ۲۲ دی ۱۴۰۴، …», Iranian or Dari month names, Persian or Latin
digits) or as the Gregorian date with Persian month names («۱۲ ژانویه
۲۰۲۶»). :func:`compare_dates` pairs the dates of both sides and says which
ones differ; the numbers check (:mod:`workbench.checks.content`) reports them
and leaves their numbers out of the comparison of numbers.

The calendars are converted by ``jdatetime`` (this module is its only
user), never by hand. Read in English: "12 January 2026", "12th of
January 2026", "January 12, 2026", "Jan. 12", "January 2026". In Persian
and Dari: day, month name and year in any order of day-month-year, with
``ماه`` after the month or not («۲۲ دی‌ماه ۱۴۰۴»), and ``1404/10/22``.

A date without a year is compared in the years around the other side's
(a day and month match if they match in any year from 1990 to 2050, since
the Solar Hijri day of a Gregorian date moves by one with leap years); a
month without a day matches either Solar month it overlaps ("January 2026"
is دی or بهمن ۱۴۰۴).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from workbench.lang.locales import format_gregorian, to_native_digits

GREGORIAN = "gregorian"
_DIGIT = re.compile(r"\d")
SOLAR = "solar"

_EN_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# Solar Hijri months: Iranian names, then Dari ones (Afghanistan).
_SOLAR_MONTHS = {
    name: n
    for names in (
        "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split(),
        "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت".split(),
    )
    for n, name in enumerate(names, start=1)
}
# Gregorian months in Persian, in their common spellings.
_FA_GREGORIAN = {
    "ژانویه": 1, "فوریه": 2, "مارس": 3, "آوریل": 4, "آپریل": 4,
    "مه": 5, "می": 5, "ژوئن": 6, "جون": 6, "ژوئیه": 7, "ژوییه": 7, "جولای": 7, "اوت": 8,
    "آگوست": 8, "اگوست": 8, "سپتامبر": 9, "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
}  # fmt: skip
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_D = r"[0-9۰-۹٠-٩]"
_EN_MONTH = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_EN_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>{_EN_MONTH})\.?"
    rf"|(?P<m2>{_EN_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<m3>{_EN_MONTH})(?=,?\s+\d{{4}}))"
    r"(?:,?\s+(?P<y>\d{4}))?\b",
    re.IGNORECASE,
)
# A month name before its year takes the ezafe: after a final heh a hamza
# above it (ژوئیهٔ), the heh with it as one letter (ژوئیۀ) or a yeh after a
# ZWNJ (ژوئیه‌ی); after a final alef a yeh (جوزای).
_HEH_WITH_YEH = "ۀ"
_FA_MONTH = "|".join(
    sorted(
        {
            *_SOLAR_MONTHS,
            *_FA_GREGORIAN,
            *(name[:-1] + _HEH_WITH_YEH for name in (*_SOLAR_MONTHS, *_FA_GREGORIAN)
              if name.endswith("ه")),
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip
_EZAFE = "(?:(?<=ه)(?:\u0654|\u200cی)|(?<=ا)ی)?"
_FA_DATE = re.compile(
    rf"(?<![\w])(?:(?P<d>{_D}{{1,2}})\s*(?:ام|اُم|م)?\s+)?(?P<m>{_FA_MONTH}){_EZAFE}"
    rf"(?:[\u200c ]?ماه)?(?:[\s،,]+(?:سال\s+)?(?P<y>{_D}{{4}}))?(?![\w])"
)
_FA_NUMERIC = re.compile(
    rf"(?<![\w/])(?P<y>1[34]{_D}{{2}}|۱[۳۴]{_D}{{2}})/(?P<m>{_D}{{1,2}})/(?P<d>{_D}{{1,2}})(?![\w/])"
)


@dataclass(frozen=True)
class Date:
    """A date as written: its calendar, year (or None), month and day (or None)."""

    text: str
    start: int
    end: int
    calendar: str
    year: int | None
    month: int
    day: int | None

    def days(self) -> set[datetime.date]:
        """Return the Gregorian days this date may be (several when the year or day is left out)."""
        years = [self.year] if self.year else None
        out: set[datetime.date] = set()
        if self.calendar == GREGORIAN:
            for year in years or range(1990, 2051):
                for day in [self.day] if self.day else range(1, 32):
                    try:
                        out.add(datetime.date(year, self.month, day))
                    except ValueError:
                        continue
            return out
        # Start-up time: the Solar Hijri calendar loads when a date needs it.
        import jdatetime

        for year in years or range(1368, 1430):
            for day in [self.day] if self.day else range(1, 32):
                try:
                    out.add(jdatetime.date(year, self.month, day).togregorian())
                except ValueError:
                    continue
        return out


def find_dates(text: str, language: str) -> list[Date]:
    """Return the dates of *text* (English, or Persian and Dari), in order."""
    base = language.replace("-", "_").split("_")[0].lower()
    found: list[Date] = []
    if not _DIGIT.search(text):
        return found  # every date has a day or a year: most sentences have neither
    if base == "en":
        for m in _EN_DATE.finditer(text):
            month = _EN_MONTHS[(m.group("m1") or m.group("m2") or m.group("m3")).lower()]
            day = m.group("d1") or m.group("d2")
            if m.group("m2") and m.group("m2").lower() == "may" and not day:
                continue  # the verb
            year = int(m.group("y")) if m.group("y") else None
            if day is None and year is None:
                continue
            found.append(Date(m.group(), m.start(), m.end(), GREGORIAN, year, month, _day(day)))
    elif base in ("fa", "prs"):
        for m in _FA_NUMERIC.finditer(text):
            found.append(
                Date(m.group(), m.start(), m.end(), SOLAR, _int(m.group("y")),
                     _int(m.group("m")), _int(m.group("d")))
            )  # fmt: skip
        for m in _FA_DATE.finditer(text):
            if (m.group("d") is None and m.group("y") is None) or any(
                d.start <= m.start() < d.end for d in found
            ):
                continue  # a month name alone is no date (مه is also fog, دی yesterday)
            name = m.group("m").replace(_HEH_WITH_YEH, "ه")
            calendar = SOLAR if name in _SOLAR_MONTHS else GREGORIAN
            month = _SOLAR_MONTHS.get(name) or _FA_GREGORIAN[name]
            year = _int(m.group("y")) if m.group("y") else None
            found.append(
                Date(m.group(), m.start(), m.end(), calendar, year, month, _day(m.group("d")))
            )
        found.sort(key=lambda d: d.start)
    return [d for d in found if d.days()]


def _int(text: str) -> int:
    return int(text.translate(_DIGITS))


def _day(text: str | None) -> int | None:
    return _int(text) if text else None


def same_day(source: Date, target: Date) -> bool:
    """Tell whether two dates, in either calendar, may be the same day."""
    return bool(source.days() & target.days())


def solar(date: Date) -> str | None:
    """Return a Gregorian date with day and year in the Solar Hijri calendar, in Persian.

    >>> solar(find_dates("12 January 2026", "en")[0])
    '۲۲ دی ۱۴۰۴'
    """
    if date.calendar != GREGORIAN or not date.year or not date.day:
        return None
    # Start-up time: the Solar Hijri calendar loads when a date needs it.
    import jdatetime

    day = jdatetime.date.fromgregorian(date=datetime.date(date.year, date.month, date.day))
    months = list(_SOLAR_MONTHS)
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    return f"{day.day} {months[day.month - 1]} {day.year}".translate(digits)


def compare_dates(
    source: str, target: str, source_language: str = "en", target_language: str = "fa"
) -> tuple[list[tuple[Date, Date]], list[tuple[Date, Date]]]:
    """Pair the dates of *source* and *target*; return the pairs that agree and those that differ.

    The dates are paired in order, a date of the source with the first date
    of the translation that is the same day, else with the next one left.
    Dates left over on either side are in neither list.

    >>> ok, wrong = compare_dates("Today, 12 January 2026, they struck.", "امروز، ۲۲ دی ۱۴۰۴")
    >>> len(ok), len(wrong)
    (1, 0)
    >>> ok, wrong = compare_dates("On 12 January 2026.", "در ۲۳ دی ۱۴۰۴.")
    >>> [(s.text, t.text) for s, t in wrong]
    [('12 January 2026', '۲۳ دی ۱۴۰۴')]
    """
    left = find_dates(source, source_language)
    if not left:
        return [], []
    right = find_dates(target, target_language)
    if not right:
        return [], []
    agree, differ = [], []
    rest = list(right)
    unpaired = []
    for date in left:
        match = next((t for t in rest if same_day(date, t)), None)
        if match is None:
            unpaired.append(date)
        else:
            rest.remove(match)
            agree.append((date, match))
    for date, other in zip(unpaired, rest, strict=False):
        differ.append((date, other))
    return agree, differ


def format_moment(moment: datetime.datetime, code: str, time: bool = True) -> str:
    """Write *moment* for readers of *code*: Persian in the Solar Hijri calendar, in its digits.

    Iranian month names for Persian, Dari ones for Persian of Afghanistan
    (``fa_AF``, ``prs``); every other language gets Babel's Gregorian date.
    Without *time*, the day alone.

    >>> format_moment(datetime.datetime(2022, 10, 7, 14, 5), "fa")
    '۱۵ مهر ۱۴۰۱، ۱۴:۰۵'
    >>> format_moment(datetime.datetime(2022, 10, 7, 14, 5), "fa_AF", time=False)
    '۱۵ میزان ۱۴۰۱'
    """
    base, _, region = code.replace("-", "_").partition("_")
    if base not in ("fa", "prs"):
        return format_gregorian(moment, code, time)
    # Start-up time: the Solar Hijri calendar loads when a date needs it.
    import jdatetime

    solar_day = jdatetime.datetime.fromgregorian(datetime=moment)
    names = (
        list(_SOLAR_MONTHS)[12:] if base == "prs" or region.upper() == "AF" else list(_SOLAR_MONTHS)
    )
    text = f"{solar_day.day} {names[solar_day.month - 1]} {solar_day.year}"
    if time:
        text += f"، {solar_day.hour:02d}:{solar_day.minute:02d}"
    return to_native_digits(text, "fa")
