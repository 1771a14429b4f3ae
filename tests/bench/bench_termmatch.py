"""Benchmark: glossary matching in the source, against flashtext, pyahocorasick and regexes.

A 10,000-term glossary (the real starter terms below, then real-looking
English terms built from the words of the sample statements) is matched
against a 10,000-word statement cut from the seeds, by
:class:`workbench.terms.source.SourceMatcher` and, side by side in the same run,
by the peers a programmer would pick, each fed the same word forms of every
term (:func:`workbench.lang.wordforms.english_forms`):

- flashtext's KeywordProcessor (a trie over words; one processor for the
  terms matched in any case, one for those matched in their case);
- pyahocorasick over the lower-cased text, hits kept at word boundaries;
- the naive loop: one compiled regular expression per term, its word forms
  as an alternation between word boundaries.

The sides take turns, run after run, and each run follows the one before
as a check over a project calls the matcher; the last column times them
again with a full garbage collection before each run, which empties the
processor's caches (what the first statement after a pause costs).

Every side keeps the leftmost-longest hits, and the script reports how the
hits of each peer differ from ours (flashtext and pyahocorasick do not fold
apostrophes, hyphens and spaces as the matcher does, so they miss some).

Run: ``python tests/bench/bench_termmatch.py [--terms N] [--words N] [--runs N]``;
``--singles 1500`` also makes the 1,500 commonest words terms, a denser run
(one hit every three words) than any real glossary gives.
Targets: at least 3 times faster than flashtext, under 10 ms per statement,
the matcher built in under 1 s. Never a test: it prints, it does not fail.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support import percentile  # noqa: E402
from workbench.glossary.model import Concept, Term  # noqa: E402
from workbench.lang import arabic_script as persian  # noqa: E402
from workbench.lang.wordforms import english_forms  # noqa: E402
from workbench.terms.source import SourceMatcher  # noqa: E402

# Real terms of the sample statements; True marks an acronym matched in its case.
STARTER = [
    ("workers' council", False), ("council", False), ("neighbourhood council", False),
    ("neighborhood council", False), ("general strike", False), ("strike committee", False),
    ("hunger strike", False), ("dry hunger strike", False), ("strike", False),
    ("toman", False), ("Bazaari", False), ("bazaar merchant", False), ("Basij", False),
    ("IRGC", True), ("ILNA", True), ("CIA", True), ("BP", True), ("US", True),
    ("Islamic Republic", False), ("Woman, Life, Freedom", False), ("Khuzestan", False),
    ("Arak", False), ("Haft Tappeh", False), ("HEPCO", True), ("Vahed Bus Company", False),
    ("AzarAb", False), ("Wagon Pars", False), ("Machine Manufacturing Company", False),
    ("Arak Aluminum", False), ("Communist Party of Iran", False),
    ("Worker-communist Party of Iran", False),
    ("Khuzestan Vanguard Socialist Workers' Cell", False), ("supreme leader", False),
    ("regime", False), ("theocracy", False), ("uprising", False), ("internet blackout", False),
    ("internet shutdown", False), ("repression forces", False), ("unpaid wages", False),
    ("overdue wage", False), ("wage", False), ("trade union", False), ("puppet union", False),
    ("organising committee", False), ("organizing committee", False), ("oil worker", False),
    ("contract worker", False), ("refinery", False), ("Abadan refinery", False),
    ("May Day", False), ("teachers' protest", False), ("Behesht-e Zahra", False),
    ("truck driver", False), ("Bandar Abbas", False), ("Shadegan", False),
    ("self-immolation", False), ("solidarity", False), ("revolution", False),
    ("protester", False), ("workplace control", False), ("Telegram channel", False),
    ("Iran National Steel Industrial Group", False), ("Ahvaz", False), ("Mossadegh", False),
    ("Shah", False), ("Pahlavi", False), ("Khamenei", False), ("judiciary", False),
    ("martyr", False), ("dictatorship", False), ("imperialism", False), ("minimum wage", False),
    ("cost of living", False), ("rial", False), ("security forces", False), ("bread", False),
]  # fmt: skip

STOP = set(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out over
    own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours one two three like even much many may might must
    still well yet""".split()
)
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]")


