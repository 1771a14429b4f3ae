"""Uninvited people and hostile input against the web form and the command line.

Every route comes from the app's own URL map, so a route added later is
checked too (or the tables below fail until it is added to them): logins,
roles, CSRF tokens, names that try to be paths, oversized posts, login
throttling, cookies, secrets, logs, and hostile text that must stay inert
on every page.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask, url_for

from workbench.accounts.throttle import FREE_PER_ADDRESS, FREE_PER_NAME
from workbench.accounts.users import ADMIN, REVIEWER, ROLES, TRANSLATOR, hash_password
from workbench.catalogs import pofile
from workbench.catalogs.rows import unit_key
from workbench.catalogs.update import update_project
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Term
from workbench.project import Project
from workbench.web import create_app

from .app_support import Page, crawl, log_in
from .support import PASSWORDS, REPO, csrf_token, make_web_project, snapshot

STATEMENT = "khuzestan-vanguard-headlines"
HEADLINE = "Abadan refinery workers go on\u00a0strike!"
KEY = unit_key(HEADLINE)
TEMPLATES = REPO / "workbench" / "web" / "templates"

PUBLIC = "public"
#: The user of each role in conftest's users.
USER_OF = {TRANSLATOR: "leyla", REVIEWER: "dariush", ADMIN: "azadeh"}

#: Who may use each route: a route of the app missing here fails
#: test_the_access_table_names_every_route until it is added.
ACCESS = {
    "/static/<path:filename>": PUBLIC,
    "/login": PUBLIC,
    "/interface-language": PUBLIC,
    "/logout": TRANSLATOR,
    "/": TRANSLATOR,
    "/settings": TRANSLATOR,
    "/settings/password": TRANSLATOR,
    "/translate/<lang>/<statement>/": TRANSLATOR,
    "/translate/<lang>/<statement>/unit/<key>": TRANSLATOR,
    "/api/check/<lang>/<statement>/<key>": TRANSLATOR,
    "/translate/<lang>/<statement>/unit/<key>/dismiss": TRANSLATOR,
    "/translate/<lang>/<statement>/unit/<key>/comment": TRANSLATOR,
    "/translate/<lang>/<statement>/approve": REVIEWER,
    "/translate/<lang>/<statement>/unit/<key>/history": TRANSLATOR,
    "/translate/<lang>/<statement>/history/<int:change_id>/restore": TRANSLATOR,
    "/translate/<lang>/<statement>/preview": TRANSLATOR,
    "/translate/<lang>/<statement>/download": TRANSLATOR,
    "/glossary/": TRANSLATOR,
    "/glossary/concept/<concept_id>": TRANSLATOR,
    "/glossary/new": REVIEWER,
    "/statements/new": REVIEWER,
    "/glossary/concept/<concept_id>/edit": REVIEWER,
    "/glossary/concept/<concept_id>/remove": REVIEWER,
    "/admin/users": ADMIN,
    "/admin/languages": ADMIN,
    "/sync/": REVIEWER,
    "/sync/now": REVIEWER,
    "/sync/keep-removed": REVIEWER,
}

#: The methods each route answers (HEAD and OPTIONS aside), checked against the URL map.
METHODS = {
    "/static/<path:filename>": ("GET",),
    "/login": ("GET", "POST"),
    "/interface-language": ("POST",),
    "/logout": ("POST",),
    "/": ("GET",),
    "/settings": ("GET", "POST"),
    "/settings/password": ("POST",),
    "/translate/<lang>/<statement>/": ("GET",),
    "/translate/<lang>/<statement>/unit/<key>": ("GET", "POST"),
    "/api/check/<lang>/<statement>/<key>": ("POST",),
    "/translate/<lang>/<statement>/unit/<key>/dismiss": ("POST",),
    "/translate/<lang>/<statement>/unit/<key>/comment": ("POST",),
    "/translate/<lang>/<statement>/approve": ("POST",),
    "/translate/<lang>/<statement>/unit/<key>/history": ("GET",),
    "/translate/<lang>/<statement>/history/<int:change_id>/restore": ("POST",),
    "/translate/<lang>/<statement>/preview": ("GET",),
    "/translate/<lang>/<statement>/download": ("GET",),
    "/glossary/": ("GET",),
    "/glossary/concept/<concept_id>": ("GET",),
    "/glossary/new": ("GET", "POST"),
    "/statements/new": ("GET", "POST"),
    "/glossary/concept/<concept_id>/edit": ("GET", "POST"),
    "/glossary/concept/<concept_id>/remove": ("POST",),
    "/admin/users": ("GET", "POST"),
    "/admin/languages": ("GET", "POST"),
    "/sync/": ("GET",),
    "/sync/now": ("POST",),
    "/sync/keep-removed": ("POST",),
}

CASES = [(rule, method) for rule, methods in METHODS.items() for method in methods]
POSTS = [rule for rule, methods in METHODS.items() if "POST" in methods]
GETS = [rule for rule, methods in METHODS.items() if "GET" in methods]


# -- a project shared by the checks of this module ----------------------------------


@dataclass
class World:
    app: Flask
    project: Project
    args: dict[str, str | int]  # a valid value for every URL argument

    def url(self, rule: str) -> str:
        """Return a URL of *rule* with valid arguments."""
        found = next(r for r in self.app.url_map.iter_rules() if r.rule == rule)
        values = {name: self.args[name] for name in found.arguments}
        with self.app.test_request_context():
            return url_for(found.endpoint, **values)


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    project = make_web_project(tmp_path_factory.mktemp("security") / "project")
    glossary_store.modify(
        project,
        lambda g: g.add(Concept(id="role-probe", terms=(Term("role probe", "en"),))),
    )
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(project.root)})
    client = log_in(app, "leyla")
    html = client.get(f"/translate/fa/{STATEMENT}/").get_data(as_text=True)
    entry = pofile.read(project.catalog_path("fa", STATEMENT)).find(HEADLINE)
    saved = client.post(
        f"/translate/fa/{STATEMENT}/unit/{KEY}",
        data={
            "msgstr": "کارگران پالایشگاه آبادان اعتصاب کردند!",
            "status": "translated",
            "revision": entry.revision,
            "csrf_token": csrf_token(html),
        },
    )
    assert saved.status_code == 302
    [change] = app.extensions["workbench"].history.of_unit("fa", STATEMENT, HEADLINE)
    args = {
        "filename": "workbench.css",
        "lang": "fa",
        "statement": STATEMENT,
        "key": KEY,
        "concept_id": "role-probe",
        "change_id": change.id,
    }
    yield World(app, project, args)
    app.extensions["workbench"].close()


def unchanged(world: World, before: dict[str, bytes], history: int) -> None:
    assert snapshot(world.project.root) == before
    assert world.app.extensions["workbench"].history.count() == history


def test_the_access_table_names_every_route(world):
    rules = {
        r.rule: tuple(sorted(r.methods - {"HEAD", "OPTIONS"}))
        for r in world.app.url_map.iter_rules()
    }
    assert set(rules) == set(ACCESS), "add the new route to ACCESS and METHODS"
    assert rules == {rule: tuple(sorted(methods)) for rule, methods in METHODS.items()}


# -- logins --------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", GETS, ids=GETS)
def test_an_anonymous_get_is_sent_to_the_login_page(world, rule):
    response = world.app.test_client().get(world.url(rule))
    response.close()  # a static file is sent from an open file
    if ACCESS[rule] == PUBLIC:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("rule", POSTS, ids=POSTS)
def test_an_anonymous_post_is_refused_and_writes_nothing(world, rule):
    client = world.app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    before, history = (
        snapshot(world.project.root),
        world.app.extensions["workbench"].history.count(),
    )
    form = {
        "csrf_token": token,
        "msgstr": "ناشناس",
        "status": "translated",
        "check": "glossary",
        "reason": "anonymous",
        "which": "old",
        "code": "de",
        "name": "intruder",
        "role": "admin",
        "password": "intruder-password",
        "action": "add",
    }
    response = client.post(world.url(rule), data=form)
    if rule == "/login":
        assert response.status_code == 401  # a wrong name: no session is made
    elif rule == "/interface-language":
        # Public so that the login page can be read in Persian: it sets the session only.
        assert response.status_code == 302
        assert response.headers["Location"] == "/"
    else:
        assert response.status_code == 401
    without_token = world.app.test_client().post(world.url(rule), data={"msgstr": "x"})
    assert without_token.status_code in (400, 401)
    unchanged(world, before, history)
    assert world.app.extensions["workbench"].users.get("intruder") is None


# -- roles ------------------------------------------------------------------------------------


def _role_cases():
    for rule, method in CASES:
        need = ACCESS[rule]
        if need == PUBLIC:
            continue
        for role in ROLES:
            allowed = ROLES.index(role) >= ROLES.index(need)
            yield pytest.param(rule, method, role, allowed, id=f"{method} {rule} as {role}")


@pytest.mark.parametrize(("rule", "method", "role", "allowed"), list(_role_cases()))
def test_each_role_reaches_exactly_the_routes_of_its_rank(world, rule, method, role, allowed):
    client = log_in(world.app, USER_OF[role])
    url = world.url(rule)
    before, history = (
        snapshot(world.project.root),
        world.app.extensions["workbench"].history.count(),
    )
    if method == "GET":
        response = client.get(url)
    else:
        token = csrf_token(client.get("/").get_data(as_text=True))
        # An empty form: it passes the gates, then asks for nothing to change.
        response = client.post(url, data={"csrf_token": token})
    if allowed:
        assert response.status_code not in (401, 403)
        assert response.status_code < 500
    else:
        assert response.status_code == 403
        assert '<small class="error-code">(403)</small>' in response.get_data(as_text=True)
        unchanged(world, before, history)


def test_a_translator_cannot_make_themself_admin_or_add_users(world):
    client = log_in(world.app, "leyla")
    token = csrf_token(client.get("/").get_data(as_text=True))
    for form in (
        {"action": "role", "name": "leyla", "role": "admin"},
        {"action": "add", "name": "mallory", "role": "admin", "password": "mallory-pass"},
    ):
        assert client.post("/admin/users", data={**form, "csrf_token": token}).status_code == 403
    users = world.app.extensions["workbench"].users
    assert users.get("leyla").role == TRANSLATOR
    assert users.get("mallory") is None


# -- CSRF ---------------------------------------------------------------------------------------


def _token_of_another_session(world: World) -> str:
    other = world.app.test_client()
    return csrf_token(other.get("/login").get_data(as_text=True))


@pytest.mark.parametrize("token", ["missing", "wrong", "another session's"])
@pytest.mark.parametrize("rule", POSTS, ids=POSTS)
def test_every_post_needs_the_sessions_own_csrf_token(world, rule, token):
    client = log_in(world.app, "azadeh")
    client.get("/")
    form = {"msgstr": "بی‌توکن", "status": "translated", "code": "de", "check": "glossary"}
    form["name"], form["password"], form["reason"] = "azadeh", PASSWORDS["azadeh"], "r"
    if token == "wrong":
        form["csrf_token"] = "IjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAi.Zz.abc"
    elif token == "another session's":
        form["csrf_token"] = _token_of_another_session(world)
    before, history = (
        snapshot(world.project.root),
        world.app.extensions["workbench"].history.count(),
    )
    response = client.post(world.url(rule), data=form)
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    unchanged(world, before, history)


class Forms(HTMLParser):
    """Collect each form's method, action and the names and values of its inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (a.get("method") or "get").lower(), "action": a.get("action"), "in": {}}
            )
        elif tag in ("input", "textarea", "select", "button") and self.forms and a.get("name"):
            self.forms[-1]["in"].setdefault(a["name"], a.get("value") or "")


def forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def test_every_post_form_on_every_page_carries_a_csrf_token(world):
    client = log_in(world.app, "azadeh")
    pages = crawl(world.app, client)
    anonymous = world.app.test_client().get("/login")
    pages.append(Page("/login", "auth.login", 200, {}, anonymous.get_data(as_text=True)))
    reached = {p.endpoint for p in pages}
    endpoints = {r.endpoint for r in world.app.url_map.iter_rules() if "GET" in r.methods}
    # The save URL answers GET only to send old bookmarks to the editor.
    assert endpoints - reached <= {"static", "auth.login", "main.save"}, "the crawl missed a page"
    posts = 0
    for page in pages:
        for form in forms_of(page.html):
            if form["method"] == "post":
                posts += 1
                assert form["in"].get("csrf_token"), f"a form on {page.url} has no CSRF token"
    assert posts > 20


# -- names that try to be paths -----------------------------------------------------------------

SECRET_MARK = "outside-the-project-7c1e"
HOSTILE_PATHS = [
    "/translate/fa/..%2f..%2foutside/",
    "/translate/fa/%2e%2e%2f%2e%2e%2foutside/preview",
    "/translate/fa/..%252f..%252foutside/download",
    "/translate/fa/....%2f%2f....%2f%2foutside/",
    "/translate/fa/%2Fetc%2Fpasswd/download",
    "/translate/fa/%2e%2e/download",
    "/translate/fa/outside%00.txt/download",
    "/translate/fa/" + "a" * 5000 + "/",
    "/translate/..%2f..%2foutside/" + STATEMENT + "/",
    "/translate/%2e%2e/" + STATEMENT + "/download",
    "/translate/fa%00/" + STATEMENT + "/download",
    "/translate/" + "f" * 5000 + "/" + STATEMENT + "/",
    f"/translate/fa/{STATEMENT}/unit/..%2f..%2foutside/history",
    "/glossary/concept/..%2f..%2foutside",
    "/static/../../outside.txt",
    "/static/%2e%2e/%2e%2e/%2e%2e/outside.txt",
    "/static/..%2f..%2f..%2foutside.txt",
    "/static/%2Fetc%2Fpasswd",
    "/static//etc/passwd",
    "/static/workbench.css%00.txt",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS, ids=[p[:60] for p in HOSTILE_PATHS])
