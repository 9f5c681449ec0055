"""`handbook init`: a new organisation's first handbook, from nothing to a published story.

Run as a person would, through the command: init, a strict build with no stories, a story
written with `handbook new story` and published, a second build. Nothing of the sample
organisation (its name, logo, stories or history) may reach either site or any PDF.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .commands import RunHandbook, git
from .helpers import REPO
from .pdfs import page_texts

NAME = "Harbour Tools"
BIN = Path(sys.executable).parent


def _sample_marks() -> list[str]:
    """What would give the sample away: its name, and the ids of its stories."""
    organisation = (REPO / "data" / "organisation.yml").read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", organisation, re.M)
    assert name
    marks = [name.group(1).strip().strip("\"'")]
    marks += [path.stem for path in (REPO / "data" / "stories").rglob("*.yml")]
    # The people its stories recognise: an example must not be one of them. (Not their
    # teams: a team called "Support" is a word anyone may use.)
    for path in (REPO / "data" / "stories").rglob("*.yml"):
        story = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        marks += [str(person["name"]) for person in story.get("people") or []
                  if isinstance(person, dict) and person.get("name")]
    return sorted(set(marks))


def _assert_no_sample_in_the_files(folder: Path) -> None:
    """Every text file `init` wrote: forms, editor schemas, CI, pages, data."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or ".git" in path.relative_to(folder).parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        for mark in _sample_marks():
            assert mark.lower() not in text, f"{mark} in {path.relative_to(folder)}"


def _everything_in(site: Path) -> str:
    parts = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".pdf":
            parts += page_texts(path)
        elif path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt", ".css"}:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def _assert_nothing_of_the_sample(site: Path) -> None:
    text = _everything_in(site).lower()
    for mark in _sample_marks():
        assert mark.lower() not in text, mark
    assert not list(site.rglob("logo*")), "the sample's logo"


def _publish(story: Path) -> None:
    text = story.read_text(encoding="utf-8")
    for question, answer in {
        "What did the customer or colleague need, and what made it hard?":
            "A boat builder needed a rare spanner on a Sunday, with the shop closed and "
            "the tide turning before Monday.",
        "What did the people recognised do, step by step?":
            "Ada opened the stores, found the last spanner in the back room, and drove it "
            "down to the slipway herself before the water came in.",
        "What came of it, for the customer and for us?":
            "The boat went in on time, and the builder has ordered every tool from us since.",
        "What should a colleague who meets something like this know?":
            "Ask what the deadline really is: the tide does not wait for opening hours.",
    }.items():
        text = text.replace(question, answer)
    text = text.replace("status: draft", "status: published\npublished: 2026-11-20\n"
                        "curated_by: Stores lead")
    # However the draft writes the team (quoted or not), consent goes on the line after it.
    text = re.sub(r"^( *)team: \"?Stores\"?$", r"\g<0>\n\1consent: 2026-11-18", text,
                  count=1, flags=re.M)
    assert "consent: 2026-11-18" in text
    story.write_text(text, encoding="utf-8")


def test_a_new_handbook_builds_before_and_after_its_first_story(
        tmp_path: Path, run_handbook: RunHandbook) -> None:
    folder = tmp_path / "harbour"
    made = run_handbook(tmp_path, "init", str(folder), "--name", NAME,
                        "--site-url", "https://handbook.harbour.example/")
    assert made.returncode == 0, made.stderr
    assert f"for {NAME} into" in made.stdout
    assert (folder / ".git").is_dir(), "init makes the folder a repository"
    assert "installs the generator as: culture-handbook" in made.stdout
    _assert_no_sample_in_the_files(folder)

    first = run_handbook(folder, "build")  # strict, as always
    assert first.returncode == 0, first.stderr
    site = folder / "site"
    assert NAME in (site / "index.html").read_text(encoding="utf-8")
    assert {path.name for path in (site / "editions").glob("*.pdf")} >= {
        "complete.pdf", "orientation.pdf"}
    _assert_nothing_of_the_sample(site)

    written = run_handbook(folder, "new", "story", "--title", "A spanner found on a Sunday",
                           "--person", "Ada Quay, Stores", "--value", "example-value",
                           "--date", "2026-11-02")
    assert written.returncode == 0, written.stderr
    story = folder / "data" / "stories" / "a-spanner-found-on-a-sunday.yml"
    _publish(story)

    second = run_handbook(folder, "build")
    assert second.returncode == 0, second.stderr
    page = (site / "stories" / "a-spanner-found-on-a-sunday" / "index.html").read_text(
        encoding="utf-8")
    assert "the tide does not wait for opening hours" in page
    _assert_nothing_of_the_sample(site)


