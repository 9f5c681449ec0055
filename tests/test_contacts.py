"""Who to ask about what (`contacts` in organisation.yml): on the home page, on the page
for a missing address, in the orientation booklet, and found by search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .commands import RunHandbook
from .helpers import make_project
from .pdfs import page_texts

CONTACTS = """
contacts:
  - about: Sickness, leave and pay
    who: The people team
    how: extension 210
    url: https://intranet.quayside.example/people
  - about: Tills and passwords
    who: The IT help desk
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, run_handbook: RunHandbook) -> Path:
    project = make_project(tmp_path_factory.mktemp("contacts") / "project")
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text() + CONTACTS)
    built = run_handbook(project, "build")
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_the_home_page_and_the_missing_page_say_who_to_ask(site: Path) -> None:
    for page in ("index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "Who to ask" in html, page
        assert "<strong>Sickness, leave and pay</strong>: The people team, extension 210" in html
        assert 'href="https://intranet.quayside.example/people"' in html
        assert "<strong>Tills and passwords</strong>: The IT help desk" in html


def test_the_orientation_booklet_says_who_to_ask(site: Path) -> None:
    booklet = " ".join(" ".join(page_texts(site / "editions/orientation.pdf")).split())
    assert "Who to ask" in booklet
    assert "Sickness, leave and pay: The people team, extension 210" in booklet


def test_search_finds_who_to_ask(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    found = [doc["location"] for doc in index["docs"] if "Sickness, leave and pay" in doc["text"]]
    assert found and all(location.endswith("#contacts") for location in found)
