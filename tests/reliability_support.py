"""Clients, a ledger and whole runs for the concurrency and fault tests.

The servers are real processes on loopback (see tests/support.py): gunicorn
with several worker processes (the team set-up) or ``workbench serve``
(waitress). The clients
speak HTTP as the editor's script does (JSON saves with the revision the
client last saw). Every save sent is written in a :class:`Ledger`, and
:func:`tally` compares the ledger with the catalog on disk: each unit's
acknowledged saves must form one chain of revisions that ends in the text
the file holds.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.model import Entry
from workbench.catalogs.rows import unit_key
from workbench.glossary import store as glossary_store
from workbench.util import files

from .support import (
    REPO,
    Gunicorn,
    Server,
    Session,
    add_users,
    copy_project,
    csrf_token,
    in_threads,
    msgfmt_problems,
    percentile,
    run_verb,
    wait_port_closed,
    workbench_command,
)

#: The statement the clients translate: short, so every unit is on the first editor page.
STATEMENT = "khuzestan-vanguard-headlines"
LANG = "fa"
EDITOR = f"/translate/{LANG}/{STATEMENT}/"
PASSWORD = "reliability-pass-1"
UNIT = re.compile(
    r'data-key="(?P<key>[^"]+)">.*?name="revision" value="(?P<rev>[0-9a-f]*)"', re.DOTALL
)
# Persian filler, so translations look and weigh like real ones.
FILLER = "شوراهای کارگری در کارخانه‌ها تشکیل شده‌اند؛ همه‌ی قدرت به شوراها"

ACKED = "acknowledged"
REFUSED = "refused"
UNANSWERED = "unanswered"  # no answer came back: the save may or may not have landed
FAILED = "failed"  # an answer that is neither an acknowledgement nor a conflict


def scaled(default: float) -> float:
    """Return *default* seconds, or WORKBENCH_RELIABILITY_SECONDS when set."""
    value = os.environ.get("WORKBENCH_RELIABILITY_SECONDS")
    return float(value) if value else default


def units_of(path: Path) -> dict[str, Entry]:
    """Map the unit keys of the catalog at *path* to its active entries."""
    catalog = pofile.read(path)
    return {unit_key(e.msgid, e.msgctxt): e for e in catalog.entries if not e.obsolete}


def catalog_files(root: Path) -> list[Path]:
    """Return every PO and POT file under the project's locales/."""
    return sorted(
        p
        for p in (root / "locales").rglob("*.po*")
        if p.suffix in (".po", ".pot") and not p.name.startswith(".")
    )


def leftover_temporaries(root: Path) -> list[Path]:
    """Return the temporary files an interrupted atomic write left in the project."""
    found: list[Path] = []
    for folder in ("locales", "glossary", "seeds"):
        found += [p for p in (root / folder).rglob(".*.tmp") if p.is_file()]
    return sorted(found)


# -- the ledger ---------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """One save a client sent, and what came of it."""

    client: str
    key: str
    base: str  # the revision the client last saw
    text: str
    outcome: str
    problem: str = ""  # why an answer does not count as a clean acknowledgement or conflict
    ms: float = 0.0  # from sending the request to the whole answer

    @property
    def revision(self) -> str:
        """The unit's revision once this save is applied (clients save as translated)."""
        return cat.revision_of(self.text, cat.TRANSLATED)


@dataclass
class Ledger:
    """Every save sent by every client, in the order they were answered."""

    saves: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sent: Sent) -> None:
        with self.lock:
            self.saves.append(sent)

    def count(self, outcome: str) -> int:
        return sum(1 for s in self.saves if s.outcome == outcome)


@dataclass(frozen=True)
class Tally:
    """The ledger held against the files: how many saves, and how many were lost."""

    sent: int
    acknowledged: int
    refused: int
    unanswered: int
    failed: int
    lost: int
    units: int
    problems: tuple[str, ...]

    def line(self) -> str:
        return (
            f"sent {self.sent}, acknowledged {self.acknowledged}, refused (409) {self.refused}, "
            f"unanswered {self.unanswered}, other errors {self.failed}, lost {self.lost} "
            f"(over {self.units} units)"
        )


