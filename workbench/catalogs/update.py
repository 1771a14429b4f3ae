"""Statements into templates and catalogs, merged like ``msgmerge``.

``update`` segments every statement, writes its template
(``locales/<statement>.pot``) and merges each language's catalog with it:

- a unit whose source is unchanged keeps its translation;
- a new unit that resembles an old one gets the old translation, marked
  fuzzy, with the old source as ``#| msgid`` (the translator sees the diff);
- a unit no longer in the statement becomes obsolete (``#~``) if it was
  translated; an empty one is dropped, since nothing would be lost.

Nothing is written when nothing changed, so updating an unchanged project
changes no byte and leaves the dates alone.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from workbench.catalogs import backups, plurals, pofile
from workbench.catalogs import model as cat
from workbench.catalogs.model import Catalog, Entry
from workbench.errors import CatalogError
from workbench.lang.locales import language
from workbench.project import Project, Statement, read_statement
from workbench.segment.segmenter import Unit, segment

#: Similarity (0-100) from which an old translation is offered as fuzzy, as msgmerge's 0.6.
FUZZY_CUTOFF = 60.0
_OCCURRENCE = re.compile(r"occurrence (\d+)\Z")


@dataclass
class UpdateReport:
    """What one statement's update did."""

    statement: str
    units: int = 0
    written: list[str] = field(default_factory=list)
    new: dict[str, int] = field(default_factory=dict)
    fuzzy: dict[str, int] = field(default_factory=dict)
    obsolete: dict[str, int] = field(default_factory=dict)


def msgid_of(unit_text: str) -> str:
    r"""Return the msgid for a unit: its text with CRLF as LF.

    >>> msgid_of("one\r\ntwo")
    'one\ntwo'
    """
    return unit_text.replace("\r\n", "\n").replace("\r", "\n")


def line_numbers(text: str, offsets: Iterable[int]) -> list[int]:
    """Return the 1-based line of each offset in *text*."""
    breaks = []
    at = text.find("\n")
    while at != -1:
        breaks.append(at)
        at = text.find("\n", at + 1)
    return [bisect.bisect_left(breaks, off) + 1 for off in offsets]


def template_entries(reference: str, text: str, units: list[Unit]) -> list[Entry]:
    """Return the template entries of one statement, in document order.

    A source that occurs several times is one entry with every reference.
    """
    lines = line_numbers(text, (u.start for u in units))
    order: dict[str, int] = {}
    refs: list[list[tuple[str, str]]] = []
    kinds: list[str] = []
    for unit, line in zip(units, lines, strict=True):
        msgid = msgid_of(unit.text)
        at = order.get(msgid)
        if at is None:
            order[msgid] = len(refs)
            refs.append([(reference, str(line))])
            kinds.append("" if unit.kind == "sentence" else unit.kind)
        else:
            refs[at].append((reference, str(line)))
    return [
        Entry(msgid=msgid, occurrences=tuple(refs[i]), comment=kinds[i])
        for msgid, i in order.items()
    ]


def template_header(statement: str, created: str, source_language: str) -> dict[str, str]:
    """Return the header of a statement's template.

    Its Language is the source language: an empty one is what GNU tools
    flag as a template never filled in.
    """
    return {
        "Project-Id-Version": statement,
        "POT-Creation-Date": created,
        "PO-Revision-Date": created,
        "Last-Translator": "",
        "Language-Team": "",
        "Language": source_language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def catalog_header(
    old: dict[str, str] | None, template: dict[str, str], lang: str, plural_forms: str
) -> dict[str, str]:
    """Return a catalog's header after an update.

    An existing header belongs to the catalog's translators: like msgmerge,
    the update takes only the template's POT-Creation-Date and fills in
    fields that are missing; Plural-Forms, the team and every other field
    stay as they are. A new catalog gets *plural_forms*.
    """
    created = template.get("POT-Creation-Date", "")
    if old is None:
        header = {
            "Project-Id-Version": template.get("Project-Id-Version", ""),
            "POT-Creation-Date": created,
            "PO-Revision-Date": created,
            "Last-Translator": "",
            "Language-Team": language(lang).name if lang else "",
        }
    else:
        header = dict(old)
        if created:
            header = _with_field(header, "POT-Creation-Date", created)
    for key, value in (
        ("Project-Id-Version", template.get("Project-Id-Version", "")),
        ("Language", lang),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms),
    ):
        if not header.get(key):
            header = _with_field(header, key, value)
    return header


