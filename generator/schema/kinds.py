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
from .editions import Edition, EditionSection, EditionsFile, StoryChoice
from .foundation import Element, FoundationFile, Layer
from .organisation import Organisation
from .orientation import Orientation, Reading, Step
from .stories import Person, Story
from .values import Value, ValuesFile

M = TypeVar("M", bound=DataModel, covariant=True)

YAML_SUFFIXES = (".yml", ".yaml")
STORIES_FOLDER = "stories"


@dataclass(frozen=True)
class DataFile:
    """A file (or, for stories, a folder of files) of the data folder, as editors meet it."""

    name: str
    """As editors name it, inside the data folder: `values.yml`, `stories/*.yml`."""
    model: type[DataModel]
    heading: str
    """Its section in the README's field reference."""
    about: str
    """What it holds, in a sentence (its editor schema's description)."""
    schema: str
    """Its editor schema's file name, in data/schemas/."""
    documented: tuple[type[DataModel], ...] = ()
    """The models of its parts, described after the file's own fields in the reference."""
    lists: tuple[str, ...] = ()
    """Top-level lists of entries, each entry remembering where it was written."""
    required: bool = True

    @property
    def stem(self) -> str:
        """`values` for `values.yml`: which `.yml` or `.yaml` file the loader reads."""
        return self.name.removesuffix(".yml")


ORGANISATION_FILE = DataFile(
    "organisation.yml", Organisation, "Organisation", "Who the handbook belongs to and where "
    "it is published.", "organisation.schema.json")
VALUES_FILE = DataFile(
    "values.yml", ValuesFile, "Values", "The organisation's values.", "values.schema.json",
    (Value,), ("values",))
FOUNDATION_FILE = DataFile(
    "foundation.yml", FoundationFile, "Foundation",
    "The layers of the service culture and their foundation elements.",
    "foundation.schema.json", (Layer, Element), ("layers", "elements"))
BEHAVIOURS_FILE = DataFile(
    "behaviours.yml", BehavioursFile, "Behaviours",
    "The behaviour expected toward customers and coworkers.", "behaviours.schema.json",
    (Theme, Behaviour), ("themes", "behaviours"))
STORY_FILES = DataFile(
    f"{STORIES_FOLDER}/*.yml", Story, "Stories", "One recognition story; its id is the file "
    "name.", "story.schema.json", (Person,))
ORIENTATION_FILE = DataFile(
    "orientation.yml", Orientation, "Orientation path",
    "The reading path a new hire follows in the first days.", "orientation.schema.json",
    (Step, Reading))
EDITIONS_FILE = DataFile(
    "editions.yml", EditionsFile, "PDF editions", "The printable PDF editions.",
    "editions.schema.json", (Edition, EditionSection, StoryChoice), ("editions",),
    required=False)

DATA_FILES = (ORGANISATION_FILE, VALUES_FILE, FOUNDATION_FILE, BEHAVIOURS_FILE, STORY_FILES,
              ORIENTATION_FILE, EDITIONS_FILE)
"""Every file of the data folder, in the order an editor meets them."""
SINGLE_FILES = tuple(data_file for data_file in DATA_FILES if data_file is not STORY_FILES)
"""The files that each hold a whole kind (or several), read by the loader in this order."""



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
