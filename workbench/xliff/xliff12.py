"""XLIFF 1.2: write a statement's units, read them back as CAT tools return them.

Written (``urn:oasis:names:tc:xliff:document:1.2``)::

    <file original="STATEMENT" source-language="en" target-language="fa" datatype="plaintext">
      <body>
        <group id="p1" restype="x-paragraph">          one per paragraph, in order
          <trans-unit id="u…" restype="x-heading" approved="yes" wb:revision="…"
                      xml:space="preserve">
            <source>…</source>
            <target state="translated">…</target>     absent while untranslated
            <alt-trans origin="sync conflict" wb:by="…">   the other text a sync kept
              <target>…</target>
            <context-group purpose="location">         where the unit stands
            <note from="glossary">council → شورا (preferred)</note>
            <note from="workbench">context: occurrence 2</note>

``approved="yes"`` on translated and reviewed units: translate-toolkit's
tools (Virtaal, Pootle) show a target that is not approved as fuzzy. A unit
in sync conflict carries the other version as an ``<alt-trans>`` (a proposal
the CAT tool shows beside the unit); the import never reads it.

States, both ways: untranslated (no target; no state, ``new`` or
``needs-translation`` with an empty target or a copy of the source), fuzzy
(``needs-review-translation`` and the other ``needs-*`` states), translated
(``translated``, or a target without a state), reviewed (``signed-off`` or
``final``, unless ``approved="no"``; ``approved="yes"`` on a target without
a state). A filled target left at ``new`` or ``needs-translation`` is
*unconfirmed*: OmegaT fills targets and leaves the state as it was sent,
and translate-toolkit's ``markfuzzy`` (Virtaal, Pootle) sets it on a unit it
takes back to a draft; the import tells the two apart by whether the export
sent a target (:attr:`~workbench.xliff.document.XliffUnit.unconfirmed`).

``approved`` speaks of review only where the state leaves room for it:
translate-toolkit writes ``approved="yes"`` with ``state="translated"`` on
every unit it counts as done (not fuzzy), and ``approved="no"`` on one it
takes back, so ``approved="yes"`` beside ``translated`` is translated, and a
state that says the unit is not finished wins over it.

memoQ's ``mq:status`` wins over ``state`` where present: ManuallyConfirmed is
translated (reviewed when approved), PartiallyEdited and Pretranslated are
fuzzy, NotStarted untranslated. Matecat's ``<seg-source>`` and ``<mrk
mtype="seg">`` are read as the one segment they are.

Notes: the export writes the glossary terms (``from="glossary"``) and the
context (``from="workbench"``); any other ``<note>`` of a unit is read as
what the tool's user said about it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from xml.sax.saxutils import quoteattr

from workbench import __version__
from workbench.errors import XliffError
from workbench.xliff.document import WB_NS, GlossaryHit, XliffFile, XliffUnit
from workbench.xliff.inline import plain_text
from workbench.xliff.tree import Lines, escaped, local, parse

NS = "urn:oasis:names:tc:xliff:document:1.2"
MQ_NS = "MQXliff"
_STATE = {"fuzzy": "needs-review-translation", "translated": "translated", "reviewed": "signed-off"}
_UNCONFIRMED = {"new", "needs-translation"}
_OWN_NOTES = {"glossary", "workbench"}
_MEMOQ = {
    "manuallyconfirmed": "translated",
    "partiallyedited": "fuzzy",
    "pretranslated": "fuzzy",
    "machinetranslated": "fuzzy",
    "notstarted": "untranslated",
}


# -- writing -----------------------------------------------------------------


def dumps(doc: XliffFile) -> bytes:
    """Return *doc* as an XLIFF 1.2 document (UTF-8)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<xliff version="1.2" xmlns="{NS}" xmlns:wb="{WB_NS}">\n',
        f"  <file original={quoteattr(doc.original)} "
        f"source-language={quoteattr(doc.source_language)} "
        f'target-language={quoteattr(doc.target_language)} datatype="plaintext">\n',
        "    <header>\n",
        f'      <tool tool-id="workbench" tool-name="workbench" tool-version="{__version__}"/>\n',
        "    </header>\n",
        "    <body>\n",
    ]
    group = None
    for unit in doc.units:
        if unit.group != group:
            if group is not None:
                out.append("      </group>\n")
            group = unit.group
            out.append(f'      <group id={quoteattr(group)} restype="x-paragraph">\n')
        out.extend(_unit(unit))
    if group is not None:
        out.append("      </group>\n")
    out.append("    </body>\n  </file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _unit(unit: XliffUnit) -> Iterator[str]:
    pad = "          "
    attrs = f"id={quoteattr(unit.id)}"
    if unit.kind:
        attrs += f" restype={quoteattr('x-' + unit.kind)}"
    if unit.status in ("translated", "reviewed"):
        # translate-toolkit (Virtaal, Pootle) reads a target not approved as fuzzy.
        attrs += ' approved="yes"'
    attrs += f' wb:revision={quoteattr(unit.revision)} xml:space="preserve"'
    yield f"        <trans-unit {attrs}>\n"
    yield f"{pad}<source>{escaped(unit.source)}</source>\n"
    if unit.target is not None and unit.status != "untranslated":
        yield f'{pad}<target state="{_STATE[unit.status]}">{escaped(unit.target)}</target>\n'
    for text, by in unit.alternatives:
        # A version a sync kept beside the target: a CAT tool shows it as a proposal.
        yield f'{pad}<alt-trans origin="sync conflict" wb:by={quoteattr(by)}>\n'
        yield f"{pad}  <target>{escaped(text)}</target>\n"
        yield f"{pad}</alt-trans>\n"
    if unit.location:
        path, _, line = unit.location.rpartition(":")
        yield f'{pad}<context-group purpose="location">\n'
        yield f'{pad}  <context context-type="sourcefile">{escaped(path)}</context>\n'
        yield f'{pad}  <context context-type="linenumber">{escaped(line)}</context>\n'
        yield f"{pad}</context-group>\n"
    for hit in unit.glossary:
        said = f"{hit.term} → {hit.translation}" + (f" ({hit.status})" if hit.status else "")
        yield f'{pad}<note from="glossary">{escaped(said)}</note>\n'
    if unit.context:
        yield f'{pad}<note from="workbench">context: {escaped(unit.context)}</note>\n'
    yield "        </trans-unit>\n"


# -- reading -----------------------------------------------------------------


def loads(data: bytes, name: str) -> XliffFile:
    """Read an XLIFF 1.2 file as a CAT tool returned it."""
    root, lines = parse(data, name)
    return read_tree(root, lines, name)


def read_tree(root: ET.Element, lines: Lines, name: str) -> XliffFile:
    """Read a parsed XLIFF 1.2 document."""
    files = [e for e in root if local(e.tag) == "file"]
    if not files:
        raise XliffError(
            "holds no <file>; it is not an XLIFF file", path=name, line=lines.get(root)
        )
    if len(files) > 1:
        raise XliffError(
            f"holds {len(files)} <file> elements; export one statement per file",
            path=name,
            line=lines.get(files[1]),
        )
    file = files[0]
    groups = {tu: g.get("id", "") for g in file.iter() if local(g.tag) == "group" for tu in g}
    units = tuple(
        replace(_read_unit(tu, lines, name), group=groups.get(tu, ""))
        for tu in file.iter()
        if local(tu.tag) == "trans-unit"
    )
    return XliffFile(
        "1.2",
        file.get("original", ""),
        file.get("source-language", ""),
        file.get("target-language", ""),
        units,
    )


def _read_unit(tu: ET.Element, lines: Lines, name: str) -> XliffUnit:
    source_elem = tu.find(f"{{{NS}}}source")
    if source_elem is None:
        source_elem = next((e for e in tu if local(e.tag) == "source"), None)
    if source_elem is None:
        raise XliffError(
            f'the unit "{tu.get("id", "")}" has no <source>', path=name, line=lines.get(tu)
        )
    source, _ = plain_text(source_elem)
    target_elem = next((e for e in tu if local(e.tag) == "target"), None)
    target = None
    state = ""
    if target_elem is not None:
        target, _ = plain_text(target_elem)
        state = target_elem.get("state", "")
    status, unconfirmed = _status(tu, source, target, state)
    tool_status = tu.get(f"{{{MQ_NS}}}status", "")
    return XliffUnit(
        id=tu.get("id", ""),
        source=source,
        target=target,
        status=status,
        revision=tu.get(f"{{{WB_NS}}}revision", ""),
        translate=tu.get("translate", "yes") != "no",
        line=lines.get(tu, 0),
        tool_status=tool_status,
        kind=tu.get("restype", "").removeprefix("x-"),
        glossary=tuple(
            GlossaryHit(n.text or "", "")
            for n in tu
            if local(n.tag) == "note" and n.get("from") == "glossary"
        ),
        unconfirmed=unconfirmed,
        notes=tuple(
            text
            for n in tu
            if local(n.tag) == "note" and n.get("from") not in _OWN_NOTES
            if (text := "".join(n.itertext()).strip())
        ),
    )


def _status(tu: ET.Element, source: str, target: str | None, state: str) -> tuple[str, bool]:
    """Return the unit's status and whether its target is unconfirmed (see the module doc)."""
    if not target:
        return "untranslated", False
    memoq = tu.get(f"{{{MQ_NS}}}status", "").lower()
    if memoq in _MEMOQ:
        found = _MEMOQ[memoq]
        if found == "translated" and tu.get("approved") == "yes":
            return "reviewed", False
        return found, False
    approved = tu.get("approved")
    if state in ("signed-off", "final"):
        return ("translated" if approved == "no" else "reviewed"), False
    if state == "translated":
        return "translated", False
    if state == "" and approved == "yes":
        return "reviewed", False  # nothing else said: approved as XLIFF 1.2 defines it
    if target == source and (state == "" or state in _UNCONFIRMED):
        return "untranslated", False  # Matecat and OmegaT copy the source into open units
    if state == "":
        return "translated", False
    if state in _UNCONFIRMED:
        return "translated", True
    return "fuzzy", False
