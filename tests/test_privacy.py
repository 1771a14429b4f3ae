"""What the workbench keeps and sends about the people who use it.

The server logs no translation and no source text; the catalogs carry the
chosen name and nothing else that identifies a person or a machine; the
per-install files keep no client address; and no page asks for anything
from another host.
"""

from __future__ import annotations

import logging
import re
import socket
import sqlite3
from pathlib import Path

import pytest

from workbench.accounts.throttle import FREE_PER_ADDRESS
from workbench.catalogs import pofile
from workbench.catalogs.rows import unit_key

from .app_support import crawl, log_in
from .support import PASSWORDS, REPO, Server, Session, add_user, copy_project, csrf_token

STATEMENT = "khuzestan-vanguard-headlines"
HEADLINE = "Abadan refinery workers go on\u00a0strike!"
KEY = unit_key(HEADLINE)
SAVE = f"/translate/fa/{STATEMENT}/unit/{KEY}"
#: Text nobody else writes, to look for afterwards.
MARK = "نشان‌خصوصی-۷۳۱ private-mark-7f3c"
USER_AGENT = "Mozilla/5.0 (X11; PrivacyProbe-5d2e) Gecko/20100101"
ADDRESS = "127.0.0.1"
EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")


def _revision(project_root: Path, msgid: str = HEADLINE) -> str:
    path = project_root / "locales" / "fa" / "LC_MESSAGES" / f"{STATEMENT}.po"
    return pofile.read(path).find(msgid).revision


# -- the server's output ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Log in to a real `workbench serve`, save, conflict and fail; return what it printed."""
    base = tmp_path_factory.mktemp("privacy")
    root = copy_project(base / "project")
    add_user(root, "leyla", "translator", PASSWORDS["leyla"])
    server = Server(root, base / "server.log").start()
    seen: dict[str, str] = {}
    try:
        session = Session(server.port, "leyla", timeout=30, agent=USER_AGENT)
        token = csrf_token(session.get("/login")[1].decode())
        wrong = session.post(
            "/login", {"name": "leyla", "password": "a-wrong-pass-99", "csrf_token": token}
        )
        assert wrong[0] == 401
        assert session.post(
            "/login", {"name": "leyla", "password": PASSWORDS["leyla"], "csrf_token": token}
        )[0] == 302  # fmt: skip
        token = csrf_token(session.get(f"/translate/fa/{STATEMENT}/")[1].decode())
        base_revision = _revision(root)
        form = {"msgstr": MARK, "status": "translated", "csrf_token": token}
        assert session.post(SAVE, {**form, "revision": base_revision})[0] == 302
        json = {"Accept": "application/json"}
        stale = session.post(SAVE, {**form, "msgstr": MARK + " 2", "revision": base_revision})
        assert stale[0] == 409
        assert session.post(SAVE, {**form, "revision": base_revision}, json)[0] == 409
        refused = {**form, "msgstr": MARK + "\x07", "revision": _revision(root)}
        assert session.post(SAVE, refused)[0] == 400
        check = f"/api/check/fa/{STATEMENT}/{KEY}"
        assert session.post(check, {"msgstr": MARK, "csrf_token": token}, json)[0] == 200
        assert session.post(SAVE, {"msgstr": MARK, "revision": "x"})[0] == 400  # no token
        assert session.get(f"/translate/fa/{STATEMENT}/unit/0000000000000000/history")[0] == 404
        session.close()
        seen["token"] = token
        seen["cookie"] = session.session_cookie
    finally:
        server.stop()
    seen["output"] = server.output()
    seen["root"] = str(root)
    return seen


def test_the_server_prints_no_translation_or_source_text(served):
    output = served["output"]
    assert "Serving" in output  # the output was captured at all
    assert MARK not in output and "private-mark" not in output
    assert HEADLINE not in output and "Abadan refinery" not in output
    assert "Traceback" not in output


def test_the_server_prints_no_password_token_cookie_or_client(served):
    output = served["output"]
    for secret in (PASSWORDS["leyla"], "a-wrong-pass-99", served["token"], served["cookie"]):
        assert secret not in output
    assert "PrivacyProbe" not in output
    assert "leyla" not in output


