"""Cut a statement into units: sentences, headings, list items and lines.

Pure and lossless: every unit is an exact slice of the source, and whatever
lies between units (blank lines, indentation, a BOM, bullets and list
numbers, Markdown ``#`` and ``>`` prefixes, ``||`` separators) is left in
the gaps, so joining gaps and units in order gives the source back and a
translation is built by replacing each unit's text.

The text is scanned with a few compiled regexes; Python only decides at
candidate boundaries (a terminator followed by space, a list marker).

Limits, chosen for translators and for speed:

- a quotation or bracket of up to 300 characters stays in one unit; a longer
  one is cut at its own sentences;
- a line followed by a line that starts in lower case is read as hard-wrapped
  and joined, so a list of short lower-case lines becomes one unit;
- each Markdown quote line (``>``) is a block of its own;
- a title that ends in "!" or "?" is a sentence, not a heading;
- an inline list is found only when it holds a bullet, a ")" or an item 2 or
  b; numbers and letters must run in order;
- without capitals (Persian, Arabic) an ellipsis ends a sentence only at the
  end of a block, and a single letter with a period is an abbreviation;
- nothing is cleaned: markup and leader dots stay inside the units.

>>> [u.text for u in segment("Khuzestan, October 2022.\\nContinue reading")]
['Khuzestan, October 2022.', 'Continue reading']
>>> [(u.kind, u.text) for u in segment("  • Protest is our right. We strive.")]
[('item', 'Protest is our right.'), ('item', 'We strive.')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.segment.rules import (
    BEFORE_NUMBER,
    EXCLAIMING_NAMES,
    JOINING,
    NEVER_END,
    OWN_LINE,
    REPORTING,
    Rules,
    rules_for,
)

__all__ = ["Unit", "paragraphs", "segment"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of a statement, with its offsets in the source str."""

    text: str  # exactly source[start:end]; never starts or ends with whitespace
    start: int  # offset in code points
    end: int
    block: int  # 0-based index of the paragraph the unit belongs to
    kind: str  # "heading" | "item" | "line" | "sentence"


# Every char str.isspace() accepts (a test checks the list is complete), plus
# invisible format characters: a unit never starts or ends with one of them.
_BLANKS = (
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "\ufeff\u200b\u200c\u200d\u200e\u200f\u2060\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069"
)
_TERM = ".!?…‽‼⁇⁈⁉؟۔"
_CLOSE = "\"'”’“‘»«›‹)\\]}」』"
_OPEN = "\"'“‘„‚«‹»([{¿¡*_"
_DASHES = "-–—"
_FINAL = _TERM + ":"

# A candidate sentence end: terminators and closers (French puts a space
# before » and ?), bracketed citations ("martyr.[1]"), then the following
# space and two tokens to look at. Or a period glued to the next sentence
# ("world.Today", "1,000.That"), or a full-width CJK stop.
_CANDIDATE = re.compile(
    # One leading character class lets the regex engine skip ahead fast; the
    # final empty branch makes every run of terminators one match, so that no
    # run is scanned twice.
    r"[" + _TERM + r"。．！？](?:(?<=\.)(?:[ \xa0]\.){2,})?"
    r"(?:[" + _TERM + _CLOSE + r"」』）]|[ \xa0\u202f](?=[»›]))*+"
    r"(?:\[\d{1,3}(?:[–-]\d{1,3})?\])*+"
    r"(?:(?=(?P<ws>\s+|\Z)(?P<n>\S{0,24}(?:[ \t]+\S{1,24})?))"
    r"|(?P<glued>(?<=[a-z][a-z]\.)(?=[A-Z][a-z])|(?<=\d\d\d\.)(?=[A-Z][a-z])|(?<=[。．！？」』）]))"
    r"|)"
)

# Quotations and brackets short enough to be part of one sentence: no
# boundary is cut inside them. Longer ones are cut like running text.
_SPANS = re.compile(
    r"\([^()]{max}\)|\[[^\[\]]{max}\]|“[^“”]{max}”|„[^„“”]{max}[“”]|«[^«»]{max}»|»[^»«]{max}«"
    # Apostrophes inside words ("dragon’s", "they'll") do not close a quotation.
    r"|‘(?=\w)(?:[^‘’]|(?<=\w)’(?=\w)){max}(?<=[\w.!?,;])’(?!\w)"
    r"|'(?<![^\s(\[]')(?=\w)(?:[^']|(?<=\w)'(?=\w)){max}(?<=[\w.!?,;])'(?!\w)"
    r"|\"(?<![^\s(\[]\")(?=\S)[^\"]{max}(?<=\S)\"(?!\w)".replace("{max}", "{0,300}")
)

