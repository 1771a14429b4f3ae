"""What an imported unit carries beyond its text: inline codes, who made it and when.

A TMX segment may hold inline codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``,
``<ut>``, ``<hi>``, ``<sub>``): markup of the document it came from. The
memory matches on the plain text, keeps the segment as it came (its inner
XML, for export) and shows a match with the codes as numbered placeholders,
``{1}bold{/1}``, ``{2/}`` for a standalone code, as CAT tools do.

An entry's :class:`Extra` is stored as one JSON text beside it (empty for a
plain unit of the project's own catalogs): the two segments' markup, the
languages as the file spelled them (``fr-CA``), and the unit's metadata:
attributes, ``<prop>`` and ``<note>`` of the ``<tu>`` and of each ``<tuv>``,
in file order, so an export writes them back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from xml.parsers import expat

#: Metadata of one element: its attributes, then its prop and note children in order
#: (("prop", TYPE, VALUE) or ("note", "", TEXT)).
Attrs = tuple[tuple[str, str], ...]
Children = tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Meta:
    """Attributes and prop/note children of a ``<tu>`` or ``<tuv>``, in file order."""

    attrs: Attrs = ()
    children: Children = ()

    def get(self, name: str) -> str:
        return next((v for k, v in self.attrs if k == name), "")

    def __bool__(self) -> bool:
        return bool(self.attrs or self.children)


@dataclass(frozen=True)
class Extra:
    """What an entry keeps beyond its plain texts."""

    source_markup: str = ""  # inner XML of the source <seg> when it has inline codes
    target_markup: str = ""
    source_lang: str = ""  # the language tags as the file wrote them
    target_lang: str = ""
    tu: Meta = field(default_factory=Meta)
    source: Meta = field(default_factory=Meta)
    target: Meta = field(default_factory=Meta)

    @property
    def author(self) -> str:
        """Who made the translation, where the file says so (changeid, else creationid)."""
        for meta in (self.target, self.tu):
            for name in ("changeid", "creationid"):
                if meta.get(name):
                    return meta.get(name)
        return ""

    @property
    def date(self) -> str:
        """When, as ``2024-03-02 14:05`` (UTC), from changedate or creationdate."""
        for meta in (self.target, self.tu):
            for name in ("changedate", "creationdate"):
                if meta.get(name):
                    return tmx_date(meta.get(name))
        return ""

    def dumps(self) -> str:
        """Return the JSON kept with the entry ("" when there is nothing to keep)."""
        if self == Extra():
            return ""
        data = {
            "sm": self.source_markup,
            "tm": self.target_markup,
            "sl": self.source_lang,
            "tl": self.target_lang,
            "tu": _meta_json(self.tu),
            "s": _meta_json(self.source),
            "t": _meta_json(self.target),
        }
        return json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)

    @classmethod
    def loads(cls, text: str) -> Extra:
        """Read what :meth:`dumps` wrote."""
        if not text:
            return cls()
        data = json.loads(text)
        return cls(
            data.get("sm", ""),
            data.get("tm", ""),
            data.get("sl", ""),
            data.get("tl", ""),
            _meta(data.get("tu")),
            _meta(data.get("s")),
            _meta(data.get("t")),
        )


def _meta_json(meta: Meta) -> list | None:
    if not meta:
        return None
    return [[list(a) for a in meta.attrs], [list(c) for c in meta.children]]


def _meta(data: list | None) -> Meta:
    if not data:
        return Meta()
    attrs, children = data
    return Meta(tuple(tuple(a) for a in attrs), tuple(tuple(c) for c in children))  # type: ignore[misc]


def tmx_date(value: str) -> str:
    """Return a TMX date (``20240302T140500Z``) as ``2024-03-02 14:05``; others as given.

    >>> tmx_date("20240302T140500Z"), tmx_date("yesterday")
    ('2024-03-02 14:05', 'yesterday')
    """
    v = value.strip()
    if len(v) == 16 and v[8] == "T" and v[:8].isdigit() and v[9:15].isdigit():
        return f"{v[:4]}-{v[4:6]}-{v[6:8]} {v[9:11]}:{v[11:13]}"
    return v


def placeholders(markup: str) -> str:
    """Return a segment's inner XML as text with its codes as numbered placeholders.

    >>> placeholders('<bpt i="1">&lt;b></bpt>Strike!<ept i="1">&lt;/b></ept> Now<ph x="2"/>')
    '{1}Strike!{/1} Now{2/}'
    """
    out: list[str] = []
    depth = 0  # inside a code: its content is native markup, not text
    numbers: dict[str, int] = {}
    count = 0

    def number(key: str | None) -> int:
        nonlocal count
        if key is not None and key in numbers:
            return numbers[key]
        count += 1
        if key is not None:
            numbers[key] = count
        return count

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal depth
        if depth or tag == "sub":
            depth += 1
            return
        if tag == "bpt":
            out.append(f"{{{number('i' + attrs.get('i', '?'))}}}")
        elif tag == "ept":
            out.append(f"{{/{number('i' + attrs.get('i', '?'))}}}")
        elif tag == "it":
            n = number(None)
            out.append(f"{{/{n}}}" if attrs.get("pos") == "end" else f"{{{n}}}")
        elif tag in ("ph", "ut"):
            out.append(f"{{{number(None)}/}}")
        if tag in ("bpt", "ept", "it", "ph", "ut"):
            depth = 1

    def end(tag: str) -> None:
        nonlocal depth
        if depth:
            depth -= 1

    def data(text: str) -> None:
        if not depth:
            out.append(text)

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.Parse(f"<seg>{markup}</seg>", True)
    return "".join(out)
