"""What the verbs share: the project option, JSON output, progress bars."""

from __future__ import annotations

import codecs
import functools
import gc
import importlib
import itertools
import os
import re
import sys
from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING, Any

import click

from workbench.project import Project

if TYPE_CHECKING:
    from workbench.checks.findings import CheckRun


class _Process:
    """Whether the verbs run as the ``workbench`` process itself (see :func:`end_now`)."""

    own = False


def run_as_own_process() -> None:
    """Say the verbs run as the process's own command, not inside a program that called them."""
    _Process.own = True


def end_now(status: int) -> None:
    """End the verb with *status*, leaving what it made for the process's end to drop.

    A large check holds millions of small objects until its last line is
    printed; freeing them one by one took a third of a second at 100,000
    units, for a process about to end. Run as the ``workbench`` command, the
    output is flushed and the process ends at once; called from another
    program (a test's runner) it exits as any verb does. Only a verb with
    nothing left to close (no server, no thread, no open database) calls it.
    """
    if not _Process.own:
        if status:
            sys.exit(status)
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            # A closed pipe (output piped into head) or a closed stream: the
            # verdict stands.
            pass
    os._exit(status)


def with_project(f: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--project DIR`` to a command and pass the loaded Project as ``project``."""

    @functools.wraps(f)
    def wrapper(*args: Any, project_dir: str | None = None, **kwargs: Any) -> Any:
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


def check_run(
    project: Project,
    languages: list[str] | None,
    statements: list[str],
    names: tuple[str, ...] | None = None,
) -> CheckRun:
    """Return the checks of *languages* (None: all) in *statements* (empty: all).

    From the check cache when no catalog changed since the last run, else
    checked again (which brings the cache up to date). *names* runs only
    those checks, never from the cache.
    """
    # Start-up time: only the verbs that check load the check cache.
    from workbench.checks import cache

    report = None
    if names is None:
        report = cache.warm_run(
            project,
            languages or project.languages,
            statements or [s.id for s in project.statements()],
        )
    if report is None:
        # Start-up time: the checker, the glossary and its matcher load only
        # when some catalog changed since the last run.
        from workbench.checks.checker import check_project

        report = check_project(project, languages, statements or None, names, spread=True)
    return report


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def echo_json(data: Any) -> None:
    """Print *data* as JSON: UTF-8, not ASCII-escaped, and no control character as itself.

    JSON escapes C0 controls; DEL and C1 controls (U+0080 to U+009F, which
    some terminals obey) are written as ``\\u`` escapes too: the same data
    for a program, nothing that drives a terminal the output is shown in.
    """
    # Start-up time: only --json needs the json module.
    import json

    text = json.dumps(data, ensure_ascii=False, indent=1)
    if _JSON_CONTROL.search(text):
        text = _JSON_CONTROL.sub(_json_escaped, text)
    click.echo(text)


#: What JSON leaves as itself and a terminal may obey.
_JSON_CONTROL = re.compile("[\x7f-\x9f]")


def _json_escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


#: The control characters a line may not carry to a terminal (a tab may).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
#: The same in UTF-8: C0 and DEL are single bytes, never part of another
#: character's; C1 is 0xC2 and a second byte.
_C0 = bytes(c for c in range(0x20) if c not in (0x09, 0x0A)) + b"\x7f"
_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_LINES_AT_ONCE = 4096


def _shown(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def shown(text: str) -> str:
    """Return *text* with each control character but a tab shown as ``\\xNN`` (see print_lines)."""
    return _CONTROL.sub(_shown, text)


def print_lines(lines: Iterable[str]) -> None:
    """Print *lines* on stdout, with each control character in them shown as ``\\xNN``.

    A source or a translation can hold escape sequences that would drive the
    terminal the report is read in (set its title, clear it, draw a false
    prompt), or a line break that would fake a line of the report: none
    reaches the terminal as itself. A large report is written a few thousand
    lines at a time; in UTF-8 the look for control characters is made on the
    bytes, in C, and a part with none (nearly all) is written as it is.
    """
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    utf8 = buffer is not None and codecs.lookup(stream.encoding or "ascii").name == "utf-8"
    stream.flush()
    lines = iter(lines)
    while part := list(itertools.islice(lines, _LINES_AT_ONCE)):
        text = "\n".join(part) + "\n"
        data = text.encode("utf-8", "backslashreplace") if utf8 else b""
        if (
            not utf8
            or data.count(b"\n") != len(part)
            or len(data.translate(None, _C0)) != len(data)
            or _C1.search(data)
        ):
            text = "".join(shown(line) + "\n" for line in part)
            data = text.encode("utf-8", "backslashreplace") if utf8 else b""
        if utf8:
            buffer.write(data)
        else:
            stream.write(text)
    if utf8:
        buffer.flush()
    else:
        stream.flush()


def say(*lines: str) -> None:
    """Print *lines* that carry text from a file (a source, a translation): see print_lines."""
    print_lines(lines)


def columns(rows: list[tuple[str, ...]], right: Collection[int] = ()) -> list[str]:
    """Return *rows* (a header first) as lines of columns, each as wide as its widest cell.

    Columns are two spaces apart; those numbered in *right* (figures) are
    aligned right. Widths count characters, which suits the ASCII of ids,
    codes and figures.

    >>> columns([("id", "n"), ("dates", "12")], right={1})
    ['id      n', 'dates  12']
    """
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


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


class LazyGroup(click.Group):
    """A group whose verbs live in other modules, imported when the verb is used.

    *lazy* maps a verb's name to ``module:attribute``; a verb that does not
    run costs nothing, so a quick one does not pay for the others' libraries.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy and name not in self.commands:
            module, attr = self.lazy[name].split(":")
            # Start-up time: importing a verb's modules makes tens of thousands
            # of objects and no garbage; the collector's passes over them are
            # waste.
            collecting = gc.isenabled()
            gc.disable()
            try:
                self.add_command(getattr(importlib.import_module(module), attr), name)
            finally:
                if collecting:
                    gc.enable()
        return super().get_command(ctx, name)
