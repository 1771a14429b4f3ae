"""Benchmark: reading and writing PO catalogs, side by side with polib and GNU msgcat.

Catalogs of 200, 2,000 and 20,000 entries are generated (sentences of the
sample statements, numbered so each is new; one in ten plural with two
forms, one in eight fuzzy with a previous source, one in twenty obsolete),
in two styles: the workbench's own (``msgcat --no-wrap`` form) and wrapped at
79 columns as Poedit writes them (made by ``msgcat --width=79``). For each:

- read: ``pofile.read`` (one pass, every line checked, each entry's lines
  kept) against ``polib.pofile`` (no check) on the same file;
- write after one edit: ``pofile.write`` of the catalog read, with one unit
  changed (atomic write, fsync; unchanged entries reuse their own lines)
  against polib's ``save`` of the same edit (no fsync, not atomic);
- write afresh: ``pofile.serialise`` of every entry in the file's style
  (no lines reused: the cost of formatting and wrapping) against polib's
  ``__unicode__`` (its own wrapping at 78);
- ``msgcat`` reading and writing the file (a process, start-up included),
  for scale.

Run: ``python tests/bench/bench_pofile.py [--runs N] [--sizes 200,2000,20000]``.
Prints medians and ratios (the peer's median over ours: above 1, ours is
faster); never fails on a time. To compare with an older workbench, run the
script with ``PYTHONPATH`` pointing at that version's source first.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT))

import polib  # noqa: E402

from workbench.catalogs import model as cat  # noqa: E402
from workbench.catalogs import pofile  # noqa: E402
from workbench.segment.segmenter import segment  # noqa: E402


def timings(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def sentences() -> list[str]:
    units = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        units += [u.text for u in segment(path.read_text(encoding="utf-8"), "en")]
    return [u.replace("\r\n", "\n") for u in units if len(u) > 20]


def catalog_text(size: int, plurals: bool = True) -> str:
    """Return a generated catalog of *size* entries in GNU ``--no-wrap`` form.

    Without *plurals* (what the workbench before plural support could read),
    the plural entries are singular ones.
    """
    pool = sentences()
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: bench\\n"',
        '"Language: fa\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"',
        "",
    ]

    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    for i in range(size):
        source = f"{pool[i % len(pool)]} ({i})"
        target = "ترجمهٔ " + source[::-1]
        prefix = "#~ " if i % 20 == 19 else ""
        if not prefix:
            lines.append(f"#: seeds/bench.txt:{i + 1}")
        if i % 8 == 3:
            lines += ["#, fuzzy", f"{prefix.replace('#~ ', '#~| ') or '#| '}msgid {q(source[:-3])}"]
        if i % 10 == 5 and plurals:
            lines += [
                f"{prefix}msgid {q(source)}",
                f"{prefix}msgid_plural {q(source + 's')}",
                f"{prefix}msgstr[0] {q(target)}",
                f"{prefix}msgstr[1] {q(target + ' ها')}",
                "",
            ]
        else:
            lines += [f"{prefix}msgid {q(source)}", f"{prefix}msgstr {q(target)}", ""]
    return "\n".join(lines)


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def bench(size: int, style: str, runs: int, folder: Path) -> list[tuple[str, float, float]]:
    path = folder / f"{style}-{size}.po"
    path.write_text(catalog_text(size), encoding="utf-8")
    if style == "wrapped-79":
        subprocess.run(["msgcat", "--width=79", "-o", str(path), str(path)], check=True)
    out = folder / f"out-{style}-{size}.po"
    peer_out = folder / f"peer-{style}-{size}.po"
    rows = []

    ours_read = timings(lambda: pofile.read(path), runs)
    peer_read = timings(lambda: polib.pofile(str(path)), runs)
    rows.append(("read", median_ms(ours_read), median_ms(peer_read)))

    catalog = pofile.read(path)
    first = next(e for e in catalog.entries if not e.obsolete and not e.plural)
    po = polib.pofile(str(path))
    peer_first = next(e for e in po if not e.obsolete and not e.msgid_plural)
    counter = iter(range(10**9))

    def ours_edit() -> None:
        cat.apply_edits(catalog, [cat.Edit(first.msgid, f"ترجمه {next(counter)}", cat.TRANSLATED)])
        pofile.write(catalog, out)

    def peer_edit() -> None:
        peer_first.msgstr = f"ترجمه {next(counter)}"
        po.save(str(peer_out))

    rows.append(
        (
            "write after one edit",
            median_ms(timings(ours_edit, runs)),
            median_ms(timings(peer_edit, runs)),
        )
    )

    fresh = dataclasses.replace(catalog, layout=cat.Layout(catalog.layout.width))

    def ours_fresh() -> None:
        pofile.entry_text.cache_clear()
        pofile.serialise(fresh)

    rows.append(
        (
            "write afresh (format only)",
            median_ms(timings(ours_fresh, runs)),
            median_ms(timings(po.__unicode__, runs)),
        )
    )
    gnu = timings(
        lambda: subprocess.run(["msgcat", "-o", str(peer_out), str(path)], check=True), runs
    )
    rows.append(
        (
            "msgcat read+write (process)",
            median_ms(ours_read) + median_ms(timings(ours_edit, 3)),
            median_ms(gnu),
        )
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sizes", default="200,2000,20000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{'entries':>8} {'style':<11} {'what':<30} {'ours ms':>9} {'peer ms':>9} {'peer/ours':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            runs = max(3, args.runs if size <= 2000 else args.runs // 2)
            for style in ("no-wrap", "wrapped-79"):
                for what, ours, peer in bench(size, style, runs, Path(tmp)):
                    print(
                        f"{size:>8} {style:<11} {what:<30} {ours:>9.1f} {peer:>9.1f} "
                        f"{peer / ours:>8.2f}x"
                    )


if __name__ == "__main__":
    main()
