"""URLs and e-mail addresses in a text: find them, and pair those of a translation."""

from __future__ import annotations

import functools
import re
from urllib.parse import unquote


# Compiled when a text first may hold a link (start-up time; see _may_hold_links).
@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of a URL and of an e-mail address."""
    url = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"«»“”‘’\u200c-\u200f]+", re.IGNORECASE)
    email = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
    return url, email


_TRAILING = ".,;:!?'\"’”)]}*_"


def find_links(text: str) -> list[str]:
    """Return the URLs and e-mail addresses in *text*, trailing punctuation left out.

    >>> find_links("via https://ncr-iran.org/en/news/. Write to a@b.org!")
    ['https://ncr-iran.org/en/news/', 'a@b.org']
    """
    if not _may_hold_links(text):
        return []
    url_pattern, email_pattern = _patterns()
    found = []
    for m in url_pattern.finditer(text):
        url = m.group()
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        found.append(url)
    found += email_pattern.findall(text)
    return found


def without_links(text: str) -> str:
    """Return *text* with each URL and e-mail address replaced by a space."""
    if not _may_hold_links(text):
        return text
    for link in find_links(text):
        text = text.replace(link, " ")
    return text


def links_blanked(text: str) -> str:
    """Return *text* with each URL and e-mail address blanked out, its length kept.

    Words inside a link (…/towards-a-general-strike/) are no terms to
    translate; a place found in the blanked text is the same place in *text*.

    >>> text = "see www.haft-tappeh.org now"
    >>> links_blanked(text).split(), len(links_blanked(text)) == len(text)
    (['see', 'now'], True)
    """
    if not _may_hold_links(text):
        return text
    for link in find_links(text):
        text = text.replace(link, " " * len(link))
    return text


def _may_hold_links(text: str) -> bool:
    # Most units hold no link: a cheap look before the regular expressions.
    return "://" in text or "www." in text.lower() or "@" in text


def _link_key(link: str) -> str:
    """Spell *link* as compared: unquoted, no trailing slash, scheme and host lower case."""
    link = unquote(link).rstrip("/")
    scheme, sep, rest = link.partition("://")
    if sep:
        host, slash, path = rest.partition("/")
        return f"{scheme.lower()}://{host.lower()}{slash}{path}"
    return link.lower() if "@" in link else link


def pair_links(source: list[str], target: list[str]) -> tuple[list[str], list[str]]:
    """Return the source links the target lacks, and the target links the source lacks.

    A Persian word written right after a link (``…/news/را``) reads as part
    of it, since an address may hold Persian letters: the link still counts
    as carried over.
    """
    left = [(x, _link_key(x)) for x in source]
    right = [(x, _link_key(x)) for x in target]
    missing = []
    for link, key in left:
        for i, (_other, other) in enumerate(right):
            rest = other[len(key) :].lstrip("/") if other.startswith(key) else "?"
            if other == key or (rest and not rest[0].isascii()):
                del right[i]
                break
        else:
            missing.append(link)
    return missing, [x for x, _ in right]
