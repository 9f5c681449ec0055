"""Whole strict builds through MkDocs, in-process, of the shipped handbook and the fixture."""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.errors import HandbookError, Severity
from generator.kinds import VALUE
from generator.model.colours import contrast
from generator.site.nav import in_nav

from .helpers import (
    REPO,
    BuildSite,
    all_site_text,
    load,
    make_project,
    make_shipped_project,
    weaken_a_story,
    write,
)
from .pdfs import page_texts
from .shipped import shipped_handbook


def _nav_links(html: str) -> list[str]:
    """Links of the primary navigation (the sidebar) of one built page."""
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', html, re.S)
    assert nav, "no primary navigation found"
    return re.findall(r'href="([^"]+)"', nav.group(0))


def _search_index(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search/search_index.json").read_text())["docs"]


def test_shipped_handbook_has_a_page_for_every_entry(shipped_site: Path) -> None:
    handbook, report = load(REPO)
    # Valid as `check --strict` has it; advice (a value with no story yet) is allowed.
    assert handbook is not None and not report.fails(strict=True), report.format()
    for value in handbook.values:
        page = (shipped_site / "values" / value.id / "index.html").read_text()
        assert f">{value.name}<" in page
    behaviours = (shipped_site / "behaviours/index.html").read_text()
    for behaviour in handbook.behaviours:
        assert f'id="{behaviour.id}"' in behaviours
    foundation = (shipped_site / "foundation/index.html").read_text()
    for element in handbook.elements:
        assert f'id="{element.id}"' in foundation
    for story in handbook.published:
        assert (shipped_site / "stories" / story.id / "index.html").is_file()


@pytest.mark.sample
def test_the_sample_shows_every_kind_of_entry() -> None:
    """The shipped handbook is a full demonstration: enough of everything, and a draft and
    a retired story for the tests of what stays hidden."""
    handbook, _ = load(REPO)
    assert handbook is not None
    assert len(handbook.published) >= 12 and len(handbook.values) >= 6
    assert {s.status for s in handbook.stories if not s.is_published} == {"draft", "retired"}


def test_shipped_unpublished_stories_appear_nowhere(shipped_site: Path) -> None:
    handbook, _ = load(REPO)
    assert handbook is not None
    hidden = [s for s in handbook.stories if not s.is_published]
    if not hidden:
        pytest.skip("this handbook has no draft or retired story")
    for story in hidden:
        retired_page = shipped_site / "stories" / story.id / "index.html"
        if story.status == "retired":  # its address says so, and nothing more
            page = retired_page.read_text()
            assert "This story was retired" in page
        else:
            assert not retired_page.exists()
        text = all_site_text(shipped_site)
        assert story.title not in text
        assert story.people[0].name not in text


def test_story_pages_stay_out_of_the_nav(shipped_site: Path) -> None:
    handbook = shipped_handbook()
    html = (shipped_site / "stories/index.html").read_text()
    links = _nav_links(html)
    first_value = f"values/{handbook.values[0].id}/"
    if in_nav(handbook, VALUE):  # value pages are listed, up to a limit
        assert any(link.endswith(first_value) for link in links)
    assert not [link for link in links if re.search(r"stories/[a-z0-9-]+/$", link)]
    # Every published story can be reached without the nav, from the board's archives.
    archive = all_site_text(shipped_site / "stories")
    assert all(f"{story.id}/" in archive for story in handbook.published)


def test_small_fixture_builds_strictly_with_no_draft_anywhere(small_site: Path) -> None:
    text = all_site_text(small_site)
    assert "DRAFT-ONLY-TITLE" not in text and "unfinished-draft" not in text
    for path in ("index.html", "values/index.html", "values/respect/index.html",
                 "values/keep-promises/index.html", "foundation/index.html",
                 "behaviours/index.html", "stories/index.html", "stories/signed-copy-found/index.html",
                 "stories/late-order-explained/index.html", "stories/archive/index.html",
                 "stories/archive/2026-10/index.html", "stories/by-value/index.html",
                 "orientation/index.html"):
        assert (small_site / path).is_file(), path


def test_stories_are_searchable_but_listings_are_not(small_site: Path) -> None:
    entries = _search_index(small_site)
    locations = {entry["location"].split("#")[0] for entry in entries}
    assert "stories/signed-copy-found/" in locations
    assert "stories/archive/2026-10/" not in locations
    assert "stories/by-value/" not in locations
    tip = [e for e in entries if "Ask other shops" in e["text"]]
    assert tip, "the story's tip is in the search index"


def test_stories_by_value_lists_stories_under_each_value(small_site: Path) -> None:
    listing = (small_site / "stories/by-value/index.html").read_text()
    assert 'id="keep-promises"' in listing and 'id="respect"' in listing
    assert "../signed-copy-found/" in listing and "../late-order-explained/" in listing
    section = listing.split('id="keep-promises"', 1)[1]
    assert "../../values/keep-promises/" in section.split("<h2", 1)[0]  # the value, once
    story_links = re.findall(r'<li><a href="([^"]+)"', listing)
    assert story_links and not any("values/" in href for href in story_links)


def test_edit_links_open_the_data_file(small_site: Path) -> None:
    story = (small_site / "stories/signed-copy-found/index.html").read_text()
    assert ('href="https://git.example.org/quayside/handbook/edit/main/data/stories/'
            'signed-copy-found.yml"') in story
    welcome = (small_site / "welcome/index.html").read_text()
    assert 'href="https://git.example.org/quayside/handbook/edit/main/handbook/welcome.md"' in welcome


def test_organisation_settings_reach_the_site(small_site: Path) -> None:
    home = (small_site / "index.html").read_text()
    assert "<title>Quayside Books handbook</title>" in home
    assert "A small fictional bookshop" in home


def test_nothing_is_written_into_the_docs_or_data_folders(project: Path,
                                                          build_site: BuildSite) -> None:
    """Only the site and the cache of laid-out editions (.cache/, which git ignores) are
    written: nothing beside the sources."""
    def files() -> list[Path]:
        return sorted(p.relative_to(project) for p in project.rglob("*")
                      if not {"site", ".cache"} & set(p.relative_to(project).parts))

    before = files()
    build_site(project)
    assert files() == before


def test_generated_page_clashing_with_a_written_one_names_both(
        project: Path, build_site: BuildSite) -> None:
    write(project, "handbook/values.md", "# Values by hand\n")
    write(project, "handbook/foundation.md", "# Foundation by hand\n")
    with pytest.raises(HandbookError) as error:
        build_site(project)
    message = str(error.value)
    assert "handbook/foundation.md and the generated page 'foundation.md' (from data/foundation.yml)" in message
    assert "handbook/values.md and the generated page 'values/index.md' (from data/values.yml)" in message
    assert "\nsite/ is unchanged" in message


def test_data_folder_is_watched_by_serve(project: Path) -> None:
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    assert str((project / "data").resolve()) in config.watch


def test_footer_gives_readers_a_date_and_editors_the_commit(project: Path,
                                                            build_site: BuildSite) -> None:
    site = build_site(project)
    home = (site / "index.html").read_text()
    assert "data-commit" not in home
    git = ["git", "-C", str(project), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "data", "handbook", "mkdocs.yml", "overrides"], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    site = build_site(project)
    home = (site / "index.html").read_text()
    assert f'data-commit="{commit}"' in home and "This handbook is up to date as of" in home
    assert commit[:7] not in home.replace(f'data-commit="{commit}"', "")
    curators = (site / "editors/coverage/index.html").read_text()
    assert f"<code>{commit[:10]}</code>" in curators


def test_templates_are_overridden_from_the_overrides_folder(project: Path,
                                                            build_site: BuildSite) -> None:
    write(project, "overrides/generator/pages/story.md.jinja",
          "# {{ story.title }}\n\nOur own story layout: {{ story.tip }}\n")
    site = build_site(project)
    page = (site / "stories/signed-copy-found/index.html").read_text()
    assert ("Our own story layout: Ask other shops when we cannot help; they often can, and they "
            "remember the favour.") in page
    assert not list(site.rglob("*.jinja")), "templates are not published with the site"


def test_a_broken_template_override_names_file_and_line(project: Path,
                                                        build_site: BuildSite) -> None:
    write(project, "overrides/generator/pages/story.md.jinja", "# {{ story.title }}\n\n{{ story.nope }}\n")
    with pytest.raises(HandbookError) as error:
        build_site(project)
    assert re.search(r"overrides/generator/pages/story\.md\.jinja:3: .*has no attribute 'nope'",
                     str(error.value))


def test_broken_data_stops_the_build_and_keeps_the_old_site(project: Path,
                                                            build_site: BuildSite) -> None:
    site = build_site(project)
    marker = (site / "index.html").read_text()
    write(project, "data/organisation.yml", "name: Quayside Books\n")
    with pytest.raises(HandbookError) as error:
        build_site(project)
    assert "data/organisation.yml:1:1: tagline: the field 'tagline' is missing" in str(error.value)
    assert (site / "index.html").read_text() == marker


def test_warnings_fail_a_strict_build_only(project: Path, build_site: BuildSite) -> None:
    weaken_a_story(project)
    with pytest.raises(HandbookError, match="strict mode treats them as errors"):
        build_site(project)
    assert (build_site(project, strict=False) / "stories/late-order-explained/index.html").is_file()


def test_a_handbook_with_no_stories_builds_strictly(project: Path, build_site: BuildSite) -> None:
    """A new organisation starts with no stories: values without one are advice."""
    shutil.rmtree(project / "data" / "stories")
    orientation = project / "data" / "orientation.yml"
    orientation.write_text("".join(
        line for line in orientation.read_text(encoding="utf-8").splitlines(keepends=True)
        if "- story:" not in line), encoding="utf-8")
    site = build_site(project)
    assert (site / "stories" / "index.html").is_file()


def test_shipped_project_copy_matches_repository(tmp_path: Path) -> None:
    """The helper copies what a fork holds: the shipped handbook loads without problems."""
    handbook, report = load(make_shipped_project(tmp_path / "copy"))
    original, _ = load(REPO)
    assert handbook is not None and not report.fails(strict=True), report.format()
    assert original is not None and handbook.entries == original.entries


def test_small_fixture_project_is_self_contained(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    assert (project / "mkdocs.yml").read_text() == (REPO / "mkdocs.yml").read_text()


def test_text_from_data_never_becomes_markup_in_the_theme(project: Path,
                                                          build_site: BuildSite) -> None:
    hostile = '<img src=x onerror=alert(1)>"&'
    write(project, "data/organisation.yml",
          f"name: Quayside '{hostile}'\ntagline: 'Books {hostile}'\n"
          f"copyright: '<script>alert(2)</script>'\n")
    values = project / "data/values.yml"
    values.write_text(values.read_text().replace("name: Respect", f"name: 'Respect {hostile}'"))
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text().replace(
        "title: A late order explained before anyone asked", f"title: 'Late {hostile}'"))
    site = build_site(project)
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert "<img src=x" not in html, page
        assert "<script>alert" not in html, page
    story_page = (site / "stories/late-order-explained/index.html").read_text()
    assert "<title>Late &lt;img src=x onerror=alert(1)&gt;&quot;&amp; - Quayside" in story_page


def test_a_long_list_of_values_stays_out_of_the_nav(
    project: Path, caplog: pytest.LogCaptureFixture, build_site: BuildSite
) -> None:
    """Material writes the nav into every page: past a dozen values, the values page
    lists them and the nav does not (nor does MkDocs warn that they are missing from it)."""
    values = project / "data/values.yml"
    extra = "".join(
        f"  - id: value-{n}\n    name: Value {n}\n    statement: S.\n    why: W.\n"
        f"    in_practice: [x]\n" for n in range(11))
    values.write_text(values.read_text() + extra)
    caplog.set_level(logging.INFO)
    site = build_site(project)
    assert "not included in the" not in caplog.text
    assert "Value 10" in caplog.text  # the log was captured: advice about the new values
    links = _nav_links((site / "index.html").read_text())
    assert "values/" in links
    assert not [link for link in links if re.search(r"values/[a-z0-9-]+/$", link)]
    assert (site / "values/value-10/index.html").is_file()
    listing = (site / "values/index.html").read_text()
    assert 'href="value-10/"' in listing and 'href="respect/"' in listing


def _add_see_also(project: Path) -> None:
    """`see_also: [policies.md]` on the first value, element and behaviour, and an
    introduction to the values."""
    for name, anchor in (("values.yml", "    in_practice:\n"), ("foundation.yml", "    practices:\n"),
                         ("behaviours.yml", "    do:\n")):
        path = project / "data" / name
        path.write_text(path.read_text(encoding="utf-8").replace(
            anchor, "    see_also: [policies.md, welcome.md]\n" + anchor, 1), encoding="utf-8")
    values = project / "data/values.yml"
    values.write_text("introduction: Our values spell RK, for reasons of our own.\n"
                      + values.read_text(encoding="utf-8"), encoding="utf-8")


def test_entries_link_the_pages_they_name_and_values_have_an_introduction(
        project: Path, build_site: BuildSite) -> None:
    _add_see_also(project)
    site = build_site(project)
    for page in ("values/respect", "foundation", "behaviours"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        see_also = html[html.index("See also:"):].split("</p>", 1)[0]
        assert re.search(r'href="(\.\./)*policies/">Policies</a>', see_also), page
        assert re.search(r'href="(\.\./)*welcome/">Welcome</a>', see_also), page
    index = (site / "values" / "index.html").read_text(encoding="utf-8")
    assert "Our values spell RK, for reasons of our own." in index
    printed = "\n".join(page_texts(site / "editions" / "complete.pdf"))
    assert "Our values spell RK, for reasons of our own." in printed
    assert printed.count("See also: Policies · Welcome") == 3


def test_a_page_named_in_see_also_must_exist(project: Path) -> None:
    values = project / "data/values.yml"
    values.write_text(values.read_text(encoding="utf-8").replace(
        "    in_practice:\n", "    see_also: [polices.md]\n    in_practice:\n", 1),
        encoding="utf-8")
    line = next(n for n, text in enumerate(values.read_text().splitlines(), 1)
                if "see_also" in text)
    _, report = load(project)
    assert report.format() == (
        f"data/values.yml:{line}:16: values[respect].see_also[1]: there is no page "
        "'polices.md' in handbook/\n"
        "    hint: did you mean 'policies.md'? Pages: contribute.md, leadership.md, "
        "policies.md, welcome.md, why-service-matters.md")


AUDIENCES = ("audiences:\n  - {id: customers, name: Customers}\n"
             "  - {id: coworkers, name: Coworkers}\n  - {id: managers, name: Managers}\n")


def test_an_organisation_declares_who_behaviour_is_owed_to(project: Path,
                                                           build_site: BuildSite) -> None:
    behaviours = project / "data/behaviours.yml"
    text = behaviours.read_text(encoding="utf-8").replace(
        "  - id: help-a-colleague\n", "  - id: back-your-team\n    name: Back your team\n"
        "    theme: accountable\n    audience: managers\n    statement: Stand behind the call "
        "a colleague made for a customer.\n    commitment: Decisions backed the same day\n"
        "  - id: help-a-colleague\n")
    behaviours.write_text(AUDIENCES + text, encoding="utf-8")
    site = build_site(project)
    html = (site / "behaviours" / "index.html").read_text(encoding="utf-8")
    assert "Toward managers" in html
    table = html[html.index('id="commitments"'):].split("</table>", 1)[0]
    assert table.index("Customers and coworkers") < table.index("Managers")
    printed = "\n".join(page_texts(site / "editions" / "complete.pdf"))
    assert "TOWARD MANAGERS" in printed.upper()


def test_a_behaviour_owed_to_an_undeclared_audience_is_refused(project: Path) -> None:
    behaviours = project / "data/behaviours.yml"
    text = behaviours.read_text(encoding="utf-8")
    behaviours.write_text(
        "audiences:\n  - {id: customers, name: Customers}\n  - {id: managers, name: Managers}\n"
        + text.replace("audience: coworkers", "audience: [coworker, managers]"),
        encoding="utf-8")
    _, report = load(project)
    messages = [p.message for p in report.errors]
    assert "unknown audience 'coworker'" in messages
    assert ("'both' means customers and coworkers, and 'coworkers' is not among the audiences"
            in messages)


def _pixels(pdf: Path, page: int = 1) -> set[tuple[int, int, int]]:
    """The colours of a PDF page as pdftoppm renders it (a PPM image, read here)."""
    image = subprocess.run(["pdftoppm", "-r", "20", "-f", str(page), "-l", str(page), str(pdf)],
                           capture_output=True, check=True).stdout
    header = re.match(rb"P6\s+\d+\s+\d+\s+255\s", image)  # one whitespace ends it
    assert header, image[:20]
    data = image[header.end():]
    return {(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data) - 2, 3)}


def test_the_organisation_s_colours_reach_the_site_and_the_prints(
        project: Path, build_site: BuildSite) -> None:
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8")
                            + "colours:\n  primary: '#0b4f6c'\n  accent: '#c2410c'\n",
                            encoding="utf-8")
    site = build_site(project)
    home = (site / "index.html").read_text(encoding="utf-8")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+\.css)"', home)
    assert sheets[-2:] == ["assets/stylesheets/handbook.css",
                           "assets/stylesheets/organisation-colours.css"]
    css = (site / "assets/stylesheets/organisation-colours.css").read_text(encoding="utf-8")
    assert "--hb-green: #0b4f6c;" in css and "--hb-amber: #c2410c;" in css
    assert (0x0B, 0x4F, 0x6C) in _pixels(site / "editions" / "complete.pdf")
    assert (0x2E, 0x5E, 0x4E) not in _pixels(site / "editions" / "complete.pdf")


