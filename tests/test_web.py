"""The web form through Flask's test client: pages, saves, conflicts, roles, bad input."""

from __future__ import annotations

import json
import re
import stat
from html import unescape

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.rows import unit_key
from workbench.catalogs.update import update_project
from workbench.checks.registry import REGISTRY
from workbench.errors import WorkbenchError
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Term
from workbench.web import create_app
from workbench.web.glossary import blank_languages
from workbench.web.i18n import CHECK_NAMES

from .support import PASSWORDS, csrf_token, msgfmt_check, text_of

STATEMENT = "khuzestan-vanguard-headlines"
EDITOR = f"/translate/fa/{STATEMENT}/"
HEADLINE = "Abadan refinery workers go on\u00a0strike!"  # a no-break space, as in the source
KEY = unit_key(HEADLINE)
SAVE = f"/translate/fa/{STATEMENT}/unit/{KEY}"


def po_path(project):
    return project.catalog_path("fa", STATEMENT)


def current(project, msgid=HEADLINE):
    return pofile.read(po_path(project)).find(msgid)


def save(
    client,
    project,
    text,
    *,
    status="translated",
    revision=None,
    json=False,
    action="save",
    token=None,
):
    if token is None:
        token = csrf_token(client.get(EDITOR).get_data(as_text=True))
    data = {
        "msgstr": text,
        "status": status,
        "action": action,
        "csrf_token": token,
        "revision": current(project).revision if revision is None else revision,
    }
    headers = {"Accept": "application/json"} if json else {}
    return client.post(SAVE, data=data, headers=headers)


# -- login and roles ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", EDITOR, "/glossary/", f"/translate/fa/{STATEMENT}/preview", "/admin/users"]
)
def test_every_page_needs_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_a_post_without_login_is_refused_and_writes_nothing(client, web_project):
    before = po_path(web_project).read_bytes()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(SAVE, data={"msgstr": "x", "status": "translated", "csrf_token": token})
    assert response.status_code == 401
    assert po_path(web_project).read_bytes() == before


