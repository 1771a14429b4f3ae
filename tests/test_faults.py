"""Faults: killed processes, a full disk, files changed under a running server.

Each test injects a fault into real processes and real files, then checks
that every file is whole and valid, that every acknowledged save is there,
and that the next run starts promptly.
"""

from __future__ import annotations

import contextlib
import errno
import html
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlencode

import pytest
from filelock import FileLock, Timeout

from workbench.catalogs import model as cat
from workbench.catalogs.model import Edit
from workbench.catalogs.store import CatalogStore
from workbench.errors import ConflictError
from workbench.util import files

from .reliability_support import (
    EDITOR,
    KINDS,
    PASSWORD,
    STATEMENT,
    UNIT,
    USERS,
    Client,
    Ledger,
    catalog_files,
    leftover_temporaries,
    make_big_project,
    make_clients,
    make_team_project,
    po_of,
    seconds_to_lock,
    server_kills,
    units_of,
    update_kills,
)
from .support import (
    REPO,
    Gunicorn,
    Server,
    add_user,
    copy_project,
    csrf_token,
    in_threads,
    msgfmt_problems,
    run_verb,
    run_workbench,
)

#: A glossary import of one concept, whose terms the glossary page shows.
DRILL_CSV = "id,en,fa\nrel-1,reliability drill,تمرین پایداری\n"


def kills(default: int) -> int:
    """Return how many times to kill: *default*, or WORKBENCH_RELIABILITY_KILLS when set."""
    return int(os.environ.get("WORKBENCH_RELIABILITY_KILLS") or default)


@pytest.fixture
def team_project(tmp_path: Path) -> Path:
    """A copy of the repository's project with its catalogs and five translators."""
    return make_team_project(tmp_path / "project")


def identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size, st.st_ino)


@contextlib.contextmanager
def sessions_on_gunicorn(root: Path, log: Path) -> Iterator[list[Client]]:
    """Serve *root* with three gunicorn workers; yield six sessions of three translators."""
    with Gunicorn(root, log, workers=3) as server:
        clients = make_clients(server.port, list(USERS[:3]), 6, Ledger())
        try:
            yield clients
        finally:
            for client in clients:
                client.close()


def pages_from_every_worker(clients: list[Client], url: str = EDITOR, rounds: int = 4):
    """Open *url* from every client at once, *rounds* times; return the pages."""
    pages: list[str] = []
    lock = threading.Lock()

    def read(client: Client) -> None:
        for _ in range(rounds):
            if url == EDITOR:
                page = client.read_page()  # and take its revisions
            else:
                status, data = client.get(url)
                if status != 200:
                    raise RuntimeError(f"{url}: HTTP {status}")
                page = data.decode()
            with lock:
                pages.append(page)

    # Six sessions at once keep three sync workers busy, so each of them
    # serves (and caches) the pages.
    failures = in_threads(read, clients)
    assert not failures, failures
    assert len(pages) == rounds * len(clients)
    return pages


def same_length_variant(text: str) -> str:
    """Return *text* with one Persian letter swapped for another of the same UTF-8 length."""
    assert "ش" in text
    return text.replace("ش", "س", 1)


# -- files changed under the server --------------------------------------------------


def edit_in_place(path: Path, old: str, new: str) -> None:
    """Rewrite *path* in place (same inode), as `cp` or an editor that truncates does."""
    data = path.read_bytes()
    assert data.count(old.encode()) == 1
    with open(path, "r+b") as fh:
        fh.write(data.replace(old.encode(), new.encode()))
        fh.truncate()


