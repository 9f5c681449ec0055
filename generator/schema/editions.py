"""`data/editions.yml`: the printable PDF editions, each a choice of sections and stories."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from .common import DataModel, Id, IdRef, Line, OneOf, Text, problem

if TYPE_CHECKING:  # the registry declares this module's models
    from .registry import Registry

EDITION_ONLY_SECTIONS = ("changes", "acknowledgement", "buddy-guide", "answers")
"""Sections that only a printed edition has: what changed since the last one, and at the
end, the page the reader signs, the orientation path's guide for the buddy and the answers
to its questions."""


def section_names(registry: Registry) -> list[str]:
    """What an edition's `section:` can name: the registry's sections, and the print-only
    ones (the changes first, the page to sign last)."""
    return [EDITION_ONLY_SECTIONS[0], *(section.name for section in registry.sections),
            *EDITION_ONLY_SECTIONS[1:]]


SectionName = Annotated[str, OneOf(section_names)]
StoryPick = Literal["all", "featured", "none"]


def _name_to_mapping(key: str) -> Any:
    """Let editors write `- values` as well as `- section: values` (or `stories: featured`)."""
    return lambda value: {key: value} if isinstance(value, str) else value


class EditionSection(DataModel):
    """One part of an edition: a generated section or a hand-written page."""

    documented_as = "Each section (a name, or one field)"


    section: SectionName | None = None
    """A generated section: `changes`, `values`, `foundation`, `behaviours`, `measures`,
    `stories`, `orientation`, `acknowledgement` (a page the reader signs), `buddy-guide`
    or `answers` (the path's questions answered)."""
    page: Line | None = None
    """A hand-written page, by its path inside `handbook/` (`leadership.md`)."""

    @model_validator(mode="after")
    def _exactly_one(self) -> EditionSection:
        if (self.section is None) == (self.page is None):
            raise problem(
                "a section names either a generated section or a page",
                "write `- values` or `- page: leadership.md`",
            )
        return self


class StoryChoice(DataModel):
    """Which published stories an edition prints."""

    documented_as = "Stories (`all`, `featured`, `none`, or these fields)"

    pick: StoryPick = "all"
    """`all`, `featured` (pinned ones only) or `none`."""
    values: list[IdRef] = Field(default_factory=list)
    """Only stories that show one of these values (by id)."""
    latest: int | None = Field(default=None, ge=1)
    """Only the most recently published this many of them: a large handbook's complete
    edition stays a document a person can hold (`latest: 100`)."""
    ids: list[IdRef] = Field(default_factory=list)
    """Exactly these stories (by id), in this order; overrides `pick`, `values` and
    `latest`."""


class Edition(DataModel):

    id: Id
    """Stable id; the file is `<id>.pdf`."""
    title: Line
    """The edition's title on the cover (`The complete handbook`)."""
    audience: Line
    """Who it is for (`Everyone`, `New colleagues`), shown on the cover and the site."""
    description: Text | None = None
    """A sentence for the site's list of editions: what is in it and when to use it."""
    sections: list[Annotated[EditionSection, BeforeValidator(_name_to_mapping("section"))]] = (
        Field(min_length=1))
    """The sections in print order: names of generated sections, or `page: <file>`."""
    applies_to: list[IdRef] = Field(default_factory=list)
    """Print only what applies to everyone and to these groups (organisation.yml's
    `groups`): an edition for one shop or team. Everything when empty."""
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")]] = Field(
        default_factory=list)
    """For a handbook read in several languages (organisation.yml's `languages`): the ones
    this edition is printed in (`[pt-PT]`); every one when not given."""
    stories: Annotated[StoryChoice, BeforeValidator(_name_to_mapping("pick"))] = Field(
        default_factory=StoryChoice)
    """Which stories the `stories` section prints: `all`, `featured`, `none`, or a mapping
    with `values:` or `ids:`."""
    path: IdRef | None = None
    """The role (orientation.yml's `roles`) whose path the `orientation` section prints;
    everyone's path when not given. Each role gets an edition of its own, made from every
    edition that prints the path (`orientation-support`): set this only to write one
    yourself, with the id it would get."""


class EditionsFile(DataModel):
    previous: Annotated[str, Field(pattern=r"^[A-Za-z0-9][^\s]*$", max_length=200)] | None = None
    """Git tag or commit of the previous edition, for "Changes in this edition"; by default
    the newest tag before the commit being built."""
    editions: list[Edition] = Field(min_length=1)
    """The editions, in the order the site lists them."""
