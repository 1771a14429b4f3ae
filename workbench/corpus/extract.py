"""Term extraction: candidates for the glossary, ranked by what a translator must decide.

A candidate is a slogan or chant, an acronym, a borrowed or transliterated
word, a name (of a person, a place, an organisation), a term of the domain,
or a recurring phrase or word. Candidates are ranked by termhood, not by
frequency: "strike committees" is a term, "the workers" is not, and the
slogans, the acronyms, the borrowed words and the contested words come
first, since every one of them needs a decision (chanted in the original
wording? kept in Latin letters? transliterated? the movement's word or the
state's?).

The method:

1. Slogans are found by how English reports them (:mod:`workbench.corpus.slogans`):
   quoted after a word for chanting, beginning as slogans do ("Death to"),
   or repeated ("Woman, Life, Freedom"). One slogan gathers its plurals and
   its other wordings ("Women, Life, Freedom", the hashtag
   Woman_Life_Freedom, a phrase that is the slogan said plainly).
2. Word runs are counted as candidates (:mod:`workbench.corpus.phrases`):
   no candidate begins or ends with a function word, names may hold
   "of", "the", "and" and "for", spellings and plurals are gathered. Two
   words joined by "and" are a pair only if they agree in number
   ("workers and laborers", not "protests and threaten", where the second
   is a verb), and not when the pair always heads an "of" ("the advance and
   victory of the movement"). An adjective or a participle used as a noun
   is a candidate with its article ("the oppressed", "the unemployed"), and
   so is a term of the domain's vocabulary that holds a function word
   ("abolition of the death penalty"). Ways of writing one term that the
   counting keeps apart ("Worker Organizations", "workers’ organizations")
   are then one candidate.
3. Termhood follows the C-value of Frantzi, Ananiadou and Mima (2000): a
   candidate nested in longer candidates counts only the occurrences those
   do not explain. Changes: the occurrences explained are subtracted whole,
   ``f(a) - t(a)``, not averaged over the longer candidates, since with
   single words among the candidates the average lets a word found only
   inside terms ("Islamic" of "Islamic Republic") pass for a term itself;
   but a name found inside two or more different longer names is a name of
   its own (Khuzestan of "Khuzestan Vanguard Socialist Workers' Cell" and
   "Khuzestan Pipe Factory"), and an acronym or a borrowed word is a term
   wherever it stands (the IRGC of "IRGC Intelligence"): nothing is
   subtracted from them. The length factor is ``log2(words + 1)`` so that
   single words score too, and the frequency is taken as ``log2(1 + f)``,
   so that a general word used a hundred times cannot drown a specific one
   used twice. A name is kept whole over its parts: the last word of a
   name used alone ("Pahlavi" for "Reza Pahlavi") and a name cut before its
   head ("Khuzestan’s Vanguard Socialist Workers" for "... Workers’ Cell")
   become ways of writing the whole name, which counts their occurrences.
4. It is weighted by how specific the candidate is to these statements
   against general English, by the word frequencies of :mod:`workbench.lang.lexicon`
   (the ``wordfreq`` tables): a word scores by its keyness, how much more
   often the statements use it than general English does (``log10`` of the
   ratio, from 1 up); a phrase by the commonest of its words and by how
   often it is used: a phrase of up to three words whose head is the head
   of an organisation (committee, council, union, forces: "strike
   committees", "mutual aid committees") weighs more, and is proposed from
   one occurrence fewer. A phrase used once, or a name with common words
   around it ("US imperialism"), explains none of the candidates inside
   it. A phrase that ends in a verb form (-ing, -ed of a common verb:
   "continue reading"), that puts a lower-case word before a name ("attack
   Iran", "want Pahlavi back": the name is the term), or that begins with
   a word that grades, judges or dates (``data/en-free-modifiers.txt``:
   "urgent necessity", "severe repression") weighs less, and so does a
   single word built as an adjective (-ic, -ous, -ive: "decisive",
   "systemic") or one of those modifiers ("resolute", "broader"), while a
   word of doctrine (-ism, -ists) or a word for who does or suffers
   something (-er, -ee: protesters, detainees) weighs more.
5. The domain's vocabulary (:mod:`workbench.lang.domain`: the words of the
   labour movement, politics, protest and repression a collective settles
   once) is product knowledge, never the project's glossary: a term of it
   is proposed from its first occurrence, weighs as a name, and adds
   :data:`DOMAIN` to its score, as does a name with a word English hardly
   uses (it must be transliterated: Khamenei, Shavardi); a contested term
   of it (rioter, the fallen, regime: the state and the movement name the
   thing differently) ranks with the borrowed words. Without a vocabulary
   (:data:`workbench.lang.domain.NONE`) the statements and general English
   alone rank the candidates.
6. Kinds come first: slogans, then acronyms, then borrowed and contested
   words, then everything else by its score; within a kind, by score.

Kinds: a *slogan* is found as said above. An *acronym* is a word of 2 to 6
capitals (IRGC, ILNA, HEPCO). A *name* is capitalised in every occurrence,
and at least once where a capital proves something (not at the start of a
sentence or on a title-case line), unless its first word is rare in
English anyway (Arak); an *organisation* is a name whose head noun is one
of ``data/en-organisation-heads.txt`` (party, council, committee, union,
company...). A word that names the people of a name in the same statements
(Iranian, Iranians for Iran) is a name of little weight. A *foreign* word
is rare in general English and either looks transliterated (diacritics,
unless English has the word without them: clichés; letter groups English
rarely has: aa, kh, zh, gh, q without u, j before a consonant or at the
end, a final i after a consonant: Bazaari, Basij, Majlis) or is written in
lower case without English word-building (no -tion, -ism, -ing, un-, no
compound of two English words: toman; a rare plural is judged by its
singular: tomans). Slogans, acronyms, names, foreign words and the terms
of the vocabulary are proposed from their first occurrence; phrases and
words need *min_count*, a phrase on the head of an organisation one fewer
(puppet unions, mutual aid committees).

Limits: borrowed words that English has taken in (hijab, shah, mafia,
ayatollah) are English words by their frequency, so they compete as
words unless the vocabulary holds them; no part-of-speech tagging, so
"killed protesters" is as good a phrase as "hunger strike" when both recur,
and "the oppressed rise" (a verb not in -ed after the participle) is not
taken for a noun; a rare English word that builds like no other (knob,
saboteurs) can pass for a foreign one; a name written only at the starts
of sentences or on title-case lines looks like a common word if English
has it; a common word that is a term here but not in the vocabulary
competes with the general words around it on frequency alone; the
vocabulary matches a word in every sense (a strike, to strike).
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.corpus import slogans as sl
from workbench.corpus.concordance import Line, kwic, newlines_of
from workbench.corpus.phrases import (
    NAME_JOINERS,
    PLACES,
    Stats,
    count,
    fixed,
    nominalised,
    normalise,
)
from workbench.corpus.phrases import tokens as tokens_of
from workbench.corpus.phrases import written as add_written
from workbench.lang import domain, lexicon
from workbench.lang.wordlists import words as word_list
from workbench.project import Project, read_statement
from workbench.terms.matcher import matcher_for
from workbench.terms.source import SourceMatcher

SLOGAN = "slogan"
ACRONYM = "acronym"
FOREIGN = "foreign"
NAME = "name"
ORGANISATION = "organisation"
PHRASE = "phrase"
WORD = "word"
#: The kinds, in the order they are ranked.
KINDS = (SLOGAN, ACRONYM, FOREIGN, NAME, ORGANISATION, PHRASE, WORD)
#: Kinds proposed from their first occurrence.
NAMED = (SLOGAN, ACRONYM, FOREIGN, NAME, ORGANISATION)
#: What each kind adds to its score: the kinds every occurrence of which needs a decision first.
PRIORITY = {SLOGAN: 9.0, ACRONYM: 8.0, FOREIGN: 7.0}

_TRANSLITERATED = re.compile(
    r"aa|kh|zh|^gh|[^aeiouns]gh|q(?!u)|j(?![aeiouy])|[^aeiouy]i$|[^a-z'’-]", re.IGNORECASE
)
_ADJECTIVE = ("ic", "ical", "ous", "ive", "ful", "less", "able", "ible", "ant", "ent", "ary")
#: The weight of a name used once: every recurring term of the domain comes before it.
ONCE = 0.75
#: What a term of the domain's vocabulary, or a name to transliterate, adds to its score.
DOMAIN = 1.0
#: What a contested term of the vocabulary adds: it comes with the borrowed words.
CONTESTED = PRIORITY[FOREIGN] - 1.0
#: The weight of an adjective or a participle used as a noun (the oppressed, the unemployed).
NOMINAL = 1.0
_DOCTRINE = ("ism", "ists")
_AGENT = ("ers", "er", "ees", "ee")
_FREE = "en-free-modifiers.txt"
# A possessive at the end of a candidate as written: regime’s, workers’ (the s stays).
_POSSESSIVE_END = re.compile(r"(?:['’ʼ]s|(s)['’ʼ])\Z")
_DEMONYM = ("ian", "ians", "i", "is", "ese", "ish", "an", "ans")
# A word English uses this often (Zipf) is common enough that its rarity proves nothing.
_RARE = 3.0


@dataclass(frozen=True)
class Candidate:
    """A proposed glossary term, with its evidence."""

    term: str  # the commonest way it is written
    count: int
    variants: tuple[tuple[str, int], ...]  # every way it is written, with its count
    kind: str
    score: float
    concept: str | None = None  # the glossary concept it already is, if any
    contexts: tuple[Line, ...] = ()

    @property
    def known(self) -> bool:
        return self.concept is not None

    def as_dict(self) -> dict[str, Any]:
        """Return the candidate in the JSON shape of ``workbench glossary extract``."""
        return {
            "term": self.term,
            "count": self.count,
            "variants": [text for text, _ in self.variants],
            "known": self.known,
            "concept": self.concept,
            "kind": self.kind,
            "score": round(self.score, 3),
            "contexts": [
                {"statement": c.statement, "line": c.line, "left": c.left, "match": c.match,
                 "right": c.right}
                for c in self.contexts
            ],
        }  # fmt: skip


def extract(
    project: Project,
    *,
    top: int | None = 50,
    min_count: int = 2,
    contexts: int = 2,
    width: int = 40,
) -> list[Candidate]:
    """Return term candidates from the project's statements, best first."""

    statements = project.require_statements()
    texts = [(s.id, read_statement(project, s)) for s in statements]
    _glossary, matcher = matcher_for(project)
    return candidates(
        texts, matcher=matcher, top=top, min_count=min_count, contexts=contexts, width=width
    )