# Layout at the start of a line that stays in the gap: bullets, list numbers
# and letters, Markdown heading and quote prefixes.
_LINE_MARKER = re.compile(
    r"(?P<h>\#{1,6}(?=\s))|(?P<q>>+)"
    r"|(?:[•◦▪▫‣⁃●○■□∙][ \t\xa0]*|[-*+–](?=[ \t\xa0]))"
    r"(?:\(?(?:\d{1,3}|[a-zA-Z])(?:\.\)|[.)])(?=[ \t\xa0]))?"
    r"|\(?(?:\d{1,3}|[۰-۹]{1,3}|[٠-٩]{1,3})(?:\.\)|[.)]|[ \t]?[-–])(?=[ \t\xa0])"
    r"|\((?:[a-zA-Z]|[ivxlc]{1,5}|[IVXLC]{1,5})\)(?=[ \t\xa0])"
    r"|(?:[a-zA-Z]|[ivxlc]{1,5}|[IVXLC]{1,5})\)(?=[ \t\xa0])"
    r"|[a-z]\.(?=[ \t\xa0])"
)
# Inline list markers ("1. The first item 2. The second item"): kept only
# when they form a run (1, 2 or a, b) or carry a bullet.
_INLINE_MARKER = re.compile(
    r"(?<!\S)(?P<b>[•◦▪▫‣⁃●○■□∙][ \xa0]*)?"
    r"\(?(?P<v>\d{1,2}|[a-zA-Z]|[ivx]{2,4}|[IVX]{2,4})(?P<d>\.\)|\)|\.)(?=[ \xa0]+\S)"
    r"|(?<!\S)(?P<b2>[•◦▪▫‣⁃●○■□∙])(?=[ \xa0]+\S)"
)
_SEPARATOR = re.compile(r"(?<![ \t\xa0])[ \t\xa0]*\|\|[ \t\xa0]*")
_CONTENT = re.compile(r"[^" + _BLANKS + r"]")

_WORDY = re.compile(r"[^\W_]")
_URL_UNIT = re.compile(r"(?:via\s+)?(?:https?:|www\.)\S+")
# An e-mail address starts where a run of its characters does (the look-behind):
# a one-megabyte run without "@" is scanned once, not once per character.
_LINK = re.compile(r"(?:https?://|www\.)\S|(?<![\w.+-])[\w.+-]+@[\w-]+\.\w")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def segment(text: str, lang: str = "en") -> list[Unit]:
    """Cut *text* into units in document order, by the rules of *lang*.

    Only the language part of *lang* counts ("pt_BR" -> "pt"); languages
    without rules of their own get the generic rules. Never raises on a str.
    """
    rules = rules_for(lang)
    units: list[Unit] = []
    for lead, start, end, hint in _blocks(text):
        before = len(units)
        block = units[-1].block + 1 if units else 0
        if hint in ("line", "heading"):
            _emit(text, start, end, block, hint, units)
        else:
            _sentences(text, lead, start, end, block, hint, rules, units)
        if hint is None and len(units) == before + 1 and units[-1].kind == "sentence":
            # A line standing alone without final punctuation is a title; one
            # without a letter or digit ("* * *", "----") is a line, and so is one
            # that holds a link or an e-mail address.
            only = units[-1]
            if not _WORDY.search(only.text) or _LINK.search(only.text):
                units[-1] = Unit(only.text, only.start, only.end, block, "line")
            elif (
                len(only.text) <= 150
                and "\n" not in only.text
                and only.text.rstrip(_CLOSE)[-1:] not in _FINAL + ",;"
            ):
                units[-1] = Unit(only.text, only.start, only.end, block, "heading")
    return units


def paragraphs(units: Iterable[Unit]) -> list[list[Unit]]:
    """Group *units* by block, in order."""
    groups: list[list[Unit]] = []
    block = None
    for unit in units:
        if not groups or unit.block != block:
            groups.append([])
            block = unit.block
        groups[-1].append(unit)
    return groups


