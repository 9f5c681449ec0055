"""The fonts the print editions are set in, and which characters they can draw.

WeasyPrint draws a character with the first font of the text's `font-family` that has it,
and when none has it, with whatever font the machine happens to have, or as an empty box.
Either way the PDF would depend on the machine, so every print font stack ends with all
the fonts the handbook ships (Lato, Noto Emoji, DejaVu Sans Mono) and any extra font an
organisation drops into `overrides/generator/print/fonts/`; `handbook check` warns about
any character none of them has.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from ..errors import HandbookError
from .project import OVERRIDES_SUBFOLDER

FONTS_FOLDER = Path(__file__).resolve().parent.parent / "templates" / "print" / "fonts"
FONT_SUFFIXES = (".ttf", ".otf")
SHIPPED_FAMILIES = ('"Handbook Sans"', '"Handbook Emoji"', '"Handbook Mono"')
"""The families `_fonts.css` declares from the shipped files, in the order a character
is looked for in them."""

# Characters that are never drawn on their own: they join, select the look of, or tint
# the character before them (a zero-width joiner, the emoji presentation selector, a skin
# tone), or they are spacing and line breaks.
_NOT_DRAWN_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_SELECTORS = range(0xFE00, 0xFE10)


def overrides_fonts_folder(overrides_dir: Path | None) -> Path | None:
    """Where an organisation's own print fonts go (`overrides/generator/print/fonts/`)."""
    if overrides_dir is None:
        return None
    return overrides_dir / OVERRIDES_SUBFOLDER / "print" / "fonts"


def font_url(name: str, overrides_dir: Path | None) -> str:
    """A font file's address, overrides first; a missing file stops the edition."""
    candidates = [FONTS_FOLDER / name]
    own = overrides_fonts_folder(overrides_dir)
    if own is not None:
        candidates.insert(0, own / name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve().as_uri()
    raise HandbookError(
        f"the font file '{name}' was not found in {candidates[0].parent}"
        + (f" or {candidates[1].parent}" if len(candidates) > 1 else "")
        + "; put it there or change the @font-face rule that asks for it"
    )


def extra_fonts(overrides_dir: Path | None) -> list[Path]:
    """Font files the organisation added beside (not instead of) the shipped ones."""
    own = overrides_fonts_folder(overrides_dir)
    if own is None or not own.is_dir():
        return []
    shipped = {path.name for path in _font_files(FONTS_FOLDER)}
    return [path for path in _font_files(own) if path.name not in shipped]


def extra_families(overrides_dir: Path | None) -> list[tuple[str, str]]:
    """(family name, file address) of each extra font, for `_fonts.css` to declare."""
    return [(f"Handbook Extra {number}", path.resolve().as_uri())
            for number, path in enumerate(extra_fonts(overrides_dir), start=1)]


def fallback_stack(overrides_dir: Path | None) -> str:
    """The families every print font stack ends with, so a character missing from the
    text's own font is drawn by a font the handbook ships, never by the machine's."""
    extras = [f'"{family}"' for family, _ in extra_families(overrides_dir)]
    return ", ".join([*SHIPPED_FAMILIES, *extras])


class Coverage:
    """Which characters the print fonts can draw, read from the fonts as they are needed:
    the shipped files (or the organisation's replacements of them), then the extra fonts.

    Most text needs only the first font read (Lato has every Latin, Greek and Cyrillic
    letter and the usual punctuation), so a check of a large handbook seldom reads more.
    """

    def __init__(self, files: list[Path]) -> None:
        self._unread = list(files)
        self._characters: set[int] = set()

    def __contains__(self, code: object) -> bool:
        while code not in self._characters and self._unread:
            self._characters |= _characters_of(self._unread.pop(0))
        return code in self._characters


def printable_characters(overrides_dir: Path | None) -> Coverage:
    """Every character some print font can draw (see Coverage)."""
    own = overrides_fonts_folder(overrides_dir)
    files = []
    for shipped in _font_files(FONTS_FOLDER):
        replacement = own / shipped.name if own is not None else None
        files.append(replacement if replacement is not None and replacement.is_file()
                     else shipped)
    return Coverage([*files, *extra_fonts(overrides_dir)])


def unprintable(text: str, printable: Coverage) -> list[str]:
    """The characters of `text` no print font can draw, each once, in order of appearance."""
    if text.isascii():
        return []  # Lato has every printable ASCII character
    missing: list[str] = []
    for character in text:
        code = ord(character)
        if (code in printable or code in _SELECTORS or character in missing
                or unicodedata.category(character) in _NOT_DRAWN_CATEGORIES):
            continue
        missing.append(character)
    return missing


def describe(character: str) -> str:
    """`'🫶' (U+1FAF6 HEART HANDS)`, for a message."""
    name = unicodedata.name(character, "")
    return f"'{character}' (U+{ord(character):04X}{' ' + name if name else ''})"


# The files most text is drawn from come first, so Coverage seldom reads the others.
_READ_FIRST = ("Lato-Regular.ttf", "NotoEmoji-Regular.ttf", "DejaVuSansMono.ttf")


def _font_files(folder: Path) -> list[Path]:
    found = [path for path in folder.iterdir()
             if path.suffix.lower() in FONT_SUFFIXES and path.is_file()]
    return sorted(found, key=lambda path: (
        _READ_FIRST.index(path.name) if path.name in _READ_FIRST else len(_READ_FIRST),
        path.name))


def _characters_of(path: Path) -> frozenset[int]:
    return _read_characters(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _read_characters(path: str, _modified: int) -> frozenset[int]:
    # fontTools comes with WeasyPrint; only the character map of the file is read.
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, lazy=True)
        characters = frozenset(font.getBestCmap() or {})
        font.close()
    except Exception as error:  # fontTools raises many kinds on a damaged file
        raise HandbookError(
            f"{path}: cannot be read as a font ({error}); replace it with a TrueType "
            "or OpenType file, or remove it") from None
    return characters
