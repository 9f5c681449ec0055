"""Where a new handbook's CI installs the generator from: what `--generator` names, or
where this one came from; never a folder on this machine without saying so."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.authoring.new_handbook import given_requirement, requirement_from_clone
from generator.errors import HandbookError

from .commands import commit_all, git


@pytest.mark.parametrize(("given", "line"), [
    ("0.2.0", "culture-handbook==0.2.0"),
    ("culture-handbook==0.2.0", "culture-handbook==0.2.0"),
    ("git+https://example.org/culture-handbook@v0.2.0",
     "culture-handbook@ git+https://example.org/culture-handbook@v0.2.0"),
])
def test_a_release_or_a_pinned_git_address_is_written_as_pip_reads_it(
        given: str, line: str) -> None:
    requirement = given_requirement(given)
    assert requirement.line.replace(" ", "") == line.replace(" ", "")
    assert requirement.reachable and requirement.note is None


def test_a_folder_is_written_but_said_to_be_unreachable() -> None:
    requirement = given_requirement("culture-handbook @ file:///srv/culture-handbook")
    assert not requirement.reachable and requirement.note and "CI cannot reach" in requirement.note


@pytest.mark.parametrize("given", ["requests==2.0", "not a requirement at all", "culture-handbook>>1"])
def test_anything_else_is_refused_with_what_to_give(given: str) -> None:
    with pytest.raises(HandbookError, match="--generator"):
        given_requirement(given)


def test_a_clone_installed_from_its_folder_gives_its_remote_and_tag(tmp_path: Path) -> None:
    clone = tmp_path / "culture-handbook"
    clone.mkdir()
    (clone / "README.md").write_text("the generator\n", encoding="utf-8")
    commit = commit_all(clone, "a release")
    git(clone, "remote", "add", "origin", "git@example.org:tools/culture-handbook.git")
    requirement = requirement_from_clone(clone.as_uri())
    assert requirement is not None and requirement.reachable
    assert requirement.line == (
        f"culture-handbook @ git+ssh://git@example.org/tools/culture-handbook.git@{commit}")
    git(clone, "tag", "v0.3.0")
    tagged = requirement_from_clone(clone.as_uri())
    assert tagged is not None and tagged.line.endswith(".git@v0.3.0")


def test_a_clone_without_a_remote_gives_nothing_to_pin(tmp_path: Path) -> None:
    clone = tmp_path / "culture-handbook"
    clone.mkdir()
    (clone / "README.md").write_text("the generator\n", encoding="utf-8")
    commit_all(clone, "local work")
    assert requirement_from_clone(clone.as_uri()) is None
    assert requirement_from_clone((tmp_path / "nowhere").as_uri()) is None
