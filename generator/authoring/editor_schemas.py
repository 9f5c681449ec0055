"""JSON Schemas for editors, written from the models, so VS Code (and any editor with the
YAML language server) checks and completes data files while they are typed.

Each data file names its schema on its first line:

    # yaml-language-server: $schema=schemas/values.schema.json

The schemas are generated (`handbook schema`), committed under `data/schemas/`, and a
test fails when they differ from the models. They say what the models say, in the terms a
YAML 1.2 reader sees: text is a string (so `1.10` is not), true/false are booleans (so
`yes` is not), dates are `YYYY-MM-DD` strings, and unknown fields are not allowed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from ..kinds import BUILT_IN
from ..schema.common import DEVICE_NAMES, ONE_OF_KEY, SLUG_PATTERN
from ..schema.editions import StoryPick, section_names
from ..schema.readings import readable_sections
from ..schema.registry import Registry
from ..sources.safe_files import text_inside

SCHEMA_FOLDER = "schemas"
"""Inside the data folder."""
DIALECT = "https://json-schema.org/draft/2020-12/schema"



def render_schemas(registry: Registry = BUILT_IN) -> dict[str, str]:
    """Schema file name -> its JSON text, for every file `registry` (the build's) knows."""
    return {
        schema_file: json.dumps(_schema(model, schema_file, about, registry), indent=2) + "\n"
        for schema_file, model, about in _schemas(registry).values()
    }


def write_schemas(data_dir: Path, registry: Registry = BUILT_IN) -> list[Path]:
    folder = data_dir / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas(registry).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_schemas(data_dir: Path, registry: Registry = BUILT_IN) -> list[str]:
    """Schema files that are missing or differ from what the models say."""
    folder = data_dir / SCHEMA_FOLDER
    return [name for name, text in render_schemas(registry).items()
            if text_inside(folder / name, data_dir) != text]


def schema_comment(data_file: Path, data_dir: Path, registry: Registry = BUILT_IN) -> str:
    """The first line a data file needs for editors to find its schema."""
    relative = data_file.relative_to(data_dir)
    folders = {kind.folder: kind.name for kind in registry.folders}
    key = folders.get(relative.parts[0], relative.name) if len(relative.parts) > 1 else (
        relative.name)
    schema_file = _schemas(registry)[key][0]
    up = "../" * (len(relative.parts) - 1)
    return f"# yaml-language-server: $schema={up}{SCHEMA_FOLDER}/{schema_file}"


def _schemas(registry: Registry) -> dict[str, tuple[str, type[BaseModel], str]]:
    """Data file (as editors name it) -> (schema file, model, what the file holds)."""
    return {data_file.name: (data_file.schema, data_file.model, data_file.about)
            for data_file in registry.files}


def _schema(model: type[BaseModel], schema_file: str, about: str,
            registry: Registry) -> dict[str, Any]:
    generated = _with_names(model.model_json_schema(), registry)
    for definition in [generated, *generated.get("$defs", {}).values()]:
        for name, field in definition.get("properties", {}).items():
            _tighten(name, field)
    definitions = generated.get("$defs", {})
    if "EditionSection" in definitions:  # `- values` as well as `- page: welcome.md`
        definitions["EditionSection"] = {"anyOf": [
            {"type": "string", "enum": section_names(registry)},
            definitions["EditionSection"]]}
    if "Reading" in definitions:  # a kind the handbook adds is read by its own key
        definitions["Reading"]["properties"].update({
            kind.name: {"anyOf": [{"type": "string", "pattern": SLUG_PATTERN}, {"type": "null"}],
                        "default": None, "description": f"One {kind.noun}, by id."}
            for kind in registry.kinds if kind not in BUILT_IN.kinds})
    if "StoryChoice" in definitions:  # `stories: featured` as well as `stories: {values: ...}`
        definitions["StoryChoice"] = {"anyOf": [
            {"type": "string", "enum": list(get_args(StoryPick))}, definitions["StoryChoice"]]}
    return {"$schema": DIALECT, "$id": schema_file, "title": generated.pop("title"),
            "description": about, **generated}


ONE_OF_NAMES: dict[str, Callable[[Registry], Sequence[str]]] = {
    function.__name__: function for function in (section_names, readable_sections)}
"""The functions a model's OneOf names (see schema/common.py), by name."""


def _with_names(schema: Any, registry: Registry) -> Any:
    """The schema with each OneOf's names (`x-one-of`) listed as an enum, from `registry`."""
    if isinstance(schema, list):
        return [_with_names(item, registry) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if ONE_OF_KEY in schema:
        names = ONE_OF_NAMES[schema[ONE_OF_KEY]](registry)
        return {"enum": list(names),
                **{key: value for key, value in schema.items() if key != ONE_OF_KEY}}
    return {key: _with_names(value, registry) for key, value in schema.items()}


def _tighten(name: str, field: dict[str, Any]) -> None:
    """Rules the models check in code, said in JSON Schema terms where it can say them."""
    for variant in [field, *field.get("anyOf", []), field.get("items", {})]:
        if variant.get("type") != "string":
            continue
        if variant.get("pattern") == SLUG_PATTERN and name == "id":
            variant["not"] = {"enum": list(DEVICE_NAMES)}
        elif variant.get("format") == "date":
            variant["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
        elif variant.get("minLength") == 1 and "pattern" not in variant:
            variant["pattern"] = r"\S"  # blank text is empty text
