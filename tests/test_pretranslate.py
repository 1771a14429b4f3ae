"""Pretranslation: empty units filled from the memory, fuzzy unless an exact match is trusted."""

from __future__ import annotations

import json

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.history import History
from workbench.memory import pretranslate as memory_pretranslate
from workbench.memory.memory import Memory
from workbench.project import Project

from .support import msgfmt_check
from .translation_support import POWER, STRIKE, translate, translate_two_units, write_tmx

KHUZESTAN = """\
Khuzestan strike committee

All power to the councils!

all power to the councils!

Our strike is no longer about wages alone.

Bread, work, freedom!
"""


@pytest.fixture
def translated(project: Project) -> Project:
    """arak-councils half translated; haft-tappeh and khuzestan not at all."""
    (project.seeds_dir / "khuzestan.txt").write_text(KHUZESTAN, encoding="utf-8")
    return translate_two_units(project)


def entries(project: Project, statement: str) -> dict[str, tuple[str, str]]:
    catalog = pofile.read(project.catalog_path("fa", statement))
    return {e.msgid: (e.msgstr, e.status) for e in catalog.entries if not e.obsolete}


def test_exact_matches_fill_empty_units_as_fuzzy_by_default(translated: Project, run) -> None:
    result = run(translated, "pretranslate", "fa", "khuzestan")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "khuzestan:3  fuzzy 100% from arak-councils",
        "     All power to the councils!",
        f"     {POWER}",
        "Filled 1 unit(s) of fa (1 fuzzy, 0 translated) in 1 catalog(s)",
    ]
    # --min 100 is the very same text only: the same words in other case score 99.
    assert entries(translated, "khuzestan") == {
        "Khuzestan strike committee": ("", "untranslated"),
        "All power to the councils!": (POWER, "fuzzy"),
        "all power to the councils!": ("", "untranslated"),
        "Our strike is no longer about wages alone.": ("", "untranslated"),
        "Bread, work, freedom!": ("", "untranslated"),
    }


def test_trust_exact_marks_100_translated_and_never_a_99(translated: Project, run) -> None:
    run(translated, "pretranslate", "fa", "khuzestan", "--trust-exact", "--min", "99")
    found = entries(translated, "khuzestan")
    assert found["All power to the councils!"] == (POWER, "translated")
    assert found["all power to the councils!"] == (POWER, "fuzzy")


def test_min_lets_near_matches_fill_as_fuzzy_even_when_exact_is_trusted(
    translated: Project, run
) -> None:
    run(translated, "pretranslate", "fa", "khuzestan", "--min", "80", "--trust-exact")
    # 9 tokens against 8, one deleted: 100 * 8 // 9 = 88.
    assert entries(translated, "khuzestan")["Our strike is no longer about wages alone."] == (
        STRIKE,
        "fuzzy",
    )


def test_without_statements_every_catalog_of_the_language_is_filled(
    translated: Project, run
) -> None:
    result = run(translated, "pretranslate", "fa", "--json")
    data = json.loads(result.stdout)
    assert data["written"] == [
        "locales/fa/LC_MESSAGES/haft-tappeh.po",
        "locales/fa/LC_MESSAGES/khuzestan.po",
    ]
    assert [(f["statement"], f["line"], f["score"]) for f in data["filled"]] == [
        ("haft-tappeh", 5, 100),
        ("khuzestan", 3, 100),
    ]
    assert data["filled"][0] == {
        "statement": "haft-tappeh",
        "line": 5,
        "source": "All power to the councils!",
        "context": None,
        "target": POWER,
        "status": "fuzzy",
        "score": 100,
        "origin": "arak-councils",
        "unit": "seeds/arak-councils.txt:5 seeds/arak-councils.txt:10",
    }
    assert data["skipped"] == []


def test_filled_catalogs_stay_valid_gettext_and_name_the_translator(
    translated: Project, run
) -> None:
    run(translated, "pretranslate", "fa", "khuzestan", "--user", "Shirin")
    path = translated.catalog_path("fa", "khuzestan")
    assert msgfmt_check(path).returncode == 0
    header = pofile.read(path).header
    assert header["Last-Translator"] == "Shirin"
    run(translated, "pretranslate", "fa", "haft-tappeh")
    assert pofile.read(translated.catalog_path("fa", "haft-tappeh")).header["Last-Translator"] == (
        "pretranslate"
    )


def test_fuzzy_and_translated_units_are_never_overwritten(translated: Project, run) -> None:
    path = translated.catalog_path("fa", "khuzestan")

    def mark(current):
        cat.apply_edits(
            current,
            [
                cat.Edit("All power to the councils!", "قدرت!", cat.FUZZY),
                cat.Edit("all power to the councils!", "قدرت", cat.TRANSLATED),
            ],
        )
        return current

    pofile.modify(path, mark, lock_dir=translated.lock_dir)
    before = path.read_bytes()
    result = run(translated, "pretranslate", "fa", "khuzestan", "--trust-exact")
    assert result.stdout == "Filled 0 unit(s) of fa (0 fuzzy, 0 translated) in 0 catalog(s)\n"
    assert path.read_bytes() == before


