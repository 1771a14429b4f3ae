"""General English: function words and how common a word is, for telling terms from words.

Term extraction (:mod:`workbench.corpus.extract`) needs to know which words every
English text uses:

- :data:`FUNCTION_WORDS`: articles, pronouns, prepositions, conjunctions,
  auxiliaries and the quantifiers and adverbs that never begin or end a term
  ("the workers", "strike committees of"), from the package's word list
  ``data/en-function-words.txt``.
- :func:`zipf`: how often a word is used in general English, from the
  ``wordfreq`` package (Speer et al.), whose frequency tables (Wikipedia,
  subtitles, news, books, web text and more, combined) ship inside the
  package and are read offline. The Zipf scale is the base-10 logarithm of
  uses per billion words: 7 for "the", 5 for "council", 3.5 for
  "imperialism", 2 for "toman", 0 for a word it has never seen.
- :func:`band` sorts words into four bands by it: 1 very common (Zipf 4.5 and
  above), 2 common (3.5 and above), 3 less common (2.5 and above, or built
  as English words are: a suffix such as -tion, -ism or -ing, a prefix such
  as un- or counter- on a known word, or two known words run together), and
  0 for a word general English hardly uses: a name, an acronym, a
  transliteration (toman, Bazaari). Inflected forms are looked up by their
  base too (councils, striking, carried).
- :func:`participle`: whether a word is built as a past participle (oppressed,
  fallen, unemployed), for the adjectives used as nouns ("the oppressed").

Limits: a frequency says how common a word is in general English, not in
this sense (a strike, to strike); names that English writes often (Iran,
Trump) are as common as words, so a name is told by its capital letter,
not here; a base form guessed from an inflection can be wrong (news ->
new), which only makes a word look more common than it is.
"""

from __future__ import annotations

import functools

from wordfreq import zipf_frequency

from workbench.lang.wordlists import words

#: Words that never begin or end a term: they only ever join its words.
FUNCTION_WORDS = words("en-function-words.txt")

#: The Zipf frequency from which a lower-case word is taken as an English word as it is.
LISTED = 3.0
#: The Zipf frequency from which a word is in band 1, 2 and 3.
BANDS = (4.5, 3.5, 2.5)

_SUFFIXES = (
    "tion", "sion", "ment", "ness", "ity", "ism", "ist", "ous", "ive", "able", "ible", "al",
    "ic", "ics", "ance", "ence", "ancy", "ency", "ery", "ory", "ary", "ure", "ship", "hood",
    "dom", "less", "ful", "ize", "ise", "yze", "ify", "logy", "graphy", "cracy", "crat", "ant",
    "ent", "ate", "ing", "ed", "er", "or", "ly", "ward", "wise", "like", "age", "ee", "ette",
    "est", "ian", "ique", "tude", "teenth", "ieth",
)  # fmt: skip
_PREFIXES = (
    "un", "re", "dis", "de", "en", "in", "im", "il", "ir", "non", "over", "under", "anti",
    "counter", "self", "mis", "pre", "post", "inter", "sub", "super", "semi", "multi", "co",
    "out", "up",
)  # fmt: skip


@functools.lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    """Return how common *word* is in general English, on the Zipf scale (0 to about 8).

    >>> zipf("the") > zipf("council") > zipf("imperialism") > zipf("toman") > zipf("bazaaris")
    True
    """
    return zipf_frequency(word.lower().replace("\u2019", "'"), "en")


def bases(word: str) -> list[str]:
    """Return *word* and the base forms it may be a regular inflection of.

    >>> bases("parties")
    ['parties', 'party', 'parti', 'partie']
    >>> bases("striking")
    ['striking', 'strik', 'strike']
    """
    out = [word]
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-2], word[:-1]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])  # stopped -> stop
    if word.endswith("ing") and len(word) > 4:
        out += [word[:-3], word[:-3] + "e"]
        if len(word) > 5 and word[-4] == word[-5]:
            out.append(word[:-4])  # running -> run
    return out


@functools.lru_cache(maxsize=100_000)
def commonness(word: str) -> float:
    """Return the Zipf frequency of *word* or of the commonest base it may inflect.

    >>> commonness("councils") == zipf("council")
    True
    """
    low = word.lower()
    return max(zipf(form) for form in bases(low))


def band(word: str) -> int:
    """Return how common an English word is: 1 very, 2 common, 3 less, 0 not English.

    >>> band("councils"), band("regime"), band("knob"), band("toman"), band("tomanless")
    (1, 2, 3, 0, 3)
    """
    common = commonness(word)
    for number, floor in enumerate(BANDS, start=1):
        if common >= floor:
            return number
    low = word.lower()
    return 3 if _built(low, bases(low)) else 0


def _built(word: str, forms: list[str]) -> bool:
    """Tell whether *word* is made as English words are: suffix, prefix or compound."""

    def known(part: str) -> bool:
        return any(zipf(f) >= BANDS[2] for f in bases(part))

    for form in forms:
        if form.endswith(_SUFFIXES):
            return True
        for prefix in _PREFIXES:
            if form.startswith(prefix) and len(form) - len(prefix) > 2:
                if known(form[len(prefix) :]):
                    return True
        for cut in range(3, len(form) - 2):
            if known(form[:cut]) and known(form[cut:]):
                return True
    return False


def listed(word: str) -> bool:
    """Tell whether the lower-case *word* is an English word as it is (not only by a base).

    >>> listed("committee"), listed("toman"), listed("bazaari")
    (True, False, False)
    """
    return zipf(word) >= LISTED


def is_function_word(word: str) -> bool:
    """Tell whether *word* (any case, contractions too) is a function word.

    >>> is_function_word("The"), is_function_word("they’re"), is_function_word("strike")
    (True, True, False)
    """
    low = word.lower().replace("\u2019", "'")
    if low in FUNCTION_WORDS:
        return True
    head, apostrophe, tail = low.partition("'")
    # Contractions: don't, they're, it's, we'll; a possessive (worker's) is no contraction.
    return bool(apostrophe) and (
        tail in ("t", "re", "ve", "ll", "d", "m") or (tail == "s" and head in FUNCTION_WORDS)
    )


def participle(word: str) -> bool:
    """Tell whether *word* is built as the past participle of an English verb.

    It ends in -ed or -en after the form of a verb English uses, or is one with
    un- or dis- before it. Nouns that end so (need, hatred, women, citizen) are not.

    >>> participle("oppressed"), participle("fallen"), participle("unemployed")
    (True, True, True)
    >>> participle("hatred"), participle("women"), participle("speed")
    (False, False, False)
    """
    low = word.lower()
    if low.startswith(("un", "dis")) and participle(low.removeprefix("un").removeprefix("dis")):
        return True
    if len(low) < 5 or low.endswith("eed"):
        return False
    if low.endswith("ed"):
        forms, floor = bases(low)[1:], BANDS[2]
    elif low.endswith("en"):
        # Strong verbs are common ones: fall, take, beat; heaven is no form of heave.
        forms, floor = [low[:-2], low[:-1]], BANDS[1]
        if low[-3] == low[-4]:
            forms.append(low[:-3])  # forgotten -> forgot
    else:
        return False
    return any(len(form) > 2 and zipf(form) >= floor for form in forms)
