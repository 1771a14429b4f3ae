"""The Sync page and the editor's conflicts: what reviewers and translators see and do."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

from workbench.catalogs import conflict as cf
from workbench.catalogs import pofile
from workbench.catalogs.model import Edit, apply_edits
from workbench.catalogs.rows import unit_key
from workbench.glossary import store as glossary_store
from workbench.sync import service
from workbench.sync.pomerge import merge_texts

from .support import csrf_token, without_isolation
from .sync_support import bare_remote, clone, first_clone, git

STATEMENT = "khuzestan-vanguard-headlines"
EDITOR = f"/translate/fa/{STATEMENT}/"


def conflicted(project, msgid: str | None = None):
    """Give one unit of the statement a conflict, as a sync with another machine would."""
    path = project.catalog_path("fa", STATEMENT)
    text = path.read_text(encoding="utf-8")
    catalog = pofile.parse(text)
    unit = msgid or catalog.active()[0].msgid

    def saved(msgstr: str, who: str) -> str:
        copy = pofile.parse(text)
        apply_edits(copy, [Edit(unit, msgstr, "translated", user=who)])
        return pofile.serialise(copy)

    merged = merge_texts(
        text, saved("پیشتازان خوزستان", "leyla"), saved("پیشگامان خوزستان", "Sara")
    )
    path.write_text(merged.text, encoding="utf-8")
    return unit


def another_machine_sends_a_unit(project, tmp_path) -> None:
    """Make *project* a clone of a bare remote into which another machine synced a unit."""
    remote = bare_remote(tmp_path / "remote.git")
    first_clone(project, remote, "azadeh")
    other = clone(remote, tmp_path / "other", "Sara")
    path = other.catalog_path("fa", STATEMENT)
    catalog = pofile.read(path)
    apply_edits(catalog, [Edit(catalog.active()[1].msgid, "از دستگاه دیگر", "translated")])
    pofile.write(catalog, path)
    service.sync(other, author="Sara")


def test_the_sync_page_is_for_reviewers_and_admins(login, web_project, tmp_path):
    remote = bare_remote(tmp_path / "remote.git")
    first_clone(web_project, remote, "azadeh")
    client = login("leyla")
    assert client.get("/sync/").status_code == 403
    assert client.post("/sync/now", data={"csrf_token": "x"}).status_code in (400, 403)
    client = login("dariush")
    html = unescape(client.get("/sync/").get_data(as_text=True))
    assert str(remote) in html
    assert "Sync now" in html
    assert "never, from this machine" not in html  # the first sync was this machine's


def test_sync_now_commits_as_the_signed_in_user(login, web_project, tmp_path):
    another_machine_sends_a_unit(web_project, tmp_path)

    client = login("dariush")
    page = client.get("/sync/").get_data(as_text=True)
    response = client.post(
        "/sync/now", data={"csrf_token": csrf_token(page)}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "Synced: sent 0, received 1." in unescape(response.get_data(as_text=True))
    # The editor sees the merged file at once.
    html = unescape(client.get(EDITOR).get_data(as_text=True))
    assert "از دستگاه دیگر" in html
    # A save, then a sync: the commit is the reviewer's, with an address that says nothing.
    from .test_web import save

    save(client, web_project, "پیشتازان خوزستان")
    page = client.get("/sync/").get_data(as_text=True)
    client.post("/sync/now", data={"csrf_token": csrf_token(page)})
    author = git(web_project.root, "log", "-1", "--format=%an <%ae>").strip()
    assert author == "dariush <translator@workbench.invalid>"


def test_the_conflicts_filter_shows_both_versions_and_use_this_resolves(login, web_project):
    unit = conflicted(web_project)
    key = unit_key(unit)
    client = login("leyla")
    html = unescape(client.get(f"{EDITOR}?filter=conflicts").get_data(as_text=True))
    assert html.count('class="unit status-') == 1
    assert "Two machines translated this unit differently." in html
    said = without_isolation(html)
    assert "This machine: leyla" in said and "From Sara" in said
    assert "پیشتازان خوزستان" in html and "پیشگامان خوزستان" in html
    forms = re.findall(
        r'<form method="post" action="/translate/fa/[^"]+/unit/' + key + r'">(.*?)</form>',
        html,
        re.S,
    )
    theirs = next(f for f in forms if 'value="پیشگامان خوزستان"' in f)
    data = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', theirs))
    data["action"] = "save"
    response = client.post(f"/translate/fa/{STATEMENT}/unit/{key}", data=data)
    assert response.status_code == 302
    entry = next(
        e for e in pofile.read(web_project.catalog_path("fa", STATEMENT)).entries if e.msgid == unit
    )
    assert (entry.msgstr, entry.status, cf.has_conflict(entry)) == (
        "پیشگامان خوزستان",
        "translated",
        False,
    )
    html = unescape(client.get(f"{EDITOR}?filter=conflicts").get_data(as_text=True))
    assert 'class="unit status-' not in html


def test_the_sync_page_lists_conflicts_with_links_and_settles_a_removed_unit(login, web_project):
    unit = conflicted(web_project)
    path = web_project.catalog_path("fa", STATEMENT)
    catalog = pofile.read(path)
    gone = cf.with_conflict(
        catalog.active()[2].__class__(msgid="An old headline.", msgstr="تیتری کهنه", obsolete=True),
        cf.Conflict((), "Sara", "2026-01-02 10:00+0000", "leyla", "2026-01-01 09:00+0000"),
    )
    catalog.entries.append(gone)
    pofile.write(catalog, path)
    client = login("dariush")
    html = unescape(client.get("/sync/").get_data(as_text=True))
    assert f"filter=conflicts&focus={unit_key(unit)}" in html.replace("&amp;", "&")
    assert "Removed by Sara, but leyla had edited it; the edit is kept:" in html
    response = client.post(
        "/sync/keep-removed",
        data={
            "csrf_token": csrf_token(html),
            "lang": "fa",
            "statement": STATEMENT,
            "msgid": "An old headline.",
            "msgctxt": "",
        },
        follow_redirects=True,
    )
    assert "The unit stays removed." in unescape(response.get_data(as_text=True))
    old = next(e for e in pofile.read(path).entries if e.msgid == "An old headline.")
    assert old.obsolete and not cf.has_conflict(old) and old.msgstr == "تیتری کهنه"


def test_a_concept_in_conflict_says_so_and_saving_it_settles_it(login, web_project):
    from workbench.glossary.conflict import preferred_clash

    glossary_store.modify(
        web_project,
        lambda g: g.replace(
            g.concepts[0].__class__(
                **{**g.concepts[0].__dict__, "conflict": preferred_clash("fa", "a", "b")}
            )
        ),
    )
    concept = glossary_store.load(web_project).concepts[0]
    client = login("dariush")
    html = unescape(client.get(f"/glossary/concept/{concept.id}").get_data(as_text=True))
    said = (
        'Persian preferred: «<bdi lang="fa" dir="rtl">a</bdi>» here, «<bdi lang="fa" dir="rtl">b'
        "</bdi>» on the other machine (kept as admitted)"
    )
    assert said in html
    sync_page = unescape(client.get("/sync/").get_data(as_text=True))
    assert f"/glossary/concept/{concept.id}" in sync_page and said in sync_page
    form = client.get(f"/glossary/concept/{concept.id}/edit").get_data(as_text=True)
    fields = {
        "csrf_token": csrf_token(form),
        "id": concept.id,
        "definition": concept.definition,
        "subject": concept.subject,
        "note": concept.note,
    }
    for i, term in enumerate(concept.terms):
        fields[f"term-{i}-text"] = term.text
        fields[f"term-{i}-lang"] = term.language
        fields[f"term-{i}-status"] = term.status
        fields[f"term-{i}-treatment"] = term.treatment
        fields[f"term-{i}-pos"] = term.part_of_speech
    response = client.post(f"/glossary/concept/{concept.id}/edit", data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    assert glossary_store.load(web_project).get(concept.id).conflict == ""


def test_a_concepts_conflict_is_said_in_persian_with_its_texts_isolated(login, web_project):
    from workbench.glossary.conflict import field_clash, preferred_clash

    from .test_web_pages import in_persian

    clash = "\n".join(
        [
            preferred_clash("fa", "شورا", "انجمن"),
            field_clash("note", "Keep shura, as the councils call themselves."),
            "removed on one machine while edited on another; kept with the edits",
        ]
    )
    glossary_store.modify(
        web_project,
        lambda g: g.replace(replace(g.concepts[0], conflict=clash, note="Use shura.")),
    )
    concept = glossary_store.load(web_project).concepts[0]
    client = login("dariush")
    in_persian(client)
    html = unescape(client.get(f"/glossary/concept/{concept.id}").get_data(as_text=True))
    items = re.findall(r"<li>(.*?)</li>", html.split('class="conflict-detail"')[1])[:3]
    assert items == [
        'ترجیحی فارسی: «<bdi lang="fa" dir="rtl">شورا</bdi>» در اینجا، «<bdi lang="fa" '
        'dir="rtl">انجمن</bdi>» در دستگاه دیگر (به‌عنوان پذیرفته نگه داشته شد)',
        'تصمیم: <bdi dir="ltr">Use shura.</bdi> در اینجا (نگه داشته شد)، <bdi dir="ltr">Keep '
        "shura, as the councils call themselves.</bdi> در دستگاه دیگر",
        "در یک دستگاه حذف و در دستگاه دیگر ویرایش شد، و با ویرایش‌ها نگه داشته شد",
    ]


def test_a_sync_that_cannot_reach_the_remote_says_so_in_persian(login, web_project, tmp_path):
    from .test_interface_language import english_in
    from .test_web_pages import in_persian

    remote = bare_remote(tmp_path / "remote.git")
    first_clone(web_project, remote, "azadeh")
    git(web_project.root, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    client = login("dariush")
    in_persian(client)
    page = client.get("/sync/").get_data(as_text=True)
    response = client.post(
        "/sync/now", data={"csrf_token": csrf_token(page)}, follow_redirects=True
    )
    html = response.get_data(as_text=True)
    flash = re.search(r'<p class="flash error"[^>]*>(.*?)</p>', html, re.S)
    assert flash is not None
    said = unescape(re.sub(r"<[^>]+>", "", flash.group(1)))
    assert said.startswith(f"به مخزن دوردست origin ({tmp_path / 'gone.git'}) نمی‌توان رسید: ")
    assert said.endswith("؛ نشانی و اتصال را بررسی کنید و دوباره همگام‌سازی کنید")
    assert english_in(html) == []


def test_the_last_sync_is_said_in_the_interface_language_and_calendar(login, web_project, tmp_path):
    from .test_web_pages import in_persian

    another_machine_sends_a_unit(web_project, tmp_path)
    service.sync(web_project, author="dariush")
    # Noon in UTC: the same day in the server's local time wherever it is (but +12 and beyond).
    last = web_project.instance_dir / "sync" / "last.json"
    last.write_text(
        last.read_text(encoding="utf-8").replace(
            re.search(r'"time": "([^"]+)"', last.read_text(encoding="utf-8")).group(1),
            "2026-12-06 12:00 UTC",
        ),
        encoding="utf-8",
    )

    client = login("dariush")
    said = re.search(
        r"<dd>([^<]*)</dd>\s*</dl>", unescape(client.get("/sync/").get_data(as_text=True))
    )
    assert said is not None
    assert said.group(1).startswith("Dec 6, 2026")
    assert said.group(1).endswith(": received 1 commit(s); 1 file(s) changed here")
    in_persian(client)
    said = re.search(
        r"<dd>([^<]*)</dd>\s*</dl>", unescape(client.get("/sync/").get_data(as_text=True))
    )
    assert said is not None
    assert said.group(1).startswith("۱۵ آذر ۱۴۰۵")
    assert said.group(1).endswith(": ۱ کامیت دریافت شد؛ ۱ پرونده در اینجا تغییر کرد")
    assert not re.search("[A-Za-z0-9]", said.group(1))
