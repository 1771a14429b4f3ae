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
- a concept also has ``"source"``, ``"admin": [[TYPE, VALUE]...]`` and
  ``"by_language": [[LANG, TYPE, VALUE]...]``; a term ``"term_type"``,
  ``"context"``, ``"source"``, ``"reliability"``, ``"given_status"`` and
  ``"admin"`` (what TBX files of other tools carry)
- ``import``: ``{"file", "added": [ID...], "updated": [ID...], "unchanged": [ID...],
  "not_kept": {WHAT: COUNT}, "merged": [MERGED...]}``; MERGED, a concept of the file
  merged into the one that has its source term in another word form: ``{"line", "term",
  "concept", "as", "added": [CHANGE...], "kept": [CHANGE...]}``, CHANGE ``{"language",
  "text", "status", "file_status", "preferred"}`` (a term added, or one both have that
  keeps the glossary's status; "preferred": the concept's preferred term, which stays,
  when a rendering the file calls preferred is added as admitted)
"""

from __future__ import annotations

import dataclasses
from typing import Any

import click

from workbench.cli.common import LazyGroup, echo_json, json_option, say, with_project
from workbench.errors import GlossaryError
from workbench.glossary import model as g
from workbench.glossary import store as glossary_store
from workbench.glossary import tbx
from workbench.glossary.conflict import clashes, settle_command
from workbench.glossary.incoming import apply_shared
from workbench.glossary.io import export_file, import_file
from workbench.lang.locales import preferred_code
from workbench.terms.contradictions import contradictions, first_term_taken, sync_conflicts

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
    '{"file", "added", "updated", "unchanged"} (lists of ids), "not_kept" and "merged".',
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
    return preferred_code(lang), text.strip()


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
        shown = [project.source_language, preferred_code(lang)]
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
        say(f"{concept.id:<{width}}  " + "  ".join(names))


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
    say(concept.id)
    if concept.conflict:
        say(
            "  conflict: a sync kept two machines' versions; keep it as it is with: "
            f"{settle_command(concept.id)}, or change it with glossary edit, which settles it too",
            *(f"    {clash.describe(concept.id)}" for clash in clashes(concept)),
        )
    for name in ("subject", "definition", "source", "note"):
        value = getattr(concept, name)
        if value:
            _say_text(f"  {'decision' if name == 'note' else name}: ", value)
    for kind, value in concept.admin:
        say(f"  {kind}: {value}")
    for lang, kind, value in concept.by_language:
        _say_text(f"  {kind} ({lang}): ", value)
    # Codes as wide as the widest (zh_Hant), the texts and their notes in one column.
    width = max((len(t.language) for t in concept.terms), default=2)
    for term in concept.terms:
        details = [term.given_status or term.status]
        if term.part_of_speech:
            details.append(term.part_of_speech)
        if term.term_type:
            details.append(term.term_type)
        if term.treatment != g.TRANSLATE:
            details.append(term.treatment)
        if term.case_sensitive:
            details.append("case-sensitive")
        say(f"  {term.language:<{width}} {term.text}  ({', '.join(details)})")
        extra = [("note", term.note), ("context", term.context), ("source", term.source)]
        extra += [("reliability", term.reliability), *term.admin]
        for label, value in extra:
            if value:
                say(f"  {'':<{width}} {label}: {value}")


def _say_text(label: str, value: str) -> None:
    """Print a text field after *label*, its further lines indented under it."""
    first, *more = value.split("\n")
    say(label + first, *(f"    {line}" for line in more))


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
@click.option(
    "--new",
    "separate",
    is_flag=True,
    help="Add a separate concept even though another has TERM (another meaning of the word).",
)
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
    separate: bool,
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
    A TERM that another concept has already (in any word form) is refused:
    add the renderings to that concept with glossary edit, or give --new for
    a second meaning of the word.
    """
    source = preferred_code(lang or project.source_language)
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
        if not separate:
            own = [t for t in terms if t.language == project.source_language]
            _refuse_a_second_concept(current, own)
        cid = concept_id or current.new_id(term)
        concept = g.Concept(cid, tuple(terms), definition, subject, note)
        new = current.add(concept)
        made.append(new[cid])
        return new

    glossary_store.modify(project, change)
    _report(made[-1], as_json, "Added")


