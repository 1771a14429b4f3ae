"""Hostile input for every parser, the segmenter and the form posts.

Each reader gets random bytes and text, and the repository's own files
mutated byte by byte and line by line (deleted, duplicated, inserted,
flipped, cut short). The answer must be a result or a clean WorkbenchError
(a 4xx page for a post), never another exception, never a hang (each input
has a deadline), and a rejected input must leave every file as it was.

The default run is small and deterministic; ``WORKBENCH_SLOW_FUZZ=1`` runs
20 times as many random inputs, freshly drawn each time.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbench.accounts.users import Users
from workbench.catalogs import pofile
from workbench.catalogs.model import Layout
from workbench.catalogs.update import update_statement
from workbench.errors import (
    CatalogError,
    GlossaryError,
    StatementError,
    TranslationMemoryError,
    WorkbenchError,
    XliffError,
)
from workbench.glossary import csv as termcsv
from workbench.glossary import io as glossary_io
from workbench.glossary import model as gl
from workbench.glossary import store as glossary_store
from workbench.glossary import tbx
from workbench.glossary.incoming import located
from workbench.glossary.model import Glossary
from workbench.memory import tmx
from workbench.memory.codes import Extra, placeholders
from workbench.project import Project, decode_statement
from workbench.segment.segmenter import paragraphs, segment
from workbench.xliff import service as xliff_service

from .app_support import log_in
from .support import PASSWORDS, REPO, ROLES, csrf_token, make_web_project, msgfmt_check, snapshot

SLOW = os.environ.get("WORKBENCH_SLOW_FUZZ") == "1"
SCALE = 20 if SLOW else 1

#: Inputs tried per target in the default run; WORKBENCH_SLOW_FUZZ=1 multiplies them by 20.
EXAMPLES = {
    "statement bytes": 200,
    "statement text": 300,
    "statement mutated": 150,
    "update mutated": 25,
    "po text": 200,
    "po mutated": 200,
    "po file bytes": 100,
    "tbx bytes": 100,
    "tbx mutated": 120,
    "csv bytes": 150,
    "csv mutated": 150,
    "tmx bytes": 150,
    "tmx mutated": 200,
    "tmx file": 50,
    "xliff bytes": 100,
    "xliff mutated": 150,
    "glossary import": 40,
    "memory import": 40,
    "form fields": 200,
    "form bodies": 120,
    "dismiss": 40,
}


#: Inputs each target was given in this run, printed at the end of the module (pytest -s).
TRIED: Counter[str] = Counter()


def fuzz(target: str):
    """Apply the hypothesis settings of one fuzz target and count the inputs it is given."""

    def decorate(test):
        inner = test.hypothesis.inner_test

        @functools.wraps(inner)
        def counted(*args, **kwargs):
            TRIED[target] += 1
            return inner(*args, **kwargs)

        test.hypothesis.inner_test = counted
        return settings(
            max_examples=EXAMPLES[target] * SCALE,
            # A hang detector, not a speed target: generous for a busy 2-core machine.
            deadline=timedelta(seconds=10),
            derandomize=not SLOW,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )(test)

    return decorate


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    width = max(map(len, EXAMPLES))
    print(f"\nfuzz inputs tried (limit x{SCALE}):")
    for target, limit in EXAMPLES.items():
        print(f"  {target:<{width}}  {TRIED[target]:>6}  of {limit * SCALE}")


# -- mutating real files ------------------------------------------------------------------


@st.composite
def mutated(draw, seeds: tuple[bytes, ...], tokens: tuple[bytes, ...]) -> bytes:
    """Return one of *seeds* with a few bytes or lines deleted, duplicated or inserted."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(
            st.sampled_from(
                (
                    "delete",
                    "duplicate",
                    "insert",
                    "flip",
                    "truncate",
                    "line-delete",
                    "line-duplicate",
                    "line-swap",
                    "line-insert",
                )
            )  # fmt: skip
        )
        at = draw(st.integers(0, len(data)))
        if op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
        elif op == "insert":
            data[at:at] = draw(st.sampled_from(tokens) | st.binary(min_size=1, max_size=8))
        elif op == "flip" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "truncate":
            del data[at:]
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            if op == "line-delete":
                del lines[i]
            elif op == "line-duplicate":
                lines.insert(i, lines[i])
            elif op == "line-swap":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(i, draw(st.sampled_from(tokens)))
            data = bytearray(b"\n".join(lines))
    return bytes(data)


