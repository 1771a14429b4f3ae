"""Comments on a unit: a thread kept in the catalog, so it travels with the file.

Each comment is one translator comment line::

    # comment 2026-11-22T14:05Z leyla: Keep "councils" plural here, as in the title.

time (UTC, to the minute), author and text, in the order they were written.
Translator comments are kept by msgmerge, msgcat, Poedit and Weblate, so the
thread survives every tool, and two people's comments on one unit are two
lines, which a merge of the catalogs keeps side by side. A comment is one
line: line breaks and runs of spaces become one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from workbench.catalogs.conflict import parse_note
from workbench.catalogs.model import Entry
from workbench.catalogs.po_reader import is_plain_note
from workbench.errors import CatalogError
from workbench.messages import N_, Data, Message

#: The longest comment accepted, in characters.
MAX_COMMENT = 2000

_COMMENT = re.compile(
    r"comment (?P<at>\d{4}-\d\d-\d\dT\d\d:\d\dZ) (?P<author>.+?): (?P<text>.*)\Z", re.S
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_STAMP = "%Y-%m-%dT%H:%MZ"


@dataclass(frozen=True)
class Comment:
    """One comment on a unit."""

    at: datetime  # UTC
    author: str
    text: str

    @property
    def note(self) -> str:
        """The comment as its translator comment line (without the ``# ``)."""
        # A ": " in a name would end the name early when the line is read back.
        author = self.author.replace(": ", ":\u00a0")
        return f"comment {self.at.strftime(_STAMP)} {author}: {self.text}"


def parse(note: str) -> Comment | None:
    """Return the comment a translator comment line holds, or None.

    >>> parse("comment 2026-11-22T14:05Z leyla: Keep it plural.").author
    'leyla'
    >>> parse("Checked with the union's own translation.") is None
    True
    """
    m = _COMMENT.match(note)
    if m is None:
        return None
    at = datetime.strptime(m.group("at"), _STAMP).replace(tzinfo=UTC)
    return Comment(at, m.group("author"), m.group("text"))


def comments_of(entry: Entry) -> list[Comment]:
    """Return the unit's comments, oldest first."""
    return [c for c in map(parse, entry.notes) if c is not None]


def other_notes(entry: Entry) -> tuple[str, ...]:
    """Return the unit's translator comments that are neither a thread's nor a sync's conflict."""
    return tuple(n for n in entry.notes if parse(n) is None and parse_note(n) is None)


def plain_note(text: str) -> str:
    """Return *text* as one translator comment line that reads back as a plain note.

    A note another tool brought (an XLIFF ``<note>``): line breaks and runs
    of spaces become one space, control characters go, and a text that the
    catalog would read as something else (a review, a dismissal, a conflict,
    a comment of the thread) is kept behind ``note: ``, so that a file can
    neither mark a unit reviewed nor speak in someone's name.

    >>> plain_note("Check with\\nLeyla.")
    'Check with Leyla.'
    >>> plain_note("reviewed-by: boss (0123456789ab)")
    'note: reviewed-by: boss (0123456789ab)'
    """
    line = " ".join(_CONTROL.sub(" ", text).split())
    if line and (parse(line) or parse_note(line) or not is_plain_note(line)):
        return f"note: {line}"
    return line


def checked_text(text: str) -> str:
    """Return *text* as one line of a comment, or raise CatalogError saying what is wrong."""
    text = " ".join(text.split())
    if not text:
        raise CatalogError(Message.of(N_("the comment is empty; write something first")))
    if len(text) > MAX_COMMENT:
        raise CatalogError(
            Message.of(
                N_("the comment is %(n)s characters long; shorten it to %(limit)s or fewer"),
                n=len(text),
                limit=MAX_COMMENT,
            )
        )
    bad = _CONTROL.search(text)
    if bad:
        raise CatalogError(
            Message.of(
                N_("the comment holds the control character %(code)s; remove it"),
                code=Data(f"U+{ord(bad.group()):04X}"),
            )
        )
    return text


def with_comment(entry: Entry, author: str, text: str, at: datetime | None = None) -> Entry:
    """Return *entry* with a comment by *author* added at the end of its thread."""
    moment = (at or datetime.now(UTC)).astimezone(UTC).replace(second=0, microsecond=0)
    comment = Comment(moment, " ".join(author.split()) or "anonymous", checked_text(text))
    return replace(entry, notes=(*entry.notes, comment.note))
