"""Editions reused while what they print is unchanged: dated by their content, kept in
`.cache/handbook/editions/` by everything their layout reads, and byte for byte what a fresh
layout makes. Real `handbook pdf` runs on the small fixture in git, real PDFs compared."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from .commands import handbook
from .helpers import make_project

pytestmark = pytest.mark.slow
EDITIONS = ("complete", "orientation", "promises")


def _commit(project: Path, message: str, when: str) -> None:
    moment = f"{when}T09:00:00+00:00"
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(project), "-c", "user.name=Test", "-c",
                    "user.email=t@example.org", "commit", "-qm", message], check=True,
                   env={"PATH": "/usr/bin:/bin", "GIT_AUTHOR_DATE": moment,
                        "GIT_COMMITTER_DATE": moment})


def _pdfs(project: Path) -> tuple[dict[str, bytes], str]:
    result = handbook(project, "pdf")
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


def test_editions_are_reused_only_while_what_they_print_is_unchanged(project: Path) -> None:
    first, log = _pdfs(project)
    assert _reused(log) == set()

    # A page no edition prints: every edition is the same file as before.
    with (project / "handbook/leadership.md").open("a", encoding="utf-8") as page:
        page.write("\nOne more thing about leading.\n")
    _commit(project, "leadership", "2026-12-05")
    second, log = _pdfs(project)
    assert _reused(log) == set(EDITIONS)
    assert second == first
    assert "version 2026.10" in _keywords(project, "promises"), "dated by its content"

    # The welcome page, which the complete handbook and the orientation booklet print.
    with (project / "handbook/welcome.md").open("a", encoding="utf-8") as page:
        page.write("\nA new paragraph of welcome.\n")
    _commit(project, "welcome", "2026-12-06")
    third, log = _pdfs(project)
    assert _reused(log) == {"promises"}
    assert "complete: laying out pages" in log
    assert third["complete"] != first["complete"] and third["promises"] == first["promises"]
    assert "version 2026.12" in _keywords(project, "complete")
    assert "version 2026.10" in _keywords(project, "promises")

    # What was reused is what a fresh layout of the same commit makes, byte for byte.
    shutil.rmtree(project / ".cache")
    fresh, log = _pdfs(project)
    assert _reused(log) == set()
    assert fresh == third


def test_a_damaged_or_stale_cache_is_laid_out_again(project: Path) -> None:
    first, _ = _pdfs(project)
    cache = project / ".cache/handbook/editions"
    kept = sorted(cache.glob("*.pdf"))
    assert len(kept) == len(EDITIONS), "one layout kept per edition, nothing else"
    for path in kept:
        path.write_bytes(path.read_bytes()[:-100])  # cut short, as a full disk would
    again, log = _pdfs(project)
    assert _reused(log) == set() and again == first
    assert sorted(cache.glob("*.pdf")) == kept, "the damaged layouts are replaced"
