"""Checks of the marks around the words: end punctuation, brackets and quotes, spacing."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from workbench.checks.base import language_name, unit_check
from workbench.checks.findings import INFO, WARNING, Finding
from workbench.checks.unit import CheckedUnit
from workbench.messages import N_, Message, Source, Target, Word

if TYPE_CHECKING:
    from workbench.checks.context import Context


# -- punctuation -----------------------------------------------------------------

_STOP, _QUESTION, _EXCLAMATION = N_("full stop"), N_("question mark"), N_("exclamation mark")
_COLON, _SEMICOLON, _COMMA, _ELLIPSIS = N_("colon"), N_("semicolon"), N_("comma"), N_("ellipsis")
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
def punctuation(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """End punctuation that matches the source's, in the target language's marks."""
    if not unit.target:
        return []
    mine, theirs = _ending(unit.source), _ending(unit.target)
    kind_mine = _ELLIPSIS if mine == "..." else _END_MARKS.get(mine)
    kind_theirs = _ELLIPSIS if theirs == "..." else _END_MARKS.get(theirs)
    if kind_mine != kind_theirs:
        if not mine:
            template = (
                N_(
                    "the source ends without punctuation (a heading), the translation with "
                    "«%(theirs)s»"
                )
                if unit.kind == "heading"
                else N_(
                    "the source ends without punctuation (a title or a line), the translation "
                    "with «%(theirs)s»"
                )
            )
            said = Message.of(template, theirs=Target(theirs))
        elif not theirs:
            said = Message.of(
                N_('the source ends with "%(mine)s" (%(kind)s), the translation without one'),
                mine=Source(mine),
                kind=Word(kind_mine),
            )
        else:
            said = Message.of(
                N_(
                    'the source ends with "%(mine)s" (%(kind)s), the translation with '
                    "«%(theirs)s» (%(their_kind)s)"
                ),
                mine=Source(mine),
                kind=Word(kind_mine),
                theirs=Target(theirs),
                their_kind=Word(kind_theirs),
            )
        return [unit.finding("punctuation", WARNING, said)]
    if ctx.family is not None and theirs in _NATIVE:
        said = Message.of(
            N_(
                "the translation ends with «%(theirs)s»; %(language)s writes «%(native)s» "
                '(the source has "%(mine)s")'
            ),
            theirs=Target(theirs),
            language=language_name(unit.language),
            native=Target(_NATIVE[theirs]),
            mine=Source(mine),
        )
        return [unit.finding("punctuation", INFO, said)]
    if ctx.family is None and theirs in _LATIN:
        said = Message.of(
            N_(
                "the translation ends with «%(theirs)s», an Arabic-script mark; use «%(latin)s» "
                '(the source has "%(mine)s")'
            ),
            theirs=Target(theirs),
            latin=Target(_LATIN[theirs]),
            mine=Source(mine),
        )
        return [unit.finding("punctuation", INFO, said)]
    return []


# -- brackets and quotation marks ----------------------------------------------

_BRACKETS = (
    ("(", ")", N_("parentheses")),
    ("[", "]", N_("square brackets")),
    ("{", "}", N_("braces")),
)
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


def _say_balance(state: tuple[int, int], opener: str, closer: str, side: str) -> Message:
    """Say how one kind of pair is balanced on one *side* (source or target)."""
    if side == "source":
        left_open = N_('%(n)s "%(opener)s" left open')
        orphaned = N_('%(n)s "%(closer)s" without its "%(opener)s"')
        marks = {"opener": Source(opener), "closer": Source(closer)}
    else:
        left_open = N_("%(n)s «%(opener)s» left open")
        orphaned = N_("%(n)s «%(closer)s» without its «%(opener)s»")
        marks = {"opener": Target(opener), "closer": Target(closer)}
    return _say(state, left_open, orphaned, marks)


def _say(
    state: tuple[int, int], left_open: str, orphaned: str, marks: dict[str, object] | None = None
) -> Message:
    """Say a balance: how many marks are left open (*left_open*), how many *orphaned*."""
    opened, orphans = state
    parts = []
    if opened:
        parts.append(Message.of(left_open, n=opened, **(marks or {})))
    if orphans:
        parts.append(Message.of(orphaned, n=orphans, **(marks or {})))
    if len(parts) == 2:
        return Message.of(N_("%(first)s and %(second)s"), first=parts[0], second=parts[1])
    return parts[0] if parts else Message.of(N_("them balanced"))


@unit_check("brackets", reports="warning")
def brackets(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Brackets and quotation marks balanced as in the source."""
    if not unit.target:
        return []
    if not (_ANY_BRACKET.search(unit.source) or _ANY_BRACKET.search(unit.target)):
        return []
    found = []
    for opener, closer, name in _BRACKETS:
        mine = _balance(unit.source, opener, closer)
        theirs = _balance(unit.target, opener, closer)
        if mine != theirs:
            found.append(
                Message.of(
                    N_("%(marks)s: the source has %(mine)s, the translation %(theirs)s"),
                    marks=Word(name),
                    mine=_say_balance(mine, opener, closer, "source"),
                    theirs=_say_balance(theirs, opener, closer, "target"),
                )
            )
    mine, theirs = _quote_balance(unit.source), _quote_balance(unit.target)
    if mine != theirs:
        found.append(
            Message.of(
                N_("quotation marks: the source has %(mine)s, the translation %(theirs)s"),
                mine=_say_quotes(mine),
                theirs=_say_quotes(theirs),
            )
        )
    return [unit.finding("brackets", WARNING, message) for message in found]


