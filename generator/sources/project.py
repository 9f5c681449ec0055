"""Finding a handbook project's folders from its mkdocs.yml, without starting MkDocs.

Every command needs the folders first, quickly, so the few settings that name them
(docs_dir, site_dir, the theme's custom_dir and the plugin's data_dir) are read straight
from the YAML. mkdocs.yml may hold tags such as `!ENV` or `!!python/name:`; they are read
as nothing, which is all this needs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import HandbookError
from .safe_files import is_inside

DEFAULT_DATA_DIR = "data"
"""The plugin's `data_dir` when mkdocs.yml gives none (options.py declares it with this)."""
OVERRIDES_SUBFOLDER = "generator"
"""Inside the theme's custom_dir, where the generator's overridden templates and print
fonts live (Material's own overrides stay at the top of custom_dir)."""


@dataclass(frozen=True)
class Project:
    root: Path
    config_file: Path
    data_dir: Path
    docs_dir: Path
    site_dir: Path
    overrides_dir: Path | None
    kinds: tuple[str, ...] = ()
    """The kinds the handbook adds (the plugin's `kinds`): folders, or installed kinds."""
    reader_settings: Mapping[str, Any] = field(default_factory=dict)
    """What of mkdocs.yml readers read (`nav`, `theme`), for translation."""

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the project folder."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that reads any tag (`!ENV`, `!!python/name:`) as nothing."""


def _nothing(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("", _nothing)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _nothing)


def find_project(config_file: Path) -> Project:
    config_file = config_file.resolve()
    if not config_file.is_file():
        raise HandbookError(
            f"{config_file.name} not found in {config_file.parent}: run the command in the "
            "handbook's folder, or give the file with --config"
        )
    try:
        settings = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise HandbookError(f"{config_file.name}{where}: is not valid YAML: {error}") from None
    if not isinstance(settings, dict):
        raise HandbookError(f"{config_file.name}: expected settings (name: value), found none")
    root = config_file.parent
    theme = settings.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    project = Project(
        root=root,
        config_file=config_file,
        data_dir=root / _plugin_option(settings, "data_dir", DEFAULT_DATA_DIR),
        docs_dir=root / str(settings.get("docs_dir") or "docs"),
        site_dir=root / str(settings.get("site_dir") or "site"),
        overrides_dir=root / custom_dir if isinstance(custom_dir, str) else None,
        kinds=_plugin_list(settings, "kinds"),
        reader_settings={key: settings.get(key) for key in ("nav", "theme")},
    )
    check_source_places(root, docs_dir=project.docs_dir, data_dir=project.data_dir,
                        overrides_dir=project.overrides_dir)
    return project


def check_source_places(root: Path, *, docs_dir: Path, data_dir: Path,
                        overrides_dir: Path | None) -> None:
    """The folders the handbook is made from must be in the project, links followed: what
    is published comes from the repository, never from elsewhere on the machine."""
    for setting, folder in [("docs_dir", docs_dir), ("the handbook plugin's data_dir", data_dir),
                            ("theme.custom_dir", overrides_dir)]:
        if folder is not None and not is_inside(folder, root):
            raise HandbookError(
                f"mkdocs.yml: {setting} is {os.path.relpath(folder, root)}, outside the project "
                f"folder {root}: the "
                "handbook is made only from folders of its own repository; move the folder "
                "into the project and name it there")


def check_site_place(project: Project, site_dir: Path) -> None:
    """The site folder mkdocs.yml names must be in the project and not a link (a build
    replaces it). A folder named on the command line is the user's own choice."""
    if site_dir.is_symlink() or not is_inside(site_dir, project.root):
        raise HandbookError(
            f"mkdocs.yml: site_dir is {os.path.relpath(site_dir, project.root)}, which "
            + ("is a link" if site_dir.is_symlink() else "is outside the project folder")
            + ": a build replaces the site folder, so mkdocs.yml may only name a real "
            "folder in the project; to build elsewhere, give the folder with --site-dir")


def _plugin_list(settings: dict[str, Any], name: str) -> tuple[str, ...]:
    """A list option of the handbook plugin (`kinds: [kinds/faq]`); none when not given."""
    plugins = settings.get("plugins") or []
    for entry in [plugins] if isinstance(plugins, dict) else plugins:
        options = entry.get("handbook") if isinstance(entry, dict) else None
        if not isinstance(options, dict) or name not in options:
            continue
        value = options[name]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise HandbookError(f"mkdocs.yml: the handbook plugin's `{name}` must be a list "
                                "of names written out (`[kinds/faq]`)")
        return tuple(value)
    return ()


def _plugin_option(settings: dict[str, Any], name: str, default: str) -> str:
    """An option of the handbook plugin, whether `plugins:` is written as a list or a mapping."""
    plugins = settings.get("plugins") or []
    entries = [plugins] if isinstance(plugins, dict) else plugins
    for entry in entries:
        options = entry.get("handbook") if isinstance(entry, dict) else None
        if not isinstance(options, dict) or name not in options:
            continue
        value = options[name]
        if not isinstance(value, str) or not value:
            raise HandbookError(
                f"mkdocs.yml: the handbook plugin's `{name}` must be a folder name written out "
                "(tags such as !ENV are not read by `handbook check`)"
            )
        return value
    return default