def test_login_sets_httponly_samesite_session_cookie(client):
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "name": "leyla",
            "password": PASSWORDS["leyla"],
            "csrf_token": csrf_token(page.get_data(as_text=True)),
        },
    )
    cookie = next(
        h for h in response.headers.getlist("Set-Cookie") if h.startswith("workbench_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_failed_logins_are_throttled_even_for_the_right_password(client):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    for _ in range(5):
        wrong = client.post(
            "/login", data={"name": "leyla", "password": "nope-nope", "csrf_token": token}
        )
        assert wrong.status_code == 401
    right = client.post(
        "/login", data={"name": "leyla", "password": PASSWORDS["leyla"], "csrf_token": token}
    )
    assert right.status_code == 429
    assert "Too many failed logins" in right.get_data(as_text=True)


def test_a_post_without_csrf_token_is_refused(login, web_project):
    client = login("leyla")
    before = po_path(web_project).read_bytes()
    response = client.post(
        SAVE,
        data={
            "msgstr": "اعتصاب",
            "status": "translated",
            "revision": current(web_project).revision,
        },
    )
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    wrong = save(client, web_project, "اعتصاب", token="not-a-token")
    assert wrong.status_code == 400
    assert po_path(web_project).read_bytes() == before


def test_a_translator_cannot_mark_reviewed_or_edit_the_glossary_or_users(login, web_project):
    client = login("leyla")
    assert (
        save(
            client, web_project, "کارگران پالایشگاه آبادان اعتصاب کردند!", status="reviewed"
        ).status_code
        == 403
    )
    assert client.get("/glossary/new").status_code == 403
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/languages").status_code == 403


def test_a_reviewer_marks_reviewed_and_edits_the_glossary_but_not_users(login, web_project):
    client = login("dariush")
    response = save(
        client, web_project, "کارگران پالایشگاه آبادان اعتصاب کردند!", status="reviewed"
    )
    assert response.status_code == 302
    assert current(web_project).status == cat.REVIEWED
    assert current(web_project).reviewer == "dariush"
    assert client.get("/glossary/new").status_code == 200
    assert client.get("/admin/users").status_code == 403


def test_a_new_concept_for_a_source_term_the_glossary_has_needs_another_meaning(login, web_project):
    client = login("dariush")
    page = client.get("/glossary/new").get_data(as_text=True)
    assert 'name="another_meaning"' in page
    before = len(glossary_store.load(web_project))
    form = {
        "csrf_token": csrf_token(page),
        "term-0-lang": "en",
        "term-0-text": "Councils",  # a word form of the concept "council"'s term
        "term-0-status": "preferred",
        "term-0-treatment": "translate",
        "term-1-lang": "fa",
        "term-1-text": "انجمن‌ها",
        "term-1-status": "preferred",
        "term-1-treatment": "translate",
    }
    refused = client.post("/glossary/new", data=form)
    assert refused.status_code == 400
    said = unescape(refused.get_data(as_text=True))
    text = re.sub(r"<[^>]+>", "", said)
    assert "«Councils» is already a term of the concept council: add your renderings" in text
    # The form keeps what was typed, for the person to tick the box or go there.
    assert 'value="Councils"' in said and "انجمن‌ها" in said
    assert len(glossary_store.load(web_project)) == before
    added = client.post("/glossary/new", data={**form, "another_meaning": "1"})
    assert added.status_code == 302
    glossary = glossary_store.load(web_project)
    assert len(glossary) == before + 1
    assert [t.text for t in glossary[added.location.rsplit("/", 1)[-1]].terms] == [
        "Councils",
        "انجمن‌ها",
    ]


def selected_languages(page: str) -> list[str]:
    """Return the language each term row of the concept form has selected, row by row."""
    rows = re.findall(r'<select name="term-(\d+)-lang"[^>]*>(.*?)</select>', page, re.S)
    return [
        re.search(r'<option value="([^"]+)" selected>', options).group(1) for _, options in rows
    ]


def test_a_new_concepts_rows_offer_the_source_language_then_the_translation(login):
    page = login("dariush").get("/glossary/new").get_data(as_text=True)
    assert selected_languages(page) == ["en", "fa", "fa"]


def test_an_edited_concepts_blank_rows_offer_its_missing_languages_first(login, web_project):
    glossary_store.modify(
        web_project,
        lambda g: g.add(Concept(id="sit-in", terms=(Term("تحصن", "fa"),))),
    )
    page = login("dariush").get("/glossary/concept/sit-in/edit").get_data(as_text=True)
    # Its Persian term, then English (it has no source term yet), then Persian again.
    assert selected_languages(page) == ["fa", "en", "fa", "fa"]


def test_blank_rows_go_through_the_target_languages_the_concept_lacks():
    concept = Concept(id="strike", terms=(Term("strike", "en"), Term("اعتصاب", "fa")))
    assert blank_languages(concept, "en", ("fa", "ckb", "de"), 3) == ["ckb", "de", "fa"]
    assert blank_languages(Concept(id="x"), "en", (), 2) == ["en", "en"]


@pytest.mark.parametrize(
    ("ui", "said"),
    [
        ("en", "«مجمع عمومی» is written right to left, but its row says English: choose the "
               "language it is written in"),
        ("fa", "«مجمع عمومی» از راست به چپ نوشته شده، اما زبان ردیفش انگلیسی است: زبانی را "
               "برگزینید که به آن نوشته شده"),
    ],
)  # fmt: skip
def test_a_rendering_in_persian_letters_in_an_english_row_is_refused(login, web_project, ui, said):
    client = login("dariush")
    if ui == "fa":
        token = csrf_token(client.get("/").get_data(as_text=True))
        client.post("/interface-language", data={"ui": "fa", "csrf_token": token, "next": "/"})
    page = client.get("/glossary/new").get_data(as_text=True)
    before = len(glossary_store.load(web_project))
    form = {
        "csrf_token": csrf_token(page),
        "term-0-lang": "en",
        "term-0-text": "general assembly",
        "term-0-status": "preferred",
        "term-0-treatment": "translate",
        "term-1-lang": "en",  # left as it was: the rendering is Persian
        "term-1-text": "مجمع عمومی",
        "term-1-status": "admitted",
        "term-1-treatment": "translate",
    }
    refused = client.post("/glossary/new", data=form)
    assert refused.status_code == 400
    text = re.sub(r"<[^>]+>", "", unescape(refused.get_data(as_text=True)))
    assert said in " ".join(text.split())
    assert len(glossary_store.load(web_project)) == before
    added = client.post("/glossary/new", data={**form, "term-1-lang": "fa"})
    assert added.status_code == 302
    concept = glossary_store.load(web_project)["general-assembly"]
    assert [(t.language, t.text) for t in concept.terms] == [
        ("en", "general assembly"),
        ("fa", "مجمع عمومی"),
    ]


def test_an_acronym_in_latin_letters_stays_a_persian_rendering(login, web_project):
    client = login("dariush")
    page = client.get("/glossary/new").get_data(as_text=True)
    added = client.post(
        "/glossary/new",
        data={
            "csrf_token": csrf_token(page),
            "term-0-lang": "en",
            "term-0-text": "ILO",
            "term-0-status": "preferred",
            "term-0-treatment": "translate",
            "term-1-lang": "fa",
            "term-1-text": "ILO",
            "term-1-status": "preferred",
            "term-1-treatment": "translate",
        },
    )
    assert added.status_code == 302
    assert ("fa", "ILO") in [
        (t.language, t.text) for t in glossary_store.load(web_project)["ilo"].terms
    ]


def test_an_admin_adds_a_user_who_can_then_log_in(login, client):
    login("azadeh")
    page = client.get("/admin/users").get_data(as_text=True)
    response = client.post(
        "/admin/users",
        data={
            "action": "add",
            "name": "Shirin",
            "role": "translator",
            "password": "a-long-password",
            "csrf_token": csrf_token(page),
        },
    )
    assert response.status_code == 302
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/").get_data(as_text=True))})
    login("Shirin", "a-long-password")
    assert client.get("/").status_code == 200


# -- pages ---------------------------------------------------------------------------


def test_dashboard_lists_every_statement_and_language_with_progress(login):
    html = login("leyla").get("/").get_data(as_text=True)
    for statement in ("iran-uprising-workers-councils", STATEMENT):
        assert statement in html
        assert f'href="/translate/fa/{statement}/"' in html
    assert '<svg class="bar"' in html


def test_editor_shows_units_in_order_with_rtl_textareas_and_glossary_hits(login):
    html = login("leyla").get(EDITOR).get_data(as_text=True)
    dateline = unit_key("Khuzestan, October 2022.")
    assert html.index(f'id="u-{dateline}"') < html.index(f'id="u-{KEY}"')
    assert re.search(r'<textarea name="msgstr" lang="fa" dir="rtl"', html)
    assert '<mark class="term"' in html
    assert 'class="para-break"' in html


def test_editor_filters_and_searches(login, web_project):
    client = login("leyla")
    assert save(client, web_project, "کارگران پالایشگاه آبادان اعتصاب کردند!").status_code == 302
    untranslated = client.get(EDITOR + "?filter=untranslated").get_data(as_text=True)
    assert f'id="u-{KEY}"' not in untranslated
    translated = client.get(EDITOR + "?filter=translated").get_data(as_text=True)
    assert f'id="u-{KEY}"' in translated
    assert translated.count('<article class="unit') == 1
    found = client.get(EDITOR + "?q=آبادان").get_data(as_text=True)
    assert f'id="u-{KEY}"' in found and found.count('<article class="unit') == 1
    assert "1 unit matches; page 1 of 1." in found
    assert "units match; page 1 of 1." in client.get(EDITOR + "?q=the").get_data(as_text=True)
    by_source = client.get(EDITOR + "?q=BITUMEN").get_data(as_text=True)
    # The hit is marked, whatever its case.
    assert '<mark class="hit">bitumen</mark> tankers' in by_source
    assert by_source.count('<article class="unit') == 1


@pytest.mark.parametrize(
    ("query", "marked"),
    [
        ("شوراها", "شوراها"),
        ("شورا\u200cها", "شوراها"),
        ("شورا ها", "شوراها"),
        ("وب\u200cسایت", "وب\u200cسایت"),
        ("وب سایت", "وب\u200cسایت"),
        ("وبسایت", "وب\u200cسایت"),
        ("كارگران", "کارگران"),
    ],
    ids=["joined", "zwnj", "space", "zwnj-as-written", "space-for-zwnj", "joined-for-zwnj", "kaf"],
)
def test_editor_search_ignores_how_a_persian_word_is_split(login, web_project, query, marked):
    client = login("leyla")
    text = "وب\u200cسایت شوراها: کارگران پالایشگاه آبادان دست به اعتصاب زدند!"
    assert save(client, web_project, text).status_code == 302
    html = client.get(EDITOR, query_string={"q": query, "in": "translation"}).get_data(as_text=True)
    assert f'id="u-{KEY}"' in html and html.count('<article class="unit') == 1
    assert f'<mark class="hit">{marked}</mark>' in html


@pytest.mark.parametrize("query", ["۲۰۲۲", "٢٠٢٢", "2022"])
def test_editor_search_finds_a_year_in_any_digits(login, query):
    html = login("leyla").get(EDITOR, query_string={"q": query}).get_data(as_text=True)
    # The statement has the year in four units, in ASCII digits.
    assert html.count('<article class="unit') == 4
    assert html.count('<mark class="hit">2022</mark>') == 4
    assert '>Khuzestan</mark>, October <mark class="hit">2022</mark>.</p>' in html


def test_the_long_statement_is_paged(login, app):
    html = (
        login("leyla").get("/translate/fa/iran-uprising-workers-councils/").get_data(as_text=True)
    )
    size = app.config["WORKBENCH_PAGE_SIZE"]
    assert html.count('<article class="unit') <= size
    assert 'aria-current="page">1<' in html
    page2 = login("leyla").get("/translate/fa/iran-uprising-workers-councils/?page=2")
    assert page2.status_code == 200 and 'aria-current="page">2<' in page2.get_data(as_text=True)


def test_preview_shows_the_document_right_to_left_with_gaps_marked(login, web_project):
    client = login("leyla")
    save(client, web_project, "کارگران پالایشگاه آبادان اعتصاب کردند!")
    html = client.get(f"/translate/fa/{STATEMENT}/preview").get_data(as_text=True)
    assert '<article class="document" lang="fa" dir="rtl">' in html
    assert "کارگران پالایشگاه آبادان اعتصاب کردند!" in html
    assert '<bdi class="gap" lang="en" dir="ltr"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/translate/de/khuzestan-vanguard-headlines/",
        "/translate/fa/no-such-statement/",
        "/translate/fa/..%2f..%2fpyproject/",
        "/translate/fa/%2e%2e/",
        f"/translate/fa/{STATEMENT}/unit/0000000000000000",
        "/glossary/concept/no-such-concept",
    ],
)
def test_unknown_or_hostile_names_get_a_404_page(login, path):
    response = login("leyla").get(path)
    assert response.status_code == 404
    assert '<small class="error-code">(404)</small>' in response.get_data(as_text=True)


