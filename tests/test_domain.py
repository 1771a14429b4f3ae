"""The domain's vocabulary: how its terms and a statement's words meet, and the list itself."""

from __future__ import annotations

from importlib import resources

import pytest

from workbench.lang import domain, wordlists

from .support import cases

SAME = [
    ("possessive-and-plural", "workers’ councils", "workers' council"),
    ("british-american", "labor activists", "labour activist"),
    ("our-inside", "neighborhood councils", "Neighbourhood council"),
    ("isation", "self-organization", "self-organisation"),
    ("ence", "defense committees", "defence committee"),
    ("hyphen", "work-stoppage", "work stoppage"),
    ("irregular-plural", "women’s movement", "woman's movement"),
    ("es-plural", "toiling masses", "toiling mass"),
]
DIFFERENT = [
    ("article-and-number", "the rights", "the right"),
    ("article-keeps-the-sense", "left", "the left"),
    ("other-word", "strike committee", "strike"),
]


@pytest.mark.parametrize(("a", "b"), cases(SAME))
def test_fold_makes_one_key_of_the_ways_of_writing_a_term(a, b):
    assert domain.fold(a) == domain.fold(b)


@pytest.mark.parametrize(("a", "b"), cases(DIFFERENT))
def test_fold_keeps_apart_what_means_something_else(a, b):
    assert domain.fold(a) != domain.fold(b)


def test_a_vocabulary_reads_its_terms_and_its_contested_ones():
    vocabulary = domain.Vocabulary.of(["general strike", "rioter *", "the fallen *", ""])
    assert domain.fold("General Strikes") in vocabulary
    assert domain.fold("rioters") in vocabulary
    assert vocabulary.contested == {"rioter", "the fallen"}
    assert domain.fold("strike") not in vocabulary
    assert not domain.NONE and vocabulary


def test_the_shipped_vocabulary_says_how_it_was_made_and_holds_a_few_hundred_terms():
    text = (resources.files("workbench.lang") / "data" / domain.VOCABULARY).read_text("utf-8")
    header = " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    assert "How it was made" in header
    vocabulary = domain.vocabulary()
    assert 300 <= len(vocabulary.terms) <= 1000
    assert vocabulary.contested < vocabulary.terms
    lines = wordlists.phrases(domain.VOCABULARY)
    keys = [domain.fold(line.removesuffix(" *")) for line in lines]
    assert len(keys) == len(set(keys)), "a term is listed twice"
