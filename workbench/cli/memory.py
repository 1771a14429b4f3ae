"""``workbench memory ...`` and ``workbench pretranslate``: search, rebuild, import, export, fill.

The memory is derived: every verb here first brings it in step with the
catalogs and the imported files (:func:`workbench.memory.refresh.refresh`, which skips
files unchanged since they were read), so a fresh checkout or a catalog
changed by git or another tool is searched as it is on disk.

JSON shapes (``--json``):

- ``search``: ``[{"score", "source", "target", "origin", "unit", "diff": [[op, text],
  ...], "shown_target", "author", "date"}, ...]``, best first; *op* is ``equal``,
  ``insert`` (in the stored source only) or ``delete`` (in the query only);
  *origin* is a statement id or ``locales/memory/NAME.tmx``; *unit* the stored
  unit's ``#:`` references; *shown_target* the target with an imported unit's
  inline codes as placeholders (``{1}...{/1}``, ``{2/}``); *author* and *date*
  who made it and when, where the TMX says so (else empty)
- ``rebuild``: ``[{"language", "changed", "unchanged", "removed", "imports",
  "entries", "problems"}, ...]`` (lists of origins; *entries* a count)
- ``import``: ``{"file", "language", "units", "pairs", "skipped", "changed"}``
- ``export``: ``{"file", "language", "units"}``
- ``pretranslate``: ``{"language", "filled": [FILL...], "skipped": [FILL...],
  "written": [PATH...]}``, a FILL being ``{"statement", "line", "source",
  "context", "target", "status", "score", "origin", "unit"}``
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.accounts.users import check_name
from workbench.cli.common import echo_json, json_option, say, shown, with_project
from workbench.errors import LanguageError
from workbench.memory import refresh
from workbench.memory.memory import DEFAULT_LIMIT, DEFAULT_THRESHOLD, Match, Memory, check_query
from workbench.util import files

memory: click.Group = click.Group(
    "memory",
    help="Search and keep the translation memory: every translated unit plus imported TMX.\n\n"
    "The memory lives in instance/ and is rebuilt from the catalogs and from the TMX files "
    "imported into locales/memory/, so it can always be deleted.\n\n"
    "With --json, search prints a list of "
    '{"score", "source", "target", "origin", "unit", "diff": [[op, text], ...]} '
    "(op: equal, insert or delete); rebuild prints a list of "
    '{"language", "changed", "unchanged", "removed", "imports", "entries", "problems"}; '
    'import prints {"file", "language", "units", "pairs", "skipped", "changed"}; '
    'export prints {"file", "language", "units"}.',
    context_settings={"help_option_names": ["-h", "--help"]},
)


def target_language(project, lang: str | None) -> str:
    """Return the project's target language *lang*, or its only one when not given."""
    if lang:
        return project.require_language(lang)
    if len(project.languages) == 1:
        return project.languages[0]
    if not project.languages:
        raise LanguageError(
            "the project has no target language yet; add one with: workbench add-language CODE"
        )
    raise LanguageError(
        f"the project translates into {', '.join(project.languages)}; say which with --lang"
    )


def _lang_option(f):
    return click.option(
        "--lang",
        metavar="CODE",
        help="Target language (default: the project's only one).",
    )(f)


def _report_problems(problems: tuple[str, ...]) -> None:
    for problem in problems:
        click.echo(f"Warning: {problem}; its units in the memory are from before", err=True)


def match_json(match: Match) -> dict:
    """Return *match* in the JSON shape of ``memory search --json``."""
    return {
        "score": match.score,
        "source": match.source,
        "target": match.target,
        "origin": match.origin,
        "unit": match.unit,
        "diff": [[op, text] for op, text in match.diff],
        "shown_target": match.shown_target,
        "author": match.author,
        "date": match.date,
    }


def word_diff(pieces) -> str:
    """Render diff pieces as text: ``[-deleted-]`` and ``{+inserted+}``, as git does."""
    out = []
    for op, text in pieces:
        if op == "equal":
            out.append(text)
        elif op == "insert":
            out.append("{+" + text + "+}")
        else:
            out.append("[-" + text + "-]")
    return "".join(out)


