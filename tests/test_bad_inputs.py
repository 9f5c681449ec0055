"""The bad-input corpus: every broken change is refused by `handbook check` and
`handbook build` with its exact message, exit code 1, no traceback, and the site left as
it was. See tests/corpus.py for how a case is written."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.kinds import VALUE

from .commands import RunHandbook
from .corpus import apply, cases, expected, spec
from .helpers import load

HANDBOOK = str(Path(sys.executable).with_name("handbook"))
ENV = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`handbook ARGS` with this module's environment; a test that calls it takes
    `run_handbook`."""
    return subprocess.run([HANDBOOK, *args], cwd=project, capture_output=True, text=True,
                          env={**ENV, "HOME": str(project)}, timeout=300)


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def built(small_site: Path) -> Path:
    """The small fixture with its site built (the run's shared build, only read here); each
    case starts from a copy."""
    return small_site.parent


def test_the_corpus_is_broad() -> None:
    assert len(cases()) >= 40
    for case in cases():
        assert (case / "expected.txt").is_file(), f"{case.name} has no expected.txt"
        assert spec(case).get("about"), f"{case.name} does not say what it is"


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_broken_input_is_refused_clearly(case: Path, built: Path, tmp_path: Path,
                                         run_handbook: RunHandbook) -> None:
    project = tmp_path / "project"
    shutil.copytree(built, project, symlinks=True)
    site_before = tree_digest(project / "site")
    apply(case, project)
    message = expected(case, project)

    checked = run(project, "check")
    assert checked.returncode == 1
    assert checked.stdout == ""
    assert "Traceback" not in checked.stderr
    if spec(case).get("libyaml_decides"):
        # libyaml refuses this before our own check can, with its version's own words and
        # column: the summary and the file and line are ours to promise, the rest is not.
        summary, location = message.splitlines()[0], message.splitlines()[1].split(":")[:2]
        assert checked.stderr.startswith(f"{summary}\n{':'.join(location)}:")
        assert "\n    hint: " in checked.stderr
        message = checked.stderr
    assert checked.stderr == message

    built_again = run(project, "build")
    assert built_again.returncode == 1
    assert "Traceback" not in built_again.stdout + built_again.stderr
    problems = message.split(":\n", 1)[1]  # the listed problems, without the summary line
    assert problems in built_again.stderr
    assert built_again.stderr.endswith("site/ is unchanged\n")
    assert tree_digest(project / "site") == site_before


def test_windows_line_endings_and_a_byte_order_mark_work(project: Path,
                                                         run_handbook: RunHandbook) -> None:
    # Excel's "CSV UTF-8" starts results files with the mark too.
    for path in [*(project / "data").rglob("*.yml"), *(project / "data").rglob("*.csv")]:
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    handbook, report = load(project)
    assert report.problems == [] and handbook is not None
    assert handbook.find(VALUE, "respect").name == "Respect"
    assert handbook.results["calls-returned"][0].period.label == "2026-07"
    assert run(project, "check", "--strict").returncode == 0