def tally(ledger: Ledger, on_disk: dict[str, Entry]) -> Tally:
    """Hold every acknowledged save against the catalog on disk; count the lost ones.

    A save is accepted only if its base revision is the unit's current one,
    and every text is sent once, so a unit's acknowledged saves form a chain:
    each one's base is the revision of the one before (or of a change by
    another writer, or the first state). Walking back from the revision the
    file holds, through acknowledged saves and through saves that got no
    answer (they may have landed), must reach every acknowledged save of the
    unit; one that is not reached was overwritten without a conflict: lost.
    """
    problems: list[str] = []
    by_key: dict[str, list[Sent]] = {}
    for sent in ledger.saves:
        by_key.setdefault(sent.key, []).append(sent)
        if sent.problem:
            problems.append(f"{sent.client} {sent.key}: {sent.problem}")
    lost = 0
    for key, saves in by_key.items():
        acked = [s for s in saves if s.outcome == ACKED]
        if not acked:
            continue
        links: dict[str, Sent] = {}
        for sent in saves:
            if sent.outcome in (ACKED, UNANSWERED):
                links.setdefault(sent.revision, sent)
        entry = on_disk.get(key)
        if entry is None:
            lost += len(acked)
            problems.append(f"{key}: the unit is gone from the catalog")
            continue
        reached: set[int] = set()
        at = entry.revision
        while at in links and id(links[at]) not in reached:
            reached.add(id(links[at]))
            at = links[at].base
        missing = [s for s in acked if id(s) not in reached]
        lost += len(missing)
        for sent in missing[:3]:
            problems.append(
                f"{key}: the acknowledged save {sent.text[:30]!r} of {sent.client} is lost; "
                f"the file holds {entry.msgstr[:30]!r}"
            )
    return Tally(
        sent=len(ledger.saves),
        acknowledged=ledger.count(ACKED),
        refused=ledger.count(REFUSED),
        unanswered=ledger.count(UNANSWERED),
        failed=ledger.count(FAILED),
        lost=lost,
        units=sum(1 for saves in by_key.values() if any(s.outcome == ACKED for s in saves)),
        problems=tuple(problems),
    )


# -- clients -------------------------------------------------------------------------


class Client(Session):
    """One translator's browser session, saving through the JSON path of the editor."""

    def __init__(self, port: int, name: str, user: str, ledger: Ledger, timeout: float = 60):
        super().__init__(port, user, timeout=timeout)
        self.name = name  # this session's name in the ledger and in its texts
        self.ledger = ledger
        self.seen: dict[str, str] = {}  # unit key -> revision last seen
        self.seq = 0

    def log_in(self, password: str = PASSWORD) -> Client:
        super().log_in(password)
        self.read_page()
        return self

    def read_page(self, key: str | None = None) -> str:
        """Open the editor (at *key*); remember its token and revisions; return the HTML."""
        path = EDITOR + (f"?focus={key}" if key else "")
        status, data = self.get(path)
        page = data.decode()
        if status != 200:
            raise RuntimeError(f"{path}: HTTP {status}")
        self.token = csrf_token(page)
        for match in UNIT.finditer(page):
            self.seen[match.group("key")] = match.group("rev")
        return page

    def next_text(self) -> str:
        """Return a translation no other save has sent (the chain needs unique revisions)."""
        self.seq += 1
        return f"{self.name}.{self.seq}: {FILLER}"

    def save(self, key: str, text: str, base: str | None = None) -> Sent:
        """Save *text* for *key* based on the revision last seen; log and return the outcome."""
        base = self.seen[key] if base is None else base
        try:
            status, data = self.save_unit(LANG, STATEMENT, key, text, base)
        except ConnectionError as exc:
            return self._log(key, base, text, UNANSWERED, str(exc), quiet=True)
        try:
            answer = json.loads(data)
        except ValueError:
            answer = {}
        if status == 200 and answer.get("ok"):
            problem = ""
            if answer.get("msgstr") != text or answer.get("revision") != cat.revision_of(
                text, cat.TRANSLATED
            ):
                problem = f"acknowledged with another text or revision: {answer!r:.200}"
            self.seen[key] = answer.get("revision", "")
            return self._log(key, base, text, ACKED, problem)
        if status == 409:
            theirs, mine = answer.get("theirs") or {}, answer.get("mine") or {}
            problem = ""
            if not (answer.get("conflict") and "msgstr" in theirs and mine.get("msgstr") == text):
                problem = f"a conflict answer without both versions: {answer!r:.200}"
            elif theirs.get("revision") == base:
                problem = "refused although its base revision is the current one"
            return self._log(key, base, text, REFUSED, problem)
        return self._log(key, base, text, FAILED, f"HTTP {status}: {data[:200]!r}")

    def _log(
        self, key: str, base: str, text: str, outcome: str, problem: str, quiet: bool = False
    ) -> Sent:
        # An unanswered save is expected when the server is killed; it is
        # reported by its count, not as a problem.
        ms = 0.0 if quiet else self.last_ms
        sent = Sent(self.name, key, base, text, outcome, "" if quiet else problem, ms)
        self.ledger.add(sent)
        return sent

    def save_with_retries(self, key: str, retries: int = 3) -> Sent:
        """Save a new text for *key*; after a conflict re-read the unit and try again."""
        text = self.next_text()
        sent = self.save(key, text)
        for _ in range(retries):
            if sent.outcome != REFUSED:
                break
            self.read_page(key)
            sent = self.save(key, text)
        return sent


