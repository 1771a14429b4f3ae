"""Changing one's own password on the settings page: the current password asked for and
throttled as a login, the rules of ``workbench user add``, every other session ended."""

from __future__ import annotations

import re
from html import unescape

import pytest

from workbench.accounts.throttle import FREE_PER_NAME
from workbench.accounts.users import Throttled, Users, WrongPassword
from workbench.web import create_app

from .app_support import log_in
from .support import PASSWORDS, csrf_token

NEW = "a new password for leyla"
PASSWORD = "/settings/password"


@pytest.fixture
def web(web_project):
    app = create_app({"TESTING": True, "WORKBENCH_ROOT": str(web_project.root)})
    yield app
    app.extensions["workbench"].close()


def change(client, current: str, new: str, again: str | None = None):
    token = csrf_token(client.get("/settings").get_data(as_text=True))
    return client.post(
        PASSWORD,
        data={"csrf_token": token, "current": current, "new": new,
              "again": new if again is None else again},
    )  # fmt: skip


def said(response) -> str:
    """Return the error the settings page shows above the password form."""
    html = response.get_data(as_text=True)
    match = re.search(r'<p class="flash error" role="alert">(.*?)</p>', html, re.S)
    assert match, html[:2000]
    return " ".join(unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())


def can_log_in(app, name: str, password: str) -> bool:
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": token})
    return response.status_code == 302


def test_the_settings_page_offers_the_password_form_with_what_browsers_need(web):
    html = log_in(web, "leyla").get("/settings").get_data(as_text=True)
    form = re.search(r'<form method="post" action="/settings/password".*?</form>', html, re.S)
    assert form
    fields = dict(
        re.findall(r'<input type="password" name="(\w+)" autocomplete="([\w-]+)"', form[0])
    )
    assert fields == {"current": "current-password", "new": "new-password", "again": "new-password"}
    assert 'name="csrf_token"' in form[0]
    assert 'minlength="8"' in form[0]


def test_a_new_password_replaces_the_old_and_ends_every_other_session(web):
    here = log_in(web, "leyla")
    elsewhere = log_in(web, "leyla", addr="10.0.0.7", agent="another browser")
    assert elsewhere.get("/").status_code == 200

    response = change(here, PASSWORDS["leyla"], NEW)
    assert response.status_code == 302
    assert response.headers["Location"] == "/settings"
    page = here.get("/settings").get_data(as_text=True)
    assert "Your password is changed." in page
    # This browser stays logged in, under a new session; the other is logged out.
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302
    assert elsewhere.get("/").headers["Location"].startswith("/login")
    assert can_log_in(web, "leyla", NEW)
    assert not can_log_in(web, "leyla", PASSWORDS["leyla"])
    # Nobody else's sessions or password changed.
    assert can_log_in(web, "dariush", PASSWORDS["dariush"])


def test_the_session_id_changes_with_the_password(web):
    client = log_in(web, "leyla")
    name = web.config["SESSION_COOKIE_NAME"]
    before = client.get_cookie(name).value
    change(client, PASSWORDS["leyla"], NEW)
    after = client.get_cookie(name).value
    assert after != before
    assert web.extensions["workbench"].users.sessions.open(before) is None


@pytest.mark.parametrize(
    ("current", "new", "again", "message", "status"),
    [
        ("not my password", NEW, NEW, "the current password is not right; type it again", 400),
        (PASSWORDS["leyla"], "short", "short",
         "the password is shorter than 8 characters; choose a longer one", 400),
        (PASSWORDS["leyla"], NEW, NEW + "!",
         "the new password and its repetition differ; type it twice alike", 400),
        (PASSWORDS["leyla"], PASSWORDS["leyla"], PASSWORDS["leyla"],
         "the new password is the current one; choose another", 400),
    ],
    ids=["wrong-current", "too-short", "repeated-differently", "unchanged"],
)  # fmt: skip
def test_a_refused_change_says_why_and_changes_nothing(web, current, new, again, message, status):
    client = log_in(web, "leyla")
    response = change(client, current, new, again)
    assert response.status_code == status
    assert said(response) == message
    html = response.get_data(as_text=True)
    # No password typed comes back in the page.
    for typed in {current, new, again}:
        assert f'value="{typed}"' not in html
    assert client.get("/").status_code == 200  # still logged in
    assert can_log_in(web, "leyla", PASSWORDS["leyla"])
    assert not can_log_in(web, "leyla", new) or new == PASSWORDS["leyla"]


