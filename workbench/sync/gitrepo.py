"""The git plumbing of sync: commands with a time limit, and the repository's merge settings.

Every git command runs with:

- no prompt (``GIT_TERMINAL_PROMPT=0``, ssh in batch mode with a connect
  timeout), and a bounded time: a remote that does not answer is given up
  after ``WORKBENCH_SYNC_TIMEOUT`` seconds (60 by default), the whole process
  group killed, with a one-line message;
- commit times in UTC (``TZ=UTC``), so a commit does not tell the machine's
  time zone;
- the author and committer set to the name a translator chose (the signed-in
  user in the web, ``--name`` or ``git config workbench.name`` on the command
  line) and an address that says nothing (:data:`ANONYMOUS_EMAIL`), never the
  host name or a real e-mail address.

:func:`configure` makes a plain ``git pull`` merge the way ``workbench sync``
does: ``.gitattributes`` names the merge driver for catalogs, templates and
the glossary, and the repository's config says how to run it. It is
idempotent; ``sync``, ``init`` and ``serve`` call it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import SyncError
from workbench.util import files

#: The e-mail address of every commit sync makes: it says nothing about anyone.
ANONYMOUS_EMAIL = "translator@workbench.invalid"
#: Who commits when nobody said a name.
DEFAULT_NAME = "translator"
#: Seconds a fetch or push may take before the remote is given up.
NETWORK_TIMEOUT = 60.0
#: Seconds any other git command may take (a large merge on a slow disk).
LOCAL_TIMEOUT = 900.0

#: The merge driver's name in .gitattributes and the repository's config.
DRIVER = "workbench"
ATTRIBUTES = (
    f"*.po merge={DRIVER}",
    f"*.pot merge={DRIVER}",
    f"glossary/*.tbx merge={DRIVER}",
)
IGNORED = ("instance/", ".*.tmp", ".*.lock", ".merge_file_*")

_CREDENTIALS = re.compile(r"(?<=://)[^/@]+@")
_NAME_BREAKERS = re.compile(r"[<>\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Done:
    """What a git command printed, and its exit status."""

    code: int
    out: str
    err: str
    raw: bytes = b""  # stdout as bytes, for binary output

    @property
    def ok(self) -> bool:
        return self.code == 0


def git_program() -> str:
    """Return the git executable, or raise SyncError saying how to install it."""
    found = shutil.which("git")
    if found is None:
        raise SyncError(
            "git is not installed; install it (apt-get install git, or from git-scm.com) "
            "and run again"
        )
    return found


def author_name(name: str | None) -> str:
    """Return *name* fit for a commit: one line, no angle brackets; a default if empty.

    >>> author_name("Leyla <leyla@example.org>")
    'Leyla leyla@example.org'
    >>> author_name("  ")
    'translator'
    """
    cleaned = " ".join(_NAME_BREAKERS.sub(" ", name or "").split())
    return cleaned[:80] or DEFAULT_NAME


def safe_url(url: str) -> str:
    """Return *url* without a user name or password in it.

    >>> safe_url("https://sara:secret@example.org/statements.git")
    'https://example.org/statements.git'
    """
    return _CREDENTIALS.sub("", url)


def network_timeout() -> float:
    """Return the seconds a remote is given (``WORKBENCH_SYNC_TIMEOUT``, default 60)."""
    value = os.environ.get("WORKBENCH_SYNC_TIMEOUT", "")
    try:
        seconds = float(value) if value else NETWORK_TIMEOUT
    except ValueError:
        seconds = NETWORK_TIMEOUT
    return max(1.0, seconds)


class Git:
    """git in one work tree."""

    def __init__(self, root: Path, author: str | None = None) -> None:
        self.root = Path(root)
        self.program = git_program()
        self.author = author_name(author)
        self.extra_env: dict[str, str] = {}

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        # A hook or an alias of the user's must not change what sync does,
        # and messages are parsed in English.
        for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            env.pop(name, None)
        env.update(
            {
                "LC_ALL": "C",
                "LANGUAGE": "C",
                "TZ": "UTC",
                "GIT_TERMINAL_PROMPT": "0",
                "GIT_ASKPASS": "",
                "SSH_ASKPASS": "",
                "GIT_AUTHOR_NAME": self.author,
                "GIT_AUTHOR_EMAIL": ANONYMOUS_EMAIL,
                "GIT_COMMITTER_NAME": self.author,
                "GIT_COMMITTER_EMAIL": ANONYMOUS_EMAIL,
            }
        )
        if "GIT_SSH_COMMAND" not in os.environ:
            timeout = int(network_timeout())
            env["GIT_SSH_COMMAND"] = f"ssh -o BatchMode=yes -o ConnectTimeout={timeout}"
        env.update(self.extra_env)
        return env

    def run(
        self,
        *args: str,
        input: bytes | None = None,
        check: bool = True,
        timeout: float | None = None,
        what: str | None = None,
    ) -> Done:
        """Run ``git ARGS`` in the work tree; raise SyncError on failure if *check*."""
        command = [self.program, "-c", "core.quotepath=off", *args]
        limit = timeout if timeout is not None else LOCAL_TIMEOUT
        try:
            process = subprocess.Popen(
                command,
                cwd=self.root,
                env=self.env(),
                stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise SyncError(
                f"git could not be started ({exc.strerror}); check the install"
            ) from exc
        try:
            out, err = process.communicate(input, timeout=limit)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise TimedOut(what or f"git {args[0]}", limit) from None
        except BaseException:
            _kill(process)
            raise
        done = Done(
            process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), out
        )
        if check and not done.ok:
            raise SyncError(
                f"git {args[0]} failed: {first_line(done.err) or first_line(done.out)}"
                if what is None
                else f"{what} failed: {first_line(done.err) or first_line(done.out)}"
            )
        return done

    def out(self, *args: str, **kwargs) -> str:
        """Run git and return its output, stripped."""
        return self.run(*args, **kwargs).out.strip()

    # -- questions ---------------------------------------------------------------

    def toplevel(self) -> Path | None:
        done = self.run("rev-parse", "--show-toplevel", check=False)
        return Path(done.out.strip()).resolve() if done.ok and done.out.strip() else None

    def git_dir(self) -> Path:
        return (self.root / self.out("rev-parse", "--git-dir")).resolve()

    def head(self) -> str | None:
        done = self.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False)
        return done.out.strip() if done.ok and done.out.strip() else None

    def branch(self) -> str:
        done = self.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        name = done.out.strip()
        if not done.ok or not name:
            raise SyncError(
                "the project is not on a branch (a detached HEAD); switch to one with: "
                "git switch main"
            )
        return name

    def resolve(self, ref: str) -> str | None:
        done = self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        return done.out.strip() if done.ok and done.out.strip() else None

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.run("merge-base", "--is-ancestor", older, newer, check=False).code == 0

    def remote_url(self, remote: str) -> str | None:
        done = self.run("remote", "get-url", remote, check=False)
        return done.out.strip() if done.ok else None

    def config(self, key: str) -> str | None:
        done = self.run("config", "--local", "--get", key, check=False)
        return done.out.strip() if done.ok else None

    def set_config(self, key: str, value: str) -> bool:
        """Set a config value of this repository; return False if it was set already."""
        if self.config(key) == value:
            return False
        self.run("config", "--local", key, value)
        return True


class TimedOut(SyncError):
    """A git command took longer than it was given."""

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(f"{what} did not finish within {seconds:.0f} s")
        self.what = what
        self.seconds = seconds


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        process.communicate(timeout=5)


def first_line(text: str) -> str:
    """Return the first line of git's message that says something, without its prefix."""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("hint:", "To ", "From ")):
            continue
        for prefix in ("fatal: ", "error: ", "remote: ", "warning: "):
            if line.startswith(prefix):
                line = line[len(prefix) :]
        return line
    return ""


