"""What the verbs share: the project option, JSON output, progress bars."""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from typing import Any

import click

from workbench.project import Project


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


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(f)


def echo_json(data: Any) -> None:
    """Print *data* as JSON (UTF-8, not ASCII-escaped)."""
    # Start-up time: only --json needs the json module.
    import json

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
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)
