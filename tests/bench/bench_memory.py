"""Benchmark: translation memory lookups side by side with brute force and translate-toolkit.

Builds a synthetic memory from the sample statements (sentences, sentences
recombined from them, and many near-variants: words substituted, inserted,
deleted, numbers changed) and runs top-5 lookups at threshold 70 for near
variants of stored units and for unrelated sentences.

Steps, each in a process of its own so that its time and peak memory are its own:

- build: store and index built from the records into an empty file
  (``Memory.rebuild``, as ``workbench memory rebuild`` does), wall and CPU
  time, peak RSS, the file's size and the largest the write-ahead log grew;
- import: a project holding the same units as one TMX file in
  ``locales/memory/``, indexed as ``workbench memory import`` does;
- search: in a fresh process, the first lookups (how long a restarted server
  takes to answer, and whether those answers are complete), then every
  query, against the peers below;
- cold: the whole ``workbench memory search`` command, started anew each
  time, median of 10 runs per query, with a cold brute-force scan as peer
  (modules' bytecode kept, as an installed package has it).

Peers, in the same run and on the same entries:

- brute force: ``rapidfuzz.process.extract`` over every stored source, scored
  with the same definition (word edit distance over the same tokens); recall
  is the share of its matches >= 70 that the memory also returns;
- brute force by characters (``fuzz.ratio`` over the raw strings), for scale;
- translate-toolkit's ``translate.search.match.matcher`` (queries capped).

Run: ``python tests/bench/bench_memory.py`` (10k and 100k), ``--sizes 1000000``
for the large run. Never fails on a time: it prints figures, with the
machine's load average.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from rapidfuzz import fuzz, process  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from workbench.memory import tmx  # noqa: E402
from workbench.memory.codes import Extra, Meta  # noqa: E402
from workbench.memory.memory import Memory, memory_path  # noqa: E402
from workbench.memory.similarity import tokens  # noqa: E402
from workbench.memory.store import Record  # noqa: E402

THRESHOLD = 70
LIMIT = 5
ORIGINS = 1000


# -- synthetic data ------------------------------------------------------


def sentences() -> list[str]:
    """Split the sample statements into sentences."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt")))
    try:
        from workbench.segment.segmenter import segment  # the project's own, once it exists

        found = [getattr(u, "text", u) for u in segment(text)]
        found = [s.strip() for s in found if isinstance(s, str)]
    except Exception:
        found = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [s.strip() for s in found if len(s.split()) >= 3]


def unrelated() -> list[str]:
    """Sentences from another domain: the standard library's own documentation."""
    import argparse as a
    import collections
    import json as j
    import subprocess as s
    import textwrap
    import threading

    text = " ".join(inspect.getdoc(m) or "" for m in (a, collections, j, s, textwrap, threading))
    found = re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))
    return [x for x in found if 6 <= len(x.split()) <= 40]


