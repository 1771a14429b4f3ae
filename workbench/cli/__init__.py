"""The ``workbench`` command: one verb per task.

Every verb takes ``--project DIR`` (default: the current folder), prints
results on stdout and diagnostics on stderr, and offers ``--json`` where a
script would read the result. A :class:`WorkbenchError` becomes one line
``Error: ...`` on stderr and exit status 1; usage mistakes exit 2.

The root group (here) knows each verb by the module it lives in and imports
that module only when the verb runs, so a quick verb such as ``segment``
does not pay for the glossary, the memory or the web.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from workbench.errors import WorkbenchError


class WorkbenchGroup(click.Group):
    """A click group that turns a WorkbenchError into ``Error: ...`` and exit 1.

    Its verbs live in modules of their own, imported when the verb is used.
    """

    lazy = {
        "init": "workbench.cli.project:init",
        "add-language": "workbench.cli.project:add_language",
        "segment": "workbench.cli.project:segment_cmd",
        "update": "workbench.cli.project:update",
        "stats": "workbench.cli.project:stats",
        "build": "workbench.cli.project:build",
        "check": "workbench.cli.check:check",
        "glossary": "workbench.cli.glossary:glossary",
        "memory": "workbench.cli.memory:memory",
        "pretranslate": "workbench.cli.memory:pretranslate",
        "serve": "workbench.cli.serve:serve",
        "user": "workbench.cli.users:user",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy)

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


def main() -> None:
    """Run the command line."""
    cli(prog_name="workbench")