def test_fills_are_in_the_history_the_editor_shows(translated: Project, run) -> None:
    run(translated, "pretranslate", "fa", "khuzestan", "--trust-exact", "--min", "99")
    history = History(translated.instance_dir / "history.sqlite")
    [change] = history.of_unit("fa", "khuzestan", "All power to the councils!")
    assert (change.user, change.old_text, change.old_status) == ("pretranslate", "", "untranslated")
    assert (change.new_text, change.new_status) == (POWER, "translated")
    [fuzzy] = history.of_unit("fa", "khuzestan", "all power to the councils!")
    assert fuzzy.new_status == "fuzzy"


def test_trusted_fills_reach_the_memory_and_fuzzy_ones_do_not(translated: Project, run) -> None:
    run(translated, "pretranslate", "fa", "khuzestan", "--trust-exact", "--min", "99")
    with Memory.open(translated.instance_dir, "fa", warm=False) as memory:
        # khuzestan: the trusted 100 only, not the fuzzy 99.
        assert memory.origins() == {"arak-councils": 2, "haft-tappeh": 0, "khuzestan": 1}
        assert memory.files()["khuzestan"] is None  # added at once, not by a refresh


def test_imported_units_fill_too(translated: Project, run, tmp_path) -> None:
    run(translated, "memory", "import", str(write_tmx(tmp_path / "old.tmx")))
    result = run(translated, "pretranslate", "fa", "khuzestan", "--json")
    [bread] = [f for f in json.loads(result.stdout)["filled"] if f["line"] == 9]
    assert (bread["target"], bread["origin"], bread["status"]) == (
        "نان، کار، آزادی!",
        "locales/memory/old.tmx",
        "fuzzy",
    )


class TranslatorMeanwhile(Memory):
    """A memory whose first lookup lets a translator save a unit of khuzestan meanwhile."""

    project: Project

    def lookup(self, query, **kwargs):
        found = super().lookup(query, **kwargs)
        if not getattr(self, "_done", False) and query == "all power to the councils!":
            self._done = True
            translate(self.project, "khuzestan", {"All power to the councils!": "ترجمه‌ی لیلا"})
        return found


def test_a_unit_translated_meanwhile_is_left_as_it_was_saved(translated: Project) -> None:
    memory = TranslatorMeanwhile.open(translated.instance_dir, "fa", warm=False)
    memory.project = translated
    try:
        result = memory_pretranslate.pretranslate(
            translated, "fa", ["khuzestan"], threshold=99, memory=memory
        )
    finally:
        memory.close()
    assert [(f.msgid, f.score) for f in result.skipped] == [("All power to the councils!", 100)]
    assert [(f.msgid, f.score) for f in result.filled] == [("all power to the councils!", 99)]
    found = entries(translated, "khuzestan")
    assert found["All power to the councils!"] == ("ترجمه‌ی لیلا", "translated")
    assert found["all power to the councils!"] == (POWER, "fuzzy")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("pretranslate", "fa", "nowhere"),
            'no statement "nowhere" in seeds/; see the list with: workbench stats',
        ),
        (
            ("pretranslate", "de"),
            '"de" is not a language of this project (it has: fa); add it with: '
            "workbench add-language de",
        ),
        (
            ("pretranslate", "fa", "--user", "a/b"),
            "the user name 'a/b' has control characters or one of < > \" ' & / \\; use "
            "letters, digits, spaces and - _ .",
        ),
    ],
    ids=["unknown-statement", "unknown-language", "bad-user-name"],
)
def test_bad_input_is_refused_in_one_line(translated: Project, run, args, message) -> None:
    result = run(translated, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_min_outside_1_to_100_is_a_usage_error(translated: Project, run) -> None:
    result = run(translated, "pretranslate", "fa", "--min", "101")
    assert result.exit_code == 2
    assert "101 is not in the range 1<=x<=100" in result.stderr


def test_pretranslate_help_documents_the_json_shape(run) -> None:
    result = run(None, "pretranslate", "--help")
    assert '{"language", "filled": [FILL...], "skipped": [FILL...],' in result.output


def test_an_alternative_takes_its_own_statements_translation_first_and_is_never_trusted(
    translated: Project, run
) -> None:
    # haft-tappeh renders the sentence another way, and more recently.
    translate(translated, "haft-tappeh", {"All power to the councils!": "قدرت به شوراها"})
    path = translated.catalog_path("fa", "arak-councils")

    def alternative(current):
        # The second occurrence gets a place of its own, still empty.
        current.entries.append(
            cat.Entry(
                "All power to the councils!",
                msgctxt="occurrence 2",
                occurrences=(("seeds/arak-councils.txt", "10"),),
            )
        )
        return current

    pofile.modify(path, alternative, lock_dir=translated.lock_dir)
    result = run(translated, "pretranslate", "fa", "arak-councils", "--trust-exact", "--json")
    [fill] = json.loads(result.stdout)["filled"]
    assert (fill["context"], fill["score"], fill["origin"]) == (
        "occurrence 2",
        100,
        "arak-councils",
    )
    alt = pofile.read(path).find("All power to the councils!", "occurrence 2")
    assert (alt.msgstr, alt.status) == (POWER, "fuzzy")
