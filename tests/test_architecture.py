"""The package layout stays readable: stages as packages, small modules, no package cycles.

`generator/` is read top to bottom as the pipeline: `sources/` (files, pages, git) ->
`schema/` (the models) -> `model/` (the handbook in memory, its history) -> `checks/`
(loading and checking) -> `site/` and `editions/` (the outputs) -> `authoring/` (helping
editors), with `cli/` and `plugin.py` as the two ways in. A package may use the ones before
it, never the ones after it, so each can be read, and tested, without those that follow.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from .helpers import REPO

GENERATOR = REPO / "generator"
MAX_TOP_LEVEL_MODULES = 6
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(GENERATOR.rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _unit(module: str) -> str:
    """The package (or top-level module) a module belongs to: `generator.site`."""
    return ".".join(module.split(".")[:2])


def _imports(path: Path) -> set[str]:
    """Every generator module `path` imports, at the top or inside a function."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("generator.")}


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in _modules():
        here = _unit(_module_name(path))
        graph[here].update(_unit(target) for target in _imports(path) if _unit(target) != here)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, path, done = [], [], set()

    def visit(unit: str) -> None:
        if unit in path:
            cycles.append([*path[path.index(unit):], unit])
            return
        if unit in done:
            return
        path.append(unit)
        for other in sorted(graph.get(unit, ())):
            visit(other)
        path.pop()
        done.add(unit)

    for unit in sorted(graph):
        visit(unit)
    return cycles


def test_no_import_cycle_between_packages() -> None:
    assert _cycles(package_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_few_top_level_modules() -> None:
    modules = sorted(p.name for p in GENERATOR.glob("*.py") if p.name != "__init__.py")
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules


def test_no_module_is_long() -> None:
    long = {str(p.relative_to(REPO)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these (at most {MAX_LINES} lines)"
