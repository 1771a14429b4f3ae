"""What the pages say, through Flask's test client: statuses in the glossary list, the
editor's unit numbers and heading, notices where the page lands, error pages that say what
to do in the browser, and what works without JavaScript. Layout is in
tests/test_pages_browser.py."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from html import unescape

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from hypothesis import given
from hypothesis import strategies as st

import workbench
import workbench.web
from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.rows import make_source, rows, unit_key
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Term
from workbench.web.context import IN_THE_BROWSER
from workbench.web.routing import page_numbers

from .support import DATA, csrf_token, text_of
from .translation_support import translate

KHUZESTAN = "khuzestan-vanguard-headlines"
LONG = "iran-uprising-workers-councils"
LONG_TITLE = (
    "Iran’s Labor Uprising: 4,000 Arak Workers on Hunger Strike, Exposing Regime’s Systemic Failure"
)
# The long statement's one sentence that occurs twice: units 362 and 365 of the
# document, one entry of the catalog.
REPEATED = "Discover more from Class Autonomy"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def persian(n: int | str) -> str:
    return str(n).translate(PERSIAN_DIGITS)


def in_persian(client) -> None:
    token = csrf_token(client.get("/").get_data(as_text=True))
    client.post("/interface-language", data={"ui": "fa", "csrf_token": token, "next": "/"})


def article(html: str, key: str) -> str:
    """Return the editor's article of the unit *key*."""
    match = re.search(rf'<article [^>]*id="u-{key}".*?</article>', html, re.S)
    assert match, f"no unit {key} on the page"
    return match.group(0)


# -- the glossary list -----------------------------------------------------------------


def glossary_row(html: str, concept_id: str) -> str:
    match = re.search(rf'<tr>\s*<td><a href="/glossary/concept/{concept_id}">.*?</tr>', html, re.S)
    assert match, f"no row for {concept_id}"
    return match.group(0)


