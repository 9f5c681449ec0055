"""`handbook new story`: a story file that is valid from the start, never overwriting one.

The file is a draft: it passes `handbook check` straight away but is not shown anywhere
until a curator sets `status: published`. Comments in the file say what each part wants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..checks.validation import suggestions, validate_document
from ..errors import HandbookError, Problem, ProblemReport
from ..kinds import STORIES_FOLDER
from ..kinds.stories.kind import RESERVED_STORY_IDS, STORY_QUESTIONS, Person, Story
from ..loading.loader import story_files
from ..schema.common import DataModel, slug_problem, suggest_slug
from ..sources.yaml_source import read_yaml
from .draft_yaml import draft_text
from .editor_schemas import schema_comment


@dataclass(frozen=True)
class StoryDraft:
    title: str
    people: list[Person]
    values: list[str]
    happened: date
    """When it happened (the command's default is the editor's today)."""
    behaviours: list[str] = field(default_factory=list)
    story_id: str | None = None
    featured: bool = False
    texts: dict[str, str] = field(default_factory=dict)
    """Situation, action, outcome and tip as far as they are known; the rest are left as
    questions in the file for the author to answer."""


def parse_person(text: str) -> Person:
    """`"Sam Taylor, Customer service"` -> Person(name=..., team=...)."""
    name, _, team = text.partition(",")
    if not name.strip() or not team.strip():
        raise HandbookError(
            f"'{text}' is not 'Name, Team': give a name and a team separated by a comma, "
            "like \"Sam Taylor, Customer service\""
        )
    return Person(name=name.strip(), team=team.strip())


def write_story(data_dir: Path, draft: StoryDraft, *, known_values: list[str],
                known_behaviours: list[str]) -> Path:
    """Write `data/stories/<id>.yml`; refuses to replace a file that exists."""
    story_id = draft.story_id or suggest_slug(draft.title)
    _check_choices(draft, story_id, known_values, known_behaviours)
    return write_new_entry(data_dir, STORIES_FOLDER, story_id, render_story_file(draft), Story,
                           "story")


def write_new_entry(data_dir: Path, folder_name: str, entry_id: str, text: str,
                    model: type[DataModel], noun: str) -> Path:
    """Write `data/<folder_name>/<entry_id>.yml` (a new story or idea) with its schema line;
    refuses to replace a file, and removes one that does not load as `model`."""
    folder = data_dir / folder_name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{entry_id}.yml"
    # Ids are unique across sub-folders too (stories/2025/...), so all the files count.
    existing = [p for p in story_files(folder) if p.stem == entry_id]
    if existing:
        raise HandbookError(
            f"{existing[0].relative_to(data_dir.parent).as_posix()} already exists; "
            "choose another title or give --id to name the file"
        )
    with path.open("x", encoding="utf-8") as handle:  # "x": never replace a file
        handle.write(schema_comment(path, data_dir) + "\n" + text)
    check_written(path, model, noun)
    return path


QUESTIONS = STORY_QUESTIONS


STORY_HEADER = """\
# A recognition story. Write each part in plain text (a blank line starts a new paragraph).
# It stays a draft, shown nowhere, until a curator publishes it: `status: published`, the
# `published` date and `curated_by`, once everyone named has agreed (`consent`) or the
# story is anonymised. See handbook/contribute.md.
"""


def render_story_file(draft: StoryDraft) -> str:
    people: list[dict[str, Any]] = [
        {field: given for field, given in (("name", person.name), ("team", person.team))
         if given is not None}
        | ({"consent": person.consent.isoformat()} if person.consent else {})
        for person in draft.people]
    fields: dict[str, Any] = {
        "title": draft.title, "date": draft.happened.isoformat(), "status": "draft",
        "featured": draft.featured, "people": people,
        **{name: (draft.texts.get(name) or question).strip() + "\n"
           for name, question in QUESTIONS.items()},
        "values": list(draft.values), "behaviours": list(draft.behaviours),
    }
    return draft_text(STORY_HEADER, fields, display="the new story")


def _check_choices(
    draft: StoryDraft, story_id: str, known_values: list[str], known_behaviours: list[str]
) -> None:
    problems = []
    if not story_id:
        problems.append("the title gives no id; give one with --id, like --id late-order-delivered")
    elif (wrong := slug_problem(story_id)) is not None:
        problems.append(f"--id: {wrong[0]}; {wrong[1]}")
    elif story_id in RESERVED_STORY_IDS:
        problems.append(f"--id: '{story_id}' is the address of one of the site's own pages")
    if not draft.values:
        problems.append("give at least one value the story shows, like --value respect")
    for value in draft.values:
        if value not in known_values:
            problems.append(f"--value '{value}' is not a value: "
                            + suggestions(value, known_values, label="known values"))
    for behaviour in draft.behaviours:
        if behaviour not in known_behaviours:
            problems.append(f"--behaviour '{behaviour}' is not a behaviour: "
                            + suggestions(behaviour, known_behaviours, label="known behaviours"))
    if problems:
        raise HandbookError("the story was not written:\n  " + "\n  ".join(problems))


class DraftRefused(HandbookError):
    """A draft that does not load as its kind: removed, and `problems` say why, against the
    draft's file (which a draft from a form shows at the form's answers instead)."""

    def __init__(self, noun: str, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"the {noun} could not be written validly:\n"
                         + ProblemReport(problems).format())


def check_written(path: Path, model: type[DataModel] = Story, noun: str = "story") -> None:
    """The file must load as a `model`; if it does not, it is removed, not left half-right."""
    doc = read_yaml(path, path.name)
    written, problems = validate_document(doc, model)
    if written is None or doc.problems:
        path.unlink()
        raise DraftRefused(noun, [*doc.problems, *problems])
