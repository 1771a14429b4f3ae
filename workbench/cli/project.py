"""Verbs on the project's statements and catalogs: init, add-language, update, stats, build."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.catalogs.build import build_statement, output_path, write_built
from workbench.catalogs.plurals import check_plural_forms
from workbench.catalogs.stats import project_stats
from workbench.catalogs.update import update_project, update_statement
from workbench.checks.findings import units_with_errors
from workbench.cli.common import (
    check_run,
    columns,
    echo_json,
    json_option,
    progress_for,
    with_project,
)
from workbench.errors import WorkbenchError
from workbench.lang.locales import plural_forms, preferred_code
from workbench.project import Project
from workbench.sync.gitrepo import init_repository


@click.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option(
    "--source",
    "source_language",
    default="en",
    show_default=True,
    help="Language of the statements.",
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="CODE",
    help="A target language (repeat for several).",
)
def init(directory: str, source_language: str, languages: tuple[str, ...]) -> None:
    """Make a new, empty project folder DIRECTORY (a git repository, if git is installed)."""

    project = Project.init(directory, source_language, languages)
    click.echo(f"Created the project {project.root}")
    if init_repository(project.root):
        click.echo("It is a git repository, ready for: workbench sync")
    click.echo("Put statements (.txt or .md, UTF-8) in seeds/, then run: workbench update")


@click.command("add-language")
@click.argument("code")
@with_project
def add_language(code: str, project) -> None:
    """Add target language CODE (fa, ckb, ar, de, pt_BR...) and create its catalogs."""

    lang = preferred_code(code)
    if lang in project.languages:
        click.echo(f"{lang} is already a language of this project; nothing was changed")
        return
    base = lang.split("_")[0]
    variants = [other for other in project.languages if other.split("_")[0] == base]
    project = project.with_language(lang)
    made = []
    for statement in project.statements():
        report = update_statement(project, statement, languages=[lang])
        made += [p for p in report.written if p.endswith(".po")]
    click.echo(f"Added {lang}; {len(made)} catalog(s) written")
    for path in made:
        click.echo(f"  {path}")
    if variants:
        click.echo(
            f"Note: the project has {', '.join(variants)} too; {lang} gets catalogs of its own, "
            "translated apart",
            err=True,
        )


@click.command()
@click.argument("statements", nargs=-1)
@click.option(
    "--plural-forms",
    "plural_rules",
    metavar="LANG=RULE",
    multiple=True,
    help='Give LANG\'s catalogs this Plural-Forms (e.g. fa="nplurals=2; plural=(n > 1);"), '
    "or LANG=default for the CLDR rule. Without it, a catalog keeps its header.",
)
@with_project
def update(statements: tuple[str, ...], plural_rules: tuple[str, ...], project) -> None:
    """Segment the statements and write or merge their templates and catalogs.

    A catalog's header belongs to its translators: the update keeps it, Plural-Forms
    included, and takes only the template's creation date.
    """

    rules = {}
    for given in plural_rules:
        code, sep, rule = given.partition("=")
        lang = project.require_language(code.strip()) if sep else None
        if lang is None:
            raise click.BadParameter(f'"{given}": write LANG=RULE', param_hint="--plural-forms")
        rules[lang] = plural_forms(lang) if rule.strip() == "default" else check_plural_forms(rule)
    chosen = [project.statement(s) for s in statements] if statements else project.statements()
    if not chosen:
        click.echo(
            f"No statements in {project.relative(project.seeds_dir)}/; add .txt or .md files"
        )
        return
    steps = 1 + len(project.languages)
    with progress_for("Updating", len(chosen) * steps) as bar:
        reports = update_project(
            project, chosen, progress=lambda _step: bar.update(1), plural_forms=rules
        )
    for r in reports:
        parts = [f"{r.statement}: {r.units} units"]
        for lang in project.languages:
            parts.append(
                f"{lang}: {r.new[lang]} new, {r.fuzzy[lang]} fuzzy, {r.obsolete[lang]} obsolete"
            )
        click.echo("; ".join(parts))
        for path in r.written:
            click.echo(f"  wrote {path}")


@click.command()
@json_option
@with_project
def stats(as_json: bool, project) -> None:
    """Print progress per statement and language."""

    rows = project_stats(project)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No catalogs yet; run: workbench update")
        return
    header = ("statement", "lang", "units", "words", "transl", "fuzzy", "untr", "percent")
    table = [header]
    for r in rows:
        figures = (r["units"], r["words"], r["translated"], r["fuzzy"], r["untranslated"])
        table.append((r["statement"], r["language"], *map(str, figures), f"{r['percent']:.1f}%"))
    for line in columns(table, right=range(2, len(header))):
        click.echo(line)


@click.command()
@click.argument("lang")
@click.argument("statements", nargs=-1)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder for the built files (default: instance/build/LANG).",
)
@click.option("--strict", is_flag=True, help="Exit 1 if any unit fell back to the source.")
@with_project
def build(
    lang: str, statements: tuple[str, ...], out_dir: str | None, strict: bool, project
) -> None:
    """Write the statements translated into LANG, with the source's layout."""

    lang = project.require_language(lang)
    chosen = [project.statement(s) for s in statements] if statements else project.statements()
    # Every catalog is read and built before any file is written: a broken
    # one stops the build with nothing written, not half the statements.
    built_all = [(statement, build_statement(project, statement, lang)) for statement in chosen]
    gaps = places = 0
    for statement, built in built_all:
        path = output_path(project, Path(out_dir) if out_dir else None, built, statement)
        write_built(path, built, project.lock_dir)
        # Units as stats counts them: a sentence repeated is one unit in several places.
        repeated = f" ({built.places} places)" if built.places != built.units else ""
        click.echo(
            f"{statement.id}: {built.translated}/{built.units} units translated{repeated} -> {path}"
        )
        for gap in built.gaps:
            excerpt = gap.source if len(gap.source) <= 60 else gap.source[:57] + "..."
            click.echo(
                f"  {statement.id} line {gap.line}: {gap.status}, source kept: {excerpt}", err=True
            )
        gaps += built.gap_units
        places += len(built.gaps)
    if gaps:
        where = f", in {places} places" if places != gaps else ""
        click.echo(f"{gaps} unit(s) fell back to the source text{where}", err=True)
    _say_errors(project, lang, [statement.id for statement, _built in built_all])
    if gaps and strict:
        sys.exit(1)


def _say_errors(project: Project, lang: str, chosen: list[str]) -> None:
    """Say on stderr which built statements have units with error-level findings.

    The build publishes them all the same (a translator may do so knowingly);
    the figures come from the check cache when nothing changed since the last
    ``workbench check`` or build, and bring it up to date otherwise.
    """
    try:
        report = check_run(project, [lang], [])
    except WorkbenchError as exc:
        click.echo(f"note: the translations were not checked: {exc}", err=True)
        return
    counts = units_with_errors(report.findings)
    for name in chosen:
        n = counts.get(name, 0)
        if n:
            has = "unit has" if n == 1 else "units have"
            click.echo(
                f"{name}: {n} {has} error-level findings; see them with: "
                f"workbench check {lang} {name} --severity error",
                err=True,
            )
