"""Checks of the orientation paths that span the file: what each step asks to read exists,
each role names steps that exist, and each question has a right answer, is asked somewhere
that exists, and links to an entry that its paths read.

Each problem points at the line where it is written (`roles[1].steps[0]`), so an editor
who mistypes a step's id is sent to the typo, not to the step.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem, Severity
from ..model.orientation_paths import (
    EVERYONE,
    RESERVED_ROLE_IDS,
    OrientationPath,
    orientation_paths,
    step_key,
)
from ..schema import Orientation, Reading
from ..schema.quiz import Question
from .references import LoadedData, check_reading
from .validation import suggestions


def check_orientation(data: LoadedData) -> list[Problem]:
    orientation = data.orientation
    if orientation is None:
        return []
    problems: list[Problem] = []
    for field, steps in (("steps", orientation.steps), ("role_steps", orientation.role_steps)):
        for step_index, step in enumerate(steps):
            for read_index, reading in enumerate(step.read):
                loc = (field, step_index, "read", read_index, reading.kind)
                problems += check_reading(data, orientation, loc, reading.kind, reading.target)
    problems += _step_ids(data, orientation)
    problems += _roles(data, orientation)
    problems += _role_editions(data, orientation)
    problems += _questions(data, orientation)
    problems += _guessable_answers(data, orientation)
    return problems


GUESSABLE_FROM = 4
"""Questions with one right answer, from which a pattern in its place is worth saying."""


def _guessable_answers(data: LoadedData, orientation: Orientation) -> Iterator[Problem]:
    """Advice when the right answer of every question sits in the same one or two places
    (always A or B): readers learn to answer by the place, not by what they read."""
    single = [question for question in orientation.questions
              if len(question.right_choices) == 1 and len(question.choices) >= 3]
    places = {question.right_choices[0] for question in single}
    if len(single) >= GUESSABLE_FROM and len(places) <= 2:
        letters = " or ".join("ABCDEFGH"[place] for place in sorted(places))
        yield data.problem(
            orientation, ("questions",),
            f"the right answer is {letters} in all {len(single)} questions with one right "
            "answer: readers learn to answer by its place rather than by what they read",
            "put the right answer in different places: C, D, A, B...",
            severity=Severity.ADVICE)


def _step_ids(data: LoadedData, orientation: Orientation) -> Iterator[Problem]:
    seen: set[str] = set()
    for field, steps in (("steps", orientation.steps), ("role_steps", orientation.role_steps)):
        for index, step in enumerate(steps):
            if step.id is not None and step.id in seen:
                yield data.problem(orientation, (field, index, "id"),
                                   f"two steps have the id '{step.id}'",
                                   "give each step an id of its own")
            seen.add(step_key(step))


def _roles(data: LoadedData, orientation: Orientation) -> Iterator[Problem]:
    everyones = {step_key(step) for step in orientation.steps}
    own = [step.id for step in orientation.role_steps]
    seen_roles: set[str] = set()
    for index, role in enumerate(orientation.roles):
        if role.id in RESERVED_ROLE_IDS:
            yield data.problem(orientation, ("roles", index, "id"),
                               f"'{role.id}' cannot be a role's id: the handbook uses it itself",
                               "pick another id, such as the role's name")
        elif role.id in seen_roles:
            yield data.problem(orientation, ("roles", index, "id"),
                               f"two roles have the id '{role.id}'", "give each role its own id")
        seen_roles.add(role.id)
        for step_index, step_id in enumerate(role.steps):
            loc = ("roles", index, "steps", step_index)
            if step_id in role.steps[:step_index]:
                yield data.problem(orientation, loc, f"'{step_id}' is in this role's steps twice",
                                   "name each step once")
            elif step_id in everyones and step_id not in own:
                yield data.problem(
                    orientation, loc, f"'{step_id}' is one of everyone's steps",
                    "everyone's steps are on every path already: name only `role_steps` here")
            elif step_id not in own:
                yield data.problem(orientation, loc, f"unknown step '{step_id}'",
                                   suggestions(step_id, own, label="the role_steps' ids"))
    named = {step_id for role in orientation.roles for step_id in role.steps}
    if _roles_naming_unknown_steps(orientation):
        return  # the unread step is most likely the one mistyped: its error says enough
    for index, step in enumerate(orientation.role_steps):
        if step.id not in named:
            yield data.problem(
                orientation, ("role_steps", index, "id"),
                f"no role reads the step '{step.id}'",
                "add its id to a role's `steps:`, or move it to everyone's `steps:`",
                Severity.WARNING)


def _roles_naming_unknown_steps(orientation: Orientation) -> set[str]:
    own = {step.id for step in orientation.role_steps}
    return {role.id for role in orientation.roles
            if any(step_id not in own for step_id in role.steps)}


def _role_editions(data: LoadedData, orientation: Orientation) -> Iterator[Problem]:
    """Each role gets an edition named `<edition>-<role>`: an edition written with that
    name for something else would silently take its place."""
    if data.editions is None:
        return
    editions = data.editions.editions
    written = {edition.id: edition for edition in editions}
    roles = [role.id for role in orientation.roles]
    for edition in editions:
        if edition.path is not None and edition.path not in roles:
            yield data.problem(edition, ("path",), f"unknown role '{edition.path}'",
                               suggestions(edition.path, roles, label="roles"),
                               follows_from=orientation.written_in.file)
        if edition.path is not None or not any(
                part.section == "orientation" for part in edition.sections):
            continue
        for index, role in enumerate(orientation.roles):
            other = written.get(f"{edition.id}-{role.id}")
            if other is not None and other.path != role.id:
                yield data.problem(
                    orientation, ("roles", index, "id"),
                    f"this role's printed path would be the edition '{other.id}', "
                    "but editions.yml has another edition with that id",
                    f"rename that edition, or give it `path: {role.id}` to make it this "
                    "role's edition")


def _questions(data: LoadedData, orientation: Orientation) -> Iterator[Problem]:
    paths = orientation_paths(orientation)  # worked out once, not once per question
    keys = [item.key for path in paths for item in path.steps]
    roles = [role.id for role in orientation.roles]
    # A role with a mistyped step lacks that step's readings: its own error says why.
    incomplete = _roles_naming_unknown_steps(orientation)
    seen: set[str] = set()
    for index, question in enumerate(orientation.questions):
        loc = ("questions", index)
        if question.id in seen:
            yield data.problem(orientation, (*loc, "id"), f"two questions have the id "
                               f"'{question.id}'", "give each question an id of its own")
        seen.add(question.id)
        yield from _answers(data, orientation, loc, question)
        if question.after is not None and question.after not in keys:
            yield data.problem(orientation, (*loc, "after"), f"unknown step '{question.after}'",
                               suggestions(question.after, sorted(set(keys)), label="steps"))
        if question.end_of is not None and question.end_of not in roles:
            hint = (suggestions(question.end_of, roles, label="roles") if roles else
                    "this file declares no roles: leave `end_of` out to ask it at the end "
                    "of the path")
            yield data.problem(orientation, (*loc, "end_of"),
                               f"unknown role '{question.end_of}'", hint)
        teaches = question.teaches
        broken = check_reading(data, orientation, (*loc, "teaches", teaches.kind),
                               teaches.kind, teaches.target)
        if broken:
            yield from broken
            continue
        for path in paths:
            if path.id not in incomplete and any(
                    asked is question for asked in path.questions) and not _reads(
                    data, path, teaches):
                yield data.problem(
                    orientation, (*loc, "teaches"),
                    f"'{teaches.kind}: {teaches.target}' is not read on "
                    f"{_path_name(path)}, where this question is asked",
                    "link to something a step of that path reads, or add it to a step")
                break


def _answers(data: LoadedData, orientation: Orientation, loc: tuple[str | int, ...],
             question: Question) -> Iterator[Problem]:
    right = question.right_choices
    if not right:
        yield data.problem(orientation, (*loc, "choices"), "no answer is marked right",
                           "add `right: true` to the right answer (or to each right one)")
    elif len(right) == len(question.choices):
        yield data.problem(orientation, (*loc, "choices"), "every answer is marked right",
                           "give at least one answer that is wrong, to choose against")
    texts = [choice.text.casefold() for choice in question.choices]
    for at, text in enumerate(texts):
        if text in texts[:at]:
            yield data.problem(orientation, (*loc, "choices", at, "text"),
                               "this answer is given twice", "make each answer different")


def _path_name(path: OrientationPath) -> str:
    return "everyone's path" if path.id == EVERYONE else f"the '{path.id}' path"


def _reads(data: LoadedData, path: OrientationPath, teaches: Reading) -> bool:
    """Whether a step of the path reads what a question says teaches it: the same page or
    entry, the whole section it is in, or the entry it is listed within (a behaviour's
    theme)."""
    kind, target = teaches.kind, teaches.target
    entry_kind = data.registry.kind.get(kind)
    within_id: str | None = None
    if entry_kind is not None and entry_kind.within and entry_kind.list_name:
        entry = next((entry for entry in data.entries.get(entry_kind.list_name, [])
                      if entry.id == target), None)
        within_id = getattr(entry, entry_kind.within, None)
    for reading in path.readings:
        if (reading.kind, reading.target) == (kind, target):
            return True
        if reading.kind == "section" and entry_kind and entry_kind.section == reading.target:
            return True
        if within_id is not None and entry_kind and entry_kind.within and (
                data.registry.targets[entry_kind.within].name == reading.kind
                and reading.target == within_id):
            return True
    return False
