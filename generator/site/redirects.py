"""Old addresses that keep working: a page at each id an entry was `renamed_from`.

Values and stories have pages of their own; when one is renamed, a small HTML page at
its old address sends readers (and old bookmarks, and links in old emails) on to the
new one. Elements and behaviours live at anchors on a shared page; their old ids stay as
extra anchors there (see the foundation and behaviours templates).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from markupsafe import Markup

from ..model import links
from ..model.handbook import Handbook
from ..wording import Wording


@dataclass(frozen=True)
class Redirect:
    """One old address, the page it leads to, and the entry that asked for it."""

    path: str
    """The redirect file inside the site (`stories/old-id/index.html`)."""
    html: str
    old_id: str
    source: str
    """The data file whose `renamed_from` names the old id."""


def redirect_pages(handbook: Handbook, *, directory_urls: bool) -> list[Redirect]:
    """A redirect file for each old id of a value or a published story."""
    moved: list[tuple[str, str, str, str]] = []
    for value in handbook.values:
        moved += [(links.value_page(old), links.value_page(value.id), old, value.written_in.file)
                  for old in value.renamed_from]
    for story in handbook.published:
        moved += [(links.story_page(old), links.story_page(story.id), old, story.written_in.file)
                  for old in story.renamed_from]
    return [
        Redirect(_output_path(old, directory_urls),
                 _page(_relative_url(old, new, directory_urls), handbook.words), old_id,
                 source)
        for old, new, old_id, source in moved
    ]


def _output_path(docs_path: str, directory_urls: bool) -> str:
    stem = docs_path.removesuffix(".md")
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def _relative_url(old: str, new: str, directory_urls: bool) -> str:
    here = posixpath.dirname(_output_path(old, directory_urls))
    target = _output_path(new, directory_urls)
    if directory_urls:
        target = posixpath.dirname(target) + "/"
    return posixpath.relpath(target, here or ".") + ("/" if directory_urls else "")


def _page(url: str, words: Wording) -> str:
    return str(Markup(
        "<!doctype html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>{title}</title>\n"
        "<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n"
        "<link rel=\"canonical\" href=\"{url}\">\n<meta name=\"robots\" content=\"noindex\">\n"
        "</head>\n<body>\n<p>{before}<a href=\"{url}\">{link}</a>.</p>\n"
        "</body>\n</html>\n"
    ).format(url=url, language=words.language, title=words("redirect.title"),
             before=words("redirect.before link"), link=words("redirect.link")))
