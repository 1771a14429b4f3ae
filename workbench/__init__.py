"""workbench: statements cut into units, translated in gettext catalogs,
kept consistent by a shared glossary, and built back into documents."""

from __future__ import annotations

__version__ = "0.1.0"


def create_app(test_config=None):
    """Create the web application (imported lazily: the core never needs Flask)."""
    from workbench.web import create_app as _create_app

    return _create_app(test_config)