def renderings(row: str) -> list[str]:
    """Return the text of each rendering of a glossary row, as a screen reader reads it."""
    return [text_of(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", row, re.S)]


@pytest.mark.parametrize(
    ("ui", "expected"),
    [
        ("en", ["شورای کارگری (preferred)", "شورای کارگران (admitted)",
                "شورای اسلامی کار forbidden"]),
        ("fa", ["شورای کارگری (ترجیحی)", "شورای کارگران (پذیرفته)",
                "شورای اسلامی کار ممنوع"]),
    ],
)  # fmt: skip
def test_the_glossary_list_says_each_renderings_status_in_words(login, ui, expected):
    client = login("leyla")
    if ui == "fa":
        in_persian(client)
    row = glossary_row(client.get("/glossary/?q=council").get_data(as_text=True), "workers-council")
    assert renderings(row) == expected
    # Struck through, and named by a label that is shown, not only by a tooltip.
    assert re.search(
        r'<li class="status-forbidden"><s lang="fa" dir="rtl">شورای اسلامی کار</s> '
        r'<span class="status-label" [^>]*>[^<]+</span></li>',
        row,
    )
    assert "title=" not in row.split("</td>", 1)[1]


def test_the_glossary_list_gives_the_deprecated_rendering_its_label(login):
    html = login("leyla").get("/glossary/?q=council").get_data(as_text=True)
    assert renderings(glossary_row(html, "council")) == ["شورا (preferred)", "انجمن deprecated"]


def test_the_glossary_list_puts_preferred_renderings_first_and_rejected_ones_last(
    login, web_project
):
    concept = Concept(
        id="strike-fund",
        terms=(
            Term("strike fund", "en"),
            Term("صندوق کمک", "fa", status="forbidden"),
            Term("صندوق اعتصاب", "fa", status="admitted"),
            Term("صندوق پشتیبانی اعتصاب", "fa"),
            Term("صندوق همبستگی", "fa", status="deprecated"),
        ),
    )
    glossary_store.modify(web_project, lambda g: g.add(concept))
    html = login("leyla").get("/glossary/?q=strike+fund").get_data(as_text=True)
    assert renderings(glossary_row(html, "strike-fund")) == [
        "صندوق پشتیبانی اعتصاب (preferred)",
        "صندوق اعتصاب (admitted)",
        "صندوق همبستگی deprecated",
        "صندوق کمک forbidden",
    ]


# -- long lists, page by page ---------------------------------------------------------------


def listed_ids(html: str) -> list[str]:
    """Return the concepts a glossary list page shows, in order."""
    return re.findall(r'<tr>\s*<td><a href="/glossary/concept/([^"]+)">', html)


def pager_of(html: str) -> list[str]:
    """Return the pager's items as shown: page numbers, "[n]" for this page, "…" for a gap."""
    nav = re.search(r'<nav class="pager"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no pager on the page"
    items = re.findall(
        r'<a href="[^"]*">([^<]+)</a>|<span aria-current="page">([^<]+)</span>'
        r'|<span class="gap"[^>]*>(…)</span>',
        nav.group(1),
    )
    return [a or (f"[{here}]" if here else gap) for a, here, gap in items]


def test_the_glossary_list_shows_a_hundred_concepts_a_page_and_every_concept_once(
    login, web_project
):
    everyone = [c.id for c in glossary_store.load(web_project).search("")]
    assert len(everyone) == 174
    client = login("leyla")
    first = client.get("/glossary/").get_data(as_text=True)
    second = client.get("/glossary/?page=2").get_data(as_text=True)
    assert listed_ids(first) + listed_ids(second) == everyone
    assert len(listed_ids(first)) == 100
    assert "174 concepts; page 1 of 2." in text_of(first)
    assert "174 concepts; page 2 of 2." in text_of(second)
    assert pager_of(first) == ["[1]", "2"] and pager_of(second) == ["1", "[2]"]
    assert 'href="/glossary/?page=2"' in first
    assert 'href="/glossary/?page=1"' in second


def test_a_glossary_search_goes_over_every_page_and_its_pager_keeps_the_search(login, web_project):
    glossary = glossary_store.load(web_project)
    last = glossary.search("")[-1]
    client = login("leyla")
    # A concept of the list's last page is found from the first.
    found = client.get(f"/glossary/?q={last.id}").get_data(as_text=True)
    assert last.id in listed_ids(found)
    assert '<nav class="pager"' not in found
    # A search with more than a page of hits is paged too, and its pages keep it.
    hits = [c.id for c in glossary.search("e")]
    assert len(hits) > 100
    html = client.get("/glossary/?q=e&page=2").get_data(as_text=True)
    assert listed_ids(html) == hits[100:200]
    assert 'href="/glossary/?q=e&amp;page=1"' in html


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("كميته", ["strike-committee", "factory-committee", "mutual-aid-committee"]),
        ("شوراهای کارگری", ["workers-council"]),
    ],
    ids=["arabic-kaf-yeh", "ezafe-plural"],
)
def test_the_glossary_page_finds_a_persian_word_however_it_is_typed(login, query, ids):
    html = login("leyla").get("/glossary/", query_string={"q": query}).get_data(as_text=True)
    assert listed_ids(html) == ids


@pytest.mark.parametrize(("asked", "shown"), [("9", 2), ("0", 1), ("two", 1), ("-3", 1)])
def test_a_glossary_page_out_of_range_or_not_a_number_shows_the_nearest_page(login, asked, shown):
    html = login("leyla").get(f"/glossary/?page={asked}").get_data(as_text=True)
    assert f"page {shown} of 2." in text_of(html)
    assert f'<span aria-current="page">{shown}</span>' in html


def test_the_glossary_pager_speaks_persian_digits_in_the_persian_interface(login):
    client = login("leyla")
    in_persian(client)
    html = client.get("/glossary/?page=2").get_data(as_text=True)
    assert f"{persian(174)} مفهوم؛ صفحهٔ {persian(2)} از {persian(2)}." in text_of(html)
    assert pager_of(html) == [persian(1), f"[{persian(2)}]"]


def test_the_editors_pager_links_the_first_and_last_pages_and_those_near_this_one(login):
    html = login("leyla").get(f"/translate/fa/{LONG}/?page=5").get_data(as_text=True)
    assert "page 5 of 10." in text_of(html)
    assert pager_of(html) == ["1", "2", "3", "4", "[5]", "6", "7", "…", "10"]
    assert f'href="/translate/fa/{LONG}/?page=10"' in html


@given(pages=st.integers(1, 400), data=st.data())
def test_a_pager_shows_the_ends_and_the_near_pages_and_hides_only_runs_of_two_or_more(pages, data):
    page = data.draw(st.integers(1, pages))
    shown = page_numbers(page, pages)
    numbers = [p for p in shown if p is not None]
    assert numbers == sorted(set(numbers))
    assert numbers[0] == 1 and numbers[-1] == pages
    assert set(range(max(1, page - 2), min(pages, page + 2) + 1)) <= set(numbers)
    for i, p in enumerate(shown):
        if p is None:
            # A gap sits between two shown pages and stands for at least two.
            assert 0 < i < len(shown) - 1
            assert shown[i + 1] - shown[i - 1] >= 3
        elif i and shown[i - 1] is not None:
            assert p == shown[i - 1] + 1
    # A dozen links at most, however long the list.
    assert len(shown) <= 9


# -- unit numbers -------------------------------------------------------------------------


def test_rows_number_units_as_the_catalog_counts_them_a_repeat_as_the_unit_it_repeats():
    source = make_source("Strike!\n\nAll power to the councils.\n\nStrike!\n\nStrike!\n", "en")
    entries = [
        cat.Entry("Strike!"),
        cat.Entry("All power to the councils."),
        # The third "Strike!" has an alternative translation: an entry of its own.
        cat.Entry("Strike!", msgctxt=cat.OCCURRENCE_CONTEXT.format(n=3)),
    ]
    found = rows(source, entries)
    assert [(r.number, r.index, r.first) for r in found] == [
        (1, 1, True),
        (2, 2, True),
        (3, 1, False),
        (4, 3, True),
    ]
    assert max(r.index for r in found) == len(entries)


def test_the_editor_numbers_the_long_statement_up_to_the_count_in_its_header(login):
    client = login("leyla")
    html = client.get(f"/translate/fa/{LONG}/?page=10").get_data(as_text=True)
    assert "0 of 366 units translated" in html
    numbers = [int(n) for n in re.findall(r'<span class="num">([\d,]+)</span>', html)]
    assert max(numbers) == 366
    # The repeat shows the number of the unit it repeats, and links to it.
    key = unit_key(REPEATED)
    repeat = re.search(r'<div class="unit repeat">.*?<p class="hint">.*?</p>', html, re.S).group(0)
    assert '<span class="num">362</span>' in repeat
    assert text_of(repeat).endswith(
        "Repeats unit 362 and shares its translation (one entry in the catalog)."
    )
    assert f'href="/translate/fa/{LONG}/?focus={key}#u-{key}"' in repeat
    assert 'aria-label="Translation of unit 362"' in article(html, key)


def test_the_editor_numbers_units_in_persian_digits_in_the_persian_interface(login):
    client = login("leyla")
    in_persian(client)
    html = client.get(f"/translate/fa/{LONG}/?page=10").get_data(as_text=True)
    assert f"{persian(0)} از {persian(366)} واحد ترجمه شده" in html
    assert f'<span class="num">{persian(366)}</span>' in html
    assert f"تکرار واحد {persian(362)} است" in text_of(html)


# -- the editor's heading -------------------------------------------------------------------


def test_the_editor_heading_is_the_statements_title_with_its_id_beneath(login):
    html = login("leyla").get(f"/translate/fa/{LONG}/").get_data(as_text=True)
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert text_of(heading) == f"{LONG_TITLE} → فارسی"
    assert LONG not in heading
    assert text_of(re.search(r'<p class="statement-id">.*?</p>', html, re.S).group(0)) == (
        f"Statement {LONG}"
    )
    assert re.search(r"<title>[^<]*Iran’s Labor Uprising: 4,000 Arak Workers on Hunger", html)


def test_the_preview_heading_is_the_statements_title_too(login):
    html = login("leyla").get(f"/translate/fa/{KHUZESTAN}/preview").get_data(as_text=True)
    heading = text_of(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1))
    assert heading.startswith("Preview: Khuzestan’s Vanguard Socialist Workers call for")
    assert f"Statement {KHUZESTAN}" in text_of(html)


