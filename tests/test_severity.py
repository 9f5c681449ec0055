"""Errors, warnings and advice: what stops a run, what stops a strict one, what never does.

Advice is whatever is measured against a day (a review date passed, a date still ahead):
a commit that built yesterday must build today, so advice is shown and never fails.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.errors import Problem, ProblemReport, Severity
from generator.loading.loader import load_handbook
from generator.sources.owned_folders import SITE

from .commands import RunHandbook
from .helpers import write

REVIEWED_STORY = "data/stories/late-order-explained.yml"


def _published_story(project: Path) -> Path:
    story = project / REVIEWED_STORY
    assert "status: published" in story.read_text(encoding="utf-8")
    return story


def _add_review_date(project: Path, day: str) -> Path:
    story = _published_story(project)
    story.write_text(story.read_text(encoding="utf-8") + f"review_by: {day}\n", encoding="utf-8")
    return story


def test_advice_never_fails_even_in_strict_mode() -> None:
    report = ProblemReport([Problem("data/x.yml", 3, 1, "review_by", "due",
                                    severity=Severity.ADVICE)])
    assert not report.fails(strict=True)
    assert report.format().startswith("data/x.yml:3:1: advice: review_by: due")
    report.add(Problem("data/x.yml", 4, 1, "tip", "short", severity=Severity.WARNING))
    assert report.fails(strict=True) and not report.fails(strict=False)


def test_a_passed_review_date_is_advice_measured_from_the_day_given(project: Path) -> None:
    _add_review_date(project, "2027-01-15")
    data, docs = project / "data", project / "handbook"

    before = load_handbook(data, docs, root=project, today=date(2027, 1, 14))[1]
    after = load_handbook(data, docs, root=project, today=date(2027, 1, 16))[1]
    undated = load_handbook(data, docs, root=project)[1]

    assert [p.field for p in before.advice] == []
    assert [(p.file, p.field, p.severity) for p in after.advice] == [
        (REVIEWED_STORY, "review_by", Severity.ADVICE)]
    assert after.warnings == before.warnings
    assert undated.advice == [], "without a day, nothing is measured against one"


def test_check_shows_advice_and_passes_strict(project: Path, run_handbook: RunHandbook) -> None:
    _add_review_date(project, "2027-01-15")
    result = run_handbook(project, "check", "--strict", "--today", "2027-02-01")
    assert result.returncode == 0, result.stderr
    assert f"{REVIEWED_STORY}:" in result.stderr
    assert "advice: review_by:" in result.stderr
    assert "Traceback" not in result.stderr


def test_report_and_check_measure_from_the_real_day_by_default(
        project: Path, run_handbook: RunHandbook) -> None:
    _add_review_date(project, "2027-01-15")
    result = run_handbook(project, "check", clock="2027-03-01 12:00:00")
    assert result.returncode == 0, result.stderr
    assert "advice: review_by:" in result.stderr
    earlier = run_handbook(project, "check", clock="2027-01-01 12:00:00")
    assert "advice" not in earlier.stderr


def test_a_date_ahead_of_the_day_is_advice_not_a_failure(project: Path) -> None:
    story = _published_story(project)
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("date: 2026-09-14", "date: 2026-09-19"), encoding="utf-8")
    report = load_handbook(project / "data", project / "handbook", root=project,
                           today=date(2026, 9, 15))[1]
    # It happened on the 19th and went on the board on the 20th: both after the 15th.
    assert sorted((p.field, p.severity) for p in report.problems
                  if p.file == REVIEWED_STORY) == [("date", Severity.ADVICE),
                                                   ("published", Severity.ADVICE)]
    assert not report.fails(strict=True)


def test_strict_warnings_stop_the_build_before_anything_is_printed(
        project: Path, run_handbook: RunHandbook) -> None:
    story = _published_story(project)
    text = story.read_text(encoding="utf-8")
    tip_line = next(line for line in text.splitlines() if line.startswith("tip:"))
    story.write_text(text.replace(tip_line, "tip: Call early."), encoding="utf-8")
    write(project, "site/index.html", "<p>the site as it was</p>")
    SITE.write(project / "site")  # as a build of this tool leaves it

    result = run_handbook(project, "build")

    assert result.returncode == 1
    assert f"{REVIEWED_STORY}:" in result.stderr and "tip" in result.stderr
    # The editions announce each stage as they go; none began.
    assert "planning" not in result.stderr and "laying out" not in result.stderr
    assert (project / "site/index.html").read_text() == "<p>the site as it was</p>"
    assert "Traceback" not in result.stderr


def _publish_on(project: Path, day: str) -> None:
    story = _published_story(project)
    text = story.read_text(encoding="utf-8")
    published = next(line for line in text.splitlines() if line.startswith("published:"))
    story.write_text(text.replace(published, f"published: {day}"), encoding="utf-8")


def test_a_publishing_date_far_after_the_builds_date_is_a_warning(project: Path) -> None:
    # A mistyped year would hold the top of the board for decades: a warning, measured
    # against the build's own date (from the commit), so every day gives the same verdict.
    _publish_on(project, "2062-09-20")
    built_as_of = date(2026, 10, 1)
    report = load_handbook(project / "data", project / "handbook", root=project,
                           today=date(2026, 10, 1), built_as_of=built_as_of)[1]
    mine = [(p.field, p.severity) for p in report.problems if p.file == REVIEWED_STORY]
    assert mine == [("published", Severity.WARNING)], "a warning, and no advice beside it"
    assert report.fails(strict=True)


def test_a_story_scheduled_a_few_weeks_ahead_is_only_advice(project: Path) -> None:
    _publish_on(project, "2026-10-20")
    report = load_handbook(project / "data", project / "handbook", root=project,
                           today=date(2026, 10, 1), built_as_of=date(2026, 10, 1))[1]
    mine = [(p.field, p.severity) for p in report.problems if p.file == REVIEWED_STORY]
    assert mine == [("published", Severity.ADVICE)]


def test_check_judges_a_far_publishing_date_by_the_build_date_not_the_day(
        project: Path, run_handbook: RunHandbook) -> None:
    _publish_on(project, "2062-09-20")
    epoch = "1790000000"  # 2026-09-21: the build's date, whatever the calendar says
    for clock in (None, "+400 days", "2061-12-01 12:00:00"):
        result = run_handbook(project, "check", "--strict", clock=clock, SOURCE_DATE_EPOCH=epoch)
        assert result.returncode == 1, (clock, result.stderr)
        assert f"{REVIEWED_STORY}:" in result.stderr and "published:" in result.stderr
        assert "Traceback" not in result.stderr
