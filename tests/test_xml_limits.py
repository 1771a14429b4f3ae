"""Hostile XML costs little: deep nesting, huge attributes and texts are refused early."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.glossary import tbx
from workbench.memory import tmx
from workbench.util.xmlguard import MAX_ATTRIBUTE, MAX_DEPTH, MAX_TEXT
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
