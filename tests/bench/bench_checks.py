"""Benchmark: every check over a 100,000-unit project, side by side with pofilter.

A project is generated from the units of the seed statements: many
statements, each a sample of the seed units (some with their numbers
changed, so sources vary), translated into Persian. The translations are
the real ones of ``locales/fa`` where there is one, otherwise a stand-in
built word by word (the same English word always gives the same Persian
word, glossary terms get their approved rendering, numbers are written in
Persian digits with ٬ and ٫, ? , ; and quotes become ؟ ، ؛ « »). Then:
10 % untranslated, 10 % fuzzy, and errors planted in 2 % of the units each:
a number changed, a number added (scored apart: pofilter does not look
for numbers the source lacks), a URL changed, the end punctuation dropped, a bracket
left open, a double space, the source copied, a translation cut to a
quarter, a source translated differently from its other occurrences.

Timed side by side in the same run, over the same PO files:

- ours: :func:`workbench.checks.checker.check_project`, every check (the glossary
  one with the repository's glossary), reading the catalogs included;
- the peer: translate-toolkit's ``pofilter`` through its API
  (``translate.filters.pofilter.pocheckfilter`` with its default tests, the
  StandardChecker and StandardUnitChecker set, as the ``pofilter`` command
  runs them), reading the files with ``translate.storage.factory`` and
  running ``filterunit`` on each unit (the command also writes its output
  file; that is left out, to the peer's advantage).

It also prints, for each kind of planted error, how many the comparable
check of each side found and how many units it flagged in all (pofilter:
numbers, urls, endpunc, brackets, doublespacing, unchanged, long/short;
it has no consistency check), and the web editor's cost: one unit's
findings with the 100,000-unit tables, and rebuilding the tables after one
catalog changed.

Run: ``python tests/bench/bench_checks.py [--units N] [--runs N] [--peer-runs N]``.
Target: faster than pofilter. Never a test: it prints, it does not fail.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support import percentile  # noqa: E402
from workbench.catalogs import model as cat  # noqa: E402
from workbench.catalogs import pofile  # noqa: E402
from workbench.checks import checker as checks  # noqa: E402
from workbench.checks.context import Context  # noqa: E402
from workbench.glossary import model as gl  # noqa: E402
from workbench.glossary import store as glossary_store  # noqa: E402
from workbench.lang.locales import to_native_digits  # noqa: E402
from workbench.project import Project  # noqa: E402
from workbench.segment.segmenter import segment  # noqa: E402
from workbench.terms.source import SourceMatcher  # noqa: E402

PLANTED = (
    "numbers-changed",
    "numbers-added",
    "urls",
    "punctuation",
    "brackets",
    "whitespace",
    "unchanged",
    "length",
    "inconsistent-translation",
)
# pofilter's tests that look for the same thing.
PEER_TESTS = {
    "numbers-changed": {"numbers"},
    "numbers-added": {"numbers"},
    "urls": {"urls"},
    "punctuation": {"endpunc"},
    "brackets": {"brackets"},
    "whitespace": {"doublespacing"},
    "unchanged": {"unchanged"},
    "length": {"long", "short"},
    "inconsistent-translation": set(),
}
# Our check that looks for each planted kind (the same name, but for numbers).
OUR_CHECK = {kind: kind for kind in PLANTED} | {
    "numbers-changed": "numbers",
    "numbers-added": "numbers",
}
WORD = re.compile(r"[A-Za-z]+(?:[’'][a-z]+)?")
TOKEN = re.compile(
    r"(?P<url>https?://\S+[^\s.,;:!?)”’])|(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[A-Za-z]+(?:[’'][a-z]+)?)"
    r"|(?P<other>.)",
    re.DOTALL,
)
PUNCT = {"?": "؟", ",": "،", ";": "؛", "“": "«", "”": "»", "‘": "«", "’": "»"}


# -- the project --------------------------------------------------------------------------


def seed_units() -> list[tuple[str, str]]:
    """Return (text, kind) of every unit of the seed statements, once each."""
    seen: dict[str, str] = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for unit in segment(path.read_text(encoding="utf-8"), "en"):
            seen.setdefault(unit.text.replace("\r\n", "\n"), unit.kind)
    return list(seen.items())


def real_translations() -> dict[str, str]:
    """Return the translated units of the repository's own Persian catalogs."""
    found = {}
    for path in sorted((ROOT / "locales" / "fa" / "LC_MESSAGES").glob("*.po")):
        for entry in pofile.read(path).active():
            if entry.translated:
                found[entry.msgid] = entry.msgstr
    return found


