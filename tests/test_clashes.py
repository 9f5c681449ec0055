"""Every file the plugin adds is checked against every other: none silently replaces one.

The generated pages, the feed, the redirects of renamed entries and the printed editions
all share the site with the hand-written pages; a clash names both sides and the fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.errors import HandbookError

from .commands import RunHandbook
from .helpers import BuildSite, load, write


def _first_published_story(project: Path) -> Path:
    return next(p for p in sorted((project / "data/stories").glob("*.yml"))
                if yaml.safe_load(p.read_text(encoding="utf-8")).get("status") == "published")


def _first_value(project: Path) -> str:
    return str(yaml.safe_load((project / "data/values.yml").read_text())["values"][0]["id"])


def _rename_first_value_from(project: Path, old_id: str) -> None:
    path = project / "data/values.yml"
    first = _first_value(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"- id: {first}\n", f"- id: {first}\n    renamed_from: "
                                 f"[{old_id}]\n", 1), encoding="utf-8")


@pytest.mark.parametrize("reserved", ["archive", "by-value", "index"])
def test_a_story_cannot_have_been_called_like_a_site_page(project: Path, reserved: str) -> None:
    story = _first_published_story(project)
    story.write_text(story.read_text(encoding="utf-8") + f"renamed_from: [{reserved}]\n",
                     encoding="utf-8")
    handbook, report = load(project)
    assert handbook is None
    [error] = report.errors
    assert (error.file, error.field) == (f"data/stories/{story.name}", "renamed_from[1]")
    assert error.line is not None and f"'{reserved}'" in error.message


def test_a_value_cannot_have_been_called_index(project: Path) -> None:
    _rename_first_value_from(project, "index")
    handbook, report = load(project)
    assert handbook is None
    assert [(e.file, e.field) for e in report.errors] == [
        ("data/values.yml", f"values[{_first_value(project)}].renamed_from[1]")]


def test_a_redirect_over_a_written_page_names_both(project: Path, build_site: BuildSite) -> None:
    _rename_first_value_from(project, "old-name")
    write(project, "handbook/values/old-name.md", "# A page by hand\n")
    with pytest.raises(HandbookError) as error:
        build_site(project)
    message = str(error.value)
    assert "handbook/values/old-name.md and the redirect from the old id 'old-name' " \
           "(renamed_from in data/values.yml) would both be /values/old-name/" in message


def test_a_written_file_in_place_of_the_feed_names_both(project: Path,
                                                        build_site: BuildSite) -> None:
    write(project, "handbook/stories/feed.xml", "<feed/>\n")
    with pytest.raises(HandbookError) as error:
        build_site(project)
    assert "handbook/stories/feed.xml and the stories feed would both be" in str(error.value)


def test_a_written_file_in_place_of_an_edition_is_found_before_printing(
        project: Path, build_site: BuildSite) -> None:
    edition = yaml.safe_load((project / "data/editions.yml").read_text())["editions"][0]["id"]
    write(project, f"handbook/editions/{edition}.pdf", "not a PDF")
    with pytest.raises(HandbookError) as error:
        build_site(project)
    assert (f"handbook/editions/{edition}.pdf and the printed file '{edition}.pdf' would both "
            "be") in str(error.value)


@pytest.mark.parametrize(("written", "generated"), [
    ("handbook/foundation.markdown", "the generated page 'foundation.md'"),
    ("handbook/Foundation.md", "the generated page 'foundation.md'"),
    ("handbook/foundation/index.html", "the generated page 'foundation.md'"),
    ("handbook/sitemap.xml", "the site's sitemap.xml"),
])
def test_every_kind_of_written_file_is_checked(project: Path, written: str, generated: str,
                                               build_site: BuildSite) -> None:
    write(project, written, "# By hand\n")
    with pytest.raises(HandbookError) as error:
        build_site(project)
    assert f"{written} and {generated}" in str(error.value)


@pytest.mark.parametrize(("written", "generated"), [
    ("handbook/Foundation.md", "the generated page 'foundation.md'"),
    ("handbook/stories/feed.xml", "the stories feed"),
    ("handbook/sitemap.xml", "the site's sitemap.xml"),
])
def test_check_finds_the_clashes_a_build_would_stop_on(
        project: Path, written: str, generated: str, run_handbook: RunHandbook) -> None:
    write(project, written, "# By hand\n")
    result = run_handbook(project, "check")
    assert result.returncode == 1
    clash = next(line for line in result.stderr.splitlines() if line.startswith("handbook/: "))
    assert clash.startswith(f"handbook/: {written} and {generated}")
    assert " would both be /" in clash
    assert f"hint: rename or move {written}" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_finds_a_written_file_in_place_of_an_edition(project: Path,
                                                           run_handbook: RunHandbook) -> None:
    edition = yaml.safe_load((project / "data/editions.yml").read_text())["editions"][0]["id"]
    write(project, f"handbook/editions/{edition}.pdf", "not a PDF")
    result = run_handbook(project, "check")
    assert result.returncode == 1
    assert f"and the printed file '{edition}.pdf' would both be" in result.stderr