COMMON_TOKENS = (
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\n\n", b"\t", b"\\", b'"', b"'",
    "\u2028".encode(), "\u0085".encode(), "\u200c".encode(), "ی".encode(), b"\xe2\x80",
    b"\xed\xa0\x80", b"\xc0\xaf", b"&", b"<", b">",
)  # fmt: skip
PO_TOKENS = COMMON_TOKENS + (
    b'msgid "', b'msgstr "', b'msgctxt "', b'msgid_plural "', b'msgstr[0] "', b'msgstr[9] "',
    b'"', b'"\\n"', b'"\\', b"\\t", b"\\a", b"\\x41", b"\\101", b"#~ ", b"#~| ", b"#| msgid ",
    b"#, fuzzy", b"#, fuzzy, c-format", b"#: seeds/a.txt:1", b"#. heading",
    b"# reviewed-by: x (000000000000)", b"# dismissed glossary: because", b"#", b"#~",
    b'"Content-Type: text/plain; charset=ISO-8859-1\\n"', b'"Plural-Forms: nplurals=x;\\n"',
    b'"Language: \\n"', b'msgid ""\nmsgstr ""',
)  # fmt: skip
XML_TOKENS = COMMON_TOKENS + (
    b"<!ENTITY a 'aaaa'>", b'<!DOCTYPE martif [<!ENTITY x "y">]>', b'<!DOCTYPE tmx SYSTEM "x">',
    b"&a;", b"&amp;", b"&#0;", b"&#xD800;", b"&#1114112;", b"&#13;", b"]]>", b"<![CDATA[x]]>",
    b"<?xml version='1.0' encoding='utf-7'?>", b'<?xml version="1.0" encoding="latin-1"?>',
    b'<?xml version="1.0" encoding="shift_jis"?>', b'<?xml version="1.0" encoding="nope"?>',
    b"<seg>", b"</seg>", b"<tu>", b"</tu>", b"<tuv xml:lang='fa'>", b"</tuv>", b"<bpt>", b"<hi>",
    b"<termEntry>", b"</termEntry>", b'<termEntry id="x">', b"<langSet xml:lang='fa'>",
    b"</langSet>", b"<tig>", b"<ntig>", b"<term>", b"</term>", b"<termGrp>", b"<text>", b"<body>",
    b'<termNote type="administrativeStatus">', b'<termNote type="x-forbidden">yes</termNote>',
    b'<termNote type="partOfSpeech">verb</termNote>', b'xml:lang=""', b'xml:lang="zz-ZZ"',
    b'lang="fa"', b"<descrip type='definition'>", b"<note>", b"<!-- -->", b"<?pi x?>",
    b'<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2">', b"<conceptEntry id='0717'>",
    b"<langSec xml:lang='fa'>", b"<termSec>", b"</termSec>", b"<basic:definition>",
    b'xmlns:basic="http://www.tbxinfo.net/ns/basic"', b"<descripGrp>", b"</descripGrp>",
    b"<admin type='source'>", b"<ph x='1'/>", b"<ph type='lb'>&lt;br/></ph>", b"<ut>{\\tab }</ut>",
    b"<sub>", b"<prop type='x'>", b"</prop>", b"<trans-unit id='u1'>", b"<target state='new'>",
    b"<g id='1'>", b"<x id='2'/>", b"<mrk mtype='seg'>", b"<unit id='u1'>", b"<segment>",
    b"<pc id='1'>", b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0">',
    b"<file original='arak-councils'>", b'mq:status="NotStarted"', b"<a>" * 40,
)  # fmt: skip
CSV_TOKENS = COMMON_TOKENS + (
    b"source,target", b"context,source,target", b"translator_comments", b"'=x'", b"'@", b"\t=",
    b"Persian", b"English", b"fa-IR", b'"location","source"', b"\\\\",
    b",", b";", b"|", b"||", b'""', b'"a,b"', b'"\n"', b"id", b"en", b"fa", b"fa:admitted",
    b"fa:forbidden", b"EN:preferred", b"xx", b"note", b"pos", b"treatment", b"case_sensitive",
    b"verb", b"keep", b"yes", b"maybe", b"definition", b"=cmd|' /C calc'!A0", b"en,fa",
)  # fmt: skip


# -- statements and the segmenter ------------------------------------------------------------

LANGS = ("en", "fa", "ar", "de", "ckb", "pt_BR")
SEGMENT_TOKENS = (
    ". ", "? ", "! ", "؟ ", "۔ ", "…", "...", "\n", "\n\n", "\r\n", "\t", "- ", "• ", "* ", "1. ",
    "12) ", "IV. ", "Mr. ", "e.g. ", "U.S. ", "3.5", "https://ilna.ir/a.b?c=d. ", "«", "»", "“",
    "”", "(", ")", "[", "]", '"', "'", ":", ";", "|", "||", "\u200c", "\u2028", "\u00a0", "\ufeff",
    "# ", "* * *", "---", "A", "a", "The", "ش", "۱۲", "October", "\x00", "\u202e",
)  # fmt: skip
STATEMENT_SEEDS = tuple(p.read_bytes() for p in sorted((REPO / "seeds").glob("*.txt")))