def run_clients(
    clients: list[Client],
    keys: list[str],
    seconds: float,
    *,
    think: float = 0.05,
    stop: threading.Event | None = None,
    seed: int = 0,
) -> list[str]:
    """Let every client save overlapping units for *seconds*; return the clients' crashes."""
    import random

    stop = stop or threading.Event()
    crashes: list[str] = []

    def work(client: Client, rng: random.Random) -> None:
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline and not stop.is_set():
                try:
                    sent = client.save_with_retries(rng.choice(keys))
                except ConnectionError:  # re-reading after a conflict found no server
                    sent = None
                if sent is None or sent.outcome == UNANSWERED:
                    if stop.is_set():
                        return
                    time.sleep(0.2)  # the server is gone or busy; do not spin
                    _reconnect(client, stop)
                time.sleep(rng.random() * think)
        except Exception as exc:  # reported by the test with the figures
            crashes.append(f"{client.name}: {exc!r}")

    threads = [
        threading.Thread(target=work, args=(c, random.Random(f"{seed}-{c.name}")), daemon=True)
        for c in clients
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 180)
    crashes += [
        f"a client still runs {seconds + 180:.0f} s after its end" for t in threads if t.is_alive()
    ]
    return crashes


def _reconnect(client: Client, stop: threading.Event) -> None:
    """Re-read the page once the server answers again (after a restart)."""
    while not stop.is_set():
        try:
            client.read_page()
            return
        except (ConnectionError, RuntimeError):
            time.sleep(0.2)


def make_clients(
    port: int, users: list[str], count: int, ledger: Ledger, prefix: str = "c"
) -> list[Client]:
    """Log *count* sessions in, spread over *users*, in parallel."""
    clients = [
        Client(port, f"{prefix}{i:02d}", users[i % len(users)], ledger) for i in range(count)
    ]
    errors = in_threads(lambda client: client.log_in(), clients)
    if errors:
        for client in clients:
            client.close()
        raise errors[0]
    return clients


# -- other writers as subprocesses, in loops -------------------------------------------


@dataclass
class Loop:
    """A command line run again and again until stopped; every run's exit status kept."""

    name: str
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    thread: threading.Thread | None = None


def loop(name: str, before_each, argv_of, stop: threading.Event, cwd: Path) -> Loop:
    """Start running ``argv_of(i)`` (after ``before_each(i)``) until *stop* is set."""
    state = Loop(name)

    def body() -> None:
        i = 0
        while not stop.is_set():
            i += 1
            if before_each is not None:
                before_each(i)
            try:
                done = subprocess.run(
                    argv_of(i), capture_output=True, text=True, cwd=cwd, timeout=180
                )
            except subprocess.TimeoutExpired:
                state.failures.append(f"run {i} did not end within 180 s")
                continue
            state.runs += 1
            state.outputs.append(done.stdout)
            if done.returncode != 0:
                state.failures.append(f"run {i}: exit {done.returncode}: {done.stderr[-500:]}")

    state.thread = threading.Thread(target=body, name=name, daemon=True)
    state.thread.start()
    return state