# -- glossary renderings and suggestions without JavaScript -----------------------------------


def test_glossary_renderings_are_text_that_the_script_alone_makes_buttons(login):
    html = login("leyla").get(f"/translate/fa/{LONG}/").get_data(as_text=True)
    terms = re.findall(r'<section class="terms">.*?</section>', html, re.S)
    assert terms
    for section in terms:
        assert "<button" not in section
    panel = "".join(terms)
    # An approved rendering: text the script turns into a button; its key number is
    # shown only with the script.
    assert re.search(
        r'<span class="rendering term-insert status-preferred" data-insert="[^"]+"', panel
    )
    assert '<kbd class="n js-only">' in panel
    # A rejected one: struck through, and labelled.
    assert re.search(
        r'<span class="rendering status-forbidden"><s lang="fa" dir="rtl">[^<]+</s> '
        r'<span class="status-label" lang="en" dir="ltr">forbidden</span>',
        panel,
    )


# -- the notice of a save, where the page lands ---------------------------------------------


def save_form(client, statement: str, msgid: str, text: str, action: str, view: str = ""):
    html = client.get(f"/translate/fa/{statement}/?{view}").get_data(as_text=True)
    entry = pofile.read(client.application.extensions["workbench"].project.catalog_path(
        "fa", statement)).find(msgid)  # fmt: skip
    return client.post(
        f"/translate/fa/{statement}/unit/{unit_key(msgid)}",
        data={"msgstr": text, "status": "translated", "action": action, "view": view,
              "csrf_token": csrf_token(html), "revision": entry.revision},
    )  # fmt: skip


