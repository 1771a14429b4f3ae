"""What a request must be before any page sees it: its Host, its origin, its size.

- **Host.** A web page elsewhere can point its own name at 127.0.0.1 (DNS
  rebinding) and then read and post the workbench's pages as if it were the
  workbench. So the server answers only to names it knows: the loopback
  names (``127.0.0.1`` and the rest of 127.0.0.0/8, ``localhost``, ``[::1]``,
  with any port) and, on a team server, the names in
  ``WORKBENCH_ALLOWED_HOSTS`` (``workbench serve --allowed-host``). In
  single-user mode only the loopback names. Anything else gets 400.
- **Origin.** A post, whatever it carries, must come from the workbench's own
  pages: where the browser says where it comes from (``Origin``, else
  ``Referer``), that must be this host; where it sends Fetch Metadata
  (``Sec-Fetch-Site``), that must be ``same-origin`` (or ``none``: typed by
  the person). Another site's pages, another port on the same machine
  included, get 403. Clients that send none of these (scripts, curl) still
  need the session's CSRF token.
- **Size.** A body larger than ``MAX_CONTENT_LENGTH`` is refused with 413
  before a byte of it is read (:class:`BodyLimit`), whatever server runs the
  app; ``workbench serve`` also gives waitress the same limit, so that
  waitress never spools a large body to disk.
"""

from __future__ import annotations

import io
import ipaddress
import os
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, request
from flask_babel import gettext as _

from workbench.errors import ProjectError

#: Methods that change something: they must come from the workbench's own pages.
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
#: What the environ says when :class:`BodyLimit` has cut off a body.
TOO_LARGE = "workbench.body_too_large"

_NAME = re.compile(r"\A[a-z0-9]([a-z0-9.-]*[a-z0-9])?\Z")


def allowed_hosts(value: object) -> frozenset[str]:
    """Read ``WORKBENCH_ALLOWED_HOSTS``: names separated by commas or spaces, or a list.

    >>> sorted(allowed_hosts("Workbench.Example.org, 192.0.2.7 [2001:db8::1]"))
    ['192.0.2.7', '2001:db8::1', 'workbench.example.org']
    """
    if value is None or value == "":
        return frozenset()
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    names = set()
    for item in items:
        name = host_name(str(item))
        if name is None:
            raise ProjectError(
                f"WORKBENCH_ALLOWED_HOSTS names {item!r}, which is not a host name or address; "
                "give names such as workbench.example.org or 192.0.2.7, separated by commas"
            )
        names.add(name)
    return frozenset(names)


def host_name(host: str) -> str | None:
    """Return the name in a Host header (lower case, no port, no brackets), or None.

    >>> [host_name(h) for h in ("LocalHost:5000", "[::1]:80", "127.0.0.1", "a b", "x:y:z")]
    ['localhost', '::1', '127.0.0.1', None, None]
    """
    host = host.strip().lower()
    if host.startswith("["):
        inside, bracket, port = host[1:].partition("]")
        if not bracket or (port and not re.fullmatch(r":\d{1,5}", port)):
            return None
        try:
            return str(ipaddress.IPv6Address(inside))
        except ValueError:
            return None
    name, colon, port = host.partition(":")
    if colon and not re.fullmatch(r"\d{1,5}", port):
        return None
    name = name.rstrip(".")
    return name if _NAME.match(name) else None


def is_loopback_name(name: str) -> bool:
    """Tell whether *name* (from :func:`host_name`) can only mean this machine."""
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _authority(host: str, scheme: str) -> tuple[str | None, str]:
    """Return (name, port) of a Host value, the port spelled out for *scheme*."""
    name = host_name(host)
    port = host.rpartition("]")[2] if host.startswith("[") else host.partition(":")[2]
    port = port.lstrip(":") or {"http": "80", "https": "443"}.get(scheme, "")
    return name, port


def same_origin(url: str, host: str, scheme: str) -> bool:
    """Tell whether *url* (an Origin or a Referer) is on the site at *host*.

    The scheme is not compared: behind a proxy that ends TLS without saying
    so, the app sees http where the browser sees https; the name and the
    port (each side's default port spelled out) must match.

    >>> same_origin("https://wb.example", "wb.example", "http")
    True
    >>> same_origin("http://127.0.0.1:8080", "127.0.0.1:5000", "http")
    False
    >>> same_origin("null", "127.0.0.1:5000", "http")
    False
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return False
    theirs = _authority(parts.netloc, parts.scheme)
    ours = _authority(host, scheme)
    if theirs[0] is None or theirs[0] != ours[0]:
        return False
    if theirs[1] == ours[1]:
        return True
    # https://name against http://name: a proxy ending TLS that does not say so.
    return parts.scheme != scheme and {theirs[1], ours[1]} == {"80", "443"}


def init_app(app: Flask, single_user: Callable[[], bool]) -> None:
    """Check every request's Host and origin first of all; cut off bodies that are too large.

    *single_user* tells whether the current request is served without a
    login (it then answers to loopback names only).
    """
    configured = app.config.get("WORKBENCH_ALLOWED_HOSTS")
    if configured is None:
        configured = os.environ.get("WORKBENCH_ALLOWED_HOSTS")
    names = allowed_hosts(configured)
    app.config["WORKBENCH_ALLOWED_HOSTS"] = sorted(names)

    def guard() -> Any:
        if request.environ.get(TOO_LARGE):
            abort(413)
        name = host_name(request.host)
        if name is None or not (is_loopback_name(name) or (name in names and not single_user())):
            abort(400, description=_host_message(request.host))
        if request.method in UNSAFE:
            _check_origin()
        else:
            _check_fetch_site(unsafe=False)
        return None

    # Before every other hook, the CSRF check and the form parsing included.
    app.before_request_funcs.setdefault(None, []).insert(0, guard)
    app.wsgi_app = BodyLimit(app.wsgi_app, int(app.config["MAX_CONTENT_LENGTH"]))  # type: ignore[method-assign]


def _host_message(host: str) -> str:
    return _(
        "This workbench does not answer to the name %(host)s. Open it by its own address; "
        "whoever runs it can add a name with --allowed-host or WORKBENCH_ALLOWED_HOSTS.",
        host=host[:100] or "(none)",
    )


def _check_fetch_site(unsafe: bool) -> None:
    site = request.headers.get("Sec-Fetch-Site")
    if site is None or site in ("same-origin", "none"):
        return
    # Another site may link here (a navigation), but not post, nor load a page
    # of ours into its own (an image, a script, a fetch).
    if unsafe or request.headers.get("Sec-Fetch-Mode") != "navigate":
        abort(403, description=_cross_site_message())


def _check_origin() -> None:
    _check_fetch_site(unsafe=True)
    origin = request.headers.get("Origin")
    claimed = origin if origin is not None else request.headers.get("Referer")
    if claimed is not None and not same_origin(claimed, request.host, request.scheme):
        abort(403, description=_cross_site_message())


def _cross_site_message() -> str:
    return _(
        "This form was sent from another site, so it was refused and nothing was changed. "
        "Open the workbench itself and send it from there."
    )


class BodyLimit:
    """WSGI middleware: a request that announces a body over *limit* bytes is not read.

    The app still answers it, with its 413 page, from an empty body; the
    server is left to drop the rest of the connection.
    """

    def __init__(self, app: Callable, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit:
            environ = {
                **environ,
                TOO_LARGE: True,
                "CONTENT_LENGTH": "0",
                "wsgi.input": io.BytesIO(),
            }
        return self.app(environ, start_response)