def test_pages_forbid_other_hosts_by_content_security_policy(login):
    response = login("leyla").get(EDITOR)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    html = response.get_data(as_text=True)
    assert not re.search(r'(src|href)="(https?:)?//', html)


# -- saving ----------------------------------------------------------------------------


def test_a_form_save_writes_the_catalog_with_the_translator_name(login, web_project):
    client = login("leyla")
    response = save(client, web_project, "کارگران پالایشگاه آبادان اعتصاب کردند!")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#u-{KEY}")
    entry = current(web_project)
    assert entry.msgstr == "کارگران پالایشگاه آبادان اعتصاب کردند!"
    assert entry.status == cat.TRANSLATED
    assert pofile.read(po_path(web_project)).header["Last-Translator"] == "leyla"
    assert msgfmt_check(po_path(web_project)).returncode == 0


def test_textarea_line_breaks_are_saved_as_newlines(login, web_project):
    client = login("leyla")
    save(client, web_project, "سطر یک\r\nسطر دو")
    assert current(web_project).msgstr == "سطر یک\nسطر دو"


def test_save_and_next_goes_to_the_next_untranslated_unit(login, web_project):
    client = login("leyla")
    response = save(client, web_project, "کارگران پالایشگاه آبادان اعتصاب کردند!", action="next")
    nxt = unit_key(
        "Today, Saturday October 7th, all the bitumen tankers refused to load at the "
        "Abadan refinery and announced a strike."
    )
    assert response.headers["Location"].endswith(f"focus={nxt}#u-{nxt}")


