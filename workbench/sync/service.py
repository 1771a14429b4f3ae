"""``workbench sync``: commit, fetch, merge, update, push; and bundles for a USB stick.

A sync, in one project that is a git work tree:

1. commits the translators' changes (statements, catalogs, glossary, memory
   imports, settings), as the person syncing, with an address that says nothing;
2. fetches the remote (in bounded time) and merges it with ``git merge-tree``:
   catalogs and the glossary through the merge driver (unit by unit, concept
   by concept), everything else with git's text merge. Nothing in the work
   tree changes until the merge is known to be clean: if a statement (or
   another text file) conflicts, the sync stops there and says which file and
   how to resolve it;
3. puts the merged files in place under the project's sync barrier and each
   file's lock, the locks every save takes: a file saved since step 1 is
   merged again with the result, so a save lands in the merge or after it,
   never lost; then moves the branch and the index, never the work tree;
4. runs ``update`` for the statements that changed, commits, and pushes.

Kill it at any point and the next sync recovers: a journal in
``instance/sync/`` says a sync was under way, and the lock files git leaves
behind when killed are removed; every file was replaced atomically, so none
is half-merged, and merging again what is already merged changes nothing.

Bundles carry the same history across a blackout: :func:`make_bundle` writes
what this machine's last bundle did not carry (or everything), optionally
encrypted (:mod:`workbench.sync.bundles`); :func:`apply_bundle` checks the
bundle whole before it unpacks anything, then merges it like a sync.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from workbench.catalogs import conflict as cf
from workbench.catalogs import pofile
from workbench.catalogs.store import sync_barrier
from workbench.catalogs.update import update_project
from workbench.errors import SyncError, WorkbenchError
from workbench.messages import N_, Data, Message
from workbench.project import Project
from workbench.sync import bundles
from workbench.sync.driver import merge_bytes
from workbench.sync.gitrepo import Git, TimedOut, configure, first_line, network_timeout, safe_url
from workbench.sync.unfinished import first_of, refuse_markers, refuse_unfinished
from workbench.util import files

#: What a sync commits: the project's truth, never instance/.
TRACKED = ("seeds", "locales", "glossary", "pyproject.toml", ".gitattributes", ".gitignore")
#: Lock files a killed git command leaves, relative to the git folder.
GIT_LOCKS = ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "config.lock", "packed-refs.lock")
#: Times a push is retried when the remote moved meanwhile.
PUSH_TRIES = 3


@dataclass
class SyncReport:
    """What a sync did, for the command line and the web."""

    remote: str | None = None
    url: str | None = None
    committed: int = 0  # local commits made of the translators' changes
    sent: int = 0  # commits the remote did not have
    received: int = 0  # commits this machine did not have
    merged: list[str] = field(default_factory=list)  # files the merge changed here
    updated: list[str] = field(default_factory=list)  # statements updated after the merge
    conflicts: list[dict] = field(default_factory=list)
    bundle: str | None = None
    bundle_bytes: int | None = None
    message: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


# -- state kept in instance/sync -------------------------------------------------------


def _state_dir(project: Project) -> Path:
    return project.instance_dir / "sync"


def last_sync(project: Project) -> dict | None:
    """Return what the last sync of this machine said (time, remote, counts), if any."""
    try:
        return json.loads((_state_dir(project) / "last.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _record(project: Project, report: SyncReport, kind: str) -> None:
    data = {
        "time": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "kind": kind,
        **report.as_dict(),
    }
    files.atomic_write(
        _state_dir(project) / "last.json", json.dumps(data, ensure_ascii=False, indent=1)
    )


@contextlib.contextmanager
def _session(project: Project, git: Git) -> Iterator[None]:
    """Hold the project's sync lock, recover from a killed sync, keep a journal meanwhile."""
    state = _state_dir(project)
    state.mkdir(parents=True, exist_ok=True)
    with files.locked(project.root / ".workbench-sync", project.lock_dir):
        journal = state / "journal"
        if journal.exists():
            recover(project, git)
        files.atomic_write(journal, f"{os.getpid()}\n")
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                journal.unlink()
            with contextlib.suppress(OSError):
                (state / "merge-report.jsonl").unlink()


