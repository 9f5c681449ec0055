"""Git-aware pages: last-changed dates, the changelog, and old addresses that still work."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from generator.errors import Severity
from generator.history.commits import before_start, read_changelog
from generator.kinds import BUILT_IN

from .helpers import BuildSite, load, problems_text, write

ENGLISH = BUILT_IN.catalogue("en")


def git(project: Path, *args: str, when: str = "2026-10-01T09:00:00+00:00") -> str:
    return subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=Editor", "-c", "user.email=e@example.org",
         *args], capture_output=True, text=True, check=True,
        env={"PATH": "/usr/bin:/bin", "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when},
    ).stdout.strip()


def footer_of(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text()
    match = re.search(r'<aside class="md-source-file hb-source-file">(.*?)</aside>', html, re.S)
    return " ".join(re.sub(r"<svg.*?</svg>|<[^>]+>", " ", match.group(1), flags=re.S).split()) \
        if match else ""


def stamp_of(site: Path) -> str:
    """The home page's footer line about how current the handbook is, as readers read it."""
    html = (site / "index.html").read_text()
    stamp = html.split('class="hb-build-stamp"', 1)[1].split(">", 1)[1].split("</div>")[0]
    return " ".join(stamp.split())


def text_of(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text()
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>")[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


@pytest.fixture
def two_commits(project: Path) -> Path:
    """The small fixture committed on 1 October 2026, then edited on 12 November 2026."""
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "first version")
    behaviours = project / "data/behaviours.yml"
    behaviours.write_text(behaviours.read_text().replace(
        "commitment: Calls returned within 24 hours", "commitment: Calls returned the same day"))
    write(project, "data/stories/umbrella-lent.yml",
          (project / "data/stories/late-order-explained.yml").read_text()
          .replace("A late order explained before anyone asked", "An umbrella lent for the walk home")
          .replace("date: 2026-09-14", "date: 2026-11-10")
          .replace("published: 2026-09-20", "published: 2026-11-11")
          .replace("consent: 2026-09-18", "consent: 2026-11-11"))
    git(project, "add", ".")
    git(project, "commit", "-qm", "new story, faster calls", when="2026-11-12T16:30:00+00:00")
    return project


def test_pages_say_when_their_data_file_last_changed(two_commits: Path,
                                                     build_site: BuildSite) -> None:
    """Readers get the date alone: no file name, no link into the repository's history."""
    site = build_site(two_commits)
    assert footer_of(site, "values/respect") == "Last changed 1 October 2026"
    assert footer_of(site, "behaviours") == "Last changed 12 November 2026"
    assert footer_of(site, "stories/umbrella-lent") == "Last changed 12 November 2026"
    assert footer_of(site, "welcome") == "Last changed 1 October 2026"
    story = (site / "stories/umbrella-lent/index.html").read_text()
    # The editors' way in stays: Material's edit button.
    assert 'href="https://git.example.org/quayside/handbook/edit/main/data/stories/umbrella-lent.yml"' in story


def test_changelog_lists_changes_by_month(two_commits: Path, build_site: BuildSite) -> None:
    site = build_site(two_commits)
    assert text_of(site, "changes") == (
        "What's changed ¶ Every change to the values, foundation elements, behaviours and "
        "published stories, newest first. "
        "November 2026 ¶ "
        "12 Nov Story published: An umbrella lent for the walk home "
        "12 Nov Behaviour “Return calls within a day”: commitment updated "
        "The handbook's first version dates from 1 October 2026."
    )
    html = unescape((site / "changes/index.html").read_text())
    assert 'href="../stories/umbrella-lent/">Story published: An umbrella lent for the walk home</a>' in html


def test_uncommitted_changes_are_not_dated(two_commits: Path, build_site: BuildSite) -> None:
    values = two_commits / "data/values.yml"
    values.write_text(values.read_text().replace("seriously.", "seriously, always."))
    site = build_site(two_commits)
    assert footer_of(site, "values/respect") == ""  # no date it could not stand behind


