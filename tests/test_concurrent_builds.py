"""Two builds into one site folder take turns; neither removes the other's work."""

from __future__ import annotations

import fcntl
import os
import subprocess
import time
from pathlib import Path

from generator.sources.owned_folders import SITE

from .commands import HANDBOOK, RunHandbook, clean_env

WAITING = "waiting"


def test_a_build_waits_for_the_one_writing_the_same_folder(project: Path,
                                                           run_handbook: RunHandbook) -> None:
    # This test plays the first build: it holds the folder's lock, with a staging folder
    # of its own in progress, while a real build starts.
    ours = project / f".site.building-{os.getpid()}"
    SITE.make(ours)  # as a build marks its staging folder
    (ours / "half-written.html").write_text("<p>", encoding="utf-8")
    lock = os.open(project, os.O_RDONLY)  # builds lock the folder that holds the site
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        second = subprocess.Popen([HANDBOOK, "build"], cwd=project, env=clean_env(project),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert second.stderr is not None
        said = second.stderr.readline()  # blocks until it says something, or ends
        assert WAITING in said, said
        time.sleep(0.5)  # had it not waited, it would be removing our folder by now
        assert (ours / "half-written.html").is_file(), "the other build's work was removed"
        (ours / "index.html").write_text("<p>first</p>", encoding="utf-8")
        ours.rename(project / "site")  # "our" build finishes and puts its site in place
    finally:
        os.close(lock)
    _, errors = second.communicate(timeout=300)
    assert second.returncode == 0, errors
    assert (project / "site/index.html").read_text(encoding="utf-8") != "<p>first</p>"
    assert not list(project.glob(".site.building-*")) and not list(project.glob(".site.old-*"))


def test_two_builds_at_once_both_succeed(project: Path, run_handbook: RunHandbook) -> None:
    # Started here, not through `run_handbook`, which waits for each to end.
    builds = [subprocess.Popen([HANDBOOK, "build"], cwd=project, env=clean_env(project),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    for build in builds:
        _, errors = build.communicate(timeout=300)
        assert build.returncode == 0, errors
        assert "Traceback" not in errors
    assert (project / "site/index.html").is_file()
    assert not list(project.glob(".site.building-*")) and not list(project.glob(".site.old-*"))


def test_a_failed_build_leaves_no_staging_folder(project: Path, run_handbook: RunHandbook) -> None:
    values = project / "data/values.yml"
    values.write_text(values.read_text(encoding="utf-8") + "  - {id: broken\n", encoding="utf-8")
    result = run_handbook(project, "build")
    assert result.returncode == 1
    assert not list(project.glob(".site.building-*"))
