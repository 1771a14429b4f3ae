"""Arabic-script folding and word forms: Persian first, then Sorani, Arabic and Urdu.

Folding makes the spellings of one word that real texts mix equal, so a
glossary rendering is found however a translator's keyboard wrote it. It is
what term matching (:mod:`workbench.lang.wordforms`) runs on text in these languages.

Letters (Persian, ``fa``; Dari ``prs`` too):

- ``ي ى`` become ``ی`` and ``ك ڪ`` become ``ک`` (Arabic keyboards).
- ``ۀ ة`` become ``ه`` and the hamza above (U+0654) is dropped, so the ezafe
  spellings ``کمیتهٔ``, ``کمیتۀ`` and ``کمیته`` are one word.
- Every hamza seat, ``ئ أ ؤ``, becomes the one letter ``ء``, so ``هیئت`` and
  ``هیأت``, ``مسئول`` and ``مسؤول`` are one spelling; the matcher of
  translations (:mod:`workbench.terms.target`) also lets that ``ء`` stand
  for the seat letter written without it (``هیات``, ``رییس``, ``تاثیر``)
  and the other way round. At the start of a word ``أ إ ٱ`` are ``ا``
  (``اسلامی``/``إسلامی``).
- ``آ`` at the start of a word becomes ``ا``: ``آمریکا`` and ``امریکا``,
  ``آزادی`` and ``ازادی`` are written both ways; inside a word it stays
  a letter of its own (``قرآن``). ``ا`` followed by a combining madda
  (U+0653) is read as ``آ``.
- Dropped: zero-width non-joiner and joiner, tatweel, harakat
  (U+064B–U+065F, U+0670), Quranic marks, bidi marks, soft hyphens.
  ``شورا‌ها`` (ZWNJ), ``شوراها`` and ``شـورا`` are therefore equal.
- Persian and Arabic-Indic digits become ASCII digits; Latin letters are
  case-folded.
- As in the Latin fold of :mod:`workbench.lang.wordforms`, every character that
  is not part of a word (``، ؛ ؟ « »``, hyphens) becomes a space, a run of
  whitespace within a paragraph one space, and a paragraph break two spaces,
  so punctuation and paragraphs end a term.

Sorani (``ckb``) keeps ``ئ``, ``ە`` and ``ھ``, which are letters there, and
reads ``ة`` and ``ه`` + ZWNJ (the old way of typing it) as ``ە``. Arabic
(``ar``) folds the other way round (``ی``→``ي``, ``ک``→``ك``) and also folds
``آ`` into ``ا``, as Arabic search does. Urdu (``ur``) keeps ``ئ`` and ``ے``
and reads ``ه`` as ``ہ``.

Persian word forms accepted on the head word of a term (the first word:
Persian puts the noun first, ``کمیته‌های اعتصاب`` for ``کمیته اعتصاب``):

- plurals: ``ها`` (also set apart by a ZWNJ or a space, ``شورا ها``);
  ``ان`` after a consonant or ``ی`` (``کارگران``, ``بازاریان``); ``گان`` for
  a silent final ``ه`` (``نمایندگان``); ``یان`` after ``ا``/``و``
  (``دانشجویان``); the Arabic sound plurals ``ات`` and ``ین`` after a
  consonant (``اعتصابات``, ``معلمین``) and ``ات``/``جات`` for a silent
  ``ه`` (``مطالبات``, ``کارخانجات``). Sound plurals are accepted on every
  consonant-final head word, since origin cannot be told from spelling.
- then an ending: ezafe or adjectival ``ی``, ``یی``, ``ای`` (by the final
  letter: ``شورای``, ``کمیته‌ای``, ``کارگری``) and the possessive clitics
  ``م ش مان تان شان`` (``یم``… after a vowel, ``ام``… after a silent ``ه``).
- on a one-word term, the enclitic copula and personal endings too, on the
  word, its ‑ها and its ‑ان plural: ``یم ید ند است`` after a consonant,
  joined or after a ZWNJ with an alef (``اعتصابیم``, ``کارگرند``,
  ``معلم‌اند``, ``کارگرانیم``); ``ییم یید یند ست`` after ``ا``/``و``
  (``دانشجوییم``, ``شوراست``); ``ایم اید اند است`` after a silent ``ه`` or
  ``ی`` (``خسته‌ایم``, ``زندانی‌اند``). ``م`` "I am" and ``ی`` "you are" are
  spelled as the possessive and the indefinite already. A consonant-final
  word of fewer than three letters takes none (``زن`` + ``ند`` is ``زنند``
  "they hit").
- a written ezafe on the first word of a multi-word term is undone first
  (``شورای کارگری`` inflects as ``شوراهای کارگری``); the last word takes
  the ezafe or indefinite ending (``اعتصاب عمومیِ``), or, closing the whole
  group, a copula or possessive of the plural persons or "is"
  (``کمیته اعتصابیم``, ``شوراهای کارگری‌شان``), the head word then bearing
  only its plural (‑ها, ‑ان) and ezafe.
- the parts of a term of up to three parts may be joined with a ZWNJ
  instead of a space (``هفت‌تپه`` for ``هفت تپه``);
- a prefix of ``data/fa-prefixes.txt`` (``ضد``, ``غیر``, ``بی``...) may be
  written joined, with a ZWNJ or apart: ``ضدسرمایه‌داری``,
  ``ضد‌سرمایه‌داری`` and ``ضد سرمایه‌داری`` are one term.

The ‑ی (‑یی after a vowel, ‑ای after a silent ه) is a suffix, an ezafe or
the indefinite article, except where the lexicon
``data/fa-derived-yi.txt`` says the word with it is a word of its own:
an abstract noun (``آزاد`` "free", ``آزادی`` "freedom") or a relational
adjective (``کارگر`` "worker", ``کارگری`` "labour", as in ``جنبش کارگری``).
There the term does not match: ``آزاد`` does not hit ``آزادی``, while
``کارگر`` hits ``کارگران``.

Not accepted: broken plurals (``عمال`` for ``عامل``, ``حقوق``), derived words
(``اعتصابیون``, ``نمایندگی``) and compounds (``اعتصاب‌شکن``): list a broken
plural as an admitted term when a translation should accept it. A ``ه``
after a long vowel (``گروه``, ``سپاه``) is read as a consonant, so ``گروه``
never becomes ``گروگان``. Known limits: a derived word the lexicon does
not list is still taken for a form (add it to the list); a listed one used
as the indefinite ("a worker", ``کارگری``) is missed. ``آزادیم`` is read
as ``آزاد`` + "we are" although it may be ``آزادی`` + "my".

A warning shows one form of a rendering (:func:`example_form`): the plural
of its head, or the ezafe of a word that is a plural already
(``data/fa-plurals.txt`` lists those the spelling does not tell).

Arabic, Sorani and Urdu forms are lighter: Arabic accepts the clitic
prefixes ``و ف ب ل ك`` with the article and the common suffixes; Sorani the
definite, indefinite and plural suffixes; Urdu the plural and oblique
endings on the last word.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

from workbench.lang.wordlists import words

ZWNJ = "\u200c"
#: The one letter every hamza seat of Persian folds to (ئ أ ؤ and a bare ء).
HAMZA = "\u0621"
#: Apostrophes and the letters keyboards type for them; the Latin fold reads all as ``'``.
APOSTROPHES = "\u2019\u2018\u201b\u02bc\u2032\u00b4`"
#: Characters that end a line; two of them end a paragraph.
LINE_BREAKS = "\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"

# Primary language subtag -> the folding and word-form rules used for it.
_FAMILIES = {
    "fa": "fa",
    "prs": "fa",
    "ckb": "ckb",
    "ar": "ar",
    "arb": "ar",
    "arz": "ar",
    "apc": "ar",
    "ajp": "ar",
    "ary": "ar",
    "acm": "ar",
    "ur": "ur",
}

_MADDA = "\u0653"
_MARKS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + [chr(c) for c in range(0x08D3, 0x0900)]
)
_INVISIBLE = "\u200c\u200d\u200e\u200f\u061c\ufeff\u00ad\u0640\u2060"
_DIGITS = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"

_LETTERS = {
    "fa": {
        "ي": "ی", "ى": "ی", "ئ": HAMZA, "ك": "ک", "ڪ": "ک", "ۀ": "ه", "ة": "ه",
        "ھ": "ه", "ہ": "ه", "ۂ": "ه", "ە": "ه", "أ": HAMZA, "إ": "ا", "ٱ": "ا",
        "ؤ": HAMZA,
    },
    "ckb": {
        "ي": "ی", "ى": "ی", "ك": "ک", "ڪ": "ک", "ة": "ە", "ۀ": "ە", "أ": "ا",
        "إ": "ا", "ٱ": "ا",
    },
    "ar": {
        "ی": "ي", "ى": "ي", "ئ": "ي", "ک": "ك", "ڪ": "ك", "ة": "ه", "ۀ": "ه",
        "ھ": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و",
    },
    "ur": {
        "ي": "ی", "ى": "ی", "ك": "ک", "ڪ": "ک", "ه": "ہ", "ۀ": "ہ", "ۂ": "ہ",
        "أ": "ا", "إ": "ا", "ٱ": "ا",
    },
}  # fmt: skip


def _table(family: str) -> dict[str, str]:
    table = dict(_LETTERS[family])
    for i, digit in enumerate(_DIGITS):
        table[digit] = str(i % 10)
    for c in _INVISIBLE:
        table[c] = ""
    for c in _MARKS:
        table[c] = ""
    return table


_TABLES = {family: _table(family) for family in _LETTERS}


def family(language: str) -> str | None:
    """Return the rule family (fa, ckb, ar, ur) used for *language*, if any.

    >>> family("fa_AF"), family("ckb"), family("de")
    ('fa', 'ckb', None)
    """
    return _FAMILIES.get(language.replace("-", "_").split("_")[0].lower())


def fold(text: str, language: str, keep_case: bool = False) -> tuple[str, list[int], list[int]]:
    """Fold *text*; return the folded text and each folded character's original span.

    ``starts[i]`` and ``ends[i]`` are the offsets in *text* that folded
    character ``i`` came from; dropped marks count to the letter before them.
    As in the Latin fold, every character that is not part of a word becomes
    a space, a run of whitespace within a paragraph one space, and a
    paragraph break two.
    """
    fam = family(language) or "fa"
    table = _TABLES[fam]
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    run = False  # the last space came from whitespace, so more whitespace joins it
    breaks = 0  # line breaks in that run
    for i, c in enumerate(text):
        r = table.get(c)
        if r is None:
            o = ord(c)
            if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFE:
                # Presentation forms from old documents: their letters, then folded.
                r = "".join(table.get(x, x) for x in unicodedata.normalize("NFKC", c))
            elif keep_case or 0x0600 <= o < 0x0700:
                r = c
            else:
                r = casefold_char(c)
        if fam == "fa" and r == "آ" and (not out or out[-1] == " "):
            r = "ا"  # آمریکا and امریکا: an alef madda that begins a word is an alef
        if fam == "fa" and r == HAMZA and (not out or out[-1] == " "):
            r = "ا"  # أ begins a word as an alef: أمریکا
        if not r:
            if c in _MARKS and out:
                if c == _MADDA and out[-1] == "ا" and fam != "ar":
                    starts_word = len(out) < 2 or out[-2] == " "
                    out[-1] = "ا" if fam == "fa" and starts_word else "آ"
                ends[-1] = i + 1
            elif c == ZWNJ and fam == "ckb" and out and out[-1] == "ه":
                out[-1] = "ە"
            continue
        for ch in r:
            if ch.isspace():
                if run:
                    ends[-1] = i + 1
                    if ch in LINE_BREAKS:
                        breaks += 1
                        if breaks == 2:  # a paragraph break: two spaces
                            out.append(" ")
                            starts.append(i)
                            ends.append(i + 1)
                    continue
                run, breaks = True, 1 if ch in LINE_BREAKS else 0
                ch = " "
            else:
                run = False
                if not (ch.isalnum() or ch == "_"):
                    ch = " "
            out.append(ch)
            starts.append(i)
            ends.append(i + 1)
    return "".join(out), starts, ends


def fold_text(text: str, language: str, keep_case: bool = False) -> str:
    """Fold *text* as :func:`fold` does, without the offsets, much faster.

    One translate table per family does the letters, marks, digits, case
    and punctuation; regular expressions then do what depends on the
    neighbours (an alef at the start of a word, runs of whitespace). Text
    with presentation forms or a combining madda, and Sorani with a ZWNJ,
    goes the long way.

    >>> fold_text("شوراي  كارگري، آزادی", "fa") == fold("شوراي  كارگري، آزادی", "fa")[0]
    True
    """
    fam = family(language) or "fa"
    if _long_way(fam).search(text):
        return fold(text, language, keep_case)[0]
    folded = text.translate(_fast_table(fam, keep_case))
    if fam == "fa" and ("آ" in folded or HAMZA in folded):
        folded = _WORD_INITIAL.sub("ا", folded)
    if "\t" in folded or "\n" in folded:
        folded = _PARAGRAPH.sub("  ", folded)
        folded = _RUN.sub(" ", folded)
    return folded


@functools.cache
def _long_way(fam: str) -> re.Pattern[str]:
    """Return the pattern of the letters of *fam* a translate table cannot fold.

    Their fold depends on what comes before them, or they become several
    letters: text with any of them is folded one character at a time.
    Compiled when first asked for: a process folds one or two families.
    """
    return re.compile(
        "[\ufb50-\ufdff\ufe70-\ufefe" + _MADDA + ("\u200c" if fam == "ckb" else "") + "]"
    )


# In the translated text a line break is \n, other whitespace \t, punctuation a space.
_WORD_INITIAL = re.compile("(?<![^ \t\n])[آ" + HAMZA + "]")
_PARAGRAPH = re.compile(r"[\t\n]*\n[\t\n]*\n[\t\n]*")
_RUN = re.compile(r"[\t\n]+")


class _FastTable(dict):
    """A translate table that works out each character the first time it is seen."""

    def __init__(self, fam: str, keep_case: bool) -> None:
        super().__init__()
        self.fam = fam
        self.keep_case = keep_case

    def __missing__(self, code: int) -> str:
        c = chr(code)
        r = _TABLES[self.fam].get(c)
        if r is None:
            r = c if self.keep_case or 0x0600 <= code < 0x0700 else casefold_char(c)
        out = []
        for ch in r:
            if ch in LINE_BREAKS:
                ch = "\n"
            elif ch.isspace():
                ch = "\t"
            elif not (ch.isalnum() or ch == "_"):
                ch = " "
            out.append(ch)
        folded = self[code] = "".join(out)
        return folded


@functools.cache
def _fast_table(fam: str, keep_case: bool) -> _FastTable:
    return _FastTable(fam, keep_case)


def fold_term(text: str, language: str, keep_case: bool = False) -> str:
    """Fold a term's text (no offsets), trimmed of outer spaces.

    >>> fold_term("شوراي كارگري", "fa") == "شورای کارگری"
    True
    """
    return fold_text(text, language, keep_case).strip(" ")


def term_forms(text: str, language: str, keep_case: bool = False) -> frozenset[str]:
    """Return every folded word form under which the term *text* is accepted."""
    fam = family(language) or "fa"
    parts = fam in ("fa", "ur") and ZWNJ in text
    if parts:
        # Inside a term a ZWNJ separates two parts of one word (هفت‌تپه,
        # خامنه‌ای): keep the parts together as one word for the grammar, and
        # accept them written joined or apart, whatever the term's length.
        text = text.replace(ZWNJ, f" {_PART_WORD} ")
    folded = fold_term(text, language, keep_case)
    if parts:
        folded = folded.replace(f" {_PART_WORD} ", _PART)
    if not folded:
        return frozenset()
    variants = {folded}
    if "  " in folded:
        # Punctuation folds to two spaces; زن، زندگی، آزادی is also written
        # without its commas. With them it is matched as written.
        variants.add(" ".join(folded.split()))
    forms: set[str] = set()
    for variant in variants:
        if "  " in variant:
            forms.add(variant)
        else:
            forms |= _GRAMMARS[fam](variant.split(" "))
    if parts:
        forms = {joined for form in forms for joined in _part_spellings(form)}
    # A term has hundreds of forms and few begin a word with a prefix: one
    # look over them all, each form's words preceded by a space, says whether
    # any does.
    if fam == "fa" and _prefix_start().search(" ".join(forms)):
        forms = {spelled for form in forms for spelled in _prefix_spellings(form)}
    return frozenset(forms)


# A word that folding leaves as it is, standing in for a ZWNJ, and the mark
# that joins the parts of one word until the forms are spelled out.
_PART_WORD = "zwnjpart"
_PART = "\x1f"


def _part_spellings(form: str) -> list[str]:
    """Spell a form whose word parts may be joined or apart."""
    pieces = form.split(_PART)
    out = [pieces[0]]
    for piece in pieces[1:]:
        out = [head + gap + piece for head in out for gap in ("", " ")]
    return out


def example_form(text: str, language: str) -> str | None:
    """Return a common form of the Persian noun *text*, as a translator would write it.

    The plural of its head word (‑ها, joined after a letter that does not
    join the next one, else after a ZWNJ); for a word that is a plural
    already, its ezafe (‑ی after ‑ها or a vowel, where the ezafe is
    written). None where no form is safe to show: a plural whose ezafe is
    not written (کارگران), a plural head of a longer term (نیروهای سرکوب),
    an ‑ism (سوسیالیسم), and a phrase or slogan (punctuation, or a preposition or conjunction
    of ``data/fa-function-words.txt`` among its words). Whether the term is
    a common noun at all is for the caller to tell (a proper noun has no
    plural).

    >>> example_form("کمیته اعتصاب", "fa") == "کمیته\u200cهای اعتصاب"
    True
    >>> example_form("همه قدرت به شوراها", "fa") is None
    True
    """
    if family(language) != "fa":
        return None
    parts = text.split()
    if not parts:
        return None
    folded = fold_term(text, language).split(" ")
    if "" in folded or len(folded) != len(parts) or _function_words() & set(folded):
        return None  # punctuation or a preposition: a phrase, not a noun
    first = parts[0]
    multi = len(parts) > 1
    if multi:
        first = first.removesuffix("\u0654").removesuffix(ZWNJ + "ی").replace("ۀ", "ه")
        first = _strip_ezafe(first)
    if not _letter_final(first):
        return None
    head = fold_term(first, language)
    if head.endswith("یسم"):
        return None  # سوسیالیسم, فاشیسم: an ‑ism has no plural, and its ezafe is not written
    if head.endswith("ها") or head in _plurals():
        if multi or not (head.endswith("ها") or head[-1] in _VOWELS):
            return None
        return first + "ی"  # توده‌های, شهدای: the ezafe of a plural
    joiner = "" if first[-1] in "اآدذرزژو" else ZWNJ
    return " ".join([first + joiner + "ها" + ("ی" if multi else ""), *parts[1:]])


@functools.cache
def _plurals() -> frozenset[str]:
    """Return the folded words that are plurals already (کارگران, شهدا)."""
    return frozenset(fold_term(w, "fa") for w in words("fa-plurals.txt"))


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(fold_term(w, "fa") for w in words("fa-function-words.txt"))


# -- Persian ---------------------------------------------------------------

_VOWELS = "اآو"


def _letter_final(word: str) -> bool:
    return bool(word) and word[-1].isalpha()


def _silent_h(word: str) -> bool:
    # A final ه after a long vowel is a consonant: گروه, سپاه, راه, دانشگاه.
    return word.endswith("ه") and len(word) > 1 and word[-2] not in "اآوی"


def _strip_ezafe(word: str) -> str:
    if len(word) > 2 and word.endswith("ی") and word[-2] in _VOWELS:
        return word[:-1]
    return word


def _fa_plurals(word: str) -> list[tuple[str, bool]]:
    """Return (stem, may stand apart) for the word and its plurals."""
    out = [(word, False), (word + "ها", True)]
    last = word[-1]
    if _silent_h(word):
        out += [(word[:-1] + "گان", False), (word[:-1] + "ات", False), (word[:-1] + "جات", False)]
    elif last in _VOWELS:
        out.append((word + "یان", False))
    elif last == "ی":
        out.append((word + "ان", False))
    else:
        out += [(word + "ان", False), (word + "ات", False), (word + "ین", False)]
    return out


def _fa_endings(stem: str) -> tuple[str, ...]:
    last = stem[-1]
    if last in _VOWELS:
        return ("", "ی", "یی", "یم", "یت", "یش", "یمان", "یتان", "یشان")
    if _silent_h(stem):
        return ("", "ی", "ای", "ام", "ات", "اش", "مان", "تان", "شان")
    if last == "ی":
        return ("", "ای", "ام", "اش", "مان", "تان", "شان")
    # No bare ت: کارت is "card", not "your work".
    return ("", "ی", "م", "ش", "مان", "تان", "شان")


def _fa_copula(stem: str) -> tuple[str, ...]:
    """Return the enclitic copula endings of *stem* the possessive ones do not spell.

    ‑م "I am" and ‑ی "you are" are spelled as the possessive ‑م and the
    indefinite ‑ی already. ‑است is also typed joined with a ZWNJ
    (کافی‌است), which folding makes one word.
    """
    last = stem[-1]
    if last in _VOWELS:  # دانشجوییم، شوراست
        return ("ییم", "یید", "یند", "ست")
    if _silent_h(stem):  # خسته‌ایم، خسته‌اند
        return ("ایم", "اید", "اند", "است")
    if last == "ی":  # زندانی‌ایم، زندانیست
        return ("ایم", "اید", "اند", "است", "ست")
    if len(stem.replace(_PART, "")) < 3:
        # زن + ند is زنند "they hit", بر + ند is برند: short stems take none.
        return ()
    # Joined (اعتصابیم، کارگرند) or after a ZWNJ with an alef (معلم‌اند، معلم‌ام).
    return ("یم", "ید", "ند", "است", "ام", "ایم", "اید", "اند")


@functools.cache
def _derived() -> frozenset[str]:
    """Return the folded words whose final ‑ی makes a word of its own (آزادی)."""
    return frozenset(fold_term(w, "fa") for w in words("fa-derived-yi.txt"))


@functools.cache
def _prefixes() -> tuple[str, ...]:
    return tuple(sorted((fold_term(w, "fa") for w in words("fa-prefixes.txt")), key=len))


@functools.cache
def _spaced_prefixes() -> tuple[tuple[str, str], ...]:
    """Return each prefix, in order, and the prefix after a space."""
    return tuple((prefix, " " + prefix) for prefix in _prefixes())


@functools.cache
def _prefix_start() -> re.Pattern[str]:
    """Match a prefix at the start of a word."""
    return re.compile("(?:^| )(?:" + "|".join(map(re.escape, _prefixes())) + ")")


def _new_word(stem: str, ending: str) -> bool:
    """Tell whether *stem* + *ending* is a word of its own rather than a form of *stem*."""
    return ending in ("ی", "یی", "ای") and (stem + ending).replace(_PART, "") in _derived()


def _fa_head(word: str, last: bool = True) -> set[str]:
    """Return the forms of the head word; *last* when no word follows it (copula)."""
    if not _letter_final(word):
        return {word}
    forms = set()
    for i, (stem, apart) in enumerate(_fa_plurals(word)):
        endings = _fa_endings(stem)
        if last and i < 3:  # the word, ‑ها and ‑ان: اعتصاباتیم is no one's Persian
            endings += _fa_copula(stem)
        for ending in endings:
            if stem == word and _new_word(stem, ending):
                continue  # آزادی is "freedom", not a form of آزاد
            forms.add(stem + ending)
            if apart:
                forms.add(word + " " + stem[len(word) :] + ending)
    return forms


def _fa_ezafe_heads(word: str) -> set[str]:
    """Return the head word and its common plurals as they stand before an ezafe.

    The Arabic plurals (‑ات، ‑ین، ‑جات) are left out: they are rare before a
    copula, and every head form multiplies the forms of the term.
    """
    if not _letter_final(word):
        return {word}
    forms = set()
    for stem, apart in _fa_plurals(word)[:3]:  # the word, ‑ها and ‑ان/‑یان/‑گان
        for ending in ("", "ی") if stem[-1] in _VOWELS or _silent_h(stem) else ("",):
            forms.add(stem + ending)
            if apart:
                forms.add(word + " " + stem[len(word) :] + ending)
    return forms


def _fa_last(word: str) -> set[str]:
    if not _letter_final(word):
        return {word}
    last = word[-1]
    if last in _VOWELS:
        endings = ("", "ی", "یی")
    elif _silent_h(word):
        endings = ("", "ی", "ای")
    elif last == "ی":
        endings = ("", "ای")
    else:
        endings = ("", "ی")
    return {word + e for e in endings if not _new_word(word, e)}


def _fa_last_enclitics(word: str) -> set[str]:
    """Return the last word with a copula or possessive ending of a group (کمیته اعتصابیم).

    Only the endings of the plural persons and of "is" (‑یم، ‑ید، ‑ند، ‑است;
    ‑مان، ‑تان، ‑شان): statements speak for a collective, and each ending
    here multiplies the forms of the term by its head's forms.
    """
    if not _letter_final(word):
        return set()
    return {word + e for e in _fa_endings(word) + _fa_copula(word) if e.endswith(_GROUP_ENDINGS)}


# Endings of the plural persons and of "is", after a consonant or a vowel.
_GROUP_ENDINGS = ("یم", "ید", "ند", "ست", "مان", "تان", "شان")


def _prefix_spellings(form: str) -> set[str]:
    """Spell a form whose words begin with a prefix joined and apart (ضدسرمایه, ضد سرمایه)."""
    out = {form}
    if not _prefix_start().search(form):
        return out  # most forms: a term has hundreds, and few words begin with a prefix
    # The words of every spelling so far, each after a space: a prefix changes a
    # spelling only where one of its words begins with it.
    words_so_far = " " + form
    for prefix, spaced in _spaced_prefixes():
        if words_so_far.find(spaced) == -1:
            continue
        for spelled in list(out):
            words_ = spelled.split(" ")
            for i, w in enumerate(words_):
                if w == prefix and i + 1 < len(words_):
                    out.add(" ".join([*words_[:i], w + words_[i + 1], *words_[i + 2 :]]))
                elif w.startswith(prefix) and len(w) > len(prefix) + 1:
                    out.add(" ".join([*words_[:i], prefix, w[len(prefix) :], *words_[i + 1 :]]))
        words_so_far = " " + " ".join(out)
    return out


def _fa(words: list[str]) -> set[str]:
    if len(words) > 2 and words[1] == "ی" and words[0].endswith("ه"):
        words = [words[0], *words[2:]]  # کمیته‌ی اعتصاب: the ی is the ezafe
    if len(words) == 1:
        return _fa_head(words[0])
    head = _strip_ezafe(words[0])
    middle = [{w} for w in words[1:-1]]
    joined = len(words) <= 3
    forms = _combine([_fa_head(head, last=False), *middle, _fa_last(words[-1])], joined)
    # A copula or a possessive closes the whole phrase, on its last word, and
    # then the head bears no ending but the ezafe: شوراهای کارگری‌ایم.
    enclitics = _fa_last_enclitics(words[-1])
    if enclitics:
        forms |= _combine([_fa_ezafe_heads(head), *middle, enclitics], joined=False)
    return forms


# -- Arabic, Sorani, Urdu ----------------------------------------------------

_AR_PREFIXES = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل")
_AR_SUFFIXES = ("", "ات", "ون", "ين", "ان", "ه", "ها", "هم", "نا", "كم", "ي", "يه", "يون", "يين")
_AR_FEMININE = ("", "ات", "تان", "تين", "ته", "تها", "تهم", "تنا", "اته", "اتها", "اتهم")
_AR_AGREEMENT = ("", "ه", "ات", "ون", "ين")


def _ar_base(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _ar(words: list[str]) -> set[str]:
    base = _ar_base(words[0])
    if not _letter_final(base):
        return {" ".join(words)}
    if base.endswith("ه"):  # ة, folded: نقابة -> نقابات، نقابتها
        stems = {base} | {base[:-1] + s for s in _AR_FEMININE if s}
    else:
        stems = {base + s for s in _AR_SUFFIXES}
    parts = [{p + s for p in _AR_PREFIXES for s in stems}]
    for i, word in enumerate(words[1:], start=1):
        w = _ar_base(word)
        endings = _AR_AGREEMENT if i == len(words) - 1 and _letter_final(w) else ("",)
        parts.append({a + w + e for a in ("", "ال") for e in endings})
    return _combine(parts, joined=False)


_CKB_VOWELS = "اەۆێیوۊ"


def _ckb_word(word: str) -> set[str]:
    if not _letter_final(word):
        return {word}
    suffixes: tuple[str, ...]
    if word[-1] in _CKB_VOWELS:
        suffixes = ("", "کە", "کان", "یەک", "یان", "ی", "کەی", "کانی")
    else:
        suffixes = ("", "ەکە", "ەکان", "ێک", "ان", "ی", "ەکەی", "ەکانی", "انی")
    return {word + s for s in suffixes}


def _ckb(words: list[str]) -> set[str]:
    if len(words) == 1:
        return _ckb_word(words[0])
    first = words[0]
    if first.endswith("ی") and len(first) > 2:
        first = first[:-1]  # the ezafe: کۆمیتەی مانگرتن
    parts = [_ckb_word(first)] + [{w} for w in words[1:-1]] + [_ckb_word(words[-1])]
    return _combine(parts, joined=False)


def _ur_word(word: str) -> set[str]:
    if not _letter_final(word):
        return {word}
    last = word[-1]
    if last == "ا":
        return {word, word[:-1] + "ے", word[:-1] + "وں", word[:-1] + "ؤں"}
    if last == "ہ":
        return {word, word[:-1] + "ے", word[:-1] + "وں"}
    if last == "ی":
        return {word, word + "اں", word + "وں", word + "ں"}
    return {word, word + "یں", word + "وں", word + "ات"}


def _ur(words: list[str]) -> set[str]:
    # Urdu puts the noun last: ہڑتالی کمیٹی -> ہڑتالی کمیٹیاں.
    parts = [{w} for w in words[:-1]] + [_ur_word(words[-1])]
    return _combine(parts, joined=len(words) <= 3)


def _combine(parts: Iterable[set[str]], joined: bool) -> set[str]:
    joiners = (" ", "") if joined else (" ",)
    it = iter(parts)
    results = next(it)
    for part in it:
        results = {a + j + b for a in results for j in joiners for b in part}
    return results


def casefold_char(c: str) -> str:
    """Case-fold one character to one character (ß, ŉ and ligatures are only lowered)."""
    # One character to one keeps offsets simple.
    f = c.casefold()
    if len(f) == 1:
        return f
    low = c.lower()
    return low if len(low) == 1 else c


_GRAMMARS: dict[str, Callable[[list[str]], set[str]]] = {
    "fa": _fa,
    "ar": _ar,
    "ckb": _ckb,
    "ur": _ur,
}
