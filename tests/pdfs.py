"""Reading real PDFs for tests: text per page (pdftotext), outline, links and fonts (pypdf)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf

_LEADER = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, whitespace folded, in reading order."""
    reader = pypdf.PdfReader(pdf)
    texts = []
    for number in range(1, len(reader.pages) + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        texts.append(text)
    return texts


def fold(text: str) -> str:
    return " ".join(text.split())


def toc_entries(texts: list[str]) -> list[tuple[str, int]]:
    """(title, printed page number) for every line of the contents pages."""
    entries = []
    for text in texts:
        if "Contents" not in text.split("\n", 3)[0] + text[:200]:
            continue
        pending = ""
        for line in text.splitlines():
            line = line.strip()
            match = _LEADER.match(line)
            if match:
                entries.append((fold(pending + " " + match["title"]), int(match["page"])))
                pending = ""
            elif line and not line.startswith(("Contents", "Page ")) and "·" not in line:
                pending = line  # a long title wrapped onto the next line
    return entries


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(depth, title, page number) of every bookmark."""
    reader = pypdf.PdfReader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def link_targets(pdf: Path) -> list[tuple[int, int]]:
    """(page with the link, page it leads to) for every internal link."""
    reader = pypdf.PdfReader(pdf)
    names = reader.named_destinations
    links = []
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            destination = annotation.get("/Dest")
            if annotation.get("/Subtype") == "/Link" and destination is not None:
                target = names[str(destination)]
                links.append((number, reader.get_destination_page_number(target) + 1))
    return links


def fonts(pdf: Path) -> dict[str, bool]:
    """Font name -> whether its file is embedded."""
    reader = pypdf.PdfReader(pdf)
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")] + [
                d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
            embedded = any(
                d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def missing_from(text: str, *pieces: str) -> list[str]:
    """The pieces that `text` does not hold. Only presence is checked: the order in which
    pdftotext gives a page's header, heading and body is its own, and varies by version."""
    return [piece for piece in pieces if piece not in text]


def text_sizes(pdf: Path, page: int = 0) -> list[tuple[str, float]]:
    """Each run of text on a page with the size it is printed at, in points (the font size
    times the text matrix's scale)."""
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.append((text.strip(), round(size * abs(tm[3] or 1) * abs(cm[3] or 1), 1)))

    pypdf.PdfReader(pdf).pages[page].extract_text(visitor_text=visit)
    return found
