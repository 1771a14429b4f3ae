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
term counts as a listed one, and that a term proposed twice counts once):
precision at 50, 100 and 150 and recall of the core terms at 150. The
glossary plays no part in the ranking: the extractor runs on the statements
alone. Targets: core recall at least 90% at 150, precision at least 70% at
100. Time is reported as the median of a few runs. Never a test: it prints,
it does not fail.

The extractor runs twice: with the domain's vocabulary
(``workbench/lang/data/en-movement-vocabulary.txt``, as the product ships it)
and without it, so that what the vocabulary adds can be told from what the
rules and the word frequencies do.

A held-out check follows: the same extractors on
``tests/data/terms/heldout-asaluyeh-strike-committee.txt``, a short strike
committee statement none of the rules or lists were tuned on, against its own
annotated terms (annotated before the extractor ever ran on it). It is about
400 words, so it is scored at 10, 20 and 30, with recall at 30.
poterminology is left out there: it reads templates, and the statement has none.

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
from workbench.lang.domain import NONE, Vocabulary  # noqa: E402

AT = (50, 100, 150)
HELD_OUT_AT = (10, 20, 30)
TERMS = ROOT / "tests" / "data" / "terms"
HELD_OUT = TERMS / "heldout-asaluyeh-strike-committee.txt"
HELD_OUT_TERMS = TERMS / "heldout-asaluyeh-strike-committee-terms.tsv"


def statements() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]


def ours(texts: list[tuple[str, str]], vocabulary: Vocabulary | None = None) -> list[str]:
    return [c.term for c in candidates(texts, top=None, contexts=0, vocabulary=vocabulary)]


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


def table(peers, listed, at, runs):
    """Print one row per extractor; return the scores by name."""
    header = "".join(f"{'P@' + str(k):>8}" for k in at)
    last = max(at)
    print(f"{'extractor':<30}{header}{'core R@' + str(last):>12}{'R@' + str(last):>8}{'time':>10}")
    results = {}
    for name, fn in peers:
        proposed, seconds = timed(fn, runs)
        s = score(proposed, listed, at)
        results[name] = s
        cells = "".join(f"{s.precision[k]:>8.0%}" for k in at)
        print(
            f"{name:<30}{cells}{s.core_recall[last]:>12.0%}{s.recall[last]:>8.0%}"
            f"{seconds * 1000:>8.0f}ms"
        )
    return results


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
        ("  without the vocabulary", lambda: ours(texts, NONE)),
        ("YAKE, n=3 (default)", lambda: yake_terms(texts)),
        ("YAKE, n=2", lambda: yake_terms(texts, 2)),
        ("poterminology", poterminology_terms),
    ]
    results = table(peers, listed, AT, args.runs)
    ours_score = results["workbench extract"]
    print()
    print(
        "targets:   "
        f"{'met' if ours_score.core_recall[150] >= 0.9 else 'MISSED'} core recall >= 90% at 150, "
        f"{'met' if ours_score.precision[100] >= 0.7 else 'MISSED'} precision >= 70% at 100"
    )
    if args.show:
        for name in ("workbench extract", "  without the vocabulary"):
            print()
            print(f"{name.strip()}: core terms missed at 150:",
                  "; ".join(results[name].missed_core) or "none")  # fmt: skip
            print(f"first {args.show} not listed:", "; ".join(results[name].wrong[: args.show]))

    held_out = [(HELD_OUT.stem, HELD_OUT.read_text(encoding="utf-8"))]
    held_listed = annotated(HELD_OUT_TERMS)
    print()
    print(
        f"held out:   {HELD_OUT.name}, {len(held_out[0][1].split())} words, "
        f"{len(held_listed)} terms, {sum(t.core for t in held_listed)} core"
    )
    print()
    held_peers = [
        ("workbench extract", lambda: ours(held_out)),
        ("  without the vocabulary", lambda: ours(held_out, NONE)),
        ("YAKE, n=3 (default)", lambda: yake_terms(held_out)),
        ("YAKE, n=2", lambda: yake_terms(held_out, 2)),
    ]
    held = table(held_peers, held_listed, HELD_OUT_AT, args.runs)
    if args.show:
        for name in ("workbench extract", "  without the vocabulary"):
            print()
            print(f"{name.strip()}: core terms missed at 30:",
                  "; ".join(held[name].missed_core) or "none")  # fmt: skip
            print("first 30 not listed:", "; ".join(held[name].wrong[:30]))


if __name__ == "__main__":
    main()
