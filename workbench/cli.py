"""The ``workbench`` command: one verb per task.

Every verb takes ``--project DIR`` (default: the current folder), prints
results on stdout and diagnostics on stderr, and offers ``--json`` where a
script would read the result. A :class:`WorkbenchError` becomes one line
``Error: ...`` on stderr and exit status 1; usage mistakes exit 2.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .errors import WorkbenchError


class WorkbenchGroup(click.Group):
    """A click group that turns a WorkbenchError into ``Error: ...`` and exit 1.

    Verb groups that live in their own modules are imported only when used,
    so a quick verb such as ``segment`` does not pay for the glossary.
    """

    lazy = {
        "check": "workbench.check_cli:check",
        "glossary": "workbench.glossary_cli:glossary",
        "memory": "workbench.memory_cli:memory",
        "pretranslate": "workbench.memory_cli:pretranslate",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attr = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # Output piped into `head` and the like: not an error.
            sys.stderr.close()
            ctx.exit(0)


def with_project(f: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--project DIR`` to a command and pass the loaded Project as ``project``."""

    @functools.wraps(f)
    def wrapper(*args: Any, project_dir: str | None = None, **kwargs: Any) -> Any:
        from .project import Project

        ctx = click.get_current_context()
        root = project_dir or ctx.find_root().params.get("project_dir") or "."
        return f(*args, project=Project.load(root), **kwargs)

    return click.option(
        "--project",
        "project_dir",
        metavar="DIR",
        default=None,
        help="The project folder (default: the current folder).",
    )(wrapper)


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def echo_json(data: Any) -> None:
    """Print *data* as JSON (UTF-8, not ASCII-escaped)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


def progress_for(label: str, length: int):
    """Return a click progress bar on a terminal, or a silent stand-in."""
    if sys.stderr.isatty():
        return click.progressbar(length=length, label=label, file=sys.stderr)
    return _Silent()


class _Silent:
    def __enter__(self) -> _Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int, current_item: object = None) -> None:
        return None


@click.group(cls=WorkbenchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "project_dir",
    metavar="DIR",
    default=None,
    help="The project folder for every verb (default: the current folder).",
)
@click.version_option(package_name="workbench")
def cli(project_dir: str | None) -> None:
    """Translate statements unit by unit, with a shared glossary and memory."""


@cli.command()
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
    """Make a new, empty project folder DIRECTORY."""
    from .project import Project

    project = Project.init(directory, source_language, languages)
    click.echo(f"Created the project {project.root}")
    click.echo("Put statements (.txt or .md, UTF-8) in seeds/, then run: workbench update")


@cli.command("add-language")
@click.argument("code")
@with_project
def add_language(code: str, project) -> None:
    """Add target language CODE (fa, ckb, ar, de, pt_BR...) and create its catalogs."""
    from .update import update_statement

    project = project.with_language(code)
    lang = project.require_language(code)
    made = []
    for statement in project.statements():
        report = update_statement(project, statement, languages=[lang])
        made += [p for p in report.written if p.endswith(".po")]
    click.echo(f"Added {lang}; {len(made)} catalog(s) written")
    for path in made:
        click.echo(f"  {path}")


@cli.command("segment")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--lang", default="en", show_default=True, help="Language rules to use.")
@json_option
def segment_cmd(file: str, lang: str, as_json: bool) -> None:
    """Cut FILE into units and print them, a blank line between paragraphs."""
    from .project import decode_statement
    from .segment import paragraphs, segment

    try:
        data = Path(file).read_bytes()
    except OSError as exc:
        raise WorkbenchError(f"cannot be read ({exc.strerror})", path=file) from exc
    text = decode_statement(data, file)
    blocks = [[u.text for u in block] for block in paragraphs(segment(text, lang))]
    if as_json:
        sys.stdout.write(json.dumps({"paragraphs": blocks}, ensure_ascii=False))
        sys.stdout.write("\n")
        return
    click.echo("\n\n".join("\n".join(block) for block in blocks))


@cli.command()
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
    from .locales import plural_forms
    from .update import check_plural_forms, update_project

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


@cli.command()
@json_option
@with_project
def stats(as_json: bool, project) -> None:
    """Print progress per statement and language."""
    from .progress import project_stats

    rows = project_stats(project)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No catalogs yet; run: workbench update")
        return
    width = max(len(r["statement"]) for r in rows)
    click.echo(f"{'statement':<{width}}  lang  units  words  transl  fuzzy  untr  percent")
    for r in rows:
        figures = (
            f"{r['units']:>5}  {r['words']:>5}  {r['translated']:>6}  {r['fuzzy']:>5}"
            f"  {r['untranslated']:>4}  {r['percent']:>6.1f}%"
        )
        click.echo(f"{r['statement']:<{width}}  {r['language']:<4}  {figures}")


@cli.command()
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
    from .build import build_statement, output_path, write_built

    lang = project.require_language(lang)
    chosen = [project.statement(s) for s in statements] if statements else project.statements()
    gaps = 0
    for statement in chosen:
        built = build_statement(project, statement, lang)
        path = output_path(project, Path(out_dir) if out_dir else None, built, statement)
        write_built(path, built)
        click.echo(
            f"{statement.id}: {built.units - len(built.gaps)}/{built.units} units "
            f"translated -> {path}"
        )
        for gap in built.gaps:
            excerpt = gap.source if len(gap.source) <= 60 else gap.source[:57] + "..."
            click.echo(
                f"  {statement.id} line {gap.line}: {gap.status}, source kept: {excerpt}", err=True
            )
        gaps += len(built.gaps)
    if gaps:
        click.echo(f"{gaps} unit(s) fell back to the source text", err=True)
        if strict:
            sys.exit(1)


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any address but loopback requires users.",
)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker threads of the server.",
)
@click.option(
    "--proxies",
    default=0,
    show_default=True,
    type=click.IntRange(0, 5),
    help="Reverse proxies in front (nginx, Caddy): the client's address is read from "
    "X-Forwarded-For for this many hops, and a login is always required.",
)
@with_project
def serve(host: str, port: int, threads: int, proxies: int, project) -> None:
    """Serve the web form with a production WSGI server (waitress).

    On a loopback address with no users yet it runs in single-user mode.
    On any other address it refuses to start until a user exists
    (workbench user add NAME --role admin), and every page needs a login.
    For a team server with several processes, see README.md (gunicorn).
    """
    import waitress

    from .users import Users
    from .web import create_app

    has_users = Users(project.instance_dir / "users.sqlite").exists()
    # Behind a proxy even a loopback address is reached from the network.
    loopback = _is_loopback(host) and not proxies
    if not loopback and not has_users:
        where = f"{host} behind a proxy" if proxies else host
        raise WorkbenchError(
            f"refusing to serve on {where}: there are no users yet, so anyone on the network "
            "could edit; add one first with: workbench user add NAME --role admin"
        )
    app = create_app(
        {
            "WORKBENCH_ROOT": str(project.root),
            "WORKBENCH_SINGLE_USER": loopback and not has_users,
            "WORKBENCH_PROXIES": proxies,
        }
    )
    shown = f"[{host}]" if ":" in host else host
    mode = "single-user mode, no login" if loopback and not has_users else "login required"
    click.echo(f"Serving {project.root} at http://{shown}:{port}/ ({mode}); Ctrl+C stops")
    waitress.serve(app, host=host, port=port, threads=threads, ident="workbench", _quiet=True)


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@cli.group()
def user() -> None:
    """Manage the people who may log in (names or pseudonyms, no e-mail)."""


def _users(project):
    from .users import Users

    return Users(project.instance_dir / "users.sqlite")


def _new_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt(
        "Password (8 characters or more)", hide_input=True, confirmation_prompt=True
    )


@user.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["translator", "reviewer", "admin"]),
    default="translator",
    show_default=True,
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_project
def user_add(name: str, role: str, password_stdin: bool, project) -> None:
    """Add the user NAME with a role; asks for the password."""
    added = _users(project).add(name, role, _new_password(password_stdin))
    click.echo(f"Added {added.name} ({added.role})")


@user.command("list")
@json_option
@with_project
def user_list(as_json: bool, project) -> None:
    """List the users and their roles."""
    people = _users(project).all()
    if as_json:
        echo_json([{"name": u.name, "role": u.role} for u in people])
        return
    for u in people:
        click.echo(f"{u.name}\t{u.role}")


@user.command("remove")
@click.argument("name")
@with_project
def user_remove(name: str, project) -> None:
    """Remove the user NAME."""
    _users(project).remove(name)
    click.echo(f"Removed {name}")


@user.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(["translator", "reviewer", "admin"]))
@with_project
def user_role(name: str, role: str, project) -> None:
    """Give the user NAME another role."""
    changed = _users(project).set_role(name, role)
    click.echo(f"{changed.name} is now {changed.role}")


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_project
def user_password(name: str, password_stdin: bool, project) -> None:
    """Set a new password for the user NAME."""
    _users(project).set_password(name, _new_password(password_stdin))
    click.echo(f"Changed the password of {name}")


def main() -> None:
    """Run the command line."""
    cli(prog_name="workbench")


if __name__ == "__main__":
    main()
