"""A hand-written page cut into the blocks a translator translates one by one.

A block is what a blank line ends: a paragraph, a heading, a list, a table, an
admonition's first line. A fenced code block is one block whatever it holds, and is never
translated (nor is a block with no letters: a rule, an attribute list, a lone image). A
block's indentation (an admonition's body) is taken off its text and put back on its
translation, so a translator never has to keep it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```+|~~~+)")
_LETTER = re.compile(r"[^\W\d_]")
_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>|\{[^{}]*\}", re.DOTALL)
"""Comments, HTML tags and attribute lists (`{ .grid }`): no words to translate."""


@dataclass(frozen=True)
class Block:
    text: str
    """The block without its indentation."""
    indent: str
    translatable: bool


def blocks(markdown: str) -> list[Block | str]:
    """The page as blocks, with the blank lines between them kept as plain strings, so
    that joining everything back gives the page as it was."""
    parts: list[Block | str] = []
    lines = markdown.split("\n")
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            parts.append(lines[index])
            index += 1
            continue
        start = index
        fence = _FENCE.match(lines[index])
        if fence:  # to the closing fence, blank lines and all
            marker = fence.group(1)
            index += 1
            while index < len(lines) and not lines[index].strip().startswith(marker):
                index += 1
            index = min(index + 1, len(lines))
            parts.append(Block("\n".join(lines[start:index]), "", False))
            continue
        while index < len(lines) and lines[index].strip():
            index += 1
        parts.append(_block(lines[start:index]))
    return parts


def _block(lines: list[str]) -> Block:
    indent = min((len(line) - len(line.lstrip(" ")) for line in lines), default=0)
    text = "\n".join(line[indent:] for line in lines)
    translatable = bool(_LETTER.search(_MARKUP.sub("", text)))
    return Block(text, " " * indent, translatable)


def texts(markdown: str) -> list[str]:
    """The page's translatable blocks, in order."""
    return [part.text for part in blocks(markdown)
            if isinstance(part, Block) and part.translatable]


def translated(markdown: str, translate: Callable[[str], str]) -> str:
    """The page with each translatable block replaced by `translate(block)`, indented as
    the block was."""
    out: list[str] = []
    for part in blocks(markdown):
        if isinstance(part, str):
            out.append(part)
        elif not part.translatable:
            out.append(part.indent + part.text.replace("\n", "\n" + part.indent))
        else:
            text = translate(part.text)
            out.append("\n".join(part.indent + line if line else line
                                 for line in text.split("\n")))
    return "\n".join(out)
