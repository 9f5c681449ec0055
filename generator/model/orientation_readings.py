"""Reading time for the orientation path, computed from the text it points at."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ..schema import Behaviour, Element, Reading, Story, Theme, Value
from ..sources.pages_source import count_words
from .handbook import Handbook

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
    return _words(handbook.find(kind, target))


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


def orientation_days(handbook: Handbook) -> list[dict[str, Any]]:
    """Steps grouped by day, each reading with its minutes, for the orientation page."""
    days: dict[int, list[dict[str, Any]]] = {}
    for step in handbook.orientation.steps:
        readings = [
            {"reading": r, "minutes": reading_minutes(words_of_reading(handbook, r))}
            for r in step.read
        ]
        days.setdefault(step.day, []).append({
            "step": step, "readings": readings,
            "minutes": sum(item["minutes"] for item in readings),
        })
    return [
        {"day": day, "steps": steps, "minutes": sum(s["minutes"] for s in steps)}
        for day, steps in sorted(days.items())
    ]


def reading_label(handbook: Handbook, reading: Reading) -> str:
    """How an orientation reading is named in lists: `Value: Respect`, a page's title."""
    kind, target = reading.kind, reading.target
    if kind == "page":
        return handbook.pages[target].title
    if kind == "section":
        return handbook.words(f"sections.{target}")
    entry = handbook.find(kind, target)
    name = getattr(entry, "name", None) or entry.title
    number = handbook.element_number(entry) if kind == "element" else None
    return handbook.words(f"readings.{kind}", name=name, number=number)