@memory.command()
@click.argument("text")
@_lang_option
@click.option(
    "--min",
    "threshold",
    type=click.IntRange(1, 100),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Lowest score shown (1-100).",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 1000),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Most matches shown.",
)
@json_option
@with_project
def search(text: str, lang: str | None, threshold: int, limit: int, as_json: bool, project):
    """Print the stored translations whose source is closest to TEXT ("-" reads stdin).

    Each match shows its score, where it comes from (a statement and line,
    or an imported file), the stored source with the words that differ
    marked [-only in TEXT-] and {+only in the stored source+}, and its
    translation.

    With --json it prints a list, best first, of {"score", "source", "target",
    "origin", "unit", "diff": [[op, text], ...]}: op is equal, insert (words
    only the stored source has) or delete (words only TEXT has).
    """
    lang = target_language(project, lang)
    if text == "-":
        text = sys.stdin.read().rstrip("\n")
    check_query(text)
    with Memory.open(project.instance_dir, lang) as mem:
        done = refresh.refresh(project, lang, memory=mem)
        _report_problems(done.problems)
        found = mem.lookup(text, threshold=threshold, limit=limit)
    if as_json:
        echo_json([match_json(m) for m in found])
        return
    if not found:
        click.echo(f"No match of {threshold} or more in the {lang} memory", err=True)
        return
    for m in found:
        where = m.origin + (f" ({m.unit})" if m.unit else "")
        who = ", ".join(x for x in (m.author, m.date) if x)
        say(f"{m.score:>3}  {where}" + (f"  [{who}]" if who else ""))
        say(f"     {word_diff(m.diff)}")
        say(f"     {m.shown_target}")


@memory.command()
@click.argument("lang", required=False)
@json_option
@with_project
def rebuild(lang: str | None, as_json: bool, project) -> None:
    """Re-read every catalog of LANG (default: all languages) and update the memory.

    Each statement's entries are compared with the stored ones by
    fingerprint: unchanged statements are left as they are. Imported TMX
    files in locales/memory/ are indexed again if they changed.
    """
    langs = [project.require_language(lang)] if lang else list(project.languages)
    results = [refresh.rebuild(project, code) for code in langs]
    if as_json:
        echo_json([r.as_dict() for r in results])
        return
    for r in results:
        click.echo(
            f"{r.language}: {r.entries:,} entries; {len(r.changed)} changed, "
            f"{len(r.unchanged)} unchanged, {len(r.removed)} removed, "
            f"{len(r.imports)} imported file(s) indexed again"
        )
        for label, origins in (
            ("changed", r.changed),
            ("unchanged", r.unchanged),
            ("removed", r.removed),
            ("imports", r.imports),
        ):
            if origins:
                say(f"  {label}: {', '.join(origins)}")


@memory.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@_lang_option
@click.option(
    "--name",
    metavar="NAME",
    help="Keep it as locales/memory/NAME.tmx (default: the file's name).",
)
@json_option
@with_project
def import_cmd(file: str, lang: str | None, name: str | None, as_json: bool, project) -> None:
    """Import the TMX file FILE into the memory of a target language.

    Its source language must be the project's. The file is kept in the
    project as locales/memory/NAME.tmx, so it travels with the project;
    importing under a name already used replaces that import. A malformed
    file, or one for another language pair, changes nothing.
    """
    # TMX is read only by the verbs that need it: for start-up time.
    from workbench.memory import tmx

    lang = target_language(project, lang)
    result = tmx.import_tmx(project.root, Path(file), project.source_language, lang, name=name)
    if as_json:
        echo_json(
            {
                "file": result.path,
                "language": lang,
                "units": result.units,
                "pairs": result.pairs,
                "skipped": result.skipped,
                "changed": result.changed,
            }
        )
        return
    if not result.changed:
        click.echo(f"{result.path} was already imported into the {lang} memory; nothing changed")
        return
    click.echo(f"Imported {result.pairs:,} unit(s) into the {lang} memory, kept as {result.path}")
    asked = name if name is not None else Path(file).stem
    if any(c.isalnum() and not c.isascii() for c in asked):
        # The folder travels between systems that spell such names differently.
        click.echo(
            f"  note: file names in the project are kept to Latin letters, digits, - and _, "
            f'so "{shown(asked)}" became "{result.name}"; give --name to choose another',
            err=True,
        )
    if result.skipped:
        click.echo(
            f"  {result.skipped:,} of {result.units:,} unit(s) lack "
            f"{project.source_language} or {lang} and were left out",
            err=True,
        )


