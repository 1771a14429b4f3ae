"""Benchmark: term extraction against the hand-annotated terms of the sample statements.

``workbench glossary extract`` (:func:`workbench.corpus.extract.candidates`) and,
side by side in the same run on the same two statements, the peers a user
would pick for term extraction from English text, offline:

- YAKE (``yake``, Campos et al. 2020), the unsupervised keyword extractor
  most used from PyPI, over the statements joined into one text: with its
  default of phrases up to three words, and with two, its best setting on
  this text (one word and four words score lower);
- translate-toolkit's ``poterminology``, the term extractor of a
  translation tool, run on the statements' templates (``locales/*.pot``),
  which is what it reads.

Each ranked list is scored against ``tests/data/terms/statement-terms.tsv``
by :func:`tests.terms_support.score` (its docstring says when a proposed
term counts as a listed one): precision at 50, 100 and 150 and recall of
the core terms at 150. The glossary plays no part in the ranking: the
extractor runs on the statements alone. Targets: core recall at least 90%
at 150, precision at least 70% at 100. Time is reported as the median of
a few runs. Never a test: it prints, it does not fail.

Run: ``python tests/bench/bench_extract.py [--runs N] [--show N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.terms_support import annotated, score  # noqa: E402
from workbench.corpus.extract import candidates  # noqa: E402

AT = (50, 100, 150)


def statements() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def ours(texts: list[tuple[str, str]]) -> list[str]:
    return [c.term for c in candidates(texts, top=None, contexts=0)]


def yake_terms(texts: list[tuple[str, str]], words: int = 3) -> list[str]:
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=words, top=400)
    text = "\n\n".join(text for _, text in texts)
    return [term for term, _ in extractor.extract_keywords(text)]


def poterminology_terms() -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "terms.pot"
        templates = sorted(str(p) for p in (ROOT / "locales").glob("*.pot"))
        command = [sys.executable, "-m", "translate.tools.poterminology", "--inputs-needed=1",
                   "--fold-titlecase", "-o", str(out), *templates]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True)
        from translate.storage import factory

        store = factory.getobject(str(out))
        # poterminology writes its best terms first, a score in each comment.
        return [unit.source for unit in store.units if unit.source]


def timed(fn, runs: int) -> tuple[list[str], float]:
    times, result = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--show", type=int, default=0, help="list the first N wrong and missed")
    args = parser.parse_args()

    texts = statements()
    listed = annotated()
    core = sum(t.core for t in listed)
    print(f"statements: {len(texts)}, {sum(len(t.split()) for _, t in texts):,} words")
    print(f"annotated:  {len(listed)} terms, {core} core")
    print()
    peers = [
        ("workbench extract", lambda: ours(texts)),
        ("YAKE, n=3 (default)", lambda: yake_terms(texts)),
        ("YAKE, n=2", lambda: yake_terms(texts, 2)),
        ("poterminology", poterminology_terms),
    ]
    header = "".join(f"{'P@' + str(k):>8}" for k in AT)
    print(f"{'extractor':<20}{header}{'core R@150':>12}{'R@150':>8}{'time':>10}")
    results = {}
    for name, fn in peers:
        proposed, seconds = timed(fn, args.runs)
        s = score(proposed, listed, AT)
        results[name] = s
        cells = "".join(f"{s.precision[k]:>8.0%}" for k in AT)
        print(
            f"{name:<20}{cells}{s.core_recall[150]:>12.0%}{s.recall[150]:>8.0%}"
            f"{seconds * 1000:>8.0f}ms"
        )
    ours_score = results["workbench extract"]
    print()
    print(
        "targets:   "
        f"{'met' if ours_score.core_recall[150] >= 0.9 else 'MISSED'} core recall >= 90% at 150, "
        f"{'met' if ours_score.precision[100] >= 0.7 else 'MISSED'} precision >= 70% at 100"
    )
    if args.show:
        print()
        print("core terms missed at 150:", "; ".join(ours_score.missed_core) or "none")
        print(f"first {args.show} not listed:", "; ".join(ours_score.wrong[: args.show]))


if __name__ == "__main__":
    main()
