"""The web form in a real headless Chromium against a real ``workbench serve`` process.

One server and one browser serve the whole module; each test works on units
of the Khuzestan statement that no other test touches, so the tests do not
depend on each other's order. Screenshots for a person to look at are
written to tests/screenshots/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs import pofile
from workbench.catalogs.rows import unit_key

from .support import (
    DATA,
    PASSWORDS,
    ROLES,
    Server,
    add_user,
    copy_project,
    msgfmt_check,
    run_workbench,
)

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported by the browser fixture, as a skip or a failure
    sync_playwright = None

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# The machine is shared and noisy: wait generously for what must happen.
PATIENCE_MS = 20_000

STATEMENT = "khuzestan-vanguard-headlines"
EDITOR = f"/translate/fa/{STATEMENT}/"
PREVIEW = f"/translate/fa/{STATEMENT}/preview"

# Units of the Khuzestan statement, one set per test.
HEADLINE = "Abadan refinery workers go on\u00a0strike!"
BITUMEN = (
    "Today, Saturday October 7th, all the bitumen tankers refused to load at the "
    "Abadan refinery and announced a strike."
)
AHVAZ = "Ahvaz steelworkers’ protests\u00a0continue"
TOMORROW = "It is said that this situation will continue tomorrow."
SOURCE_LINE = "Source: Telegram channel of Khuzestan Vanguard Socialist Workers’ Cell"
OIL_HEADLINE = (
    "Oil industry’s official workforce supports Iran’s mass protests and threatens to go "
    "on\u00a0strike"
)
OIL_FOLLOWING = (
    "The following is a statement by a section of the oil industry’s official workforce."
)
TITLE = (
    "Khuzestan’s Vanguard Socialist Workers call for general strike until socialist "
    "revolution’s victory"
)
DATELINE = "Khuzestan, October 2022."
GUARDS = (
    "The intervention of the refinery’s security guards did not make any difference and the "
    "drivers left their vehicles."
)


def _unavailable(reason: str) -> None:
    # CI sets WORKBENCH_REQUIRE_BROWSER=1 so that a missing browser fails the
    # run instead of quietly skipping every browser test.
    if os.environ.get("WORKBENCH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (WORKBENCH_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


# -- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(browser, tmp_path_factory):
    """The repository's project with catalogs and three users, served by a real server."""
    base = tmp_path_factory.mktemp("browser")
    root = copy_project(base / "project")
    for name, role in ROLES.items():
        add_user(root, name, role, PASSWORDS[name])
    server = Server(root, base / "server.log").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    if sync_playwright is None:
        _unavailable("Playwright for Python is not installed: pip install playwright")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        expect.set_options(timeout=PATIENCE_MS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser, site):
    """Open browser contexts (one per person) on the server; close them after the test."""
    opened = []

    def make(*, javascript: bool = True):
        context = browser.new_context(
            base_url=site.origin,
            java_script_enabled=javascript,
            locale="en-GB",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(PATIENCE_MS)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def log_in(page, name: str) -> None:
    """Log *name* in through the login form, as a person does."""
    page.goto("/login")
    page.fill('input[name="name"]', name)
    page.fill('input[name="password"]', PASSWORDS[name])
    with page.expect_navigation():
        page.click('main form button[type="submit"]')
    assert urlsplit(page.url).path == "/", page.content()


@pytest.fixture
def open_as(new_context):
    """Return a page logged in as *name* (a fresh context each time)."""

    def make(name: str, *, javascript: bool = True):
        page = new_context(javascript=javascript).new_page()
        log_in(page, name)
        return page

    return make


def po_path(site: Server) -> Path:
    return site.root / "locales" / "fa" / "LC_MESSAGES" / f"{STATEMENT}.po"


def catalog_of(site: Server) -> cat.Catalog:
    """Read the statement's catalog from disk, as another tool would."""
    return pofile.read(po_path(site))


def unit(page, msgid: str):
    return page.locator(f"article#u-{unit_key(msgid)}")


def is_save_of(msgid: str):
    path = f"/translate/fa/{STATEMENT}/unit/{unit_key(msgid)}"
    return lambda r: urlsplit(r.url).path == path and r.request.method == "POST"


def switch_interface(page, code: str) -> None:
    """Press the interface-language button for *code* in the page header."""
    with page.expect_navigation():
        page.click(f'header.top button[name="ui"][value="{code}"]')


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=full_page)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


# -- translating -----------------------------------------------------------------------


