"""The registry of data kinds: which file holds which kind of entry, and what each is.

Every stage that needs to know about the kinds of entry reads them here: the loader (which
file, which list), the cross-checks (which field refers to which kind, which kinds can be
renamed), the changelog (which kinds it follows, how a sentence names one) and the
handbook's lookups. A new kind is declared here, beside its model; see the README's
"Adding a kind of data".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from .behaviours import Behaviour, BehavioursFile, Theme
from .common import DataModel
from .editions import EditionsFile
from .foundation import Element, FoundationFile, Layer
from .organisation import Organisation
from .orientation import Orientation
from .stories import Story
from .values import Value, ValuesFile

M = TypeVar("M", bound=DataModel, covariant=True)

YAML_SUFFIXES = (".yml", ".yaml")
STORIES_FOLDER = "stories"


@dataclass(frozen=True)
class SingleFile:
    """A data kind kept in one file, such as `values.yml`."""

    stem: str
    model: type[DataModel]
    lists: tuple[str, ...] = ()
    """Top-level lists of entries, each entry remembering where it was written."""
    required: bool = True


SINGLE_FILES = (
    SingleFile("organisation", Organisation),
    SingleFile("values", ValuesFile, ("values",)),
    SingleFile("foundation", FoundationFile, ("layers", "elements")),
    SingleFile("behaviours", BehavioursFile, ("themes", "behaviours")),
    SingleFile("orientation", Orientation),
    SingleFile("editions", EditionsFile, ("editions",), required=False),
)


@dataclass(frozen=True)
class EntryKind(Generic[M]):
    """One kind of entry with an id (a value, a story), as every stage sees it."""

    name: str
    """How code, snapshots and orientation readings name it: `element`."""
    model: type[M]
    file: str
    """The data file (stem) whose list holds the entries; for one-file-per-entry kinds, the
    folder of their files."""
    list_name: str | None
    """The top-level list of `file` that holds the entries; None: one entry per file."""
    noun: str
    """How an editor's message or a changelog sentence names one: `foundation element`."""
    referred_to_by: tuple[str, ...] = ()
    """Fields of other entries that hold ids of this kind (`values: [respect]`)."""
    followed: bool = False
    """Whether "What's changed" and the editions' changes follow it (it has `renamed_from`
    and `reader_fields`)."""


VALUE = EntryKind("value", Value, "values", "values", "value", ("values",), followed=True)
LAYER = EntryKind("layer", Layer, "foundation", "layers", "layer", ("layer",))
ELEMENT = EntryKind("element", Element, "foundation", "elements", "foundation element",
                    followed=True)
THEME = EntryKind("theme", Theme, "behaviours", "themes", "theme", ("theme",))
BEHAVIOUR = EntryKind("behaviour", Behaviour, "behaviours", "behaviours", "behaviour",
                      ("behaviours",), followed=True)
STORY = EntryKind("story", Story, STORIES_FOLDER, None, "story", followed=True)

ENTRY_KINDS: tuple[EntryKind[DataModel], ...] = (VALUE, LAYER, ELEMENT, THEME, BEHAVIOUR, STORY)
KIND: dict[str, EntryKind[DataModel]] = {kind.name: kind for kind in ENTRY_KINDS}
FOLLOWED: tuple[EntryKind[DataModel], ...] = tuple(k for k in ENTRY_KINDS if k.followed)
"""The kinds the changelog follows, in the order it lists them."""
LIST_KINDS: dict[str, EntryKind[DataModel]] = {
    kind.list_name: kind for kind in ENTRY_KINDS if kind.list_name}
"""Kinds kept in lists, by the list's name (`elements`)."""