def candidates(
    texts: Sequence[tuple[str, str]],
    *,
    matcher: SourceMatcher | None = None,
    top: int | None = 50,
    min_count: int = 2,
    contexts: int = 2,
    width: int = 40,
    vocabulary: domain.Vocabulary | None = None,
) -> list[Candidate]:
    """Return the term candidates of *texts* (statement id, text), best first.

    With *matcher* (the glossary's), candidates the glossary already has are
    marked with their concept id. The ranking never depends on the glossary.
    *vocabulary* holds the terms of the domain (by default,
    :func:`workbench.lang.domain.vocabulary`; :data:`workbench.lang.domain.NONE`
    an empty set ranks by the statements and general English alone).
    """
    if vocabulary is None:
        vocabulary = domain.vocabulary()
    raw = [text for _, text in texts]
    tokens = [tokens_of(text) for text in raw]
    normalise(tokens)
    stats = count(tokens, raw)
    nouns = frozenset(term[4:] for term in vocabulary.terms if term.startswith("the "))
    nominalised(tokens, raw, stats, nouns, domain.fold)
    fixed(tokens, raw, stats, _fixed_phrases(vocabulary), domain.fold)
    total = sum(1 for ts in tokens for t in ts if t is not None) or 1
    heads = _heads(stats)
    names = {key for key, s in stats.items() if _name(key, s)}
    kinds = {key: _kind(key, s, names) for key, s in stats.items()}
    listed = {key for key, s in stats.items() if _folded(s) in vocabulary} if vocabulary else set()
    contested = {key for key in listed if _folded(stats[key]) in vocabulary.contested}
    kept = {
        key: s
        for key, s in stats.items()
        if (
            s.count >= min_count
            or kinds[key] in NAMED
            or key in listed
            or _headed(s)
            and s.count >= min_count - 1
        )
        # "and" joins the words of an organisation's name, or a pair of words;
        # two names joined by it (Israel and the US) are two names.
        and not (s.joined and kinds[key] == NAME)
        # A pair that always heads an "of" (the advance and victory of the movement).
        and not (_pair(s) and s.before_of == s.count and key not in listed)
    }
    for s in kept.values():
        add_written(s, texts)
    _gather(kept, kinds)
    found = _slogans(texts)
    inside = {k for key in found for k in _inside_slogan(key)}
    own, within = _own(kept, kinds, names, listed)
    shown: dict[str, str] = {}
    for part, whole in _parts_of_names(kept, kinds, own, within).items():
        shown.setdefault(whole, _term(kept[whole], kinds[whole]))
        _merge(kept, own, part, whole, texts)
    said = [place for s in found.values() for place in s.places]
    for key, s in list(kept.items()):
        # A phrase or a name written as a slogan is said (Woman_Life_Freedom, Long live freedom),
        # but not where it is part of a longer slogan (Long Live Freedom, Long Live Socialism).
        slogan = "slogan: " + sl.key(domain.fold_words([p[0] for p in s.parts]))
        if slogan in found:
            s.places = [q for q in s.places if not any(_within(q, place) for place in said)]
            kept[slogan], own[slogan] = found[slogan], float(found[slogan].count)
            _merge(kept, own, key, slogan, texts)
            found[slogan] = kept.pop(slogan)
    scores = _scores(kept, kinds, heads, total, own, inside, listed, contested)
    for key, s in found.items():
        kept[key], kinds[key] = s, SLOGAN
        scores[key] = PRIORITY[SLOGAN] + math.log2(1 + s.count)
    ranked = sorted(
        (key for key, score in scores.items() if score > 0),
        key=lambda k: (-scores[k], KINDS.index(kinds[k]), -kept[k].count, k),
    )
    if top:
        ranked = ranked[:top]
    newlines: dict[int, list[int]] = {}
    out = []
    for key in ranked:
        s = kept[key]
        variants = tuple(s.surfaces.most_common())
        lines = []
        for index, start, end, _ in s.places[:contexts]:
            statement, text = texts[index]
            if index not in newlines:
                newlines[index] = newlines_of(text)
            left, match, right = kwic(text, start, end, width)
            line = bisect.bisect_left(newlines[index], start) + 1
            lines.append(Line(statement, line, start, end, left, match, right))
        out.append(
            Candidate(
                shown.get(key) or _term(s, kinds[key]),
                s.count,
                variants,
                kinds[key],
                scores[key],
                _concept(matcher, variants) if matcher is not None else None,
                tuple(lines),
            )
        )
    return out


