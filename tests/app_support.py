"""The app in this process, through Flask's test client: logging in by the form, its pages."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from flask import Flask

from .support import PASSWORDS, csrf_token


def log_in_client(client, name: str, password: str | None = None):
    """Log *name* in on *client* through the real login form; return the client."""
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login",
        data={"name": name, "password": password or PASSWORDS[name], "csrf_token": token},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def log_in(
    app: Flask,
    name: str,
    password: str | None = None,
    addr: str = "127.0.0.1",
    agent: str | None = None,
):
    """Return a new test client logged in as *name* from *addr* (and *agent*)."""
    # Address and agent are set before logging in: the session is bound to them.
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = addr
    if agent is not None:
        client.environ_base["HTTP_USER_AGENT"] = agent
    return log_in_client(client, name, password)


class Links(HTMLParser):
    """Collect the targets of a page's links."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


@dataclass(frozen=True)
class Page:
    url: str
    endpoint: str
    status: int
    headers: dict[str, str]
    html: str


def crawl(app: Flask, client, start: str = "/", per_endpoint: int = 3) -> list[Page]:
    """Follow every link on the app's own pages, a few pages per route."""
    adapter = app.url_map.bind("localhost")
    seen: set[str] = set()
    counts: dict[str, int] = {}
    queue = [start]
    pages: list[Page] = []
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.netloc:
            continue
        try:
            endpoint, _ = adapter.match(parts.path, method="GET")
        except Exception:  # an unknown path is the crawl's own 404 page
            endpoint = "(none)"
        if endpoint == "static" or counts.get(endpoint, 0) >= per_endpoint:
            continue
        counts[endpoint] = counts.get(endpoint, 0) + 1
        response = client.get(url)
        html = response.get_data(as_text=True)
        pages.append(Page(url, endpoint, response.status_code, dict(response.headers), html))
        if response.mimetype != "text/html":
            continue
        links = Links()
        links.feed(html)
        for href in links.links:
            target = urljoin(url, href).split("#", 1)[0]
            if target and target not in seen:
                queue.append(target)
    return pages
