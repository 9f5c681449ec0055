"""Text that looks empty or harmless in an editor: control characters, invisible-only
titles, a year typed as 0226. Each is refused with its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from .commands import RunHandbook
from .helpers import load


def _story(project: Path) -> Path:
    return next(p for p in sorted((project / "data/stories").glob("*.yml"))
                if "status: published" in p.read_text(encoding="utf-8"))


def _replace_line(path: Path, key: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("yaml_title", "says"), [
    ('title: "A bell \\a in the title"', "control character (U+0007)"),
    ('title: "Escape \\e[31m red"', "control character (U+001B)"),
    ('title: "Nothing \\x01 here"', "control character (U+0001)"),
    ('title: "Not a character \\uFFFE"', "control character (U+FFFE)"),
    ('title: "\\u200b\\u200e\\u2060"', "empty once its invisible characters are left out"),
])
def test_invisible_text_is_refused_with_its_line(project: Path, yaml_title: str, says: str) -> None:
    story = _story(project)
    _replace_line(story, "title", yaml_title)
    handbook, report = load(project)
    assert handbook is None
    [error] = report.errors
    assert (error.file, error.field) == (f"data/stories/{story.name}", "title")
    assert error.line is not None and says in error.message


@pytest.mark.parametrize("day", ["0226-03-16", "1899-12-31", "2201-01-01"])
def test_a_year_out_of_range_is_refused(project: Path, day: str) -> None:
    story = _story(project)
    _replace_line(story, "published", f"published: {day}")
    handbook, report = load(project)
    assert handbook is None
    assert [(e.field, f"the year {day[:4]}" in e.message) for e in report.errors] == [
        ("published", True)]


def test_control_characters_are_never_sent_to_the_terminal(project: Path,
                                                           run_handbook: RunHandbook) -> None:
    story = _story(project)
    story.rename(story.with_name("bell\x07and\x1b[31mred.yml"))
    result = run_handbook(project, "check")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "bell\\x07and\\x1b[31mred" in result.stderr