class Generator:
    """Base sentences (real and recombined) and near-variants of them."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.real = [s.split() for s in sentences()]
        self.vocab = sorted({w for s in self.real for w in s})
        self.next: dict[str, list[str]] = {}
        for words in self.real:
            for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True):
                self.next.setdefault(a, []).append(b)
        self.lengths = [len(s) for s in self.real]

    def recombined(self) -> list[str]:
        """A new sentence walking word pairs of the corpus (a bigram chain)."""
        want = self.rng.choice(self.lengths)
        words, word = [], "<s>"
        while len(words) < 2 * want:
            word = self.rng.choice(self.next[word])
            if word == "</s>":
                if len(words) >= want // 2:
                    break
                word = "<s>"
                continue
            words.append(word)
        return words

    def variant(self, words: list[str], edits: int | None = None) -> list[str]:
        rng = self.rng
        w = list(words)
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4, 6)) if edits is None else edits):
            op = rng.random()
            i = rng.randrange(len(w)) if w else 0
            if op < 0.4 and w:
                w[i] = rng.choice(self.vocab)
            elif op < 0.6:
                w.insert(i, rng.choice(self.vocab))
            elif op < 0.8 and len(w) > 3:
                del w[i]
            else:
                nums = [k for k, x in enumerate(w) if any(c.isdigit() for c in x)]
                k = rng.choice(nums) if nums else i
                if nums:
                    w[k] = str(rng.randrange(1, 100_000))
                else:
                    w.insert(k, str(rng.randrange(1, 100_000)))
        return w

    def records(self, size: int, sample: list[str]) -> object:
        """Yield *size* records, grouped by origin; keep a sample of sources."""
        bases = [*self.real]
        while len(bases) < size // 8:
            bases.append(self.recombined())
        per = max(1, size // ORIGINS)
        n = 0
        for o in range(ORIGINS):
            count = per if o < ORIGINS - 1 else size - per * (ORIGINS - 1)
            for _ in range(count):
                base = bases[n] if n < len(bases) else self.rng.choice(bases)
                source = " ".join(self.variant(base) if n >= len(bases) else base)
                if len(sample) < 2000 and self.rng.random() < 4000 / size:
                    sample.append(source)
                yield Record(source, f"ترجمه {n}", f"s{o:04d}", context=str(n))
                n += 1


def queries(gen: Generator, sample: list[str], near: int = 200, far: int = 100) -> list[str]:
    """Near-variants of stored units, then unrelated sentences."""
    picked = gen.rng.sample(sample, min(near, len(sample)))
    out = [" ".join(gen.variant(s.split(), gen.rng.choice((0, 1, 2, 3)))) for s in picked]
    others = unrelated()
    return out + [others[i % len(others)] for i in range(far)]


# -- measuring -----------------------------------------------------------


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def summary(times: list[float]) -> dict[str, float]:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"p50": statistics.median(ms), "p95": p95, "n": len(ms)}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class WalWatch:
    """Note the largest size a write-ahead log reaches while a build runs."""

    def __init__(self, path: Path) -> None:
        self.path = Path(str(path) + "-wal")
        self.largest = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(0.05):
            with contextlib.suppress(OSError):
                self.largest = max(self.largest, self.path.stat().st_size)

    def __enter__(self) -> WalWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def disk_mb(path: Path) -> float:
    return (
        sum(
            Path(str(path) + suffix).stat().st_size
            for suffix in ("", "-wal", "-shm")
            if Path(str(path) + suffix).exists()
        )
        / 1e6
    )


def build(size: int, folder: Path) -> dict:
    gen = Generator()
    sample: list[str] = []
    records = list(gen.records(size, sample))
    path = folder / "memory.sqlite3"
    before = rss_mb()
    memory = Memory(path)
    wall, cpu = time.perf_counter(), time.process_time()
    with WalWatch(path) as wal:
        result = memory.rebuild(records)
    built, built_cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = rss_mb("VmHWM") - before
    on_disk = disk_mb(path)
    start = time.perf_counter()
    again = memory.rebuild(records)
    skip = time.perf_counter() - start
    memory.close()
    qs = queries(gen, sample)
    (folder / "queries.json").write_text(json.dumps(qs), encoding="utf-8")
    # The same units as a TMX file for the project of the next steps.
    units = (
        tmx.TmxUnit(r.source, r.target, Extra(tu=Meta((("tuid", r.context),)))) for r in records
    )
    tmx.write(folder / "bench.tmx", units, "en", "fa")
    return {
        "size": size,
        "entries": result.entries,
        "build_s": built,
        "build_cpu_s": built_cpu,
        "build_peak_mb": peak,
        "build_disk_mb": on_disk,
        "build_wal_peak_mb": wal.largest / 1e6,
        "rebuild_unchanged_s": skip,
        "rebuild_unchanged_origins": len(again.unchanged),
    }


def workbench(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "workbench", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True)


def import_step(folder: Path) -> dict:
    project = folder / "project"
    workbench("init", str(project))
    workbench("--project", str(project), "add-language", "fa")
    before = rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = tmx.import_tmx(project, folder / "bench.tmx", "en", "fa", name="bench")
    took, took_cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "import_s": took,
        "import_cpu_s": took_cpu,
        "import_peak_mb": rss_mb("VmHWM") - before,
        "import_units": result.pairs,
        "import_tmx_mb": (folder / "bench.tmx").stat().st_size / 1e6,
    }


def search(size: int, folder: Path, tt_queries: int) -> dict:
    qs = json.loads((folder / "queries.json").read_text(encoding="utf-8"))
    path = memory_path(folder / "project" / "instance", "fa")
    # A restarted server: open the memory and answer at once, for a second.
    before = rss_mb()
    start = time.perf_counter()
    memory = Memory(path)
    opened = time.perf_counter() - start
    first: list[tuple[str, float]] = []
    first_answers = []
    while len(first) < len(qs) and time.perf_counter() - start < 1.0:
        q = qs[len(first)]
        found = memory.lookup(q, limit=None)
        first.append((q, time.perf_counter() - start))
        first_answers.append({(m.origin, m.context, m.source) for m in found})
    open_rss = rss_mb() - before

    ours, our_results = [], []
    for q in qs:
        t = time.perf_counter()
        found = memory.lookup(q, threshold=THRESHOLD, limit=LIMIT)
        ours.append(time.perf_counter() - t)
        our_results.append(found)

    # Brute force with the same scorer: token strings, word edit distance.
    import sqlite3

    db = sqlite3.connect(path)
    rows = db.execute("SELECT origin, context, source FROM entries").fetchall()
    db.close()
    vocab: dict[str, str] = {}

    def code(text: str) -> str:
        return "".join(vocab.setdefault(w, chr(len(vocab))) for w in tokens(text))

    codes = [code(r[2]) for r in rows]

    def brute(q: str, limit: int | None) -> list[tuple[int, tuple]]:
        words = tokens(q)
        qc = "".join(vocab.get(w, chr(0x10FFFF)) for w in words)
        m = len(qc)
        hits = process.extract(
            qc, codes, scorer=Levenshtein.distance, score_cutoff=m * 3 // 7 + 1, limit=None
        )
        out = []
        for c, d, i in hits:
            longer = max(m, len(c))
            s = 100 * (longer - d) // longer
            if s == 100 and rows[i][2] != q:
                s = 99
            if s >= THRESHOLD:
                out.append((s, rows[i]))
        out.sort(key=lambda x: -x[0])
        return out if limit is None else out[:limit]

    bf, bf_results = [], []
    for q in qs:
        t = time.perf_counter()
        bf_results.append(brute(q, LIMIT))
        bf.append(time.perf_counter() - t)

    # Recall on top 5: at each rank, the memory's score is at least brute force's.
    hit = total = 0
    for mine, theirs in zip(our_results, bf_results, strict=True):
        scores = [m.score for m in mine]
        for rank, (s, _) in enumerate(theirs):
            total += 1
            hit += rank < len(scores) and scores[rank] >= s
    recall_top = hit / total if total else 1.0
    # Recall over every match >= 70, on a subset of queries.
    hit = total = 0
    for q in qs[:40] + qs[200:210]:
        theirs = {r for _, r in brute(q, None)}
        mine = {(m.origin, m.context, m.source) for m in memory.lookup(q, limit=None)}
        total += len(theirs)
        hit += len(theirs & mine)
    recall_all = hit / total if total else 1.0
    matches_all = total
    # The restarted process's first second: every match of each query it answered.
    hit = total = 0
    for (q, _), mine in zip(first, first_answers, strict=True):
        theirs = {r for _, r in brute(q, None)}
        total += len(theirs)
        hit += len(theirs & mine)
    recall_first = hit / total if total else 1.0

    # Characters rather than words, as a plain fuzzy search would do it.
    wr = []
    raw = [r[2] for r in rows]
    for q in qs[:: max(1, len(qs) // (60 if size >= 1_000_000 else 300))]:
        t = time.perf_counter()
        process.extract(q, raw, scorer=fuzz.ratio, score_cutoff=THRESHOLD, limit=LIMIT)
        wr.append(time.perf_counter() - t)

    out = {
        "stored": len(rows),
        "open_ms": opened * 1000,
        "open_rss_mb": open_rss,
        "first_answer_ms": first[0][1] * 1000 if first else float("nan"),
        "first_second_queries": len(first),
        "first_second_recall": recall_first,
        "memory": summary(ours),
        "brute_same_scorer": summary(bf),
        "chars_raw": summary(wr),
        "recall_top5": recall_top,
        "recall_all": recall_all,
        "matches_all": matches_all,
        "near_hits": sum(1 for r in our_results[:200] if r.matches),
    }
    if tt_queries:
        from translate.search.match import matcher
        from translate.storage import base, pypo

        # matcher's heap compares units when two similarities tie, which
        # base units do not support (TypeError); order them by identity.
        base.TranslationUnit.__lt__ = lambda a, b: id(a) < id(b)

        store = pypo.pofile()
        for i, r in enumerate(rows):
            unit = store.addsourceunit(r[2])
            unit.target = f"t{i}"
        t = time.perf_counter()
        tm = matcher(store, max_candidates=LIMIT, min_similarity=THRESHOLD, max_length=2000)
        tt_build = time.perf_counter() - t
        tt = []
        step = max(1, len(qs) // tt_queries)
        for q in qs[::step][:tt_queries]:
            t = time.perf_counter()
            tm.matches(q)
            tt.append(time.perf_counter() - t)
        out["translate_toolkit"] = summary(tt)
        out["translate_toolkit_build_s"] = tt_build
    memory.close()
    return out


COLD_PEER = """
import sqlite3, sys
from rapidfuzz import fuzz, process
db = sqlite3.connect(sys.argv[1])
sources = [row[0] for row in db.execute("SELECT source FROM entries")]
found = process.extract(sys.argv[2], sources, scorer=fuzz.ratio, score_cutoff=70, limit=5)
print(len(found))
"""


# As installed: Python may keep the modules' bytecode (pip compiles it on
# install), which an environment may have turned off for development.
INSTALLED = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, text=True, check=True, env=INSTALLED)
    return time.perf_counter() - start


def cold(size: int, folder: Path, runs: int = 10) -> dict:
    """Time whole processes: the search verb, its floor, and a cold brute-force scan."""
    qs = json.loads((folder / "queries.json").read_text(encoding="utf-8"))
    project = str(folder / "project")
    verb = [sys.executable, "-m", "workbench", "--project", project, "memory", "search"]
    picked = [qs[0], qs[1], qs[200]]  # two near variants and an unrelated sentence
    timed([*verb, "--help"])  # writes the bytecode once, as an install does
    times, per_query = [], []
    for q in picked:
        runs_q = [timed([*verb, q, "--lang", "fa"]) for _ in range(runs)]
        per_query.append(statistics.median(runs_q))
        times += runs_q
    # What the same command matches, to check the cold answer is the full one.
    found = json.loads(workbench("--project", project, "memory", "search", qs[0], "--json").stdout)
    floor = [timed([*verb, "--help"]) for _ in range(runs)]
    path = str(memory_path(folder / "project" / "instance", "fa"))
    peer_runs = 3 if size >= 1_000_000 else 5
    peer = [timed([sys.executable, "-c", COLD_PEER, path, qs[0]]) for _ in range(peer_runs)]
    return {
        "cold_ms": summary(times),
        "cold_per_query_ms": [t * 1000 for t in per_query],
        "cold_matches": len(found),
        "floor_ms": summary(floor),
        "cold_peer_ms": summary(peer),
    }


TMX_UNIT = (
    '<tu><tuv xml:lang="en"><seg>{i}: {source}</seg></tuv>'
    '<tuv xml:lang="fa"><seg>ترجمه‌ی {i} با <ph>&lt;br/&gt;</ph> شوراها</seg></tuv></tu>\n'
)


def tmx_peak(megabytes: int) -> None:
    """Generate a TMX of about *megabytes* and read it in a fresh process."""
    from xml.sax.saxutils import escape

    base = [escape(s) for s in sentences()]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.tmx"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')
            fh.write('<header srclang="en"/><body>\n')
            i = 0
            while fh.tell() < megabytes << 20:
                block = [
                    TMX_UNIT.format(i=i + k, source=base[(i + k) % len(base)]) for k in range(1000)
                ]
                fh.write("".join(block))
                i += 1000
            fh.write("</body></tmx>\n")
        size = path.stat().st_size >> 20
        code = (
            "import sys, time; sys.path.insert(0, sys.argv[2])\n"
            "from bench_memory import rss_mb\n"
            "from workbench.memory import tmx\n"
            "before = rss_mb(); t = time.perf_counter()\n"
            "n = sum(1 for _ in tmx.read(sys.argv[1], 'en', 'fa'))\n"
            "print(n, time.perf_counter() - t, rss_mb('VmHWM') - before)\n"
        )
        here = str(Path(__file__).parent)
        done = subprocess.run(
            [sys.executable, "-c", code, str(path), here],
            capture_output=True,
            text=True,
            check=True,
        )
        n, secs, grew = done.stdout.split()
        print(
            f"\n== TMX read: {size} MB, {int(n):,} pairs in {float(secs):.1f} s, "
            f"peak RSS +{float(grew):.1f} MB over the interpreter"
        )


def run_one(args: argparse.Namespace) -> None:
    folder = Path(args.folder)
    if args.step == "build":
        print(json.dumps(build(args.size, folder)))
    elif args.step == "import":
        print(json.dumps(import_step(folder)))
    elif args.step == "search":
        print(json.dumps(search(args.size, folder, args.tt)))
    else:
        print(json.dumps(cold(args.size, folder)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--size", type=int)
    parser.add_argument("--step")
    parser.add_argument("--folder")
    parser.add_argument("--tt", type=int, default=0)
    parser.add_argument("--tmx-mb", type=int, default=0, help="also read a TMX this large")
    args = parser.parse_args()
    if args.step:
        run_one(args)
        return
    if args.tmx_mb:
        tmx_peak(args.tmx_mb)
    for size in [int(s) for s in args.sizes.split(",")]:
        tt = {10_000: 100, 100_000: 30}.get(size, 0)
        with tempfile.TemporaryDirectory() as tmp:
            res = {"load_before": load()}
            for step in ("build", "import", "search", "cold"):
                cmd = [sys.executable, __file__, "--step", step, "--size", str(size)]
                cmd += ["--folder", tmp, "--tt", str(tt)]
                done = subprocess.run(cmd, capture_output=True, text=True, check=False)
                if done.returncode:
                    print(done.stderr, file=sys.stderr)
                    sys.exit(1)
                res.update(json.loads(done.stdout.strip().splitlines()[-1]))
            res["load_after"] = load()
        report(res)


def report(r: dict) -> None:
    size = r["size"]
    print(
        f"\n== {size:,} units ({r['entries']:,} stored); load average {r['load_before']} "
        f"before, {r['load_after']} after"
    )
    print(
        f"store and index from records: {r['build_s']:.1f} s ({r['build_cpu_s']:.1f} s CPU), "
        f"peak RSS +{r['build_peak_mb']:.0f} MB, on disk {r['build_disk_mb']:.0f} MB "
        f"(write-ahead log at most {r['build_wal_peak_mb']:.0f} MB); again with nothing "
        f"changed: {r['rebuild_unchanged_s']:.1f} s ({r['rebuild_unchanged_origins']} origins "
        "skipped)"
    )
    print(
        f"TMX import of the same units ({r['import_tmx_mb']:.0f} MB, {r['import_units']:,} "
        f"units): {r['import_s']:.1f} s ({r['import_cpu_s']:.1f} s CPU), peak RSS "
        f"+{r['import_peak_mb']:.0f} MB"
    )
    print(
        f"restart: open {r['open_ms']:.1f} ms (RSS +{r['open_rss_mb']:.0f} MB), first answer "
        f"{r['first_answer_ms']:.1f} ms after opening; {r['first_second_queries']} queries "
        f"answered in the first second, recall {r['first_second_recall']:.2%} of brute force"
    )
    base = r["brute_same_scorer"]
    rows = [("memory (index)", r["memory"]), ("brute force, same scorer", base)]
    rows.append(("brute force, characters (ratio)", r["chars_raw"]))
    if "translate_toolkit" in r:
        rows.append(("translate-toolkit matcher", r["translate_toolkit"]))
    print(f"{'peer':32} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8} {'p95 / memory':>13}")
    for name, s in rows:
        ratio = s["p95"] / r["memory"]["p95"]
        print(f"{name:32} {s['p50']:9.2f} {s['p95']:9.2f} {s['n']:8d} {ratio:12.1f}x")
    print(
        f"recall vs brute force: top-5 {r['recall_top5']:.2%}, "
        f"all matches >= {THRESHOLD} {r['recall_all']:.2%} of {r['matches_all']:,}; "
        f"near-variant queries with a match: {r['near_hits']}/200"
    )
    c, f, p = r["cold_ms"], r["floor_ms"], r["cold_peer_ms"]
    per = ", ".join(f"{t:.0f}" for t in r["cold_per_query_ms"])
    print(
        f"cold `workbench memory search`, whole process: median {c['p50']:.0f} ms "
        f"(per query {per} ms; p95 {c['p95']:.0f} ms; {c['n']} runs), {r['cold_matches']} "
        f"matches; `workbench memory search --help` {f['p50']:.0f} ms; cold brute-force "
        f"scan (a Python process reading every source and running fuzz.ratio) {p['p50']:.0f} ms "
        f"({p['p50'] / c['p50']:.1f}x)"
    )


if __name__ == "__main__":
    main()
