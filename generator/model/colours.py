"""The organisation's colours: the shades the site and the prints derive from them, and
whether white text stays readable on them.

`organisation.yml` names a primary colour (the header, headings, the first badge) and an
accent (links on hover, focus rings, print labels); everything else is mixed from those
two, so an organisation sets two values and the whole handbook follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..schema.organisation import Colours

READABLE_TEXT = 4.5
"""WCAG's contrast for body text; white text sits on the primary colour."""
READABLE_MARK = 3.0
"""WCAG's contrast for marks and outlines; the accent draws focus rings on white."""


@dataclass(frozen=True)
class Palette:
    """Every shade the stylesheets use, as `#rrggbb`."""

    primary: str
    primary_light: str
    primary_dark: str
    primary_tint: str
    """A wash of the primary colour, for backgrounds behind text."""
    link_on_dark: str
    """Links in the dark scheme: the primary colour lightened until it reads on near-black."""
    accent: str
    accent_faint: str
    """The accent at one tenth, as `rgba(...)`, for hover backgrounds."""


HANDBOOK_PALETTE = Palette(
    primary="#2e5e4e", primary_light="#3f7a64", primary_dark="#1f4036",
    primary_tint="#eef4f1", link_on_dark="#8fd1b5", accent="#b45309",
    accent_faint="rgba(180, 83, 9, 0.1)")
"""The handbook's own shades, tuned by hand, for organisations that name no colours."""


def palette(colours: Colours | None) -> Palette:
    if colours is None:
        return HANDBOOK_PALETTE
    primary = colours.primary.lower()
    accent = (colours.accent or HANDBOOK_PALETTE.accent).lower()
    red, green, blue = _rgb(accent)
    return Palette(
        primary=primary,
        primary_light=mix(primary, "#ffffff", 0.15),
        primary_dark=mix(primary, "#000000", 0.22),
        primary_tint=mix(primary, "#ffffff", 0.92),
        link_on_dark=mix(primary, "#ffffff", 0.6),
        accent=accent,
        accent_faint=f"rgba({red}, {green}, {blue}, 0.1)",
    )


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way toward `other`."""
    pairs = zip(_rgb(colour), _rgb(other), strict=True)
    return "#" + "".join(f"{round(a + (b - a) * amount):02x}" for a, b in pairs)


def contrast(colour: str, other: str) -> float:
    """WCAG's contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(colour), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(c) for c in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
