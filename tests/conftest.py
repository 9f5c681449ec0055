from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import chromium, serve_folder
from .helpers import build, make_project, make_shipped_project

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


SAMPLE_ORGANISATION = "Bramblecote Cycles"
"""The fictional organisation the repository ships; tests marked `sample` are about it."""


def _holds_the_sample() -> bool:
    from .helpers import REPO

    organisation = REPO / "data" / "organisation.yml"
    try:
        return f"name: {SAMPLE_ORGANISATION}\n" in organisation.read_text(encoding="utf-8")
    except OSError:
        return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """An organisation that replaced data/ and handbook/ with its own keeps a green suite:
    the tests about the sample's own words and ids step aside."""
    if _holds_the_sample():
        return
    skip = pytest.mark.skip(reason=f"about the {SAMPLE_ORGANISATION} sample, which data/ "
                                   "no longer holds")
    for item in items:
        if "sample" in item.keywords:
            item.add_marker(skip)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true",
        help="Rewrite the expected Markdown in tests/golden/ from the current templates.",
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small, valid handbook project of its own, free to change."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own handbook, built once for all tests that only read it."""
    project = make_shipped_project(tmp_path_factory.mktemp("shipped"))
    return build(project)


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("small") / "project")
    return build(project)


@pytest.fixture(scope="session")
def site_url(shipped_site: Path) -> Iterator[str]:
    """The shipped handbook's site, served on localhost for the browser tests."""
    with serve_folder(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for all browser tests; each test opens its own pages."""
    with chromium() as instance:
        yield instance
