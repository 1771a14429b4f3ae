"""Checks of what a translation says: a copied source, numbers, links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.checks.base import quote_source, quote_target, unit_check
from workbench.checks.findings import ERROR, WARNING, Finding
from workbench.checks.unit import CheckedUnit
from workbench.glossary.model import APPROVED, KEEP
from workbench.lang.dates import Date, compare_dates, solar
from workbench.lang.links import find_links, pair_links, without_links
from workbench.lang.numerals import compare_numbers

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
    return [
        unit.finding(
            "unchanged",
            WARNING,
            f"the translation {quote_target(unit.target)} is the source "
            f"{quote_source(unit.source)} unchanged; translate it, or dismiss this if it stays "
            "as is",
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
        listed = ", ".join(f'"{n}"' for n in missing)
        verb = "is" if len(missing) == 1 else "are"
        parts.append(f"{listed} in the source {verb} not in the translation")
    if extra:
        listed = ", ".join(f"«{n}»" for n in extra)
        verb = "is" if len(extra) == 1 else "are"
        parts.append(f"{listed} in the translation {verb} not in the source")
    if parts:
        found.append(unit.finding("numbers", ERROR, "; ".join(parts)))
    return found


def _wrong_date(unit: CheckedUnit, source: Date, target: Date) -> Finding:
    same = solar(source)
    if same and target.calendar == "solar":
        said = f"is «{same}» in the Solar Hijri calendar, not «{target.text}» as in the translation"
    else:
        said = f"is not the date «{target.text}» of the translation"
    return unit.finding(
        "numbers",
        ERROR,
        f'the date "{source.text}" of the source {said}; correct the day, month or year',
    )


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
