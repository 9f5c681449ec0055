"""A killed build's scratch folder (its PDFs in progress) is removed by the next build."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from generator.editions.scratch import PREFIX, remove_abandoned
from generator.sources.owned_folders import SCRATCH

from .commands import HANDBOOK, RunHandbook, clean_env


def _ended_process_id() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_only_folders_of_ended_processes_are_removed(tmp_path: Path) -> None:
    ended = _ended_process_id()
    abandoned = tmp_path / f"{PREFIX}{ended}-abc"
    mine = tmp_path / f"{PREFIX}{os.getpid()}-def"
    unrelated = tmp_path / "handbook-notes"
    named_alike = tmp_path / f"{PREFIX}{ended}-not-ours"  # another program's, unmarked
    for folder in (abandoned, mine, unrelated, named_alike):
        (folder / "inside").mkdir(parents=True)
    for folder in (abandoned, mine):
        SCRATCH.write(folder)
    outside = tmp_path / "elsewhere"
    SCRATCH.make(outside)
    (tmp_path / f"{PREFIX}{ended}-link").symlink_to(outside)  # a link is never followed
    assert remove_abandoned(tmp_path) == [abandoned]
    assert not abandoned.exists() and mine.exists() and unrelated.exists()
    assert named_alike.exists() and outside.exists()


def test_a_build_killed_outright_leaves_nothing_behind_for_long(
        project: Path, run_handbook: RunHandbook) -> None:
    # The first build is started here, not through `run_handbook`: it is killed midway.
    scratch = project.parent / "tmp"
    scratch.mkdir()
    env = clean_env(project, TMPDIR=str(scratch))
    build = subprocess.Popen([HANDBOOK, "build"], cwd=project, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    try:
        while not list(scratch.glob(f"{PREFIX}{build.pid}-*")):
            assert build.poll() is None, "the build ended before it made its scratch folder"
            assert time.monotonic() < deadline, "no scratch folder appeared"
            time.sleep(0.05)
    finally:
        build.kill()  # SIGKILL: no clean-up code runs
        build.wait()
    assert list(scratch.glob(f"{PREFIX}*")), "the killed build left its folder"

    again = run_handbook(project, "build", TMPDIR=str(scratch))
    assert again.returncode == 0, again.stderr
    assert list(scratch.glob(f"{PREFIX}*")) == []
