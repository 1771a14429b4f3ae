"""``workbench check``: run the quality checks, report findings, dismiss one.

``workbench check [LANG] [STATEMENT...]`` prints the findings grouped by
statement and language (or, with ``--json``, a list of objects ``{"check",
"severity", "language", "statement", "source", "target", "message",
"msgctxt", "line"}`` sorted by statement and line), then one summary line on
stderr. It exits 1 if any error-level finding remains, so a team can gate
on it; warnings and info never fail it.

``workbench check LANG STATEMENT --dismiss CHECK --unit TEXT|LINE --reason
TEXT`` records in the catalog that CHECK's finding does not apply to one
unit (a translator comment ``# dismissed CHECK: REASON``, which travels
with the file); ``--restore CHECK`` takes a dismissal back.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator

import click

from workbench.catalogs import model as cat
from workbench.checks.findings import (
    ERROR,
    INFO,
    SEVERITIES,
    WARNING,
    CheckRun,
    Finding,
    has_errors,
    severity_at_least,
)
from workbench.cli.common import (
    check_run,
    echo_json,
    end_now,
    json_option,
    print_lines,
    with_project,
)
from workbench.errors import LanguageError, WorkbenchError
from workbench.lang.locales import checked_code, code_near_name
from workbench.project import Project

# Looked at only when an argument is no language of the project (start-up time).
_LANGUAGE_LIKE = r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*"


def _only(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    # The checks themselves load only when some must run: an unchanged project
    # is answered from the cache (start-up time).
    from workbench.checks.registry import REGISTRY

    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in REGISTRY]
    if unknown or not names:
        raise click.BadParameter(
            f'unknown check "{unknown[0] if unknown else value}"; the checks are: '
            + ", ".join(REGISTRY),
            param_hint="--only",
        )
    return names


def _targets(project: Project, args: tuple[str, ...]) -> tuple[list[str] | None, list[str]]:
    """Split the arguments into the language (None: all) and the statements."""
    if not args:
        return None, []
    first, rest = args[0], list(args[1:])
    try:
        code = checked_code(first)
    except LanguageError as exc:
        if first in {s.id for s in project.statements()}:
            return None, [project.statement(s).id for s in args]
        if re.fullmatch(_LANGUAGE_LIKE, first) or code_near_name(first):
            raise
        project.statement(first)  # says there is no such statement
        raise exc
    if code in project.languages:
        return [code], [project.statement(s).id for s in rest]
    if first in {s.id for s in project.statements()}:
        return None, [project.statement(s).id for s in args]
    project.require_language(code)  # says it is not a language of this project
    raise AssertionError("unreachable")


def _summary(report: CheckRun, shown: str) -> str:
    counts = {s: 0 for s in SEVERITIES}
    for finding in report.findings:
        counts[finding.severity] += 1
    names = {ERROR: ("error", "errors"), WARNING: ("warning", "warnings"), INFO: ("info", "info")}
    parts = [f"{n} {names[s][n != 1]}" for s, n in counts.items()]
    text = ", ".join(parts)
    statements = len(report.statements)
    text += (
        f" in {report.units} units of {statements} statement{'s' * (statements != 1)}"
        f" ({', '.join(report.languages)})"
    )
    if report.dismissed:
        text += f"; {len(report.dismissed)} dismissed"
    hidden = [s for s in SEVERITIES if SEVERITIES.index(s) > SEVERITIES.index(shown)]
    if hidden and any(counts[s] for s in hidden):
        lists = next(s for s in reversed(hidden) if counts[s])
        text += f"; {' and '.join(hidden)} not shown (--severity {lists} lists them)"
    return text


def _print_text(findings: list[Finding]) -> None:
    print_lines(_report_lines(findings))


def _report_lines(findings: list[Finding]) -> Iterator[str]:
    heading = None
    for finding in findings:
        group = (finding.statement, finding.language)
        if group != heading:
            if heading is not None:
                yield ""
            yield f"{finding.statement} [{finding.language}]"
            heading = group
        where = f"line {finding.line}" if finding.line is not None else "line ?"
        context = f" ({finding.msgctxt})" if finding.msgctxt else ""
        form = f" msgstr[{finding.form}]" if finding.form is not None else ""
        yield f"  {where}{context}{form}: {finding.severity}: {finding.check}: {finding.message}"


def _list_checks() -> None:
    # Start-up: see _only.
    from workbench.checks.registry import REGISTRY

    width = max(len(n) for n in REGISTRY)
    for name, check in REGISTRY.items():
        click.echo(f"{name:<{width}}  {check.reports:<14}  {check.title}")


@click.command("check")
@click.argument("targets", nargs=-1, metavar="[LANG] [STATEMENT]...")
@json_option
@click.option(
    "--severity",
    type=click.Choice(SEVERITIES),
    default=WARNING,
    show_default=True,
    help="Show findings this grave or graver (info adds the untranslated units); errors "
    "always set the exit status.",
)
@click.option("--only", metavar="CHECK,...", help="Run only these checks (comma-separated).")
@click.option("--list", "list_checks", is_flag=True, help="List the checks and exit.")
@click.option(
    "--dismiss",
    metavar="CHECK",
    help="Dismiss CHECK's finding on one unit (with LANG STATEMENT --unit --reason).",
)
@click.option("--restore", metavar="CHECK", help="Take back a dismissal of CHECK on one unit.")
@click.option(
    "--unit",
    "unit_ref",
    metavar="TEXT|LINE",
    help="The unit to dismiss on: its source text, a unique part of it, or its line.",
)
@click.option("--reason", metavar="TEXT", help="Why the finding does not apply (kept in the file).")
@with_project
def check(
    targets: tuple[str, ...],
    as_json: bool,
    severity: str,
    only: str | None,
    list_checks: bool,
    dismiss: str | None,
    restore: str | None,
    unit_ref: str | None,
    reason: str | None,
    project: Project,
) -> None:
    """Check the translations of LANG (default: all) in STATEMENTs (default: all).

    Prints the findings grouped by statement, or with --json a list of
    objects {"check", "severity", "language", "statement", "source",
    "target", "message", "msgctxt", "line"} sorted by statement and line;
    a summary goes to stderr. Exits 1 if any error-level finding remains.

    To say a finding does not apply to one unit, so it is not reported
    again: workbench check fa STATEMENT --dismiss numbers --unit "Khuzestan,
    October 2022." --reason "the Persian date is added on purpose".
    """
    if list_checks:
        _list_checks()
        return
    if dismiss or restore:
        _dismiss(project, targets, dismiss, restore, unit_ref, reason)
        return
    if unit_ref is not None or reason is not None:
        raise click.UsageError("--unit and --reason go with --dismiss CHECK or --restore CHECK")
    names = _only(only)
    languages, statements = _targets(project, targets)
    if not project.languages:
        click.echo(
            "The project has no target languages; add one with: workbench add-language CODE",
            err=True,
        )
        return
    # A large run makes millions of objects that live until the process ends,
    # and no reference cycles: the collector's passes over them (after the
    # cache is read, while the findings are sorted and printed) are waste.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _check_and_report(project, languages, statements, names, severity, as_json)
    finally:
        if collecting:
            gc.enable()


def _check_and_report(
    project: Project,
    languages: list[str] | None,
    statements: list[str],
    names: tuple[str, ...] | None,
    severity: str,
    as_json: bool,
) -> None:
    report = check_run(project, languages, statements, names)
    for path in report.missing:
        click.echo(f"note: {path} does not exist yet; run: workbench update", err=True)
    for path, expected in report.hollow:
        click.echo(
            f"note: {path} holds none of the {expected} unit(s) of its template (a bad merge or "
            f"an edit may have emptied it); see its kept versions with: workbench restore {path}, "
            "or refill it, untranslated, with: workbench update",
            err=True,
        )
    shown = severity_at_least(report.findings, severity)
    if as_json:
        echo_json([f.as_dict() for f in shown])
    else:
        _print_text(shown)
    click.echo(_summary(report, severity), err=True)
    # The report stays alive to the end: see end_now.
    end_now(1 if has_errors(report.findings) else 0)


# -- dismissing -------------------------------------------------------------------


def _dismiss(
    project: Project,
    targets: tuple[str, ...],
    dismiss: str | None,
    restore: str | None,
    unit_ref: str | None,
    reason: str | None,
) -> None:
    # Start-up: see _only.
    from workbench.catalogs.dismiss import dismiss_in_file
    from workbench.checks.base import excerpt
    from workbench.checks.registry import REGISTRY

    if dismiss and restore:
        raise click.UsageError("give either --dismiss or --restore, not both")
    name = dismiss or restore or ""
    option = "--dismiss" if dismiss else "--restore"
    if name not in REGISTRY:
        raise click.BadParameter(
            f'unknown check "{name}"; the checks are: {", ".join(REGISTRY)}',
            param_hint=option,
        )
    if len(targets) != 2:
        raise click.UsageError(f"{option} needs one LANG and one STATEMENT")
    if not unit_ref:
        raise click.UsageError(f'{option} needs --unit "source text" (or its line number)')
    reason = " ".join((reason or "").split())
    if dismiss and not reason:
        raise click.UsageError('--dismiss needs --reason "why the finding does not apply"')
    lang = project.require_language(targets[0])
    statement = project.statement(targets[1]).id
    _new, chosen, changed = dismiss_in_file(
        project,
        lang,
        statement,
        lambda current: find_unit(current, unit_ref, f"{statement} [{lang}]"),
        name,
        reason if dismiss else None,
    )
    assert chosen is not None  # find_unit names the unit or raises
    entry = chosen
    where = f"{statement} line {entry.lines[0]}" if entry.lines else statement
    quoted = excerpt(entry.msgid)
    if dismiss:
        click.echo(f'Dismissed {name} on {where} ("{quoted}"): {reason}')
        if not _reports(project, lang, statement, entry, name):
            click.echo(
                f"note: {name} reports nothing on this unit now; the dismissal stays for when "
                "it does",
                err=True,
            )
    elif changed:
        click.echo(f'Restored {name} on {where} ("{quoted}")')
    else:
        click.echo(f'{name} was not dismissed on {where} ("{quoted}"); nothing changed')


def find_unit(catalog: cat.Catalog, ref: str, name: str) -> int:
    """Return the position of the active entry *ref* names: its text, a unique part, or a line."""
    # Start-up: see _only.
    from workbench.checks.base import excerpt

    active = [(i, e) for i, e in enumerate(catalog.entries) if not e.obsolete]
    ref = ref.strip()
    if ref.isdigit():
        line = int(ref)
        found = [(i, e) for i, e in active if line in e.lines]
        if not found:
            raise WorkbenchError(f"{name}: no unit on line {line}; give the unit's text instead")
        if len(found) > 1:
            starts = "; ".join(f'"{excerpt(e.msgid, 40)}"' for _, e in found[:4])
            raise WorkbenchError(
                f"{name}: line {line} holds {len(found)} units ({starts}); "
                "give the unit's text with --unit instead"
            )
        return found[0][0]
    wanted = " ".join(ref.split())
    exact = [(i, e) for i, e in active if " ".join(e.msgid.split()) == wanted]
    if len(exact) == 1:
        return exact[0][0]
    folded = wanted.casefold()
    found = exact or [(i, e) for i, e in active if folded in " ".join(e.msgid.split()).casefold()]
    if not found:
        raise WorkbenchError(
            f'{name}: no unit reads "{excerpt(ref, 40)}"; give its source text or line'
        )
    if len(found) > 1:
        lines = ", ".join(str(e.lines[0]) if e.lines else "?" for _, e in found[:8])
        raise WorkbenchError(
            f'{name}: "{excerpt(ref, 40)}" matches {len(found)} units (lines {lines}); '
            "give more of the text"
        )
    return found[0][0]


def _reports(project: Project, lang: str, statement: str, entry: cat.Entry, name: str) -> bool:
    """Tell whether check *name* has a finding on *entry* (dismissal aside)."""
    # Start-up: see _only.
    from workbench.catalogs.dismiss import set_dismissal
    from workbench.checks.checker import Checker
    from workbench.checks.context import Context
    from workbench.terms.matcher import matcher_for

    glossary, matcher = matcher_for(project)
    checker = Checker(Context(project, lang, glossary, matcher), (name,))
    undismissed = set_dismissal(entry, name, None)
    return bool(checker.unit_findings(statement, undismissed, editor=False))
