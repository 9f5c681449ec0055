"""Readers are never spoken to as editors: no file names, commands, commits or
fingerprints on the site or in the PDF editions.

Editors get those on the curators' page (listed below, excluded by design), in the CLI and
in the README. The handbook is built from a git repository, as in CI, so every place a
commit could show up is exercised.
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from .commands import COMMIT_TIME, commit_all
from .helpers import FIXTURES, REPO, BuildSite, make_project
from .pdfs import page_texts

EDITOR_PAGES = {"editors/coverage/index.html"}
"""Pages for curators: they name commits, files and commands on purpose."""


def _for_editors(name: str) -> bool:
    """A curators' page, in the site of the handbook's language or of another one
    (`pt/editors/coverage/index.html`)."""
    return name in EDITOR_PAGES or name.split("/", 1)[-1] in EDITOR_PAGES
TOOL_WORDS = re.compile(
    r"\.ya?ml\b|(?-i:\bhandbook (?:build|check|serve|pdf|new|report|init|schema)\b)"
    r"|\bcommit(?:s|ted)?\b|\bfingerprints?\b|\bgit\b", re.IGNORECASE)


class _ReaderText(HTMLParser):
    """The text of a page's body as a reader sees it: no scripts, styles or hidden parts."""

    _SKIPPED = frozenset({"script", "style", "svg", "template"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIPPED:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _reader_text(html: str) -> str:
    body = html.split("<body", 1)[-1]
    parser = _ReaderText()
    parser.feed(body)
    return " ".join(" ".join(parser.parts).split())


def _tool_words(text: str) -> list[str]:
    return [f"{m.group()!r} in …{text[max(0, m.start() - 40):m.end() + 20]}…"
            for m in TOOL_WORDS.finditer(text)]


# The shipped handbook's own pages are the sample organisation's words (another
# organisation's pages may well speak of git): that run is about the sample.
@pytest.fixture(scope="module", params=["small", pytest.param("shipped", marks=pytest.mark.sample)])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         build_site: BuildSite) -> Path:
    source = FIXTURES / "small" if request.param == "small" else REPO
    project = make_project(tmp_path_factory.mktemp(request.param) / "project", source)
    # Committed when the repository's own newest commit was (a date fixed by the commit,
    # late enough for every story the sample has published).
    when = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%cI"],
                          capture_output=True, text=True).stdout.strip()
    commit_all(project, when=when or COMMIT_TIME)
    return build_site(project)


def test_no_reader_page_speaks_like_a_build_tool(site: Path) -> None:
    found = {}
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        if _for_editors(name):
            continue
        words = _tool_words(_reader_text(page.read_text(encoding="utf-8")))
        if words:
            found[name] = words
    assert found == {}


def test_no_reader_page_leads_to_the_curators_pages(site: Path) -> None:
    """The curators' pages speak of commits on purpose; a reader never lands on them."""
    leading = sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html")
                     if not _for_editors(page.relative_to(site).as_posix())
                     and re.search(r'href="[^"]*editors/', page.read_text(encoding="utf-8")))
    assert leading == []


def test_no_pdf_edition_speaks_like_a_build_tool(site: Path) -> None:
    pdfs = sorted((site / "editions").glob("*.pdf"))
    assert pdfs
    found = {pdf.name: words for pdf in pdfs
             if (words := _tool_words(" ".join(page_texts(pdf))))}
    assert found == {}
    # Nor do their document properties (what a PDF reader shows under "Properties").
    found = {pdf.name: words for pdf in pdfs
             if (words := _tool_words(" ".join(str(value) for value in (
                 pypdf.PdfReader(pdf).metadata or {}).values())))}
    assert found == {}


def test_the_curators_page_is_where_editors_find_the_commit(site: Path) -> None:
    curators = _reader_text((site / "editors/coverage/index.html").read_text(encoding="utf-8"))
    assert "built from commit" in curators
