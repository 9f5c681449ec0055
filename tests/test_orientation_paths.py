"""Orientation paths per role, self-check questions and buddy guides: how paths are made
from the data, the editions each role gets, the pages in Chromium (progress per path,
answering, the keyboard, axe-core, no script) and the printed booklets.

The handbook here is the small fixture with tests/fixtures/roles/orientation.yml: two roles,
a step of their own each, and questions after a step, at the end of every path and at the
end of one role's path. The check's errors for broken paths and questions are in the
bad-input corpus (cases 87 to 92), with their exact file:line:column.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from generator.model import links
from generator.model.handbook import Handbook
from generator.model.orientation_paths import (
    EVERYONE,
    OrientationPath,
    orientation_paths,
    path_of,
)
from generator.model.orientation_readings import reading_label

from .browser import DESKTOP, serious_axe_violations, serve_folder
from .commands import RunHandbook
from .helpers import BuildSite, load, make_project
from .pdfs import fold, page_texts

ROLES = Path(__file__).parent / "fixtures/roles/orientation.yml"


def _project(where: Path) -> Path:
    project = make_project(where)
    shutil.copy(ROLES, project / "data/orientation.yml")
    return project


def _loaded(where: Path) -> Handbook:
    handbook, report = load(_project(where))
    assert handbook is not None, report.format()
    return handbook


@pytest.fixture(scope="module")
def roles_site(tmp_path_factory: pytest.TempPathFactory,
               build_site: BuildSite) -> tuple[Handbook, Path]:
    project = _project(tmp_path_factory.mktemp("roles") / "project")
    handbook, report = load(project)
    assert handbook is not None, report.format()
    return handbook, build_site(project)


def test_a_role_path_is_everyones_steps_and_its_own_in_day_order(tmp_path: Path) -> None:
    orientation = _loaded(tmp_path).orientation
    everyone, *roles = orientation_paths(orientation)
    assert everyone.id == EVERYONE and everyone.role is None
    assert [role.id for role in roles] == [role.id for role in orientation.roles]
    shared = [item.key for item in everyone.steps]
    for path in roles:
        assert path.role is not None
        keys = [item.key for item in path.steps]
        assert set(shared) <= set(keys), "a role path holds every step of everyone's"
        assert set(keys) - set(shared) == set(path.role.steps)
        days = [item.step.day for item in path.steps]
        assert days == sorted(days)
        assert [key for key in keys if key in shared] == shared  # everyone's keep their order


def test_questions_are_asked_where_the_data_says(tmp_path: Path) -> None:
    orientation = _loaded(tmp_path).orientation
    for path in orientation_paths(orientation):
        keys = {item.key for item in path.steps}
        for question in orientation.questions:
            asked = any(q is question for q in path.questions)
            if question.after is not None:
                expected = question.after in keys
                after = next(item for item in path.steps if item.key == question.after) if (
                    expected) else None
                assert after is None or any(q is question for q in after.questions)
            else:
                expected = question.end_of in (None, path.id)
                assert asked == any(q is question for q in path.closing)
            assert asked == expected, (path.id, question.id)
        # Numbered from 1 in the order the path asks them.
        assert [path.number(q) for q in path.questions] == list(
            range(1, len(path.questions) + 1))


def test_each_role_gets_an_edition_of_every_edition_that_prints_the_path(
        tmp_path: Path) -> None:
    handbook = _loaded(tmp_path)
    printing = [edition for edition in handbook.editions if edition.path is None
                and any(part.section == "orientation" for part in edition.sections)]
    assert printing
    by_id = {edition.id: edition for edition in handbook.editions}
    for edition in printing:
        for role in handbook.orientation.roles:
            made = by_id[f"{edition.id}-{role.id}"]
            assert (made.path, made.title, made.audience) == (role.id, role.title, role.audience)
            assert made.sections == edition.sections and made.stories == edition.stories


def test_an_edition_written_for_a_role_is_kept_and_a_clashing_one_is_an_error(
        tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    editions = project / "data/editions.yml"
    written = editions.read_text(encoding="utf-8") + (
        "  - id: orientation-desk\n    title: Desk days\n    audience: The desk\n"
        "    path: desk\n    sections: [orientation]\n")
    editions.write_text(written, encoding="utf-8")
    handbook, report = load(project)
    assert handbook is not None, report.format()
    desk = [edition for edition in handbook.editions if edition.id == "orientation-desk"]
    assert [edition.title for edition in desk] == ["Desk days"]

    editions.write_text(written.replace("    path: desk\n", ""), encoding="utf-8")
    handbook, report = load(project)
    assert handbook is None
    [problem] = report.errors
    text = (project / "data/orientation.yml").read_text(encoding="utf-8").splitlines()
    assert problem.file == "data/orientation.yml" and problem.line is not None
    assert text[problem.line - 1].strip() == "- id: desk"
    assert "orientation-desk" in problem.message


def test_a_handbook_without_roles_or_questions_has_one_path_and_no_answers(
        tmp_path: Path) -> None:
    handbook, _ = load(make_project(tmp_path / "project"))
    assert handbook is not None
    [path] = orientation_paths(handbook.orientation)
    assert path.questions == [] and path.id == EVERYONE
    assert all(edition.path is None for edition in handbook.editions)


# The site, in Chromium ---------------------------------------------------------------

@contextmanager
def _page(site: Path, browser: Any, path: str, **options: Any) -> Iterator[Any]:
    with serve_folder(site) as base:
        context = browser.new_context(viewport=DESKTOP, **options)
        page = context.new_page()
        page.goto(base + links.url_of(path))
        yield page
        context.close()


def _count(page: Any) -> str:
    return str(page.locator(".hb-progress .hb-progress__count").first.inner_text())


def _role_path(handbook: Handbook, role: str) -> OrientationPath:
    return path_of(handbook.orientation, role)


def test_progress_is_kept_per_path_and_shared_steps_count_on_every_path(
        roles_site: tuple[Handbook, Path], browser: Any) -> None:
    handbook, site = roles_site
    everyone = path_of(handbook.orientation, None)
    desk = _role_path(handbook, "desk")
    shared = everyone.steps[0].key
    own = next(item.key for item in desk.steps if item.key in desk.role.steps)  # type: ignore[union-attr]
    with serve_folder(site) as base:
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(base + links.url_of(desk.page))
        assert _count(page) == f"0 of {len(desk.steps)} steps read"
        page.locator(f"input[data-hb-step='{shared}']").check()
        page.locator(f"input[data-hb-step='{own}']").check()
        page.reload()
        assert _count(page) == f"2 of {len(desk.steps)} steps read"
        assert page.locator(f"input[data-hb-step='{own}']").is_checked()

        # The home page follows the path the reader is on.
        page.goto(base)
        shown = page.locator(".hb-progress--home:visible")
        assert shown.count() == 1
        assert shown.get_attribute("data-hb-path") == "desk"
        assert shown.inner_text().endswith(f"2 of {len(desk.steps)} steps read")

        # Everyone's path counts the shared step, not the desk's own one.
        page.goto(base + links.url_of(everyone.page))
        assert _count(page) == f"1 of {len(everyone.steps)} steps read"

        # Starting the desk path again forgets its steps, not another path's own.
        phones = _role_path(handbook, "phones")
        theirs = next(item.key for item in phones.steps if item.key not in {
            step.key for step in desk.steps})
        page.goto(base + links.url_of(phones.page))
        page.locator(f"input[data-hb-step='{theirs}']").check()
        page.goto(base + links.url_of(desk.page))
        page.get_by_role("button", name="Start again").click()
        assert _count(page) == f"0 of {len(desk.steps)} steps read"
        page.goto(base + links.url_of(phones.page))
        assert page.locator(f"input[data-hb-step='{theirs}']").is_checked()
        assert _count(page) == f"1 of {len(phones.steps)} steps read"
        context.close()


def _question(page: Any, question_id: str) -> Any:
    return page.locator(f"#question-{question_id}")


def test_a_question_answered_wrong_then_right_says_so_and_explains(
        roles_site: tuple[Handbook, Path], browser: Any) -> None:
    handbook, site = roles_site
    everyone = path_of(handbook.orientation, None)
    single = next(q for q in everyone.questions if not q.several)
    several = next(q for q in everyone.questions if q.several)
    with _page(site, browser, everyone.page) as page:
        form = _question(page, single.id)
        answer = form.locator(".hb-quiz__answer")
        assert not answer.is_visible()  # not given away before answering
        form.get_by_role("button", name="Check my answer").click()
        assert form.get_by_role("status").inner_text() == "Choose an answer first."

        wrong = next(i for i, choice in enumerate(single.choices) if not choice.right)
        form.locator("input").nth(wrong).check()
        form.get_by_role("button", name="Check my answer").click()
        assert form.get_by_role("status").inner_text().startswith("Not quite")
        assert answer.is_visible() and single.explain in fold(answer.inner_text())
        teaches = reading_label(handbook, single.teaches)
        assert answer.get_by_role("link", name=teaches).count() == 1

        form.get_by_role("button", name="Try again").click()
        assert form.locator("[role=status]").inner_text() == ""
        assert not answer.is_visible()
        assert form.locator("input:checked").count() == 0
        form.locator("input").nth(single.right_choices[0]).check()
        form.get_by_role("button", name="Check my answer").click()
        assert form.get_by_role("status").inner_text().startswith("Right")

        # With several right answers, only all of them (and nothing else) is right.
        form = _question(page, several.id)
        assert form.locator("input[type=checkbox]").count() == len(several.choices)
        form.locator("input").nth(several.right_choices[0]).check()
        form.get_by_role("button", name="Check my answer").click()
        assert form.get_by_role("status").inner_text().startswith("Not quite")
        form.get_by_role("button", name="Try again").click()
        for index in several.right_choices:
            form.locator("input").nth(index).check()
        form.get_by_role("button", name="Check my answer").click()
        assert form.get_by_role("status").inner_text().startswith("Right")
        # Nothing about answers is kept (the theme keeps its colour scheme; we keep nothing).
        kept = page.evaluate("() => Object.keys(localStorage).concat(Object.keys(sessionStorage))")
        assert [key for key in kept if key.startswith("handbook")] == []


def test_a_path_can_be_walked_with_the_keyboard_alone(
        roles_site: tuple[Handbook, Path], browser: Any) -> None:
    handbook, site = roles_site
    desk = _role_path(handbook, "desk")
    first = desk.questions[0]
    with _page(site, browser, desk.page) as page:
        choice = _question(page, first.id).locator("input").first

        def tab_to(target: Any) -> None:
            for _ in range(300):
                page.keyboard.press("Tab")
                if target.evaluate("node => node === document.activeElement"):
                    return
            raise AssertionError("never reached with Tab")

        tab_to(choice)
        page.keyboard.press("Space")
        assert choice.is_checked()
        page.keyboard.press("Tab")  # a radio group is one stop: next is the button
        page.keyboard.press("Enter")
        status = _question(page, first.id).get_by_role("status")
        assert status.inner_text() != ""
        box = page.locator(f"input[data-hb-step='{desk.steps[-1].key}']")
        tab_to(box)
        page.keyboard.press("Space")
        assert box.is_checked()
        assert _count(page).startswith("1 of ")


@pytest.mark.parametrize("which", ["role path", "buddy guide"])
def test_path_and_buddy_pages_pass_axe(
        roles_site: tuple[Handbook, Path], browser: Any, which: str) -> None:
    handbook, site = roles_site
    desk = _role_path(handbook, "desk")
    with _page(site, browser, desk.page if which == "role path" else desk.buddy_page) as page:
        if which == "role path":  # the answered state too: verdict and open explanation
            form = page.locator("form[data-hb-quiz]").first
            form.locator("input").first.check()
            form.get_by_role("button", name="Check my answer").click()
        assert serious_axe_violations(page) == []


def test_without_script_questions_read_with_their_answers_in_a_fold(
        roles_site: tuple[Handbook, Path], browser: Any) -> None:
    handbook, site = roles_site
    desk = _role_path(handbook, "desk")
    with _page(site, browser, desk.page, java_script_enabled=False) as page:
        for question in desk.questions:
            form = _question(page, question.id)
            assert form.locator("legend").is_visible()
            assert form.locator("input").count() == len(question.choices)
            assert not form.get_by_role("button", name="Check my answer").is_visible()
            fold_ = form.locator("details")
            fold_.locator("summary").click()
            assert question.explain in fold(fold_.inner_text())


def test_the_buddy_guide_has_every_steps_talking_point_by_day(
        roles_site: tuple[Handbook, Path]) -> None:
    handbook, site = roles_site
    for path in orientation_paths(handbook.orientation):
        page = (site / links.url_of(path.buddy_page) / "index.html").read_text(encoding="utf-8")
        for item in path.steps:
            assert item.step.title in page and item.step.reflect in page
        # A talking point per step (not run together), and a link back to the path.
        talking = page.split('id="answers"', 1)[0]
        assert talking.count("<li><strong>") == len(path.steps)
        assert f">{path.title}</a>" in page


# The printed booklets ------------------------------------------------------------------

def test_each_roles_booklet_prints_its_readings_with_page_numbers_and_the_answers_last(
        tmp_path: Path, run_handbook: RunHandbook) -> None:
    project = _project(tmp_path / "project")
    handbook, _ = load(project)
    assert handbook is not None
    desk = _role_path(handbook, "desk")
    result = run_handbook(project, "pdf", "--edition", "orientation-desk",
                          "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    [pdf] = (tmp_path / "out").glob("orientation-desk*.pdf")
    texts = page_texts(pdf)
    whole = fold(" ".join(texts))
    for reading in desk.readings:
        label = reading_label(handbook, reading)
        assert f"{label} (p." in whole, f"{label} has no page number"
    # The answers come last, each with its reason, for the buddy or manager.
    last = fold(texts[-1])
    assert handbook.section_title("answers") in last
    for question in desk.questions:
        assert question.explain[:40] in last
    # Each question is in the booklet with its choices to tick, before the answers.
    body = fold(" ".join(texts[:-1]))
    for question in desk.questions:
        assert question.ask in body
        assert all(choice.text in body for choice in question.choices)
    guide = handbook.section_title("buddy-guide")
    assert any(guide in fold(text) and desk.steps[0].step.reflect in fold(text)
               for text in texts[-3:-1])