def statement(words: int) -> str:
    """Return a text of *words* words cut from the seeds (repeated if they are shorter)."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in seeds)
    while len(text.split()) < words:
        text = text + "\n\n" + text
    ends = [m.end() for m in re.finditer(r"\S+", text)]
    return text[: ends[words - 1]]


def glossary(size: int, text: str, singles: int = 0, seed: int = 2026) -> list[Concept]:
    """Return *size* concepts: the starter terms, then multi-word terms from *text*'s words.

    The multi-word terms are the commonest two- and three-word phrases of
    the text (so they hit often), then random runs of its words (which look
    real and rarely hit). *singles* adds that many of its commonest words as
    one-word terms first, for a denser run.
    """
    rng = random.Random(seed)
    tokens = [w.lower().replace("’", "'") for w in WORD.findall(text)]
    content = [w for w in tokens if w not in STOP and len(w) > 2 and "'" not in w]
    vocabulary = [w for w, _ in Counter(content).most_common()]
    texts: dict[str, bool] = {}
    for term, case_sensitive in STARTER:
        texts.setdefault(term, case_sensitive)
    for word in vocabulary[:singles]:
        texts.setdefault(word, False)
    phrases = Counter()
    for n in (2, 3):
        for i in range(len(tokens) - n + 1):
            gram = tokens[i : i + n]
            if gram[0] not in STOP and gram[-1] not in STOP:
                phrases[" ".join(gram)] += 1
    for phrase, _ in phrases.most_common(3500):
        texts.setdefault(phrase, False)
    while len(texts) < size:
        n = rng.choice((2, 2, 2, 3, 3, 4))
        texts.setdefault(" ".join(rng.choice(vocabulary[:3000]) for _ in range(n)), False)
    concepts = []
    for i, (term, case_sensitive) in enumerate(list(texts.items())[:size]):
        concepts.append(Concept(f"c{i:05d}", (Term(term, "en", case_sensitive=case_sensitive),)))
    return concepts


# The peer reads the text as the matcher does: a space in a form is one
# punctuation mark (a hyphen) or a run of whitespace within one paragraph;
# two spaces or more are as many characters of punctuation and space.
_JOIN = r"(?:[^\w\s']|[^\S\n]*\n?[^\S\n]*(?<=\s))"
_APOS = "['" + persian.APOSTROPHES + "]"


def form_regex(form: str) -> str:
    parts = []
    for run in re.findall(r" +|[^ ]", form):
        if run == " ":
            parts.append(_JOIN)
        elif run.startswith(" "):
            parts.append(rf"\W{{{len(run)}}}")
        elif run == "'":
            parts.append(_APOS)
        else:
            parts.append(re.escape(run))
    return "".join(parts)


class Flashtext:
    """flashtext's KeywordProcessor fed every word form of every term."""

    def __init__(self, concepts: list[Concept]) -> None:
        from flashtext import KeywordProcessor

        self.any_case = KeywordProcessor(case_sensitive=False)
        self.own_case = KeywordProcessor(case_sensitive=True)
        for concept in concepts:
            for term in concept.terms:
                processor = self.own_case if term.case_sensitive else self.any_case
                for form in english_forms(term.text, term.case_sensitive):
                    processor.add_keyword(form, concept.id)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        found = [
            (start, end, concept_id)
            for processor in (self.any_case, self.own_case)
            for concept_id, start, end in processor.extract_keywords(text, span_info=True)
        ]
        return leftmost_longest(found)


class PlainAutomaton:
    """pyahocorasick over the lower-cased text, hits kept where a word starts and ends."""

    def __init__(self, concepts: list[Concept]) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        keys: dict[str, list[tuple[str, str | None]]] = {}
        for concept in concepts:
            for term in concept.terms:
                for form in english_forms(term.text, term.case_sensitive):
                    exact = form if term.case_sensitive else None
                    keys.setdefault(form.lower(), []).append((concept.id, exact))
        for key, value in keys.items():
            self.automaton.add_word(key, (len(key), value))
        self.automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        lower = text.lower()
        found = []
        for end, (length, owners) in self.automaton.iter(lower):
            start = end - length + 1
            if (
                start > 0
                and lower[start - 1].isalnum()
                or (end + 1 < len(lower) and lower[end + 1].isalnum())
            ):
                continue
            for concept_id, exact in owners:
                if exact is None or text[start : end + 1] == exact:
                    found.append((start, end + 1, concept_id))
        return leftmost_longest(found)


class RegexLoop:
    """The peer: one compiled regex per term, its word forms as an alternation."""

    def __init__(self, concepts: list[Concept]) -> None:
        self.patterns = []
        for concept in concepts:
            for term in concept.terms:
                forms = english_forms(term.text, term.case_sensitive)
                alternation = "|".join(form_regex(f) for f in sorted(forms, key=len, reverse=True))
                flags = 0 if term.case_sensitive else re.IGNORECASE
                pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", flags)
                self.patterns.append((pattern, concept.id))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        found = []
        for pattern, concept_id in self.patterns:
            for m in pattern.finditer(text):
                found.append((m.start(), m.end(), concept_id))
        return leftmost_longest(found)


def leftmost_longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    longest: dict[int, int] = {}
    for start, end, _ in found:
        longest[start] = max(end, longest.get(start, 0))
    chosen, reached = set(), 0
    for start in sorted(longest):
        if start >= reached:
            chosen.add((start, longest[start]))
            reached = longest[start]
    return sorted(h for h in found if (h[0], h[1]) in chosen)


