"""TBX in and out: the canonical glossary file, TBX import and export.

Two versions are written. The canonical ``glossary/glossary.tbx`` is TBX 2008
(ISO 30042:2008, the ``martif`` document that translate-toolkit, Weblate,
OmegaT and most CAT tools read); ``workbench glossary export FILE.tbx``
writes TBX v3 (ISO 30042:2019) in the TBX-Basic dialect, DCA style, unless
asked for 2008. Both are UTF-8, one entry per concept in glossary order,
two-space indentation and one element per line, so that changing one term
changes the lines of that term only. The mapping (v3 names in brackets):

==========================  =================================================
model                       TBX
==========================  =================================================
Concept.id                  ``termEntry/@id`` (``conceptEntry``)
Concept.subject             ``descrip[@type="subjectField"]``
Concept.definition          ``descrip[@type="definition"]``, in a
(and .source)               ``descripGrp`` with ``admin[@type="source"]``
Concept.admin               ``admin`` (customerSubset, projectSubset...) or
                            ``descrip`` (any other type)
Concept.note (decision)     ``termEntry/note``
Concept.by_language         ``langSet`` (``langSec``) level definition, source,
                            note and other categories
Concept.conflict            ``descrip[@type="x-conflict"]``: what a sync
                            could not settle (:mod:`workbench.sync.tbxmerge`)
Term.language               ``langSet/@xml:lang``
Term.text                   ``tig/term`` (``termSec/term``)
Term.part_of_speech         ``termNote[@type="partOfSpeech"]``
Term.status                 ``termNote[@type="administrativeStatus"]``:
                            preferredTerm-admn-sts, admittedTerm-admn-sts,
                            deprecatedTerm-admn-sts
Term.given_status           the finer word itself where the dialect has it
                            (supersededTerm-admn-sts; TBX 2008 also
                            legalTerm-, regulatedTerm-, standardizedTerm-),
                            else ``termNote[@type="x-givenStatus"]``
forbidden status            deprecatedTerm-admn-sts *and*
                            ``termNote[@type="x-forbidden"]`` ``yes``: TBX
                            has no forbidden status, and a tool that does not
                            know ours still reads "do not use"
Term.term_type              ``termNote[@type="termType"]``
Term.admin                  ``termNote`` (grammaticalGender,
                            geographicalUsage, termLocation), ``admin`` or
                            ``descrip`` by type
Term.treatment              ``termNote[@type="x-treatment"]``
                            (transliterate or keep; absent means translate)
Term.case_sensitive         ``termNote[@type="x-caseSensitive"]`` ``yes``
Term.context (and .source)  ``descrip[@type="context"]``, in a ``descripGrp``
                            with ``admin[@type="source"]`` when both are set
Term.reliability            ``descrip[@type="reliabilityCode"]``
Term.note                   ``tig/note``
==========================  =================================================

TBX has no data category for treatment, case sensitivity, forbidden or a
status word finer than the dialect's, so they are ``x-`` extensions, written
only when they differ from the default. A v3 file that uses any category
outside TBX-Basic (those, reliabilityCode, or one imported from elsewhere)
names its dialect ``TBX-Basic-workbench`` instead of ``TBX-Basic``, since it
is then TBX-Basic plus those categories, not TBX-Basic.

Reading accepts what other tools write: TBX v3 in both styles (data
categories as attributes, DCA, or as namespaced elements, DCT: ``basic:``,
``min:``) under either namespace in use (``urn:iso:std:iso:30042:ed-2``, and
``ed:3.0``); TBX 2008 with or without a namespace (Weblate puts the v3 one on
``martif``); ``ntig/termGrp`` as well as ``tig``; ``descripGrp`` anywhere;
the statuses with or without ``-admn-sts`` and TBX-Min's short ones; a
missing status (the first term of a language is then preferred unless
another one is, the rest admitted); a missing id (made from a term) and an
id the model cannot take (``0717_0001`` becomes ``c0717_0001``). What the
model has no field for (cross references, graphics, transactions, back
matter, comments, inline markup) is counted by :func:`read` and named in the
import's summary line, never dropped silently.

Reading goes through :class:`workbench.util.xmlguard.GuardedParser`: expat,
which never fetches an external DTD or entity, with limits on depth and
sizes, refusing any document that declares entities.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator

from workbench.errors import GlossaryError, LanguageError
from workbench.glossary.incoming import Incoming, located
from workbench.glossary.model import (
    ADMITTED,
    DEPRECATED,
    FORBIDDEN,
    GIVEN_STATUSES,
    ID,
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
    unused_id,
)
from workbench.lang.locales import checked_code
from workbench.util.xmlguard import GuardedParser, plain_tree, refused_as

V3 = "v3"
V2008 = "2008"
VERSIONS = (V3, V2008)

#: Namespaces of the TBX core structure: read as if there were none.
CORE_NAMESPACES = frozenset({"urn:iso:std:iso:30042:ed-2", "urn:iso:std:iso:30042:ed:3.0"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# v3 names of the structure, read as their 2008 names.
_V3_NAMES = {
    "tbx": "martif",
    "tbxHeader": "martifHeader",
    "conceptEntry": "termEntry",
    "langSec": "langSet",
    "termSec": "tig",
}
# DCT style: a data category is an element of a module's namespace; this is
# the element it stands for in the DCA style (default: descrip).
_KIND = {
    "partOfSpeech": "termNote",
    "administrativeStatus": "termNote",
    "normativeAuthorization": "termNote",
    "termType": "termNote",
    "grammaticalGender": "termNote",
    "grammaticalNumber": "termNote",
    "geographicalUsage": "termNote",
    "termLocation": "termNote",
    "register": "termNote",
    "usageNote": "termNote",
    "source": "admin",
    "sourceIdentifier": "admin",
    "customerSubset": "admin",
    "projectSubset": "admin",
    "crossReference": "ref",
    "externalCrossReference": "xref",
    "xGraphic": "xref",
    "transactionType": "transac",
    "responsibility": "transacNote",
}
#: Data categories of TBX-Basic (v3); any other makes a v3 export a private dialect.
BASIC = frozenset(
    {
        "subjectField",
        "definition",
        "context",
        "source",
        "partOfSpeech",
        "administrativeStatus",
        "termType",
        "grammaticalGender",
        "geographicalUsage",
        "termLocation",
        "customerSubset",
        "projectSubset",
        "crossReference",
        "externalCrossReference",
        "xGraphic",
        "transactionType",
        "responsibility",
        "note",
    }
)
DIALECT = "TBX-Basic"
PRIVATE_DIALECT = "TBX-Basic-workbench"

_STATUS_WORDS = {
    **{s: s for s in STATUSES},
    "notrecommended": "notRecommended",
    **{w.lower(): w for w in GIVEN_STATUSES},
}
# Status words each version can say itself; others go in x-givenStatus.
_WRITABLE = {
    V2008: {"superseded", "legal", "regulated", "standardized"},
    V3: {"superseded"},
}
_YES = {"yes", "true", "1"}
_NO = {"no", "false", "0"}

HEADER = {
    V2008: """\
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
""",
    V3: """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="{dialect}" style="dca" xml:lang="{lang}" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader>
    <fileDesc>
      <sourceDesc>
        <p>workbench termbase</p>
      </sourceDesc>
    </fileDesc>
  </tbxHeader>
  <text>
    <body>
