"""The ``workbench`` command: one verb per task.

Every verb takes ``--project DIR`` (default: the current folder), prints
results on stdout and diagnostics on stderr, and offers ``--json`` where a
script would read the result. A :class:`WorkbenchError` becomes one line
``Error: ...`` on stderr and exit status 1; usage mistakes exit 2.

The root group (here) knows each verb by the module it lives in and imports
that module only when the verb runs, so a quick verb such as ``segment``
does not pay for the glossary, the memory or the web. The modules: ``project``
(init, add-language, update, stats, build), ``segment``, ``check``,
``glossary`` and ``corpus`` (its extract, consistency and concordance),
``memory`` (and pretranslate), ``xliff``, ``serve``, ``users``, ``sync`` (and the
merge driver git runs), ``restore`` (a catalog's kept versions); ``common`` holds what
they share. To add a verb, write it in the module of its group (or a new
one) and name it in :data:`VERBS`.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from workbench.cli.common import LazyGroup, run_as_own_process, shown
from workbench.errors import WorkbenchError

#: Each verb and the module it lives in.
VERBS = {
    "init": "workbench.cli.project:init",
    "add-language": "workbench.cli.project:add_language",
    "segment": "workbench.cli.segment:segment_cmd",
    "update": "workbench.cli.project:update",
    "stats": "workbench.cli.project:stats",
    "build": "workbench.cli.project:build",
    "check": "workbench.cli.check:check",
    "glossary": "workbench.cli.glossary:glossary",
    "memory": "workbench.cli.memory:memory",
    "pretranslate": "workbench.cli.memory:pretranslate",
    "xliff": "workbench.cli.xliff:xliff",
    "serve": "workbench.cli.serve:serve",
    "user": "workbench.cli.users:user",
    "sync": "workbench.cli.sync:sync",
    "merge-driver": "workbench.cli.sync:merge_driver",
    "restore": "workbench.cli.restore:restore",
}


class WorkbenchGroup(LazyGroup):
    """The root group: turns a WorkbenchError into ``Error: ...`` and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkbenchError as exc:
            # The message can quote a value from someone else's file.
            click.echo(f"Error: {shown(str(exc))}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # Output piped into `head` and the like: not an error.
            sys.stderr.close()
            ctx.exit(0)


@click.group(
    cls=WorkbenchGroup, lazy=VERBS, context_settings={"help_option_names": ["-h", "--help"]}
)
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
    run_as_own_process()
    cli(prog_name="workbench")