def assert_units(text: str, units) -> None:
    last = 0
    for unit in units:
        assert text[unit.start : unit.end] == unit.text
        assert unit.text and unit.start >= last
        assert not unit.text[0].isspace() and not unit.text[-1].isspace()
        assert unit.kind in ("heading", "item", "line", "sentence")
        last = unit.end
    assert sum(len(p) for p in paragraphs(units)) == len(units)


def segment_bytes(data: bytes, lang: str) -> None:
    try:
        text = decode_statement(data, "seeds/fuzz.txt")
    except StatementError as exc:
        assert str(exc).startswith("seeds/fuzz.txt: ")
        return
    assert_units(text, segment(text, lang))


@fuzz("statement bytes")
@given(st.binary(max_size=3000), st.sampled_from(LANGS))
def test_statement_bytes_decode_and_segment_or_fail_cleanly(data, lang):
    segment_bytes(data, lang)


@fuzz("statement text")
@given(
    st.lists(st.sampled_from(SEGMENT_TOKENS) | st.text(max_size=6), max_size=300).map("".join),
    st.sampled_from(LANGS),
)
def test_any_text_segments_into_exact_units(text, lang):
    assert_units(text, segment(text, lang))


@fuzz("statement mutated")
@given(mutated(STATEMENT_SEEDS, COMMON_TOKENS + tuple(t.encode() for t in SEGMENT_TOKENS)))
def test_mutated_statements_decode_and_segment_or_fail_cleanly(data):
    segment_bytes(data, "en")


@pytest.fixture(scope="module")
def update_project_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-update") / "project"
    project = Project.init(root, languages=("fa",))
    return project.root


@fuzz("update mutated")
@given(mutated(STATEMENT_SEEDS[-1:], COMMON_TOKENS + tuple(t.encode() for t in SEGMENT_TOKENS)))
def test_update_of_a_mutated_statement_writes_valid_catalogs_or_nothing(update_project_root, data):
    project = Project.load(update_project_root)
    for path in project.locales_dir.rglob("*.po*"):
        path.unlink()
    (project.seeds_dir / "fuzz.txt").write_bytes(data)
    try:
        update_statement(project, project.statement("fuzz"))
    except StatementError:
        assert not list(project.locales_dir.rglob("*.po*"))
        return
    text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    pot = pofile.read(project.template_path("fuzz"))
    po = pofile.read(project.catalog_path("fa", "fuzz"))
    assert [e.msgid for e in po.entries] == [e.msgid for e in pot.entries]
    for entry in pot.entries:
        assert entry.msgid in text


def test_updated_catalogs_of_mutated_statements_pass_msgfmt(update_project_root):
    # msgfmt is the reference, but a process per input is slow: a few fixed inputs.
    project = Project.load(update_project_root)
    seed = STATEMENT_SEEDS[-1].decode("utf-8")
    for i, text in enumerate(
        [
            seed.replace("\n", "\r\n"),
            seed.replace(".", ".\u2028"),
            "\ufeff" + seed.replace(" ", "\t"),
            seed + '\n"Quoted \\ back\\slash" and \u0085 NEL.\n',
            seed.replace("a", "\u200c"),
        ]
    ):
        (project.seeds_dir / f"variant-{i}.txt").write_text(text, encoding="utf-8", newline="")
        update_statement(project, project.statement(f"variant-{i}"))
        for path in (
            project.template_path(f"variant-{i}"),
            project.catalog_path("fa", f"variant-{i}"),
        ):
            done = msgfmt_check(path)
            assert done.returncode == 0, (path.name, done.stderr)


# -- PO catalogs ---------------------------------------------------------------------------------

PO_SEEDS = tuple(
    p.read_bytes()
    for p in [
        *sorted((REPO / "locales" / "fa" / "LC_MESSAGES").glob("khuzestan*.po")),
        *sorted((REPO / "locales").glob("khuzestan*.pot")),
        REPO / "tests" / "data" / "catalog" / "gnu-form.po",
    ]
)


def parse_or_refuse(text: str) -> None:
    """Parse *text*; if accepted, what we write back must read back the same."""
    try:
        catalog = pofile.parse(text, "fuzz.po")
    except CatalogError as exc:
        assert str(exc).startswith("fuzz.po")
        return
    again = pofile.parse(pofile.serialise(catalog), "again.po")
    assert again.header == catalog.header
    assert again.entries == catalog.entries
    # Written afresh, without the lines it was read from, it reads back the same too.
    fresh = pofile.parse(pofile.serialise(replace(catalog, layout=Layout())), "fresh.po")
    assert fresh.header == catalog.header
    assert fresh.entries == catalog.entries


