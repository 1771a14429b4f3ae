"""Earlier versions of each catalog, kept before every overwrite, and restored with one command.

Before the workbench replaces a catalog (a save, a dismissal, ``update``,
``pretranslate``, a restore), the version on disk is kept under
``instance/backups/`` beside the catalog's own path, named by the time it
was replaced. It is kept as a hard link to the replaced file where the file
system allows one (no copy, no time): a program that was still writing the
file in place, as nano does, then goes on writing into the kept version, so
its edit is not lost. Elsewhere (a FAT stick) the file is copied.

What is kept is bounded per catalog: the newest :data:`KEEP_NEWEST`
versions, then the last one of each hour for :data:`HOURS` hours and of each
day for :data:`DAYS` days, and never more than :data:`MAX_BYTES` in all but
the newest three. ``workbench restore FILE`` lists the versions of a catalog
and puts one back, atomically and under the catalog's lock, keeping the
version it replaces like any other.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench.catalogs import pofile
from workbench.catalogs.model import FUZZY, REVIEWED, TRANSLATED
from workbench.errors import CatalogError, StorageError, WorkbenchError
from workbench.project import Project
from workbench.util import files

KEEP_NEWEST = 20
HOURS = 48
DAYS = 30
MAX_BYTES = 64 * 1024 * 1024
_SUFFIX = ".po"


@dataclass(frozen=True)
class Version:
    """One kept version of a catalog: when it was replaced, and its file."""

    number: int  # 1 is the newest
    at: float
    path: Path
    size: int

    @property
    def when(self) -> str:
        """The time it was replaced, in UTC."""
        return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(self.at))


def folder(project: Project, catalog: Path) -> Path:
    """Return the folder that keeps the earlier versions of *catalog*."""
    relative = Path(os.path.abspath(catalog)).relative_to(os.path.abspath(project.root))
    return project.instance_dir / "backups" / relative


def keep(project: Project, catalog: Path, now: float | None = None) -> Path | None:
    """Keep the version of *catalog* now on disk; return where (None if there is none).

    Called by a writer that holds the catalog's lock, just before it
    replaces the file. Raises StorageError if the version cannot be kept:
    nothing is overwritten without its previous version kept.
    """
    now = time.time() if now is None else now
    where = folder(project, catalog)
    target = where / f"{int(now * 1e9):020d}{_SUFFIX}"
    try:
        where.mkdir(parents=True, exist_ok=True)
        while target.exists():  # two writes within a nanosecond's tick
            target = target.with_name(f"{int(target.stem) + 1:020d}{_SUFFIX}")
        try:
            os.link(catalog, target)
        except FileNotFoundError:
            return None  # a new catalog: nothing to keep
        except OSError:
            # No hard links here (FAT) or another file system: copy, atomically.
            files.atomic_write(target, Path(catalog).read_bytes())
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StorageError(
            f"could not keep its previous version in {project.relative(where)} "
            f"({exc.strerror or exc}); nothing was changed",
            path=project.relative(Path(catalog)),
        ) from exc
    _prune(where, now)
    return target


def keeper(project: Project, catalog: Path) -> Callable[[os.stat_result], None]:
    """Return a ``before_replace`` hook that keeps *catalog*'s version on disk."""

    def before_replace(_written: os.stat_result) -> None:
        keep(project, catalog)

    return before_replace


def versions(project: Project, catalog: Path) -> list[Version]:
    """Return the kept versions of *catalog*, newest first."""
    try:
        kept = _kept(folder(project, catalog))
    except FileNotFoundError:
        return []
    return [Version(i, at, path, size) for i, (at, path, size) in enumerate(kept, 1)]


def _prune(where: Path, now: float) -> None:
    """Drop the versions beyond what is kept (see the module's docstring)."""
    try:
        kept = _kept(where)
    except OSError:
        return
    keep_set: set[Path] = set()
    hours: set[int] = set()
    days: set[int] = set()
    for i, (at, path, _size) in enumerate(kept):
        age = now - at
        if i < KEEP_NEWEST:
            keep_set.add(path)
        elif age < HOURS * 3600 and int(at // 3600) not in hours:
            hours.add(int(at // 3600))
            keep_set.add(path)
        elif age < DAYS * 86400 and int(at // 86400) not in days:
            days.add(int(at // 86400))
            keep_set.add(path)
    total = 0
    for i, (_at, path, size) in enumerate(kept):
        if path in keep_set:
            total += size
            if total > MAX_BYTES and i >= 3:
                keep_set.discard(path)
    for _at, path, _size in kept:
        if path not in keep_set:
            with contextlib.suppress(OSError):
                path.unlink()


def _kept(where: Path) -> list[tuple[float, Path, int]]:
    """Return (time, path, size) of the versions in *where*, newest first."""
    found = []
    for entry in os.scandir(where):
        stem = entry.name.removesuffix(_SUFFIX)
        if entry.name.endswith(_SUFFIX) and stem.isdigit():
            found.append((int(stem), Path(entry.path), entry.stat().st_size))
    found.sort(reverse=True)
    return [(ns / 1e9, path, size) for ns, path, size in found]


@dataclass(frozen=True)
class Summary:
    """What a kept version holds, for the list ``workbench restore`` shows."""

    version: Version
    units: int | None  # None: the version is not a valid PO file
    translated: int
    fuzzy: int
    problem: str | None


def summarise(project: Project, version: Version) -> Summary:
    """Read *version* and count its units."""
    if version.size == 0:
        # Kept from a catalog that was emptied: nothing to put back.
        return Summary(version, None, 0, 0, "the file is empty")
    try:
        catalog = pofile.read(version.path, f"version {version.number}")
    except WorkbenchError as exc:
        return Summary(version, None, 0, 0, str(exc))
    active = [e for e in catalog.entries if not e.obsolete]
    return Summary(
        version,
        len(active),
        sum(e.status in (TRANSLATED, REVIEWED) for e in active),
        sum(e.status == FUZZY for e in active),
        None,
    )


def restore(project: Project, catalog: Path, number: int) -> Version:
    """Put version *number* of *catalog* back, keeping the version it replaces.

    Only a version that is a valid PO file is restored; the write is atomic
    and under the catalog's lock, like every other.
    """
    kept = versions(project, catalog)
    chosen = next((v for v in kept if v.number == number), None)
    name = project.relative(Path(catalog))
    if chosen is None:
        raise CatalogError(
            f"has no kept version {number}; list them with: workbench restore {name}", path=name
        )
    data = chosen.path.read_bytes()
    summary = summarise(project, chosen)
    if summary.units is None:
        raise CatalogError(
            f"version {number} is not a valid PO file ({summary.problem}); choose another",
            path=name,
        )
    with files.locked(catalog, project.lock_dir):
        files.atomic_write(catalog, data, keeper(project, catalog))
    return chosen
