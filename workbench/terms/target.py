"""Find glossary renderings in translations, as word forms of the target language."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from workbench.glossary.model import KEEP, Term
from workbench.lang.arabic_script import HAMZA, family
from workbench.lang.locales import language as _language
from workbench.lang.wordforms import Folded, morphology


class TargetMatcher:
    """Find renderings of one target language in translations, as word forms.

    Patterns are compiled once per term and cached, so one matcher serves a
    whole project; a text is folded once however many terms are asked for.
    """

    def __init__(self, language: str) -> None:
        self.language = _language(language).code
        self._morph = morphology(self.language)

    def find(self, text: str, term: Term) -> list[tuple[int, int]]:
        """Return the spans of *term* in *text*, in order."""
        return self.find_many(text, [term])[term]

    def contains(self, text: str, term: Term) -> bool:
        """Tell whether *term* occurs in *text* as one of its word forms."""
        return bool(self.find(text, term))

    def find_many(self, text: str, terms: Iterable[Term]) -> dict[Term, list[tuple[int, int]]]:
        """Return the spans of each of *terms* in *text*, folding *text* once."""
        folds: dict[bool, Folded] = {}
        result: dict[Term, list[tuple[int, int]]] = {}
        for term in terms:
            exact = term.matches_exactly
            pattern = self._pattern(term.text, exact, term.treatment == KEEP)
            if pattern is None:
                result[term] = []
                continue
            folded = folds.get(exact) or folds.setdefault(exact, self._morph.fold(text, exact))
            result[term] = [folded.span(*m.span()) for m in pattern.finditer(folded.text)]
        return result

    def example_form(self, text: str) -> str | None:
        """Return a plural of the rendering *text*, to show a translator a word form."""
        return self._morph.example(text)

    def _pattern(self, text: str, exact: bool, verbatim: bool) -> re.Pattern[str] | None:
        return _pattern(self.language, text, exact, verbatim)


@functools.lru_cache(maxsize=8192)
def _pattern(language: str, text: str, exact: bool, verbatim: bool) -> re.Pattern[str] | None:
    morph = morphology(language)
    if verbatim:
        written = morph.fold(text, True).text.strip(" ")
        forms = frozenset([written]) if written else frozenset()
    else:
        forms = morph.forms(text, exact)
    if not forms:
        return None
    classes = _HAMZA_SEATS if family(language) == "fa" else {}
    return re.compile(rf"(?<!\w)(?:{_trie_regex(forms, classes)})(?!\w)")


# A hamza on any seat (folded to ء) and the seat letter without it are one
# spelling: هیئت, هیأت and هیات; رئیس and رییس; مسئول, مسؤول and مسوول.
_HAMZA_SEATS = {HAMZA: f"[{HAMZA}یاو]", "ی": f"[ی{HAMZA}]", "ا": f"[ا{HAMZA}]", "و": f"[و{HAMZA}]"}


def _trie_regex(words: Iterable[str], classes: dict[str, str] | None = None) -> str:
    """Return a regex matching exactly *words*, sharing their prefixes.

    *classes* gives the characters that stand for a class of spellings.

    >>> _trie_regex(["strike", "strikes", "striker"])
    'strike[rs]?'
    """
    classes = classes or {}
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [
            classes.get(ch, re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        if all(len(b) == 1 for b in branches) and len(branches) > 1:
            body = "[" + "".join(branches) + "]"
        elif len(branches) == 1:
            body = branches[0]
            if ends:
                body = f"(?:{body})"
        else:
            body = "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return build(trie)


@functools.lru_cache(maxsize=64)
def target_matcher(language: str) -> TargetMatcher:
    """Return the shared matcher for *language*."""
    return TargetMatcher(language)


def find_term(target_text: str, term: Term, language: str | None = None) -> list[tuple[int, int]]:
    """Return the spans of *term* in *target_text*, read as text in *language*."""
    return target_matcher(language or term.language).find(target_text, term)