def test_a_json_save_answers_with_revision_findings_and_next(login, web_project):
    client = login("leyla")
    response = save(client, web_project, "کارگران اعتصاب کردند!", json=True, action="next")
    assert response.status_code == 200
    data = response.get_json()
    assert data["ok"] and data["status"] == "translated"
    assert data["revision"] == current(web_project).revision
    assert data["next"]["key"]
    # The glossary asks for «پالایشگاه آبادان» for "Abadan refinery".
    assert any(
        f["check"] == "glossary" and "Abadan refinery" in f["message"] for f in data["findings"]
    )


def test_a_stale_save_is_refused_with_both_versions_and_nothing_is_lost(login, web_project):
    client = login("leyla")
    base = current(web_project).revision
    first = save(client, web_project, "نسخه‌ی اول", revision=base, json=True)
    assert first.status_code == 200
    stale = save(client, web_project, "نسخه‌ی دوم", revision=base, json=True)
    assert stale.status_code == 409
    data = stale.get_json()
    assert data["conflict"] and data["theirs"]["msgstr"] == "نسخه‌ی اول"
    assert data["mine"]["msgstr"] == "نسخه‌ی دوم"
    assert current(web_project).msgstr == "نسخه‌ی اول"
    page = save(client, web_project, "نسخه‌ی دوم", revision=base)
    assert page.status_code == 409
    html = page.get_data(as_text=True)
    assert "نسخه‌ی اول" in html and "نسخه‌ی دوم" in html
    assert f'name="revision" value="{data["theirs"]["revision"]}"' in html
    resolved = save(client, web_project, "نسخه‌ی دوم", revision=data["theirs"]["revision"])
    assert resolved.status_code == 302
    assert current(web_project).msgstr == "نسخه‌ی دوم"


