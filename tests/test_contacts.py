"""Who to ask about what (`contacts` in organisation.yml): on the home page, on the page
for a missing address, in the orientation booklet, and found by search."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from generator.site.page import BuildFacts
from generator.site.pages import plan_site, render_site
from generator.templating import make_environment

from .commands import RunHandbook
from .helpers import load, make_project
from .pdfs import page_texts

CONTACTS = """
contacts:
  - about: Sickness, leave and pay
    who: The people team
    how: extension 210
    url: https://intranet.quayside.example/people
  - about: Tills and passwords
    who: The IT help desk
  - about: This handbook
    who: Its curators
    how: curators@quayside.example
"""
ABOUT = ["Sickness, leave and pay", "Tills and passwords", "This handbook"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, run_handbook: RunHandbook) -> Path:
    project = make_project(tmp_path_factory.mktemp("contacts") / "project")
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text() + CONTACTS)
    built = run_handbook(project, "build")
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_each_contact_is_an_item_of_its_own(tmp_path: Path) -> None:
    """Whatever each contact holds (a way to reach them, an address, neither), it is one
    list item: a template line that ends in a block tag loses its line break."""
    project = make_project(tmp_path / "project")
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text() + CONTACTS)
    handbook, report = load(project)
    assert handbook is not None, report.format()
    home = render_site(handbook, make_environment("pages", None, handbook.words, handbook.registry),
                       plan_site(handbook, BuildFacts(today=date(2026, 11, 23))))["index.md"]
    items = [line for line in home.splitlines() if line.startswith("- **")]
    assert [re.match(r"- \*\*(.+?)\*\*", line).group(1) for line in items] == ABOUT  # type: ignore[union-attr]


def test_the_home_page_and_the_missing_page_say_who_to_ask(site: Path) -> None:
    for page in ("index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "Who to ask" in html, page
        listed = re.search(r'Who to ask(?:<a [^>]*>[^<]*</a>)?</h2>\s*<ul[^>]*>(.*?)</ul>',
                           html, re.S)
        assert listed and listed.group(1).count("<li>") == len(ABOUT), page
        assert "<strong>Sickness, leave and pay</strong>: The people team, extension 210" in html
        assert 'href="https://intranet.quayside.example/people"' in html
        assert "<strong>Tills and passwords</strong>: The IT help desk" in html


def test_every_edition_says_who_to_ask(site: Path) -> None:
    editions = [pdf for pdf in sorted((site / "editions").glob("*.pdf"))
                if not pdf.name.startswith("notice-board")]  # a poster of stories
    assert len(editions) >= 2
    for pdf in editions:
        text = " ".join(" ".join(page_texts(pdf)).split())
        assert "Who to ask" in text, pdf.name
        assert "This handbook: Its curators, curators@quayside.example" in text, pdf.name


def test_the_orientation_booklet_says_who_to_ask(site: Path) -> None:
    booklet = " ".join(" ".join(page_texts(site / "editions/orientation.pdf")).split())
    assert "Who to ask" in booklet
    assert "Sickness, leave and pay: The people team, extension 210" in booklet


def test_search_finds_who_to_ask(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    found = [doc["location"] for doc in index["docs"] if "Sickness, leave and pay" in doc["text"]]
    assert found and all(location.endswith("#contacts") for location in found)