def test_names_in_urls_are_never_paths(world, path):
    outside = world.project.root.parent
    (outside / "outside.txt").write_text(SECRET_MARK, encoding="utf-8")
    (outside / "outside").mkdir(exist_ok=True)
    (outside / "outside" / "outside.txt").write_text(SECRET_MARK, encoding="utf-8")
    client = log_in(world.app, "azadeh")
    before = sorted(p.name for p in outside.iterdir())
    with client.get(path, follow_redirects=True) as response:
        assert response.status_code in (400, 404)
        assert SECRET_MARK not in response.get_data(as_text=True)
    assert sorted(p.name for p in outside.iterdir()) == before


def test_a_seed_linked_to_a_file_outside_the_project_is_refused(project, tmp_path, run):
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET_MARK}. Private words.\n", encoding="utf-8")
    (project.seeds_dir / "leak.txt").symlink_to(secret)
    result = run(project, "update")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("Error: seeds/leak.txt: ")
    assert "outside" in result.output
    for path in project.root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert SECRET_MARK.encode() not in path.read_bytes(), path


def test_a_linked_seed_is_not_served(web_project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET_MARK}. Private words.\n", encoding="utf-8")
    (web_project.seeds_dir / "leak.txt").symlink_to(secret)
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(web_project.root)})
    try:
        client = log_in(app, "azadeh")
        for path in ("/", "/translate/fa/leak/", "/translate/fa/leak/download", "/glossary/"):
            response = client.get(path)
            assert SECRET_MARK not in response.get_data(as_text=True), path
        assert client.get("/translate/fa/leak/download").status_code in (400, 404)
    finally:
        app.extensions["workbench"].close()