def test_an_edit_of_the_file_on_disk_is_seen_and_a_save_based_on_the_old_one_conflicts(
    login, web_project
):
    client = login("leyla")
    client.get(EDITOR)
    base = current(web_project).revision
    path = po_path(web_project)
    text = path.read_text(encoding="utf-8").replace(
        f'msgid "{HEADLINE}"\nmsgstr ""', f'msgid "{HEADLINE}"\nmsgstr "ویرایش با دست"'
    )
    path.write_text(text, encoding="utf-8")
    assert "ویرایش با دست" in client.get(EDITOR).get_data(as_text=True)
    response = save(client, web_project, "از وب", revision=base, json=True)
    assert response.status_code == 409
    assert current(web_project).msgstr == "ویرایش با دست"


def test_an_oversized_translation_is_refused_and_kept_in_the_form(login, web_project):
    client = login("leyla")
    before = po_path(web_project).read_bytes()
    text = "ا" * 100_001
    response = save(client, web_project, text)
    assert response.status_code in (400, 413)
    if response.status_code == 400:
        html = response.get_data(as_text=True)
        assert "100,001 characters long" in html
        assert text in html
    assert po_path(web_project).read_bytes() == before


def test_control_characters_and_broken_utf8_are_refused(login, web_project):
    client = login("leyla")
    before = po_path(web_project).read_bytes()
    assert save(client, web_project, "bell\x07").status_code == 400
    token = csrf_token(client.get(EDITOR).get_data(as_text=True))
    body = (
        f"msgstr=%FF%FEabc&status=translated&csrf_token={token}&revision="
        f"{current(web_project).revision}"
    ).encode()
    broken = client.post(SAVE, data=body, content_type="application/x-www-form-urlencoded")
    assert broken.status_code == 400
    assert po_path(web_project).read_bytes() == before


def test_history_records_saves_and_restores_an_earlier_text(login, web_project):
    client = login("leyla")
    save(client, web_project, "نسخه‌ی اول")
    save(client, web_project, "نسخه‌ی دوم")
    html = client.get(f"{SAVE}/history").get_data(as_text=True)
    assert html.index("نسخه‌ی دوم") < html.index("نسخه‌ی اول")
    ids = re.findall(r"/history/(\d+)/restore", html)
    assert len(ids) == 2
    response = client.post(
        f"/translate/fa/{STATEMENT}/history/{ids[0]}/restore",
        data={
            "which": "old",
            "revision": current(web_project).revision,
            "csrf_token": csrf_token(html),
        },
    )
    assert response.status_code == 302
    assert current(web_project).msgstr == "نسخه‌ی اول"


