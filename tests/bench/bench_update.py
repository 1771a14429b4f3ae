"""Benchmark: ``workbench update`` on a 20 MB statement, side by side with GNU msgmerge.

A statement of about 20 MB is made from the seed paragraphs (their numbers
made distinct, as the 20 MB test does), updated once, and a third of its
units translated. Then the statement is edited as a collective edits one:
2 % of the paragraphs changed in a word, 1 % removed, 1 % new ones
inserted. Timed, each as the whole command in its own process:

- ours: ``workbench update`` (segments the statement, writes the template,
  merges the catalog, all under the file's lock);
- the peer: ``msgmerge --previous`` on the same old catalog and the new
  template our update wrote, the way a gettext project merges; once with its
  fuzzy matching (the default) and once with ``--no-fuzzy-matching``.

Both must keep every translation: the script counts, for each result, the
translated units kept, the fuzzy ones (with their previous msgid) and the
obsolete ones, and the peak RSS of each process.

Run: ``python tests/bench/bench_update.py [--mb 20] [--runs 3]``. Never a test:
it prints, it does not fail.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support import seed_paragraphs  # noqa: E402
from workbench.catalogs import model as cat  # noqa: E402
from workbench.catalogs import pofile  # noqa: E402
from workbench.project import Project  # noqa: E402


def edited(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Return the paragraphs as a collective edits them: a few changed, removed, inserted."""
    out = []
    for n, text in enumerate(paragraphs):
        roll = rng.random()
        if roll < 0.01:
            continue
        if roll < 0.03:
            words = text.split(" ")
            at = rng.randrange(len(words))
            words[at] = words[at] + " indeed"
            text = " ".join(words)
        out.append(text)
        if rng.random() < 0.01:
            out.append(f"A new paragraph, number {n}, added by the collective.")
    return out


def translate_a_third(path: Path, rng: random.Random) -> int:
    """Translate every third unit of the catalog at *path* (a stand-in text); return how many."""
    catalog = pofile.read(path)
    edits = [
        cat.Edit(e.msgid, f"ترجمه {n}: {e.msgid[:20]}", cat.TRANSLATED)
        for n, e in enumerate(catalog.active())
        if n % 3 == 0
    ]
    cat.apply_edits(catalog, edits, translator="bench")
    pofile.write(catalog, path)
    return len(edits)


def timed_command(command: list[str]) -> tuple[float, float]:
    """Run *command*; return its wall time and its own peak RSS in MB (GNU time's %M)."""
    t0 = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "rss %M", *command], check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - t0
    rss = int(re.findall(r"^rss (\d+)$", done.stderr, re.M)[-1])
    return wall, rss / 1024


def counts(path: Path) -> str:
    catalog = pofile.read(path)
    translated = sum(1 for e in catalog.active() if e.status == cat.TRANSLATED)
    fuzzy = sum(1 for e in catalog.active() if e.fuzzy)
    previous = sum(1 for e in catalog.active() if e.fuzzy and e.previous_msgid is not None)
    obsolete = sum(1 for e in catalog.entries if e.obsolete)
    return (
        f"{len(catalog.active()):,} units: {translated:,} translated, {fuzzy:,} fuzzy "
        f"({previous:,} with #| msgid), {obsolete:,} obsolete"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(2026)
    paragraphs = seed_paragraphs(args.mb)
    changed = edited(paragraphs, rng)
    workbench = [sys.executable, "-m", "workbench"]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        project = Project.init(base, languages=("fa",))
        statement = project.seeds_dir / "big.txt"
        statement.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        subprocess.run([*workbench, "--project", str(base), "update"], check=True)
        po = project.catalog_path("fa", "big")
        done = translate_a_third(po, rng)
        print(
            f"statement: {statement.stat().st_size / 1e6:.1f} MB, {len(paragraphs):,} "
            f"paragraphs; catalog {po.stat().st_size / 1e6:.1f} MB, {done:,} units translated"
        )
        print(
            f"edit: {len(changed):,} paragraphs after the edit "
            f"({sum(1 for p in changed if p.startswith('A new paragraph')):,} new)"
        )
        rows: dict[str, list[tuple[float, float]]] = {"ours": [], "msgmerge": [], "nofuzzy": []}
        results: dict[str, Path] = {}
        for run in range(args.runs):
            work = Path(tmp) / f"run{run}"
            shutil.copytree(base, work)
            (work / "seeds" / "big.txt").write_text("\n\n".join(changed) + "\n", "utf-8")
            old_po = Path(tmp) / f"old{run}.po"
            shutil.copy(work / "locales" / "fa" / "LC_MESSAGES" / "big.po", old_po)
            rows["ours"].append(timed_command([*workbench, "--project", str(work), "update"]))
            pot = work / "locales" / "big.pot"
            for name, extra in (("msgmerge", []), ("nofuzzy", ["--no-fuzzy-matching"])):
                out = Path(tmp) / f"{name}{run}.po"
                rows[name].append(
                    timed_command(
                        [
                            "msgmerge",
                            "--quiet",
                            "--previous",
                            *extra,
                            "-o",
                            str(out),
                            str(old_po),
                            str(pot),
                        ]
                    )
                )
                results[name] = out
            results["ours"] = work / "locales" / "fa" / "LC_MESSAGES" / "big.po"
        print()
        print(f"{'':34}{'median s':>10}{'max s':>10}{'peak RSS MB':>14}{'ours x':>9}")
        ours = statistics.median(w for w, _ in rows["ours"])
        labels = {
            "ours": "workbench update",
            "msgmerge": "msgmerge --previous",
            "nofuzzy": "msgmerge --no-fuzzy-matching",
        }
        for name, label in labels.items():
            walls = [w for w, _ in rows[name]]
            rss = max(r for _, r in rows[name])
            median = statistics.median(walls)
            print(
                f"{label:<34}{median:>10.2f}{max(walls):>10.2f}{rss:>14.0f}{median / ours:>8.2f}x"
            )
        print()
        for name, label in labels.items():
            print(f"{label:<34}{counts(results[name])}")


if __name__ == "__main__":
    main()
