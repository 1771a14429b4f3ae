"""The project's services as the current request sees them, and errors told on a page."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, current_app
from flask_babel import gettext as _
from markupsafe import Markup, escape

from workbench.errors import WorkbenchError
from workbench.lang.locales import format_number
from workbench.project import Project
from workbench.services import REFRESH_EVERY, Workbench
from workbench.web.i18n import said, ui_locale


def init_app(app: Flask, project: Project) -> None:
    every = app.config.get("WORKBENCH_MEMORY_REFRESH", REFRESH_EVERY)
    app.extensions["workbench"] = Workbench(project, refresh_every=float(every))


def workbench() -> Workbench:
    """Return the current app's :class:`Workbench`."""
    return current_app.extensions["workbench"]


def page_message(exc: WorkbenchError) -> Markup:
    """Return *exc*'s message for a page, in the interface language, its file named within
    the project, never by full path.

    Errors raised below the project (a full disk while writing a catalog)
    carry the absolute path; a web user needs the project's name for the
    file, and the server's folders are none of their business.
    """
    message = said(exc.wording or exc.detail)
    if exc.path is None:
        return message
    where = exc.path
    if os.path.isabs(where):
        relative = workbench().project.relative(Path(where))
        where = Path(relative).name if os.path.isabs(relative) else relative
    place = Markup('<bdi dir="ltr">%s</bdi>') % where
    if exc.line is None:
        return escape(_("%(file)s: %(message)s")) % {"file": place, "message": message}
    return escape(_("%(file)s line %(line)s: %(message)s")) % {
        "file": place,
        "line": format_number(exc.line, ui_locale()),
        "message": message,
    }
