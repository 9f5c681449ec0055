"""The foundation drawn as a building: its layers stacked from the ground up (the first
layer at the bottom, the last as the roof), each element a block with its number and name,
linking to where the element is described.

Drawn from the data as SVG, the same for the site and the print editions; its colours come
from the stylesheets (classes `hb-fd-*`), so it follows the site's light and dark schemes
and the organisation's colours. An SVG needs no script and no request to be read, and its
`<title>` names the group and each link reads as its element, for a screen reader.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..kinds.foundation.kind import Element
from .handbook import Handbook

WIDTH = 720
PADDING = 14
PER_ROW = 4
BLOCK_HEIGHT = 58
LABEL_HEIGHT = 26
ROOF_HEIGHT = 44
CHARACTERS_PER_LINE = 24
LINE_HEIGHT = 14


@dataclass(frozen=True)
class Block:
    element: Element
    number: int
    x: float
    y: float
    width: float


@dataclass(frozen=True)
class Band:
    name: str
    y: float
    height: float
    blocks: tuple[Block, ...]
    roof: bool


def layout(handbook: Handbook) -> tuple[list[Band], float]:
    """The bands from top to bottom (the last layer first) and the drawing's height."""
    bands: list[Band] = []
    y = 0.0
    layers = list(handbook.layers)
    for index, layer in enumerate(reversed(layers)):
        roof = index == 0 and len(layers) > 1
        if roof:
            y += ROOF_HEIGHT
        elements = handbook.elements_by_layer.get(layer.id, [])
        rows = max(1, -(-len(elements) // PER_ROW))
        height = LABEL_HEIGHT + rows * (BLOCK_HEIGHT + PADDING) + PADDING / 2
        blocks = []
        for position, element in enumerate(elements):
            row, column = divmod(position, PER_ROW)
            in_row = min(PER_ROW, len(elements) - row * PER_ROW)
            width = (WIDTH - 2 * PADDING - (in_row - 1) * PADDING) / in_row
            blocks.append(Block(
                element, handbook.element_number(element),
                PADDING + column * (width + PADDING),
                y + LABEL_HEIGHT + row * (BLOCK_HEIGHT + PADDING), width))
        bands.append(Band(layer.name, y, height, tuple(blocks), roof))
        y += height + 6
    return bands, y


Paint = dict[str, dict[str, str]]
"""For each class of the drawing (`hb-fd-roof`), the SVG attributes that paint it, for a
renderer that does not style SVG from the page's stylesheet (WeasyPrint)."""


def foundation_svg(handbook: Handbook, href: Callable[[Element], str], title: str,
                   paint: Paint | None = None) -> Markup:
    """The drawing as inline SVG; `href` gives each element's link. Without `paint`, the
    page's stylesheet colours it through the `hb-fd-*` classes."""
    bands, height = layout(handbook)

    def look(name: str) -> str:
        attributes = (paint or {}).get(name, {})
        return f'class="{name}"' + "".join(f' {key}="{escape(value)}"'
                                            for key, value in attributes.items())

    parts = [f'<svg class="hb-foundation-diagram" viewBox="0 0 {WIDTH} {height:.0f}" '
             f'role="group" aria-labelledby="hb-fd-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="hb-fd-title">{escape(title)}</title>']
    for band in bands:
        if band.roof:
            parts.append(f'<polygon {look("hb-fd-roof")} points="0,{band.y:.0f} {WIDTH / 2:.0f},'
                         f'{band.y - ROOF_HEIGHT:.0f} {WIDTH},{band.y:.0f}"/>')
        parts.append(f'<rect {look("hb-fd-band")} x="0" y="{band.y:.0f}" width="{WIDTH}" '
                     f'height="{band.height:.0f}" rx="4"/>')
        parts.append(f'<text {look("hb-fd-label")} x="{PADDING}" y="{band.y + 18:.0f}">'
                     f'{escape(band.name)}</text>')
        for block in band.blocks:
            parts.append(_block(block, href(block.element), look))
    parts.append("</svg>")
    return Markup("".join(parts))


def _block(block: Block, link: str, look: Callable[[str], str]) -> str:
    lines = textwrap.wrap(f"{block.number}. {block.element.name}",
                          max(8, int(CHARACTERS_PER_LINE * block.width / 160)))[:3]
    top = block.y + BLOCK_HEIGHT / 2 - (len(lines) - 1) * LINE_HEIGHT / 2 + 4
    text = "".join(
        f'<tspan x="{block.x + block.width / 2:.0f}" y="{top + index * LINE_HEIGHT:.0f}">'
        f"{escape(line)}</tspan>" for index, line in enumerate(lines))
    return (f'<a href="{escape(link)}"><rect {look("hb-fd-block")} x="{block.x:.0f}" '
            f'y="{block.y:.0f}" width="{block.width:.0f}" height="{BLOCK_HEIGHT}" rx="3"/>'
            f'<text {look("hb-fd-text")} text-anchor="middle">{text}</text></a>')
