"""Hostile XML costs little: deep nesting, huge attributes and texts are refused early."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.glossary import tbx
from workbench.memory import tmx
from workbench.util.xmlguard import MAX_ATTRIBUTE, MAX_DEPTH, MAX_TEXT, PLAIN_MOST, plain_tree
from workbench.xliff import service as xliff_service

LEVELS = 2_000_000


def read_tbx(data: bytes) -> None:
    tbx.read(data, "x.tbx")


def read_tmx(data: bytes) -> None:
    list(tmx.Reader.from_bytes(data, "en", "fa", "x.tmx"))


def read_xliff(data: bytes) -> None:
    xliff_service.read(data, "x.xlf")


READERS = {
    "tbx": (read_tbx, b"<martif><text><body>", "x.tbx"),
    "tmx": (read_tmx, b"<tmx><body>", "x.tmx"),
    "xliff": (read_xliff, b'<xliff version="1.2"><file><body>', "x.xlf"),
}


@pytest.mark.parametrize("kind", READERS)
def test_two_million_nested_elements_are_refused_at_the_limit(kind):
    read, head, name = READERS[kind]
    data = head + b"<a>" * LEVELS + b"</a>" * LEVELS
    with pytest.raises(WorkbenchError) as err:
        read(data)
    assert str(err.value) == (
        f"{name} line 1: elements nest deeper than {MAX_DEPTH} levels (at <a>); "
        "no exchange file needs that many"
    )


@pytest.mark.parametrize("kind", READERS)
def test_a_huge_attribute_is_refused_before_it_is_read_whole(kind):
    read, head, name = READERS[kind]
    data = head + b'<a b="' + b"x" * (40 * 1024 * 1024) + b'"/>'
    with pytest.raises(WorkbenchError) as err:
        read(data)
    assert str(err.value) == (
        f"{name} line 1: one tag, comment or declaration runs past 196,608 bytes; an "
        f"attribute may hold up to {MAX_ATTRIBUTE:,} characters"
    )


@pytest.mark.parametrize("kind", READERS)
def test_an_attribute_over_the_limit_is_named(kind):
    read, head, name = READERS[kind]
    data = head + b'<a b="' + b"x" * (MAX_ATTRIBUTE + 1) + b'"/>'
    with pytest.raises(WorkbenchError) as err:
        read(data)
    assert str(err.value) == (
        f'{name} line 1: the attribute "b" of <a> is {MAX_ATTRIBUTE + 1:,} characters long; '
        f"the limit is {MAX_ATTRIBUTE:,}"
    )


@pytest.mark.parametrize("kind", READERS)
def test_a_huge_text_is_refused(kind):
    read, head, name = READERS[kind]
    data = head + b"<a>" + b"x" * (MAX_TEXT + 10) + b"</a>"
    with pytest.raises(WorkbenchError) as err:
        read(data)
    assert str(err.value) == (
        f"{name} line 1: a text runs to more than {MAX_TEXT:,} characters without a tag; "
        "no exchange file needs that much in one place"
    )


# -- a plain document, read in C: the same limits, measured on its tree ------------


def plain_glossary(inner: bytes) -> bytes:
    """A well-formed TBX 2008 glossary, as the workbench writes one, with *inner* in its body."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en">\n'
        b"<text><body>\n" + inner + b"\n</body></text></martif>\n"
    )


def nested(levels: int) -> bytes:
    return b"<a>" * levels + b"</a>" * levels


def test_a_plain_document_nested_to_the_limit_is_read_in_c_and_one_level_more_is_not():
    # martif, text and body are the first three levels.
    assert plain_tree(plain_glossary(nested(MAX_DEPTH - 3))) is not None
    assert plain_tree(plain_glossary(nested(MAX_DEPTH - 2))) is None


def test_a_plain_glossary_nested_too_deep_is_refused_as_the_guarded_reader_refuses_it():
    with pytest.raises(WorkbenchError) as err:
        tbx.loads(plain_glossary(nested(MAX_DEPTH - 2)), "glossary.tbx")
    assert str(err.value) == (
        f"glossary.tbx line 4: elements nest deeper than {MAX_DEPTH} levels (at <a>); "
        "no exchange file needs that many"
    )


@pytest.mark.parametrize("quote", [b'"', b"'"])
def test_a_plain_document_with_an_attribute_over_the_limit_is_read_guarded(quote):
    at_limit = plain_glossary(b"<a b=" + quote + b"x" * MAX_ATTRIBUTE + quote + b"/>")
    over = plain_glossary(b"<a b=" + quote + b"x" * (MAX_ATTRIBUTE + 1) + quote + b"/>")
    assert plain_tree(at_limit) is not None
    assert plain_tree(over) is None
    with pytest.raises(WorkbenchError) as err:
        tbx.loads(over, "glossary.tbx")
    assert str(err.value) == (
        f'glossary.tbx line 4: the attribute "b" of <a> is {MAX_ATTRIBUTE + 1:,} characters '
        f"long; the limit is {MAX_ATTRIBUTE:,}"
    )


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">' + plain_glossary(b""),
        plain_glossary(b"").replace(b"<martif ", b'<martif xmlns:x="urn:x" '),
        plain_glossary(b"<a>unclosed"),
        plain_glossary(b"<p>" + b"x" * PLAIN_MOST + b"</p>"),
    ],
    ids=["a document type", "a namespace", "not well-formed", "too large"],
)
def test_a_document_that_is_not_plain_is_left_to_the_guarded_parser(data):
    assert plain_tree(data) is None
