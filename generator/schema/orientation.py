"""`data/orientation.yml`: the reading path a new hire follows in the first days."""

from __future__ import annotations

from pydantic import Field

from .common import DataModel, Id, IdRef, Line, Text
from .quiz import Question
from .readings import TARGET_KINDS, Reading

__all__ = ["TARGET_KINDS", "Orientation", "Reading", "Role", "RoleStep", "Step"]


class Step(DataModel):
    """One step of the path: something to read, and a question to think over after it."""

    id: Id | None = None
    """How questions (`after:`) name this step; by default it is made from the title
    (`The values we share` is `the-values-we-share`). Readers' browsers remember a step as
    read under this name, so it is best kept when the title changes."""
    title: Line
    """What this step is about (`Why we serve the way we do`)."""
    day: int = Field(ge=1, le=30)
    """The day of the first weeks this step belongs to (1 for the first day)."""
    read: list[Reading] = Field(min_length=1)
    """What to read, in order. Reading time is computed from it."""
    reflect: Text
    """A question to think about (or talk over with a buddy) after reading."""


class RoleStep(Step):
    """A step only some roles read: roles name it by its id."""

    id: Id
    """How roles (`steps:`) and questions (`after:`) name this step."""


class Role(DataModel):
    """A role with a path of its own: every step everyone reads, and the role's steps."""

    id: Id
    """Stable id: the role path's page is `orientation/<id>/`, its printed edition is
    `<orientation edition>-<id>.pdf`, and the sign-off link carries `?path=<id>`."""
    name: Line
    """The role as colleagues call it (`Workshop`), in the list of paths."""
    title: Line
    """The path's title (`Your first week in support`), on its page and its cover."""
    audience: Line
    """Who follows it (`Support and front-desk staff`), on the cover and in the list of paths."""
    introduction: Text | None = None
    """A paragraph for this role, shown after the welcome everyone gets."""
    steps: list[IdRef] = Field(min_length=1)
    """The ids of the `role_steps` this role reads besides everyone's steps. Each falls
    in with everyone's steps by its day."""


class Orientation(DataModel):
    title: Line
    """The path's title (`Your first week`)."""
    introduction: Text
    """A welcome paragraph for the new hire."""
    steps: list[Step] = Field(min_length=1)
    """The steps everyone reads, in reading order."""
    role_steps: list[RoleStep] = Field(default_factory=list)
    """Steps only some roles read, each with an `id` the roles name it by."""
    roles: list[Role] = Field(default_factory=list)
    """Roles with a path of their own (`support`, `sales`). Without roles, everyone
    follows the one path."""
    questions: list[Question] = Field(default_factory=list)
    """Self-check questions: after a step (`after:`), at the end of one role's path
    (`end_of:`), or else at the end of every path."""
