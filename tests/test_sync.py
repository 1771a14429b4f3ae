"""``workbench sync`` with real git: a bare remote on disk, git daemon on loopback, bundles."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from workbench.catalogs import conflict as cf
from workbench.catalogs import pofile
from workbench.catalogs.store import CatalogStore
from workbench.cli.sync import advice
from workbench.project import Project
from workbench.sync import service
from workbench.sync.gitrepo import ANONYMOUS_EMAIL, configure

from .support import msgfmt_problems, run_verb, workbench_command
from .sync_support import (
    STATEMENT,
    GitDaemon,
    SilentServer,
    bare_remote,
    clone,
    entry_of,
    git,
    team,
    texts_of,
    tracked_files,
    translate,
    units,
)

pytestmark = pytest.mark.skipif(
    not any(Path(p, "git").exists() for p in os.environ.get("PATH", "").split(os.pathsep)),
    reason="git is needed",
)


def catalogs(project: Project) -> list[Path]:
    return sorted(project.locales_dir.rglob("*.po*"))


def test_two_clones_exchange_their_work_and_end_identical(tmp_path, project):
    sara, leyla = team(tmp_path, project)
    first, second, third = units(sara)[:3]
    translate(sara, first, "شوراهای کارگری اراک", "Sara")
    translate(leyla, second, "اراک، ژانویه‌ی ۲۰۲۶.", "Leyla")
    translate(leyla, third, "ما کارگران اراک اعلام می‌کنیم.", "Leyla")
    report = service.sync(sara, author="Sara")
    assert (report.sent, report.received, report.conflicts) == (1, 0, [])
    report = service.sync(leyla, author="Leyla")
    assert report.received == 1 and report.conflicts == []
    service.sync(sara, author="Sara")
    assert tracked_files(sara) == tracked_files(leyla)
    assert entry_of(sara, third).msgstr == "ما کارگران اراک اعلام می‌کنیم."
    assert list(msgfmt_problems(catalogs(sara))) == []
    assert git(sara.root, "status", "--porcelain") == ""


def test_a_unit_translated_on_both_machines_is_a_conflict_and_sync_still_exits_0(
    tmp_path, project, run
):
    sara, leyla = team(tmp_path, project)
    unit = units(sara)[0]
    translate(sara, unit, "شوراهای اراک", "Sara")
    translate(leyla, unit, "اعلام شوراها در اراک", "Leyla")
    assert run(sara, "sync").exit_code == 0
    done = run(leyla, "sync", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    [found] = report["conflicts"]
    assert (found["ours"], found["ours_by"]) == ("اعلام شوراها در اراک", "Leyla")
    assert (found["theirs"], found["theirs_by"]) == ("شوراهای اراک", "Sara")
    text = run(leyla, "sync")
    assert text.exit_code == 0
    run(sara, "sync")
    assert texts_of(sara, unit) == {"شوراهای اراک", "اعلام شوراها در اراک"}
    checked = run(sara, "check", "fa", "--only", "conflict", "--json")
    assert checked.exit_code == 1
    [finding] = json.loads(checked.stdout)
    assert (finding["ours_author"], finding["theirs_author"]) == ("Leyla", "Sara")


def test_the_text_report_lists_each_conflict_on_one_line(tmp_path, project, run):
    sara, leyla = team(tmp_path, project)
    unit = units(sara)[0]
    translate(sara, unit, "الف", "Sara")
    translate(leyla, unit, "ب", "Leyla")
    run(sara, "sync")
    done = run(leyla, "sync")
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Sent 2 commits; received 1 commit; 1 file changed here")
    assert lines[1] == (
        f'  locales/fa/LC_MESSAGES/{STATEMENT}.po: "{unit}": Leyla wrote «ب», Sara wrote «الف»'
    )
    assert lines[2:] == [
        "Each unit in conflict keeps both texts; see them with: workbench check fa --only conflict"
    ]


def test_a_concept_both_machines_changed_is_named_with_the_commands_that_show_and_settle_it(
    tmp_path, project, run
):
    run(project, "glossary", "add", "council", "--to", "fa=شورا")
    run(project, "glossary", "add", "strike", "--to", "fa=اعتصاب")
    sara, leyla = team(tmp_path, project)
    run(sara, "glossary", "edit", "council", "--prefer", "fa=شوراها")
    run(leyla, "glossary", "edit", "council", "--prefer", "fa=انجمن")
    run(sara, "sync")
    done = run(leyla, "sync")
    assert done.exit_code == 0, done.output
    assert done.stdout.splitlines()[1:] == [
        "  glossary/glossary.tbx: concept council: two preferred fa renderings: انجمن (kept "
        "preferred) and شوراها (from the other machine, now admitted)",
        "The concept council keeps both machines' versions; see it with: workbench glossary show "
        "council; settle it with: workbench glossary edit council --settle (as it is now) or any "
        "glossary edit of it",
    ]
    assert run(leyla, "check", "fa", "--only", "conflict").exit_code == 0  # units only
    assert run(leyla, "glossary", "check").exit_code == 1
    assert "  conflict: " in run(leyla, "glossary", "show", "council").stdout
    assert run(leyla, "glossary", "edit", "council", "--settle").exit_code == 0
    run(leyla, "sync")
    run(sara, "sync")
    assert run(sara, "glossary", "check").exit_code == 0
    assert tracked_files(sara) == tracked_files(leyla)


def test_several_concepts_in_conflict_are_named_once_each():
    clashes = [
        {"file": "glossary/glossary.tbx", "concept": cid, "detail": "..."}
        for cid in ("council", "strike", "council")
    ]
    assert advice(clashes) == [
        "The concepts council, strike keep both machines' versions; see them with: workbench "
        "glossary check; settle each with: workbench glossary edit ID --settle (as it is now) or "
        "any glossary edit of it"
    ]


def test_a_plain_git_pull_merges_units_the_same_way(tmp_path, project):
    sara, leyla = team(tmp_path, project)
    first, second = units(sara)[:2]
    translate(sara, first, "یکم", "Sara")
    translate(sara, second, "دوم از سارا", "Sara")
    service.sync(sara, author="Sara")
    translate(leyla, second, "دوم از لیلا", "Leyla")
    git(leyla.root, "commit", "-qam", "by hand")
    git(leyla.root, "pull", "--no-rebase", "--no-edit", "-q", "origin", "main")
    assert entry_of(leyla, first).msgstr == "یکم"
    assert texts_of(leyla, second) == {"دوم از سارا", "دوم از لیلا"}
    assert "<<<<<<<" not in (leyla.catalog_path("fa", STATEMENT)).read_text(encoding="utf-8")


def both_change_the_dateline(sara: Project, leyla: Project) -> None:
    """Change the same line of the statement on both machines: Tehran here, Ahvaz there."""
    for who, words in ((sara, "Tehran"), (leyla, "Ahvaz")):
        path = who.seeds_dir / f"{STATEMENT}.txt"
        path.write_text(
            path.read_text(encoding="utf-8").replace("Arak, January", f"{words}, January"),
            encoding="utf-8",
        )


def test_a_statement_both_sides_changed_stops_the_sync_before_anything_changes(
    tmp_path, project, run
):
    sara, leyla = team(tmp_path, project)
    both_change_the_dateline(sara, leyla)
    assert run(sara, "sync").exit_code == 0
    before = tracked_files(leyla)
    done = run(leyla, "sync")
    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: seeds/{STATEMENT}.txt: both sides changed the same lines; nothing was changed "
        "here. Resolve it with: git merge origin/main, edit the file, git commit; then sync "
        "again\n"
    )
    assert tracked_files(leyla) == before
    assert git(leyla.root, "status", "--porcelain") == ""


def test_commits_carry_the_chosen_name_and_an_address_that_says_nothing(tmp_path, project, run):
    sara, _leyla = team(tmp_path, project)
    translate(sara, units(sara)[0], "شوراها", "Sara")
    assert run(sara, "sync", "--name", "Nasrin").exit_code == 0
    log = git(sara.root, "log", "-1", "--format=%an|%ae|%cn|%ce|%ad|%cd", "--date=iso")
    name, email, cname, cemail, adate, cdate = log.strip().split("|")
    assert (name, email, cname, cemail) == ("Nasrin", ANONYMOUS_EMAIL, "Nasrin", ANONYMOUS_EMAIL)
    assert adate.endswith("+0000") and cdate.endswith("+0000")
    hostname = os.uname().nodename
    assert hostname not in log
    # The name is remembered for the next sync.
    translate(sara, units(sara)[1], "اراک", "Sara")
    run(sara, "sync")
    assert git(sara.root, "log", "-1", "--format=%an").strip() == "Nasrin"


def test_sync_with_nothing_to_do_makes_no_commit(tmp_path, project, run):
    sara, _leyla = team(tmp_path, project)
    head = git(sara.root, "rev-parse", "HEAD")
    done = run(sara, "sync")
    assert (done.exit_code, done.stdout) == (0, "Already in step; nothing to send or receive.\n")
    assert git(sara.root, "rev-parse", "HEAD") == head


def test_sync_over_git_daemon_on_loopback(tmp_path, project):
    served = tmp_path / "served"
    served.mkdir()
    bare_remote(served / "team.git")
    with GitDaemon(served) as daemon:
        from .sync_support import first_clone

        first_clone(project, daemon.url("team.git"), "Sara")
        leyla = clone(daemon.url("team.git"), tmp_path / "leyla", "Leyla")
        translate(leyla, units(leyla)[0], "شوراهای کارگری", "Leyla")
        assert service.sync(leyla, author="Leyla").sent == 1
        assert service.sync(project, author="Sara").received == 1
    assert entry_of(project, units(project)[0]).msgstr == "شوراهای کارگری"


def test_an_unreachable_remote_is_given_up_after_a_bounded_time(tmp_path, project, monkeypatch):
    sara, _leyla = team(tmp_path, project)
    with SilentServer() as silent:
        git(sara.root, "remote", "add", "hanging", f"git://127.0.0.1:{silent.port}/team.git")
        env = dict(os.environ, WORKBENCH_SYNC_TIMEOUT="2")
        started = time.monotonic()
        done = subprocess.run(
            workbench_command("--project", str(sara.root), "sync", "hanging"),
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        took = time.monotonic() - started
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: the remote hanging (git://127.0.0.1:{silent.port}/team.git) did not answer "
        "within 2 s; check the connection and sync again (or carry a bundle: workbench sync "
        "--bundle FILE); nothing was lost\n"
    )
    assert took < 20
    assert not (Path(sara.root) / ".git" / "index.lock").exists()


def test_a_remote_that_refuses_is_a_one_line_error(tmp_path, project, run):
    sara, _leyla = team(tmp_path, project)
    git(sara.root, "remote", "add", "gone", str(tmp_path / "no-such-repository.git"))
    done = run(sara, "sync", "gone")
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: cannot reach the remote gone (")
    assert done.stderr.count("\n") == 1


def test_a_working_folder_as_origin_is_named_as_the_reason_the_push_is_refused(
    tmp_path, project, run
):
    # A clone of someone's working folder, as README's first steps make: git
    # refuses to push into the branch checked out there, whoever else writes.
    sara, _leyla = team(tmp_path, project)
    reza = clone(sara.root, tmp_path / "reza", "Reza")
    translate(reza, units(reza)[0], "شوراهای کارگری", "Reza")
    done = run(reza, "sync")
    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: origin ({sara.root}) is a working folder with main checked out, and git does "
        "not send into a branch someone may be working on; sync through a bare repository "
        "(git clone --bare), or in that folder run: "
        "git config receive.denyCurrentBranch updateInstead\n"
    )
    assert git(sara.root, "status", "--porcelain") == "", "nothing changed in the folder"

    git(sara.root, "config", "receive.denyCurrentBranch", "updateInstead")
    assert run(reza, "sync").exit_code == 0
    assert entry_of(sara, units(sara)[0]).msgstr == "شوراهای کارگری"


def remote_head(remote: Path) -> str:
    return git(remote, "rev-parse", "main").strip()


def test_a_merge_left_unfinished_by_hand_is_refused_and_nothing_is_sent(tmp_path, project, run):
    sara, _leyla = team(tmp_path, project)
    # A clone made with plain git: no sync has set up the merge driver yet.
    subprocess.run(["git", "clone", "--quiet", str(tmp_path / "remote.git"), str(tmp_path / "d")])
    dariush = Project.load(tmp_path / "d")
    unit = units(sara)[0]
    translate(dariush, unit, "از داریوش", "Dariush")
    git(dariush.root, "commit", "-qam", "by hand")
    translate(sara, unit, "از سارا", "Sara")
    service.sync(sara, author="Sara")
    pulled = git(
        dariush.root, "pull", "--no-rebase", "--no-edit", "-q", "origin", "main", check=False
    )
    catalog = f"locales/fa/LC_MESSAGES/{STATEMENT}.po"
    assert "<<<<<<<" in (dariush.root / catalog).read_text(encoding="utf-8"), pulled
    sent = remote_head(tmp_path / "remote.git")

    done = run(dariush, "sync")

    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: {catalog}: a git merge run by hand stopped on a conflict here and is not "
        "finished; nothing was committed. Undo it with: git merge --abort, then sync again (sync "
        "merges catalogs unit by unit and the glossary concept by concept); or finish it: edit "
        "the file, git add it, git commit\n"
    )
    assert remote_head(tmp_path / "remote.git") == sent
    # The advice works: undone, the sync merges the unit and keeps both texts.
    git(dariush.root, "merge", "--abort")
    assert run(dariush, "sync").exit_code == 0
    assert texts_of(dariush, unit) == {"از داریوش", "از سارا"}
    assert list(msgfmt_problems([dariush.root / catalog])) == []
    assert "<<<<<<<" not in git(tmp_path / "remote.git", "show", f"main:{catalog}")


def test_conflict_markers_committed_by_hand_are_never_sent(tmp_path, project, run):
    sara, leyla = team(tmp_path, project)
    statement = f"seeds/{STATEMENT}.txt"
    both_change_the_dateline(sara, leyla)
    assert run(sara, "sync").exit_code == 0
    assert run(leyla, "sync").exit_code == 1  # both sides changed the same lines
    # What the advice says, but the file committed before it was edited.
    git(leyla.root, "merge", "-q", "origin/main", check=False)
    git(leyla.root, "commit", "-qam", "merged")
    text = (leyla.root / statement).read_text(encoding="utf-8")
    marker = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("<<<<<<<")))
    sent = remote_head(tmp_path / "remote.git")

    done = run(leyla, "sync")

    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: {statement} line {marker + 1}: git's conflict markers (<<<<<<<, =======, "
        ">>>>>>>) are in the file, left by a merge; keep the right text, delete the marker "
        "lines, then sync again; nothing was committed\n"
    )
    assert remote_head(tmp_path / "remote.git") == sent
    assert run(leyla, "sync", "--bundle", str(tmp_path / "stick.bundle")).exit_code == 1
    assert not (tmp_path / "stick.bundle").exists()
    # Mended by hand, it goes.
    kept = [x for x in text.split("\n") if not x.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    (leyla.root / statement).write_text(
        "\n".join(x for x in kept if not x.startswith("Tehran, January")), encoding="utf-8"
    )
    assert run(leyla, "sync").exit_code == 0
    assert "<<<<<<<" not in git(tmp_path / "remote.git", "show", f"main:{statement}")


def test_a_line_of_equals_signs_alone_is_a_heading_rule_not_a_conflict(tmp_path, project, run):
    sara, _leyla = team(tmp_path, project)
    path = sara.root / "seeds" / f"{STATEMENT}.txt"
    path.write_text("Demands\n=======\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    done = run(sara, "sync")
    assert done.exit_code == 0, done.stderr


def test_a_rebase_under_way_is_refused(tmp_path, project, run):
    sara, leyla = team(tmp_path, project)
    unit = units(sara)[0]
    translate(sara, unit, "از سارا", "Sara")
    service.sync(sara, author="Sara")
    path = leyla.root / "seeds" / f"{STATEMENT}.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    git(leyla.root, "commit", "-qam", "mine")
    git(leyla.root, "fetch", "-q", "origin")
    # A rebase stopped for a person: edit the first commit, then walk away.
    env = {**os.environ, "GIT_SEQUENCE_EDITOR": "sed -i 1s/^pick/edit/"}
    subprocess.run(
        ["git", "-c", "user.name=x", "-c", "user.email=x@x.invalid", "rebase", "-i", "origin/main"],
        cwd=leyla.root,
        env=env,
        capture_output=True,
        check=True,
    )
    done = run(leyla, "sync")
    assert done.exit_code == 1
    assert done.stderr == (
        "Error: a git rebase is under way; finish it with git rebase --continue or undo it with "
        "git rebase --abort, then sync again; nothing was committed\n"
    )


def test_no_remote_says_how_to_add_one(tmp_path, project, run):
    from workbench.sync.gitrepo import init_repository

    init_repository(project.root)
    done = run(project, "sync")
    assert done.exit_code == 1
    assert done.stderr == (
        'Error: there is no remote "origin"; add the team\'s repository with: git remote add '
        "origin URL (or carry a bundle: workbench sync --bundle FILE)\n"
    )


def test_an_address_given_for_a_remote_says_how_to_name_it(tmp_path, project, run):
    from workbench.sync.gitrepo import init_repository

    init_repository(project.root)
    done = run(project, "sync", "ssh://sara:secret@192.0.2.1/team.git")
    assert done.exit_code == 1
    assert done.stderr == (
        'Error: sync takes the name of a remote, not its address ("ssh://192.0.2.1/team.git"); '
        "add the address once, as the remote origin, with: git remote add origin ADDRESS; then "
        "run: workbench sync\n"
    )


def test_a_missing_git_is_a_one_line_error(project):
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "--project", str(project.root), "sync"],
        capture_output=True,
        text=True,
        env=dict(os.environ, PATH=str(Path(project.root) / "no-bin")),
    )
    assert done.returncode == 1
    assert done.stderr == (
        "Error: git is not installed; install it (apt-get install git, or from git-scm.com) "
        "and run again\n"
    )


def test_init_makes_a_repository_that_merges_with_the_driver(tmp_path, run):
    done = run(None, "init", str(tmp_path / "new"), "--language", "fa")
    assert done.exit_code == 0
    root = tmp_path / "new"
    assert "merge-driver %O %A %B %P" in git(root, "config", "--get", "merge.workbench.driver")
    assert "*.po merge=workbench" in (root / ".gitattributes").read_text(encoding="utf-8")
    assert configure(root) is False, "set up once; a second time changes nothing"


def test_the_merge_driver_names_a_broken_file_in_one_line_with_its_controls_shown(tmp_path):
    # The path is the repository's name for the file: whoever pushed chose it.
    path = "locales/fa/\x1b]0;owned\x07\x1b[2Jkhuzestan.po"
    broken = 'msgid "a"\nmsgstr "b\n'
    sides = []
    for side in ("base", "ours", "theirs"):
        sides.append(tmp_path / f"{side}.po")
        sides[-1].write_text(broken, encoding="utf-8")
    done = run_verb("merge-driver", *map(str, sides), path)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: locales/fa/\\x1b]0;owned\\x07\\x1b[2Jkhuzestan.po line 2: a string is not "
        'closed (missing the final "); fix the file (or restore it with git) and run again; '
        "nothing was written\n"
    )
    assert sides[1].read_text(encoding="utf-8") == broken, "our side is left as it was"

    missing = tmp_path / "nowhere.po"
    gone = run_verb("merge-driver", str(missing), str(sides[1]), str(sides[2]), path)
    assert gone.returncode == 1
    assert gone.stderr == (
        "Error: locales/fa/\\x1b]0;owned\\x07\\x1b[2Jkhuzestan.po: No such file or directory; "
        "git leaves the file in conflict\n"
    )


# -- bundles --------------------------------------------------------------------------------


def test_a_bundle_carries_the_work_and_applying_it_twice_changes_nothing(tmp_path, project, run):
    sara, leyla = team(tmp_path, project)
    translate(sara, units(sara)[0], "شوراهای اراک", "Sara")
    stick = tmp_path / "stick.bundle"
    done = run(sara, "sync", "--bundle", str(stick))
    assert done.exit_code == 0 and stick.exists()
    assert done.stdout.startswith(f"Wrote {stick}; ")
    applied = run(leyla, "sync", "--from", str(stick))
    assert applied.exit_code == 0
    assert applied.stdout.startswith(f"Applied {stick}; received 1 commit")
    assert entry_of(leyla, units(leyla)[0]).msgstr == "شوراهای اراک"
    head, files = git(leyla.root, "rev-parse", "HEAD"), tracked_files(leyla)
    again = run(leyla, "sync", "--from", str(stick))
    assert again.exit_code == 0
    assert again.stdout.startswith(f"Nothing new in {stick}: its newest commit (")
    assert again.stdout.endswith(
        "(applied before, or older than this machine's work); nothing changed.\n"
    )
    assert (git(leyla.root, "rev-parse", "HEAD"), tracked_files(leyla)) == (head, files)


def test_bundles_out_of_order_are_refused_and_no_branch_moves_back(tmp_path, project, run):
    sara, leyla = team(tmp_path, project)
    first, second = units(sara)[:2]
    translate(sara, first, "یکم", "Sara")
    run(sara, "sync", "--bundle", str(tmp_path / "1.bundle"))
    translate(sara, second, "دوم", "Sara")
    run(sara, "sync", "--bundle", str(tmp_path / "2.bundle"))
    head = git(leyla.root, "rev-parse", "HEAD")
    done = run(leyla, "sync", "--from", str(tmp_path / "2.bundle"))
    assert done.exit_code == 1
    assert done.stderr.startswith(
        f"Error: {tmp_path / '2.bundle'} continues a bundle this machine has not applied yet "
        "(it needs commit "
    )
    assert done.stderr.endswith(
        "apply the earlier bundle first, or ask for a full one (workbench sync --bundle FILE "
        "--full); nothing was changed\n"
    )
    assert git(leyla.root, "rev-parse", "HEAD") == head
    assert run(leyla, "sync", "--from", str(tmp_path / "1.bundle")).exit_code == 0
    assert run(leyla, "sync", "--from", str(tmp_path / "2.bundle")).exit_code == 0
    newest = git(leyla.root, "rev-parse", "HEAD")
    # The first bundle again is stale: it brings nothing, and the branch stays where it is.
    stale = run(leyla, "sync", "--from", str(tmp_path / "1.bundle"))
    assert stale.exit_code == 0 and stale.stdout.startswith("Nothing new in")
    assert git(leyla.root, "rev-parse", "HEAD") == newest
    assert entry_of(leyla, second).msgstr == "دوم"


def test_a_second_bundle_carries_only_what_the_first_did_not(tmp_path, project, run):
    sara, _leyla = team(tmp_path, project)
    translate(sara, units(sara)[0], "یکم", "Sara")
    run(sara, "sync", "--bundle", str(tmp_path / "1.bundle"))
    translate(sara, units(sara)[1], "دوم", "Sara")
    second = json.loads(run(sara, "sync", "--bundle", str(tmp_path / "2.bundle"), "--json").stdout)
    assert second["sent"] == 1
    nothing = run(sara, "sync", "--bundle", str(tmp_path / "3.bundle"))
    assert nothing.exit_code == 1
    assert "nothing new since this machine's last bundle" in nothing.stderr
    full = json.loads(
        run(sara, "sync", "--bundle", str(tmp_path / "all.bundle"), "--full", "--json").stdout
    )
    assert full["sent"] > second["sent"]


def test_an_encrypted_bundle_is_read_with_its_passphrase_and_refused_without_it(
    tmp_path, project, run, monkeypatch
):
    sara, leyla = team(tmp_path, project)
    translate(sara, units(sara)[0], "شوراهای اراک", "Sara")
    stick = tmp_path / "stick.age"
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "two words and a number 7")
    assert run(sara, "sync", "--bundle", str(stick), "--encrypt").exit_code == 0
    data = stick.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert b"arak" not in data and "شورا".encode() not in data
    objects = git(leyla.root, "count-objects", "-v")
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "a wrong guess")
    done = run(leyla, "sync", "--from", str(stick))
    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: {stick} could not be decrypted: the passphrase is wrong, or the file was "
        "changed or cut short on the way; nothing was applied\n"
    )
    assert git(leyla.root, "count-objects", "-v") == objects
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "two words and a number 7")
    assert run(leyla, "sync", "--from", str(stick)).exit_code == 0
    assert entry_of(leyla, units(leyla)[0]).msgstr == "شوراهای اراک"


def test_a_tampered_bundle_is_refused_before_anything_is_unpacked(tmp_path, project, run):
    sara, leyla = team(tmp_path, project)
    translate(sara, units(sara)[0], "شوراهای اراک", "Sara")
    stick = tmp_path / "stick.bundle"
    run(sara, "sync", "--bundle", str(stick))
    data = bytearray(stick.read_bytes())
    data[-40] ^= 0x01  # one bit inside the pack
    tampered = tmp_path / "tampered.bundle"
    tampered.write_bytes(bytes(data))
    objects = git(leyla.root, "count-objects", "-v")
    done = run(leyla, "sync", "--from", str(tampered))
    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: {tampered} was changed or cut short on the way (its checksum does not match); "
        "nothing was applied; copy it again\n"
    )
    assert git(leyla.root, "count-objects", "-v") == objects
    cut = tmp_path / "cut.bundle"
    cut.write_bytes(stick.read_bytes()[:-100])
    assert "cut short" in run(leyla, "sync", "--from", str(cut)).stderr
    other = tmp_path / "notes.txt"
    other.write_text("not a bundle", encoding="utf-8")
    assert run(leyla, "sync", "--from", str(other)).stderr == (
        f"Error: {other} is not a workbench bundle (neither a git bundle nor an encrypted one); "
        "check that you picked the right file\n"
    )


def test_an_encrypted_bundle_needs_a_passphrase_from_somewhere(tmp_path, project, monkeypatch):
    sara, _leyla = team(tmp_path, project)
    monkeypatch.delenv("WORKBENCH_PASSPHRASE", raising=False)
    done = subprocess.run(
        workbench_command(
            "--project", str(sara.root), "sync", "--bundle", str(tmp_path / "x"), "--encrypt"
        ),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "WORKBENCH_PASSPHRASE"},
    )
    assert done.returncode == 1
    assert done.stderr == (
        "Error: a passphrase is needed: set WORKBENCH_PASSPHRASE, or run the command in a "
        "terminal\n"
    )


# -- while the server runs, and when things break --------------------------------------


def test_a_save_made_during_a_sync_ends_in_the_merge_or_after_it(tmp_path, project):
    sara, leyla = team(tmp_path, project)
    all_units = units(leyla)
    translate(sara, all_units[0], "از سارا", "Sara")
    service.sync(sara, author="Sara")
    saved: list[tuple[str, str]] = []
    stop = threading.Event()

    def keep_saving() -> None:
        n = 0
        while not stop.is_set():
            msgid = all_units[1 + n % (len(all_units) - 1)]
            text = f"ذخیره‌ی {n}"
            result = translate(leyla, msgid, text, "Leyla")
            if result.msgstr == text:
                saved.append((msgid, text))
            n += 1

    worker = threading.Thread(target=keep_saving)
    worker.start()
    try:
        for _ in range(3):
            service.sync(leyla, author="Leyla")
    finally:
        stop.set()
        worker.join()
    service.sync(leyla, author="Leyla")
    service.sync(sara, author="Sara")
    assert len(saved) > 3
    last: dict[str, str] = {}
    for msgid, text in saved:
        last[msgid] = text
    for msgid, text in last.items():
        assert text in texts_of(sara, msgid)
    assert entry_of(leyla, all_units[0]).msgstr == "از سارا"
    assert tracked_files(sara) == tracked_files(leyla)


def test_a_sync_killed_half_way_leaves_a_usable_repository_and_nothing_locked(tmp_path, project):
    sara, leyla = team(tmp_path, project)
    all_units = units(sara)
    for round_ in range(8):
        translate(sara, all_units[round_ % len(all_units)], f"سارا {round_}", "Sara")
        service.sync(sara, author="Sara")
        translate(leyla, all_units[(round_ + 1) % len(all_units)], f"لیلا {round_}", "Leyla")
        process = subprocess.Popen(
            workbench_command("--project", str(leyla.root), "sync"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(0.05 + 0.08 * round_)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    report = service.sync(leyla, author="Leyla")
    assert report.message
    service.sync(sara, author="Sara")
    git_dir = leyla.root / ".git"
    assert not (git_dir / "index.lock").exists()
    assert list(git_dir.rglob("*.lock")) == []
    assert list(msgfmt_problems(catalogs(leyla))) == []
    assert tracked_files(sara) == tracked_files(leyla)
    assert git(leyla.root, "status", "--porcelain") == ""
    assert git(leyla.root, "fsck", "--no-progress", "--no-dangling") == ""


def test_a_stale_index_lock_left_by_a_killed_sync_is_cleaned_up(tmp_path, project):
    sara, _leyla = team(tmp_path, project)
    lock = sara.root / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    journal = sara.instance_dir / "sync" / "journal"
    journal.write_text("12345\n", encoding="utf-8")
    translate(sara, units(sara)[0], "شوراها", "Sara")
    report = service.sync(sara, author="Sara")
    assert report.sent == 1
    assert not lock.exists() and not journal.exists()


def test_the_store_sees_the_files_a_sync_merged(tmp_path, project):
    sara, leyla = team(tmp_path, project)
    store = CatalogStore(leyla)
    unit = units(leyla)[0]
    assert store.get("fa", STATEMENT).find(unit).msgstr == ""
    translate(sara, unit, "از سارا", "Sara")
    service.sync(sara, author="Sara")
    service.sync(leyla, author="Leyla")
    assert store.get("fa", STATEMENT).find(unit).msgstr == "از سارا"


def test_a_statement_changed_on_one_side_updates_the_catalogs_on_the_other(tmp_path, project):
    sara, leyla = team(tmp_path, project)
    path = sara.seeds_dir / f"{STATEMENT}.txt"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nLong live the councils of Arak!\n", encoding="utf-8"
    )
    service.sync(sara, author="Sara")
    report = service.sync(leyla, author="Leyla")
    assert report.updated == [STATEMENT]
    assert "Long live the councils of Arak!" in units(leyla)
    assert git(leyla.root, "status", "--porcelain") == ""
    catalog = pofile.read(leyla.catalog_path("fa", STATEMENT))
    assert not any(cf.has_conflict(e) for e in catalog.entries)
