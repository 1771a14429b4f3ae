"""XLIFF 2.0: write a statement's units, read them back as CAT tools return them.

Written (``urn:oasis:names:tc:xliff:document:2.0``, with the glossary module)::

    <xliff version="2.0" srcLang="en" trgLang="fa">
      <file id="f1" original="STATEMENT">
        <group id="p1" name="paragraph 1">            one per paragraph, in order
          <unit id="u…" name="heading" wb:revision="…">
            <gls:glossary>…</gls:glossary>            the glossary terms found
            <notes>                                    location, context
            <segment state="translated">
              <source>…</source><target>…</target>   no target while untranslated

States, both ways: untranslated (``initial`` without a target, or with a
copy of the source), fuzzy (``initial`` with a target, written with
``subState="wb:fuzzy"``), translated (``translated``), reviewed (``reviewed``
or ``final``). A filled target still ``initial`` without our subState is
*unconfirmed*: a tool that sets no states filled it, or one set it back
(translate-toolkit's ``markfuzzy``); the import tells the two apart by
whether the export sent a target
(:attr:`~workbench.xliff.document.XliffUnit.unconfirmed`). A unit of several
segments (a tool may split one) is read as its segments joined, with the
``<ignorable>`` text between them.

Notes: the export writes the location and the context (``category``
``location`` and ``context``); any other ``<note>`` of the unit, or of a
segment (where translate-toolkit puts them), is read as what the tool's
user said about it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from xml.sax.saxutils import quoteattr

from workbench.errors import XliffError
from workbench.xliff.document import WB_NS, GlossaryHit, XliffFile, XliffUnit
from workbench.xliff.inline import plain_text
from workbench.xliff.tree import Lines, escaped, local, parse

NS = "urn:oasis:names:tc:xliff:document:2.0"
GLS_NS = "urn:oasis:names:tc:xliff:glossary:2.0"
_STATE = {"fuzzy": "initial", "translated": "translated", "reviewed": "reviewed"}
FUZZY_SUBSTATE = "wb:fuzzy"
_OWN_NOTES = {"location", "context"}


# -- writing -----------------------------------------------------------------


def dumps(doc: XliffFile) -> bytes:
    """Return *doc* as an XLIFF 2.0 document (UTF-8)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xliff xmlns="{NS}" xmlns:gls="{GLS_NS}" xmlns:wb="{WB_NS}" version="2.0" '
        f"srcLang={quoteattr(doc.source_language)} trgLang={quoteattr(doc.target_language)}>\n",
        f'  <file id="f1" original={quoteattr(doc.original)}>\n',
    ]
    group = None
    for unit in doc.units:
        if unit.group != group:
            if group is not None:
                out.append("    </group>\n")
            group = unit.group
            number = group.lstrip("p")
            out.append(f'    <group id={quoteattr(group)} name="paragraph {escaped(number)}">\n')
        out.extend(_unit(unit))
    if group is not None:
        out.append("    </group>\n")
    out.append("  </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _unit(unit: XliffUnit) -> Iterator[str]:
    pad = "        "
    name = f" name={quoteattr(unit.kind)}" if unit.kind else ""
    yield (
        f"      <unit id={quoteattr(unit.id)}{name} wb:revision={quoteattr(unit.revision)} "
        'xml:space="preserve">\n'
    )
    if unit.glossary:
        yield f"{pad}<gls:glossary>\n"
        for hit in unit.glossary:
            yield f"{pad}  <gls:glossEntry>\n"
            yield f"{pad}    <gls:term>{escaped(hit.term)}</gls:term>\n"
            yield f"{pad}    <gls:translation>{escaped(hit.translation)}</gls:translation>\n"
            if hit.definition:
                yield f"{pad}    <gls:definition>{escaped(hit.definition)}</gls:definition>\n"
            yield f"{pad}  </gls:glossEntry>\n"
        yield f"{pad}</gls:glossary>\n"
    notes = []
    if unit.location:
        notes.append(("location", unit.location))
    if unit.context:
        notes.append(("context", unit.context))
    if notes:
        yield f"{pad}<notes>\n"
        for category, text in notes:
            yield f'{pad}  <note category="{category}">{escaped(text)}</note>\n'
        yield f"{pad}</notes>\n"
    if unit.target is None or unit.status == "untranslated":
        yield f'{pad}<segment id="s1" state="initial">\n'
        yield f"{pad}  <source>{escaped(unit.source)}</source>\n"
    else:
        sub = f' subState="{FUZZY_SUBSTATE}"' if unit.status == "fuzzy" else ""
        yield f'{pad}<segment id="s1" state="{_STATE[unit.status]}"{sub}>\n'
        yield f"{pad}  <source>{escaped(unit.source)}</source>\n"
        yield f"{pad}  <target>{escaped(unit.target)}</target>\n"
    yield f"{pad}</segment>\n"
    yield "      </unit>\n"


# -- reading -----------------------------------------------------------------


def loads(data: bytes, name: str) -> XliffFile:
    """Read an XLIFF 2.0 file as a CAT tool returned it."""
    root, lines = parse(data, name)
    return read_tree(root, lines, name)


def read_tree(root: ET.Element, lines: Lines, name: str) -> XliffFile:
    """Read a parsed XLIFF 2.0 document."""
    files = [e for e in root if local(e.tag) == "file"]
    if len(files) != 1:
        raise XliffError(
            f"holds {len(files)} <file> elements; export one statement per file",
            path=name,
            line=lines.get(files[1] if files else root),
        )
    file = files[0]
    groups = {u: g.get("id", "") for g in file.iter() if local(g.tag) == "group" for u in g}
    units = tuple(
        replace(_read_unit(u, lines, name), group=groups.get(u, ""))
        for u in file.iter()
        if local(u.tag) == "unit"
    )
    return XliffFile(
        "2.0", file.get("original", ""), root.get("srcLang", ""), root.get("trgLang", ""), units
    )


def _read_unit(unit: ET.Element, lines: Lines, name: str) -> XliffUnit:
    sources: list[str] = []
    targets: list[str] = []
    states: list[tuple[str, str]] = []
    notes: list[str] = []
    has_target = False
    for part in unit:
        kind = local(part.tag)
        if kind == "notes":
            notes += _notes(part)
        if kind not in ("segment", "ignorable"):
            continue
        for inner in part:
            if local(inner.tag) == "notes":
                notes += _notes(inner)
        source = next((e for e in part if local(e.tag) == "source"), None)
        target = next((e for e in part if local(e.tag) == "target"), None)
        if source is None:
            raise XliffError(
                f'the unit "{unit.get("id", "")}" has a <{kind}> without <source>',
                path=name,
                line=lines.get(part),
            )
        sources.append(plain_text(source)[0])
        if target is not None:
            has_target = has_target or kind == "segment"
            targets.append(plain_text(target)[0])
        elif kind == "ignorable":
            targets.append(sources[-1])
        if kind == "segment":
            states.append((part.get("state", "initial"), part.get("subState", "")))
    if not sources:
        raise XliffError(
            f'the unit "{unit.get("id", "")}" has no <segment>', path=name, line=lines.get(unit)
        )
    target = "".join(targets) if has_target else None
    status, unconfirmed = _status("".join(sources), target, states)
    return XliffUnit(
        id=unit.get("id", ""),
        source="".join(sources),
        target=target,
        status=status,
        unconfirmed=unconfirmed,
        notes=tuple(notes),
        revision=unit.get(f"{{{WB_NS}}}revision", ""),
        translate=unit.get("translate", "yes") != "no",
        line=lines.get(unit, 0),
        kind=unit.get("name", ""),
        glossary=tuple(
            GlossaryHit(
                next((t.text or "" for t in e if local(t.tag) == "term"), ""),
                next((t.text or "" for t in e if local(t.tag) == "translation"), ""),
            )
            for e in unit.iter(f"{{{GLS_NS}}}glossEntry")
        ),
    )


def _notes(notes: ET.Element) -> list[str]:
    return [
        text
        for n in notes
        if local(n.tag) == "note" and n.get("category") not in _OWN_NOTES
        if (text := "".join(n.itertext()).strip())
    ]


def _status(source: str, target: str | None, states: list[tuple[str, str]]) -> tuple[str, bool]:
    """Return the unit's status and whether its target is unconfirmed (see the module doc)."""
    if not target:
        return "untranslated", False
    names = {state for state, _ in states}
    if names <= {"initial"} and target == source:
        return "untranslated", False  # a copy of the source, as tools put in open units
    if names <= {"reviewed", "final"}:
        return "reviewed", False
    if any(sub == FUZZY_SUBSTATE for _, sub in states):
        return "fuzzy", False
    # Still "initial": a tool that sets no states, or one that took the unit back.
    return "translated", "initial" in names