def replace_text(path: Path, text: str) -> None:
    """Replace a file the way an editor saving atomically does."""
    tmp = path.with_name(f"{path.name}.editor-save")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


# -- whole runs, shared by the tests and the long benchmark ----------------------------

USERS = ("leyla", "dariush", "azadeh", "kaveh", "shirin")
KINDS = ("gunicorn", "waitress")


def po_of(root: Path, statement: str = STATEMENT) -> Path:
    return root / "locales" / LANG / "LC_MESSAGES" / f"{statement}.po"


def make_team_project(dest: Path, users: Iterable[str] = USERS) -> Path:
    """Copy the repository's project to *dest*, write its catalogs, add translators."""
    root = copy_project(dest)
    add_users(root, users, "translator", PASSWORD)
    return root


def start_server(kind: str, root: Path, log: Path):
    """Start gunicorn with three workers, or ``workbench serve`` (waitress)."""
    if kind == "gunicorn":
        return Gunicorn(root, log, workers=3).start()
    return Server(root, log).start()


def stats_of(root: Path) -> set[tuple[str, str]]:
    """Return the (statement, language) pairs ``workbench stats`` reports."""
    done = run_verb("stats", "--json", "--project", str(root))
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return {(row["statement"], row["language"]) for row in json.loads(done.stdout)}


def seconds_to_lock(path: Path, lock_dir: Path) -> float:
    """Take and release the lock of *path*; return how long taking it took."""
    start = time.monotonic()
    with FileLock(str(files.lock_path(path, lock_dir)), timeout=10):
        return time.monotonic() - start


# The concurrency load ---------------------------------------------------------------

OTHER = "iran-uprising-workers-councils"


def give_pretranslate_work(root: Path, count: int = 60) -> list[str]:
    """Translate sentences of the other statement; return them.

    The update loop adds them, one at a time, to the statement the clients
    translate; each arrives empty, and pretranslate fills it from the memory.
    """
    sentences: list[str] = []

    def translate(catalog):
        for at, entry in enumerate(catalog.entries):
            if len(sentences) < count and 60 < len(entry.msgid) < 200 and "\n" not in entry.msgid:
                sentences.append(entry.msgid)
                catalog.entries[at] = entry.with_translation(
                    f"ترجمه‌ی جمله‌ی {len(sentences)} از بیانیه‌ی شوراها", cat.TRANSLATED
                )
        return catalog

    pofile.modify(po_of(root, OTHER), translate)
    return sentences


def other_writers(root: Path, stop: threading.Event, work: Path, sentences: list[str]):
    """Start update, glossary import and pretranslate, each in a loop of subprocesses."""
    seed = root / "seeds" / f"{STATEMENT}.txt"
    original = seed.read_text(encoding="utf-8")

    def edit_statement(i: int) -> None:
        # Every other run adds a paragraph at the end, so each update rewrites
        # the catalog the clients save into, and pretranslate has a unit to fill.
        extra = f"\n{sentences[(i // 2) % len(sentences)]}\n" if i % 2 else ""
        replace_text(seed, original + extra)

    def write_csv(i: int) -> None:
        (work / f"terms-{i}.csv").write_text(
            f"id,en,fa\nrel-{i},reliability drill {i},تمرین پایداری {i}\n", encoding="utf-8"
        )

    project = ["--project", str(root)]
    return [
        loop("update", edit_statement, lambda i: workbench_command("update", *project), stop, root),
        loop(
            "glossary import",
            write_csv,
            lambda i: workbench_command("glossary", "import", f"{work}/terms-{i}.csv", *project),
            stop,
            root,
        ),
        loop(
            "pretranslate",
            None,
            lambda i: workbench_command("pretranslate", LANG, "--json", *project),
            stop,
            root,
        ),
    ]


@dataclass
class TeamRun:
    """What one concurrency load did."""

    kind: str
    clients: int
    seconds: float
    units: int
    tally: Tally
    loops: list[Loop]
    fills: int
    crashes: list[str]
    save_ms: list[float]
    problems: list[str]  # files that are not valid afterwards

    def lines(self) -> list[str]:
        out = [
            f"{self.kind}: {self.clients} clients x {self.seconds:.0f} s on {self.units} shared "
            f"units: {self.tally.line()}",
            f"  saves: p50 {percentile(self.save_ms, 50):.1f} ms, "
            f"p95 {percentile(self.save_ms, 95):.1f} ms",
        ]
        out += [f"  {s.name}: {s.runs} runs, {len(s.failures)} failed" for s in self.loops]
        if self.loops:
            out.append(f"  pretranslate filled {self.fills} units while the clients saved")
        return out