def test_history_marks_the_words_a_save_changed_not_the_whole_sentence(login, web_project):
    client = login("leyla")
    save(client, web_project, "کارگران انجمن‌های کارگری را ساختند.")
    save(client, web_project, "کارگران شوراهای کارگری را ساختند.")
    html = client.get(f"{SAVE}/history").get_data(as_text=True)
    latest = re.search(r'<div class="versions">.*?</div>\s*</div>', html, re.S).group(0)
    assert re.findall(r"<del>(.*?)</del>", latest) == ["انجمن‌های "]
    assert re.findall(r"<ins>(.*?)</ins>", latest) == ["شوراهای "]
    assert text_of(latest) == (
        "before کارگران انجمن‌های کارگری را ساختند. after کارگران شوراهای کارگری را ساختند."
    )
    # The first save had no text before it: the page says so rather than show nothing.
    first = re.findall(r'<div class="versions">.*?</div>\s*</div>', html, re.S)[-1]
    assert text_of(first) == "before (untranslated) after کارگران انجمن‌های کارگری را ساختند."


def test_a_dismissed_finding_is_kept_in_the_catalog_as_a_translator_comment(login, web_project):
    client = login("leyla")
    save(client, web_project, "کارگران اعتصاب کردند!")
    html = client.get(EDITOR).get_data(as_text=True)
    response = client.post(
        f"{SAVE}/dismiss",
        data={
            "check": "glossary",
            "reason": "the refinery is named earlier in the paragraph",
            "csrf_token": csrf_token(html),
        },
    )
    assert response.status_code == 302
    text = po_path(web_project).read_text(encoding="utf-8")
    assert "# dismissed glossary: the refinery is named earlier in the paragraph" in text
    assert current(web_project).dismissed == (
        ("glossary", "the refinery is named earlier in the paragraph"),
    )


def test_the_check_api_runs_the_glossary_check_on_a_draft(login, web_project):
    client = login("leyla")
    token = csrf_token(client.get(EDITOR).get_data(as_text=True))
    url = f"/api/check/fa/{STATEMENT}/{KEY}"
    missing = client.post(url, data={"msgstr": "کارگران اعتصاب کردند!", "csrf_token": token})
    assert any(f["check"] == "glossary" for f in missing.get_json()["findings"])
    good = client.post(
        url, data={"msgstr": "کارگران پالایشگاه آبادان دست به اعتصاب زدند!", "csrf_token": token}
    )
    assert not [f for f in good.get_json()["findings"] if f["check"] == "glossary"]


def test_the_persian_interface_names_the_checks_and_severities_in_persian(login, web_project):
    # Every check has a name the interface translates.
    assert sorted(CHECK_NAMES) == sorted(REGISTRY)
    client = login("leyla")
    save(client, web_project, "کارگران اعتصاب کردند!")  # the refinery left out: a glossary finding
    token = csrf_token(client.get(EDITOR).get_data(as_text=True))
    client.post("/interface-language", data={"ui": "fa", "csrf_token": token})
    html = unescape(client.get(f"{EDITOR}?filter=findings").get_data(as_text=True))
    assert '<span class="sev">هشدار</span> <span class="check">واژه‌نامه</span>' in html
    # The script shows the findings of a draft with the same names.
    match = re.search(r'<script type="application/json" id="editor-strings">(.*?)</script>', html)
    assert match is not None
    strings = json.loads(match.group(1))
    assert strings["checks"]["numbers"] == "عددها"
    assert strings["checks"]["inconsistent-translation"] == "ترجمهٔ ناهمسان"
    assert strings["severities"] == {"error": "خطا", "warning": "هشدار", "info": "آگاهی"}


# -- escaping ---------------------------------------------------------------------------

PAYLOADS = [
    '<script>alert("s")</script>',
    '<img src=x onerror=alert("i")>',
    '<a href="javascript:alert(1)">j</a>',
]


def test_a_term_inside_a_link_is_neither_marked_nor_listed_beside_the_unit(login, web_project):
    sentence = "The Haft Tappeh strike committee writes at https://example.org/haft-tappeh/news."
    (web_project.seeds_dir / "contact.txt").write_text(f"Contact\n\n{sentence}\n", "utf-8")
    update_project(web_project)
    html = login("leyla").get("/translate/fa/contact/").get_data(as_text=True)
    unit = re.search(rf'<article [^>]*id="u-{unit_key(sentence)}".*?</article>', html, re.S)
    assert unit is not None
    marked = re.findall(r'<mark class="term"[^>]*>([^<]*)</mark>', unit.group(0))
    # "Haft Tappeh" in the sentence is a term; the same words in the link are not.
    assert "Haft Tappeh" in marked
    assert not any("haft-tappeh" in m.lower() for m in marked)
    assert "https://example.org/haft-tappeh/news" in unescape(unit.group(0))
    assert unit.group(0).count('data-concept="haft-tappeh"') == 1


