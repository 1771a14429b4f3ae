"""Teams of clones for the sync tests: a bare remote on disk, clones of one project, saves."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from workbench.catalogs import conflict as cf
from workbench.catalogs.model import Edit
from workbench.catalogs.store import CatalogStore
from workbench.catalogs.update import update_project
from workbench.project import Project
from workbench.sync import service
from workbench.sync.gitrepo import init_repository

from .support import free_port

STATEMENT = "arak-councils"


def git(root: Path, *args: str, check: bool = True) -> str:
    """Run git in *root* as a person would (their own identity), return its output."""
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="someone",
        GIT_AUTHOR_EMAIL="someone@example.invalid",
        GIT_COMMITTER_NAME="someone",
        GIT_COMMITTER_EMAIL="someone@example.invalid",
    )
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout


def bare_remote(path: Path) -> Path:
    subprocess.run(
        ["git", "init", "--quiet", "--bare", "--initial-branch=main", str(path)], check=True
    )
    return path


def first_clone(project: Project, remote: Path, author: str = "Sara") -> Project:
    """Make *project* a repository with catalogs, push it to *remote*."""
    init_repository(project.root)
    update_project(project)
    git(project.root, "remote", "add", "origin", str(remote))
    service.sync(project, author=author)
    return project


def clone(remote: Path | str, dest: Path, author: str) -> Project:
    subprocess.run(["git", "clone", "--quiet", str(remote), str(dest)], check=True)
    project = Project.load(dest)
    service.sync(project, author=author)
    return project


def team(tmp_path: Path, project: Project, names=("Sara", "Leyla")) -> list[Project]:
    """Return clones of *project*, one per name, all in step with a bare remote."""
    remote = bare_remote(tmp_path / "remote.git")
    clones = [first_clone(project, remote, names[0])]
    for name in names[1:]:
        clones.append(clone(remote, tmp_path / name.lower(), name))
    return clones


def units(project: Project, statement: str = STATEMENT) -> list[str]:
    return [e.msgid for e in CatalogStore(project).get("fa", statement).active()]


def translate(project: Project, msgid: str, text: str, who: str, status: str = "translated"):
    """Save a translation as the web form does (through the store)."""
    [result] = CatalogStore(project).save(
        "fa", STATEMENT, [Edit(msgid, text, status, user=who)], user=who
    )
    return result


def entry_of(project: Project, msgid: str, statement: str = STATEMENT):
    return next(e for e in CatalogStore(project).get("fa", statement).entries if e.msgid == msgid)


def texts_of(project: Project, msgid: str) -> set[str]:
    """Return a unit's text and every alternative a conflict keeps."""
    entry = entry_of(project, msgid)
    return {entry.msgstr, *(c.text for c in cf.conflicts_of(entry))}


def tracked_files(project: Project) -> dict[str, bytes]:
    out = {}
    for folder in ("locales", "glossary", "seeds"):
        for path in sorted((project.root / folder).rglob("*")):
            if path.is_file():
                out[path.relative_to(project.root).as_posix()] = path.read_bytes()
    return out


class GitDaemon:
    """``git daemon`` serving a folder on a loopback port (pushes allowed)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, name: str) -> str:
        return f"git://127.0.0.1:{self.port}/{name}"

    def __enter__(self) -> GitDaemon:
        program = shutil.which("git")
        assert program, "git is needed"
        self.process = subprocess.Popen(
            [
                program, "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                f"--base-path={self.base}", "--listen=127.0.0.1", f"--port={self.port}",
                str(self.base),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError("git daemon did not start")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


class SilentServer:
    """A TCP port that accepts connections and never answers: a remote that hangs."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