def team_load(
    root: Path,
    kind: str,
    work: Path,
    *,
    clients: int = 20,
    seconds: float = 10,
    units: int = 8,
    writers: bool = True,
) -> TeamRun:
    """Let *clients* save *units* shared units for *seconds* while the other writers loop."""
    sentences = give_pretranslate_work(root)
    po = po_of(root)
    keys = list(units_of(po))[:units]
    ledger = Ledger()
    stop = threading.Event()
    server = start_server(kind, root, work / f"{kind}.log")
    loops: list[Loop] = []
    sessions: list[Client] = []
    try:
        sessions = make_clients(server.port, list(USERS), clients, ledger)
        if writers:
            loops = other_writers(root, stop, work, sentences)
        crashes = run_clients(sessions, keys, seconds)
    finally:
        stop.set()
        for state in loops:
            state.thread.join(240)
        for client in sessions:
            client.close()
        server.stop()
    fills = sum(
        len(json.loads(out)["filled"])
        for state in loops
        if state.name == "pretranslate"
        for out in state.outputs
        if out.strip()
    )
    return TeamRun(
        kind=kind,
        clients=clients,
        seconds=seconds,
        units=len(keys),
        tally=tally(ledger, units_of(po)),
        loops=loops,
        fills=fills,
        crashes=crashes,
        save_ms=[s.ms for s in ledger.saves if s.outcome in (ACKED, REFUSED)],
        problems=file_problems(root),
    )


def file_problems(root: Path) -> list[str]:
    """Return what is wrong with the project's files: msgfmt on every catalog, the TBX loads."""
    from workbench.errors import WorkbenchError
    from workbench.project import Project

    problems = list(msgfmt_problems(catalog_files(root)))
    try:
        glossary_store.load(Project.load(root))
    except WorkbenchError as exc:
        problems.append(str(exc))
    return problems


# Killing the server in a burst of saves --------------------------------------------------


def _burst(sessions: list[Client], keys, stop: threading.Event, seed: int, out: list) -> None:
    """Save as fast as the clients can until *stop*; note the clients' crashes in *out*."""
    out.extend(run_clients(sessions, keys, 60, think=0.01, stop=stop, seed=seed))


@dataclass
class ServerKills:
    """What killing a server again and again did."""

    kind: str
    kills: int
    tally: Tally
    starts: list[float]  # seconds each start took, the first one included
    problems: list[str]

    def line(self) -> str:
        return (
            f"{self.kind}: {self.kills} kill -9 in a burst of saves: {self.tally.line()}; "
            f"restart at most {max(self.starts):.1f} s"
        )


