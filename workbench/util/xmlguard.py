"""XML read with limits: nesting depth, the size of one attribute and of one text.

Every exchange format (TBX, TMX, XLIFF) is read through expat. Left alone,
expat makes a file of a few megabytes expensive: a document nested two
million levels deep builds a tree of gigabytes, and expat 2.5 (the one
Python ships here) scans an unfinished token again from its start each time
more data is fed, so one attribute of 100 MB fed in 64 KiB pieces costs
minutes. :class:`GuardedParser` refuses such a file early, in time linear in
its size:

- elements nested deeper than :data:`MAX_DEPTH`;
- an attribute value longer than :data:`MAX_ATTRIBUTE` characters;
- a text (the characters between two tags) longer than :data:`MAX_TEXT`;
- a single token (a tag, a comment, a declaration) that has not ended after
  :data:`MAX_TOKEN` bytes, which bounds the rescanning;
- any entity declaration (no "billion laughs"); external DTDs and entities
  are never fetched.

A refusal raises :class:`Refused` with a one-line reason and the line; the
format module turns it into its own error naming the file, as
:func:`refused_as` does for a whole document.

:func:`plain_tree` reads a plain document (no document type, no namespace
declared, at most :data:`PLAIN_MOST` bytes) in C, in one call, for about half
the guarded parser's cost. The nesting and the attributes are measured on the
tree it built; no text can outgrow its limit in so small a document, and a
long token costs nothing more when nothing is fed again (a comment over
:data:`MAX_TOKEN` is read, where the guarded parser refuses it). It knows no
lines: a reader that finds a problem in it reads the document again through
:class:`GuardedParser` to name the line.
"""

from __future__ import annotations

import contextlib
import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any, NoReturn
from xml.parsers import expat

#: Deepest nesting of elements accepted (TBX needs 8, XLIFF with inline codes about 20).
MAX_DEPTH = 100
#: Longest attribute value accepted, in characters.
MAX_ATTRIBUTE = 64 * 1024
#: Longest text between two tags accepted, in characters.
MAX_TEXT = 4 * 1024 * 1024
#: Longest single token (tag with its attributes, comment, declaration), in bytes.
MAX_TOKEN = 2 * MAX_ATTRIBUTE + 64 * 1024
#: Bytes handed to expat at once.
PIECE = 1 << 16
#: Largest document :func:`plain_tree` reads: no text in it can be longer than MAX_TEXT.
PLAIN_MOST = MAX_TEXT


