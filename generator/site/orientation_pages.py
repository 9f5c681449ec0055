"""The orientation pages of the site: a page for each path (everyone's, then each role's)
with its steps, questions and the ways to sign off, and each path's guide for the buddy."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.handbook import Handbook
from ..model.orientation_paths import OrientationPath, orientation_paths
from ..model.orientation_readings import orientation_days
from .page import SitePage

ROLE_PATH_SEARCH_BOOST = 0.5
"""A role's path opens as everyone's does and ends with the same questions: where both
match a search as well, everyone's path, the one every new colleague follows, comes first."""


def orientation_pages(handbook: Handbook) -> Iterator[SitePage]:
    paths = orientation_paths(handbook.orientation)
    source = handbook.orientation.written_in.file
    for path in paths:
        yield SitePage(
            path.page, "orientation.md.jinja", path.title,
            description=(path.role.introduction if path.role and path.role.introduction
                         else handbook.orientation.introduction),
            context={"path": path, "paths": paths, "days": orientation_days(handbook, path),
                     "acknowledging": _acknowledging(handbook, path)},
            source=source, in_nav=path.role is None,
            search_boost=ROLE_PATH_SEARCH_BOOST if path.role else None,
        )
    for path in paths:
        yield SitePage(
            path.buddy_page, "buddy_guide.md.jinja",
            handbook.words("orientation.buddy guide title", path=path.title),
            context={"path": path, "days": orientation_days(handbook, path)},
            source=source, in_nav=False, searchable=False,
        )


def _acknowledging(handbook: Handbook, path: OrientationPath) -> list[str]:
    """The editions that print this path with a page to sign, by id."""
    path_id = path.role.id if path.role else None
    return [edition.id for edition in handbook.editions if edition.path == path_id
            and any(part.section == "acknowledgement" for part in edition.sections)]
