"""TBX in and out: the canonical glossary file and TBX import.

The form is TBX 2 (ISO 30042:2008, the ``martif`` document that translate-
toolkit's ``translate.storage.tbx.tbxfile`` and most CAT tools read), UTF-8,
one ``termEntry`` per concept in glossary order, two-space indentation and
one element per line, so that changing one term changes the lines of that
term only. The mapping:

==========================  =================================================
model                       TBX
==========================  =================================================
Concept.id                  ``termEntry/@id``
Concept.subject             ``termEntry/descrip[@type="subjectField"]``
Concept.definition          ``termEntry/descrip[@type="definition"]``
Concept.note (decision)     ``termEntry/note``
Term.language               ``langSet/@xml:lang``
Term.text                   ``tig/term``
Term.part_of_speech         ``tig/termNote[@type="partOfSpeech"]`` (TBX-Basic
                            picklist: noun, verb, adjective, adverb,
                            properNoun, other)
Term.status                 ``tig/termNote[@type="administrativeStatus"]``:
                            preferredTerm-admn-sts, admittedTerm-admn-sts,
                            deprecatedTerm-admn-sts
forbidden status            deprecatedTerm-admn-sts *and*
                            ``termNote[@type="x-forbidden"]`` ``yes``: TBX
                            has no forbidden status, and a tool that does not
                            know ours still reads "do not use"
Term.treatment              ``tig/termNote[@type="x-treatment"]``
                            (transliterate or keep; absent means translate)
Term.case_sensitive         ``tig/termNote[@type="x-caseSensitive"]`` ``yes``
                            (absent means not case sensitive)
Term.note                   ``tig/note``
==========================  =================================================

TBX has no data category for treatment or case sensitivity, so they are
``x-`` extensions, written only when they differ from the default.

Reading accepts what other tools write too: ``ntig/termGrp`` as well as
``tig``, ``descripGrp``, the statuses with or without ``-admn-sts`` (and
supersededTerm as deprecated), a missing status (the first term of a
language is then preferred unless another one is, the rest admitted), and
a missing ``termEntry/@id`` (made from a term). Elements the model has no
field for are not kept.

The parser is expat without DTD loading: external entities are never
fetched and a document that declares entities is refused (no "billion
laughs").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from xml.parsers import expat

from .errors import GlossaryError
from .glossary import (
    ADMITTED,
    DEPRECATED,
    FORBIDDEN,
    PREFERRED,
    STATUSES,
    TRANSLATE,
    Concept,
    Glossary,
    Incoming,
    Problem,
    Term,
    check_concept,
    located,
    parse_part_of_speech,
    parse_treatment,
    slug,
)
from .locales import language

_ADMN = {
    "preferredterm-admn-sts": PREFERRED,
    "admittedterm-admn-sts": ADMITTED,
    "deprecatedterm-admn-sts": DEPRECATED,
    "supersededterm-admn-sts": DEPRECATED,
    "forbiddenterm-admn-sts": FORBIDDEN,
}
_ADMN.update({k.removesuffix("-admn-sts"): v for k, v in list(_ADMN.items())})
_ADMN.update({s: s for s in STATUSES})
_ADMN.update({"superseded": DEPRECATED})

_WRITE_STATUS = {
    PREFERRED: "preferredTerm-admn-sts",
    ADMITTED: "admittedTerm-admn-sts",
    DEPRECATED: "deprecatedTerm-admn-sts",
    FORBIDDEN: "deprecatedTerm-admn-sts",
}
_YES = {"yes", "true", "1"}
_NO = {"no", "false", "0"}

HEADER = """\
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="{lang}">
  <martifHeader>
    <fileDesc>
      <sourceDesc>
        <p>workbench termbase</p>
      </sourceDesc>
    </fileDesc>
  </martifHeader>
  <text>
    <body>
"""
FOOTER = """\
    </body>
  </text>
