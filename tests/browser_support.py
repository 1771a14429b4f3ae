"""A real ``workbench serve`` process on loopback, for the browser tests and the load benchmark.

The server runs exactly as a person starts it (``python -m workbench serve``),
in its own process, so the tests and the benchmark see waitress, the
sessions, the file locks and the threads as they are in use.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: Settings of the copied project: the repository's source and target languages.
PROJECT_SETTINGS = '[tool.workbench]\nsource_language = "en"\nlanguages = ["fa"]\n'


def workbench_command(*args: str) -> list[str]:
    """Return the argv that runs the ``workbench`` command with *args*."""
    return [sys.executable, "-m", "workbench", *args]


def run_workbench(*args: str, input: str | None = None) -> str:
    """Run the ``workbench`` command; return its stdout, or raise with its stderr."""
    done = subprocess.run(
        workbench_command(*args), input=input, capture_output=True, text=True, cwd=REPO
    )
    if done.returncode != 0:
        raise RuntimeError(f"workbench {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def copy_project(dest: Path) -> Path:
    """Copy the repository's statements and glossary to *dest* and write their catalogs."""
    dest.mkdir(parents=True)
    shutil.copytree(REPO / "seeds", dest / "seeds")
    for path in (dest / "seeds").iterdir():
        path.chmod(0o644)  # the copies are edited by some tests
    (dest / "locales").mkdir()
    (dest / "glossary").mkdir()
    if (REPO / "glossary" / "glossary.tbx").exists():
        shutil.copy(REPO / "glossary" / "glossary.tbx", dest / "glossary" / "glossary.tbx")
    (dest / "pyproject.toml").write_text(PROJECT_SETTINGS, encoding="utf-8")
    run_workbench("update", "--project", str(dest))
    return dest


def add_user(root: Path, name: str, role: str, password: str) -> None:
    """Add a user through the command line, as an admin would."""
    run_workbench(
        "user", "add", name, "--role", role, "--password-stdin", "--project", str(root),
        input=password + "\n",
    )  # fmt: skip


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``workbench serve`` in a subprocess on a free loopback port."""

    def __init__(self, root: Path, log: Path, threads: int | None = None) -> None:
        self.root = root
        self.log = log
        self.threads = threads
        self.port = 0
        self.process: subprocess.Popen | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> Server:
        """Start the server and wait until it answers; retry once if the port was taken."""
        for _attempt in range(3):
            self.port = free_port()
            args = ["serve", "--host", "127.0.0.1", "--port", str(self.port)]
            if self.threads is not None:
                args += ["--threads", str(self.threads)]
            with open(self.log, "ab") as log:
                self.process = subprocess.Popen(
                    workbench_command(*args, "--project", str(self.root)),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    cwd=self.root,
                    env={**os.environ, "PYTHONUNBUFFERED": "1"},
                )
            if self._wait(timeout):
                return self
            self.stop()
        raise RuntimeError(f"workbench serve did not start; its output:\n{self.output()}")

    def _wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/login")
                conn.getresponse().read()
                conn.close()
                return True
            except OSError:
                time.sleep(0.1)
        return False

    def output(self) -> str:
        """Return what the server printed so far."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and reap it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
