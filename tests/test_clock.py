"""One clock: a build is a pure function of its commit, on any day.

Dates a build shows come from `SOURCE_DATE_EPOCH`, else the commit, else the newest
source file; nothing else in the generator reads the calendar.
"""

from __future__ import annotations

import ast
import hashlib
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from generator.errors import HandbookError
from generator.sources.clock import EPOCH_VARIABLE, build_date
from generator.sources.gitinfo import read_build_info

from .commands import COMMIT_TIME, RunHandbook, commit_all
from .helpers import REPO, make_project, write

GENERATOR = REPO / "generator"
WALL_CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "today"),
                    ("datetime", "utcnow"), ("time", "time"), ("time", "time_ns"),
                    ("time", "localtime"), ("time", "gmtime")}


def _clock_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        target = node.func if isinstance(node, ast.Call) else node
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and (
                (target.value.id, target.attr) in WALL_CLOCK_CALLS):
            found.append(f"{path.relative_to(REPO)}:{node.lineno}: "
                         f"{target.value.id}.{target.attr}")
    return found


def test_only_the_clock_module_reads_the_calendar() -> None:
    readers = [call for path in sorted(GENERATOR.rglob("*.py"))
               if path.name != "clock.py" for call in _clock_calls(path)]
    assert readers == []
    # The scan itself finds what it looks for (a check that cannot fail proves nothing).
    assert _clock_calls(GENERATOR / "sources" / "clock.py")


def test_build_date_prefers_source_date_epoch_then_commit_then_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    source = write(tmp_path, "data/values.yml", "values: []\n")
    os.utime(source, (1_700_000_000, 1_700_000_000))
    monkeypatch.delenv(EPOCH_VARIABLE, raising=False)

    assert build_date(None, [tmp_path / "data"]).moment == datetime.fromtimestamp(
        1_700_000_000, tz=UTC)
    assert build_date(committed, [tmp_path / "data"]).moment == committed
    monkeypatch.setenv(EPOCH_VARIABLE, "1790000000")
    chosen = build_date(committed, [tmp_path / "data"])
    assert (chosen.moment, chosen.source) == (datetime.fromtimestamp(1790000000, tz=UTC),
                                              EPOCH_VARIABLE)


@pytest.mark.parametrize("epoch", ["yesterday", "1.5", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_a_clear_error(
    epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(EPOCH_VARIABLE, epoch)
    with pytest.raises(HandbookError, match=EPOCH_VARIABLE):
        build_date(None)


def test_outside_git_the_newest_source_file_dates_the_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(EPOCH_VARIABLE, raising=False)
    monkeypatch.delenv("HANDBOOK_COMMIT", raising=False)
    sources = [project / "data", project / "handbook"]
    for path in project.rglob("*"):
        os.utime(path, (1_600_000_000, 1_600_000_000))
    newest = project / "data" / "values.yml"
    os.utime(newest, (1_650_000_000, 1_650_000_000))
    info = read_build_info(project, sources)
    assert info.commit is None
    assert info.effective_date() == datetime.fromtimestamp(1_650_000_000, tz=UTC)


def _tree_digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_one_commit_builds_byte_identical_on_different_days(tmp_path: Path,
                                                            run_handbook: RunHandbook) -> None:
    """Built on the commit's day and 400 days later (when a review date has passed in
    between): the same site and PDFs, byte for byte, and both builds pass strict."""
    project = make_project(tmp_path / "project")
    story = next(p for p in sorted((project / "data" / "stories").glob("*.yml"))
                 if "status: published" in p.read_text(encoding="utf-8"))
    commit_day = date.fromisoformat(COMMIT_TIME[:10])
    review_day = commit_day.replace(year=commit_day.year + 1)  # between the two builds
    story.write_text(story.read_text(encoding="utf-8") + f"review_by: {review_day}\n",
                     encoding="utf-8")
    commit_all(project)

    digests = []
    for clock, site in [("2026-10-02 08:00:00", "site-early"), ("+400 days", "site-late")]:
        result = run_handbook(project, "build", "--site-dir", site, clock=clock)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        digests.append(_tree_digest(project / site))
    early, late = digests
    assert any(name.endswith(".pdf") for name in early), "the build printed its editions"
    assert "sitemap.xml" in early
    differing = sorted(name for name in early.keys() | late.keys()
                       if early.get(name) != late.get(name))
    assert differing == []
