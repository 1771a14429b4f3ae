"""Attacks on a translator's workbench, each tried as an attacker would, on loopback.

A web page elsewhere that rebinds its name to 127.0.0.1 or posts from
another port; a cookie kept after logout or after its user was removed;
guessing passwords in parallel, or at a colleague's name to lock them out;
timing the login to learn which names exist; a huge body sent without a
login; a catalog cut in half by an editor that writes in place; a full disk.
Each test makes the attack happen and checks that it fails.
"""

from __future__ import annotations

import hashlib
import html
import http.client
import json
import os
import re
import secrets
import socket
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from werkzeug.security import check_password_hash

from workbench.accounts import sessions as sessions_module
from workbench.accounts.sessions import Sessions
from workbench.accounts.throttle import FIRST_DELAY, FREE_PER_NAME, MAX_DELAY, WINDOW, Throttle
from workbench.accounts.users import Users
from workbench.catalogs import pofile
from workbench.catalogs.rows import unit_key
from workbench.catalogs.update import update_project
from workbench.util import database
from workbench.web import create_app

from .app_support import log_in, log_in_client
from .support import (
    FORM,
    PASSWORDS,
    Gunicorn,
    Server,
    Session,
    add_user,
    copy_project,
    csrf_token,
    in_threads,
    without_isolation,
    workbench_command,
)
from .test_faults import fill, small_disk  # noqa: F401 (small_disk is a fixture)

STATEMENT = "khuzestan-vanguard-headlines"
EDITOR = f"/translate/fa/{STATEMENT}/"
HEADLINE = "Abadan refinery workers go on\u00a0strike!"
KEY = unit_key(HEADLINE)
SAVE = f"/translate/fa/{STATEMENT}/unit/{KEY}"
COOKIE = "workbench_session"


def po_path(project) -> Path:
    return project.catalog_path("fa", STATEMENT)


def save_form(client, project, text: str, **headers: str):
    """Post a save of HEADLINE with the page's token, as the editor's form does."""
    page = client.get(EDITOR, headers=headers).get_data(as_text=True)
    revision = pofile.read(po_path(project)).find(HEADLINE).revision
    return client.post(
        SAVE,
        data={
            "msgstr": text,
            "status": "translated",
            "revision": revision,
            "csrf_token": csrf_token(page),
        },
        headers=headers,
    )


def cookie_of(client, app) -> str:
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value


def replay(app, cookie: str, path: str = "/", addr: str = "127.0.0.1"):
    """Send *cookie* from a new client, as someone who copied it would."""
    thief = app.test_client()
    thief.environ_base["REMOTE_ADDR"] = addr
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    return thief.get(path)


# -- sessions end when they should (finding 2) -----------------------------------------


def test_a_cookie_kept_after_logout_opens_nothing(app):
    client = log_in(app, "leyla")
    cookie = cookie_of(client, app)
    assert replay(app, cookie).status_code == 200
    token = csrf_token(client.get("/").get_data(as_text=True))
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    answer = replay(app, cookie)
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")


def test_a_password_change_ends_every_session_of_that_user(app, web_project, run):
    phone, laptop = log_in(app, "leyla"), log_in(app, "leyla")
    other = log_in(app, "dariush")
    result = run(
        web_project, "user", "password", "leyla", "--password-stdin", input="new-pass-123\n"
    )
    assert result.exit_code == 0, result.output
    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 302
    assert other.get("/").status_code == 200  # nobody else is logged out
    log_in(app, "leyla", "new-pass-123")


def test_a_role_change_on_the_users_page_ends_the_sessions_of_that_user(app):
    leyla = log_in(app, "leyla")
    admin = log_in(app, "azadeh")
    token = csrf_token(admin.get("/admin/users").get_data(as_text=True))
    changed = admin.post(
        "/admin/users",
        data={"action": "role", "name": "leyla", "role": "reviewer", "csrf_token": token},
    )
    assert changed.status_code == 302
    assert leyla.get("/").status_code == 302
    assert admin.get("/admin/users").status_code == 200


def test_the_cookie_of_a_removed_user_does_not_open_the_same_name_added_again_as_admin(
    app, web_project, run
):
    cookie = cookie_of(log_in(app, "leyla"), app)
    assert replay(app, cookie, "/admin/users").status_code == 403  # a translator
    assert run(web_project, "user", "remove", "leyla").exit_code == 0
    added = run(
        web_project, "user", "add", "leyla", "--role", "admin", "--password-stdin",
        input="another-person-1\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    answer = replay(app, cookie, "/admin/users")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/login")


def test_an_old_session_row_of_a_re_added_name_is_refused_even_if_it_survived(app, web_project):
    # Belt and braces: were a session row of the removed person left behind
    # (written back by a request that was under way), it names the old user.
    client = log_in(app, "leyla")
    cookie = cookie_of(client, app)
    db = sqlite3.connect(web_project.instance_dir / "users.sqlite")
    with db:
        rows = db.execute("SELECT digest, user, user_created, created, seen, data FROM sessions")
        kept = [row for row in rows if row[1] == "leyla"]
        db.execute("DELETE FROM users WHERE folded='leyla'")
    Users(web_project.instance_dir / "users.sqlite").add("leyla", "admin", "another-person-1")
    with db:
        db.executemany("INSERT OR REPLACE INTO sessions VALUES (?,?,?,?,?,?)", kept)
    db.close()
    assert replay(app, cookie, "/admin/users").status_code == 302


