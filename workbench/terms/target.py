"""Find glossary renderings in translations, as word forms of the target language.

A rendering is found as any of its word forms (:mod:`workbench.lang.wordforms`)
between word boundaries of the folded translation. No regular expression is
compiled: the forms of a term are a dictionary, worked out once and kept;
a folded text is cut once into words, and where a word begins one of the
term's forms, the stretches of whole words from there are looked up.

Persian lets a hamza on any seat stand for the seat letter written without it
and the other way round (هیئت, هیأت, هیات; رئیس, رییس): forms and texts are
looked up with the seat letters and ء blurred into one, and each stretch
found is then compared letter by letter. Where several forms fit at one
place, the one taken is the one a search of the forms in alphabetical order,
longer before shorter, would meet first; the search then goes on after it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from itertools import compress, count, islice

from workbench.glossary.model import KEEP, Term
from workbench.lang.arabic_script import HAMZA, family
from workbench.lang.locales import checked_code
from workbench.lang.wordforms import Folded, morphology

# Word characters as the folds leave them. A form begins with one and ends
# with one or with a possessive apostrophe (Latin folds keep ``councils'``):
# the folds leave nothing else at the ends of a trimmed term.
_WORD = re.compile(r"\w+")
_SEATS = "یاو"
_LAST = chr(0x10FFFF)  # sorts after every letter: a longer form before its prefix


def _blurred(text: str) -> str:
    """Return *text* with ء and the letters that may carry it made one letter."""
    return text.replace("ی", HAMZA).replace("ا", HAMZA).replace("و", HAMZA)


def _seats_agree(form: str, written: str) -> bool:
    """Tell whether *written* spells *form*, a hamza and a bare seat letter being one."""
    for a, b in zip(form, written, strict=True):
        if a != b and not ((a == HAMZA and b in _SEATS) or (b == HAMZA and a in _SEATS)):
            return False
    return True


class _Forms:
    """The forms of one rendering, looked up by their blurred spelling."""

    __slots__ = ("by_key", "firsts", "longest", "seats")

    def __init__(self, forms: Iterable[str], seats: bool) -> None:
        # A term has hundreds of forms: the work is done over all of them at
        # once, in C, wherever it can be.
        forms = list(forms)
        if seats:
            # Forms never hold a NUL (folding makes it a space): blurred all in one.
            keys = _blurred("\0".join(forms)).split("\0")
            self.by_key = dict(zip(keys, zip(forms), strict=True))
            if len(self.by_key) < len(forms):
                # A few keys have several forms, all of one length: their order
                # is then the plain one.
                several = {key for key, n in Counter(keys).items() if n > 1}
                groups: dict[str, list[str]] = {}
                for key, form in zip(keys, forms, strict=True):
                    if key in several:
                        groups.setdefault(key, []).append(form)
                for key, found in groups.items():
                    self.by_key[key] = tuple(sorted(found))
        else:
            self.by_key = dict(zip(forms, zip(forms), strict=True))
        # The first word of a form must be the first word of the text it covers;
        # a form's first word is that of the form's text up to its first space.
        self.firsts = frozenset(map(_first_word, {key.partition(" ")[0] for key in self.by_key}))
        self.longest = max(map(len, self.by_key))
        self.seats = seats

    def find(self, view: _View) -> list[tuple[int, int]]:
        """Return the folded spans of the forms in *view*, as a left-to-right search finds them."""
        best: dict[int, tuple[str, int]] = {}
        text, key, ends = view.folded.text, view.key, view.ends
        for i in compress(count(), map(self.firsts.__contains__, view.firsts)):
            start = view.starts[i]
            for end in islice(ends, view.after[i], None):
                if end - start > self.longest:
                    break
                forms = self.by_key.get(key[start:end])
                if forms is None:
                    continue
                written = text[start:end]
                for form in forms:
                    if form == written or (self.seats and _seats_agree(form, written)):
                        found = (form + _LAST, end)
                        if start not in best or found < best[start]:
                            best[start] = found
                        break
        spans = []
        reached = 0
        for start in sorted(best):
            if start >= reached:
                reached = best[start][1]
                spans.append((start, reached))
        return spans


def _first_word(text: str) -> str:
    if text.isalnum():  # one word of letters and digits, which \w matches
        return text
    match = _WORD.match(text)
    return match.group() if match else ""


class _View:
    """A folded text cut into words: where each starts, and where a form may end."""

    __slots__ = ("folded", "key", "starts", "firsts", "ends", "after")

    def __init__(self, folded: Folded, seats: bool) -> None:
        self.folded = folded
        text = folded.text
        self.key = key = _blurred(text) if seats else text
        self.starts: list[int] = []
        self.firsts: list[str] = []  # each word, blurred
        self.ends: list[int] = []
        self.after: list[int] = []  # where in ends the ends of each word begin
        for m in _WORD.finditer(text):
            start, end = m.span()
            self.starts.append(start)
            self.firsts.append(key[start:end])
            self.after.append(len(self.ends))
            self.ends.append(end)
            # A possessive apostrophe ends a form too (councils').
            if text[end : end + 1] == "'" and not _WORD.match(text, end + 1):
                self.ends.append(end + 1)


class TargetMatcher:
    """Find renderings of one target language in translations, as word forms.

    A term's forms are worked out once and kept, so one matcher serves a
    whole project; a text is folded and cut once however many terms are
    asked for.
    """

    def __init__(self, language: str) -> None:
        self.language = checked_code(language)
        self._morph = morphology(self.language)
        self._seats = family(self.language) == "fa"

    def find(self, text: str, term: Term) -> list[tuple[int, int]]:
        """Return the spans of *term* in *text*, in order."""
        return self.find_many(text, [term])[term]

    def contains(self, text: str, term: Term) -> bool:
        """Tell whether *term* occurs in *text* as one of its word forms."""
        return bool(self.find(text, term))

    def find_many(self, text: str, terms: Iterable[Term]) -> dict[Term, list[tuple[int, int]]]:
        """Return the spans of each of *terms* in *text*, folding *text* once."""
        found, views = self._found(text, terms)
        return {
            term: [views[term.matches_exactly].folded.span(a, b) for a, b in spans] if spans else []
            for term, spans in found.items()
        }

    def find_many_folded(
        self, text: str, terms: Iterable[Term]
    ) -> dict[Term, list[tuple[int, int]]]:
        """Return the spans of each of *terms* as offsets in the folded *text*.

        Every fold of one text has the same offsets, so spans of terms folded
        with and without case compare with each other (one inside another),
        and in the same order as in the text; they do not cut the text itself.
        The way back to the text's own offsets is not worked out.
        """
        return self._found(text, terms)[0]

    def _found(
        self, text: str, terms: Iterable[Term]
    ) -> tuple[dict[Term, list[tuple[int, int]]], dict[bool, _View]]:
        wanted = [(term, self._forms(term)) for term in terms]
        views: dict[bool, _View] = {}
        result: dict[Term, list[tuple[int, int]]] = {}
        for term, forms in wanted:
            if forms is None:
                result[term] = []
                continue
            exact = term.matches_exactly
            view = views.get(exact)
            if view is None:
                folded = self._morph.fold(text, exact)
                view = views[exact] = _View(folded, self._seats)
            result[term] = forms.find(view)
        return result, views

    def example_form(self, text: str) -> str | None:
        """Return a common form of the rendering *text* to show a translator, if one is safe.

        The plural (or, for a plural, the ezafe) of a noun; None where the
        language shows no forms or the text is a phrase. The caller tells
        whether the term is a common noun.
        """
        return self._morph.example(text)

    def _forms(self, term: Term) -> _Forms | None:
        return _forms(self.language, term.text, term.matches_exactly, term.treatment == KEEP)


@functools.lru_cache(maxsize=8192)
def _forms(language: str, text: str, exact: bool, verbatim: bool) -> _Forms | None:
    morph = morphology(language)
    if verbatim:
        written = morph.fold(text, True).text.strip(" ")
        forms = frozenset([written]) if written else frozenset()
    else:
        forms = morph.forms(text, exact)
    if not forms:
        return None
    return _Forms(forms, family(language) == "fa")


@functools.lru_cache(maxsize=64)
def target_matcher(language: str) -> TargetMatcher:
    """Return the shared matcher for *language*."""
    return TargetMatcher(language)


def find_term(target_text: str, term: Term, language: str | None = None) -> list[tuple[int, int]]:
    """Return the spans of *term* in *target_text*, read as text in *language*."""
    return target_matcher(language or term.language).find(target_text, term)
