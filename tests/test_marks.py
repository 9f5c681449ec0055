"""The suite's own rule (tests/conftest.py): a test that builds a site, runs the command or
opens Chromium is marked `slow` (and `browser`) by the fixture that does it, never by
hand, and one without that fixture is stopped the moment it tries. So `make test-fast`
stays fast: nothing slow can slip into it unmarked."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .commands import HANDBOOK
from .conftest import BROWSER_FIXTURES, SLOW_FIXTURES
from .helpers import REPO, build


def test_a_test_without_the_fixtures_cannot_build_run_the_command_or_browse(
        project: Path) -> None:
    with pytest.raises(AssertionError, match="builds a site without the fixture that does "
                                             "it: take `build_site`"):
        build(project)
    with pytest.raises(AssertionError, match="take `run_handbook`"):
        subprocess.run([HANDBOOK, "check"], cwd=project, capture_output=True)
    from playwright.sync_api import BrowserType

    with pytest.raises(AssertionError, match="take `browser`"):
        BrowserType.launch(None)  # type: ignore[arg-type]  # refused before it starts
    assert not (project / "site").exists()
    # Other programs run as usual.
    assert subprocess.run(["git", "--version"], capture_output=True).returncode == 0


def test_every_test_is_marked_by_the_fixtures_it_uses(request: pytest.FixtureRequest) -> None:
    items = request.session.items
    assert items
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        assert (item.get_closest_marker("slow") is not None) == bool(
            used & (SLOW_FIXTURES | BROWSER_FIXTURES)), item.nodeid
        assert (item.get_closest_marker("browser") is not None) == bool(
            used & BROWSER_FIXTURES), item.nodeid


def test_no_test_is_marked_slow_or_browser_by_hand() -> None:
    hand_written = re.compile(r"mark\.(slow|browser)\b")
    found = [f"{path.name}:{number}" for path in sorted((REPO / "tests").glob("*.py"))
             if path.name != "conftest.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if hand_written.search(line) and path.name != "test_marks.py"]
    assert found == []