def _slogans(texts: Sequence[tuple[str, str]]) -> dict[str, Stats]:
    """Return the slogans of *texts* as candidates, by their keys.

    One slogan gathers the ways it is written, and its plurals: "Women, Life,
    Freedom" is "Woman, Life, Freedom" said once more.
    """
    found: dict[str, Stats] = {}
    for index, (_, text) in enumerate(texts):
        for slogan in sl.slogans(text):
            key = "slogan: " + sl.key(domain.fold(slogan.text))
            s = found.setdefault(key, Stats(acronym=False))
            s.count += 1
            s.surfaces[slogan.text] += 1
            s.written[slogan.text] += 1
            if len(s.places) < PLACES:
                s.places.append((index, slogan.start, slogan.end, True))
    return found


def _gather(stats: dict[str, Stats], kinds: dict[str, str]) -> None:
    """Make one candidate of the ways of writing one term that counting kept apart.

    Counting folds the plural of the last word only; "Worker Organizations"
    and "workers’ organizations", or "woman movement" and "women’s movement",
    are one term: the commoner way of writing it takes the other in.
    """
    first: dict[str, str] = {}
    for key in sorted(stats, key=lambda k: (-stats[k].count, k)):
        if kinds[key] in (ACRONYM, SLOGAN):
            continue
        s = stats[key]
        folded = domain.fold_words([p[0] for p in s.parts])
        if s.nominal:
            folded = "nominal: " + folded  # the masses are not masses
        whole = first.setdefault(folded, key)
        if whole == key:
            continue
        w = stats[whole]
        w.count += s.count
        w.surfaces.update(s.surfaces)
        w.written.update(s.written)
        w.places.extend(s.places[: max(0, PLACES - len(w.places))])
        w.lower, w.proven = w.lower or s.lower, w.proven or s.proven
        w.before_of += s.before_of
        del stats[key]


