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
Concept.conflict            ``termEntry/descrip[@type="x-conflict"]``: what
                            a sync could not settle (see
                            :mod:`workbench.sync.tbxmerge`)
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

Reading uses expat, which never fetches an external DTD or entity, and
refuses any document that declares entities (no "billion laughs"). The
canonical file is parsed by ElementTree's C parser, which keeps no line
numbers; if that finds a problem, the file is read again by a line-keeping
parser so the message names the line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from xml.parsers import expat

from workbench.errors import GlossaryError
from workbench.glossary.incoming import Incoming, located
from workbench.glossary.model import (
    ADMITTED,
    DEPRECATED,
    FORBIDDEN,
    PREFERRED,
    STATUSES,
    TRANSLATE,
    Concept,
    Glossary,
    Problem,
    Term,
    check_concept,
    parse_flag,
    parse_part_of_speech,
    parse_treatment,
    slug,
)
from workbench.lang.locales import language

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
    if concept.conflict:
        yield f'        <descrip type="x-conflict">{_text(concept.conflict)}</descrip>\n'
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

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Lines of elements, kept only when reading for an import or to explain an error.
Lines = dict[ET.Element, int]


def read(data: bytes, name: str) -> list[Incoming]:
    """Read the concepts of a TBX document, each checked, with its lines."""
    root, lines = _parse_with_lines(data, name)
    return _read(root, name, lines)


def loads(data: bytes, name: str) -> Glossary:
    """Read a TBX document as a glossary; any problem names *name* and the line."""
    _screen(data, name)
    try:
        root = _parse_fast(data)
        # The C parser keeps no line numbers: a problem found on this path is
        # found again on the slower path that knows them.
        return located(_read(root, name, None), name)
    except (ET.ParseError, GlossaryError, ValueError, LookupError):
        pass
    return located(read(data, name), name)


def _parse_fast(data: bytes) -> ET.Element:
    parser = ET.XMLParser()
    parser.feed(data)
    return parser.close()


def _screen(data: bytes, name: str) -> None:
    _require_ascii_markup(data, name)
    # XML markup is ASCII in every encoding left (UTF-8 and its kin): this
    # finds any declaration, and the careful parser then names its line.
    if b"<!ENTITY" in data:
        _parse_with_lines(data, name)


def _require_ascii_markup(data: bytes, name: str) -> None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in data[:4]:
        raise GlossaryError("the file is UTF-16 or UTF-32; save it as UTF-8", path=name, line=1)


