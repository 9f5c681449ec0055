"""`data/foundation.yml`: the layers of the service culture and their elements."""

from __future__ import annotations

from pydantic import Field

from ...schema.common import RENAMED_FROM_HELP, DataModel, Id, IdRef, Line, Text
from ...schema.registry import DataFile, Declaration, EntryKind, Section


class Layer(DataModel):

    id: Id
    """Stable id (`foundation`, `building-blocks`, `support-frame`)."""
    name: Line
    """The layer's name (`Building blocks`)."""
    description: Text
    """What this layer of the culture holds up, in a sentence or two."""


class Element(DataModel):
    reading_fields = ("name", "idea", "practices")
    reader_fields = ("name", "layer", "idea", "practices", "values")

    id: Id
    """Stable id (`open-door`); the element's anchor on the foundation page."""
    name: Line
    """The element's name (`Open door for ideas`)."""
    layer: IdRef
    """Id of the layer this element belongs to."""
    idea: Text
    """The element's idea in a sentence or two."""
    practices: list[Text] = Field(min_length=1)
    """How the organisation puts the idea into practice."""
    values: list[IdRef] = Field(default_factory=list)
    """Ids of the values this element supports."""
    see_also: list[Line] = Field(default_factory=list)
    """Hand-written pages that say more, by their path inside `handbook/` (`policies.md`):
    linked from the entry on the site and in print."""
    renamed_from: list[Id] = Field(default_factory=list, description=RENAMED_FROM_HELP)


class FoundationFile(DataModel):
    layers: list[Layer] = Field(min_length=1)
    """The layers, from the ground up."""
    elements: list[Element] = Field(min_length=1)
    """The foundation elements, numbered in this order."""


FOUNDATION_FILE = DataFile(
    "foundation.yml", FoundationFile, "Foundation",
    "The layers of the service culture and their foundation elements.",
    "foundation.schema.json", (Layer, Element), ("layers", "elements"))
LAYER = EntryKind("layer", Layer, "foundation", "layers", "layer", ("layer",),
                  section="foundation", readable=False)
ELEMENT = EntryKind("element", Element, "foundation", "elements", "foundation element",
                    followed=True, section="foundation", within="layer")
SECTION = Section("foundation", "foundation.md", "foundation.md.jinja")

declaration = Declaration(files=(FOUNDATION_FILE,), kinds=(LAYER, ELEMENT),
                          sections=(SECTION,))
