"""Reading time for the orientation path, computed from the text it points at."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .handbook import Handbook
from .pages_source import count_words
from .schema import Behaviour, Element, Reading, Story, Theme, Value

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
    if kind == "theme":
        theme = handbook.theme_by_id[target]
        return _words(theme) + sum(_words(b) for b in handbook.behaviours_by_theme.get(target, []))
    entries: dict[str, dict[str, Any]] = {
        "value": handbook.value_by_id, "element": handbook.element_by_id,
        "behaviour": handbook.behaviour_by_id, "story": handbook.story_by_id,
    }
    return _words(entries[kind][target])


def _section_words(handbook: Handbook, section: str) -> int:
    sections: dict[str, list[Any]] = {
        "values": handbook.values,
        "foundation": [*handbook.layers, *handbook.elements],
        "behaviours": [*handbook.themes, *handbook.behaviours],
        "stories": handbook.featured or handbook.published[:3],
    }
    return sum(_words(entry) for entry in sections[section])


def _words(entry: object) -> int:
    return count_words(" ".join(_texts(entry)))


def _texts(entry: object) -> Iterable[str]:
    if isinstance(entry, Value):
        yield from (entry.name, entry.statement, entry.why, *entry.in_practice)
    elif isinstance(entry, Element):
        yield from (entry.name, entry.idea, *entry.practices)
    elif isinstance(entry, Behaviour):
        yield from (entry.name, entry.statement, entry.commitment or "", *entry.do, *entry.dont)
    elif isinstance(entry, Story):
        yield from (entry.title, entry.situation, entry.action, entry.outcome, entry.tip)
    elif isinstance(entry, Theme):
        yield from (entry.name, entry.description)
    else:
        yield from (getattr(entry, "name", ""), getattr(entry, "description", ""))