def test_the_cookie_holds_a_random_id_and_the_state_stays_on_the_server(app, web_project):
    client = log_in(app, "leyla")
    cookie = cookie_of(client, app)
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", cookie)
    db = sqlite3.connect(web_project.instance_dir / "users.sqlite")
    digests = [row[0] for row in db.execute("SELECT digest FROM sessions WHERE user='leyla'")]
    db.close()
    # Only a digest of the id is stored: a copy of the database opens no session.
    assert digests == [hashlib.sha256(cookie.encode()).hexdigest()]
    assert replay(app, digests[0]).status_code == 302


def test_a_login_starts_a_new_session_so_a_planted_id_is_worth_nothing(app):
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    planted = cookie_of(client, app)
    client.post(
        "/login", data={"name": "leyla", "password": PASSWORDS["leyla"], "csrf_token": token}
    )
    assert cookie_of(client, app) != planted
    assert client.get("/").status_code == 200
    assert replay(app, planted).status_code == 302


def test_a_session_ends_after_its_idle_time_and_after_its_lifetime(web_project):
    idle = create_app(
        {"TESTING": True, "WORKBENCH_ROOT": str(web_project.root), "WORKBENCH_SESSION_IDLE": 1}
    )
    lasting = create_app(
        {"TESTING": True, "WORKBENCH_ROOT": str(web_project.root), "WORKBENCH_SESSION_LIFETIME": 3}
    )
    try:
        # Times are taken around the requests, never from before them, so that
        # a slow request on a loaded machine cannot age a session early.
        started = time.monotonic()
        busy = log_in(lasting, "dariush")  # a session younger than `started`
        resting = log_in(idle, "leyla")
        assert resting.get("/").status_code == 200
        rested = time.monotonic()
        while time.monotonic() < started + 1.5:
            assert busy.get("/").status_code == 200  # used all the time
            time.sleep(0.2)
        time.sleep(max(0.0, rested + 1.2 - time.monotonic()))
        assert resting.get("/").status_code == 302  # unused for more than a second
        time.sleep(max(0.0, started + 3.3 - time.monotonic()))
        assert busy.get("/").status_code == 302  # older than three seconds, however busy
    finally:
        idle.extensions["workbench"].close()
        lasting.extensions["workbench"].close()


def test_sessions_of_nobody_are_bounded_so_visits_cannot_fill_the_disk(tmp_path, monkeypatch):
    monkeypatch.setattr(sessions_module, "MAX_ANONYMOUS", 20)
    db = database.PerThread(tmp_path / "users.sqlite", sessions_module.SCHEMA)
    store = Sessions(db)
    kept = store.create('{"x": 1}', user="leyla", user_created=1.0)
    for _ in range(50):
        store.create('{"csrf_token": "t"}')
    (anonymous,) = db().execute("SELECT COUNT(*) FROM sessions WHERE user IS NULL").fetchone()
    assert anonymous == 20
    assert store.open(kept) is not None  # a logged-in session is never pushed out


def test_user_sessions_lists_and_user_revoke_ends_a_persons_sessions(app, web_project, run):
    phone, laptop = log_in(app, "leyla"), log_in(app, "leyla")
    other = log_in(app, "dariush")
    listed = run(web_project, "user", "sessions", "leyla", "--json")
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.output)
    assert len(rows) == 2 and {"id", "started", "last_used"} == set(rows[0])
    assert cookie_of(phone, app) not in listed.output
    result = run(web_project, "user", "revoke", "leyla")
    assert result.output == "Ended 2 sessions of leyla\n"
    assert phone.get("/").status_code == 302 and laptop.get("/").status_code == 302
    assert other.get("/").status_code == 200
    assert run(web_project, "user", "sessions", "leyla").output == "leyla has no live session\n"
    missing = run(web_project, "user", "revoke", "nobody")
    assert missing.exit_code == 1
    assert missing.stderr == (
        'Error: no user named "nobody"; see the list with: workbench user list\n'
    )


# -- the throttle cannot become a lockout (findings 3 and 9) -----------------------------


def attempt(app, name: str, password: str, addr: str) -> int:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = addr
    token = csrf_token(client.get("/login").get_data(as_text=True))
    form = {"name": name, "password": password, "csrf_token": token}
    return client.post("/login", data=form).status_code


def test_guesses_at_the_admins_name_from_many_addresses_never_lock_the_admin_out(app):
    for i in range(8):
        for _ in range(FREE_PER_NAME):
            assert attempt(app, "azadeh", "wrong-password", f"198.51.100.{i}") == 401
        assert attempt(app, "azadeh", "wrong-password", f"198.51.100.{i}") == 429
    assert attempt(app, "azadeh", PASSWORDS["azadeh"], "192.0.2.10") == 302


