"""Editions laid out once for their content, and reused while it stays the same.

Laying out an edition is most of a build with PDFs (the complete handbook of 2,000 stories
takes minutes), yet most commits change little of what an edition prints. Two things make
an unchanged edition reusable, byte for byte:

* **Its date is its content's.** An edition is "effective from" the last commit that
  changed a file it prints (a page, a story, the values it prints, the organisation), not
  the commit being built, so an unrelated commit leaves its cover, version and properties
  as they were. With `SOURCE_DATE_EPOCH`, outside git, in a shallow clone, or with a
  printed file not committed yet, the build's own date is used, as before.
* **Its layout is cached by everything the layout reads**: the print HTML (which holds the
  content, the stamp, the templates and the styles), the bytes of every file WeasyPrint
  fetched for it (fonts, images, the overrides' styles), and the versions of WeasyPrint and
  pydyf. The cache (the project's cache folder, outside the repository: see
  sources/caches.py; the shipped CI workflows keep it between runs) is looked up by that
  key, so a reused PDF is exactly what a fresh layout of the same inputs would write.

An entry is plain data checked on read: its record must have the expected shape, every
file it read must still hash as it did, and the PDF must hash as the record says it did
when it was laid out here. Anything else is laid out again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..history.commits import FileDates
from ..model.handbook import Handbook
from ..sources.gitinfo import BuildInfo
from ..sources.safe_files import UnsafeFile, read_regular
from .pdf import MAX_RESOURCE_BYTES, RenderedPdf, write_atomically
from .plan import EditionPlan

CACHE_PART = "editions"
"""The part of the project's cache (sources/caches.py) that keeps laid-out editions."""
MAX_RECORD_BYTES = 4 * 1024 * 1024
MAX_PDF_BYTES = 1024 * 1024 * 1024
_ENTRY = re.compile(r"([0-9a-f]{32})\.(pdf|json)")
_SHA256 = re.compile(r"[0-9a-f]{64}")
ORIENTATION_SECTIONS = frozenset({"orientation", "acknowledgement", "buddy-guide", "answers"})


def printed_sources(handbook: Handbook, plan: EditionPlan, *, docs_folder: str,
                    data_folder: str, tracked: Iterable[str]) -> set[str]:
    """The files (as git names them, `data/values.yml`) whose content the edition prints.

    `tracked` are the data and page files git knows: the "changes" chapter and the
    measures' figures are drawn from many of them at once."""
    sources = {_file_of(handbook.organisation), _file_of(plan.edition)}
    for chapter in plan.chapters:
        if chapter.page_path:
            sources.add(f"{docs_folder}/{chapter.page_path}")
        elif chapter.kind in ORIENTATION_SECTIONS:
            sources.add(_file_of(handbook.orientation))
        elif chapter.kind == "stories":
            continue  # the stories it picks, below
        elif chapter.kind == "changes":
            sources.update(name for name in tracked if name.startswith(f"{data_folder}/"))
        elif chapter.kind in handbook.registry.section:
            sources.update(_file_of(entry) for kind in handbook.registry.kinds_in(chapter.kind)
                           for entry in handbook.shown(kind))
            if chapter.kind == "measures":
                sources.update(name for name in tracked
                               if name.startswith(f"{data_folder}/results/"))
    sources.update(_file_of(story) for story in plan.stories)
    sources.discard("")
    return sources


def content_moment(build: BuildInfo, dates: FileDates | None, sources: set[str]) -> datetime:
    """When the edition's content last changed: the newest commit time of its sources, or
    the build's own date where that cannot be told (see the module's notes)."""
    if (build.as_of.source != "commit" or dates is None or not dates.available
            or dates.shallow or not sources):
        return build.effective_date()
    if any(name in dates.uncommitted or name not in dates.changed for name in sources):
        return build.effective_date()
    return max(dates.changed[name] for name in sources).astimezone(UTC)


@dataclass(frozen=True)
class CachedLayout:
    data: bytes
    pages: int


class LayoutCache:
    """Laid-out editions by layout key: `<key>.pdf`, and `<key>.json` with the page count
    and the files the layout read (with their hashes, checked before a reuse)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    @staticmethod
    def key(html: str) -> str:
        engine = ",".join(f"{name} {_version(name)}" for name in ("weasyprint", "pydyf"))
        return hashlib.sha256(f"{engine}\n{html}".encode()).hexdigest()[:32]

    def find(self, key: str) -> CachedLayout | None:
        if self.folder is None or not _ENTRY.fullmatch(f"{key}.pdf"):
            return None
        try:
            record = json.loads(read_regular(self.folder / f"{key}.json",
                                             limit=MAX_RECORD_BYTES, follow_links=False))
            pages, digest, inputs = record["pages"], record["pdf"], record["inputs"]
            if not (type(pages) is int and pages > 0 and isinstance(digest, str)
                    and _SHA256.fullmatch(digest) and isinstance(inputs, dict)):
                return None
            if any(not isinstance(name, str) or _hash(Path(name)) != expected
                   for name, expected in inputs.items()):
                return None
            data = read_regular(self.folder / f"{key}.pdf", limit=MAX_PDF_BYTES,
                                follow_links=False)
        except (UnsafeFile, ValueError, KeyError, TypeError, RecursionError):
            return None  # not kept, kept by another version, or damaged: lay it out again
        if hashlib.sha256(data).hexdigest() != digest:
            return None
        self.used.add(key)
        return CachedLayout(data, pages)

    def keep(self, key: str, pdf: RenderedPdf, read: Iterable[Path]) -> None:
        if self.folder is None:
            return
        self.used.add(key)
        record = {"pages": pdf.pages, "pdf": hashlib.sha256(pdf.data).hexdigest(),
                  "inputs": {str(path): _hash(path) for path in sorted(set(read))}}
        try:
            write_atomically(self.folder / f"{key}.pdf", pdf.data)
            write_atomically(self.folder / f"{key}.json",
                             json.dumps(record, indent=1, sort_keys=True).encode())
        except OSError:
            pass  # a cache that cannot be written only costs the next build time

    def forget_unused(self) -> None:
        """Remove the layouts this run did not use, so the cache holds one build's worth."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            entry = _ENTRY.fullmatch(path.name)  # only the names this cache gives its files
            if entry is not None and entry.group(1) not in self.used:
                path.unlink(missing_ok=True)


def _file_of(entry: object) -> str:
    source = getattr(entry, "_source", None)
    return source.file if source is not None else ""


def _hash(path: Path) -> str:
    try:
        return hashlib.sha256(read_regular(path, limit=MAX_RESOURCE_BYTES)).hexdigest()
    except UnsafeFile:
        return "missing"


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"
