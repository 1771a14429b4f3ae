"""Checks that compare a unit with the rest of the project: consistency and length."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING

from workbench.checks.base import (
    language_name,
    source_excerpt,
    target_excerpt,
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
from workbench.messages import N_, Data, Listing, Message, Number

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


def _places(count: int, shown: list[CheckedUnit]) -> Listing | Message:
    more = count - len(shown)
    places = Listing(tuple(Data(m.where) for m in shown), N_(", "))
    if more > 0:
        return Message.of(N_("%(places)s and %(n)s more"), places=places, n=more)
    return places


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
    rest: list[Message],
) -> Message:
    here = (
        Message.of(
            N_("«%(target)s» here and at %(places)s"),
            target=target_excerpt(mine),
            places=_places(*same),
        )
        if same
        else Message.of(N_("«%(target)s» here"), target=target_excerpt(mine))
    )
    renderings = (here, *rest)
    return Message.of(
        N_('"%(source)s" is translated %(n)s ways in the project: %(renderings)s'),
        source=source_excerpt(unit.source),
        n=len(renderings),
        renderings=Listing(renderings, N_("; ")),
    )


def _renderings(others: Mapping[str, tuple[int, list[CheckedUnit]]]) -> list[Message]:
    """Return each other rendering with its places, the most used first."""
    return [
        Message.of(
            N_("«%(target)s» at %(places)s"),
            target=target_excerpt(target),
            places=_places(count, shown),
        )
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
    sources = tuple(
        Message.of(
            N_('"%(source)s" at %(places)s'),
            source=source_excerpt(members[0].source),
            places=_places(len(members), members[:PLACES_SHOWN]),
        )
        for _, members in sorted(others.items(), key=lambda kv: position(kv[1][0]))
    )
    severity = WARNING if len(mine.split()) >= 5 else INFO
    message = Message.of(
        N_('the translation «%(target)s» of "%(source)s" also translates %(sources)s'),
        target=target_excerpt(unit.target),
        source=source_excerpt(unit.source),
        sources=Listing(sources, N_("; ")),
    )
    return [unit.finding("inconsistent-source", severity, message)]


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
        Message.of(N_("from %(n)s translated units"), n=model.units)
        if model.units
        else Message.of(N_("a default until %(n)s units are translated"), n=LEARN_FROM)
    )
    message = Message.of(
        N_(
            'the translation «%(target)s» is %(ratio)s times as long as the source "%(source)s" '
            "(%(source_length)s → %(target_length)s characters); %(language)s translations here "
            "usually run %(low)s–%(high)s times (%(basis)s)"
        ),
        target=target_excerpt(unit.target),
        ratio=Number(math.exp(ratio), 2),
        source=source_excerpt(unit.source),
        source_length=source_length,
        target_length=target_length,
        language=language_name(unit.language),
        low=Number(low, 2),
        high=Number(high, 2),
        basis=basis,
    )
    return [unit.finding("length", WARNING, message)]