def test_the_history_of_a_taken_over_repository_is_not_told(tmp_path: Path,
                                                            run_handbook: RunHandbook) -> None:
    """A repository that held another handbook: init's `history_starts` hides its past."""
    folder = tmp_path / "harbour"
    assert run_handbook(tmp_path, "init", str(folder), "--name", NAME).returncode == 0
    organisation = folder / "data" / "organisation.yml"
    starts = re.search(r"^history_starts: '?([0-9-]+)'?$",
                       organisation.read_text(encoding="utf-8"), re.M)
    assert starts
    # The past: the sample's data, committed well before the day the handbook was made.
    made = {path: path.read_bytes() for path in (folder / "data").rglob("*") if path.is_file()}
    for path in (REPO / "data").glob("*.yml"):
        (folder / "data" / path.name).write_bytes(path.read_bytes())
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "the old handbook", when="2020-01-01T09:00:00+00:00")
    for path in (folder / "data").rglob("*"):  # adoption: the new handbook replaces it
        if path.is_file() and path not in made:
            path.unlink()
    for path, content in made.items():
        path.write_bytes(content)
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "our handbook", when=f"{starts.group(1)}T09:00:00+00:00")

    built = run_handbook(folder, "build")
    assert built.returncode == 0, built.stderr
    changes = (folder / "site" / "changes" / "index.html").read_text(encoding="utf-8")
    assert "removed" not in changes.lower()
    _assert_nothing_of_the_sample(folder / "site")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, run_handbook: RunHandbook) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_handbook(tmp_path, "init", str(folder), "--name", NAME)
    assert result.returncode == 1
    assert "already exists and is not empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]


def test_init_refuses_a_bad_address_and_writes_nothing(tmp_path: Path,
                                                       run_handbook: RunHandbook) -> None:
    folder = tmp_path / "harbour"
    result = run_handbook(tmp_path, "init", str(folder), "--name", NAME, "--site-url", "harbour")
    assert result.returncode == 1
    assert result.stderr.startswith("Error: --site-url 'harbour': ")
    assert not folder.exists()
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".handbook-init")]


def test_init_asks_for_the_name_it_needs(tmp_path: Path, run_handbook: RunHandbook) -> None:
    result = run_handbook(tmp_path, "init", str(tmp_path / "harbour"))  # no terminal to ask in
    assert result.returncode == 1
    assert "--name" in result.stderr and not (tmp_path / "harbour").exists()


@pytest.mark.parametrize(("file", "schema"), [
    (".github/workflows/handbook.yml", "vendor.github-workflows"),
    (".github/workflows/story-intake.yml", "vendor.github-workflows"),
    (".gitlab-ci.yml", "vendor.gitlab-ci"),
    (".github/ISSUE_TEMPLATE/share-a-story.yml", "vendor.github-issue-forms"),
    (".github/ISSUE_TEMPLATE/raise-an-idea.yml", "vendor.github-issue-forms"),
])
def test_the_ci_files_init_writes_are_valid(tmp_path: Path, file: str, schema: str,
                                            run_handbook: RunHandbook) -> None:
    folder = tmp_path / "harbour"
    assert run_handbook(tmp_path, "init", str(folder), "--name", NAME).returncode == 0
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema,
                             str(folder / file)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_init_starts_in_the_current_folder_or_a_fresh_clone(tmp_path: Path,
                                                            run_handbook: RunHandbook) -> None:
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    made = run_handbook(clone, "init", ".", "--name", NAME)
    assert made.returncode == 0, made.stderr
    assert (clone / "data" / "values.yml").is_file() and (clone / ".git").is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".handbook-init")]
