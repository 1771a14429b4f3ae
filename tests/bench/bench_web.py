"""Benchmark: the web form under a team's load and under stress, beside a static file.

A real ``workbench serve`` process (waitress, its default threads) serves a
temporary copy of the repository's project on 127.0.0.1; the clients save
units of the 57 KB statement ``iran-uprising-workers-councils`` through the
JSON path the editor's script uses (``Accept: application/json``).

The floor is a static file served by the same server, ``/static/workbench.css``:
it passes through the same WSGI stack (session, login check, security
headers) but does no work of its own.

Loads, each bounded in time:

1. team: 20 clients, each saving one of its own units every second and
   reopening its editor page every 10 s, for ``--seconds`` (60); each tick
   also fetches the floor file on the same connection, so the floor is
   measured under the same load. Targets: save p95 < 50 ms, editor page
   p95 < 150 ms. Then the same again while ``--busy`` (1) other processes
   keep a core busy each, as on a laptop that also runs a browser and a build.
2. stress: 20 clients saving their own units of the statement as fast as
   they can for ``--stress-seconds`` (20). Target: >= 200 saves per second.
   Then the floor alone the same way (for at most 10 s): 20 clients fetching
   the static file as fast as they can, the most requests per second this
   server and these clients reach at all.

Every client logs in through the login form (users made with ``workbench
user add``), opens its editor page for the CSRF token, and keeps one
keep-alive connection (http.client). Revisions start from the catalog on
disk (what the editor page shows) and then come from the JSON answers. The
clients run as threads spread over several processes (``--processes``), so
they do not queue on one interpreter lock. After each load the catalog is
read from disk: every acknowledged save must be there, exactly the last text
each client got acknowledged for each unit.

Run: ``python tests/bench/bench_web.py`` (about two minutes), or
``--seconds 15 --stress-seconds 8`` for a short run; ``--profile`` samples
the server with py-spy during the stress load, if py-spy is installed.
Never fails on a time: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.support import (  # noqa: E402
    Server,
    Session,
    add_users,
    copy_project,
    csrf_token,
    percentile,
)
from workbench.catalogs import pofile  # noqa: E402
from workbench.catalogs.rows import unit_key  # noqa: E402

STATEMENT = "iran-uprising-workers-councils"
EDITOR = f"/translate/fa/{STATEMENT}/"
FLOOR = "/static/workbench.css"
AGENT = "bench-web/1"
PASSWORD = "bench-password-1"
# Persian filler for translations about as long as their sources.
FILLER = (
    "شوراهای کارگری در کارخانه‌ها و محله‌ها تشکیل شده‌اند و کمیته‌های اعتصاب "
    "خواستار کنترل کارگری بر تولید و توزیع هستند؛ همه‌ی قدرت به شوراها. "
)


# -- one client ------------------------------------------------------------------


@dataclass
class Result:
    """What one client did in one load."""

    name: str
    samples: list[tuple[str, float, int]] = field(default_factory=list)  # kind, ms, status
    acked: dict[str, str] = field(default_factory=dict)  # key -> last acknowledged text
    unanswered: dict[str, list[str]] = field(default_factory=dict)  # sent after the last ack
    revisions: dict[str, str] = field(default_factory=dict)
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    reconnects: int = 0


class Client(Session):
    """One translator: a login session on one keep-alive connection, timing each request."""

    def __init__(self, port: int, name: str, units: list[tuple[str, str]], revisions: dict):
        super().__init__(port, name, agent=AGENT)
        self.name = name
        self.units = units  # (key, msgid), the client's own
        self.result = Result(name, revisions=dict(revisions))

    def open_editor(self, key: str, kind: str | None = "page") -> None:
        status, page = self.get(f"{EDITOR}?focus={key}")
        if kind:
            self.result.samples.append((kind, self.last_ms, status))
        if status != 200:
            self.result.errors.append(f"editor page: HTTP {status}")
            return
        self.token = csrf_token(page.decode())

    def floor(self) -> None:
        status, _ = self.get(FLOOR)
        self.result.samples.append(("floor", self.last_ms, status))

    def save(self, key: str, text: str, kind: str) -> None:
        try:
            status, data = self.save_unit("fa", STATEMENT, key, text, self.result.revisions[key])
        except ConnectionError as exc:
            self.result.unanswered.setdefault(key, []).append(text)
            self.result.errors.append(f"save: {exc!r}")
            return
        self.result.samples.append((kind, self.last_ms, status))
        answer = json.loads(data) if data.startswith(b"{") else {}
        if status == 200 and answer.get("ok"):
            self.result.acked[key] = answer["msgstr"]
            self.result.revisions[key] = answer["revision"]
            self.result.unanswered.pop(key, None)
        elif status == 409:
            self.result.refused += 1
            self.result.revisions[key] = answer["theirs"]["revision"]
        else:
            self.result.errors.append(f"save: HTTP {status} {data[:200]!r}")


def translation(name: str, seq: int, source: str) -> str:
    head = f"{name}.{seq}: "
    reps = len(source) // len(FILLER) + 1
    return head + (FILLER * reps)[: max(20, len(source) - len(head))].strip()


def run_client(spec: dict, start_at: float, out: list) -> None:
    client = Client(spec["port"], spec["name"], spec["units"], spec["revisions"])
    try:
        client.log_in(PASSWORD)
        client.open_editor(client.units[0][0], kind=None)
        drive(client, spec, start_at)
    except Exception as exc:  # reported with the figures, not a traceback per thread
        client.result.errors.append(f"{spec['mode']}: {exc!r}")
    client.close()
    client.result.reconnects = client.reconnects
    out.append(client.result)


def drive(client: Client, spec: dict, start_at: float) -> None:
    """Send the load of *spec* from *start_at* on."""
    rng = random.Random(spec["name"])
    units = spec["units"]
    seq = spec["seq"]
    mode = spec["mode"]
    stop_at = start_at + spec["seconds"]
    late = time.time() - start_at
    if late > 0:
        client.result.errors.append(f"logged in {late:.1f} s after the start")
    time.sleep(max(0.0, -late))
    if mode == "team":
        next_save = time.time() + rng.random()
        next_page = time.time() + rng.random() * 10
        i = 0
        while True:
            wake = min(next_save, next_page)
            if wake >= stop_at:
                break
            time.sleep(max(0.0, wake - time.time()))
            key, msgid = units[i % len(units)]
            if next_page <= next_save:
                client.open_editor(key)
                next_page += 10
                continue
            seq += 1
            client.save(key, translation(spec["name"], seq, msgid), "save")
            client.floor()
            i += 1
            next_save += 1
    elif mode == "stress":
        i = 0
        while time.time() < stop_at:
            key, msgid = units[i % len(units)]
            seq += 1
            client.save(key, translation(spec["name"], seq, msgid), "save")
            i += 1
    elif mode == "floor":
        while time.time() < stop_at:
            client.floor()


def run_process(specs: list[dict], start_at: float, queue) -> None:
    """Run a share of the clients as threads of this process; send back their results."""
    out: list[Result] = []
    threads = [threading.Thread(target=run_client, args=(s, start_at, out)) for s in specs]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, start_at - time.time()))
    cpu = os.times()  # from the start: the logins before it are not the load
    for thread in threads:
        thread.join()
    used = os.times()
    queue.put((out, (used.user - cpu.user) + (used.system - cpu.system)))


# -- the loads ---------------------------------------------------------------------


def server_cpu(pid: int) -> float:
    """Return the CPU seconds the server process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_load(
    mode: str, specs: list[dict], processes: int, seconds: float, server: Server, on_start=None
):
    """Run one load; return (results, wall seconds, client CPU s, server CPU s)."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    for spec in specs:
        spec.update(mode=mode, seconds=seconds, port=server.port)
    shares = [specs[i::processes] for i in range(processes)]
    # Logins and first pages happen before the start; only the load is timed.
    start_at = time.time() + 3 + 0.3 * len(specs)
    workers = [ctx.Process(target=run_process, args=(s, start_at, queue)) for s in shares if s]
    for worker in workers:
        worker.start()
    time.sleep(max(0.0, start_at - time.time()))
    if on_start is not None:
        on_start()
    cpu_before = server_cpu(server.process.pid)
    results: list[Result] = []
    client_cpu = 0.0
    for _ in workers:
        out, used = queue.get()
        results.extend(out)
        client_cpu += used
    cpu_after = server_cpu(server.process.pid)
    for worker in workers:
        worker.join()
    return results, seconds, client_cpu, cpu_after - cpu_before


def check_disk(root: Path, results: list[Result]) -> tuple[int, int, list[str]]:
    """Return (acknowledged units checked, lost, examples) against the catalog on disk."""
    catalog = pofile.read(root / "locales" / "fa" / "LC_MESSAGES" / f"{STATEMENT}.po")
    by_key = {unit_key(e.msgid, e.msgctxt): e for e in catalog.entries if not e.obsolete}
    checked = lost = 0
    examples = []
    for result in results:
        for key, text in result.acked.items():
            checked += 1
            on_disk = by_key[key].msgstr
            # A save that got no answer may or may not have landed after the last ack.
            if on_disk != text and on_disk not in result.unanswered.get(key, []):
                lost += 1
                if len(examples) < 3:
                    examples.append(f"{result.name} {key}: file holds {on_disk[:40]!r}")
    return checked, lost, examples


def figures(results: list[Result], kind: str, seconds: float) -> dict:
    times = [ms for r in results for k, ms, _ in r.samples if k == kind]
    return {
        "n": len(times),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "max": max(times, default=float("nan")),
        "rps": len(times) / seconds,
    }


def row(load: str, what: str, f: dict, floor: dict | None, target: str) -> str:
    ratio = "-"
    if floor and floor["n"] and f["n"]:
        ratio = f"{f['p50'] / floor['p50']:.1f}x / {f['p95'] / floor['p95']:.1f}x"
    return (
        f"{load:<7} {what:<22} {f['n']:>6} {f['p50']:>8.1f} {f['p95']:>8.1f} {f['max']:>8.1f} "
        f"{f['rps']:>8.1f}  {ratio:<15} {target}"
    )


HEADER = (
    f"{'load':<7} {'request':<22} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
    f"{'req/s':>8}  {'vs floor p50/p95':<15} target"
)


def verdict(value: float, limit: float, below: bool = True) -> str:
    met = value < limit if below else value >= limit
    return "met" if met else "MISSED"


def summary(name: str, results: list[Result], disk: tuple, cpu: tuple[float, float, float]):
    checked, lost, examples = disk
    acked = sum(1 for r in results for k, _, s in r.samples if k == "save" and s == 200)
    refused = sum(r.refused for r in results)
    unanswered = sum(len(v) for r in results for v in r.unanswered.values())
    errors = [e for r in results for e in r.errors]
    reconnects = sum(r.reconnects for r in results)
    wall, client_cpu, server_cpu_s = cpu
    requests = sum(len(r.samples) for r in results)
    if acked or refused or unanswered:
        print(
            f"{name}: saves acknowledged {acked}, refused (409) {refused}, lost {lost} "
            f"(last acknowledged text of {checked} units checked on disk), "
            f"unanswered {unanswered}"
        )
    print(
        f"{name}: errors {len(errors)}, reconnects {reconnects}; CPU over {wall:.0f} s: "
        f"server {server_cpu_s:.1f} s ({100 * server_cpu_s / wall:.0f}% of one core, "
        f"{1000 * server_cpu_s / max(requests, 1):.2f} ms per request), "
        f"clients {client_cpu:.1f} s"
    )
    for line in examples + errors[:5]:
        print(f"  {line}")


# -- profile -------------------------------------------------------------------------


def start_profile(pid: int, seconds: float, out: Path) -> subprocess.Popen | None:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        print("--profile: py-spy is not installed (pip install py-spy); no profile taken")
        return None
    return subprocess.Popen(
        # --gil: only the thread holding the interpreter lock is sampled; the server
        # is bound by that lock (one core busy), so this is where its time goes.
        [spy, "record", "--pid", str(pid), "--duration", str(int(seconds)), "--gil",
         "--format", "raw", "--output", str(out), "--nonblocking"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def report_profile(proc: subprocess.Popen | None, out: Path, load: str, top: int = 30) -> None:
    """Print where the server's samples fall: inclusive and own share per function."""
    if proc is None:
        return
    _, err = proc.communicate()
    if not out.exists():
        print(f"py-spy failed: {err.decode(errors='replace').strip()[-400:]}")
        return
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in out.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        frames = stack.split(";")
        n = int(count)
        total += n
        for frame in dict.fromkeys(frames):
            inclusive[frame] = inclusive.get(frame, 0) + n
        own[frames[-1]] = own.get(frames[-1], 0) + n
    plumbing = (
        "threading.py", "waitress/", "<module>", "main (", "runpy", "click/", "cli.py",
        "flask/app.py", "proxy_headers",
    )  # fmt: skip
    print(f"\nprofile of the server under the {load} load (py-spy --gil): {total} samples")
    print("inclusive (share of samples with the function on the stack):")
    shown = [(f, n) for f, n in inclusive.items() if not any(p in f for p in plumbing)]
    for frame, n in sorted(shown, key=lambda kv: -kv[1])[:top]:
        print(f"  {100 * n / total:5.1f}%  {frame}")
    print("own (share of samples at the top of the stack):")
    for frame, n in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {100 * n / total:5.1f}%  {frame}")