class Refused(Exception):
    """The document exceeds a limit or declares an entity."""

    def __init__(self, reason: str, line: int | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class GuardedParser:
    """An expat parser whose handlers are checked against the limits.

    *start*, *end* and *data* are the element and text handlers (as expat's);
    *comment* optionally receives comments. With *namespaces*, names come as
    ``uri}local`` (expat's form with ``}`` as separator).
    """

    def __init__(
        self,
        start: Callable[[str, dict[str, str]], Any],
        end: Callable[[str], Any],
        data: Callable[[str], Any],
        *,
        namespaces: bool = False,
        comment: Callable[[str], Any] | None = None,
        max_depth: int = MAX_DEPTH,
        max_attribute: int = MAX_ATTRIBUTE,
        max_text: int = MAX_TEXT,
    ) -> None:
        parser = expat.ParserCreate(namespace_separator="}" if namespaces else None)
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser = parser
        self.depth = 0
        self._events = 0
        self._waiting = 0
        self._run = 0  # characters of text since the last tag
        self._max_depth = max_depth
        self._max_attribute = max_attribute
        self._max_text = max_text

        def on_start(tag: str, attrs: dict[str, str]) -> None:
            self._events += 1
            self._run = 0
            self.depth += 1
            if self.depth > max_depth:
                self._refuse(
                    f"elements nest deeper than {max_depth} levels (at <{_local(tag)}>); "
                    "no exchange file needs that many"
                )
            # Most elements have no attribute or a short one: measure them all at once.
            if attrs and max(map(len, attrs.values())) > max_attribute:
                key, value = next((k, v) for k, v in attrs.items() if len(v) > max_attribute)
                self._refuse(
                    f'the attribute "{_local(key)}" of <{_local(tag)}> is '
                    f"{len(value):,} characters long; the limit is {max_attribute:,}"
                )
            start(tag, attrs)

        def on_end(tag: str) -> None:
            self._events += 1
            self._run = 0
            self.depth -= 1
            end(tag)

        def on_data(text: str) -> None:
            self._events += 1
            self._run += len(text)
            if self._run > max_text:
                self._refuse(
                    f"a text runs to more than {max_text:,} characters without a tag; "
                    "no exchange file needs that much in one place"
                )
            data(text)

        def on_other(*_: object) -> None:
            self._events += 1

        def on_comment(text: str) -> None:
            self._events += 1
            if comment is not None:
                comment(text)

        def on_entity(name: str, *_: object) -> None:
            self._refuse(
                "the document declares XML entities (<!ENTITY ...>), which an exchange file "
                "never needs and which can make a reader run out of memory; remove the "
                "declarations"
            )

        parser.StartElementHandler = on_start
        parser.EndElementHandler = on_end
        parser.CharacterDataHandler = on_data
        parser.CommentHandler = on_comment
        parser.ProcessingInstructionHandler = on_other
        parser.StartDoctypeDeclHandler = on_other
        parser.EndDoctypeDeclHandler = on_other
        parser.XmlDeclHandler = on_other
        parser.EntityDeclHandler = on_entity
        parser.UnparsedEntityDeclHandler = on_entity

    @property
    def line(self) -> int:
        return self.parser.CurrentLineNumber

    def _refuse(self, reason: str) -> NoReturn:
        raise Refused(reason, self.parser.CurrentLineNumber)

    def feed(self, data: bytes, final: bool = False) -> None:
        """Parse *data*, in pieces, refusing a token that grows past :data:`MAX_TOKEN`.

        Raises :class:`Refused`, or expat's ExpatError for a document that is
        not well-formed.
        """
        view = memoryview(data)
        for at in range(0, len(view), PIECE):
            before = self._events
            piece = view[at : at + PIECE]
            self.parser.Parse(bytes(piece), False)
            # Bytes fed since the last event, across calls: a stream comes in pieces.
            self._waiting = self._waiting + len(piece) if self._events == before else 0
            if self._waiting > MAX_TOKEN:
                self._refuse(
                    f"one tag, comment or declaration runs past {MAX_TOKEN:,} bytes; "
                    f"an attribute may hold up to {self._max_attribute:,} characters"
                )
        if final:
            self.parser.Parse(b"", True)


@contextlib.contextmanager
def refused_as(
    error: Callable[[str, int | None], Exception], broken: str, encoding: str
) -> Iterator[None]:
    """Turn what :meth:`GuardedParser.feed` raises in the block into *error(reason, line)*.

    *broken* is the advice for a document that is not well-formed, *encoding*
    for one whose declared encoding expat cannot read.
    """
    try:
        yield
    except Refused as exc:
        raise error(exc.reason, exc.line) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise error(
            f"not well-formed XML ({reason} at column {exc.offset + 1}); {broken}", exc.lineno
        ) from None
    except (ValueError, LookupError) as exc:
        # expat reads single-byte encodings only; Python's codecs say so with these.
        raise error(
            f"the XML declaration names an encoding that cannot be read here ({exc}); {encoding}",
            1,
        ) from None


def plain_tree(data: bytes) -> ET.Element | None:
    """Return the tree of a plain document, parsed in C; None where it must be read guarded.

    Plain: at most :data:`PLAIN_MOST` bytes, no document type (so no entity
    can be declared) and no namespace declared. Parsed in one call, such a
    document cannot make expat scan a token again, nor hold a text longer
    than :data:`MAX_TEXT`. No attribute can be longer than
    :data:`MAX_ATTRIBUTE` if no run of that many bytes without a ``<`` lies
    between two quotes; the nesting is measured on the tree. None too for a document
    that is not well-formed: the guarded parser says where. Names are
    ElementTree's (``{uri}local`` for ``xml:``).
    """
    if len(data) > PLAIN_MOST or b"<!DOCTYPE" in data or b"<!ENTITY" in data or b"xmlns" in data:
        return None
    if len(data) > MAX_ATTRIBUTE and any(b"<" not in run for run in _long_quoted(data)):
        return None
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, ValueError, LookupError):
        return None
    # Only elements with children can lead deeper: the leaves are not visited.
    stack = [(root, 1)]
    push, pop = stack.append, stack.pop
    while stack:
        elem, depth = pop()
        if depth >= MAX_DEPTH:
            return None  # its children are deeper than the limit
        for child in elem:
            if len(child):
                push((child, depth + 1))
    return root


def not_xml(text: str) -> str | None:
    """Return the first character of *text* XML 1.0 cannot carry, even as a reference, or None.

    C0 controls but tab, line feed and carriage return; lone surrogates;
    U+FFFE and U+FFFF. A writer refuses such a text: its file would not parse.
    """
    found = _not_xml().search(text)
    return found.group() if found else None


# Compiled when a file is first written, not at every start.
@functools.cache
def _not_xml() -> re.Pattern[str]:
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _long_quoted(data: bytes) -> list[bytes]:
    """Return the runs between two quotes of one kind longer than an attribute may be.

    An attribute over the limit is one of them; one that holds a ``<`` is
    not an attribute (XML allows none in one).
    """
    return [run for quote in (b'"', b"'") for run in data.split(quote) if len(run) > MAX_ATTRIBUTE]


def _local(name: str) -> str:
    return name.rpartition("}")[2]
