"""Every path that writes a catalog keeps what other tools put in it.

A project whose catalog is ``everything.po`` (plurals, contexts, previous
sources on fuzzy and translated entries, obsolete entries with ``#~|``
lines, every kind of comment and flag, unknown header fields) goes through
a web save, a plural save, a conflict, a restore from the history, a
dismissal, pretranslation and ``workbench update``. After each, the entries
the path did not touch are unchanged (the file's lines too), and the file
passes ``msgfmt --check`` and reads the same in polib.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from dataclasses import replace
from html import unescape

import pytest

from workbench.accounts.users import Users
from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.rows import unit_key
from workbench.catalogs.update import update_project
from workbench.memory.pretranslate import pretranslate
from workbench.project import Project

from .app_support import log_in_client
from .support import DATA, PASSWORDS, csrf_token, msgfmt_check
from .test_po_exchange import assert_polib_reads

EVERYTHING = DATA / "exchange" / "po" / "everything.po"
STATEMENT = """\
Workers at more than 100 sites have joined the strike.

The council will announce the next steps on Friday.

%d worker was arrested in Asaluyeh.

%d new statement
"""
COUNCIL = "The council will announce the next steps on Friday."
NEW = "%d new statement"


@pytest.fixture
def po_project(tmp_path) -> Project:
    project = Project.init(tmp_path / "project", languages=("fa",))
    (project.seeds_dir / "oil.txt").write_text(STATEMENT, encoding="utf-8")
    path = project.catalog_path("fa", "oil")
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EVERYTHING, path)
    users = Users(project.instance_dir / "users.sqlite")
    users.add("leyla", "translator", PASSWORDS["leyla"])
    return project


@pytest.fixture
def po_client(po_project):
    from workbench.web import create_app

    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(po_project.root)})
    client = app.test_client()
    log_in_client(client, "leyla")
    yield client
    app.extensions["workbench"].close()


def catalog_text(project: Project) -> str:
    return project.catalog_path("fa", "oil").read_text(encoding="utf-8")


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return sorted(line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))


def assert_only_changed(project: Project, before: str, keys: set[tuple]) -> None:
    """Every entry but those of *keys* is as it was; the file passes GNU's and polib's reading."""
    path = project.catalog_path("fa", "oil")
    old = {e.key if not e.obsolete else ("#~", *e.key): e for e in pofile.parse(before).entries}
    new = pofile.read(path)
    now = {e.key if not e.obsolete else ("#~", *e.key): e for e in new.entries}
    assert now.keys() == old.keys()
    assert {k: e for k, e in now.items() if k not in keys} == {
        k: e for k, e in old.items() if k not in keys
    }
    assert msgfmt_check(path).returncode == 0, msgfmt_check(path).stderr
    assert_polib_reads(path, new)


def post_unit(client, key: str, data: dict, accept_json: bool = False):
    page = client.get("/translate/fa/oil/").get_data(as_text=True)
    headers = {"Accept": "application/json"} if accept_json else {}
    return client.post(
        f"/translate/fa/oil/unit/{key}",
        data={"csrf_token": csrf_token(page), "status": "translated", **data},
        headers=headers,
    )


def test_a_web_save_changes_its_entry_and_the_headers_date_and_translator(po_client, po_project):
    before = catalog_text(po_project)
    entry = pofile.parse(before).find(COUNCIL)
    done = post_unit(
        po_client,
        unit_key(COUNCIL),
        {"msgstr": "شورا گام‌های بعدی را جمعه اعلام می‌کند.", "revision": entry.revision},
        accept_json=True,
    )
    assert done.get_json()["ok"] is True
    after = catalog_text(po_project)
    saved = pofile.parse(after)
    assert changed_lines(before, after) == sorted(
        [
            '-"PO-Revision-Date: 2024-03-10 08:02+0330\\n"',
            '-"Last-Translator: Dariush <dariush@collective.example>\\n"',
            '-msgstr ""',
            f'+"PO-Revision-Date: {saved.header["PO-Revision-Date"]}\\n"',
            '+"Last-Translator: leyla\\n"',
            '+msgstr "شورا گام‌های بعدی را جمعه اعلام می‌کند."',
        ]
    )
    assert_only_changed(po_project, before, {(None, COUNCIL)})


def test_the_editor_shows_one_box_per_plural_form_named_by_its_category(po_client):
    html = unescape(po_client.get("/translate/fa/oil/").get_data(as_text=True))
    assert 'name="msgstr[0]"' in html and 'name="msgstr[1]"' in html
    assert 'name="msgstr[2]"' not in html  # the catalog has two forms
    assert '<span class="form-name">one</span> <span class="hint">for 0, 1…</span>' in html
    assert (
        '<span class="form-name">other</span> <span class="hint">for 2, 3, 4, 5, 6…</span>' in html
    )
    assert "%d new statements" in html  # the plural source is shown


def test_a_plural_entry_is_saved_form_by_form_through_the_conflict_check(po_client, po_project):
    before = catalog_text(po_project)
    entry = pofile.parse(before).find(NEW)
    forms = {"msgstr[0]": "%d بیانیه‌ی تازه", "msgstr[1]": "%d بیانیه‌ی تازه"}
    done = post_unit(po_client, unit_key(NEW), {**forms, "revision": entry.revision}, True)
    body = done.get_json()
    assert body["ok"] is True and body["forms"] == list(forms.values())
    assert body["status"] == cat.TRANSLATED
    saved = pofile.read(po_project.catalog_path("fa", "oil")).find(NEW)
    assert saved.msgstr_plural == tuple(forms.values())
    assert_only_changed(po_project, before, {(None, NEW)})
    # The revision covers every form: a save based on the old one is refused.
    stale = post_unit(
        po_client, unit_key(NEW), {"msgstr[0]": "x", "msgstr[1]": "y", "revision": entry.revision}
    )
    assert stale.status_code == 409
    page = unescape(stale.get_data(as_text=True))
    assert 'name="msgstr[1]"' in page and "%d بیانیه‌ی تازه" in page
    assert pofile.read(po_project.catalog_path("fa", "oil")).find(NEW) == saved


def test_a_plural_entry_with_a_form_left_empty_is_saved_as_a_draft(po_client, po_project):
    entry = pofile.read(po_project.catalog_path("fa", "oil")).find(NEW)
    done = post_unit(
        po_client,
        unit_key(NEW),
        {"msgstr[0]": "%d بیانیه‌ی تازه", "msgstr[1]": "", "revision": entry.revision},
        True,
    )
    assert done.get_json()["status"] == cat.FUZZY
    saved = pofile.read(po_project.catalog_path("fa", "oil")).find(NEW)
    assert saved.fuzzy and saved.msgstr_plural == ("%d بیانیه‌ی تازه", "")


def test_the_checks_run_on_each_plural_form_and_say_which(po_client, po_project):
    page = po_client.get("/translate/fa/oil/").get_data(as_text=True)
    found = po_client.post(
        f"/api/check/fa/oil/{unit_key(NEW)}",
        data={"csrf_token": csrf_token(page), "msgstr[0]": "%d بیانیه‌ی تازه ", "msgstr[1]": ""},
    ).get_json()["findings"]
    assert {(f["check"], f["form"]) for f in found} >= {("whitespace", 0)}
    assert all(f["form"] in (0, 1) for f in found)


def test_a_restore_from_the_history_brings_every_plural_form_back(po_client, po_project):
    path = po_project.catalog_path("fa", "oil")
    entry = pofile.read(path).find(NEW)
    forms = {"msgstr[0]": "%d بیانیه‌ی تازه", "msgstr[1]": "%d بیانیه‌ی نو"}
    post_unit(po_client, unit_key(NEW), {**forms, "revision": entry.revision}, True)
    before = catalog_text(po_project)
    history = unescape(
        po_client.get(f"/translate/fa/oil/unit/{unit_key(NEW)}/history").get_data(as_text=True)
    )
    change = history.split("/history/")[1].split("/restore")[0]
    saved = pofile.read(path).find(NEW)
    done = po_client.post(
        f"/translate/fa/oil/history/{change}/restore",
        data={"csrf_token": csrf_token(history), "which": "new", "revision": saved.revision},
    )
    assert done.status_code == 302
    assert pofile.read(path).find(NEW) == saved  # restoring the text as saved changes nothing
    assert catalog_text(po_project) == before
    saved = pofile.read(path).find(NEW)
    done = po_client.post(
        f"/translate/fa/oil/history/{change}/restore",
        data={"csrf_token": csrf_token(history), "which": "old", "revision": saved.revision},
    )
    restored = pofile.read(path).find(NEW)
    assert restored.msgstr_plural == ("", "") and restored.status == cat.UNTRANSLATED
    assert_only_changed(po_project, before, {(None, NEW)})


def test_a_dismissal_adds_one_comment_line_and_changes_nothing_else(po_project, run):
    before = catalog_text(po_project)
    result = run(
        po_project,
        "check",
        "fa",
        "oil",
        "--dismiss",
        "numbers",
        "--unit",
        "Workers at more than 100 sites have joined the strike.",
        "--reason",
        "the count changed with the source",
    )
    assert result.exit_code == 0, result.output
    after = catalog_text(po_project)
    assert changed_lines(before, after) == [
        "+# dismissed numbers: the count changed with the source"
    ]
    assert_only_changed(
        po_project, before, {(None, "Workers at more than 100 sites have joined the strike.")}
    )


def test_pretranslation_fills_one_unit_and_keeps_the_rest(po_project):
    # Another statement has the sentence translated: the memory offers it.
    (po_project.seeds_dir / "echo.txt").write_text(COUNCIL + "\n", encoding="utf-8")
    other = po_project.catalog_path("fa", "echo")
    other.write_text(
        'msgid ""\nmsgstr ""\n"Language: fa\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        f'#: seeds/echo.txt:1\nmsgid "{COUNCIL}"\nmsgstr "شورا گام‌های بعدی را جمعه اعلام می‌کند."\n',
        encoding="utf-8",
    )
    before = catalog_text(po_project)
    done = pretranslate(po_project, "fa", ["oil"])
    assert [f.msgid for f in done.filled] == [COUNCIL]
    entry = pofile.read(po_project.catalog_path("fa", "oil")).find(COUNCIL)
    assert entry.status == cat.FUZZY and entry.msgstr.startswith("شورا")
    assert_only_changed(po_project, before, {(None, COUNCIL)})


def test_update_keeps_what_msgmerge_previous_keeps(po_project, run, tmp_path):
    original = tmp_path / "original.po"
    shutil.copy(EVERYTHING, original)
    update_project(po_project)
    pot = po_project.template_path("oil")
    expected = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(original), str(pot)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = po_project.catalog_path("fa", "oil")
    # The same entries with the same texts, comments and previous sources, in
    # the same order; an obsolete entry also keeps its range flag, which
    # msgmerge drops. (The file wraps no string, so a long one stays on one
    # line, the workbench's own form; msgmerge wraps it at 79.)
    ours, theirs = pofile.read(path).entries, pofile.parse(expected).entries
    assert [(e.key, e.obsolete) for e in ours] == [(e.key, e.obsolete) for e in theirs]
    for mine, gnu in zip(ours, theirs, strict=True):
        assert replace(mine, flags=gnu.flags) == gnu
        assert set(gnu.flags) <= set(mine.flags)
    assert "+#, c-format, range: 1..10" in changed_lines(expected, catalog_text(po_project))
    assert msgfmt_check(path).returncode == 0
    catalog = pofile.read(path)
    assert_polib_reads(path, catalog)
    # The entries not in the statement are obsolete now, with their translations.
    gone = {e.msgid for e in catalog.entries if e.obsolete}
    assert "Files are kept in C:\\Statements\\fa on the shared laptop." in gone
    assert "%d factory on strike" in gone  # a plural entry, kept whole
    kept = next(e for e in catalog.entries if e.msgid == "%d factory on strike")
    assert kept.msgstr_plural == ("%d کارخانه در اعتصاب", "%d کارخانه در اعتصاب")


def test_update_with_more_plural_forms_pads_the_plural_entries(po_project, run):
    three = "nplurals=3; plural=(n==0 ? 0 : n==1 ? 1 : 2);"
    result = run(po_project, "update", "--plural-forms", f"fa={three}")
    assert result.exit_code == 0, result.output
    path = po_project.catalog_path("fa", "oil")
    catalog = pofile.read(path)
    assert catalog.header["Plural-Forms"] == three
    kept = next(e for e in catalog.entries if e.msgid == "%d factory on strike")
    assert kept.msgstr_plural == ("%d کارخانه در اعتصاب", "%d کارخانه در اعتصاب", "")
    assert msgfmt_check(path).returncode == 0


def test_update_refuses_fewer_plural_forms_when_a_form_that_would_go_holds_text(po_project, run):
    path = po_project.catalog_path("fa", "oil")
    before = path.read_bytes()
    result = run(po_project, "update", "--plural-forms", "fa=nplurals=1; plural=0;")
    assert result.exit_code == 1
    assert result.output == (
        "Error: locales/fa/LC_MESSAGES/oil.po: the plural entry 'The sit-in has lasted %d "
        "day.' has text in msgstr[1], a form that nplurals=1 would drop; move or empty it "
        "first, or keep the rule\n"
    )
    assert path.read_bytes() == before
