"""A real workbench to test against: project copies, users, served processes, HTTP sessions.

The tests, the browser tests and the benchmarks in tests/bench/ (which import
it as ``tests.support``) share it, with a few small helpers (test tables,
threads, percentiles). The command line and the servers run exactly as a
person starts them (``python -m workbench ...``, gunicorn), each in its own
process, so what is tested is what is in use: waitress or gunicorn's workers,
the sessions, the file locks and the threads.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Self, TypeVar
from urllib.parse import urlencode

if TYPE_CHECKING:
    from workbench.project import Project

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"

#: The three users of the web tests, one of each role.
PASSWORDS = {"leyla": "translator-pass-1", "dariush": "reviewer-pass-1", "azadeh": "admin-pass-01"}
ROLES = {"leyla": "translator", "dariush": "reviewer", "azadeh": "admin"}

#: Settings of a copied project: the repository's source and target languages.
PROJECT_SETTINGS = '[tool.workbench]\nsource_language = "en"\nlanguages = ["fa"]\n'

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """Return the CSRF token of a page's form."""
    match = TOKEN.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def cases(rows: Iterable[tuple]) -> list:
    """Return a table's rows ``(id, *values)`` as parameters of a test, each with its id."""
    import pytest

    return [pytest.param(*row[1:], id=row[0]) for row in rows]


def in_threads(work: Callable[[T], object], items: Iterable[T]) -> list[BaseException]:
    """Call *work* on every item at once, each in a thread of its own; return what they raised."""
    errors: list[BaseException] = []

    def run(item: T) -> None:
        try:
            work(item)
        except BaseException as exc:  # handed to the caller's thread, not lost with this one
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def seed_paragraphs(megabytes: float) -> list[str]:
    """Return about *megabytes* MB of the sample statement's paragraphs, numbers made distinct."""
    seed = (REPO / "seeds" / "iran-uprising-workers-councils.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    out: list[str] = []
    size = n = 0
    while size < megabytes * 1_000_000:
        text = re.sub(
            r"\d+", lambda m, n=n: str(int(m.group()) + n), paragraphs[n % len(paragraphs)]
        )
        out.append(text)
        size += len(text.encode("utf-8")) + 2
        n += 1
    return out


def without_isolation(body: str) -> str:
    """Return a page with its ``<bdi>`` tags taken out: names and texts are isolated for
    right-to-left pages, and a test reads the message around them as text."""
    return re.sub(r"</?bdi[^>]*>", "", body)


def text_of(html: str) -> str:
    """Return the text of an HTML fragment, tags dropped and spaces folded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def percentile(values: list[float], q: float) -> float:
    """Return the nearest-rank percentile *q* (0-100) of *values*."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, int(-(-len(ordered) * q // 100)))
    return ordered[rank - 1]


# -- project folders ----------------------------------------------------------------


def copy_sources(dest: Path) -> Path:
    """Copy the repository's statements, glossary and settings to *dest*; write no catalog."""
    dest.mkdir(parents=True)
    shutil.copytree(REPO / "seeds", dest / "seeds")
    for path in (dest / "seeds").iterdir():
        path.chmod(0o644)  # the copies are edited by some tests
    (dest / "locales").mkdir()
    (dest / "glossary").mkdir()
    if (REPO / "glossary" / "glossary.tbx").exists():
        shutil.copy(REPO / "glossary" / "glossary.tbx", dest / "glossary" / "glossary.tbx")
    (dest / "pyproject.toml").write_text(PROJECT_SETTINGS, encoding="utf-8")
    return dest


def copy_project(dest: Path) -> Path:
    """Copy the repository's project to *dest* and write its catalogs with ``workbench update``."""
    copy_sources(dest)
    run_workbench("update", "--project", str(dest))
    return dest


def prepare_web_project(project: Project) -> Project:
    """Write *project*'s catalogs and add the three users, in this process (faster)."""
    from workbench.accounts.users import Users
    from workbench.catalogs.update import update_project

    update_project(project)
    users = Users(project.instance_dir / "users.sqlite")
    for name, role in ROLES.items():
        users.add(name, role, PASSWORDS[name])
    return project


def make_web_project(dest: Path) -> Project:
    """Copy the repository's project to *dest*, write its catalogs, add the three users."""
    from workbench.project import Project

    return prepare_web_project(Project.load(copy_sources(dest)))


def snapshot(root: Path) -> dict[str, bytes]:
    """Return every file of the project but the per-install folder, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "instance" not in p.relative_to(root).parts
    }


# -- command lines: workbench and msgfmt ----------------------------------------------


def workbench_command(*args: str) -> list[str]:
    """Return the argv that runs the ``workbench`` command with *args*."""
    return [sys.executable, "-m", "workbench", *args]


def run_verb(
    *args: str, input: str | None = None, timeout: float = 180
) -> subprocess.CompletedProcess:
    """Run the ``workbench`` command line in its own process; return what it did."""
    return subprocess.run(
        workbench_command(*args),
        input=input,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
    )


def run_workbench(*args: str, input: str | None = None) -> str:
    """Run the ``workbench`` command; return its stdout, or raise with its stderr."""
    done = run_verb(*args, input=input)
    if done.returncode != 0:
        raise RuntimeError(f"workbench {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def add_user(root: Path, name: str, role: str, password: str) -> None:
    """Add a user through the command line, as an admin would."""
    run_workbench(
        "user", "add", name, "--role", role, "--password-stdin", "--project", str(root),
        input=password + "\n",
    )  # fmt: skip


def add_users(root: Path, names: Iterable[str], role: str, password: str) -> None:
    """Add users of one role and password through the command line, all at once."""
    errors = in_threads(lambda name: add_user(root, name, role, password), names)
    if errors:
        raise errors[0]


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    """Run GNU msgfmt --check on *path* (the reference for a valid PO file)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        raise RuntimeError("GNU gettext's msgfmt is needed: apt-get install gettext")
    return subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )


