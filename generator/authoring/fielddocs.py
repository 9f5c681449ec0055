"""The authoring guide's field tables, written from the models so they cannot drift.

README.md holds the output between `<!-- fields:start -->` and `<!-- fields:end -->`;
a test fails when the two differ. Regenerate with `python -m generator.authoring.fielddocs`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel

from ..kinds import BUILT_IN
from ..schema.common import OneOf
from ..schema.registry import Registry

START, END = "<!-- fields:start -->", "<!-- fields:end -->"

def sections(registry: Registry) -> list[tuple[str, str, list[type[BaseModel]]]]:
    """(heading, file, models described under it), in the order an editor meets them."""
    return [
        (data_file.heading, "data/" + data_file.name.replace("*", "<id>"),
         [data_file.model, *data_file.documented])
        for data_file in registry.files
    ]


def render_field_tables(registry: Registry = BUILT_IN) -> str:
    """The README's field reference: every file `registry` knows, field by field."""
    parts = []
    for heading, file, models in sections(registry):
        parts.append(f"#### {heading}: `{file}`\n")
        for model in models:
            if len(models) > 1:
                parts.append(f"*{_model_title(model, models[0])}*\n")
            parts.append("| field | type | required | meaning |\n| --- | --- | --- | --- |")
            for name, info in model.model_fields.items():
                default = None if info.default_factory is not None else info.default
                required = "yes" if info.is_required() else f"no{_default(default)}"
                parts.append(
                    f"| `{name}` | {_type_name(info.annotation)} | {required} | "
                    f"{' '.join((info.description or '').split()).replace('|', '/')} |"
                )
            parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def replace_block(readme: str, block: str) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    return pattern.sub(lambda _: f"{START}\n{block}{END}", readme)


def _model_title(model: type[BaseModel], file_model: type[BaseModel] | None = None) -> str:
    """`The file` for a file's own model, `Each role step` for one of its parts, unless the
    model says how it is documented (`documented_as`)."""
    said = getattr(model, "documented_as", None)
    if said:
        return str(said)
    if model is file_model:
        return "The file"
    return "Each " + re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()


def _default(default: Any) -> str:
    if default is None or callable(default) or default == []:
        return ""
    return f" (default `{str(default).lower() if isinstance(default, bool) else default}`)"


def _type_name(annotation: Any) -> str:
    origin, args = get_origin(annotation), [a for a in get_args(annotation) if a is not type(None)]
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} to {_type_name(args[1])}"
    if origin is not None and str(origin).endswith("Literal"):
        return " / ".join(f"`{a}`" for a in get_args(annotation))
    choices = next((a for a in get_args(annotation)[1:] if isinstance(a, OneOf)), None)
    if origin is Annotated and choices is not None:  # names known when the data is checked
        return " / ".join(f"`{name}`" for name in choices.names(BUILT_IN))
    if origin is not None and args:  # Optional / Annotated
        return _type_name(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_title(annotation).lower().replace("each ", "")
    names = {"str": "text", "bool": "true / false", "int": "number", "date": "date (YYYY-MM-DD)"}
    return names.get(getattr(annotation, "__name__", ""), str(annotation))


if __name__ == "__main__":
    readme = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    readme.write_text(replace_block(readme.read_text(encoding="utf-8"), render_field_tables()),
                      encoding="utf-8")
    print(f"updated the field tables in {readme}")
