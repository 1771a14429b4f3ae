"""``workbench glossary extract | consistency | concordance``: the glossary seen in the corpus.

Term candidates from the statements, how each concept has been rendered
across the translated units, and every occurrence of a term in context.
The commands join the ``glossary`` group of :mod:`workbench.cli.glossary`,
which imports this module only when one of them runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from workbench.cli.common import echo_json, json_option, say, with_project
from workbench.corpus.concordance import concordance as find_occurrences
from workbench.corpus.consistency import consistency as renderings_of
from workbench.corpus.extract import extract as find_candidates
from workbench.errors import LanguageError
from workbench.glossary import store as glossary_store
from workbench.terms.contradictions import contradictions


def _listed(items: Sequence[Any], as_json: bool, nothing: str) -> bool:
    """Print *items* as JSON, or say *nothing* on stderr if there are none; tell if done."""
    if as_json:
        echo_json([item.as_dict() for item in items])
        return True
    if not items:
        click.echo(nothing, err=True)
        return True
    return False


def _refs(refs: tuple[str, ...] | list[str], shown: int = 4) -> str:
    more = len(refs) - shown
    return " ".join(refs[:shown]) + (f" (+{more} more)" if more > 0 else "")


@click.command()
@click.option(
    "--top", type=click.IntRange(min=0), default=50, show_default=True, metavar="N",
    help="Show the N best candidates (0: all).",
)  # fmt: skip
@click.option(
    "--min-count", type=click.IntRange(min=1), default=2, show_default=True, metavar="N",
    help="Occurrences a phrase or word needs (a phrase on the head of an organisation, "
    "such as committee or union, one fewer); slogans, acronyms, names and foreign words "
    "need one.",
)  # fmt: skip
@click.option("--new", "only_new", is_flag=True, help="Only candidates not in the glossary yet.")
@click.option(
    "--contexts", type=click.IntRange(min=0), default=2, show_default=True, metavar="N",
    help="Concordance lines shown per candidate.",
)  # fmt: skip
@json_option
@with_project
def extract(
    top: int, min_count: int, only_new: bool, contexts: int, as_json: bool, project
) -> None:
    """Propose glossary terms from the statements, best first.

    Candidates are slogans and chants, acronyms, borrowed words (toman,
    Bazaaris), names of people, places and organisations, and recurring
    phrases and words; slogans, acronyms and borrowed words come first, the
    rest by termhood (C-value) weighted by how much more the statements use
    their words than general English does. Terms the glossary already has
    are marked with their concept id; the ranking does not depend on it.

    \b
    With --json, prints a list of
      {"term", "count", "variants": [TEXT...], "known", "concept", "kind",
       "score", "contexts": [{"statement", "line", "left", "match", "right"}]}
    kind: slogan, acronym, foreign, name, organisation, phrase or word;
    concept: an id or null.
    """

    found = find_candidates(project, top=None if only_new else top or None, min_count=min_count,
                contexts=contexts)  # fmt: skip
    if only_new:
        found = [c for c in found if not c.known]
        found = found[:top] if top else found
    if _listed(found, as_json, "No candidates: every recurring term is in the glossary already."):
        return
    width = min(40, max(len(c.term) for c in found))
    for c in found:
        known = f"  = {c.concept}" if c.concept else ""
        say(f"{c.score:6.2f} {c.count:5d}  {c.kind:<8} {c.term:<{width}}{known}")
        others = [text for text, _ in c.variants if text != c.term]
        if others:
            say(f"{'':22}also: {', '.join(others[:6])}")
        for line in c.contexts:
            say(f"{'':22}{line.left:>40} {line.match} {line.right}  ({line.reference})")


@click.command()
@click.argument("lang", required=False, metavar="[LANG]")
@click.option(
    "--problems", is_flag=True, help="Only concepts with an outlier or rendered two ways."
)
@click.option(
    "--min-units", type=click.IntRange(min=2), default=2, show_default=True, metavar="N",
    help="Units a rendering the glossary does not know needs to be reported.",
)  # fmt: skip
@json_option
@with_project
def consistency(lang: str | None, problems: bool, min_units: int, as_json: bool, project) -> None:
    """Show how each concept has been rendered across all translated units.

    For every concept in the source of a translated unit: each rendering,
    in how many units and where (statement:line), and the units where none
    was found. A rendering is an outlier (!) when the glossary deprecates or
    forbids it, or when, for the same source term, another is used at least
    twice as often. Contradictions in the glossary itself (see
    ``workbench glossary check``) are listed first. Renderings
    the glossary does not have (status none) are found by the words the
    translations of the concept share, so a term rendered two ways is caught
    before any rendering is set. LANG defaults to every language of the
    project.

    \b
    With --json, prints a list of
      {"concept", "source_terms": [TEXT...], "language",
       "renderings": [{"text", "count", "units": ["statement:line"...],
                       "status", "outlier"}],
       "missing": ["statement:line"...], "split", "conflict"}
    status: preferred, admitted, deprecated, forbidden or none;
    split: two renderings are each used in at least --min-units units;
    conflict: what a sync could not settle between two machines' edits, or null.
    """

    codes = [project.require_language(lang)] if lang else list(project.languages)
    if not codes:
        raise LanguageError(
            "the project has no target language yet; add one with: workbench add-language fa"
        )
    reports = [r for code in codes for r in renderings_of(project, code, min_units=min_units)]
    if not as_json:
        for c in contradictions(glossary_store.load(project), codes):
            say(f"glossary {c.severity}: {c.message}")
    if problems:
        reports = [r for r in reports if not r.consistent]
    what = "with problems " if problems else ""
    nothing = f"No concept {what}in the translated units of {', '.join(codes)}."
    if _listed(reports, as_json, nothing):
        return
    for report in reports:
        terms = ", ".join(f'"{t}"' for t in report.source_terms)
        flag = "  rendered in two ways" if report.split else ""
        units = f"{report.units} unit" + ("s" if report.units != 1 else "")
        say(f"{report.concept} ({terms}) in {report.language}: {units}{flag}")
        if report.conflict:
            detail = " / ".join(report.conflict.splitlines())
            say(f"  ! in conflict after a sync (edit the concept to settle it): {detail}")
        for r in report.renderings:
            mark = "!" if r.outlier else " "
            status = "not in the glossary" if r.status == "none" else r.status
            say(f"  {mark}{r.count:4d}  {r.text}  ({status})  {_refs(r.units)}")
        if report.missing:
            click.echo(f"   {len(report.missing):4d}  no rendering found  {_refs(report.missing)}")


@click.command()
@click.argument("term")
@click.option("--lang", metavar="CODE", help="Also show each unit's translation in CODE.")
@click.option(
    "--width", type=click.IntRange(min=0), default=40, show_default=True, metavar="N",
    help="Characters of context on each side.",
)  # fmt: skip
@json_option
@with_project
def concordance(term: str, lang: str | None, width: int, as_json: bool, project) -> None:
    """Show every occurrence of TERM in the statements, in context.

    TERM is found as a word form (council finds councils, council's and
    the "councils" of workers' councils); TERM may also be a concept id,
    which finds every source term of the concept. A term in capitals (IRGC)
    is matched in capitals.

    \b
    With --json, prints a list of
      {"statement", "line", "start", "end", "left", "match", "right",
       "concept", "unit",
       "translation": {"language", "text", "status",
                       "renderings": [{"text", "term", "status", "start", "end"}]}}
    concept is null unless TERM is a concept id; translation is there with
    --lang (status: untranslated, fuzzy, translated, reviewed or missing).
    """

    lines = find_occurrences(project, term, language=lang, width=width)
    if _listed(lines, as_json, f'The concept "{term}" does not occur in the statements.'):
        return
    ref_width = max(len(line.reference) for line in lines)
    for line in lines:
        say(f"{line.reference:<{ref_width}}  {line.left:>{width}} {line.match} {line.right}")
        tr = line.translation
        if tr is not None:
            text = tr.text or "(not translated)"
            used = ", ".join(f"{r.text} ({r.status})" for r in tr.renderings)
            extra = f"  [{used}]" if used else ""
            say(f"{'':<{ref_width}}  {tr.language}: {text}{extra}")