def test_delays_grow_with_each_failure_beyond_the_allowance_and_fade(tmp_path):
    from workbench.accounts.throttle import SCHEMA, Attempt

    throttle = Throttle(database.PerThread(tmp_path / "t.sqlite", SCHEMA))
    now = 1_000_000.0
    for _ in range(FREE_PER_NAME):
        assert isinstance(throttle.begin("pair", f"addr-{now}", now), Attempt)
    waits = []
    for _ in range(6):
        wait = throttle.begin("pair", "addr", now)
        assert isinstance(wait, float)
        waits.append(wait)
        now += wait
        assert isinstance(throttle.begin("pair", "addr", now), Attempt)
    assert waits == [min(FIRST_DELAY * 2**i, MAX_DELAY) for i in range(6)]
    assert isinstance(throttle.begin("pair", "addr", now), float)
    assert throttle.begin("pair", "addr", now + 10) <= MAX_DELAY
    assert isinstance(throttle.begin("pair", "addr", now + WINDOW + 1), Attempt)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A real ``workbench serve``: the three users, and shirin whom a test guesses at."""
    base = tmp_path_factory.mktemp("served")
    root = copy_project(base / "project")
    roles = {"leyla": "translator", "dariush": "reviewer", "azadeh": "admin"}
    for name, role in roles.items():
        add_user(root, name, role, PASSWORDS[name])
    add_user(root, "shirin", "admin", "shirin-pass-01")
    server = Server(root, base / "server.log", threads=16).start()
    yield server
    server.stop()


def test_sixty_parallel_wrong_passwords_check_no_more_than_the_allowance(served):
    clients = [Session(served.port, "shirin") for _ in range(60)]
    try:
        tokens = []
        for client in clients:
            status, page = client.get("/login")
            tokens.append(csrf_token(page.decode()))
        answers: list[int] = []

        def guess(i: int) -> None:
            form = {"name": "shirin", "password": f"guess-{i}", "csrf_token": tokens[i]}
            answers.append(clients[i].post("/login", form)[0])

        assert in_threads(guess, range(60)) == []
    finally:
        for client in clients:
            client.close()
    assert sorted(set(answers)) == [401, 429]
    assert answers.count(401) == FREE_PER_NAME


def test_fifteen_logins_at_once_from_one_address_all_get_in(served):
    # An office behind one address at nine, more logins at once than the
    # address's allowance of failures: passwords being checked are not failures.
    names = ["leyla", "dariush", "azadeh"] * FREE_PER_NAME
    clients = [Session(served.port, name) for name in names]
    try:
        tokens = [csrf_token(client.get("/login")[1].decode()) for client in clients]
        answers: list[int] = []

        def enter(i: int) -> None:
            client = clients[i]
            form = {"name": client.user, "password": PASSWORDS[client.user],
                    "csrf_token": tokens[i]}  # fmt: skip
            answers.append(client.post("/login", form)[0])

        assert in_threads(enter, range(len(clients))) == []
    finally:
        for client in clients:
            client.close()
    assert answers == [302] * len(clients), answers


# -- an unknown name costs what a known one does (finding 4) -----------------------------


def test_an_unknown_name_costs_one_password_check_like_a_known_one(app, monkeypatch):
    calls = []
    real = hashlib.scrypt

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    attempt(app, "leyla", "wrong-password", "192.0.2.1")  # makes the dummy hash, once
    costs = {}
    for name in ("leyla", "no-such-person"):
        calls.clear()
        assert attempt(app, name, "wrong-password", "192.0.2.2") == 401
        costs[name] = len(calls)
    assert costs == {"leyla": 1, "no-such-person": 1}


def _login_ms(port: int, name: str, source: str) -> float:
    """Time one wrong login over HTTP from the loopback address *source*."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        conn.request("GET", "/login")
        response = conn.getresponse()
        page = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
        body = urlencode(
            {"name": name, "password": "wrong-password", "csrf_token": csrf_token(page)}
        )
        start = time.perf_counter()
        conn.request("POST", "/login", body, {**FORM, "Cookie": cookie})
        response = conn.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status == 401
        return elapsed
    finally:
        conn.close()


def test_over_http_a_known_and_an_unknown_name_take_the_same_time(served):
    # Interleaved, each from an address of its own (no throttle), medians
    # compared: an unknown name used to take twice as long (two hashes).
    known, unknown = [], []
    for i in range(12):
        known.append(_login_ms(served.port, "leyla", f"127.0.3.{i + 1}"))
        unknown.append(_login_ms(served.port, f"nobody-{i}", f"127.0.4.{i + 1}"))
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.67 < ratio < 1.5, (ratio, known, unknown)


# -- password hashes (werkzeug.security, the earlier format upgraded) ----------------------


