"""Small things a reader notices: no "0 behaviours" under a value, a date that says what it
is the date of, link texts that say where they go."""

from __future__ import annotations

import re
from pathlib import Path

from .helpers import load, rendered_pages


def test_a_value_no_behaviour_shows_yet_has_no_count_of_none(project: Path) -> None:
    behaviours = project / "data" / "behaviours.yml"
    text = behaviours.read_text(encoding="utf-8")
    # No behaviour shows `respect` any more.
    text = re.sub(r"values: \[respect, ", "values: [", text)
    text = text.replace("values: [respect]", "values: [keep-promises]")
    behaviours.write_text(text, encoding="utf-8")
    overview = rendered_pages(project)["values/index.md"]
    section = overview.split("{ #respect }", 1)[1].split("\n## ", 1)[0]
    assert "0 behaviours" not in section and "behaviour" not in section
    assert re.search(r"\d+ stor(y|ies)", section)


def test_a_reading_a_path_comes_back_to_is_counted_once(project: Path) -> None:
    from generator.model.orientation_paths import orientation_paths
    from generator.model.orientation_readings import orientation_days

    handbook, report = load(project)
    assert handbook is not None, report.format()
    path = orientation_paths(handbook.orientation)[0]
    days = orientation_days(handbook, path)
    once = sum(day.minutes for day in days)
    assert path.steps[0].step.read, "the fixture's first step reads something"
    # The same path, its last step reading the first step's readings again.
    repeated = path.steps[-1].step.model_copy(update={
        "read": [*path.steps[-1].step.read, *path.steps[0].step.read]})
    again = path.__class__(**{**path.__dict__, "steps": (
        *path.steps[:-1], path.steps[-1].__class__(**{**path.steps[-1].__dict__,
                                                       "step": repeated}))})
    again_days = orientation_days(handbook, again)
    assert sum(day.minutes for day in again_days) == once
    last = again_days[-1].steps[-1].readings
    assert all(entry.again and entry.minutes == 0
               for entry in last[-len(path.steps[0].step.read):])


def _questions(right_at: list[int]) -> str:
    lines = ["questions:"]
    for number, place in enumerate(right_at):
        lines += [f"  - id: question-{number}", "    after: start-here",
                  f"    ask: Which one is right, number {number}?", "    choices:"]
        for choice in range(4):
            lines.append(f"      - text: Answer {choice} of {number}")
            if choice == place:
                lines.append("        right: true")
        lines += ["    explain: Because.", "    teaches:", "      page: welcome.md"]
    return "\n".join(lines) + "\n"


def test_right_answers_always_in_the_same_places_get_advice(project: Path) -> None:
    orientation = project / "data" / "orientation.yml"
    text = orientation.read_text(encoding="utf-8")
    orientation.write_text(text + _questions([0, 1, 0, 1, 0]), encoding="utf-8")
    _, report = load(project)
    [advice] = [p for p in report.advice if "right answer is" in p.message]
    assert "A or B in all 5 questions" in advice.message
    orientation.write_text(text + _questions([2, 0, 3, 1, 2]), encoding="utf-8")
    _, report = load(project)
    assert not [p for p in report.problems if "right answer is" in p.message]


def test_the_buddy_guide_links_its_steps_and_gives_the_answers(project: Path) -> None:
    orientation = project / "data" / "orientation.yml"
    orientation.write_text(orientation.read_text(encoding="utf-8") + _questions([2, 0]),
                           encoding="utf-8")
    guide = next(text for path, text in rendered_pages(project).items()
                 if "buddy" in path and path.endswith(".md"))
    assert re.search(r"\[Start here\]\([^)]*orientation\.md#start-here\)", guide)
    answers = guide.split("{ #answers }", 1)[1]
    for number, letter in ((0, "C"), (1, "A")):
        assert re.search(rf"\]\([^)]*#question-question-{number}\): {letter}\.\*\*", answers)


def test_the_questions_an_entry_answers_are_in_its_page_for_search_only(
        project: Path) -> None:
    organisation = project / "data" / "organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + (
        "contacts:\n  - about: Pay\n    who: The people team\n"
        "    answers: [Who do I ask about my payslip?]\n"), encoding="utf-8")
    home = rendered_pages(project)["index.md"]
    [item] = [line for line in home.splitlines() if line.startswith("- **Pay**")]
    assert re.search(r'<span class="hb-answers" hidden>Who do I ask about my payslip\?</span>',
                     item)


def test_a_pages_answers_go_under_its_title_and_anything_else_is_refused(
        project: Path) -> None:
    from generator.site.page_answers import with_answers

    page = project / "handbook" / "welcome.md"
    text = page.read_text(encoding="utf-8")
    shown = with_answers(text, {"answers": ["Where do I <start>?"]})
    title_end = shown.index("\n", shown.index("# "))
    assert shown[title_end:].lstrip().startswith(
        '<p class="hb-answers" hidden>Where do I &lt;start&gt;?</p>')
    page.write_text("---\nanswers: Where do I start?\n---\n" + text, encoding="utf-8")
    _, report = load(project)
    [problem] = report.errors
    assert (problem.file, problem.line, problem.field) == ("handbook/welcome.md", 2, "answers")
    assert "not a list of questions" in problem.message
