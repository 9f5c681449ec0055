"""The changelog holds up when the history is awkward: data in the shape of older models,
and a git that fails. Old data is read as it was; a failure is "not known", never "nothing
changed".
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path, PurePosixPath

import pytest

from generator.errors import HandbookError
from generator.history.commits import file_dates, read_changelog
from generator.history.earlier_editions import snapshot_at_commit
from generator.kinds import BUILT_IN
from generator.kinds.stories.kind import Story
from generator.model.changes import compare
from generator.model.snapshots import Snapshot, snapshot_of_file, take_snapshot
from generator.sources import git as git_module
from generator.sources.git import GitError, in_repository, run_git
from generator.sources.gitinfo import read_build_info

from .helpers import BuildSite, load
from .pdfs import fold, page_texts
from .test_history import footer_of, git, text_of

ENGLISH = BUILT_IN.catalogue("en")

RENAMED_STORY = "data/stories/late-order-explained.yml"


def _describe(project: Path) -> list[str]:
    changelog = read_changelog(project, project / "data")
    assert changelog.available and changelog.failure is None
    return [dated.change.describe(ENGLISH) for dated in changelog.changes]


def _without_pdfs(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - handbook:\n      data_dir: data\n", "  - handbook:\n      data_dir: data\n      pdf: false\n"))


# --- The tolerant reader, in memory ----------------------------------------------------------

def test_the_tolerant_reader_takes_what_readers_see_and_nothing_else() -> None:
    old = (
        "title: An old   story\nstatus: published\nmood: grateful\ncurated_by: A Curator\n"
        "people:\n  - name: Ann Lee\n    team: Tills\n    consent: 2020-01-01\n"
        "situation: |\n  Two\n  lines.\n\n  A second paragraph.\nvalues: [respect]\n"
    )
    entry = snapshot_of_file(PurePosixPath("stories/2020/old-story.yml"), old)
    assert entry is not None
    fields = entry["story"]["old-story"]["fields"]
    assert entry["story"]["old-story"]["title"] == "An old story"
    assert fields["people"] == ["Ann Lee (Tills)"]
    assert fields["situation"] == "Two lines.\n\nA second paragraph."
    assert fields["tip"] is None  # required today, not written then
    assert "featured" not in fields and "curated_by" not in fields  # no news to readers
    assert set(fields) == set(Story.reader_fields)
    assert snapshot_of_file(PurePosixPath("stories/draft.yml"), "title: T\n") == {"story": {}}
    assert snapshot_of_file(PurePosixPath("values.yml"), "values: [") is None
    assert snapshot_of_file(PurePosixPath("organisation.yml"), "motto: 1\n") == {}


def test_today_and_tolerant_readers_agree(project: Path) -> None:
    """The same data gives the same snapshot through today's models and through the
    tolerant reader, so comparing an old commit with today finds no false changes."""
    handbook, report = load(project)
    assert handbook is not None, report.format()
    data = project / "data"
    tolerant: Snapshot = {kind: {} for kind in take_snapshot(handbook)}
    for path in sorted(data.rglob("*.yml")):
        part = snapshot_of_file(PurePosixPath(path.relative_to(data).as_posix()),
                                path.read_text())
        assert part is not None, path
        for kind, entries in part.items():
            tolerant[kind].update(entries)
    assert tolerant == take_snapshot(handbook)


# --- Data in the shape of older models ------------------------------------------------------

def _old_shape(project: Path) -> None:
    """Rewrite the data as an older version of the models wanted it: values had a
    `colour` (which today's model forbids), a story had a `mood` and no `tip` (which
    today's model requires)."""
    values = project / "data/values.yml"
    values.write_text(values.read_text().replace("    name: Respect\n",
                                                 "    name: Respect\n    colour: teal\n"))
    story = project / RENAMED_STORY
    text = story.read_text()
    story.write_text(re.sub(r"(?m)^tip: .*\n", "", text) + "mood: grateful\n")


@pytest.fixture
def old_then_today(project: Path) -> Path:
    """1 Oct: data of an older shape; 2 Nov: a value renamed and a story given a new id,
    still in the old shape; 3 Dec: migrated to today's shape, nothing a reader sees changed
    but the tip the old model did not have."""
    today_story = (project / RENAMED_STORY).read_text()
    _old_shape(project)
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "old shape")
    assert load(project)[0] is None, "the old shape must be one today's models refuse"
    git(project, "tag", "v1")

    values = project / "data/values.yml"
    values.write_text(values.read_text().replace("name: Keep our promises", "name: Promises kept"))
    old_story = project / RENAMED_STORY
    (project / "data/stories/late-order-told.yml").write_text(
        old_story.read_text() + "renamed_from: [late-order-explained]\n")
    old_story.unlink()
    git(project, "add", "-A")
    git(project, "commit", "-qm", "rename", when="2026-11-02T10:00:00+00:00")

    values.write_text(values.read_text().replace("    colour: teal\n", ""))
    (project / "data/stories/late-order-told.yml").write_text(
        today_story + "renamed_from: [late-order-explained]\n")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "today's shape", when="2026-12-03T10:00:00+00:00")
    assert load(project)[0] is not None, load(project)[1].format()
    return project


def test_old_commits_are_read_in_their_own_shape(old_then_today: Path) -> None:
    assert _describe(old_then_today) == [
        "Story “A late order explained before anyone asked”: tip updated",
        "Value “Keep our promises” is now called “Promises kept”",
        "Story “A late order explained before anyone asked” has a new web address; the old one "
        "still leads to it",
    ]