def server_kills(
    root: Path, kind: str, work: Path, *, kills: int, clients: int = 8, seed: int = 0
) -> ServerKills:
    """Kill the server with SIGKILL at a random moment of a burst of saves, *kills* times.

    After each kill: every catalog passes msgfmt, every acknowledged save is on
    disk, no temporary file is listed as a catalog, no lock is left, and
    ``workbench update`` runs. After the last one the server starts and saves.
    """
    import random

    rng = random.Random(f"{kind}-{seed}")
    po = po_of(root)
    keys = list(units_of(po))[:8]
    expected = stats_of(root)
    ledger = Ledger()
    problems: list[str] = []
    starts: list[float] = []
    for round_ in range(kills):
        began = time.monotonic()
        server = start_server(kind, root, work / f"{kind}.log")
        starts.append(time.monotonic() - began)
        port = server.port
        sessions = make_clients(port, list(USERS), clients, ledger, prefix=f"r{round_}c")
        stop = threading.Event()
        crashes: list[str] = []
        burst = threading.Thread(
            target=_burst, args=(sessions, keys, stop, round_, crashes), daemon=True
        )
        try:
            burst.start()
            time.sleep(rng.uniform(0.5, 2.5))
            server.kill()  # gunicorn's master and workers at once, or waitress's process
        finally:
            stop.set()
            burst.join(90)
            for client in sessions:
                client.close()
            if server.process is not None:
                server.stop()
        where = f"after kill {round_ + 1}"
        if not wait_port_closed(port):
            problems.append(f"{where}: the port still answers")
        problems += [f"{where}: {c}" for c in crashes]
        problems += [f"{where}: {p}" for p in file_problems(root)]
        result = tally(ledger, units_of(po))
        problems += [f"{where}: {p}" for p in result.problems]
        if stats_of(root) != expected:
            problems.append(f"{where}: workbench stats lists {sorted(stats_of(root))}")
        if seconds_to_lock(po, root / "instance" / "locks") > 1.0:
            problems.append(f"{where}: the catalog's lock was not free at once")
        done = run_verb("update", "--project", str(root))
        if done.returncode != 0:
            problems.append(f"{where}: workbench update failed: {done.stderr}")
    began = time.monotonic()
    server = start_server(kind, root, work / f"{kind}.log")
    starts.append(time.monotonic() - began)
    try:
        client = Client(server.port, "after", USERS[0], ledger).log_in()
        try:
            if client.save(keys[0], client.next_text()).outcome != ACKED:
                problems.append("the restarted server did not take a save")
        finally:
            client.close()
    finally:
        server.stop()
    return ServerKills(kind, kills, tally(ledger, units_of(po)), starts, problems)


# Killing `workbench update` while it writes a large catalog ------------------------------


def big_statement(size: int) -> str:
    """Return a statement of about *size* bytes: paragraphs of distinct sentences."""
    words = "workers councils strike committee factory refinery wages bazaar teachers".split()
    paragraphs: list[str] = []
    total = n = 0
    while total < size:
        sentences = []
        for _ in range(5):
            n += 1
            sentences.append(
                f"Statement {n}: the {words[n % 9]} and {words[n * 7 % 9]} of district {n} "
                f"declare solidarity with the {words[n * 5 % 9]} of the city."
            )
        paragraphs.append(" ".join(sentences))
        total += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs) + "\n"


def make_big_project(dest: Path, size: int = 2_000_000) -> Path:
    """Make a project whose one statement has *size* bytes, every unit translated."""
    if run_verb("init", str(dest), "--language", LANG).returncode != 0:
        raise RuntimeError(f"workbench init {dest} failed")
    (dest / "seeds" / "big.txt").write_text(big_statement(size), encoding="utf-8")
    if run_verb("update", "--project", str(dest)).returncode != 0:
        raise RuntimeError("workbench update failed")

    def translate(catalog):
        catalog.entries = [
            e.with_translation(f"ترجمه‌ی {e.msgid[:24]}", cat.TRANSLATED) for e in catalog.entries
        ]
        return catalog

    pofile.modify(po_of(dest, "big"), translate)
    return dest


def kill_update(root: Path, aim: str, rng, span: float) -> tuple[bool, bool]:
    """Run ``workbench update`` and SIGKILL it; return (killed, it left a temporary file).

    *aim* "random" kills at a random moment of the run (*span*: how long a
    whole run took); "write" kills as soon as a new temporary file appears,
    that is in the middle of an atomic write.
    """
    before = set(leftover_temporaries(root))
    proc = subprocess.Popen(
        workbench_command("update", "--project", str(root)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    try:
        if aim == "random":
            time.sleep(rng.uniform(0.1, 0.9) * span)
        else:
            deadline = time.monotonic() + 60
            while proc.poll() is None and time.monotonic() < deadline:
                if set(leftover_temporaries(root)) - before:
                    break
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.003))
    finally:
        killed = proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return killed, bool(set(leftover_temporaries(root)) - before)


@dataclass
class UpdateKills:
    """What killing ``workbench update`` again and again did."""

    rounds: int
    killed: int
    mid_write: int  # kills that left a temporary file: inside an atomic write
    megabytes: float
    leftovers: int
    problems: list[str]

    def line(self) -> str:
        return (
            f"workbench update on a {self.megabytes:.1f} MB catalog: {self.killed} of "
            f"{self.rounds} runs killed, {self.mid_write} in the middle of a write "
            f"({self.leftovers} temporary files left, none taken for a catalog)"
        )


