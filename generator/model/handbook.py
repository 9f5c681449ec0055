"""The in-memory handbook: every entry, loaded and cross-checked, with its relations.

Built once per build; every output (site pages, PDF editions, reports) reads it and
none can change it: the dataclass is frozen, and it keeps its own copies of the lists it is
given. Relations (the stories of a value, the behaviours of a theme) are
worked out here once, so renderers stay simple loops.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar, cast

from ..kinds import BEHAVIOUR, BUILT_IN, ELEMENT, LAYER, STORY, THEME, VALUE
from ..kinds.behaviours.kind import DEFAULT_AUDIENCES, Audience, Behaviour, Theme
from ..kinds.foundation.kind import Element, Layer
from ..kinds.stories.kind import Story
from ..kinds.values.kind import Value
from ..schema import Edition, Organisation, Orientation
from ..schema.common import DataModel
from ..schema.registry import EntryKind, Registry
from ..sources.pages_source import HandPage
from ..sources.results_csv import Result
from ..wording import Wording

E = TypeVar("E")


class TranslationNotes(Protocol):
    """What a translated handbook knows about its own translation."""

    language: str
    source_language: str

    @property
    def source_name(self) -> str:
        """The source language's name as this language writes it (`inglês`)."""
        ...

    def state_of(self, entry: object) -> int:
        """0 for an entry (or page path) read in the handbook's language; 1 when part of it
        is not translated yet; 2 when part of it changed in the source since."""
        ...

M = TypeVar("M", bound=DataModel)


