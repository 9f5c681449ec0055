"""The handbook's own layer of Material: its page frame, footer and stylesheet.

They ship inside the package (`generator/theme/`), so a handbook folder needs nothing of
the generator's to look right, and an organisation's `overrides/` (the theme's
`custom_dir`) holds only their own changes. The layer sits between the two: what the
organisation overrides wins over it, and it wins over Material.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..model.colours import palette
from ..schema.organisation import Colours
from ..sources.print_fonts import FONTS_FOLDER
from ..sources.project import OVERRIDES_SUBFOLDER

THEME_DIR = Path(__file__).resolve().parents[1] / "theme"
STYLESHEET = "assets/stylesheets/handbook.css"
"""The layer's stylesheet, as the site links it."""
EMOJI_FONT = "assets/fonts/NotoEmoji-Regular.ttf"
"""The print editions' emoji font, which the site's stylesheet falls back to for value
icons; copied from the print fonts so the package holds one copy."""
BRAND_STYLESHEET = "assets/stylesheets/organisation-colours.css"
"""The organisation's colours, written by the plugin when organisation.yml names them."""


def add_theme_layer(config: MkDocsConfig) -> None:
    """Put the layer into the theme's search path (once) and link its stylesheet."""
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        # The organisation's custom_dir comes first in the search path; the layer next.
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    if STYLESHEET not in [str(sheet) for sheet in config.extra_css]:
        config.extra_css.insert(0, STYLESHEET)


def emoji_font_file(config: MkDocsConfig) -> File:
    """The site's copy of the emoji font (see EMOJI_FONT)."""
    return File.generated(config, EMOJI_FONT,
                          abs_src_path=str(FONTS_FOLDER / EMOJI_FONT.rsplit("/", 1)[1]))


GROUPS_SCRIPT = "assets/javascripts/handbook-groups.js"
ORIENTATION_SCRIPT = "assets/javascripts/handbook-orientation.js"
"""The filter by group, linked when organisation.yml declares groups."""


def add_groups_script(config: MkDocsConfig, groups: list[object]) -> None:
    """Link the filter by group when the organisation declares groups."""
    if groups and GROUPS_SCRIPT not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(GROUPS_SCRIPT)


def add_orientation_script(config: MkDocsConfig) -> None:
    """Link the reading progress of the orientation path (every handbook has one)."""
    if ORIENTATION_SCRIPT not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(ORIENTATION_SCRIPT)


def add_brand_stylesheet(config: MkDocsConfig, colours: Colours | None) -> None:
    """Link the stylesheet of the organisation's colours, after the layer's own."""
    if colours is not None and BRAND_STYLESHEET not in [str(s) for s in config.extra_css]:
        config.extra_css.append(BRAND_STYLESHEET)


def brand_stylesheet(colours: Colours) -> str:
    """The layer's colours set to the organisation's, and the shades mixed from them."""
    shades = palette(colours)
    return f"""/* The organisation's colours (organisation.yml), written by the handbook plugin. */
:root {{
  --hb-green: {shades.primary};
  --hb-green-light: {shades.primary_light};
  --hb-amber: {shades.accent};
  --hb-c0: {shades.primary};
}}
[data-md-color-primary="custom"] {{
  --md-primary-fg-color--dark: {shades.primary_dark};
}}
[data-md-color-accent="custom"] {{
  --md-accent-fg-color--transparent: {shades.accent_faint};
}}
[data-md-color-scheme="slate"][data-md-color-primary="custom"] {{
  --md-typeset-a-color: {shades.link_on_dark};
}}
.hb-hero {{
  background: linear-gradient(135deg, {shades.primary}, {shades.primary_dark});
}}
"""


def drop_template_overrides(files: Files, overrides: Path | None) -> None:
    """Overridden generator templates live in the theme folder but are not site assets."""
    if overrides is None:
        return
    folder = (overrides / OVERRIDES_SUBFOLDER).resolve()
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(folder):
            files.remove(file)