TITLE = (
    "Khuzestan’s Vanguard Socialist Workers call for general strike until socialist "
    "revolution’s victory"
)
DATELINE = "Khuzestan, October 2022."


@pytest.mark.parametrize(
    ("ui", "said"),
    [("en", "✓ Saved unit 1; here is the next untranslated unit."),
     ("fa", f"✓ واحد {persian(1)} ذخیره شد؛ این واحد ترجمه‌نشدهٔ بعدی است.")],
)  # fmt: skip
def test_after_save_and_next_the_notice_is_in_the_unit_the_page_lands_at(login, ui, said):
    client = login("leyla")
    if ui == "fa":
        in_persian(client)
    response = save_form(client, KHUZESTAN, TITLE, "کارگران سوسیالیست پیشروی خوزستان", "next")
    assert response.status_code == 302
    landing = response.headers["Location"]
    assert landing.endswith(f"#u-{unit_key(DATELINE)}")
    html = client.get(landing).get_data(as_text=True)
    notice = re.search(r'<div class="unit-notices" role="status">.*?</div>', article(
        html, unit_key(DATELINE))).group(0)  # fmt: skip
    assert text_of(notice) == said
    assert 'class="flashes"' not in html  # said once, where the translator is


def test_after_a_save_the_notice_is_in_the_saved_unit(login):
    client = login("leyla")
    response = save_form(client, KHUZESTAN, DATELINE, "خوزستان، مهر ۱۴۰۱.", "save")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert text_of(article(html, unit_key(DATELINE))).startswith("✓ Saved.")
    assert 'class="flashes"' not in html