def test_with_flasks_logger_at_debug_no_text_is_logged(app, caplog):
    caplog.set_level(logging.DEBUG)
    app.logger.setLevel(logging.DEBUG)
    logging.getLogger("werkzeug").setLevel(logging.DEBUG)
    root = app.extensions["workbench"].project.root
    client = log_in(app, "leyla")
    token = csrf_token(client.get(f"/translate/fa/{STATEMENT}/").get_data(as_text=True))
    base = _revision(root)
    form = {"msgstr": MARK, "status": "translated", "csrf_token": token}
    assert client.post(SAVE, data={**form, "revision": base}).status_code == 302
    assert client.post(SAVE, data={**form, "revision": base}).status_code == 409
    assert client.post(SAVE, data={**form, "msgstr": MARK + "\x07"}).status_code == 400
    client.post(f"/api/check/fa/{STATEMENT}/{KEY}", data={"msgstr": MARK, "csrf_token": token})
    client.get(f"/translate/fa/{STATEMENT}/preview")
    client.get(f"{SAVE}/history")
    app.logger.debug("canary-4e1b")  # proves the capture works, as the app may log nothing
    assert "canary-4e1b" in caplog.text
    logged = caplog.text + " ".join(repr(r.args) for r in caplog.records)
    assert MARK not in logged and "private-mark" not in logged
    assert HEADLINE not in logged and "Abadan refinery" not in logged


# -- what the files keep ----------------------------------------------------------------------


def _machine_names() -> list[str]:
    names = {socket.gethostname(), socket.getfqdn()}
    # A very short host name ("vm") also occurs in ordinary text; it proves nothing.
    return [n for n in names if len(n) >= 5 and n != "localhost"]


def _identifying(data: bytes) -> list[str]:
    found = []
    if ADDRESS.encode() in data:
        found.append("the client's address")
    if b"PrivacyProbe" in data:
        found.append("the user agent")
    if match := EMAIL.search(data):
        found.append(f"an e-mail address {match.group()!r}")
    for name in _machine_names():
        if name.encode() in data:
            found.append(f"the host name {name}")
    return found


def test_a_save_writes_only_the_chosen_name_into_the_catalogs_and_history(app, web_project):
    client = log_in(app, "leyla", addr=ADDRESS, agent=USER_AGENT)
    token = csrf_token(client.get(f"/translate/fa/{STATEMENT}/").get_data(as_text=True))
    form = {"msgstr": MARK, "status": "translated", "csrf_token": token}
    assert (
        client.post(SAVE, data={**form, "revision": _revision(web_project.root)}).status_code == 302
    )
    reviewer = log_in(app, "dariush", addr=ADDRESS, agent=USER_AGENT)
    token = csrf_token(reviewer.get(f"/translate/fa/{STATEMENT}/").get_data(as_text=True))
    reviewed = {**form, "status": "reviewed", "csrf_token": token}
    assert (
        reviewer.post(SAVE, data={**reviewed, "revision": _revision(web_project.root)}).status_code
        == 302
    )

    po = web_project.catalog_path("fa", STATEMENT)
    catalog = pofile.read(po)
    assert catalog.header["Last-Translator"] == "dariush"
    text = po.read_text(encoding="utf-8")
    entry = catalog.find(HEADLINE)
    assert entry.reviewer == "dariush"
    [review] = [line for line in text.splitlines() if line.startswith("# reviewed-by:")]
    assert re.fullmatch(r"# reviewed-by: dariush \([0-9a-f]{12}\)", review)
    files = [*web_project.locales_dir.rglob("*.po"), *web_project.locales_dir.rglob("*.pot")]
    for path in files:
        assert _identifying(path.read_bytes()) == [], path
    history = web_project.instance_dir / "history.sqlite"
    db = sqlite3.connect(history)
    rows = db.execute("SELECT * FROM history").fetchall()
    db.close()
    assert {row[2] for row in rows} == {"leyla", "dariush"}
    assert _identifying(repr(rows).encode()) == []
    assert _identifying(history.read_bytes()) == []


def test_a_failed_login_leaves_no_client_address_in_the_per_install_files(app, web_project):
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": USER_AGENT})
    token = csrf_token(client.get("/login").get_data(as_text=True))
    for _ in range(2):
        response = client.post(
            "/login", data={"name": "leyla", "password": "a-wrong-pass", "csrf_token": token}
        )
        assert response.status_code == 401
    for path in web_project.instance_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"203.0.113.77" not in data, path
            assert b"PrivacyProbe" not in data, path


