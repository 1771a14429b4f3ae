"""The project's glossary file: load it (cached), save it, modify it under its lock."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import GlossaryError
from workbench.glossary.model import Glossary
from workbench.util import derived, files

try:
    # Start-up time: hashlib loads OpenSSL (2.5 ms), and its blake2b is this
    # built-in one anyway.
    from _blake2 import blake2b
except ImportError:  # a Python built without its own hashes
    from hashlib import blake2b

if TYPE_CHECKING:
    from workbench.project import Project

#: Where the canonical glossary lives in a project.
FILENAME = "glossary.tbx"


class _Cached:
    """A glossary parsed, with the status and digest of the file it was read from."""

    # Start-up time: not a dataclass (see the package's docstring).
    __slots__ = ("key", "digest", "glossary")

    def __init__(
        self, key: tuple[int, int, int, int] | None, digest: bytes, glossary: Glossary
    ) -> None:
        self.key = key  # None: not known to tell versions apart
        self.digest = digest
        self.glossary = glossary


_CACHE: dict[Path, _Cached] = {}
# A file changed twice within the file system's timestamp granularity can keep
# its (mtime, size) and, after os.replace, even reuse an inode: for a file this
# young, compare the bytes too (git's "racy" index entries have the same cure).
_RACY_NS = 2_000_000_000
#: The shape of the parsed glossary kept in the instance's cache.
_FORMAT = 2


def glossary_path(project: Project) -> Path:
    """Return the canonical glossary file of *project*."""
    return project.glossary_dir / FILENAME


def load(project: Project) -> Glossary:
    """Return the project's glossary (empty if it has no glossary file yet)."""
    path = glossary_path(project)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        return Glossary()
    except OSError as exc:
        raise GlossaryError(
            f"cannot be read ({exc.strerror})", path=project.relative(path)
        ) from exc
    with fh:
        st = os.fstat(fh.fileno())
        # ctime too: an edit in place that puts the old mtime back keeps the rest.
        key = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
        cached = _CACHE.get(path)
        racy = abs(time.time_ns() - st.st_mtime_ns) < _RACY_NS
        if cached is not None and cached.key == key and not racy:
            return cached.glossary
        kept_at = project.instance_dir / "cache" / "glossary.pickle"
        kept = None
        if cached is None:
            # A new process: the glossary the last one parsed is kept in the
            # instance's cache (a fortieth of the parse) with the file's
            # status and digest. The same status needs no digest, unless the
            # file is young enough for a rewrite to have kept it.
            kept = _kept(kept_at)
            if kept is not None and kept.key == key and not racy:
                _CACHE[path] = kept
                return kept.glossary
        data = fh.read()
    digest = _digest(data)
    if cached is not None and cached.digest == digest:
        glossary = cached.glossary
    else:
        if kept is None:
            kept = _kept(kept_at)
        if kept is not None and kept.digest == digest:
            glossary = kept.glossary
        else:
            # Start-up time: the TBX reader is needed only when the cache is stale.
            from workbench.glossary import tbx

            glossary = tbx.loads(data, project.relative(path))
    _CACHE[path] = _Cached(key, digest, glossary)
    # A status taken within the racy window is not kept: a rewrite in the
    # same timestamp tick could keep it, so the next process digests again.
    sure = None if racy else key
    # Bytes this process had seen were kept when it first read them.
    new_here = cached is None or cached.digest != digest
    kept_already = kept is not None and (kept.key, kept.digest) == (sure, digest)
    if new_here and not kept_already:
        derived.write(kept_at, _kept_key(), _Cached(sure, digest, glossary), project.lock_dir)
    return glossary


def digest_of(project: Project, glossary: Glossary) -> bytes | None:
    """Return the digest of the file *glossary* was loaded from, if it is the one loaded last.

    None for a project without a glossary file, or a glossary this process
    has since loaded again: what is kept by it (a matcher made from it)
    then has no version to be kept under.
    """
    cached = _CACHE.get(glossary_path(project))
    return cached.digest if cached is not None and cached.glossary is glossary else None


def _kept_key() -> tuple:
    return (_FORMAT, derived.code_key())


def _kept(kept_at: Path) -> _Cached | None:
    kept = derived.read(kept_at, _kept_key())
    return kept if isinstance(kept, _Cached) else None


def _digest(data: bytes) -> bytes:
    # An unchanged glossary needs no digest at all.
    return blake2b(data, digest_size=16).digest()


def save(project: Project, glossary: Glossary) -> None:
    """Write *glossary* to the project's glossary file, atomically and locked.

    Prefer :func:`modify`, which also holds the lock while reading.
    """
    path = glossary_path(project)
    with files.locked(path, project.lock_dir):
        _write(project, path, glossary)


def modify(project: Project, change: Callable[[Glossary], Glossary]) -> Glossary:
    """Apply *change* to the current glossary and save the result, all under the lock.

    Two processes editing at once each see the other's finished edit: neither
    is lost. Nothing is written if *change* raises or changes nothing.
    """
    path = glossary_path(project)
    with files.locked(path, project.lock_dir):
        current = load(project)
        new = change(current)
        if new is not current and new != current:
            _write(project, path, new)
        return new


def _write(project: Project, path: Path, glossary: Glossary) -> None:
    # Start-up time: see load.
    from workbench.glossary import tbx

    data = tbx.dumps(glossary, project.source_language)
    files.atomic_write(path, data)
    st = os.stat(path)
    digest = _digest(data)
    _CACHE[path] = _Cached(
        (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns), digest, glossary
    )
