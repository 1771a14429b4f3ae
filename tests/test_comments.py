"""A unit's comment thread, kept in its catalog as translator comments."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from workbench.catalogs import pofile
from workbench.catalogs.comments import comments_of, other_notes, parse, with_comment
from workbench.catalogs.model import Entry
from workbench.catalogs.rows import unit_key
from workbench.catalogs.store import CatalogStore
from workbench.catalogs.update import update_project
from workbench.errors import CatalogError

from .support import msgfmt_check

AT = datetime(2026, 1, 12, 9, 30, 41, tzinfo=UTC)


def test_a_comment_is_a_translator_comment_with_its_time_and_author():
    entry = with_comment(Entry("Strike!"), "leyla", "Keep it short,\n  as a slogan.", at=AT)
    assert entry.notes == ("comment 2026-01-12T09:30Z leyla: Keep it short, as a slogan.",)
    [comment] = comments_of(entry)
    assert (comment.at, comment.author, comment.text) == (
        datetime(2026, 1, 12, 9, 30, tzinfo=UTC),
        "leyla",
        "Keep it short, as a slogan.",
    )


def test_other_notes_stay_notes_and_the_thread_keeps_its_order():
    entry = Entry("Strike!", notes=("Checked against the union's own text.",))
    entry = with_comment(entry, "leyla", "First.", at=AT)
    entry = with_comment(entry, "Dariush K.: reviewer", "Second.", at=AT)
    assert other_notes(entry) == ("Checked against the union's own text.",)
    assert [(c.author, c.text) for c in comments_of(entry)] == [
        ("leyla", "First."),
        ("Dariush K.:\u00a0reviewer", "Second."),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  \n ", "the comment is empty; write something first"),
        ("a" * 2001, "the comment is 2001 characters long; shorten it to 2000 or fewer"),
        ("bell\x07", "the comment holds the control character U+0007; remove it"),
    ],
    ids=["empty", "too-long", "control-character"],
)
def test_a_bad_comment_is_refused_with_a_message(text, message):
    with pytest.raises(CatalogError) as caught:
        with_comment(Entry("Strike!"), "leyla", text)
    assert str(caught.value) == message


def test_parse_reads_only_comment_lines():
    assert parse("comment yesterday leyla: hi") is None
    assert parse("comment 2026-01-12T09:30Z leyla: a: b").text == "a: b"


def test_the_store_writes_a_comment_into_the_file_which_gettext_accepts(project):
    update_project(project)
    store = CatalogStore(project)
    msgid = "Arak workers declare councils"
    entry = store.comment("fa", "arak-councils", unit_key(msgid), "leyla", "«شورا» here.")
    assert comments_of(entry)[0].text == "«شورا» here."
    path = project.catalog_path("fa", "arak-councils")
    assert "# comment " in path.read_text(encoding="utf-8")
    assert comments_of(pofile.read(path).find(msgid))[0].author == "leyla"
    assert msgfmt_check(path).returncode == 0
    # The unit's translation and revision are untouched: no save is refused for it.
    assert pofile.read(path).find(msgid).revision == Entry(msgid).revision
    assert store.comment("fa", "arak-councils", "0" * 16, "leyla", "x") is None
