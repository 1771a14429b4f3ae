"""XML for both XLIFF versions: a file parsed into a tree, each element with its line, within
the XML limits; text escaped for writing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from workbench.errors import XliffError
from workbench.util.xmlguard import GuardedParser, refused_as

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

Lines = dict[ET.Element, int]


def parse(data: bytes, name: str) -> tuple[ET.Element, Lines]:
    """Parse *data* (names in ``{uri}local`` form); problems name *name* and the line."""
    builder = ET.TreeBuilder()
    lines: Lines = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        elem = builder.start(_clark(tag), {_clark(k): v for k, v in attrs.items()})
        lines[elem] = parser.line

    parser = GuardedParser(
        start, lambda tag: builder.end(_clark(tag)), builder.data, namespaces=True
    )
    with refused_as(
        lambda reason, line: XliffError(reason, path=name, line=line),
        "the CAT tool or an edit broke the file: export it from the tool again",
        "save the file as UTF-8",
    ):
        parser.feed(data, True)
    return builder.close(), lines


def _clark(name: str) -> str:
    return "{" + name if "}" in name else name


def local(tag: str) -> str:
    """Return the local part of ``{uri}local``."""
    return tag.rpartition("}")[2]


def escaped(value: str) -> str:
    """Return *value* as XML text; a carriage return kept as a reference, which XML would drop."""
    return escape(value).replace("\r", "&#13;")
