"""The ``restore`` verb: list the kept versions of a catalog and put one back."""

from __future__ import annotations

import os
from pathlib import Path

import click

from workbench.catalogs import backups
from workbench.cli.common import echo_json, json_option, with_project
from workbench.errors import CatalogError


@click.command()
@click.argument("file")
@click.argument("version", required=False, type=click.IntRange(1))
@json_option
@with_project
def restore(file: str, version: int | None, as_json: bool, project) -> None:
    """List the kept versions of the catalog FILE, or put VERSION back.

    Before every overwrite the workbench keeps the catalog's previous
    version in instance/backups/. Without VERSION, the versions are listed,
    newest (1) first, with their units; with it, that version becomes the
    catalog again, atomically, and the one it replaces is kept in turn.

    JSON (list): [{"version": 1, "replaced": "YYYY-MM-DD HH:MM:SS", "bytes": N,
    "units": N or null, "translated": N, "fuzzy": N, "problem": null or "..."}]
    """
    path = _catalog(project, file)
    name = project.relative(path)
    if version is not None:
        chosen = backups.restore(project, path, version)
        click.echo(f"Restored {name} as it was before {chosen.when} (UTC)")
        return
    kept = backups.versions(project, path)
    summaries = [backups.summarise(project, v) for v in kept]
    if as_json:
        echo_json(
            [
                {
                    "version": s.version.number,
                    "replaced": s.version.when,
                    "bytes": s.version.size,
                    "units": s.units,
                    "translated": s.translated,
                    "fuzzy": s.fuzzy,
                    "problem": s.problem,
                }
                for s in summaries
            ]
        )
        return
    if not kept:
        click.echo(f"No earlier version of {name} is kept")
        return
    for s in summaries:
        what = (
            f"{s.units} units, {s.translated} translated, {s.fuzzy} fuzzy"
            if s.units is not None
            else f"not a valid PO file: {s.problem}"
        )
        click.echo(f"{s.version.number}\t{s.version.when}\t{s.version.size} bytes\t{what}")
    click.echo(f"Put one back with: workbench restore {name} VERSION")


def _catalog(project, file: str) -> Path:
    """Return the catalog FILE names (relative to the project or the current folder)."""
    given = Path(file)
    candidates = [given] if given.is_absolute() else [project.root / given, Path.cwd() / given]
    for path in candidates:
        path = Path(os.path.abspath(path))
        if path.suffix == ".po" and path.is_relative_to(os.path.abspath(project.locales_dir)):
            if path.exists() or backups.versions(project, path):
                return path
    raise CatalogError(
        "is not a catalog of this project; give its path, such as "
        "locales/LANG/LC_MESSAGES/STATEMENT.po",
        path=file,
    )