def test_a_notice_about_a_unit_the_page_does_not_show_is_said_at_the_top(login):
    client = login("leyla")
    # Saved from the "untranslated" view: the unit, translated now, is no longer listed.
    response = save_form(client, KHUZESTAN, DATELINE, "خوزستان، مهر ۱۴۰۱.", "save",
                         view="filter=untranslated")  # fmt: skip
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f'id="u-{unit_key(DATELINE)}"' not in html
    assert re.search(r'<div class="flashes" role="status"><p class="flash unit">Saved.</p>', html)


def test_save_and_next_after_the_last_open_unit_says_that_none_is_left(login, web_project):
    path = web_project.catalog_path("fa", KHUZESTAN)
    catalog = pofile.read(path)
    first = catalog.entries[0]
    done = [
        e.with_translation("ترجمه", cat.TRANSLATED, "leyla") if e is not first else e
        for e in catalog.entries
    ]
    pofile.write(replace(catalog, entries=done), path)
    client = login("leyla")
    response = save_form(client, KHUZESTAN, first.msgid, "ترجمه", "next")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "✓ Saved. No other unit is untranslated or fuzzy." in text_of(
        article(html, unit_key(first.msgid, first.msgctxt))
    )


# -- pages that say what to do in the browser -----------------------------------------------


def error_message(html: str) -> str:
    return text_of(re.search(r'<p class="error-message">(.*?)</p>', html, re.S).group(1))


@pytest.mark.parametrize(
    ("ui", "said"),
    [("en", '"de" is not a language of this project (it has: Persian). '
            "Ask the project's administrator to add it."),
     ("fa", "«de» زبانی از این پروژه نیست (زبان‌های پروژه: فارسی). "
            "از مدیر پروژه بخواهید آن را بیفزاید.")],
)  # fmt: skip
def test_an_unknown_language_asks_a_translator_to_ask_the_administrator(login, ui, said):
    client = login("leyla")
    if ui == "fa":
        in_persian(client)
    response = client.get(f"/translate/de/{KHUZESTAN}/")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert error_message(html) == said
    assert "workbench" not in text_of(re.search(r"<main.*</main>", html, re.S).group(0))
    assert '<a href="/">' in html  # back to the statements


def test_an_unknown_language_gives_an_admin_a_link_that_fills_in_the_code(login):
    client = login("azadeh")
    html = client.get(f"/translate/de/{KHUZESTAN}/").get_data(as_text=True)
    assert error_message(html).endswith("Add it on the Languages page.")
    assert '<a href="/admin/languages?code=de">Add it on the Languages page.</a>' in html
    form = client.get("/admin/languages?code=de").get_data(as_text=True)
    assert re.search(r'<input name="code" value="de"', form)


@pytest.mark.parametrize(
    ("ui", "title", "said"),
    [("en", "Not found", 'there is no statement "nope" in this project; choose one from the '
                         "list of statements"),
     ("fa", "پیدا نشد", "بیانیه‌ای با شناسهٔ «nope» در این پروژه نیست؛ یکی را از فهرست "
                        "بیانیه‌ها برگزینید")],
)  # fmt: skip
def test_an_unknown_statement_says_to_choose_one_from_the_list(login, ui, title, said):
    client = login("leyla")
    if ui == "fa":
        in_persian(client)
    html = client.get("/translate/fa/nope/").get_data(as_text=True)
    assert error_message(html) == said
    assert text_of(re.search(r"<h1>.*?</h1>", html).group(0)) == (
        f"{title} ({'404' if ui == 'en' else persian(404)})"
    )