def test_ctrl_enter_saves_and_moves_to_the_next_untranslated_unit_without_a_page_load(
    open_as, site
):
    page = open_as("leyla")
    page.goto(EDITOR)
    page.evaluate("window.__sameDocument = 'still here'")
    documents = []

    def on_request(request) -> None:
        if request.resource_type == "document":
            documents.append(request.url)

    page.on("request", on_request)
    text = "کارگران پالایشگاه آبادان دست به اعتصاب زدند!"

    unit(page, HEADLINE).locator("textarea").click()
    page.keyboard.type(text)
    with page.expect_response(is_save_of(HEADLINE)) as saved:
        page.keyboard.press("Control+Enter")

    assert saved.value.status == 200
    expect(unit(page, BITUMEN).locator("textarea")).to_be_focused()
    # Said beside the unit the translator is now at.
    expect(unit(page, BITUMEN).locator(".message.saved")).to_have_text(
        re.compile(r"^✓ Saved unit \d+; here is the next untranslated unit\.$")
    )
    assert page.evaluate("window.__sameDocument") == "still here"
    assert documents == []
    expect(unit(page, HEADLINE)).to_have_class(re.compile(r"\bstatus-translated\b"))
    catalog = catalog_of(site)
    entry = catalog.find(HEADLINE)
    assert entry.msgstr == text
    assert entry.status == cat.TRANSLATED
    assert catalog.header["Last-Translator"] == "leyla"
    result = msgfmt_check(po_path(site))
    assert result.returncode == 0, result.stderr


def test_a_glossary_rendering_is_inserted_at_the_cursor_and_checked_as_you_type(open_as, site):
    page = open_as("leyla")
    page.goto(EDITOR)
    checks = []

    def on_request(request) -> None:
        if "/api/check/" in request.url:
            checks.append(request.url)

    page.on("request", on_request)
    article = unit(page, AHVAZ)
    area = article.locator("textarea")
    # The term is marked in the source exactly, not a letter off.
    expect(article.locator('.src mark.term[data-concept="ahvaz"]')).to_have_text("Ahvaz")
    # The steelworks' city is left out: two spaces mark where it belongs.
    before, after = "اعتراض‌های کارگران فولاد ", " ادامه دارد"
    typed = before + after

    area.click()
    with page.expect_response(lambda r: "/api/check/" in r.url):
        area.press_sequentially(typed, delay=15)
    glossary_finding = article.locator(".findings li.finding", has_text="glossary")
    expect(glossary_finding).to_have_count(1)
    expect(glossary_finding).to_contain_text("Ahvaz")
    # Debounced: one check for the burst of typing, not one per key.
    assert 1 <= len(checks) < len(typed) // 3

    area.evaluate("(el, at) => el.setSelectionRange(at, at)", len(before))
    with page.expect_response(lambda r: "/api/check/" in r.url) as checked:
        article.locator('button.term-insert[data-insert="اهواز"]').click()
    assert checked.value.status == 200

    expect(area).to_have_value(before + "اهواز" + after)
    expect(area).to_be_focused()
    assert area.evaluate("el => el.selectionStart") == len(before + "اهواز")
    expect(glossary_finding).to_have_count(0)
    # Only the draft was checked: nothing is saved until the translator saves.
    assert catalog_of(site).find(AHVAZ).msgstr == ""


