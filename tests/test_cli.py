"""The `handbook` command, run as a real process: output, exit codes, no tracebacks."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from generator.kinds import STORY

from .commands import RunHandbook
from .helpers import load, weaken_a_story, write

HANDBOOK = str(Path(sys.executable).with_name("handbook"))


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`handbook ARGS` with this module's environment, never a traceback; a test that calls
    it takes `run_handbook`."""
    result = subprocess.run(
        [HANDBOOK, *args], cwd=project, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(project), "NO_MKDOCS_2_WARNING": "1"},
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize("command", [
    ["check"], ["build"], ["serve"], ["new", "story"],
])
def test_every_command_explains_itself_with_an_example(project: Path, command: list[str],
                                                       run_handbook: RunHandbook) -> None:
    result = run(project, *command, "--help")
    assert result.returncode == 0
    assert "Example:" in result.stdout
    assert f"handbook {' '.join(command)}" in result.stdout


def test_check_passes_on_valid_data(project: Path, run_handbook: RunHandbook) -> None:
    result = run(project, "check", "--strict")
    assert result.returncode == 0
    assert result.stdout == (
        "data/ is valid: 2 values, 2 foundation elements in 2 layers, 2 behaviours in 2 themes, "
        "2 published stories (1 draft, 1 retired), 2 orientation steps, 2 measures (11 results "
        "in 2 files), 2 findings, 1 published idea (1 not published).\n"
    )
    assert result.stderr == ""


def test_check_reports_every_problem_and_exits_1(project: Path, run_handbook: RunHandbook) -> None:
    write(project, "data/organisation.yml", "name: Quayside Books\nfeatured: yes\n")
    result = run(project, "check")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: the handbook data has problems (2 errors, 0 warnings):\n"
        "data/organisation.yml:1:1: tagline: the field 'tagline' is missing\n"
        "    hint: add `tagline:` (One sentence under the title on the home page: what the "
        "organisation is for)\n"
        "data/organisation.yml:2:1: featured: unknown field 'featured'\n"
        "    hint: fields here: name, handbook_title, tagline, site_url, sign_off_url, "
        "repository_url, story_form_url, idea_form_url, story_email, story_curator, branch, "
        "logo and 8 more\n"
    )


def test_check_strict_fails_on_warnings(project: Path, run_handbook: RunHandbook) -> None:
    weaken_a_story(project)
    relaxed = run(project, "check")
    assert relaxed.returncode == 0
    assert "warning: tip: quality: the tip has 2 words" in relaxed.stderr
    strict = run(project, "check", "--strict")
    assert strict.returncode == 1
    assert strict.stderr.startswith(
        "Error: the handbook data has warnings, and strict mode treats them as errors "
        "(0 errors, 1 warning):\n")


def test_check_without_a_project(tmp_path: Path, run_handbook: RunHandbook) -> None:
    result = run(tmp_path, "check")
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: mkdocs.yml not found in {tmp_path.resolve()}: run the command in the handbook's "
        "folder, or give the file with --config\n"
    )


def test_build_writes_the_site(project: Path, run_handbook: RunHandbook) -> None:
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built 28 pages and 3 PDF editions into site/ in ")
    assert "handbook: complete: laying out pages" in result.stderr
    assert (project / "site/stories/signed-copy-found/index.html").is_file()


