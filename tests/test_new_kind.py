"""The README's recipe for adding a kind of data, followed to the letter.

A kind the generator has never heard of (service measures) is added with nothing but a
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

from .helpers import FIXTURES, build, load, make_project, write
from .pdfs import page_texts
from .test_golden import FACTS, GENERIC_SECTION

pytestmark = pytest.mark.slow
NEW_KIND = FIXTURES / "new_kind"


class Measure(DataModel):
    """One thing the organisation measures about its service."""

    template = "measure.md.jinja"
    reading_fields = ("name", "meaning")

    id: Id
    """Stable id; the measure's page is `measures/<id>/`."""
    name: Line
    """What is measured, as readers see it."""
    meaning: Text
    """What the figure means and why it matters."""
    unit: Literal["percent", "hours", "score", "count"]
    """How the figure is counted."""
    target: int
    """The figure aimed for."""
    behaviours: list[IdRef] = Field(default_factory=list)
    """The behaviours the figure reflects, by id."""


class MeasuresFile(DataModel):
    measures: list[Measure]
    """The measures, in the order their section shows them."""


MEASURES_FILE = DataFile("measures.yml", MeasuresFile, "Measures", "What we measure.",
                         "measures.schema.json", (Measure,), ("measures",), required=False)
MEASURE = EntryKind("measure", Measure, "measures", "measures", "measure",
                    section="measures", page_folder="measures")
MEASURES = Section("measures", "measures/index.md", title="How we are doing")


@pytest.fixture
def measures_registered() -> Iterator[None]:
    with adding(files=(MEASURES_FILE,), kinds=(MEASURE,), sections=(MEASURES,)):
        yield


@pytest.fixture
def measured(tmp_path: Path, measures_registered: None) -> Path:
    """The small fixture with measures, their template, an edition that prints them, and
    their section in the nav (as an editor lists any page there)."""
    project = make_project(tmp_path / "project")
    shutil.copy(NEW_KIND / "measures.yml", project / "data" / "measures.yml")
    shutil.copy(NEW_KIND / "editions.yml", project / "data" / "editions.yml")
    shutil.copytree(NEW_KIND / "overrides", project / "overrides", dirs_exist_ok=True)
    settings = project / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    behaviours_line = re.search(r"^( *)- Behaviours: behaviours\.md\n", text, re.M)
    assert behaviours_line, "mkdocs.yml lists the behaviours page"
    indent = behaviours_line.group(1)
    settings.write_text(text.replace(
        behaviours_line.group(0),
        behaviours_line.group(0) + f"{indent}- Measures:\n{indent}    - measures/index.md\n"),
        encoding="utf-8")
    return project


def test_a_new_kind_is_loaded_and_related(measured: Path) -> None:
    handbook, report = load(measured)
    assert handbook is not None, report.format()
    assert [m.id for m in handbook.of("measure")] == ["calls-returned", "colleague-requests"]
    assert handbook.find(MEASURE, "calls-returned").target == 95
    behaviour = handbook.find("behaviour", "return-calls")
    assert [m.id for m in handbook.referrers(behaviour)["measure"]] == [
        "calls-returned", "colleague-requests"]
    planned = {page.path: page.template for page in plan_site(handbook, FACTS)}
    assert planned["measures/index.md"] == GENERIC_SECTION
    assert planned["measures/calls-returned.md"] == "measure.md.jinja"


def test_a_new_kind_s_references_are_checked_with_file_and_line(measured: Path) -> None:
    path = measured / "data" / "measures.yml"
    text = path.read_text(encoding="utf-8")
    write(measured, "data/measures.yml",
          text.replace("[help-a-colleague, return-calls]", "[help-a-colleage, return-calls]")
          .replace("id: colleague-requests", "id: calls-returned"))
    _, report = load(measured)
    lines = report.format().splitlines()
    line_of = {key: n for n, line in enumerate(text.splitlines(), 1)
               for key in ("id: colleague-requests", "behaviours: [help") if key in line}
    assert any(line.startswith(f"data/measures.yml:{line_of['behaviours: [help']}:")
               and "unknown behaviour 'help-a-colleage'" in line for line in lines), lines
    assert any(line.startswith(f"data/measures.yml:{line_of['id: colleague-requests']}:")
               and "'calls-returned' is used twice" in line for line in lines), lines


def test_a_new_kind_has_its_pages_nav_and_print(measured: Path) -> None:
    site = build(measured)
    page = (site / "measures" / "calls-returned" / "index.html").read_text(encoding="utf-8")
    assert "Calls returned within a day" in page
    assert "The share of customer calls we return within 24 hours." in page
    assert 'href="../../behaviours/#return-calls"' in page  # checked by the strict build
    section = (site / "measures" / "index.html").read_text(encoding="utf-8")
    assert "How we are doing" in section
    for measure_id in ("calls-returned", "colleague-requests"):
        assert f'href="{measure_id}/"' in section
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('md-nav--primary'):]
    assert nav.index("measures/") < nav.index("measures/calls-returned/") < nav.index(
        "measures/colleague-requests/")

    printed = "\n".join(page_texts(site / "editions" / "measures.pdf"))
    for words in ("How we are doing", "Calls returned within a day",
                  "How many requests from colleagues were answered on the same day."):
        assert words in printed


def test_a_new_kind_has_an_editor_schema_and_a_field_reference(
        measures_registered: None) -> None:
    assert '"Measure"' in render_schemas()["measures.schema.json"]
    tables = render_field_tables()
    assert "#### Measures: `data/measures.yml`" in tables
    assert "| `unit` | `percent` / `hours` / `score` / `count` | yes |" in tables


def test_the_registry_is_restored_after_the_addition(measures_registered: None) -> None:
    assert "measure" in registry().kind
    with adding(kinds=()):
        assert "measure" in registry().kind
    assert "measure" in registry().kind


def test_a_kind_added_in_one_test_is_gone_in_the_next() -> None:
    assert "measure" not in registry().kind
    assert "measures" not in registry().section