""",
}
FOOTER = {V2008: "    </body>\n  </text>\n</martif>\n", V3: "    </body>\n  </text>\n</tbx>\n"}
_NAMES = {
    V2008: ("termEntry", "langSet", "tig"),
    V3: ("conceptEntry", "langSec", "termSec"),
}


# -- writing -----------------------------------------------------------------


def dumps(glossary: Glossary, source_language: str = "en", version: str = V2008) -> bytes:
    """Return *glossary* as a TBX document (UTF-8 bytes), TBX 2008 or v3."""
    if version not in VERSIONS:
        raise GlossaryError(f'unknown TBX version "{version}"; use {" or ".join(VERSIONS)}')
    writer = _Writer(version)
    body = [line for concept in glossary for line in writer.entry(concept)]
    dialect = PRIVATE_DIALECT if writer.extended else DIALECT
    out = [HEADER[version].format(lang=_attr(source_language), dialect=dialect), *body]
    out.append(FOOTER[version])
    return "".join(out).encode("utf-8")


class _Writer:
    """Writes entries of one TBX version, noting whether it left TBX-Basic."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.entry_tag, self.lang_tag, self.term_tag = _NAMES[version]
        self.extended = False

    def _category(self, pad: str, kind: str, type_: str, value: str) -> str:
        if type_ not in BASIC:
            self.extended = True
        return f'{pad}<{kind} type="{_attr(type_)}">{_text(value)}</{kind}>\n'

    def _pair(self, pad: str, type_: str, value: str) -> str:
        kind = _KIND.get(type_, "descrip")
        if kind not in ("descrip", "admin", "termNote"):
            kind = "descrip"
        return self._category(pad, kind, type_, value)

    def _grouped(self, pad: str, type_: str, value: str, source: str) -> Iterator[str]:
        if not source:
            yield self._category(pad, "descrip", type_, value)
            return
        yield f"{pad}<descripGrp>\n"
        yield self._category(pad + "  ", "descrip", type_, value)
        yield self._category(pad + "  ", "admin", "source", source)
        yield f"{pad}</descripGrp>\n"

    def entry(self, concept: Concept) -> Iterator[str]:
        pad = "        "
        yield f'      <{self.entry_tag} id="{_attr(concept.id)}">\n'
        if concept.subject:
            yield self._category(pad, "descrip", "subjectField", concept.subject)
        if concept.definition:
            yield from self._grouped(pad, "definition", concept.definition, concept.source)
        elif concept.source:
            yield self._category(pad, "admin", "source", concept.source)
        for type_, value in concept.admin:
            yield self._pair(pad, type_, value)
        if concept.note:
            yield f"{pad}<note>{_text(concept.note)}</note>\n"
        if concept.conflict:
            yield self._category(pad, "descrip", "x-conflict", concept.conflict)
        current = None
        for term in concept.terms:
            if term.language != current:
                if current is not None:
                    yield f"{pad}</{self.lang_tag}>\n"
                current = term.language
                yield f'{pad}<{self.lang_tag} xml:lang="{_attr(_tag(current))}">\n'
                yield from self._language(concept, current)
            yield from self._term(term)
        if current is not None:
            yield f"{pad}</{self.lang_tag}>\n"
        yield f"      </{self.entry_tag}>\n"

    def _language(self, concept: Concept, lang: str) -> Iterator[str]:
        pad = "          "
        said = [(k, v) for code, k, v in concept.by_language if code == lang]
        sources = [v for k, v in said if k == "source"]
        for kind, value in said:
            if kind == "definition":
                yield from self._grouped(
                    pad, "definition", value, sources.pop(0) if sources else ""
                )
        for source in sources:
            yield self._category(pad, "admin", "source", source)
        for kind, value in said:
            if kind == "note":
                yield f"{pad}<note>{_text(value)}</note>\n"
            elif kind not in ("definition", "source"):
                yield self._pair(pad, kind, value)

    def _term(self, term: Term) -> Iterator[str]:
        pad = "            "
        yield f"          <{self.term_tag}>\n"
        yield f"{pad}<term>{_text(term.text)}</term>\n"
        if term.part_of_speech:
            yield self._category(pad, "termNote", "partOfSpeech", term.part_of_speech)
        word = term.given_status
        said = word if word in _WRITABLE[self.version] else term.status
        if said == FORBIDDEN:
            said = DEPRECATED
        status = f"{said}Term-admn-sts"
        yield self._category(pad, "termNote", "administrativeStatus", status)
        if term.term_type:
            yield self._category(pad, "termNote", "termType", term.term_type)
        notes = [(k, v) for k, v in term.admin if _KIND.get(k) == "termNote"]
        for type_, value in notes:
            yield self._category(pad, "termNote", type_, value)
        if term.status == FORBIDDEN:
            yield self._category(pad, "termNote", "x-forbidden", "yes")
        if term.treatment != TRANSLATE:
            yield self._category(pad, "termNote", "x-treatment", term.treatment)
        if term.case_sensitive:
            yield self._category(pad, "termNote", "x-caseSensitive", "yes")
        if word and word not in _WRITABLE[self.version]:
            yield self._category(pad, "termNote", "x-givenStatus", word)
        if term.context:
            yield from self._grouped(pad, "context", term.context, term.source)
        elif term.source:
            yield self._category(pad, "admin", "source", term.source)
        if term.reliability:
            yield self._category(pad, "descrip", "reliabilityCode", term.reliability)
        for type_, value in term.admin:
            if _KIND.get(type_) != "termNote":
                yield self._pair(pad, type_, value)
        if term.note:
            yield f"{pad}<note>{_text(term.note)}</note>\n"
        yield f"          </{self.term_tag}>\n"


