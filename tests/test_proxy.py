"""The workbench behind a real reverse proxy: Debian's nginx in front of waitress and gunicorn.

nginx runs as the current user on loopback, with its configuration, pid
file, logs and temporary folders under the test's own folder. Clients
connect to it from different loopback addresses (127.0.0.2, 127.0.0.3), so
that the proxy forwards different client addresses, as it would for people
on a network. Where nginx is missing the tests are skipped, unless
WORKBENCH_REQUIRE_NGINX=1 (CI) makes them fail.
"""

from __future__ import annotations

import http.client
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from workbench.accounts.throttle import FREE_PER_NAME

from .support import (
    FORM,
    PASSWORDS,
    Gunicorn,
    Server,
    Session,
    add_user,
    copy_project,
    csrf_token,
    free_port,
)

NGINX = Path("/usr/sbin/nginx")
NAME = "wb.example.test"
EDITOR = "/translate/fa/khuzestan-vanguard-headlines/"


def _unavailable(reason: str) -> None:
    if os.environ.get("WORKBENCH_REQUIRE_NGINX") == "1":
        pytest.fail(f"{reason} (WORKBENCH_REQUIRE_NGINX=1)", pytrace=False)
    pytest.skip(reason)


class Nginx:
    """nginx on a free loopback port, proxying to *upstream*, with TLS if *tls*."""

    def __init__(self, folder: Path, upstream: int, tls: bool = False) -> None:
        self.folder = folder
        self.upstream = upstream
        self.tls = tls
        self.port = 0
        self.process: subprocess.Popen | None = None

    def config(self) -> str:
        f = self.folder
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
        listen = f"listen 127.0.0.1:{self.port}"
        tls = ""
        if self.tls:
            listen += " ssl"
            tls = f"ssl_certificate {f}/cert.pem; ssl_certificate_key {f}/key.pem;"
        return f"""
{user}
worker_processes 1;
pid {f}/nginx.pid;
error_log {f}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {f}/body;
    proxy_temp_path {f}/proxy;
    fastcgi_temp_path {f}/fastcgi;
    uwsgi_temp_path {f}/uwsgi;
    scgi_temp_path {f}/scgi;
    client_max_body_size 1m;
    server {{
        {listen};
        server_name {NAME};
        {tls}
        location / {{
            proxy_pass http://127.0.0.1:{self.upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""

    def start(self) -> Nginx:
        if not NGINX.exists():
            _unavailable(f"{NGINX} is missing: apt-get install nginx")
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.tls:
            self._certificate()
        for _attempt in range(3):
            self.port = free_port()
            conf = self.folder / "nginx.conf"
            conf.write_text(self.config(), encoding="utf-8")
            self.process = subprocess.Popen(
                [str(NGINX), "-p", str(self.folder), "-c", str(conf), "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            if self._answers():
                return self
            self.stop()
        log = (self.folder / "error.log").read_text(errors="replace")
        raise RuntimeError(f"nginx did not start:\n{log}")

    def _certificate(self) -> None:
        openssl = shutil.which("openssl")
        if openssl is None:
            _unavailable("openssl is missing: apt-get install openssl")
        subprocess.run(
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", f"/CN={NAME}", "-keyout", str(self.folder / "key.pem"),
             "-out", str(self.folder / "cert.pem")],
            check=True, capture_output=True,
        )  # fmt: skip

    def _answers(self, timeout: float = 15.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with socket_to(self.port):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()  # SIGTERM: nginx's fast shutdown
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def __enter__(self) -> Nginx:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def socket_to(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=2)


class Client(Session):
    """A person's session through the proxy, from loopback address *source*, by the name NAME."""

    def __init__(self, port: int, user: str, source: str, tls: bool = False) -> None:
        self.source = source
        self.tls = tls
        super().__init__(port, user)
        scheme = "https" if tls else "http"
        self.origin = f"{scheme}://{NAME}:{port}"
        self.headers = {"Host": f"{NAME}:{port}", "Referer": f"{self.origin}/login"}
        self.conn = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        where = ("127.0.0.1", self.port)
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # a certificate made for the test
            return http.client.HTTPSConnection(
                *where, timeout=self.timeout, source_address=(self.source, 0), context=context
            )
        return http.client.HTTPConnection(
            *where, timeout=self.timeout, source_address=(self.source, 0)
        )

    def _reconnect(self) -> None:
        self.conn.close()
        self.conn = self._connect()
        self.reconnects += 1

    def try_login(self, password: str, headers: dict | None = None) -> int:
        status, page = self.get("/login")
        form = {"name": self.user, "password": password, "csrf_token": csrf_token(page.decode())}
        return self.post("/login", form, headers)[0]

    def set_cookie_header(self, password: str) -> str:
        """Log in; return the Set-Cookie header the workbench sent."""
        status, page = self.get("/login")
        form = {"name": self.user, "password": password, "csrf_token": csrf_token(page.decode())}
        headers = {"Cookie": self.cookie, **self.headers, **FORM}
        self.conn.request("POST", "/login", urlencode(form), headers)
        response = self.conn.getresponse()
        response.read()
        assert response.status == 302, response.status
        return response.getheader("Set-Cookie", "")