def recover(project: Project, git: Git) -> list[str]:
    """Clean up after a sync that was killed: git's stale lock files and temporary files.

    Called with the sync lock held, so no other sync runs; the journal says
    the last one did not finish. Returns what was removed.
    """
    removed: list[str] = []
    git_dir = git.git_dir()
    candidates = [git_dir / name for name in GIT_LOCKS]
    candidates += list((git_dir / "refs").rglob("*.lock"))
    candidates += list(project.root.glob(".merge_file_*"))
    for path in candidates:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(str(path))
    return removed


# -- the steps ---------------------------------------------------------------------


def _open(project: Project, author: str | None) -> Git:
    git = Git(project.root, author)
    top = git.toplevel()
    if top is None:
        raise SyncError(
            f"{project.root} is not a git repository; make it one with: git init && "
            "git add -A && git commit -m start (or clone the team's repository), then sync"
        )
    if top != project.root.resolve():
        raise SyncError(
            f"the project {project.root} is inside the git work tree {top}; sync needs the "
            "project folder to be the top of its repository"
        )
    configure(project.root)
    return git


def tracked_paths(project: Project) -> list[str]:
    """Return the paths of :data:`TRACKED` the project has."""
    return [p for p in TRACKED if (project.root / p).exists()]


def commit_changes(git: Git, project: Project, message: str) -> bool:
    """Commit the translators' changes, if any; return whether a commit was made."""
    present = tracked_paths(project)
    if present:
        git.run("add", "--all", "--", *present)
    if git.head() is not None and git.run("diff", "--cached", "--quiet", check=False).ok:
        return False
    if git.head() is None and not git.out("diff", "--cached", "--name-only"):
        return False
    git.run("-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "-m", message)
    return True


def _merge(git: Git, project: Project, head: str, theirs: str, label: str) -> str:
    """Merge *theirs* into *head* without touching the work tree; return the merge commit."""
    done = git.run(
        "merge-tree", "--write-tree", "--name-only", "--no-messages", head, theirs, check=False
    )
    lines = done.out.split("\n")
    if done.code not in (0, 1) or not lines or len(lines[0].strip()) < 40:
        raise SyncError(f"git merge-tree failed: {first_line(done.err)}")
    if done.code == 1:
        conflicted = [line for line in lines[1:] if line.strip()] or ["a file"]
        raise SyncError(
            Message.of(
                N_(
                    "%(files)s: both sides changed the same lines; nothing was changed here. "
                    "Resolve it with: %(command)s, edit the file, %(commit)s; then sync again"
                ),
                files=first_of(conflicted),
                command=Data(f"git merge {label}"),
                commit=Data("git commit"),
            )
        )
    tree = lines[0].strip()
    return git.out(
        "-c",
        "commit.gpgsign=false",
        "commit-tree",
        tree,
        "-p",
        head,
        "-p",
        theirs,
        "-m",
        f"Merge {label}",
    )


def _blobs(git: Git, revision: str, paths: list[str]) -> dict[str, bytes | None]:
    """Return the content of *paths* at *revision* (None where absent), with one git process."""
    if not paths:
        return {}
    request = "".join(f"{revision}:{p}\n" for p in paths).encode("utf-8")
    done = git.run("cat-file", "--batch", input=request).raw
    out: dict[str, bytes | None] = {}
    at = 0
    for path in paths:
        end = done.index(b"\n", at)
        header = done[at:end].decode("utf-8", "replace")
        at = end + 1
        if header.endswith("missing"):
            out[path] = None
            continue
        size = int(header.rsplit(" ", 1)[1])
        out[path] = done[at : at + size]
        at += size + 1
    return out


def _apply(git: Git, project: Project, head: str, new: str, report: SyncReport) -> list[str]:
    """Put the files of commit *new* in place of those of *head*; move the branch to *new*.

    Returns the paths that changed. Files saved since *head* are merged with
    the new version, under the locks a save takes.
    """
    paths = [
        p for p in git.out("diff", "--name-only", "--no-renames", "-z", head, new).split("\0") if p
    ]
    old = _blobs(git, head, paths)
    fresh = _blobs(git, new, paths)
    with contextlib.ExitStack() as stack:
        stack.enter_context(sync_barrier(project))
        for path in sorted(paths):
            stack.enter_context(files.locked(project.root / path, project.lock_dir))
        for path in paths:
            target = project.root / path
            try:
                work: bytes | None = target.read_bytes()
            except FileNotFoundError:
                work = None
            want = fresh[path]
            if work == want:
                continue
            if work != old[path] and want is not None and work is not None:
                want = _remerge(path, old[path] or b"", work, want, report)
            if want is None:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
            else:
                files.atomic_write(target, want)
        git.run("reset", "--quiet", new)
    return paths


def _remerge(path: str, base: bytes, work: bytes, new: bytes, report: SyncReport) -> bytes:
    """Merge a file saved during the sync with the merged version."""
    if path.endswith((".po", ".pot", ".tbx")):
        merged, found = merge_bytes(base, work, new, path)
        report.conflicts += found.conflicts
        return merged
    # Another text file edited during the sync: keep the edit (it is
    # committed by the next sync, which merges it then).
    return work


def _update_changed(project: Project, git: Git, before: str | None, after: str) -> list[str]:
    """Run ``update`` for the statements that changed between *before* and *after*."""
    project = Project.load(project.root)
    if before is None:
        changed = {s.id for s in project.statements()}
    else:
        names = git.out("diff", "--name-only", "--no-renames", before, after, "--", "seeds")
        settings = git.out("diff", "--name-only", before, after, "--", "pyproject.toml")
        changed = {Path(n).stem for n in names.splitlines() if n}
        if settings:
            changed = {s.id for s in project.statements()}
    known = {s.id: s for s in project.statements()}
    chosen = [known[c] for c in sorted(changed) if c in known]
    if chosen:
        update_project(project, chosen)
    return [s.id for s in chosen]


def _conflicts_from_log(project: Project) -> list[dict]:
    log = _state_dir(project) / "merge-report.jsonl"
    try:
        lines = log.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        with contextlib.suppress(ValueError):
            out.append(json.loads(line))
    return out


def _merge_in(
    git: Git, project: Project, theirs: str, label: str, report: SyncReport
) -> tuple[str | None, str]:
    """Merge commit *theirs* into the branch; return (head before, head after)."""
    head = git.head()
    if head is not None and git.is_ancestor(theirs, head):
        return head, head
    report.received = int(git.out("rev-list", "--count", theirs, *([f"^{head}"] if head else [])))
    log = _state_dir(project) / "merge-report.jsonl"
    with contextlib.suppress(FileNotFoundError):
        log.unlink()
    git.extra_env["WORKBENCH_MERGE_REPORT"] = str(log)
    try:
        if head is None or git.is_ancestor(head, theirs):
            new = theirs
        else:
            new = _merge(git, project, head, theirs, label)
    finally:
        git.extra_env.pop("WORKBENCH_MERGE_REPORT", None)
    report.conflicts += _conflicts_from_log(project)
    if head is None:
        git.run("reset", "--quiet", new)
        report.merged = _checkout_missing(git, project)
    else:
        report.merged = _apply(git, project, head, new, report)
    return head, new


def _checkout_missing(git: Git, project: Project) -> list[str]:
    """After a first fetch into an empty branch: write the files the work tree lacks."""
    paths = [p for p in git.out("ls-files", "-z", "--deleted").split("\0") if p]
    if paths:
        git.run("checkout", "--quiet", "--", *paths)
    return paths


def sync(
    project: Project,
    remote: str = "origin",
    author: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyncReport:
    """Sync the project with *remote*: commit, fetch, merge, update, push."""
    say = progress or (lambda _text: None)
    git = _open(project, author)
    url = git.remote_url(remote)
    if url is None and ("/" in remote or ":" in remote or "@" in remote):
        # git remote names hold none of these; an address or a path does.
        raise SyncError(
            f'sync takes the name of a remote, not its address ("{safe_url(remote)}"); add the '
            "address once, as the remote origin, with: git remote add origin ADDRESS; then run: "
            "workbench sync"
        )
    if url is None:
        raise SyncError(
            f'there is no remote "{remote}"; add the team\'s repository with: git remote add '
            f"{remote} URL (or carry a bundle: workbench sync --bundle FILE)"
        )
    report = SyncReport(remote=remote, url=safe_url(url))
    with _session(project, git):
        paths = tracked_paths(project)
        changed = refuse_unfinished(git, paths)
        branch = git.branch()
        start = git.head()
        say("commit")
        # What the last fetch saw of the remote: commits after it are what a push sends.
        seen = git.resolve(f"refs/remotes/{remote}/{branch}")
        refuse_markers(git, paths, changed, seen, whole=seen is None)
        report.committed += commit_changes(git, project, f"Translations by {git.author}")
        for _attempt in range(PUSH_TRIES):
            say("fetch")
            _network(git, remote, url, "fetch", "--quiet", "--no-tags", remote)
            theirs = git.resolve(f"refs/remotes/{remote}/{branch}")
            if theirs is not None:
                say("merge")
                _head, new = _merge_in(git, project, theirs, f"{remote}/{branch}", report)
                say("update")
                report.updated = _update_changed(project, git, start, new)
                if report.updated:
                    report.committed += commit_changes(
                        git, project, "Update the catalogs after the statements changed"
                    )
            head = git.head()
            if head is None or (theirs is not None and git.is_ancestor(head, theirs)):
                break
            report.sent = int(
                git.out("rev-list", "--count", head, *([f"^{theirs}"] if theirs else []))
            )
            say("push")
            done = _network(
                git,
                remote,
                url,
                "push",
                "--quiet",
                "--set-upstream",
                remote,
                f"HEAD:refs/heads/{branch}",
                check=False,
            )
            if done.ok:
                break
            if not _raced(done.err):
                raise SyncError(_refused(remote, url, branch, done.err))
        else:
            raise SyncError(
                Message.of(
                    N_("%(remote)s kept changing while this machine sent its work; sync again"),
                    remote=Data(remote),
                )
            )
        report.message = _summary(report)
        _record(project, report, "sync")
    return report


def _raced(err: str) -> bool:
    """Tell whether a push was turned down only because the branch moved on meanwhile."""
    return "[rejected]" in err and ("fetch first" in err or "non-fast-forward" in err)


def _refused(remote: str, url: str, branch: str, err: str) -> str:
    """Say why the remote turned a push down, and what to do."""
    where = f"{remote} ({safe_url(url)})"
    if "branch is currently checked out" in err:
        return (
            f"{where} is a working folder with {branch} checked out, and git does not send "
            "into a branch someone may be working on; sync through a bare repository "
            "(git clone --bare), or in that folder run: "
            "git config receive.denyCurrentBranch updateInstead"
        )
    reason = next(
        (line.split("]", 1)[1].strip() for line in err.splitlines() if "[remote rejected]" in line),
        "",
    )
    return f"could not send to {where}: {reason or first_line(err)}"


def _network(git: Git, remote: str, url: str, *args: str, check: bool = True):
    limit = network_timeout()
    try:
        done = git.run(*args, timeout=limit, check=False, what=f"git {args[0]}")
    except TimedOut:
        raise SyncError(
            Message.of(
                N_(
                    "the remote %(remote)s (%(url)s) did not answer within %(seconds)s s; check "
                    "the connection and sync again (or carry a bundle: %(command)s); nothing was "
                    "lost"
                ),
                remote=Data(remote),
                url=Data(safe_url(url)),
                seconds=Data(f"{limit:.0f}"),
                command=Data("workbench sync --bundle FILE"),
            )
        ) from None
    if check and not done.ok:
        raise SyncError(
            Message.of(
                N_(
                    "cannot reach the remote %(remote)s (%(url)s): %(reason)s; check the address "
                    "and the connection, and sync again"
                ),
                remote=Data(remote),
                url=Data(safe_url(url)),
                reason=Data(first_line(done.err)),
            )
        )
    return done


def _summary(report: SyncReport) -> str:
    parts = []
    if report.bundle:
        # A bundle written has its size; one applied was only read.
        made = report.bundle_bytes is not None
        parts.append(f"{'wrote' if made else 'applied'} {report.bundle}")
    if report.sent:
        parts.append(f"sent {report.sent} commit{'s' * (report.sent != 1)}")
    if report.received:
        parts.append(f"received {report.received} commit{'s' * (report.received != 1)}")
    if report.merged:
        parts.append(f"{len(report.merged)} file{'s' * (len(report.merged) != 1)} changed here")
    if report.updated:
        parts.append(f"updated {len(report.updated)} statement(s)")
    if report.conflicts:
        parts.append(f"{len(report.conflicts)} conflict(s) kept for review")
    return "; ".join(parts) if parts else "already in step; nothing to send or receive"


# -- bundles --------------------------------------------------------------------------


def _bundle_state(project: Project) -> Path:
    return _state_dir(project) / "bundle.json"


def make_bundle(
    project: Project,
    path: Path,
    passphrase: str | None = None,
    author: str | None = None,
    full: bool = False,
) -> SyncReport:
    """Write a bundle of what this machine's last bundle did not carry (or everything).

    The bundle's folder must exist: a stick that is not mounted is said
    before anything is committed.
    """
    files.require_folder(Path(path))
    git = _open(project, author)
    report = SyncReport(bundle=str(path))
    with _session(project, git):
        paths = tracked_paths(project)
        changed = refuse_unfinished(git, paths)
        branch = git.branch()
        since = None if full else _last_bundled(project, git)
        refuse_markers(git, paths, changed, since, whole=since is None)
        report.committed += commit_changes(git, project, f"Translations by {git.author}")
        head = git.head()
        if head is None:
            raise SyncError("the project has nothing committed yet; there is nothing to carry")
        if since == head:
            raise SyncError(
                f"nothing new since this machine's last bundle (commit {head[:10]}); "
                "to write everything again: workbench sync --bundle FILE --full"
            )
        data = bundles.create(git, branch, since)
        if passphrase is not None:
            data = bundles.encrypt(data, passphrase)
        files.atomic_write(Path(path), data, make_folder=False)
        report.bundle_bytes = len(data)
        report.sent = int(git.out("rev-list", "--count", head, *([f"^{since}"] if since else [])))
        files.atomic_write(
            _bundle_state(project), json.dumps({"last": head, "branch": branch}, indent=1)
        )
        report.message = _summary(report)
        _record(project, report, "bundle")
    return report


def _last_bundled(project: Project, git: Git) -> str | None:
    try:
        last = json.loads(_bundle_state(project).read_text(encoding="utf-8")).get("last")
    except (OSError, ValueError):
        return None
    head = git.head()
    if not last or head is None or git.resolve(last) is None or not git.is_ancestor(last, head):
        return None
    return last


def apply_bundle(
    project: Project,
    path: Path,
    passphrase: Callable[[], str] | None = None,
    author: str | None = None,
) -> SyncReport:
    """Merge a bundle into the project, after checking it whole; never move a branch back."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise SyncError(f"{name} does not exist; check the path to the bundle") from exc
    except OSError as exc:
        raise SyncError(f"{name} cannot be read ({exc.strerror})") from exc
    if bundles.is_encrypted(data):
        if passphrase is None:
            raise SyncError(f"{name} is encrypted; give its passphrase (WORKBENCH_PASSPHRASE)")
        data = bundles.decrypt(data, passphrase(), name)
    bundle = bundles.read(data, name)
    git = _open(project, author)
    report = SyncReport(bundle=name)
    with _session(project, git):
        paths = tracked_paths(project)
        changed = refuse_unfinished(git, paths)
        git.branch()
        missing = [c for c in bundle.prerequisites if git.resolve(c) is None]
        if missing:
            raise SyncError(
                f"{name} continues a bundle this machine has not applied yet (it needs commit "
                f"{missing[0][:10]}); apply the earlier bundle first, or ask for a full one "
                "(workbench sync --bundle FILE --full); nothing was changed"
            )
        start = git.head()
        refuse_markers(git, paths, changed)
        report.committed += commit_changes(git, project, f"Translations by {git.author}")
        incoming = _state_dir(project) / "incoming.bundle"
        files.atomic_write(incoming, data)
        try:
            git.run("fetch", "--quiet", "--no-tags", str(incoming), bundle.ref, what="git fetch")
        finally:
            with contextlib.suppress(OSError):
                incoming.unlink()
        theirs = bundle.head
        head = git.head()
        if head is not None and git.is_ancestor(theirs, head):
            report.message = (
                f"nothing new in {name}: its newest commit ({theirs[:10]}) is here already "
                "(applied before, or older than this machine's work); nothing changed"
            )
            _record(project, report, "bundle")
            return report
        _before, new = _merge_in(git, project, theirs, f"bundle {Path(name).name}", report)
        report.updated = _update_changed(project, git, start, new)
        if report.updated:
            report.committed += commit_changes(
                git, project, "Update the catalogs after the statements changed"
            )
        report.message = _summary(report)
        _record(project, report, "bundle")
    return report


# -- what the Sync page shows ------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A project's sync status, read without contacting the remote."""

    repository: bool
    branch: str | None = None
    remote: str | None = None
    url: str | None = None
    ahead: int | None = None
    behind: int | None = None
    last: dict | None = None


def status(project: Project, remote: str = "origin") -> Status:
    """Return the remote, how far this machine is ahead and behind, and the last sync."""
    try:
        git = Git(project.root)
    except SyncError:
        return Status(False, last=last_sync(project))
    if git.toplevel() != project.root.resolve():
        return Status(False, last=last_sync(project))
    done = git.run("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    branch = done.out.strip() or None
    url = git.remote_url(remote)
    ahead = behind = None
    theirs = git.resolve(f"refs/remotes/{remote}/{branch}") if branch else None
    head = git.head()
    if theirs and head:
        counts = git.out("rev-list", "--left-right", "--count", f"{head}...{theirs}").split()
        ahead, behind = int(counts[0]), int(counts[1])
    elif head and url:
        ahead = int(git.out("rev-list", "--count", head))
    return Status(
        True,
        branch,
        remote if url else None,
        safe_url(url) if url else None,
        ahead,
        behind,
        last_sync(project),
    )


@dataclass(frozen=True)
class OpenConflict:
    """A conflict a sync kept, still waiting for a translator."""

    language: str
    statement: str
    msgid: str
    msgctxt: str | None
    obsolete: bool
    ours: str
    conflict: cf.Conflict


def open_conflicts(
    project: Project, read: Callable[[str, str], object] | None = None
) -> list[OpenConflict]:
    """List the units that keep a conflict, in every catalog of the project."""
    found: list[OpenConflict] = []
    for lang in project.languages:
        for statement in project.statements():
            path = project.catalog_path(lang, statement.id)
            if not path.exists():
                continue
            try:
                catalog = (
                    read(lang, statement.id)
                    if read is not None
                    else pofile.read(path, project.relative(path))
                )
            except WorkbenchError:
                continue
            for entry in catalog.entries:  # type: ignore[attr-defined]
                for conflict in cf.conflicts_of(entry):
                    found.append(
                        OpenConflict(
                            lang,
                            statement.id,
                            entry.msgid,
                            entry.msgctxt,
                            entry.obsolete,
                            "\n".join(cf.translation(entry)),
                            conflict,
                        )
                    )
    return found


def keep_removed(
    project: Project, lang: str, statement: str, msgid: str, msgctxt: str | None
) -> bool:
    """Settle a ``removed`` conflict on an obsolete unit: it stays removed."""
    path = project.catalog_path(lang, statement)
    done: list[bool] = []

    def change(current):
        if current is None:
            raise SyncError(f"{project.relative(path)} does not exist")
        for i, entry in enumerate(current.entries):
            if entry.obsolete and entry.msgid == msgid and entry.msgctxt == msgctxt:
                cleared = cf.cleared(entry)
                if cleared != entry:
                    current.entries[i] = cleared
                    done.append(True)
        return current

    with sync_barrier(project):
        pofile.modify(path, change, project.relative(path), project.lock_dir)
    return bool(done)
