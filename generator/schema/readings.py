"""What an orientation step asks a new hire to read, and what a question says teaches its
answer: one page, section or entry of the handbook."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import model_validator

from .common import DataModel, IdRef, Line, OneOf, problem

if TYPE_CHECKING:  # the registry declares this module's models
    from .kinds import Registry


def readable_sections(registry: Registry) -> list[str]:
    """The sections a step can assign: every one but the orientation path itself."""
    return [section.name for section in registry.sections if section.name != "orientation"]


Section = Annotated[str, OneOf(readable_sections)]
TARGET_KINDS = ("page", "section", "value", "element", "theme", "behaviour", "story")


class Reading(DataModel):
    """One thing to read: exactly one of the fields below."""

    documented_as = "Each reading (exactly one field)"

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


