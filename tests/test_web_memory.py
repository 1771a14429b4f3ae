"""Memory suggestions in the web editor: shown beside each unit, kept in step, never blocking."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from html.parser import HTMLParser

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs.rows import unit_key
from workbench.catalogs.update import update_project
from workbench.memory import refresh as tm
from workbench.memory import tmx
from workbench.memory.codes import Extra, Meta
from workbench.memory.memory import Memory, memory_path
from workbench.project import Project
from workbench.web import create_app

from .support import csrf_token
from .translation_support import POWER, translate

SECOND = """\
Arak workers declare their councils

All power to the workers' councils!

We, the workers of Arak's factories, declare the following.
"""
TITLE = "Arak workers declare councils"
MARKUP = 'کارگران <b>"اراک"</b> & شوراها'


class Suggestions(HTMLParser):
    """Collect the suggestions of each unit of an editor page, by unit key."""

    def __init__(self) -> None:
        super().__init__()
        self.units: dict[str, list[dict]] = {}
        self.textareas: set[str] = set()
        self.key: str | None = None
        self.item: dict | None = None
        self.field: str | None = None
        self.op = "equal"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and "data-key" in a:
            self.key = a["data-key"]
            self.units[self.key] = []
        elif tag == "textarea" and self.key:
            self.textareas.add(self.key)
        elif tag == "li" and self.key and self.field is None and self.item is None:
            self.item = {"score": "", "diff": [], "target": "", "origin": "", "use": None}
            self.item["made"] = ""
        elif (
            self.item is not None
            and tag == "span"
            and a.get("class")
            in (
                "score",
                "diff",
                "target",
                "origin",
                "made",
            )
        ):
            self.field = a["class"]
            if self.field == "origin":
                self.item["unit"] = a.get("title")
        elif self.item is not None and tag in ("ins", "del"):
            self.op = "insert" if tag == "ins" else "delete"
        elif self.item is not None and tag == "button" and "data-use" in a:
            self.item["use"] = a["data-use"]

    def handle_endtag(self, tag):
        if tag in ("ins", "del"):
            self.op = "equal"
        elif tag == "span":
            self.field = None
        elif tag == "li" and self.item is not None:
            if self.item["use"] is not None:
                self.units[self.key].append(self.item)
            self.item = None
        elif tag == "article":
            self.key = None

    def handle_data(self, data):
        if self.item is None or self.field is None:
            return
        if self.field == "diff":
            diff = self.item["diff"]
            if diff and diff[-1][0] == self.op:
                diff[-1] = (self.op, diff[-1][1] + data)
            else:
                diff.append((self.op, data))
        else:
            self.item[self.field] += data


def suggestions(html: str) -> Suggestions:
    found = Suggestions()
    found.feed(html)
    return found


@pytest.fixture
def web_memory(project: Project) -> Project:
    """arak-councils with one unit translated, and a second statement of near-identical units."""
    (project.seeds_dir / "arak-second.txt").write_text(SECOND, encoding="utf-8")
    update_project(project)
    translate(project, "arak-councils", {"All power to the councils!": POWER})
    return project


def make_app(project: Project, refresh: float):
    return create_app(
        {
            "TESTING": True,
            "WORKBENCH_ROOT": str(project.root),
            "WORKBENCH_SINGLE_USER": True,
            "WORKBENCH_MEMORY_REFRESH": refresh,
        }
    )


@pytest.fixture
def app_factory(web_memory: Project):
    made = []

    def make(refresh: float = 3600.0):
        app = make_app(web_memory, refresh)
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["workbench"].close()


def page(client, statement: str = "arak-second") -> str:
    response = client.get(f"/translate/fa/{statement}/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.fixture
def warmed(app_factory):
    """Make apps whose memory is warm: the first page starts warming it; return (app, client)."""

    def make(refresh: float = 3600.0):
        app = app_factory(refresh)
        client = app.test_client()
        page(client)
        assert app.extensions["workbench"].settle(30)
        return app, client

    return make


def test_a_suggestion_offers_its_use_button_and_key_number_only_with_the_script(warmed) -> None:
    # Without JavaScript a "Use" button would do nothing: the page hides it (and the
    # number of its Alt+M key) until the script has run; the suggestion stays readable.
    _, client = warmed()
    html = page(client)
    assert suggestions(html).units[unit_key("All power to the workers' councils!")]
    uses = re.findall(r'<button type="button" class="([^"]*)" data-use=', html)
    assert uses and all("js-only" in c.split() for c in uses)
    numbers = re.findall(r'<kbd class="([^"]*)">', html)
    assert numbers and all("js-only" in c.split() for c in numbers)


def test_a_unit_shows_the_translation_of_a_near_identical_sentence_with_score_and_diff(
    warmed,
) -> None:
    _, client = warmed()
    found = suggestions(page(client))
    [match] = found.units[unit_key("All power to the workers' councils!")]
    # 8 tokens against 6, two deleted: 100 * 6 // 8.
    assert match == {
        "score": "75%",
        "diff": [("equal", "All power to the "), ("delete", "workers' "), ("equal", "councils!")],
        "target": POWER,
        "origin": "arak-councils",
        "unit": "seeds/arak-councils.txt:5 seeds/arak-councils.txt:10",
        "use": POWER,
        "made": "",
    }
    # The Use button sits in the unit's own form, beside its textarea.
    assert unit_key("All power to the workers' councils!") in found.textareas
    assert found.units[unit_key(TITLE.replace("councils", "their councils"))] == []


def test_the_use_button_carries_the_translation_exactly_however_it_is_written(
    warmed, web_memory: Project
) -> None:
    translate(web_memory, "arak-councils", {TITLE: MARKUP})
    _, client = warmed()
    html = page(client)
    [match] = suggestions(html).units[unit_key("Arak workers declare their councils")]
    assert (match["score"], match["use"], match["target"]) == ("80%", MARKUP, MARKUP)
    assert "<b>" not in html


def test_an_imported_suggestion_shows_its_codes_and_who_made_it_and_when(
    app_factory, web_memory: Project, tmp_path
) -> None:
    unit = tmx.TmxUnit(
        "We, the workers of Arak's factories, declare the following.",
        "ما، کارگران کارخانه‌های اراک، اعلام می‌کنیم:",
        Extra(
            target_markup='<bpt i="1">&lt;b&gt;</bpt>ما، کارگران کارخانه‌های اراک،<ept i="1">'
            "&lt;/b&gt;</ept> اعلام می‌کنیم:",
            target_lang="fa-IR",
            tu=Meta((("changeid", "shirin"), ("changedate", "20240309T171500Z"))),
        ),
    )
    source = tmp_path / "old.tmx"
    tmx.write(source, [unit], "en", "fa")
    tmx.import_tmx(web_memory.root, source, "en", "fa")
    app = app_factory()
    client = app.test_client()
    page(client)
    assert app.extensions["workbench"].settle(30)
    found = suggestions(page(client)).units[unit_key(unit.source)]
    imported = [m for m in found if m["origin"].endswith("old.tmx")]
    assert [(m["target"], m["use"], m["made"]) for m in imported] == [
        (
            "{1}ما، کارگران کارخانه‌های اراک،{/1} اعلام می‌کنیم:",
            "ما، کارگران کارخانه‌های اراک، اعلام می‌کنیم:",
            "shirin, 2024-03-09 17:15",
        )
    ]


def test_the_first_page_answers_while_the_memory_is_held_by_another_process(
    app_factory, web_memory: Project
) -> None:
    Memory.open(web_memory.instance_dir, "fa", warm=False).close()
    holder = sqlite3.connect(memory_path(web_memory.instance_dir, "fa"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # as a long import in another process would
    try:
        app = app_factory()
        client = app.test_client()
        started = time.monotonic()
        html = page(client)
        waited = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    # A page that waited for the memory would wait its 30 s busy timeout.
    assert waited < 10
    assert 'class="hint memory-warming"' in html
    assert not any(suggestions(html).units.values())
    assert app.extensions["workbench"].settle(30)
    html = page(client)
    assert 'class="hint memory-warming"' not in html
    assert suggestions(html).units[unit_key("All power to the workers' councils!")]


def test_a_save_in_the_form_reaches_the_memory_without_a_refresh(
    warmed, web_memory: Project
) -> None:
    app, client = warmed(refresh=3600.0)
    wb = app.extensions["workbench"]
    editor = page(client, "arak-councils")
    key = unit_key(TITLE)
    response = client.post(
        f"/translate/fa/arak-councils/unit/{key}",
        data={
            "csrf_token": csrf_token(editor),
            "msgstr": "کارگران اراک شوراها را اعلام می‌کنند",
            "status": "translated",
            "revision": cat.revision_of("", cat.UNTRANSLATED),
            "action": "save",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    assert wb.settle(30)
    with Memory.open(web_memory.instance_dir, "fa", warm=False) as memory:
        # Added entry by entry: a refresh would have stamped the catalog's file.
        assert memory.files()["arak-councils"] is None
    [match] = suggestions(page(client)).units[unit_key("Arak workers declare their councils")]
    assert (match["score"], match["use"]) == ("80%", "کارگران اراک شوراها را اعلام می‌کنند")
    # The next refresh reads the saved catalog again and finds the same entries.
    done = tm.refresh(web_memory, "fa")
    assert (done.changed, done.unchanged) == ((), ("arak-councils", "arak-second"))


def test_a_catalog_changed_outside_the_form_is_caught_up_by_the_next_refresh(
    warmed, web_memory: Project
) -> None:
    app, client = warmed(refresh=0.0)
    wb = app.extensions["workbench"]
    key = unit_key("We, the workers of Arak's factories, declare the following.")
    assert suggestions(page(client)).units[key] == []
    translate(
        web_memory,
        "arak-councils",
        {"We, the workers of Arak’s factories, declare the following.": "ما کارگران اراک"},
    )
    page(client)  # starts a refresh: the interval is 0
    assert wb.settle(30)
    [match] = suggestions(page(client)).units[key]
    # Curly against straight apostrophe: the same words, not the same text.
    assert (match["score"], match["use"]) == ("99%", "ما کارگران اراک")


def test_a_catalog_changed_while_a_refresh_runs_is_read_by_one_more_refresh(
    warmed, web_memory: Project, monkeypatch
) -> None:
    app, client = warmed(refresh=0.0)
    wb = app.extensions["workbench"]
    key = unit_key("We, the workers of Arak's factories, declare the following.")
    read, go_on = threading.Event(), threading.Event()
    runs = []
    real = tm.refresh

    def refresh_held_after_reading(*args, **kwargs):
        # The real refresh; the first one is held after it has read the catalogs.
        done = real(*args, **kwargs)
        runs.append(done)
        if len(runs) == 1:
            read.set()
            go_on.wait(30)
        return done

    monkeypatch.setattr(tm, "refresh", refresh_held_after_reading)
    page(client)  # starts a refresh, which reads the catalogs as they are
    assert read.wait(30)
    translate(
        web_memory,
        "arak-councils",
        {"We, the workers of Arak’s factories, declare the following.": "ما کارگران اراک"},
    )
    page(client)  # asks for a refresh while the first one is still running
    go_on.set()
    assert wb.settle(30)
    assert len(runs) == 2
    [match] = suggestions(page(client)).units[key]
    assert match["use"] == "ما کارگران اراک"


def test_a_restarted_server_shows_every_suggestion_on_its_first_page(app_factory) -> None:
    before = app_factory()
    client = before.test_client()
    page(client)
    assert before.extensions["workbench"].settle(30)
    expected = suggestions(page(client)).units
    assert any(expected.values())
    before.extensions["workbench"].close()
    html = page(app_factory().test_client())
    assert 'class="hint memory-warming"' not in html
    assert suggestions(html).units == expected


def test_a_catalog_translated_while_the_server_was_stopped_shows_on_the_first_page(
    app_factory, web_memory: Project
) -> None:
    before = app_factory()
    page(before.test_client())
    assert before.extensions["workbench"].settle(30)
    before.extensions["workbench"].close()
    translate(web_memory, "arak-councils", {TITLE: "کارگران اراک شوراها را اعلام می‌کنند"})
    html = page(app_factory().test_client())
    assert 'class="hint memory-warming"' not in html
    [match] = suggestions(html).units[unit_key("Arak workers declare their councils")]
    assert (match["score"], match["use"]) == ("80%", "کارگران اراک شوراها را اعلام می‌کنند")
