"""The one exception hierarchy of the workbench.

Every error a user can cause is a :class:`WorkbenchError` whose message says
what is wrong, where, and what to do. The command line prints it as one line
and exits 1; the web app renders it on its error page. An error a page may
show is raised with a :class:`~workbench.messages.Message`, so that the page
can say it in the interface's language (:attr:`WorkbenchError.wording`).
"""

from __future__ import annotations

import os

from workbench.messages import Message


class WorkbenchError(Exception):
    """A problem the user can fix; its message is shown as is."""

    def __init__(
        self,
        message: str | Message,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        language: str | None = None,
    ) -> None:
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.language = language
        #: The message in English; :attr:`wording` keeps its template, if it has one.
        self.detail = str(message)
        self.wording = message if isinstance(message, Message) else None
        super().__init__(self._format())

    def _format(self) -> str:
        return self.described(self.path)

    def described(self, path: str | None) -> str:
        """Return the message with the file named as *path* (and the line, if any)."""
        where = ""
        if path is not None:
            where = path if self.line is None else f"{path} line {self.line}"
        return f"{where}: {self.detail}" if where else self.detail


class ProjectError(WorkbenchError):
    """The project folder or its settings are not usable."""


class StatementError(WorkbenchError):
    """A source statement cannot be read or is not a valid statement."""


class LanguageError(WorkbenchError):
    """A language code is unknown, malformed or not in the project."""


class CatalogError(WorkbenchError):
    """A PO file cannot be read or written."""


class GlossaryError(WorkbenchError):
    """The termbase or a file imported into it is invalid."""


class TranslationMemoryError(WorkbenchError):
    """Translation memory input (for example a TMX file) is invalid."""


class XliffError(WorkbenchError):
    """An XLIFF file cannot be read, or does not belong to this statement and language."""


class SearchError(WorkbenchError):
    """A search pattern is not valid, or took too long."""


class ConflictError(WorkbenchError):
    """A save was based on a revision that is no longer current."""


class StorageError(WorkbenchError):
    """A file could not be written (disk full, permissions); nothing changed."""


class SyncError(WorkbenchError):
    """Sync between machines failed (git missing, remote unreachable, a bad bundle)."""
