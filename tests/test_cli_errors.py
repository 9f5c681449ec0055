"""What the system refuses (a folder that cannot be written) is one line with its path."""

from __future__ import annotations

from pathlib import Path

from .commands import handbook


def test_an_unwritable_output_folder_is_one_line_with_its_path(project: Path) -> None:
    result = handbook(project, "pdf", "--all", "--output", "/proc/nope")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "/proc/nope" in errors[0]


def test_debug_shows_the_traceback_for_a_bug_report(project: Path) -> None:
    result = handbook(project, "--debug", "pdf", "--all", "--output", "/proc/nope")
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_a_site_folder_that_cannot_be_made_names_the_path(project: Path) -> None:
    site = project / "somewhere"
    site.write_text("a file where the site folder should go", encoding="utf-8")
    result = handbook(project, "build", "--site-dir", "somewhere/site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "somewhere" in result.stderr and result.stderr.startswith("Error: ")
