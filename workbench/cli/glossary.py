"""``workbench glossary ...``: list, show, add, edit, remove, import and export concepts.

The group also holds ``extract``, ``consistency`` and ``concordance``, which
look at the corpus (:mod:`workbench.cli.corpus`).

Every edit goes through :func:`workbench.glossary.store.modify`: read, change and
write happen under the glossary's lock, so nothing another editor saved in
the meantime is lost, and a rejected edit writes nothing.

JSON shapes (``--json``):

- a concept: ``{"id", "terms": [TERM...], "definition", "subject", "note", "conflict"}``
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

from workbench.cli.common import LazyGroup, echo_json, json_option, with_project
from workbench.glossary import model as g
from workbench.glossary import store as glossary_store
from workbench.glossary.incoming import apply_shared
from workbench.glossary.io import export_file, import_file
from workbench.lang.locales import language

glossary: click.Group = LazyGroup(
    "glossary",
    lazy={
        "extract": "workbench.cli.corpus:extract",
        "consistency": "workbench.cli.corpus:consistency",
        "concordance": "workbench.cli.corpus:concordance",
    },
    help="Keep the shared glossary: concepts, their terms per language, and the decisions.\n\n"
    "The glossary is glossary/glossary.tbx (TBX); import and export CSV for spreadsheets.\n\n"
    "With --json, list prints a list of concepts and show, add and edit print one: "
    '{"id", "terms": [{"text", "language", "status", "part_of_speech", "case_sensitive", '
    '"treatment", "note"}], "definition", "subject", "note", "conflict"} (conflict: what a '
    "sync could not settle, or empty); import prints "
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


def _report(concept: g.Concept, as_json: bool, done: str) -> None:
    """Print *concept* as JSON, or say what was *done* with it."""
    if as_json:
        echo_json(concept_json(concept))
    else:
        click.echo(f"{done} the concept {concept.id}")


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
    _report(made[-1], as_json, "Added")


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
    _report(result[concept_id], as_json, "Saved")


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
