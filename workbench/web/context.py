"""The project's services as the current request sees them, and errors told on a page."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from flask import Flask, current_app
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup, escape

from workbench.accounts.users import ADMIN
from workbench.errors import WorkbenchError
from workbench.lang.locales import format_number
from workbench.messages import N_, Message
from workbench.project import Project
from workbench.services import REFRESH_EVERY, Workbench
from workbench.web.i18n import said, ui_locale


def init_app(app: Flask, project: Project) -> None:
    every = app.config.get("WORKBENCH_MEMORY_REFRESH", REFRESH_EVERY)
    app.extensions["workbench"] = Workbench(project, refresh_every=float(every))


def workbench() -> Workbench:
    """Return the current app's :class:`Workbench`."""
    return current_app.extensions["workbench"]


#: Messages of the core that tell someone at the command line what to run, and what the
#: web says instead: what to do in the browser, and (None: the same) what an admin reads,
#: who may have the server's command line at hand. Every message of the core with a
#: ``%(command)s`` is here (tests/test_web_pages.py checks it).
IN_THE_BROWSER: dict[str, tuple[str, str | None]] = {
    "%(files)s: both sides changed the same lines; nothing was changed here. Resolve it with: "
    "%(command)s, edit the file, %(commit)s; then sync again": (
        N_(
            "%(files)s: both sides changed the same lines; nothing was changed here. Ask the "
            "project's administrator to resolve it on the server, then sync again"
        ),
        None,
    ),
    "the remote %(remote)s (%(url)s) did not answer within %(seconds)s s; check the connection "
    "and sync again (or carry a bundle: %(command)s); nothing was lost": (
        N_(
            "the remote %(remote)s (%(url)s) did not answer within %(seconds)s s; check the "
            "connection and sync again; nothing was lost"
        ),
        None,
    ),
    "does not exist; run: %(command)s": (
        N_("does not exist yet; ask the project's administrator to bring the catalogs up to date"),
        N_("does not exist yet; bring the catalogs up to date on the server with: %(command)s"),
    ),
    '"%(code)s" is not a language of this project (it has: %(have)s); add it with: %(command)s': (
        N_(
            '"%(code)s" is not a language of this project (it has: %(have)s); ask the '
            "project's administrator to add it"
        ),
        N_(
            '"%(code)s" is not a language of this project (it has: %(have)s); add it on the '
            "Languages page"
        ),
    ),
    'no statement "%(id)s" in %(folder)s; see the list with: %(command)s': (
        N_(
            'there is no statement "%(id)s" in this project; choose one from the list of statements'
        ),
        None,
    ),
    'no concept "%(id)s" in the glossary; did you mean "%(near)s"? see the ids with: %(command)s': (
        N_('no concept "%(id)s" in the glossary; did you mean "%(near)s"? Search the glossary'),
        None,
    ),
    'no concept "%(id)s" in the glossary; see the ids with: %(command)s': (
        N_('no concept "%(id)s" in the glossary; it may have been removed meanwhile'),
        None,
    ),
    'concept "%(id)s" already exists; edit it with: %(command)s, or choose another id': (
        N_(
            'concept "%(id)s" already exists; open it from the glossary to edit it, or choose '
            "another id"
        ),
        None,
    ),
    'no user named "%(name)s"; see the list with: %(command)s': (
        N_('no user named "%(name)s"; the list on this page is up to date'),
        None,
    ),
    "is empty: a crash, a bad merge or a full disk may have emptied it; restore it "
    "(see its kept versions with: %(command)s) or from git; nothing was written": (
        N_(
            "is empty: a crash, a bad merge or a full disk may have emptied it; ask the "
            "project's administrator to restore it; nothing was written"
        ),
        N_(
            "is empty: a crash, a bad merge or a full disk may have emptied it; restore it on "
            "the server (see its kept versions with: %(command)s) or from git; nothing was written"
        ),
    ),
    'has no header entry (msgid ""), so it was damaged (a bad merge, an edit cut short); '
    "restore it (see its kept versions with: %(command)s) or from git; nothing was written": (
        N_(
            'has no header entry (msgid ""), so it was damaged (a bad merge, an edit cut '
            "short); ask the project's administrator to restore it; nothing was written"
        ),
        N_(
            'has no header entry (msgid ""), so it was damaged (a bad merge, an edit cut '
            "short); restore it on the server (see its kept versions with: %(command)s) or "
            "from git; nothing was written"
        ),
    ),
}


def in_the_browser(message: Message | str) -> Message | str:
    """Return *message* as the web says it: what to do in the browser instead of a command
    to run (see :data:`IN_THE_BROWSER`)."""
    if not isinstance(message, Message) or message.template not in IN_THE_BROWSER:
        return message
    everyone, admin = IN_THE_BROWSER[message.template]
    is_admin = current_user.is_authenticated and current_user.can(ADMIN)
    chosen = admin if admin is not None and is_admin else everyone
    return replace(message, template=chosen)


def page_message(exc: WorkbenchError) -> Markup:
    """Return *exc*'s message for a page, in the interface language, its file named within
    the project, never by full path, and what it asks to do said as done in the browser.

    Errors raised below the project (a full disk while writing a catalog)
    carry the absolute path; a web user needs the project's name for the
    file, and the server's folders are none of their business.
    """
    message = said(in_the_browser(exc.wording or exc.detail))
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
