"""The PO reader: text into a catalog in one pass, every line checked, every entry's lines kept.

One pass over the lines reads entries as GNU gettext does (comments,
``#|`` previous fields, ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr``
or ``msgstr[n]``, obsolete ``#~`` entries with their ``#~|`` lines) and stops
at the first defect with a one-line message naming its line. Plural
entries must have the header's number of forms, numbered from 0 without a
gap. Each entry keeps the lines it was read from, and the file's wrapping
width is measured (:class:`~workbench.catalogs.model.Layout`), so that a
rewrite changes only the entries that changed, in the file's own style.
"""

from __future__ import annotations

import re

from workbench.catalogs import plurals
from workbench.catalogs.model import REVIEWED, Catalog, Entry, Layout, revision_of
from workbench.catalogs.po_syntax import STRING, string_problem, unescape
from workbench.catalogs.po_wrap import breaks, width_of
from workbench.errors import CatalogError

# Patterns of lines few files have, given to re's own functions: compiled when
# first met, and then kept by re (start-up time).
_REVIEW = r"reviewed-by: (?P<name>.*?) \((?P<rev>[0-9a-f]{12})\)\Z"
_DISMISS = r"dismissed (?P<check>[a-z][a-z0-9_-]*): ?(?P<reason>.*)\Z"
_KEYWORD = r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|\Z)\s*"
#: A keyword and its whole string on one line, the common case, read with one match.
_KEYWORD_STRING = re.compile(
    r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*" + STRING.pattern
)
_PREVIOUS = ("msgctxt", "msgid", "msgid_plural")
#: Wrapped lines measured for a file's width: enough to pin it, few enough to stay cheap.
_SAMPLES = 200
#: Page widths tools use, most common first: a measured range picks the first inside it.
_USUAL_WIDTHS = (79, 77, 80, 78, 76)


def syntax_error(name: str, line: int, what: str) -> CatalogError:
    """Return the error for a defect at *line*."""
    return CatalogError(
        f"{what}; fix the file (or restore it with git) and run again; nothing was written",
        path=name,
        line=line,
    )


