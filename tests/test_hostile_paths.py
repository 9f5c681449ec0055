"""What a pull request can put in the repository besides text: folder names, links,
pipes. A reviewer sees a name, not what it does; each is refused by name, never followed,
and never hangs or crashes a command."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .commands import RunHandbook, commit_all, git
from .helpers import BuildSite, write

HOSTILE_FOLDER = 'x" autofocus onfocus="alert(document.domain)" y="'


def _first_story(project: Path) -> Path:
    return sorted((project / "data/stories").glob("*.yml"))[0]


def test_a_story_folder_named_like_markup_is_refused(project: Path,
                                                     run_handbook: RunHandbook) -> None:
    story = _first_story(project)
    folder = project / "data/stories" / HOSTILE_FOLDER
    folder.mkdir()
    shutil.move(story, folder / story.name)
    result = run_handbook(project, "check")
    assert result.returncode == 1
    assert f"data/stories/{HOSTILE_FOLDER}/: the folder name cannot hold stories" in result.stderr
    assert "Traceback" not in result.stderr
    built = run_handbook(project, "build")
    assert built.returncode == 1 and not (project / "site").exists()


def test_a_folder_name_in_the_pages_is_shown_as_text(project: Path, build_site: BuildSite) -> None:
    odd = "odd<b>&folder"
    write(project, f"handbook/{odd}/page.md", "# A page in an oddly named folder\n")
    commit_all(project)
    site = build_site(project, strict=False)  # the page is outside the nav, which strict refuses
    html = next(site.rglob("page/index.html")).read_text(encoding="utf-8")
    assert "odd<b>" not in html  # the name is never markup (the edit address quotes it)


def test_a_page_linked_to_a_file_outside_is_refused_and_not_published(
        project: Path, run_handbook: RunHandbook) -> None:
    page = project / "handbook/policies.md"
    page.unlink()
    page.symlink_to("/proc/self/environ")
    result = run_handbook(project, "build", FOO_SECRET="hunter2-secret")
    assert result.returncode == 1
    assert "handbook/policies.md: this is a link to a place outside the pages folder" \
        in result.stderr
    assert not (project / "site").exists()
    assert "hunter2-secret" not in result.stderr + result.stdout


def test_links_and_special_files_in_the_pages_never_hang_or_crash(
        project: Path, run_handbook: RunHandbook) -> None:
    os.mkfifo(project / "handbook/pipe.md")
    (project / "handbook/gone.md").symlink_to(project / "handbook/missing.md")
    (project / "handbook/zeros.md").symlink_to("/dev/zero")
    (project / "handbook/folder.md").mkdir()
    (project / "handbook/assets").mkdir(exist_ok=True)
    (project / "handbook/assets/passwd.txt").symlink_to("/etc/passwd")
    result = run_handbook(project, "check", timeout=60)  # a pipe once made this wait forever
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for expected in ("handbook/pipe.md: this is not a regular file",
                     "handbook/gone.md: the page is a link to a file that does not exist",
                     "handbook/zeros.md: this is a link to a place outside the pages folder",
                     "handbook/assets/passwd.txt: this is a link to a place outside the pages "
                     "folder"):
        assert expected in result.stderr
    assert "folder.md" not in result.stderr  # a folder is not a page: nothing to refuse


def test_the_site_folder_cannot_be_an_existing_file(project: Path,
                                                    run_handbook: RunHandbook) -> None:
    readme = write(project, "README.md", "# Read me\n")
    result = run_handbook(project, "build", "--site-dir", "README.md")
    assert result.returncode == 1
    assert "is a file, not a folder" in result.stderr
    assert readme.read_text(encoding="utf-8") == "# Read me\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving the folder to another user needs root")
def test_a_repository_git_distrusts_is_a_warning_with_the_fix(
        project: Path, run_handbook: RunHandbook) -> None:
    commit_all(project)
    shutil.chown(project, user="nobody")  # tests run as root: another user owns it now
    for path in project.rglob("*"):
        shutil.chown(path, user="nobody")
    result = run_handbook(project, "build", "--no-strict")
    assert result.returncode == 0, result.stderr
    assert "dubious ownership" in result.stderr
    assert f"git config --global --add safe.directory {project}" in result.stderr
    strict = run_handbook(project, "build")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr


def test_links_and_huge_files_in_history_are_never_followed_or_read_whole(
        project: Path, run_handbook: RunHandbook) -> None:
    # An earlier commit (tagged, so the editions compare with it) held a story that was a
    # link to a secret and, later, a file far too big to be data. History is read from git's own copies: a link is its target's name,
    # never the target, and a file over the size limit is passed over.
    story = _first_story(project)
    commit_all(project, "Start")
    linked = project / "data/stories/linked.yml"
    linked.symlink_to("/proc/self/environ")
    commit_all(project, "A link slips in")
    git(project, "tag", "v2026.09")  # the editions compare with it: an absolute link there
    linked.unlink()
    with (project / "data/stories/huge.yml").open("w", encoding="utf-8") as handle:
        handle.write("title: " + "x" * (3 * 1024 * 1024) + "\n")
    commit_all(project, "A huge file slips in")
    (project / "data/stories/huge.yml").unlink()
    story.write_text(story.read_text(encoding="utf-8").replace("title: ", "title: Then ", 1),
                     encoding="utf-8")
    commit_all(project, "Both taken out again")
    result = run_handbook(project, "build", SECRET_IN_THE_ENVIRONMENT="hunter2")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "comparing with the data at v2026.09" in result.stderr
    published = [path.read_bytes() for path in (project / "site").rglob("*") if path.is_file()]
    assert not any(b"hunter2" in content for content in published)
    assert not any(b"x" * 1000 in content for content in published)


def test_links_and_pipes_in_the_theme_folder_are_refused(project: Path,
                                                         run_handbook: RunHandbook) -> None:
    # The theme folder is copied into the site as it is: a link out of it would publish
    # whatever it points at, and a pipe would hang the copy.
    (project / "overrides/assets").mkdir(parents=True, exist_ok=True)
    (project / "overrides/assets/environment.txt").symlink_to("/proc/self/environ")
    os.mkfifo(project / "overrides/assets/pipe.css")
    for command in (("check",), ("build",)):
        result = run_handbook(project, *command, SECRET_IN_THE_ENVIRONMENT="hunter2", timeout=120)
        assert result.returncode == 1, result.stderr
        assert ("overrides/assets/environment.txt: this is a link to a place outside the "
                "theme folder") in result.stderr
        assert "overrides/assets/pipe.css: this is not a regular file" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
