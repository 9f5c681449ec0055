"""`data/ideas/<id>.yml`: one idea, issue or weakness a colleague raised and the handbook
acted on; the id is the file name. Ideas go through the stories' lifecycle (draft,
published, retired) and their rules: a curator, consent before anyone is named, no
customer's contact details."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, PrivateAttr, model_validator

from ...schema.common import DataModel, IdRef, IsoDate, Line, Text, problem
from ...schema.registry import DataFile, Declaration, EntryKind, Section
from ..stories.kind import Person, Status, shown_person
from ..stories.story_dates import StoryDateField

IdeaKind = Literal["idea", "issue", "weakness"]


class Idea(DataModel):
    # Read on the "Ideas we acted on" page; who raised it is shown by name only with their
    # consent (or as their team), like the people of a story.
    reading_fields = ("title", "raised", "changed")
    needed_to_publish: ClassVar[dict[str, str]] = {
        "changed": "what we do differently because of it"}

    title: Line
    """What was raised, in a line (`A quiet hour on the support line`)."""
    kind: IdeaKind = "idea"
    """`idea` (something to try), `issue` (something going wrong) or `weakness` (something
    we do less well than we should)."""
    date: StoryDateField
    """When it was raised: YYYY-MM-DD, or YYYY-MM or YYYY."""
    status: Status = "draft"
    """`draft` (not shown anywhere), `published` (on the ideas page), or `retired` (taken
    down)."""
    published: IsoDate | None = None
    """When it went on the ideas page (YYYY-MM-DD). Required for a published idea."""
    curated_by: Line | None = None
    """Who checked and published it. Required for a published idea."""
    review_by: IsoDate | None = None
    """When to look at it again; `handbook check` advises after that."""
    people: list[Person] = Field(default_factory=list)
    """Who raised it, to thank them: a name with `consent`, or a `team` alone. Leave it out
    when they would rather not be named."""
    raised: Text
    """What they raised: the idea, or what was going wrong and why it mattered."""
    changed: Text | None = None
    """What changed because of it: what we do differently now. Required for a published
    idea: the ideas page shows what was acted on."""
    changed_on: StoryDateField | None = None
    """When the change was made (YYYY-MM-DD, YYYY-MM or YYYY)."""
    values: list[IdRef] = Field(default_factory=list)
    """Ids of the values the change serves."""

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The idea's id: its file name without `.yml`; its anchor on the ideas page."""
        return str(self.private("_id"))

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    @property
    def anonymised(self) -> bool:
        return False  # someone who would rather not be named is simply left out

    @property
    def shown_people(self) -> list[str]:
        return [shown_person(person.name, person.team, None, anonymised=False)
                for person in self.people]

    @model_validator(mode="after")
    def _everyone_can_be_shown(self) -> Idea:
        for person in self.people:
            if person.name is None and person.team is None:
                raise problem("someone who raised it has neither a name nor a team",
                              "give `name:` (and `team:`), or `team:` alone, or leave them "
                              "out of `people`")
            if person.role is not None:
                raise problem("an idea names people by name or team, not by `role`",
                              "remove `role:`; leave the person out to keep them unnamed")
        if self.changed_on is not None and self.changed_on < self.date:
            raise problem(f"the change ({self.changed_on.isoformat()}) is dated before the "
                          f"idea was raised ({self.date.isoformat()})", "check both dates")
        return self


IDEAS_FOLDER = "ideas"
IDEA_FILES = DataFile(
    f"{IDEAS_FOLDER}/*.yml", Idea, "Ideas", "One idea, issue or weakness a colleague raised, "
    "and what changed because of it; its id is the file name.", "idea.schema.json",
    required=False, folder=IDEAS_FOLDER, noun="idea")
IDEA = EntryKind("idea", Idea, IDEAS_FOLDER, None, "idea", section="ideas",
                 description_field="idea", readable=False)
SECTION = Section("ideas", "ideas.md", "ideas.md.jinja", optional=True)

declaration = Declaration(files=(IDEA_FILES,), kinds=(IDEA,), sections=(SECTION,))