def _tag(code: str) -> str:
    # The model keeps pt_BR; XML and TBX spell a language tag pt-BR.
    return code.replace("_", "-")


def _text(value: str) -> str:
    # A carriage return would come back as a newline (XML normalises line ends).
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


# -- reading -----------------------------------------------------------------

# Elements holding one data category (or the term) as their text.
_CATEGORIES = frozenset({"descrip", "admin", "termNote", "note", "term"})

# Lines of elements, kept to name them in messages.
Lines = dict[ET.Element, int]


def read(data: bytes, name: str, skipped: Counter[str] | None = None) -> list[Incoming]:
    """Read the concepts of a TBX document to import, each checked, with its lines.

    What the model cannot hold is counted into *skipped*, by data category
    or element name. A language with several preferred terms (TBX allows it:
    Rentner and Rentnerin) keeps the first as preferred and the others as
    admitted, counted too.
    """
    root, lines = _parse(data, name, skipped)
    reader = _Reader(name, lines, skipped if skipped is not None else Counter(), lenient=True)
    return reader.read(root)


def loads(data: bytes, name: str) -> Glossary:
    """Read the project's own TBX glossary; any problem names *name* and the line.

    The glossary the workbench writes is a plain document, read in C
    (:func:`~workbench.util.xmlguard.plain_tree`); a problem in it is found
    again by the guarded parser, which knows its line.
    """
    root = _plain(data)
    if root is not None:
        try:
            return located(_Reader(name, {}, Counter(), lenient=False).read(root), name)
        except GlossaryError:
            pass  # said below, with its line
    root, lines = _parse(data, name, None)
    return located(_Reader(name, lines, Counter(), lenient=False).read(root), name)