class _Draft:
    """An entry being read."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = (
        "start",
        "end",
        "notes",
        "extracted",
        "refs",
        "flags",
        "previous",
        "fields",
        "forms",
        "obsolete",
        "msgid_line",
        "msgstr_line",
        "done",
        "target",
    )

    def __init__(self, start: int) -> None:
        self.start = start
        self.end = -1
        self.notes: list[str] = []
        self.extracted: list[str] = []
        self.refs: list[str] = []
        self.flags: list[str] = []
        self.previous: dict[str, list[str]] = {}
        self.fields: dict[str, list[str]] = {}
        self.forms: list[list[str]] = []
        self.obsolete: bool | None = None
        self.msgid_line = 0
        self.msgstr_line = 0
        self.done = False  # a msgstr was read
        self.target: list[str] | None = None  # where a continuation string goes

    @property
    def started(self) -> bool:
        return bool(self.fields or self.previous)


class _Reader:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        lines = text.split("\n")
        self.lines = lines
        self.drafts: list[_Draft] = []
        self.draft = _Draft(0)

    def fail(self, lineno: int, what: str) -> CatalogError:
        return syntax_error(self.name, lineno, what)

    # -- the pass over the lines ------------------------------------------

    def read(self) -> list[_Draft]:
        for index, raw in enumerate(self.lines):
            line = raw.strip()
            if not line:
                continue
            lineno = index + 1
            head = line[0]
            if head == "#":
                kind = line[1:2]
                if kind == "~":
                    rest = line[2:].lstrip()
                    if not rest:
                        continue
                    if rest[0] == "|":
                        self.previous(index, rest[1:].lstrip(), True, raw)
                    else:
                        self.string_line(index, rest, True, raw)
                elif kind == "|":
                    self.previous(index, line[2:].lstrip(), False, raw)
                else:
                    self.comment(index, raw.lstrip(), kind)
            elif head == '"' or head == "m":
                self.string_line(index, line, False, raw)
            else:
                raise self.fail(lineno, f"unexpected text {line[:30]!r}")
        self.finish(len(self.lines))
        return self.drafts

    def new_entry_at(self, index: int) -> _Draft:
        """Return the draft a line at *index* that starts an entry belongs to."""
        draft = self.draft
        if draft.done:
            self.drafts.append(draft)
            draft = self.draft = _Draft(index)
        elif "msgid" in draft.fields:
            raise self.fail(draft.msgid_line, "this msgid has no msgstr")
        elif not draft.fields and not draft.previous and draft.end < 0:
            draft.start = index
        return draft

    def comment(self, index: int, line: str, kind: str) -> None:
        if line.endswith("\\"):
            # GNU reads a backslash at the end of a line as joining it to the next.
            raise self.fail(
                index + 1, "a comment ends with a backslash, which joins it to the next line"
            )
        draft = self.new_entry_at(index)
        draft.end = index
        draft.target = None
        if kind == ".":
            draft.extracted.append(line[3:] if line.startswith("#. ") else line[2:])
        elif kind == ":":
            draft.refs.extend(line[2:].split())
        elif kind == ",":
            draft.flags.extend(f.strip() for f in line[2:].split(",") if f.strip())
        else:
            text = line[1:]
            draft.notes.append(text[1:] if text.startswith(" ") else text)

    def previous(self, index: int, rest: str, obsolete: bool, raw: str) -> None:
        lineno = index + 1
        if rest.startswith('"'):
            draft = self.draft
            if draft.target is None or not draft.previous:
                raise self.fail(lineno, f"unexpected text {raw.strip()[:30]!r}")
            draft.target.append(self.quoted(rest, lineno))
            draft.end = index
            return
        draft = self.new_entry_at(index)
        if draft.fields:
            raise self.fail(lineno, "a previous source (#|) after the msgid; move it before")
        match = re.match(_KEYWORD, rest)
        if match is None or match.group(1) not in _PREVIOUS:
            raise self.fail(lineno, f"unexpected text {raw.strip()[:30]!r}")
        pieces = [self.quoted(rest[match.end() :], lineno)]
        draft.previous[match.group(1)] = pieces
        draft.target = pieces
        draft.end = index
        self.mark_obsolete(draft, obsolete, lineno)

    def string_line(self, index: int, line: str, obsolete: bool, raw: str) -> None:
        lineno = index + 1
        if line[0] == '"':
            draft = self.draft
            if draft.target is None or not draft.fields:
                raise self.fail(lineno, f"unexpected text {raw.strip()[:30]!r}")
            if bool(draft.obsolete) != obsolete:
                raise self.fail(lineno, "this entry mixes obsolete (#~) lines and active ones")
            draft.target.append(self.quoted(line, lineno))
            draft.end = index
            return
        match = _KEYWORD_STRING.match(line)
        if match is not None:
            keyword, piece = match.group(1, 3)
        else:
            match = re.match(_KEYWORD, line)
            if match is None:
                if line.startswith("msg"):
                    raise self.fail(lineno, string_problem(line))
                raise self.fail(lineno, f"unexpected text {raw.strip()[:30]!r}")
            keyword = match.group(1)
            if not line[match.end() :].startswith('"'):
                raise self.fail(lineno, string_problem(line))
            piece = self.quoted(line[match.end() :], lineno)
        if keyword in ("msgctxt", "msgid"):
            draft = self.new_entry_at(index)
            if keyword in draft.fields:
                raise self.fail(lineno, f"a second {keyword} in one entry")
            if keyword == "msgctxt" and "msgid" in draft.fields:
                raise self.fail(lineno, "a msgctxt after the msgid; write it before")
            if keyword == "msgid":
                draft.msgid_line = lineno
        else:
            draft = self.draft
            self.check_order(draft, keyword, match.group(2), lineno)
        self.mark_obsolete(draft, obsolete, lineno)
        pieces = [piece]
        if match.group(2) is not None:
            draft.forms.append(pieces)
        else:
            draft.fields[keyword] = pieces
        if keyword.startswith("msgstr") and not draft.done:
            draft.done = True
            draft.msgstr_line = lineno
        draft.target = pieces
        draft.end = index

    def check_order(self, draft: _Draft, keyword: str, index: str | None, lineno: int) -> None:
        if "msgid" not in draft.fields or (draft.done and keyword != "msgstr" and index is None):
            what = "msgid_plural" if keyword == "msgid_plural" else keyword
            raise self.fail(lineno, f"a {what} without a msgid before it")
        if keyword == "msgid_plural":
            if draft.done or "msgid_plural" in draft.fields:
                raise self.fail(lineno, "a msgid_plural without a msgid before it")
            return
        plural = "msgid_plural" in draft.fields
        if index is None:
            if draft.done:
                raise self.fail(lineno, "a msgstr without a msgid before it")
            if plural:
                raise self.fail(
                    lineno,
                    "this message has a msgid_plural, so its translations are msgstr[0], "
                    "msgstr[1]...; write them so",
                )
            return
        n = int(index)
        if not plural:
            if draft.done and not draft.forms:
                raise self.fail(lineno, f"a msgstr[{n}] without a msgid before it")
            raise self.fail(
                lineno,
                f"msgstr[{n}] without a msgid_plural before it; a message with one "
                "translation has a plain msgstr",
            )
        if n > len(draft.forms):
            raise self.fail(lineno, f"plural form msgstr[{n}] has no msgstr[{n - 1}] before it")
        if n < len(draft.forms):
            raise self.fail(lineno, f"plural form msgstr[{n}] is given twice")

    def mark_obsolete(self, draft: _Draft, obsolete: bool, lineno: int) -> None:
        if draft.obsolete is None:
            draft.obsolete = obsolete
        elif draft.obsolete != obsolete:
            raise self.fail(lineno, "this entry mixes obsolete (#~) lines and active ones")

    def quoted(self, text: str, lineno: int) -> str:
        match = STRING.match(text)
        if match is None:
            raise self.fail(lineno, string_problem(text))
        return match.group(1)

    def finish(self, index: int) -> None:
        draft = self.draft
        if draft.done:
            self.drafts.append(draft)
        elif "msgid" in draft.fields:
            raise self.fail(draft.msgid_line, "this msgid has no msgstr")
        elif draft.fields:
            raise self.fail(draft.end + 1, "a msgctxt without a msgid after it")
        elif draft.previous:
            raise self.fail(draft.end + 1, "a previous source (#|) without a message after it")
        # Comments after the last entry belong to no message; GNU drops them too.


# -- drafts into entries ------------------------------------------------------


def _text(pieces: list[str] | None) -> str | None:
    if pieces is None:
        return None
    return unescape(pieces[0] if len(pieces) == 1 else "".join(pieces))


def _occurrence(ref: str) -> tuple[str, str]:
    path, colon, line = ref.rpartition(":")
    if colon and line.isdigit() and path:
        return path, line
    return ref, ""


def is_plain_note(line: str) -> bool:
    """Tell whether a translator comment line reads back as a note, not a review or a dismissal.

    >>> is_plain_note("Keep the plural."), is_plain_note("dismissed spelling: a name")
    (True, False)
    """
    return not (re.match(_REVIEW, line) or re.match(_DISMISS, line))


def _entry(draft: _Draft) -> tuple[Entry, bool]:
    """Return the entry of *draft*, and whether its lines say all it holds."""
    reviewer = review_rev = None
    notes: list[str] = []
    dismissed: list[tuple[str, str]] = []
    for line in draft.notes:
        if m := re.match(_REVIEW, line):
            reviewer, review_rev = m.group("name"), m.group("rev")
        elif m := re.match(_DISMISS, line):
            dismissed.append((m.group("check"), m.group("reason")))
        else:
            notes.append(line)
    fuzzy = "fuzzy" in draft.flags
    fields = draft.fields
    plural = _text(fields.get("msgid_plural"))
    forms = tuple(unescape("".join(p)) for p in draft.forms) if plural is not None else ()
    msgstr = forms[0] if forms else (_text(fields.get("msgstr")) or "")
    faithful = True
    if reviewer is not None:
        texts = forms if plural is not None else msgstr
        if fuzzy or not all(forms or (msgstr,)) or review_rev != revision_of(texts, REVIEWED):
            reviewer = None  # the text changed since it was reviewed
            faithful = False  # so the stale mark goes when the entry is written
    entry = Entry(
        msgid=_text(fields.get("msgid")) or "",
        msgstr=msgstr,
        msgctxt=_text(fields.get("msgctxt")),
        fuzzy=fuzzy,
        reviewer=reviewer,
        occurrences=tuple(_occurrence(r) for r in draft.refs),
        comment="\n".join(draft.extracted),
        notes=tuple(notes),
        dismissed=tuple(dismissed),
        previous_msgid=_text(draft.previous.get("msgid")),
        previous_msgctxt=_text(draft.previous.get("msgctxt")),
        obsolete=bool(draft.obsolete),
        flags=tuple(f for f in draft.flags if f != "fuzzy"),
        msgid_plural=plural,
        msgstr_plural=forms,
        previous_msgid_plural=_text(draft.previous.get("msgid_plural")),
    )
    return entry, faithful


def _header(msgstr: str) -> tuple[dict[str, str], dict[str, str]]:
    """Return the header's fields and each field's line."""
    fields: dict[str, str] = {}
    lines: dict[str, str] = {}
    for line in msgstr.split("\n"):
        key, colon, value = line.partition(":")
        if not colon or not key.strip():
            continue
        key = key.strip()
        fields[key] = value[1:] if value.startswith(" ") else value
        lines[key] = line
    return fields, lines


# -- the file's wrapping ---------------------------------------------------------


class _Widths:
    """What the wrapped strings of a file say about its page width."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("low", "high", "wrapped")

    def __init__(self) -> None:
        self.low = 0  # the longest wrapped line
        self.high = 1 << 30  # a wrapped line plus the piece that did not fit, less one
        self.wrapped = 0

    def add(self, prefix: int, keyword: int, pieces: list[str]) -> None:
        if self.wrapped >= _SAMPLES:
            return
        for i, piece in enumerate(pieces[:-1]):
            if i == 0 and not piece:
                continue
            if piece.endswith("\\n") and not piece.endswith("\\\\n"):
                continue  # a line ending with a newline: not a wrap
            used = prefix + (keyword + 1 if i == 0 else 0) + 2 + width_of(piece)
            nxt = pieces[i + 1]
            cut = [j for j, b in enumerate(breaks(nxt)) if b]
            first = width_of(nxt[: cut[0]] if cut else nxt)
            self.low = max(self.low, used)
            self.high = min(self.high, used + first - 1)
            self.wrapped += 1

    def width(self) -> int | None:
        if not self.wrapped:
            return None
        for usual in _USUAL_WIDTHS:
            if self.low <= usual <= self.high:
                return usual
        return max(self.low, 20)


