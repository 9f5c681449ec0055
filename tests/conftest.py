"""The suite's shared parts: the projects and built sites tests start from, the browser, and
the rule that keeps `make test-fast` fast.

**Marked by what they use.** A test that builds a site, runs the `handbook` command (or
MkDocs, or anything that runs it) as a process, or opens Chromium gets those only through
a fixture: `build_site`, `run_handbook`, `browser`, or a fixture made from them
(`shipped_site`, `small_site`, `site_url`, a module's own built project). Its marks come
from those fixtures (`slow`, `browser`), never from a hand-written mark, and a test that
does any of it without one fails at once, in every run, saying which fixture to take.
Fuzzing, a few hundred loads of the whole handbook or submissions per test, goes through
`fuzz_load` and `fuzz_submissions` and is `slow` as well. `make test-fast` leaves out `slow` and `browser`.

**One build per handbook per run.** The shipped handbook and the small fixture are built
once for the whole run and shared by every worker (a lock decides which worker builds);
tests that only read a site use these.
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.errors import ProblemReport
from generator.sources.caches import CACHE_ENV

from .browser import chromium, serve_folder
from .commands import handbook
from .fuzzing import load_with
from .helpers import build, load, make_project, make_shipped_project
from .submission_fuzzing import SubmissionFuzz

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SAMPLE_ORGANISATION = "Bramblecote Cycles"
"""The fictional organisation the repository ships; tests marked `sample` are about it."""

SLOW_FIXTURES = frozenset({"build_site", "run_handbook", "fuzz_load", "fuzz_submissions"})
"""A test that uses one of these, itself or through another fixture, is marked `slow`."""
BROWSER_FIXTURES = frozenset({"browser"})
"""... and one that uses these is marked `browser` (and `slow`)."""
_PROCESSES = frozenset({"handbook", "mkdocs", "properdocs", "faketime", "pre-commit",
                        "chromium"})
"""Programs that build a site or run the handbook command, by the name they are run as."""


def _holds_the_sample() -> bool:
    from .helpers import REPO

    organisation = REPO / "data" / "organisation.yml"
    try:
        return f"name: {SAMPLE_ORGANISATION}\n" in organisation.read_text(encoding="utf-8")
    except OSError:
        return False


@pytest.hookimpl(tryfirst=True)  # before `-m` chooses what runs by these marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    holds_the_sample = _holds_the_sample()
    skip = pytest.mark.skip(reason=f"about the {SAMPLE_ORGANISATION} sample, which data/ "
                                   "no longer holds")
    for item in items:
        used = set(getattr(item, "fixturenames", ()))  # with what those fixtures use
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        elif used & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)
        # An organisation that replaced data/ and handbook/ with its own keeps a green
        # suite: the tests about the sample's own words and ids step aside.
        if not holds_the_sample and "sample" in item.keywords:
            item.add_marker(skip)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true",
        help="Rewrite the expected Markdown in tests/golden/ from the current templates.",
    )


@pytest.fixture(scope="session", autouse=True)
def _caches_in_the_test_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds in this process keep their caches with the test run's files, not in the
    user's cache folder (each project still has its own; see sources/caches.py)."""
    os.environ[CACHE_ENV] = str(tmp_path_factory.getbasetemp() / "handbook-cache")