def age(path: Path, seconds: int = 3600) -> None:
    """Date *path* an hour back, as a file last changed long ago."""
    then = os.stat(path).st_mtime_ns - seconds * 1_000_000_000
    os.utime(path, ns=(then, then))


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("how", ["in-place", "git-checkout"])
def test_a_catalog_replaced_with_the_same_size_and_mtime_is_seen_by_every_worker(
    team_project: Path, tmp_path: Path, how: str
):
    root = team_project
    po = po_of(root)
    with sessions_on_gunicorn(root, tmp_path / "server.log") as clients:
        key = next(iter(units_of(po)))
        writer = clients[0]
        first = writer.save(key, writer.next_text())
        assert first.outcome == "acknowledged"
        if how == "git-checkout":
            git(root, "init", "-q")
            git(root, "add", "locales")
            git(root, "commit", "-q", "-m", "translated")
            # The file the server saves next has the same size as the committed one.
            second = writer.save(key, same_length_variant(first.text))
            assert second.outcome == "acknowledged"
            on_server, by_hand = second.text, first.text
        else:
            on_server, by_hand = first.text, same_length_variant(first.text)

        age(po)
        pages = pages_from_every_worker(clients)
        assert all(on_server in page for page in pages)
        before = identity(po)
        stale_base = cat.revision_of(on_server, cat.TRANSLATED)

        if how == "git-checkout":
            git(root, "checkout", "--", str(po.relative_to(root)))
        else:
            edit_in_place(po, on_server, by_hand)
        os.utime(po, ns=(before[0], before[0]))  # touch -d: the old mtime back
        after = identity(po)
        assert after[:2] == before[:2]  # same mtime and size
        if how == "in-place":
            assert after[2] == before[2]  # and the same inode
        edited = po.read_bytes()

        pages = pages_from_every_worker(clients)
        stale = sum(1 for page in pages if on_server in page)
        assert stale == 0, f"{stale} of {len(pages)} pages show the replaced text"
        assert all(by_hand in page for page in pages)

        refused = clients[1].save(key, clients[1].next_text(), base=stale_base)
        assert refused.outcome == "refused" and not refused.problem
        assert po.read_bytes() == edited
        resolved = clients[1].save(key, clients[1].next_text())  # based on what it re-read
        assert resolved.outcome == "acknowledged"
        assert units_of(po)[key].msgstr == resolved.text


def test_a_save_based_on_a_catalog_replaced_in_place_conflicts_instead_of_overwriting(
    web_project,
):
    root = web_project.root
    po = po_of(root)
    store = CatalogStore(web_project)
    entry = store.get("fa", STATEMENT).active()[0]
    [saved] = store.save("fa", STATEMENT, [Edit(entry.msgid, "ترجمه‌ی وب", "translated")])
    age(po)
    store.get("fa", STATEMENT)  # cached, as in a running server
    before = identity(po)
    edit_in_place(po, "ترجمه‌ی وب", "ترجمه‌ی دس")  # a hand edit of the same length
    os.utime(po, ns=(before[0], before[0]))
    assert identity(po) == before
    edited = po.read_bytes()

    assert store.get("fa", STATEMENT).find(entry.msgid).msgstr == "ترجمه‌ی دس"
    change = Edit(entry.msgid, "از وب، بر پایه‌ی نسخه‌ی کهنه", "translated")
    [result] = store.save("fa", STATEMENT, [replace(change, base_revision=saved.revision)])
    assert isinstance(result, ConflictError)
    assert po.read_bytes() == edited


SERVED = {
    # what is replaced: (file, old text, new text of the same length, page that shows it)
    "glossary": (
        "glossary/glossary.tbx",
        "reliability drill",
        "reliability check",
        "/glossary/?q=reliability",
    ),
    "statement": (
        f"seeds/{STATEMENT}.txt",
        "refinery workers go on",
        "refinery drivers go on",
        f"/translate/fa/{STATEMENT}/",
    ),
}


def shown(text: str) -> str:
    # The editor marks glossary terms in the source ("Abadan refinery" is one).
    return text.removeprefix("refinery ")