def _earlier_hash(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def _stored(project, name: str) -> str:
    db = sqlite3.connect(project.instance_dir / "users.sqlite")
    try:
        return db.execute("SELECT password FROM users WHERE folded=?", (name,)).fetchone()[0]
    finally:
        db.close()


def test_new_passwords_are_hashed_by_werkzeug_with_scrypt(web_project):
    stored = _stored(web_project, "leyla")
    assert stored.startswith("scrypt:")
    assert check_password_hash(stored, PASSWORDS["leyla"])


def test_an_earlier_hash_still_verifies_and_is_upgraded_at_the_next_login(app, web_project):
    earlier = _earlier_hash("an-earlier-pass")
    db = sqlite3.connect(web_project.instance_dir / "users.sqlite")
    with db:
        db.execute("UPDATE users SET password=? WHERE folded='leyla'", (earlier,))
    db.close()
    assert attempt(app, "leyla", "not-the-pass", "192.0.2.3") == 401
    assert _stored(web_project, "leyla") == earlier  # a wrong password changes nothing
    assert attempt(app, "leyla", "an-earlier-pass", "192.0.2.3") == 302
    upgraded = _stored(web_project, "leyla")
    assert upgraded.startswith("scrypt:") and check_password_hash(upgraded, "an-earlier-pass")
    assert attempt(app, "leyla", "an-earlier-pass", "192.0.2.3") == 302


# -- login-free mode is decided per request (finding 10) ------------------------------------


def test_a_server_started_without_users_asks_for_a_login_once_one_is_added(tmp_path):
    root = copy_project(tmp_path / "project")
    with Server(root, tmp_path / "server.log") as server:
        conn = Session(server.port, "nobody")
        try:
            assert conn.get(EDITOR)[0] == 200  # single-user mode
            add_user(root, "azadeh", "admin", PASSWORDS["azadeh"])
            status, _page = conn.get(EDITOR)
            assert status == 302
            assert conn.get("/login")[0] == 200
        finally:
            conn.close()


@pytest.fixture
def lone_project(seeded_project):
    """The repository's project with catalogs and no user."""
    update_project(seeded_project)
    return seeded_project


def test_single_user_mode_asks_requests_from_elsewhere_to_log_in(lone_project):
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(lone_project.root),
                      "WORKBENCH_SINGLE_USER": True})  # fmt: skip
    try:
        here = app.test_client()
        assert here.get(EDITOR).status_code == 200
        away = app.test_client()
        away.environ_base["REMOTE_ADDR"] = "192.0.2.44"
        assert away.get(EDITOR).status_code == 302
        # Through a proxy on this machine, which says whom it forwards.
        forwarded = here.get(EDITOR, headers={"X-Forwarded-For": "192.0.2.44"})
        assert forwarded.status_code == 302
    finally:
        app.extensions["workbench"].close()


def test_gunicorn_on_all_addresses_with_single_user_set_serves_no_page_without_login(tmp_path):
    root = copy_project(tmp_path / "project")

    class Everywhere(Gunicorn):
        def argv(self) -> list[str]:
            argv = super().argv()
            at = argv.index("--bind")
            argv[at + 1] = f"0.0.0.0:{self.port}"
            return argv

        def env(self) -> dict[str, str]:
            return {**super().env(), "WORKBENCH_SINGLE_USER": "True"}

    with Everywhere(root, tmp_path / "gunicorn.log", workers=1) as server:
        conn = Session(server.port, "nobody")
        try:
            status, _page = conn.get(EDITOR)
            assert status == 302  # gunicorn tells the app it is bound to 0.0.0.0
            status, page = conn.get("/login")
            assert status == 200 and b"No one can log in yet" in page
        finally:
            conn.close()


# -- DNS rebinding and posts from other sites (finding 1) ---------------------------------


@pytest.mark.parametrize("single", [True, False], ids=["single-user", "team"])
def test_a_page_asked_for_by_another_name_is_refused(lone_project, single):
    if not single:
        Users(lone_project.instance_dir / "users.sqlite").add("leyla", "translator", "p" * 10)
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(lone_project.root),
                      "WORKBENCH_SINGLE_USER": single})  # fmt: skip
    try:
        client = app.test_client()
        answer = client.get(EDITOR, headers={"Host": "attacker.example:5000"})
        assert answer.status_code == 400
        page = html.unescape(answer.get_data(as_text=True))
        assert (
            "This workbench does not answer to the name attacker.example:5000. Open it by its "
            "own address; whoever runs it can add a name with --allowed-host or "
            "WORKBENCH_ALLOWED_HOSTS."
        ) in page
        assert HEADLINE not in page
        for host in ("127.0.0.1:5000", "localhost:5000", "[::1]:5000", "localhost", "127.0.0.1"):
            assert client.get("/login", headers={"Host": host}).status_code in (200, 302), host
    finally:
        app.extensions["workbench"].close()


def test_a_save_with_a_stolen_token_under_a_rebound_name_writes_nothing(lone_project):
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(lone_project.root),
                      "WORKBENCH_SINGLE_USER": True})  # fmt: skip
    try:
        client = app.test_client()
        before = po_path(lone_project).read_bytes()
        page = client.get(EDITOR).get_data(as_text=True)
        revision = pofile.read(po_path(lone_project)).find(HEADLINE).revision
        answer = client.post(
            SAVE,
            data={"msgstr": "hacked", "status": "translated", "revision": revision,
                  "csrf_token": csrf_token(page)},
            headers={"Host": "attacker.example:5000"},
        )  # fmt: skip
        assert answer.status_code == 400
        assert po_path(lone_project).read_bytes() == before
    finally:
        app.extensions["workbench"].close()


def test_a_team_server_answers_its_configured_names_and_no_others(web_project):
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(web_project.root),
                      "WORKBENCH_ALLOWED_HOSTS": "wb.example.org, 192.0.2.8"})  # fmt: skip
    try:
        client = app.test_client()
        assert client.get("/login", headers={"Host": "wb.example.org"}).status_code == 200
        assert client.get("/login", headers={"Host": "WB.example.org:443"}).status_code == 200
        assert client.get("/login", headers={"Host": "192.0.2.8:8000"}).status_code == 200
        assert client.get("/login", headers={"Host": "wb.example.org.evil"}).status_code == 400
        assert client.get("/login", headers={"Host": "other.example.org"}).status_code == 400
    finally:
        app.extensions["workbench"].close()


