"""A build replaces `site/` whole or not at all: killed midway, the old site stays exactly
as it was, and the next build clears away what the killed one left behind."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .helpers import build, write

HANDBOOK = Path(sys.executable).with_name("handbook")


def digest(folder: Path) -> dict[str, str]:
    """Every file of a folder with a hash of its bytes: equal digests, identical folders."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def staging_folders(project: Path) -> list[Path]:
    return sorted(project.glob(".site.building-*"))


def wait_for_a_half_written_site(project: Path, process: subprocess.Popen[bytes]) -> Path:
    """The build's own folder, once the build has written files into it and is still going."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the build ended before it could be stopped midway"
        for staging in staging_folders(project):
            if any(path.is_file() for path in staging.rglob("*")):
                return staging
        time.sleep(0.01)
    raise AssertionError("the build never started writing its site")


def test_a_killed_build_leaves_the_old_site_exactly_as_it_was(project: Path) -> None:
    site = build(project)
    before = digest(site)
    organisation = project / "data/organisation.yml"
    write(project, "data/organisation.yml",
          organisation.read_text().replace("tagline: ", "tagline: Rebuilt. ", 1))

    process = subprocess.Popen([str(HANDBOOK), "build"], cwd=project, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        staging = wait_for_a_half_written_site(project, process)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    assert staging.is_dir(), "a killed build cannot clean up; its folder is left behind"
    assert digest(site) == before

    finished = subprocess.run([str(HANDBOOK), "build"], cwd=project, capture_output=True,
                              text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert staging_folders(project) == []
    assert "Rebuilt." in (site / "index.html").read_text(encoding="utf-8")


def test_a_build_killed_between_its_two_renames_gets_its_site_back(project: Path) -> None:
    """The one moment `site/` is missing: renamed aside, the new one not yet in place. A kill
    there leaves the whole old site under its aside name, and the next build restores it
    before it starts (so a failing next build still leaves readers a site)."""
    site = build(project)
    before = digest(site)
    aside = project / ".site.old-4242"
    site.rename(aside)
    write(project, "data/values.yml", "values: [not, a, value]\n")

    failed = subprocess.run([str(HANDBOOK), "build"], cwd=project, capture_output=True,
                            text=True, check=False)
    assert failed.returncode == 1
    assert "site/ is unchanged" in failed.stderr
    assert not aside.exists()
    assert digest(site) == before
