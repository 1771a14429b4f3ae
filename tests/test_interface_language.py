"""The Persian interface says everything in Persian, and isolates every piece of data.

Every page of a project with translations, drafts, findings, comments,
history and errors is rendered with the Persian interface through the app's
test client, and its text is read as a person sees it: what remains once
the data is taken out (text in an element of another language or of a
direction without a language, in a ``<bdi>``, a ``<code>`` or ``<kbd>``, or
between Unicode isolates) must hold
no Latin letter and no ASCII digit. Titles, labels and placeholders too.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest

from workbench.catalogs import model as cat
from workbench.catalogs.model import Edit
from workbench.catalogs.rows import unit_key
from workbench.catalogs.update import update_project
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Term
from workbench.web.i18n import FSI, LRI, PDI

from .support import csrf_token

STATEMENT = "khuzestan-vanguard-headlines"
EDITOR = f"/translate/fa/{STATEMENT}/"
HEADLINE = "Abadan refinery workers go on\u00a0strike!"
BITUMEN = (
    "Today, Saturday October 7th, all the bitumen tankers refused to load at the "
    "Abadan refinery and announced a strike."
)
GUARDS = (
    "The intervention of the refinery’s security guards did not make any difference and the "
    "drivers left their vehicles."
)

#: Elements whose text is data, not the interface's words.
DATA_TAGS = {"bdi", "code", "kbd", "script", "style", "textarea", "title"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
LATIN = re.compile(r"[A-Za-z0-9]")
ISOLATE = re.compile(f"[{FSI}{LRI}\u2067][^{PDI}]*{PDI}")


class Interface(HTMLParser):
    """Collect the interface's own text of a page: text and labels outside any data."""

    VOID = {"br", "hr", "img", "input", "link", "meta", "wbr", "col", "area", "source"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: is its content data?
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        outer = bool(self.stack and self.stack[-1])
        lang = a.get("lang", "").split("-")[0].split("_")[0]
        # A direction without a language: text whose language is unknown (a definition).
        unknown = "dir" in a and "lang" not in a
        data = outer or tag in DATA_TAGS or unknown or (bool(lang) and lang != "fa")
        if not data:
            for name in ATTRIBUTES:
                self._check(a.get(name, ""), f"<{tag} {name}>")
        if tag not in self.VOID:
            self.stack.append(data)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self._check(data, "text")

    def _check(self, text: str, where: str) -> None:
        bare = ISOLATE.sub("", text)
        if LATIN.search(bare):
            self.found.append(f"{where}: {' '.join(bare.split())[:120]!r}")


def english_in(html: str) -> list[str]:
    """Return the pieces of a page's own text that hold Latin letters or ASCII digits."""
    parser = Interface()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_checker_finds_english_outside_data_and_nothing_inside():
    page = (
        '<html lang="fa"><body><p>ذخیره شد</p><p lang="en">Saved</p><bdi>leyla</bdi>'
        f'<button title="درج ({LRI}Alt+G 1{PDI})">درج</button><p>Saved {FSI}x{PDI}</p>'
        '<span aria-label="Page 2">۲</span><img alt="x"></body></html>'
    )
    assert english_in(page) == ["text: 'Saved'", "<span aria-label>: 'Page 2'", "<img alt>: 'x'"]


# -- a project with something of everything ------------------------------------------------


@pytest.fixture
def busy(app, web_project, login):
    """The web project with translations, a draft of a changed source, a finding, a
    comment, a dismissal, history and a concept with a mixed decision note."""
    wb = app.extensions["workbench"]
    saves = [
        Edit(HEADLINE, "کارگران پالایشگاه آبادان اعتصاب کردند!", cat.TRANSLATED, user="leyla"),
        # Numbers that differ and no glossary rendering: findings to show.
        Edit(BITUMEN, "امروز شنبه همهٔ ۵ تانکر قیر از بارگیری سر باز زدند.", cat.TRANSLATED),
        Edit(GUARDS, "Guards did not change anything.", cat.TRANSLATED, user="dariush"),
    ]
    wb.store.save("fa", STATEMENT, saves, user="leyla")
    wb.store.comment("fa", STATEMENT, unit_key(HEADLINE), "leyla", "Keep «اعتصاب» here.")
    wb.store.dismiss("fa", STATEMENT, unit_key(GUARDS), "unchanged", "A quote kept in English.")
    # The source of the guards' sentence changes: its translation becomes a draft.
    seed = web_project.seeds_dir / f"{STATEMENT}.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("did not make any", "made no"), encoding="utf-8"
    )
    update_project(web_project)
    glossary_store.modify(
        web_project,
        lambda g: g.add(
            Concept(
                "shura",
                (Term("shura", "en"), Term("شورا", "fa")),
                definition="A council of workers.",
                note="شورا (shura) is the word the strike committees themselves use.",
            )
        ),
    )
    client = login("azadeh")
    token = csrf_token(client.get("/").get_data(as_text=True))
    client.post("/interface-language", data={"ui": "fa", "csrf_token": token, "next": "/"})
    return client