def test_a_stale_save_shows_both_versions_and_keeping_mine_saves_it(open_as, site):
    first = open_as("leyla")
    second = open_as("dariush")
    switch_interface(second, "fa")
    first.goto(EDITOR)
    second.goto(EDITOR)
    theirs = "گفته می‌شود این وضعیت فردا هم ادامه خواهد داشت."
    mine = "گفته می‌شود که این وضع فردا نیز ادامه می‌یابد."

    unit(first, TOMORROW).locator("textarea").fill(theirs)
    with first.expect_response(is_save_of(TOMORROW)) as saved:
        unit(first, TOMORROW).locator('button[value="save"]').click()
    assert saved.value.status == 200
    expect(unit(first, TOMORROW).locator(".message.saved")).to_be_visible()

    article = unit(second, TOMORROW)
    article.locator("textarea").fill(mine)
    with second.expect_response(is_save_of(TOMORROW)) as refused:
        article.locator('button[value="save"]').click()
    assert refused.value.status == 409
    answer = refused.value.json()
    assert answer["conflict"] is True
    assert answer["theirs"]["msgstr"] == theirs and answer["theirs"]["user"] == "leyla"
    assert answer["mine"]["msgstr"] == mine
    conflict = article.locator(".conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".tr-view")).to_have_text(theirs)
    expect(conflict).to_contain_text("leyla")
    expect(article.locator("textarea")).to_have_value(mine)
    assert catalog_of(site).find(TOMORROW).msgstr == theirs
    article.scroll_into_view_if_needed()
    screenshot(second, "conflict-fa.png")

    with second.expect_response(is_save_of(TOMORROW)) as kept:
        conflict.locator("button").nth(1).click()  # keep mine and save again
    assert kept.value.status == 200
    expect(conflict).to_have_count(0)
    entry = catalog_of(site).find(TOMORROW)
    assert entry.msgstr == mine
    assert entry.status == cat.TRANSLATED
    assert catalog_of(site).header["Last-Translator"] == "dariush"


def test_save_and_save_and_next_work_with_javascript_off(open_as, site):
    page = open_as("leyla", javascript=False)
    posts = []

    def on_request(request) -> None:
        if request.method == "POST":
            posts.append(urlsplit(request.url).path)

    page.on("request", on_request)
    page.goto(EDITOR)
    # The script did not run: the page is the plain HTML form.
    assert page.locator("html.js").count() == 0

    source_text = "منبع: کانال تلگرام هسته‌ی کارگران سوسیالیست پیشروی خوزستان"
    unit(page, SOURCE_LINE).locator("textarea").fill(source_text)
    with page.expect_navigation():
        unit(page, SOURCE_LINE).locator('button[value="save"]').click()
    assert urlsplit(page.url).fragment == f"u-{unit_key(SOURCE_LINE)}"
    # Said beside the unit the page lands at, not at the top of the page.
    expect(unit(page, SOURCE_LINE).locator(".unit-notices")).to_have_text("✓ Saved.")
    expect(unit(page, SOURCE_LINE).locator(".unit-notices")).to_be_in_viewport()
    assert catalog_of(site).find(SOURCE_LINE).msgstr == source_text

    oil_text = "کارکنان رسمی صنعت نفت از اعتراضات توده‌ای ایران حمایت می‌کنند"
    unit(page, OIL_HEADLINE).locator("textarea").fill(oil_text)
    with page.expect_navigation():
        unit(page, OIL_HEADLINE).locator('button[value="next"]').click()
    nxt = unit_key(OIL_FOLLOWING)
    url = urlsplit(page.url)
    assert f"focus={nxt}" in url.query and url.fragment == f"u-{nxt}"
    expect(unit(page, OIL_FOLLOWING)).to_have_class(re.compile(r"\bfocused\b"))
    notice = unit(page, OIL_FOLLOWING).locator(".unit-notices")
    expect(notice).to_contain_text("Saved unit ")
    expect(notice).to_contain_text("here is the next untranslated unit")
    expect(notice).to_be_in_viewport()
    assert page.locator(".flashes").count() == 0
    assert catalog_of(site).find(OIL_HEADLINE).msgstr == oil_text
    save = f"/translate/fa/{STATEMENT}/unit/"
    assert posts == [save + unit_key(SOURCE_LINE), save + unit_key(OIL_HEADLINE)]


# -- what the pages load -----------------------------------------------------------------


def test_every_page_loads_only_from_the_app_itself(new_context, site):
    context = new_context()
    requests: dict[str, list[str]] = {}
    current = ["login"]
    context.on("request", lambda r: requests.setdefault(current[0], []).append(r.url))
    page = context.new_page()
    log_in(page, "leyla")
    concept = "/glossary/concept/abadan-refinery"
    history = f"/translate/fa/{STATEMENT}/unit/{unit_key(HEADLINE)}/history"
    for name, path in [
        ("dashboard", "/"),
        ("editor", EDITOR),
        ("glossary", "/glossary/"),
        ("concept", concept),
        ("preview", PREVIEW),
        ("history", history),
    ]:
        current[0] = name
        response = page.goto(path)
        assert response.status == 200, name
        page.wait_for_load_state("networkidle")

    assert set(requests) == {
        "login",
        "dashboard",
        "editor",
        "glossary",
        "concept",
        "preview",
        "history",
    }
    foreign = {
        name: [u for u in urls if not u.startswith(site.origin + "/")]
        for name, urls in requests.items()
    }
    assert foreign == {name: [] for name in requests}
    loaded = {urlsplit(u).path for urls in requests.values() for u in urls}
    assert {"/static/workbench.css", "/static/editor.js"} <= loaded


# -- right to left ---------------------------------------------------------------------------


def test_the_persian_interface_is_right_to_left_with_proportional_textareas(open_as):
    page = open_as("leyla")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switch_interface(page, "fa")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "fa")

    page.goto(EDITOR)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    areas = page.locator('form.tr textarea[name="msgstr"]')
    assert areas.count() > 10
    assert areas.evaluate_all("els => els.every(el => el.dir === 'rtl' && el.lang === 'fa')"), (
        "a translation textarea is not dir=rtl lang=fa"
    )
    family = areas.first.evaluate("el => getComputedStyle(el).fontFamily")
    assert "monospace" not in family.casefold()
    assert "mono" not in family.split(",")[0].casefold()
    # The font the browser resolves for that family list: narrow and wide letters
    # differ in width only in a proportional font.
    widths = areas.first.evaluate(
        """el => {
            const ctx = document.createElement('canvas').getContext('2d');
            ctx.font = getComputedStyle(el).font;
            return ['iiiiiiiiii', 'MMMMMMMMMM', 'ااااااااا', 'شششششششش']
                .map(s => ctx.measureText(s).width);
        }"""
    )
    assert widths[0] < widths[1] * 0.6, widths
    assert widths[2] < widths[3] * 0.8, widths

    # A draft's findings, checked as one types, are named in the interface's language.
    article = unit(page, AHVAZ)
    article.locator("textarea").click()
    with page.expect_response(lambda r: "/api/check/" in r.url):
        article.locator("textarea").press_sequentially("اعتراض‌های کارگران فولاد ادامه دارد")
    live = article.locator(".findings ul.live li.finding")
    expect(live.locator(".check")).to_have_text(["واژه‌نامه"])
    expect(live.locator(".sev")).to_have_text(["هشدار"])