def test_the_throttle_still_counts_an_address_it_does_not_keep(app):
    for i in range(FREE_PER_ADDRESS):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "203.0.113.78"
        token = csrf_token(client.get("/login").get_data(as_text=True))
        assert (
            client.post(
                "/login", data={"name": f"guess-{i}", "password": "wrong-pass", "csrf_token": token}
            ).status_code
            == 401
        )
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = "203.0.113.78"
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"name": "leyla", "password": PASSWORDS["leyla"], "csrf_token": token}
    )
    assert response.status_code == 429


# -- no request leaves the app's origin --------------------------------------------------------

WEB = REPO / "workbench" / "web"
URL_ATTRIBUTE = r"""\b(?:src|href|action|formaction|poster|data)\s*=\s*["']?\s*"""
SCHEME = r"(?:[a-z][a-z0-9+.-]*:)?"
OFF_ORIGIN = [
    re.compile(URL_ATTRIBUTE + SCHEME + "//", re.I),
    re.compile(r"""url\(\s*["']?\s*""" + SCHEME + "//", re.I),
    re.compile(r"@import\b"),
    re.compile(
        r"""\b(?:fetch|open|importScripts|EventSource|WebSocket|sendBeacon)\s*\(\s*["'`]"""
        + SCHEME
        + "//",
        re.I,
    ),
]
#: The SVG namespace is a name, never fetched.
NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'


def _served_files() -> list[Path]:
    return sorted(
        p for p in [*WEB.joinpath("templates").rglob("*"), *WEB.joinpath("static").rglob("*")]
        if p.is_file()
    )  # fmt: skip


def test_templates_and_static_files_name_no_other_host():
    files = _served_files()
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".js" for p in files)
    # The shipped font: binary WOFF2 files, which load nothing, and the license and note
    # that must travel with them (read by people, never loaded by a page).
    fonts = [p for p in files if p.parent.name == "fonts"]
    assert {p.suffix for p in fonts} == {".woff2", ".txt"}
    assert all(p.read_bytes()[:4] == b"wOF2" for p in fonts if p.suffix == ".woff2")
    for path in (p for p in files if p not in fonts):
        text = path.read_text(encoding="utf-8").replace(NAMESPACE, "")
        for pattern in OFF_ORIGIN:
            assert not pattern.search(text), f"{path.name}: {pattern.search(text).group()}"
        if path.suffix in (".js", ".css", ".svg"):
            assert "http:" not in text and "https:" not in text, path.name


def test_the_off_origin_patterns_catch_what_they_are_for():
    for sample in (
        '<script src="https://cdn.example/x.js">',
        "<link href=//fonts.example/css>",
        "background: url( 'https://x.example/a.png')",
        '@import "x.css";',
        "fetch('//tracker.example/p')",
        '<form action="http://evil.example/">',
    ):
        assert any(p.search(sample) for p in OFF_ORIGIN), sample
    assert not any(p.search('<a href="/glossary/">') for p in OFF_ORIGIN)


def _policy(header: str) -> dict[str, list[str]]:
    policy = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


def test_every_page_forbids_other_hosts_by_content_security_policy(app):
    client = log_in(app, "azadeh")
    pages = crawl(app, client, per_endpoint=4)
    with app.test_client().get("/static/workbench.css") as static:
        headers = dict(static.headers)
    anonymous = app.test_client().get("/login")
    missing = client.get("/no/such/page")
    responses = [(p.url, p.headers) for p in pages]
    responses += [
        ("/static/workbench.css", headers),
        ("/login", dict(anonymous.headers)),
        ("/no/such/page", dict(missing.headers)),
    ]
    assert len(responses) > 15
    for url, page_headers in responses:
        policy = _policy(page_headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'self'"], url
        for name in ("script-src", "style-src", "connect-src", "font-src", "form-action"):
            assert policy[name] == ["'self'"], (url, name)
        assert policy["img-src"] == ["'self'", "data:"], url
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"], url
        assert page_headers["Referrer-Policy"] == "same-origin", url
    for page in pages:
        if page.headers.get("Content-Type", "").startswith("text/html"):
            for pattern in OFF_ORIGIN[:2]:
                assert not pattern.search(page.html), page.url
