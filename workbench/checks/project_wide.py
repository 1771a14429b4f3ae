"""Checks that compare a unit with the rest of the project: consistency and length."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from workbench.checks.base import (
    excerpt,
    language_name,
    quote_source,
    quote_target,
    unit_check,
)
from workbench.checks.findings import INFO, WARNING, Finding
from workbench.checks.tables import (
    LEARN_FROM,
    LENGTH_FLOOR,
    MIN_LENGTH,
    PLACES_SHOWN,
    loose,
    position,
    visible_length,
)
from workbench.checks.unit import DONE, CheckedUnit

if TYPE_CHECKING:
    from workbench.checks.context import Context


def _others(
    group: dict[str, list[CheckedUnit]], own: str | None, unit: CheckedUnit
) -> dict[str, tuple[int, list[CheckedUnit]]]:
    """Return each key of *group* with its count and first places, *unit* itself left out.

    *own* is the key *unit* is recorded under. Only the places shown are
    looked at, so a source repeated in every statement costs no more.
    """
    out = {}
    for key, members in group.items():
        count = len(members)
        shown = members[: PLACES_SHOWN + 1]
        if key == own:
            count -= 1
            shown = [m for m in shown if m.place != unit.place]
        if count:
            out[key] = (count, shown[:PLACES_SHOWN])
    return out


def _compared(unit: CheckedUnit) -> bool:
    """Tell whether the consistency checks compare *unit*: done, translated, no msgctxt."""
    return unit.status in DONE and unit.msgctxt is None and bool(unit.target.strip())


def _alone(keys: Mapping[str, object], key: str) -> bool:
    """Tell whether *keys* is empty or holds *key* alone."""
    return not keys or (len(keys) == 1 and key in keys)


def _places(count: int, shown: list[CheckedUnit]) -> str:
    more = count - len(shown)
    return ", ".join(m.where for m in shown) + (f" and {more} more" if more > 0 else "")


@unit_check("inconsistent-translation", tables=True, reports="warning")
def inconsistent_translation(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """The same source translated the same way across the project."""
    if not _compared(unit):
        return []
    group = ctx.tables.by_source.get(unit.collapsed_source, {})
    mine = unit.collapsed_target
    if _alone(group, mine):
        return []
    own = ctx.tables.recorded.get(unit.place)
    if own == mine:
        # Every unit of the group with this translation reads the same other
        # renderings: they are listed once per group, not once per unit.
        key = ("inconsistent-translation", unit.collapsed_source, mine)
        rest = ctx.tables.memo.get(key)
        if rest is None:
            rest = ctx.tables.memo[key] = _renderings(
                {k: (len(m), m[:PLACES_SHOWN]) for k, m in group.items() if k != mine}
            )
        members = group.get(mine, [])
        head = members[: PLACES_SHOWN + 1]
        shown = [m for m in head if m.place != unit.place]
        if rest and len(shown) == len(head) and len(members) > len(head):
            # A unit past the places shown reads what every other one does:
            # one message for them all (and one string in the cache).
            key = ("inconsistent-translation", unit.collapsed_source, mine, unit.source)
            message = ctx.tables.memo.get(key)
            if message is None:
                message = ctx.tables.memo[key] = _inconsistent(
                    unit, mine, (len(members) - 1, shown[:PLACES_SHOWN]), rest
                )
            return [unit.finding("inconsistent-translation", WARNING, message)]
        same = (len(members) - 1, shown[:PLACES_SHOWN]) if len(members) > 1 else None
    else:
        others = _others(group, own, unit)
        if _alone(others, mine):
            return []
        same = others.pop(mine, None)
        rest = _renderings(others)
    if not rest:
        return []
    message = _inconsistent(unit, mine, same, rest)
    return [unit.finding("inconsistent-translation", WARNING, message)]


def _inconsistent(
    unit: CheckedUnit,
    mine: str,
    same: tuple[int, list[CheckedUnit]] | None,
    rest: list[str],
) -> str:
    renderings = [f"«{excerpt(mine)}» here" + (f" and at {_places(*same)}" if same else ""), *rest]
    return (
        f"{quote_source(unit.source)} is translated {len(renderings)} ways in the project: "
        + "; ".join(renderings)
    )


def _renderings(others: Mapping[str, tuple[int, list[CheckedUnit]]]) -> list[str]:
    """Return each other rendering with its places, the most used first."""
    return [
        f"«{excerpt(target)}» at {_places(count, shown)}"
        for target, (count, shown) in sorted(others.items(), key=lambda kv: (-kv[1][0], kv[0]))
    ]


@unit_check("inconsistent-source", tables=True, reports="warning, info")
def inconsistent_source(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Different sources given the same translation."""
    if not _compared(unit):
        return []
    mine = unit.collapsed_target
    group = ctx.tables.by_target.get(mine, {})
    own_source = loose(unit.collapsed_source)
    if _alone(group, own_source):
        return []
    # The unit itself is recorded under its own source, which is left out whole.
    others = {key: members for key, members in group.items() if key != own_source}
    if not others:
        return []
    sources = [
        f"{quote_source(members[0].source)} at {_places(len(members), members[:PLACES_SHOWN])}"
        for _, members in sorted(others.items(), key=lambda kv: position(kv[1][0]))
    ]
    severity = WARNING if len(mine.split()) >= 5 else INFO
    return [
        unit.finding(
            "inconsistent-source",
            severity,
            f"the translation {quote_target(unit.target)} of {quote_source(unit.source)} also "
            "translates " + "; ".join(sources),
        )
    ]


@unit_check("length", tables=True, reports="warning")
def length(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Translations far longer or shorter than usual in this project."""
    if not unit.target.strip():
        return []
    source_length = visible_length(unit.collapsed_source)
    if source_length < MIN_LENGTH:
        return []
    target_length = visible_length(unit.collapsed_target)
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
    name = language_name(unit.language)
    return [
        unit.finding(
            "length",
            WARNING,
            f"the translation {quote_target(unit.target)} is {math.exp(ratio):.2f} times as long "
            f"as the source {quote_source(unit.source)} ({source_length} → {target_length} "
            "characters); "
            f"{name} translations here usually run {low:.2f}–{high:.2f} times ({basis})",
        )
    ]