def test_build_with_broken_data_exits_1_and_keeps_the_site(project: Path,
                                                           run_handbook: RunHandbook) -> None:
    assert run(project, "build").returncode == 0
    before = (project / "site/index.html").read_text()
    write(project, "data/values.yml", "values:\n  - id: respect\n")
    result = run(project, "build")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: the site was not built: the handbook data has problems (11 errors, 0 warnings):\n"
        "data/values.yml:2:5: values[respect].name: the field 'name' is missing\n"
        "    hint: add `name:` (The value's name as readers see it (`Respect`))\n"
        "data/values.yml:2:5: values[respect].statement: the field 'statement' is missing\n"
        "    hint: add `statement:` (One or two sentences: what the value means here)\n"
        "data/values.yml:2:5: values[respect].why: the field 'why' is missing\n"
        "    hint: add `why:` (Why it matters to customers, to colleagues and to the business)\n"
        "data/values.yml:2:5: values[respect].in_practice: the field 'in_practice' is missing\n"
        "    hint: add `in_practice:` (What it looks like in practice: things a person does that "
        "show the value)\n"
        # The references the new values.yml broke follow its own problems, counted.
        "7 references name ids that data/values.yml does not hold (fixing the problems above "
        "may clear them):\n"
        "data/behaviours.yml:15:23: behaviours[return-calls].values[2]: unknown value "
        "'keep-promises'\n"
        "    hint: known values: respect\n"
        "data/editions.yml:27:16: editions[promises].stories.values[1]: unknown value "
        "'keep-promises'\n"
        "    hint: known values: respect\n"
        "data/findings.yml:10:14: findings[evening-callers].values[1]: unknown value "
        "'keep-promises'\n"
        "    hint: known values: respect\n"
        "data/ideas/order-updates-by-text.yml:17:10: values[1]: unknown value 'keep-promises'\n"
        "    hint: known values: respect\n"
        "data/measures.yml:10:14: measures[calls-returned].values[1]: unknown value "
        "'keep-promises'\n"
        "    hint: known values: respect\n"
        "data/stories/late-order-explained.yml:14:10: values[1]: unknown value 'keep-promises'\n"
        "    hint: known values: respect\n"
        "data/stories/signed-copy-found.yml:15:19: values[2]: unknown value 'keep-promises'\n"
        "    hint: known values: respect\n"
        "site/ is unchanged\n"
    )
    assert (project / "site/index.html").read_text() == before


def test_serve_reloads_when_data_changes(project: Path, run_handbook: RunHandbook) -> None:
    # Started here, not through `run_handbook`: it serves until it is stopped.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [HANDBOOK, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(project), "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        assert "A small fictional bookshop" in _wait_for(port, "A small fictional bookshop")
        organisation = project / "data/organisation.yml"
        organisation.write_text(organisation.read_text().replace(
            "A small fictional bookshop", "A renamed fictional bookshop"))
        assert "A renamed fictional bookshop" in _wait_for(port, "A renamed fictional bookshop")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output
    # The first build reads every data file; the reload only the one that was saved.
    files = len(list((project / "data").rglob("*.yml")))
    loads = re.findall(r"handbook: data loaded in [\d.]+ s: (.*)", output)
    assert loads[0] == f"{files} files read"
    assert loads[-1] == f"1 file read, {files - 1} unchanged"
    assert not list((project / "handbook").rglob("values")), "nothing generated into handbook/"


def _wait_for(port: int, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                body = response.read().decode()
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    return body


def test_new_story_writes_a_valid_draft(project: Path, run_handbook: RunHandbook) -> None:
    result = run(
        project, "new", "story", "--title", "Books: carried home in the rain",
        "--person", "Ines Marlow, Front desk", "--person", "Tom Achebe, Orders",
        "--value", "respect", "--behaviour", "return-calls", "--date", "2026-11-02",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Wrote data/stories/books-carried-home-in-the-rain.yml: fill in the situation, action, "
        "outcome and tip.\n"
    )
    data = yaml.safe_load((project / "data/stories/books-carried-home-in-the-rain.yml").read_text())
    assert data["title"] == "Books: carried home in the rain"
    assert data["people"] == [{"name": "Ines Marlow", "team": "Front desk"},
                              {"name": "Tom Achebe", "team": "Orders"}]
    assert data["status"] == "draft"
    handbook, report = load(project)
    assert report.problems == [] and handbook is not None
    assert handbook.find(STORY, "books-carried-home-in-the-rain").status == "draft"
    assert run(project, "check", "--strict").returncode == 0


def test_new_story_writes_a_draft_while_other_files_have_problems(
        project: Path, run_handbook: RunHandbook) -> None:
    foundation = project / "data/foundation.yml"
    foundation.write_text(foundation.read_text().replace("layer: foundation", "layer: nowhere"))
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text().replace("values: [keep-promises]", "values: [kept]"))
    result = run(project, "new", "story", "--title", "An umbrella lent", "--person",
                 "Ines Marlow, Front desk", "--value", "keep-promises", "--date", "2026-11-02")
    assert result.returncode == 0, result.stderr
    assert (project / "data/stories/an-umbrella-lent.yml").is_file()
    assert result.stderr == ("Note: other files have problems (2 errors, 0 warnings); "
                             "`handbook check` lists them.\n")
    # The ids it checks against are still those the files hold.
    wrong = run(project, "new", "story", "--title", "Another", "--person",
                "Ines Marlow, Front desk", "--value", "kept", "--date", "2026-11-02")
    assert wrong.returncode == 1
    assert "--value 'kept' is not a value: known values: respect, keep-promises" in wrong.stderr
    assert not (project / "data/stories/another.yml").exists()


