"""Git bundles for a USB stick: written, encrypted, and checked whole before use.

A bundle is git's own file of commits (``git bundle``): the commits a branch
has beyond some prerequisites. Encrypted, it is an age file (the format of
the ``age`` tool, scrypt with a passphrase, through pyrage): a stick taken at
a checkpoint reveals nothing, not even the project's name. Reading detects
which it is by the first bytes.

Before anything is unpacked, :func:`read` checks the bundle's header and the
checksum at the end of its pack, and age authenticates every chunk of an
encrypted file: a bundle changed on the way (or copied half) is refused
whole.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import pyrage

from workbench.errors import SyncError
from workbench.sync.gitrepo import Git

AGE_BINARY = b"age-encryption.org/"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
_SIGNATURES = (b"# v2 git bundle\n", b"# v3 git bundle\n")
_OID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?\Z")


@dataclass(frozen=True)
class Bundle:
    """A checked bundle: the commits it needs first, and the branch it carries."""

    prerequisites: tuple[str, ...]
    ref: str
    head: str


def is_encrypted(data: bytes) -> bool:
    """Tell whether *data* is an age file (binary or armored)."""
    return data.startswith(AGE_BINARY) or data.lstrip().startswith(AGE_ARMOR)


def encrypt(data: bytes, passphrase: str) -> bytes:
    """Encrypt *data* with *passphrase* in the age format."""
    if not passphrase:
        raise SyncError("the passphrase is empty; choose one and give it to those who will apply")
    try:
        return pyrage.passphrase.encrypt(data, passphrase)
    except pyrage.EncryptError as exc:  # pragma: no cover - pyrage fails only on bad input
        raise SyncError(f"the bundle could not be encrypted ({exc})") from exc


def decrypt(data: bytes, passphrase: str, name: str) -> bytes:
    """Decrypt an age file, or refuse it: a wrong passphrase and a changed file look alike."""
    try:
        return pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError:
        raise SyncError(
            f"{name} could not be decrypted: the passphrase is wrong, or the file was changed "
            "or cut short on the way; nothing was applied"
        ) from None


def create(git: Git, branch: str, since: str | None) -> bytes:
    """Return a bundle of *branch*: everything, or the commits after *since*."""
    folder = git.root / "instance" / "sync"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "outgoing.bundle"
    try:
        args = ["bundle", "create", "--quiet", str(target), f"refs/heads/{branch}"]
        if since:
            args.append(f"^{since}")
        git.run(*args, what="git bundle")
        return target.read_bytes()
    finally:
        target.unlink(missing_ok=True)


def read(data: bytes, name: str) -> Bundle:
    """Check a (decrypted) bundle whole and return what it carries; refuse it otherwise."""
    if not data.startswith(_SIGNATURES):
        raise SyncError(
            f"{name} is not a workbench bundle (neither a git bundle nor an encrypted one); "
            "check that you picked the right file"
        )
    end = data.find(b"\n\n")
    if end == -1:
        raise _changed(name)
    try:
        lines = data[:end].decode("ascii").split("\n")[1:]
    except UnicodeDecodeError:
        raise _changed(name) from None
    prerequisites: list[str] = []
    refs: list[tuple[str, str]] = []
    algorithm = "sha1"
    for line in lines:
        if line.startswith("@"):
            if line.startswith("@object-format="):
                algorithm = line.split("=", 1)[1].strip()
            continue
        if line.startswith("-"):
            oid = line[1:].split(" ", 1)[0]
            if not _OID.match(oid):
                raise _changed(name)
            prerequisites.append(oid)
            continue
        oid, _, ref = line.partition(" ")
        if not _OID.match(oid) or not ref.startswith("refs/"):
            raise _changed(name)
        refs.append((oid, ref))
    _check_pack(data[end + 2 :], algorithm, name)
    heads = [(oid, ref) for oid, ref in refs if ref.startswith("refs/heads/")]
    if not heads:
        raise SyncError(f"{name} carries no branch; it was not written by workbench sync")
    oid, ref = heads[0]
    return Bundle(tuple(prerequisites), ref, oid)


def _check_pack(pack: bytes, algorithm: str, name: str) -> None:
    size = 32 if algorithm == "sha256" else 20
    if len(pack) < 12 + size or not pack.startswith(b"PACK"):
        raise _changed(name)
    digest = hashlib.new(algorithm, pack[:-size]).digest()
    if digest != pack[-size:]:
        raise _changed(name)


def _changed(name: str) -> SyncError:
    return SyncError(
        f"{name} was changed or cut short on the way (its checksum does not match); "
        "nothing was applied; copy it again"
    )
