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

from .commands import RunHandbook
from .helpers import BuildSite, write

HANDBOOK = Path(sys.executable).with_name("handbook")


def digest(folder: Path) -> dict[str, str]:
    """Every file of a folder with a hash of its bytes: equal digests, identical folders."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def staging_folders(project: Path) -> list[Path]:
    return sorted(project.glob(".site.building-*"))


PAUSE_HOOK = """\
import time
from pathlib import Path

pages_done = 0


def on_post_page(output, page, config):
    # The second page: the first is written into the new site folder by now.
    global pages_done
    pages_done += 1
    if pages_done == 2:
        Path(config.config_file_path).with_name("paused").touch()
        time.sleep(600)
    return output
"""


def pause_builds_midway(project: Path) -> Path:
    """Make every build of `project` stop after writing its first page, and say so: a
    MkDocs hook (a real part of MkDocs, not a mock) that waits there until it is killed."""
    write(project, "pause_hook.py", PAUSE_HOOK)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - pause_hook.py\n",
                      encoding="utf-8")
    return project / "paused"


def wait_until(marker: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, "the build ended before it reached the pause"
        assert time.monotonic() < deadline, "the build never reached its pause"
        time.sleep(0.05)


def test_a_killed_build_leaves_the_old_site_exactly_as_it_was(
        project: Path, build_site: BuildSite, run_handbook: RunHandbook) -> None:
    # The command is started here, not through `run_handbook`: it must be killed midway.
    site = build_site(project)
    before = digest(site)
    organisation = project / "data/organisation.yml"
    write(project, "data/organisation.yml",
          organisation.read_text().replace("tagline: ", "tagline: Rebuilt. ", 1))
    paused = pause_builds_midway(project)

    process = subprocess.Popen([str(HANDBOOK), "build"], cwd=project, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(paused, process)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    [staging] = staging_folders(project)
    assert any(path.is_file() for path in staging.rglob("*")), "it had begun writing"
    assert digest(site) == before

    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n  - pause_hook.py\n",
                                                                 ""), encoding="utf-8")
    finished = subprocess.run([str(HANDBOOK), "build"], cwd=project, capture_output=True,
                              text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert staging_folders(project) == []
    assert "Rebuilt." in (site / "index.html").read_text(encoding="utf-8")


def test_a_build_killed_between_its_two_renames_gets_its_site_back(
        project: Path, build_site: BuildSite, run_handbook: RunHandbook) -> None:
    """The one moment `site/` is missing: renamed aside, the new one not yet in place. A kill
    there leaves the whole old site under its aside name, and the next build restores it
    before it starts (so a failing next build still leaves readers a site)."""
    site = build_site(project)
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