def _with_field(header: dict[str, str], key: str, value: str) -> dict[str, str]:
    """Return *header* with *key* set; a new field goes where GNU tools put it."""
    if key in header or key not in pofile.HEADER_ORDER:
        return {**header, key: value}
    before = pofile.HEADER_ORDER[: pofile.HEADER_ORDER.index(key)]
    at = max((i + 1 for i, k in enumerate(header) if k in before), default=0)
    items = list(header.items())
    return dict([*items[:at], (key, value), *items[at:]])


def plural_forms_for(project: Project, lang: str, exclude: Path | None = None) -> str:
    """Return the Plural-Forms a new catalog in *lang* gets.

    The rule the language's other catalogs already use, so that one project
    keeps one rule per language; for the first catalog, the frozen CLDR rule.
    """
    folder = project.catalog_path(lang, "x").parent
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else ():
        if path == exclude:
            continue
        try:
            rule = pofile.read_header(path).get("Plural-Forms")
        except (CatalogError, OSError):
            continue
        if rule:
            return rule
    return language(lang).plural_forms


def merge(
    old: list[Entry], template: list[Entry], nplurals: int = 2
) -> tuple[list[Entry], dict[str, int]]:
    """Merge a catalog's *old* entries with the *template*, as ``msgmerge --previous`` does.

    Returns the new entries (template order, then obsolete ones) and counts
    of new, fuzzy-matched and obsoleted units. *nplurals* is how many forms
    an entry that becomes plural gets. See :func:`merge_catalog` for what
    is kept and where it differs from msgmerge.
    """
    known = _Known(old)
    counts = {"new": 0, "fuzzy": 0, "obsolete": 0}
    merged: list[Entry] = []
    for unit in template:
        hit = known.exact(unit.key)
        if hit is not None:
            merged.append(_carry(hit, unit, nplurals))
        else:
            counts["new"] += 1
            source = known.closest(unit.msgid)
            if source is not None:
                counts["fuzzy"] += 1
                merged.append(_proposal(source, unit, nplurals))
            else:
                merged.append(_fitted(unit, (), nplurals))
        merged += known.alternatives(unit)
    obsolete = known.leftovers()
    counts["obsolete"] = sum(1 for e, was in obsolete if not was)
    return merged + [e for e, _was in obsolete], counts