# -- another load on the machine ------------------------------------------------------


def _burn(stop) -> None:
    """Keep one core busy until *stop* is set (a process of its own)."""
    x = 0
    while not stop.is_set():
        for _ in range(100_000):
            x = (x * 31 + 7) % 1_000_003


def start_burners(count: int) -> tuple:
    """Start *count* processes that each keep a core busy; return them and their stop event."""
    stop = multiprocessing.Event()
    procs = [multiprocessing.Process(target=_burn, args=(stop,), daemon=True) for _ in range(count)]
    for proc in procs:
        proc.start()
    return stop, procs


def stop_burners(burners: tuple) -> None:
    stop, procs = burners
    stop.set()
    for proc in procs:
        proc.join(10)


# -- main ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="team load (default 60)")
    parser.add_argument("--stress-seconds", type=float, default=20, help="stress load (20)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--processes", type=int, default=4, help="client processes (4)")
    parser.add_argument(
        "--profile", nargs="?", const="stress", choices=("stress", "team"),
        help="py-spy the server under one load (stress unless named)",
    )  # fmt: skip
    parser.add_argument(
        "--busy", type=int, default=1,
        help="after the team load, run it again with this many processes keeping a core busy (1)",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="bench-web-"))
    root = copy_project(base / "project")
    names = [f"translator{i:02d}" for i in range(args.clients)]
    add_users(root, names, "translator", PASSWORD)

    catalog = pofile.read(root / "locales" / "fa" / "LC_MESSAGES" / f"{STATEMENT}.po")
    entries = [e for e in catalog.entries if not e.obsolete]
    units = [(unit_key(e.msgid, e.msgctxt), e.msgid) for e in entries]
    revisions = {unit_key(e.msgid, e.msgctxt): e.revision for e in entries}
    size = (root / "seeds" / f"{STATEMENT}.txt").stat().st_size
    specs = [
        {"name": name, "units": units[i :: args.clients], "seq": 0} for i, name in enumerate(names)
    ]

    with Server(root, base / "server.log") as server:
        print(
            f"workbench serve (waitress, default threads) pid {server.process.pid}; "
            f"statement {STATEMENT}: {size / 1024:.0f} KB, {len(units)} units; "
            f"{args.clients} clients as threads in {args.processes} processes; "
            f"{os.cpu_count()} cores shared by server and clients"
        )

        def carry(results: list[Result]) -> None:
            by_name = {r.name: r for r in results}
            for spec in specs:
                done = by_name.get(spec["name"])
                if done is not None:
                    spec["revisions"] = done.revisions
                    spec["seq"] += len(done.samples) + len(done.errors)

        for spec in specs:
            spec["revisions"] = {k: revisions[k] for k, _ in spec["units"]}
        profile: list = [None]
        profile_out = base / "profile.txt"

        def profiler(load: str, seconds: float):
            def start() -> None:
                if args.profile == load:
                    profile[0] = start_profile(server.process.pid, seconds, profile_out)

            return start

        team, *team_cpu = run_load(
            "team", specs, args.processes, args.seconds, server,
            on_start=profiler("team", args.seconds),
        )  # fmt: skip
        team_disk = check_disk(root, team)
        carry(team)
        busy = busy_disk = busy_cpu = None
        if args.busy:
            burners = start_burners(args.busy)
            try:
                busy, *busy_cpu = run_load("team", specs, args.processes, args.seconds, server)
            finally:
                stop_burners(burners)
            busy_disk = check_disk(root, busy)
            carry(busy)
        stress, *stress_cpu = run_load(
            "stress", specs, args.processes, args.stress_seconds, server,
            on_start=profiler("stress", args.stress_seconds),
        )  # fmt: skip
        stress_disk = check_disk(root, stress)
        carry(stress)
        floor_seconds = min(args.stress_seconds, 10)
        floor, *floor_cpu = run_load("floor", specs, args.processes, floor_seconds, server)

        team_floor = figures(team, "floor", args.seconds)
        team_save = figures(team, "save", args.seconds)
        team_page = figures(team, "page", args.seconds)
        stress_save = figures(stress, "save", args.stress_seconds)
        stress_floor = figures(floor, "floor", floor_seconds)
        print()
        print(HEADER)
        print(row("team", "save (JSON)", team_save, team_floor,
                  f"p95 < 50 ms: {verdict(team_save['p95'], 50)}"))  # fmt: skip
        print(row("team", "editor page", team_page, team_floor,
                  f"p95 < 150 ms: {verdict(team_page['p95'], 150)}"))  # fmt: skip
        print(row("team", "static file (floor)", team_floor, None, ""))
        if busy is not None:
            busy_floor = figures(busy, "floor", args.seconds)
            busy_save = figures(busy, "save", args.seconds)
            busy_page = figures(busy, "page", args.seconds)
            label = f"busy+{args.busy}"
            print(row(label, "save (JSON)", busy_save, busy_floor,
                      f"p95 < 50 ms: {verdict(busy_save['p95'], 50)}"))  # fmt: skip
            print(row(label, "editor page", busy_page, busy_floor,
                      f"p95 < 150 ms: {verdict(busy_page['p95'], 150)}"))  # fmt: skip
            print(row(label, "static file (floor)", busy_floor, None, ""))
        print(row("stress", "save (JSON)", stress_save, stress_floor,
                  f">= 200 saves/s: {verdict(stress_save['rps'], 200, below=False)}"))  # fmt: skip
        print(row("stress", "static file (floor)", stress_floor, None, ""))
        if busy is not None:
            print(
                f"(busy+{args.busy}: the team load again, {args.busy} other process(es) "
                "keeping a core busy each)"
            )
        print(
            f"\nstress throughput: {stress_save['rps']:.0f} saves/s vs "
            f"{stress_floor['rps']:.0f} static files/s on the same server "
            f"({stress_save['rps'] / max(stress_floor['rps'], 1e-9):.2f} of the floor)"
        )
        print()
        summary("team", team, team_disk, tuple(team_cpu))
        if busy is not None:
            summary("team-busy", busy, busy_disk, tuple(busy_cpu))
        summary("stress", stress, stress_disk, tuple(stress_cpu))
        summary("floor", floor, (0, 0, []), tuple(floor_cpu))
        report_profile(profile[0], profile_out, args.profile or "")
    if args.keep:
        print(f"\nproject kept in {base}")
    else:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
