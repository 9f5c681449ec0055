"""What organisation.yml sets in MkDocs' own settings: the site's name, addresses and
"edit this page" links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from ..model.handbook import Handbook
from ..text import theme_text


def apply_organisation(config: MkDocsConfig, handbook: Handbook, root: Path) -> None:
    """organisation.yml is the one place the organisation is described; the site follows it.

    MkDocs and Material put these settings into pages as they are (their templates do not
    escape), so text from the data is HTML-escaped here; addresses are checked by the model.
    It is handed over as `Markup`, escaped text that says so, because a few of Material's
    attributes escape it once more (`title="{{ config.site_name | e }}"`): `e` leaves
    `Markup` alone, so `Tom & Jerry` never reads `Tom &amp; Jerry`.
    """
    org = handbook.organisation
    config.site_name = Markup(theme_text(org.title))
    config.site_description = config.site_description or Markup(theme_text(org.tagline))
    if org.site_url:
        config.site_url = org.site_url.rstrip("/") + "/"
    if org.repository_url:
        config.repo_url = org.repository_url
        config.repo_name = "/".join(org.repository_url.rstrip("/").split("/")[-2:])
        docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        config.edit_uri = f"{_edit_prefix(org.repository_url)}/{org.branch}/{docs}/"
    if org.copyright:
        config.copyright = Markup(theme_text(org.copyright))
    if org.logo:
        config.theme["logo"] = org.logo
        config.theme["favicon"] = org.logo


def _on_gitlab(repository_url: str) -> bool:
    return "gitlab" in repository_url


def _edit_prefix(repository_url: str) -> str:
    # GitLab nests its edit view under `/-/`; GitHub, Gitea and Forgejo use `edit/` at the top.
    return "-/edit" if _on_gitlab(repository_url) else "edit"


URL_SAFE = ":/?#@!$&'()*+,;=~%"
"""What stays as it is when a finished address is quoted: its own punctuation."""


def edit_url(handbook: Handbook, source: str) -> str | None:
    org = handbook.organisation
    if not org.repository_url:
        return None
    prefix = _edit_prefix(org.repository_url)
    return f"{org.repository_url.rstrip('/')}/{prefix}/{org.branch}/{quote(source)}"