def test_new_story_never_overwrites(project: Path, run_handbook: RunHandbook) -> None:
    args = ["new", "story", "--title", "Signed copy found", "--id", "signed-copy-found",
            "--person", "A B, C", "--value", "respect"]
    before = (project / "data/stories/signed-copy-found.yml").read_text()
    result = run(project, *args)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: data/stories/signed-copy-found.yml already exists; choose another title or give "
        "--id to name the file\n"
    )
    assert (project / "data/stories/signed-copy-found.yml").read_text() == before


def test_new_story_refuses_unknown_values_and_bad_people(project: Path,
                                                         run_handbook: RunHandbook) -> None:
    result = run(project, "new", "story", "--title", "T", "--person", "A B, C",
                 "--value", "respekt", "--behaviour", "call-back")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: the story was not written:\n"
        "  --value 'respekt' is not a value: did you mean 'respect'? Known values: respect, "
        "keep-promises\n"
        "  --behaviour 'call-back' is not a behaviour: known behaviours: return-calls, "
        "help-a-colleague\n"
    )
    result = run(project, "new", "story", "--title", "T", "--person", "Nobody", "--value", "respect")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: 'Nobody' is not 'Name, Team': give a name and a team separated by a comma, like "
        "\"Sam Taylor, Customer service\"\n"
    )
    assert sorted(p.name for p in (project / "data/stories").iterdir()) == [
        "late-order-explained.yml", "signed-copy-found.yml", "unfinished-draft.yml",
        "withdrawn-note.yml"]


def test_new_story_without_a_terminal_needs_its_options(project: Path,
                                                        run_handbook: RunHandbook) -> None:
    result = run(project, "new", "story", "--title", "T", "--value", "respect")
    assert result.returncode == 1
    assert result.stderr == ("Error: give --title, --person and --value (or run the command in "
                             "a terminal to be asked for them)\n")


def test_build_refuses_to_replace_a_folder_that_is_not_a_site(
        project: Path, run_handbook: RunHandbook) -> None:
    for folder, reason in [("handbook", "that would replace handbook"),
                           (".", "that would replace the project folder"),
                           ("data/stories", "that would replace data")]:
        result = run(project, "build", "--site-dir", folder)
        assert result.returncode == 1, folder
        assert reason in result.stderr, result.stderr
    write(project, "notes/todo.txt", "keep me")
    result = run(project, "build", "--site-dir", "notes")
    assert result.returncode == 1
    assert "is not empty and was not built by this tool" in result.stderr
    assert (project / "notes/todo.txt").read_text() == "keep me"
    assert (project / "handbook/welcome.md").is_file()


def test_new_story_sees_ids_in_sub_folders(project: Path, run_handbook: RunHandbook) -> None:
    (project / "data/stories/2026").mkdir()
    (project / "data/stories/late-order-explained.yml").rename(
        project / "data/stories/2026/late-order-explained.yml")
    result = run(project, "new", "story", "--title", "A late order explained", "--id",
                 "late-order-explained", "--person", "A B, C", "--value", "respect")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: data/stories/2026/late-order-explained.yml already exists; choose another title "
        "or give --id to name the file\n")


def test_plugins_written_as_a_mapping(project: Path, run_handbook: RunHandbook) -> None:
    config = project / "mkdocs.yml"
    # Whatever plugins the handbook lists, written as a list, give way to the mapping form.
    text, replaced = re.subn(r"^plugins:\n(?:[ \t#-].*\n|\n)*",
                             "plugins:\n  search: {}\n  handbook:\n    data_dir: culture\n",
                             config.read_text(), flags=re.MULTILINE)
    assert replaced == 1
    config.write_text(text)
    (project / "data").rename(project / "culture")
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("culture/ is valid: ")
