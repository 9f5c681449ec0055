"""`data/stories/<id>.yml`: one recognition story per file; the id is the file name."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr

from .common import RENAMED_FROM_HELP, DataModel, Id, IdRef, IsoDate, Line, Text

Status = Literal["draft", "published", "retired"]
RESERVED_STORY_IDS = frozenset({"index", "archive", "by-value"})
"""File names the site uses for its own story pages (the board and the archives)."""


class Person(DataModel):

    name: Line
    """The colleague's name as they want it shown."""
    team: Line
    """Their team or place (`Leeds workshop`)."""


class Story(DataModel):
    template = "story.md.jinja"

    title: Line
    """A headline that says what happened (`A wheel rebuilt before the Saturday race`)."""
    date: IsoDate
    """When it happened, as YYYY-MM-DD."""
    status: Status = "draft"
    """`draft` (not shown anywhere), `published`, or `retired` (taken down)."""
    featured: bool = False
    """`true` to pin the story at the top of the bulletin board and the home page."""
    people: list[Person] = Field(min_length=1)
    """The people recognised."""
    situation: Text
    """What the customer or colleague needed, and what made it hard."""
    action: Text
    """What the people recognised did."""
    outcome: Text
    """What came of it, for the customer and for us."""
    tip: Text
    """Advice for a colleague who meets something similar."""
    values: list[IdRef] = Field(min_length=1)
    """Ids of the values the story shows (at least one)."""
    behaviours: list[IdRef] = Field(default_factory=list)
    """Ids of the expected behaviours the story shows."""
    renamed_from: list[Id] = Field(default_factory=list, description=(
        "Earlier file names of this story (without .yml). " + RENAMED_FROM_HELP))

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The story's id: its file name without `.yml`; its page is `stories/<id>/`."""
        return self._id

    @property
    def published(self) -> bool:
        return self.status == "published"