def test_an_edition_compares_with_data_of_an_older_shape(old_then_today: Path) -> None:
    handbook, report = load(old_then_today)
    assert handbook is not None, report.format()
    before = snapshot_at_commit(old_then_today, "v1", old_then_today / "data")
    assert [change.describe(ENGLISH) for change in compare(before, take_snapshot(handbook))] == [
        "Value “Keep our promises” is now called “Promises kept”",
        "Story “A late order explained before anyone asked” has a new web address; the old one "
        "still leads to it",
    ]


def test_the_changes_page_shows_the_rename(old_then_today: Path, build_site: BuildSite) -> None:
    _without_pdfs(old_then_today)
    changes = text_of(build_site(old_then_today), "changes")
    assert ("2 Nov Story “A late order explained before anyone asked” has a new web address; the "
            "old one still leads to it") in changes
    assert "New story" not in changes and "removed" not in changes


# --- git failing inside a repository ----------------------------------------------------------

def _delete_object(project: Path, name: str) -> None:
    """Damage the repository the way a bad disk or an interrupted copy does."""
    object_id = git(project, "rev-parse", name)
    (project / ".git/objects" / object_id[:2] / object_id[2:]).unlink()


@pytest.fixture
def broken_head(project: Path) -> Path:
    """A repository whose newest commit cannot be read: every `git log` fails."""
    _without_pdfs(project)
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "one")
    _delete_object(project, "HEAD")
    return project


def test_a_failing_git_is_not_known_history(broken_head: Path) -> None:
    build_info = read_build_info(broken_head)
    dates = file_dates(broken_head, [broken_head / "data"])
    changelog = read_changelog(broken_head, broken_head / "data")
    assert build_info.commit is None and not build_info.dirty
    assert build_info.failure is not None and "git log" in build_info.failure
    assert not dates.available and dates.failure is not None and "git log" in dates.failure
    assert not changelog.available and not changelog.changes
    assert changelog.failure is not None and "git log" in changelog.failure


def test_the_site_says_the_history_is_not_known(
    broken_head: Path, caplog: pytest.LogCaptureFixture, build_site: BuildSite
) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.handbook"):
        site = build_site(broken_head, strict=False)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING
                and r.name == "mkdocs.plugins.handbook"]
    assert warnings and all("git log" in warning for warning in warnings), warnings
    changes = text_of(site, "changes")
    assert "could not be read" in changes
    assert "Nothing has changed" not in changes and "without that history" not in changes
    stamp = (site / "index.html").read_text().split('class="hb-build-stamp"')[1].split("</div>")[0]
    assert "up to date as of" in stamp and "data-commit" not in stamp
    curators = (site / "editors/coverage/index.html").read_text()
    assert "could not be read" in curators
    assert footer_of(site, "values/respect") == ""


def test_a_strict_build_stops_on_a_failing_git(broken_head: Path, build_site: BuildSite) -> None:
    with pytest.raises(HandbookError, match="strict"):
        build_site(broken_head, strict=True)


def test_a_missing_old_version_is_not_taken_for_a_deleted_file(project: Path) -> None:
    """git log works, but an older version of values.yml is gone from the object store:
    that is a damaged repository, not a file that did not exist (every value "new")."""
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "one")
    first_values = git(project, "rev-parse", "HEAD:data/values.yml")
    values = project / "data/values.yml"
    values.write_text(values.read_text().replace("name: Keep our promises", "name: Promises kept"))
    git(project, "commit", "-qam", "two", when="2026-11-02T10:00:00+00:00")
    (project / ".git/objects" / first_values[:2] / first_values[2:]).unlink()
    changelog = read_changelog(project, project / "data")
    assert not changelog.available and not changelog.changes
    assert changelog.failure is not None and "damaged" in changelog.failure
    assert file_dates(project, [project / "data"]).available  # the dates are still known


def test_the_edition_says_its_changes_and_commit_are_not_known(
        broken_head: Path, build_site: BuildSite) -> None:
    config = broken_head / "mkdocs.yml"
    config.write_text(config.read_text().replace("      pdf: false\n", ""))
    site = build_site(broken_head, strict=False)
    pages = [fold(text) for text in page_texts(site / "editions/complete.pdf")]
    assert "commit" not in pages[0].lower()
    # The changes cannot be worked out: readers get no chapter about it, editors a warning.
    assert not any("Changes in this edition" in page for page in pages)
    assert not any("git" in page.lower().split() for page in pages)


def test_without_a_repository_there_is_nothing_to_warn_about(project: Path) -> None:
    assert not in_repository(project)
    assert read_build_info(project).failure is None
    assert read_changelog(project, project / "data").failure is None


def test_git_missing_from_a_repository_is_a_failure(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    git(project, "init", "-q")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    failure = read_changelog(project, project / "data").failure
    assert failure is not None and "not installed" in failure


def test_a_git_that_hangs_is_stopped(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HEAD as a named pipe: git waits for a writer that never comes."""
    git(project, "init", "-q")
    head = project / ".git/HEAD"
    head.unlink()
    os.mkfifo(head)
    monkeypatch.setattr(git_module, "GIT_TIMEOUT", 0.6)  # said as "1 s"; short, for the inner loop
    with pytest.raises(GitError, match="did not answer within 1 s"):
        run_git(project, "status")
    assert read_build_info(project).failure is not None
