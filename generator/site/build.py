"""Building the site with MkDocs so that `site/` is only ever replaced by a finished build.

MkDocs empties `site_dir` before it builds; a build that fails (or is stopped) halfway
would leave readers, or the deploy step, with half a site. Here MkDocs builds into a
fresh folder beside `site/`, which takes the place of the old one only when the build
has succeeded.

Two builds into the same folder at once (an editor's build while the pre-push hook runs
one) take turns: each holds a lock on the folder that holds the site while it builds, so
neither mistakes the other's staging folder for a leftover of a killed build.

Replacing a folder deletes what was in it, so the tool replaces or removes only folders
it made (owned_folders.py): every site, staging folder and retired site carries the
marker, written before MkDocs builds into it. The site folder from mkdocs.yml must be in
the project and not a link; one named on the command line may be anywhere, under the
same rule of the marker.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import HandbookError
from ..sources.owned_folders import SITE, NotOurs
from ..sources.project import Project, check_site_place

_BUILDING = ".{name}.building-"
_RETIRING = ".{name}.old-"


@dataclass(frozen=True)
class SiteBuild:
    site_dir: Path
    pages: int
    editions: int
    seconds: float


def build_site(
    project: Project, *, strict: bool = True, site_dir: Path | None = None,
    paper: str | None = None, waiting: Callable[[str], None] | None = None,
    offline: bool = False,
) -> SiteBuild:
    """Build the whole site into `site_dir` (default: mkdocs.yml's), replacing it on success.

    `waiting` is told, once, when another build holds the folder and this one waits for it.
    `offline` builds the copy that works opened from disk (see offline.py); by default into
    `site-offline/` beside the site, so the copy for the web server stays as it is.
    """
    default = project.site_dir.with_name(project.site_dir.name + "-offline") if offline \
        else project.site_dir
    if site_dir is None:  # a folder named on the command line is the user's own choice
        check_site_place(project, default)
    target = Path(os.path.abspath(site_dir or default))
    _check_target(project, target)
    with _building_lock(target, waiting):
        _remove_leftovers(target)
        return _build_locked(project, target, strict=strict, paper=paper, offline=offline)


def _build_locked(project: Project, target: Path, *, strict: bool, paper: str | None,
                  offline: bool) -> SiteBuild:
    from .engine import engine

    engine()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    staging = target.parent / (_BUILDING.format(name=target.name) + str(os.getpid()))
    started = time.monotonic()
    try:  # marked first: MkDocs keeps hidden files when it empties the folder
        SITE.make(staging)
    except NotOurs:
        raise HandbookError(f"{staging} is in the way of this build, and this tool did not "
                            "make it: move it away, then build again") from None
    try:
        config = load_config(str(project.config_file), strict=strict, site_dir=str(staging))
        if paper is not None and "handbook" in config.plugins:
            config.plugins["handbook"].config["paper"] = paper
        if offline:
            from .offline import make_offline

            make_offline(config)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, PluginError) as error:
        SITE.remove(staging)
        # MkDocs turns a plugin's error into "Aborted with a BuildError!"; the plugin's own
        # words (which file, which line) are on the exception it was handling.
        cause = error.__context__ if isinstance(error.__context__, PluginError) else error
        advice = " (fix the warnings above, or build with --no-strict)" if strict and (
            "in strict mode" in str(cause)) else ""
        raise HandbookError(
            f"the site was not built: {cause}{advice}\n{project.display(target)}/ is unchanged"
        ) from None
    except BaseException:
        SITE.remove(staging)
        raise
    _swap_into_place(staging, target)
    # A page is an HTML file (index.html in a folder, or name.html in an offline copy).
    pages = sum(1 for page in target.rglob("*.html") if page.name != "404.html")
    # Each language's site has its own editions (`pt/editions/`, see translated_sites.py).
    editions = sum(1 for pdf in [*target.glob("editions/*.pdf"), *target.glob("*/editions/*.pdf")]
                   if not pdf.name.startswith("notice-board-"))
    return SiteBuild(target, pages, editions, time.monotonic() - started)


@contextmanager
def _building_lock(target: Path, waiting: Callable[[str], None] | None) -> Iterator[None]:
    """Hold the build lock of the site's parent folder; wait (saying so) while another
    build holds it.

    The lock is the operating system's (flock, taken on the folder itself, so no lock file
    is left in the project); it goes with the process, so a killed build never leaves a
    stale lock behind.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(f"another build is writing into {target.parent}; waiting for it to "
                        "finish")
            fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # closing the folder releases the lock


def _check_target(project: Project, target: Path) -> None:
    """The folder a build replaces must be a site this tool built, never anything else."""
    sources = [project.data_dir, project.docs_dir]
    if project.overrides_dir is not None:
        sources.append(project.overrides_dir)
    real = target.resolve()
    for path in [project.root, project.config_file, *sources]:
        path = path.resolve()
        # Neither over the project's sources, nor inside them (the site is inside the project).
        inside_source = path in [p.resolve() for p in sources] and real.is_relative_to(path)
        if real == path or path.is_relative_to(real) or inside_source:
            what = "the project folder" if path == project.root.resolve() else project.display(path)
            raise HandbookError(
                f"the site cannot be built into {target}: that would replace {what}; "
                "choose a folder of its own, like site/"
            )
    check_replaceable(target)


def check_replaceable(site: Path) -> None:
    """A site folder a build may empty or replace: none yet, an empty folder, or one a
    build of this tool made (marked). Holds for `mkdocs build` too (the plugin asks)."""
    if site.is_symlink():
        raise HandbookError(
            f"{site} is a link: a build replaces the site folder, and would replace "
            "whatever the link leads to; remove the link, or choose another folder")
    if site.exists() and not site.is_dir():
        raise HandbookError(
            f"{site} is a file, not a folder: the site would replace it; choose a folder, "
            "like site/"
        )
    if site.is_dir() and any(site.iterdir()) and not SITE.is_on(site):
        raise HandbookError(
            f"{site} is not empty and was not built by this tool: a build replaces the "
            "whole folder, so it is left as it is; choose an empty or new folder, or remove "
            "it first"
        )


def _swap_into_place(staging: Path, target: Path) -> None:
    retiring = target.parent / (_RETIRING.format(name=target.name) + str(os.getpid()))
    if target.exists():
        target.rename(retiring)  # checked before the build: a folder this tool built
    staging.rename(target)
    SITE.remove(retiring)


def _remove_leftovers(target: Path) -> None:
    """Clean up after a build that was killed before it could do so itself: only folders
    this tool made (marked) are touched; anything else named alike is left alone."""
    if not target.parent.is_dir():
        return
    for leftover in target.parent.glob(_BUILDING.format(name=target.name) + "*"):
        SITE.remove(leftover)
    for old in sorted(target.parent.glob(_RETIRING.format(name=target.name) + "*")):
        if not SITE.is_on(old):
            continue
        # Killed between its two renames: the old site is whole, so it goes back.
        if not target.exists() and not target.is_symlink():
            old.rename(target)
        else:
            SITE.remove(old)
