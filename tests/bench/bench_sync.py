"""Benchmark: merging catalogs and syncing a project, side by side with the drivers projects use.

Four parts:

a. Two 20,000-unit catalogs with 200 edits on each side, 3 of them on the
   same units (translated differently): our merge, Weblate's msgcat/msgmerge
   driver, po3way and ``git merge-file`` on the same three files. For each:
   the median time, the conflicts it reported, the false conflicts (beyond
   the 3 real ones) and the silent losses (an edit whose text is nowhere in
   the result, with no conflict said). Ours is also timed as git runs it: the
   ``workbench merge-driver`` process on the three files.
b. The cases of the issue, on small files, through every tool: what each
   loses or gets wrong (a fuzzy flag dropped, a translation left on a stale
   msgid, a removed unit brought back, a header conflict).
c. Two 10,000-unit catalogs with 1,000 changes on each side: our merge.
d. A project of 100 statements x 3 languages: ``workbench sync`` with nothing
   to do (the whole command, as a person runs it), beside ``git pull`` with
   nothing to do; and the size and time of a full bundle, plain and encrypted.

Run: ``python tests/bench/bench_sync.py [--runs N] [--skip-po3way]``. Prints
medians; never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.merge_peers import TOOLS, Outcome  # noqa: E402
from tests.support import workbench_command  # noqa: E402
from workbench.catalogs import pofile  # noqa: E402
from workbench.catalogs.model import Catalog, Entry  # noqa: E402

WORDS = (
    "workers councils strike committee factory wages bazaar oil refinery teachers nurses "
    "truckers retirees students neighbourhood solidarity general assembly demands delegates"
).split()
FA = "کارگران شوراها اعتصاب کمیته کارخانه دستمزد بازار نفت پالایشگاه معلمان پرستاران".split()
HEADER = {
    "Project-Id-Version": "bench",
    "PO-Revision-Date": "2026-01-10 09:00+0000",
    "Last-Translator": "Sara",
    "Language-Team": "Persian",
    "Language": "fa",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}


def sentence(rng: random.Random, n: int) -> str:
    return f"{n}. " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 16))).capitalize()


def translation(rng: random.Random) -> str:
    return " ".join(rng.choice(FA) for _ in range(rng.randint(5, 14)))


def catalogs(units: int, edits: int, shared: int, seed: int = 7):
    """Return base, ours, theirs texts and the texts each side wrote (unit -> text)."""
    rng = random.Random(seed)
    entries = [
        Entry(
            msgid=sentence(rng, n),
            msgstr=translation(rng) if rng.random() < 0.7 else "",
            occurrences=(("seeds/bench.txt", str(n + 1)),),
        )
        for n in range(units)
    ]
    picks = rng.sample(range(units), 2 * edits - shared)
    ours_at = picks[:edits]
    theirs_at = picks[edits:] + ours_at[:shared]
    ours, theirs = list(entries), list(entries)
    wrote: dict[str, list[tuple[int, str]]] = {"ours": [], "theirs": []}
    for side, at, target in (("ours", ours_at, ours), ("theirs", theirs_at, theirs)):
        for i in at:
            text = f"{translation(rng)} ({side} {i})"
            target[i] = Entry(
                msgid=entries[i].msgid, msgstr=text, occurrences=entries[i].occurrences
            )
            wrote[side].append((i, text))

    def text(items, date, who):
        return pofile.serialise(
            Catalog(
                header={**HEADER, "PO-Revision-Date": date, "Last-Translator": who}, entries=items
            )
        )

    return (
        text(entries, "2026-01-10 09:00+0000", "Sara"),
        text(ours, "2026-01-11 09:00+0000", "Sara"),
        text(theirs, "2026-01-11 10:00+0000", "Leyla"),
        wrote,
    )


def losses(outcome: Outcome, wrote: dict[str, list[tuple[int, str]]]) -> int:
    if outcome.failed:
        return -1
    # A tool that wraps long lines (msgcat does) splits a text over quoted lines.
    joined = outcome.text.replace('"\n"', "")
    return sum(1 for side in wrote.values() for _i, text in side if text not in joined)


def part_a(runs: int, skip: set[str]) -> None:
    print("a. 20,000 units, 200 edits each side, 3 on the same units")
    base, ours, theirs, wrote = catalogs(20_000, 200, 3)
    real = 3
    print(f"   {'tool':<16} {'median s':>9} {'conflicts':>10} {'false':>6} {'lost':>5}")
    results = {}
    for name, tool in TOOLS.items():
        if name in skip:
            continue
        times, outcome = [], None
        for _ in range(runs if name != "po3way" else 1):
            outcome = tool(base, ours, theirs)
            times.append(outcome.seconds)
            if outcome.failed:
                break
        assert outcome is not None
        results[name] = outcome
        if outcome.failed:
            print(f"   {name:<16} {outcome.failed}")
            continue
        false = max(0, outcome.conflicts - real)
        print(
            f"   {name:<16} {statistics.median(times):>9.3f} {outcome.conflicts:>10} "
            f"{false:>6} {losses(outcome, wrote):>5}"
        )
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        times = []
        for _ in range(runs):
            for name, text in (("o", base), ("a", ours), ("b", theirs)):
                (tmp / name).write_text(text, encoding="utf-8")
            started = time.perf_counter()
            subprocess.run(
                workbench_command("merge-driver", *(str(tmp / n) for n in "oab"), "x.po"),
                check=True,
            )
            times.append(time.perf_counter() - started)
        print(f"   {'(driver process)':<16} {statistics.median(times):>9.3f}  as git runs it")


CASES = {
    "fuzzy kept": (
        ('msgid "A"\nmsgstr "الف"',),
        ('#, fuzzy\nmsgid "A"\nmsgstr "الف"',),
        ('msgid "A"\nmsgstr "الفِ نو"',),
        lambda text: "الفِ نو" in text and '#, fuzzy\nmsgid "A"' in text,
    ),
    "translation follows a new source": (
        ('msgid "Old source."\nmsgstr "کهنه"',),
        (
            '#, fuzzy\n#| msgid "Old source."\nmsgid "New source."\nmsgstr "کهنه"',
            '#~ msgid "Old source."\n#~ msgstr "کهنه"',
        ),
        ('msgid "Old source."\nmsgstr "تازه"',),
        lambda text: (
            '#| msgid "Old source."\nmsgid "New source."\nmsgstr "تازه"' in text
            and '\nmsgid "Old source."' not in text
        ),
    ),
    "no resurrection": (
        ('msgid "Gone."\nmsgstr "رفته"', 'msgid "Kept."\nmsgstr "مانده"'),
        ('msgid "Kept."\nmsgstr "مانده"',),
        ('msgid "Gone."\nmsgstr "رفته!"', 'msgid "Kept."\nmsgstr "مانده"'),
        lambda text: '\nmsgid "Gone."' not in text and "رفته!" in text,
    ),
}


def part_b(skip: set[str]) -> None:
    print("b. the cases of the issue (ok: the result is what a translator needs)")
    header = "".join(f'"{k}: {v}\\n"\n' for k, v in HEADER.items())

    def po(entries, date="2026-01-10 09:00+0000", who="Sara"):
        head = header.replace("2026-01-10 09:00+0000", date).replace("Sara", who)
        return 'msgid ""\nmsgstr ""\n' + head + "".join("\n" + e + "\n" for e in entries)

    names = [n for n in TOOLS if n not in skip]
    print(f"   {'case':<34}" + "".join(f"{n:>16}" for n in names))
    for case, (b, o, t, ok) in CASES.items():
        row = []
        for name in names:
            outcome = TOOLS[name](po(b), po(o, "2026-01-11 09:00+0000"), po(t, who="Leyla"))
            row.append("failed" if outcome.failed else ("ok" if ok(outcome.text) else "wrong"))
        print(f"   {case:<34}" + "".join(f"{r:>16}" for r in row))
    row = []
    base = po(['msgid "A"\nmsgstr "الف"'])
    ours = po(['msgid "A"\nmsgstr "الف"'], "2026-01-11 09:00+0000", "Sara")
    theirs = po(['msgid "A"\nmsgstr "الف"'], "2026-01-12 09:00+0000", "Leyla")
    for name in names:
        outcome = TOOLS[name](base, ours, theirs)
        fine = outcome.conflicts == 0 and "2026-01-12 09:00+0000" in outcome.text
        row.append("failed" if outcome.failed else ("ok" if fine else "wrong"))
    print(f"   {'header dates: no conflict, newest':<34}" + "".join(f"{r:>16}" for r in row))


def part_c(runs: int) -> None:
    print("c. 10,000 units, 1,000 changes each side")
    base, ours, theirs, wrote = catalogs(10_000, 1_000, 10, seed=11)
    times = []
    for _ in range(runs):
        outcome = TOOLS["workbench"](base, ours, theirs)
        times.append(outcome.seconds)
    print(
        f"   workbench median {statistics.median(times):.3f} s; conflicts {outcome.conflicts} "
        f"(10 real), lost {losses(outcome, wrote)}"
    )


def part_d(runs: int) -> None:
    print("d. a project of 100 statements x 3 languages")
    from workbench.catalogs.update import update_project
    from workbench.project import Project
    from workbench.sync import service
    from workbench.sync.gitrepo import init_repository

    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        project = Project.init(tmp / "project", languages=("fa", "ar", "de"))
        for n in range(100):
            paragraphs = [
                " ".join(sentence(rng, i) + "." for i in range(rng.randint(2, 5)))
                for _ in range(rng.randint(4, 10))
            ]
            (project.seeds_dir / f"statement-{n:03d}.txt").write_text(
                "\n\n".join(paragraphs) + "\n", encoding="utf-8"
            )
        update_project(project)
        subprocess.run(
            ["git", "init", "-q", "--bare", "--initial-branch=main", str(tmp / "r.git")], check=True
        )
        init_repository(project.root)
        subprocess.run(
            ["git", "remote", "add", "origin", str(tmp / "r.git")], cwd=project.root, check=True
        )
        service.sync(project, author="bench")
        files = sum(1 for _ in project.locales_dir.rglob("*.po*"))
        command = workbench_command("--project", str(project.root), "sync")
        times, pulls = [], []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
            started = time.perf_counter()
            subprocess.run(
                ["git", "pull", "-q", "origin", "main"],
                cwd=project.root,
                check=True,
                capture_output=True,
            )
            pulls.append(time.perf_counter() - started)
        ours, pull = statistics.median(times), statistics.median(pulls)
        print(
            f"   {files} catalogs and templates; workbench sync, nothing to do: median "
            f"{ours:.3f} s; git pull, nothing to do: {pull:.3f} s"
        )
        for encrypt in (False, True):
            started = time.perf_counter()
            path = tmp / ("all.age" if encrypt else "all.bundle")
            report = service.make_bundle(
                project, path, "bench passphrase" if encrypt else None, "bench", full=True
            )
            took = time.perf_counter() - started
            what = "encrypted" if encrypt else "plain"
            print(f"   full bundle, {what}: {report.bundle_bytes / 1024:.0f} KiB in {took:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-po3way", action="store_true", help="po3way is slow on large files")
    parser.add_argument("--parts", default="abcd")
    args = parser.parse_args()
    skip = {"po3way"} if args.skip_po3way else set()
    os.environ.setdefault("WORKBENCH_SYNC_TIMEOUT", "30")
    if "a" in args.parts:
        part_a(args.runs, skip)
    if "b" in args.parts:
        part_b(skip)
    if "c" in args.parts:
        part_c(args.runs)
    if "d" in args.parts:
        part_d(args.runs)


if __name__ == "__main__":
    main()