def _refuse_a_second_concept(glossary: g.Glossary, terms: list[g.Term]) -> None:
    """Raise if a concept has one of the source *terms* already (two concepts, one word)."""
    taken = first_term_taken(glossary, terms)
    if taken is not None:
        term, concept = taken
        raise GlossaryError(
            f'«{term.text}» is already an {term.language} term of the concept "{concept.id}"; '
            f"add renderings to it with: workbench glossary edit {concept.id} --add-term "
            "LANG=TEXT, or give --new to add a separate concept (another meaning)"
        )


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
@click.option(
    "--settle",
    is_flag=True,
    help="Settle the concept's sync conflict, keeping it as it is now (any other change "
    "settles it too).",
)
@_term_options
@json_option
@with_project
def edit(concept_id: str, settle: bool, as_json: bool, project, **options: Any) -> None:
    """Change a concept's fields or terms; all changes are checked, then saved at once.

    A concept that a sync left in conflict (both machines' versions kept;
    see them with glossary show ID) is settled by any change saved here, as
    by a save in the web form; --settle alone settles it as it is.

    \b
    Examples:
      workbench glossary edit council --add-term de=Rat --pos noun
      workbench glossary edit general-strike --prefer fa="اعتصاب همگانی"
      workbench glossary edit council --term fa=انجمن --status forbidden
      workbench glossary edit workers-council --term en="workers council" --text "workers' councils"
      workbench glossary edit council --remove-term fa=انجمن --note "Why: ..."
      workbench glossary edit council --settle
    """
    change = _concept_edit(**options)
    # A bare edit asks for nothing, so it saves nothing and settles nothing.
    saves = settle or change != g.ConceptEdit()
    before: list[g.Concept] = []

    def apply(current: g.Glossary) -> g.Glossary:
        before.append(current[concept_id])
        edited = before[-1].edited(change)
        if saves:
            # Whoever saves the concept has settled what a sync left open, as in the web form.
            edited = dataclasses.replace(edited, conflict="")
        return current.replace(edited)

    result = glossary_store.modify(project, apply)
    after = result[concept_id]
    if as_json:
        echo_json(concept_json(after))
        return
    changes = _changes(before[-1], after, change)
    if before[-1].conflict and not after.conflict:
        changes.append(
            "the sync conflict is settled; it said: "
            + "; ".join(c.line for c in clashes(before[-1]))
        )
    if not changes:
        message = f"Nothing changed in the concept {concept_id}"
        if after.conflict:
            message += (
                f"; it keeps a sync conflict: see it with: workbench glossary show {concept_id}"
                f", settle it with: {settle_command(concept_id)}"
            )
        elif settle:
            message += "; it has no sync conflict to settle"
        click.echo(message)
        return
    say(f"Saved the concept {concept_id}:", *(f"  {line}" for line in changes))


_FIELDS = (("definition", "definition"), ("subject", "subject"), ("note", "decision note"))
_TERM_FIELDS = (
    ("part_of_speech", "part of speech"),
    ("treatment", "treatment"),
    ("case_sensitive", "case-sensitive"),
    ("note", "note"),
)


def _changes(old: g.Concept, new: g.Concept, edit: g.ConceptEdit) -> list[str]:
    """Say what *edit* changed from *old* to *new*: fields, then terms, then removals."""
    lines = [
        f"{label} changed" for name, label in _FIELDS if getattr(old, name) != getattr(new, name)
    ]
    was = {(t.language, t.text): t for t in old.terms}
    renamed = {}
    if edit.rename is not None and len(edit.change) == 1:
        lang, text = edit.change[0]
        renamed[(lang, edit.rename.strip())] = (lang, text.strip())
    kept = set()
    for term in new.terms:
        key = (term.language, term.text)
        before = was.get(renamed.get(key, key))
        if before is None:
            lines.append(f"{term.language} «{term.text}» added as {term.status}")
            continue
        kept.add((before.language, before.text))
        if before.text != term.text:
            lines.append(f"{term.language} «{before.text}» renamed «{term.text}»")
        if before.status != term.status:
            lines.append(
                f"{term.language} «{term.text}» is now {term.status} (was {before.status})"
            )
        for name, label in _TERM_FIELDS:
            value = getattr(term, name)
            if getattr(before, name) != value:
                shown = value if isinstance(value, str) else ("yes" if value else "no")
                lines.append(f"{term.language} «{term.text}»: {label} {shown or 'removed'}")
    lines += [
        f"{t.language} «{t.text}» removed" for t in old.terms if (t.language, t.text) not in kept
    ]
    return lines


