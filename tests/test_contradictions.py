"""The glossary's own consistency: contradicting statuses of one term, and `glossary check`."""

from __future__ import annotations

import json

import pytest

from workbench.glossary import model as g
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Glossary, Term
from workbench.glossary.sameterm import same_term_in
from workbench.terms.contradictions import contradictions

from .support import cases


def two(first: tuple[str, str], second: tuple[str, str]) -> Glossary:
    """Return a termbase of two concepts, each with one Persian term (text, status)."""
    return Glossary(
        (
            Concept("rioter", (Term("rioter", "en"), Term(first[0], "fa", first[1]))),
            Concept("protester", (Term("protester", "en"), Term(second[0], "fa", second[1]))),
        )
    )


CONTRADICTIONS = [
    ("preferred-and-forbidden", ("اغتشاشگر", g.PREFERRED), ("اغتشاشگر", g.FORBIDDEN), "error"),
    ("preferred-and-deprecated", ("شهید", g.PREFERRED), ("شهید", g.DEPRECATED), "warning"),
    ("forbidden-plural-of-preferred", ("اغتشاشگر", g.PREFERRED), ("اغتشاشگران", g.FORBIDDEN),
     "error"),
    ("arabic-yeh-spelling", ("شورای کارگری", g.PREFERRED), ("شوراي كارگري", g.FORBIDDEN),
     "error"),
]  # fmt: skip
DELIBERATE = [
    ("admitted-and-forbidden", ("اغتشاشگر", g.ADMITTED), ("اغتشاشگر", g.FORBIDDEN)),
    ("admitted-and-deprecated", ("شهید", g.ADMITTED), ("شهید", g.DEPRECATED)),
    ("preferred-twice", ("شورا", g.PREFERRED), ("شورا", g.PREFERRED)),
    ("forbidden-twice", ("شورای اسلامی کار", g.FORBIDDEN), ("شورای اسلامی کار", g.FORBIDDEN)),
    ("different-words", ("آزاد", g.PREFERRED), ("آزادی", g.FORBIDDEN)),
]


@pytest.mark.parametrize(("first", "second", "severity"), cases(CONTRADICTIONS))
def test_contradicting_statuses_of_one_term_are_found(first, second, severity):
    (found,) = contradictions(two(first, second))
    assert (found.severity, found.first, found.second) == (
        severity,
        ("rioter", first[1]),
        ("protester", second[1]),
    )


@pytest.mark.parametrize(("first", "second"), cases(DELIBERATE))
def test_deliberate_pairs_and_homonyms_are_no_contradiction(first, second):
    assert contradictions(two(first, second)) == []


def test_the_message_names_the_term_both_concepts_and_what_to_do():
    (found,) = contradictions(two(("اغتشاشگر", g.PREFERRED), ("اغتشاشگر", g.FORBIDDEN)))
    assert found.message == (
        'the fa term «اغتشاشگر» is preferred in "rioter" and forbidden in "protester"; '
        'make it admitted in "rioter" (for a narrow use the note explains) or remove one'
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [("strike", "strike"), ("strike", "strikes"), ("Strike", "strike"), ("strike", "strike's")],
    ids=["same", "plural", "capital", "possessive"],
)
def test_a_source_term_of_two_concepts_is_a_warning_whatever_its_statuses(first, second):
    glossary = Glossary(
        (
            Concept("strike", (Term(first, "en"), Term("اعتصاب", "fa"))),
            Concept("air-strike", (Term(second, "en", g.ADMITTED), Term("حمله", "fa"))),
        )
    )
    (found,) = contradictions(glossary, source_language="en")
    assert (found.severity, found.first, found.second) == (
        "warning",
        ("strike", "preferred"),
        ("air-strike", "admitted"),
    )
    assert contradictions(glossary) == []  # the source language unknown: not looked at
    assert contradictions(glossary, ["fa"], source_language="en") == []


def test_the_concept_that_has_a_term_already_is_found_in_any_word_form():
    glossary = glossary_of_council()
    found = same_term_in(glossary, Term("Councils", "en"))
    assert found is not None and (found[0].id, found[1].text) == ("council", "council")
    assert same_term_in(glossary, Term("counsel", "en")) is None
    assert same_term_in(glossary, Term("council", "de")) is None


def glossary_of_council() -> Glossary:
    return Glossary((Concept("council", (Term("council", "en"), Term("شورا", "fa"))),))


def test_approved_and_rejected_in_one_concept_is_a_contradiction():
    concept = Concept(
        "council",
        (Term("council", "en"), Term("شورا", "fa"), Term("شوراها", "fa", g.FORBIDDEN)),
    )
    (found,) = contradictions(Glossary((concept,)))
    assert (found.severity, found.first[0], found.second[0]) == ("error", "council", "council")


def test_the_starter_glossary_has_no_contradiction(seeded_project, run):
    result = run(seeded_project, "glossary", "check", "--json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])
    result = run(seeded_project, "glossary", "check")
    assert result.stderr == "No contradictions in the glossary.\n"


def test_check_exits_1_on_an_error_and_consistency_lists_it_first(seeded_project, run):
    def change(glossary: Glossary) -> Glossary:
        return glossary.edit_term("rioter", "fa", "اغتشاشگر", status=g.PREFERRED)

    glossary_store.modify(seeded_project, change)
    result = run(seeded_project, "glossary", "check", "--json")
    assert result.exit_code == 1
    (found,) = json.loads(result.stdout)
    assert found["concepts"] == [
        {"concept": "rioter", "status": "preferred"},
        {"concept": "protester", "status": "forbidden"},
    ]
    text = run(seeded_project, "glossary", "consistency", "fa").stdout
    assert text.splitlines()[0] == "glossary error: " + found["message"]


def test_an_admitted_rendering_for_another_source_term_is_no_outlier(seeded_project, run):
    result = run(seeded_project, "glossary", "consistency", "fa", "--problems", "--json")
    concepts = [r["concept"] for r in json.loads(result.stdout)]
    assert "khuzestan-vanguard-socialist-workers-cell" not in concepts
