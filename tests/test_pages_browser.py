"""Layout and behaviour of the pages in a real headless Chromium, at a laptop's width and a
phone's, in English and Persian, with JavaScript and without: no page wider than the
screen, glossary statuses a screen reader reads, renderings that are buttons only when
they work, the notice of a save where the page lands, the shortcuts in Persian digits.
Screenshots of each page in every combination go to tests/screenshots/ for a person to
look at (pages-<page>-<ui>-<width>-<js|nojs>.png).
"""

# The fixtures of tests/test_browser.py are imported by name, as pytest finds them.
# ruff: noqa: F811

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from workbench.catalogs.rows import unit_key

from .support import add_user
from .test_browser import (  # noqa: F401
    STATEMENT,
    browser,
    new_context,
    open_as,
    screenshot,
    site,
    switch_interface,
    unit,
)

pytestmark = pytest.mark.browser

LONG = "iran-uprising-workers-councils"
LONG_EDITOR = f"/translate/fa/{LONG}/"
# The long statement's last page: units 361 to 366, and the one repeat (of unit 362).
LAST_PAGE = LONG_EDITOR + "?page=10"
GLOSSARY = "/glossary/?q=council"
NO_LANGUAGE = f"/translate/de/{LONG}/"
PREVIEW = f"/translate/fa/{LONG}/preview"
# The long statement's first unit, which this module saves.
DATE = "January 29, 2026"

WIDTHS = (1280, 400)
INTERFACES = ("en", "fa")


def open_page(open_as, ui: str, width: int, *, javascript: bool = True, name: str = "leyla"):
    page = open_as(name, javascript=javascript)
    page.set_viewport_size({"width": width, "height": 900})
    if ui != "en":
        switch_interface(page, ui)
    return page