def test_a_missing_catalog_shows_the_command_to_admins_only(login, web_project):
    web_project.catalog_path("fa", KHUZESTAN).unlink()
    said = {}
    for name in ("leyla", "azadeh"):
        client = login(name)
        response = client.get(f"/translate/fa/{KHUZESTAN}/")
        assert response.status_code == 400
        said[name] = error_message(response.get_data(as_text=True))
        client.post(
            "/logout", data={"csrf_token": csrf_token(client.get("/").get_data(as_text=True))}
        )
    where = f"locales/fa/LC_MESSAGES/{KHUZESTAN}.po"
    assert said == {
        "leyla": f"{where}: does not exist yet; ask the project's administrator to bring the "
        "catalogs up to date",
        "azadeh": f"{where}: does not exist yet; bring the catalogs up to date on the server "
        "with: workbench update",
    }


def test_a_unit_missing_from_the_catalog_shows_the_command_to_admins_only(login, web_project):
    seed = web_project.seeds_dir / f"{KHUZESTAN}.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA sentence added later.\n", "utf-8")
    said = {}
    for name in ("leyla", "azadeh"):
        client = login(name)
        html = client.get(f"/translate/fa/{KHUZESTAN}/?page=1").get_data(as_text=True)
        missing = re.search(r'<div class="unit missing">.*?<p class="hint">(.*?)</p>', html, re.S)
        assert "A sentence added later." in missing.group(0)
        said[name] = text_of(missing.group(1))
        client.post("/logout", data={"csrf_token": csrf_token(html)})
    stale = (
        "Not in the catalog yet: the statement changed after its catalogs were last brought "
        "up to date. "
    )
    assert said == {
        "leyla": stale + "Ask the project's administrator to bring the catalogs up to date.",
        "azadeh": stale + "To bring them up to date, run workbench update on the server.",
    }


@pytest.fixture(scope="module")
def core_messages() -> set[str]:
    """Every message template of the package, as the interface's catalog extracts them."""
    web = workbench.web.__path__[0]
    with open(f"{web}/babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    keywords = {**DEFAULT_KEYWORDS, "NP_": (1, 2)}
    return {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            workbench.__path__[0], method_map, options_map, keywords=keywords
        )
    }


def test_every_message_that_names_a_command_has_a_wording_for_the_browser(core_messages):
    commands = {m for m in core_messages if "%(command)s" in m}
    # The templates' own (a hint for admins) name their command beside what to do.
    ours = {
        "On the server, statements can also be put in %(folder)s as %(files)s files; then run "
        "%(command)s.",
        "To bring them up to date, run %(command)s on the server.",
        "does not exist yet; bring the catalogs up to date on the server with: %(command)s",
        "The glossary %(file)s cannot be read: line %(line)s is broken. Until it is fixed, "
        "units show no glossary terms and the glossary check is off; saving works. Fix that "
        "line, or restore the last committed glossary with %(command)s. %(glossary)s says "
        "what is wrong.",
        "is empty: a crash, a bad merge or a full disk may have emptied it; restore it on the "
        "server (see its kept versions with: %(command)s) or from git; nothing was written",
        'has no header entry (msgid ""), so it was damaged (a bad merge, an edit cut short); '
        "restore it on the server (see its kept versions with: %(command)s) or from git; "
        "nothing was written",
    }
    assert sorted(commands - ours - set(IN_THE_BROWSER)) == []
    for everyone, _admin in IN_THE_BROWSER.values():
        assert "%(command)s" not in everyone


# -- a glossary file that cannot be read ------------------------------------------------

BROKEN_GLOSSARY = DATA / "glossary" / "bad.unclosed-tag.tbx"


