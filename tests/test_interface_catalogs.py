"""The interface's own catalogs: the template holds every string, Persian translates them all.

Strings are extracted with Babel from the templates and the Python code of
the whole package (the core marks the templates of its messages with ``N_``
and ``NP_``), as ``pybabel extract`` does with ``workbench/web/babel.cfg``
(README, Development), and compared with the committed catalogs read by polib.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

import workbench
import workbench.web

PACKAGE = Path(workbench.__file__).parent
WEB = Path(workbench.web.__file__).parent
#: Babel's keywords and the core's marker of messages that depend on a count.
KEYWORDS = {**DEFAULT_KEYWORDS, "NP_": (1, 2)}
TEMPLATE = WEB / "translations" / "messages.pot"
PERSIAN = WEB / "translations" / "fa" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    with open(WEB / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_the_template_holds_every_string_of_the_interface_and_no_other(extracted):
    assert len(extracted) > 100  # the templates and views were read
    template = {e.msgid for e in polib.pofile(str(TEMPLATE)) if not e.obsolete}
    assert sorted(extracted - template) == [], "run pybabel extract (README, Development)"
    assert sorted(template - extracted) == [], "strings no page uses any more"


def translations_of(entry: polib.POEntry) -> list[str]:
    """Return an entry's translations: its msgstr, or one per plural form."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_persian_translates_every_string_of_the_interface(extracted):
    persian = polib.pofile(str(PERSIAN))
    by_id = {e.msgid: e for e in persian if not e.obsolete}
    untranslated = sorted(
        m for m in extracted if not by_id.get(m) or not all(translations_of(by_id[m]))
    )
    assert untranslated == []
    assert [e.msgid for e in persian if "fuzzy" in e.flags] == []
    for entry in by_id.values():
        # Every named placeholder comes through (msgfmt checks the format too).
        for translation in translations_of(entry):
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(
                PLACEHOLDER.findall(entry.msgid)
            ), entry.msgid


def test_the_unit_kinds_are_named_apart_from_line_numbers(extracted):
    # "line" alone, beside "line 4", read as a second line number.
    persian = {e.msgid: e.msgstr for e in polib.pofile(str(PERSIAN))}
    kinds = ["heading", "list item", "line on its own"]
    assert set(kinds) <= extracted
    names = [persian[k] for k in kinds]
    assert len(set(names)) == 3
    assert persian["line %(n)s"].replace("%(n)s", "").strip() not in names


def test_the_install_hook_compiles_the_interface_catalogs(tmp_path):
    """pip install runs the hook; it must find the catalogs where they are and compile them."""
    from workbench.util.packaging import TRANSLATIONS, compile_catalogs

    assert TRANSLATIONS == WEB / "translations"
    copy = tmp_path / "translations"
    (copy / "fa" / "LC_MESSAGES").mkdir(parents=True)
    (copy / "fa" / "LC_MESSAGES" / "messages.po").write_bytes(PERSIAN.read_bytes())
    [mo] = compile_catalogs(copy)
    compiled = polib.mofile(str(mo))
    persian = {
        e.msgid: translations_of(e)
        for e in polib.pofile(str(PERSIAN))
        if all(translations_of(e)) and not e.fuzzy and not e.obsolete
    }
    assert {e.msgid: translations_of(e) for e in compiled if e.msgid} == persian


def test_a_catalog_newer_than_its_compiled_copy_is_compiled_again_when_the_server_starts(tmp_path):
    """Code updated with git in an editable install brings a new .po and no new .mo."""
    import os

    from workbench.web.i18n import refresh_catalogs

    folder = tmp_path / "translations" / "fa" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    catalog = polib.pofile(str(PERSIAN))
    catalog.save(str(po))
    locks = tmp_path / "locks"
    [mo] = refresh_catalogs(tmp_path / "translations", locks)
    assert refresh_catalogs(tmp_path / "translations", locks) == [], "up to date: left alone"

    catalog.append(polib.POEntry(msgid="Strike committees of Arak", msgstr="کمیته‌های اعتصاب اراک"))
    catalog.save(str(po))
    later = mo.stat().st_mtime_ns + 1_000_000_000
    os.utime(po, ns=(later, later))
    assert refresh_catalogs(tmp_path / "translations", locks) == [mo]
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo))}
    assert compiled["Strike committees of Arak"] == "کمیته‌های اعتصاب اراک"
    assert sorted(p.name for p in folder.iterdir()) == ["messages.mo", "messages.po"]


def test_persian_names_the_fuzzy_status_one_way_and_apart_from_the_to_review_filter():
    persian = {e.msgid: e.msgstr for e in polib.pofile(str(PERSIAN)) if not e.obsolete}
    draft = "پیش‌نویس"
    assert persian["fuzzy"] == persian["Fuzzy"] == draft
    assert persian["to review"] == "در انتظار بازبینی"
    naming_it = {m: t for m, t in persian.items() if re.search(r"\bfuzzy\b", m, re.I)}
    assert len(naming_it) >= 4
    assert [m for m, t in naming_it.items() if draft not in t or "بازبینی" in t] == []