</martif>
"""


# -- writing -----------------------------------------------------------------


def dumps(glossary: Glossary, source_language: str = "en") -> bytes:
    """Return *glossary* as a TBX document (UTF-8 bytes)."""
    out = [HEADER.format(lang=_attr(source_language))]
    for concept in glossary:
        out.extend(_entry(concept))
    out.append(FOOTER)
    return "".join(out).encode("utf-8")


def _entry(concept: Concept) -> Iterator[str]:
    yield f'      <termEntry id="{_attr(concept.id)}">\n'
    if concept.subject:
        yield f'        <descrip type="subjectField">{_text(concept.subject)}</descrip>\n'
    if concept.definition:
        yield f'        <descrip type="definition">{_text(concept.definition)}</descrip>\n'
    if concept.note:
        yield f"        <note>{_text(concept.note)}</note>\n"
    current = None
    for term in concept.terms:
        if term.language != current:
            if current is not None:
                yield "        </langSet>\n"
            current = term.language
            yield f'        <langSet xml:lang="{_attr(current)}">\n'
        yield from _tig(term)
    if current is not None:
        yield "        </langSet>\n"
    yield "      </termEntry>\n"


def _tig(term: Term) -> Iterator[str]:
    pad = "            "
    yield "          <tig>\n"
    yield f"{pad}<term>{_text(term.text)}</term>\n"
    if term.part_of_speech:
        yield f'{pad}<termNote type="partOfSpeech">{term.part_of_speech}</termNote>\n'
    yield f'{pad}<termNote type="administrativeStatus">{_WRITE_STATUS[term.status]}</termNote>\n'
    if term.status == FORBIDDEN:
        yield f'{pad}<termNote type="x-forbidden">yes</termNote>\n'
    if term.treatment != TRANSLATE:
        yield f'{pad}<termNote type="x-treatment">{term.treatment}</termNote>\n'
    if term.case_sensitive:
        yield f'{pad}<termNote type="x-caseSensitive">yes</termNote>\n'
    if term.note:
        yield f"{pad}<note>{_text(term.note)}</note>\n"
    yield "          </tig>\n"


def _text(value: str) -> str:
    # A carriage return would come back as a newline (XML normalises line ends).
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


# -- reading -----------------------------------------------------------------


class _Node:
    __slots__ = ("tag", "attrs", "line", "children", "parts")

    def __init__(self, tag: str, attrs: dict[str, str], line: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children: list[_Node] = []
        self.parts: list[str | _Node] = []

    def text(self) -> str:
        """Return all the text inside, inline markup dropped."""
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)


def _parse(data: bytes, name: str) -> _Node:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: list[_Node] = []
    stack: list[_Node] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = _Node(tag, attrs, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(node)
            stack[-1].parts.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].parts.append(text)

    def entity(*args: object) -> None:
        raise GlossaryError(
            "the document declares XML entities (<!ENTITY ...>), which a glossary never "
            "needs and which can make a reader run out of memory; remove the declarations",
            path=name,
            line=parser.CurrentLineNumber,
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise GlossaryError(
            f"not well-formed XML ({reason} at column {exc.offset + 1}); "
            "fix the file and try again",
            path=name,
            line=exc.lineno,
        ) from None
    return root[0]


def read(data: bytes, name: str) -> list[Incoming]:
    """Read the concepts of a TBX document, each checked, with its lines."""
    root = _parse(data, name)
    if root.tag != "martif":
        raise GlossaryError(
            f"not a TBX file in the martif form (the root element is <{root.tag}>); "
            "export it from your tool as TBX (TBX-Basic or TBX 2008)",
            path=name,
            line=root.line,
        )
    body = _child(_child(root, "text", name), "body", name)
    source = root.attrs.get("xml:lang", "")
    ids: set[str] = {
        e.attrs["id"] for e in body.children if e.tag == "termEntry" and "id" in e.attrs
    }
    incoming = []
    for entry in body.children:
        if entry.tag == "termEntry":
            item = _concept(entry, name, source, ids)
            ids.add(item.concept.id)
            incoming.append(item)
    return incoming


def loads(data: bytes, name: str) -> Glossary:
    """Read a TBX document as a glossary; any problem names *name* and the line."""
    return located(read(data, name), name)


def _child(node: _Node, tag: str, name: str) -> _Node:
    for child in node.children:
        if child.tag == tag:
            return child
    raise GlossaryError(
        f"<{node.tag}> has no <{tag}>; a TBX file holds its concepts in <martif><text><body>",
        path=name,
        line=node.line,
    )


def _concept(entry: _Node, name: str, source: str, ids: set[str]) -> Incoming:
    fields = {"definition": [], "subject": [], "note": []}
    terms: list[Term] = []
    lines: list[int] = []
    for child in entry.children:
        if child.tag == "descripGrp":
            child = next((c for c in child.children if c.tag == "descrip"), child)
        if child.tag == "descrip":
            kind = child.attrs.get("type", "definition")
            key = {"definition": "definition", "subjectField": "subject"}.get(kind)
            if key:
                fields[key].append(child.text().strip())
        elif child.tag == "note":
            fields["note"].append(child.text().strip())
        elif child.tag == "langSet":
            for term, line in _lang_set(child, name):
                terms.append(term)
                lines.append(line)
    cid = entry.attrs.get("id", "").strip()
    explicit = bool(cid)
    if not explicit:
        pick = next((t for t in terms if _same_language(t.language, source)), None)
        pick = pick or (terms[0] if terms else None)
        base = slug(pick.text) if pick else "concept"
        cid, n = base, 1
        while cid in ids:
            n += 1
            cid = f"{base}-{n}"
    concept = Concept(
        cid,
        tuple(terms),
        **{k: "\n\n".join(v for v in values if v) for k, values in fields.items()},
    )
    try:
        concept = check_concept(concept)
    except Problem as problem:
        line = lines[problem.term] if problem.term is not None else entry.line
        raise GlossaryError(problem.detail, path=name, line=line) from None
    # check_concept groups terms by language; keep each term's line with it.
    line_of = {
        (language(t.language).code, t.text.strip()): n for t, n in zip(terms, lines, strict=True)
    }
    given = frozenset((t.language, s) for t in concept.terms for s in STATUSES)
    return Incoming(
        concept,
        entry.line,
        tuple(line_of.get((t.language, t.text), entry.line) for t in concept.terms),
        explicit,
        given,
    )


def _same_language(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()


def _lang_set(node: _Node, name: str) -> Iterator[tuple[Term, int]]:
    lang = node.attrs.get("xml:lang") or node.attrs.get("lang")
    if not lang:
        raise GlossaryError(
            '<langSet> has no xml:lang; add the language code, as in <langSet xml:lang="fa">',
            path=name,
            line=node.line,
        )
    found = [(*_term(c, lang, name), c.line) for c in node.children if c.tag in ("tig", "ntig")]
    has_preferred = any(status == PREFERRED for _, status, _ in found)
    for term, status, line in found:
        if status is None:
            # Unmarked, as many tools write: the first term is the one to use.
            status = ADMITTED if has_preferred else PREFERRED
            has_preferred = True
        yield dataclasses.replace(term, status=status), line


def _term(node: _Node, lang: str, name: str) -> tuple[Term, str | None]:
    holders = [node]
    holders += [c for c in node.children if c.tag == "termGrp"]
    text = None
    status: str | None = None
    forbidden = False
    pos, treatment, case, notes = "", TRANSLATE, False, []
    for holder in holders:
        for child in holder.children:
            value = child.text().strip()
            if child.tag == "term":
                text = child.text()
            elif child.tag == "note":
                notes.append(value)
            elif child.tag == "termNote":
                kind = child.attrs.get("type", "")
                try:
                    if kind == "partOfSpeech":
                        pos = parse_part_of_speech(value)
                    elif kind in ("administrativeStatus", "normativeAuthorization"):
                        status = _status(value)
                    elif kind == "x-forbidden":
                        forbidden = _flag(value)
                    elif kind == "x-treatment":
                        treatment = parse_treatment(value)
                    elif kind == "x-caseSensitive":
                        case = _flag(value)
                except GlossaryError as exc:
                    raise GlossaryError(exc.detail, path=name, line=child.line) from None
    if text is None:
        raise GlossaryError(
            f"<{node.tag}> has no <term>; write the term or remove the <{node.tag}>",
            path=name,
            line=node.line,
        )
    if forbidden:
        status = FORBIDDEN
    term = Term(text, lang, PREFERRED, pos, case, treatment, "\n\n".join(n for n in notes if n))
    return term, status


def _status(value: str) -> str:
    found = _ADMN.get(value.strip().lower())
    if found is None:
        raise GlossaryError(
            f'unknown administrativeStatus "{value}"; use preferredTerm-admn-sts, '
            "admittedTerm-admn-sts or deprecatedTerm-admn-sts"
        )
    return found


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise GlossaryError(f'"{value}" is neither yes nor no')
