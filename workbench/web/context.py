"""The project's services as the current request sees them, and errors told on a page."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, current_app

from workbench.errors import WorkbenchError
from workbench.project import Project
from workbench.services import REFRESH_EVERY, Workbench


def init_app(app: Flask, project: Project) -> None:
    every = app.config.get("WORKBENCH_MEMORY_REFRESH", REFRESH_EVERY)
    app.extensions["workbench"] = Workbench(project, refresh_every=float(every))


def workbench() -> Workbench:
    """Return the current app's :class:`Workbench`."""
    return current_app.extensions["workbench"]


def page_message(exc: WorkbenchError) -> str:
    """Return *exc*'s message for a page: its file named within the project, never by full path.

    Errors raised below the project (a full disk while writing a catalog)
    carry the absolute path; a web user needs the project's name for the
    file, and the server's folders are none of their business.
    """
    if exc.path is None or not os.path.isabs(exc.path):
        return str(exc)
    relative = workbench().project.relative(Path(exc.path))
    return exc.described(Path(relative).name if os.path.isabs(relative) else relative)