def _fixed_phrases(vocabulary: domain.Vocabulary) -> list[tuple[str, ...]]:
    """Return the terms of *vocabulary* that hold a function word other than "of"."""
    out = []
    for term in vocabulary.terms:
        words = term.split()
        if words[0] != "the" and any(
            w != "of" and lexicon.is_function_word(w) for w in words[1:-1]
        ):
            out.append(tuple(words))
    return out


def _within(place: tuple[int, int, int, bool], outer: tuple[int, int, int, bool]) -> bool:
    """Tell whether an occurrence lies within another (same statement, inside its span)."""
    return place[0] == outer[0] and outer[1] <= place[1] and place[2] <= outer[2]


def _merge(
    stats: dict[str, Stats],
    own: dict[str, float],
    part: str,
    whole: str,
    texts: Sequence[tuple[str, str]],
) -> None:
    """Make the candidate *part* one of the ways *whole* is written, with what it adds."""
    p, w = stats.pop(part), stats[whole]
    extra = max(own.pop(part, 0.0), 0.0)

    outside = [place for place in p.places if not any(_within(place, q) for q in w.places)]
    if p.count <= PLACES:
        extra = float(len(outside))  # every occurrence has its place: count them
    for index, start, end, within in outside:
        surface = " ".join(texts[index][1][start:end].split())
        w.surfaces[surface] += 1
        if within:
            w.written[surface] += 1
    w.places.extend(outside[: max(0, PLACES - len(w.places))])
    w.count += round(extra)
    own[whole] = own.get(whole, 0.0) + extra