# -- screenshots for a person ---------------------------------------------------------------


def test_screenshots_of_the_main_pages_in_english_and_persian(open_as, site):
    page = open_as("azadeh")
    page.goto(EDITOR)
    for msgid, text in [
        (TITLE, "کارگران سوسیالیست پیشروی خوزستان تا پیروزی انقلاب سوسیالیستی"
                " به اعتصاب عمومی فرا می‌خوانند"),
        (DATELINE, "خوزستان، مهر ۱۴۰۱."),
        (GUARDS, "دخالت نگهبانان حراست پالایشگاه هیچ تأثیری نداشت و رانندگان"
                 " خودروهای خود را رها کردند."),
    ]:  # fmt: skip
        unit(page, msgid).locator("textarea").fill(text)
        with page.expect_response(is_save_of(msgid)) as saved:
            unit(page, msgid).locator('button[value="save"]').click()
        assert saved.value.status == 200
        expect(unit(page, msgid).locator(".message.saved")).to_be_visible()

    page.goto(EDITOR)
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    screenshot(page, "editor-en.png")

    switch_interface(page, "fa")
    page.goto(EDITOR)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    screenshot(page, "editor-fa.png")
    page.goto("/")
    screenshot(page, "dashboard-fa.png", full_page=True)
    page.goto("/glossary/concept/abadan-refinery")
    screenshot(page, "concept-fa.png", full_page=True)
    page.goto(PREVIEW)
    screenshot(page, "preview-fa.png", full_page=True)
    # One word changed: the history marks that word, not the sentence.
    page.goto(EDITOR)
    guards = unit(page, GUARDS)
    guards.locator("textarea").fill(
        "دخالت نگهبانان حراست پالایشگاه هیچ اثری نداشت و رانندگان خودروهای خود را رها کردند."
    )
    with page.expect_response(is_save_of(GUARDS)):
        guards.locator('button[value="save"]').click()
    expect(guards.locator(".message.saved")).to_be_visible()
    with page.expect_navigation():
        guards.locator("a.history").click()
    latest = page.locator("ol.history li").first
    expect(latest.locator("del")).to_have_text(["تأثیری "])
    expect(latest.locator("ins")).to_have_text(["اثری "])
    screenshot(page, "history-fa.png")


