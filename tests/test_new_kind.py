"""The README's recipe for adding a kind of data, followed to the letter.

A kind the generator has never heard of (team rituals) is added with nothing but a
model (below), its entries in the registry (below) and one page template
(tests/fixtures/new_kind/overrides/). No other line of the generator knows about it, yet
it is loaded and checked with file and line, refers to behaviours, gets a section page and
a page per entry in the nav, prints in an edition, has an editor schema and a field
reference, and shows up among what refers to a behaviour.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from pydantic import Field

from generator.authoring.editor_schemas import render_schemas
from generator.authoring.fielddocs import render_field_tables
from generator.schema.common import DataModel, Id, IdRef, Line, Text
from generator.schema.kinds import DataFile, EntryKind, Section, adding, registry
from generator.site.pages import plan_site

from .helpers import FIXTURES, BuildSite, load, make_project, write
from .pdfs import page_texts
from .test_golden import FACTS, GENERIC_SECTION

NEW_KIND = FIXTURES / "new_kind"


class Ritual(DataModel):
    """A meeting the teams hold to keep the culture alive."""

    template = "ritual.md.jinja"
    reading_fields = ("name", "purpose")

    id: Id
    """Stable id; the ritual's page is `rituals/<id>/`."""
    name: Line
    """The ritual's name, as readers see it."""
    purpose: Text
    """What it is for."""
    cadence: Literal["daily", "weekly", "monthly", "yearly"]
    """How often it is held."""
    minutes: int
    """How long it takes."""
    behaviours: list[IdRef] = Field(default_factory=list)
    """The behaviours it practises, by id."""


class RitualsFile(DataModel):
    rituals: list[Ritual]
    """The rituals, in the order their section shows them."""


RITUALS_FILE = DataFile("rituals.yml", RitualsFile, "Rituals", "How we meet.",
                        "rituals.schema.json", (Ritual,), ("rituals",), required=False)
RITUAL = EntryKind("ritual", Ritual, "rituals", "rituals", "ritual",
                   section="rituals", page_folder="rituals")
RITUALS = Section("rituals", "rituals/index.md", title="How we meet")


@pytest.fixture
def rituals_registered() -> Iterator[None]:
    with adding(files=(RITUALS_FILE,), kinds=(RITUAL,), sections=(RITUALS,)):
        yield


@pytest.fixture
def ritualised(tmp_path: Path, rituals_registered: None) -> Path:
    """The small fixture with rituals, their template, an edition that prints them, and
    their section in the nav (as an editor lists any page there)."""
    project = make_project(tmp_path / "project")
    shutil.copy(NEW_KIND / "rituals.yml", project / "data" / "rituals.yml")
    shutil.copy(NEW_KIND / "editions.yml", project / "data" / "editions.yml")
    shutil.copytree(NEW_KIND / "overrides", project / "overrides", dirs_exist_ok=True)
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    behaviours_line = re.search(r"^( *)- Behaviours: behaviours\.md\n", text, re.M)
    assert behaviours_line, "mkdocs.yml lists the behaviours page"
    indent = behaviours_line.group(1)
    settings.write_text(text.replace(
        behaviours_line.group(0),
        behaviours_line.group(0) + f"{indent}- Rituals:\n{indent}    - rituals/index.md\n"),
        encoding="utf-8")
    return project


def test_a_new_kind_is_loaded_and_related(ritualised: Path) -> None:
    handbook, report = load(ritualised)
    assert handbook is not None, report.format()
    assert [r.id for r in handbook.of("ritual")] == ["morning-huddle", "open-door-hour"]
    assert handbook.find(RITUAL, "morning-huddle").minutes == 10
    behaviour = handbook.find("behaviour", "return-calls")
    assert [r.id for r in handbook.referrers(behaviour)["ritual"]] == [
        "morning-huddle", "open-door-hour"]
    planned = {page.path: page.template for page in plan_site(handbook, FACTS)}
    assert planned["rituals/index.md"] == GENERIC_SECTION
    assert planned["rituals/morning-huddle.md"] == "ritual.md.jinja"


def test_a_new_kind_s_references_are_checked_with_file_and_line(ritualised: Path) -> None:
    path = ritualised / "data" / "rituals.yml"
    text = path.read_text(encoding="utf-8")
    write(ritualised, "data/rituals.yml",
          text.replace("[help-a-colleague, return-calls]", "[help-a-colleage, return-calls]")
          .replace("id: open-door-hour", "id: morning-huddle"))
    _, report = load(ritualised)
    lines = report.format().splitlines()
    line_of = {key: n for n, line in enumerate(text.splitlines(), 1)
               for key in ("id: open-door-hour", "behaviours: [help") if key in line}
    assert any(line.startswith(f"data/rituals.yml:{line_of['behaviours: [help']}:")
               and "unknown behaviour 'help-a-colleage'" in line for line in lines), lines
    assert any(line.startswith(f"data/rituals.yml:{line_of['id: open-door-hour']}:")
               and "'morning-huddle' is used twice" in line for line in lines), lines


def test_a_new_kind_has_its_pages_nav_and_print(ritualised: Path, build_site: BuildSite) -> None:
    site = build_site(ritualised)
    page = (site / "rituals" / "morning-huddle" / "index.html").read_text(encoding="utf-8")
    assert "The morning huddle" in page
    assert "Ten minutes before opening to share what customers are waiting for." in page
    assert 'href="../../behaviours/#return-calls"' in page  # checked by the strict build
    section = (site / "rituals" / "index.html").read_text(encoding="utf-8")
    assert "How we meet" in section
    for ritual_id in ("morning-huddle", "open-door-hour"):
        assert f'href="{ritual_id}/"' in section
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('md-nav--primary'):]
    assert nav.index("rituals/") < nav.index("rituals/morning-huddle/") < nav.index(
        "rituals/open-door-hour/")

    printed = "\n".join(page_texts(site / "editions" / "rituals.pdf"))
    for words in ("How we meet", "The morning huddle",
                  "An hour each month when anyone can bring a colleague's request that got"):
        assert words in printed


def test_a_new_kind_has_an_editor_schema_and_a_field_reference(
        rituals_registered: None) -> None:
    assert '"Ritual"' in render_schemas()["rituals.schema.json"]
    tables = render_field_tables()
    assert "#### Rituals: `data/rituals.yml`" in tables
    assert "| `cadence` | `daily` / `weekly` / `monthly` / `yearly` | yes |" in tables


def test_the_registry_is_restored_after_the_addition(rituals_registered: None) -> None:
    assert "ritual" in registry().kind
    with adding(kinds=()):
        assert "ritual" in registry().kind
    assert "ritual" in registry().kind


def test_a_kind_added_in_one_test_is_gone_in_the_next() -> None:
    assert "ritual" not in registry().kind
    assert "rituals" not in registry().section
