"""The bad-input corpus in tests/bad_inputs/: each folder is one broken change to the small
fixture, with the exact error `handbook check` must print (expected.txt).

A case's case.yml says what to change: `edit` (replace text in a file), `copy` (a file of
the fixture to a new place), `remove`, `symlink`, `fifo` (a named pipe in a file's place),
`big_file`; its files/ folder holds whole files to put in place. In expected.txt, {project} stands for the project's folder.
`libyaml_decides: true` marks a case that libyaml refuses before our own checks, in words
and at a column that change with its version: only the summary, the file and the line are
then compared.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).parent / "bad_inputs"
_REPEAT = re.compile(r"\{\{(.)\*(\d+)\}\}")


def cases() -> list[Path]:
    return sorted(path for path in CORPUS.iterdir() if (path / "case.yml").is_file())


def spec(case: Path) -> dict[str, Any]:
    return yaml.safe_load((case / "case.yml").read_text(encoding="utf-8"))


def apply(case: Path, project: Path) -> None:
    """Break `project` the way `case` says."""
    details = spec(case)
    for change in details.get("edit", []):
        path = project / change["file"]
        text = path.read_text(encoding="utf-8")
        assert change["old"] in text, f"{case.name}: '{change['old']}' not in {change['file']}"
        new = _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), change["new"])
        path.write_text(text.replace(change["old"], new, 1), encoding="utf-8")
    for target, source in details.get("copy", {}).items():
        (project / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(project / source, project / target)
    for relative in details.get("remove", []):
        path = project / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    if (case / "files").is_dir():
        for source in sorted((case / "files").rglob("*")):
            if source.is_file():
                target = project / source.relative_to(case / "files")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, target)
    for link, points_to in details.get("symlink", {}).items():
        os.symlink(points_to, project / link)
    for relative in details.get("fifo", []):
        os.mkfifo(project / relative)
    if "big_file" in details:
        big = details["big_file"]
        with (project / big["path"]).open("wb") as handle:
            handle.truncate(big["megabytes"] * 1024 * 1024)  # sparse: costs no disk


def expected(case: Path, project: Path) -> str:
    return (case / "expected.txt").read_text(encoding="utf-8").replace("{project}", str(project))
