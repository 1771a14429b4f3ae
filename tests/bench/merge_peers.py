"""The PO merge drivers projects use today, run on the same three files as ours.

- Weblate's driver (``examples/git-merge-gettext-po`` in Weblate's repository,
  MIT): a pipeline of GNU gettext tools. Re-written here step by step from its
  description: canonicalise the three files with msguniq; the units unchanged
  everywhere (msgcat of all three, without the ``#-#-#-#-#`` conflict entries);
  each side's changes (msgcat of side and base, conflict entries only, put on
  the side's template with msgmerge, obsolete entries dropped); the units
  changed on both sides (msgcat of both change sets, conflict entries only);
  the rest of each side's changes; all of that concatenated, put on the union
  of both sides' units with msgmerge, and this side's header put back.
  It exits 1 when a ``#-#-#-#-#`` conflict is left.
- po3way (PyPI ``po3way``): ``po3way --git-merge-driver -- LOCAL BASE REMOTE``.
- ``git merge-file``: git's own line-based merge.

Each function takes the three texts and returns the merged text, how many
conflicts the tool reported, and its wall time. Used by
``tests/bench/bench_sync.py``; not part of the product.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.sync.pomerge import merge_texts

CONFLICT_MARK = "#-#-#-#-#"


@dataclass(frozen=True)
class Outcome:
    text: str
    conflicts: int
    seconds: float
    failed: str = ""  # the tool could not produce a result at all


def _run(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run(list(args), input=stdin, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]}: {done.stderr.strip()[:300]}")
    return done.stdout


def weblate(base: str, ours: str, theirs: str) -> Outcome:
    """Weblate's msgcat/msgmerge driver, step by step."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="weblate-driver-") as folder:
        tmp = Path(folder)
        for name, text in (("base.in", base), ("local.in", ours), ("other.in", theirs)):
            (tmp / name).write_text(text, encoding="utf-8")
        header = _run("msggrep", "--force-po", "-N", "//", str(tmp / "local.in"))
        (tmp / "header").write_text(header, encoding="utf-8")
        for name in ("base", "local", "other"):
            _run(
                "msguniq", "--force-po", "--unique", "-o", str(tmp / name), str(tmp / f"{name}.in")
            )
        everything = _run(
            "msgcat", "--force-po", "-o", "-", *(str(tmp / n) for n in ("base", "local", "other"))
        )
        unchanged = _run(
            "msggrep", "-v", "--msgstr", "-F", "-e", CONFLICT_MARK, "-", stdin=everything
        )
        (tmp / "unchanged").write_text(unchanged, encoding="utf-8")
        for side in ("local", "other"):
            both = _run("msgcat", "--force-po", "-o", "-", str(tmp / side), str(tmp / "base"))
            only = _run(
                "msggrep", "--force-po", "--msgstr", "-F", "-e", CONFLICT_MARK, "-", stdin=both
            )
            (tmp / f"{side}-only-raw").write_text(only, encoding="utf-8")
            on_template = _run(
                "msgmerge", "--force-po", "--quiet", "--no-fuzzy-matching", "-o", "-",
                str(tmp / side), str(tmp / f"{side}-only-raw"),
            )  # fmt: skip
            changes = _run("msgattrib", "--force-po", "--no-obsolete", "-", stdin=on_template)
            (tmp / f"{side}-changes").write_text(changes, encoding="utf-8")
        pair = _run(
            "msgcat",
            "--force-po",
            "-o",
            "-",
            str(tmp / "other-changes"),
            str(tmp / "local-changes"),
        )
        conflicts = _run(
            "msggrep", "--force-po", "--msgstr", "-F", "-e", CONFLICT_MARK, "-", stdin=pair
        )
        (tmp / "conflicts").write_text(conflicts, encoding="utf-8")
        for side in ("local", "other"):
            _run(
                "msgcat", "--force-po", "--unique", "-o", str(tmp / f"{side}-rest"),
                str(tmp / f"{side}-changes"), str(tmp / "conflicts"),
            )  # fmt: skip
        _run(
            "msgcat", "--force-po", "-o", str(tmp / "merge1"), str(tmp / "unchanged"),
            str(tmp / "conflicts"), str(tmp / "local-rest"), str(tmp / "other-rest"),
        )  # fmt: skip
        template = _run("msgcat", "--force-po", "-o", "-", str(tmp / "local"), str(tmp / "other"))
        (tmp / "template").write_text(template, encoding="utf-8")
        _run(
            "msgmerge", "--force-po", "--quiet", "--no-fuzzy-matching", "-o", str(tmp / "merge2"),
            str(tmp / "merge1"), str(tmp / "template"),
        )  # fmt: skip
        _run(
            "msgcat", "--force-po", "--use-first", "-o", str(tmp / "merge3"),
            str(tmp / "header"), str(tmp / "merge2"),
        )  # fmt: skip
        text = (tmp / "merge3").read_text(encoding="utf-8")
    seconds = time.perf_counter() - started
    return Outcome(text, _count_msgcat_conflicts(text), seconds)


def _count_msgcat_conflicts(text: str) -> int:
    # msgcat writes each side of a conflicting msgstr after a "#-#-#-#-#  file  #-#-#-#-#" line.
    return sum(1 for block in text.split("\n\n") if CONFLICT_MARK in block)


def po3way(base: str, ours: str, theirs: str) -> Outcome:
    """po3way as a git merge driver (LOCAL BASE REMOTE; the result in LOCAL)."""
    program = shutil.which("po3way")
    if program is None:
        return Outcome("", 0, 0.0, "po3way is not installed (pip install po3way)")
    with tempfile.TemporaryDirectory(prefix="po3way-") as folder:
        tmp = Path(folder)
        paths = []
        for name, text in (("local.po", ours), ("base.po", base), ("remote.po", theirs)):
            (tmp / name).write_text(text, encoding="utf-8")
            paths.append(str(tmp / name))
        started = time.perf_counter()
        try:
            subprocess.run(
                [program, "--git-merge-driver", "--", *paths],
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Outcome("", 0, 600.0, "gave up after 600 s")
        seconds = time.perf_counter() - started
        text = (tmp / "local.po").read_text(encoding="utf-8")
    return Outcome(text, text.count("<<<<<<<"), seconds)


def git_merge_file(base: str, ours: str, theirs: str) -> Outcome:
    """git's own line merge of the three files."""
    with tempfile.TemporaryDirectory(prefix="merge-file-") as folder:
        tmp = Path(folder)
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            (tmp / name).write_text(text, encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run(
            ["git", "merge-file", "-p", str(tmp / "ours"), str(tmp / "base"), str(tmp / "theirs")],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
    return Outcome(done.stdout, done.stdout.count("<<<<<<<"), seconds)


def workbench(base: str, ours: str, theirs: str) -> Outcome:
    """Ours, in process (the driver adds one process start, measured apart)."""
    started = time.perf_counter()
    merged = merge_texts(base, ours, theirs)
    seconds = time.perf_counter() - started
    return Outcome(merged.text, len(merged.conflicts) + len(merged.header_conflicts), seconds)


TOOLS: dict[str, Callable[[str, str, str], Outcome]] = {
    "workbench": workbench,
    "weblate": weblate,
    "po3way": po3way,
    "git merge-file": git_merge_file,
}
