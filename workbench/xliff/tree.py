"""An XLIFF file parsed into a tree, with each element's line, within the XML limits."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.parsers import expat

from workbench.errors import XliffError
from workbench.util.xmlguard import GuardedParser, Refused

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
    try:
        parser.feed(data, True)
    except Refused as exc:
        raise XliffError(exc.reason, path=name, line=exc.line) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code)
        raise XliffError(
            f"not well-formed XML ({reason} at column {exc.offset + 1}); the CAT tool or an "
            "edit broke the file: export it from the tool again",
            path=name,
            line=exc.lineno,
        ) from None
    except (ValueError, LookupError) as exc:
        raise XliffError(
            f"the XML declaration names an encoding that cannot be read here ({exc}); "
            "save the file as UTF-8",
            path=name,
            line=1,
        ) from None
    return builder.close(), lines


def _clark(name: str) -> str:
    return "{" + name if "}" in name else name


def local(tag: str) -> str:
    """Return the local part of ``{uri}local``."""
    return tag.rpartition("}")[2]