def test_single_user_mode_answers_loopback_names_only_whatever_is_configured(lone_project):
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(lone_project.root),
                      "WORKBENCH_SINGLE_USER": True,
                      "WORKBENCH_ALLOWED_HOSTS": "wb.example.org"})  # fmt: skip
    try:
        client = app.test_client()
        assert client.get(EDITOR, headers={"Host": "wb.example.org"}).status_code == 400
        assert client.get(EDITOR, headers={"Host": "localhost:5000"}).status_code == 200
    finally:
        app.extensions["workbench"].close()


def test_a_bad_allowed_hosts_setting_is_refused_with_what_to_give(web_project):
    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError) as err:
        create_app({"WORKBENCH_ROOT": str(web_project.root),
                    "WORKBENCH_ALLOWED_HOSTS": "wb.example.org, http://x/"})  # fmt: skip
    assert str(err.value) == (
        "WORKBENCH_ALLOWED_HOSTS names 'http://x/', which is not a host name or address; "
        "give names such as workbench.example.org or 192.0.2.7, separated by commas"
    )


CROSS_SITE = [
    ("another site's origin", {"Origin": "http://attacker.example"}),
    ("another port", {"Origin": "http://localhost:8080"}),
    ("a null origin", {"Origin": "null"}),
    ("another site's referer", {"Referer": "http://attacker.example/page"}),
    ("fetch metadata: cross-site", {"Sec-Fetch-Site": "cross-site"}),
    ("fetch metadata: same-site", {"Sec-Fetch-Site": "same-site"}),
]


@pytest.mark.parametrize(
    "headers", [pytest.param(h, id=i) for i, h in CROSS_SITE]
)  # fmt: skip
def test_a_save_posted_from_another_site_is_refused_with_its_valid_token(
    login, web_project, headers
):
    client = login("leyla")
    before = po_path(web_project).read_bytes()
    answer = save_form(client, web_project, "نوشتهٔ دیگری", **headers)
    assert answer.status_code == 403
    assert (
        "This form was sent from another site, so it was refused and nothing was changed. "
        "Open the workbench itself and send it from there."
    ) in html.unescape(answer.get_data(as_text=True))
    assert po_path(web_project).read_bytes() == before


SAME_SITE = [
    ("own origin", {"Origin": "http://localhost"}),
    ("own referer", {"Referer": "http://localhost/translate/fa/x/"}),
    (
        "fetch metadata: same-origin",
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
    ),
    ("nothing said (a script)", {}),
]


@pytest.mark.parametrize("headers", [pytest.param(h, id=i) for i, h in SAME_SITE])
def test_a_save_from_the_workbenchs_own_pages_is_accepted(login, web_project, headers):
    client = login("leyla")
    answer = save_form(client, web_project, "کارگران پالایشگاه آبادان اعتصاب کردند!", **headers)
    assert answer.status_code == 302


def test_another_site_may_link_to_a_page_but_not_load_it_into_its_own(login):
    client = login("leyla")
    link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
    assert client.get(EDITOR, headers=link).status_code == 200
    embedded = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}
    assert client.get(EDITOR, headers=embedded).status_code == 403


# -- cookies behind an HTTPS proxy (finding 12) ------------------------------------------


def test_behind_an_https_proxy_the_session_cookie_is_secure(web_project):
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(web_project.root),
                      "WORKBENCH_PROXIES": 1})  # fmt: skip
    try:
        for proto, secure in (("https", True), ("http", False)):
            client = app.test_client()
            headers = {"X-Forwarded-For": "198.51.100.3", "X-Forwarded-Proto": proto}
            page = client.get("/login", headers=headers).get_data(as_text=True)
            answer = client.post(
                "/login",
                data={"name": "leyla", "password": PASSWORDS["leyla"],
                      "csrf_token": csrf_token(page)},
                headers={**headers, "Referer": f"{proto}://localhost/login"},
            )  # fmt: skip
            assert answer.status_code == 302
            [cookie] = answer.headers.getlist("Set-Cookie")
            assert ("; Secure" in cookie) is secure, cookie
    finally:
        app.extensions["workbench"].close()


# -- big bodies are refused before they are read (finding 6) --------------------------------


def _open_files(pid: int) -> list[tuple[str, int]]:
    """Return (target, size) of every unnamed regular file process *pid* holds open.

    A server spools a body to a temporary file that has no name (deleted at
    once, or made with O_TMPFILE); its own databases and logs have names.
    """
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
            info = os.stat(fd)
        except OSError:
            continue
        if target.endswith(" (deleted)") and os.path.isfile(fd):
            found.append((target, info.st_size))
    return found