def _measure(widths: _Widths, draft: _Draft) -> None:
    if "no-wrap" in draft.flags:
        return
    obsolete = 3 if draft.obsolete else 0
    for keyword, pieces in draft.previous.items():
        widths.add(3 + (1 if draft.obsolete else 0), len(keyword), pieces)
    for keyword, pieces in draft.fields.items():
        widths.add(obsolete, len(keyword), pieces)
    for n, pieces in enumerate(draft.forms):
        widths.add(obsolete, len(f"msgstr[{n}]"), pieces)


# -- the catalog -----------------------------------------------------------------


def parse(text: str, name: str = "<catalog>") -> Catalog:
    """Parse PO text into a :class:`Catalog`; raise CatalogError at the first defect."""
    reader = _Reader(text, name)
    drafts = reader.read()
    lines = reader.lines
    entries: list[Entry] = []
    blocks: dict[Entry, str] = {}
    seen: dict[tuple[str | None, str], int] = {}
    header_draft: _Draft | None = None
    widths = _Widths()
    for draft in drafts:
        entry, faithful = _entry(draft)
        _measure(widths, draft)
        if (
            not entry.obsolete
            and entry.key == (None, "")
            and header_draft is None
            and entry.msgid_plural is None
        ):
            header_draft = draft
            header_entry = entry
            seen[entry.key] = draft.msgid_line
            continue
        # Obsolete entries share the live ones' keys, as in GNU gettext, which
        # refuses a file where an obsolete entry repeats another's.
        if entry.key in seen:
            if entry.key == (None, "") and entry.obsolete:
                raise CatalogError(
                    'an obsolete entry with an empty msgid (#~ msgid "") is a second header '
                    "to gettext; remove it and run again",
                    path=name,
                    line=draft.msgid_line,
                )
            if entry.key == (None, ""):
                raise CatalogError(
                    'the file has two headers (msgid ""), one here; keep one and run again',
                    path=name,
                    line=draft.msgid_line,
                )
            raise CatalogError(
                f"the message {entry.msgid[:40]!r} is defined twice (first at line "
                f"{seen[entry.key]}); merge the two entries and run again",
                path=name,
                line=draft.msgid_line,
            )
        seen[entry.key] = draft.msgid_line
        entries.append(entry)
        if faithful:
            blocks[entry] = "\n".join(lines[draft.start : draft.end + 1])
    header: dict[str, str] = {}
    header_lines: dict[str, str] = {}
    notes: tuple[str, ...] = ()
    fuzzy = False
    raw_header = None
    if header_draft is not None:
        header, header_lines = _header(header_entry.msgstr)
        notes = tuple(header_draft.notes)
        fuzzy = header_entry.fuzzy
        state = (tuple(header.items()), notes, fuzzy)
        raw_header = (state, "\n".join(lines[header_draft.start : header_draft.end + 1]))
    _check_plural_counts(name, header, drafts, entries)
    return Catalog(
        header=header,
        entries=entries,
        header_notes=notes,
        header_fuzzy=fuzzy,
        layout=Layout(widths.width(), blocks, raw_header, header_lines),
    )


def _check_plural_counts(
    name: str, header: dict[str, str], drafts: list[_Draft], entries: list[Entry]
) -> None:
    """Refuse active plural entries whose number of forms is not the header's nplurals."""
    rule = plurals.parse_rule(header.get("Plural-Forms"))
    if rule is None:
        return
    for draft in drafts:
        if draft.obsolete or "msgid_plural" not in draft.fields:
            continue
        count = len(draft.forms)
        if count != rule.nplurals:
            raise syntax_error(
                name,
                draft.msgstr_line,
                f"this message has {count} plural forms but the header's Plural-Forms says "
                f"nplurals={rule.nplurals}; give every plural message {rule.nplurals} "
                f"(msgstr[0] to msgstr[{rule.nplurals - 1}]) or correct the header",
            )
