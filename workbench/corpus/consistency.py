"""Consistency across the corpus: how each concept has been rendered in every translated unit.

For each concept of the glossary found in the source of a translated unit
(by :class:`workbench.terms.source.SourceMatcher`, word-form aware), the report
says which renderings the translations use, in how many units and where
(``statement:line``), and flags the outliers: a deprecated or forbidden
rendering, and a rendering used at most half as often as another.

Renderings the glossary does not know are found too, so a term rendered two
ways across statements is caught before anyone sets a rendering for it:

1. The glossary's own renderings in the language (every status) are looked
   for first, as word forms (:class:`workbench.terms.target.TargetMatcher`); a
   source term kept as is (IRGC) is looked for verbatim.
2. In the units where none is found, the words of the translation are
   folded (letters with :mod:`workbench.lang.arabic_script` for Persian, Sorani, Arabic
   and Urdu; case for Latin scripts) and reduced to a base form the
   project's own word-form rules lead back to (شوراهای -> شورا); the
   renderings of the other concepts found in the same source are blanked
   first, so they are not taken for this one.
3. Every run of one to three words that neither begins nor ends with a
   function word is a candidate. A candidate's association with the concept
   is the Dice coefficient ``2·a / (units + df)``: *a* units of the concept
   use it, out of *units*, and *df* translated units of the whole language
   do. The best candidate used in at least *min_units* units (Dice at least
   :data:`MIN_DICE`, ties going to the longer) becomes a rendering with
   status ``none`` and its units are set aside; the search repeats on the
   rest, so two renderings each used several times both show up and the
   concept is reported as *split*.

Limits: a rendering used in a single unit cannot be told from the words
around it, so it stays under ``missing``; when two concepts always occur in
the same sentences and neither has a rendering yet, one may be credited
with the other's words; a translation that rephrases (a pronoun, a verb for
a noun) is ``missing`` though nothing is wrong; broken plurals and other
forms the word-form rules do not generate count as other words. Only
translated and reviewed units count: a fuzzy translation belongs to an
older source. Source phrases that are not in the glossary are not followed:
``workbench glossary extract`` proposes them, and once added they are.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.glossary.model import KEEP, PREFERRED, Concept, Term
from workbench.lang import arabic_script as persian
from workbench.lang.wordforms import english_forms, fold_latin, latin_forms
from workbench.project import Project
from workbench.terms.matcher import matcher_for
from workbench.terms.source import SourceMatcher
from workbench.terms.target import target_matcher

NONE = "none"
#: The least Dice association for a rendering the glossary does not know.
MIN_DICE = 0.2
#: The longest unknown rendering looked for, in words.
MAX_WORDS = 3
#: How many renderings the glossary does not know are looked for per concept.
MAX_FOUND = 4

# Words that begin or end no rendering: Persian and Arabic-script particles,
# prepositions, conjunctions, pronouns and auxiliaries, as folded.
_FUNCTION_WORDS = {
    "fa": frozenset(
        """
        و در به از که این آن با را برای تا یا هم نیز بر اما هر یک می نمی ما آنها او ایشان
        است هست بود شد شده کرد کرده کند کنند کردند شود شوند خود همه چه چون اگر پس ولی بی
        دیگر همین همان هیچ ای من تو شما آنان اند ایم بوده باید شان اش وی نه نیز روی زیر
        پیش بین میان طی حتی فقط کنیم داد دارد دارند داشت خواهد خواهند باشد باشند
        """.split()
    ),
    "ar": frozenset("و في من الى على عن ان التي الذي هذا هذه ذلك مع او ثم لا ما".split()),
}


@dataclass(frozen=True)
class TranslatedUnit:
    """One translated unit: where it is, its source and its translation."""

    reference: str  # statement:line
    source: str
    target: str


@dataclass(frozen=True)
class Rendering:
    """One way a concept has been rendered, and where."""

    text: str
    count: int
    units: tuple[str, ...]
    status: str  # preferred, admitted, deprecated, forbidden, or none (not in the glossary)
    outlier: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "count": self.count,
            "units": list(self.units),
            "status": self.status,
            "outlier": self.outlier,
        }


@dataclass(frozen=True)
class ConceptRenderings:
    """How one concept has been rendered in one language across the corpus."""

    concept: str
    source_terms: tuple[str, ...]
    language: str
    renderings: tuple[Rendering, ...]
    missing: tuple[str, ...]
    #: Two renderings are each used in at least *min_units* units.
    split: bool = False
    #: How many translated units hold the concept (two may share a line).
    units: int = 0
    #: What a sync could not settle between two machines' edits of the concept.
    conflict: str = ""

    @property
    def consistent(self) -> bool:
        return not self.split and not self.conflict and not any(r.outlier for r in self.renderings)

    def as_dict(self) -> dict[str, Any]:
        """Return the report in the JSON shape of ``workbench glossary consistency``."""
        return {
            "concept": self.concept,
            "source_terms": list(self.source_terms),
            "language": self.language,
            "renderings": [r.as_dict() for r in self.renderings],
            "missing": list(self.missing),
            "split": self.split,
            "conflict": self.conflict or None,
        }


def translated_units(project: Project, language: str) -> list[TranslatedUnit]:
    """Return the translated and reviewed units of every statement in *language*."""
    units = []
    for statement in project.statements():
        path = project.catalog_path(language, statement.id)
        if not path.is_file():
            continue
        for entry in pofile.read(path, project.relative(path)).entries:
            if entry.obsolete or entry.status not in (cat.TRANSLATED, cat.REVIEWED):
                continue
            lines = entry.lines
            reference = f"{statement.id}:{lines[0]}" if lines else statement.id
            units.append(TranslatedUnit(reference, entry.msgid, entry.msgstr))
    return units


def consistency(
    project: Project,
    language: str,
    *,
    min_units: int = 2,
) -> list[ConceptRenderings]:
    """Return how each concept has been rendered in *language*, in glossary order."""
    lang = project.require_language(language)
    _glossary, matcher = matcher_for(project)
    return analyse(translated_units(project, lang), matcher, lang, min_units=min_units)


def analyse(
    units: Sequence[TranslatedUnit],
    matcher: SourceMatcher,
    language: str,
    *,
    min_units: int = 2,
) -> list[ConceptRenderings]:
    """Return the consistency reports of *units*, whose sources *matcher* reads."""
    target = target_matcher(language)
    language = target.language
    by_concept: dict[str, list[int]] = {}
    source_term: dict[str, Term] = {}
    # Per unit: concept id -> the source term found for it.
    said: list[dict[str, Term]] = []
    found: list[dict[str, list[tuple[Term, int, int]]]] = []
    for index, unit in enumerate(units):
        hits: dict[str, Term] = {}
        for hit in matcher.find(unit.source):
            hits.setdefault(hit.concept_id, hit.term)
        terms: dict[str, list[Term]] = {}
        for concept_id, term in hits.items():
            by_concept.setdefault(concept_id, []).append(index)
            source_term.setdefault(concept_id, term)
            terms[concept_id] = _renderings(matcher.concepts[concept_id], language, term)
        said.append(hits)
        spans = target.find_many(unit.target, {t for ts in terms.values() for t in ts})
        found.append(
            {cid: [(t, a, b) for t in ts for a, b in spans[t]] for cid, ts in terms.items()}
        )
    corpus = _Corpus(units, found, language, _Background(units, language), min_units, said)
    reports = []
    for concept_id, concept in matcher.concepts.items():
        indices = by_concept.get(concept_id)
        if not indices:
            continue
        reports.append(_report(concept, indices, corpus))
    return reports


@dataclass(frozen=True)
class _Corpus:
    """The translated units of one language, what was found in each, and the threshold."""

    units: Sequence[TranslatedUnit]
    #: Per unit: concept id -> each rendering found, with its span in the translation.
    found: list[dict[str, list[tuple[Term, int, int]]]]
    language: str
    background: _Background
    min_units: int
    #: Per unit: concept id -> the source term found for it.
    said: list[dict[str, Term]]


def _renderings(concept: Concept, language: str, source: Term) -> list[Term]:
    base = language.split("_")[0]
    terms = [t for t in concept.terms if t.language in (language, base)]
    if not terms and source.treatment == KEEP:
        terms = [Term(source.text, language, PREFERRED, treatment=KEEP)]
    return terms


def _report(concept: Concept, indices: list[int], corpus: _Corpus) -> ConceptRenderings:
    units, min_units = corpus.units, corpus.min_units
    known: dict[Term, list[str]] = {}
    unrendered = []
    for index in indices:
        spans = corpus.found[index].get(concept.id, [])
        # A rendering inside a longer one found at the same place is part of it.
        spans = [
            (t, a, b)
            for t, a, b in spans
            if not any(c <= a and b <= d and d - c > b - a for _, c, d in spans)
        ]
        if not spans:
            unrendered.append(index)
        for term in dict.fromkeys(t for t, _, _ in spans):
            known.setdefault(term, []).append(units[index].reference)
    renderings = [
        Rendering(term.text, len(refs), tuple(refs), term.status) for term, refs in known.items()
    ]
    missing = [units[i].reference for i in unrendered]
    if len(unrendered) >= min_units:
        discovered, left = _discover(concept.id, unrendered, corpus)
        renderings += discovered
        missing = [units[i].reference for i in left]
    renderings.sort(key=lambda r: (-r.count, r.status == NONE, r.text))
    # How often each rendering is used for each source term: a rendering is
    # an outlier against the others used for the same English term only (the
    # headline's "Khuzestan's Vanguard Socialist Workers" has a Persian form
    # of its own beside the full name's).
    term_of = {units[i].reference: corpus.said[i].get(concept.id) for i in indices}
    uses: dict[Term | None, Counter] = {}
    for r in renderings:
        for ref in r.units:
            uses.setdefault(term_of.get(ref), Counter())[r.text] += 1
    flagged = tuple(
        Rendering(
            r.text,
            r.count,
            r.units,
            r.status,
            r.status in ("deprecated", "forbidden")
            or any(
                2 * counts[r.text] <= max(counts.values())
                for counts in (uses[term_of.get(ref)] for ref in r.units)
            ),
        )
        for r in renderings
    )
    source_terms = tuple(t.text for t in concept.terms if t.language == _source_language(concept))
    split = sum(r.count >= min_units for r in flagged) >= 2
    return ConceptRenderings(
        concept.id,
        source_terms,
        corpus.language,
        flagged,
        tuple(missing),
        split,
        len(indices),
        concept.conflict,
    )


def _source_language(concept: Concept) -> str:
    return concept.terms[0].language


# -- renderings the glossary does not know -------------------------------------------


@dataclass(frozen=True)
class _Words:
    """The folded, reduced words of one translation, in runs that punctuation ends."""

    # Per word: its base, its start and end in the original, whether it is a function word.
    runs: tuple[tuple[tuple[str, int, int, bool], ...], ...]


class _Background:
    """Every translated unit of one language as runs of base words, to count candidates in.

    Built on the first count. The letters are folded by a translation table
    made from :func:`workbench.lang.arabic_script.fold` one character at a time: the
    same folding at the speed of ``str.translate``, less the two rules that
    look at a neighbour (a combining madda, a Sorani ZWNJ after ه).
    """

    def __init__(self, units: Sequence[TranslatedUnit], language: str) -> None:
        self.units = units
        self.language = language
        self._runs: list[tuple[tuple[str, ...], ...]] = []
        # Units by the words and by the pairs of adjacent words they hold.
        self._postings: dict[tuple[str, ...], list[int]] | None = None
        self._counts: dict[tuple[str, ...], int] = {}

    def _build(self) -> dict[tuple[str, ...], list[int]]:
        stem = _stemmer(self.language)
        fold = _quick_fold(self.language)
        postings: dict[tuple[str, ...], list[int]] = {}
        for index, unit in enumerate(self.units):
            runs = []
            for chunk in _RUN_BREAK.split(fold(unit.target)):
                words = [w for w in chunk.split() if not _DIGITS.match(w)]
                if words:
                    runs.append(tuple(stem(w) for w in words))
            self._runs.append(tuple(runs))
            held: set[tuple[str, ...]] = {(w,) for run in runs for w in run}
            held |= {run[i : i + 2] for run in runs for i in range(len(run) - 1)}
            for key in held:
                postings.setdefault(key, []).append(index)
        return postings

    def df(self, key: tuple[str, ...]) -> int:
        """Return how many units of the language use the candidate *key*."""
        if key in self._counts:
            return self._counts[key]
        if self._postings is None:
            self._postings = self._build()
        postings = self._postings
        if len(key) <= 2:
            count = len(postings.get(key, ()))
        else:
            pairs = [key[i : i + 2] for i in range(len(key) - 1)]
            rarest = min(pairs, key=lambda pair: len(postings.get(pair, ())))
            count = sum(
                1
                for index in postings.get(rarest, ())
                if any(_within(key, run) for run in self._runs[index])
            )
        self._counts[key] = count
        return count


_RUN_BREAK = re.compile(r"[^\w\s\u200c]+|\n\s*\n")


@functools.lru_cache(maxsize=32)
def _quick_fold(language: str) -> Callable[[str], str]:
    if not persian.family(language):
        return lambda text: fold_latin(text).text
    chars = [chr(c) for c in (*range(0x0600, 0x0780), *range(0x08A0, 0x0900))]
    chars += [chr(c) for c in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00))]
    chars += list("\u200c\u200d\u200e\u200f\u00ad\u2060\ufeff")
    table = {}
    for c in chars:
        folded = persian.fold(c, language)[0]
        if folded != c:
            table[ord(c)] = folded.strip() or (" " if not folded else folded)
    for c in chars:
        if persian.fold("\u0628" + c, language)[0] == "\u0628":
            table[ord(c)] = ""  # dropped marks and joiners
    return lambda text: text.translate(table).casefold()


def _discover(
    concept_id: str, indices: list[int], corpus: _Corpus
) -> tuple[list[Rendering], list[int]]:
    units, min_units = corpus.units, corpus.min_units
    per_unit: dict[int, dict[tuple[str, ...], str]] = {}
    for index in indices:
        others = [(a, b) for cid, spans in corpus.found[index].items() if cid != concept_id
                  for _, a, b in spans]  # fmt: skip
        text = units[index].target
        for a, b in others:
            text = text[:a] + " " * (b - a) + text[b:]
        per_unit[index] = _keys(_words_of(text, corpus.language), units[index].target)
    left = list(indices)
    renderings: list[Rendering] = []
    while len(left) >= min_units and len(renderings) < MAX_FOUND:
        counts = Counter(key for index in left for key in per_unit[index])
        recurring = {key for key, n in counts.items() if n >= min_units}
        # A candidate counts only in the units where no longer recurring
        # candidate holds it, so the word two renderings share (the اعتصاب of
        # کمیته اعتصاب and ستاد اعتصاب) is not taken for a rendering itself.
        alone: dict[tuple[str, ...], list[int]] = {}
        for index in left:
            keys = [key for key in per_unit[index] if key in recurring]
            for key in keys:
                if not any(len(other) > len(key) and _within(key, other) for other in keys):
                    alone.setdefault(key, []).append(index)
        best: tuple[float, int, int, tuple[str, ...]] | None = None
        for key, where in alone.items():
            a = len(where)
            if a < min_units:
                continue
            dice = 2 * a / (len(left) + max(corpus.background.df(key), a))
            rank = (dice, len(key), a, key)
            if dice >= MIN_DICE and (best is None or rank > best):
                best = rank
        if best is None:
            break
        key = best[3]
        used = alone[key]
        surfaces = Counter(per_unit[index][key] for index in used)
        text = surfaces.most_common(1)[0][0]
        renderings.append(
            Rendering(text, len(used), tuple(units[index].reference for index in used), NONE)
        )
        taken = set(used)
        left = [index for index in left if index not in taken]
    return renderings, left


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Tell whether the words *part* stand together in *whole*."""
    if len(part) == 1:
        return part[0] in whole
    first, n, start = part[0], len(part), 0
    while True:
        try:
            i = whole.index(first, start)
        except ValueError:
            return False
        if whole[i : i + n] == part:
            return True
        start = i + 1


