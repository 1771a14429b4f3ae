"""Packaging hook: compile the web interface's translations at install time.

Runs inside the build backend (setuptools), before Flask or any other
dependency is installed: it imports only setuptools and Babel.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools.command.build_py import build_py

TRANSLATIONS = Path(__file__).resolve().parent.parent / "web" / "translations"


def compile_catalogs(folder: Path = TRANSLATIONS) -> list[Path]:
    """Write a .mo file next to every .po file under *folder*; return them."""
    written = []
    for po in sorted(folder.glob("*/LC_MESSAGES/*.po")):
        with open(po, "rb") as fh:
            catalog = read_po(fh, abort_invalid=True)
        mo = po.with_suffix(".mo")
        with open(mo, "wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
        written.append(mo)
    return written


class BuildWithCatalogs(build_py):
    """setuptools' build_py, compiling the translations first (editable installs too)."""

    def run(self) -> None:
        compile_catalogs()
        super().run()
