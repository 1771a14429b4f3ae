"""``workbench glossary ...``: list, show, add, edit, remove, import and export concepts.

Every edit goes through :func:`workbench.glossary.modify`: read, change and
write happen under the glossary's lock, so nothing another editor saved in
the meantime is lost, and a rejected edit writes nothing.

JSON shapes (``--json``):

- a concept: ``{"id", "terms": [TERM...], "definition", "subject", "note"}``
- a term: ``{"text", "language", "status", "part_of_speech", "case_sensitive",
  "treatment", "note"}`` (status: preferred, admitted, deprecated or
  forbidden; treatment: translate, transliterate or keep)
- ``list``: a list of concepts; ``show``, ``add``, ``edit``: one concept
- ``import``: ``{"file", "added": [ID...], "updated": [ID...], "unchanged": [ID...]}``
"""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from . import glossary as g
from . import glossary_store
from .cli import echo_json, json_option, with_project
from .glossary_merge import apply_shared, export_file, import_file
from .locales import language

glossary: click.Group = click.Group(
    "glossary",
    help="Keep the shared glossary: concepts, their terms per language, and the decisions.\n\n"
    "The glossary is glossary/glossary.tbx (TBX); import and export CSV for spreadsheets.\n\n"
    "With --json, list prints a list of concepts and show, add and edit print one: "
    '{"id", "terms": [{"text", "language", "status", "part_of_speech", "case_sensitive", '
    '"treatment", "note"}], "definition", "subject", "note"}; import prints '
    '{"file", "added", "updated", "unchanged"} (lists of ids).',
    context_settings={"help_option_names": ["-h", "--help"]},
)


def concept_json(concept: g.Concept) -> dict[str, Any]:
    """Return *concept* in the JSON shape of this module's docstring."""
    return dataclasses.asdict(concept)


def _pair(value: str, option: str) -> tuple[str, str]:
    lang, sep, text = value.partition("=")
    if not sep or not lang.strip() or not text.strip():
        raise click.BadParameter(
            f'"{value}" is not LANG=TEXT (for example fa=شورا)', param_hint=option
        )
    return language(lang).code, text.strip()


def _pairs(values: tuple[str, ...], option: str) -> list[tuple[str, str]]:
    return [_pair(v, option) for v in values]


@glossary.command("list")
@click.argument("search", required=False, default="")
@click.option(
    "--lang",
    metavar="CODE",
    help="Show and search terms in this language only (besides the source language).",
)
@json_option
@with_project
def list_cmd(search: str, lang: str | None, as_json: bool, project) -> None:
    """List the concepts, or those whose id or terms contain SEARCH."""
    current = glossary_store.load(project)
    if lang:
        shown = [project.source_language, language(lang).code]
    else:
        shown = [project.source_language, *project.languages]
    found = current.search(search, shown if lang else None)
    if as_json:
        rows = []
        for concept in found:
            row = concept_json(concept)
            if lang:
                row["terms"] = [t for t in row["terms"] if t["language"] in shown]
            rows.append(row)
        echo_json(rows)
        return
    if not found:
        what = f' matching "{search}"' if search else ""
        click.echo(
            f"No concepts{what}; add one with: workbench glossary add TERM --to fa=...", err=True
        )
        return
    width = max(len(c.id) for c in found)
    for concept in found:
        names = []
        for code in dict.fromkeys(shown):
            terms = concept.terms_in(code, g.APPROVED)
            names.append(f"{code}: {terms[0].text if terms else '-'}")
        click.echo(f"{concept.id:<{width}}  " + "  ".join(names))


@glossary.command()
@click.argument("concept_id", metavar="ID")
@json_option
@with_project
def show(concept_id: str, as_json: bool, project) -> None:
    """Show one concept: its definition, decision note and every term."""
    concept = glossary_store.load(project)[concept_id]
    if as_json:
        echo_json(concept_json(concept))
        return
    _print(concept)


def _print(concept: g.Concept) -> None:
    click.echo(concept.id)
    for name in ("subject", "definition", "note"):
        value = getattr(concept, name)
        if value:
            label = "decision" if name == "note" else name
            click.echo(f"  {label}: " + value.replace("\n", "\n    "))
    for term in concept.terms:
        details = [term.status]
        if term.part_of_speech:
            details.append(term.part_of_speech)
        if term.treatment != g.TRANSLATE:
            details.append(term.treatment)
        if term.case_sensitive:
            details.append("case-sensitive")
        click.echo(f"  {term.language:<5} {term.text}  ({', '.join(details)})")
        if term.note:
            click.echo(f"        note: {term.note}")


