"""What a sync kept of two machines' clashing edits of one concept (``Concept.conflict``).

The three-way merge (:mod:`workbench.sync.tbxmerge`) writes one line per
clash with the functions here, and :func:`clashes` reads them back, for
``glossary show``, ``glossary check`` and the sync's report. The field is
plain text in the TBX file (``descrip[@type="x-conflict"]``), so a line
written by hand or by another version is kept and shown as it is.

A field's other value may run over several lines (a decision note with
paragraphs): a line that begins no clash continues the one before it.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from workbench.glossary.model import Concept

PREFERRED = "preferred"
FIELD = "field"
REMOVED = "removed"
OTHER = "other"

#: The concept's fields a merge compares, and how a person calls each.
FIELDS = {"definition": "definition", "subject": "subject", "note": "decision note"}

REMOVED_WHILE_EDITED = "removed on one machine while edited on another; kept with the edits"

_PREFERRED = re.compile(
    r"two preferred (?P<language>\S+) renderings: (?P<ours>.+?) \(kept preferred\) and "
    r"(?P<theirs>.+) \(from the other machine, now admitted\)\Z"
)
_FIELD = re.compile(r"(?P<field>definition|subject|note) on the other machine: (?P<theirs>.*)\Z")
_NOT_MERGED = "could not merge the other machine's edit: "
# A word a shell reads as it is: no space, quote or character the shell treats specially.
_PLAIN = re.compile(r"[^\s'\"\\$`!*?;&|<>(){}\[\]#~^%]+")


def preferred_clash(language: str, ours: str, theirs: str) -> str:
    """Say that both machines preferred a rendering in *language*: *ours* stays preferred."""
    return (
        f"two preferred {language} renderings: {ours} (kept preferred) and "
        f"{theirs} (from the other machine, now admitted)"
    )


def field_clash(field: str, theirs: str) -> str:
    """Say that both machines changed *field*; this machine's value stays, *theirs* is quoted."""
    return f"{field} on the other machine: {theirs}"


def not_merged(detail: str) -> str:
    """Say that the other machine's edit could not be merged, and why."""
    return _NOT_MERGED + detail


@dataclass(frozen=True)
class Clash:
    """One thing two machines' edits of a concept disagreed on."""

    kind: str  # PREFERRED, FIELD, REMOVED or OTHER
    text: str  # as the concept keeps it
    language: str = ""  # PREFERRED: the language of the two renderings
    field: str = ""  # FIELD: definition, subject or note
    ours: str = ""  # what this machine has: the rendering kept preferred, the field's value
    theirs: str = ""  # what the other machine had

    @property
    def line(self) -> str:
        """The clash as the concept keeps it, on one line."""
        return _one_line(self.text)

    def describe(self, concept_id: str) -> str:
        """Say in one line what the two machines said, and how to take the other's version."""
        edit = f"workbench glossary edit {concept_id}"
        if self.kind == PREFERRED:
            take = _quoted(f"{self.language}={self.theirs}")
            return (
                f"{self.language} preferred: «{self.ours}» here, «{self.theirs}» on the other "
                f"machine (kept as admitted); to prefer the other: {edit} --prefer {take}"
            )
        if self.kind == FIELD:
            name = FIELDS[self.field]
            ours = f"«{_one_line(self.ours)}»" if self.ours else "empty"
            theirs = f"«{_one_line(self.theirs)}»" if self.theirs else "empty"
            option = "--note" if self.field == "note" else f"--{self.field}"
            return (
                f"{name}: {ours} here (kept), {theirs} on the other machine; to take the "
                f"other: {edit} {option} TEXT"
            )
        if self.kind == REMOVED:
            return (
                "removed on one machine while edited on another, and kept with the edits; "
                f"to remove it after all: workbench glossary remove {concept_id}"
            )
        return self.line

    def as_dict(self) -> dict[str, str]:
        """Return the clash for ``--json``: kind, text, language, field, ours, theirs."""
        return {
            "kind": self.kind,
            "text": self.text,
            "language": self.language,
            "field": self.field,
            "ours": self.ours,
            "theirs": self.theirs,
        }


def clashes(concept: Concept) -> list[Clash]:
    """Return what the sync conflict kept on *concept* says, clash by clash (none if settled)."""
    groups: list[list[str]] = []
    for line in concept.conflict.split("\n"):
        if groups and not _begins_a_clash(line):
            groups[-1].append(line)
        elif line.strip():
            groups.append([line])
    return [_clash(concept, "\n".join(group).strip()) for group in groups]


def _begins_a_clash(line: str) -> bool:
    return bool(
        _PREFERRED.match(line)
        or _FIELD.match(line)
        or line == REMOVED_WHILE_EDITED
        or line.startswith(_NOT_MERGED)
    )


def _clash(concept: Concept, text: str) -> Clash:
    found = _PREFERRED.match(text)
    if found:
        return Clash(PREFERRED, text, found["language"], "", found["ours"], found["theirs"])
    found = _FIELD.match(text.split("\n", 1)[0])
    if found:
        theirs = text.partition(": ")[2]
        field = found["field"]
        return Clash(FIELD, text, "", field, getattr(concept, field), theirs)
    if text == REMOVED_WHILE_EDITED:
        return Clash(REMOVED, text)
    return Clash(OTHER, text)


def combined(first: str, second: str) -> str:
    """Return the clashes of two conflict fields, each once, *first*'s first.

    >>> combined("subject on the other machine: x", "")
    'subject on the other machine: x'
    >>> combined("subject on the other machine: x", "note on the other machine: y\\n"
    ...          "subject on the other machine: x")
    'subject on the other machine: x\\nnote on the other machine: y'
    """
    if not second or second == first:
        return first
    if not first:
        return second
    parts = [*_entries(first), *_entries(second)]
    return "\n".join(dict.fromkeys(parts))


def _entries(conflict: str) -> list[str]:
    return [clash.text for clash in clashes(Concept("x", conflict=conflict))]


def settle_command(concept_id: str) -> str:
    """Return the command that settles a concept's conflict, keeping it as it is now."""
    return f"workbench glossary edit {concept_id} --settle"


def _quoted(word: str) -> str:
    """Quote *word* for a shell only where it needs it (shlex quotes every non-ASCII letter).

    >>> _quoted("fa=انجمن"), _quoted("fa=اعتصاب عمومی")
    ('fa=انجمن', "'fa=اعتصاب عمومی'")
    """
    return word if _PLAIN.fullmatch(word) else shlex.quote(word)


def _one_line(text: str) -> str:
    return " / ".join(line.strip() for line in text.split("\n") if line.strip())
