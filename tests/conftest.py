"""Shared fixtures: a real project folder under tmp_path, a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import cli
from workbench.project import Project

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

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
    """A copy of this repository's own project: its statements and settings."""
    root = tmp_path / "seeded"
    root.mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "locales").mkdir()
    (root / "glossary").mkdir()
    if (REPO / "glossary" / "glossary.tbx").exists():
        shutil.copy(REPO / "glossary" / "glossary.tbx", root / "glossary" / "glossary.tbx")
    (root / "pyproject.toml").write_text(
        '[tool.workbench]\nsource_language = "en"\nlanguages = ["fa"]\n', encoding="utf-8"
    )
    return Project.load(root)


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


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    """Run GNU msgfmt --check on *path* (the reference for a valid PO file)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("GNU gettext's msgfmt is needed for these tests: apt-get install gettext")
    return subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )


# -- the web form ---------------------------------------------------------------

PASSWORDS = {"leyla": "translator-pass-1", "dariush": "reviewer-pass-1", "azadeh": "admin-pass-01"}
ROLES = {"leyla": "translator", "dariush": "reviewer", "azadeh": "admin"}


@pytest.fixture
def web_project(seeded_project: Project) -> Project:
    """The repository's project with catalogs written and three users."""
    from workbench.update import update_project
    from workbench.users import Users

    update_project(seeded_project)
    users = Users(seeded_project.instance_dir / "users.sqlite")
    for name, role in ROLES.items():
        users.add(name, role, PASSWORDS[name])
    return seeded_project


@pytest.fixture
def app(web_project: Project):
    from workbench import create_app

    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(web_project.root)})
    yield app
    app.extensions["workbench"].close()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(html: str) -> str:
    import re

    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


@pytest.fixture
def login(client):
    """Log *name* in through the real login form; return the client."""

    def do(name: str, password: str | None = None):
        page = client.get("/login")
        response = client.post(
            "/login",
            data={
                "name": name,
                "password": password or PASSWORDS[name],
                "csrf_token": csrf_token(page.get_data(as_text=True)),
            },
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return do