def notice_of(html: str) -> str:
    """Return the text of the editor's notice that the glossary cannot be read."""
    found = re.search(r'<p class="flash error glossary-problem" role="alert">(.*?)</p>', html)
    assert found, "no glossary notice"
    return unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def test_a_broken_glossary_leaves_the_editor_working_without_terms_and_says_why(login, web_project):
    client = login("azadeh")
    editor = f"/translate/fa/{KHUZESTAN}/"
    assert 'class="terms"' in client.get(editor).get_data(as_text=True)
    shutil.copy(BROKEN_GLOSSARY, glossary_store.glossary_path(web_project))
    response = client.get(editor)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert notice_of(html) == (
        "The glossary glossary/glossary.tbx cannot be read: line 14 is broken. Until it is "
        "fixed, units show no glossary terms and the glossary check is off; saving works. Fix "
        "that line, or restore the last committed glossary with git checkout -- "
        "glossary/glossary.tbx. The glossary page says what is wrong."
    )
    assert 'class="terms"' not in html
    findings = client.get(editor + "?filter=findings")
    assert findings.status_code == 200 and "glossary-problem" in findings.get_data(as_text=True)

    catalog = web_project.catalog_path("fa", KHUZESTAN)
    entry = next(e for e in pofile.read(catalog).entries if e.msgid and not e.msgstr)
    key = unit_key(entry.msgid, entry.msgctxt)
    saved = client.post(
        f"/translate/fa/{KHUZESTAN}/unit/{key}",
        data={
            "msgstr": "ترجمه‌ای که با واژه‌نامهٔ خراب هم ذخیره می‌شود",
            "status": "translated",
            "action": "save",
            "csrf_token": csrf_token(html),
            "revision": entry.revision,
        },
    )
    assert saved.status_code == 302
    assert pofile.read(catalog).find(entry.msgid, entry.msgctxt).msgstr == (
        "ترجمه‌ای که با واژه‌نامهٔ خراب هم ذخیره می‌شود"
    )
    checked = client.post(
        f"/api/check/fa/{KHUZESTAN}/{key}",
        data={"msgstr": "متن", "status": "translated", "csrf_token": csrf_token(html)},
    )
    assert checked.status_code == 200


def test_a_broken_glossary_is_said_in_persian_and_its_page_names_a_project_problem(
    login, web_project
):
    client = login("leyla")
    in_persian(client)
    shutil.copy(BROKEN_GLOSSARY, glossary_store.glossary_path(web_project))
    html = client.get(f"/translate/fa/{KHUZESTAN}/").get_data(as_text=True)
    assert notice_of(html) == (
        "واژه‌نامهٔ glossary/glossary.tbx خوانده نمی‌شود: سطر ۱۴ آن خراب است. تا وقتی درست "
        "نشود، واحدها بی اصطلاحات واژه‌نامه نشان داده می‌شوند و بررسی واژه‌نامه خاموش است؛ "
        "ذخیره‌کردن کار می‌کند. از مدیر پروژه بخواهید آن سطر را درست کند یا آخرین واژه‌نامهٔ "
        "ثبت‌شده را برگرداند. صفحهٔ واژه‌نامه می‌گوید چه چیزی نادرست است."
    )
    page = client.get("/glossary/")
    assert page.status_code == 400
    assert "<title>پروژه مشکلی دارد (۴۰۰) · " in page.get_data(as_text=True)


def test_the_error_page_of_a_broken_project_file_says_the_project_has_a_problem(login, web_project):
    client = login("leyla")
    shutil.copy(BROKEN_GLOSSARY, glossary_store.glossary_path(web_project))
    page = client.get("/glossary/")
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert re.search(r"<h1>The project has a problem <small", html)
    assert "Not understood" not in html


def test_a_translator_is_told_to_ask_the_administrator_to_mend_a_broken_glossary(
    login, web_project
):
    client = login("leyla")
    shutil.copy(BROKEN_GLOSSARY, glossary_store.glossary_path(web_project))
    html = client.get(f"/translate/fa/{KHUZESTAN}/").get_data(as_text=True)
    assert notice_of(html) == (
        "The glossary glossary/glossary.tbx cannot be read: line 14 is broken. Until it is "
        "fixed, units show no glossary terms and the glossary check is off; saving works. Ask "
        "the project's administrator to fix that line or restore the last committed glossary. "
        "The glossary page says what is wrong."
    )