@fuzz("po text")
@given(
    st.lists(
        st.sampled_from([t.decode("utf-8", "replace") for t in PO_TOKENS]) | st.text(max_size=8),
        max_size=60,
    ).map("".join)
)
def test_any_po_text_parses_and_round_trips_or_fails_cleanly(text):
    parse_or_refuse(text)


@fuzz("po mutated")
@given(mutated(PO_SEEDS, PO_TOKENS))
@example(b'msgid ""\nmsgstr ""\n\n# dismissed glossary: a\x00b\nmsgid "a"\nmsgstr "b"\n')
def test_mutated_catalogs_parse_and_round_trip_or_fail_cleanly(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # read() refuses these: see the next test
    parse_or_refuse(text.removeprefix("\ufeff"))


#: The repository's long catalog: slower to parse, so only read, not round-tripped.
LONG_PO = (
    REPO / "locales" / "fa" / "LC_MESSAGES" / "iran-uprising-workers-councils.po"
).read_bytes()


def test_a_catalog_with_two_headers_is_refused_naming_the_line():
    # As a hand-resolved merge conflict can leave it; GNU msgfmt refuses it too.
    text = (
        'msgid ""\nmsgstr ""\n\nmsgid ""\nmsgstr ""\n"Language: fa\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )
    with pytest.raises(CatalogError) as err:
        pofile.parse(text, "two-headers.po")
    assert str(err.value) == (
        'two-headers.po line 4: the file has two headers (msgid ""), one here; keep one and '
        "run again"
    )


@fuzz("po file bytes")
@given(mutated((*PO_SEEDS, LONG_PO), PO_TOKENS) | st.binary(max_size=500))
def test_po_files_read_or_fail_with_the_file_name(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("po") / "fuzz.po"
    path.write_bytes(data)
    try:
        pofile.read(path, "locales/fa/LC_MESSAGES/fuzz.po")
    except CatalogError as exc:
        assert str(exc).startswith("locales/fa/LC_MESSAGES/fuzz.po")


# -- TBX and CSV glossaries ----------------------------------------------------------------------


def _glossary_excerpt(n: int) -> bytes:
    full = tbx.loads((REPO / "glossary" / "glossary.tbx").read_bytes(), "glossary/glossary.tbx")
    return tbx.dumps(Glossary(list(full)[:n]), "en")


EXCHANGE = REPO / "tests" / "data" / "exchange"
TBX_SEEDS = (
    _glossary_excerpt(6),
    _glossary_excerpt(20),
    (REPO / "tests" / "data" / "glossary" / "other-tools.tbx").read_bytes(),
    *(
        (EXCHANGE / "tbx" / name).read_bytes()
        for name in (
            "tbx-v3-basic.tbx",
            "tbx-v3-basic-dct.tbx",
            "tbx-v3-min-dct.tbx",
            "tbx2008-iate.tbx",
            "tbx2008-pontoon-import.tbx",
            "tbx2008-weblate-ns.tbx",
        )
    ),
)
FULL_TBX = (REPO / "glossary" / "glossary.tbx").read_bytes()


def tbx_or_refuse(data: bytes) -> None:
    """Read *data* as the canonical file and as an import; an accepted glossary round-trips.

    The import is the more lenient (it takes a second preferred term as
    admitted): whatever the canonical reading accepts, it accepts the same.
    """
    try:
        strict = tbx.loads(data, "fuzz.tbx")
    except GlossaryError as exc:
        assert str(exc).startswith("fuzz.tbx")
        strict = None
    try:
        imported = located(tbx.read(data, "fuzz.tbx"), "fuzz.tbx")
    except GlossaryError as exc:
        assert str(exc).startswith("fuzz.tbx")
        imported = None
    if strict is not None:
        assert imported is not None and list(strict) == list(imported)
    if imported is not None:
        for version in tbx.VERSIONS:
            again = tbx.dumps(imported, "en", version)
            assert list(tbx.loads(again, "again.tbx")) == list(imported)


@fuzz("tbx bytes")
@given(st.lists(st.sampled_from(XML_TOKENS) | st.binary(max_size=6), max_size=40).map(b"".join))
def test_any_bytes_read_as_tbx_or_fail_cleanly(data):
    tbx_or_refuse(data)


@fuzz("tbx mutated")
@given(mutated(TBX_SEEDS, XML_TOKENS))
def test_mutated_glossaries_read_alike_both_ways_or_fail_cleanly(data):
    tbx_or_refuse(data)


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9, 0.999])
def test_the_whole_glossary_cut_short_fails_cleanly(cut):
    tbx_or_refuse(FULL_TBX[: int(len(FULL_TBX) * cut)])


def _csv_export() -> bytes:
    glossary = tbx.loads(TBX_SEEDS[1], "glossary/glossary.tbx")
    return termcsv.dumps(glossary, "en", ("en", "fa"))


CSV_SEEDS = (
    _csv_export(),
    (REPO / "tests" / "data" / "glossary" / "simple.csv").read_bytes(),
    (REPO / "tests" / "data" / "glossary" / "excel-bom-semicolon.csv").read_bytes(),
    *(
        (EXCHANGE / "csv" / name).read_bytes()
        for name in (
            "weblate-context.csv",
            "weblate-export-legacy.csv",
            "spreadsheet-language-names.csv",
            "formulas.csv",
        )
    ),
)


def csv_or_refuse(data: bytes) -> None:
    try:
        incoming = termcsv.read(data, "fuzz.csv", "en", "fa")
        glossary = located(incoming, "fuzz.csv")
    except WorkbenchError as exc:
        assert str(exc).startswith("fuzz.csv") or "language" in str(exc)
        return
    # What is exported comes back: every cell neutralised, then restored.
    back = located(termcsv.read(termcsv.dumps(glossary, "en"), "again.csv", "en"), "again.csv")
    assert [[(t.language, t.text) for t in c.terms] for c in back] == [
        [(t.language, t.text) for t in c.terms] for c in glossary
    ]


@fuzz("csv bytes")
@given(st.lists(st.sampled_from(CSV_TOKENS) | st.binary(max_size=6), max_size=60).map(b"".join))
def test_any_bytes_read_as_csv_or_fail_cleanly(data):
    csv_or_refuse(data)


@fuzz("csv mutated")
@given(mutated(CSV_SEEDS, CSV_TOKENS))
def test_mutated_csv_exports_read_or_fail_cleanly(data):
    csv_or_refuse(data)


# -- TMX -------------------------------------------------------------------------------------------

TMX_UNITS = [
    ("All power to the councils!", "همه‌ی قدرت به شوراها!"),
    ("Wages < 4,000 toman & rising", "دستمزد < ۴٬۰۰۰ تومان و رو به افزایش"),
    ("He said: \"strike\" & 'occupy'", "گفت: «اعتصاب» و «اشغال»"),
    ("Two lines\r\nin one unit", "دو سطر\nدر یک واحد"),
]


def _written_tmx(tmp: Path) -> bytes:
    path = tmp / "written.tmx"
    tmx.write(path, TMX_UNITS, "en", "fa")
    return path.read_bytes()


@pytest.fixture(scope="module")
def tmx_seeds(tmp_path_factory) -> tuple[bytes, ...]:
    data = REPO / "tests" / "data" / "tmx"
    return (
        _written_tmx(tmp_path_factory.mktemp("tmx")),
        (data / "inline-codes.tmx").read_bytes(),
        (data / "tmx11-lang-attribute.tmx").read_bytes(),
        (EXCHANGE / "tmx" / "okapi-inline.tmx").read_bytes(),
        (EXCHANGE / "tmx" / "omegat-project-save.tmx").read_bytes(),
    )


def tmx_or_refuse(data: bytes) -> None:
    """Read *data*; accepted units, with their codes and metadata, must write back the same."""
    try:
        units = list(tmx.Reader.from_bytes(data, "en", "fa", "fuzz.tmx").tmx_units())
    except TranslationMemoryError as exc:
        assert str(exc).startswith("fuzz.tmx")
        return
    assert all(u.source.strip() and u.target.strip() for u in units)
    for unit in units:
        placeholders(unit.extra.source_markup)
        assert Extra.loads(unit.extra.dumps()) == unit.extra


TMX_NESTING = [
    b"<tmx><body><tu><tuv xml:lang='en'><seg><seg>a</seg></seg></tuv></tu></body></tmx>",
    b"<tmx><body><tu><tuv xml:lang='en'><seg>a</seg><tu/></tuv></tu></body></tmx>",
    b"<tmx><body><tu><tuv xml:lang='en'><seg>a<tuv xml:lang='fa'/></seg></tuv></tu></body></tmx>",
    b"<tmx><body><tu><tu><tuv xml:lang='en'><seg>a</seg></tuv></tu></tu></body></tmx>",
    b"<?xml version='1.0' encoding='utf-7'?><tmx/>",
    b"<?xml version='1.0' encoding='no-such-codec'?><tmx/>",
]


@fuzz("tmx bytes")
@given(st.lists(st.sampled_from(XML_TOKENS) | st.binary(max_size=6), max_size=40).map(b"".join))
def test_any_bytes_read_as_tmx_or_fail_cleanly(data):
    tmx_or_refuse(data)


@pytest.mark.parametrize("data", TMX_NESTING, ids=lambda d: d.decode()[:70])
def test_misnested_tmx_elements_and_odd_encodings_fail_cleanly(data):
    with pytest.raises(TranslationMemoryError) as err:
        list(tmx.Reader.from_bytes(data, "en", "fa", "odd.tmx"))
    assert str(err.value).startswith("odd.tmx")


@pytest.mark.parametrize("data", TMX_NESTING[-2:], ids=["utf-7", "unknown"])
def test_a_glossary_in_an_encoding_expat_cannot_read_fails_cleanly(data):
    doc = data.replace(b"<tmx/>", b"<martif><text><body/></text></martif>")
    for read in (tbx.loads, tbx.read):
        with pytest.raises(GlossaryError) as err:
            read(doc, "odd.tbx")
        assert str(err.value).startswith("odd.tbx line 1: ")


@fuzz("tmx mutated")
@given(st.data())
def test_mutated_tmx_files_read_or_fail_cleanly(tmx_seeds, data):
    tmx_or_refuse(data.draw(mutated(tmx_seeds, XML_TOKENS)))


@fuzz("tmx file")
@given(st.data())
def test_tmx_files_stream_or_fail_with_the_file_name(tmp_path_factory, tmx_seeds, data):
    path = tmp_path_factory.mktemp("tmx") / "fuzz.tmx"
    path.write_bytes(data.draw(mutated(tmx_seeds, XML_TOKENS)))
    try:
        pairs = list(tmx.read(path, "en", "fa"))
    except TranslationMemoryError as exc:
        assert str(exc).startswith(str(path))
        return
    again = path.with_name("again.tmx")
    tmx.write(again, pairs, "en", "fa")
    assert list(tmx.read(again, "en", "fa")) == pairs


# -- XLIFF -----------------------------------------------------------------------------------------

XLIFF_SEEDS = tuple(
    (EXCHANGE / "xliff" / name).read_bytes()
    for name in (
        "returned-omegat-1.2.xlf",
        "returned-memoq-1.2.xlf",
        "returned-matecat-1.2.xlf",
        "returned-2.0.xlf",
        "xliff-2.0.xlf",
        "review-1.2.xlf",
    )
)


def xliff_or_refuse(data: bytes) -> None:
    """Read *data* as XLIFF 1.2 or 2.0; a refusal is one XliffError naming the file."""
    try:
        doc = xliff_service.read(data, "fuzz.xlf")
    except XliffError as exc:
        assert str(exc).startswith("fuzz.xlf")
        return
    for unit in doc.units:
        assert unit.status in ("untranslated", "fuzzy", "translated", "reviewed")
        assert unit.target is None or "\x00" not in unit.target


@fuzz("xliff bytes")
@given(st.lists(st.sampled_from(XML_TOKENS) | st.binary(max_size=6), max_size=40).map(b"".join))
def test_any_bytes_read_as_xliff_or_fail_cleanly(data):
    xliff_or_refuse(data)


@fuzz("xliff mutated")
@given(mutated(XLIFF_SEEDS, XML_TOKENS))
def test_mutated_xliff_files_read_or_fail_cleanly(data):
    xliff_or_refuse(data)


# -- imports change nothing when they refuse ------------------------------------------------------


@pytest.fixture(scope="module")
def import_project(tmp_path_factory) -> Project:
    project = make_web_project(tmp_path_factory.mktemp("fuzz-import") / "project")
    tmx.import_tmx(project.root, REPO / "tests" / "data" / "tmx" / "inline-codes.tmx", "en", "fa")
    return project


def everything(root: Path) -> dict[str, bytes]:
    """Return every file of the project, the per-install folder included, but lock files."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "locks" not in p.relative_to(root).parts
    }


@fuzz("glossary import")
@given(st.sampled_from(("csv", "tbx")), st.data())
def test_a_refused_glossary_import_changes_no_file(import_project, tmp_path_factory, kind, data):
    seeds, tokens = (CSV_SEEDS, CSV_TOKENS) if kind == "csv" else (TBX_SEEDS, XML_TOKENS)
    incoming = data.draw(mutated(seeds, tokens))
    path = tmp_path_factory.mktemp("import") / f"incoming.{kind}"
    path.write_bytes(incoming)
    glossary = glossary_store.glossary_path(import_project)
    original = glossary.read_bytes()
    before = snapshot(import_project.root)
    try:
        glossary_io.import_file(import_project, path)
    except WorkbenchError:
        assert snapshot(import_project.root) == before
    else:
        glossary_store.load(import_project)  # what an import wrote reads back
    finally:
        glossary.write_bytes(original)


@fuzz("memory import")
@given(st.data())
def test_a_refused_memory_import_changes_no_file(import_project, tmp_path_factory, tmx_seeds, data):
    incoming = data.draw(mutated(tmx_seeds, XML_TOKENS))
    path = tmp_path_factory.mktemp("import") / "incoming.tmx"
    path.write_bytes(incoming)
    before = everything(import_project.root)
    try:
        tmx.import_tmx(import_project.root, path, "en", "fa", name="fuzz")
    except TranslationMemoryError:
        assert everything(import_project.root) == before
    finally:
        for left in (import_project.root / "locales" / "memory").glob("fuzz.tmx"):
            left.unlink()
            tmx.sync_imports(import_project.root, "en", "fa")


def test_update_refuses_a_broken_catalog_and_leaves_every_file_as_it_was(web_project, run):
    po = web_project.catalog_path("fa", "khuzestan-vanguard-headlines")
    po.write_bytes(po.read_bytes().replace(b'msgstr ""', b'msgstr "\\q', 1))
    before = snapshot(web_project.root)
    result = run(web_project, "update")
    assert result.exit_code == 1
    assert result.output.startswith(
        "Error: locales/fa/LC_MESSAGES/khuzestan-vanguard-headlines.po line "
    )
    assert result.output.count("\n") == 1
    assert snapshot(web_project.root) == before


# -- form posts ------------------------------------------------------------------------------------

STATEMENT = "khuzestan-vanguard-headlines"
FIELD_NAMES = (
    "msgstr", "status", "revision", "action", "filter", "q", "check", "reason", "undo", "which",
    "id", "definition", "subject", "note", "term-0-text", "term-0-lang", "term-0-status",
    "term-0-pos", "term-0-case", "term-0-remove", "term-0-treatment", "term-1-text",
    "term-199-text", "name", "role", "password", "code", "pseudonym", "ui", "next",
)  # fmt: skip
FIELD_VALUES = (
    "", "translated", "reviewed", "fuzzy", "untranslated", "next", "save", "old", "new", "1",
    "add", "role", "remove", "admin", "translator", "en", "fa", "de", "ckb", "../../etc",
    "glossary", "glossary\nmsgstr \"x\"", "preferred", "forbidden", "keep", "noun", "x" * 9,
    "شورا", "\u200c", "\u2028", "a\rb", "\x00", "\x7f", "%FF", "<script>", "leyla", "role-probe",
    "/\t/evil.example", "0" * 12,
)  # fmt: skip
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@pytest.fixture(scope="module")
def posting(tmp_path_factory):
    """A served project and one logged-in client per role, with their session cookies."""
    from workbench.web import create_app

    project = make_web_project(tmp_path_factory.mktemp("fuzz-posts") / "project")
    glossary_store.modify(
        project,
        lambda g: g.add(gl.Concept(id="role-probe", terms=(gl.Term("role probe", "en"),))),
    )
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(project.root)})
    clients = {}
    for name in ("leyla", "dariush", "azadeh"):
        client = log_in(app, name)
        token = csrf_token(client.get("/").get_data(as_text=True))
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
        clients[name] = (client, token, cookie)
    entry = pofile.read(project.catalog_path("fa", STATEMENT)).entries[0]
    from workbench.catalogs.rows import unit_key

    args = {
        "lang": "fa",
        "statement": STATEMENT,
        "key": unit_key(entry.msgid, entry.msgctxt),
        "concept_id": "role-probe",
        "change_id": 1,
    }
    urls = []
    # Every route that takes a post, from the app itself: one added later is fuzzed too.
    for rule in sorted(r.rule for r in app.url_map.iter_rules() if "POST" in r.methods):
        url = rule
        for name, value in args.items():
            url = url.replace(f"<{name}>", quote(str(value), safe="")).replace(
                f"<int:{name}>", str(value)
            )
        urls.append(url)
    yield app, project, clients, urls
    app.extensions["workbench"].close()


def _restore_users(project: Project) -> None:
    # A fuzzed admin post may remove or demote anyone: put the three back.
    db = sqlite3.connect(project.instance_dir / "users.sqlite")
    with db:
        have = dict(db.execute("SELECT folded, role FROM users"))
    db.close()
    users = Users(project.instance_dir / "users.sqlite")
    for name, role in ROLES.items():
        if name not in have:
            users.add(name, role, PASSWORDS[name])
        elif have[name] != role:
            users.set_role(name, role)


def _logged_in(posting, who: str):
    """Return *who*'s client, logged in again if a fuzzed post logged it out, and its token."""
    app, _, clients, _ = posting
    client, token, cookie = clients[who]
    if app.extensions["workbench"].users.sessions.open(cookie) is None:
        # Logging out ends the session on the server too: log in again.
        client = log_in(app, who)
        token = csrf_token(client.get("/").get_data(as_text=True))
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
        clients[who] = (client, token, cookie)
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    return client, token


def _post_and_check(posting, who: str, url: str, send) -> None:
    project = posting[1]
    client, token = _logged_in(posting, who)
    before = snapshot(project.root)
    response = send(client, token)
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code >= 400:
        assert snapshot(project.root) == before, (url, response.status_code)
        if response.mimetype == "text/html":
            assert (
                f'<small class="error-code">({response.status_code})</small>'
                in response.get_data(as_text=True)
                or ('class="flash error"' in response.get_data(as_text=True))
            )
    for path in project.locales_dir.rglob("*.po"):
        pofile.read(path)  # every catalog still reads
    glossary_store.load(project)
    _restore_users(project)


@fuzz("form fields")
@given(
    st.sampled_from(("leyla", "dariush", "azadeh")),
    st.integers(0, 100),
    st.dictionaries(
        st.sampled_from(FIELD_NAMES) | TEXT,
        st.sampled_from(FIELD_VALUES) | TEXT,
        max_size=10,
    ),
    st.booleans(),
)
def test_form_posts_with_any_fields_answer_below_500_and_refusals_write_nothing(
    posting, who, route, fields, as_json
):
    urls = posting[3]
    url = urls[route % len(urls)]
    headers = {"Accept": "application/json"} if as_json else {}

    def send(client, token):
        return client.post(url, data={**fields, "csrf_token": token}, headers=headers)

    _post_and_check(posting, who, url, send)


CONTENT_TYPES = (
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=no-such-charset",
    "multipart/form-data; boundary=b",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "application/json",
    "text/plain",
    "",
)


@fuzz("form bodies")
@given(
    st.sampled_from(("leyla", "azadeh")),
    st.integers(0, 100),
    st.sampled_from(CONTENT_TYPES),
    st.lists(
        st.sampled_from(
            (
                b"msgstr=",
                b"status=translated",
                b"&",
                b"=",
                b"%",
                b"%FF",
                b"%E2%80",
                b"+",
                b"--b",
                b"\r\n",
                b'Content-Disposition: form-data; name="msgstr"',
                b"\r\n\r\n",
                b"--b--",
                b'{"msgstr": 1}',
                b"csrf_token=",
                b"\x00",
                b"\xff\xfe",
            )  # fmt: skip
        )
        | st.binary(max_size=8),
        max_size=30,
    ).map(b"".join),
)
def test_form_posts_with_any_body_answer_below_500_and_refusals_write_nothing(
    posting, who, route, content_type, body
):
    urls = posting[3]
    url = urls[route % len(urls)]

    def send(client, token):
        # The token travels in the header, as the editor's script sends it, so the
        # body reaches the views however broken it is.
        return client.post(
            url, data=body, content_type=content_type, headers={"X-CSRFToken": token}
        )

    _post_and_check(posting, who, url, send)


@fuzz("dismiss")
@given(TEXT | st.sampled_from(FIELD_VALUES), TEXT | st.sampled_from(FIELD_VALUES), st.booleans())
@example('glossary\nmsgstr "x"', "a reason", False)
@example("glossary", "a\x00b \x1b c", False)
def test_a_dismissal_with_any_check_name_and_reason_keeps_the_catalog_valid(
    posting, check, reason, undo
):
    _, project, _, urls = posting
    url = next(u for u in urls if u.endswith("/dismiss"))
    form = {"check": check, "reason": reason, "undo": "1" if undo else ""}

    def send(client, token):
        return client.post(url, data={**form, "csrf_token": token})

    _post_and_check(posting, "leyla", url, send)
    done = msgfmt_check(project.catalog_path("fa", STATEMENT))
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "path",
    [
        f"/translate/fa/{STATEMENT}/history/{10**30}/restore",
        f"/translate/fa/{STATEMENT}/history/{2**63}/restore",
        f"/translate/fa/{STATEMENT}/history/0/restore",
        f"/translate/fa/{STATEMENT}/history/-1/restore",
    ],
    ids=["10**30", "2**63", "0", "-1"],
)
def test_a_change_number_out_of_range_is_a_404(posting, path):
    client, token = _logged_in(posting, "leyla")
    response = client.post(path, data={"csrf_token": token, "which": "old"})
    assert response.status_code == 404
    assert '<small class="error-code">(404)</small>' in response.get_data(as_text=True)


@pytest.mark.parametrize("page", [str(10**30), "-" + "9" * 5000, "١٢", "1e9", "\u0663"])
def test_any_page_number_shows_a_page(posting, page):
    client, _ = _logged_in(posting, "leyla")
    response = client.get(f"/translate/fa/{STATEMENT}/", query_string={"page": page})
    assert response.status_code == 200
