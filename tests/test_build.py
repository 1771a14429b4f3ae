"""Translated statements built back from the source and a catalog."""

from __future__ import annotations

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.build import build_statement, translate_text
from workbench.catalogs.model import Edit
from workbench.catalogs.stats import catalog_stats
from workbench.catalogs.update import update_project

from .support import REPO


def identity_entries(project, statement):
    path = project.catalog_path("fa", statement)
    catalog = pofile.read(path)
    return [e.with_translation(e.msgid, cat.TRANSLATED) for e in catalog.entries]


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "seeds").iterdir()))
def test_translating_every_unit_as_itself_gives_the_source_back(seeded_project, name):
    update_project(seeded_project)
    statement = seeded_project.statement(name.rsplit(".", 1)[0])
    text = statement.path.read_text(encoding="utf-8")
    built = translate_text(text, identity_entries(seeded_project, statement.id), "en")
    assert built.text == text
    assert built.gaps == ()


@pytest.mark.parametrize(
    "raw",
    [
        b"\xef\xbb\xbfTitle line\r\n\r\nOne sentence. Another one!\r\n\r\n\xe2\x80\xa2 item\r\n",
        b"  Indented start.\n\n\n\nTrailing spaces.   \n\xc2\xa0\n",
    ],
    ids=["bom-crlf", "whitespace"],
)
def test_identity_build_is_byte_for_byte_with_bom_crlf_and_odd_whitespace(project, raw):
    (project.seeds_dir / "arak-councils.txt").write_bytes(raw)
    update_project(project)
    text = raw.decode("utf-8")
    built = translate_text(text, identity_entries(project, "arak-councils"), "en")
    assert built.text.encode("utf-8") == raw


def test_untranslated_and_fuzzy_units_fall_back_to_the_source_and_are_reported(project):
    update_project(project)
    path = project.catalog_path("fa", "arak-councils")
    catalog = pofile.read(path)
    cat.apply_edits(
        catalog,
        [
            Edit(
                "Arak workers declare councils",
                "کارگران اراک شوراها را اعلام می‌کنند",
                cat.TRANSLATED,
            ),
            Edit(
                "All power to the councils!", "همه‌ی قدرت به شوراها!", cat.REVIEWED, user="Dariush"
            ),
            Edit("Our strike is no longer about wages.", "اعتصاب ما", cat.FUZZY),
        ],
    )
    pofile.write(catalog, path)
    built = build_statement(project, project.statement("arak-councils"), "fa")
    assert built.text.startswith("کارگران اراک شوراها را اعلام می‌کنند\n\nArak, January 2026.")
    assert built.text.count("همه‌ی قدرت به شوراها!") == 2
    assert "• Our strike is no longer about wages." in built.text
    assert {(g.line, g.status) for g in built.gaps} >= {(8, "fuzzy"), (3, "untranslated")}
    assert "اعتصاب ما" not in built.text


def test_an_alternative_translation_is_used_for_its_occurrence_only(project):
    update_project(project)
    path = project.catalog_path("fa", "arak-councils")
    catalog = pofile.read(path)
    cat.apply_edits(
        catalog, [Edit("All power to the councils!", "قدرت به شوراها!", cat.TRANSLATED)]
    )
    catalog.entries.append(
        cat.Entry("All power to the councils!", "همه‌ی قدرت به شوراها!", msgctxt="occurrence 2")
    )
    pofile.write(catalog, path)
    built = build_statement(project, project.statement("arak-councils"), "fa")
    first = built.text.index("قدرت به شوراها!")
    assert built.text.index("همه‌ی قدرت به شوراها!") > first
    assert built.text.rstrip().endswith("همه‌ی قدرت به شوراها!")
    # As stats counts: the alternative is a unit of its own (a catalog entry).
    assert (built.units, built.translated, built.places) == (7, 2, 7)
    assert catalog_stats(pofile.read(path).entries).units == 7
