"""`data/orientation.yml`: the reading path a new hire follows in the first days."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from .common import DataModel, IdRef, Line, OneOf, Text, problem


def readable_sections() -> list[str]:
    """The sections a step can assign: every one but the orientation path itself."""
    from .kinds import registry  # the registry declares this module's models

    return [section.name for section in registry().sections if section.name != "orientation"]


Section = Annotated[str, OneOf(readable_sections)]
TARGET_KINDS = ("page", "section", "value", "element", "theme", "behaviour", "story")


class Reading(DataModel):
    """One thing to read: exactly one of the fields below."""


    page: Line | None = None
    """A hand-written page, by its path inside `handbook/` (`welcome.md`)."""
    section: Section | None = None
    """A whole generated section: `values`, `foundation`, `behaviours` or `stories`."""
    value: IdRef | None = None
    """One value, by id."""
    element: IdRef | None = None
    """One foundation element, by id."""
    theme: IdRef | None = None
    """All behaviours of one theme, by the theme's id."""
    behaviour: IdRef | None = None
    """One expected behaviour, by id."""
    story: IdRef | None = None
    """One published story, by id."""

    @model_validator(mode="after")
    def _exactly_one_target(self) -> Reading:
        given = [kind for kind in TARGET_KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            raise problem(
                "a reading names " + ("nothing" if not given else " and ".join(given)),
                "give exactly one of: " + ", ".join(TARGET_KINDS),
            )
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in TARGET_KINDS if getattr(self, kind) is not None)

    @property
    def target(self) -> str:
        return str(getattr(self, self.kind))


class Step(DataModel):

    title: Line
    """What this step is about (`Why we serve the way we do`)."""
    day: int = Field(ge=1, le=30)
    """The day of the first weeks this step belongs to (1 for the first day)."""
    read: list[Reading] = Field(min_length=1)
    """What to read, in order. Reading time is computed from it."""
    reflect: Text
    """A question to think about (or talk over with a buddy) after reading."""


class Orientation(DataModel):
    title: Line
    """The path's title (`Your first week`)."""
    introduction: Text
    """A welcome paragraph for the new hire."""
    steps: list[Step] = Field(min_length=1)
    """The steps, in reading order."""