_RUNNING: list[pytest.Item] = []
"""The test being run (set up, called, torn down), with the fixtures it sets up."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> object:
    _RUNNING[:] = [item]
    try:
        return (yield)
    finally:
        _RUNNING.clear()


@pytest.fixture(scope="session", autouse=True)
def _only_through_fixtures() -> Iterator[None]:
    """A test not marked `slow` may not build, run the command or open Chromium, nor may
    any fixture set up for it (a module's own built site): the marks come from the
    fixtures that do those (see the module's notes). The guards stand where every way in
    passes, however a test imported it, for the whole run; each asks which test runs."""
    import mkdocs.commands.build
    from playwright.sync_api import BrowserType

    import generator.site.build

    with pytest.MonkeyPatch.context() as patch:
        for owner, name, what, fixture in [
                (generator.site.build, "_build_locked", "builds a site", "build_site"),
                (mkdocs.commands.build, "build", "builds a site", "build_site"),
                (BrowserType, "launch", "opens Chromium", "browser")]:
            patch.setattr(owner, name, _guarded(getattr(owner, name), what, fixture))
        patch.setattr(subprocess, "Popen", _guarded_popen())
        yield


def _refuse_unless_slow(what: str, fixture: str) -> None:
    test = _RUNNING[0] if _RUNNING else None
    if test is not None and test.get_closest_marker("slow") is None:
        raise AssertionError(f"{test.nodeid} {what} without the fixture that does it: take "
                             f"`{fixture}` (it marks the test slow for `make test-fast`)")


def _guarded(real: Callable[..., Any], what: str, fixture: str) -> Callable[..., Any]:
    @functools.wraps(real)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _refuse_unless_slow(what, fixture)
        return real(*args, **kwargs)

    return guarded


def _guarded_popen() -> type:
    real = subprocess.Popen

    class GuardedPopen(real):  # type: ignore[valid-type, misc]
        def __init__(self, args: Any, *rest: Any, **options: Any) -> None:
            first = args[0] if isinstance(args, (list, tuple)) else str(args).split()[0]
            if Path(os.fsdecode(first)).name in _PROCESSES:
                _refuse_unless_slow("runs the handbook command", "run_handbook")
            super().__init__(args, *rest, **options)

    return GuardedPopen


@pytest.fixture(scope="session")
def build_site() -> Callable[..., Path]:
    """Builds a project's site in this process: `build_site(project, strict=True)`."""
    return build


@pytest.fixture(scope="session")
def run_handbook() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs the `handbook` command as a process: `run_handbook(project, "check", ...)`
    (see tests/commands.py: `handbook`)."""
    return handbook


@pytest.fixture(scope="session")
def fuzz_load() -> Callable[..., ProblemReport]:
    """Loads a project with one file replaced, for property-based fuzzing:
    `fuzz_load(project, "data/values.yml", text)` (see tests/fuzzing.py: `load_with`). A
    fuzz test does it a few hundred times, longer than the rest of the inner loop."""
    return load_with


@pytest.fixture(scope="session")
def fuzz_submissions(tmp_path_factory: pytest.TempPathFactory) -> SubmissionFuzz:
    """Tries random issue bodies and results files against the small fixture's handbook
    (tests/submission_fuzzing.py), hundreds of them per test."""
    folder = tmp_path_factory.mktemp("submissions")
    handbook, report = load(make_project(folder / "project"))
    assert handbook is not None, report.format()
    return SubmissionFuzz(handbook, folder)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small, valid handbook project of its own, free to change."""
    return make_project(tmp_path / "project")


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               make: Callable[[Path], Path]) -> Path:
    """What `make(folder)` builds in `folder`, made once for the whole run: the first
    worker to get here builds it while the others wait, then all share it. Tests only
    read it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder, ready = root / f"built-once-{name}", root / f"built-once-{name}.ready"
    with (root / f"built-once-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker failed half-way
            folder.mkdir()
            site = make(folder)
            ready.write_text(str(site.relative_to(folder)), encoding="utf-8")
        return folder / ready.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory,
                 build_site: Callable[..., Path]) -> Path:
    """The repository's own handbook, built once for all tests that only read it."""
    return built_once(tmp_path_factory, "shipped",
                      lambda folder: build_site(make_shipped_project(folder / "project")))


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory,
               build_site: Callable[..., Path]) -> Path:
    """The small fixture's handbook, built once for all tests that only read it."""
    return built_once(tmp_path_factory, "small",
                      lambda folder: build_site(make_project(folder / "project")))


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
