"""The handbook plugin's options, declared once: MkDocs reads them from mkdocs.yml for the
plugin, and the `handbook` command reads the same ones (site/engine.py)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .project import DEFAULT_DATA_DIR


class HandbookConfig(base.Config):
    data_dir = c.Type(str, default=DEFAULT_DATA_DIR)
    """Folder with the handbook's YAML data, relative to mkdocs.yml."""
    kinds = c.ListOfItems(c.Type(str), default=[])
    """Kinds of content the handbook adds: folders (relative to mkdocs.yml) or installed
    kinds, each read by loading/kind_folders.py."""
    organisation_settings = c.Type(bool, default=True)
    """Take site name, URL, repository, logo and copyright from `organisation.yml`."""
    pdf = c.Type(bool, default=True)
    """Make the PDF editions of `editions.yml` during `mkdocs build` (never during serve,
    where every reload would wait for them)."""
    paper = c.Choice(("a4", "letter"), default="a4")
    """Paper size of the PDF editions."""
    since = c.Optional(c.Type(str))
    """The previous edition for "Changes in this edition" (git ref or manifest file)."""
    build_language = c.Optional(c.Type(str))
    """Which of the handbook's languages this build makes; by default the one it is written
    in, whose build then makes the others (site/translated_sites.py sets this for them)."""
