"""The ``serve`` verb: the web form under waitress."""

from __future__ import annotations

import ipaddress
import os

import click
import waitress

from workbench.accounts.users import Users
from workbench.cli.common import with_project
from workbench.errors import WorkbenchError
from workbench.sync.gitrepo import configure


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; any address but loopback requires users.",
)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--threads",
    default=8,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker threads of the server.",
)
@click.option(
    "--proxies",
    default=0,
    show_default=True,
    type=click.IntRange(0, 5),
    help="Reverse proxies in front (nginx, Caddy): the client's address is read from "
    "X-Forwarded-For for this many hops, and a login is always required.",
)
@click.option(
    "--trusted-proxy",
    metavar="ADDRESS",
    default=None,
    help="The address the nearest proxy connects from (default with --proxies on a "
    "loopback address: any local one).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    metavar="NAME",
    multiple=True,
    help="A name this server answers to besides 127.0.0.1, localhost and [::1] "
    "(repeat it; also WORKBENCH_ALLOWED_HOSTS).",
)
@with_project
def serve(
    host: str,
    port: int,
    threads: int,
    proxies: int,
    trusted_proxy: str | None,
    allowed_hosts: tuple[str, ...],
    project,
) -> None:
    """Serve the web form with a production WSGI server (waitress).

    On a loopback address with no users yet it runs in single-user mode.
    On any other address it refuses to start until a user exists
    (workbench user add NAME --role admin), and every page needs a login.
    For a team server with several processes, see README.md (gunicorn).
    """
    # The web form is imported when it is served: no other verb pays for Flask.
    from workbench.web import create_app

    # A git pull made while the server runs merges catalogs unit by unit too.
    configure(project.root)
    has_users = Users(project.instance_dir / "users.sqlite").exists()
    # Behind a proxy even a loopback address is reached from the network.
    loopback = _is_loopback(host) and not proxies
    if not loopback and not has_users:
        where = f"{host} behind a proxy" if proxies else host
        raise WorkbenchError(
            f"refusing to serve on {where}: there are no users yet, so anyone on the network "
            "could edit; add one first with: workbench user add NAME --role admin"
        )
    names = list(allowed_hosts)
    if os.environ.get("WORKBENCH_ALLOWED_HOSTS"):
        names.append(os.environ["WORKBENCH_ALLOWED_HOSTS"])
    if not _is_wildcard(host) and not _is_loopback(host):
        names.append(host)  # reached by its own address
    settings = {
        "host": host,
        "port": port,
        "threads": threads,
        "ident": "workbench",
        "_quiet": True,
    }
    if proxies:
        settings.update(_proxy_settings(host, proxies, trusted_proxy))
    app = create_app(
        {
            "WORKBENCH_ROOT": str(project.root),
            # Whether a request goes without a login is decided for each one:
            # this only allows it, on loopback, while no user exists.
            "WORKBENCH_SINGLE_USER": loopback,
            "WORKBENCH_PROXIES": proxies,
            "WORKBENCH_FORWARDED_BY_SERVER": bool(proxies),
            "WORKBENCH_ALLOWED_HOSTS": ",".join(names),
        }
    )
    # waitress refuses a larger body before spooling any of it to disk.
    settings["max_request_body_size"] = app.config["MAX_CONTENT_LENGTH"]
    shown = f"[{host}]" if ":" in host else host
    mode = "single-user mode, no login" if loopback and not has_users else "login required"
    click.echo(f"Serving {project.root} at http://{shown}:{port}/ ({mode}); Ctrl+C stops")
    others = app.config["WORKBENCH_ALLOWED_HOSTS"]
    if others:
        click.echo(f"Answering to 127.0.0.1, localhost, [::1] and {', '.join(others)}")
    elif not loopback:
        click.echo(
            "Answering to 127.0.0.1, localhost and [::1] only; add the names people use "
            "with --allowed-host NAME"
        )
    waitress.serve(app, **settings)


def _proxy_settings(host: str, proxies: int, trusted_proxy: str | None) -> dict:
    """Return waitress's settings for *proxies* reverse proxies in front."""
    if trusted_proxy is None:
        if not _is_loopback(host):
            raise WorkbenchError(
                f"serving on {host} behind a proxy: say which address the proxy connects "
                "from with --trusted-proxy ADDRESS, or the X-Forwarded-For of anyone on the "
                "network would be believed"
            )
        trusted_proxy = "*"  # only this machine can connect to a loopback address
    return {
        "trusted_proxy": trusted_proxy,
        "trusted_proxy_count": proxies,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }


def _is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