def _concept_edit(
    *,
    definition: str | None,
    subject: str | None,
    note: str | None,
    add_terms: tuple[str, ...],
    terms: tuple[str, ...],
    status: str | None,
    new_text: str | None,
    term_note: str | None,
    prefer: tuple[str, ...],
    remove_terms: tuple[str, ...],
    pos: str | None,
    treatment: str | None,
    case_sensitive: bool | None,
) -> g.ConceptEdit:
    """Read the options of ``glossary edit`` into one edit of the model."""
    attributes = _shared(pos, treatment, case_sensitive)
    if status is not None:
        attributes["status"] = g.parse_status(status)
    if term_note is not None:
        attributes["note"] = term_note
    selected = _pairs(terms, "--term")
    if new_text is not None and len(selected) != 1:
        raise click.UsageError("--text renames one term: name it with exactly one --term")
    return g.ConceptEdit(
        definition=definition,
        subject=subject,
        note=note,
        remove=tuple(_pairs(remove_terms, "--remove-term")),
        change=tuple(selected),
        rename=new_text,
        add=tuple(_pairs(add_terms, "--add-term")),
        prefer=tuple(_pairs(prefer, "--prefer")),
        attributes=attributes,
    )


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
@click.option(
    "--lang",
    metavar="CODE",
    help="Target language of a CSV whose header does not name it (source,target) "
    "(default: the project's only one).",
)
@json_option
@with_project
def import_cmd(file: str, dry_run: bool, lang: str | None, as_json: bool, project) -> None:
    """Merge FILE (.csv or .tbx) into the glossary; nothing is written if any row is bad.

    Concepts are matched by id, or else by their preferred source-language
    term. A concept matched neither way whose source term a concept of the
    glossary has already, in any word form (councils, council), is merged
    into that concept rather than added as a second one: its new renderings
    are added (a second preferred one as admitted), and where the two
    disagree the glossary's status stays; a line says so for each.

    CSV columns: a language code per column (en, fa: preferred terms),
    fa:admitted, fa:deprecated, fa:forbidden (several terms separated by |),
    and optionally id, subject, definition, note, pos, treatment,
    case_sensitive (for all the row's terms) and term_exceptions (the terms
    that differ: "en:US = case-sensitive | fa:استکبار = translate"). The
    simplest file is "en,fa" then "council,شورا".
    Language columns may be named English, Persian...; Weblate's shapes
    (source,target[,translator_comments], context,source,target and its full
    download) take their target language from --lang.

    TBX: v3 (TBX-Basic, -Core, -Min, both styles) and 2008. What the file
    holds that the glossary cannot is named in one summary line.
    """
    if lang:
        lang = preferred_code(lang)
    elif len(project.languages) == 1:
        lang = project.languages[0]
    report = import_file(project, file, dry_run=dry_run, lang=lang)
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
    for merged in report.merged:
        click.echo(f"  {merged.message(dry_run)}")
    click.echo(report.summary)


@glossary.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--tbx-version",
    type=click.Choice(["3", "2008"]),
    default="3",
    show_default=True,
    help="TBX v3 (TBX-Basic, ISO 30042:2019) or TBX 2008 (martif) for older tools.",
)
@click.option("--no-bom", is_flag=True, help="CSV: leave out the byte order mark.")
@with_project
def export(file: str, tbx_version: str, no_bom: bool, project) -> None:
    """Write the glossary to FILE (.csv for spreadsheets, .tbx for other tools), atomically.

    CSV cells that a spreadsheet would run as formulas (starting with = + - @,
    a tab or a carriage return) get a leading apostrophe; import removes it.
    """
    version = tbx.V3 if tbx_version == "3" else tbx.V2008
    count = export_file(project, file, tbx_version=version, bom=not no_bom)
    click.echo(f"Exported {count} concepts to {file}")


@glossary.command("check")
@click.option("--lang", "languages", multiple=True, metavar="CODE", help="Only this language.")
@json_option
@with_project
def check_cmd(languages: tuple[str, ...], as_json: bool, project) -> None:
    """Find what the team must settle in the glossary: sync conflicts and contradictions.

    A concept that two machines changed in ways a sync could not settle
    keeps both versions until someone settles it: an error, listed first,
    with what each machine said and the command that takes the other's
    version (glossary edit ID --settle keeps it as it is; any glossary edit
    of it settles it too).

    A term preferred in one concept and forbidden in another is an error;
    preferred in one and deprecated in another a warning; approved and
    rejected in one concept an error. Admitted beside forbidden or
    deprecated is deliberate (a narrow use the decision note explains) and
    not reported. A source term in two concepts is a warning: the checks
    want the renderings of both wherever it occurs. Terms are the same when
    one is a word form of the other. Exits 1 when an error is found.

    \b
    With --json, prints a list of sync conflicts, then of contradictions:
      {"kind": "conflict", "severity": "error", "concept", "settle", "message",
       "clashes": [{"kind", "text", "language", "field", "ours", "theirs"}]}
      {"kind": "contradiction", "severity", "language", "term", "other", "message",
       "concepts": [{"concept", "status"}, {"concept", "status"}]}
    (a clash's kind: preferred, field, removed or other; ours is what this
    machine has, theirs what the other machine had)
    """
    codes = [preferred_code(c) for c in languages] or None
    current = glossary_store.load(project)
    unsettled = sync_conflicts(current, codes)
    found = contradictions(current, codes, project.source_language)
    if as_json:
        echo_json([c.as_dict() for c in unsettled] + [c.as_dict() for c in found])
    elif not found and not unsettled:
        click.echo("No contradictions in the glossary.", err=True)
    else:
        for conflict in unsettled:
            say(f"{conflict.severity}: {conflict.message}", *(f"  {d}" for d in conflict.details))
        for c in found:
            say(f"{c.severity}: {c.message}")
    if unsettled or any(c.severity == "error" for c in found):
        raise SystemExit(1)
