"""A folder the tool makes appears marked or not at all, so a killed run never leaves a
folder that the next run must refuse as someone else's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.sources.owned_folders import CACHE, NotOurs


def _dead_pid() -> int:
    """The number of a process that has ended (and was ours)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_made_folder_is_marked_and_nothing_else_is_left_beside_it(tmp_path: Path) -> None:
    made = CACHE.make(tmp_path / "part", mode=0o700)
    assert CACHE.is_on(made)
    assert os.listdir(tmp_path) == ["part"]
    assert made.stat().st_mode & 0o777 == 0o700


def test_a_folder_killed_before_its_rename_is_swept_only_once_its_process_is_gone(
        tmp_path: Path) -> None:
    gone = tmp_path / f".part.{_dead_pid()}-0badf00d.making"
    alive = tmp_path / f".part.{os.getpid()}-0badf00d.making"
    strangers = tmp_path / ".part.123-notours.making"
    for folder in (gone, alive):
        folder.mkdir()
        CACHE.write(folder)
    strangers.mkdir()  # named like ours but unmarked: never removed
    CACHE.make(tmp_path / "part")
    assert not gone.exists()
    assert alive.exists() and strangers.exists()


def test_an_unmarked_folder_in_the_place_is_refused_and_left_alone(tmp_path: Path) -> None:
    theirs = tmp_path / "part"
    theirs.mkdir()
    (theirs / "keep.txt").write_text("theirs")
    with pytest.raises(NotOurs):
        CACHE.make(theirs)
    assert os.listdir(theirs) == ["keep.txt"]
    assert os.listdir(tmp_path) == ["part"]


def test_a_link_in_the_place_is_refused_even_when_it_points_at_a_marked_folder(
        tmp_path: Path) -> None:
    ours = CACHE.make(tmp_path / "ours")
    (tmp_path / "part").symlink_to(ours)
    with pytest.raises(NotOurs) as refused:
        CACHE.make(tmp_path / "part")
    assert refused.value.is_link