@pytest.mark.parametrize("what", list(SERVED))
def test_a_glossary_or_statement_replaced_with_the_same_size_and_mtime_is_seen_by_every_worker(
    team_project: Path, tmp_path: Path, what: str
):
    root = team_project
    name, old, new, url = SERVED[what]
    path = root / name
    csv = tmp_path / "terms.csv"
    csv.write_text(DRILL_CSV, encoding="utf-8")
    run_workbench("glossary", "import", str(csv), "--project", str(root))
    assert len(old.encode()) == len(new.encode())
    age(path)
    with sessions_on_gunicorn(root, tmp_path / "server.log") as clients:
        assert all(shown(old) in page for page in pages_from_every_worker(clients, url))
        before = identity(path)
        edit_in_place(path, old, new)
        os.utime(path, ns=(before[0], before[0]))
        assert identity(path) == before
        served = pages_from_every_worker(clients, url)
        stale = sum(1 for page in served if shown(old) in page)
        assert stale == 0, f"{stale} of {len(served)} pages show the replaced {what}"
        assert all(shown(new) in page for page in served)


# -- killed processes ----------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from pathlib import Path
from workbench.util import files
with files.locked(Path(sys.argv[1]), Path(sys.argv[2])):
    print("held", flush=True)
    time.sleep(600)
"""


def test_the_lock_of_a_killed_writer_is_released_by_the_kernel(tmp_path: Path):
    target = tmp_path / "x.po"
    target.write_text("", encoding="utf-8")
    lock_dir = tmp_path / "locks"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(target), str(lock_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        lock = FileLock(str(files.lock_path(target, lock_dir)), timeout=0.3)
        with pytest.raises(Timeout):  # the lock is real while its holder lives
            lock.acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
    assert files.lock_path(target, lock_dir).exists()  # the file stays; the lock does not
    assert seconds_to_lock(target, lock_dir) < 1.0


@pytest.fixture
def big_project(tmp_path: Path) -> Path:
    """A project whose one statement is about 2 MB (a 3.5 MB catalog), every unit translated."""
    return make_big_project(tmp_path / "big")


def test_update_killed_while_writing_a_large_catalog_leaves_every_file_whole(
    big_project: Path,
):
    run = update_kills(big_project, rounds=kills(4))
    print("\n" + run.line())
    assert not run.problems, run.problems[:5]
    assert run.killed == run.rounds
    assert run.mid_write >= 1  # at least one kill landed inside an atomic write


@pytest.mark.parametrize("kind", KINDS, ids=["gunicorn-3-workers", "waitress"])
def test_a_server_killed_in_a_burst_of_saves_loses_no_acknowledged_save(
    team_project: Path, tmp_path: Path, kind: str
):
    run = server_kills(team_project, kind, tmp_path, kills=kills(3))
    print("\n" + run.line())
    result = run.tally
    assert not run.problems, run.problems[:5]
    assert result.lost == 0 and result.failed == 0
    assert result.acknowledged + result.refused + result.unanswered == result.sent
    assert result.unanswered >= 1  # the kills landed while saves were under way
    assert max(run.starts) < 30


# -- a full disk ----------------------------------------------------------------------

DISK_FULL = "the disk is full; free some space and save again (nothing was changed)"
POINTS = ["create", "write", "fsync", "rename"]


class _Proxy:
    """A module with some of its functions replaced, for workbench.util.files alone."""

    def __init__(self, real: object, **overrides: object) -> None:
        self._real = real
        self.__dict__.update(overrides)

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


class _FullFile:
    """A file whose next write fails as on a full disk."""

    def __init__(self, fh, fail) -> None:
        self._fh = fh
        self._fail = fail

    def write(self, data: bytes) -> int:
        self._fail()
        return self._fh.write(data)

    def __getattr__(self, name: str) -> object:
        return getattr(self._fh, name)

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._fh.__exit__(*exc)


class DiskFull:
    """Make the *nth* atomic write fail with ENOSPC at *point*, as on a full disk.

    Writes of derived files (``instance/cache``) are not counted: they come and
    go with what is cached, and a failure there only costs time.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, point: str, nth: int = 1) -> None:
        self.point = point
        self.nth = nth
        self.writes = 0  # atomic writes begun: each makes one temporary file
        self.counted = False  # whether the write under way is one of them
        self.injected = 0
        real_os, real_new_temporary = files.os, files._new_temporary

        def new_temporary(path: Path) -> tuple[int, str]:
            self.counted = Path(path).parent.name != "cache"
            self.writes += self.counted
            if point == "create":
                self._fail()
            return real_new_temporary(path)

        monkeypatch.setattr(files, "_new_temporary", new_temporary)
        if point == "write":

            def fdopen(*args, **kwargs):
                return _FullFile(real_os.fdopen(*args, **kwargs), self._fail)

            monkeypatch.setattr(files, "os", _Proxy(real_os, fdopen=fdopen))
        elif point in ("fsync", "rename"):
            name = "fsync" if point == "fsync" else "replace"
            real = getattr(real_os, name)

            def failing(*args, **kwargs):
                self._fail()
                return real(*args, **kwargs)

            monkeypatch.setattr(files, "os", _Proxy(real_os, **{name: failing}))

    def _fail(self) -> None:
        if self.counted and self.writes == self.nth and not self.injected:
            self.injected += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def first_unit(page: str) -> tuple[str, str]:
    """Return the key and revision of the first unit of an editor page."""
    match = UNIT.search(page)
    return match.group("key"), match.group("rev")


