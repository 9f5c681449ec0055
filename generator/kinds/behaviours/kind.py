"""`data/behaviours.yml`: the behaviour expected toward customers and coworkers."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ...schema.common import RENAMED_FROM_HELP, DataModel, Id, IdRef, Line, Text
from ...schema.registry import DataFile, Declaration, EntryKind, Section

BOTH = "both"
"""What `audience: both` stands for: customers and coworkers, the two every organisation
has (as the handbooks written before audiences could be declared say it)."""
BOTH_MEANS = ("customers", "coworkers")


class Audience(DataModel):
    """Someone behaviour is owed to."""

    id: Id
    """Stable id (`managers`), as behaviours name it in `audience`."""
    name: Line
    """As readers see it (`Managers`): "Toward managers"."""


DEFAULT_AUDIENCES = (Audience(id="customers", name="Customers"),
                     Audience(id="coworkers", name="Coworkers"))


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
    audience: IdRef | Annotated[list[IdRef], Field(min_length=1)]
    """Who it is owed to: an audience's id (`customers`, `coworkers`, or one declared in
    `audiences`), a list of them, or `both` (customers and coworkers)."""
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
    applies_to: list[IdRef] = Field(default_factory=list)
    """The groups (declared in organisation.yml) it applies to alone; everyone when empty."""
    see_also: list[Line] = Field(default_factory=list)
    """Hand-written pages that say more, by their path inside `handbook/` (`policies.md`):
    linked from the entry on the site and in print."""
    answers: list[Line] = Field(default_factory=list)
    """Questions people ask that this behaviour answers, in their words (`how fast should
    I answer emails?`): the site's search finds the behaviour by them; not shown."""
    renamed_from: list[Id] = Field(default_factory=list, description=RENAMED_FROM_HELP)

    @property
    def audience_ids(self) -> list[str]:
        """The ids of who it is owed to, `both` spelled out."""
        given = self.audience if isinstance(self.audience, list) else [self.audience]
        return [name for given_id in given
                for name in (BOTH_MEANS if given_id == BOTH else (given_id,))]


class BehavioursFile(DataModel):
    audiences: list[Audience] = Field(default_factory=lambda: list(DEFAULT_AUDIENCES),
                                      min_length=1)
    """Who behaviour is owed to, in the order the behaviours page shows them; by default
    customers and coworkers. Declare your own (`managers`, `suppliers`) with an id and a
    name each, listing customers and coworkers too if you use them."""
    themes: list[Theme] = Field(min_length=1)
    """The themes, in the order the behaviours page shows them."""
    behaviours: list[Behaviour] = Field(min_length=1)
    """The expected behaviours."""


BEHAVIOURS_FILE = DataFile(
    "behaviours.yml", BehavioursFile, "Behaviours",
    "The behaviour expected toward customers and coworkers.", "behaviours.schema.json",
    (Audience, Theme, Behaviour), ("audiences", "themes", "behaviours"))
THEME = EntryKind("theme", Theme, "behaviours", "themes", "theme", ("theme",),
                  section="behaviours")
BEHAVIOUR = EntryKind("behaviour", Behaviour, "behaviours", "behaviours", "behaviour",
                      ("behaviours",), followed=True, section="behaviours", within="theme",
                      description_field="statement")
SECTION = Section("behaviours", "behaviours.md", "behaviours.md.jinja")

declaration = Declaration(files=(BEHAVIOURS_FILE,), kinds=(THEME, BEHAVIOUR),
                          sections=(SECTION,))
