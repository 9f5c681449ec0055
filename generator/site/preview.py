"""What a `handbook serve` reload redoes: only the pages an edit changed.

At 10,000 stories, rendering every generated page and handing MkDocs ten thousand
"modified" files made the preview take a minute to show a one-story edit. A preview
serves a dirty build (MkDocs skips a page whose file says it is unmodified), and this
memory of the last build tells, for every generated page, whether it changed:

- When only story or idea files changed (saved, added as a draft, removed), and every
  page keeps its address, title and place, the pages that show one of those files are
  rendered again (a story's page and its month's digest; see SitePage.shows_only), and
  so are listings, which may show any. A page whose Markdown comes out as it was stays
  as MkDocs built it last time.
- Anything else (a value, a hand-written page, a template, mkdocs.yml, a page added or
  retitled, the build's date) redoes the whole site, from an empty site folder, exactly
  as the first build did: those show on every page, in the nav or the footer.

A full `handbook build` never reads this: it always builds every page.
"""

from __future__ import annotations

import gc
import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory

from ..model.handbook import Handbook
from ..sources.safe_files import stamp_of
from .page import BuildFacts, SitePage
from .pages import render_site


class PreviewFile(File):
    """A generated page that can say it is unchanged since the last preview build, which
    MkDocs' dirty build then skips (a generated file otherwise always counts as
    modified)."""

    unchanged = False
    """Its Markdown is as the last preview build made it."""
    written = False
    """Whether the last preview build got as far as writing its pages (`PreviewMemory`)."""

    def is_modified(self) -> bool:
        if self.unchanged:
            # Only when the last build stopped early is the page's file looked for: a
            # look per page took a fifth of a second of a reload at 10,000 stories.
            return not self.written and not os.path.isfile(self.abs_dest_path)
        return super().is_modified()


class CollectorPause:
    """Python's cycle collector is paused while a preview builds and run once soon after.

    A reload at 10,000 stories makes tens of thousands of objects (pages, files, the nav)
    beside the handbook kept from the last load, and the collector's full passes over all
    of them took 0.8 s of a 3.5 s reload. One pass, a moment after the browser has been
    told to reload, frees the last build's leftovers instead.
    """

    AFTER_SECONDS = 2.0

    def __init__(self) -> None:
        self._pass: threading.Timer | None = None
        self._paused = False

    def pause(self) -> None:
        if self._pass is not None:
            self._pass.cancel()
        self._paused = gc.isenabled()
        gc.disable()

    def resume(self) -> None:
        if not self._paused:
            return
        self._paused = False
        gc.enable()
        self._pass = threading.Timer(self.AFTER_SECONDS, gc.collect)
        self._pass.daemon = True
        self._pass.start()


@dataclass(frozen=True)
class PreviewInputs:
    """What a preview build is made from, besides the handbook."""

    facts: BuildFacts
    changed_files: set[str]
    """Data files read afresh or gone since the last build that rendered its pages
    (LoadStats.changed, gathered over builds that stopped at a problem in the data)."""
    watched: list[Path]
    """Folders and files every page may show: the data, docs and theme folders, mkdocs.yml."""
    data_dir: Path


def preview_render(
    memory: PreviewMemory, handbook: Handbook, environment: jinja2.Environment,
    pages: list[SitePage], inputs: PreviewInputs, *, site_dir: str,
    progress: Callable[[str], None],
) -> tuple[dict[str, str], set[str]]:
    """Every generated page's Markdown, and the paths of those whose text is new."""
    skip = [inputs.data_dir / kind.folder for kind in handbook.registry.folders
            if kind.folder]
    shape = site_shape(pages, inputs.facts, inputs.watched, skip)
    to_render = memory.pages_to_render(pages, inputs.changed_files, shape)
    new = memory.remember(render_site(handbook, environment, to_render), shape)
    if memory.redo_all:
        # A dirty build keeps what the site folder holds: pages built with the old nav, a
        # removed story's page. Redoing everything starts from an empty folder instead.
        clean_directory(site_dir)
    else:
        progress(f"preview: {len(new):,} of {len(pages):,} generated pages changed")
    return memory.markdown, new


@dataclass
class PreviewMemory:
    """The last preview build's generated Markdown and what it was made from."""

    markdown: dict[str, str] = field(default_factory=dict)
    shape: str | None = None
    """A fingerprint of everything but story and idea files (see `site_shape`)."""
    redo_all: bool = True
    """Whether the build under way redoes every page (the first one does)."""
    written: bool = False
    """Whether the last build wrote its pages: set when it ends (the plugin's
    `on_post_build`), cleared as the next one starts rendering."""
    written_before: bool = False
    """`written` as the build under way found it: whether its unchanged pages are on disk."""

    def pages_to_render(
        self, pages: list[SitePage], changed_files: set[str], shape: str
    ) -> list[SitePage]:
        """The pages this build must render; the others are as the last build left them."""
        self.redo_all = shape != self.shape
        if self.redo_all:
            return pages
        return [page for page in pages
                if page.shows_only is None or page.shows_only & changed_files]

    def remember(self, rendered: dict[str, str], shape: str) -> set[str]:
        """Keep this build's Markdown, once all of it is rendered (a template error leaves
        the memory as the last build left it); the paths of pages whose text is new."""
        self.written_before, self.written = self.written, False
        if self.redo_all:
            self.markdown = {}
        new = {path for path, text in rendered.items() if self.markdown.get(path) != text}
        self.markdown.update(rendered)
        self.shape = shape
        return new


def site_shape(
    pages: list[SitePage], facts: BuildFacts, watched: Iterable[Path], skip: Iterable[Path]
) -> str:
    """A fingerprint of what every page shares: each page's address, title and place
    (the nav and the pager show them), the build's date and history, and the size and
    time of every file in the `watched` folders (hand-written pages, templates, the data
    files of values, behaviours, the organisation...), leaving out the `skip` folders
    (stories and ideas), whose edits are followed page by page."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(f"{page.path}\0{page.title}\0{page.in_nav}\0{page.listed_as}\n"
                      .encode())
    changes = facts.changelog.changes
    digest.update(f"{facts.today}\0{len(changes)}\0{changes[0] if changes else ''}\n"
                  .encode())
    skipped = {str(folder) for folder in skip}
    for folder in watched:
        for path, stamp in sorted(_stamps(folder, skipped)):
            digest.update(f"{path}\0{stamp}\n".encode())
    return digest.hexdigest()


def _stamps(target: Path, skipped: set[str]) -> Iterable[tuple[str, str]]:
    if target.is_file():
        yield str(target), str(stamp_of(target.stat()))
        return
    for folder, subfolders, names in os.walk(target):
        subfolders[:] = [name for name in subfolders
                         if os.path.join(folder, name) not in skipped]
        for name in names:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:  # gone while walking: the next reload sees it
                continue
            yield path, str(stamp_of(info))
