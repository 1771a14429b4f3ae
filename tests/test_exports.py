"""Files written where the user says (exports, bundles): no lock beside them, no folder made up.

A file written outside the project is often written onto a USB stick or into
a shared folder: its lock lives in the project's ``instance/locks`` like any
other, and a folder that does not exist is a one-line error (a mistyped path,
a stick that is not mounted), never created silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.catalogs.update import update_project
from workbench.util import files

from .sync_support import git, team

STATEMENT = "arak-councils"

#: Each verb that writes a file the user names, with {out} for that file.
EXPORTS = [
    ("glossary", "export", "{out}.tbx"),
    ("glossary", "export", "{out}.csv"),
    ("memory", "export", "fa", "{out}.tmx"),
    ("xliff", "export", "fa", STATEMENT, "--out", "{out}.xlf"),
]
EXPORT_IDS = ["glossary-tbx", "glossary-csv", "memory-tmx", "xliff"]


def argv(args: tuple[str, ...], out: Path) -> list[str]:
    return [a.replace("{out}", str(out)) for a in args]


@pytest.fixture
def updated(project):
    update_project(project)
    return project


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("args", EXPORTS, ids=EXPORT_IDS)
def test_an_export_leaves_only_the_file_in_its_folder_and_its_lock_in_the_project(
    updated, run, tmp_path, args
):
    stick = tmp_path / "stick"
    stick.mkdir()
    command = argv(args, stick / "out")
    result = run(updated, *command)
    assert result.exit_code == 0, result.output
    assert listing(stick) == [Path(command[-1]).name]
    lock = files.lock_path(Path(command[-1]), updated.lock_dir)
    assert lock.parent == updated.root / "instance" / "locks" and lock.exists()


@pytest.mark.parametrize("args", EXPORTS, ids=EXPORT_IDS)
def test_an_export_into_a_missing_folder_is_one_line_and_makes_no_folder(
    updated, run, tmp_path, args
):
    missing = tmp_path / "no-stick" / "dir"
    command = argv(args, missing / "out")
    before = listing(tmp_path)
    result = run(updated, *command)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {command[-1]}: the folder {missing} does not exist; create it first "
        "(nothing was written)\n"
    )
    assert listing(tmp_path) == before


def test_an_export_onto_a_file_where_a_folder_should_be_is_one_line(updated, run, tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "notes.txt" / "glossary.tbx"
    result = run(updated, "glossary", "export", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {out}: {tmp_path / 'notes.txt'} is not a folder; write the file elsewhere "
        "(nothing was written)\n"
    )


def test_an_export_to_a_relative_path_names_the_folder_as_given(
    updated, run, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    result = run(updated, "memory", "export", "fa", "usb/fa.tmx")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: usb/fa.tmx: the folder usb does not exist; create it first (nothing was written)\n"
    )


def test_a_bundle_for_a_stick_that_is_not_there_is_refused_before_anything_is_committed(
    tmp_path, project, run
):
    sara, _leyla = team(tmp_path, project)
    (sara.seeds_dir / "new.txt").write_text("A new statement.\n", encoding="utf-8")
    head = git(sara.root, "rev-parse", "HEAD")
    missing = tmp_path / "media" / "stick"
    result = run(sara, "sync", "--bundle", str(missing / "ahvaz.bundle"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {missing / 'ahvaz.bundle'}: the folder {missing} does not exist; create it "
        "first (nothing was written)\n"
    )
    assert not (tmp_path / "media").exists()
    assert git(sara.root, "rev-parse", "HEAD") == head


def test_a_bundle_leaves_no_lock_file_on_the_stick(tmp_path, project, run):
    sara, _leyla = team(tmp_path, project)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert run(sara, "sync", "--bundle", str(stick / "ahvaz.bundle")).exit_code == 0
    assert listing(stick) == ["ahvaz.bundle"]


def test_build_out_makes_the_folder_it_names_and_locks_in_the_project(updated, run, tmp_path):
    # --out names the folder itself (like the default instance/build/LANG), so
    # it is made, as tests/test_security.py expects of any folder the user chooses.
    out = tmp_path / "elsewhere" / "built"
    result = run(updated, "build", "fa", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert listing(out) == [f"{STATEMENT}.txt"]
    assert files.lock_path(out / f"{STATEMENT}.txt", updated.lock_dir).exists()