def test_outside_git_nothing_false_is_said(small_site: Path) -> None:
    site = small_site  # the small fixture, built in a folder that is not in git
    assert footer_of(site, "values/respect") == ""
    assert "This copy of the handbook was made without its record of changes" in text_of(site, "changes")
    stamp = stamp_of(site)
    assert stamp.startswith("This handbook is up to date as of ") and "commit" not in stamp


def test_shallow_clone_dates_only_what_it_knows(two_commits: Path, tmp_path: Path,
                                                build_site: BuildSite) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{two_commits}", str(clone)],
                   check=True, capture_output=True)
    site = build_site(clone)
    assert footer_of(site, "values/respect") == ""  # its change is before the cut
    assert footer_of(site, "behaviours") == ""  # the cut commit stands for all history
    changes = text_of(site, "changes")
    assert "New story" not in changes
    assert "Changes before 12 November 2026 are not known to this copy of the handbook" in changes


def test_renamed_value_keeps_its_old_address(two_commits: Path, build_site: BuildSite) -> None:
    values = two_commits / "data/values.yml"
    values.write_text(values.read_text()
                      .replace("id: keep-promises", "id: promises-kept\n    renamed_from: [keep-promises]"))
    for path in [*(two_commits / "data").rglob("*.yml")]:
        text = path.read_text()
        if path.name != "values.yml" and "keep-promises" in text:
            path.write_text(text.replace("keep-promises", "promises-kept"))
    git(two_commits, "commit", "-qam", "rename a value", when="2026-11-20T10:00:00+00:00")
    site = build_site(two_commits)
    redirect = (site / "values/keep-promises/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../promises-kept/">' in redirect
    assert (site / "values/promises-kept/index.html").is_file()
    assert ("20 Nov Value “Keep our promises” has a new web address; the old one still leads to it"
            in text_of(site, "changes"))


def test_an_old_id_cannot_be_in_use(project: Path) -> None:
    values = project / "data/values.yml"
    values.write_text(values.read_text().replace(
        "id: keep-promises", "id: keep-promises\n    renamed_from: [respect]"))
    assert problems_text(project) == (
        "data/values.yml:13:20: values[keep-promises].renamed_from[1]: 'respect' is the id of a "
        "value now, so it cannot lead here\n"
        "    hint: remove it from renamed_from, or rename the other one"
    )


def test_changelog_reads_back_only_as_far_as_asked(two_commits: Path,
                                                   build_site: BuildSite) -> None:
    values = two_commits / "data/values.yml"
    values.write_text(values.read_text().replace("name: Keep our promises", "name: Promises kept"))
    git(two_commits, "commit", "-qam", "rename the value", when="2026-11-20T10:00:00+00:00")
    everything = read_changelog(two_commits, two_commits / "data")
    assert [dated.change.describe(ENGLISH) for dated in everything.changes] == [
        "Value “Keep our promises” is now called “Promises kept”",
        "Story published: An umbrella lent for the walk home",
        "Behaviour “Return calls within a day”: commitment updated",
    ]
    assert everything.complete
    newest = read_changelog(two_commits, two_commits / "data", limit=1)
    assert newest.changes == everything.changes[:1]
    assert not newest.complete
    site = build_site(two_commits)
    assert "Older changes are not listed here" not in text_of(site, "changes")


def test_a_broken_version_in_the_history_is_passed_over(two_commits: Path) -> None:
    values = two_commits / "data/values.yml"
    good = values.read_text()
    values.write_text(good.replace("values:", "values: [", 1))
    git(two_commits, "commit", "-qam", "oops", when="2026-11-20T10:00:00+00:00")
    values.write_text(good.replace("name: Keep our promises", "name: Promises kept"))
    git(two_commits, "commit", "-qam", "fixed, and renamed", when="2026-11-21T10:00:00+00:00")
    changelog = read_changelog(two_commits, two_commits / "data")
    assert [dated.change.describe(ENGLISH) for dated in changelog.changes][:1] == [
        "Value “Keep our promises” is now called “Promises kept”"]
    assert len(changelog.changes) == 3


def _changes(project: Path, starts: str | None) -> list[tuple[str, str]]:
    changelog = read_changelog(project, project / "data", starts=starts)
    assert changelog.available and changelog.failure is None
    return [(dated.change.kind, dated.change.action) for dated in changelog.changes]


def test_history_can_start_at_a_day_or_a_commit(two_commits: Path) -> None:
    """A handbook that takes over a repository lists only what changed since it did."""
    first = git(two_commits, "rev-parse", "HEAD~1")
    second = git(two_commits, "rev-parse", "HEAD")
    everything = _changes(two_commits, None)
    assert ("story", "added") in everything and ("behaviour", "changed") in everything
    # Starting before the second commit, or at the first, keeps its changes, and lists the
    # first commit as the starting point rather than as changes.
    assert _changes(two_commits, "2026-10-01") == everything
    assert _changes(two_commits, first) == everything
    # Starting on the day of the second commit, or at it, lists nothing.
    assert _changes(two_commits, "2026-11-12") == []
    assert _changes(two_commits, second) == []
    started = read_changelog(two_commits, two_commits / "data", starts="2026-11-12").started
    assert started is not None and started.date().isoformat() == "2026-11-12"


def test_history_starts_at_adoption_when_a_repository_changes_hands(
        two_commits: Path, build_site: BuildSite) -> None:
    """Taking over the repository: every entry replaced on adoption day, edited after it."""
    values = two_commits / "data/values.yml"
    values.write_text(values.read_text().replace("name: Respect", "name: Courtesy"))
    git(two_commits, "commit", "-qam", "adopted", when="2026-11-20T10:00:00+00:00")
    organisation = two_commits / "data/organisation.yml"
    organisation.write_text(organisation.read_text() + "history_starts: 2026-11-20\n")
    values.write_text(values.read_text().replace("name: Courtesy", "name: Courtesy first"))
    git(two_commits, "commit", "-qam", "renamed", when="2026-11-21T10:00:00+00:00")
    assert _changes(two_commits, "2026-11-20") == [("value", "changed")]
    site = build_site(two_commits)
    changes = text_of(site, "changes")
    assert "Courtesy first" in changes and "umbrella" not in changes.lower()


def test_an_unknown_history_start_is_reported(two_commits: Path) -> None:
    changelog = read_changelog(two_commits, two_commits / "data", starts="v-nowhere")
    assert not changelog.available
    assert changelog.failure is not None and "history_starts" in changelog.failure
    assert "'v-nowhere'" in changelog.failure


def test_an_earlier_edition_from_before_the_start_is_not_compared_with(two_commits: Path) -> None:
    git(two_commits, "tag", "edition-1", "HEAD~1")
    second = git(two_commits, "rev-parse", "HEAD")
    assert before_start(two_commits, "edition-1", "2026-10-01")
    assert not before_start(two_commits, "edition-1", "2026-09-30")
    assert before_start(two_commits, "edition-1", second)
    assert not before_start(two_commits, "HEAD", "edition-1")
    assert not before_start(two_commits, "edition-1", None)


def test_check_names_the_line_of_an_unknown_history_start(two_commits: Path) -> None:
    organisation = two_commits / "data/organisation.yml"
    text = organisation.read_text(encoding="utf-8") + "history_starts: v-nowhere\n"
    organisation.write_text(text, encoding="utf-8")
    found = [p for p in load(two_commits)[1].problems if p.field == "history_starts"]
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    assert (found[0].file, found[0].line) == ("data/organisation.yml", len(text.splitlines()))
    assert "'v-nowhere'" in found[0].message and "git tag" in found[0].hint
    tagged = text.replace("v-nowhere", "edition-1")
    organisation.write_text(tagged, encoding="utf-8")
    git(two_commits, "tag", "edition-1", "HEAD")
    assert [p for p in load(two_commits)[1].problems if p.field == "history_starts"] == []