@pytest.mark.parametrize("answer", ["json", "html"])
@pytest.mark.parametrize("point", POINTS)
def test_a_disk_full_during_a_save_refuses_it_clearly_and_changes_nothing(
    login, web_project, monkeypatch, point: str, answer: str
):
    client = login("leyla")
    root = web_project.root
    po = po_of(root)
    page = client.get(EDITOR).get_data(as_text=True)
    key, revision = first_unit(page)
    text = "شوراهای کارگری، ترجمه‌ای که نباید گم شود"
    data = {
        "msgstr": text,
        "status": "translated",
        "action": "save",
        "csrf_token": csrf_token(page),
        "revision": revision,
    }
    headers = {"Accept": "application/json"} if answer == "json" else {}
    url = f"/translate/fa/{STATEMENT}/unit/{key}"
    before = po.read_bytes()

    fault = DiskFull(monkeypatch, point)
    response = client.post(url, data=data, headers=headers)
    assert fault.injected == 1
    body = response.get_data(as_text=True)
    assert 400 <= response.status_code < 600 and response.status_code != 500
    assert "Traceback" not in body
    # The file is named within the project; the server's folders are not shown.
    shown = f"locales/fa/LC_MESSAGES/{STATEMENT}.po: {DISK_FULL}"
    assert str(root) not in body and str(root.resolve()) not in body
    if answer == "json":
        assert response.get_json()["error"] == shown
    else:
        # The file's name is isolated (<bdi>) in the page: its text is the message.
        assert shown in html.unescape(re.sub(r"<[^>]+>", "", body))
        assert text in body  # the typed text comes back in the form
    assert po.read_bytes() == before
    assert leftover_temporaries(root) == []

    monkeypatch.undo()  # space freed
    again = client.post(url, data=data, headers=headers)
    assert again.status_code == (200 if answer == "json" else 302)
    assert units_of(po)[key].msgstr == text


