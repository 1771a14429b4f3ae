"""The fast folds and matchers give what the plain ones they replaced gave.

Each reference here is the slow, obvious way the code used to work: a
regular expression per step of the Latin fold, the Persian fold one
character at a time, one compiled regular expression per rendering, and
every match of every key followed by a leftmost-longest pick. Generated
texts and terms must come out the same from both.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.glossary.model import KEEP, TRANSLATE, Concept, Term
from workbench.lang import arabic_script
from workbench.lang.arabic_script import HAMZA, family
from workbench.lang.wordforms import Folded, fold_latin, morphology
from workbench.terms.source import SourceMatcher
from workbench.terms.target import TargetMatcher

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))

# -- the Latin fold ----------------------------------------------------------------


def reference_fold_latin(text: str, keep_case: bool = False) -> Folded:
    if not keep_case:
        low = text.casefold()
        if len(low) != len(text):
            low = "".join(arabic_script.casefold_char(c) for c in text)
        text = low
    at: list[int] = []
    add = [0]
    pieces: list[str] = []
    last = removed = 0
    for m in re.finditer(r"\s\s+", text):
        a, b = m.span()
        if text.count("\n", a, b) + 2 * text.count("\u2029", a, b) > 1:
            continue
        pieces += (text[last:a], " ")
        last = b
        at.append(a - removed)
        removed += b - a - 1
        add.append(removed)
    if last:
        pieces.append(text[last:])
        text = "".join(pieces)
    for c in arabic_script.APOSTROPHES:
        text = text.replace(c, "'")
    text = re.sub(r"[^\w' ]", " ", text)
    return Folded(possessive_only(text), at, add)


def possessive_only(text: str) -> str:
    """Blank every apostrophe but those of council's and councils'."""

    def word(c: str) -> bool:
        return c.isalnum() or c == "_"

    out = list(text)
    padded = f" {text}  "
    for i, c in enumerate(text):
        if c != "'":
            continue
        before, after, following = padded[i], padded[i + 2], padded[i + 3]
        keep = word(before) and (
            not word(following) if after in "sS" else before in "sS" and not word(after)
        )
        if not keep:
            out[i] = " "
    return "".join(out)


LATIN = (
    "aAbZ09_'`-.,!?()\"\t\n\n\n   \r\x0b\x0c\x1c\x85\xa0\u2028\u2029\u2029\u3000"
    "éÉßİﬁ\u0301٣½’‘ʼ′´‛“”–—•ſΣσςŉKǅ\u200b\u00ad"
)


@SETTINGS
@given(st.text(alphabet=LATIN, max_size=40), st.booleans())
def test_latin_fold_agrees_with_a_regular_expression_per_step(text, keep_case):
    fast, slow = fold_latin(text, keep_case), reference_fold_latin(text, keep_case)
    assert fast.text == slow.text
    points = list(range(len(fast.text) + 1))
    assert fast.spans(points, points) == (
        [slow.span(p, p)[0] for p in points],
        [slow.span(p, p)[1] for p in points],
    )
    # Ends given one past, as a match of a key with a space before it ends.
    assert fast.spans(points, [p + 1 for p in points], past=1) == fast.spans(points, points)


# -- the Persian-script fold ---------------------------------------------------------

SCRIPT = (
    "شورای کارگری آزادی هیئت مسئول قرآن يكىئأؤإٱۀةھہۂەءآا"
    "\u064e\u0650\u0670\u06d6\u200c\u200d\u200e\u0640\u00ad۰۱٣٤"
    " \t\n\n\r\u2028\u2029\x0b\xa0،؛؟«»!.-AbcIßİ_"
)
RARE = "\u0653\ufeb7\ufefb\ufc00\ufdfa\ufe81"  # combining madda, presentation forms


@SETTINGS
@given(
    st.text(alphabet=SCRIPT, max_size=40) | st.text(alphabet=SCRIPT + RARE, max_size=20),
    st.sampled_from(["fa", "ar", "ckb", "ur"]),
    st.booleans(),
)
def test_script_fold_text_agrees_with_the_fold_one_character_at_a_time(text, language, keep):
    assert (
        arabic_script.fold_text(text, language, keep) == arabic_script.fold(text, language, keep)[0]
    )
    folded, starts, ends = arabic_script.fold(text, language, keep)
    points = list(range(1, len(folded) + 1))
    spans = morphology(language).fold(text, keep).spans([p - 1 for p in points], points)
    assert spans == ([starts[p - 1] for p in points], [ends[p - 1] for p in points])
    # Ends given one past, as a match of a key with a space before it ends.
    shifted = (
        morphology(language)
        .fold(text, keep)
        .spans([p - 1 for p in points], [p + 1 for p in points], past=1)
    )
    assert shifted == spans


# -- renderings in translations --------------------------------------------------------

_HAMZA_SEATS = {HAMZA: f"[{HAMZA}یاو]", "ی": f"[ی{HAMZA}]", "ا": f"[ا{HAMZA}]", "و": f"[و{HAMZA}]"}


def reference_find(language: str, text: str, term: Term) -> list[tuple[int, int]]:
    """Find *term* as the matcher did: one regular expression of its forms, in trie order."""
    morph = morphology(language)
    exact = term.matches_exactly
    if term.treatment == KEEP:
        written = morph.fold(term.text, True).text.strip(" ")
        forms = {written} if written else set()
    else:
        forms = set(morph.forms(term.text, exact))
    if not forms:
        return []
    classes = _HAMZA_SEATS if family(language) == "fa" else {}
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            classes.get(ch, re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    pattern = re.compile(rf"(?<!\w)(?:{build(trie)})(?!\w)")
    if family(language):
        folded, starts, ends = arabic_script.fold(text, language, exact)
        return [(starts[m.start()], ends[m.end() - 1]) for m in pattern.finditer(folded)]
    latin = reference_fold_latin(text, exact)
    return [latin.span(*m.span()) for m in pattern.finditer(latin.text)]


PERSIAN_WORDS = [
    "شورا", "شوراها", "شورای", "شوراهای", "شورا‌ها", "شورا ها", "کارگر", "کارگران", "کارگری",
    "کارگرانش", "کمیته", "کمیته‌ی", "کمیتهٔ", "کمیته‌های", "اعتصاب", "اعتصابات", "اعتصابی",
    "هیئت", "هیأت", "هیات", "رئیس", "رییس", "مسئول", "مسؤول", "آزادی", "ازادی", "آزاد",
    "ضد", "سرمایه‌داری", "ضدسرمایه‌داری", "آمریکا", "امریکا", "عمومی", "عمومیِ", "شركت",
    "واحد", "هفت", "تپه", "هفت‌تپه", "زن", "زندگی", "و", "در", "را", "۴۰۰۰", "IRGC", "irgc",
]  # fmt: skip
PERSIAN_TERMS = [
    "شورا", "شورای کارگری", "کارگر", "کمیته اعتصاب", "اعتصاب", "اعتصاب عمومی", "هیئت",
    "رییس", "مسئول", "آزادی", "آزاد", "ضد سرمایه‌داری", "امریکا", "شرکت واحد", "هفت‌تپه",
    "زن، زندگی، آزادی", "هیئت مدیره",
]  # fmt: skip
GAPS = [" ", " ", " ", "\u200c", "، ", ". ", "\n", "\n\n", " «", "» ", "-"]


def persian_terms() -> st.SearchStrategy[Term]:
    plain = st.builds(lambda t: Term(t, "fa"), st.sampled_from(PERSIAN_TERMS))
    kept = st.builds(
        lambda t, case: Term(t, "fa", treatment=KEEP, case_sensitive=case),
        st.sampled_from(["IRGC", "هیئت", "شورای کارگری"]),
        st.booleans(),
    )
    return plain | kept


@SETTINGS
@given(
    st.lists(st.tuples(st.sampled_from(PERSIAN_WORDS), st.sampled_from(GAPS)), max_size=14),
    st.lists(persian_terms(), min_size=1, max_size=4, unique=True),
)
def test_target_matcher_agrees_with_one_regular_expression_per_term(words, terms):
    text = "".join(word + gap for word, gap in words)
    found = TargetMatcher("fa").find_many(text, terms)
    for term in terms:
        assert found[term] == reference_find("fa", text, term), term


LATIN_WORDS = [
    "Rat", "Räte", "Räten", "Arbeiterrat", "council", "councils", "council's", "councils'",
    "workers'", "workers", "Streik", "Generalstreiks", "strike", "IRGC", "irgc", "the",
]  # fmt: skip
LATIN_GAPS = [" ", " ", "-", ", ", "\n", "’s ", "’ ", " ‘"]


@SETTINGS
@given(
    st.sampled_from(["de", "en", "fr"]),
    st.lists(st.tuples(st.sampled_from(LATIN_WORDS), st.sampled_from(LATIN_GAPS)), max_size=12),
    st.lists(
        st.builds(
            lambda t, keep, case: Term(
                t, "xx", treatment=KEEP if keep else TRANSLATE, case_sensitive=case
            ),
            st.sampled_from(
                ["Rat", "council", "workers' council", "strike", "IRGC", "Arbeiterrat"]
            ),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=3,
        unique=True,
    ),
)
def test_target_matcher_agrees_in_latin_languages(language, words, terms):
    text = "".join(word + gap for word, gap in words)
    terms = [
        Term(t.text, language, treatment=t.treatment, case_sensitive=t.case_sensitive)
        for t in terms
    ]
    found = TargetMatcher(language).find_many(text, terms)
    for term in terms:
        assert found[term] == reference_find(language, text, term), term


# -- terms in the source -----------------------------------------------------------------


def reference_hits(concepts: list[Concept], text: str) -> list[tuple[int, int, str, str]]:
    """Every match of every key, then the leftmost-longest of those that hold their case."""
    morph = morphology("en")
    folded = reference_fold_latin(text)
    found = []
    for concept in concepts:
        for term in concept.terms:
            for form in morph.forms(term.text, False):
                for key in (form, form + "'") if form[-1] in "sS" else (form,):
                    for m in re.finditer(rf"(?<![^ ]){re.escape(key)}(?![^ ])", folded.text):
                        stop = m.end() - (1 if key.endswith("'") else 0)
                        a, b = folded.span(m.start(), stop)
                        if term.case_sensitive:
                            written = text[a:b]
                            if not written.isalnum():
                                written = fold_latin(written, True).text.strip(" ")
                            if written not in morph.forms(term.text, True):
                                continue
                        found.append((m.start(), m.end(), a, b, concept.id))
    longest: dict[int, int] = {}
    for start, end, *_ in found:
        longest[start] = max(end, longest.get(start, 0))
    chosen, reached = set(), 0
    for start in sorted(longest):
        if start >= reached:
            chosen.add((start, longest[start]))
            reached = longest[start]
    return sorted({(a, b, text[a:b], cid) for s, e, a, b, cid in found if (s, e) in chosen})


ENGLISH = [
    ("US", True), ("us", False), ("US Army", True), ("art", False), ("artists", False),
    ("general strike", False), ("strike", False), ("strike committee", False), ("IRGC", True),
    ("workers' council", False), ("council", False), ("Woman, Life, Freedom", False),
    ("new york", False), ("New", True),
]  # fmt: skip
ENGLISH_WORDS = [
    "us", "US", "Us", "army", "Army", "art", "artist", "artists", "strikers", "general",
    "General", "strike", "strikes", "committee", "IRGC", "irgc", "IRGCs", "workers", "workers'",
    "council", "councils", "woman", "life", "freedom", "new", "New", "york", "yorker", "the",
]  # fmt: skip
ENGLISH_GAPS = [" ", " ", " ", "-", ", ", ". ", "\n", "\n\n", "’s ", "’ ", " ‘", "  "]


@SETTINGS
@given(
    st.lists(st.sampled_from(ENGLISH), min_size=1, max_size=6),
    st.lists(st.tuples(st.sampled_from(ENGLISH_WORDS), st.sampled_from(ENGLISH_GAPS)), max_size=16),
)
def test_source_matcher_agrees_with_every_match_then_leftmost_longest(glossary, words):
    concepts = [
        Concept(f"c{i}", (Term(text, "en", case_sensitive=case),))
        for i, (text, case) in enumerate(glossary)
    ]
    text = "".join(word + gap for word, gap in words)
    hits = SourceMatcher(concepts, "en").find(text)
    assert sorted((h.start, h.end, h.text, h.concept_id) for h in hits) == reference_hits(
        concepts, text
    )