def update_kills(root: Path, rounds: int, seed: int = 7) -> UpdateKills:
    """Kill ``workbench update`` *rounds* times, at random moments and inside writes.

    After each kill: both files pass msgfmt, every translation is still there,
    no lock is left, ``workbench stats`` lists only the one catalog, and the
    next update runs promptly.
    """
    import random

    rng = random.Random(seed)
    po, pot = po_of(root, "big"), root / "locales" / "big.pot"
    lock_dir = root / "instance" / "locks"
    translated = {e.msgid: e.msgstr for e in pofile.read(po).entries if e.msgstr}
    seed_file = root / "seeds" / "big.txt"
    body = seed_file.read_text(encoding="utf-8")
    killed = mid_write = 0
    problems: list[str] = []
    # How long a whole update takes here and now: a random kill lands inside one.
    replace_text(seed_file, f"Heading before the kills.\n\n{body}")
    start = time.monotonic()
    run_verb("update", "--project", str(root))
    span = time.monotonic() - start

    def kept(where: str) -> None:
        after = {e.msgid: e.msgstr for e in pofile.read(po).entries if not e.obsolete}
        lost = sum(1 for msgid, text in translated.items() if after.get(msgid) != text)
        if lost:
            problems.append(f"{where}: {lost} translations lost")

    for round_ in range(rounds):
        where = f"after kill {round_ + 1}"
        # A new first heading each round, so the update rewrites both files.
        replace_text(seed_file, f"Heading of round {round_} of the big statement.\n\n{body}")
        was_killed, left = kill_update(root, "write" if round_ % 2 else "random", rng, span)
        killed += was_killed
        mid_write += left
        problems += [f"{where}: {p}" for p in msgfmt_problems([po, pot])]
        kept(where)
        for path in (po, pot):
            if seconds_to_lock(path, lock_dir) > 1.0:
                problems.append(f"{where}: the lock of {path.name} was not free at once")
        if stats_of(root) != {("big", LANG)}:
            problems.append(f"{where}: workbench stats lists {sorted(stats_of(root))}")
        start = time.monotonic()
        done = run_verb("update", "--project", str(root))
        took = time.monotonic() - start
        if done.returncode != 0 or took > files.LOCK_TIMEOUT / 2:
            problems.append(f"{where}: the next update took {took:.0f} s: {done.stderr}")
        # The machine's load changes between rounds: a random kill aims inside
        # the quickest whole update seen, so it does not come after the end.
        span = min(span, took)
        if f"Heading of round {round_}" not in pot.read_text(encoding="utf-8"):
            problems.append(f"{where}: the next update did not write the template")
    problems += [f"at the end: {p}" for p in msgfmt_problems([po, pot])]
    kept("at the end")
    return UpdateKills(
        rounds=rounds,
        killed=killed,
        mid_write=mid_write,
        megabytes=po.stat().st_size / 1e6,
        leftovers=len(leftover_temporaries(root)),
        problems=problems,
    )


# Several processes opening a new database at once ------------------------------------


def _open_databases(folder: str, table: str, count: int, barrier, out) -> None:
    """Open *count* new databases, each at the same moment as the other processes."""
    from workbench.accounts.users import Users
    from workbench.catalogs.history import History
    from workbench.memory.memory import Memory

    errors = []
    for i in range(count):
        barrier.wait()
        try:
            if table == "memory":
                Memory.open(Path(folder) / f"instance-{i}", "fa", warm=False).close()
            else:
                kind = Users if table == "users" else History
                kind(Path(folder) / f"{table}-{i}.sqlite")._db()
        except Exception as exc:  # reported, with the count, by the test
            errors.append(f"{table}-{i}: {exc!r}")
    out.put(errors)


def open_at_once(folder: Path, table: str, processes: int = 8, count: int = 150) -> list[str]:
    """Let *processes* open *count* new users, history or memory databases in step.

    Returns the errors.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(processes)
    out = ctx.Queue()
    workers = [
        ctx.Process(target=_open_databases, args=(str(folder), table, count, barrier, out))
        for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    errors = [e for _ in workers for e in out.get(timeout=300)]
    for worker in workers:
        worker.join()
    return errors
