"""A second organisation's handbook, written from the README alone, builds strict.

`handbook init` makes the folder; the files of `fixtures/adopted/` are laid over it (its own
welcome and contribute pages, and data): values
with principles, an introduction and icons (two emoji, one Material shortcode), a declared
`managers` audience, a story that credits a team and is dated by month, an anonymised one
dated by year. The site shows them and the PDFs print the emoji in the shipped font.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .browser import DESKTOP, serve_folder
from .commands import RunHandbook
from .helpers import FIXTURES
from .pdfs import page_texts

ADOPTED = FIXTURES / "adopted"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, run_handbook: RunHandbook) -> Path:
    where = tmp_path_factory.mktemp("adopted")
    folder = where / "northwind"
    made = run_handbook(where, "init", str(folder), "--name", "Northwind Ferries",
                        "--site-url", "https://handbook.northwind.example/",
                        "--generator", "0.1.0")
    assert made.returncode == 0, made.stderr
    # The starter's examples replaced: data and pages of its own, then the forms and
    # schemas brought up to date with them, as `handbook check` asks.
    shutil.copytree(ADOPTED / "data", folder / "data", dirs_exist_ok=True)
    shutil.copytree(ADOPTED / "handbook", folder / "handbook", dirs_exist_ok=True)
    refreshed = run_handbook(folder, "refresh")
    assert refreshed.returncode == 0, refreshed.stderr
    checked = run_handbook(folder, "check", "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_handbook(folder, "build")  # strict unless told otherwise
    assert built.returncode == 0, built.stdout + built.stderr
    return folder / "site"


def test_the_pdfs_embed_the_shipped_emoji_font(site: Path) -> None:
    for pdf in ("complete.pdf", "orientation.pdf"):
        listed = subprocess.run(["pdffonts", str(site / "editions" / pdf)],
                                capture_output=True, text=True, check=True).stdout
        if pdf == "complete.pdf":  # the orientation booklet holds no value heading
            assert "Handbook-Emoji" in listed, listed
        assert "Handbook-Sans" in listed


def test_the_complete_edition_prints_principles_and_approximate_dates(site: Path) -> None:
    text = "\n".join(page_texts(site / "editions" / "complete.pdf"))
    for piece in ("Anyone can stop the ramp", "Say it twice", "spell SAIL",
                  "June 2019", "The night crew of the Osprey", "2021"):
        assert piece in text, piece
    assert "2019-06-" not in text and "2021-01-01" not in text


def test_the_site_shows_the_adopted_schema(site: Path) -> None:
    value = (site / "values" / "safety" / "index.html").read_text(encoding="utf-8")
    assert 'id="stop-the-ramp"' in value and 'id="say-it-twice"' in value
    behaviours = (site / "behaviours" / "index.html").read_text(encoding="utf-8")
    assert "hb-audience--managers" in behaviours and "Tell the duty manager early" in behaviours
    story = (site / "stories" / "night-crossing-crew" / "index.html").read_text(encoding="utf-8")
    assert "June 2019" in story and "The night crew of the Osprey" in story
    assert "A letter from the bride" in story
    leadership = (site / "values" / "leadership" / "index.html").read_text(encoding="utf-8")
    assert "<svg" in leadership  # the Material icon, drawn inline


def test_emoji_icons_draw_in_the_browser_from_the_shipped_font(site: Path, browser: Any) -> None:
    """This machine has no emoji font of its own, so the icon can only come from the font
    the site ships; it loads from the site itself."""
    with serve_folder(site) as base:
        page = browser.new_page(viewport=DESKTOP)
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + "values/")
        page.wait_for_load_state("networkidle")
        icons = page.eval_on_selector_all(
            ".hb-icon--emoji",
            "nodes => nodes.map(n => getComputedStyle(n, '::before').content)")
        assert icons[:2] == ['"⚓"', '"🤝"']
        loaded = page.evaluate(
            "document.fonts.ready.then(() => [...document.fonts]"
            ".filter(f => f.family.includes('Handbook Emoji')).map(f => f.status))")
        assert loaded == ["loaded"]
        assert all(url.startswith(base) for url in requests), requests
        contents = page.inner_text(".md-sidebar--secondary")
        assert "Safety first" in contents and "⚓" not in contents
        page.close()
