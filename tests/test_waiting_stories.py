"""A story waiting on someone's consent is recorded as such (`consent_requested`) and
counted for the curators; a story with `handbook new story`'s questions still in it is
never published."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.kinds.stories.kind import STORY_QUESTIONS
from generator.model.coverage import format_report, story_coverage
from generator.site.page import BuildFacts
from generator.site.pages import plan_site, render_site
from generator.templating import make_environment

from .helpers import load

DRAFT = "data/stories/unfinished-draft.yml"
PUBLISHED = "data/stories/late-order-explained.yml"


def _edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_draft_waiting_on_consent_is_counted_for_the_curators(project: Path) -> None:
    _edit(project, DRAFT, "    team: Nowhere\n", "    team: Nowhere\n    consent_requested: 2026-10-22\n")
    handbook, report = load(project)
    assert handbook is not None and not report.errors, report.format()
    coverage = story_coverage(handbook, today=date(2026, 11, 23))
    assert [story.id for story in coverage.awaiting_consent] == ["unfinished-draft"]
    assert "unfinished-draft: Nobody Yet, asked 2026-10-22" in format_report(coverage)
    pages = render_site(handbook, make_environment("pages", None, handbook.words, handbook.registry),
                        plan_site(handbook, BuildFacts(today=date(2026, 11, 23))))
    curators = next(text for path, text in pages.items() if path.endswith("coverage.md"))
    assert "1 of them on someone's consent to be named" in curators
    assert handbook.words.long_date(date(2026, 10, 22)) in curators


def test_consent_given_ends_the_wait(project: Path) -> None:
    _edit(project, DRAFT, "    team: Nowhere\n",
          "    team: Nowhere\n    consent_requested: 2026-10-22\n    consent: 2026-10-25\n")
    handbook, _ = load(project)
    assert handbook is not None
    assert story_coverage(handbook, today=date(2026, 11, 23)).awaiting_consent == []


def test_publishing_before_the_answer_says_when_they_were_asked(project: Path) -> None:
    _edit(project, PUBLISHED, "    consent: 2026-09-18\n", "    consent_requested: 2026-09-16\n")
    _, report = load(project)
    [problem] = report.errors
    assert "has not agreed to be named" in problem.message
    assert "they were asked on 2026-09-16: wait for their answer" in problem.hint


def test_a_published_story_still_holding_a_question_is_refused(project: Path) -> None:
    question = STORY_QUESTIONS["tip"]
    text = (project / PUBLISHED).read_text(encoding="utf-8")
    tip = next(line for line in text.splitlines() if line.startswith("tip: "))
    _edit(project, PUBLISHED, tip, f"tip: {question}")
    _, report = load(project)
    [problem] = report.errors
    assert problem.field.endswith("tip") and problem.line is not None
    assert "still holds the question" in problem.message
