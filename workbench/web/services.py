"""The project's long-lived parts, shared by every request of one process.

Catalogs stay parsed in a :class:`~workbench.store.CatalogStore`; the
glossary, its matcher and each language's memory are built once and rebuilt
only when their files change. A save updates the history and the memory in
the same step that writes the catalog.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app

from .. import glossary as gl
from ..history import History
from ..memory import Memory, Record
from ..project import Project
from ..store import CatalogStore, Saved
from ..users import Users


class Workbench:
    """Everything a request needs to reach the project."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.history = History(project.instance_dir / "history.sqlite")
        self.users = Users(project.instance_dir / "users.sqlite")
        self.store = CatalogStore(project, on_saved=self._saved)
        self._lock = threading.Lock()
        self._memories: dict[str, Memory] = {}
        self._matcher: tuple[Any, Any] | None = None
        self._checkers: dict[str, tuple[Any, Any]] = {}

    # -- project ---------------------------------------------------------

    def reload_project(self) -> Project:
        """Re-read the settings (after a language was added)."""
        self.project = Project.load(self.project.root)
        self.store.project = self.project
        return self.project

    # -- glossary --------------------------------------------------------

    def glossary(self) -> gl.Glossary:
        return gl.load(self.project)

    def source_matcher(self):
        """Return the glossary's source matcher, rebuilt when the glossary changes."""
        from ..termmatch import SourceMatcher

        glossary = self.glossary()
        cached = self._matcher
        if cached is not None and cached[0] is glossary:
            return cached[1]
        matcher = SourceMatcher(list(glossary), language=self.project.source_language)
        self._matcher = (glossary, matcher)
        return matcher

    def checker(self, lang: str):
        """Return the checks of *lang*, rebuilt when the glossary changes."""
        from ..checks import Checker, Context

        glossary = self.glossary()
        cached = self._checkers.get(lang)
        if cached is not None and cached[0] is glossary:
            return cached[1]
        checker = Checker(Context(self.project, lang, glossary, self.source_matcher()))
        self._checkers[lang] = (glossary, checker)
        return checker

    # -- memory ----------------------------------------------------------

    def memory(self, lang: str) -> Memory:
        """Return the memory of *lang*, opened once per process (loads in the background)."""
        with self._lock:
            mem = self._memories.get(lang)
            if mem is None:
                mem = self._memories[lang] = Memory.open(self.project.instance_dir, lang)
            return mem

    # -- saves -----------------------------------------------------------

    def _saved(self, saved: list[Saved]) -> None:
        self.history.record(saved)
        for item in saved:
            entry = item.after
            record = Record(
                source=entry.msgid,
                target=entry.msgstr if entry.translated else "",
                origin=item.statement,
                context=entry.msgctxt or "",
                unit=" ".join(f"{p}:{n}" for p, n in entry.occurrences),
            )
            memory = self.memory(item.language)
            if record.target:
                memory.add(record)
            else:
                memory.remove(record.origin, record.source, record.context)

    def close(self) -> None:
        for memory in self._memories.values():
            memory.close()


def init_app(app: Flask, project: Project) -> None:
    app.extensions["workbench"] = Workbench(project)


def workbench() -> Workbench:
    """Return the current app's :class:`Workbench`."""
    return current_app.extensions["workbench"]
