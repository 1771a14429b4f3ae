"""The interface's own language (English, Persian), through Flask-Babel.

The chosen language is kept in the session; without a choice the browser's
Accept-Language decides. Persian mirrors the whole page (``dir="rtl"``).

Messages from the core (findings, errors: :mod:`workbench.messages`) are
said here in the interface's language: :func:`said` renders one as HTML in
which every piece of text from a statement, a translation or a person is
isolated in a ``<bdi>`` with its own language and direction; :func:`said_parts`
gives the same pieces to the editor's script. In plain text (a flash made
in Python, a JSON error) data goes between Unicode isolates (:func:`isolated`).
Numbers are written in the interface language's digits and times in its
calendar (Solar Hijri for Persian).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations
from flask import Flask, g, request, session
from flask_babel import Babel, get_translations
from markupsafe import Markup, escape

from workbench.errors import WorkbenchError
from workbench.lang.dates import format_moment
from workbench.lang.locales import display_name, format_number, language, text_direction
from workbench.messages import DATA, N_, SOURCE, TARGET, Message
from workbench.project import Project
from workbench.util import files

#: Interface languages, the first the default.
UI_LANGUAGES = ("en", "fa")


#: Words the templates translate from data (statuses, roles, filters...).
WORDS = (
    N_("untranslated"),
    N_("fuzzy"),
    N_("translated"),
    N_("reviewed"),
    N_("missing"),
    N_("all"),
    N_("findings"),
    N_("conflicts"),
    N_("translator"),
    N_("reviewer"),
    N_("admin"),
    N_("preferred"),
    N_("admitted"),
    N_("deprecated"),
    N_("forbidden"),
    N_("translate"),
    N_("transliterate"),
    N_("keep"),
)

#: Parts of speech, as the glossary keeps them, and as the pages name them.
PARTS_OF_SPEECH = {
    "noun": N_("noun"),
    "verb": N_("verb"),
    "adjective": N_("adjective"),
    "adverb": N_("adverb"),
    "properNoun": N_("proper noun"),
    "other": N_("other"),
}

#: The checks' names, as the editor shows them (the command line keeps the names).
CHECK_NAMES = (
    N_("untranslated"),
    N_("fuzzy"),
    N_("unchanged"),
    N_("glossary"),
    N_("numbers"),
    N_("urls"),
    N_("punctuation"),
    N_("brackets"),
    N_("whitespace"),
    N_("inconsistent-translation"),
    N_("inconsistent-source"),
    N_("length"),
    N_("conflict"),
)
SEVERITIES = (N_("error"), N_("warning"), N_("info"))


def ui_locale() -> str:
    """Return the interface language of this request (chosen once per request)."""
    chosen = g.get("_ui_locale")
    if chosen is None:
        chosen = session.get("ui")
        if chosen not in UI_LANGUAGES:
            chosen = request.accept_languages.best_match(UI_LANGUAGES) or UI_LANGUAGES[0]
        g._ui_locale = chosen
    return chosen


def _translations() -> NullTranslations:
    # An editor page translates hundreds of strings; Flask-Babel looks its
    # catalog up again for each. One lookup per request is enough.
    found = g.get("_ui_translations")
    if found is None:
        found = g._ui_translations = get_translations()
    return found


def ui_direction() -> str:
    return language(ui_locale()).direction


class Interface:
    """Renders the core's messages in the interface language of this request."""

    def __init__(self, translations: NullTranslations, locale: str) -> None:
        self.translations = translations
        self.locale = locale

    def gettext(self, message: str) -> str:
        return self.translations.ugettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ungettext(singular, plural, n)

    def number(self, value: float, places: int) -> str:
        return format_number(value, self.locale, places or None)

    def language(self, code: str, english: str) -> str:
        return display_name(code, self.locale)


def interface() -> Interface:
    """Return the renderer of messages for this request."""
    found = g.get("_ui_interface")
    if found is None:
        found = g._ui_interface = Interface(_translations(), ui_locale())
    return found


def _pieces(message: Message | str) -> list[tuple[str, str | None]]:
    if isinstance(message, Message):
        return message.pieces(interface())
    return [(str(message), DATA)]  # an English text without a template: shown as it is


def _languages(source: str | None, target: str | None) -> dict[str, tuple[str | None, str]]:
    """Map each kind of isolated piece to its (lang, dir)."""
    out: dict[str, tuple[str | None, str]] = {DATA: (None, "auto")}
    if source:
        out[SOURCE] = (source, language(source).direction)
    if target:
        out[TARGET] = (target, language(target).direction)
    return out


