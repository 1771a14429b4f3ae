"""What a sync must never commit or send: a merge left unfinished, and git's conflict markers.

Someone who ran ``git pull`` or ``git merge`` by hand and met a conflict has
a work tree with unmerged files, most often with git's conflict markers
(``<<<<<<<``, ``=======``, ``>>>>>>>``) written into them. Committing that
with ``git add --all`` would mark the conflict as resolved and send the
markers to everyone: a catalog that no longer reads, a statement whose
marker lines become units to translate. Before a sync commits anything,
:func:`refuse_unfinished` and :func:`refuse_markers` raise
:class:`~workbench.errors.SyncError` naming the file (and the line of a
marker) and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from workbench.errors import SyncError
from workbench.messages import N_, Data, Message, Number
from workbench.sync.gitrepo import Git

# The three marker lines, in order, as git writes them (diff3's ||||||| base
# section falls inside). A line of seven = alone may underline a heading;
# only the whole sequence is a conflict.
_CONFLICT = re.compile(
    rb"^<<<<<<<(?:[ \t][^\n]*)?\r?\n.*?^=======\r?\n.*?^>>>>>>>(?:[ \t][^\n]*)?\r?$",
    re.MULTILINE | re.DOTALL,
)
#: Git's files for an operation that stopped for a person to finish it, and its name.
_UNDER_WAY = (
    ("rebase-merge", "rebase"),
    ("rebase-apply", "rebase"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
    ("MERGE_HEAD", "merge"),
)


def refuse_unfinished(git: Git, paths: Sequence[str]) -> list[str]:
    """Raise SyncError if git holds an unmerged file or a merge, rebase, cherry-pick or
    revert stopped for a person to finish it (a rebase leaves no branch to sync).

    Returns the files under *paths* that differ from HEAD or are new, as
    :func:`refuse_markers` takes them: git is asked once.
    """
    status = _status(git, paths)
    unmerged = [path for state, path in status if state in _UNMERGED]
    operation = _operation(git)
    if unmerged:
        raise SyncError(
            Message.of(
                N_(
                    "%(files)s: a %(operation)s run by hand stopped on a conflict here and is not "
                    "finished; nothing was committed. Undo it with: %(undo)s, then sync again "
                    "(sync merges catalogs unit by unit and the glossary concept by concept); "
                    "or finish it: edit the file, %(add)s it, %(commit)s"
                ),
                files=first_of(unmerged),
                operation=Data(f"git {operation or 'merge'}"),
                undo=Data(f"git {operation or 'merge'} --abort"),
                add=Data("git add"),
                commit=Data("git commit"),
            )
        )
    if operation == "rebase":
        raise SyncError(
            Message.of(
                N_(
                    "a %(operation)s is under way; finish it with %(finish)s or undo it with "
                    "%(undo)s, then sync again; nothing was committed"
                ),
                operation=Data("git rebase"),
                finish=Data("git rebase --continue"),
                undo=Data("git rebase --abort"),
            )
        )
    return [path for _state, path in status]


def first_of(paths: Sequence[str]) -> Data | Message:
    """Name the first of *paths*, and how many more there are ("x.po (and 2 more)")."""
    if len(paths) == 1:
        return Data(paths[0])
    return Message.of(
        N_("%(file)s (and %(n)s more)"), file=Data(paths[0]), n=Number(len(paths) - 1)
    )


def refuse_markers(
    git: Git,
    paths: Sequence[str],
    changed: Sequence[str],
    since: str | None = None,
    *,
    whole: bool = False,
) -> None:
    """Raise SyncError if a file under *paths* that a commit and a send would carry holds
    git's conflict markers: one of *changed* (what :func:`refuse_unfinished` returned), one
    changed since *since*, or with *whole* (a first push, a full bundle: every file is
    sent) any file."""
    for path in _sent(git, paths, changed, since, whole):
        found = _first_conflict(git.root, path)
        if found is not None:
            raise SyncError(
                Message.of(
                    N_(
                        "git's conflict markers (%(markers)s) are in the file, left by a merge; "
                        "keep the right text, delete the marker lines, then sync again; nothing "
                        "was committed"
                    ),
                    markers=Data("<<<<<<<, =======, >>>>>>>"),
                ),
                path=path,
                line=found,
            )


#: The two letters ``git status --porcelain`` gives an unmerged path.
_UNMERGED = frozenset({"DD", "AU", "UD", "UA", "DU", "AA", "UU"})


def _status(git: Git, paths: Sequence[str]) -> list[tuple[str, str]]:
    """Return (state, path) of each path under *paths* git sees as changed, new or unmerged."""
    if not paths:
        return []
    out = git.run(
        "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", *paths
    ).out
    return [(item[:2], item[3:]) for item in out.split("\0") if len(item) > 3]


def _operation(git: Git) -> str | None:
    # The common case, a .git folder, needs no git process to find.
    folder = git.root / ".git"
    git_dir = folder if folder.is_dir() else git.git_dir()
    for name, operation in _UNDER_WAY:
        if (git_dir / name).exists():
            return operation
    return None


def _sent(
    git: Git, paths: Sequence[str], changed: Sequence[str], since: str | None, whole: bool
) -> list[str]:
    """Return the files under *paths* a commit and a push now would carry, each once."""
    if not paths:
        return []
    found = list(changed)
    head = git.head() if since is not None else None
    if whole:
        found += git.out("ls-files", "-z", "--", *paths).split("\0")
    elif since is not None and head is not None and since != head:
        found += git.out(
            "diff", "--name-only", "--no-renames", "-z", since, "HEAD", "--", *paths
        ).split("\0")
    return [p for p in dict.fromkeys(found) if p]


def _first_conflict(root: Path, path: str) -> int | None:
    """Return the line of the first conflict in the file *path* under *root*, or None."""
    try:
        data = (root / path).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None
    except OSError as exc:
        raise SyncError(f"cannot be read ({exc.strerror})", path=path) from exc
    if b"<<<<<<<" not in data:
        return None
    match = _CONFLICT.search(data)
    if match is None:
        return None
    return data.count(b"\n", 0, match.start()) + 1