def test_a_second_concept_for_a_source_term_is_added_only_as_another_meaning(open_as, site):
    page = open_as("azadeh")

    def fill_and_save(meaning: bool = False) -> None:
        page.goto("/glossary/new")
        page.fill('input[name="term-0-text"]', "Councils")
        page.select_option('select[name="term-1-lang"]', "fa")
        page.fill('input[name="term-1-text"]', "انجمن‌ها")
        if meaning:
            page.check('input[name="another_meaning"]')
        with page.expect_navigation():
            page.click('form.concept-form button[type="submit"]')

    fill_and_save()
    refused = page.locator(".flash.error")
    expect(refused).to_contain_text("is already a term of the concept council")
    expect(page.locator('input[name="term-0-text"]')).to_have_value("Councils")
    screenshot(page, "concept-form-taken-en.png", full_page=True)
    switch_interface(page, "fa")
    fill_and_save()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".flash.error")).to_contain_text("معنای دیگر")
    screenshot(page, "concept-form-taken-fa.png", full_page=True)
    fill_and_save(meaning=True)
    expect(page.locator(".flash.error")).to_have_count(0)
    assert page.url.endswith("/glossary/concept/councils")
    expect(page.locator("h1")).to_contain_text("Councils")


def test_the_glossary_list_pages_through_its_links_right_to_left_in_persian(open_as, site):
    page = open_as("azadeh")
    page.goto("/glossary/")
    links = page.locator("table.glossary tbody tr td:first-child a")
    expect(links).to_have_count(100)
    first_page = {link.get_attribute("href") for link in links.all()}
    with page.expect_navigation():
        page.locator("nav.pager a", has_text="2").click()
    expect(page.locator('nav.pager [aria-current="page"]')).to_have_text("2")
    # The rest of the glossary (174 concepts, and those other tests add), none twice.
    second_page = {link.get_attribute("href") for link in links.all()}
    assert 74 <= len(second_page) <= 100
    assert not first_page & second_page
    page.locator("nav.pager").scroll_into_view_if_needed()
    screenshot(page, "glossary-page-2-en.png")

    switch_interface(page, "fa")
    page.goto("/glossary/?page=2")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    first = page.locator("nav.pager a", has_text="۱").bounding_box()
    here = page.locator('nav.pager [aria-current="page"]').bounding_box()
    assert first is not None and here is not None
    # Right to left: the first page comes first, on the right.
    assert first["x"] > here["x"]
    page.locator("nav.pager").scroll_into_view_if_needed()
    screenshot(page, "glossary-page-2-fa.png")


# -- hostile text ---------------------------------------------------------------------------

HOSTILE = "hostile-payloads"
HOSTILE_TITLE = "Hostile payloads arrive"
HOSTILE_SOURCE = (
    f"{HOSTILE_TITLE}\n\n"
    'A script <script>alert("statement")</script> sits in this sentence\n\n'
    "An image <img src=x onerror=alert('statement-img')> sits here too\n\n"
    '<a href="javascript:alert(1)">a link</a> ends the statement\n'
)
HOSTILE_TERM = "<img src=x onerror=alert('term')>"
HOSTILE_TRANSLATION = "<script>alert('translation')</script> <svg onload=alert('svg')> "


