"""Every file the plugin adds to a MkDocs build, and the check that none takes another's place.

The plugin adds generated pages, the stories feed, redirects for renamed entries and the
PDF editions with their manifests. MkDocs writes files in list order, so two files bound
for one address would silently leave only the last: a redirect for an old id could
replace the story archive, a hand-written `editions/complete.pdf` could replace the
printed edition. All of them are checked together, before any PDF is laid out.

This module speaks MkDocs (it asks MkDocs where each file will be written); the core that
plans the pages does not.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import markdown_extensions as MARKDOWN_SUFFIXES

from ..model.handbook import Handbook
from ..model.links import EDITIONS_FOLDER, FEED, notice_board_file
from .page import BuildFacts, SitePage
from .redirects import Redirect, redirect_pages
from .search_worker import SEARCH_WORKER
from .theme_layer import BRAND_STYLESHEET, EMOJI_FONT


@dataclass(frozen=True)
class Output:
    """A file the plugin adds: its path inside the docs folder and who asked for it."""

    path: str
    origin: str
    """In an editor's words: `the generated page 'values/index.md' (from data/values.yml)`."""
    fix: str = ""
    """What to change when it clashes, if this side is the one to change."""


def planned_outputs(
    handbook: Handbook, pages: list[SitePage], redirects: list[Redirect], *,
    pdf_names: list[str],
) -> list[Output]:
    """What the plugin will add to the build, PDFs included, before any of it is made."""
    outputs = [Output(page.path, f"the generated page '{page.path}'"
                      + (f" (from {page.source})" if page.source else "")) for page in pages]
    outputs.append(Output(FEED, "the stories feed"))
    outputs.append(Output(EMOJI_FONT, "the emoji font value icons fall back to"))
    outputs.append(Output(SEARCH_WORKER, "the search worker"))
    if handbook.organisation.colours is not None:
        outputs.append(Output(BRAND_STYLESHEET, "the stylesheet of the organisation's colours"))
    outputs += [Output(r.path, f"the redirect from the old id '{r.old_id}' (renamed_from in "
                               f"{r.source})", f"remove '{r.old_id}' from renamed_from in "
                                               f"{r.source}") for r in redirects]
    outputs += [Output(f"{EDITIONS_FOLDER}/{name}", f"the printed file '{name}'")
                for name in pdf_names]
    return outputs


def printed_files(handbook: Handbook) -> list[str]:
    """The files a build with PDFs adds to `editions/`, known before any is made."""
    names = [name for edition in handbook.editions
             for name in (f"{edition.id}.pdf", f"{edition.id}.manifest.json")]
    if handbook.stories_by_month:
        names.append(notice_board_file(max(handbook.stories_by_month)))
    return names


def theme_outputs(config: MkDocsConfig) -> list[Output]:
    """Files the theme writes from its templates (`sitemap.xml`, `404.html`)."""
    return [Output(name, f"the site's {name}") for name in config.theme.static_templates]


def check_outputs(files: Files, outputs: list[Output], config: MkDocsConfig) -> None:
    """Stop the build when two files (written by hand or added) would share an address."""
    clashes = find_clashes(files, outputs, config)
    if clashes:
        raise PluginError("two files would take the same place in the site:\n" + "\n".join(
            f"  {clash.what}; {clash.fix}" for clash in clashes))


@dataclass(frozen=True)
class Clash:
    what: str
    """`handbook/foundation.md and the generated page ... would both be /foundation/`."""
    fix: str


def project_clashes(
    config: MkDocsConfig, handbook: Handbook, facts: BuildFacts, *, with_pdfs: bool
) -> list[Clash]:
    """The clashes a build of this project would stop on, found without building it (for
    `handbook check`): the docs folder and theme as MkDocs lists them, against all that the
    plugin would add."""
    from mkdocs.structure.files import get_files

    from .pages import plan_site

    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    redirects = redirect_pages(handbook, directory_urls=config.use_directory_urls)
    planned = planned_outputs(handbook, plan_site(handbook, facts), redirects,
                              pdf_names=printed_files(handbook) if with_pdfs else [])
    return find_clashes(files, [*planned, *theme_outputs(config)], config)


def find_clashes(files: Files, outputs: list[Output], config: MkDocsConfig) -> list[Clash]:
    """Each address that two files (written by hand or added) would share, in words."""
    docs = Path(config.docs_dir).resolve()
    folder = docs.name
    groups: dict[str, list[tuple[str, str, Output | None]]] = defaultdict(list)
    # A cheap key first: only files whose keys meet are asked for their exact address, so
    # a site of 10,000 stories does not make 10,000 throwaway MkDocs files.
    for file in files:
        written_by: Output | None = None if _inside(file, docs) else _THEME
        groups[_rough_address(file.src_uri)].append((file.src_uri, file.dest_uri, written_by))
    for output in outputs:
        groups[_rough_address(output.path)].append((output.path, "", output))
    clashes = []
    for members in groups.values():
        if len(members) < 2:
            continue
        by_destination: dict[str, list[str]] = defaultdict(list)
        fixes: dict[str, list[str]] = defaultdict(list)
        for src_uri, dest_uri, added in members:
            if added is None or added is _THEME:
                origin = f"{folder}/{src_uri}" if added is None else f"the theme's {src_uri}"
                fix = f"rename or move {folder}/{src_uri}" if added is None else ""
            else:
                # Where MkDocs would write it (File.generated works only inside a build).
                dest_uri = File(added.path, None, config.site_dir,
                                config.use_directory_urls).dest_uri
                origin, fix = added.origin, added.fix
            by_destination[dest_uri.casefold()].append(origin)
            if fix:
                fixes[dest_uri.casefold()].append(fix)
        for destination, origins in by_destination.items():
            if len(origins) > 1:
                advice = "; ".join(fixes[destination]) or "rename one of them"
                clashes.append(Clash(f"{' and '.join(origins)} would both be "
                                     f"/{_address(destination)}", advice))
    return sorted(clashes, key=lambda clash: clash.what)


_THEME = Output("", "the theme")
"""Marks a file that comes from the theme rather than the docs folder."""


def _inside(file: File, docs: Path) -> bool:
    source = file.abs_src_path
    return source is not None and Path(source).resolve().is_relative_to(docs)


def _rough_address(path: str) -> str:
    """The same string for every path MkDocs could write to one address, letter case
    aside (Windows and macOS do not tell `Foundation/` from `foundation/`)."""
    stem = path.casefold()
    for suffix in (*MARKDOWN_SUFFIXES, ".html", ".htm"):
        stem = stem.removesuffix(suffix)
    for index in ("index", "readme"):
        stem = stem.removesuffix(index)
    return stem.rstrip("/")


def _address(destination: str) -> str:
    return destination.removesuffix("index.html")