def _send_huge_body(port: int, pids, sent_mib: int = 6) -> tuple[int | None, list]:
    """Announce a 512 MiB body, send *sent_mib* MiB of it; return the status and big open files."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    status = None
    big: list = []
    try:
        sock.sendall(
            b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 536870912\r\n\r\n"
        )
        chunk = b"a" * (1 << 20)
        try:
            for _ in range(sent_mib):
                sock.sendall(chunk)
        except OSError:
            pass  # the server stopped reading: what it should do
        time.sleep(0.5)
        for pid in pids():
            big += [(t, s) for t, s in _open_files(pid) if s > (1 << 20)]
        try:
            head = sock.recv(200)
            match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
            status = int(match.group(1)) if match else None
        except OSError:
            status = None
    finally:
        sock.close()
    return status, big


def test_waitress_refuses_a_huge_body_without_spooling_it_to_disk(served):
    status, big = _send_huge_body(served.port, served.pids)
    assert big == []
    assert status == 413


def test_gunicorn_refuses_a_huge_body_without_reading_it(tmp_path):
    root = copy_project(tmp_path / "project")
    add_user(root, "leyla", "translator", PASSWORDS["leyla"])
    with Gunicorn(root, tmp_path / "gunicorn.log", workers=1) as server:
        status, big = _send_huge_body(server.port, server.pids)
    assert big == []
    assert status == 413


def test_serve_on_another_address_behind_a_proxy_must_name_the_proxy(tmp_path):
    root = copy_project(tmp_path / "project")
    add_user(root, "leyla", "translator", PASSWORDS["leyla"])
    away = subprocess.run(
        workbench_command("serve", "--host", "0.0.0.0", "--proxies", "1", "--project", str(root)),
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert away.returncode == 1
    assert away.stderr == (
        "Error: serving on 0.0.0.0 behind a proxy: say which address the proxy connects from "
        "with --trusted-proxy ADDRESS, or the X-Forwarded-For of anyone on the network would "
        "be believed\n"
    )


# -- hand edits never lose data (finding 7) ----------------------------------------------


def _entry_boundary(data: bytes, near: int) -> int:
    """Return the end of the last whole entry before *near* (the offset after its blank line)."""
    return data.rindex(b"\n\n", 0, near) + 2


class InPlaceWriter:
    """Rewrite a file in place as nano does: truncate it, then write it in 4 KiB pieces."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.data = data
        self.fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
        self.at = 0

    def write_until(self, end: int) -> None:
        while self.at < end:
            piece = self.data[self.at : min(self.at + 4096, end)]
            self.at += os.write(self.fd, piece)

    def finish(self) -> None:
        self.write_until(len(self.data))
        os.close(self.fd)