# -- kinds and scores ----------------------------------------------------------


def _name(key: str, s: Stats) -> bool:
    words = key.split(" ")
    return not s.acronym and not s.lower and (s.proven or lexicon.zipf(words[0]) < _RARE)


def _kind(key: str, s: Stats, names: set[str]) -> str:
    words = key.split(" ")
    if s.acronym:
        return ACRONYM
    if len(words) == 1 and len(key) > 2 and _foreign(key, s):
        return FOREIGN
    if key in names:
        return ORGANISATION if len(words) > 1 and _organisation(s) else NAME
    return PHRASE if len(words) > 1 else WORD


def _organisation(s: Stats) -> bool:
    heads = word_list("en-organisation-heads.txt")
    keys = [p[0] for p in s.parts]
    if keys[-1] in heads or s.parts[-1][1] in heads:
        return True
    return any(k in heads and nxt in ("of", "for") for k, nxt in zip(keys, keys[1:], strict=False))


def _foreign(word: str, s: Stats) -> bool:
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    if plain != word and lexicon.commonness(plain) >= lexicon.BANDS[2]:
        return False  # English took it in long ago, accents and all: clichés, régime
    # A rare plural is judged by its singular: "tomans" is no compound of "tom" and "ans".
    plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
    rare_plural = plural and lexicon.commonness(word) < lexicon.BANDS[2]
    if (
        lexicon.band(word) != 0
        and not (rare_plural and lexicon.band(word[:-1]) == 0)
        and not (
            lexicon.commonness(word) < _RARE + 0.9 and _TRANSLITERATED.search(word) and s.lower
        )
    ):
        return False
    if _TRANSLITERATED.search(word):
        # A capitalised transliteration is a name (Khamenei) unless it is used
        # as a common noun: in lower case, or in the plural (Bazaaris).
        return s.lower or word.endswith("s") and bool(_TRANSLITERATED.search(word[:-1]))
    return s.lower