# -- lost catalogs and findings before publishing ------------------------------------

WORKPLACE = (
    "Workplace control: From now on, the management of the Machine Manufacturing Company, "
    "AzarAb, and Wagon Pars factories will be in the hands of workers’ councils elected by the "
    "workers themselves."
)
# The regime's Islamic Labour Councils: the glossary's forbidden rendering of workers' councils.
FORBIDDEN = (
    "کنترل محل کار: از این پس، مدیریت کارخانه‌های ماشین‌سازی اراک، آذرآب و واگن‌پارس در دست "
    "شوراهای اسلامی کار خواهد بود که خود کارگران برگزیده‌اند."
)


def test_preview_says_how_many_units_have_error_level_findings(login, web_project):
    client = login("leyla")
    url = f"/translate/fa/{LONG}/preview"
    assert "error-level" not in client.get(url).get_data(as_text=True)
    translate(web_project, LONG, {WORKPLACE: FORBIDDEN})
    html = client.get(url).get_data(as_text=True)
    [notice] = re.findall(r'<p class="flash error" role="alert">(.*?)</p>', html, re.S)
    assert text_of(notice) == (
        "1 unit has error-level findings (a forbidden glossary term, a changed number or "
        "link...); it is published as it is. See them in the editor"
    )
    assert f'href="/translate/fa/{LONG}/?filter=findings"' in notice
    # Published all the same: the download holds the forbidden rendering.
    download = client.get(f"/translate/fa/{LONG}/download").get_data(as_text=True)
    assert FORBIDDEN in download
    in_persian(client)
    html = client.get(url).get_data(as_text=True)
    [notice] = re.findall(r'<p class="flash error" role="alert">(.*?)</p>', html, re.S)
    assert text_of(notice) == (
        "۱ واحد یافته‌هایی در سطح خطا دارد (اصطلاحی ممنوع از واژه‌نامه، عدد یا پیوندی "
        "تغییرکرده...)؛ همان‌گونه که هست منتشر می‌شود. آن‌ها را در ویرایشگر ببینید"
    )


def test_an_emptied_catalog_is_an_error_on_the_dashboard_and_in_the_editor(login, web_project):
    path = web_project.catalog_path("fa", KHUZESTAN)
    path.write_bytes(b"")
    name = web_project.relative(path)
    lost = f"{name}: is empty: a crash, a bad merge or a full disk may have emptied it; "
    # A translator is not sent to a command they cannot run; the administrator is.
    for user, what_to_do in [
        ("leyla", "ask the project's administrator to restore it; nothing was written"),
        (
            "azadeh",
            f"restore it on the server (see its kept versions with: workbench restore {name}) "
            "or from git; nothing was written",
        ),
    ]:
        client = login(user)
        dashboard = client.get("/")
        assert dashboard.status_code == 200
        cells = re.findall(
            r'<td colspan="7" class="error-message">(.*?)</td>',
            dashboard.get_data(as_text=True),
            re.S,
        )
        assert [text_of(c) for c in cells] == [lost + what_to_do]
        editor = client.get(f"/translate/fa/{KHUZESTAN}/")
        assert editor.status_code == 400
        assert lost + what_to_do in text_of(editor.get_data(as_text=True))
    assert path.read_bytes() == b""


def test_the_editor_counts_a_header_only_catalog_against_the_statement(login, web_project):
    path = web_project.catalog_path("fa", KHUZESTAN)
    catalog = pofile.read(path)
    catalog.entries = []
    pofile.write(catalog, path)
    html = login("leyla").get(f"/translate/fa/{KHUZESTAN}/").get_data(as_text=True)
    assert "0 of 27 units translated" in text_of(html)