class _Known:
    """A catalog's old entries, as the merge looks them up; it notes which it used."""

    def __init__(self, old: list[Entry]) -> None:
        self.old = old
        self.used: set[int] = set()
        self.by_key: dict[tuple[str | None, str], Entry] = {}
        self.by_msgid: dict[str, list[Entry]] = {}
        for entry in old:
            # An active entry wins over an obsolete one of the same source.
            current = self.by_key.get(entry.key)
            if current is None or current.obsolete:
                self.by_key[entry.key] = entry
            if entry.msgctxt is not None and _OCCURRENCE.match(entry.msgctxt):
                self.by_msgid.setdefault(entry.msgid, []).append(entry)
        # Any old translation may be proposed for a new source, as msgmerge
        # does: obsolete ones and those in another context included.
        self.pool = [e for e in old if e.forms and e.forms[0]]
        self.choices = [e.msgid for e in self.pool]

    def exact(self, key: tuple[str | None, str]) -> Entry | None:
        """Return the old entry of the same context and source, obsolete ones included."""
        entry = self.by_key.get(key)
        if entry is not None:
            self.used.add(id(entry))
        return entry

    def closest(self, msgid: str) -> Entry | None:
        """Return the old translated entry whose source is most like *msgid*, if like enough."""
        if not self.choices:
            return None
        found = process.extractOne(
            msgid, self.choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if found is None:
            return None
        entry = self.pool[found[2]]
        self.used.add(id(entry))
        return entry

    def alternatives(self, unit: Entry) -> list[Entry]:
        """Return the alternative translations (msgctxt "occurrence N") *unit* still has.

        The workbench's own extension: a place that reads differently keeps
        its alternative while the sentence occurs at least N times.
        """
        out = []
        for alt in sorted(self.by_msgid.get(unit.msgid, ()), key=lambda e: e.msgctxt or ""):
            n = int(_OCCURRENCE.match(alt.msgctxt or "").group(1))  # type: ignore[union-attr]
            if 1 <= n <= len(unit.occurrences) and id(alt) not in self.used:
                self.used.add(id(alt))
                out.append(_carry(alt, replace(unit, occurrences=(unit.occurrences[n - 1],))))
        return out

    def leftovers(self) -> list[tuple[Entry, bool]]:
        """Return the unused old entries that hold a translation, as obsolete ones.

        Each comes with whether it was obsolete already. Untranslated ones
        go, as in msgmerge: nothing would be lost. Their references and
        extracted comments go too; their translator comments, flags and
        previous source stay.
        """
        out = []
        for entry in self.old:
            if id(entry) in self.used or not any(entry.forms):
                continue
            gone = replace(entry, obsolete=True, occurrences=(), comment="")
            out.append((gone, entry.obsolete))
        return out


def _fitted(entry: Entry, forms: tuple[str, ...], nplurals: int) -> Entry:
    """Return *entry* (a template's) holding the translation *forms*, shaped as it is."""
    if entry.msgid_plural is None:
        return replace(entry, msgstr=forms[0] if forms else "", msgstr_plural=())
    if len(forms) <= 1:
        forms = ((forms[0] if forms else ""),) * max(nplurals, 1)
    return replace(entry, msgstr_plural=tuple(forms), msgstr=forms[0])


def _carry(old: Entry, unit: Entry, nplurals: int = 2) -> Entry:
    """Return *old*'s translation on *unit*'s source, references, kind and flags.

    As msgmerge: the translator's part (translation, comments, status) is
    the old entry's, the rest the template's. An entry whose source turned
    plural or singular becomes a draft with its old source shown. The
    previous source of a translated entry stays (Lokalize keeps it after
    approval); msgmerge drops it.
    """
    carried = replace(
        old,
        occurrences=unit.occurrences,
        comment=unit.comment,
        flags=unit.flags,
        obsolete=False,
        msgid_plural=unit.msgid_plural,
    )
    same_shape = (old.msgid_plural is None) == (unit.msgid_plural is None)
    if same_shape and old.msgid_plural == unit.msgid_plural:
        return carried
    # As msgmerge, an entry whose first form is empty counts as untranslated.
    forms = old.forms if old.forms[0] else ()
    changed = _fitted(carried, forms if same_shape else forms[:1], nplurals)
    if not forms:
        return replace(changed, fuzzy=False)
    return _draft_of(changed, old)


def _proposal(source: Entry, unit: Entry, nplurals: int) -> Entry:
    """Return *unit* with the translation of the similar *source*, as a draft.

    Its previous source is what the translation translates: the source's
    own previous source if it was a draft already, else its source.
    """
    forms = source.forms
    if unit.msgid_plural is None or source.msgid_plural is None:
        forms = forms[:1]
    proposal = replace(
        _fitted(unit, forms, nplurals), notes=source.notes, dismissed=source.dismissed
    )
    return _draft_of(proposal, source)


def _draft_of(entry: Entry, source: Entry) -> Entry:
    """Return *entry* as a draft of *source*'s translation, showing what that translates.

    That is *source*'s own previous source if it was a draft already, else its source.
    """
    if source.fuzzy:
        previous = (source.previous_msgctxt, source.previous_msgid, source.previous_msgid_plural)
    else:
        previous = (source.msgctxt, source.msgid, source.msgid_plural)
    return replace(
        entry,
        fuzzy=True,
        reviewer=None,
        previous_msgctxt=previous[0],
        previous_msgid=previous[1],
        previous_msgid_plural=previous[2],
    )


def merge_catalog(
    old: Catalog | None, pot: Catalog, lang: str = "", plural_forms: str | None = None
) -> tuple[Catalog, dict[str, int]]:
    """Return catalog *old* merged with template *pot*, and the counts of :func:`merge`.

    What ``msgmerge --previous`` does, with three differences that keep
    more: a translated entry keeps its previous source (``#|``), the
    workbench's alternatives (msgctxt ``occurrence N``) stay while their
    sentence occurs N times, and fuzzy matching scores with rapidfuzz's
    ratio (the same measure as gettext's, but ties and near misses may pick
    another old translation). The header is the old one (Plural-Forms
    included) with the template's POT-Creation-Date; *plural_forms*
    replaces its rule, and plural entries then get the new number of forms
    (refused if a form that would go holds text).
    """
    header = catalog_header(old.header if old else None, pot.header, lang, plural_forms or "")
    if plural_forms:
        header["Plural-Forms"] = plural_forms
    rule = plurals.parse_rule(header.get("Plural-Forms"))
    nplurals = rule.nplurals if rule else 2
    entries, counts = merge(old.entries if old else [], pot.entries, nplurals)
    if plural_forms and rule is not None:
        entries = plurals.resize(
            entries, rule.nplurals, str(old.path) if old and old.path else None
        )
    merged = Catalog(
        header=header,
        entries=entries,
        header_notes=old.header_notes if old else (),
        header_fuzzy=old.header_fuzzy if old else False,
    )
    if old is not None:
        merged.layout = old.layout
    return merged, counts


def update_statement(
    project: Project,
    statement: Statement,
    languages: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
    text: str | None = None,
    plural_forms: Mapping[str, str] | None = None,
) -> UpdateReport:
    """Write the template and merge every catalog of one statement.

    *plural_forms* maps a language to the Plural-Forms its catalogs are to
    take instead of the one they have.
    """
    if text is None:
        text = read_statement(project, statement)
    if progress:
        progress("segment")
    units = segment(text, project.source_language)
    reference = project.relative(statement.path)
    template = template_entries(reference, text, units)
    report = UpdateReport(statement.id, units=len(template))

    pot_path = project.template_path(statement.id)
    old_pot = _read_if_exists(project, pot_path)
    created = cat.now_stamp()
    if old_pot is not None and _same_units(old_pot.entries, template):
        created = old_pot.header.get("POT-Creation-Date", created)
    pot = Catalog(
        header=template_header(statement.id, created, project.source_language), entries=template
    )
    if pofile.write(pot, pot_path, project.lock_dir):
        report.written.append(project.relative(pot_path))

    for lang in languages if languages is not None else project.languages:
        if progress:
            progress(lang)
        path = project.catalog_path(lang, statement.id)
        written, counts = _update_catalog(project, path, pot, lang, (plural_forms or {}).get(lang))
        if written:
            report.written.append(project.relative(path))
        report.new[lang] = counts["new"]
        report.fuzzy[lang] = counts["fuzzy"]
        report.obsolete[lang] = counts["obsolete"]
    return report


def _update_catalog(
    project: Project, path: Path, pot: Catalog, lang: str, plural_forms: str | None
) -> tuple[bool, dict]:
    # Read, merge and write under one lock, so a save from the web form
    # between the read and the write cannot be lost.
    counts: dict[str, int] = {}
    name = project.relative(path)

    def merged(old: Catalog | None) -> Catalog:
        rule = plural_forms
        if rule is None and (old is None or not old.header.get("Plural-Forms")):
            rule = plural_forms_for(project, lang, exclude=path)
        try:
            catalog, found = merge_catalog(old, pot, lang, rule)
        except CatalogError as exc:
            raise CatalogError(exc.detail, path=name) from exc
        counts.update(found)
        return catalog

    _, written = pofile.modify(path, merged, name, project.lock_dir, backups.keeper(project, path))
    return written, counts


def _read_if_exists(project: Project, path: Path) -> Catalog | None:
    if not path.exists():
        return None
    return pofile.read(path, project.relative(path))


def _same_units(old: list[Entry], new: list[Entry]) -> bool:
    if len(old) != len(new):
        return False
    return all(
        (a.msgid, a.occurrences, a.comment) == (b.msgid, b.occurrences, b.comment)
        for a, b in zip(old, new, strict=True)
    )


def update_project(
    project: Project,
    statements: Iterable[Statement] | None = None,
    progress: Callable[[str], None] | None = None,
    plural_forms: Mapping[str, str] | None = None,
) -> list[UpdateReport]:
    """Update the templates and catalogs of *statements* (default: all).

    Every statement and every existing catalog is read first, so a bad one
    (a catalog emptied or cut short included) stops the update before any
    file is written: merging into an emptied catalog would refill it with
    untranslated units and hide that its translations were lost.
    """
    chosen = list(statements) if statements is not None else project.statements()
    texts = [read_statement(project, s) for s in chosen]
    for statement in chosen:
        for lang in project.languages:
            _read_if_exists(project, project.catalog_path(lang, statement.id))
    return [
        update_statement(project, s, progress=progress, text=text, plural_forms=plural_forms)
        for s, text in zip(chosen, texts, strict=True)
    ]
