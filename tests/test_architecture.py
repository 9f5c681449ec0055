"""The package layout stays readable: stages as packages, small modules, no package cycles.

`generator/` is read top to bottom as the pipeline (`PIPELINE` below): `sources/` (files,
pages, git) -> `schema/` (the models every file shares, the registry's parts) -> `kinds/`
(the generator's kinds of content, one folder each) -> `model/` (the handbook in memory,
pure) -> `history/`, `drawing/`, `intake/` (what git said, the charts, the sharing forms) ->
`checks/` -> `loading/` (the data folder into a checked handbook) -> `translation/` (the
handbook in its other languages) -> `editions/` and
`site/` (the outputs) -> `authoring/` (helping editors), with `cli/` and `plugin.py` as the
two ways in. A package may use the ones before it, never the ones after it, so each can be
read, and tested, without those that follow.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from .helpers import REPO

GENERATOR = REPO / "generator"
MAX_TOP_LEVEL_MODULES = 6
MAX_LINES = 400

PIPELINE = (
    ("generator.errors", "generator.text", "generator.wording"),
    ("generator.sources",),
    ("generator.schema",),
    ("generator.kinds",),
    ("generator.model",),
    ("generator.history", "generator.drawing", "generator.intake"),
    ("generator.checks",),
    ("generator.loading",),
    ("generator.translation",),
    ("generator.templating",),
    ("generator.editions",),
    ("generator.site",),
    ("generator.authoring",),
    ("generator.cli", "generator.plugin", "generator"),
)
"""The stages in the order data flows through them; those on one line are side by side
and do not use each other."""

IO_MODULES = ("subprocess", "os", "shutil", "tempfile", "socket", "urllib.request",
              "matplotlib", "weasyprint", "generator.sources.git")
"""What the model may not import: it works on what was read, and draws, runs and writes
nothing (git, matplotlib and the forms live in the stages after it)."""
IO_CALLS = ("open", "write_text", "write_bytes", "read_text", "read_bytes", "mkdir",
            "unlink", "rename", "replace_file")


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


def _all_imports(path: Path) -> set[str]:
    """Every module `path` imports, the standard library's and others' included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found | (_imports(path) if path.is_relative_to(GENERATOR) else set())


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


def _stage(unit: str) -> int:
    return next(index for index, stages in enumerate(PIPELINE) if unit in stages)


def _imports_back_up(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{unit} uses {used}" for unit, used_units in graph.items()
                  for used in used_units if _stage(used) >= _stage(unit))


def test_every_package_has_its_place_in_the_pipeline() -> None:
    placed = {unit for stages in PIPELINE for unit in stages}
    assert set(package_graph()) <= placed


def test_no_package_uses_one_after_it_in_the_pipeline() -> None:
    assert _imports_back_up(package_graph()) == []


def test_a_use_back_up_the_pipeline_is_found() -> None:
    assert _imports_back_up({"generator.model": {"generator.schema", "generator.checks"},
                             "generator.history": {"generator.drawing"}}) == [
        "generator.history uses generator.drawing", "generator.model uses generator.checks"]


def _io_in(path: Path) -> list[str]:
    imported = sorted(name for name in _all_imports(path)
                      if any(name == io or name.startswith(f"{io}.") for io in IO_MODULES))
    called = sorted({node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                     for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(node, ast.Call) and (
                         (isinstance(node.func, ast.Attribute) and node.func.attr in IO_CALLS)
                         or (isinstance(node.func, ast.Name) and node.func.id in IO_CALLS))})
    return imported + [f"{name}()" for name in called]


def test_the_model_does_no_input_or_output() -> None:
    found = {str(path.relative_to(REPO)): io
             for path in sorted((GENERATOR / "model").rglob("*.py")) if (io := _io_in(path))}
    assert found == {}


def test_input_and_output_in_a_module_are_found(tmp_path: Path) -> None:
    module = tmp_path / "drawn.py"
    module.write_text("import subprocess\nfrom matplotlib import pyplot\n"
                      "def f(p):\n    p.write_text('x')\n", encoding="utf-8")
    assert _io_in(module) == ["matplotlib", "subprocess", "write_text()"]


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_few_top_level_modules() -> None:
    modules = sorted(p.name for p in GENERATOR.glob("*.py") if p.name != "__init__.py")
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules


def test_no_module_is_long() -> None:
    long = {str(p.relative_to(REPO)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these (at most {MAX_LINES} lines)"
