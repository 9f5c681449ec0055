"""Editions reused while what they print is unchanged: dated by their content, kept in the
project's cache folder by everything their layout reads, and byte for byte what a fresh
layout makes. Real `handbook pdf` runs on the small fixture in git, real PDFs compared.
Layouts planted in the repository, or a cache that is a link, are never used or emptied."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
import yaml

from .commands import RunHandbook, clean_env
from .helpers import cache_of, load, make_project, make_shipped_project

EDITIONS = ("complete", "orientation", "promises")


def _commit(project: Path, message: str, when: str) -> None:
    moment = f"{when}T09:00:00+00:00"
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(project), "-c", "user.name=Test", "-c",
                    "user.email=t@example.org", "commit", "-qm", message], check=True,
                   env={"PATH": "/usr/bin:/bin", "GIT_AUTHOR_DATE": moment,
                        "GIT_COMMITTER_DATE": moment})


def _pdfs(project: Path, run_handbook: RunHandbook) -> tuple[dict[str, bytes], str]:
    result = run_handbook(project, "pdf")
    assert result.returncode == 0, result.stderr
    return {name: (project / f"editions/{name}.pdf").read_bytes() for name in EDITIONS}, (
        result.stderr)


def _reused(log: str) -> set[str]:
    return {name for name in EDITIONS if f"{name}: reused:" in log}


def _keywords(project: Path, name: str) -> str:
    return str(pypdf.PdfReader(project / f"editions/{name}.pdf").metadata.get("/Keywords"))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    made = make_project(tmp_path / "project")
    (made / ".gitignore").write_text("/editions/\n/.cache/\n/site/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(made)], check=True)
    _commit(made, "first", "2026-10-01")
    return made


def test_editions_are_reused_only_while_what_they_print_is_unchanged(
        project: Path, run_handbook: RunHandbook) -> None:
    first, log = _pdfs(project, run_handbook)
    assert _reused(log) == set()

    # A page no edition prints: every edition is the same file as before.
    with (project / "handbook/leadership.md").open("a", encoding="utf-8") as page:
        page.write("\nOne more thing about leading.\n")
    _commit(project, "leadership", "2026-12-05")
    second, log = _pdfs(project, run_handbook)
    assert _reused(log) == set(EDITIONS)
    assert second == first
    assert "edition 2026.10" in _keywords(project, "promises"), "dated by its content"

    # The welcome page, which the complete handbook and the orientation booklet print.
    with (project / "handbook/welcome.md").open("a", encoding="utf-8") as page:
        page.write("\nA new paragraph of welcome.\n")
    _commit(project, "welcome", "2026-12-06")
    third, log = _pdfs(project, run_handbook)
    assert _reused(log) == {"promises"}
    assert "complete: laying out pages" in log
    assert third["complete"] != first["complete"] and third["promises"] == first["promises"]
    assert "edition 2026.12" in _keywords(project, "complete")
    assert "edition 2026.10" in _keywords(project, "promises")

    # What was reused is what a fresh layout of the same commit makes, byte for byte.
    shutil.rmtree(_layouts(project))
    fresh, log = _pdfs(project, run_handbook)
    assert _reused(log) == set()
    assert fresh == third


def _layouts(project: Path) -> Path:
    return cache_of(project, clean_env(project)) / "editions"


def test_a_damaged_or_stale_cache_is_laid_out_again(project: Path,
                                                    run_handbook: RunHandbook) -> None:
    first, _ = _pdfs(project, run_handbook)
    cache = _layouts(project)
    kept = sorted(cache.glob("*.pdf"))
    assert len(kept) == len(EDITIONS), "one layout kept per edition, nothing else"
    for path in kept:
        path.write_bytes(path.read_bytes()[:-100])  # cut short, as a full disk would
    again, log = _pdfs(project, run_handbook)
    assert _reused(log) == set() and again == first
    assert sorted(cache.glob("*.pdf")) == kept, "the damaged layouts are replaced"


FORGED = b"%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n"


def test_layouts_planted_in_the_repository_are_never_published(
        project: Path, run_handbook: RunHandbook) -> None:
    first, _ = _pdfs(project, run_handbook)
    keys = sorted(path.stem for path in _layouts(project).glob("*.json"))
    # A pull request commits layouts under the keys this commit's editions have, each
    # with a record that vouches for it, where the cache used to live.
    planted = project / ".cache/handbook/editions"
    planted.mkdir(parents=True)
    for key in keys:
        (planted / f"{key}.pdf").write_bytes(FORGED)
        record = {"pages": 1, "pdf": hashlib.sha256(FORGED).hexdigest(), "inputs": {}}
        (planted / f"{key}.json").write_text(json.dumps(record))
    subprocess.run(["git", "-C", str(project), "add", "-f", ".cache"], check=True)
    _commit(project, "layouts", "2026-10-02")
    again, log = _pdfs(project, run_handbook)
    assert again == first and _reused(log) == set(EDITIONS)  # from the real cache
    assert all(b"JavaScript" not in pdf for pdf in again.values())

    # The real cache's entries are checked as well: a layout that no longer hashes as its
    # record says is laid out again, whatever the record claims.
    for key in keys:
        (_layouts(project) / f"{key}.pdf").write_bytes(FORGED)
    again, log = _pdfs(project, run_handbook)
    assert again == first and _reused(log) == set()


def test_a_linked_cache_is_never_emptied(project: Path, tmp_path: Path,
                                         run_handbook: RunHandbook) -> None:
    outside = tmp_path / "someone-elses"
    outside.mkdir()
    (outside / "report.pdf").write_bytes(b"%PDF-1.4 theirs")
    (outside / "settings.json").write_text("{}")
    (project / ".cache/handbook").mkdir(parents=True)
    (project / ".cache/handbook/editions").symlink_to(outside)
    subprocess.run(["git", "-C", str(project), "add", "-f", ".cache"], check=True)
    _commit(project, "a link", "2026-10-02")
    _pdfs(project, run_handbook)
    assert sorted(path.name for path in outside.iterdir()) == ["report.pdf", "settings.json"]

    # The cache's own editions folder replaced by a link: refused by name, nothing touched.
    shutil.rmtree(_layouts(project))
    _layouts(project).symlink_to(outside)
    result = run_handbook(project, "pdf")
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"Error: the cache folder {_layouts(project)} is a link; the tool keeps its cache only "
        "in real folders it made: remove the link\n")
    assert sorted(path.name for path in outside.iterdir()) == ["report.pdf", "settings.json"]


def _print_documents(project: Path) -> dict[str, str]:
    """Each edition's print HTML as `handbook pdf` would lay it out in `project`: the
    same HTML is the same layout key, so the edition is reused (the test above shows
    the reused file is what a fresh layout makes, byte for byte)."""
    from generator.cli.app import load
    from generator.editions.build import job_from_mkdocs, print_documents, select_editions
    from generator.history.commits import file_dates
    from generator.site.engine import mkdocs_config
    from generator.sources.gitinfo import read_build_info
    from generator.sources.project import find_project

    found = find_project(project / "mkdocs.yml")
    handbook, report = load(found)
    assert handbook is not None, report.format()
    sources = [found.data_dir, found.docs_dir]
    job = job_from_mkdocs(mkdocs_config(found), root=found.root, data_dir=found.data_dir,
                          output_dir=project / "editions", build=read_build_info(
                              found.root, sources), dates=file_dates(found.root, sources))
    return {printed.edition.id: printed.html for printed in print_documents(
        handbook, select_editions(handbook, None), job, progress=lambda _: None)}


def test_a_story_commit_lays_out_again_only_the_shipped_editions_that_print_it(
        tmp_path: Path) -> None:
    project = make_shipped_project(tmp_path / "shipped")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    _commit(project, "the shipped handbook", "2026-10-01")
    before = _print_documents(project)
    handbook, _ = load(project)
    assert handbook is not None
    printing = {story.id: {name for name, html in before.items()
                           if f'id="story-{story.id}"' in html} for story in handbook.published}
    story = next((story for story in handbook.published
                  if 0 < len(printing[story.id]) < len(before)), None)
    if story is None:
        pytest.skip("no published story is printed by some editions and not by others")
    story_file = project / story.written_in.file
    values = yaml.safe_load(story_file.read_text(encoding="utf-8"))
    values["title"] = f"Retold: {values['title']}"
    story_file.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False),
                          encoding="utf-8")
    _commit(project, "a story retold", "2026-12-05")
    after = _print_documents(project)
    assert "Retold: " in "".join(after[name] for name in printing[story.id])
    changed = {name for name in before if after[name] != before[name]}
    assert changed == printing[story.id], (
        "the editions that do not print the story keep their layout; those that do not")
