"""Hand-written pages as HTML for print, with the same Markdown extensions as the site.

The extensions and their settings are the ones MkDocs reads from mkdocs.yml, so an
admonition or a table looks in print as it was written for the site. Three things are
made to fit a single printed document: ids get a per-page prefix (two pages may both
have a "Why" heading), links to other pages point inside the PDF when that page is
printed too (or to the site otherwise, and the stylesheet prints the address), and the
page's own title becomes the chapter's.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown
from markupsafe import Markup

from ..sources.pages_source import HandPage

_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'\bhref="([^"]+)"')
_SRC = re.compile(r'\bsrc="([^"]+)"')
_FIRST_H1 = re.compile(r"<h1[^>]*>.*?</h1>\s*", re.S)
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
_BARE_LINK = re.compile(r'<a href="([^"]+)">\1</a>')

LinkTarget = Callable[[str, str], str | None]
"""(docs path, fragment) -> href inside the edition or on the site, or None to unlink."""


@dataclass
class MarkdownSettings:
    """Markdown extensions as MkDocs configures them (`markdown_extensions` in mkdocs.yml)."""

    extensions: list[Any] = field(default_factory=lambda: ["toc", "tables", "fenced_code"])
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_mkdocs(cls, config: Any) -> MarkdownSettings:
        configs = {name: dict(options) for name, options in config.mdx_configs.items()}
        # Print has no use for the "¶" links MkDocs adds next to headings.
        configs.setdefault("toc", {})["permalink"] = False
        return cls(list(config.markdown_extensions), configs)


class PageRenderer:
    def __init__(self, settings: MarkdownSettings, docs_dir: Path,
                 blocks: dict[str, str] | None = None) -> None:
        self.markdown = markdown.Markdown(
            extensions=settings.extensions, extension_configs=settings.configs
        )
        self.docs_dir = docs_dir
        self.blocks = blocks or {}
        """Markers a page may hold (`<!-- handbook: share a story -->`) and the Markdown
        that stands in for each in print."""

    def render(self, page: HandPage, prefix: str, link_target: LinkTarget) -> Markup:
        self.markdown.reset()
        text = page.markdown
        for marker, block in self.blocks.items():
            text = text.replace(marker, block)
        html = self.markdown.convert(text)
        html = _FIRST_H1.sub("", html, count=1)
        html = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', html)
        html = _HREF.sub(lambda m: self._href(m.group(1), page.path, prefix, link_target), html)
        html = _SRC.sub(lambda m: self._src(m.group(1), page.path), html)
        # A link whose text is its address needs it printed only once (handbook.css).
        html = _BARE_LINK.sub(lambda m: f'<a href="{m.group(1)}" data-bare="true">{m.group(1)}</a>',
                              html)
        return Markup(html)

    def _href(self, href: str, here: str, prefix: str, link_target: LinkTarget) -> str:
        if _EXTERNAL.match(href):
            return f'href="{href}"'
        path, _, fragment = href.partition("#")
        if not path:
            return f'href="#{prefix}-{fragment}"'
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
        resolved = link_target(target, fragment)
        return f'href="{resolved}"' if resolved else 'data-unlinked="true"'

    def _src(self, src: str, here: str) -> str:
        if _EXTERNAL.match(src):
            return f'src="{src}"'
        target = (self.docs_dir / posixpath.dirname(here) / src).resolve()
        return f'src="{target.as_uri()}"'
