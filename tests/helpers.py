"""Shared helpers: make a throwaway handbook project, load it, build it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.errors import ProblemReport
from generator.kinds import BUILT_IN
from generator.loading.kind_folders import project_registry
from generator.loading.loader import load_handbook
from generator.model.handbook import Handbook
from generator.sources.project import find_project

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SMALL = FIXTURES / "small"


def make_project(where: Path, source: Path = SMALL) -> Path:
    """A handbook project in `where`: data and pages from `source`, settings from the repo."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "data", where / "data")
    shutil.copytree(source / "handbook", where / "handbook")
    if (source / "translations").is_dir():  # a handbook read in more than one language
        shutil.copytree(source / "translations", where / "translations")
    shutil.copy(REPO / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", where / "overrides")
    return where


def make_shipped_project(where: Path) -> Path:
    """A copy of the repository's own handbook: the shipped data and pages."""
    return make_project(where, REPO)


def load(project: Path) -> tuple[Handbook | None, ProblemReport]:
    """The project's handbook, with the kinds its mkdocs.yml adds (if it has one)."""
    settings = project / "mkdocs.yml"
    registry = project_registry(find_project(settings)) if settings.is_file() else BUILT_IN
    return load_handbook(project / "data", project / "handbook", root=project,
                         registry=registry)


def rendered_pages(project: Path, today: date = date(2026, 11, 23)) -> dict[str, str]:
    """The Markdown of every generated page of `project`, rendered in this process (no
    MkDocs build), as of a fixed day."""
    from generator.site.page import BuildFacts
    from generator.site.pages import plan_site, render_site
    from generator.templating import make_environment

    handbook, report = load(project)
    assert handbook is not None, report.format()
    return render_site(handbook, make_environment("pages", None, handbook.words,
                                                  handbook.registry),
                       plan_site(handbook, BuildFacts(today=today)))


def write(project: Path, relative: str, text: str) -> Path:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def weaken_a_story(project: Path, story: str = "data/stories/late-order-explained.yml") -> Path:
    """Give a published story a two-word tip: a warning (too thin to learn from), the
    only problem of the project."""
    path = project / story
    text = path.read_text(encoding="utf-8")
    tip_line = next(line for line in text.splitlines() if line.startswith("tip:"))
    path.write_text(text.replace(tip_line, "tip: Call early."), encoding="utf-8")
    return path


def problems_text(project: Path) -> str:
    return load(project)[1].format()


def cache_of(project: Path, env: dict[str, str] | None = None) -> Path:
    """The cache folder of `project`, as a command run with `env` (default: this process's
    environment) keeps it."""
    from generator.sources.caches import CACHE_ENV, project_cache_folder

    return project_cache_folder(project, Path(env[CACHE_ENV]) if env else None)


def build(project: Path, *, strict: bool = True) -> Path:
    from generator.site.build import build_site
    from generator.sources.project import find_project

    return build_site(find_project(project / "mkdocs.yml"), strict=strict).site_dir


BuildSite = Callable[..., Path]
"""What the `build_site` fixture gives: `build` itself, taken through the fixture."""


def all_site_text(site: Path) -> str:
    """Every text file of a built site, joined: for checking that something never appears."""
    parts = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js", ".txt"}:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)
