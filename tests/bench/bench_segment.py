"""Benchmark: segmentation speed and accuracy side by side with pySBD 0.3.4.

Corpus: the two seed statements repeated to about 2 MB. Figures, in one run:

- workbench in-process on the whole corpus: median and p95 of several runs,
  units per second and characters per second;
- the whole command as a subprocess, ``python -m workbench segment FILE
  --json``, interpreter start, imports and JSON output included;
- workbench and pySBD (``pysbd.Segmenter(language="en", clean=False)``)
  paragraph by paragraph on the same sample: pySBD is slow, so it runs on a
  sample of about 200 KB and its per-character rate is extrapolated to the
  corpus (the output says so); per-paragraph latency median and p95;
- accuracy of both on the peer suites in tests/data/segmentation/ and on the
  project's own Persian and Arabic tables.

Run: ``python tests/bench/bench_segment.py`` (``--help`` for sizes). Never
fails on a time: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from workbench.segment.segmenter import segment  # noqa: E402

DATA = REPO / "tests" / "data" / "segmentation"


def corpus(size: int) -> str:
    """Return the seed statements repeated to *size* characters, cut at a paragraph."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    one = "\n\n".join(seeds) + "\n\n"
    text = one * (size // len(one) + 1)
    cut = text.rfind("\n\n", 0, size)
    return text[: cut + 2]


def paragraphs_of(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def median_p95(values: list[float]) -> tuple[float, float]:
    if len(values) == 1:
        return values[0], values[0]
    return statistics.median(values), statistics.quantiles(values, n=20, method="inclusive")[18]


def timed(func, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def per_paragraph(func, paras: list[str]) -> tuple[list[float], int]:
    """Time *func* on each paragraph; return the latencies and the number of units."""
    latencies, units = [], 0
    for para in paras:
        start = time.perf_counter()
        units += len(func(para))
        latencies.append(time.perf_counter() - start)
    return latencies, units


def rate(n: float, seconds: float) -> str:
    return f"{n / seconds / 1e6:8.2f} M/s" if seconds else "     inf"


def speed(args: argparse.Namespace, pysbd_segmenter) -> None:
    text = corpus(args.size)
    units = len(segment(text))
    print(f"corpus: {len(text):,} characters, {units:,} units, seeds repeated")
    print()

    whole = timed(lambda: segment(text), args.runs)
    med, p95 = median_p95(whole)
    print(f"workbench in-process, whole corpus, {args.runs} runs")
    print(f"  median {med * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms")
    print(f"  characters {rate(len(text), med)}   units {units / med:12,.0f}/s")
    core_rate = len(text) / med

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        command = [sys.executable, "-m", "workbench", "segment", str(path), "--json"]
        probe = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        print()
        if probe.returncode != 0:
            print("command: `python -m workbench segment FILE --json` is not available:")
            print("  " + (probe.stderr.strip().splitlines() or ["(no message)"])[-1])
            cmd_rate = None
        else:
            shown = sum(len(p) for p in json.loads(probe.stdout)["paragraphs"])
            runs = timed(
                lambda: subprocess.run(command, cwd=REPO, capture_output=True, check=True),
                args.runs,
            )
            start = timed(
                lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs
            )
            med, p95 = median_p95(runs)
            print(f"command `python -m workbench segment FILE --json`, {args.runs} runs")
            print(f"  median {med * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms   ({shown:,} units)")
            print(
                f"  characters {rate(len(text), med)}   (bare interpreter start: "
                f"{statistics.median(start) * 1000:.0f} ms)"
            )
            cmd_rate = len(text) / med

    sample, size = [], 0
    for para in paragraphs_of(text):
        if size >= args.pysbd_chars:
            break
        sample.append(para)
        size += len(para)
    print()
    print(f"paragraph by paragraph, same sample of {size:,} characters, {len(sample)} paragraphs")
    wb_lat, wb_units = per_paragraph(lambda p: segment(p, "en"), sample)
    pb_lat, pb_units = per_paragraph(pysbd_segmenter.segment, sample)
    for name, lat, n in (("workbench", wb_lat, wb_units), ("pysbd 0.3.4", pb_lat, pb_units)):
        med, p95 = median_p95(lat)
        total = sum(lat)
        print(
            f"  {name:12} total {total * 1000:9.1f} ms   characters {rate(size, total)}   "
            f"units {n / total:10,.0f}/s   per paragraph median {med * 1e6:8.1f} µs "
            f"p95 {p95 * 1e6:9.1f} µs"
        )
    pysbd_rate = size / sum(pb_lat)
    print(
        f"  pysbd on the whole corpus, extrapolated from this sample: "
        f"{len(text) / pysbd_rate:.1f} s"
    )
    print()
    print("ratios (workbench / pysbd, characters per second)")
    print(f"  paragraph by paragraph, same sample:      {size / sum(wb_lat) / pysbd_rate:7.1f}x")
    print(f"  in-process whole corpus vs pysbd rate:    {core_rate / pysbd_rate:7.1f}x")
    if cmd_rate is not None:
        print(f"  whole command vs pysbd rate:              {cmd_rate / pysbd_rate:7.1f}x")


def as_the_suites_see_it(text: str, lang: str) -> list[str]:
    """Return the units with the layout before them on their line (see the suite tests)."""
    out, at = [], 0
    for unit in segment(text, lang):
        lead = text[at : unit.start].replace("\r", "\n").rsplit("\n", 1)[-1].lstrip()
        out.append((lead + unit.text).strip())
        at = unit.end
    return [u for u in out if u]


# A list marker at the start of a unit: a bullet or dash, or a number or letter
# with . or ) in Latin, Persian or Arabic digits.
_MARKER = re.compile(r"^(?:[•\-–—*▪◦·]|[0-9۰-۹٠-٩]{1,3}[.)\u066b]|[a-zA-Z][.)])\s+")


def without_marker(unit: str) -> str:
    """Return *unit* without a leading list marker.

    >>> without_marker("۲. اعتصاب"), without_marker("• Strike."), without_marker("4,000 workers")
    ('اعتصاب', 'Strike.', '4,000 workers')
    """
    return _MARKER.sub("", unit.strip(), count=1).strip()


def plain_units(text: str, lang: str) -> list[str]:
    return [u.text for u in segment(text, lang)]


def accuracy(pysbd) -> None:
    def load(name, keep=lambda c: True):
        with open(DATA / name, encoding="utf-8") as f:
            return [c for c in json.load(f) if keep(c)]

    def passed(cases, lang, cut, markers: bool = True) -> int:
        n = 0
        for case in cases:
            got = [s.strip() for s in cut(case["text"], lang) if s.strip()]
            want = [s.strip() for s in case["expected"] if s.strip()]
            if not markers:
                got = [u for u in (without_marker(s) for s in got) if u]
                want = [u for u in (without_marker(s) for s in want) if u]
            if case.get("compare") == "whitespace_normalized":
                got, want = [" ".join(s.split()) for s in got], [" ".join(s.split()) for s in want]
            n += got == want
        return n

    segmenters = {}

    def pysbd_cut(text, lang):
        if lang not in segmenters:
            segmenters[lang] = pysbd.Segmenter(language=lang, clean=False)
        return segmenters[lang].segment(text)

    from tests.test_segment_fa_ar import ARABIC, PERSIAN

    def table(rows):
        return [{"text": text, "expected": expected} for _, text, expected in rows]

    reachable = lambda c: c.get("reachable_without_cleaning")  # noqa: E731
    suites = [
        ("en48 (pySBD's benchmark)", load("golden_en.json", lambda c: c.get("in_pysbd_48")), "en"),
        ("en golden, other 4", load("golden_en.json", lambda c: not c.get("in_pysbd_48")), "en"),
        ("de golden", load("golden_de.json"), "de"),
        ("fr golden", load("golden_fr.json"), "fr"),
        ("es golden", load("golden_es.json"), "es"),
        ("clean_en reachable", load("clean_en.json", reachable), "en"),
        ("clean_de reachable", load("clean_de.json", reachable), "de"),
        ("clean_es reachable", load("clean_es.json", reachable), "es"),
        ("more_en", load("more_en.json"), "en"),
        ("fa (project table)", table(PERSIAN), "fa"),
        ("ar (project table)", table(ARABIC), "ar"),
    ]
    print()
    print("accuracy, exact match of the whole list (strip, drop empty)")
    print(f"  {'suite':28} {'workbench':>10} {'pysbd 0.3.4':>12}")
    for name, cases, lang in suites:
        # The project's own tables expect units without their list markers:
        # both sides are scored with a leading marker taken off every unit.
        own = "project" in name
        wb = passed(cases, lang, plain_units if own else as_the_suites_see_it, markers=not own)
        pb = passed(cases, lang, pysbd_cut, markers=not own)
        print(f"  {name:28} {wb:>4}/{len(cases):<5} {pb:>6}/{len(cases):<5}")
    print("  (in the peer suites, workbench units are compared with the list marker before them;")
    print("   in the project's tables, both sides without a leading list marker)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2_000_000, help="corpus characters")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each whole run")
    parser.add_argument(
        "--pysbd-chars", type=int, default=200_000, help="sample size run through pySBD"
    )
    parser.add_argument("--no-accuracy", action="store_true", help="skip the accuracy table")
    args = parser.parse_args()
    try:
        import pysbd
    except ImportError:
        sys.exit("pysbd is not installed: pip install 'pysbd==0.3.4' (the bench extra)")
    print(f"python {sys.version.split()[0]}, pysbd {pysbd.__version__}")
    speed(args, pysbd.Segmenter(language="en", clean=False))
    if not args.no_accuracy:
        accuracy(pysbd)


if __name__ == "__main__":
    main()
