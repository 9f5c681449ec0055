"""Laying out a long edition on two cores, with the same result as one layout.

WeasyPrint lays out a document on one core, and a thousand-story edition is a thousand
pages of text. Stories are printed one per page, so a story can be swapped for a one-page
stand-in (its heading and anchor, no text) without moving anything else. Two complete
copies of the document are laid out at once: the first with the second half of the
stories as stand-ins, the second with the first half as stand-ins. Both have the same
pages, page numbers, contents, bookmarks and links; the finished PDF is the first copy
with the stand-in pages' content taken from the second.

Whether every story did take exactly one page is checked from the anchors of both
layouts; if not, the caller lays the edition out the ordinary way.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .pdf import Progress, RenderedPdf, html_to_pdf


def render_in_two_halves(
    first_html: str, second_html: str, *, swapped: Sequence[str], allowed_roots: list[Path],
    progress: Progress,
) -> RenderedPdf | None:
    """The edition from two layouts, or None when the halves do not line up page for page.

    `first_html` prints the stories whose anchors are in `swapped` as stand-ins;
    `second_html` prints those stories and stands in for the others.
    """
    with ProcessPoolExecutor(max_workers=1) as pool:
        second_job = pool.submit(_render_quietly, second_html, allowed_roots)
        first = html_to_pdf(first_html, allowed_roots=allowed_roots, progress=progress)
        second = second_job.result()
    pages = [first.anchor_pages.get(anchor) for anchor in swapped]
    if (first.pages != second.pages or None in pages
            or any(second.anchor_pages.get(a) != p for a, p in zip(swapped, pages, strict=True))
            or _anchors_moved(first, second)):
        return None
    progress(f"joining the two halves ({first.pages} pages)")
    return RenderedPdf(
        _take_pages(first.data, second.data, [page for page in pages if page is not None]),
        first.pages, first.anchor_pages,
    )


def _render_quietly(html: str, allowed_roots: list[Path]) -> RenderedPdf:
    return html_to_pdf(html, allowed_roots=allowed_roots, progress=lambda _: None)


def _anchors_moved(first: RenderedPdf, second: RenderedPdf) -> bool:
    return any(second.anchor_pages.get(anchor) != page
               for anchor, page in first.anchor_pages.items())


def _take_pages(base: bytes, donor: bytes, page_indexes: list[int]) -> bytes:
    """`base`, with the content of the listed pages taken from `donor`.

    The page objects of `base` stay, so its bookmarks, links and named destinations keep
    pointing at them; only what is drawn on them (and the fonts that drawing needs) moves.
    """
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(io.BytesIO(donor))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    for index in page_indexes:
        source, target = reader.pages[index], writer.pages[index]
        for key in ("/Contents", "/Resources"):
            target[NameObject(key)] = source.raw_get(key).clone(writer)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