def test_a_refusal_is_said_in_persian_in_the_persian_interface(web):
    client = log_in(web, "leyla")
    token = csrf_token(client.get("/").get_data(as_text=True))
    client.post("/interface-language", data={"ui": "fa", "csrf_token": token, "next": "/"})
    response = change(client, "not my password", NEW)
    assert said(response) == "گذرواژهٔ کنونی درست نیست؛ دوباره بنویسیدش"
    assert "گذرواژهٔ کنونی" in response.get_data(as_text=True)


def test_wrong_current_passwords_are_throttled_like_logins(web):
    client = log_in(web, "leyla")
    for _ in range(FREE_PER_NAME):
        assert change(client, "guess", NEW).status_code == 400
    # Past the allowance even the right password must wait: guessing goes no faster
    # from a stolen session than from the login page.
    response = change(client, PASSWORDS["leyla"], NEW)
    assert response.status_code == 429
    assert said(response).startswith("Too many wrong passwords. Try again in ")
    assert not can_log_in(web, "leyla", NEW)
    # The same count holds at the login page, from this address.
    other = web.test_client()
    token = csrf_token(other.get("/login").get_data(as_text=True))
    login = other.post(
        "/login", data={"name": "leyla", "password": PASSWORDS["leyla"], "csrf_token": token}
    )
    assert login.status_code == 429


def test_the_throttle_counts_per_address_so_a_colleague_elsewhere_is_not_locked_out(web):
    client = log_in(web, "leyla")
    for _ in range(FREE_PER_NAME + 1):
        change(client, "guess", NEW)
    colleague = log_in(web, "leyla", addr="10.0.0.9")
    assert change(colleague, PASSWORDS["leyla"], NEW).status_code == 302


def test_a_change_without_the_sessions_csrf_token_is_refused(web):
    client = log_in(web, "leyla")
    client.get("/settings")
    response = client.post(PASSWORD, data={"current": PASSWORDS["leyla"], "new": NEW, "again": NEW})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert can_log_in(web, "leyla", PASSWORDS["leyla"])


def test_single_user_mode_has_no_password_to_change(project):
    app = create_app(
        {"TESTING": True, "WORKBENCH_ROOT": str(project.root), "WORKBENCH_SINGLE_USER": True}
    )
    try:
        client = app.test_client()
        html = client.get("/settings").get_data(as_text=True)
        assert "/settings/password" not in html
        response = client.post(
            PASSWORD,
            data={"csrf_token": csrf_token(html), "current": "x", "new": NEW, "again": NEW},
        )
        assert response.status_code == 403
    finally:
        app.extensions["workbench"].close()


def test_users_change_password_checks_the_current_one_and_ends_all_sessions(tmp_path):
    users = Users(tmp_path / "users.sqlite")
    users.add("leyla", "translator", PASSWORDS["leyla"])
    sid = users.sessions.create("{}", user="leyla", user_created=users.get("leyla").created)
    with pytest.raises(WrongPassword):
        users.change_password("leyla", "wrong", NEW, "k-name", "k-addr")
    assert users.sessions.open(sid) is not None
    changed = users.change_password("leyla", PASSWORDS["leyla"], NEW, "k-name", "k-addr")
    assert changed.name == "leyla" and changed.role == "translator"
    assert users.sessions.open(sid) is None
    assert users.authenticate("leyla", NEW, "k2", "a2") is not None
    for _ in range(FREE_PER_NAME):
        with pytest.raises(WrongPassword):
            users.change_password("leyla", "wrong", "another new one", "k-name", "k-addr")
    with pytest.raises(Throttled):
        users.change_password("leyla", NEW, "another new one", "k-name", "k-addr")