@dataclass(frozen=True)
class Handbook:
    organisation: Organisation
    entries: Mapping[str, list[DataModel]]
    """Every entry by the name of its kind (`value`), in the order of its file; stories (one
    file each, whatever their status) most recently published first."""
    orientation: Orientation
    pages: dict[str, HandPage]
    """Hand-written pages by their path inside the docs folder."""
    editions: list[Edition] = field(default_factory=list)
    """The printable editions declared in editions.yml (none when there is no such file)."""
    previous_edition: str | None = None
    """Git ref of the previous edition, as editions.yml names it."""
    files: Mapping[str, DataModel] = field(default_factory=dict)
    """Each data file by its stem (`values`), for what it says besides its lists."""
    results: Mapping[str, list[Result]] = field(default_factory=dict)
    """Each measure's figures (data/results/<id>.csv) by measure id, oldest period first."""
    registry: Registry = BUILT_IN
    """The kinds this build knows: the generator's, and any its mkdocs.yml adds."""
    translation: TranslationNotes | None = None
    """For a handbook translated into another of its languages, which of its entries and
    pages still read in the source language (generator/translation/); None otherwise."""

    _by_id: dict[str, dict[str, DataModel]] = field(init=False, repr=False)
    _groups: dict[tuple[str, str], dict[str, list[DataModel]]] = field(
        init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        # Frozen: the derived tables are set once, here, through object.__setattr__.
        # The entries are copied, so the caller's lists stay theirs. Newest published
        # first: the board, the digests and the feed go by publishing date.
        entries = {kind.name: list(self.entries.get(kind.name, ()))
                   for kind in self.registry.kinds}
        for kind in self.registry.lifecycle_kinds:  # stories, ideas
            entries[kind.name].sort(reverse=True, key=lambda e: (
                e.published or e.date, e.date, e.id))  # type: ignore[attr-defined]
        object.__setattr__(self, "entries", entries)
        object.__setattr__(self, "_by_id", {name: _by_id(listed)
                                            for name, listed in entries.items()})

    def of(self, kind: EntryKind[M]) -> list[M]:
        """Every entry of `kind`, shown or not."""
        return cast("list[M]", self.entries[kind.name])

    def shown(self, kind: EntryKind[M]) -> list[M]:
        """The entries of `kind` that readers see: every one, but for kinds that are
        drafted and published (stories, ideas) the published ones only."""
        if kind.name == STORY.name:
            return cast("list[M]", self.published)
        if kind in self.registry.lifecycle_kinds:
            return [entry for entry in self.of(kind)
                    if entry.is_published]  # type: ignore[attr-defined]
        return self.of(kind)

    def find(self, kind: EntryKind[M], entry_id: str) -> M | None:
        """The entry of `kind` with this id, or None."""
        return cast("M | None", self._by_id[kind.name].get(entry_id))

    def entry(self, kind: EntryKind[M], entry_id: str) -> M:
        """The entry of `kind` with an id the checks have confirmed (a story's value)."""
        found = self.find(kind, entry_id)
        if found is None:
            raise KeyError(f"no {kind.noun} '{entry_id}'")
        return found

    def grouped(self, kind: EntryKind[M], field_name: str) -> dict[str, list[M]]:
        """The shown entries of `kind` by each id their reference field `field_name` holds:
        `grouped(STORY, "values")` gives the published stories of each value."""
        key = (kind.name, field_name)
        if key not in self._groups:
            self._groups[key] = cast("dict[str, list[DataModel]]",
                                     _group(self.shown(kind), _ids_in(field_name)))
        return cast("dict[str, list[M]]", self._groups[key])

    # Templates name kinds as text (`handbook.find_named("behaviour", id)`): they have no
    # Python classes to name them by.
    def of_named(self, name: str) -> list[DataModel]:
        """Every entry of the kind called `name` (`measure`): for templates."""
        return self.of(self.registry.kind[name])

    def shown_named(self, name: str) -> list[DataModel]:
        """The shown entries of the kind called `name` (`idea`): for templates."""
        return self.shown(self.registry.kind[name])

    def find_named(self, name: str, entry_id: str) -> DataModel | None:
        """The entry of the kind called `name` with this id, or None: for templates."""
        return self.find(self.registry.kind[name], entry_id)

    def referrers(self, entry: DataModel) -> dict[str, list[DataModel]]:
        """What refers to `entry`, by kind name: for a value, the behaviours, elements and
        published stories that name it. Kinds nothing of which refers to it are left out."""
        kind = self.registry.kind_of(entry)
        found: dict[str, list[DataModel]] = {}
        for source in self.registry.kinds:
            for field_name in kind.referred_to_by if kind else ():
                if field_name in source.model.model_fields:
                    listed = self.grouped(source, field_name).get(
                        entry.id, [])  # type: ignore[attr-defined]
                    if listed:
                        found[source.name] = listed
        return found

    # The built-in kinds by name, for code and templates that read them.
    @property
    def values(self) -> list[Value]:
        return self.of(VALUE)

    @property
    def layers(self) -> list[Layer]:
        return self.of(LAYER)

    @property
    def elements(self) -> list[Element]:
        return self.of(ELEMENT)

    @property
    def themes(self) -> list[Theme]:
        return self.of(THEME)

    @property
    def behaviours(self) -> list[Behaviour]:
        return self.of(BEHAVIOUR)

    @property
    def stories(self) -> list[Story]:
        """Every story file, whatever its status, most recently published first."""
        return self.of(STORY)

    @cached_property
    def published(self) -> list[Story]:
        """Published stories, newest first: the only stories any output shows."""
        return [story for story in self.stories if story.is_published]

    @cached_property
    def featured(self) -> list[Story]:
        """Published stories marked featured, newest first (asked for by several pages)."""
        return [story for story in self.published if story.featured]

    @property
    def stories_by_value(self) -> dict[str, list[Story]]:
        return self.grouped(STORY, "values")

    @property
    def stories_by_behaviour(self) -> dict[str, list[Story]]:
        return self.grouped(STORY, "behaviours")

    @property
    def behaviours_by_value(self) -> dict[str, list[Behaviour]]:
        return self.grouped(BEHAVIOUR, "values")

    @property
    def elements_by_value(self) -> dict[str, list[Element]]:
        return self.grouped(ELEMENT, "values")

    @property
    def elements_by_layer(self) -> dict[str, list[Element]]:
        return self.grouped(ELEMENT, "layer")

    @property
    def behaviours_by_theme(self) -> dict[str, list[Behaviour]]:
        return self.grouped(BEHAVIOUR, "theme")

    @cached_property
    def stories_by_month(self) -> dict[str, list[Story]]:
        """Published stories by the month they were published (`2026-11`)."""
        return _group(self.published,
                      lambda s: [(s.published or s.date).strftime("%Y-%m")])

    @cached_property
    def words(self) -> Wording:
        """What readers see that code puts together, in the handbook's language."""
        language = self.organisation.language
        return self.registry.catalogue(language).overridden(self.organisation.wording)

    @property
    def values_introduction(self) -> str | None:
        """The few words values.yml says about the values as a set, if any."""
        return getattr(self.files.get("values"), "introduction", None)

    @property
    def audiences(self) -> list[Audience]:
        """Who behaviour is owed to, in the order behaviours.yml declares them."""
        return list(getattr(self.files.get("behaviours"), "audiences", DEFAULT_AUDIENCES))

    def audience_label(self, behaviour: Behaviour, *, in_sentence: bool = False) -> str:
        """`Customers and coworkers`: the names of who a behaviour is owed to; with
        `in_sentence`, as they read after a word ("Toward customers and coworkers")."""
        names = {audience.id: audience.name for audience in self.audiences}
        listed = list(dict.fromkeys(names.get(i, i) for i in behaviour.audience_ids))
        first = [_in_a_sentence(name) for name in listed[:1]] if in_sentence else listed[:1]
        return self.words.and_list(first + [_in_a_sentence(name) for name in listed[1:]])

    def audience_in_a_sentence(self, audience_id: str) -> str:
        """`guests`: an audience's name as it reads after a word ("For guests")."""
        names = {audience.id: audience.name for audience in self.audiences}
        return _in_a_sentence(names.get(audience_id, audience_id))

    @property
    def audiences_in_a_sentence(self) -> str:
        """`customers and coworkers`: everyone behaviour is owed to, as a sentence says it."""
        return self.words.and_list([_in_a_sentence(a.name) for a in self.audiences])

    @property
    def has_default_audiences(self) -> bool:
        """Whether behaviour is owed to customers and coworkers, as most handbooks have it:
        the generator's own sentences about the two then apply."""
        return [a.id for a in self.audiences] == [a.id for a in DEFAULT_AUDIENCES]

    def in_audience_order(self, behaviours: list[Behaviour]) -> list[Behaviour]:
        """Behaviours toward the first audience first, then those toward it and the next
        (customers, customers and coworkers, coworkers), keeping their order otherwise."""
        order = {audience.id: index for index, audience in enumerate(self.audiences)}
        return sorted(behaviours, key=lambda b: tuple(
            sorted(order.get(i, len(order)) for i in b.audience_ids)))

    def group_names(self, entry: DataModel) -> list[str]:
        """The names of the groups an entry applies to alone (none: it applies to all)."""
        names = {group.id: group.name for group in self.organisation.groups}
        return [names.get(group_id, group_id)
                for group_id in entry.applies_to]  # type: ignore[attr-defined]

    def for_groups(self, groups: list[str]) -> Handbook:
        """The handbook as one group sees it: the behaviours and stories that apply to
        everyone or to one of `groups` (an edition for one shop or team)."""
        wanted = set(groups)

        def applies(entry: Any) -> bool:
            return not entry.applies_to or bool(wanted & set(entry.applies_to))
        entries = {name: [entry for entry in listed
                          if "applies_to" not in type(entry).model_fields or applies(entry)]
                   for name, listed in self.entries.items()}
        return dataclasses.replace(self, entries=entries)

    def section_title(self, name: str) -> str:
        """A section's title (`Our values`): from the wording catalogue, or, for a section
        it has no words for, the registry's."""
        key = f"sections.{name}"
        if self.words.has(key):
            return self.words(key)
        section = self.registry.section.get(name)
        return (section.title if section else None) or name

    def element_number(self, element: Element) -> int:
        """Elements are numbered 1..n as the foundation page shows them: layer by layer."""
        return self._element_numbers[element.id]

    @cached_property
    def _element_numbers(self) -> dict[str, int]:
        in_page_order = [element for layer in self.layers
                         for element in self.elements_by_layer.get(layer.id, [])]
        return {element.id: number for number, element in enumerate(in_page_order, 1)}


def _in_a_sentence(name: str) -> str:
    """`Coworkers` as the second of a list (`Customers and coworkers`); `IT` stays."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def _ids_in(field_name: str) -> Any:
    """The ids a reference field holds, as a list whether it holds one or several."""
    def ids(entry: Any) -> list[str]:
        held = getattr(entry, field_name)
        return held if isinstance(held, list) else [] if held is None else [held]
    return ids


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
