"""Conflicts between two machines' versions of a unit, kept in the catalog as a comment.

When two machines changed one unit's translation differently, the merge
(:mod:`workbench.sync.pomerge`) keeps this machine's text in ``msgstr``,
marks the unit fuzzy, and keeps the other text in a translator comment,
which msgmerge, msgcat, Poedit and Weblate all preserve::

    # conflict: "the other text" (by Leyla, 2026-03-02 10:04+0000; ours by Sara, 2026-03-01)

A plural unit lists every form, each quoted. ``removed`` instead of the
texts says the other machine removed (or made obsolete) a unit this one had
edited: the edited text is kept. Quoted texts are escaped as PO strings, so
a note is always one line. Saving the unit again (the editor's "use this",
or any new translation) clears its conflicts (:func:`cleared`).

This module only spells and reads the notes; it never writes a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

from workbench.catalogs.model import Entry
from workbench.catalogs.po_syntax import escape

PREFIX = "conflict: "
REMOVED = "removed"

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_NOTE = (
    r"conflict: (?P<what>removed|" + _QUOTED + r"(?: " + _QUOTED + r")*)"
    r" \(by (?P<by>.*?), (?P<date>[^,;()]*); ours by (?P<ours>.*?), (?P<ours_date>[^,;()]*)\)\Z"
)
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}
_NAME_BREAKERS = re.compile(r"[(),;\x00-\x1f\x7f]+")
_EMAIL = re.compile(r"<[^>]*>")

#: What stands for an author nobody named.
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Conflict:
    """The other version of a unit: its text (empty when it removed the unit) and who made it."""

    theirs: tuple[str, ...]  # the other translation's forms; () when the other side removed it
    by: str
    date: str
    ours_by: str
    ours_date: str

    @property
    def removed(self) -> bool:
        return not self.theirs

    @property
    def text(self) -> str:
        """The other text, plural forms one per line."""
        return "\n".join(self.theirs)

    def note(self) -> str:
        """Return the translator comment that keeps this conflict (one line)."""
        what = REMOVED if self.removed else " ".join(f'"{escape(t)}"' for t in self.theirs)
        return (
            f"{PREFIX}{what} (by {clean_name(self.by)}, {_clean_date(self.date)}; "
            f"ours by {clean_name(self.ours_by)}, {_clean_date(self.ours_date)})"
        )

    def as_dict(self, ours: tuple[str, ...]) -> dict[str, Any]:
        """Return both versions as the JSON of ``workbench check`` shows them."""
        return {
            "ours": {"text": "\n".join(ours), "author": self.ours_by, "date": self.ours_date},
            "theirs": {
                "text": None if self.removed else self.text,
                "removed": self.removed,
                "author": self.by,
                "date": self.date,
            },
        }


def parse_note(note: str) -> Conflict | None:
    """Return the conflict a translator comment keeps, or None if it is another comment.

    >>> c = parse_note('conflict: "a \\\\"b\\\\"" (by Leyla, 2026-01-02; ours by Sara, x)')
    >>> c.theirs, c.by, c.ours_by
    (('a "b"',), 'Leyla', 'Sara')
    """
    if not note.startswith(PREFIX):
        return None
    # Few notes are conflicts: re compiles the pattern when one first is (start-up time).
    match = re.match(_NOTE, note)
    if match is None:
        return None
    what = match.group("what")
    theirs = () if what == REMOVED else tuple(_unquote(q) for q in re.findall(_QUOTED, what))
    return Conflict(
        theirs,
        match.group("by"),
        match.group("date"),
        match.group("ours"),
        match.group("ours_date"),
    )


def _unquote(quoted: str) -> str:
    body = quoted[1:-1]
    return re.sub(r"\\(.)", lambda m: _UNESCAPES.get(m.group(1), m.group(1)), body)


def conflicts_of(entry: Entry) -> list[Conflict]:
    """Return the conflicts kept on *entry*, in file order."""
    found = []
    for note in entry.notes:
        conflict = parse_note(note)
        if conflict is not None:
            found.append(conflict)
    return found


def has_conflict(entry: Entry) -> bool:
    """Tell whether *entry* keeps a conflict."""
    return any(note.startswith(PREFIX) and parse_note(note) for note in entry.notes)


def cleared(entry: Entry) -> Entry:
    """Return *entry* without its conflict notes (the conflict is resolved)."""
    kept = tuple(n for n in entry.notes if parse_note(n) is None)
    return entry if kept == entry.notes else replace(entry, notes=kept)


def with_conflict(entry: Entry, conflict: Conflict) -> Entry:
    """Return *entry* marked fuzzy and keeping *conflict* (once)."""
    note = conflict.note()
    notes = entry.notes if note in entry.notes else (*entry.notes, note)
    return replace(entry, notes=notes, fuzzy=True, reviewer=None)


# -- the translation of an entry, whatever fields the model gives it ------------------

#: The fields that hold a translation: msgstr and its plural forms, if the model has them.
TRANSLATION_FIELDS = tuple(f.name for f in fields(Entry) if f.name.startswith("msgstr"))


def is_plural(entry: Entry) -> bool:
    """Tell whether *entry* is a plural unit (has a msgid_plural)."""
    return bool(getattr(entry, "msgid_plural", None))


def translation(entry: Entry) -> tuple[str, ...]:
    """Return the translation's forms: the plural forms of a plural unit, else msgstr alone."""
    if is_plural(entry):
        for name in TRANSLATION_FIELDS:
            if name != "msgstr":
                return _forms(getattr(entry, name))
    return (entry.msgstr,)


