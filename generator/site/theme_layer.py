"""The handbook's own layer of Material: its page frame, footer and stylesheet.

They ship inside the package (`generator/theme/`), so a handbook folder needs nothing of
the generator's to look right, and an organisation's `overrides/` (the theme's
`custom_dir`) holds only their own changes. The layer sits between the two: what the
organisation overrides wins over it, and it wins over Material.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

THEME_DIR = Path(__file__).resolve().parents[1] / "theme"
STYLESHEET = "assets/stylesheets/handbook.css"
"""The layer's stylesheet, as the site links it."""


def add_theme_layer(config: MkDocsConfig) -> None:
    """Put the layer into the theme's search path (once) and link its stylesheet."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        # The organisation's custom_dir comes first in the search path; the layer next.
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    if STYLESHEET not in [str(sheet) for sheet in config.extra_css]:
        config.extra_css.insert(0, STYLESHEET)