def _keys(words: _Words, original: str | None = None) -> dict[tuple[str, ...], str]:
    """Return the candidate renderings of one translation: base words -> as written."""
    out: dict[tuple[str, ...], str] = {}
    for run in words.runs:
        bases = tuple(w[0] for w in run)
        n = len(run)
        for i in range(n):
            if run[i][3]:
                continue
            for j in range(i, min(n, i + MAX_WORDS)):
                if run[j][3]:
                    continue
                key = bases[i : j + 1]
                if key not in out:
                    out[key] = original[run[i][1] : run[j][2]] if original is not None else ""
    return out


_DIGITS = re.compile(r"\d+\Z")


def _words_of(text: str, language: str) -> _Words:
    folded, span = _fold(text, language)
    stem = _stemmer(language)
    function = _FUNCTION_WORDS.get(persian.family(language) or "", frozenset())
    runs = []
    for chunk in re.finditer(r"\S+(?: \S+)*", folded):
        run: list[tuple[str, int, int, bool]] = []
        offset = chunk.start()
        for word in re.finditer(r"\S+", chunk.group()):
            a, b = span(offset + word.start(), offset + word.end())
            token = word.group()
            if _DIGITS.match(token):
                if run:
                    runs.append(tuple(run))
                run = []
                continue
            run.append((stem(token), a, b, token in function))
        if run:
            runs.append(tuple(run))
    return _Words(tuple(runs))


