"""The ``user`` verbs: the people who may log in."""

from __future__ import annotations

import sys

import click

from workbench.accounts.users import Users
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
