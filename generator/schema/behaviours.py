"""`data/behaviours.yml`: the behaviour expected toward customers and coworkers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import RENAMED_FROM_HELP, DataModel, Id, IdRef, Line, Text

Audience = Literal["customers", "coworkers", "both"]
AUDIENCES: tuple[Audience, ...] = ("customers", "coworkers", "both")


class Theme(DataModel):

    id: Id
    """Stable id (`responsive`)."""
    name: Line
    """The theme's name (`Responsive`)."""
    description: Text
    """What the behaviours of this theme have in common."""


class Behaviour(DataModel):
    reading_fields = ("name", "statement", "commitment", "do", "dont")
    reader_fields = ("name", "theme", "audience", "statement", "commitment", "values", "do",
                     "dont")

    id: Id
    """Stable id (`reply-within-a-day`); the behaviour's anchor on the behaviours page."""
    name: Line
    """A short name (`Reply within a day`)."""
    theme: IdRef
    """Id of the theme this behaviour belongs to."""
    audience: Audience
    """Who it is owed to: `customers`, `coworkers` or `both`."""
    statement: Text
    """The behaviour, said plainly."""
    commitment: Line | None = None
    """A concrete, checkable promise where there is one (`Calls returned within 24 hours`)."""
    values: list[IdRef] = Field(default_factory=list)
    """Ids of the values this behaviour shows."""
    do: list[Text] = Field(default_factory=list)
    """Examples of doing it well."""
    dont: list[Text] = Field(default_factory=list)
    """Examples of what to avoid."""
    see_also: list[Line] = Field(default_factory=list)
    """Hand-written pages that say more, by their path inside `handbook/` (`policies.md`):
    linked from the entry on the site and in print."""
    renamed_from: list[Id] = Field(default_factory=list, description=RENAMED_FROM_HELP)


class BehavioursFile(DataModel):
    themes: list[Theme] = Field(min_length=1)
    """The themes, in the order the behaviours page shows them."""
    behaviours: list[Behaviour] = Field(min_length=1)
    """The expected behaviours."""
