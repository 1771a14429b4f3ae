"""``workbench sync``: share the project with other machines through git; and the merge driver.

``workbench sync [REMOTE]`` commits the translators' changes, fetches REMOTE
(default origin), merges catalogs unit by unit and the glossary concept by
concept, updates the catalogs of changed statements, and pushes. With
``--bundle FILE [--encrypt]`` it writes a bundle for a USB stick instead;
``--from FILE`` merges one in. Conflicts are data: they are kept in the
files, listed, and the exit status is still 0. Errors are one line, exit 1.

``workbench merge-driver %O %A %B %P`` is the merge driver git runs (set up
by sync, init and serve); people do not run it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from workbench.cli.common import echo_json, json_option, shown, with_project
from workbench.errors import SyncError, WorkbenchError
from workbench.project import Project
from workbench.sync import service
from workbench.sync.driver import merge_file
from workbench.sync.gitrepo import Git

PASSPHRASE_VARIABLE = "WORKBENCH_PASSPHRASE"


def _author(project: Project, name: str | None) -> str | None:
    """Return the name commits carry: --name (remembered), the one remembered, $WORKBENCH_NAME."""
    git = Git(project.root)
    if name:
        if git.toplevel() is not None:
            git.set_config("workbench.name", " ".join(name.split()))
        return name
    return remembered_name(project)


def remembered_name(project: Project) -> str | None:
    """Return the name this machine's sync commits carry (``sync --name``), if one was given."""
    return Git(project.root).config("workbench.name") or os.environ.get("WORKBENCH_NAME") or None


def _passphrase(confirm: bool) -> str:
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        return given
    if not sys.stdin.isatty():
        raise SyncError(
            f"a passphrase is needed: set {PASSPHRASE_VARIABLE}, or run the command in a terminal"
        )
    return click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm, err=True)


@click.command("sync")
@click.argument("remote", required=False, default="origin")
@click.option(
    "--name", metavar="NAME", help="The name your commits carry (remembered; a pseudonym is fine)."
)
@click.option(
    "--bundle",
    "bundle_to",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Write a bundle for a USB stick instead of contacting a remote.",
)
@click.option("--encrypt", is_flag=True, help="Encrypt the bundle with a passphrase (age format).")
@click.option(
    "--full", is_flag=True, help="Put everything in the bundle, not only what the last one lacked."
)
@click.option(
    "--from",
    "bundle_from",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Merge a bundle (encrypted or not) into the project.",
)
@json_option
@with_project
def sync(
    remote: str,
    name: str | None,
    bundle_to: str | None,
    encrypt: bool,
    full: bool,
    bundle_from: str | None,
    as_json: bool,
    project: Project,
) -> None:
    """Sync the project with REMOTE (default: origin), or through a bundle file.

    Commits your changes, fetches, merges catalogs unit by unit and the
    glossary concept by concept, updates the catalogs of changed statements,
    and pushes. A conflict keeps both texts (see them with: workbench check
    LANG --only conflict, and for concepts: workbench glossary check) and is
    not an error. With --json it prints {"remote", "url", "committed",
    "sent", "received", "merged", "updated", "conflicts", "bundle",
    "bundle_bytes", "message"}.

    Across a blackout: workbench sync --bundle FILE [--encrypt] writes what
    your last bundle did not carry (--full: everything); workbench sync
    --from FILE merges one in. The passphrase is asked for, or read from
    WORKBENCH_PASSPHRASE.
    """
    if bundle_to and bundle_from:
        raise click.UsageError("--bundle writes a bundle and --from reads one; give one of them")
    if encrypt and not bundle_to:
        raise click.UsageError("--encrypt goes with --bundle FILE")
    if full and not bundle_to:
        raise click.UsageError("--full goes with --bundle FILE")
    author = _author(project, name)
    if bundle_to:
        passphrase = _passphrase(confirm=True) if encrypt else None
        report = service.make_bundle(project, Path(bundle_to), passphrase, author, full)
    elif bundle_from:
        report = service.apply_bundle(
            project, Path(bundle_from), lambda: _passphrase(confirm=False), author
        )
    else:
        report = service.sync(project, remote, author)
    if as_json:
        echo_json(report.as_dict())
        return
    click.echo(report.message[:1].upper() + report.message[1:] + ".")
    for item in report.conflicts:
        click.echo("  " + describe(item))
    for line in advice(report.conflicts):
        click.echo(line)


def advice(conflicts: list[dict]) -> list[str]:
    """Say where to see and how to settle what a sync kept: units by language, concepts by id."""
    languages = sorted({_language(item) for item in conflicts if "msgid" in item})
    concepts = list(dict.fromkeys(item["concept"] for item in conflicts if "concept" in item))
    lines = []
    if languages:
        commands = " and ".join(f"workbench check {lang} --only conflict" for lang in languages)
        lines.append(f"Each unit in conflict keeps both texts; see them with: {commands}")
    if len(concepts) == 1:
        (cid,) = concepts
        lines.append(
            f"The concept {cid} keeps both machines' versions; see it with: workbench glossary "
            f"show {cid}; settle it with: workbench glossary edit {cid} --settle (as it is now) "
            "or any glossary edit of it"
        )
    elif concepts:
        lines.append(
            f"The concepts {', '.join(concepts)} keep both machines' versions; see them with: "
            "workbench glossary check; settle each with: workbench glossary edit ID --settle "
            "(as it is now) or any glossary edit of it"
        )
    return lines


def _language(item: dict) -> str:
    """Return the language of the catalog a unit conflict is in (locales/LANG/LC_MESSAGES/...)."""
    parts = Path(str(item.get("file", ""))).parts
    if len(parts) >= 3 and parts[0] == "locales" and parts[2] == "LC_MESSAGES":
        return parts[1]
    return "LANG"


def describe(item: dict) -> str:
    """Say one conflict of a sync report in one line."""
    where = item.get("file", "?")
    if "concept" in item:
        return f"{where}: concept {item['concept']}: {item.get('detail', '')}"
    if "header" in item:
        return f"{where}: header field {item['header']} changed on both sides; this side's kept"
    source = " ".join(str(item.get("msgid", "")).split())[:60]
    if item.get("theirs") is None:
        return (
            f'{where}: "{source}" removed by {item.get("theirs_by")} but edited by '
            f"{item.get('ours_by')}; kept, obsolete, for review"
        )
    return (
        f'{where}: "{source}": {item.get("ours_by")} wrote «{_short(item.get("ours"))}», '
        f"{item.get('theirs_by')} wrote «{_short(item.get('theirs'))}»"
    )


def _short(text: object) -> str:
    flat = " ".join(str(text or "").split())
    return flat if len(flat) <= 50 else flat[:49] + "…"


@click.command("merge-driver", hidden=True)
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.argument("path")
def merge_driver(base: str, ours: str, theirs: str, path: str) -> None:
    """Merge three versions of a catalog or glossary (git runs this; see .gitattributes)."""
    # git passes the path as the repository names it: someone else's file
    # name, shown with its control characters escaped like any other text.
    try:
        merge_file(Path(base), Path(ours), Path(theirs), path)
    except WorkbenchError as exc:
        # The error names the file under *path* already.
        click.echo(f"Error: {shown(str(exc))}", err=True)
        sys.exit(1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        click.echo(f"Error: {shown(path)}: {reason}; git leaves the file in conflict", err=True)
        sys.exit(1)
