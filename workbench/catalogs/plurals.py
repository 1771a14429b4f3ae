"""Plural forms: the ``Plural-Forms`` rule of a catalog, evaluated, and entries fitted to it.

A rule is gettext's C expression (``nplurals=3; plural=(n%10==1 && ...);``).
:func:`parse_rule` checks and reads it; :meth:`PluralRule.form` tells which
form a number takes, evaluated here by a small parser of the C subset
gettext allows (no ``eval``). :func:`resize` gives every plural entry of a
catalog the rule's number of forms, refusing to drop a form that holds text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from workbench.catalogs.model import Entry
from workbench.errors import CatalogError
from workbench.lang.locales import plural_category

_RULE = re.compile(
    r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([-n0-9 ()?:<>=!&|%+*/\t]+?)\s*;?\s*\Z"
)
_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(&&|\|\||==|!=|<=|>=|[-+*/%<>!?:()]))")
#: Binary operators by precedence, loosest first (as in C).
_LEVELS = (("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%"))


@dataclass(frozen=True)
class PluralRule:
    """A gettext plural rule: how many forms, and which form a number takes."""

    nplurals: int
    expression: str

    @functools.cached_property
    def _function(self) -> Callable[[int], int]:
        return _compile(self.expression)

    def form(self, n: int) -> int:
        """Return the index of the form used for *n*.

        >>> PluralRule(3, "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        ...     "(n%100<10 || n%100>=20) ? 1 : 2)").form(22)
        1
        """
        value = self._function(n)
        return value if 0 <= value < self.nplurals else 0

    def examples(self, count: int = 4, limit: int = 1000) -> tuple[tuple[int, ...], ...]:
        """Return up to *count* numbers (from 0) that take each form."""
        found: list[list[int]] = [[] for _ in range(self.nplurals)]
        for n in range(limit):
            bucket = found[self.form(n)]
            if len(bucket) < count:
                bucket.append(n)
        return tuple(tuple(b) for b in found)


def parse_rule(text: str | None) -> PluralRule | None:
    """Return the rule of a ``Plural-Forms`` value, or None if it is not one (a template's).

    >>> parse_rule("nplurals=2; plural=(n > 1);")
    PluralRule(nplurals=2, expression='(n > 1)')
    >>> parse_rule("nplurals=INTEGER; plural=EXPRESSION;") is None
    True
    """
    if not text:
        return None
    match = _RULE.match(text)
    if match is None or not 1 <= int(match.group(1)) <= 32:
        return None
    try:
        _compile(match.group(2))
    except ValueError:
        return None
    return PluralRule(int(match.group(1)), " ".join(match.group(2).split()))


def check_plural_forms(rule: str) -> str:
    """Return *rule* if it is a gettext Plural-Forms value, else raise CatalogError.

    >>> check_plural_forms("nplurals=2; plural=(n > 1);")
    'nplurals=2; plural=(n > 1);'
    """
    rule = " ".join(rule.split())
    if parse_rule(rule) is None:
        raise CatalogError(
            f'"{rule[:60]}" is not a Plural-Forms rule; write it as gettext does, '
            'e.g. "nplurals=2; plural=(n > 1);"'
        )
    return rule if rule.endswith(";") else rule + ";"


def resize(entries: Sequence[Entry], nplurals: int, name: str | None = None) -> list[Entry]:
    """Give every plural entry *nplurals* forms: new ones empty, dropped ones only if empty.

    Raises CatalogError naming the first entry whose form would go with its text.
    """
    out = []
    for entry in entries:
        forms = entry.msgstr_plural
        if entry.msgid_plural is None or len(forms) == nplurals:
            out.append(entry)
            continue
        if any(forms[nplurals:]):
            kept = max(i for i, text in enumerate(forms) if text)
            raise CatalogError(
                f"the plural entry {entry.msgid[:50]!r} has text in msgstr[{kept}], a form that "
                f"nplurals={nplurals} would drop; move or empty it first, or keep the rule",
                path=name,
            )
        fitted = (*forms[:nplurals], *("",) * (nplurals - len(forms)))
        out.append(replace(entry, msgstr_plural=fitted, msgstr=fitted[0]))
    return out


# -- the C subset of plural expressions ------------------------------------


def _compile(expression: str) -> Callable[[int], int]:
    tokens = _tokens(expression)
    node, at = _ternary(tokens, 0)
    if at != len(tokens):
        raise ValueError(f"unexpected {tokens[at]!r}")
    return lambda n: int(node(n))


def _tokens(expression: str) -> list[str]:
    tokens = []
    at = 0
    text = expression.rstrip()
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            raise ValueError(f"bad character at {at}")
        tokens.append(match.group(match.lastindex or 0))
        at = match.end()
    return tokens


def _ternary(tokens: list[str], at: int) -> tuple[Callable[[int], int], int]:
    test, at = _binary(tokens, at, 0)
    if at < len(tokens) and tokens[at] == "?":
        yes, at = _ternary(tokens, at + 1)
        if at >= len(tokens) or tokens[at] != ":":
            raise ValueError("a ? without :")
        no, at = _ternary(tokens, at + 1)
        return (lambda n: yes(n) if test(n) else no(n)), at
    return test, at


_OPS: dict[str, Callable[[int, int], int]] = {
    "||": lambda a, b: int(bool(a) or bool(b)),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a // b if b else 0,
    "%": lambda a, b: a % b if b else 0,
}


def _binary(tokens: list[str], at: int, level: int) -> tuple[Callable[[int], int], int]:
    if level == len(_LEVELS):
        return _unary(tokens, at)
    left, at = _binary(tokens, at, level + 1)
    while at < len(tokens) and tokens[at] in _LEVELS[level]:
        op = _OPS[tokens[at]]
        right, at = _binary(tokens, at + 1, level + 1)
        left = (lambda f, g, o: lambda n: o(f(n), g(n)))(left, right, op)
    return left, at


def _unary(tokens: list[str], at: int) -> tuple[Callable[[int], int], int]:
    if at >= len(tokens):
        raise ValueError("the expression ends too soon")
    token = tokens[at]
    if token == "!":
        inner, at = _unary(tokens, at + 1)
        return (lambda n: int(not inner(n))), at
    if token == "(":
        inner, at = _ternary(tokens, at + 1)
        if at >= len(tokens) or tokens[at] != ")":
            raise ValueError("a ( without )")
        return inner, at + 1
    if token == "n":
        return (lambda n: n), at + 1
    if token.isdigit():
        value = int(token)
        return (lambda n: value), at + 1
    raise ValueError(f"unexpected {token!r}")


@dataclass(frozen=True)
class FormLabel:
    """What one plural form is for: its CLDR category, if it has one, and sample numbers."""

    index: int
    category: str | None  # zero, one, two, few, many, other; None: "form N"
    examples: tuple[int, ...]


def form_labels(rule: PluralRule | None, lang: str, count: int) -> tuple[FormLabel, ...]:
    """Return a label for each of *count* forms under *rule* in language *lang*.

    A form is named by the CLDR category of the whole numbers that take it
    (0 to 999): one category per form, a different one for each. When the
    catalog's rule does not line up with CLDR's (another number of forms,
    or a form that mixes categories), each form is just "form N".
    """
    if rule is None or rule.nplurals != count:
        return tuple(FormLabel(i, None, ()) for i in range(count))
    samples = rule.examples(count=5)
    categories: list[set[str | None]] = [set() for _ in range(count)]
    for n in range(1000):
        categories[rule.form(n)].add(plural_category(lang, n))
    names = [next(iter(c)) if len(c) == 1 else None for c in categories]
    if None in names or len(set(names)) != count:
        return tuple(FormLabel(i, None, samples[i]) for i in range(count))
    return tuple(FormLabel(i, names[i], samples[i]) for i in range(count))
