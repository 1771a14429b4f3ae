"""Benchmark: ``workbench check`` on this repository, as a whole process, beside ``pofilter``.

A copy of this repository's project (its settings, statements, catalogs and
glossary) is checked in the Persian catalogs by the ``workbench check fa``
command and by translate-toolkit's ``pofilter`` command on the same catalogs,
each as a person runs it: a new process, start-up and imports included. The
two take turns, run after run, in three states of the workbench's cache:

- nothing cached: the first check of a fresh clone (``instance/cache`` removed);
- one catalog changed: a translator saved a unit since the last check, so that
  catalog is read and checked again and the rest comes from the cache;
- nothing changed since the last check.

A fourth row checks a second copy without its glossary, nothing cached: the
checks pofilter has too (numbers, punctuation, spacing, placeholders...) and
no glossary check, which pofilter does not do. The difference between the
first row and this one is what the glossary check (reading the TBX, the
matchers, the Persian word forms of the terms in use) costs a first check.

pofilter keeps no cache, so its row is the same work each time. It runs twice:
as bare as it gets (no language named), and as its help recommends for a
Persian catalog, with ``--language=fa`` (which adds the checks it has for the
language); the first is the faster, and the ratios are given against both. Both run from
compiled bytecode, as an installed package does (pip compiles
translate-toolkit when it installs it; this script compiles the workbench's
package first, which an editable install leaves to the first run).

Run: ``python tests/bench/bench_check_start.py [--runs N]``. Prints medians
and the ratio; never fails on a time.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LANGUAGE = "fa"
PEER = "pofilter (keeps no cache)"
PEER_FA = f"pofilter --language={LANGUAGE}"


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def _copy_project(into: Path, name: str = "project") -> Path:
    project = into / name
    project.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    for folder in ("seeds", "locales", "glossary"):
        shutil.copytree(ROOT / folder, project / folder)
    return project


def _timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return took


def _touch_one_catalog(project: Path) -> None:
    """Save one catalog again with the same bytes, as an editor's save leaves it: a new stat."""
    catalog = sorted((project / "locales" / LANGUAGE / "LC_MESSAGES").glob("*.po"))[0]
    data = catalog.read_bytes()
    staged = catalog.with_suffix(".po.new")
    staged.write_bytes(data)
    os.replace(staged, catalog)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    compileall.compile_dir(ROOT / "workbench", quiet=1)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # Every finding listed, info included, as pofilter lists every failure.
    ours = [str(BIN / "workbench"), "check", LANGUAGE, "--severity", "info"]
    load_before = _load()
    with tempfile.TemporaryDirectory() as tmp:
        project = _copy_project(Path(tmp))
        bare = _copy_project(Path(tmp), "without-glossary")
        (bare / "glossary" / "glossary.tbx").unlink()
        catalogs = project / "locales" / LANGUAGE / "LC_MESSAGES"
        out = Path(tmp) / "pofilter-out"

        def peer() -> float:
            shutil.rmtree(out, ignore_errors=True)
            return _timed(
                [str(BIN / "pofilter"), "-i", str(catalogs), "-o", str(out)], project, env
            )

        def peer_fa() -> float:
            shutil.rmtree(out, ignore_errors=True)
            argv = [str(BIN / "pofilter"), f"--language={LANGUAGE}", "-i", str(catalogs)]
            return _timed([*argv, "-o", str(out)], project, env)

        def cold() -> float:
            shutil.rmtree(project / "instance" / "cache", ignore_errors=True)
            return _timed(ours, project, env)

        def cold_bare() -> float:
            shutil.rmtree(bare / "instance" / "cache", ignore_errors=True)
            return _timed(ours, bare, env)

        def one_changed() -> float:
            _touch_one_catalog(project)
            return _timed(ours, project, env)

        def unchanged() -> float:
            return _timed(ours, project, env)

        sides = {
            "workbench, nothing cached": cold,
            "workbench, one catalog changed": one_changed,
            "workbench, nothing changed": unchanged,
            "workbench, nothing cached, no glossary": cold_bare,
            PEER: peer,
            PEER_FA: peer_fa,
        }
        for side in sides.values():  # one run each to warm the disk cache
            side()
        times: dict[str, list[float]] = {name: [] for name in sides}
        for _ in range(args.runs):
            for name, side in sides.items():
                times[name].append(side())
    load_after = _load()
    peer_median = statistics.median(times[PEER])
    peer_fa_median = statistics.median(times[PEER_FA])
    units = "393 units" if LANGUAGE == "fa" else ""
    print(f"workbench check {LANGUAGE} on this repository ({units}), {args.runs} runs taking turns")
    print(f"load average {load_before} -> {load_after}")
    print(f"{'':42}{'median':>10}{'p90':>10}{'vs pofilter':>13}{'vs --language':>15}")
    for name, values in times.items():
        median = statistics.median(values)
        p90 = sorted(values)[int(0.9 * (len(values) - 1))]
        print(
            f"{name:42}{median * 1000:8.0f} ms{p90 * 1000:7.0f} ms"
            f"{median / peer_median:12.2f}x{median / peer_fa_median:14.2f}x"
        )


if __name__ == "__main__":
    main()