def _term_options(f):
    f = click.option(
        "--pos", "pos", metavar="POS", help=f"Part of speech: {', '.join(g.PARTS_OF_SPEECH)}."
    )(f)
    f = click.option(
        "--treatment", metavar="T", help="translate, transliterate (toman -> تومان) or keep (IRGC)."
    )(f)
    f = click.option(
        "--case-sensitive/--not-case-sensitive",
        "case_sensitive",
        default=None,
        help="Match the term only with this capitalisation (acronyms).",
    )(f)
    return f


def _shared(pos: str | None, treatment: str | None, case_sensitive: bool | None) -> dict:
    shared: dict[str, Any] = {}
    if pos is not None:
        shared["part_of_speech"] = g.parse_part_of_speech(pos)
    if treatment is not None:
        shared["treatment"] = g.parse_treatment(treatment)
    if case_sensitive is not None:
        shared["case_sensitive"] = case_sensitive
    return shared


@glossary.command()
@click.argument("term")
@click.option("--lang", metavar="CODE", help="Language of TERM (default: the source language).")
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="LANG=TEXT",
    help="The preferred rendering in LANG (repeat for other languages).",
)
@click.option("--admit", multiple=True, metavar="LANG=TEXT", help="A further accepted term.")
@click.option(
    "--deprecate",
    multiple=True,
    metavar="LANG=TEXT",
    help="A term to avoid (outdated, misleading).",
)
@click.option(
    "--forbid", multiple=True, metavar="LANG=TEXT", help="A term never to use (wrong or loaded)."
)
@click.option("--id", "concept_id", metavar="ID", help="Concept id (default: made from TERM).")
@click.option("--definition", default="", help="What the concept means.")
@click.option("--subject", default="", help="Subject field (labour organisation, place, ...).")
@click.option("--note", default="", help="The decision: why this rendering, with sources.")
@_term_options
@json_option
@with_project
def add(
    term: str,
    lang: str | None,
    to,
    admit,
    deprecate,
    forbid,
    concept_id: str | None,
    definition: str,
    subject: str,
    note: str,
    pos,
    treatment,
    case_sensitive,
    as_json: bool,
    project,
) -> None:
    """Add a concept whose preferred term is TERM, with its renderings.

    \b
    Example:
      workbench glossary add "general strike" --to fa="اعتصاب عمومی" --pos noun \\
          --definition "A strike across all trades." --note "Standard usage."
    All given terms share --pos, --treatment and --case-sensitive; a rendering
    spelled exactly as TERM (an acronym kept in Latin letters) is kept as is.
    """
    source = language(lang or project.source_language).code
    terms = [g.Term(term, source)]
    for status, values, option in (
        (g.PREFERRED, to, "--to"),
        (g.ADMITTED, admit, "--admit"),
        (g.DEPRECATED, deprecate, "--deprecate"),
        (g.FORBIDDEN, forbid, "--forbid"),
    ):
        terms += [g.Term(text, code, status) for code, text in _pairs(values, option)]
    terms = list(apply_shared(terms, source, **_shared(pos, treatment, case_sensitive)))
    made: list[g.Concept] = []

    def change(current: g.Glossary) -> g.Glossary:
        cid = concept_id or current.new_id(term)
        concept = g.Concept(cid, tuple(terms), definition, subject, note)
        new = current.add(concept)
        made.append(new[cid])
        return new

    glossary_store.modify(project, change)
    concept = made[-1]
    if as_json:
        echo_json(concept_json(concept))
        return
    click.echo(f"Added the concept {concept.id}")


