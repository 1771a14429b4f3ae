"""What an XLIFF file holds, whatever its version: one statement's units for one language."""

from __future__ import annotations

from dataclasses import dataclass

#: Our namespace, for what XLIFF has no place for: the revision of each unit at export.
WB_NS = "urn:workbench:xliff"


@dataclass(frozen=True)
class GlossaryHit:
    """A glossary term found in a unit's source, and its approved rendering."""

    term: str
    translation: str
    status: str = ""
    definition: str = ""


@dataclass(frozen=True)
class XliffUnit:
    """One catalog entry as a translation unit."""

    id: str
    source: str
    target: str | None = None  # None: no <target> at all
    status: str = "untranslated"  # untranslated, fuzzy, translated, reviewed
    revision: str = ""  # the entry's revision when it was exported
    kind: str = ""  # heading, item, line or sentence
    context: str = ""  # msgctxt of an alternative translation
    group: str = ""  # the paragraph it opens with, "p3"
    location: str = ""  # seeds/x.txt:5
    glossary: tuple[GlossaryHit, ...] = ()
    translate: bool = True
    line: int = 0  # where the unit stands in the file read
    #: A tool's own status word when it differs from the XLIFF state (memoQ's mq:status).
    tool_status: str = ""
    #: The target came in a state tools leave as it was sent (1.2 ``new`` and
    #: ``needs-translation``, 2.0 ``initial``): translated where the export sent
    #: no target (OmegaT fills targets and leaves the state), not finished where
    #: it sent one (a tool set it back: translate-toolkit's ``markfuzzy``).
    unconfirmed: bool = False
    #: Notes the file brings that the export did not write (a translator's, a reviewer's).
    notes: tuple[str, ...] = ()
    #: The other versions a sync (or an import) kept beside the target: (text, who made it).
    #: Written out for the translator to see; never read back.
    alternatives: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class XliffFile:
    """A statement's units for one target language."""

    version: str  # "1.2" or "2.0"
    original: str  # the statement id
    source_language: str
    target_language: str
    units: tuple[XliffUnit, ...]


def unit_id(key: str) -> str:
    """Return the XML id of the unit with catalog key *key* (an id must start with a letter)."""
    return f"u{key}"
