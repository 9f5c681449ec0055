"""The kinds a handbook adds to the generator's own: folders (or installed packages) that
its mkdocs.yml names, each one whole kind of content.

    plugins:
      - handbook:
          kinds: [kinds/faq]

A kind's folder holds `kind.py` (its model and a `Declaration` named `declaration`:
files, kinds of entry, sections), `templates/pages/` and `templates/print/` (its page
and chapter templates) and its words, one file per language (`en.yml`: the section's
title, as the generator's catalogue nests it). A name that is not a folder of the
project is looked up among the installed packages' entry points (`culture_handbook.kinds`),
and the module it names is read the same way, its folder beside it.

`kind.py` is the organisation's own code, named in its own mkdocs.yml, as MkDocs hooks
are; it is read only from inside the project, links followed.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import HandbookError
from ..kinds import BUILT_IN
from ..schema.registry import Declaration, Registry
from ..sources.project import Project
from ..sources.safe_files import is_inside
from ..wording import CatalogueError, folder_catalogues

ENTRY_POINT_GROUP = "culture_handbook.kinds"
DECLARATION_FILE = "kind.py"
SETTING = "the handbook plugin's `kinds`"


def project_registry(project: Project) -> Registry:
    """The registry of the handbook in `project`: its mkdocs.yml's `kinds` added."""
    return registry_for(project.root, project.kinds)


def registry_for(root: Path, names: Sequence[str]) -> Registry:
    """The built-in kinds, and after them those of each folder or package in `names`."""
    registry = BUILT_IN
    for name in names:
        module, folder = _module_of(root, name)
        declaration = getattr(module, "declaration", None)
        if not isinstance(declaration, Declaration):
            raise HandbookError(
                f"{_shown(root, folder / DECLARATION_FILE)}: declares no kind: it needs "
                "`declaration = Declaration(files=..., kinds=..., sections=...)` (see "
                "\"Adding a kind of data\" in README.md)")
        _check_new_names(registry, declaration, _shown(root, folder / DECLARATION_FILE))
        registry = registry.with_added(declaration, folder=folder,
                                       wording=_wording(root, folder))
    return registry


def _module_of(root: Path, name: str) -> tuple[ModuleType, Path]:
    folder = root / name
    if folder.is_dir() or "/" in name:
        if not is_inside(folder, root):
            raise HandbookError(
                f"mkdocs.yml: {SETTING} names '{name}', outside the project folder: a kind "
                "is read only from the handbook's own repository; move its folder into it")
        if not folder.is_dir():
            raise HandbookError(
                f"mkdocs.yml: {SETTING} names '{name}', which is not a folder of the project: "
                "give the path of the kind's folder from mkdocs.yml's folder (`kinds/faq`)")
        declared = folder / DECLARATION_FILE
        if not declared.is_file() or not is_inside(declared, root):
            raise HandbookError(
                f"{_shown(root, folder)}/: has no {DECLARATION_FILE}: a kind's folder holds "
                "its model and declaration there (see \"Adding a kind of data\" in README.md)")
        return _import_file(root, declared), folder.resolve()
    found = entry_points(group=ENTRY_POINT_GROUP, name=name)
    if not found:
        raise HandbookError(
            f"mkdocs.yml: {SETTING} names '{name}', which is neither a folder of the project "
            f"nor an installed kind (entry point group '{ENTRY_POINT_GROUP}'): give the "
            "folder's path from mkdocs.yml's folder (`kinds/faq`), or install the package")
    try:
        module = next(iter(found)).load()
    except Exception as error:  # another package's code: its mistake is told, not raised
        raise HandbookError(f"the installed kind '{name}' cannot be loaded: "
                            f"{type(error).__name__}: {error}") from None
    if not isinstance(module, ModuleType) or module.__file__ is None:
        raise HandbookError(f"the installed kind '{name}' must name a module")
    return module, Path(module.__file__).parent


def _import_file(root: Path, path: Path) -> ModuleType:
    """`kind.py` run as a module of its own, with a message naming its file and line if
    it fails.

    It is compiled from its text every time, never from a `__pycache__`: a compiled file
    beside it (planted, or left from an edit in the same second) would run code that is
    not the one the folder shows, and nothing is written into the handbook's folder."""
    # Named by its folder's place in the project (`kinds/faq` -> handbook_kinds.kinds_faq),
    # so two folders called `faq` in different places stay two modules.
    place = path.parent.resolve().relative_to(root.resolve()).parts
    name = "handbook_kinds." + "_".join(re.sub(r"\W", "_", part) for part in place)
    module = ModuleType(name)
    module.__file__ = str(path)
    sys.modules[name] = module  # dataclasses and pydantic look their module up by name
    try:
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)
    except Exception as error:  # the organisation's code: any mistake is reported, not raised
        sys.modules.pop(name, None)
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if f.filename == str(path)]
        line = f":{frames[-1].lineno}" if frames else ""
        if isinstance(error, SyntaxError) and error.lineno:
            line = f":{error.lineno}"
        raise HandbookError(f"{_shown(root, path)}{line}: {type(error).__name__}: {error}; "
                            "correct the kind's declaration") from None
    return module


def _check_new_names(registry: Registry, declaration: Declaration, where: str) -> None:
    """A kind, section or file may be declared once: a second would hide the first."""
    taken = [(f"kind '{kind.name}'", kind.name in registry.kind) for kind in declaration.kinds]
    taken += [(f"section '{section.name}'", section.name in registry.section)
              for section in declaration.sections]
    known_files = {data_file.name for data_file in registry.files}
    taken += [(f"data file '{data_file.name}'", data_file.name in known_files)
              for data_file in declaration.files]
    clashes = [what for what, clash in taken if clash]
    if clashes:
        raise HandbookError(f"{where}: declares the {', '.join(clashes)}, which the handbook "
                            "already has: give it a name of its own")


def _wording(root: Path, folder: Path) -> dict[str, dict[str, Any]]:
    """The kind's words by language, from its `<language>.yml` files. Nothing in the
    folder may lead out of it (its words, its templates): what is published comes from
    the kind's own files."""
    for path in folder.rglob("*"):
        if path.is_symlink() and not is_inside(path, folder):
            raise HandbookError(f"{_shown(root, path)}: leads out of the kind's folder; "
                                "replace the link with the file itself")
    try:
        return folder_catalogues(folder)
    except CatalogueError as error:
        raise HandbookError(f"{_shown(root, error.path)}{error.where}: {error.problem}") from None


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