@memory.command()
@click.argument("lang")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--with-imports", is_flag=True, help="Add the units of the imported TMX files too.")
@json_option
@with_project
def export(lang: str, file: str, with_imports: bool, as_json: bool, project) -> None:
    """Write every translated unit of LANG to FILE as TMX 1.4b.

    Each distinct pair of source and translation is written once. Fuzzy and
    untranslated units are left out.
    """
    # TMX is written only by the verbs that need it: for start-up time.
    from workbench.memory import tmx

    lang = project.require_language(lang)
    files.require_folder(Path(file))
    units = refresh.export_units(project, lang, imports=with_imports)
    count = tmx.write(Path(file), units, project.source_language, lang, lock_dir=project.lock_dir)
    if as_json:
        echo_json({"file": file, "language": lang, "units": count})
        return
    click.echo(f"Wrote {count:,} unit(s) ({project.source_language} → {lang}) to {file}")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("lang")
@click.argument("statements", nargs=-1)
@click.option(
    "--min",
    "threshold",
    type=click.IntRange(1, 100),
    default=100,
    show_default=True,
    help="Lowest score used to fill a unit.",
)
@click.option(
    "--trust-exact",
    is_flag=True,
    help="Mark a fill translated when its match is exact (100); others stay fuzzy.",
)
@click.option(
    "--user",
    metavar="NAME",
    help="Translator name written to the catalogs and the history (default: pretranslate).",
)
@json_option
@with_project
def pretranslate(
    lang: str,
    statements: tuple[str, ...],
    threshold: int,
    trust_exact: bool,
    user: str | None,
    as_json: bool,
    project,
) -> None:
    """Fill the empty units of LANG from the memory (all statements, or STATEMENTS).

    Each empty unit gets the translation of its best match scoring --min or
    more, marked fuzzy for a translator to review; with --trust-exact an
    exact match (100: the very same source, in the same context) is marked
    translated instead. A 99 (the same words in other case or quotes) is
    never trusted. Units translated by someone else meanwhile are left alone.

    With --json it prints {"language", "filled": [FILL...], "skipped": [FILL...],
    "written": [PATH...]}, a FILL being {"statement", "line", "source", "context",
    "target", "status", "score", "origin", "unit"}.
    """
    # The catalogs' writing side is loaded only by the verb that writes: for start-up time.
    from workbench.memory.pretranslate import pretranslate as fill_from_memory

    lang = project.require_language(lang)
    result = fill_from_memory(
        project,
        lang,
        list(statements) or None,
        threshold=threshold,
        trust_exact=trust_exact,
        user=check_name(user) if user is not None else None,
    )
    if as_json:
        echo_json(result.as_dict())
        return
    for fill in result.filled:
        where = f"{fill.statement}:{fill.line}" if fill.line else fill.statement
        say(f"{where}  {fill.status} {fill.score}% from {fill.origin}")
        say(f"     {fill.msgid}")
        say(f"     {fill.target}")
    for fill in result.skipped:
        where = f"{fill.statement}:{fill.line}" if fill.line else fill.statement
        click.echo(f"{where}: translated meanwhile; left as it is", err=True)
    fuzzy = sum(1 for f in result.filled if f.status == "fuzzy")
    click.echo(
        f"Filled {len(result.filled)} unit(s) of {lang} ({fuzzy} fuzzy, "
        f"{len(result.filled) - fuzzy} translated) in {len(result.written)} catalog(s)"
    )
