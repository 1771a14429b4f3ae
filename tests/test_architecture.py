"""The package's layers and the rules that keep it readable, checked on the code itself."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from workbench.checks import checker
from workbench.checks.registry import CHECKS, REGISTRY
from workbench.web.i18n import CHECK_NAMES

from .support import REPO

PACKAGE = REPO / "workbench"


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def test_the_import_contracts_hold():
    """The layers and the no-cycle rule of pyproject.toml, as import-linter reads them."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is part of the test dependencies"
    done = subprocess.run(
        [command, "--config", str(REPO / "pyproject.toml")],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_no_module_takes_part_in_an_import_cycle():
    """Imports inside functions and under TYPE_CHECKING count too."""
    graph = grimp.build_graph("workbench", cache_dir=None)
    names = sorted(graph.modules)
    index = {name: i for i, name in enumerate(names)}
    edges = {name: sorted(graph.find_modules_directly_imported_by(name)) for name in names}
    # Tarjan's strongly connected components, iteratively.
    order, low, on_stack, stack, cycles = {}, {}, set(), [], []
    for root in names:
        if root in order:
            continue
        work = [(root, iter(edges[root]))]
        order[root] = low[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    continue
                if child not in order:
                    order[child] = low[child] = len(order)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], order[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == order[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
    assert cycles == []


@pytest.mark.parametrize(("name", "path"), modules(), ids=[m for m, _ in modules()])
def test_a_module_forwards_no_names_from_elsewhere(name, path):
    """No module-level __getattr__, and an __all__ lists only names the module defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    defined = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
            assert node.name != "__getattr__", f"{name} forwards names with __getattr__"
        elif isinstance(node, ast.Assign):
            defined |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            listed = {elt.value for elt in node.value.elts}  # type: ignore[attr-defined]
            assert listed <= defined, f"{name}.__all__ re-exports {sorted(listed - defined)}"


@pytest.mark.parametrize(("name", "path"), modules(), ids=[m for m, _ in modules()])
def test_imports_inside_functions_say_why(name, path):
    """A function-level import is allowed where start-up time needs it, with a comment.

    The comment is on the line above the import, or above the block of
    imports it starts.
    """
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    unexplained = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, (ast.Import, ast.ImportFrom)):
                at = inner.lineno - 2
                while at > 0 and lines[at].strip().startswith(("from ", "import ")):
                    at -= 1
                if not lines[at].strip().startswith("#"):
                    unexplained.append(f"{name} line {inner.lineno}: {lines[inner.lineno - 1]}")
    assert unexplained == []


@pytest.mark.parametrize(
    "package",
    sorted(p.parent for p in PACKAGE.rglob("__init__.py")),
    ids=lambda p: p.relative_to(REPO).as_posix(),
)
def test_each_package_states_what_it_holds(package):
    """Its __init__ docstring names every module of the package."""
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert doc, f"{package.name} has no docstring"
    if package == PACKAGE:
        mentioned = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
        missing = [m for m in mentioned if m not in doc]
    else:
        own = [p.stem for p in package.glob("*.py") if p.stem != "__init__"]
        missing = [m for m in own if f"``{m}``" not in doc]
    assert missing == []


def readme_check_names() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("| check | finds | severity |", 1)[1].split("\n\n", 1)[0]
    return [row.split("|")[1].strip() for row in table.strip().splitlines()[1:]]


def test_the_checks_are_listed_in_one_place():
    """README's table, the interface's names and the checker's docs follow the registry."""
    names = [check.name for check in CHECKS]
    assert list(REGISTRY) == names
    assert readme_check_names() == names
    assert list(CHECK_NAMES) == names
    documented = re.findall(r"^([a-z-]+) {2,}", checker.__doc__ or "", re.M)
    assert [n for n in documented if n not in ("check",)] == names
