"""The in-memory handbook: every entry, loaded and cross-checked, with its relations.

Built once per build; every output (site pages, PDF editions, reports) reads it and
none can change it: the dataclass is frozen, and it keeps its own copies of the lists it is
given. Relations (the stories of a value, the behaviours of a theme) are
worked out here once, so renderers stay simple loops.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from ..schema import (
    Behaviour,
    Edition,
    Element,
    Layer,
    Organisation,
    Orientation,
    Story,
    Theme,
    Value,
)
from ..schema.common import DataModel
from ..schema.kinds import KIND, STORY, EntryKind
from ..sources.pages_source import HandPage
from ..wording import Wording, wording

E = TypeVar("E")


@dataclass(frozen=True)
class Handbook:
    organisation: Organisation
    values: list[Value]
    layers: list[Layer]
    elements: list[Element]
    themes: list[Theme]
    behaviours: list[Behaviour]
    stories: list[Story]
    """Every story file, whatever its status, most recently published first."""
    orientation: Orientation
    pages: dict[str, HandPage]
    """Hand-written pages by their path inside the docs folder."""
    editions: list[Edition] = field(default_factory=list)
    """The printable editions declared in editions.yml (none when there is no such file)."""
    previous_edition: str | None = None
    """Git ref of the previous edition, as editions.yml names it."""

    value_by_id: dict[str, Value] = field(init=False)
    layer_by_id: dict[str, Layer] = field(init=False)
    element_by_id: dict[str, Element] = field(init=False)
    theme_by_id: dict[str, Theme] = field(init=False)
    behaviour_by_id: dict[str, Behaviour] = field(init=False)
    story_by_id: dict[str, Story] = field(init=False)
    published: list[Story] = field(init=False)
    """Published stories, newest first: the only stories any output shows."""
    stories_by_value: dict[str, list[Story]] = field(init=False)
    stories_by_behaviour: dict[str, list[Story]] = field(init=False)
    behaviours_by_value: dict[str, list[Behaviour]] = field(init=False)
    elements_by_value: dict[str, list[Element]] = field(init=False)
    elements_by_layer: dict[str, list[Element]] = field(init=False)
    behaviours_by_theme: dict[str, list[Behaviour]] = field(init=False)
    stories_by_month: dict[str, list[Story]] = field(init=False)
    """Published stories by the month they were published (`2026-11`)."""
    _element_numbers: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Frozen: the derived tables are set once, here, through object.__setattr__.
        def derive(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        # Newest published first: the board, the digests and the feed go by publishing date.
        # A sorted copy: the caller's list is theirs.
        derive("stories", sorted(self.stories, reverse=True,
                                 key=lambda s: (s.published or s.date, s.date, s.id)))
        derive("value_by_id", _by_id(self.values))
        derive("layer_by_id", _by_id(self.layers))
        derive("element_by_id", _by_id(self.elements))
        derive("theme_by_id", _by_id(self.themes))
        derive("behaviour_by_id", _by_id(self.behaviours))
        derive("story_by_id", {story.id: story for story in self.stories})
        published = [story for story in self.stories if story.is_published]
        derive("published", published)
        derive("stories_by_value", _group(published, lambda s: s.values))
        derive("stories_by_behaviour", _group(published, lambda s: s.behaviours))
        derive("behaviours_by_value", _group(self.behaviours, lambda b: b.values))
        derive("elements_by_value", _group(self.elements, lambda e: e.values))
        elements_by_layer = _group(self.elements, lambda e: [e.layer])
        derive("elements_by_layer", elements_by_layer)
        derive("behaviours_by_theme", _group(self.behaviours, lambda b: [b.theme]))
        derive("stories_by_month", _group(
            published, lambda s: [(s.published or s.date).strftime("%Y-%m")]))
        in_page_order = [e for layer in self.layers for e in elements_by_layer.get(layer.id, [])]
        derive("_element_numbers",
               {e.id: number for number, e in enumerate(in_page_order, 1)})

    def find(self, kind: str, entry_id: str) -> Any:
        """The entry of `kind` (`value`, `story`, ... as named in schema/kinds.py) with
        this id, or None."""
        table: dict[str, Any] = getattr(self, f"{KIND[kind].name}_by_id")
        return table.get(entry_id)

    def shown(self, kind: EntryKind[DataModel]) -> list[Any]:
        """The entries of `kind` that readers see: every one, but for stories the
        published ones only."""
        return self.published if kind is STORY else list(getattr(self, kind.list_name or ""))

    @cached_property
    def words(self) -> Wording:
        """What readers see that code puts together, in the handbook's language."""
        return wording(self.organisation.language)

    @property
    def featured(self) -> list[Story]:
        return [story for story in self.published if story.featured]

    def element_number(self, element: Element) -> int:
        """Elements are numbered 1..n as the foundation page shows them: layer by layer."""
        return self._element_numbers[element.id]


def _by_id(entries: list[E]) -> dict[str, E]:
    # Duplicates were reported while loading; the first entry with an id wins.
    result: dict[str, E] = {}
    for entry in entries:
        result.setdefault(entry.id, entry)  # type: ignore[attr-defined]
    return result


def _group(entries: list[E], keys_of: object) -> dict[str, list[E]]:
    groups: dict[str, list[E]] = defaultdict(list)
    for entry in entries:
        for key in keys_of(entry):  # type: ignore[operator]
            groups[key].append(entry)
    return dict(groups)
