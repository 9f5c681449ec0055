"""Self-check questions of the orientation paths (`questions:` in `data/orientation.yml`).

A question has one right answer or several: with several, the reader is asked to choose
every one that applies, so no field says which kind it is and none can disagree with the
choices. Each names the reading that teaches its answer, which must be on every path the
question is asked on (checks/orientation_rules.py).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .common import DataModel, Id, IdRef, Line, Text, problem
from .readings import Reading


class Choice(DataModel):
    """One possible answer."""

    text: Line
    """The answer as the reader sees it."""
    right: bool = False
    """`true` for a right answer."""


class Question(DataModel):
    """A question a new hire answers to check their understanding."""

    id: Id
    """Stable id (`who-can-refund`)."""
    ask: Text
    """The question."""
    choices: list[Choice] = Field(min_length=2, max_length=8)
    """Two to eight answers to choose from; mark the right one (or ones) `right: true`."""
    explain: Text
    """Why the right answer is right: shown after answering, and on the answers page."""
    teaches: Reading
    """The entry that teaches the answer (`behaviour: never-hide-behind-rules`), linked
    from the explanation. It must be one the path reads."""
    after: IdRef | None = None
    """Ask it after this step (by the step's id), on every path that has the step."""
    end_of: IdRef | None = None
    """Ask it at the end of this role's path only (by the role's id)."""

    @model_validator(mode="after")
    def _one_place(self) -> Question:
        if self.after is not None and self.end_of is not None:
            raise problem("a question is asked either after a step or at the end of a path",
                          "keep `after:` or `end_of:`, not both")
        return self

    @property
    def right_choices(self) -> list[int]:
        """The positions of the right answers, from 0."""
        return [index for index, choice in enumerate(self.choices) if choice.right]

    @property
    def several(self) -> bool:
        """Whether more than one answer is right (choose every one that applies)."""
        return len(self.right_choices) > 1
