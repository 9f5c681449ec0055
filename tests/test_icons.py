"""Value icons and the print fonts: what an icon may be, how it is drawn, and the warning
about characters no print font has."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from pydantic import TypeAdapter, ValidationError

from generator.errors import Severity
from generator.schema.icons import Icon, icon_file
from generator.sources.print_fonts import (
    extra_families,
    fallback_stack,
    printable_characters,
    unprintable,
)
from generator.templating import icon_html

from .helpers import load, make_project, write

ICON = TypeAdapter(Icon)
HAN = "漢"  # no shipped print font has Chinese characters


@pytest.mark.parametrize("written", ["🤝", "⚓", "❤️", "👩🏽‍🔧", "🇬🇧", "1️⃣"])
def test_an_emoji_is_an_icon(written: str) -> None:
    assert ICON.validate_python(written) == written
    assert icon_file(written) is None


@pytest.mark.parametrize(("written", "kept"), [
    ("material/handshake", "material/handshake"),
    (":material-handshake:", "material/handshake"),
    (":material-hand-heart-outline:", "material/hand-heart-outline"),
    (":fontawesome-solid-heart:", "fontawesome/solid/heart"),
    ("octicons/heart-16", "octicons/heart-16"),
])
def test_a_material_icon_is_kept_by_its_name(written: str, kept: str) -> None:
    assert ICON.validate_python(written) == kept
    file = icon_file(kept)
    assert file is not None and file.is_file()


@pytest.mark.parametrize("written", [
    "heart", "material/no-such-icon-here", ":material-no-such-icon:", "material/../logo",
    "🤝🤝 and more words", "", "A",
])
def test_anything_else_is_refused_with_the_two_forms_named(written: str) -> None:
    with pytest.raises(ValidationError) as raised:
        ICON.validate_python(written)
    error = raised.value.errors()[0]
    assert "Material" in error["msg"]
    assert "material/handshake" in error["ctx"]["hint"] and "🤝" in error["ctx"]["hint"]


def test_an_emoji_is_drawn_by_the_stylesheet_and_hidden_from_screen_readers() -> None:
    html = str(icon_html("🤝"))
    assert 'data-icon="🤝"' in html and 'aria-hidden="true"' in html
    assert "🤝</span>" not in html  # not part of the heading's text


def test_a_material_icon_is_inline_svg() -> None:
    html = str(icon_html("material/handshake"))
    assert "<svg" in html and 'aria-hidden="true"' in html
    assert str(icon_html(None)) == ""


def test_the_shipped_print_fonts_draw_emoji_and_latin_text() -> None:
    printable = printable_characters(None)
    assert unprintable("Zoë's café — “quoted” ⚓🤝👍🏽❤️", printable) == []
    assert unprintable(f"Tea {HAN} and {HAN}字", printable) == [HAN, "字"]


def _font_with(character: str, path: Path) -> Path:
    """A one-glyph TrueType font that draws `character` (a square)."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "glyph"])
    builder.setupCharacterMap({ord(character): "glyph"})
    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 700))
    pen.lineTo((800, 700))
    pen.lineTo((800, 0))
    pen.closePath()
    square = pen.glyph()
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph(), "glyph": square})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "glyph": (900, 100)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test Han", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))
    return path


def test_a_font_added_to_the_overrides_becomes_a_fallback(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    assert extra_families(overrides) == []
    font = _font_with(HAN, overrides / "generator/print/fonts/our-han.ttf")
    assert extra_families(overrides) == [("Handbook Extra 1", font.resolve().as_uri())]
    assert fallback_stack(overrides).endswith('"Handbook Mono", "Handbook Extra 1"')
    assert unprintable(HAN, printable_characters(overrides)) == []


def test_check_warns_where_a_character_cannot_be_printed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    values = project / "data" / "values.yml"
    text = values.read_text(encoding="utf-8")
    first_name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    values.write_text(text.replace(first_name, f"{first_name} {HAN}", 1), encoding="utf-8")
    write(project, "handbook/welcome-too.md", f"# Hello\n\nA greeting: {HAN}\n")
    handbook, report = load(project)
    assert handbook is not None, report.format()
    found = [p for p in report.problems if "no print font can draw" in p.message]
    assert [p.severity for p in found] == [Severity.WARNING, Severity.WARNING]
    in_values, in_page = sorted(found, key=lambda p: p.file)
    assert in_values.file == "data/values.yml" and in_values.field.endswith(".name")
    line_number = text.splitlines().index(first_name) + 1
    assert (in_values.line, in_values.column) == (line_number, len(first_name) + 2)
    assert "U+6F22" in in_values.message and "overrides/generator/print/fonts/" in in_values.hint
    assert (in_page.file, in_page.line, in_page.column) == ("handbook/welcome-too.md", 3, len("A greeting: ") + 1)
