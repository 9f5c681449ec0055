"""`data/values.yml`: the values the organisation's service rests on."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from .common import RENAMED_FROM_HELP, DataModel, Id, Line, Text, problem


def _not_reserved(value_id: str) -> str:
    if value_id == "index":
        raise problem("'index' cannot be a value's id", "the values overview has that address")
    return value_id


class Value(DataModel):
    template = "value.md.jinja"
    reading_fields = ("name", "statement", "why", "in_practice")
    reader_fields = ("name", "statement", "why", "in_practice")

    id: Annotated[Id, AfterValidator(_not_reserved)]
    """Stable id (`respect`); the value's page is `values/<id>/`."""
    name: Line
    """The value's name as readers see it (`Respect`)."""
    statement: Text
    """One or two sentences: what the value means here."""
    why: Text
    """Why it matters to customers, to colleagues and to the business."""
    in_practice: list[Text] = Field(min_length=1)
    """What it looks like in practice: things a person does that show the value."""
    renamed_from: list[Annotated[Id, AfterValidator(_not_reserved)]] = Field(
        default_factory=list, description=RENAMED_FROM_HELP)


class ValuesFile(DataModel):
    values: list[Value] = Field(min_length=1)
    """The values, in the order the handbook presents them."""
