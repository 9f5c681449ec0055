"""MkDocs as the command line uses it: mkdocs.yml read as MkDocs reads it, the handbook
plugin's options from it, and MkDocs' log shown in the terminal in the handbook's words."""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from mkdocs.exceptions import ConfigurationError

from ..errors import HandbookError
from ..sources.options import HandbookConfig
from ..sources.project import Project


def plugin_options(config: Any) -> Any:
    """The handbook plugin's options as MkDocs read them from mkdocs.yml (HandbookConfig),
    defaults included; the defaults alone when mkdocs.yml does not list the plugin."""
    plugin = config.plugins.get("handbook")
    if plugin is not None:
        return plugin.config
    options = HandbookConfig()
    options.load_dict({})
    options.validate()
    return options


def mkdocs_config(project: Project) -> Any:
    """mkdocs.yml as MkDocs reads it, for its Markdown extensions and theme folder."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    try:
        return load_config(str(project.config_file))
    except ConfigurationError as error:
        raise HandbookError(f"{project.display(project.config_file)}: {error}") from None


class _WorthShowing(logging.Filter):
    """Warnings, the handbook's own progress (and with -v, MkDocs' progress too).

    MkDocs logs a plugin's error and then raises it; a build shows it once, as `Error: ...`.
    A preview keeps serving after a failed rebuild, so there the logged error is the one.
    """

    def __init__(self, verbose: bool, show_build_errors: bool) -> None:
        super().__init__()
        self.verbose = verbose
        self.show_build_errors = show_build_errors

    def filter(self, record: logging.LogRecord) -> bool:
        if (record.levelno >= logging.ERROR and record.name == "mkdocs.commands.build"
                and not self.show_build_errors):
            return False
        return (record.levelno >= logging.WARNING or self.verbose
                or record.name == "mkdocs.plugins.handbook")


class _TerminalFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            return f"{record.levelname.lower()}: {message}"
        return message


def log_mkdocs_to_terminal(verbose: bool, show_build_errors: bool = False) -> None:
    """MkDocs logs through `mkdocs`; show its warnings (and with -v, its progress)."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for handler in [h for h in logger.handlers if h.name == "handbook-cli"]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.name = "handbook-cli"
    handler.setFormatter(_TerminalFormatter())
    handler.addFilter(_WorthShowing(verbose, show_build_errors))
    logger.addHandler(handler)
