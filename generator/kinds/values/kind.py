"""`data/values.yml`: the values the organisation's service rests on."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from ...schema.common import RENAMED_FROM_HELP, DataModel, Id, Line, Text, problem
from ...schema.icons import Icon
from ...schema.registry import DataFile, Declaration, EntryKind, Section


def _not_reserved(value_id: str) -> str:
    if value_id == "index":
        raise problem("'index' cannot be a value's id", "the values overview has that address")
    return value_id


class Principle(DataModel):
    """A named principle under a value (an operating principle, a guideline): its own
    heading on the value's page, with an anchor others can link to."""

    reading_fields = ("name", "text")

    id: Id
    """Stable id, unique within its value: the anchor on the value's page
    (`values/<value>/#<id>`)."""
    name: Line
    """Its name (`Speak up early`)."""
    text: Text
    """What it asks of people."""


class Value(DataModel):
    template = "value.md.jinja"
    reading_fields = ("name", "statement", "why", "in_practice", "principles")
    reader_fields = ("name", "statement", "why", "in_practice", "principles")

    id: Annotated[Id, AfterValidator(_not_reserved)]
    """Stable id (`respect`); the value's page is `values/<id>/`."""
    name: Line
    """The value's name as readers see it (`Respect`)."""
    icon: Icon | None = None
    """Optional mark shown beside the name on the site and in print: one emoji (`🤝`) or
    a Material icon name (`material/handshake`, or the shortcode `:material-handshake:`)."""
    statement: Text
    """One or two sentences: what the value means here."""
    why: Text
    """Why it matters to customers, to colleagues and to the business."""
    in_practice: list[Text] = Field(min_length=1)
    """What it looks like in practice: things a person does that show the value."""
    principles: list[Principle] = Field(default_factory=list)
    """Named principles under the value, each with an id, a name and a text; optional."""
    see_also: list[Line] = Field(default_factory=list)
    """Hand-written pages that say more, by their path inside `handbook/` (`policies.md`):
    linked from the entry on the site and in print."""
    renamed_from: list[Annotated[Id, AfterValidator(_not_reserved)]] = Field(
        default_factory=list, description=RENAMED_FROM_HELP)


class ValuesFile(DataModel):
    introduction: Text | None = None
    """A few words on the values as a set, shown before them (what an acronym they spell
    stands for, where they came from); optional."""
    values: list[Value] = Field(min_length=1)
    """The values, in the order the handbook presents them."""


VALUES_FILE = DataFile(
    "values.yml", ValuesFile, "Values", "The organisation's values.", "values.schema.json",
    (Value, Principle), ("values",))
VALUE = EntryKind("value", Value, "values", "values", "value", ("values",), followed=True,
                  section="values", page_folder="values", description_field="statement")
SECTION = Section("values", "values/index.md", "values_index.md.jinja")

declaration = Declaration(files=(VALUES_FILE,), kinds=(VALUE,), sections=(SECTION,))
