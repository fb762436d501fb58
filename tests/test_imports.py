"""The package's import graph: no cycle, no import inside a function, and the browser's part stands alone."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import obc_assess
from obc_site.pyzip import package_files

ROOT = Path(obc_assess.__file__).parent


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module) -> set[str]:
    """The obc_assess modules a module imports when it is imported (a ``from X import name`` may name a module)."""
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("obc_assess")}


def _graph() -> dict[str, set[str]]:
    trees = {_module(path): ast.parse(path.read_text(encoding="utf-8")) for path in ROOT.rglob("*.py")}
    return {name: _imports(tree) & set(trees) - {name} for name, tree in trees.items()}


def test_no_import_cycle() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(name):], name]))
        if name not in done:
            for other in sorted(graph[name]):
                visit(other, [*path, name])
            done.add(name)

    for name in sorted(graph):
        visit(name, [])


def _names(node: ast.Import | ast.ImportFrom) -> list[str]:
    return [node.module or ""] if isinstance(node, ast.ImportFrom) else [alias.name for alias in node.names]


def test_no_package_import_inside_a_function() -> None:
    """A module of the package imported inside a function is a cycle dodged (only PyYAML, an optional host
    dependency, is imported where it is used)."""
    late = [f"{path.name}:{inner.lineno}" for path in ROOT.rglob("*.py")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            for inner in ast.walk(node) if isinstance(inner, ast.Import | ast.ImportFrom)
            and any(name.startswith("obc_assess") for name in _names(inner))]
    assert late == []


def test_browser_modules_import_without_the_host_part_or_pyyaml() -> None:
    shipped = sorted(_module(path) for name, path in package_files() if name.endswith(".py"))
    host = sorted(set(_graph()) - set(shipped))
    assert "obc_assess.core.api" in shipped and "obc_assess.host.loader" in host
    # A fresh interpreter where importing PyYAML or any host module fails, as it would in the browser.
    script = f"""
import importlib, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "yaml" or name in {host!r}:
            raise ImportError(f"blocked: {{name}}")
sys.meta_path.insert(0, Block())
for name in {shipped!r}:
    importlib.import_module(name)
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
