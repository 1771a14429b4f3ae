"""Derived files: results kept on disk only to save time, used while their key still holds.

A derived file holds one pickled ``(key, value)`` pair. Reading it gives the
value only if the file exists, unpickles and carries the same key; anything
else (no file, a file cut short by a crash, one written by another version)
reads as nothing, and the caller computes the value again. Writing is atomic
and locked like every other write, but not flushed to the disk: losing a
derived file costs only the time to make it again.

Derived files live in the project's ``instance/cache``, written by the
workbench itself; nothing from outside the project's own instance folder is
ever unpickled.
"""

from __future__ import annotations

import functools
import gc
import os
import pickle
from pathlib import Path
from typing import Any

import workbench
from workbench.errors import WorkbenchError
from workbench.util import files


def read(path: Path, key: object) -> Any | None:
    """Return the value kept at *path* under *key*, or None if there is none that holds."""
    # Unpickling makes millions of objects and no garbage: without the
    # collector's passes over them it takes a third of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as fh:
            kept = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:
        # Cut short, or written by another version: it is only derived.
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(kept, tuple) or len(kept) != 2 or kept[0] != key:
        return None
    return kept[1]


def write(path: Path, key: object, value: object, lock_dir: Path | None = None) -> None:
    """Keep *value* at *path* under *key*; a failure (a full disk) only costs time later."""
    try:
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        with files.locked(path, lock_dir):
            files.atomic_write(path, data, durable=False)
    except (OSError, WorkbenchError, pickle.PicklingError):
        return


@functools.lru_cache(maxsize=1)
def code_key() -> tuple:
    """Return what tells this version of the workbench's code from another.

    An upgrade, or an edit of the code while developing, can change what a
    derived value would be: the version and the size and time of every
    module of the package, and of the word lists and tables its rules read
    (``.txt``, ``.tsv``), say so.
    """
    package = os.path.dirname(workbench.__file__)
    stats: list[tuple[str, int, int]] = []
    _module_stats(package, "", stats)
    stats.sort()
    return (workbench.__version__, tuple(stats))


# The package's files a derived value can depend on: its modules, and the
# word lists and tables they read (a Persian form depends on fa-prefixes.txt).
_READ_BY_THE_CODE = (".py", ".txt", ".tsv")


def _module_stats(folder: str, prefix: str, into: list[tuple[str, int, int]]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _module_stats(entry.path, f"{prefix}{entry.name}/", into)
            elif entry.name.endswith(_READ_BY_THE_CODE):
                st = entry.stat()
                into.append((prefix + entry.name, st.st_size, st.st_mtime_ns))
