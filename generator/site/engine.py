"""The static-site engine behind `handbook build`, `serve` and `pdf`, and its settings.

The handbook runs on MkDocs 1.6 by default, and on ProperDocs, the maintained drop-in
successor of MkDocs 1.6, where that is what is installed (or `HANDBOOK_ENGINE=properdocs`
asks for it). ProperDocs keeps MkDocs' API under its own name and, once
`properdocs.replacement` is imported, answers every `mkdocs.*` import itself; so the
generator, Material and other plugins keep importing `mkdocs.*`, and choosing the engine
once, before anything imports it, is the whole seam. Also here: mkdocs.yml read as the
engine reads it, the handbook plugin's options from it, and the engine's log shown in the
terminal in the handbook's words.
"""

from __future__ import annotations

import importlib.metadata
import logging
import os
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..errors import HandbookError
from ..sources.project import Project

ENGINE_VARIABLE = "HANDBOOK_ENGINE"
ENGINES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}


@dataclass(frozen=True)
class Engine:
    name: str
    """`mkdocs` or `properdocs`: the package, and the root of its loggers' names."""
    version: str

    @property
    def title(self) -> str:
        return f"{ENGINES[self.name]} {self.version}"


@cache
def engine() -> Engine:
    """The engine in use, chosen on the first call: `HANDBOOK_ENGINE` if set, else MkDocs
    if it is installed, else ProperDocs. Call it before anything imports `mkdocs`."""
    # Material prints a notice about MkDocs 2.0 on every build; it is not for editors.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    wanted = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if wanted and wanted not in ENGINES:
        raise HandbookError(f"{ENGINE_VARIABLE}={wanted!r} is not an engine the handbook "
                            f"runs on; set it to {' or '.join(ENGINES)}, or leave it unset")
    versions = {name: _installed_version(name) for name in ENGINES}
    chosen = wanted or next((name for name in ENGINES if versions[name]), "mkdocs")
    version = versions[chosen]
    if version is None:
        raise HandbookError(
            f"{ENGINES[chosen]} is not installed in this Python environment "
            f"({sys.prefix}); install the handbook with its dependencies "
            f"(`pip install culture-handbook`), or ProperDocs beside it")
    if chosen == "properdocs":
        real_mkdocs = sys.modules.get("mkdocs")
        if real_mkdocs is not None and not real_mkdocs.__name__.startswith("properdocs"):
            raise HandbookError("MkDocs was imported before ProperDocs was chosen as the "
                                "engine; choose the engine first (a bug in the handbook)")
        import properdocs.replacement  # noqa: F401 (from here on, `mkdocs.*` is ProperDocs)
    return Engine(chosen, version)


def _installed_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def plugin_options(config: Any) -> Any:
    """The handbook plugin's options as MkDocs read them from mkdocs.yml (HandbookConfig),
    defaults included; the defaults alone when mkdocs.yml does not list the plugin."""
    from ..sources.options import HandbookConfig  # imports mkdocs: after engine()

    plugin = config.plugins.get("handbook")
    if plugin is not None:
        return plugin.config
    options = HandbookConfig()
    options.load_dict({})
    options.validate()
    return options


def mkdocs_config(project: Project) -> Any:
    """mkdocs.yml as the engine reads it, for its Markdown extensions and theme folder."""
    engine()
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(str(project.config_file))
    except ConfigurationError as error:
        raise HandbookError(f"{project.display(project.config_file)}: {error}") from None


class _WorthShowing(logging.Filter):
    """Warnings, the handbook's own progress (and with -v, MkDocs' progress too).

    MkDocs logs a plugin's error and then raises it; a build shows it once, as `Error: ...`.
    A preview keeps serving after a failed rebuild, so there the logged error is the one.
    """

    def __init__(self, root: str, verbose: bool, show_build_errors: bool) -> None:
        super().__init__()
        self.root = root
        self.verbose = verbose
        self.show_build_errors = show_build_errors

    def filter(self, record: logging.LogRecord) -> bool:
        from_build = record.name == f"{self.root}.commands.build"
        if record.levelno >= logging.ERROR and from_build and not self.show_build_errors:
            return False
        if from_build and "'dirty' build" in str(record.msg):
            # `handbook serve` asks for dirty builds and keeps them exact (site/preview.py):
            # MkDocs' warning that they may not be would only alarm the editor.
            return False
        return (record.levelno >= logging.WARNING or self.verbose
                or record.name == f"{self.root}.plugins.handbook")


class _TerminalFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            return f"{record.levelname.lower()}: {message}"
        return message


def log_engine_to_terminal(verbose: bool, show_build_errors: bool = False) -> None:
    """The engine logs through `mkdocs` (or `properdocs`); show its warnings (and with -v,
    its progress)."""
    root = engine().name
    logger = logging.getLogger(root)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for handler in [h for h in logger.handlers if h.name == "handbook-cli"]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.name = "handbook-cli"
    handler.setFormatter(_TerminalFormatter())
    handler.addFilter(_WorthShowing(root, verbose, show_build_errors))
    logger.addHandler(handler)
