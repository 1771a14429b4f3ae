"""The project's tables: every translated unit of one language, indexed for the checks.

:class:`Tables` index the translated units of one language across every
statement: by source, by translation, and the usual length ratio
(:class:`LengthModel`). The checks of :mod:`workbench.checks.project_wide`
read them; :class:`workbench.checks.checker.Checker` keeps them current.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.checks.unit import DONE, CheckedUnit
from workbench.lang import arabic_script

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
PLACES_SHOWN = 5


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
        median = _median(ratios)
        mad = _median([abs(r - median) for r in ratios])
        return cls(median, min(max(1.4826 * mad, 0.1), 0.5), len(ratios))

    @property
    def limit(self) -> float:
        return max(LENGTH_SPREADS * self.spread, math.log(LENGTH_SLACK))

    def usual(self) -> tuple[float, float]:
        """Return the range of ratios most units fall in (median ± 2 spreads)."""
        return math.exp(self.median - 2 * self.spread), math.exp(self.median + 2 * self.spread)


def _median(values: Sequence[float]) -> float:
    """Return the median of *values*, as statistics.median does.

    Written out: the statistics module loads random and fractions, 2 ms of
    every start of a check.

    >>> _median([3.0, 1.0, 2.0]), _median([4.0, 1.0, 2.0, 3.0])
    (2.0, 2.5)
    """
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def visible_length(collapsed: str) -> int:
    """Return the length of collapsed text, zero-width non-joiners left out."""
    return len(collapsed) - collapsed.count("\u200c")


def loose(collapsed: str) -> str:
    """Fold a collapsed source for 'same source': case and apostrophes."""
    for c in arabic_script.APOSTROPHES:
        if c in collapsed:
            collapsed = collapsed.replace(c, "'")
    return collapsed.casefold()


Place = tuple[str, "str | None", str]
Group = dict[str, list[CheckedUnit]]


class Tables:
    """The translated units of one language across the project, indexed for the checks.

    Treat tables as read-only: :meth:`replaced` returns new ones, so a
    check running in another thread keeps a consistent view.
    """

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("by_source", "by_target", "recorded", "length", "units", "ratios", "memo")

    def __init__(
        self,
        by_source: dict[str, Group],
        by_target: dict[str, Group],
        recorded: dict[Place, str],
        length: LengthModel,
        units: int = 0,
        ratios: dict[Place, float] | None = None,
    ) -> None:
        #: collapsed source -> collapsed target -> units, in (statement, line) order.
        self.by_source = by_source
        #: collapsed target -> loosely folded source -> units.
        self.by_target = by_target
        #: each indexed unit's place -> its collapsed target.
        self.recorded = recorded
        self.length = length
        self.units = units
        #: each translated unit's place -> log length ratio (long enough units only).
        self.ratios: dict[Place, float] = {} if ratios is None else ratios
        #: what checks compute once per group of units and reuse while these tables last.
        self.memo: dict[tuple, object] = {}

    @classmethod
    def build(cls, units: Iterable[CheckedUnit]) -> Tables:
        """Index *units* (every unit of one language, all statements)."""
        tables = cls({}, {}, {}, LengthModel())
        by_source, by_target, recorded = tables.by_source, tables.by_target, tables.recorded
        count = 0
        # _add's work for a whole language at once: appended here, sorted below.
        for unit in units:
            count += 1
            if not tables._measured(unit):
                continue
            source, target = unit.collapsed_source, unit.collapsed_target
            by_source.setdefault(source, {}).setdefault(target, []).append(unit)
            by_target.setdefault(target, {}).setdefault(loose(source), []).append(unit)
            recorded[unit.place] = target
        tables.units = count
        for table in (by_source, by_target):
            for group in table.values():
                for members in group.values():
                    if len(members) > 1:
                        members.sort(key=position)
        tables.length = LengthModel.learn(list(tables.ratios.values()))
        return tables

    def replaced(self, old: Sequence[CheckedUnit], new: Sequence[CheckedUnit]) -> Tables:
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
        tables._add(new, copied)
        tables.length = LengthModel.learn(list(tables.ratios.values()))
        return tables

    def _group(self, which: int, key: str, copied: set[tuple[int, str]]) -> Group:
        table = self.by_source if which == 0 else self.by_target
        group = table.get(key)
        if (which, key) not in copied:
            copied.add((which, key))
            group = {k: list(v) for k, v in group.items()} if group is not None else None
            if group is not None:
                table[key] = group
        if group is None:
            group = table[key] = {}
        return group

    def _measured(self, unit: CheckedUnit) -> bool:
        """Record *unit*'s length ratio if it is translated; tell whether it joins the groups."""
        if unit.status not in DONE or not unit.target.strip():
            return False
        length = visible_length(unit.collapsed_source)
        if length >= MIN_LENGTH:
            target_length = visible_length(unit.collapsed_target)
            self.ratios[unit.place] = math.log(max(target_length, 1) / length)
        # A unit with a msgctxt is an alternative rendering, different on purpose.
        return unit.msgctxt is None

    def _add(self, units: Iterable[CheckedUnit], copied: set[tuple[int, str]]) -> None:
        """Put *units* in place in the groups, copying each group touched first."""
        for unit in units:
            if not self._measured(unit):
                continue
            source, target = unit.collapsed_source, unit.collapsed_target
            for which, key, member in ((0, source, target), (1, target, loose(source))):
                members = self._group(which, key, copied).setdefault(member, [])
                bisect.insort(members, unit, key=position)
            self.recorded[unit.place] = target

    def _remove(self, units: Iterable[CheckedUnit], copied: set) -> None:
        for unit in units:
            place = unit.place
            self.ratios.pop(place, None)
            target = self.recorded.pop(place, None)
            if target is None:
                continue
            at_position = position(unit)
            for which, key, member in (
                (0, unit.collapsed_source, target),
                (1, target, loose(unit.collapsed_source)),
            ):
                group = self._group(which, key, copied)
                members = group.get(member, [])
                at = bisect.bisect_left(members, at_position, key=position)
                while at < len(members) and members[at].place != place:
                    at += 1
                if at < len(members):
                    del members[at]
                if not members:
                    group.pop(member, None)
                if not group:
                    (self.by_source if which == 0 else self.by_target).pop(key, None)


def position(unit: CheckedUnit) -> tuple[str, int]:
    return (unit.statement, unit.line or 0)