@pytest.mark.parametrize(
    "args",
    [
        ["build", "fa", "../../etc/passwd"],
        ["build", "fa", "/etc/passwd"],
        ["build", "../../etc", STATEMENT],
        ["build", "fa", "..", "--out", "{out}"],
        ["update", "../x"],
        ["update", "../../seeds/khuzestan"],
        ["update", "x\0y"],
        ["update", "a" * 300],
        ["add-language", "../../x"],
        ["add-language", "fa/../../x"],
    ],
    ids=lambda a: " ".join(a)[:40],
)
def test_statement_and_language_names_on_the_command_line_are_not_paths(
    seeded_project, tmp_path, run, args
):
    update_project(seeded_project)
    out = tmp_path / "out"
    args = [a.replace("{out}", str(out)) for a in args]
    outside = sorted(p.name for p in tmp_path.iterdir())
    before = snapshot(seeded_project.root)
    result = run(seeded_project, *args)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1, result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == outside
    assert snapshot(seeded_project.root) == before


def test_out_may_be_any_folder_the_user_chooses(seeded_project, tmp_path, run):
    update_project(seeded_project)
    out = tmp_path / "elsewhere" / "built"
    result = run(seeded_project, "build", "fa", STATEMENT, "--out", str(out))
    assert result.exit_code == 0
    assert (out / f"{STATEMENT}.txt").read_text(encoding="utf-8").strip()


# -- redirects stay on this site --------------------------------------------------------------

OFF_SITE = [
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    " //evil.example",
    "\t//evil.example",
    "/\x00/evil.example",
    "javascript:alert(1)",
    "/%0a/evil.example\r\nSet-Cookie: x=1",
]


def _off_site(location: str) -> bool:
    # As a browser reads it: tabs and newlines are dropped, backslashes are slashes.
    cleaned = re.sub(r"[\t\n\r]", "", location).strip().replace("\\", "/")
    parts = urlsplit(cleaned)
    return bool(parts.scheme or parts.netloc) or cleaned.startswith("//")


@pytest.mark.parametrize("target", OFF_SITE, ids=repr)
def test_the_language_switch_never_redirects_off_site(world, target):
    client = world.app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/interface-language", data={"ui": "fa", "next": target, "csrf_token": token}
    )
    assert response.status_code == 302
    assert not _off_site(response.headers["Location"]), response.headers["Location"]
    assert "Set-Cookie: x" not in str(response.headers)


@pytest.mark.parametrize("target", OFF_SITE, ids=repr)
def test_the_login_never_redirects_off_site(world, target):
    client = world.app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"name": "leyla", "password": PASSWORDS["leyla"], "csrf_token": token},
    )
    assert response.status_code == 302
    assert not _off_site(response.headers["Location"]), response.headers["Location"]