def _parse_with_lines(data: bytes, name: str) -> tuple[ET.Element, Lines]:
    _require_ascii_markup(data, name)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = ET.TreeBuilder()
    lines: Lines = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        elem = builder.start(_clark(tag), {_clark(k): v for k, v in attrs.items()})
        lines[elem] = parser.CurrentLineNumber

    def entity(*args: object) -> None:
        raise GlossaryError(
            "the document declares XML entities (<!ENTITY ...>), which a glossary never "
            "needs and which can make a reader run out of memory; remove the declarations",
            path=name,
            line=parser.CurrentLineNumber,
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: builder.end(_clark(tag))
    parser.CharacterDataHandler = builder.data
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
    except (ValueError, LookupError) as exc:
        # expat reads single-byte encodings only; Python's codecs say so with these.
        raise GlossaryError(
            f"the XML declaration names an encoding that cannot be read here ({exc}); "
            "save the file as UTF-8 and try again",
            path=name,
            line=1,
        ) from None
    return builder.close(), lines


def _clark(name: str) -> str:
    # expat writes "uri}local" for a namespaced name; ElementTree spells it "{uri}local".
    return "{" + name if "}" in name else name


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _read(root: ET.Element, name: str, lines: Lines | None) -> list[Incoming]:
    def line_of(elem: ET.Element) -> int | None:
        return lines.get(elem) if lines is not None else None

    if root.tag != "martif":
        raise GlossaryError(
            f"not a TBX file in the martif form (the root element is <{_local(root.tag)}>); "
            "export it from your tool as TBX (TBX-Basic or TBX 2008)",
            path=name,
            line=line_of(root),
        )
    body = _child(_child(root, "text", name, line_of), "body", name, line_of)
    source = root.get(XML_LANG, "")
    entries = body.findall("termEntry")
    ids = {e.get("id", "").strip() for e in entries} - {""}
    incoming = []
    for entry in entries:
        item = _concept(entry, name, source, ids, line_of)
        ids.add(item.concept.id)
        incoming.append(item)
    return incoming


def _child(node: ET.Element, tag: str, name: str, line_of) -> ET.Element:
    found = node.find(tag)
    if found is None:
        raise GlossaryError(
            f"<{_local(node.tag)}> has no <{tag}>; a TBX file holds its concepts in "
            "<martif><text><body>",
            path=name,
            line=line_of(node),
        )
    return found


def _inner(elem: ET.Element) -> str:
    """Return all the text inside *elem*, inline markup dropped."""
    if len(elem) == 0:  # the common case, and much cheaper than itertext()
        return elem.text or ""
    return "".join(elem.itertext())


def _concept(entry: ET.Element, name: str, source: str, ids: set[str], line_of) -> Incoming:
    fields: dict[str, list[str]] = {"definition": [], "subject": [], "note": [], "conflict": []}
    terms: list[Term] = []
    lines: list[int | None] = []
    for child in entry:
        if child.tag == "descripGrp":
            grouped = child.find("descrip")
            child = grouped if grouped is not None else child
        if child.tag == "descrip":
            key = _DESCRIP.get(child.get("type", "definition"))
            if key:
                fields[key].append(_inner(child).strip())
        elif child.tag == "note":
            fields["note"].append(_inner(child).strip())
        elif child.tag == "langSet":
            for term, elem in _lang_set(child, name, line_of):
                terms.append(term)
                lines.append(line_of(elem))
    cid = entry.get("id", "").strip()
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
        cid, tuple(terms), **{k: "\n\n".join(v for v in vs if v) for k, vs in fields.items()}
    )
    try:
        concept = check_concept(concept)
    except Problem as problem:
        line = lines[problem.term] if problem.term is not None else line_of(entry)
        raise GlossaryError(problem.detail, path=name, line=line) from None
    given = frozenset((lang, s) for lang in concept.languages for s in STATUSES)
    if line_of(entry) is None:
        return Incoming(concept, 0, (), explicit, given)
    # check_concept groups terms by language; keep each term's line with it.
    line_at = {
        (language(t.language).code, t.text.strip()): n for t, n in zip(terms, lines, strict=True)
    }
    term_lines = tuple(line_at[t.language, t.text] or 0 for t in concept.terms)
    return Incoming(concept, line_of(entry) or 0, term_lines, explicit, given)


_DESCRIP = {"definition": "definition", "subjectField": "subject", "x-conflict": "conflict"}


def _same_language(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()


def _lang_set(node: ET.Element, name: str, line_of) -> Iterator[tuple[Term, ET.Element]]:
    lang = node.get(XML_LANG) or node.get("lang")
    if not lang:
        raise GlossaryError(
            '<langSet> has no xml:lang; add the language code, as in <langSet xml:lang="fa">',
            path=name,
            line=line_of(node),
        )
    found = [(c, *_term(c, lang, name, line_of)) for c in node if c.tag in ("tig", "ntig")]
    has_preferred = any(status == PREFERRED for _, _, status in found)
    for elem, term, status in found:
        if status is None:
            # Unmarked, as many tools write: the first term is the one to use.
            status = ADMITTED if has_preferred else PREFERRED
            has_preferred = True
        yield (
            Term(
                term.text,
                lang,
                status,
                term.part_of_speech,
                term.case_sensitive,
                term.treatment,
                term.note,
            ),
            elem,
        )


def _term(node: ET.Element, lang: str, name: str, line_of) -> tuple[Term, str | None]:
    holders = [node, *node.findall("termGrp")]
    text = None
    status: str | None = None
    forbidden = False
    pos, treatment, case, notes = "", TRANSLATE, False, []
    for holder in holders:
        for child in holder:
            if child.tag == "term":
                text = _inner(child)
            elif child.tag == "note":
                notes.append(_inner(child).strip())
            elif child.tag == "termNote":
                kind = child.get("type", "")
                value = _inner(child).strip()
                try:
                    if kind == "partOfSpeech":
                        pos = parse_part_of_speech(value)
                    elif kind in ("administrativeStatus", "normativeAuthorization"):
                        status = _status(value)
                    elif kind == "x-forbidden":
                        forbidden = parse_flag(value, _YES, _NO)
                    elif kind == "x-treatment":
                        treatment = parse_treatment(value)
                    elif kind == "x-caseSensitive":
                        case = parse_flag(value, _YES, _NO)
                except GlossaryError as exc:
                    raise GlossaryError(exc.detail, path=name, line=line_of(child)) from None
    if text is None:
        raise GlossaryError(
            f"<{node.tag}> has no <term>; write the term or remove the <{node.tag}>",
            path=name,
            line=line_of(node),
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