def _emit(text: str, start: int, end: int, block: int, kind: str, units: list[Unit]) -> None:
    """Append text[start:end] as a unit, trimmed, unless it is blank."""
    piece = text[start:end]
    body = piece.strip(_BLANKS)
    if body:
        start += len(piece) - len(piece.lstrip(_BLANKS))
        if kind == "sentence" and body[0] in "hvw" and _URL_UNIT.fullmatch(body):
            kind = "line"
        units.append(Unit(body, start, start + len(body), block, kind))


_Block = tuple[int, int, int, str | None]


def _blocks(text: str) -> list[_Block]:
    """Return the blocks of *text*: (marker start, text start, end, hint).

    The hint is "line", "heading", "item" or None for running text.
    """
    blocks: list[_Block] = []
    open_block = False  # whether the last block may take a continuation line
    last_line = ""
    pos = 0
    for line in text.splitlines(True):
        line_start = pos
        pos += len(line)
        content = line.strip(_BLANKS)
        if not content:
            open_block = False
            continue
        lead = start = line_start + len(line) - len(line.lstrip(_BLANKS))
        end = start + len(content)
        marker = _LINE_MARKER.match(text, start, end)
        if (
            marker is None
            and open_block
            and _continues(last_line, content)
            and not (len(content) <= 150 and OWN_LINE.fullmatch(content))
        ):
            lead, start, _, kept = blocks[-1]
            blocks[-1] = (lead, start, end, kept)
            last_line = content
            continue
        hint: str | None = None
        open_block = True
        if marker is not None:
            start = marker.end()
            if marker.group("h"):
                hint, open_block = "heading", False
            elif marker.group("q"):
                lead, open_block = start, False
            else:
                hint = "item"
        last_line = content
        if "||" in content:
            for sep in _SEPARATOR.finditer(text, start, end):
                _add_block(text, lead, start, sep.start(), hint, blocks)
                lead = start = sep.end()
        if not _add_block(text, lead, start, end, hint, blocks):
            open_block = False
    return blocks


def _add_block(text: str, lead: int, start: int, end: int, hint: str | None, blocks: list) -> bool:
    """Append a block; return False if it is a line of its own."""
    if hint is None and end - start <= 150 and OWN_LINE.fullmatch(text, start, end):
        hint = "line"
    blocks.append((lead, start, end, hint))
    return hint != "line"


def _continues(previous: str, line: str) -> bool:
    """Tell whether *line* continues the sentence of the *previous* line (a hard wrap)."""
    first = line[0]
    if first.islower():
        return True
    if len(previous) < 60:
        return False
    last = previous.rstrip(_CLOSE)[-1:]
    if last in _FINAL:
        return False
    if first.isupper():
        return last in ",;-–—" or previous.rsplit(None, 1)[-1] in JOINING
    return True


def _sentences(
    text: str,
    lead: int,
    start: int,
    end: int,
    block: int,
    hint: str | None,
    rules: Rules,
    units: list[Unit],
) -> None:
    """Append the sentences of the block text[start:end] to *units*.

    *lead* is where the block's line marker begins (a numbered item's "1."
    starts the run that "2." continues).
    """
    markers = _inline_markers(text, lead, start, end) if _maybe_list(text, lead, end) else []
    # cuts: (end of one piece, start of the next, kind of the next or None)
    cuts: list[tuple[int, int, str | None]] = [(a, b, "item") for a, b in markers]
    spans = [(m.start(), m.end()) for m in _SPANS.finditer(text, start, end)]
    si = mi = 0
    last = start
    for m in _CANDIDATE.finditer(text, start, end):
        pos = m.end()
        while si < len(spans) and spans[si][1] < pos:
            si += 1
        if si < len(spans) and spans[si][0] < pos <= spans[si][1]:
            opening = spans[si][0]
            if pos < spans[si][1] or (
                opening < m.start() and text[opening] in "([" and last < opening
            ):
                continue  # inside, or closing a parenthesis opened mid-sentence
        while mi < len(markers) and markers[mi][1] <= m.start():
            last = max(last, markers[mi][1])
            mi += 1
        if mi < len(markers) and markers[mi][0] <= m.start():
            continue  # the period of a list marker ("2. The second item")
        cut = _decide(text, m, start, last, rules)
        if cut is not None:
            cuts.append((cut, cut, None))
            found = _CONTENT.search(text, cut, end)
            last = found.start() if found else end
    cuts.sort()
    kind = "item" if hint == "item" else "sentence"
    at = start
    for cut_end, cut_start, next_kind in cuts:
        if cut_end < at:
            continue
        _emit(text, at, cut_end, block, kind, units)
        at = cut_start
        kind = next_kind or kind
    _emit(text, at, end, block, kind, units)