def _folded(s: Stats) -> str:
    """Return the key under which the candidate is looked up in the domain's vocabulary."""
    words = [p[0] for p in s.parts]
    if s.nominal:
        return domain.fold_words(words)  # the masses
    return domain.fold_words([*words[:-1], s.parts[-1][1]])


def _transliterated(s: Stats) -> bool:
    """Tell whether a name has a word English hardly uses: it must be transliterated (Khamenei)."""
    return any(lexicon.zipf(p[0]) < _RARE for p in s.parts if p[0] not in NAME_JOINERS)


def _pair(s: Stats) -> bool:
    """Tell whether the candidate is two lower-case words joined by "and" (workers and laborers)."""
    return s.joined and s.lower and len(s.parts) == 3 and s.parts[1][0] == "and"


def _headed(s: Stats) -> bool:
    """Tell whether a lower-case phrase of up to three words names a body (puppet unions).

    Its head, the last word or the word before "of" ("affairs of workers'
    organizations" is about affairs), is the head of an organisation.
    """
    if not s.lower or not 1 < s.words <= 3:
        return False
    keys = [p[0] for p in s.parts]
    if "of" in keys:
        return False  # its head is the word before "of", and that begins it: no body
    return s.parts[-1][1] in word_list("en-organisation-heads.txt")


def _heads(stats: dict[str, Stats]) -> Counter:
    """Count, for each word, the different lower-case phrases it ends (their head)."""
    heads: Counter = Counter()
    for s in stats.values():
        if len(s.parts) > 1 and s.lower and not s.joined:
            heads[s.parts[-1][1]] += 1
    return heads


def _mixed(s: Stats, names: set[str]) -> bool:
    """Tell whether a lower-case phrase holds a name or an acronym (attack Iran, US imperialism)."""
    return s.lower and any(part[0] in names or part[0].isupper() for part in s.parts)


def _keyness(word: str, count: int, total: int) -> float:
    """Return log10 of how much more often the statements use *word* than English does."""
    expected = 10 ** (lexicon.commonness(word) - 9)
    return math.log10(count / total) - math.log10(max(expected, 1e-9))


def _weight(key: str, s: Stats, kind: str, heads: Counter, total: int, names: set[str]) -> float:
    if kind in (ACRONYM, FOREIGN, ORGANISATION):
        return 1.0
    words = [part[0] for part in s.parts if part[0] not in NAME_JOINERS]
    if kind == NAME:
        word = words[0]
        if len(words) == 1 and any(
            word.endswith(end) and word[: -len(end)] + tail in names
            for end in _DEMONYM
            for tail in ("", "a", "e")
        ):
            return 0.2  # Iranian, Iranians: the people of a name
        return 1.0 if s.count > 1 else ONCE
    if len(words) == 1:
        word = words[0]
        weight = min(0.5, max(0.05, (_keyness(word, s.count, total) - 1.0) / 3.0))
        if word.endswith(_DOCTRINE):
            weight *= 2.0  # imperialism, monarchists, reformists: the politics of the texts
        elif any(word.endswith(end) and lexicon.zipf(word[: -len(end)]) >= _RARE
                 for end in _AGENT) and lexicon.commonness(word) < 4.5:  # fmt: skip
            weight *= 1.5  # protesters, rioters, detainees: who does or suffers it
        elif word.endswith(_ADJECTIVE):
            weight *= 0.4
        if word in word_list(_FREE):
            weight *= 0.2  # decisive, resolute, broader: they grade, they name nothing
    else:
        common = max(lexicon.commonness(w) for w in words)
        weight = min(1.0, max(0.4, (6.5 - common) / 3.0))
        if _headed(s):
            weight *= 1.5  # strike committees, workers' councils, puppet unions
        if _mixed(s, names):
            weight *= 0.3  # attack Iran, US imperialism: the name is the term
        if s.parts[-1][0].endswith(_ADJECTIVE):
            weight *= 0.3  # regime's systemic: a term ends in a noun
        if s.lower and s.parts[0][0] in word_list(_FREE):
            weight *= 0.2  # urgent necessity, severe repression: a free combination
    last = s.parts[-1][0]
    if last.endswith(("ing", "ed")) and any(lexicon.listed(b) for b in lexicon.bases(last)[1:]):
        weight *= 0.5  # a verb form (continue reading, killed): rarely what a term ends in
    return weight


