"""`handbook new idea --from-issue`: an idea file that is valid from the start, never
overwriting one. Like a new story it is a draft, shown nowhere until a curator has acted on
it, written `changed:`, and published it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import HandbookError
from ..kinds import IDEAS_FOLDER
from ..kinds.ideas.kind import Idea
from ..kinds.stories.kind import Person
from ..schema.common import slug_problem, suggest_slug
from .draft_yaml import draft_text
from .scaffold import write_new_entry


@dataclass(frozen=True)
class IdeaDraft:
    title: str
    kind: str
    raised: str
    happened: date
    """When it was raised (the day the draft is written)."""
    people: list[Person] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    idea_id: str | None = None


def write_idea(data_dir: Path, draft: IdeaDraft) -> Path:
    """Write `data/ideas/<id>.yml`; refuses to replace a file that exists."""
    idea_id = draft.idea_id or suggest_slug(draft.title)
    wrong = slug_problem(idea_id) if idea_id else ("the title gives no id", "give one with --id")
    if wrong is not None:
        raise HandbookError(f"the idea was not written: {wrong[0]}; {wrong[1]}")
    return write_new_entry(data_dir, IDEAS_FOLDER, idea_id, render_idea_file(draft), Idea,
                           "idea")


IDEA_HEADER = """\
# An idea, issue or weakness a colleague raised. It stays a draft, shown nowhere, until it
# has been acted on: then write `changed:` (what we do differently now) and `changed_on:`,
# and publish it (`status: published`, `published`, `curated_by`). Anyone in `people` is
# named only after they agreed: add `consent: YYYY-MM-DD`, or keep their `team` alone.
"""


def render_idea_file(draft: IdeaDraft) -> str:
    fields: dict[str, Any] = {
        "title": draft.title, "kind": draft.kind, "date": draft.happened.isoformat(),
        "status": "draft"}
    if draft.people:
        fields["people"] = [{"name": person.name or "", "team": person.team or ""}
                            for person in draft.people]
    fields["raised"] = draft.raised.strip() + "\n"
    fields["values"] = list(draft.values)
    return draft_text(IDEA_HEADER, fields, display="the new idea")
