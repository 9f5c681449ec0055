"""An entry's icon: one emoji (`🤝`), or an icon Material ships (`material/handshake`).

Material's icons are SVG files inside the theme's package; the site and the print editions
both draw them inline from there, so nothing is fetched. An icon name may be written the
way Material's own configuration writes it (`material/handshake`,
`fontawesome/solid/heart`) or as the shortcode its icon search shows
(`:material-handshake:`); it is kept in the first form.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator

from .common import problem

ICON_SETS = ("material", "fontawesome", "octicons", "simple")
MAX_EMOJI_LENGTH = 12
"""Code points in one emoji: a family or a flag is several joined together."""
# What an emoji is made of: pictographs and symbols (So), and the marks, joiners,
# selectors and skin tones that combine them (Mn, Me, Cf, Sk), plus the digits, `#` and
# `*` a keycap emoji starts with.
_EMOJI_CATEGORIES = frozenset({"So", "Sk", "Mn", "Me", "Cf"})
_KEYCAP_BASES = frozenset("0123456789#*")
_HINT = ("write one emoji (`icon: 🤝`) or the name of an icon Material ships "
         "(`icon: material/handshake`; the names are on Material's icon search page)")


@cache
def icons_folder() -> Path:
    """The folder of Material's icon sets, inside the installed theme."""
    import material  # the theme's package: where its icons live, not code we call

    return Path(material.__file__).resolve().parent / "templates" / ".icons"


def icon_file(icon: str) -> Path | None:
    """The SVG file of a Material icon name; None for an emoji."""
    if "/" not in icon:
        return None
    return icons_folder() / f"{icon}.svg"


def is_emoji(icon: str) -> bool:
    return icon_file(icon) is None


def check_icon(written: str) -> str:
    icon = written.strip()
    if icon.startswith(":") and icon.endswith(":") and len(icon) > 2:
        icon = _from_shortcode(icon[1:-1], written)
    if icon.split("/", 1)[0] in ICON_SETS:
        return _known_icon(icon)
    if _looks_like_emoji(icon):
        return icon
    raise problem(f"'{written}' is neither one emoji nor a Material icon name", _HINT)


Icon = Annotated[str, AfterValidator(check_icon)]
"""One emoji, or a Material icon name (`material/handshake`, `:material-handshake:`)."""


def _from_shortcode(code: str, written: str) -> str:
    # A shortcode joins the set, the style (Font Awesome's solid, regular, brands) and the
    # name with hyphens; the name may hold hyphens itself, so each split is tried.
    parts = code.split("-")
    for at in range(1, min(len(parts), 3)):
        candidate = "/".join(parts[:at]) + "/" + "-".join(parts[at:])
        if (icons_folder() / f"{candidate}.svg").is_file():
            return candidate
    raise problem(f"Material has no icon '{written}'", _HINT)


def _known_icon(icon: str) -> str:
    file = icon_file(icon)
    if (".." in icon.split("/") or icon.endswith("/") or file is None
            or not file.is_file()):
        raise problem(f"Material has no icon '{icon}'", _HINT)
    return icon


def _looks_like_emoji(icon: str) -> bool:
    if not 0 < len(icon) <= MAX_EMOJI_LENGTH:
        return False
    if "\u20e3" not in icon and not any(
            unicodedata.category(character) == "So" for character in icon):
        return False  # a keycap (`1️⃣`) is the one emoji without a symbol in it
    return all(unicodedata.category(character) in _EMOJI_CATEGORIES
               or (index == 0 and character in _KEYCAP_BASES)
               for index, character in enumerate(icon))
