"""Characters the print editions cannot draw: a warning before an empty box reaches paper.

Every text in the data files and every hand-written page is looked at, since any of it
can be printed; see `sources/print_fonts.py` for which fonts print uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Problem, Severity
from ..sources.pages_source import MAX_PAGE_BYTES
from ..sources.print_fonts import describe, printable_characters, unprintable
from ..sources.safe_files import UnsafeFile, read_regular
from .references import LoadedData
from .validation import field_path


def check_printable(data: LoadedData, theme_dir: Path | None, theme_folder: str) -> list[Problem]:
    """A warning for each text holding characters none of the print fonts has.

    `theme_dir` is the theme's custom_dir (`overrides/`), where an organisation adds fonts;
    `theme_folder` is how messages name it."""
    printable = printable_characters(theme_dir)
    hint = (f"use other characters, or put a font file (.ttf or .otf) that has them into "
            f"{theme_folder}/generator/print/fonts/: the PDF editions fall back to it")
    problems = []
    for doc in data.docs.values():
        if doc.text.isascii() or not unprintable(doc.text, printable):
            continue  # most files: every character of the file is printable
        for loc, text in _texts(doc.data):
            missing = unprintable(text, printable)
            if missing:
                line, column = doc.locate_text(loc, missing[0])
                problems.append(Problem(doc.display, line, column, field_path(doc.data, loc),
                                        _message(missing), hint, Severity.WARNING))
    for page in data.pages.values():
        missing = unprintable(page.markdown, printable)
        if missing:
            place = _place_in_page(data.docs_dir / page.path, missing[0])
            problems.append(Problem(f"{data.docs_folder}/{page.path}", *place, "",
                                    _message(missing), hint, Severity.WARNING))
    return problems


def _message(missing: list[str]) -> str:
    listed = ", ".join(describe(character) for character in missing)
    return (f"no print font can draw {listed}: the PDF editions would show "
            f"{'an empty box' if len(missing) == 1 else 'empty boxes'} instead")


Place = tuple[str | int, ...]


def _texts(data: Any, loc: Place = ()) -> Iterator[tuple[Place, str]]:
    """Every text in a parsed YAML document, with its place in it."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*loc, index))


def _place_in_page(path: Path, character: str) -> tuple[int | None, int | None]:
    """1-based line and column of the first `character` in a page's file."""
    try:
        text = read_regular(path, limit=MAX_PAGE_BYTES).decode("utf-8")
    except (UnsafeFile, UnicodeDecodeError):
        return None, None
    found = text.find(character)
    if found < 0:
        return None, None
    line_start = text.rfind("\n", 0, found) + 1
    return text.count("\n", 0, found) + 1, found - line_start + 1