def timed(fn, runs: int, collect: bool = False) -> tuple[list[float], list[float]]:
    """Run *fn* *runs* times; return the wall-clock and the CPU seconds of each run.

    The CPU time of the thread is printed too: on a shared, busy machine the
    wall clock also counts the time other processes held the cores. Runs
    follow each other as a check over a project calls the matcher; with
    *collect*, a full garbage collection comes before each run, which also
    empties the processor's caches (the "after a collection" figures).
    """
    wall, cpu = [], []
    gc.collect()
    for _ in range(runs):
        if collect:
            gc.collect()
        t0, c0 = time.perf_counter(), time.thread_time()
        fn()
        cpu.append(time.thread_time() - c0)
        wall.append(time.perf_counter() - t0)
    return wall, cpu


def alternated(fns: dict, runs: int, collect: bool = False) -> dict:
    """Time each of *fns* *runs* times, taking turns, so load hits every side alike."""
    times: dict = {name: ([], []) for name in fns}
    gc.collect()
    for _ in range(runs):
        for name, fn in fns.items():
            if collect:
                gc.collect()
            t0, c0 = time.perf_counter(), time.thread_time()
            fn()
            times[name][1].append(time.thread_time() - c0)
            times[name][0].append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50, help="runs of the automaton")
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of the regex loop")
    parser.add_argument(
        "--singles", type=int, default=0, help="also make the N commonest words terms (denser)"
    )
    args = parser.parse_args()

    text = statement(args.words)
    concepts = glossary(args.terms, text, args.singles)
    print(f"statement: {len(text.split()):,} words, {len(text):,} characters")
    print(f"glossary:  {len(concepts):,} terms")

    builds, _ = timed(lambda: SourceMatcher(concepts, "en"), 5)
    matcher = SourceMatcher(concepts, "en")
    print(
        f"build:     automaton {statistics.median(builds) * 1000:.0f} ms (median of 5), "
        f"{len(matcher):,} word forms"
    )
    t0 = time.perf_counter()
    loop = RegexLoop(concepts)
    print(
        f"build:     regex loop {(time.perf_counter() - t0) * 1000:.0f} ms (compiling "
        f"{len(loop.patterns):,} patterns)"
    )

    peers = {}
    for name, make in (("flashtext", Flashtext), ("pyahocorasick", PlainAutomaton)):
        t0 = time.perf_counter()
        peers[name] = make(concepts)
        print(f"build:     {name} {(time.perf_counter() - t0) * 1000:.0f} ms")

    matcher.find(text)  # warm up
    for peer in peers.values():
        peer.find(text)
    sides = {"automaton (ours)": lambda: matcher.find(text)}
    for name, peer in peers.items():
        sides[name] = lambda p=peer: p.find(text)
    times = alternated(sides, args.runs)
    cold = alternated(sides, args.runs, collect=True)
    rows = [(name, *times[name], 2) for name in sides]
    rows.append(("regex loop", *timed(lambda: loop.find(text), args.peer_runs), 0))
    ac_med = statistics.median(rows[0][1])
    print()
    print(
        f"{'per statement':<18}{'median':>12}{'p95':>12}{'median CPU':>14}{'runs':>6}"
        f"{'ours x':>9}{'after a collection':>22}"
    )
    ac_cold = statistics.median(cold["automaton (ours)"][0])
    for name, wall, cpu, digits in rows:
        after = (
            f"{statistics.median(cold[name][0]) * 1000:>12.2f}ms"
            f"{statistics.median(cold[name][0]) / ac_cold:>7.1f}x"
            if name in cold
            else ""
        )
        print(
            f"{name:<18}{statistics.median(wall) * 1000:>10.{digits}f}ms"
            f"{percentile(wall, 95) * 1000:>10.{digits}f}ms"
            f"{statistics.median(cpu) * 1000:>12.{digits}f}ms"
            f"{len(wall):>6}{statistics.median(wall) / ac_med:>8.1f}x{after}"
        )
    flash_med = statistics.median(rows[1][1])
    rx_med = statistics.median(rows[-1][1])
    print(
        f"targets:   {'met' if flash_med / ac_med >= 3 else 'MISSED'} 3 times faster than "
        f"flashtext ({flash_med / ac_med:.1f}x), "
        f"{'met' if ac_med < 0.010 else 'MISSED'} under 10 ms per statement, "
        f"{'met' if statistics.median(builds) < 1 else 'MISSED'} build under 1 s "
        f"(regex loop: {rx_med / ac_med:,.0f}x)"
    )

    ours = sorted((h.start, h.end, h.concept_id) for h in matcher.find(text))
    print()
    for name, peer in (*peers.items(), ("regex loop", loop)):
        theirs = peer.find(text)
        only_ours, only_theirs = set(ours) - set(theirs), set(theirs) - set(ours)
        same = (
            "identical"
            if not only_ours and not only_theirs
            else (f"{len(only_ours)} only ours, {len(only_theirs)} only theirs")
        )
        print(f"hits:      ours {len(ours):,}, {name} {len(theirs):,}: {same}")
        for label, diff in (("ours", only_ours), (name, only_theirs)):
            for start, end, concept_id in sorted(diff)[:3]:
                print(f"  only {label}: {text[start:end]!r} at {start} ({concept_id})")


if __name__ == "__main__":
    main()
