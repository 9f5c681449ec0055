"""`handbook check` keeps parsed files in .cache/ and is never wrong because of it.

Each step changes the small fixture's data the way editors do (an edit, a rename, a
deletion, a broken file and its fix, a value renamed, a file saved unchanged) and then
checks twice: with the cache the last check left, and from nothing. Both must say the
same, to the letter, with the same exit code.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.checks.check_cache import (
    CACHE_FOLDER,
    keep_parsed_files,
    restore_parsed_files,
)
from generator.checks.loader import LoadStats, load_handbook

from .commands import handbook

STORIES = "data/stories"


def _check_twice(project: Path) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The check with the cache as it is, then with no cache at all."""
    warm = handbook(project, "check", "--today", "2026-10-20")
    shutil.rmtree(project / CACHE_FOLDER)
    cold = handbook(project, "check", "--today", "2026-10-20")
    return ((warm.returncode, warm.stdout, warm.stderr),
            (cold.returncode, cold.stdout, cold.stderr))


def _replace(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_story(project: Path) -> Path:
    return sorted((project / STORIES).glob("*.yml"))[0]


STEPS: list[tuple[str, Callable[[Path], None]]] = [
    ("nothing changed", lambda project: None),
    ("a story edited", lambda project: _replace(
        project, f"{STORIES}/{_first_story(project).name}", "title: ", "title: Edited: ")),
    ("a story given a customer's phone number", lambda project: _replace(
        project, f"{STORIES}/{_first_story(project).name}", "tip: ",
        "tip: Ring them on 0161 496 0018. ")),
    ("the phone number taken out", lambda project: _replace(
        project, f"{STORIES}/{_first_story(project).name}", "Ring them on 0161 496 0018. ", "")),
    ("a story renamed", lambda project: _first_story(project).rename(
        project / STORIES / "renamed-story.yml")),
    ("a story broken", lambda project: (project / STORIES / "broken.yml").write_text(
        "title: [unclosed\n", encoding="utf-8")),
    ("the broken story mended", lambda project: (project / STORIES / "broken.yml").unlink()),
    ("a story deleted", lambda project: (project / STORIES / "renamed-story.yml").unlink()),
    ("a value renamed, every story naming it checked again", lambda project: _replace(
        project, "data/values.yml", "id: respect", "id: respected")),
    ("a file saved as it was", lambda project: (project / "data/values.yml").write_bytes(
        (project / "data/values.yml").read_bytes())),
]


@pytest.mark.slow
def test_a_check_with_the_cache_says_what_a_check_without_it_says(project: Path) -> None:
    handbook(project, "check")  # leaves the cache the first step starts from
    assert any((project / CACHE_FOLDER).rglob("*.pickle"))
    outcomes = set()
    for name, change in STEPS:
        change(project)
        warm, cold = _check_twice(project)
        assert warm == cold, name
        assert "Traceback" not in warm[2], name
        outcomes.add(warm[0])
    assert outcomes == {0, 1}, "the steps include a failing check and a passing one"


def _load(project: Path, stats: LoadStats) -> None:
    parsed = restore_parsed_files(project)
    load_handbook(project / "data", project / "handbook", root=project, parsed=parsed,
                  stats=stats)
    keep_parsed_files(parsed, project)


def test_an_unchanged_file_is_not_parsed_again_and_an_edited_one_is(project: Path) -> None:
    files = len(list((project / "data").rglob("*.yml")))
    first, second, third = LoadStats(), LoadStats(), LoadStats()
    _load(project, first)
    story = _first_story(project)
    story.write_text(story.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    _load(project, second)
    (project / "data/values.yml").touch()  # a new time, the same content
    _load(project, third)
    assert (first.files_read, second.files_read, third.files_read) == (files, 1, 0)
    assert second.changed == {f"{STORIES}/{story.name}"}


def test_a_damaged_cache_or_another_generators_is_not_used(project: Path) -> None:
    _load(project, LoadStats())
    for shard in (project / CACHE_FOLDER).rglob("*.pickle"):
        shard.write_bytes(shard.read_bytes()[:20])  # cut short, as by a full disk
    stats = LoadStats()
    _load(project, stats)
    assert stats.files_unchanged == 0
    assert restore_parsed_files(project, fingerprint="another-generator").items() == []
    assert restore_parsed_files(project).items() != []
