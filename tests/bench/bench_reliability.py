"""Benchmark: the long reliability runs, with the figures for README's "Reliability".

The same runs as tests/test_concurrency.py and tests/test_faults.py, longer
and more often:

1. load: 20 clients (``--clients``) saving the same 8 units for ``--seconds``
   (90) through gunicorn with three workers and through ``workbench serve``
   (waitress), while ``workbench update``, ``workbench glossary import`` and
   ``workbench pretranslate`` run in loops; side by side, the same clients
   for a third of the time with no other writer, the peer that shows what
   the other writers cost. Printed: saves sent, acknowledged, refused (409),
   lost, save latency p50/p95 and their ratio to the quiet run.
2. kills: ``--kills`` (10) kill -9 of each server in a burst of saves; after
   each one every file is checked, every acknowledged save looked up, and
   the server restarted.
3. update kills: ``--update-kills`` (10) kill -9 of ``workbench update`` while
   it rewrites a 3.5 MB catalog, half of them aimed inside the atomic write.

Run: ``python tests/bench/bench_reliability.py`` (about ten minutes), or
``--seconds 20 --kills 3 --update-kills 4`` for a short run. It never fails
on a time; it exits 1 if a save was lost or a file was left broken.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.reliability_support import (  # noqa: E402
    KINDS,
    make_big_project,
    make_team_project,
    server_kills,
    team_load,
    update_kills,
)
from tests.support import percentile  # noqa: E402


def load(base: Path, clients: int, seconds: float) -> list[str]:
    """Run the load on each server, with and without the other writers; return problems."""
    problems: list[str] = []
    rows = []
    for kind in KINDS:
        for writers in (False, True):
            tag = f"{kind}-{'writers' if writers else 'quiet'}"
            work = base / tag
            work.mkdir()
            root = make_team_project(work / "project")
            span = seconds if writers else max(seconds / 3, 5)
            run = team_load(root, kind, work, clients=clients, seconds=span, writers=writers)
            print("\n".join(run.lines()), flush=True)
            rows.append((kind, writers, run))
            problems += run.crashes + list(run.tally.problems) + run.problems
            problems += [f"{s.name}: {f}" for s in run.loops for f in s.failures]
            if run.tally.lost or run.tally.failed or run.tally.unanswered:
                problems.append(f"{tag}: {run.tally.line()}")
    print(
        f"\n{'server':<10} {'other writers':<14} {'seconds':>7} {'sent':>6} {'acked':>6} "
        f"{'409':>6} {'lost':>5} {'p50 ms':>8} {'p95 ms':>8}  vs quiet p50/p95"
    )
    quiet = {kind: run for kind, writers, run in rows if not writers}
    for kind, writers, run in rows:
        t = run.tally
        p50, p95 = percentile(run.save_ms, 50), percentile(run.save_ms, 95)
        ratio = "-"
        if writers:
            q = quiet[kind]
            ratio = (
                f"{p50 / percentile(q.save_ms, 50):.1f}x / {p95 / percentile(q.save_ms, 95):.1f}x"
            )
        print(
            f"{kind:<10} {'running' if writers else 'none':<14} {run.seconds:>7.0f} {t.sent:>6} "
            f"{t.acknowledged:>6} {t.refused:>6} {t.lost:>5} {p50:>8.1f} {p95:>8.1f}  {ratio}"
        )
    return problems


def kills(base: Path, count: int) -> list[str]:
    problems: list[str] = []
    for kind in KINDS:
        work = base / f"kill-{kind}"
        work.mkdir()
        root = make_team_project(work / "project")
        run = server_kills(root, kind, work, kills=count)
        print(run.line(), flush=True)
        problems += run.problems
        if run.tally.lost or run.tally.failed:
            problems.append(f"{kind}: {run.tally.line()}")
    return problems


def update(base: Path, count: int) -> list[str]:
    root = make_big_project(base / "big", size=2_000_000)
    run = update_kills(root, rounds=count)
    print(run.line(), flush=True)
    return run.problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=90, help="load with writers (90)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--kills", type=int, default=10, help="kills of each server (10)")
    parser.add_argument("--update-kills", type=int, default=10, help="kills of update (10)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="bench-reliability-"))
    print(f"{os.cpu_count()} cores shared by the servers, the clients and the other writers\n")
    problems: list[str] = []
    try:
        print("== load")
        problems += load(base, args.clients, args.seconds)
        print("\n== kill -9 of the server in a burst of saves")
        problems += kills(base, args.kills)
        print("\n== kill -9 of workbench update while it writes")
        problems += update(base, args.update_kills)
    finally:
        if args.keep:
            print(f"\nprojects kept in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
    if problems:
        print(f"\n{len(problems)} PROBLEMS:")
        for line in problems[:20]:
            print(f"  {line}")
        sys.exit(1)
    print("\nno acknowledged save lost; every file whole after every fault")


if __name__ == "__main__":
    main()
