"""Dismissing a check's finding on one unit: a translator comment that travels with the file.

``# dismissed CHECK: REASON`` says that the finding of CHECK does not apply
to this unit; the checks then report it apart. The web editor and
``workbench check --dismiss`` both change the catalog through
:func:`change_in_file`, under the file's lock, as a comment on a unit does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from workbench.catalogs import backups, pofile
from workbench.catalogs.model import Catalog, Entry
from workbench.errors import CatalogError
from workbench.messages import N_, Data, Message
from workbench.project import Project

_CHECK_NAME = re.compile(r"[a-z][a-z0-9_-]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def set_dismissal(entry: Entry, check: str, reason: str | None) -> Entry:
    """Return *entry* with the finding of *check* dismissed for *reason* (None clears it)."""
    kept = tuple((c, r) for c, r in entry.dismissed if c != check)
    if reason is not None:
        # Both go into one comment line: a line break or a control character
        # would break the file for every tool that reads it.
        if not _CHECK_NAME.fullmatch(check):
            raise CatalogError(
                Message.of(
                    N_(
                        "%(check)s is not the name of a check (lowercase letters, digits, - and "
                        "_); dismiss the finding from the editor, which names its check"
                    ),
                    check=Data(repr(check[:40])),
                )
            )
        # A backslash at the end of a PO line joins it to the next for GNU tools.
        reason = " ".join(reason.split()).rstrip("\\").rstrip()
        if bad := _CONTROL.search(reason):
            raise CatalogError(
                Message.of(
                    N_("the reason holds the control character %(code)s; remove it"),
                    code=Data(f"U+{ord(bad.group()):04X}"),
                )
            )
        kept += ((check, reason),)
    return replace(entry, dismissed=kept)


def dismiss_in_file(
    project: Project,
    lang: str,
    statement: str,
    select: Callable[[Catalog], int | None],
    check: str,
    reason: str | None,
) -> tuple[Catalog, Entry | None, bool]:
    """Dismiss (reason None: restore) *check* on the unit *select* picks in one catalog.

    *select* returns the position of the unit in the catalog read under the
    file's lock, or None when there is none. Returns the catalog as
    written, the changed entry (None if no unit was picked) and whether the
    file changed.
    """
    return change_in_file(
        project, lang, statement, select, lambda entry: set_dismissal(entry, check, reason)
    )


def change_in_file(
    project: Project,
    lang: str,
    statement: str,
    select: Callable[[Catalog], int | None],
    change: Callable[[Entry], Entry],
) -> tuple[Catalog, Entry | None, bool]:
    """Apply *change* to the unit *select* picks in one catalog, under the file's lock.

    For changes that leave the translation alone (a dismissal, a comment).
    The previous version of the file is kept first (:mod:`.backups`).
    Returns what :func:`dismiss_in_file` returns.
    """
    path = project.catalog_path(lang, statement)
    name = project.relative(path)
    chosen: list[Entry] = []

    def apply(current: Catalog | None) -> Catalog:
        if current is None:
            raise pofile.not_written_yet(name)
        at = select(current)
        if at is not None:
            entry = change(current.entries[at])
            current.entries[at] = entry
            chosen.append(entry)
        return current

    new, changed = pofile.modify(path, apply, name, project.lock_dir, backups.keeper(project, path))
    return new, (chosen[0] if chosen else None), changed