def _inside_slogan(key: str) -> Iterable[str]:
    """Yield the word runs of a slogan's key, as candidate keys (singular last word)."""
    words = key.removeprefix("slogan: ").split()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + 4) + 1):
            run = words[i:j]
            yield " ".join([*run[:-1], run[-1].removesuffix("s")])
            yield " ".join(run)


def _own(
    stats: dict[str, Stats],
    kinds: dict[str, str],
    names: set[str],
    listed: set[str],
) -> tuple[dict[str, float], dict[str, set[str]]]:
    """Return each candidate's own occurrences (C-value, see above) and what holds it."""
    nested: dict[str, float] = {}
    within: dict[str, set[str]] = {}
    own: dict[str, float] = {}
    for key in sorted(stats, key=lambda k: (-stats[k].words, -len(stats[k].parts))):
        s = stats[key]
        # An acronym or a foreign word is a term wherever it stands (IRGC Intelligence),
        # and so is a name that two different longer names hold.
        exempt = kinds[key] in (ACRONYM, FOREIGN) or (
            kinds[key] == NAME
            and s.words == 1
            and lexicon.zipf(key) < _RARE
            and len(within.get(key, ())) >= 2
        )
        own[key] = s.count - (0.0 if exempt else nested.get(key, 0.0))
        if kinds[key] in (PHRASE, WORD) and key not in listed and (s.count < 2 or _mixed(s, names)):
            # A phrase used once, or a name with words around it, explains
            # none of the phrases inside it, unless the domain has it.
            continue
        if own[key] <= 0:
            continue  # all its occurrences are a longer candidate's: it explains nothing more
        for sub in _nested(s.parts):
            if sub in stats:
                nested[sub] = nested.get(sub, 0.0) + own[key]
                within.setdefault(sub, set()).add(key)
    return own, within


def _parts_of_names(
    stats: dict[str, Stats],
    kinds: dict[str, str],
    own: dict[str, float],
    within: dict[str, set[str]],
) -> dict[str, str]:
    """Return the names that are part of one longer name, with the name they are part of.

    A name is kept whole over its parts: the last word of a name of two to four
    words, used alone, names the same (Pahlavi for Reza Pahlavi, Shavardi for
    Mohammad Shavardi) when it is rare in English or used no more often than
    the whole name; and a name that begins a longer name and is mostly found
    inside it is that name cut before its head ("Khuzestan Vanguard Socialist
    Workers" of "... Workers' Cell").
    """
    out: dict[str, str] = {}
    heads: dict[str, list[str]] = {}
    for key, s in stats.items():
        if kinds[key] == NAME and 2 <= s.words <= 4 and not s.joined:
            heads.setdefault(s.parts[-1][1], []).append(key)
    for part, wholes in heads.items():
        if part in stats and kinds[part] == NAME and own.get(part, 0) > 0 and len(wholes) == 1:
            (whole,) = wholes
            if lexicon.zipf(part) < _RARE or own[part] <= stats[whole].count:
                out[part] = whole
    for key, s in stats.items():
        if kinds[key] != NAME or s.words < 2 or key in out or own.get(key, 0) <= 0:
            continue
        words = [p[0] for p in s.parts]
        longer = [
            whole
            for whole in within.get(key, ())
            if kinds[whole] in (NAME, ORGANISATION)
            and [p[0] for p in stats[whole].parts[: len(words)]] == words
        ]
        if len(longer) == 1 and 2 * stats[longer[0]].count >= s.count:
            out[key] = longer[0]
    # A whole that is itself a part goes on to the name it is part of.
    return {part: _outermost(whole, out) for part, whole in out.items() if whole not in (part,)}