def _maybe_list(text: str, start: int, end: int) -> bool:
    """Tell cheaply whether the block may hold an inline list."""
    chunk = text[start:end]
    return ") " in chunk or "• " in chunk or "⁃" in chunk or " b. " in chunk or " 2. " in chunk


def _inline_markers(text: str, lead: int, start: int, end: int) -> list[tuple[int, int]]:
    """Return (start, end) of the list markers inside a block, each with its space.

    Numbers and letters count only in a run (1, 2 or a, b) whose first
    marker opens the block or follows a sentence end; bullets always count.
    """
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    previous: tuple[str, str] | None = None
    for m in _INLINE_MARKER.finditer(text, lead, end):
        at, stop = m.start(), m.end()
        value, delim = m.group("v"), m.group("d")
        if value is not None and previous and _next_in_run(previous, value, delim):
            run.append((at, stop))
            previous = (value, delim)
        else:
            if len(run) >= 2:
                out.extend(run)
            run, previous = [], None
            before = text[max(lead, at - 3) : at].rstrip()[-1:]
            opens = at == lead or (before != "" and before in ".!?:;")
            if value is not None and opens:
                run, previous = [(at, stop)], (value, delim)
        if m.group("b") or m.group("b2"):
            out.append((at, stop))
    if len(run) >= 2:
        out.extend(run)
    return [(a, _skip_blanks(text, b, end)) for a, b in sorted(set(out)) if a >= start]


def _next_in_run(previous: tuple[str, str], value: str | None, delim: str | None) -> bool:
    before, before_delim = previous
    if value is None or delim != before_delim:
        return False
    if before.isdigit() and value.isdigit():
        return int(value) == int(before) + 1
    if len(before) == 1 and len(value) == 1 and before.isalpha():
        return ord(value) == ord(before) + 1
    return False


def _skip_blanks(text: str, pos: int, end: int) -> int:
    """Return the first position from *pos* that is not blank (or *end*)."""
    while pos < end and text[pos] in _BLANKS:
        pos += 1
    return pos


def _decide(text: str, m: re.Match[str], start: int, last: int, rules: Rules) -> int | None:
    """Return where the sentence ends if candidate *m* is a boundary, else None."""
    following = m.group("n")
    term = m.group()
    if following is None:
        if m.group("glued") is None:
            return None
        return m.end() if term[0] in "。．！？" else _glued(text, m, start)
    if term[0] in "。．！？":
        return m.end()
    if " ." in term or "\xa0." in term:  # a spaced ellipsis ". . ."
        if _first_letter_kind(following) != "upper":
            return None
        dots = term.count(".")
        if dots >= 4 and m.start() > start and not text[m.start() - 1].isspace():
            return m.start() + 1  # "compounds. . . . The": a period, then an ellipsis
        return m.end() if dots >= 4 else None
    if not following:
        return None
    pos = m.end()
    first = following.split()[0]
    word = _word_before(text, m.start(), last)
    if first.startswith(("http:", "https:", "www.")) or (
        first == "via" and following[4:].startswith(("http", "www."))
    ):
        # A source URL after a caption is a line of its own ("... workers. via https://").
        return None if word.lower() in NEVER_END or word.lower() in rules.abbrev else pos
    nxt = _first_letter_kind(following)
    if nxt == "lower" or nxt == "none":
        return None
    if m.start() > start and text[m.start() - 1] in "[(" and term[0] in ".…":
        # An omission mark ("[...]") is no sentence end; a period after it is.
        rest = term.lstrip(".…")[1:]
        if not rest or rest[0] not in _TERM:
            return None
        term = rest
    if "…" in term or ".." in term:
        return pos if nxt == "upper" else None
    if nxt == "caseless" and term[-1] in _CLOSE and _bare(first) in REPORTING:
        return None  # «چرا سکوت کرده‌اید؟» و کسی پاسخ نداد: the quotation goes on
    if "!" in term or "?" in term or "؟" in term:
        if nxt == "dash" and _dash_list(text, last, m.start(), first):
            return None
        if term[0] == "!" and word.lower() in EXCLAIMING_NAMES:
            return None
        return pos
    if term != "." or not word:
        return pos  # a period inside closing quotes or brackets, or before a citation
    return pos if _period_ends(text, word, following, nxt, m.start(), last, rules) else None


