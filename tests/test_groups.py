"""Groups of the organisation (teams, shops, places): what applies to some of them alone
is marked, readers can show what applies to theirs, and an edition can be printed for
one group."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .browser import DESKTOP, serve_folder
from .helpers import BuildSite, load, make_project, write
from .pdfs import page_texts

GROUPS = ("groups:\n  - {id: riverside, name: Riverside shop}\n"
          "  - {id: online, name: Online orders}\n")
EDITION = """  - id: riverside
    title: Riverside shop
    audience: The Riverside team
    applies_to: [riverside]
    sections: [behaviours, stories]
"""


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    """The small fixture with two groups: one behaviour for the online team alone, one
    story for the Riverside shop alone, and an edition for the Riverside shop; built."""
    project = make_project(tmp_path_factory.mktemp("groups") / "project")
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + GROUPS, encoding="utf-8")
    behaviours = project / "data/behaviours.yml"
    behaviours.write_text(behaviours.read_text(encoding="utf-8").replace(
        "    audience: coworkers\n", "    audience: coworkers\n    applies_to: [online]\n", 1),
        encoding="utf-8")
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text(encoding="utf-8") + "applies_to: [riverside]\n",
                     encoding="utf-8")
    editions = project / "data/editions.yml"
    editions.write_text(editions.read_text(encoding="utf-8") + EDITION, encoding="utf-8")
    build_site(project)
    return project


def _behaviour_shown(page: Any, behaviour_id: str) -> bool:
    return bool(page.locator(f"#{behaviour_id}").locator(
        "xpath=following-sibling::div[1]").is_visible())


def test_readers_show_what_applies_to_their_group(grouped: Path, browser: Any) -> None:
    with serve_folder(grouped / "site") as url:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(url + "behaviours/")
        assert page.get_by_text("Applies to Online orders").is_visible()
        choose = page.locator("select[data-hb-group-filter]")
        assert choose.is_visible()  # the script showed the filter
        assert _behaviour_shown(page, "help-a-colleague")
        choose.select_option("riverside")
        assert not _behaviour_shown(page, "help-a-colleague")
        assert not page.locator("#help-a-colleague").is_visible()  # its heading goes too
        assert _behaviour_shown(page, "return-calls")  # for everyone: always shown
        page.reload()  # the choice is kept, in this browser only
        assert page.locator("select[data-hb-group-filter]").input_value() == "riverside"
        assert not _behaviour_shown(page, "help-a-colleague")

        page.goto(url + "stories/")  # the same choice on the board
        card = page.locator("article.hb-card", has_text="A late order explained")
        assert card.first.is_visible()
        page.locator("select[data-hb-group-filter]").select_option("online")
        assert card.count() and not card.first.is_visible()
        page.close()


def test_without_script_everything_shows(grouped: Path, browser: Any) -> None:
    with serve_folder(grouped / "site") as url:
        context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
        page = context.new_page()
        page.goto(url + "behaviours/")
        assert not page.locator("select[data-hb-group-filter]").is_visible()
        assert _behaviour_shown(page, "help-a-colleague")
        context.close()


def test_an_edition_for_one_group_prints_what_applies_to_it(grouped: Path) -> None:
    riverside = "\n".join(page_texts(grouped / "site/editions/riverside.pdf"))
    assert "Return calls within a day" in riverside  # for everyone
    assert "Help a colleague first" not in riverside  # for the online team alone
    assert "A late order explained before anyone asked" in riverside
    complete = "\n".join(page_texts(grouped / "site/editions/complete.pdf"))
    assert "Help a colleague first" in complete


def test_applies_to_names_declared_groups(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    write(project, "data/stories/late-order-explained.yml",
          (project / "data/stories/late-order-explained.yml").read_text(encoding="utf-8")
          + "applies_to: [riverside]\n")
    _, report = load(project)
    assert [(p.field, p.message) for p in report.errors] == [
        ("applies_to[1]", "unknown group 'riverside'")]
    assert "declared under `groups:` in organisation.yml" in report.errors[0].hint


def test_an_edition_cannot_list_a_story_for_other_groups(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + GROUPS, encoding="utf-8")
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text(encoding="utf-8") + "applies_to: [riverside]\n",
                     encoding="utf-8")
    editions = project / "data/editions.yml"
    editions.write_text(editions.read_text(encoding="utf-8") + EDITION.replace(
        "applies_to: [riverside]", "applies_to: [online]") + "    stories:\n"
        "      ids: [late-order-explained]\n", encoding="utf-8")
    _, report = load(project)
    assert [p.message for p in report.errors] == [
        "the story 'late-order-explained' applies to other groups than this edition's"]