# -- big posts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("as_user", [None, "leyla"], ids=["anonymous", "logged in"])
def test_a_post_beyond_the_size_limit_gets_413_and_the_error_page(world, as_user):
    client = log_in(world.app, as_user) if as_user else world.app.test_client()
    token = csrf_token(client.get("/" if as_user else "/login").get_data(as_text=True))
    before, history = (
        snapshot(world.project.root),
        world.app.extensions["workbench"].history.count(),
    )
    size = world.app.config["MAX_CONTENT_LENGTH"]
    response = client.post(
        f"/translate/fa/{STATEMENT}/unit/{KEY}",
        data={"msgstr": "ا" * size, "status": "translated", "csrf_token": token},
    )
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert '<small class="error-code">(413)</small>' in html and 'class="error-message"' in html
    unchanged(world, before, history)


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_thousands_of_form_fields_are_refused_or_ignored_never_a_crash(world, encoding):
    client = log_in(world.app, "leyla")
    token = csrf_token(client.get("/").get_data(as_text=True))
    before, history = (
        snapshot(world.project.root),
        world.app.extensions["workbench"].history.count(),
    )
    fields = {f"term-{i}-text": "x" for i in range(5000)}
    fields.update({"csrf_token": token, "msgstr": "", "status": "translated", "revision": "0"})
    url = f"/translate/fa/{STATEMENT}/unit/{KEY}"
    if encoding == "multipart":
        # Encoded here: Werkzeug's encoder spools a body this big to a file it never closes.
        boundary = "hostile-boundary-1b2c"
        body = "".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        )
        response = client.post(
            url,
            data=(body + f"--{boundary}--\r\n").encode(),
            content_type=f"multipart/form-data; boundary={boundary}",
        )
        assert response.status_code == 413  # more parts than a form of ours ever has
        assert '<small class="error-code">(413)</small>' in response.get_data(as_text=True)
    else:
        response = client.post(url, data=fields)
        assert response.status_code == 409  # read as a save from an old revision
    unchanged(world, before, history)


# -- login throttling ---------------------------------------------------------------------------


def _attempt(app, name: str, password: str, addr: str, forwarded: str | None = None) -> int:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = addr
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    token = csrf_token(client.get("/login", headers=headers).get_data(as_text=True))
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token},
        headers=headers,
    ).status_code


def test_failed_logins_under_many_names_from_one_address_are_throttled(app):
    for i in range(FREE_PER_ADDRESS):
        assert _attempt(app, f"guess-{i}", "wrong-password", "10.0.0.7") == 401
    assert _attempt(app, "leyla", PASSWORDS["leyla"], "10.0.0.7") == 429
    # Another address is not punished for them.
    assert _attempt(app, "leyla", PASSWORDS["leyla"], "10.0.0.8") == 302


def test_a_forwarded_address_is_ignored_unless_a_proxy_is_configured(app):
    # Otherwise a guesser would name a new address in each request.
    for i in range(FREE_PER_ADDRESS):
        assert _attempt(app, f"guess-{i}", "wrong", "10.0.0.7", forwarded=f"192.0.2.{i}") == 401
    assert _attempt(app, "leyla", PASSWORDS["leyla"], "10.0.0.7", forwarded="192.0.2.99") == 429


def test_behind_a_proxy_the_throttle_counts_each_client_apart(web_project):
    from workbench.web import create_app

    app = create_app(
        {"TESTING": True, "WORKBENCH_ROOT": str(web_project.root), "WORKBENCH_PROXIES": 1}
    )
    try:
        proxy = "127.0.0.1"
        for i in range(FREE_PER_ADDRESS):
            assert _attempt(app, f"guess-{i}", "wrong", proxy, forwarded="198.51.100.7") == 401
        assert _attempt(app, "leyla", PASSWORDS["leyla"], proxy, forwarded="198.51.100.7") == 429
        # Another client behind the same proxy is not locked out by the guesser...
        assert _attempt(app, "leyla", PASSWORDS["leyla"], proxy, forwarded="198.51.100.8") == 302
        # ...and only the hop the proxy adds is believed, not one the client wrote.
        forged = "203.0.113.1, 198.51.100.7"
        assert _attempt(app, "azadeh", PASSWORDS["azadeh"], proxy, forwarded=forged) == 429
    finally:
        app.extensions["workbench"].close()


def test_a_success_does_not_forgive_the_failures_of_other_names(app):
    for _ in range(FREE_PER_NAME - 1):
        assert _attempt(app, "leyla", "wrong-password", "10.0.0.7") == 401
    assert _attempt(app, "azadeh", PASSWORDS["azadeh"], "10.0.0.7") == 302
    assert _attempt(app, "leyla", "wrong-password", "10.0.0.7") == 401
    assert _attempt(app, "leyla", PASSWORDS["leyla"], "10.0.0.7") == 429
    # The name alone is never locked: leyla still logs in from elsewhere.
    assert _attempt(app, "leyla", PASSWORDS["leyla"], "10.0.0.9") == 302


