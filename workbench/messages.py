"""Messages for people: an English template and its parameters, rendered where they are shown.

The core says what it found or what went wrong as a :class:`Message`: a
template with named parameters (``%(name)s``), marked for translation with
:func:`N_` (or :func:`NP_` when the wording depends on a count). The
command line prints it in English (``str(message)``); the web form looks
the template up in its own catalog and renders the parameters in the
interface's language through a :class:`Renderer`: numbers in its digits,
words translated, and every piece of text that comes from a statement, a
translation or a person kept apart, with its own language, so that a page
can isolate it (``<bdi>``).

Parameters are typed by what they hold:

- :class:`Source`, :class:`Target`: text in the source or target language;
- :class:`Data` (or a plain ``str``): text of no known language (a link, a
  name, a check's name);
- :class:`Word`: one of the interface's own words, marked with :func:`N_`;
- :class:`Number`, ``int``: a number, written in the reader's digits;
- :class:`LanguageName`: a language, named in the reader's language;
- :class:`Listing`: several of the above, joined;
- a :class:`Message`: a part of a message.

Nothing here translates and nothing imports a translation library: the
extraction of the interface's catalog finds the marked templates
(``pybabel extract -k NP_:1,2``; README, Development).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

#: What a piece of a rendered message is: the reader's language (None), or isolated text.
SOURCE, TARGET, DATA = "source", "target", "data"

Piece = tuple[str, str | None]


def N_(message: str) -> str:
    """Mark *message* for translation where it is shown (gettext_noop).

    >>> N_("the translation is a draft")
    'the translation is a draft'
    """
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message whose wording depends on a count (ngettext_noop)."""
    return singular, plural


class Source(str):
    """Text in the source language, from a statement."""

    __slots__ = ()


class Target(str):
    """Text in the target language, from a translation."""

    __slots__ = ()


class Data(str):
    """Text of no known language: a link, a name, an id, a file."""

    __slots__ = ()


class Word(str):
    """One of the interface's own words (marked with :func:`N_`), translated where shown."""

    __slots__ = ()


@dataclass(frozen=True)
class Number:
    """A number, written with *places* decimals in the reader's digits."""

    value: float
    places: int = 0


@dataclass(frozen=True)
class LanguageName:
    """A language, named in the reader's language (*english* for the command line)."""

    code: str
    english: str


_ITEM = "%(item)s"


@dataclass(frozen=True)
class Listing:
    """Several parameters, each put into *item* and joined with *separator*.

    Both are marked with :func:`N_` where they are made, so a language can
    quote and join in its own way.
    """

    items: tuple[object, ...]
    separator: str = ", "
    item: str = _ITEM


class Renderer(Protocol):
    """What renders a message in one language."""

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...

    def number(self, value: float, places: int) -> str: ...

    def language(self, code: str, english: str) -> str: ...