def test_a_primary_colour_white_text_cannot_be_read_on_is_a_warning(project: Path) -> None:
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8")
                            + "colours:\n  primary: '#7fb3d5'\n", encoding="utf-8")
    _, report = load(project)
    assert [(p.field, p.severity) for p in report.problems] == [
        ("colours.primary", Severity.WARNING)]
    problem = report.problems[0]
    assert "contrast of 2.3:1, where 4.5:1 is needed" in problem.message
    darker = re.search(r"such as (#[0-9a-f]{6})", problem.hint)
    assert darker and contrast(darker.group(1), "#ffffff") >= 4.5


def test_values_carry_named_principles_under_the_organisation_s_own_headings(
        project: Path, build_site: BuildSite) -> None:
    values = project / "data/values.yml"
    values.write_text(values.read_text(encoding="utf-8").replace(
        "    in_practice:\n", "    principles:\n"
        "      - {id: speak-up, name: Speak up early, text: Say what worries you while it is "
        "small.}\n"
        "      - {id: own-it, name: Own the outcome, text: Finish what you start for a "
        "customer.}\n    in_practice:\n", 1), encoding="utf-8")
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + (
        "wording:\n  value page.principles: Operating principles\n"
        "  value page.in practice: In our days\n"), encoding="utf-8")
    write(project, "handbook/leadership.md", "# Leadership\n\nLeaders [speak up early]"
          "(values/respect.md#speak-up) and expect the same.\n")
    site = build_site(project)  # strict: the link's anchor must exist
    page = (site / "values" / "respect" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="operating-principles">Operating principles', page)
    assert re.search(r'<h3 id="speak-up">Speak up early', page)
    assert re.search(r'<h2 id="in-our-days">In our days', page)
    toc = page[page.index('data-md-component="toc"'):]
    assert 'href="#speak-up"' in toc and 'href="#own-it"' in toc
    printed = "\n".join(page_texts(site / "editions" / "complete.pdf"))
    for words in ("OPERATING PRINCIPLES", "Own the outcome", "Finish what you start for a customer."):
        assert words in printed


def test_wording_names_texts_the_catalogue_has_and_fields_they_fill_in(project: Path) -> None:
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + (
        "wording:\n  value page.principle: Operating principles\n"
        "  readings.value: 'Value {title}'\n"), encoding="utf-8")
    _, report = load(project)
    problems = [(p.field, p.message, p.hint) for p in report.errors]
    assert problems[0][:2] == ("wording.value page.principle",
                               "'value page.principle' is not a text of the wording catalogue")
    assert problems[0][2].startswith("did you mean 'value page.principles'?")
    assert problems[1] == ("wording.readings.value", "{title} is not filled in here",
                           "the original gives: {name}")