def test_logging_in_to_ones_own_account_does_not_reset_the_address_count(app):
    # Guessing at other names, an insider logs in now and then to clear the count.
    for i in range(FREE_PER_ADDRESS - 1):
        assert _attempt(app, f"guess-{i}", "wrong-password", "10.0.0.7") == 401
    assert _attempt(app, "leyla", PASSWORDS["leyla"], "10.0.0.7") == 302
    assert _attempt(app, "guess-x", "wrong-password", "10.0.0.7") == 401
    assert _attempt(app, "guess-y", "wrong-password", "10.0.0.7") == 429


# -- cookies ----------------------------------------------------------------------------------


def test_only_the_session_cookie_is_set_and_it_is_httponly_and_samesite(app):
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"name": "leyla", "password": PASSWORDS["leyla"], "csrf_token": token}
    )
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies
    for cookie in cookies:
        name = cookie.split("=", 1)[0]
        assert name == app.config["SESSION_COOKIE_NAME"], f"unexpected cookie {name}"
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    # A remember-me cookie, if one is ever set, gets the same flags.
    assert app.config["REMEMBER_COOKIE_HTTPONLY"] is True
    assert app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


def test_logout_ends_the_session(app):
    client = log_in(app, "leyla")
    token = csrf_token(client.get("/").get_data(as_text=True))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    cookie = next(
        h for h in response.headers.getlist("Set-Cookie") if h.startswith("workbench_session=")
    )
    assert "HttpOnly" in cookie
    assert client.get("/").status_code == 302


def test_a_session_cookie_replayed_from_another_address_is_dropped(app):
    client = log_in(app, "azadeh", addr="10.1.1.1")
    assert client.get("/").status_code == 200
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    thief = app.test_client()
    thief.environ_base["REMOTE_ADDR"] = "10.9.9.9"
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    response = thief.get("/admin/users")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


# -- secrets ------------------------------------------------------------------------------------


def _tracked_files() -> list[Path]:
    done = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout
    return [REPO / name for name in done.decode().split("\0") if name]


def test_the_repository_tracks_no_secret_and_no_instance_folder():
    files = _tracked_files()
    assert files
    assert not [p for p in files if "instance" in p.relative_to(REPO).parts]
    key = re.compile(rb"-----BEGIN (?:[A-Z ]+ )?PRIVATE KEY-----")
    constant = re.compile(rb"""SECRET_KEY["']?\s*[:=]\s*["'][^"']{6,}["']""")
    token = re.compile(
        rb"(?:ghp|gho|github_pat|glpat|xox[bp])[_-][A-Za-z0-9_]{16,}|AKIA[0-9A-Z]{16}"
    )
    test_passwords = [p.encode() for p in PASSWORDS.values()]
    for path in files:
        if not path.is_file():
            continue
        data = path.read_bytes()
        rel = path.relative_to(REPO).as_posix()
        assert not key.search(data), f"{rel} holds a private key"
        assert not constant.search(data), f"{rel} sets SECRET_KEY to a constant"
        assert not token.search(data), f"{rel} holds an access token"
        if not rel.startswith("tests/"):
            for password in test_passwords:
                assert password not in data, f"{rel} holds a test user's password"


def test_logs_hold_no_password_csrf_token_or_session_cookie(app, caplog):
    caplog.set_level(logging.DEBUG)
    app.logger.setLevel(logging.DEBUG)
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    client.post(
        "/login", data={"name": "leyla", "password": "a-wrong-pass-99", "csrf_token": token}
    )
    client.post(
        "/login", data={"name": "leyla", "password": PASSWORDS["leyla"], "csrf_token": token}
    )
    page = client.get(f"/translate/fa/{STATEMENT}/").get_data(as_text=True)
    token = csrf_token(page)
    entry = pofile.read(app.extensions["workbench"].project.catalog_path("fa", STATEMENT)).find(
        HEADLINE
    )
    saved = client.post(
        f"/translate/fa/{STATEMENT}/unit/{KEY}",
        data={"msgstr": "نسخه", "status": "translated", "revision": entry.revision,
              "csrf_token": token},
    )  # fmt: skip
    assert saved.status_code == 302
    client.post(f"/translate/fa/{STATEMENT}/unit/{KEY}", data={"msgstr": "x"})  # no token
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    logged = caplog.text + "\n".join(str(r.args) for r in caplog.records)
    for secret in (PASSWORDS["leyla"], "a-wrong-pass-99", token, cookie):
        assert secret not in logged


# -- hostile text stays inert -------------------------------------------------------------------