class English:
    """The messages as written: the command line's and the scripts' language."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def number(self, value: float, places: int) -> str:
        return f"{value:.{places}f}" if places else str(int(value))

    def language(self, code: str, english: str) -> str:
        return english


ENGLISH = English()

_FIELD = re.compile(r"%\((\w+)\)s|%%")


@dataclass(frozen=True)
class Message:
    """A message: its English template, and the parameters the template names."""

    template: str
    params: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    count: int | None = None

    @classmethod
    def of(cls, template: str | tuple[str, str], /, count: int | None = None, **params) -> Message:
        """Return the message of *template* (a pair from :func:`NP_` chooses by *count*).

        >>> str(Message.of(N_("%(n)s units"), n=3))
        '3 units'
        """
        if isinstance(template, tuple):
            singular, plural = template
            return cls(singular, tuple(params.items()), plural, count)
        return cls(template, tuple(params.items()))

    def __str__(self) -> str:
        # Kept once said: a part shared by many findings (the other renderings
        # of a source) is said once, not once per finding.
        said = self.__dict__.get("_said")
        if said is None:
            said = self._in_english()
            object.__setattr__(self, "_said", said)
        return said

    def __reduce__(self) -> tuple:
        # Pickled by its fields alone, without the text kept by __str__.
        return (Message, (self.template, self.params, self.plural, self.count))

    def _in_english(self) -> str:
        # The pieces of the ENGLISH renderer, joined; written straight with
        # %-formatting, as every finding of a large check run is said this way.
        if self.plural is not None and self.count != 1:
            template = self.plural
        else:
            template = self.template
        if not _plain(template):  # a lone "%": the pieces say it as it is
            return "".join(text for text, _kind in self.pieces(ENGLISH))
        return template % _InEnglish((name, _english(value)) for name, value in self.params)

    def pieces(self, renderer: Renderer) -> list[Piece]:
        """Return the message in *renderer*'s language, as pieces of text and their kind.

        A piece of kind None is in the reader's language; the others are
        text to isolate (:data:`SOURCE`, :data:`TARGET`, :data:`DATA`).

        >>> Message.of(N_('"%(term)s" is missing'), term=Source("councils")).pieces(ENGLISH)
        [('"', None), ('councils', 'source'), ('" is missing', None)]
        """
        if self.plural is not None:
            template = renderer.ngettext(self.template, self.plural, self.count or 0)
        else:
            template = renderer.gettext(self.template)
        return _fill(template, dict(self.params), renderer)


def _fill(template: str, params: dict[str, object], renderer: Renderer) -> list[Piece]:
    out: list[Piece] = []
    at = 0
    for m in _FIELD.finditer(template):
        _add(out, template[at : m.start()], None)
        at = m.end()
        if m.group(1) is None:
            _add(out, "%", None)
            continue
        # A translation that names a parameter the message lacks shows the name,
        # not an error: a page never fails over a catalog's typo.
        value = params.get(m.group(1), m.group(0))
        for text, kind in _param(value, renderer):
            _add(out, text, kind)
    _add(out, template[at:], None)
    return out


def _add(out: list[Piece], text: str, kind: str | None) -> None:
    if not text:
        return
    if out and kind is None and out[-1][1] is None:
        out[-1] = (out[-1][0] + text, None)
    else:
        out.append((text, kind))


_PLAIN = re.compile(r"(?:[^%]|%%|%\(\w+\)s)*")


@functools.lru_cache(maxsize=1024)
def _plain(template: str) -> bool:
    """Tell whether %-formatting reads *template* as :func:`_fill` does."""
    return _PLAIN.fullmatch(template) is not None


class _InEnglish(dict):
    """Parameters said in English; a name the template has but the message lacks stays."""

    def __missing__(self, name: str) -> str:
        return f"%({name})s"


def _english(value: object) -> object:
    """Return *value* as :func:`_param` renders it with :data:`ENGLISH`, joined."""
    if isinstance(value, str):  # Source, Target, Data, Word: said as they are
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, Message):
        return str(value)
    if isinstance(value, Number):
        return ENGLISH.number(value.value, value.places)
    if isinstance(value, LanguageName):
        return value.english
    if isinstance(value, Listing):
        if value.item == _ITEM:
            # The item as it is: said straight, without a message around each.
            return value.separator.join(str(_english(part)) for part in value.items)
        return value.separator.join(
            str(Message(value.item, (("item", part),))) for part in value.items
        )
    return str(value)


def _param(value: object, renderer: Renderer) -> Iterable[Piece]:
    if isinstance(value, Message):
        return value.pieces(renderer)
    if isinstance(value, Source):
        return [(str(value), SOURCE)]
    if isinstance(value, Target):
        return [(str(value), TARGET)]
    if isinstance(value, Word):
        return [(renderer.gettext(str(value)), None)]
    if isinstance(value, str):
        return [(str(value), DATA)]
    if isinstance(value, bool):
        return [(str(value), DATA)]
    if isinstance(value, int):
        return [(renderer.number(value, 0), None)]
    if isinstance(value, Number):
        return [(renderer.number(value.value, value.places), None)]
    if isinstance(value, LanguageName):
        return [(renderer.language(value.code, value.english), None)]
    if isinstance(value, Listing):
        separator = renderer.gettext(value.separator)
        item = renderer.gettext(value.item)
        out: list[Piece] = []
        for i, part in enumerate(value.items):
            if i:
                _add(out, separator, None)
            for text, kind in _fill(item, {"item": part}, renderer):
                _add(out, text, kind)
        return out
    return [(str(value), DATA)]