def said(message: Message | str, source: str | None = None, target: str | None = None) -> Markup:
    """Return *message* in the interface language as HTML, its data isolated in ``<bdi>``.

    *source* and *target* are the languages of the source and translated
    text the message quotes (unknown: the browser reads each piece's direction).
    """
    isolates = _languages(source, target)
    out = []
    for text, kind in _pieces(message):
        if kind is None:
            out.append(str(escape(text)))
            continue
        lang, direction = isolates.get(kind, (None, "auto"))
        if direction == "auto":
            direction = text_direction(text)
        lang_attr = f' lang="{escape(lang)}"' if lang else ""
        out.append(f'<bdi{lang_attr} dir="{direction}">{escape(text)}</bdi>')
    return Markup("".join(out))


def said_parts(
    message: Message | str, source: str | None = None, target: str | None = None
) -> list[dict[str, str]]:
    """Return *message* as pieces for the editor's script: text, and lang and dir to isolate."""
    isolates = _languages(source, target)
    out = []
    for text, kind in _pieces(message):
        if kind is None:
            out.append({"text": text})
            continue
        lang, direction = isolates.get(kind, (None, "auto"))
        if direction == "auto":
            direction = text_direction(text)
        out.append({"text": text, "dir": direction, **({"lang": lang} if lang else {})})
    return out


#: Unicode's first-strong isolate and its end: a plain-text <bdi dir="auto">.
FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def isolated(text: str) -> str:
    """Return *text* between Unicode isolates: data in plain text (a flash, a JSON error)."""
    return f"{FSI}{text}{PDI}"


def ltr_isolated(text: str) -> str:
    """Return *text* as a left-to-right isolate (LRI…PDI), for keys in an attribute's text."""
    return f"{LRI}{text}{PDI}"


def said_text(message: Message | str) -> str:
    """Return *message* in the interface language as plain text, its data isolated (FSI…PDI)."""
    return "".join(text if kind is None else f"{FSI}{text}{PDI}" for text, kind in _pieces(message))


def number(value: float) -> str:
    """Write *value* in the interface language's digits and separators."""
    return format_number(value, ui_locale())


def format_when(moment: float | datetime.datetime | str | None, time: bool = True) -> str:
    """Write a moment (a timestamp, a datetime, a PO header date) in the interface's calendar.

    Times are shown in the server's local time; an unreadable PO date is shown as written.
    Without *time*, the day alone.
    """
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        # A PO header's date ("2026-01-29 10:00+0330"), or one written in UTC ("... 18:29 UTC").
        written = moment.strip().removesuffix(" UTC")
        zone = "+0000" if written != moment.strip() else ""
        try:
            parsed = datetime.datetime.strptime(written + zone, "%Y-%m-%d %H:%M%z")
        except ValueError:
            return moment
        moment = parsed.astimezone()
    elif not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.fromtimestamp(moment)
    elif moment.tzinfo is not None:
        moment = moment.astimezone()
    return format_moment(moment.replace(tzinfo=None), ui_locale(), time)


def refresh_catalogs(folder: Path, lock_dir: Path | None = None) -> list[Path]:
    """Compile each interface catalog under *folder* whose .mo is missing or older than its .po.

    An install compiles them; code brought up to date with git in an editable
    install brings new .po files and no new .mo, and the pages would speak
    English where the catalog has the translation. Returns the .mo files
    written; one that cannot be written (a read-only install) is left to the
    install.
    """
    written = []
    for po in sorted(folder.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        try:
            if mo.exists() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
                continue
            with open(po, "rb") as fh:
                catalog = read_po(fh, abort_invalid=True)
            data = io.BytesIO()
            write_mo(data, catalog, use_fuzzy=False)
            with files.locked(mo, lock_dir):
                files.atomic_write(mo, data.getvalue(), durable=False)
        except (OSError, WorkbenchError):
            continue
        written.append(mo)
    return written


def init_app(app: Flask, project: Project) -> None:
    refresh_catalogs(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]), project.lock_dir)
    Babel(app, locale_selector=ui_locale)
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    app.add_template_filter(number, "num")

    @app.template_filter("pos")
    def part_of_speech(name: str) -> str:
        """Name a part of speech in the interface language."""
        return _translations().ugettext(PARTS_OF_SPEECH[name]) if name in PARTS_OF_SPEECH else name

    @app.template_filter("lang_name")
    def lang_name(code: str) -> str:
        """Name a language in the interface language."""
        return display_name(code, ui_locale())

    app.add_template_filter(format_when, "when")
    # Text of unknown language (a definition, a comment): the direction of most of its letters.
    app.add_template_filter(text_direction, "direction")
    app.add_template_filter(said, "said")
    app.add_template_filter(ltr_isolated, "ltr")
    app.add_template_filter(isolated, "isolated")

    @app.context_processor
    def interface() -> dict:
        return {"ui_lang": ui_locale(), "ui_dir": ui_direction(), "ui_languages": UI_LANGUAGES}