class Translator:
    """A stand-in Persian translation, the same for the same source."""

    def __init__(self, glossary: gl.Glossary, real: dict[str, str]) -> None:
        self.matcher = SourceMatcher(list(glossary), language="en")
        self.glossary = glossary
        self.real = real
        words = [w for text in real.values() for w in text.split() if w.isalpha()]
        self.words = sorted(set(words)) or ["کارگر"]

    def word(self, english: str) -> str:
        return self.words[sum(map(ord, english.lower())) * 7919 % len(self.words)]

    def __call__(self, source: str, variant: int = 0) -> str:
        if source in self.real and not variant:
            return self.real[source]
        pieces: list[str] = []
        at = 0
        links = [m.span() for m in re.finditer(r"https?://\S+", source)]
        for hit in self.matcher.find(source):
            if hit.start < at or any(a <= hit.start < b for a, b in links):
                continue
            pieces.append(self._plain(source[at : hit.start], variant, source[at - 1 : at]))
            concept = self.glossary.get(hit.concept_id)
            terms = concept.terms_in("fa", gl.APPROVED) if concept else []
            pieces.append(terms[0].text if terms else hit.text)
            at = hit.end
        pieces.append(self._plain(source[at:], variant, source[at - 1 : at]))
        return "".join(pieces)

    def _plain(self, text: str, variant: int, before: str = "") -> str:
        out = []
        for m in TOKEN.finditer(text):
            if m.group("url"):
                out.append(m.group())
            elif m.group("num"):
                number = m.group().replace(",", "٬").replace(".", "٫")
                out.append(to_native_digits(number, "fa"))
            elif m.group("word"):
                out.append(self.word(m.group() + "x" * variant))
            elif m.group() in "’'" and _possessive(text, m.start(), before):
                continue  # workers’ councils: the apostrophe goes with its word
            else:
                out.append(PUNCT.get(m.group(), m.group()))
        return "".join(out)


def _possessive(text: str, at: int, before: str) -> bool:
    """Tell whether the ’ at *at* is an apostrophe (workers’ councils), not a closing quote."""
    previous = text[at - 1] if at else before
    following = text[at + 1 : at + 2]
    return previous in "sS" and not following.isalpha()


def vary_numbers(text: str, rng: random.Random) -> str:
    """Give *text* other whole numbers, written as it wrote its own (4,000 or 4000)."""

    def other(m: re.Match[str]) -> str:
        n = rng.randint(2, 99_999)
        return f"{n:,}" if "," in m.group() else str(n)

    return re.sub(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d.])|(?<![\d.,])\d+(?![\d.,])", other, text)