def test_script_in_statement_translation_and_glossary_never_runs(open_as, site):
    (site.root / "seeds" / f"{HOSTILE}.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    run_workbench("update", "--project", str(site.root))
    run_workbench(
        "glossary", "add", "hostile payloads", "--id", "hostile",
        "--to", f"fa={HOSTILE_TERM}",
        "--definition", "<script>alert('definition')</script>",
        "--note", "<a href=\"javascript:alert('note')\">sources</a> onerror=alert('note')",
        "--project", str(site.root),
    )  # fmt: skip
    page = open_as("leyla")
    dialogs, errors = [], []

    def on_dialog(dialog):
        if dialog.type != "beforeunload":
            dialogs.append((page.url, dialog.message))
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def on_console(message) -> None:
        if message.type == "error":
            errors.append((page.url, message.text))

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append((page.url, str(exc))))

    editor = f"/translate/fa/{HOSTILE}/"
    page.goto(editor)
    title = page.locator("article.unit").first
    area = title.locator("textarea")
    area.fill(HOSTILE_TRANSLATION)
    title.locator("button.term-insert").click()
    expect(area).to_have_value(HOSTILE_TRANSLATION + HOSTILE_TERM)
    title_key = title.get_attribute("data-key")
    with page.expect_response(lambda r: r.url.endswith(f"/unit/{title_key}")) as saved:
        title.locator('button[value="save"]').click()
    assert saved.value.status == 200
    # The script marks the form clean when it has read the answer; leaving
    # before that would (rightly) ask whether to drop unsaved text.
    expect(title.locator(".message.saved")).to_be_visible()

    pages = {
        "editor": editor,
        # The list is paged; the search finds the concept on whichever page.
        "glossary": "/glossary/?q=hostile",
        "concept": "/glossary/concept/hostile",
        "preview": f"/translate/fa/{HOSTILE}/preview",
        "history": f"/translate/fa/{HOSTILE}/unit/{title_key}/history",
    }
    shown = {}
    for name, path in pages.items():
        assert page.goto(path).status == 200, name
        page.wait_for_load_state("networkidle")
        # Every script element is the app's own; no element carries a handler or a
        # javascript: link, whatever the text held.
        shown[name] = page.evaluate(
            """() => ({
                scripts: [...document.scripts].map(s => s.src ? new URL(s.src).pathname : s.type),
                handlers: [...document.querySelectorAll('*')].filter(el =>
                    [...el.attributes].some(a => a.name.startsWith('on'))).length,
                jsLinks: document.querySelectorAll('[href^="javascript" i]').length,
                text: document.body.innerText,
            })"""
        )
    assert dialogs == []
    assert errors == []
    for name, found in shown.items():
        allowed = {"/static/editor.js", "application/json"}
        assert set(found["scripts"]) <= allowed, name
        assert found["handlers"] == 0, name
        assert found["jsLinks"] == 0, name
    # The payloads are shown as the text they are, not dropped.
    assert '<script>alert("statement")</script>' in shown["editor"]["text"]
    assert HOSTILE_TERM in shown["glossary"]["text"]
    assert "<script>alert('definition')</script>" in shown["concept"]["text"]
    assert HOSTILE_TRANSLATION.strip() in shown["preview"]["text"]
    assert HOSTILE_TERM in shown["history"]["text"]


# -- plural entries ----------------------------------------------------------------------

PLURAL_STATEMENT = "plural-forms"
PLURAL_SOURCE = "%d new statement"


def test_a_plural_entry_is_translated_form_by_form_in_english_and_persian(open_as, site):
    # A catalog another tool wrote, with plural entries (two forms for Persian).
    (site.root / "seeds" / f"{PLURAL_STATEMENT}.txt").write_text(
        "The council will announce the next steps on Friday.\n\n%d new statement\n",
        encoding="utf-8",
    )
    path = site.root / "locales" / "fa" / "LC_MESSAGES" / f"{PLURAL_STATEMENT}.po"
    path.write_bytes((DATA / "exchange" / "po" / "everything.po").read_bytes())
    page = open_as("leyla")
    page.goto(f"/translate/fa/{PLURAL_STATEMENT}/")
    article = page.locator(f"article#u-{unit_key(PLURAL_SOURCE)}")
    boxes = article.locator("fieldset.plural-forms textarea")
    expect(boxes).to_have_count(2)
    expect(article.locator(".form-name")).to_have_text(["one", "other"])
    expect(article.locator(".plural-source")).to_contain_text("%d new statements")
    boxes.nth(0).fill("%d بیانیه‌ی تازه")
    boxes.nth(1).fill("%d بیانیه‌ی تازه ")  # a trailing space: the check names the form
    expect(article.locator(".findings li.finding")).to_have_count(1)
    save = f"/translate/fa/{PLURAL_STATEMENT}/unit/{unit_key(PLURAL_SOURCE)}"
    with page.expect_response(lambda r: urlsplit(r.url).path == save) as saved:
        article.locator('button[value="save"]').click()
    assert saved.value.status == 200
    entry = pofile.read(path).find(PLURAL_SOURCE)
    assert entry.msgstr_plural == ("%d بیانیه‌ی تازه", "%d بیانیه‌ی تازه ")
    assert entry.status == cat.TRANSLATED
    # The rest of the file is as the other tool wrote it.
    assert pofile.read(path).find("Statements", "navigation").msgstr == "بیانیه‌ها"
    assert msgfmt_check(path).returncode == 0
    switch_interface(page, "fa")
    article = page.locator(f"article#u-{unit_key(PLURAL_SOURCE)}")
    expect(article.locator(".form-name")).to_have_text(["یک", "دیگر"])
    expect(article.locator("fieldset.plural-forms .hint").first).to_have_text("برای ۰، ۱…")
    expect(article.locator("fieldset.plural-forms textarea").nth(1)).to_have_value(
        "%d بیانیه‌ی تازه "
    )
    screenshot(page, "editor-plural-fa.png")