@pytest.mark.parametrize(
    ("verb", "nth"),
    [("update", 1), ("update", 2), ("glossary-import", 1)],
    ids=["update-template", "update-catalog", "glossary-import"],
)
@pytest.mark.parametrize("point", POINTS)
def test_a_disk_full_stops_a_verb_with_one_line_and_leaves_every_file_whole(
    web_project, run, monkeypatch, tmp_path: Path, point: str, verb: str, nth: int
):
    root = web_project.root
    if verb == "update":
        seed = root / "seeds" / f"{STATEMENT}.txt"
        seed.write_text("A new first heading\n\n" + seed.read_text(encoding="utf-8"))
        args = ["update"]
        # The template is written first, then the catalog.
        watched = [root / "locales" / f"{STATEMENT}.pot", po_of(root)]
    else:
        csv = tmp_path / "terms.csv"
        csv.write_text(DRILL_CSV, encoding="utf-8")
        args = ["glossary", "import", str(csv)]
        watched = [root / "glossary" / "glossary.tbx"]
    before = {path: path.read_bytes() for path in watched}

    fault = DiskFull(monkeypatch, point, nth)
    result = run(web_project, *args)
    assert fault.injected == 1
    failed = watched[nth - 1]
    assert result.exit_code == 1
    assert result.stderr == f"Error: {failed}: {DISK_FULL}\n"
    assert failed.read_bytes() == before[failed]
    assert leftover_temporaries(root) == []
    assert not list(msgfmt_problems(p for p in watched if p.suffix in (".po", ".pot")))

    monkeypatch.undo()
    result = run(web_project, *args)
    assert result.exit_code == 0, result.output
    assert all(path.read_bytes() != before[path] for path in watched)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 16 MB tmpfs mounted for the test (needs root and permission to mount).

    Where that is missing the test is skipped, unless WORKBENCH_REQUIRE_TMPFS=1
    (CI) makes it fail: a real full disk must not go untested there unseen.
    """
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0:
        _skip_or_fail("mounting a small tmpfs needs root; the injected disk-full tests still run")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        _skip_or_fail(
            f"cannot mount a tmpfs here ({done.stderr.strip()}); injected tests still run"
        )
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("WORKBENCH_REQUIRE_TMPFS") == "1":
        pytest.fail(f"{reason} (WORKBENCH_REQUIRE_TMPFS=1)", pytrace=False)
    pytest.skip(reason)


def fill(disk: Path) -> Path:
    """Fill *disk* to the last byte; return the file that holds the space."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (1 << 20, 1 << 12, 1):
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    return filler


def test_a_really_full_disk_refuses_saves_and_verbs_and_the_next_save_succeeds(
    small_disk: Path, tmp_path: Path
):
    root = copy_project(small_disk / "project")
    add_user(root, USERS[0], "translator", PASSWORD)
    po, pot = po_of(root), root / "locales" / f"{STATEMENT}.pot"
    tbx = root / "glossary" / "glossary.tbx"
    seed = root / "seeds" / f"{STATEMENT}.txt"
    csv = tmp_path / "terms.csv"
    csv.write_text(DRILL_CSV, encoding="utf-8")
    ledger = Ledger()
    server = Server(root, tmp_path / "server.log").start()
    try:
        client = Client(server.port, "c0", USERS[0], ledger).log_in()
        try:
            key = next(iter(units_of(po)))
            text = client.next_text()
            seed.write_text("A new first heading\n\n" + seed.read_text(encoding="utf-8"))
            before = {path: path.read_bytes() for path in (po, pot, tbx)}
            filler = fill(small_disk)

            form = {
                "csrf_token": client.token,
                "revision": client.seen[key],
                "msgstr": text,
                "status": "translated",
                "action": "save",
            }
            url = f"/translate/fa/{STATEMENT}/unit/{key}"
            posted = {"Content-Type": "application/x-www-form-urlencoded"}
            status, data = client.request(
                "POST", url, urlencode(form).encode(), {**posted, "Accept": "application/json"}
            )
            assert status == 503 and DISK_FULL in json.loads(data)["error"]
            status, data = client.request("POST", url, urlencode(form).encode(), posted)
            page = html.unescape(data.decode())
            assert status == 503 and DISK_FULL in page and text in page
            for args in (["update"], ["glossary", "import", str(csv)]):
                done = run_verb(*args, "--project", str(root))
                assert done.returncode == 1
                assert done.stderr.endswith(f": {DISK_FULL}\n") and done.stderr.count("\n") == 1
            assert {path: path.read_bytes() for path in (po, pot, tbx)} == before
            assert leftover_temporaries(root) == []

            filler.unlink()  # space freed
            assert client.save(key, text).outcome == "acknowledged"
            assert units_of(po)[key].msgstr == text
        finally:
            client.close()
    finally:
        server.stop()
    for args in (["update"], ["glossary", "import", str(csv)]):
        assert run_verb(*args, "--project", str(root)).returncode == 0
    assert pot.read_bytes() != before[pot] and tbx.read_bytes() != before[tbx]
    assert not list(msgfmt_problems(catalog_files(root)))
