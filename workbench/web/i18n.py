"""The interface's own language (English, Persian), through Flask-Babel.

The chosen language is kept in the session; without a choice the browser's
Accept-Language decides. Persian mirrors the whole page (``dir="rtl"``).
"""

from __future__ import annotations

from babel.support import NullTranslations
from flask import Flask, g, request, session
from flask_babel import Babel, get_translations

from workbench.lang.locales import display_name, format_number, language

#: Interface languages, the first the default.
UI_LANGUAGES = ("en", "fa")


def N_(message: str) -> str:
    """Mark *message* for translation where it is translated later (gettext_noop)."""
    return message


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


def init_app(app: Flask) -> None:
    Babel(app, locale_selector=ui_locale)
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )

    @app.template_filter("num")
    def num(value: float) -> str:
        """Write a number in the interface language's digits and separators."""
        return format_number(value, ui_locale())

    @app.template_filter("lang_name")
    def lang_name(code: str) -> str:
        """Name a language in the interface language."""
        return display_name(code, ui_locale())

    @app.context_processor
    def interface() -> dict:
        return {"ui_lang": ui_locale(), "ui_dir": ui_direction(), "ui_languages": UI_LANGUAGES}