@glossary.command()
@click.argument("concept_id", metavar="ID")
@click.option("--definition", default=None, help="New definition.")
@click.option("--subject", default=None, help="New subject field.")
@click.option("--note", default=None, help="New decision note.")
@click.option(
    "--add-term",
    "add_terms",
    multiple=True,
    metavar="LANG=TEXT",
    help="Add a term (preferred if LANG has none yet, else admitted; see --status).",
)
@click.option(
    "--term",
    "terms",
    multiple=True,
    metavar="LANG=TEXT",
    help="An existing term to change with --status, --pos, --treatment, --text ...",
)
@click.option(
    "--status",
    metavar="S",
    help="Status of the --add-term and --term terms: preferred, admitted, deprecated, forbidden.",
)
@click.option("--text", "new_text", metavar="TEXT", help="New wording of the one --term.")
@click.option("--term-note", default=None, help="Note on the --add-term and --term terms.")
@click.option(
    "--prefer",
    "prefer",
    multiple=True,
    metavar="LANG=TEXT",
    help="Make TEXT the preferred term in LANG (adding it if new); the old preferred "
    "term becomes admitted.",
)
@click.option(
    "--remove-term", "remove_terms", multiple=True, metavar="LANG=TEXT", help="Remove a term."
)
@_term_options
@json_option
@with_project
def edit(
    concept_id: str,
    definition,
    subject,
    note,
    add_terms,
    terms,
    status,
    new_text,
    term_note,
    prefer,
    remove_terms,
    pos,
    treatment,
    case_sensitive,
    as_json: bool,
    project,
) -> None:
    """Change a concept's fields or terms; all changes are checked, then saved at once.

    \b
    Examples:
      workbench glossary edit council --add-term de=Rat --pos noun
      workbench glossary edit general-strike --prefer fa="اعتصاب همگانی"
      workbench glossary edit council --term fa=انجمن --status forbidden
      workbench glossary edit workers-council --term en="workers council" --text "workers' councils"
      workbench glossary edit council --remove-term fa=انجمن --note "Why: ..."
    """
    changes = _shared(pos, treatment, case_sensitive)
    if status is not None:
        changes["status"] = g.parse_status(status)
    if term_note is not None:
        changes["note"] = term_note
    selected = _pairs(terms, "--term")
    if new_text is not None and len(selected) != 1:
        raise click.UsageError("--text renames one term: name it with exactly one --term")
    removals = _pairs(remove_terms, "--remove-term")
    additions = _pairs(add_terms, "--add-term")
    preferred = _pairs(prefer, "--prefer")

    def change_concept(concept: g.Concept) -> g.Concept:
        for lang, text in removals:
            concept = concept.without_term(lang, text)
        for lang, text in selected:
            extra = {"text": new_text} if new_text is not None else {}
            concept = concept.with_term_changed(lang, text, **changes, **extra)
        for lang, text in additions:
            code = lang
            status_now = g.ADMITTED if concept.preferred(code) else g.PREFERRED
            concept = concept.with_term(
                dataclasses.replace(g.Term(text, code, status_now), **changes)
            )
        for lang, text in preferred:
            code = lang
            old = concept.preferred(code)
            if old is not None and old.text != text:
                concept = concept.with_term_changed(code, old.text, status=g.ADMITTED)
            if concept.term(code, text) is None:
                concept = concept.with_term(g.Term(text, code, g.PREFERRED))
            else:
                concept = concept.with_term_changed(code, text, status=g.PREFERRED)
        return dataclasses.replace(
            concept,
            definition=concept.definition if definition is None else definition,
            subject=concept.subject if subject is None else subject,
            note=concept.note if note is None else note,
        )

    result = glossary_store.modify(
        project, lambda cur: cur.replace(change_concept(cur[concept_id]))
    )
    concept = result[concept_id]
    if as_json:
        echo_json(concept_json(concept))
        return
    click.echo(f"Saved the concept {concept.id}")


@glossary.command()
@click.argument("concept_id", metavar="ID")
@with_project
def remove(concept_id: str, project) -> None:
    """Remove the concept ID and all its terms."""
    glossary_store.modify(project, lambda current: current.remove(concept_id))
    click.echo(f"Removed the concept {concept_id}")


@glossary.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check and report, but write nothing.")
@json_option
@with_project
def import_cmd(file: str, dry_run: bool, as_json: bool, project) -> None:
    """Merge FILE (.csv or .tbx) into the glossary; nothing is written if any row is bad.

    Concepts are matched by id, or else by their preferred source-language
    term. CSV columns: a language code per column (en, fa: preferred terms),
    fa:admitted, fa:deprecated, fa:forbidden (several terms separated by |),
    and optionally id, subject, definition, note, pos, treatment,
    case_sensitive. The simplest file is "en,fa" then "council,شورا".
    """
    report = import_file(project, file, dry_run=dry_run)
    if as_json:
        echo_json({"file": file, **report.as_dict()})
        return
    verb = "Would import" if dry_run else "Imported"
    click.echo(
        f"{verb} {file}: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged"
    )
    for label, ids in (("added", report.added), ("updated", report.updated)):
        if ids:
            click.echo(f"  {label}: {', '.join(ids)}")


@glossary.command()
@click.argument("file", type=click.Path(dir_okay=False))
@with_project
def export(file: str, project) -> None:
    """Write the glossary to FILE (.csv for spreadsheets, .tbx for other tools), atomically."""
    count = export_file(project, file)
    click.echo(f"Exported {count} concepts to {file}")


# -- the corpus: candidates, consistency, concordance --------------------------------


def _refs(refs: tuple[str, ...] | list[str], shown: int = 4) -> str:
    more = len(refs) - shown
    return " ".join(refs[:shown]) + (f" (+{more} more)" if more > 0 else "")