def persian_pages(client) -> dict[str, str]:
    history = f"/translate/fa/{STATEMENT}/unit/{unit_key(HEADLINE)}/history"
    paths = {
        "dashboard": "/",
        "editor": EDITOR,
        "editor, findings": EDITOR + "?filter=findings",
        "editor, to review": EDITOR + "?filter=review",
        "editor, fuzzy": EDITOR + "?filter=fuzzy",
        "editor, search": EDITOR + "?q=refinery&in=source&word=1",
        "editor, bad pattern": EDITOR + "?q=(a&regex=1",
        "editor, page 2": "/translate/fa/iran-uprising-workers-councils/?page=2",
        "preview": f"/translate/fa/{STATEMENT}/preview",
        "history": history,
        "glossary": "/glossary/",
        "concept": "/glossary/concept/shura",
        "concept form": "/glossary/concept/shura/edit",
        "new concept": "/glossary/new",
        "settings": "/settings",
        "users": "/admin/users",
        "languages": "/admin/languages",
        "new statement": "/statements/new",
        "missing statement": "/translate/fa/no-such-statement/",
        "missing page": "/no/such/page",
        "missing concept": "/glossary/concept/no-such-concept",
    }
    pages = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code in (200, 404), (name, response.status_code)
        pages[name] = response.get_data(as_text=True)
    return pages


def form_errors(client) -> dict[str, str]:
    """Pages that answer a form with an error."""
    token = csrf_token(client.get("/admin/users").get_data(as_text=True))
    out = {}
    out["user with a short password"] = client.post(
        "/admin/users",
        data={"action": "add", "name": "nasrin", "role": "translator", "password": "short",
              "csrf_token": token},
    ).get_data(as_text=True)  # fmt: skip
    out["empty concept"] = client.post(
        "/glossary/new", data={"csrf_token": token, "id": ""}
    ).get_data(as_text=True)
    out["unknown language"] = client.post(
        "/admin/languages", data={"csrf_token": token, "code": "klingonish"}
    ).get_data(as_text=True)
    out["statement preview"] = client.post(
        "/statements/new",
        data={"csrf_token": token, "text": "Strike at Haft Tappeh\n\nThe workers stopped.\n",
              "action": "preview"},
    ).get_data(as_text=True)  # fmt: skip
    out["empty statement"] = client.post(
        "/statements/new", data={"csrf_token": token, "text": "  ", "action": "preview"}
    ).get_data(as_text=True)
    windows = "شوراهاي کارگري اراک\r\nاعتصاب در روز دوم.\r\n"
    for name, encoding in (("UTF-16", "utf-16"), ("Windows-1256", "cp1256")):
        out[f"statement in {name}"] = client.post(
            "/statements/new",
            data={"csrf_token": token, "action": "preview",
                  "file": (io.BytesIO(windows.encode(encoding)), "notepad.txt")},
            content_type="multipart/form-data",
        ).get_data(as_text=True)  # fmt: skip
    out["stale save"] = client.post(
        f"/translate/fa/{STATEMENT}/unit/{unit_key(HEADLINE)}",
        data={"csrf_token": token, "msgstr": "دیگر", "status": "translated", "revision": "0" * 12},
    ).get_data(as_text=True)
    out["no token"] = client.post("/admin/users", data={"action": "add"}).get_data(as_text=True)
    return out


def test_every_persian_page_speaks_persian_and_isolates_its_data(busy):
    pages = persian_pages(busy) | form_errors(busy)
    for name, html in pages.items():
        assert '<html lang="fa" dir="rtl">' in html, name
    found = {name: english_in(html) for name, html in pages.items()}
    problems = [f"{name}: {problem}" for name, found in found.items() for problem in found]
    assert not problems, "\n".join(problems)
    # The pages did show what they are about.
    assert "«<bdi" in pages["editor, findings"]  # a finding quotes the translation, isolated
    assert 'class="comments"' in pages["editor"] and "Keep «اعتصاب» here." in pages["editor"]
    assert '<mark class="hit">refinery</mark>' in pages["editor, search"]
    assert 'class="flash error search-error"' in pages["editor, bad pattern"]
    assert "<del>did not </del><ins>made no </ins>" in pages["editor, fuzzy"]
    assert 'class="trend"' in pages["dashboard"]


def test_persian_pages_write_numbers_and_dates_in_persian(busy):
    pages = persian_pages(busy)
    assert "۲۷" in pages["dashboard"]  # the units of the Khuzestan statement
    # Times in the Solar Hijri calendar, with Persian month names.
    months = "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"
    assert re.search(
        rf"[۰-۹]{{1,2}} (?:{months}) ۱۴[۰-۹]{{2}}، [۰-۹]{{2}}:[۰-۹]{{2}}", pages["history"]
    )
    assert 'aria-current="page">۲<' in pages["editor, page 2"]


def test_the_command_line_json_keeps_its_english_messages(busy, web_project, run):
    import json

    result = run(web_project, "check", "fa", STATEMENT, "--json", "--only", "numbers")
    findings = json.loads(result.stdout)
    matching = [f for f in findings if f["source"] == BITUMEN]
    assert len(matching) == 1, findings
    [finding] = matching
    assert finding["message"] == (
        '"7" in the source is not in the translation; «۵» in the translation is not in the source'
    )
