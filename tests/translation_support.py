"""Translations written straight into catalogs, and TMX files, as another tool would write them.

For the memory, pretranslation and check tests, on the small project of
conftest's ``project`` fixture.
"""

from __future__ import annotations

from pathlib import Path

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.update import update_project
from workbench.memory import tmx
from workbench.project import Project

POWER = "همه‌ی قدرت به شوراها!"
STRIKE = "اعتصاب ما دیگر بر سر دستمزد نیست."
HAFT_TAPPEH = """\
Haft Tappeh workers declare councils

All power to the workers' councils!

Our strike is no longer about wages alone. All power to the councils!
"""

#: Units of an older translation memory, in a TMX file of their own.
TMX_UNITS = [
    ("Bread, work, freedom!", "نان، کار، آزادی!"),
    ("Long live the strike committees.", "زنده باد کمیته‌های اعتصاب."),
]


def translate(
    project: Project,
    statement: str,
    texts: dict[str, str],
    lang: str = "fa",
    translator: str | None = "leyla",
) -> None:
    """Translate units in a catalog file, as another tool or the command line would."""
    path = project.catalog_path(lang, statement)

    def change(current):
        changes = [cat.Edit(msgid, text, cat.TRANSLATED) for msgid, text in texts.items()]
        results = cat.apply_edits(current, changes, translator=translator)
        assert all(isinstance(r, cat.Entry) for r in results), results
        return current

    pofile.modify(path, change, lock_dir=project.lock_dir)


def translate_two_units(project: Project) -> Project:
    """Add the Haft Tappeh statement, write the catalogs, translate two units of arak-councils."""
    (project.seeds_dir / "haft-tappeh.txt").write_text(HAFT_TAPPEH, encoding="utf-8")
    update_project(project)
    translate(
        project,
        "arak-councils",
        {"All power to the councils!": POWER, "Our strike is no longer about wages.": STRIKE},
    )
    return project


def write_tmx(path: Path, units=TMX_UNITS, source: str = "en", target: str = "fa-IR") -> Path:
    """Write *units* to a TMX file at *path*; return the path."""
    tmx.write(path, units, source, target)
    return path


def write_large_tmx(path: Path, blocks: int = 100) -> Path:
    """Write a TMX file of *blocks* thousand distinct units (about 27 MB for 100)."""
    unit = (
        '<tu><tuv xml:lang="en"><seg>Sentence {i} about the strike committees of '
        'Khuzestan and their councils.</seg></tuv><tuv xml:lang="fa"><seg>جمله‌ی {i} '
        "درباره‌ی کمیته‌های اعتصاب خوزستان و شوراهایشان.</seg></tuv></tu>\n"
    )
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
            'srclang="en"/><body>\n'
        )
        for block in range(blocks):
            fh.write("".join(unit.format(i=block * 1000 + i) for i in range(1000)))
        fh.write("</body></tmx>\n")
    return path