def test_a_save_arriving_while_an_editor_rewrites_the_catalog_in_place_is_refused(
    login, web_project
):
    client = login("leyla")
    path = po_path(web_project)
    units = len(pofile.read(path).entries)
    page = client.get(EDITOR).get_data(as_text=True)  # the whole catalog, read
    revision = pofile.read(path).find(HEADLINE).revision
    edited = path.read_bytes().replace(b"Project-Id-Version: ", b"Project-Id-Version: nano ")
    writer = InPlaceWriter(path, edited)
    writer.write_until(_entry_boundary(edited, len(edited) // 2))  # half, cut between entries
    form = {"msgstr": "اعتصاب پالایشگاه", "status": "translated", "revision": revision,
            "csrf_token": csrf_token(page)}  # fmt: skip
    for accept in ("application/json", "text/html"):
        answer = client.post(SAVE, data=form, headers={"Accept": accept})
        body = html.unescape(answer.get_data(as_text=True))
        said = without_isolation(body)
        assert answer.status_code == 409
        assert (
            f"locales/fa/LC_MESSAGES/{STATEMENT}.po: lacks "
        ) in said and "nothing was saved" in said
        if accept == "text/html":  # (the script keeps the text in its box)
            assert ">اعتصاب پالایشگاه</textarea>" in body  # the typed text comes back
    assert os.path.getsize(path) == writer.at  # nothing written over the editor's half
    writer.finish()
    assert len(pofile.read(path).entries) == units
    again = client.post(SAVE, data=form)
    assert again.status_code == 302
    catalog = pofile.read(path)
    assert len(catalog.entries) == units
    assert catalog.find(HEADLINE).msgstr == "اعتصاب پالایشگاه"
    assert catalog.header["Project-Id-Version"].startswith("nano ")


def test_an_editor_still_writing_when_update_replaces_the_file_finishes_into_a_kept_version(
    web_project, run
):
    path = po_path(web_project)
    edited = path.read_bytes().replace(b"Project-Id-Version: ", b"Project-Id-Version: nano ")
    writer = InPlaceWriter(path, edited)
    writer.write_until(_entry_boundary(edited, len(edited) // 2))
    seed = web_project.seeds_dir / f"{STATEMENT}.txt"
    seed.write_text("A new first heading\n\n" + seed.read_text(encoding="utf-8"))
    assert run(web_project, "update").exit_code == 0  # reads the half, replaces the file
    writer.finish()  # the editor's remaining pieces go to the file it opened
    listed = run(web_project, "restore", f"locales/fa/LC_MESSAGES/{STATEMENT}.po", "--json")
    versions = json.loads(listed.output)
    newest = versions[0]
    assert newest["version"] == 1 and newest["bytes"] == len(edited)
    done = run(web_project, "restore", f"locales/fa/LC_MESSAGES/{STATEMENT}.po", "1")
    assert done.exit_code == 0 and done.output.startswith(
        f"Restored locales/fa/LC_MESSAGES/{STATEMENT}.po as it was before "
    )
    assert path.read_bytes() == edited  # the hand edit, whole
    # The version restore replaced is kept in turn: restoring is undone the same way.
    assert json.loads(run(web_project, "restore", str(path), "--json").output)[0]["units"]


def test_every_overwrite_keeps_the_previous_version_and_restore_lists_them(login, web_project, run):
    client = login("leyla")
    path = po_path(web_project)
    first = path.read_bytes()
    for text in ("نخست", "دوم", "سوم"):
        assert save_form(client, web_project, text).status_code == 302
    relative = f"locales/fa/LC_MESSAGES/{STATEMENT}.po"
    listed = run(web_project, "restore", relative)
    lines = listed.output.splitlines()
    assert listed.exit_code == 0 and len(lines) == 4
    assert re.fullmatch(
        r"1\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t\d+ bytes\t\d+ units, \d+ translated, \d+ fuzzy",
        lines[0],
    )
    assert lines[-1] == f"Put one back with: workbench restore {relative} VERSION"
    assert run(web_project, "restore", relative, "3").exit_code == 0
    assert path.read_bytes() == first
    missing = run(web_project, "restore", relative, "99")
    assert missing.exit_code == 1
    assert missing.stderr == (
        f"Error: {relative}: has no kept version 99; list them with: workbench restore {relative}\n"
    )
    stranger = run(web_project, "restore", "seeds/x.txt")
    assert stranger.stderr == (
        "Error: seeds/x.txt: is not a catalog of this project; give its path, such as "
        "locales/LANG/LC_MESSAGES/STATEMENT.po\n"
    )


# Every third hour of the day: which versions survive depends on the hour.
@pytest.mark.parametrize("shift", range(0, 86400, 3 * 3600))
def test_kept_versions_are_bounded_per_catalog(web_project, monkeypatch, shift):
    from workbench.catalogs import backups

    monkeypatch.setattr(backups, "KEEP_NEWEST", 5)
    path = po_path(web_project)
    start = time.time() - 10 * 86400 + shift
    for i in range(30):  # one every eight hours over ten days
        backups.keep(web_project, path, now=start + i * 8 * 3600)
    last = start + 29 * 8 * 3600
    kept = backups.versions(web_project, path)
    # The newest five, then one an hour for 48 hours, then one a day: the
    # hour and day buckets are separate, so which versions survive depends
    # on the time of day the test runs, but the rules do not.
    assert 5 < len(kept) < 30
    older = [v for v in kept[5:] if last - v.at >= backups.HOURS * 3600]
    recent = [v for v in kept[5:] if last - v.at < backups.HOURS * 3600]
    assert len({int(v.at // 3600) for v in recent}) == len(recent)
    assert len({int(v.at // 86400) for v in older}) == len(older)
    # Every day older than the hourly window that had a version keeps one.
    made = [start + i * 8 * 3600 for i in range(30)]
    days = {int(at // 86400) for at in made if last - at >= backups.HOURS * 3600}
    assert {int(v.at // 86400) for v in older} == days


# -- the typed text comes back on every error (finding 8) -----------------------------------

CONFLICT_MARKERS = "<<<<<<< HEAD\n"


def test_a_save_into_a_catalog_with_conflict_markers_gives_the_text_back_without_javascript(
    login, web_project
):
    client = login("leyla")
    page = client.get(EDITOR).get_data(as_text=True)
    revision = pofile.read(po_path(web_project)).find(HEADLINE).revision
    path = po_path(web_project)
    path.write_text(CONFLICT_MARKERS + path.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_bytes()
    text = "کارگران پالایشگاه آبادان دست به اعتصاب زدند"
    form = {"msgstr": text, "status": "translated", "revision": revision}
    answer = client.post(SAVE, data={**form, "csrf_token": csrf_token(page)})
    body = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 400
    assert f"locales/fa/LC_MESSAGES/{STATEMENT}.po line 1:" in without_isolation(body)
    assert f">{text}</textarea>" in body
    assert 'name="csrf_token"' in body and "Save again" in body
    assert path.read_bytes() == before


def test_a_save_after_the_login_ended_gives_the_text_back(app, web_project):
    client = log_in(app, "leyla")
    page = client.get(EDITOR).get_data(as_text=True)
    revision = pofile.read(po_path(web_project)).find(HEADLINE).revision
    Users(web_project.instance_dir / "users.sqlite").sessions.end_user("leyla")
    text = "متنی که نباید گم شود"
    form = {"msgstr": text, "status": "translated", "revision": revision}
    answer = client.post(SAVE, data={**form, "csrf_token": csrf_token(page)})
    body = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 400  # the CSRF secret ended with the session
    assert f">{text}</textarea>" in body and "Log in again" in body


def test_a_save_of_a_unit_gone_from_the_statement_gives_the_text_back(login, web_project):
    client = login("leyla")
    page = client.get(EDITOR).get_data(as_text=True)
    text = "ترجمه‌ای برای واحدی که دیگر نیست"
    answer = client.post(
        f"/translate/fa/{STATEMENT}/unit/0000000000000000",
        data={"msgstr": text, "status": "translated", "revision": "x",
              "csrf_token": csrf_token(page)},
    )  # fmt: skip
    body = html.unescape(answer.get_data(as_text=True))
    assert answer.status_code == 404
    assert "This unit is no longer in the statement; reload the editor." in body
    assert f">{text}</textarea>" in body


# -- a full disk: the catalog written, the history lags (finding 8) ---------------------------


def test_a_disk_too_full_for_the_history_still_saves_and_says_so_in_the_log(request, caplog):
    from workbench.project import Project

    disk: Path = request.getfixturevalue("small_disk")

    project = Project.load(copy_project(disk / "project"))
    Users(project.instance_dir / "users.sqlite").add("leyla", "translator", PASSWORDS["leyla"])
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(project.root)})
    try:
        client = log_in_client(app.test_client(), "leyla")
        assert save_form(client, project, "نخستین ذخیره").status_code == 302
        history = app.extensions["workbench"].history
        assert history.count() == 1
        text = "کارگران پالایشگاه آبادان اعتصاب کردند"
        pages = -(-(os.path.getsize(po_path(project)) + len(text.encode())) // 4096)
        caplog.set_level("WARNING")
        # Free room for the new catalog and hardly more, a page at a time
        # until the catalog fits: the history's file cannot grow then.
        for extra in range(8):
            filler = fill(disk)
            os.truncate(filler, os.path.getsize(filler) - (pages + extra) * 4096)
            answer = save_form(client, project, text, Accept="application/json")
            if answer.status_code != 503:
                break
            filler.unlink()
        assert answer.status_code == 200, answer.get_data(as_text=True)
        assert answer.get_json()["ok"] is True
        assert pofile.read(po_path(project)).find(HEADLINE).msgstr == text
        assert history.count() == 1
        assert "the history of 1 saves is not recorded yet" in caplog.text
        filler.unlink()  # space freed: the history catches up at the next save
        assert save_form(client, project, text + "!").status_code == 302
        assert history.count() == 3
    finally:
        app.extensions["workbench"].close()


# -- in the real browser: a rebinding page, and a page on another port -------------------------


@pytest.fixture(scope="module")
def chromium_args():
    """Chromium's flags for these tests (those of tests/test_browser.py), or a skip."""
    from .test_browser import CHROMIUM, CHROMIUM_ARGS, _unavailable

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed: pip install playwright")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: apt-get install chromium")
    return sync_playwright, str(CHROMIUM), CHROMIUM_ARGS


REBIND = """async ([editor, save]) => {
  const page = await fetch(editor);
  const html = await page.text();
  const token = (html.match(/name="csrf_token" value="([^"]+)"/) || [])[1] || "";
  const body = new URLSearchParams({msgstr: "rebound", status: "translated", revision: "",
                                    csrf_token: token});
  const saved = await fetch(save, {method: "POST", body: body});
  return [page.status, saved.status];
}"""


@pytest.mark.browser
def test_in_chromium_a_name_rebound_to_loopback_reaches_nothing(chromium_args, tmp_path):
    sync_playwright, chromium, args = chromium_args
    root = copy_project(tmp_path / "project")  # no user: single-user mode
    before = po_path_of(root).read_bytes()
    with Server(root, tmp_path / "server.log") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[*args, "--host-resolver-rules=MAP attacker.example 127.0.0.1"],
        )
        try:
            page = browser.new_page()
            shown = page.goto(f"http://attacker.example:{server.port}{EDITOR}")
            assert shown.status == 400
            assert "does not answer to the name attacker.example" in page.content()
            assert HEADLINE not in page.content()
            # The page the attacker controls tries to read a token and save with it.
            statuses = page.evaluate(REBIND, [EDITOR, SAVE])
            assert statuses == [400, 400]
            # The workbench itself, by its own address, still works.
            assert page.goto(f"http://127.0.0.1:{server.port}{EDITOR}").status == 200
        finally:
            browser.close()
    assert po_path_of(root).read_bytes() == before


@pytest.mark.browser
def test_in_chromium_a_page_on_another_port_cannot_post_even_with_a_stolen_token(
    chromium_args, tmp_path
):
    sync_playwright, chromium, args = chromium_args
    root = copy_project(tmp_path / "project")
    add_user(root, "leyla", "translator", PASSWORDS["leyla"])
    before = po_path_of(root).read_bytes()
    with Server(root, tmp_path / "server.log") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        try:
            context = browser.new_context()
            page = context.new_page()
            page.goto(f"{server.origin}/login")
            page.fill("input[name=name]", "leyla")
            page.fill("input[name=password]", PASSWORDS["leyla"])
            with page.expect_navigation():
                page.click("form.narrow button[type=submit]")
            page.goto(f"{server.origin}{EDITOR}")
            token = page.get_attribute("input[name=csrf_token]", "value")
            revision = page.get_attribute(f"#u-{KEY} input[name=revision]", "value")
            # Another program's page on this machine, another port: same site.
            evil = f"http://127.0.0.1:{server.port + 1 if server.port < 65535 else 1024}/"
            form = (
                f'<form method="post" action="{server.origin}{SAVE}">'
                f'<input name="csrf_token" value="{token}">'
                f'<input name="revision" value="{revision}">'
                '<input name="status" value="translated">'
                '<input name="msgstr" value="from another port"></form>'
                "<script>document.forms[0].submit()</script>"
            )
            context.route(evil, lambda route: route.fulfill(content_type="text/html", body=form))
            with page.expect_response(f"{server.origin}{SAVE}") as answer:
                page.goto(evil)
            assert answer.value.status == 403
        finally:
            browser.close()
    assert po_path_of(root).read_bytes() == before


def po_path_of(root: Path) -> Path:
    return root / "locales" / "fa" / "LC_MESSAGES" / f"{STATEMENT}.po"
