"""The ``user`` verbs: the people who may log in."""

from __future__ import annotations

import sys
import time

import click

from workbench.accounts.users import UserError, Users
from workbench.cli.common import echo_json, json_option, with_project


@click.group()
def user() -> None:
    """Manage the people who may log in (names or pseudonyms, no e-mail)."""


def _users(project):
    return Users(project.instance_dir / "users.sqlite")


def _new_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt(
        "Password (8 characters or more)", hide_input=True, confirmation_prompt=True
    )


@user.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["translator", "reviewer", "admin"]),
    default="translator",
    show_default=True,
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_project
def user_add(name: str, role: str, password_stdin: bool, project) -> None:
    """Add the user NAME with a role; asks for the password."""
    added = _users(project).add(name, role, _new_password(password_stdin))
    click.echo(f"Added {added.name} ({added.role})")


@user.command("list")
@json_option
@with_project
def user_list(as_json: bool, project) -> None:
    """List the users and their roles."""
    people = _users(project).all()
    if as_json:
        echo_json([{"name": u.name, "role": u.role} for u in people])
        return
    for u in people:
        click.echo(f"{u.name}\t{u.role}")


@user.command("remove")
@click.argument("name")
@with_project
def user_remove(name: str, project) -> None:
    """Remove the user NAME."""
    _users(project).remove(name)
    click.echo(f"Removed {name}")


@user.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(["translator", "reviewer", "admin"]))
@with_project
def user_role(name: str, role: str, project) -> None:
    """Give the user NAME another role."""
    changed = _users(project).set_role(name, role)
    click.echo(f"{changed.name} is now {changed.role}")


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_project
def user_password(name: str, password_stdin: bool, project) -> None:
    """Set a new password for the user NAME."""
    _users(project).set_password(name, _new_password(password_stdin))
    click.echo(f"Changed the password of {name}")


@user.command("sessions")
@click.argument("name")
@json_option
@with_project
def user_sessions(name: str, as_json: bool, project) -> None:
    """List the live login sessions of the user NAME.

    JSON: [{"id": "...", "started": "YYYY-MM-DD HH:MM", "last_used": "..."}]
    (UTC). The id is a digest's first characters, never the session's own id.
    """
    users = _users(project)
    if users.get(name) is None:
        raise UserError(f'no user named "{name}"; see the list with: workbench user list')
    listed = [
        {"id": s.id, "started": _when(s.created), "last_used": _when(s.seen)}
        for s in users.sessions.of_user(name)
    ]
    if as_json:
        echo_json(listed)
        return
    if not listed:
        click.echo(f"{name} has no live session")
    for s in listed:
        click.echo(f"{s['id']}\tstarted {s['started']}\tlast used {s['last_used']} (UTC)")


@user.command("revoke")
@click.argument("name")
@with_project
def user_revoke(name: str, project) -> None:
    """End every login session of the user NAME (they must log in again)."""
    users = _users(project)
    if users.get(name) is None:
        raise UserError(f'no user named "{name}"; see the list with: workbench user list')
    ended = users.sessions.end_user(name)
    click.echo(f"Ended {ended} session{'' if ended == 1 else 's'} of {name}")


def _when(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(at))
