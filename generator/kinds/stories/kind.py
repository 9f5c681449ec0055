"""`data/stories/<id>.yml`: one recognition story per file; the id is the file name."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, PrivateAttr, model_validator

from ...schema.common import (
    RENAMED_FROM_HELP,
    DataModel,
    Id,
    IdRef,
    IsoDate,
    Line,
    Text,
    WebAddress,
    problem,
)
from ...schema.registry import DataFile, Declaration, EntryKind, Section
from .story_dates import StoryDateField

Status = Literal["draft", "published", "retired"]
STORY_QUESTIONS = {
    "situation": "What did the customer or colleague need, and what made it hard?",
    "action": "What did the people recognised do, step by step?",
    "outcome": "What came of it, for the customer and for us?",
    "tip": "What should a colleague who meets something like this know?",
}
"""The four parts of a story, and the question each answers: `handbook new story` leaves
the question in the file for a part not written yet, and a published story may not
hold one."""
RESERVED_STORY_IDS = frozenset({"index", "archive", "by-value"})
"""File names the site uses for its own story pages (the board and the archives)."""


def _not_reserved(story_id: str) -> str:
    # An old id becomes a redirect page at stories/<id>/, which must not replace the
    # board or the archives.
    if story_id in RESERVED_STORY_IDS:
        raise problem(f"'{story_id}' is the address of one of the site's own story pages",
                      "a story can never have had this id: remove it")
    return story_id


class Person(DataModel):
    """Someone recognised: a colleague by name (with their team), a whole team (a `team`
    and no name), or, in an anonymised story, someone shown by their `role`."""

    untranslated = ("name",)

    name: Line | None = None
    """The colleague's name as they want it shown; leave it out to credit a whole team,
    or in an anonymised story."""
    team: Line | None = None
    """Their team or place (`Customer service`, `North office`); alone, the team the story
    recognises."""
    consent: IsoDate | None = None
    """When they agreed to be named in the story (YYYY-MM-DD). A published story needs it
    for everyone it names, unless the story is anonymised."""
    consent_requested: IsoDate | None = None
    """When they were asked to agree (YYYY-MM-DD), while the answer is awaited: the
    curators' page and `handbook report` count the story as waiting on consent. Keep it
    once `consent` is given; it records when they were asked."""
    role: Line | None = None
    """How an anonymised story speaks of them (`a colleague at the front desk`)."""


class StorySource(DataModel):
    """Where a story comes from: a customer's letter, a review, an article."""

    text: Line
    """What it is (`A customer's letter, May 2019`, `A review on our website`)."""
    url: WebAddress | None = None
    """Where it can be read, if it can (`https://...`)."""


class Story(DataModel):
    template = "story.md.jinja"
    # `people` as readers see them (see `shown_person`): names and teams, or roles when the
    # story is anonymised; never consent dates. Who curated it and when to review it are
    # for curators only.
    reading_fields = ("title", "situation", "action", "outcome", "tip")
    # Not `published` or `featured`: when a story went up or whether it is pinned is no news
    # about what it says (its publication is the "published" line itself).
    reader_fields = ("title", "date", "people", "situation", "action", "outcome", "tip",
                     "source", "applies_to", "values", "behaviours")

    title: Line
    """A headline that says what happened (`A late order delivered by hand before closing`)."""
    date: StoryDateField
    """When it happened: YYYY-MM-DD, or YYYY-MM or YYYY when only the month or the year is
    known (shown as "June 2019" or "2019", never with an invented day)."""
    status: Status = "draft"
    """`draft` (not shown anywhere), `published`, or `retired` (taken down; its address then
    says so)."""
    published: IsoDate | None = None
    """When it was published (YYYY-MM-DD): the board, the monthly digest and the feed go by
    it. Required for a published story."""
    curated_by: Line | None = None
    """Who checked and published it (`Sam Taylor, people team`). Required for a
    published story."""
    review_by: IsoDate | None = None
    """When to look at it again (is it still right?); `handbook check` warns after that."""
    anonymised: bool = False
    """`true` to show the people by their `role` instead of their names, everywhere."""
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
    applies_to: list[IdRef] = Field(default_factory=list)
    """The groups (declared in organisation.yml) it applies to alone; everyone when empty."""
    source: StorySource | None = None
    """Where the story comes from, when it comes from somewhere readers can look (a letter,
    a review): `text`, and a `url` if there is one. Shown under the story."""
    values: list[IdRef] = Field(min_length=1)
    """Ids of the values the story shows (at least one)."""
    behaviours: list[IdRef] = Field(default_factory=list)
    """Ids of the expected behaviours the story shows."""
    renamed_from: list[Annotated[Id, AfterValidator(_not_reserved)]] = Field(
        default_factory=list, description=(
        "Earlier file names of this story (without .yml). " + RENAMED_FROM_HELP))

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The story's id: its file name without `.yml`; its page is `stories/<id>/`."""
        return str(self.private("_id"))

    @model_validator(mode="after")
    def _everyone_can_be_shown(self) -> Story:
        for person in self.people:
            if not self.anonymised and person.name is None and person.team is None:
                raise problem(
                    "someone recognised has neither a name nor a team",
                    "give `name:` (and `team:`), or `team:` alone to credit a whole team, or "
                    "anonymise the story (`anonymised: true`, and a `role` for each person)")
        return self

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    @property
    def consent_awaited(self) -> list[Person]:
        """The people asked to agree to be named who have not answered yet."""
        if self.anonymised:
            return []
        return [person for person in self.people
                if person.consent_requested is not None and person.consent is None]

    @property
    def shown_people(self) -> list[str]:
        """How the people recognised are named wherever the story is shown."""
        return [shown_person(person.name, person.team, person.role, anonymised=self.anonymised)
                for person in self.people]


def shown_person(name: object, team: object, role: object, *, anonymised: bool) -> str:
    """How one person recognised is named to readers: by role in an anonymised story, a
    team by its name."""
    if anonymised:
        return str(role) if role else "a colleague"
    if name and team:
        return f"{name} ({team})"
    return str(name or team or "a colleague")


STORIES_FOLDER = "stories"
STORY_FILES = DataFile(
    f"{STORIES_FOLDER}/*.yml", Story, "Stories", "One recognition story; its id is the file "
    "name.", "story.schema.json", (Person, StorySource), folder=STORIES_FOLDER, noun="story",
    reserved_ids=RESERVED_STORY_IDS)
STORY = EntryKind("story", Story, STORIES_FOLDER, None, "story", followed=True,
                  section="stories", page_folder=STORIES_FOLDER)
SECTION = Section("stories", "stories/index.md", None)
"""Its pages (the board, the archive, a page per story) are planned by site/story_pages.py."""

declaration = Declaration(files=(STORY_FILES,), kinds=(STORY,), sections=(SECTION,))
