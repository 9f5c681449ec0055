"""Reading time for the orientation path, computed from the text it points at."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..kinds import STORY
from ..kinds.foundation.kind import Element
from ..schema import Reading, Step
from ..schema.common import DataModel
from ..schema.quiz import Question
from ..sources.pages_source import count_words
from .handbook import Handbook
from .orientation_paths import OrientationPath

WORDS_PER_MINUTE = 200
"""A careful first read of workplace text; faster skimming is not what orientation asks for."""


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def words_of_reading(handbook: Handbook, reading: Reading) -> int:
    kind, target = reading.kind, reading.target
    if kind == "page":
        return handbook.pages[target].words
    if kind == "section":
        return _section_words(handbook, target)
    entry = handbook.find_named(kind, target)
    # Reading an entry (a theme) means reading the entries listed within it (its behaviours).
    within = [member for inner in handbook.registry.kinds if inner.within
              and handbook.registry.targets[inner.within].name == kind
              for member in handbook.grouped(inner, inner.within).get(target, [])]
    # An edition for some groups leaves out what applies to others only: nothing to read.
    return sum(_words(item) for item in (entry, *within) if item is not None)


def _section_words(handbook: Handbook, section: str) -> int:
    if section == STORY.section:  # what the page opens with, not the whole archive
        entries: Sequence[DataModel] = handbook.featured or handbook.published[:3]
    else:
        entries = [entry for kind in handbook.registry.kinds_in(section)
                   for entry in handbook.shown(kind)]
    return sum(_words(entry) for entry in entries)


def _words(entry: DataModel) -> int:
    words: int = entry.worked_out("words", lambda: count_words(" ".join(entry.reading_texts())))
    return words


@dataclass(frozen=True)
class TimedReading:
    """One reading of a step, with the minutes it takes (none when read before)."""

    reading: Reading
    again: bool
    """The path came back to it: the reader knows it already, so it counts no minutes."""
    minutes: int


@dataclass(frozen=True)
class DayStep:
    """One step of a day, as its page and its printed chapter show it."""

    step: Step
    key: str
    readings: list[TimedReading]
    questions: tuple[Question, ...]
    for_everyone: bool
    minutes: int


@dataclass(frozen=True)
class Day:
    day: int
    steps: list[DayStep]
    minutes: int


def orientation_days(handbook: Handbook, path: OrientationPath) -> list[Day]:
    """A path's steps grouped by day, each reading with its minutes, for its page and its
    printed chapter."""
    days: dict[int, list[DayStep]] = {}
    read_before: set[tuple[str, str]] = set()
    for item in path.steps:
        readings = []
        for r in item.step.read:
            # A reading a path comes back to is counted once: the reader knows it already.
            again = (r.kind, r.target) in read_before
            read_before.add((r.kind, r.target))
            readings.append(TimedReading(r, again, 0 if again else
                                         reading_minutes(words_of_reading(handbook, r))))
        days.setdefault(item.step.day, []).append(DayStep(
            item.step, item.key, readings, item.questions, item.for_everyone,
            sum(entry.minutes for entry in readings)))
    return [Day(day, steps, sum(s.minutes for s in steps))
            for day, steps in sorted(days.items())]


def reading_label(handbook: Handbook, reading: Reading) -> str:
    """How an orientation reading is named in lists: `Value: Respect`, a page's title."""
    kind, target = reading.kind, reading.target
    if kind == "page":
        return handbook.pages[target].title
    if kind == "section":
        return handbook.section_title(target)
    entry = handbook.find_named(kind, target)
    name = handbook.registry.title_of(entry) if entry is not None else target
    number = handbook.element_number(entry) if isinstance(entry, Element) else None
    if not handbook.words.has(f"readings.{kind}"):  # a kind whose words say nothing of it
        return name
    return handbook.words(f"readings.{kind}", name=name, number=number)
