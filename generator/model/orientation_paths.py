"""The orientation paths: the one everyone follows, and one per role (everyone's steps and
the role's own, by day), each with the questions asked on it.

Site pages, printed editions and checks all go through `orientation_paths`, so a path is
worked out in one place: which steps it has in which order, under which key a reader's
browser remembers each step, and where each question is asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..schema import Edition
from ..schema.common import suggest_slug
from ..schema.orientation import Orientation, Reading, Role, RoleStep, Step
from ..schema.quiz import Question

EVERYONE = "orientation"
"""The id of the path everyone follows, in the sign-off link's `?path=` and in readers'
browsers; a role may not take it."""
BUDDY_GUIDE = "buddy-guide"
"""The name of each path's guide for the buddy, as a page and a printed section."""
RESERVED_ROLE_IDS = (EVERYONE, BUDDY_GUIDE)


@dataclass(frozen=True)
class PathStep:
    key: str
    """Under which name readers' browsers remember it as read, and its anchor."""
    step: Step
    questions: tuple[Question, ...]
    """The questions asked right after it."""
    for_everyone: bool = True
    """One of everyone's steps (not a role's own): on a role's page, search leaves it out,
    so a search finds it once, on everyone's path."""


@dataclass(frozen=True)
class OrientationPath:
    id: str
    """`orientation` for everyone's path, else the role's id."""
    role: Role | None
    title: str
    steps: tuple[PathStep, ...]
    closing: tuple[Question, ...]
    """The questions asked at its end."""

    @property
    def page(self) -> str:
        """Its page inside the docs folder."""
        return "orientation.md" if self.role is None else f"orientation/{self.id}.md"

    @property
    def buddy_page(self) -> str:
        """Its buddy guide's page inside the docs folder."""
        folder = "orientation" if self.role is None else f"orientation/{self.id}"
        return f"{folder}/{BUDDY_GUIDE}.md"

    @property
    def questions(self) -> list[Question]:
        """Every question asked on it, in the order it asks them."""
        return [question for step in self.steps for question in step.questions] + list(
            self.closing)

    @property
    def readings(self) -> list[Reading]:
        return [reading for step in self.steps for reading in step.step.read]

    def number(self, question: Question) -> int:
        """A question's number on this path, from 1."""
        return next(index for index, asked in enumerate(self.questions, 1) if asked is question)


def answer_letter(index: int) -> str:
    """How an answer is named in the question and on the answers page: A, B, C ..."""
    return "ABCDEFGH"[index]


def question_refs(words: Callable[..., str], path: OrientationPath,
                  questions: Sequence[Question]) -> str:
    """`question 3` or `questions 4, 5`, as the buddy guide points at them."""
    numbers = [str(path.number(question)) for question in questions]
    if len(numbers) == 1:
        return words("orientation.question ref", number=numbers[0])
    return words("orientation.questions ref", numbers=", ".join(numbers))


def step_key(step: Step) -> str:
    return step.id or suggest_slug(step.title) or "step"


def step_keys(steps: Iterable[Step]) -> list[str]:
    """A key for each step: its id, or one made from its title (`the-values-we-share`). So a
    reader's marks survive reordering the steps and adding new ones. Two steps with one
    title get `-2`, `-3` (two with one `id` are an error, see checks/orientation_rules.py)."""
    keys: list[str] = []
    for step in steps:
        key = base = step_key(step)
        number = 2
        while key in keys:
            key, number = f"{base}-{number}", number + 1
        keys.append(key)
    return keys


def orientation_paths(orientation: Orientation) -> list[OrientationPath]:
    """Everyone's path first, then each role's, in the order the roles are written."""
    every_step = [*orientation.steps, *orientation.role_steps]
    keyed = dict(zip((id(step) for step in every_step), step_keys(every_step), strict=True))
    by_id = {step.id: step for step in orientation.role_steps}

    def path(role: Role | None) -> OrientationPath:
        own = [by_id[step_id] for step_id in role.steps if step_id in by_id] if role else []
        # Everyone's steps and the role's fall in together by day, each in written order.
        steps = sorted([*orientation.steps, *own], key=lambda step: step.day)
        return OrientationPath(
            id=role.id if role else EVERYONE, role=role,
            title=role.title if role else orientation.title,
            steps=tuple(PathStep(keyed[id(step)], step, tuple(
                question for question in orientation.questions
                if question.after is not None and question.after == keyed[id(step)]),
                for_everyone=not isinstance(step, RoleStep))
                for step in steps),
            closing=tuple(question for question in orientation.questions
                          if question.after is None
                          and question.end_of in (None, role.id if role else None)),
        )

    return [path(None), *(path(role) for role in orientation.roles)]


def everyones_path(orientation: Orientation) -> OrientationPath:
    return orientation_paths(orientation)[0]


def path_of(orientation: Orientation, path_id: str | None) -> OrientationPath:
    """The path an edition prints (`Edition.path`), everyone's when it names none."""
    paths = {path.id: path for path in orientation_paths(orientation)}
    return paths.get(path_id or EVERYONE, paths[EVERYONE])


def role_editions(editions: list[Edition], orientation: Orientation) -> list[Edition]:
    """The editions as written, each followed by one per role when it prints everyone's
    orientation path (`orientation` then `orientation-support`, ...). A role's edition is
    the same choice of sections and stories, with the role's title and audience; an
    edition written with that id already is the role's own and is kept instead."""
    written = {edition.id for edition in editions}
    made: list[Edition] = []
    for edition in editions:
        made.append(edition)
        if edition.path is not None or not any(
                part.section == "orientation" for part in edition.sections):
            continue
        for role in orientation.roles:
            edition_id = f"{edition.id}-{role.id}"
            if edition_id not in written:
                made.append(edition.model_copy(update={
                    "id": edition_id, "title": role.title, "audience": role.audience,
                    "path": role.id}))
    return made
