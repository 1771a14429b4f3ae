"""TBX in and out: the exact layout, other tools' files, malformed input, round trips."""

from __future__ import annotations

import difflib
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from translate.storage.tbx import tbxfile

from workbench.errors import GlossaryError
from workbench.glossary import incoming as glossary_incoming
from workbench.glossary import model as g
from workbench.glossary import tbx
from workbench.glossary.model import Concept, Glossary, Term

from .support import DATA, REPO

BAD = DATA / "glossary"
STARTER = REPO / "glossary" / "glossary.tbx"

SMALL = Glossary(
    (
        Concept(
            "irgc",
            (
                Term("IRGC", "en", part_of_speech="properNoun", case_sensitive=True),
                Term("سپاه پاسداران", "fa", part_of_speech="properNoun"),
                Term("IRGC", "fa", "admitted", "properNoun", True, "keep", note="in Latin & <b>"),
                Term("پاسدار", "fa", "forbidden"),
            ),
            definition='The "Guards".',
            subject="state",
            note="Full name first.\nThen the short form.",
        ),
    )
)

SMALL_TBX = """\
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <martifHeader>
    <fileDesc>
      <sourceDesc>
        <p>workbench termbase</p>
      </sourceDesc>
    </fileDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="irgc">
        <descrip type="subjectField">state</descrip>
        <descrip type="definition">The "Guards".</descrip>
        <note>Full name first.
Then the short form.</note>
        <langSet xml:lang="en">
          <tig>
            <term>IRGC</term>
            <termNote type="partOfSpeech">properNoun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <termNote type="x-caseSensitive">yes</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="fa">
          <tig>
            <term>سپاه پاسداران</term>
            <termNote type="partOfSpeech">properNoun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>IRGC</term>
            <termNote type="partOfSpeech">properNoun</termNote>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
            <termNote type="x-treatment">keep</termNote>
            <termNote type="x-caseSensitive">yes</termNote>
            <note>in Latin &amp; &lt;b&gt;</note>
          </tig>
          <tig>
            <term>پاسدار</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            <termNote type="x-forbidden">yes</termNote>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def test_dumps_writes_the_documented_layout():
    assert tbx.dumps(SMALL, "en").decode("utf-8") == SMALL_TBX


def test_loads_reads_back_every_field():
    assert tbx.loads(SMALL_TBX.encode(), "small.tbx") == SMALL


def test_changing_one_term_changes_only_that_terms_line():
    glossary = tbx.loads(STARTER.read_bytes(), "glossary.tbx")
    before = tbx.dumps(glossary, "en").decode().splitlines()
    edited = glossary.edit_term("general-strike", "fa", "اعتصاب همگانی", text="اعتصاب سرتاسری")
    after = tbx.dumps(edited, "en").decode().splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        "-            <term>اعتصاب همگانی</term>",
        "+            <term>اعتصاب سرتاسری</term>",
    ]


def test_translate_toolkit_reads_the_starter_glossary_with_the_same_terms():
    ours = tbx.loads(STARTER.read_bytes(), "glossary.tbx")
    store = tbxfile.parsestring(STARTER.read_bytes())
    assert [u.getid() for u in store.units] == [c.id for c in ours]
    admn = {
        "preferred": "preferredTerm-admn-sts",
        "admitted": "admittedTerm-admn-sts",
        "deprecated": "deprecatedTerm-admn-sts",
        "forbidden": "deprecatedTerm-admn-sts",
    }
    for unit, concept in zip(store.units, ours, strict=True):
        theirs = [(t.text, t.administrative_status) for t in unit.get_source_terms()]
        assert theirs == [(t.text, admn[t.status]) for t in concept.terms if t.language == "en"]
        theirs = [(t.text, t.administrative_status) for t in unit.get_target_terms("fa")]
        assert theirs == [(t.text, admn[t.status]) for t in concept.terms if t.language == "fa"]


def test_a_glossary_written_by_translate_toolkit_is_read():
    store = tbxfile(sourcelanguage="en", targetlanguage="fa")
    unit = store.addsourceunit("general strike")
    unit.settarget("اعتصاب عمومی", lang="fa")
    unit.setid("general-strike")
    (item,) = tbx.read(bytes(store), "tt.tbx")
    assert item.concept == Concept(
        "general-strike", (Term("general strike", "en"), Term("اعتصاب عمومی", "fa"))
    )


def test_the_shapes_other_tools_write_are_read():
    (item,) = tbx.read((BAD / "other-tools.tbx").read_bytes(), "other-tools.tbx")
    assert not item.explicit_id
    assert item.concept == Concept(
        "general-strike",
        (
            Term("general strike", "en_US", part_of_speech="noun"),
            Term("اعتصاب عمومی", "fa_IR"),
            Term("اعتصاب همگانی", "fa_IR", "admitted"),
            Term("اعتصاب کل", "fa_IR", "deprecated", given_status="superseded"),
        ),
        definition="A strike of all trades at once.",
    )
    assert item.term_lines == (14, 22, 27, 32)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("preferredTerm-admn-sts", "preferred"),
        ("admittedTerm", "admitted"),
        ("DeprecatedTerm-admn-sts", "deprecated"),
        ("supersededTerm-admn-sts", "deprecated"),
        ("forbidden", "forbidden"),
    ],
    ids=["preferred", "no-suffix", "capitals", "superseded", "plain-word"],
)
def test_administrative_status_values_are_read(value, status):
    text = SMALL_TBX.replace(
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>\n'
        '            <termNote type="x-caseSensitive">yes</termNote>',
        f'<termNote type="administrativeStatus">{value}</termNote>',
        1,
    )
    glossary = tbx.loads(text.encode(), "x.tbx")
    assert glossary["irgc"].terms_in("en")[0].status == status


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "bad.unclosed-tag.tbx",
            "bad.unclosed-tag.tbx line 14: not well-formed XML (mismatched tag at column 13); "
            "fix the file and try again",
        ),
        (
            "bad.two-preferred.tbx",
            'bad.two-preferred.tbx line 17: concept "council" has two preferred Persian terms; '
            "mark one as admitted.",
        ),
        (
            "bad.empty-term.tbx",
            'bad.empty-term.tbx line 12: concept "strike" has an empty Persian term; write the '
            "term or remove it",
        ),
        (
            "bad.entity.tbx",
            "bad.entity.tbx line 3: the document declares XML entities (<!ENTITY ...>), which an "
            "exchange file never needs and which can make a reader run out of memory; remove the "
            "declarations",
        ),
        (
            "bad.unknown-status.tbx",
            'bad.unknown-status.tbx line 9: unknown administrativeStatus "favouriteTerm-admn-sts"; '
            "use preferredTerm-admn-sts, admittedTerm-admn-sts or deprecatedTerm-admn-sts",
        ),
        (
            "bad.unknown-language.tbx",
            'bad.unknown-language.tbx line 12: concept "council": unknown language code '
            '"farsi"; did you mean "fa"?',
        ),
        (
            "bad.duplicate-id.tbx",
            'bad.duplicate-id.tbx line 12: two concepts have the id "strike"; give one of them '
            "another id",
        ),
        (
            "bad.not-tbx.tbx",
            "bad.not-tbx.tbx line 2: not a TBX file (the root element is <termbase>, not <tbx> "
            "or <martif>); export it from your tool as TBX (TBX-Basic, TBX v3 or TBX 2008)",
        ),
    ],
    ids=lambda v: v.removesuffix(".tbx").removeprefix("bad.") if v.endswith(".tbx") else None,
)
def test_a_malformed_tbx_is_reported_with_file_and_line(name, message):
    with pytest.raises(GlossaryError) as info:
        tbx.loads((BAD / name).read_bytes(), name)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '<martif><text><body><termEntry id="a"><langSet><tig><term>x</term></tig>'
            "</langSet></termEntry></body></text></martif>",
            "x.tbx line 1: <langSet> has no xml:lang; add the language code, as in "
            '<langSet xml:lang="fa">',
        ),
        (
            '<martif><text><body><termEntry id="a"><langSet xml:lang="en"><tig><note>n</note>'
            "</tig></langSet></termEntry></body></text></martif>",
            "x.tbx line 1: <tig> has no <term>; write the term or remove the <tig>",
        ),
        (
            "<martif><text></text></martif>",
            "x.tbx line 1: <text> has no <body>; a TBX file holds its concepts in "
            "<martif><text><body> (<tbx><text><body> in TBX v3)",
        ),
        (
            '<martif><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>x</term>'
            '<termNote type="x-caseSensitive">maybe</termNote></tig></langSet></termEntry>'
            "</body></text></martif>",
            'x.tbx line 1: "maybe" is neither yes nor no',
        ),
    ],
    ids=["no-lang", "no-term", "no-body", "bad-flag"],
)
def test_structural_mistakes_are_named(body, message):
    with pytest.raises(GlossaryError) as info:
        tbx.loads(body.encode(), "x.tbx")
    assert str(info.value) == message


def test_an_external_dtd_is_never_fetched_and_external_entities_are_refused():
    doctype = '<!DOCTYPE martif SYSTEM "http://example.invalid/never-fetched.dtd">\n'
    ok = SMALL_TBX.replace("<martif", doctype + "<martif", 1)
    assert tbx.loads(ok.encode(), "x.tbx") == SMALL
    evil = (
        '<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY e SYSTEM "file:///etc/passwd">\n]>\n'
        '<martif><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>&e;</term>'
        "</tig></langSet></termEntry></body></text></martif>"
    )
    with pytest.raises(GlossaryError) as info:
        tbx.loads(evil.encode(), "x.tbx")
    assert str(info.value).startswith("x.tbx line 3: the document declares XML entities")


# -- round trip --------------------------------------------------------------------

LANGS = ["en", "fa", "de", "ckb", "ar", "fa_AF"]
TEXT = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="|\ufffe\uffff")
NOTE = st.one_of(TEXT, st.sampled_from("\n\r\t&<>\"'"))


@st.composite
def terms(draw):
    out = []
    for lang in draw(st.lists(st.sampled_from(LANGS), min_size=1, max_size=3, unique=True)):
        texts = draw(
            st.lists(
                st.text(TEXT, min_size=1, max_size=12).filter(lambda s: s.strip()),
                min_size=1,
                max_size=3,
                unique_by=str.strip,
            )
        )
        for n, text in enumerate(texts):
            status = g.PREFERRED if n == 0 else draw(st.sampled_from(g.STATUSES[1:]))
            out.append(
                Term(
                    text,
                    lang,
                    status,
                    draw(st.sampled_from(("", *g.PARTS_OF_SPEECH))),
                    draw(st.booleans()),
                    draw(st.sampled_from(g.TREATMENTS)),
                    draw(st.text(NOTE, max_size=20)),
                )
            )
    return tuple(out)


@st.composite
def glossaries(draw):
    ids = draw(
        st.lists(
            st.from_regex(r"[A-Za-z][A-Za-z0-9._-]{0,15}", fullmatch=True),
            max_size=5,
            unique=True,
        )
    )
    concepts = [
        Concept(
            cid,
            draw(terms()),
            definition=draw(st.text(NOTE, max_size=30)),
            subject=draw(st.text(TEXT, max_size=10)),
            note=draw(st.text(NOTE, max_size=30)),
        )
        for cid in ids
    ]
    return Glossary(tuple(concepts))


@settings(max_examples=150, deadline=None)
@given(glossaries())
def test_dumps_then_loads_gives_the_same_glossary(glossary):
    assert tbx.loads(tbx.dumps(glossary, "en"), "x.tbx") == glossary


def test_ids_made_for_entries_without_one_are_unique():
    entry = '<termEntry><langSet xml:lang="en"><tig><term>{}</term></tig></langSet></termEntry>'
    body = (
        entry.format("Strike")
        + entry.format("strike")
        + '<termEntry id="strike-3">'
        + ('<langSet xml:lang="en"><tig><term>x</term></tig></langSet></termEntry>')
    )
    doc = f'<martif xml:lang="en"><text><body>{body}</body></text></martif>'
    assert [c.id for c in tbx.loads(doc.encode(), "x.tbx")] == ["strike", "strike-2", "strike-3"]


@pytest.mark.parametrize("path", [STARTER, BAD / "other-tools.tbx"], ids=["starter", "other-tools"])
def test_the_fast_reader_and_the_line_keeping_reader_agree(path):
    data = path.read_bytes()
    assert tbx.loads(data, "x.tbx") == glossary_incoming.located(tbx.read(data, "x.tbx"), "x.tbx")


def test_a_utf16_tbx_is_refused_before_parsing():
    data = SMALL_TBX.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    with pytest.raises(GlossaryError) as info:
        tbx.loads(data, "x.tbx")
    assert str(info.value) == "x.tbx line 1: the file is UTF-16 or UTF-32; save it as UTF-8"


# -- the project's glossary, read in C ----------------------------------------------


def _guarded(data: bytes, name: str) -> Glossary | str:
    """What the guarded reader makes of *data*: the glossary, or the error it says."""
    try:
        root, lines = tbx._parse(data, name, None)
        return tbx.located(tbx._Reader(name, lines, Counter(), lenient=False).read(root), name)
    except GlossaryError as exc:
        return str(exc)


def _loaded(data: bytes, name: str) -> Glossary | str:
    try:
        return tbx.loads(data, name)
    except GlossaryError as exc:
        return str(exc)


def test_the_glossary_the_workbench_writes_is_read_in_c_as_the_guarded_reader_reads_it():
    data = (REPO / "glossary" / "glossary.tbx").read_bytes()
    assert tbx._plain(data) is not None
    loaded = tbx.loads(data, "glossary/glossary.tbx")
    assert loaded == _guarded(data, "glossary/glossary.tbx")
    assert len(loaded) > 100


@pytest.mark.parametrize(
    "path", sorted(DATA.rglob("*.tbx")), ids=lambda p: p.relative_to(DATA).as_posix()
)
def test_every_tbx_file_reads_as_the_guarded_reader_reads_it_errors_and_lines_included(path):
    data = path.read_bytes()
    assert _loaded(data, path.name) == _guarded(data, path.name)


def test_a_glossary_with_a_problem_read_in_c_is_said_with_the_line_the_guarded_reader_finds():
    data = (DATA / "glossary" / "bad.two-preferred.tbx").read_bytes()
    assert tbx._plain(data) is not None  # plain: the problem is found in the model
    with pytest.raises(GlossaryError) as err:
        tbx.loads(data, "glossary/glossary.tbx")
    assert str(err.value).startswith("glossary/glossary.tbx line 17: ")
