"""``workbench xliff ...``: send a statement to a CAT tool as XLIFF and take it back.

JSON shapes (``--json``):

- ``export``: ``{"file", "statement", "language", "version", "units"}``
- ``import``: ``{"file", "statement", "language", "updated": [ID...],
  "conflicts": [{"id", "line", "catalog", "file"}...], "unknown": [{"id", "line"}...],
  "source_differs": [{"id", "line"}...], "notes": [{"id", "line", "text"}...],
  "unchanged", "skipped", "written"}``
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.accounts.users import check_name
from workbench.catalogs.history import History
from workbench.catalogs.store import CatalogStore
from workbench.cli.common import echo_json, json_option, with_project
from workbench.util import files
from workbench.xliff import service

xliff: click.Group = click.Group(
    "xliff",
    help="Translate a statement in a CAT tool (OmegaT, memoQ, Trados, Matecat): export it as "
    "XLIFF, import what the tool gives back.\n\n"
    "Import goes through the same store as the web form: the file's lock, the history and the "
    "conflict check apply, and a unit changed both in the file and here since the export keeps "
    "both texts (the file's in a translator comment, the unit marked fuzzy).",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _store(project) -> CatalogStore:
    history = History.of(project)
    return CatalogStore(project, on_saved=history.record)


@xliff.command("export")
@click.argument("lang")
@click.argument("statement")
@click.option(
    "--version",
    "version",
    type=click.Choice(service.VERSIONS),
    default="1.2",
    show_default=True,
    help="XLIFF 1.2 (most CAT tools) or 2.0.",
)
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write here (default: stdout).")
@json_option
@with_project
def export_cmd(lang: str, statement: str, version: str, out: str | None, as_json: bool, project):
    """Write the catalog of STATEMENT in LANG as XLIFF: one unit per entry, ids stable.

    Units come in the statement's order, one group per paragraph, each with its
    kind, its line in the statement, the glossary terms of its source and its
    revision, so that import can tell what changed since.
    """
    if out is not None:
        files.require_folder(Path(out))
    data = service.export_statement(project, _store(project), lang, statement, version)
    units = data.count(b"<trans-unit ") + data.count(b"<unit ")
    if out is None:
        if as_json:
            raise click.UsageError("--json needs --out FILE (the XLIFF goes to stdout otherwise)")
        sys.stdout.buffer.write(data)
        return
    target = Path(out)
    with files.locked(target, project.lock_dir):
        files.atomic_write(target, data, make_folder=False)
    if as_json:
        echo_json(
            {
                "file": out,
                "statement": statement,
                "language": project.require_language(lang),
                "version": version,
                "units": units,
            }
        )
        return
    click.echo(f"Wrote {units} unit(s) of {statement} ({lang}) to {out} as XLIFF {version}")


@xliff.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--user",
    metavar="NAME",
    help="Who made the changes: the history, the catalog's Last-Translator, a review "
    "(default: the name sync --name remembered on this machine).",
)
@json_option
@with_project
def import_cmd(file: str, user: str | None, as_json: bool, project) -> None:
    """Take back what changed in FILE since it was exported.

    A file for a statement or language this project does not have is refused,
    and so is one that gives a unit twice, or none of whose units belongs to
    the statement. A unit whose id is unknown, or whose source is not the
    statement's, is left out and reported with its line. A unit changed both
    in the file and in the catalog is marked fuzzy with the file's text kept
    in a translator comment, and reported. A target whose state says it is
    not finished makes the unit fuzzy. Notes a translator added in the CAT
    tool are kept as translator comments. A file imported unchanged changes
    nothing.
    """
    if user is None:
        # git is asked only when no name is given: start-up time.
        from workbench.cli.sync import remembered_name

        user = remembered_name(project)
    name = check_name(user) if user is not None else None
    report = service.import_file(project, _store(project), file, user=name)
    if as_json:
        echo_json(report.as_dict())
        return
    said = [
        f"{len(report.updated)} updated",
        f"{len(report.conflicts)} conflict(s)",
        f"{report.unchanged} unchanged",
        f"{report.skipped} left as they were",
    ]
    if report.left_out:
        said.append(f"{len(report.left_out)} left out")
    if report.notes:
        said.append(f"{len(report.notes)} note(s) kept as translator comments")
    click.echo(f"Imported {file} into {report.statement} ({report.language}): {', '.join(said)}")
    for conflict in report.conflicts:
        click.echo(
            f"  conflict, line {conflict.line}: {conflict.id} changed here too; kept "
            f'"{conflict.catalog}", the file\'s "{conflict.file}" is in a translator comment',
        )
    for line, unit, why in report.left_out:
        if why == "unknown":
            click.echo(f'{file} line {line}: unknown unit id "{unit}"; left out', err=True)
        else:
            click.echo(
                f'{file} line {line}: the source of unit "{unit}" is not the statement\'s (the '
                "file was made from another version, or edited); left out",
                err=True,
            )
