"""Atomic, locked writes."""

from __future__ import annotations

from workbench.util import files


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