def plant(kind: str, source: str, target: str, rng: random.Random) -> str | None:
    """Return *target* with one error of *kind*, or None if this unit cannot carry it."""
    if kind == "numbers-changed":
        digits = [m for m in re.finditer(r"[۰-۹]+", target)]
        if not digits:
            return None
        m = rng.choice(digits)
        return target[: m.start()] + m.group() + "۷" + target[m.end() :]
    if kind == "numbers-added":
        # A number the source does not have; pofilter does not look for these.
        return "۷ " + target
    if kind == "urls":
        if "https://" not in target:
            return None
        return target.replace("https://", "https://fa.", 1)
    if kind == "punctuation":
        if not target or target[-1] not in ".!؟:":
            return None
        return target[:-1]
    if kind == "brackets":
        if " " not in target or "(" in source:
            return None
        cut = target.index(" ")
        return target[:cut] + " (" + target[cut + 1 :]
    if kind == "whitespace":
        if " " not in target or "  " in source:
            return None
        cut = target.index(" ")
        return target[:cut] + "  " + target[cut + 1 :]
    if kind == "unchanged":
        return source
    if kind == "length":
        words = target.split()
        if len(source) < 80 or len(words) < 12:
            return None
        return " ".join(words[: len(words) // 4])
    return None


def generate(root: Path, units: int, seed: int = 2026) -> tuple[Project, dict, int]:
    """Write the project; return it, the planted errors {kind: {(statement, msgid)}} and units."""
    rng = random.Random(seed)
    project = Project.init(root, languages=("fa",))
    glossary_file = ROOT / "glossary" / "glossary.tbx"
    if glossary_file.exists():
        (project.glossary_dir / "glossary.tbx").write_bytes(glossary_file.read_bytes())
    glossary = glossary_store.load(project)
    pool = seed_units()
    translate = Translator(glossary, real_translations())
    planted: dict[str, set] = defaultdict(set)
    renderings: dict[str, set[str]] = defaultdict(set)
    done: list[tuple[str, str]] = []
    per_statement = 400
    written = 0
    number = 0
    while written < units:
        number += 1
        statement = f"statement-{number:04d}"
        size = min(per_statement, units - written)
        chosen = rng.sample(pool, min(size, len(pool)))
        entries: list[cat.Entry] = []
        seen: set[str] = set()
        lines: list[str] = []
        for text, kind in chosen:
            if rng.random() < 0.3 and re.search(r"\d", text):
                text = vary_numbers(text, rng)
            if text in seen:
                continue
            seen.add(text)
            line = len(lines) * 2 + 1
            lines.append(text)
            roll = rng.random()
            msgstr, fuzzy = "", False
            if roll < 0.10:
                pass
            elif roll < 0.20:
                msgstr, fuzzy = translate(text), True
            else:
                msgstr = translate(text)
                if rng.random() < 0.16:
                    kind_of = "urls" if "https://" in text else rng.choice(PLANTED)
                    if kind_of == "inconsistent-translation":
                        msgstr = translate(text, variant=1)
                    else:
                        changed = plant(kind_of, text, msgstr, rng)
                        if changed is not None and changed != msgstr:
                            msgstr = changed
                            planted[kind_of].add((statement, text))
            if msgstr and not fuzzy:
                renderings[" ".join(text.split())].add(" ".join(msgstr.split()))
                done.append((statement, text))
            entries.append(
                cat.Entry(
                    msgid=text,
                    msgstr=msgstr,
                    fuzzy=fuzzy,
                    occurrences=((f"seeds/{statement}.txt", str(line)),),
                    comment=kind if kind != "sentence" else "",
                )
            )
        (project.seeds_dir / f"{statement}.txt").write_text(
            "\n\n".join(t.replace("\n", " ") for t in lines) + "\n", encoding="utf-8"
        )
        header = {
            "Project-Id-Version": statement,
            "Language": "fa",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
        path = project.catalog_path("fa", statement)
        path.parent.mkdir(parents=True, exist_ok=True)
        pofile.write(cat.Catalog(header, entries), path)
        written += len(entries)
    # Every translated occurrence of a source with two renderings is inconsistent,
    # not only the one that was given the second rendering.
    planted["inconsistent-translation"] = {
        (statement, text) for statement, text in done if len(renderings[" ".join(text.split())]) > 1
    }
    return project, planted, written


# -- the two sides -----------------------------------------------------------------------


def ours(project: Project, warm: bool = False) -> tuple[float, float, dict]:
    """Run every check; return wall and CPU seconds and the flagged units per check.

    The checks' cache (``instance/cache``) is emptied first, so each run
    checks every unit as a first run does; with *warm*, the cache of the
    run before is kept, as a second ``workbench check`` finds it.
    """
    if not warm:
        shutil.rmtree(project.instance_dir / "cache", ignore_errors=True)
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    report = checks.check_project(project)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    flagged: dict[str, set] = defaultdict(set)
    for f in report.findings:
        flagged[f.check].add((f.statement, f.source))
    return wall, cpu, flagged


def peer(paths: list[Path]) -> tuple[float, float, dict]:
    """Run pofilter's default tests; return wall and CPU seconds and the flagged units per test."""
    from translate.filters import checks as tt_checks
    from translate.filters import pofilter
    from translate.storage import factory

    options = SimpleNamespace(
        excludefilters=[],
        limitfilters=None,
        includefuzzy=True,
        includereview=True,
        autocorrect=False,
        addnotes=True,
    )
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    config = tt_checks.CheckerConfig(targetlanguage="fa")
    checkfilter = pofilter.pocheckfilter(
        options, [tt_checks.StandardChecker, tt_checks.StandardUnitChecker], config
    )
    results = []
    for path in paths:
        store = factory.getobject(str(path))
        for unit in store.units:
            failures = checkfilter.filterunit(unit)
            if failures:
                results.append((path.stem, unit.source, failures))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    flagged: dict[str, set] = defaultdict(set)
    for statement, source, failures in results:
        for name in failures:
            flagged[name].add((statement, source))
    return wall, cpu, flagged


def editor_costs(project: Project, runs: int) -> tuple[list[float], list[float], int]:
    """Time one unit's findings with the project's tables, and a rebuild after one save."""
    glossary = glossary_store.load(project)
    matcher = SourceMatcher(list(glossary), language="en")
    checker = checks.Checker(Context(project, "fa", glossary, matcher))
    checker.tables()  # the first build
    paths = sorted(project.catalog_path("fa", "x").parent.glob("*.po"))
    entries = [(p.stem, e) for p in paths[:5] for e in pofile.read(p).active() if e.msgstr]
    rng = random.Random(7)
    sample = rng.sample(entries, min(len(entries), 500))
    unit_times = []
    for statement, entry in sample:
        t0 = time.perf_counter()
        checker.unit_findings(statement, entry)
        unit_times.append(time.perf_counter() - t0)
    rebuild = []
    for i in range(runs):
        path = paths[i % len(paths)]
        catalog = pofile.read(path)
        at = next(i for i, e in enumerate(catalog.entries) if e.msgstr)
        edited = catalog.entries[at]
        catalog.entries[at] = edited.with_translation(edited.msgstr + " ", cat.TRANSLATED)
        pofile.write(catalog, path)  # an atomic write: the folder changes, the checker looks
        t0 = time.perf_counter()
        checker.tables()
        rebuild.append(time.perf_counter() - t0)
    return unit_times, rebuild, checker.context.tables.units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of our checks")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of pofilter")
    parser.add_argument("--keep", metavar="DIR", help="generate the project in DIR and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.keep) if args.keep else Path(tmp) / "project"
        t0 = time.perf_counter()
        project, planted, units = generate(root, args.units)
        paths = sorted(project.catalog_path("fa", "x").parent.glob("*.po"))
        size = sum(os.path.getsize(p) for p in paths)
        print(
            f"project: {units:,} units in {len(paths)} catalogs ({size / 1e6:.1f} MB), "
            f"glossary {len(glossary_store.load(project))} concepts; generated in "
            f"{time.perf_counter() - t0:.1f} s"
        )
        print("planted: " + ", ".join(f"{k} {len(planted[k])}" for k in PLANTED))

        our_wall, our_cpu, peer_wall, peer_cpu = [], [], [], []
        our_flags = peer_flags = {}
        for i in range(max(args.runs, args.peer_runs)):
            if i < args.runs:
                wall, cpu, our_flags = ours(project)
                our_wall.append(wall)
                our_cpu.append(cpu)
                print(f"  run {i + 1}: ours {wall:.2f} s", end="", flush=True)
            if i < args.peer_runs:
                wall, cpu, peer_flags = peer(paths)
                peer_wall.append(wall)
                peer_cpu.append(cpu)
                print(f", pofilter {wall:.2f} s", end="")
            print()

        print()
        print(f"{'':28}{'median s':>10}{'p95 s':>10}{'CPU s':>10}{'µs/unit':>10}")
        for name, wall, cpu in (
            ("ours (every check)", our_wall, our_cpu),
            ("pofilter (default tests)", peer_wall, peer_cpu),
        ):
            if not wall:
                print(f"{name:<28}{'not run':>10}")
                continue
            median = statistics.median(wall)
            print(
                f"{name:<28}{median:>10.2f}{percentile(wall, 95):>10.2f}"
                f"{statistics.median(cpu):>10.2f}"
                f"{median / units * 1e6:>10.1f}"
            )
        warm_wall, warm_cpu, _ = ours(project, warm=True)
        print(
            f"{'ours, nothing changed':<28}{warm_wall:>10.2f}{'':>10}{warm_cpu:>10.2f}"
            f"{warm_wall / units * 1e6:>10.1f}   (the cache of the run before kept)"
        )
        if our_wall and peer_wall:
            ratio = statistics.median(peer_wall) / statistics.median(our_wall)
            cpu_ratio = statistics.median(peer_cpu) / statistics.median(our_cpu)
            print(f"ratio: pofilter takes {ratio:.1f} times as long (CPU: {cpu_ratio:.1f} times)")

        print()
        print(f"{'planted error':<26}{'planted':>8}{'ours found':>12}{'ours flags':>12}", end="")
        print(f"{'pofilter found':>16}{'pofilter flags':>16}")
        for kind in PLANTED:
            mine = our_flags.get(OUR_CHECK[kind], set())
            theirs = set().union(*(peer_flags.get(t, set()) for t in PEER_TESTS[kind]))
            print(
                f"{kind:<26}{len(planted[kind]):>8}{len(planted[kind] & mine):>12}"
                f"{len(mine):>12}{len(planted[kind] & theirs):>16}"
                f"{len(theirs) if PEER_TESTS[kind] else '-':>16}"
            )
        print(
            "(flags: units the check reported in all, also for errors planted of another kind, "
            "such as the numbers and end punctuation lost when a translation is cut short; "
            "inconsistent-translation counts every occurrence of a source with two renderings)"
        )
        counts = Counter()
        for name, flagged in our_flags.items():
            counts[name] = len(flagged)
        print("ours, units per check: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))

        print()
        unit_times, rebuild, indexed = editor_costs(project, max(args.runs, 3))
        print(
            f"editor, one unit's findings with {indexed:,} units in the tables: median "
            f"{statistics.median(unit_times) * 1e3:.2f} ms, "
            f"p95 {percentile(unit_times, 95) * 1e3:.2f} ms"
        )
        print(
            f"editor, tables rebuilt after one catalog changed: median "
            f"{statistics.median(rebuild) * 1e3:.0f} ms, p95 {percentile(rebuild, 95) * 1e3:.0f} ms"
        )


if __name__ == "__main__":
    main()