PAYLOADS = [
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=\"alert('xss-img')\">",
    '"><svg onload=alert("xss-svg")>',
    "'><a href='javascript:alert(1)'>xss-link</a>",
    "</textarea><script>alert('xss-textarea')</script>",
    "</title><iframe src=//evil.example/xss-frame></iframe>",
    "\" autofocus onfocus=\"alert('xss-attr')",
    "{{ 7*7 }}xss-template{% raw %}",
    "<style>*{background:url(//evil.example/xss-css)}</style>",
    "<base href=//evil.example/xss-base/>",
]
#: A name that passes the users page's rules, yet would add a handler if unquoted.
ATTRIBUTE_NAME = "x onmouseover=alert(1) y"


def _template_tags() -> set[str]:
    tags = set()
    for path in TEMPLATES.glob("*.html"):
        tags |= set(re.findall(r"<([a-z][a-z0-9]*)", path.read_text(encoding="utf-8")))
    return tags | {"mark"}  # glossary hits, marked up in views.highlight


class Inert(HTMLParser):
    """Find markup that hostile text may have made: tags, handlers, script URLs."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}

    def __init__(self, allowed: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag not in self.allowed:
            self.problems.append(f"<{tag}> is no tag of the app's own")
        for name, value in a.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>: an event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=...>: inline style")
            compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in self.URL_ATTRIBUTES and compact.startswith(
                ("javascript:", "vbscript:", "data:text/html")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>: a script URL")
            if name in self.URL_ATTRIBUTES and compact.startswith(("//", "http:", "https:")):
                self.problems.append(f"<{tag} {name}={value!r}>: another host")
        if tag == "script":
            if not (a.get("src", "").startswith("/static/") or a.get("type") == "application/json"):
                self.problems.append(f"<script {a}>: an inline script")
            self._script = True
        if tag == "meta" and "http-equiv" in a:
            self.problems.append("<meta http-equiv>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if not self._script:
            self.text.append(data)


def inert(html: str, allowed: set[str]) -> tuple[list[str], str]:
    """Return the problems found in *html* and its visible text."""
    parser = Inert(allowed)
    parser.feed(html)
    parser.close()
    return parser.problems, "".join(parser.text)


def test_the_inertness_check_catches_each_payload_unescaped():
    # Without escaping, every payload would make markup the check reports.
    allowed = _template_tags()
    for payload in PAYLOADS:
        if "{{" in payload:
            continue
        problems, _ = inert(f"<p>{payload}</p><textarea>{payload}</textarea>", allowed)
        problems += inert(f"<input value=\"{payload}\"><p title='{payload}'>", allowed)[0]
        assert problems, payload
    assert inert(f'<input value="{ATTRIBUTE_NAME}">', allowed)[0] == []
    assert inert(f"<input value={ATTRIBUTE_NAME}>", allowed)[0]


def _plant_user(project: Project, name: str, role: str, password: str) -> None:
    # As if written by an older version or by hand: the users page refuses such names.
    db = sqlite3.connect(project.instance_dir / "users.sqlite")
    with db:
        db.execute(
            "INSERT INTO users (name, folded, role, password, created) VALUES (?,?,?,?,0)",
            (name, name.casefold(), role, hash_password(password)),
        )
    db.close()


def test_hostile_text_stays_inert_on_every_page(web_project):
    statement = "Hostile title\n\n" + "\n\n".join(
        f"Payload number {i} says {p} here." for i, p in enumerate(PAYLOADS)
    )
    (web_project.seeds_dir / "hostile.txt").write_text(statement + "\n", encoding="utf-8")
    update_project(web_project)
    glossary_store.modify(
        web_project,
        lambda g: g.add(
            Concept(
                id="hostile",
                definition=PAYLOADS[1],
                note=PAYLOADS[3],
                subject=PAYLOADS[6],
                terms=(
                    Term("payload", "en"),
                    Term(PAYLOADS[2], "fa"),
                    Term(PAYLOADS[6], "fa", status="admitted"),
                    Term(PAYLOADS[0], "fa", status="forbidden"),
                ),
            )
        ),
    )
    planted = PAYLOADS[1][:40]
    _plant_user(web_project, planted, TRANSLATOR, "planted-password")
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(web_project.root)})
    allowed = _template_tags()
    pages: list[Page] = []
    try:
        po = web_project.catalog_path("fa", "hostile")
        units = [e for e in pofile.read(po).entries if e.msgid.startswith("Payload")]
        # Translations, history entries and check messages from a planted user and leyla.
        for who, password in (("leyla", None), (planted, "planted-password")):
            client = log_in(app, who, password)
            for i, entry in enumerate(units):
                current = pofile.read(po).find(entry.msgid)
                key = unit_key(entry.msgid)
                token = csrf_token(client.get("/translate/fa/hostile/").get_data(as_text=True))
                response = client.post(
                    f"/translate/fa/hostile/unit/{key}",
                    data={
                        "msgstr": f"{PAYLOADS[i % len(PAYLOADS)]} {who}",
                        "status": "translated",
                        "revision": current.revision,
                        "csrf_token": token,
                    },
                )
                assert response.status_code == 302
        admin = log_in(app, "azadeh")
        token = csrf_token(admin.get("/").get_data(as_text=True))
        first = unit_key(units[0].msgid)
        # A dismissal reason, a stale save (the conflict page), refused names (flashes).
        admin.post(
            f"/translate/fa/hostile/unit/{first}/dismiss",
            data={"check": "glossary", "reason": PAYLOADS[4], "csrf_token": token},
        )
        conflict = admin.post(
            f"/translate/fa/hostile/unit/{first}",
            data={"msgstr": PAYLOADS[5], "status": "translated", "revision": "000000000000",
                  "csrf_token": token},
        )  # fmt: skip
        assert conflict.status_code == 409
        pages.append(Page("conflict", "main.save", 409, {}, conflict.get_data(as_text=True)))
        added = admin.post(
            "/admin/users",
            data={"action": "add", "name": ATTRIBUTE_NAME, "role": "translator",
                  "password": "long-enough-1", "csrf_token": token},
        )  # fmt: skip
        assert added.status_code == 302
        for form in (
            {"action": "add", "name": PAYLOADS[0], "role": "translator", "password": "x" * 9},
            {"action": "role", "name": PAYLOADS[2], "role": "admin"},
        ):
            refused = admin.post("/admin/users", data={**form, "csrf_token": token})
            assert refused.status_code == 400
            pages.append(Page("users", "auth.users", 400, {}, refused.get_data(as_text=True)))
        bad_concept = admin.post(
            "/glossary/new",
            data={"id": PAYLOADS[0], "term-0-text": PAYLOADS[1], "term-0-lang": PAYLOADS[2],
                  "definition": PAYLOADS[3], "csrf_token": token},
        )  # fmt: skip
        assert bad_concept.status_code == 400
        pages.append(
            Page("new concept", "glossary.edit", 400, {}, bad_concept.get_data(as_text=True))
        )
        for path in (
            "/translate/fa/hostile/?q=" + PAYLOADS[2],
            "/glossary/?q=" + PAYLOADS[6],
            "/translate/fa/<script>alert(1)<%2Fscript>/",
            "/glossary/concept/" + PAYLOADS[1].replace("/", "%2F"),
            "/translate/fa/hostile/?filter=findings",
        ):
            response = admin.get(path)
            pages.append(Page(path, "?", response.status_code, {}, response.get_data(as_text=True)))
        pages += crawl(app, admin, per_endpoint=4)
        for path in ("/translate/fa/hostile/", "/translate/fa/hostile/preview",
                     f"/translate/fa/hostile/unit/{first}/history", "/glossary/concept/hostile",
                     "/glossary/concept/hostile/edit", "/admin/users", "/"):  # fmt: skip
            response = admin.get(path)
            assert response.status_code == 200, path
            pages.append(Page(path, "?", 200, {}, response.get_data(as_text=True)))
    finally:
        app.extensions["workbench"].close()

    seen = ""
    for page in pages:
        if page.headers and not page.headers["Content-Type"].startswith("text/html"):
            # The download: plain text a browser must not sniff as HTML.
            assert page.headers["Content-Type"].startswith("text/plain")
            assert page.headers["X-Content-Type-Options"] == "nosniff"
            assert page.headers["Content-Disposition"].startswith("attachment;")
            continue
        problems, text = inert(page.html, allowed)
        assert not problems, (page.url, problems)
        seen += text
    for payload in PAYLOADS:
        assert payload in seen, f"the payload {payload!r} never reached a page"
    assert ATTRIBUTE_NAME in seen and planted in seen
    assert "49xss-template" not in seen
    by_url = {p.url: inert(p.html, allowed)[1] for p in pages}
    # Each kind of page shows hostile text (else the check above proves nothing for it).
    for path, shows in (
        ("/translate/fa/hostile/", [PAYLOADS[0], PAYLOADS[2]]),  # source, translation, terms
        ("/translate/fa/hostile/preview", [PAYLOADS[4]]),
        (f"/translate/fa/hostile/unit/{first}/history", [planted, PAYLOADS[0]]),
        ("/glossary/concept/hostile", [PAYLOADS[1], PAYLOADS[3], PAYLOADS[6]]),
        ("/admin/users", [ATTRIBUTE_NAME, planted]),
        ("conflict", [PAYLOADS[5]]),
        ("/", [planted]),
    ):
        for text in shows:
            assert text in by_url[path], (path, text)
    # A check message quotes the glossary's (hostile) rendering, escaped.
    assert (
        "should be rendered as «" + PAYLOADS[2] in by_url["/translate/fa/hostile/?filter=findings"]
    )
