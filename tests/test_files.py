"""Atomic, locked writes."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from workbench.util import derived, files


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "fa.po"
    path.write_text("old", encoding="utf-8")
    with files.locked(path, tmp_path / "locks"):
        files.atomic_write(path, "new")
    assert path.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fa.po", "locks"]


def test_taking_the_lock_removes_what_a_killed_writer_left_behind(tmp_path):
    path = tmp_path / "fa.po"
    path.write_text("whole", encoding="utf-8")
    orphan = tmp_path / ".fa.po.k2j4h1.tmp"
    orphan.write_text("half a catalog", encoding="utf-8")
    other = tmp_path / ".de.po.x1.tmp"  # another file's writer may still be at work
    other.write_text("busy", encoding="utf-8")
    with files.locked(path, tmp_path / "locks"):
        assert not orphan.exists()
    assert other.exists()
    assert path.read_text(encoding="utf-8") == "whole"


def test_only_the_temporary_files_of_that_very_file_are_swept(tmp_path):
    # Brackets and a star are letters of a file name, not a pattern.
    path = tmp_path / "[fa]*.po"
    path.write_text("whole", encoding="utf-8")
    orphans = [tmp_path / ".[fa]*.po.k2.tmp", tmp_path / ".[fa]*.po..tmp"]
    kept = [
        tmp_path / ".f*.po.k2.tmp",  # what the name read as a pattern would match
        tmp_path / ".[fa]*.pot.k2.tmp",  # another file whose name begins the same
        tmp_path / ".[fa]*.po.tmp",  # not a name a writer of it gives
        tmp_path / ".[fa]*.po.k2.tmp.bak",
    ]
    for other in orphans + kept:
        other.write_text("half", encoding="utf-8")
    with files.locked(path, tmp_path / "locks"):
        assert [p.name for p in orphans if p.exists()] == []
    assert [p.name for p in kept if not p.exists()] == []


def test_a_write_in_progress_is_a_new_file_beside_the_target_that_only_its_owner_reads(tmp_path):
    path = tmp_path / "fa.po"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    with files.atomic_stream(path) as fh:
        fh.write(b"new")
        (staged,) = tmp_path.glob(".fa.po.*.tmp")
        assert stat.S_IMODE(staged.stat().st_mode) == 0o600
        assert os.path.samestat(staged.stat(), os.fstat(fh.fileno()))
    assert path.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # the old file's permissions kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fa.po"]


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path):
    mask = os.umask(0o027)
    try:
        files.atomic_write(tmp_path / "fa.po", "new")
    finally:
        os.umask(mask)
    # The mask is read once, when the workbench starts.
    assert stat.S_IMODE((tmp_path / "fa.po").stat().st_mode) == 0o666 & ~files._UMASK


def test_a_failed_write_removes_its_temporary_file_and_keeps_the_old_one(tmp_path):
    path = tmp_path / "fa.po"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError, match="stopped"), files.atomic_stream(path) as fh:
        fh.write(b"half")
        raise ValueError("stopped")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fa.po"]


def test_two_writes_at_once_each_get_their_own_temporary_file(tmp_path):
    path = tmp_path / "fa.po"
    with files.atomic_stream(path) as first, files.atomic_stream(path) as second:
        first.write(b"first")
        second.write(b"second")
        assert len(list(tmp_path.glob(".fa.po.*.tmp"))) == 2
    assert path.read_text(encoding="utf-8") == "first"  # the outer block ends last
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fa.po"]


def test_a_lock_is_named_for_the_sha1_of_the_file_s_whole_path_as_every_version_names_it(tmp_path):
    path = tmp_path / "locales" / "fa" / "LC_MESSAGES" / "شوراها.po"
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:16]
    lock = files.lock_path(path, tmp_path / "locks")
    assert lock == tmp_path / "locks" / f"شوراها.po.{digest}.lock"


# -- what tells one version of the code from another --------------------------------


def test_the_code_key_counts_the_word_lists_the_rules_read_and_not_the_pages(tmp_path):
    package = tmp_path / "package"
    (package / "lang" / "data").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "templates").mkdir()
    (package / "lang" / "rules.py").write_text("RULES = 1\n")
    (package / "lang" / "data" / "fa-prefixes.txt").write_text("ضد\n")
    (package / "lang" / "plural_forms.tsv").write_text("fa\tnplurals=2\n")
    (package / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0")
    (package / "templates" / "page.html").write_text("<p>")

    def stats() -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        derived._module_stats(str(package), "", found)
        return sorted(found)

    before = stats()
    assert [name for name, _size, _time in before] == [
        "lang/data/fa-prefixes.txt",
        "lang/plural_forms.tsv",
        "lang/rules.py",
    ]
    (package / "lang" / "data" / "fa-prefixes.txt").write_text("ضد\nپسا\n")
    assert stats() != before