class ProxiedServer(Server):
    """``workbench serve --proxies 1 --allowed-host NAME``, behind the proxy."""

    def argv(self) -> list[str]:
        argv = super().argv()
        return [*argv, "--proxies", "1", "--allowed-host", NAME]


class ProxiedGunicorn(Gunicorn):
    """gunicorn with WORKBENCH_PROXIES=1 and WORKBENCH_ALLOWED_HOSTS=NAME, behind the proxy."""

    def env(self) -> dict[str, str]:
        return {**super().env(), "WORKBENCH_PROXIES": "1", "WORKBENCH_ALLOWED_HOSTS": NAME}


def proxied_project(base: Path) -> Path:
    root = copy_project(base / "project")
    for name, role in (("leyla", "translator"), ("azadeh", "admin")):
        add_user(root, name, role, PASSWORDS[name])
    return root


@pytest.fixture(scope="module", params=["waitress", "gunicorn"])
def stack(request, tmp_path_factory):
    """A server behind nginx, each with a project of its own: yields nginx's port."""
    base = tmp_path_factory.mktemp(request.param)
    root = proxied_project(base)
    kind = ProxiedServer if request.param == "waitress" else ProxiedGunicorn
    server = kind(root, base / "server.log")
    if request.param == "gunicorn":
        server.workers = 2
    with server, Nginx(base / "nginx", server.port) as nginx:
        yield nginx.port


def test_behind_nginx_a_guesser_does_not_lock_out_a_colleague(stack):
    guesser = Client(stack, "leyla", "127.0.0.2")
    colleague = Client(stack, "leyla", "127.0.0.3")
    try:
        for _ in range(FREE_PER_NAME):
            assert guesser.try_login("wrong-password") == 401
        assert guesser.try_login(PASSWORDS["leyla"]) == 429
        # Naming another address itself does not help: nginx adds the real one.
        forged = {"X-Forwarded-For": "203.0.113.9"}
        assert guesser.try_login(PASSWORDS["leyla"], forged) == 429
        assert colleague.try_login(PASSWORDS["leyla"]) == 302
        assert colleague.get(EDITOR)[0] == 200
    finally:
        guesser.close()
        colleague.close()


def test_behind_nginx_another_name_is_refused(stack):
    client = Client(stack, "leyla", "127.0.0.4")
    try:
        status, page = client.request(
            "GET", "/login", headers={"Host": f"attacker.example:{stack}"}
        )
        assert status == 400
        assert b"does not answer to the name" in page
    finally:
        client.close()


def test_behind_nginx_over_plain_http_the_cookie_is_not_secure(stack):
    client = Client(stack, "azadeh", "127.0.0.5")
    try:
        cookie = client.set_cookie_header(PASSWORDS["azadeh"])
        assert cookie.startswith("workbench_session=") and "Secure" not in cookie
    finally:
        client.close()


@pytest.mark.parametrize("server", ["waitress", "gunicorn"])
def test_behind_nginx_ending_tls_the_cookie_is_secure_and_logins_work(tmp_path, server):
    root = proxied_project(tmp_path)
    kind = ProxiedServer if server == "waitress" else ProxiedGunicorn
    upstream = kind(root, tmp_path / "server.log")
    if server == "gunicorn":
        upstream.workers = 1
    with upstream, Nginx(tmp_path / "nginx", upstream.port, tls=True) as nginx:
        client = Client(nginx.port, "azadeh", "127.0.0.6", tls=True)
        try:
            cookie = client.set_cookie_header(PASSWORDS["azadeh"])
            assert cookie.startswith("workbench_session=")
            assert "; Secure" in cookie and "HttpOnly" in cookie
            client.cookie = cookie.split(";", 1)[0]
            assert client.get("/admin/users")[0] == 200
        finally:
            client.close()
