"""Checks of what a translation says: a copied source, numbers, links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.checks.base import source_excerpt, target_excerpt, unit_check
from workbench.checks.findings import ERROR, WARNING, Finding
from workbench.checks.unit import CheckedUnit
from workbench.glossary.model import APPROVED, KEEP
from workbench.lang.dates import Date, compare_dates, solar
from workbench.lang.links import find_links, pair_links, without_links
from workbench.lang.numerals import compare_numbers
from workbench.messages import N_, NP_, Data, Listing, Message, Source, Target

if TYPE_CHECKING:
    from workbench.checks.context import Context


@unit_check("unchanged", reports="warning")
def unchanged(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Translations identical to the source."""
    if not unit.target or unit.collapsed_target != unit.collapsed_source:
        return []
    rest = without_links(unit.source)
    if not any(c.isalpha() for c in rest):
        return []  # numbers, symbols or links only: they stay as they are
    hits = ctx.source_matcher.find(unit.source) if ctx.glossary else []
    if hits:
        chars = list(unit.source)
        for hit in hits:
            if _kept(ctx, hit):
                chars[hit.start : hit.end] = " " * (hit.end - hit.start)
        rest = without_links("".join(chars))
        if not any(c.isalpha() for c in rest):
            return []  # every word is kept as is by the glossary
    message = Message.of(
        N_(
            'the translation «%(target)s» is the source "%(source)s" unchanged; translate it, '
            "or dismiss this if it stays as is"
        ),
        target=target_excerpt(unit.target),
        source=source_excerpt(unit.source),
    )
    return [unit.finding("unchanged", WARNING, message)]


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


# -- numbers ---------------------------------------------------------------------


@unit_check("numbers", reports="error")
def numbers(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """The same numbers in the source and the translation.

    Dates too: a Gregorian date may be given as the same day in the Solar Hijri
    calendar or with Persian month names (:mod:`workbench.lang.dates`).
    """
    if not unit.target:
        return []
    source, target = unit.source, unit.target
    agree, differ = compare_dates(source, target, ctx.project.source_language, unit.language)
    for a, b in (*agree, *differ):
        # A date is compared as a date, not as the numbers it is written with.
        source = source[: a.start] + " " * (a.end - a.start) + source[a.end :]
        target = target[: b.start] + " " * (b.end - b.start) + target[b.end :]
    found = [_wrong_date(unit, a, b) for a, b in differ]
    missing, extra = compare_numbers(source, target, ctx.project.source_language, unit.language)
    parts = []
    if missing:
        parts.append(
            Message.of(
                NP_(
                    "%(numbers)s in the source is not in the translation",
                    "%(numbers)s in the source are not in the translation",
                ),
                count=len(missing),
                numbers=Listing(tuple(map(Source, missing)), N_(", "), N_('"%(item)s"')),
            )
        )
    if extra:
        parts.append(
            Message.of(
                NP_(
                    "%(numbers)s in the translation is not in the source",
                    "%(numbers)s in the translation are not in the source",
                ),
                count=len(extra),
                numbers=Listing(tuple(map(Target, extra)), N_(", "), N_("«%(item)s»")),
            )
        )
    if len(parts) == 2:
        parts = [Message.of(N_("%(missing)s; %(extra)s"), missing=parts[0], extra=parts[1])]
    if parts:
        found.append(unit.finding("numbers", ERROR, parts[0]))
    return found


def _wrong_date(unit: CheckedUnit, source: Date, target: Date) -> Finding:
    same = solar(source)
    if same and target.calendar == "solar":
        message = Message.of(
            N_(
                'the date "%(date)s" of the source is «%(solar)s» in the Solar Hijri calendar, '
                "not «%(written)s» as in the translation; correct the day, month or year"
            ),
            date=Source(source.text),
            solar=Target(same),
            written=Target(target.text),
        )
    else:
        message = Message.of(
            N_(
                'the date "%(date)s" of the source is not the date «%(written)s» of the '
                "translation; correct the day, month or year"
            ),
            date=Source(source.text),
            written=Target(target.text),
        )
    return unit.finding("numbers", ERROR, message)


# -- links -----------------------------------------------------------------------


@unit_check("urls", reports="error, warning")
def urls(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """URLs and e-mail addresses carried over unchanged."""
    if not unit.target:
        return []
    source_links = find_links(unit.source)
    target_links = find_links(unit.target)
    if not source_links and not target_links:
        return []
    missing, extra = pair_links(source_links, target_links)
    found = []
    for link in missing:
        email = "@" in link and "://" not in link
        if extra:
            template = (
                N_(
                    'the e-mail address "%(link)s" of the source is not in the translation; '
                    "it has «%(other)s» instead; copy it unchanged"
                )
                if email
                else N_(
                    'the URL "%(link)s" of the source is not in the translation; it has '
                    "«%(other)s» instead; copy it unchanged"
                )
            )
            message = Message.of(template, link=Data(link), other=Data(extra[0]))
        else:
            template = (
                N_(
                    'the e-mail address "%(link)s" of the source is not in the translation; '
                    "copy it unchanged"
                )
                if email
                else N_(
                    'the URL "%(link)s" of the source is not in the translation; copy it unchanged'
                )
            )
            message = Message.of(template, link=Data(link))
        found.append(unit.finding("urls", ERROR, message))
    if not missing:
        for link in extra:
            message = Message.of(
                N_("the translation adds the link «%(link)s», which the source does not have"),
                link=Data(link),
            )
            found.append(unit.finding("urls", WARNING, message))
    return found
