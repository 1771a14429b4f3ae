"""Benchmark: reading and importing TMX with inline codes, side by side with translate-toolkit.

A generated TMX 1.4 file in the shape Okapi and Trados write: units from
the sample statements numbered so each is new, a third with paired codes
around a phrase (``<bpt>``/``<ept>`` with escaped native markup), a third
with standalone codes between words (``<ph type="lb">``), and props, a note
and creation attributes on each unit.

Peers, on the same bytes in the same run:

- ``tmx.Reader.tmx_units`` (stream, plain text for matching, codes and
  metadata kept) against translate-toolkit's ``tmxfile.parsestring`` and
  reading every unit's source and target (it flattens codes to their text);
- ``tmx.import_tmx`` (copy into the project, read, index into SQLite), which
  translate-toolkit has no counterpart for: shown alone.

Run: ``python tests/bench/bench_tmx.py [--units N] [--runs N]``. Prints
medians, p95 and ratios (the peer's median over ours: above 1, ours is
faster); never fails on a time.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from translate.storage.tmx import tmxfile  # noqa: E402

from tests.support import percentile  # noqa: E402
from workbench.memory import tmx  # noqa: E402

SENTENCES = [
    ("The oil workers of Khuzestan have stopped work", "کارگران نفت خوزستان دست از کار کشیده‌اند"),
    ("All power to the councils", "همه‌ی قدرت به شوراها"),
    ("Wages have not been paid for four months", "چهار ماه است که دستمزدها پرداخت نشده است"),
    (
        "Retirees gathered in front of the pension fund",
        "بازنشستگان در برابر صندوق بازنشستگی تجمع کردند",
    ),
]


def generated(units: int) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="bench" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
        'datatype="html"/><body>\n'
    ]
    for n in range(units):
        en, fa = SENTENCES[n % len(SENTENCES)]
        if n % 3 == 0:
            en = f'<bpt i="1" type="bold">&lt;b></bpt>{en}<ept i="1">&lt;/b></ept> {n}.'
            fa = f'<bpt i="1" type="bold">&lt;b></bpt>{fa}<ept i="1">&lt;/b></ept> {n}.'
        elif n % 3 == 1:
            en = f'{en}<ph x="1" type="lb">&lt;br/></ph>number {n}.'
            fa = f'{fa}<ph x="1" type="lb">&lt;br/></ph>شماره‌ی {n}.'
        else:
            en, fa = f"{en}, number {n}.", f"{fa}، شماره‌ی {n}."
        out.append(
            f'<tu tuid="{n}" creationid="bench" creationdate="20240302T140500Z">'
            f'<prop type="x-project">oil-2022</prop><note>unit {n}</note>'
            f'<tuv xml:lang="en-US"><seg>{en}</seg></tuv>'
            f'<tuv xml:lang="fa-IR"><seg>{fa}</seg></tuv></tu>\n'
        )
    out.append("</body></tmx>\n")
    return "".join(out).encode("utf-8")


def timings(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def row(label: str, ours: list[float], peer: list[float] | None = None, name: str = "") -> None:
    median = statistics.median(ours) * 1000
    text = f"  {label:<44} median {median:9.1f} ms  p95 {percentile(ours, 95) * 1000:9.1f} ms"
    if peer:
        ratio = statistics.median(peer) / statistics.median(ours)
        text += (
            f"   | {name} median {statistics.median(peer) * 1000:9.1f} ms"
            f"  p95 {percentile(peer, 95) * 1000:9.1f} ms  ratio {ratio:5.2f}x"
        )
    print(text)


def read_ours(data: bytes) -> int:
    return sum(1 for _ in tmx.Reader.from_bytes(data, "en", "fa", "bench.tmx").tmx_units())


def read_peer(data: bytes) -> int:
    store = tmxfile.parsestring(data)
    return sum(1 for u in store.units if u.source and u.target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = generated(args.units)
    print(f"TMX with inline codes: {args.units:,} units, {len(data) / 1e6:.1f} MB")
    assert read_ours(data) == read_peer(data) == args.units
    ours = timings(lambda: read_ours(data), args.runs)
    peer = timings(lambda: read_peer(data), args.runs)
    row("read: stream, codes and metadata kept", ours, peer, "tmxfile")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bench.tmx"
        source.write_bytes(data)
        times = []
        for n in range(max(2, args.runs // 2)):
            root = Path(tmp) / f"p{n}"
            (root / "locales").mkdir(parents=True)
            start = time.perf_counter()
            tmx.import_tmx(root, source, "en", "fa")
            times.append(time.perf_counter() - start)
        row("import: copy, read, index into the memory", times)


if __name__ == "__main__":
    main()