def translation_values(entry: Entry) -> tuple[Any, ...]:
    """Return every translation field's value, to compare two versions of a unit."""
    return tuple(getattr(entry, name) for name in TRANSLATION_FIELDS)


def with_translation_values(entry: Entry, values: tuple[Any, ...]) -> Entry:
    """Return *entry* with the translation fields of :func:`translation_values` put back."""
    return replace(entry, **dict(zip(TRANSLATION_FIELDS, values, strict=True)))


def with_forms(entry: Entry, forms: tuple[str, ...]) -> Entry:
    """Return *entry* translated as *forms* (the plural forms of a plural unit)."""
    if is_plural(entry):
        for name in TRANSLATION_FIELDS:
            if name != "msgstr":
                old = getattr(entry, name)
                if isinstance(old, dict):
                    return replace(entry, **{name: dict(enumerate(forms))})
                return replace(entry, **{name: tuple(forms)})
    return replace(entry, msgstr=forms[0] if forms else "")


def translated(entry: Entry) -> bool:
    """Tell whether *entry* holds any translated text."""
    return any(translation(entry))


def _forms(value: Any) -> tuple[str, ...]:
    if isinstance(value, dict):
        return tuple(value[k] for k in sorted(value))
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,) if value else ()


# -- who made a version ------------------------------------------------------------


def clean_name(name: str | None) -> str:
    """Return a name fit for a conflict note: no e-mail address, nothing that breaks the line.

    >>> clean_name("Leyla <leyla@example.org>")
    'Leyla'
    >>> clean_name("FULL NAME <EMAIL@ADDRESS>")
    'unknown'
    """
    if not name:
        return UNKNOWN
    bare = _EMAIL.sub(" ", name)
    bare = " ".join(_NAME_BREAKERS.sub(" ", bare).split())
    if not bare or bare == "FULL NAME":
        return UNKNOWN
    return bare[:80]


def _clean_date(date: str | None) -> str:
    return " ".join(_NAME_BREAKERS.sub(" ", date or "").split()) or UNKNOWN


def author_of(header: dict[str, str]) -> tuple[str, str]:
    """Return who last changed a catalog and when, from its header."""
    return clean_name(header.get("Last-Translator")), _clean_date(header.get("PO-Revision-Date"))