# -- the repository's merge settings ---------------------------------------------------


def driver_command() -> str:
    """Return the merge driver's command line, run by git with the three versions."""
    python = shlex.quote(sys.executable)
    return f"{python} -m workbench merge-driver %O %A %B %P"


def configure(root: Path) -> bool:
    """Set up *root*'s repository so that git merges catalogs and the glossary unit by unit.

    Writes the lines ``.gitattributes`` lacks and the driver's config. Returns
    True if anything changed. Does nothing outside a git work tree, or if git
    is not installed.
    """
    if shutil.which("git") is None:
        return False
    git = Git(root)
    if git.toplevel() is None:
        return False
    changed = _ensure_lines(Path(root) / ".gitattributes", ATTRIBUTES)
    changed |= _ensure_lines(Path(root) / ".gitignore", IGNORED)
    changed |= git.set_config(f"merge.{DRIVER}.name", "workbench: catalogs unit by unit")
    changed |= git.set_config(f"merge.{DRIVER}.driver", driver_command())
    return changed


def _ensure_lines(path: Path, lines: tuple[str, ...]) -> bool:
    with files.locked(path, path.parent / "instance" / "locks"):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        have = {line.strip() for line in text.splitlines()}
        missing = [line for line in lines if line not in have]
        if not missing:
            return False
        if text and not text.endswith("\n"):
            text += "\n"
        files.atomic_write(path, text + "\n".join(missing) + "\n")
        return True


def init_repository(root: Path) -> bool:
    """Make *root* a git repository with the merge settings, if git is installed.

    Returns False (and does nothing) if git is missing or *root* is already
    inside a work tree other than its own.
    """
    if shutil.which("git") is None:
        return False
    git = Git(root)
    top = git.toplevel()
    if top is None:
        git.run("init", "--quiet", "--initial-branch=main")
    elif top != Path(root).resolve():
        return False
    configure(root)
    return True