def overflow(page) -> int:
    """Return by how many pixels the page is wider than the window (0: not at all)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def within_the_window(page, locator) -> bool:
    """Tell whether every element *locator* finds lies inside the window, left to right."""
    return locator.evaluate_all(
        """els => els.length > 0 && els.every(el => {
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
        })"""
    )


# -- the dashboard ---------------------------------------------------------------------------


@pytest.mark.parametrize("ui", INTERFACES)
def test_the_dashboard_fits_a_laptop_screen_with_every_link_in_view(open_as, ui):
    page = open_page(open_as, ui, 1280)
    page.goto("/")
    assert overflow(page) == 0
    # The table needs no scrolling of its own either: every action is in view.
    box = page.locator(".table-scroll")
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert within_the_window(page, page.locator("table.progress .actions a"))
    assert page.locator("table.progress .actions a").count() == 4  # two statements, two links


@pytest.mark.parametrize("ui", INTERFACES)
def test_on_a_phone_the_dashboard_reads_row_by_row_within_the_screen(open_as, ui):
    page = open_page(open_as, ui, 400)
    page.goto("/")
    assert overflow(page) == 0
    assert page.locator(".table-scroll").evaluate("el => el.scrollWidth <= el.clientWidth")
    assert within_the_window(page, page.locator("table.progress .actions a"))
    # Each figure says what it is, since the column heads are out of sight.
    units = page.locator("table.progress td.num").first
    label = units.evaluate("el => getComputedStyle(el, '::before').content")
    assert label == ('"Units"' if ui == "en" else '"واحدها"')


@pytest.mark.parametrize("ui", INTERFACES)
def test_on_a_phone_an_admin_has_every_page_and_link_within_the_screen(open_as, ui):
    # An admin's bar has the most links: Users, Sync and Languages besides the rest.
    page = open_page(open_as, ui, 400, javascript=False, name="azadeh")
    for path in ("/", LONG_EDITOR, GLOSSARY, "/sync/", "/admin/languages", "/admin/users"):
        page.goto(path)
        assert overflow(page) == 0, path
        links = page.locator("header.top nav a")
        assert links.count() == 7, path  # Users too: the brand and six pages
        assert within_the_window(page, links), path


# -- the glossary ----------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("ui", INTERFACES)
def test_the_glossary_list_fits_the_screen_and_says_statuses_to_a_screen_reader(open_as, ui, width):
    page = open_page(open_as, ui, width, javascript=False)
    page.goto(GLOSSARY)
    assert overflow(page) == 0
    row = page.locator("table.glossary tr", has=page.locator('a[href$="/workers-council"]'))
    tree = row.locator("ul.renderings").aria_snapshot()
    preferred, admitted, forbidden = {
        "en": ("preferred", "admitted", "forbidden"),
        "fa": ("ترجیحی", "پذیرفته", "ممنوع"),
    }[ui]
    assert tree.splitlines() == [
        "- list:",
        f"  - listitem: شورای کارگری ({preferred})",
        f"  - listitem: شورای کارگران ({admitted})",
        f"  - listitem: شورای اسلامی کار {forbidden}",
    ]
    # The label is shown, not only read: and the rejected rendering is struck through.
    label = row.locator("li.status-forbidden .status-label")
    assert label.is_visible() and label.inner_text() == forbidden
    struck = row.locator("li.status-forbidden s")
    assert "line-through" in struck.evaluate("el => getComputedStyle(el).textDecorationLine")
    assert row.locator("li.status-preferred .visually-hidden").bounding_box()["width"] <= 1


# -- the editor --------------------------------------------------------------------------------


def test_glossary_renderings_are_buttons_only_when_the_script_makes_them_work(open_as):
    with_script = open_page(open_as, "en", 1280)
    with_script.goto(LONG_EDITOR)
    article = with_script.locator("article.unit", has=with_script.locator(".terms")).first
    buttons = article.locator(".terms button.term-insert")
    assert buttons.count() >= 1
    # A rejected rendering is never a button: it cannot be inserted.
    assert with_script.locator(".terms button .status-label, .terms button s").count() == 0
    assert with_script.locator(".terms li s").count() >= 1

    without = open_page(open_as, "en", 1280, javascript=False)
    without.goto(LONG_EDITOR)
    assert without.locator(".terms button").count() == 0
    assert without.locator("button.use:visible, kbd.n:visible").count() == 0
    first = without.locator("article.unit", has=without.locator(".terms")).first
    rendering = first.locator(".terms .term-insert").first
    assert rendering.evaluate("el => el.tagName") == "SPAN"
    assert rendering.evaluate("el => getComputedStyle(el).cursor") != "pointer"
    rendering.click()
    assert first.locator("textarea").input_value() == ""


@pytest.mark.parametrize("ui", INTERFACES)
def test_after_save_and_next_without_javascript_the_notice_is_where_the_page_lands(open_as, ui):
    page = open_page(open_as, ui, 400, javascript=False)
    page.goto(LONG_EDITOR + f"?focus={unit_key(DATE)}")
    article = unit_of(page, DATE)
    article.locator("textarea").fill("۹ بهمن ۱۴۰۴")
    with page.expect_navigation():
        article.locator('button[value="next"]').click()
    landed = page.locator("article.unit.focused")
    notice = landed.locator(".unit-notices")
    assert notice.is_visible()
    # In view where the page landed, without scrolling.
    box = notice.evaluate(
        "el => { const b = el.getBoundingClientRect(); return [b.top, b.bottom]; }"
    )
    assert 0 <= box[0] and box[1] <= 900
    said = notice.inner_text()
    assert said.startswith("✓ Saved unit 1;" if ui == "en" else "✓ واحد ۱ ذخیره شد؛")
    screenshot(page, f"pages-saved-next-{ui}-400-nojs.png")


SKETCHY = (
    "Information is sketchy thanks not least to the internet blackout imposed by the ruling "
    "theocracy."
)


def test_with_javascript_save_and_next_says_so_beside_the_next_unit_in_persian(open_as):
    page = open_page(open_as, "fa", 1280)
    page.goto(LONG_EDITOR + f"?focus={unit_key(SKETCHY)}")
    area = unit_of(page, SKETCHY).locator("textarea")
    area.click()
    area.fill("اطلاعات اندک است، به‌ویژه به سبب قطع اینترنت از سوی حکومت دینی.")
    with page.expect_response(lambda r: r.request.method == "POST" and "/unit/" in r.url):
        page.keyboard.press("Control+Enter")
    landed = page.locator("article.unit:has(textarea:focus)")
    message = landed.locator(".message.saved")
    message.wait_for()
    assert message.inner_text() == "✓ واحد ۳ ذخیره شد؛ این واحد ترجمه‌نشدهٔ بعدی است."
    assert landed.get_attribute("id") != f"u-{unit_key(SKETCHY)}"


def unit_of(page, msgid: str):
    return page.locator(f"article#u-{unit_key(msgid)}")


@pytest.mark.parametrize("ui", INTERFACES)
def test_the_shortcuts_dialog_writes_its_digits_in_the_interfaces_digits(open_as, ui):
    page = open_page(open_as, ui, 1280)
    page.goto(LONG_EDITOR)
    page.locator("h1").click()
    page.keyboard.press("?")
    sheet = page.locator("dialog#shortcuts")
    assert sheet.is_visible()
    ranges = sheet.locator("kbd.digits").all_inner_texts()
    assert ranges == (["1–5", "1–9"] if ui == "en" else ["۱–۵", "۱–۹"])
    if ui == "fa":
        text = sheet.inner_text()
        assert not any(d in text for d in "0123456789"), text
        # A range in Persian reads right to left: ۱ stands to the right of ۵.
        first = sheet.locator("kbd.digits").first
        assert first.evaluate("el => getComputedStyle(el).direction") == "rtl"
    screenshot(page, f"pages-shortcuts-{ui}-1280-js.png")


# -- screenshots of every changed page, at both widths, with and without the script ------------

PAGES = {
    "dashboard": "/",
    "glossary": GLOSSARY,
    "editor": LAST_PAGE,
    "preview": PREVIEW,
    "no-language": NO_LANGUAGE,
    "settings": "/settings",
}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("ui", INTERFACES)
def test_no_changed_page_is_wider_than_the_screen(open_as, ui, width, javascript):
    page = open_page(open_as, ui, width, javascript=javascript)
    js = "js" if javascript else "nojs"
    wide = {}
    for name, path in PAGES.items():
        page.goto(path)
        wide[name] = overflow(page)
        screenshot(page, f"pages-{name}-{ui}-{width}-{js}.png")
    assert wide == dict.fromkeys(PAGES, 0)
    # The editor's heading is the statement's title; the repeat shows the unit it repeats.
    page.goto(LAST_PAGE)
    heading = page.locator("h1").inner_text()
    assert heading.startswith("Iran’s Labor Uprising: 4,000 Arak Workers")
    repeat = page.locator(".unit.repeat .num").inner_text()
    assert repeat == ("362" if ui == "en" else "۳۶۲")
    page.locator(".unit.repeat").scroll_into_view_if_needed()
    screenshot(page, f"pages-editor-repeat-{ui}-{width}-{js}.png")


# -- one's own password ------------------------------------------------------------------------


def log_in_with(page, name: str, password: str) -> None:
    page.goto("/login")
    page.fill('input[name="name"]', name)
    page.fill('input[name="password"]', password)
    with page.expect_navigation():
        page.click('main form button[type="submit"]')


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_translator_changes_their_password_and_their_other_browser_is_logged_out(
    new_context, site, javascript
):
    name = "mina-js" if javascript else "mina-nojs"
    add_user(site.root, name, "translator", "mina-old-password")
    here = new_context(javascript=javascript).new_page()
    here.set_viewport_size({"width": 400, "height": 900})
    log_in_with(here, name, "mina-old-password")
    switch_interface(here, "fa")
    there = new_context().new_page()
    log_in_with(there, name, "mina-old-password")
    assert urlsplit(there.url).path == "/"

    here.goto("/settings")
    assert here.locator('input[autocomplete="username"]').is_hidden()
    # A wrong current password is refused, said above the form, and nothing is kept typed.
    here.fill('input[name="current"]', "not the password")
    here.fill('input[name="new"]', "mina-new-password")
    here.fill('input[name="again"]', "mina-new-password")
    with here.expect_navigation():
        here.click('form[action="/settings/password"] button[type="submit"]')
    refusal = here.locator('form[action="/settings/password"] .flash.error')
    assert refusal.inner_text() == "گذرواژهٔ کنونی درست نیست؛ دوباره بنویسیدش"
    assert here.locator('input[name="new"]').input_value() == ""
    js = "js" if javascript else "nojs"
    screenshot(here, f"pages-password-refused-fa-400-{js}.png", full_page=True)
    here.fill('input[name="current"]', "mina-old-password")
    here.fill('input[name="new"]', "mina-new-password")
    here.fill('input[name="again"]', "mina-new-password")
    screenshot(here, f"pages-password-fa-400-{js}.png", full_page=True)
    with here.expect_navigation():
        here.click('form[action="/settings/password"] button[type="submit"]')
    assert urlsplit(here.url).path == "/settings"
    assert "گذرواژهٔ شما تغییر کرد." in here.locator(".flashes").inner_text()
    here.goto("/")
    assert urlsplit(here.url).path == "/"  # still logged in here

    there.goto("/")
    assert urlsplit(there.url).path == "/login"
    log_in_with(there, name, "mina-old-password")
    assert urlsplit(there.url).path == "/login"
    log_in_with(there, name, "mina-new-password")
    assert urlsplit(there.url).path == "/"