def _period_ends(
    text: str, word: str, following: str, nxt: str, at: int, last: int, rules: Rules
) -> bool:
    """Tell whether the period after *word* ends the sentence."""
    key = word.lower()
    if _ARABIC_SCRIPT.match(word[-1]):
        # Single letters and dotted initials (د. ، ه.ش.) are abbreviations.
        return len(word.rstrip(".")) > 1 and "." not in word
    if word[-1].isdigit():
        if rules.ordinals and word.lstrip("-").isdigit() and len(word.lstrip("-")) <= 2:
            return False
        return not (word.isdigit() and len(word) <= 3 and _single_token(text, last, at))
    if key in NEVER_END:
        return False
    if key in BEFORE_NUMBER:
        return nxt != "digit" and not following.startswith("(")
    starter = _starter(following, rules)
    if key in ("a.m", "p.m"):
        return starter or (nxt == "upper" and len(text[max(last, at - 80) : at].split()) > 3)
    if len(word) == 1 or key in rules.abbrev or _DOTTED.fullmatch(word):
        return starter and not _single_token(text, last, at)
    # A numbered heading ("II. The second part") is not a sentence of its own.
    return not (_ROMAN.fullmatch(word) and _single_token(text, last, at))


_DOTTED = re.compile(r"(?:\w{1,3}\.)+\w{1,3}")
_ROMAN = re.compile(r"[IVXLC]{1,5}|[ivxlc]{1,5}")


def _starter(following: str, rules: Rules) -> bool:
    """Tell whether *following* opens with a common sentence-starting word."""
    first = following.split()[0].lstrip(_OPEN)
    if len(first) == 2 and first[1] == ".":
        return False  # an initial ("Dr. A. Smith")
    word = first.rstrip(_TERM + _CLOSE + ",;:").split("'")[0].split("’")[0]
    return word in rules.starters


def _bare(word: str) -> str:
    """Return *word* without the quotes, brackets and punctuation around it."""
    return word.strip(_OPEN + _CLOSE + _TERM + ",;:،؛")


def _single_token(text: str, last: int, at: int) -> bool:
    """Tell whether the sentence so far (from *last*) is a single short token."""
    return at - last <= 40 and len(text[last:at].split()) <= 1


def _first_letter_kind(following: str) -> str:
    """Classify how the next sentence would begin: upper, lower, digit, caseless, dash, none."""
    body = following.lstrip(_OPEN)
    if not body:
        return "upper" if following else "none"
    c = body[0]
    if c.isupper():
        return "upper"
    if c.islower():
        return "lower"
    if c.isdigit():
        return "digit"
    if c.isalpha():
        return "caseless"
    if c in _DASHES:
        rest = following.split()
        if len(rest) > 1 and rest[0].strip(_DASHES) == "" and rest[1][:1].isupper():
            return "dash"
        return "none"
    return "none"


def _dash_list(text: str, last: int, at: int, dash: str) -> bool:
    """Tell whether a dash after "!" continues a dash-separated list of names."""
    return f" {dash[0]} " in text[max(last, at - 300) : at]


def _word_before(text: str, at: int, start: int) -> str:
    """Return the token that ends at *at*, without leading openers."""
    lo = max(start, at - 48)
    cut = max(text.rfind(" ", lo, at), text.rfind("\n", lo, at), lo - 1)
    word = text[cut + 1 : at]
    if not word.isprintable():
        parts = word.split()
        word = parts[-1] if parts else ""
    return word.lstrip(_OPEN)


def _glued(text: str, m: re.Match[str], start: int) -> int | None:
    """Decide a period glued to the next word ("world.Today"): not in URLs or emails."""
    at = m.start()
    lo = max(start, at - 64)
    left = text[lo:at].split()
    token = left[-1] if left else ""
    right = text[at : at + 64].split()[0]
    whole = token + right
    if "@" in whole or "/" in whole or token.lower().startswith("www") or "." in token:
        return None
    return at + 1
