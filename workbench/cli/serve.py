"""The ``serve`` verb: the web form under waitress."""

from __future__ import annotations

import ipaddress

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
@with_project
def serve(host: str, port: int, threads: int, proxies: int, project) -> None:
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
    app = create_app(
        {
            "WORKBENCH_ROOT": str(project.root),
            "WORKBENCH_SINGLE_USER": loopback and not has_users,
            "WORKBENCH_PROXIES": proxies,
        }
    )
    shown = f"[{host}]" if ":" in host else host
    mode = "single-user mode, no login" if loopback and not has_users else "login required"
    click.echo(f"Serving {project.root} at http://{shown}:{port}/ ({mode}); Ctrl+C stops")
    waitress.serve(app, host=host, port=port, threads=threads, ident="workbench", _quiet=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
