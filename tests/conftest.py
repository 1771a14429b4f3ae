"""Shared fixtures: real project folders under tmp_path, a CLI runner, the app and its client.

Plain helpers live in tests/support.py (files, processes, HTTP) and
tests/app_support.py (the app through Flask's test client).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from workbench.cli import cli
from workbench.project import Project

from .app_support import log_in_client
from .support import copy_sources, prepare_web_project

# CI runs the property tests on the same examples every time, so that a run
# fails for a change and not for a draw; a developer's run draws new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("WORKBENCH_CI") == "1":
    settings.load_profile("ci")

SMALL_STATEMENT = """\
Arak workers declare councils

Arak, January 2026.

We, the workers of Arak’s factories, declare the following. All power to the councils!

• Workplace control: the factories will be run by workers’ councils.
• Our strike is no longer about wages.

All power to the councils!
"""


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A new project translating into Persian, with one short statement."""
    proj = Project.init(tmp_path / "project", languages=("fa",))
    (proj.seeds_dir / "arak-councils.txt").write_text(SMALL_STATEMENT, encoding="utf-8")
    return proj


@pytest.fixture
def seeded_project(tmp_path: Path) -> Project:
    """A copy of this repository's own project: its statements, glossary and settings."""
    return Project.load(copy_sources(tmp_path / "seeded"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def run(runner: CliRunner):
    """Run a workbench command line in a project; return the click Result."""

    def invoke(project: Project | Path | None, *args: str, input: str | None = None):
        argv = list(args)
        if project is not None:
            root = project.root if isinstance(project, Project) else project
            argv = ["--project", str(root), *argv]
        return runner.invoke(cli, argv, input=input, catch_exceptions=False)

    return invoke


# -- the web form ---------------------------------------------------------------


@pytest.fixture
def web_project(seeded_project: Project) -> Project:
    """The repository's project with catalogs written and three users."""
    return prepare_web_project(seeded_project)


@pytest.fixture
def app(web_project: Project):
    from workbench.web import create_app

    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(web_project.root)})
    yield app
    app.extensions["workbench"].close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(client):
    """Log *name* in through the real login form; return the client."""

    def do(name: str, password: str | None = None):
        return log_in_client(client, name, password)

    return do
