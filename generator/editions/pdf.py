"""HTML to PDF with WeasyPrint: offline, reproducible, and written only when complete.

* Nothing is fetched from the network: only files of the project and the package may
  be read, so a hand-written page with an image from the web cannot stall a build.
* A font WeasyPrint could not load is an error, not a silent fallback to another face.
* The PDF is written to a temporary file beside the target and moved into place, so a
  failed or interrupted run leaves the previous edition as it was.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import HandbookError, counted
from ..sources.safe_files import UnsafeFile, check_regular

Progress = Callable[[str], None]
MAX_RESOURCE_BYTES = 64 * 1024 * 1024
"""An image or font an edition prints; anything larger is a mistake, not a picture."""


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    anchor_pages: dict[str, int]
    """Each anchor (`story-...`, `chapter-values`) and the index of the page it is on."""


def html_to_pdf(html: str, *, allowed_roots: list[Path], progress: Progress,
                read: list[Path] | None = None) -> RenderedPdf:
    """The PDF of `html`; `read`, when given, is filled with every file the layout read."""
    from weasyprint import HTML

    roots = [root.resolve() for root in allowed_roots]
    problems = _WeasyPrintProblems()

    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    try:
        progress("laying out pages")
        # Tagged: a screen reader gets the headings, lists and reading order, not a stream
        # of positioned text (PDF/UA's structure tree).
        document = HTML(string=html, base_url=str(roots[0]),
                        url_fetcher=_local_files_only(roots, read)).render(pdf_tags=True)
        progress(f"writing {counted(len(document.pages), 'page')}")
        data = document.write_pdf(pdf_tags=True)
    finally:
        logger.removeHandler(problems)
    if problems.messages:
        raise HandbookError("the PDF could not be made as designed:\n  " +
                            "\n  ".join(problems.messages))
    assert data is not None
    anchor_pages = {
        anchor: index for index, page in enumerate(document.pages) for anchor in page.anchors
    }
    return RenderedPdf(data, len(document.pages), anchor_pages)


def write_atomically(target: Path, data: bytes) -> None:
    """Put `data` at `target` in one step: readers see the old file or the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _local_files_only(roots: list[Path], read: list[Path] | None) -> Any:
    """A WeasyPrint fetcher that reads files of the project and the package, and nothing
    else; each file it reads is added to `read`."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://"):
                path = Path(unquote(url.removeprefix("file://").split("?")[0])).resolve()
                if any(path.is_relative_to(root) for root in roots):
                    # A pipe or a device would hang the layout; a huge file is no image.
                    try:
                        check_regular(path, limit=MAX_RESOURCE_BYTES)
                    except UnsafeFile as refused:
                        raise ValueError(f"{url} is not a file of the project: "
                                         f"{refused.problem}") from None
                    if read is not None:
                        read.append(path)
                    return super().fetch(url, headers)
            elif url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"{url} is not a file of the project")

    return LocalFetcher(allowed_protocols=("file", "data"))


class _WeasyPrintProblems(logging.Handler):
    """Collects what WeasyPrint only logs: fonts or images it failed to load."""

    SERIOUS = ("Failed to load", "Failed to handle", "Error loading", "is not a file of")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if any(marker in message for marker in self.SERIOUS):
            self.messages.append(message.splitlines()[0])
