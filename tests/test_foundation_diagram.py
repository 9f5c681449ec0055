"""The foundation drawn as a building: every layer a band, the last one the roof, every
element a block linking to where it is described; names are text, never markup."""

from __future__ import annotations

import re
from pathlib import Path

from generator.model.foundation_diagram import foundation_svg, layout

from .helpers import load, make_project


def test_every_layer_and_element_is_drawn_and_linked(tmp_path: Path) -> None:
    handbook = load(make_project(tmp_path / "project"))[0]
    assert handbook is not None
    bands, height = layout(handbook)
    assert [band.name for band in bands] == [layer.name for layer in reversed(handbook.layers)]
    assert bands[0].roof is (len(bands) > 1) and not any(band.roof for band in bands[1:])
    drawn = [block.element.id for band in bands for block in band.blocks]
    assert sorted(drawn) == sorted(element.id for element in handbook.elements)
    svg = str(foundation_svg(handbook, lambda element: f"#{element.id}", "The foundation"))
    assert svg.startswith("<svg") and 'role="group"' in svg
    assert sorted(re.findall(r'<a href="#([^"]+)">', svg)) == sorted(drawn)
    assert f'viewBox="0 0 720 {height:.0f}"' in svg


def test_names_are_drawn_as_text(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    foundation = project / "data/foundation.yml"
    text = foundation.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("    name:"))
    foundation.write_text(text.replace(name, '    name: "A <b>bold</b> & odd one"', 1),
                          encoding="utf-8")
    handbook = load(project)[0]
    assert handbook is not None
    svg = str(foundation_svg(handbook, lambda element: f"#{element.id}", "T",
                             {"hb-fd-block": {"fill": '"red'}}))
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "&amp; odd" in svg
    assert 'fill="&#34;red"' in svg