def _say_quotes(state: tuple[int, int]) -> Message:
    return _say(
        state, N_("%(n)s quotation left open"), N_("%(n)s closing mark without its opening one")
    )


# -- whitespace -----------------------------------------------------------------

_DOUBLE_SPACE = re.compile(r"[^\S\n\r\u2028\u2029]{2,}")
_EDGES = {
    ("starts", "translation"): N_("the translation starts with a space; the source does not"),
    ("starts", "source"): N_("the source starts with a space; the translation does not"),
    ("ends", "translation"): N_("the translation ends with a space; the source does not"),
    ("ends", "source"): N_("the source ends with a space; the translation does not"),
}
_STRAY_ZWNJ = re.compile(r"\s\u200c|\u200c\s|\u200c{2,}|^\u200c|\u200c$")


@unit_check("whitespace", reports="warning, info")
def whitespace(ctx: Context, unit: CheckedUnit) -> list[Finding]:
    """Leading, trailing and doubled spaces, and added line breaks."""
    source, target = unit.source, unit.target
    if not target:
        return []
    found: list[tuple[str, Message]] = []
    for side, at in (("starts", 0), ("ends", -1)):
        mine, theirs = bool(source) and source[at].isspace(), target[at].isspace()
        if theirs and not mine:
            found.append((WARNING, Message.of(_EDGES[side, "translation"])))
        elif mine and not theirs:
            found.append((WARNING, Message.of(_EDGES[side, "source"])))
    doubles = list(_DOUBLE_SPACE.finditer(target.strip()))
    if doubles and len(doubles) > len(_DOUBLE_SPACE.findall(source.strip())):
        inner = target.strip()
        before = inner[max(0, doubles[0].start() - 20) : doubles[0].start()]
        found.append(
            (
                WARNING,
                Message.of(
                    N_("the translation has a double space after «%(before)s»"),
                    before=Target(before.lstrip()),
                ),
            )
        )
    # A hard-wrapped source has line breaks a translation need not keep; one
    # the source lacks changes the layout of the built text (two end a paragraph).
    breaks_mine = source.strip().count("\n")
    breaks_theirs = target.strip().count("\n")
    if breaks_theirs > breaks_mine:
        found.append(
            (
                WARNING,
                Message.of(
                    N_("the translation has %(theirs)s line break(s) inside, the source %(mine)s"),
                    theirs=breaks_theirs,
                    mine=breaks_mine,
                ),
            )
        )
    stray = _STRAY_ZWNJ.search(target)
    if stray and not _STRAY_ZWNJ.search(source):
        before = target[max(0, stray.start() - 20) : stray.start()]
        found.append(
            (
                INFO,
                Message.of(
                    N_(
                        "the translation has a zero-width non-joiner beside a space or at a "
                        "word's edge after «%(before)s»"
                    ),
                    before=Target(before.lstrip()),
                ),
            )
        )
    return [unit.finding("whitespace", severity, message) for severity, message in found]