def msgfmt_problems(paths: Iterable[Path]) -> Iterator[str]:
    """Yield what GNU msgfmt --check says about each of *paths* that it refuses."""
    for path in paths:
        done = msgfmt_check(path)
        if done.returncode != 0:
            yield f"{path}: {done.stderr.strip()[:300]}"


# -- servers ------------------------------------------------------------------------


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """A server in its own process on a free loopback port, serving the project at *root*."""

    name = "the server"
    start_timeout = 30.0
    stop_timeout = 10.0
    own_group = False  # in its own process group, so one signal reaches every worker

    def __init__(self, root: Path, log: Path) -> None:
        self.root = root
        self.log = log
        self.port = 0
        self.process: subprocess.Popen | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def argv(self) -> list[str]:
        """Return the command line that serves on ``self.port``."""
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONUNBUFFERED": "1"}

    def ready(self, timeout: float) -> bool:
        """Tell whether the server, which answers, is ready for the load."""
        return True

    def start(self, timeout: float | None = None) -> Self:
        """Start the server and wait until it answers; try again if the port was taken."""
        timeout = self.start_timeout if timeout is None else timeout
        for _attempt in range(3):
            self.port = free_port()
            with open(self.log, "ab") as log:
                self.process = subprocess.Popen(
                    self.argv(),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    cwd=self.root,
                    env=self.env(),
                    start_new_session=self.own_group,
                )
            if _answers(self.process, self.port, timeout) and self.ready(timeout):
                return self
            self.stop()
        raise RuntimeError(f"{self.name} did not start; its output:\n{self.output()}")

    def output(self) -> str:
        """Return what the server printed so far."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def pids(self) -> list[int]:
        """Return the ids of the server's processes."""
        return [] if self.process is None else [self.process.pid]

    def kill(self) -> list[int]:
        """Kill the server's processes with SIGKILL at once and reap them; return their ids."""
        assert self.process is not None
        victims = self.pids()
        if self.own_group:
            os.killpg(self.process.pid, signal.SIGKILL)
        else:
            self.process.kill()
        self.process.wait()
        _wait_dead(victims)
        self.process = None
        return victims

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and reap it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        if self.own_group:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # a worker left behind
        self.process = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Server(Served):
    """``workbench serve`` (waitress), as a person starts it."""

    name = "workbench serve"

    def __init__(self, root: Path, log: Path, threads: int | None = None) -> None:
        super().__init__(root, log)
        self.threads = threads

    def argv(self) -> list[str]:
        args = ["serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.threads is not None:
            args += ["--threads", str(self.threads)]
        return workbench_command(*args, "--project", str(self.root))


class Gunicorn(Served):
    """``gunicorn -w N 'workbench.web:create_app()'``, the team set-up, in its own group."""

    name = "gunicorn"
    start_timeout = 60.0
    stop_timeout = 15.0
    own_group = True

    def __init__(self, root: Path, log: Path, workers: int = 3) -> None:
        super().__init__(root, log)
        self.workers = workers

    def argv(self) -> list[str]:
        return [
            sys.executable, "-m", "gunicorn",
            "--workers", str(self.workers),
            "--bind", f"127.0.0.1:{self.port}",
            "--timeout", "120",
            "--graceful-timeout", "5",
            "workbench.web:create_app()",
        ]  # fmt: skip

    def env(self) -> dict[str, str]:
        return {**super().env(), "WORKBENCH_ROOT": str(self.root)}

    def ready(self, timeout: float) -> bool:
        """Tell whether every worker has booted."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.worker_pids()) >= self.workers:
                return True
            time.sleep(0.1)
        return False

    def worker_pids(self) -> list[int]:
        """Return the process ids of the master's live children (the workers)."""
        if self.process is None:
            return []
        return [pid for pid in _children(self.process.pid) if _alive(pid)]

    def pids(self) -> list[int]:
        """Return the master's and the workers' process ids."""
        return [] if self.process is None else [self.process.pid, *self.worker_pids()]


def _answers(process: subprocess.Popen, port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/login")
            conn.getresponse().read()
            conn.close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Tell whether *pid* runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _wait_dead(pids: Iterable[int], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    left = [p for p in pids if _alive(p)]
    while left and time.monotonic() < deadline:
        time.sleep(0.02)
        left = [p for p in left if _alive(p)]
    if left:
        raise RuntimeError(f"processes {left} still run after SIGKILL")


def wait_port_closed(port: int, timeout: float = 10.0) -> bool:
    """Wait until nothing accepts connections on *port*."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.connect()
            conn.close()
        except OSError:
            return True
        time.sleep(0.05)
    return False


# -- HTTP sessions ------------------------------------------------------------------

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Session:
    """One person's login session on one keep-alive connection to a served workbench."""

    def __init__(
        self, port: int, user: str, *, timeout: float = 60, agent: str | None = None
    ) -> None:
        self.port = port
        self.user = user
        self.timeout = timeout
        self.headers = {"User-Agent": agent} if agent else {}
        self.cookie = ""  # workbench_session=...
        self.token = ""  # the CSRF token of the last form read
        self.last_ms = 0.0  # the last request, from sending it to its whole answer
        self.reconnects = 0
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def close(self) -> None:
        self.conn.close()

    def _reconnect(self) -> None:
        self.conn.close()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        self.reconnects += 1

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, bytes]:
        """Send one request; return (status, body). Raise ConnectionError if no answer came."""
        sent = {"Cookie": self.cookie, **self.headers, **(headers or {})}
        for attempt in range(2):
            start = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as exc:
                self._reconnect()
                dropped = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)
                # The server may close an idle keep-alive connection: a GET is sent
                # again once; a save is not, it may have landed.
                if attempt == 0 and method != "POST" and isinstance(exc, dropped):
                    continue
                raise ConnectionError(f"{method} {path}: {exc!r}") from exc
            break
        self.last_ms = (time.perf_counter() - start) * 1000
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("workbench_session="):
                self.cookie = value.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()  # a sync gunicorn worker closes after each answer
        return response.status, data

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def post(self, path: str, form: dict, headers: dict | None = None) -> tuple[int, bytes]:
        """Post *form* urlencoded, as a browser sends a form."""
        return self.request("POST", path, urlencode(form).encode(), {**FORM, **(headers or {})})

    def log_in(self, password: str) -> Session:
        """Log in through the login form; raise if it does not take."""
        status, page = self.get("/login")
        form = {"name": self.user, "password": password, "csrf_token": csrf_token(page.decode())}
        status, page = self.post("/login", form)
        if status != 302:
            raise RuntimeError(f"{self.user} could not log in: HTTP {status}")
        return self

    def save_unit(self, lang: str, statement: str, key: str, text: str, revision: str):
        """Save *text* for *key* as the editor's script does: a JSON answer; (status, body)."""
        form = {
            "csrf_token": self.token,
            "revision": revision,
            "filter": "all",
            "q": "",
            "msgstr": text,
            "status": "translated",
            "action": "save",
        }
        headers = {
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
            "X-CSRFToken": self.token,
        }
        return self.post(f"/translate/{lang}/{statement}/unit/{key}", form, headers)

    @property
    def session_cookie(self) -> str:
        """The value of the session cookie."""
        return self.cookie.partition("=")[2]