def _outermost(key: str, parts: dict[str, str]) -> str:
    seen = {key}
    while key in parts and parts[key] not in seen:
        key = parts[key]
        seen.add(key)
    return key


def _scores(
    stats: dict[str, Stats],
    kinds: dict[str, str],
    heads: Counter,
    total: int,
    own: dict[str, float],
    slogan_words: set[str],
    listed: set[str],
    contested: set[str],
) -> dict[str, float]:
    """Return each candidate's termhood: its own occurrences (C-value) times its weight."""
    names = {key for key, kind in kinds.items() if kind in (NAME, ORGANISATION)}
    scores = {}
    for key, s in stats.items():
        f = own[key]
        if f <= 0:
            scores[key] = 0.0
            continue
        kind = kinds[key]
        if key in listed:
            weight = 1.5 if _headed(s) else 1.0  # neighbourhood councils, puppet unions
        elif s.nominal:
            weight = NOMINAL
        else:
            weight = _weight(key, s, kind, heads, total, names)
            if key in slogan_words and kind in (PHRASE, WORD):
                weight *= 1.5  # the words of the slogans: council governance, supreme leader
        bonus = PRIORITY.get(kind, 0.0)
        if key in contested:
            bonus = max(bonus, CONTESTED)
        elif key in listed or kind == NAME and _transliterated(s):
            bonus += DOMAIN
        scores[key] = math.log2(s.words + 1) * math.log2(1 + f) * weight + bonus
    return scores


def _nested(parts: tuple[tuple[str, str, bool, bool], ...]) -> Iterable[str]:
    """Yield the keys of the candidates inside the candidate made of *parts*."""
    n = len(parts)
    seen = set()
    for i in range(n):
        if parts[i][3]:
            continue
        for j in range(i + 1, n + 1):
            if (i, j) == (0, n) or parts[j - 1][2]:
                continue
            key = " ".join([p[0] for p in parts[i : j - 1]] + [parts[j - 1][1]])
            if key not in seen:
                seen.add(key)
                yield key


def _term(s: Stats, kind: str) -> str:
    """Return how to show a candidate: as written within sentences, lower case first.

    A possessive ending goes: "clerical regime’s" is shown "clerical regime".
    """
    shown = _written_as(s, kind)
    if kind == SLOGAN:
        return shown
    return _POSSESSIVE_END.sub(lambda m: m.group(1) or "", shown)


def _written_as(s: Stats, kind: str) -> str:
    if kind not in (ACRONYM, NAME, ORGANISATION, SLOGAN):
        lower = [(n, -len(text), text) for text, n in s.surfaces.items() if text[:1].islower()]
        if lower:
            return max(lower)[2]
    if s.written:
        return s.written.most_common(1)[0][0]
    best = s.surfaces.most_common(1)[0][0]
    first, *rest = best.split(" ")
    if (
        kind in (ACRONYM, NAME, ORGANISATION)
        or first[1:2].isupper()
        or not lexicon.band(first)
        or any(word[:1].isupper() for word in rest)
    ):
        return best  # an acronym, a name, a title: US imperialism, Arak workers, Class Autonomy
    return best[:1].lower() + best[1:]


def _concept(matcher: SourceMatcher, variants: tuple[tuple[str, int], ...]) -> str | None:
    for text, _ in variants:
        for hit in matcher.find(text):
            if hit.start == 0 and hit.end == len(text):
                return hit.concept_id
    return None