def _fold(text: str, language: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    if persian.family(language):
        folded, starts, ends = persian.fold(text, language)
        return folded, lambda a, b: (starts[a], ends[b - 1])
    result = fold_latin(text)
    return result.text, result.span


@functools.lru_cache(maxsize=32)
def _stemmer(language: str) -> Callable[[str], str]:
    """Return the function that reduces a folded word of *language* to its base."""
    forms: Callable[[str], frozenset[str]]
    if persian.family(language):
        suffixes = _ARABIC_SCRIPT_SUFFIXES

        def forms(text: str) -> frozenset[str]:
            return persian.term_forms(text, language)
    elif language.split("_")[0] == "en":
        suffixes = ("s", "es", "'s")
        forms = english_forms
    else:
        suffixes = ("s", "es", "e", "en", "n", "er", "x", "aux")

        def forms(text: str) -> frozenset[str]:
            return latin_forms(text, language)

    @functools.lru_cache(maxsize=200_000)
    def stem(word: str) -> str:
        # The shortest base whose word forms, by the project's own rules, include the word.
        best = word
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= 2:
                for base in (word[: -len(suffix)], word[: -len(suffix)] + "ه"):
                    if len(base) < len(best) and word in forms(base):
                        best = base
        return best

    return stem


# Endings of Persian, Arabic, Sorani and Urdu words, plurals and clitics together,
# longest first; each is accepted only when the word-form rules confirm it.
_ARABIC_SCRIPT_SUFFIXES = tuple(
    sorted(
        {
            "هایشان",
            "هایتان",
            "هایمان",
            "هایش",
            "هایت",
            "هایم",
            "های",
            "ها",
            "هائی",
            "انی",
            "ان",
            "ات",
            "اتی",
            "ین",
            "گان",
            "گانی",
            "یان",
            "یانی",
            "جات",
            "یی",
            "ای",
            "ی",
            "یم",
            "یش",
            "یت",
            "یمان",
            "یتان",
            "یشان",
            "ام",
            "اش",
            "مان",
            "تان",
            "شان",
            "م",
            "ش",
            "ون",
            "ين",
            "ه",
            "هم",
            "نا",
            "کە",
            "کان",
            "ەکە",
            "ەکان",
            "یەک",
            "ێک",
        },  # fmt: skip
        key=len,
        reverse=True,
    )
)