@glossary.command()
@click.option(
    "--top", type=click.IntRange(min=0), default=50, show_default=True, metavar="N",
    help="Show the N best candidates (0: all).",
)  # fmt: skip
@click.option(
    "--min-count", type=click.IntRange(min=1), default=2, show_default=True, metavar="N",
    help="Occurrences a phrase or word needs; acronyms, names and foreign words need one.",
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

    Candidates are recurring phrases, names, acronyms and foreign words
    (toman, Bazaaris), ranked by termhood (C-value) weighted by how rare
    their words are in general English, not by frequency. Terms the glossary
    already has are marked with their concept id.

    \b
    With --json, prints a list of
      {"term", "count", "variants": [TEXT...], "known", "concept", "kind",
       "score", "contexts": [{"statement", "line", "left", "match", "right"}]}
    kind: acronym, name, foreign, phrase or word; concept: an id or null.
    """
    from .extract import extract as run

    found = run(project, top=None if only_new else top or None, min_count=min_count,
                contexts=contexts)  # fmt: skip
    if only_new:
        found = [c for c in found if not c.known]
        found = found[:top] if top else found
    if as_json:
        echo_json([c.as_dict() for c in found])
        return
    if not found:
        click.echo("No candidates: every recurring term is in the glossary already.", err=True)
        return
    width = min(40, max(len(c.term) for c in found))
    for c in found:
        known = f"  = {c.concept}" if c.concept else ""
        click.echo(f"{c.score:6.2f} {c.count:5d}  {c.kind:<8} {c.term:<{width}}{known}")
        others = [text for text, _ in c.variants if text != c.term]
        if others:
            click.echo(f"{'':22}also: {', '.join(others[:6])}")
        for line in c.contexts:
            click.echo(f"{'':22}{line.left:>40} {line.match} {line.right}  ({line.reference})")


@glossary.command()
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
    forbids it, or when another is used at least twice as often. Renderings
    the glossary does not have (status none) are found by the words the
    translations of the concept share, so a term rendered two ways is caught
    before any rendering is set. LANG defaults to every language of the
    project.

    \b
    With --json, prints a list of
      {"concept", "source_terms": [TEXT...], "language",
       "renderings": [{"text", "count", "units": ["statement:line"...],
                       "status", "outlier"}],
       "missing": ["statement:line"...], "split"}
    status: preferred, admitted, deprecated, forbidden or none;
    split: two renderings are each used in at least --min-units units.
    """
    from .consistency import consistency as run
    from .errors import LanguageError

    codes = [project.require_language(lang)] if lang else list(project.languages)
    if not codes:
        raise LanguageError(
            "the project has no target language yet; add one with: workbench add-language fa"
        )
    reports = [r for code in codes for r in run(project, code, min_units=min_units)]
    if problems:
        reports = [r for r in reports if not r.consistent]
    if as_json:
        echo_json([r.as_dict() for r in reports])
        return
    if not reports:
        what = "with problems " if problems else ""
        click.echo(f"No concept {what}in the translated units of {', '.join(codes)}.", err=True)
        return
    for report in reports:
        terms = ", ".join(f'"{t}"' for t in report.source_terms)
        flag = "  rendered in two ways" if report.split else ""
        units = f"{report.units} unit" + ("s" if report.units != 1 else "")
        click.echo(f"{report.concept} ({terms}) in {report.language}: {units}{flag}")
        for r in report.renderings:
            mark = "!" if r.outlier else " "
            status = "not in the glossary" if r.status == "none" else r.status
            click.echo(f"  {mark}{r.count:4d}  {r.text}  ({status})  {_refs(r.units)}")
        if report.missing:
            click.echo(f"   {len(report.missing):4d}  no rendering found  {_refs(report.missing)}")


@glossary.command()
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
    from .concordance import concordance as run

    lines = run(project, term, language=lang, width=width)
    if as_json:
        echo_json([line.as_dict() for line in lines])
        return
    if not lines:
        click.echo(f'The concept "{term}" does not occur in the statements.', err=True)
        return
    ref_width = max(len(line.reference) for line in lines)
    for line in lines:
        click.echo(f"{line.reference:<{ref_width}}  {line.left:>{width}} {line.match} {line.right}")
        tr = line.translation
        if tr is not None:
            text = tr.text or "(not translated)"
            used = ", ".join(f"{r.text} ({r.status})" for r in tr.renderings)
            extra = f"  [{used}]" if used else ""
            click.echo(f"{'':<{ref_width}}  {tr.language}: {text}{extra}")