@pytest.mark.parametrize("text", ["What we {stand for", "Value: {}", "Value: {name!x}"])
def test_a_reworded_text_with_a_stray_brace_is_refused(project: Path, text: str) -> None:
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8")
                            + f"wording:\n  readings.value: '{text}'\n", encoding="utf-8")
    _, report = load(project)
    assert [(p.field, p.message) for p in report.errors] == [
        ("wording.readings.value",
         "the text has a '{' or '}' that is not a {field} of the original")]


def test_a_story_leads_to_the_next_one_on_the_board(small_site: Path) -> None:
    from .helpers import load

    handbook = load(small_site.parent)[0]
    assert handbook is not None and len(handbook.published) >= 2
    newest, next_one = handbook.published[0], handbook.published[1]
    page = (small_site / f"stories/{newest.id}/index.html").read_text()
    pager = page.split('class="hb-story-pager"', 1)[1].split("</nav>", 1)[0]
    assert f'href="../{next_one.id}/"' in pager and "hb-story-pager__newer" not in pager
    back = (small_site / f"stories/{next_one.id}/index.html").read_text()
    assert f'href="../{newest.id}/"' in back.split('class="hb-story-pager"', 1)[1]


def test_each_page_has_a_description_of_its_own(small_site: Path) -> None:
    from html import unescape

    from .helpers import load

    handbook = load(small_site.parent)[0]
    assert handbook is not None
    descriptions = {}
    for page in ("", "welcome/", f"values/{handbook.values[0].id}/",
                 f"stories/{handbook.published[0].id}/", "orientation/"):
        html = (small_site / page / "index.html").read_text()
        found = re.search(r'<meta name="description" content="([^"]*)"', html)
        assert found and found.group(1), page
        descriptions[page] = unescape(found.group(1))
    assert len(set(descriptions.values())) == len(descriptions)
    assert descriptions[""] == handbook.organisation.tagline
    assert descriptions[f"values/{handbook.values[0].id}/"].startswith(
        " ".join(handbook.values[0].statement.split())[:40])
    assert all(len(text) <= 160 for text in descriptions.values())


def test_role_paths_are_not_searched_as_copies_of_everyones(shipped_site: Path) -> None:
    """Each step is found once: on everyone's path for everyone's steps, on its role's
    page for a role's own."""
    from generator.model.orientation_paths import orientation_paths

    handbook, _ = load(REPO)
    assert handbook is not None
    paths = orientation_paths(handbook.orientation)
    locations = {doc["location"] for doc in _search_index(shipped_site)}
    for path in paths:
        page = path.page.removesuffix(".md") + "/"
        for item in path.steps:
            found = f"{page}#{item.key}" in locations
            assert found == (path.role is None or not item.for_everyone), (page, item.key)
