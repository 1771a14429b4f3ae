"""The project's tables, and the checks that compare a unit with the rest of the project.

:class:`Tables` index the translated units of one language across every
statement: by source, by translation, and the usual length ratio
(:class:`LengthModel`). The consistency checks and the length check read
them; :class:`workbench.checks.Checker` keeps them current.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import persian
from .check_registry import (
    DONE,
    Unit,
    excerpt,
    language_name,
    quote_source,
    quote_target,
    unit_check,
)
from .findings import INFO, WARNING, Finding

if TYPE_CHECKING:
    from .checks import Context


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


def _compared(unit: Unit) -> bool:
    """Tell whether the consistency checks compare *unit*: done, translated, no msgctxt."""
    return unit.status in DONE and unit.msgctxt is None and bool(unit.target.strip())


def _alone(keys: Mapping[str, object], key: str) -> bool:
    """Tell whether *keys* is empty or holds *key* alone."""
    return not keys or (len(keys) == 1 and key in keys)


def _places(count: int, shown: list[Unit]) -> str:
    more = count - len(shown)
    return ", ".join(m.where for m in shown) + (f" and {more} more" if more > 0 else "")


@unit_check("inconsistent-translation", tables=True, reports="warning")
def inconsistent_translation(ctx: Context, unit: Unit) -> list[Finding]:
    """The same source translated the same way across the project."""
    if not _compared(unit):
        return []
    group = ctx.tables.by_source.get(unit.collapsed_source, {})
    mine = unit.collapsed_target
    if _alone(group, mine):
        return []
    others = _others(group, ctx.tables.recorded.get(unit.place), unit)
    if _alone(others, mine):
        return []
    same = others.pop(mine, None)
    renderings = [f"«{excerpt(mine)}» here" + (f" and at {_places(*same)}" if same else "")]
    for target, (count, shown) in sorted(others.items(), key=lambda kv: (-kv[1][0], kv[0])):
        renderings.append(f"«{excerpt(target)}» at {_places(count, shown)}")
    return [
        unit.finding(
            "inconsistent-translation",
            WARNING,
            f"{quote_source(unit.source)} is translated {len(renderings)} ways in the project: "
            + "; ".join(renderings),
        )
    ]


@unit_check("inconsistent-source", tables=True, reports="warning, info")
def inconsistent_source(ctx: Context, unit: Unit) -> list[Finding]:
    """Different sources given the same translation."""
    if not _compared(unit):
        return []
    mine = unit.collapsed_target
    group = ctx.tables.by_target.get(mine, {})
    own_source = _loose(unit.collapsed_source)
    if _alone(group, own_source):
        return []
    # The unit itself is recorded under its own source, which is left out whole.
    others = {key: members for key, members in group.items() if key != own_source}
    if not others:
        return []
    sources = [
        f"{quote_source(members[0].source)} at {_places(len(members), members[:_PLACES_SHOWN])}"
        for _, members in sorted(others.items(), key=lambda kv: _position(kv[1][0]))
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
