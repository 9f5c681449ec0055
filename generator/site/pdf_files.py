"""The PDF editions and the notice board of a build, added to its site's files.

Made into a scratch folder the plugin keeps until the build ends, and added to the site
under `editions/`, each edition with its manifest. A translated site's editions are laid
out in its language, and cached apart from the source language's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..history.commits import FileDates
from ..model.handbook import Handbook
from ..model.links import EDITIONS_FOLDER
from ..sources.gitinfo import BuildInfo
from .page import BuildFacts


@dataclass(frozen=True)
class PdfSettings:
    root: Path
    data_dir: Path
    build: BuildInfo
    paper: str
    since: str | None
    dates: FileDates
    language: str | None
    """The language of a translated build; None for the source language's."""


def add_pdf_files(handbook: Handbook, facts: BuildFacts, files: Files, config: MkDocsConfig,
                  output: Path, settings: PdfSettings,
                  log: logging.Logger | logging.LoggerAdapter[logging.Logger]) -> BuildFacts:
    """Lay out the editions and the latest month's notice board into `output`, add them to
    `files`, and return `facts` with what was made (for the editions page)."""
    from ..editions.build import build_editions, job_from_mkdocs
    from ..editions.noticeboard import build_notice_board
    from ..editions.reuse import CACHE_PART
    from ..sources.caches import project_cache

    cache_part = CACHE_PART if settings.language is None else f"{CACHE_PART}-{settings.language}"
    job = job_from_mkdocs(
        config, root=settings.root, data_dir=settings.data_dir, output_dir=output,
        build=settings.build, paper=settings.paper, since=settings.since,
        dates=settings.dates, cache_dir=project_cache(settings.root, cache_part),
    )
    results = build_editions(handbook, handbook.editions, job, progress=log.info,
                             warn=log.warning)
    made = [path.name for result in results
            for path in (result.path, output / f"{result.edition.id}.manifest.json")]
    notice_board = None
    if handbook.stories_by_month:
        latest = max(handbook.stories_by_month)
        board = build_notice_board(handbook, latest, job, progress=log.info)
        made.append(board.path.name)
        notice_board = (latest, f"{EDITIONS_FOLDER}/{board.path.name}")
    for name in made:
        files.append(File.generated(
            config, f"{EDITIONS_FOLDER}/{name}", abs_src_path=str(output / name)))
    return replace(facts, editions=results, notice_board=notice_board)