def test_payloads_in_statement_translation_and_glossary_are_escaped(login, web_project):
    from workbench.catalogs.update import update_project
    from workbench.glossary.model import Concept, Term

    stmt = web_project.seeds_dir / "hostile.txt"
    stmt.write_text(
        "Hostile title\n\n" + " ".join(f"Payload {p} here." for p in PAYLOADS) + "\n",
        encoding="utf-8",
    )
    update_project(web_project)
    glossary_store.modify(
        web_project,
        lambda g: g.add(
            Concept(
                id="hostile",
                definition=PAYLOADS[1],
                note=PAYLOADS[2],
                terms=(Term("Hostile title", "en"), Term('<b onmouseover="x()">t</b>', "fa")),
            )
        ),
    )
    client = login("leyla")
    html = client.get("/translate/fa/hostile/").get_data(as_text=True)
    for payload in PAYLOADS:
        assert payload not in html
    assert "&lt;script&gt;" in html
    concept = client.get("/glossary/concept/hostile").get_data(as_text=True)
    assert "onerror=alert" not in concept.replace("onerror=alert(&#34;i&#34;)", "")
    assert "<b onmouseover" not in concept
    # The list is paged: the search shows the concept, wherever it falls.
    listed = client.get("/glossary/?q=hostile").get_data(as_text=True)
    assert 'href="/glossary/concept/hostile"' in listed
    assert "<b onmouseover" not in listed and "&lt;b onmouseover" in listed


# -- install ------------------------------------------------------------------------------


def test_the_secret_key_is_generated_per_install_and_private(web_project, tmp_path):
    app = create_app({"WORKBENCH_ROOT": str(web_project.root)})
    path = web_project.instance_dir / "secret_key"
    assert app.config["SECRET_KEY"] == path.read_text().strip()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = create_app({"WORKBENCH_ROOT": str(web_project.root)})
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]
    other = tmp_path / "other"
    from workbench.project import Project

    Project.init(other)
    assert (
        create_app({"WORKBENCH_ROOT": str(other)}).config["SECRET_KEY"] != app.config["SECRET_KEY"]
    )


def test_single_user_mode_needs_no_login(seeded_project):
    update_project(seeded_project)  # catalogs, and no user
    app = create_app({"WORKBENCH_ROOT": str(seeded_project.root), "WORKBENCH_SINGLE_USER": True})
    client = app.test_client()
    assert client.get(EDITOR).status_code == 200
    assert client.get(EDITOR).status_code == 200  # the session cookie set on the first page


def test_serve_behind_a_proxy_refuses_single_user_mode_even_on_loopback(project, run):
    # nginx on the same machine forwards the network to 127.0.0.1.
    result = run(project, "serve", "--proxies", "1")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: refusing to serve on 127.0.0.1 behind a proxy: there are no users yet, so "
        "anyone on the network could edit; add one first with: workbench user add NAME "
        "--role admin"
    )


@pytest.mark.parametrize("value", ["two", "-1", "9"])
def test_a_bad_proxy_count_is_refused_with_what_to_give(web_project, value):
    with pytest.raises(WorkbenchError) as err:
        create_app({"WORKBENCH_ROOT": str(web_project.root), "WORKBENCH_PROXIES": value})
    assert str(err.value) == (
        f"WORKBENCH_PROXIES is {value!r}; give the number of reverse proxies in front of the "
        "workbench (0 when there is none, 1 for one nginx or Caddy)"
    )


def test_single_user_mode_is_refused_behind_a_proxy(web_project):
    with pytest.raises(WorkbenchError, match="cannot run behind a reverse proxy"):
        create_app(
            {
                "WORKBENCH_ROOT": str(web_project.root),
                "WORKBENCH_SINGLE_USER": True,
                "WORKBENCH_PROXIES": 1,
            }
        )


def test_serve_refuses_a_public_address_without_users(project, run):
    result = run(project, "serve", "--host", "0.0.0.0")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: refusing to serve on 0.0.0.0: there are no users yet, so anyone on the network "
        "could edit; add one first with: workbench user add NAME --role admin"
    )
