"""Golden tests: the Markdown of every generated page of the small fixture, kept in
tests/golden/small/. After an intended template change, review and refresh them with
`pytest tests/test_golden.py --update-golden`, then read the diff before committing."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.kinds import BUILT_IN
from generator.site.page import BuildFacts
from generator.site.pages import plan_site, render_site
from generator.templating import make_environment

from .helpers import REPO, load

GOLDEN = Path(__file__).parent / "golden" / "small"
FACTS = BuildFacts(today=date(2026, 11, 23))
"""The day the goldens are built as of: fixed, as a build's date comes from its commit."""
TEMPLATES = REPO / "generator" / "templates"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from .helpers import make_project

    project = make_project(tmp_path_factory.mktemp("golden") / "project")
    handbook, report = load(project)
    assert handbook is not None, report.format()
    pages = render_site(handbook, make_environment("pages", None, handbook.words, handbook.registry),
                        plan_site(handbook, FACTS))
    return {path: _chart_drawn(text) for path, text in pages.items()}


_CHART = re.compile(r'(<svg class="hb-chart"[^>]*>.*?</desc>).*?</svg>', re.S)


def _chart_drawn(text: str) -> str:
    """A chart's drawing is matplotlib's markup, which may change with its version: the
    goldens keep the chart's element, name and description, not its paths."""
    return _CHART.sub(r"\1(drawn by matplotlib)</svg>", text)


GENERIC_SECTION = "section.md.jinja"


def test_every_page_kind_has_golden_coverage(tmp_path: Path) -> None:
    from .helpers import make_project

    handbook, _ = load(make_project(tmp_path / "p"))
    assert handbook is not None
    used = {page.template for page in plan_site(handbook, FACTS)}
    shipped = {p.name for folder in (TEMPLATES, *BUILT_IN.template_folders)
               for p in (folder / "pages").glob("*.md.jinja") if not p.name.startswith("_")}
    # The page of a section without a template of its own: no built-in section is one;
    # test_new_kind.py renders it for a kind added to the registry.
    assert used | {GENERIC_SECTION} == shipped


def test_generated_markdown_matches_golden(
    rendered: dict[str, str], request: pytest.FixtureRequest
) -> None:
    if request.config.getoption("--update-golden"):
        for path, text in rendered.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in GOLDEN.rglob("*.md")
    }
    assert sorted(rendered) == sorted(expected), "pages added or removed: refresh the goldens"
    for path, text in rendered.items():
        assert text == expected[path], f"{path} differs from tests/golden/small/{path}"
