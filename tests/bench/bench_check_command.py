"""Benchmark: the whole `workbench check fa` over 100,000 units, this code beside an older one.

The project of ``bench_checks.py`` (100,000 units with planted errors and a
glossary) is checked by the ``workbench check fa`` command as a person runs
it, from an empty cache, with its text output written to a file: once by
this working tree's code, once by the code of an older commit (checked out
into a temporary git worktree and put first on ``PYTHONPATH``), taking
turns; each run from an empty cache is followed by a second with nothing
changed. Both run from compiled bytecode. The script prints each side's median
wall and CPU time (the child's user plus system time), the ratio, the size
of each output and the load average before and after.

The default older commit, 332139a, is the code the checks' speed work
started from.

Run: ``python tests/bench/bench_check_command.py [--units N] [--runs N]
[--against COMMIT] [--keep DIR]``. Never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_checks import generate  # noqa: E402


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def _run(project: Path, env: dict[str, str], output: Path, cold: bool) -> tuple[float, float, int]:
    """Check *project* (*cold*: from an empty cache); return wall and CPU seconds, output size."""
    if cold:
        shutil.rmtree(project / "instance" / "cache", ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(output, "wb") as out:
        done = subprocess.run(
            # Every finding listed, info included, as the figures have always been taken.
            [sys.executable, "-m", "workbench", "check", "fa", "--severity", "info"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.PIPE,
        )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"workbench check failed: {done.stderr.decode()[-500:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, output.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", default="332139a", help="the older commit")
    parser.add_argument("--keep", metavar="DIR", help="generate the project in DIR and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(args.keep) if args.keep else Path(tmp) / "project"
        if not (project / "locales").is_dir():
            generate(project, args.units)
        older = Path(tmp) / "older"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(older), args.against],
            check=True,
        )
        try:
            env = dict(os.environ)
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPATH"] = str(ROOT)
            sides = {"this code": dict(env), args.against: dict(env, PYTHONPATH=str(older))}
            for side in sides.values():  # compile the bytecode of each side once
                subprocess.run(
                    [sys.executable, "-m", "compileall", "-q", side["PYTHONPATH"] + "/workbench"],
                    check=True,
                )
            load_before = _load()
            results: dict[str, list[tuple[float, float, int]]] = {}
            for i in range(args.runs):
                for name, side in sides.items():
                    for cold, state in ((True, "empty cache"), (False, "nothing changed")):
                        wall, cpu, size = _run(project, side, Path(tmp) / "out.txt", cold)
                        results.setdefault(f"{name}, {state}", []).append((wall, cpu, size))
                        print(f"  run {i + 1}, {name}, {state}: {wall:.2f} s (CPU {cpu:.2f} s)")
            load_after = _load()
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(older)], check=False
            )

    print(f"\nworkbench check fa, {args.units:,} units, {args.runs} runs each taking turns")
    print(f"load average {load_before} -> {load_after}")
    medians = {
        name: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), rs[0][2])
        for name, rs in results.items()
    }
    for name, (wall, cpu, size) in medians.items():
        ours = medians["this code, " + name.partition(", ")[2]]
        print(
            f"{name:>34}: median {wall:.2f} s, CPU {cpu:.2f} s, output {size / 1e6:.1f} MB; "
            f"{wall / ours[0]:.2f}x this code's wall time, {cpu / ours[1]:.2f}x its CPU time"
        )


if __name__ == "__main__":
    main()
