"""A build replaces its site folder, so it replaces only a folder it made: never a link,
never a folder outside the project that mkdocs.yml names, never someone else's folder.
The folders the handbook is made from are the project's own. Each refusal is one clear
line, exit code 1, and leaves every file where it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.sources.owned_folders import SITE

from .commands import RunHandbook, clean_env, commit_all

MKDOCS = str(Path(sys.executable).with_name("mkdocs"))


def _someone_elses_site(folder: Path) -> list[str]:
    """A folder that looks like a site (it has an index.html) but is not the tool's."""
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<p>their site</p>")
    (folder / "assets/notes.txt").write_text("keep me")
    return _listing(folder)


def _listing(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def _set(project: Path, setting: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + f"{setting}\n", encoding="utf-8")


def test_a_site_folder_that_is_a_link_is_refused(project: Path, tmp_path: Path,
                                                 run_handbook: RunHandbook) -> None:
    outside = tmp_path / "sibling"
    before = _someone_elses_site(outside)
    (project / "site").symlink_to(outside)
    commit_all(project)
    result = run_handbook(project, "build")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: mkdocs.yml: site_dir is site, which is a link: a build replaces "
        "the site folder, so mkdocs.yml may only name a real folder in the project; to build "
        "elsewhere, give the folder with --site-dir\n")
    assert _listing(outside) == before


def test_a_site_dir_outside_the_project_is_refused(project: Path, tmp_path: Path,
                                                   run_handbook: RunHandbook) -> None:
    outside = tmp_path / "sibling"
    before = _someone_elses_site(outside)
    _set(project, "site_dir: ../sibling")
    result = run_handbook(project, "build")
    assert result.returncode == 1
    assert "which is outside the project folder: a build replaces the site folder" \
        in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert _listing(outside) == before

    # Plain MkDocs empties its site folder before it builds: the plugin refuses first.
    result = subprocess.run([MKDOCS, "build"], cwd=project, capture_output=True, text=True,
                            env=clean_env(project), timeout=300)
    assert result.returncode == 1
    assert "is not empty and was not built by this tool" in result.stderr
    assert _listing(outside) == before


def test_a_folder_named_on_the_command_line_may_be_anywhere_if_it_is_ours(
        project: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    foreign = tmp_path / "foreign"
    before = _someone_elses_site(foreign)
    result = run_handbook(project, "build", "--site-dir", str(foreign))
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {foreign} is not empty and was not built by this tool: a build replaces the "
        "whole folder, so it is left as it is; choose an empty or new folder, or remove it "
        "first\n")
    assert _listing(foreign) == before

    preview = tmp_path / "preview"
    assert run_handbook(project, "build", "--site-dir", str(preview)).returncode == 0
    assert SITE.is_on(preview) and (preview / "index.html").is_file()
    again = run_handbook(project, "build", "--site-dir", str(preview))  # ours: replaced
    assert again.returncode == 0, again.stderr


def test_leftovers_named_like_a_builds_are_removed_only_if_ours(
        project: Path, run_handbook: RunHandbook) -> None:
    assert run_handbook(project, "build").returncode == 0
    staging = project / ".site.building-4242"
    staging.mkdir()
    (staging / "notes.txt").write_text("not a build's")
    retired = project / ".site.old-4243"
    retired.mkdir()
    (retired / "index.html").write_text("<p>not a site of ours</p>")
    killed = project / ".site.building-4244"
    SITE.make(killed)  # what a build killed before it could clean up leaves
    assert run_handbook(project, "build").returncode == 0
    assert (staging / "notes.txt").is_file() and (retired / "index.html").is_file()
    assert not killed.exists()


@pytest.mark.parametrize("setting, shown", [
    ("docs_dir: ../elsewhere", "docs_dir"),
    ("theme:\n  name: material\n  custom_dir: ../elsewhere", "theme.custom_dir"),
])
@pytest.mark.parametrize("in_git", [True, False], ids=["in git", "outside git"])
def test_sources_outside_the_project_are_refused_clearly(
        project: Path, tmp_path: Path, setting: str, shown: str, in_git: bool,
        run_handbook: RunHandbook) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "welcome.md").write_text("# Someone else's page\n")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if setting.startswith("theme:"):
        text = text.replace("  custom_dir: overrides", "  custom_dir: ../elsewhere")
        assert "custom_dir: ../elsewhere" in text
    else:
        text += setting + "\n"
    config.write_text(text, encoding="utf-8")
    if in_git:
        commit_all(project)
    for command in (["check"], ["build"], ["build", "--no-strict"]):
        result = run_handbook(project, *command)
        assert result.returncode == 1, command
        assert result.stderr == (
            f"Error: mkdocs.yml: {shown} is ../elsewhere, outside the project "
            f"folder {project}: the handbook is made only from folders of its own "
            "repository; move the folder into the project and name it there\n"), command
        assert not (project / "site").exists()
