"""Atomic, locked writes: the only way the workbench changes a file.

A write goes to a temporary file in the same folder, is flushed and fsynced,
and replaces the target with :func:`os.replace`, so a reader sees the old file
or the new one and never a mix. A per-file lock (an OS-level lock: ``flock``
on POSIX systems, ``filelock`` elsewhere; held across threads and processes,
released by the kernel when a process dies) keeps two writers from
interleaving read-modify-write cycles.

A project's files are locked in its ``instance/locks``; so are the files it
writes elsewhere (an export on a USB stick), which get no lock file beside
them and no folder made for them (:func:`require_folder`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from workbench.errors import StorageError
from workbench.messages import N_, Data, Message

try:
    import fcntl
except ImportError:  # Windows: filelock's lock instead
    fcntl = None  # type: ignore[assignment]

try:
    # Start-up time: hashlib loads OpenSSL (2.5 ms) for a lock's name; this is
    # the SHA-1 hashlib itself falls back to, the same digest.
    from _sha1 import sha1 as _sha1
except ImportError:  # a Python built without its own hashes
    from hashlib import sha1 as _sha1

#: Seconds a writer waits for another writer before giving up with an error.
LOCK_TIMEOUT = 60.0


def lock_path(path: Path, lock_dir: Path | None = None) -> Path:
    """Return the lock file that guards *path*.

    Locks live in *lock_dir* (a project's ``instance/locks``) when given, so
    that the folders under version control stay free of lock files.
    """
    path = Path(os.path.abspath(path))
    if lock_dir is None:
        return path.with_name(f".{path.name}.lock")
    digest = _sha1(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return lock_dir / f"{path.name}.{digest}.lock"


@contextlib.contextmanager
def locked(path: Path, lock_dir: Path | None = None) -> Iterator[None]:
    """Hold the lock of *path* for the duration of the block."""
    lp = lock_path(path, lock_dir)
    lp.parent.mkdir(parents=True, exist_ok=True)
    with _held(lp, path):
        _sweep(Path(path))
        yield


@contextlib.contextmanager
def _held(lp: Path, path: Path) -> Iterator[None]:
    """Hold the OS lock on the lock file *lp*, waiting up to LOCK_TIMEOUT seconds."""
    if fcntl is None:
        # Start-up time: filelock loads logging and more; only Windows needs it.
        from filelock import FileLock

        lock = FileLock(str(lp), timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except TimeoutError as exc:
            raise _timed_out(lp, path) from exc
        try:
            yield
        finally:
            lock.release()
        return
    # flock, as filelock takes it on POSIX: a writer using either waits for the other.
    fd = os.open(lp, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _timed_out(lp, path) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _timed_out(lp: Path, path: Path) -> StorageError:
    return StorageError(
        Message.of(
            N_(
                "another writer has held the lock %(lock)s for %(seconds)s s; wait for it to "
                "finish and try again"
            ),
            lock=Data(str(lp)),
            seconds=int(LOCK_TIMEOUT),
        ),
        path=path,
    )


def _sweep(path: Path) -> None:
    """Remove temporary files a killed writer of *path* left behind.

    Called with the lock held: every writer of *path* holds it while its
    temporary file exists, so any such file now is an orphan.
    """
    # The names atomic_write gives: ".NAME." + anything + ".tmp".
    prefix, suffix = f".{path.name}.", ".tmp"
    least = len(prefix) + len(suffix)
    try:
        with os.scandir(path.parent) as entries:
            orphans = [
                entry.path
                for entry in entries
                if entry.name.startswith(prefix)
                and entry.name.endswith(suffix)
                and len(entry.name) >= least
            ]
    except OSError:
        return
    for orphan in orphans:
        with contextlib.suppress(OSError):
            os.unlink(orphan)


def require_folder(path: Path) -> None:
    """Raise :class:`StorageError` unless the folder *path* goes in exists.

    For a file written where the user says (an export, a bundle for a USB
    stick): a missing folder is a mistyped path or a drive not mounted, to be
    said rather than made.
    """
    folder = Path(path).parent
    if not folder.is_dir():
        raise _no_folder(Path(path), folder)


def _no_folder(path: Path, folder: Path) -> StorageError:
    if os.path.lexists(folder):
        reason = Message.of(
            N_("%(folder)s is not a folder; write the file elsewhere (nothing was written)"),
            folder=Data(str(folder)),
        )
    else:
        reason = Message.of(
            N_("the folder %(folder)s does not exist; create it first (nothing was written)"),
            folder=Data(str(folder)),
        )
    return StorageError(reason, path=path)


def atomic_write(
    path: Path,
    data: bytes | str,
    before_replace: Callable[[os.stat_result], None] | None = None,
    durable: bool = True,
    *,
    make_folder: bool = True,
) -> os.stat_result:
    """Replace *path* with *data* atomically; on failure the old file stays.

    Returns the new file's status once in place. *before_replace*, if
    given, is called with its status just before the new file takes the old
    one's place (a rename keeps inode, size and mtime, not ctime), so a cache
    can know the new version first. ``durable=False`` skips flushing the
    file and its folder to the disk: for derived files only, which a power
    cut may empty but never half-replace with another's bytes. The folder is
    made if missing, unless ``make_folder=False`` (a file the user placed:
    see :func:`require_folder`).
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    with _staged(path, before_replace, durable, make_folder) as staged:
        staged.file.write(data)
    assert staged.status is not None  # set once the new file is in place
    return staged.status


@contextlib.contextmanager
def atomic_stream(
    path: Path, before_replace: Callable[[os.stat_result], None] | None = None
) -> Iterator[BinaryIO]:
    """Write *path* through the binary file the block is given; replace it atomically.

    For data too large to hold in memory. The file is a temporary one beside
    *path*, open for reading too, so a writer can check what it wrote before
    it takes the old file's place at the end of the block. If the block
    raises, the temporary file is removed and the old file stays; an OSError
    in the block counts as a failed write. *before_replace* is as for
    :func:`atomic_write`.
    """
    with _staged(path, before_replace) as staged:
        yield staged.file


class _Staged:
    """A new version of a file in its temporary file; its status once in place."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.status: os.stat_result | None = None


@contextlib.contextmanager
def _staged(
    path: Path,
    before_replace: Callable[[os.stat_result], None] | None,
    durable: bool = True,
    make_folder: bool = True,
) -> Iterator[_Staged]:
    """Give the block a temporary file beside *path*; then flush, fsync and replace *path*."""
    path = Path(path)
    folder = path.parent
    try:
        if make_folder:
            folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = _new_temporary(path)
    except OSError as exc:
        if not make_folder and exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise _no_folder(path, folder) from exc
        raise _storage_error(path, exc) from exc
    try:
        with os.fdopen(fd, "w+b") as fh:
            staged = _Staged(fh)
            yield staged
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
            written = os.fstat(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, _mode_for(path))
        if before_replace is not None:
            before_replace(written)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _storage_error(path, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(folder)
    # The rename changed the ctime, which tells file versions apart. If
    # another program has replaced the file already, the status from before
    # the rename is the safe answer: it matches no file, so readers re-read.
    with contextlib.suppress(OSError):
        renamed = os.stat(path)
        if renamed.st_ino == written.st_ino:
            written = renamed
    staged.status = written


# As tempfile.mkstemp opens its file (which would cost the tempfile module's
# import, with shutil and random, at every start): created, never reused.
_NEW_FILE = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _new_temporary(path: Path) -> tuple[int, str]:
    """Create and open a new file ``.NAME.RANDOM.tmp`` beside *path*, for its owner only."""
    folder = os.path.abspath(path.parent)
    for _ in range(100):
        tmp = os.path.join(folder, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _NEW_FILE, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", folder)


def _current_umask() -> int:
    # Read once at import: os.umask can only be read by setting it, which is
    # not safe once threads run.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _mode_for(path: Path) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on Windows, where
    # opening a directory fails, and not needed there.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _storage_error(path: Path, exc: OSError) -> StorageError:
    if exc.errno == errno.ENOSPC:
        reason = Message.of(
            N_("the disk is full; free some space and save again (nothing was changed)")
        )
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = Message.of(
            N_("no permission to write here; check the folder's permissions (nothing was changed)")
        )
    else:
        reason = Message.of(
            N_("could not be written (%(reason)s); nothing was changed"),
            reason=Data(exc.strerror or str(exc)),
        )
    return StorageError(reason, path=path)