def _plain(data: bytes) -> ET.Element | None:
    """Return the tree of a plain TBX 2008 document, named as :func:`_parse` names it, or None."""
    if _utf16(data):
        return None
    root = plain_tree(data)
    if root is None or root.tag != "martif":
        return None
    for elem in root.iter():
        tag = elem.tag
        if tag in _V3_NAMES:
            elem.tag = _V3_NAMES[tag]
        elif tag.startswith("{"):
            return None  # a name in a namespace: read as _parse reads it
    return root


def _utf16(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in data[:4]


def _parse(data: bytes, name: str, skipped: Counter[str] | None) -> tuple[ET.Element, Lines]:
    if _utf16(data):
        raise GlossaryError("the file is UTF-16 or UTF-32; save it as UTF-8", path=name, line=1)
    builder = ET.TreeBuilder()
    lines: Lines = {}
    comments = 0
    # Per element: the name and how to read its attributes, worked out once per tag.
    names: dict[str, tuple[str, str | None]] = {}
    build = builder.start

    def start(tag: str, attrs: dict[str, str]) -> None:
        named = names.get(tag)
        if named is None:
            named = names[tag] = _named(tag)
        name, dct = named
        if attrs:
            attrs = _attributes(attrs)
        if dct is not None:
            attrs["type"] = dct
        lines[build(name, attrs)] = parser.parser.CurrentLineNumber

    def comment(_: str) -> None:
        nonlocal comments
        comments += 1

    def end(tag: str) -> None:
        # Named as its start was: the builder may check that the two agree.
        close(names[tag][0])

    close = builder.end
    parser = GuardedParser(start, end, builder.data, namespaces=True, comment=comment)
    with refused_as(
        lambda reason, line: GlossaryError(reason, path=name, line=line),
        "fix the file and try again",
        "save the file as UTF-8 and try again",
    ):
        parser.feed(data, True)
    if comments and skipped is not None:
        skipped["comment"] += comments
    return builder.close(), lines


def _named(tag: str) -> tuple[str, str | None]:
    """Return the TBX 2008 DCA name of an element as expat gives it, and its DCT type.

    The type is None but for a data category in the DCT style: <basic:definition>
    is <descrip type="definition">.
    """
    uri, sep, local = tag.rpartition("}")
    if sep and uri not in CORE_NAMESPACES:
        return _KIND.get(local, "descrip"), local
    return _V3_NAMES.get(local, local), None


def _attributes(attrs: dict[str, str]) -> dict[str, str]:
    for key in attrs:
        if "}" in key:
            return {_clark(k): v for k, v in attrs.items()}
    return attrs


def _clark(name: str) -> str:
    # expat writes "uri}local" for a namespaced name; ElementTree spells it "{uri}local".
    return "{" + name if "}" in name else name


class _Reader:
    def __init__(self, name: str, lines: Lines, skipped: Counter[str], lenient: bool) -> None:
        self.name = name
        self.lines = lines
        self.skipped = skipped
        self.lenient = lenient

    def line_of(self, elem: ET.Element) -> int | None:
        return self.lines.get(elem)

    def fail(self, message: str, elem: ET.Element) -> GlossaryError:
        return GlossaryError(message, path=self.name, line=self.line_of(elem))

    def skip(self, elem: ET.Element) -> None:
        self.skipped[elem.get("type") or elem.tag] += 1

    def read(self, root: ET.Element) -> list[Incoming]:
        if root.tag != "martif":
            raise self.fail(
                f"not a TBX file (the root element is <{root.tag.rpartition('}')[2]}>, not "
                "<tbx> or <martif>); export it from your tool as TBX (TBX-Basic, TBX v3 or "
                "TBX 2008)",
                root,
            )
        for header in root.findall("martifHeader"):
            for elem in header.iter():
                if elem.tag in ("title", "note"):
                    self.skipped[f"header {elem.tag}"] += 1
        text = self._child(root, "text")
        body = self._child(text, "body")
        for elem in text:
            if elem.tag == "back":
                self.skipped["back matter"] += sum(1 for e in elem.iter() if e.tag == "refObject")
        source = root.get(XML_LANG, "")
        entries = body.findall("termEntry")
        ids = {e.get("id", "").strip() for e in entries} - {""}
        incoming = []
        for entry in entries:
            item = self._concept(entry, source, ids)
            ids.add(item.concept.id)
            incoming.append(item)
        return incoming

    def _child(self, node: ET.Element, tag: str) -> ET.Element:
        found = node.find(tag)
        if found is None:
            raise self.fail(
                f"<{node.tag}> has no <{tag}>; a TBX file holds its concepts in "
                "<martif><text><body> (<tbx><text><body> in TBX v3)",
                node,
            )
        return found

    def _inner(self, elem: ET.Element) -> str:
        """Return all the text inside *elem*; inline markup is counted as not kept."""
        if len(elem) == 0:  # the common case, and much cheaper than itertext()
            return (elem.text or "").strip()
        for inline in elem.iter():
            if inline is not elem:
                self.skipped[f"inline {inline.tag}"] += 1
        return "".join(elem.itertext()).strip()

    def _items(self, node: ET.Element) -> Iterator[tuple[ET.Element, str, str, str]]:
        """Yield (element, kind, type, text) of each data category, groups opened.

        A group's source (``admin type="source"``) comes as the kind
        ``source-of`` right after the category it belongs to.
        """
        for child in node:
            tag = child.tag
            if tag in _CATEGORIES:
                if len(child):
                    value = self._inner(child)
                else:  # the common case, and much cheaper than itertext()
                    value = (child.text or "").strip()
                yield child, tag, child.get("type", tag), value
            elif tag in ("descripGrp", "adminGrp", "termNoteGrp"):
                main = None
                for inner in child:
                    type_ = inner.get("type", "")
                    if inner.tag == "note":
                        yield inner, "note", "note", self._inner(inner)
                    elif main is not None and type_ in ("source", "sourceIdentifier"):
                        yield inner, "source-of", main, self._inner(inner)
                    elif inner.tag in ("descrip", "admin", "termNote"):
                        main = main or type_
                        yield inner, inner.tag, type_, self._inner(inner)
                    else:
                        self.skip(inner)
            else:
                yield child, tag, child.get("type", ""), ""

    def _concept(self, entry: ET.Element, source: str, ids: set[str]) -> Incoming:
        fields: dict[str, list[str]] = {
            "definition": [],
            "subject": [],
            "note": [],
            "source": [],
            "conflict": [],
        }
        admin: list[tuple[str, str]] = []
        by_language: list[tuple[str, str, str]] = []
        terms: list[Term] = []
        lines: list[int | None] = []
        for elem, kind, type_, value in self._items(entry):
            if kind == "source-of":
                if type_ == "definition":
                    fields["source"].append(value)
                else:
                    admin.append(("source", value))
            elif kind == "note":
                fields["note"].append(value)
            elif kind in ("descrip", "admin") and type_ == "definition":
                fields["definition"].append(value)
            elif kind in ("descrip", "admin") and type_ == "subjectField":
                fields["subject"].append(value)
            elif kind == "descrip" and type_ == "x-conflict":
                fields["conflict"].append(value)
            elif kind == "admin" and type_ == "source":
                fields["source"].append(value)
            elif kind in ("descrip", "admin", "termNote") and type_:
                admin.append((type_, value))
            elif kind == "langSet":
                for term, at in self._lang_set(elem, by_language):
                    terms.append(term)
                    lines.append(self.line_of(at))
            else:
                self.skip(elem)
        cid, explicit = self._id(entry, terms, source, ids)
        concept = Concept(
            cid,
            tuple(terms),
            admin=tuple((k, v) for k, v in admin if v),
            by_language=tuple(by_language),
            **{k: _joined(vs) for k, vs in fields.items()},
        )
        try:
            concept = check_concept(concept)
        except Problem as problem:
            line = lines[problem.term] if problem.term is not None else self.line_of(entry)
            raise GlossaryError(problem.detail, path=self.name, line=line) from None
        given = _given(concept.languages)
        if all(a is b for a, b in zip(concept.terms, terms, strict=True)):
            # Checking kept every term as it was, and in its place: the common case.
            term_lines = tuple(n or 0 for n in lines)
        else:
            # check_concept groups terms by language; keep each term's line with it.
            line_at = {
                (checked_code(t.language), t.text.strip()): n
                for t, n in zip(terms, lines, strict=True)
            }
            term_lines = tuple(line_at[t.language, t.text] or 0 for t in concept.terms)
        return Incoming(concept, self.line_of(entry) or 0, term_lines, explicit, given)

    def _id(
        self, entry: ET.Element, terms: list[Term], source: str, ids: set[str]
    ) -> tuple[str, bool]:
        cid = entry.get("id", "").strip()
        if cid and ID.match(cid):
            return cid, True
        if cid:
            # 0717_0001 (Pontoon) is no XML id and not one of ours: derive one.
            self.skipped["id the model cannot take (replaced)"] += 1
            made = re.sub(r"[^A-Za-z0-9._-]+", "-", cid).strip("-")[:90]
            base = made if made[:1].isalpha() else f"c{made}" if made else "concept"
            return unused_id(base, ids), True
        pick = next((t for t in terms if _same_language(t.language, source)), None)
        pick = pick or (terms[0] if terms else None)
        return unused_id(slug(pick.text) if pick else "concept", ids), False

    def _lang_set(
        self, node: ET.Element, by_language: list[tuple[str, str, str]]
    ) -> Iterator[tuple[Term, ET.Element]]:
        lang = node.get(XML_LANG) or node.get("lang")
        if not lang:
            raise self.fail(
                '<langSet> has no xml:lang; add the language code, as in <langSet xml:lang="fa">',
                node,
            )
        try:
            code = checked_code(lang)
        except LanguageError:
            code = lang  # refused with the term's line when the concept is checked
        found = []
        for elem, kind, type_, value in self._items(node):
            if kind in ("tig", "ntig"):
                found.append((elem, *self._term(elem, lang)))
            elif kind == "source-of":
                by_language.append((code, "source", value))
            elif kind == "note":
                if value:
                    by_language.append((code, "note", value))
            elif kind in ("descrip", "admin", "termNote") and type_:
                if value:
                    by_language.append((code, type_, value))
            else:
                self.skip(elem)
        has_preferred = any(status == PREFERRED for _, _, status in found)
        preferred = 0
        for elem, term, status in found:
            if status is None:
                # Unmarked, as many tools write: the first term is the one to use.
                status = ADMITTED if has_preferred else PREFERRED
                has_preferred = True
            if status == PREFERRED:
                preferred += 1
                if preferred > 1 and self.lenient:
                    status = ADMITTED
                    self.skipped["second preferred term in a language (made admitted)"] += 1
            yield Term(**term, status=status), elem  # type: ignore[arg-type]

    def _term(self, node: ET.Element, lang: str) -> tuple[dict[str, object], str | None]:
        """Return the fields of the term *node* holds but its status, and the status it says."""
        text = None
        status: str | None = None
        given = ""
        forbidden = False
        values: dict[str, object] = {"part_of_speech": "", "treatment": TRANSLATE}
        values["case_sensitive"] = False
        notes: list[str] = []
        contexts: list[str] = []
        sources: list[str] = []
        admin: list[tuple[str, str]] = []
        for holder in [node, *node.findall("termGrp")]:
            for elem, kind, type_, value in self._items(holder):
                try:
                    if kind == "term":
                        text = value if len(elem) else (elem.text or "")
                        if elem.get("id") or node.get("id"):
                            self.skipped["id of a term"] += 1
                    elif kind == "termGrp":
                        continue
                    elif kind == "note":
                        notes.append(value)
                    elif kind == "source-of" or type_ in ("source", "sourceIdentifier"):
                        sources.append(value)
                    elif type_ == "partOfSpeech":
                        part_of_speech = _part_of_speech(value)
                        if part_of_speech is None:
                            admin.append((type_, value))
                        else:
                            values["part_of_speech"] = part_of_speech
                    elif type_ in ("administrativeStatus", "normativeAuthorization"):
                        if value:
                            status, word = self._status(value, elem)
                            given = word or given
                    elif type_ == "termType":
                        values["term_type"] = value
                    elif type_ == "context":
                        contexts.append(value)
                    elif type_ == "reliabilityCode":
                        values["reliability"] = value
                    elif type_ == "x-forbidden":
                        forbidden = parse_flag(value, _YES, _NO)
                    elif type_ == "x-treatment":
                        values["treatment"] = parse_treatment(value)
                    elif type_ == "x-caseSensitive":
                        values["case_sensitive"] = parse_flag(value, _YES, _NO)
                    elif type_ == "x-givenStatus":
                        given = _STATUS_WORDS.get(value.lower(), "")
                    elif kind in ("descrip", "admin", "termNote") and type_:
                        if value:
                            admin.append((type_, value))
                    else:
                        self.skip(elem)
                except GlossaryError as exc:
                    raise self.fail(exc.detail, elem) from None
        if text is None:
            raise self.fail(
                f"<{node.tag}> has no <term>; write the term or remove the <{node.tag}>", node
            )
        if forbidden:
            status, given = FORBIDDEN, ""
        if given and status is not None and GIVEN_STATUSES.get(given) != status:
            given = ""
        values["text"] = text
        values["language"] = lang
        values["note"] = _joined(notes)
        values["context"] = _joined(contexts)
        values["source"] = _joined(sources)
        values["given_status"] = given
        values["admin"] = tuple(admin)
        return values, status

    def _status(self, value: str, elem: ET.Element) -> tuple[str, str]:
        said = _status_said(value)
        if said is None:
            raise self.fail(
                f'unknown administrativeStatus "{value}"; use preferredTerm-admn-sts, '
                "admittedTerm-admn-sts or deprecatedTerm-admn-sts",
                elem,
            )
        return said


# Cached: a file says the same few status words on every term.
@functools.lru_cache(maxsize=256)
def _status_said(value: str) -> tuple[str, str] | None:
    """Return the status and the finer word an administrativeStatus *value* says, or None."""
    word = value.strip().lower().removesuffix("-admn-sts").removesuffix("term")
    found = _STATUS_WORDS.get(word)
    if found is None:
        return None
    if found in STATUSES:
        return found, ""
    return GIVEN_STATUSES[found], found


# Cached, as the status words.
@functools.lru_cache(maxsize=256)
def _part_of_speech(value: str) -> str | None:
    """Return the part of speech *value* names, or None when it names none the model has."""
    try:
        return parse_part_of_speech(value)
    except GlossaryError:
        return None


def _joined(values: list[str]) -> str:
    """Return the non-empty *values* as paragraphs of one text."""
    return "\n\n".join(filter(None, values)) if values else ""


@functools.lru_cache(maxsize=256)
def _given(languages: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """Return the (language, status) pairs a concept with terms in *languages* speaks for."""
    return frozenset((lang, s) for lang in languages for s in STATUSES)


def _same_language(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()
