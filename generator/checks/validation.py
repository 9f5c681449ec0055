"""Checking one file's values against its model, and saying what is wrong in plain words.

pydantic reports `string_type at ('values', 2, 'why')`; an editor needs
`data/values.yml:31:10: values[respect].why: expected text, got the number 1.1` and a
way out (`put it in quotes: "1.10"`). This module does that translation.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..schema.common import describe_value
from ..schema.registry import Registry
from ..sources.yaml_source import YamlDocument

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


def validate_document(
    doc: YamlDocument, model: type[M], data: Any = None, *, registry: Registry | None = None,
) -> tuple[M | None, list[Problem]]:
    """Validate `data` (default: the whole document) as `model`; problems instead of
    raising. `registry` (the build's kinds) tells which sections there are."""
    data = doc.data if data is None else data
    try:
        return model.model_validate(
            data, context={"registry": registry} if registry else None), []
    except ValidationError as error:
        return None, [
            _problem(doc, model, data, detail) for detail in error.errors()
        ]


def field_path(data: Any, loc: Sequence[str | int]) -> str:
    """`values[respect].in_practice[2]`: list entries by their id where they have one."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            entry_id = node[step].get("id") if _indexable(node, step) and isinstance(
                node[step], dict) else None
            label = entry_id if isinstance(entry_id, str) and entry_id else str(step + 1)
            parts.append(f"[{label}]")
        else:
            parts.append(("." if parts else "") + step)
        node = _child(node, step)
    return "".join(parts)


def suggestions(wrong: str, known: Sequence[str], *, label: str) -> str:
    """`did you mean 'respect'? Known values: respect, growth, ...` for an unknown name.

    `label` introduces the list: "known values", "fields here", "choose one of".
    """
    known = list(dict.fromkeys(known))  # keep order, drop repeats
    if not known:
        return f"there are none yet ({label}: none)"
    close = difflib.get_close_matches(wrong, known, n=1, cutoff=0.6)
    listed = ", ".join(known[:12]) + (f" and {len(known) - 12} more" if len(known) > 12 else "")
    if close:
        return f"did you mean '{close[0]}'? {label[0].upper()}{label[1:]}: {listed}"
    return f"{label}: {listed}"


def _problem(doc: YamlDocument, model: type[BaseModel], data: Any, detail: Any) -> Problem:
    loc: Loc = tuple(detail["loc"])
    message, hint, at_key = _explain(doc, model, loc, detail)
    # Missing fields have no node of their own: point at the mapping that lacks them.
    target = loc[:-1] if detail["type"] == "missing" else loc
    return doc.problem(target, field_path(data, loc), message, hint, key=at_key)


def _explain(
    doc: YamlDocument, model: type[BaseModel], loc: Loc, detail: Any
) -> tuple[str, str, bool]:
    kind, given = detail["type"], detail.get("input")
    name = str(loc[-1]) if loc else "the file"
    if kind == "handbook":
        return detail["ctx"]["message"], detail["ctx"].get("hint", ""), False
    if kind == "missing":
        description = _field_description(model, loc)
        return (
            f"the field '{name}' is missing",
            f"add `{name}:`" + (f" ({description})" if description else ""),
            False,
        )
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        return (
            f"unknown field '{name}'",
            suggestions(name, allowed, label="fields here"),
            True,
        )
    if kind == "string_type":
        return f"expected text, got {describe_value(given)}", _quote_hint(doc, loc, given), False
    if kind == "bool_type":
        hint = "write true or false"
        if isinstance(given, str) and given.lower() in {"yes", "no", "on", "off", "y", "n"}:
            hint += (
                f"; only old YAML readers take '{given}' for true or false, while editors "
                "and checkers read it as text"
            )
        return f"expected true or false, got {describe_value(given)}", hint, False
    if kind in {"int_type", "int_from_float", "int_parsing"}:
        return (
            f"expected a whole number, got {describe_value(given)}", "write a number like 3", False
        )
    if kind == "list_type":
        return (
            f"expected a list, got {describe_value(given)}",
            f"write each entry on its own line under `{name}:`, starting with '- '",
            False,
        )
    if kind in {"model_type", "dict_type", "model_attributes_type"} and not loc:
        required = [n for n, info in model.model_fields.items() if info.is_required()]
        return (
            f"expected `name: value` lines at the top of the file, got {describe_value(given)}",
            "it needs at least: " + ", ".join(required),
            False,
        )
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return (
            f"expected a mapping of fields (name: value), got {describe_value(given)}",
            "write the fields as `name: value` lines, indented under this entry",
            False,
        )
    if kind == "string_too_short":
        return "is empty", "write some text, or remove the field if it is optional", False
    if kind == "string_too_long" or (kind == "too_long" and isinstance(given, str)):
        most = detail.get("ctx", {}).get("max_length")
        return (f"is {len(given):,} characters long; it may have at most {most:,}",
                "shorten it" + ("; long text belongs in a hand-written page" if most > 1000
                                else ""), False)
    if kind == "too_short":
        least = detail.get("ctx", {}).get("min_length", 1)
        entries = "an entry" if least == 1 else f"{least} entries"
        return f"needs at least {entries}", f"add {entries} under `{name}:`", False
    if kind in {"literal_error", "unknown_choice"}:
        options = (detail["ctx"]["choices"] if kind == "unknown_choice"
                   else _literal_options(model, loc))
        return (
            f"{describe_value(given)} is not allowed here",
            suggestions(str(given), options, label="choose one of"),
            False,
        )
    if kind in {"greater_than_equal", "less_than_equal"}:
        limit = detail.get("ctx", {})
        return f"{describe_value(given)} is out of range", f"use a number {_range(limit)}", False
    if kind == "string_pattern_mismatch":
        return (
            f"{describe_value(given)} does not have the expected form",
            _field_description(model, loc), False,
        )
    return detail["msg"], "", False


def _quote_hint(doc: YamlDocument, loc: Loc, given: Any) -> str:
    written = doc.source_text(loc)
    if isinstance(given, (bool, int, float)) and written is not None:
        return (
            f"YAML reads {written} as {describe_value(given)}; "
            f"put it in quotes to keep it as text: \"{written}\""
        )
    if isinstance(given, list):
        return "write one piece of text here, not a list"
    if isinstance(given, dict):
        return "write one piece of text here; if it contains ': ', put it in quotes"
    if given is None:
        comment = _comment_after_key(doc, loc)
        if comment is not None:
            # `primary: #0b4f6c`: a `#` after a space starts a comment, so YAML sees nothing.
            return (f"YAML reads everything from ' #' on as a comment, so the field is empty: "
                    f"put the value in quotes ({loc[-1]}: \"{comment}\")")
        return "write the text after the colon, or remove the field if it is optional"
    return ""


def _comment_after_key(doc: YamlDocument, loc: Loc) -> str | None:
    """The comment written where the value of `loc` should be (`#0b4f6c`), if any."""
    line, _ = doc.locate(loc, key=True)
    lines = doc.text.splitlines()
    if not loc or not 0 < line <= len(lines):
        return None
    found = re.match(rf"\s*(?:-\s+)?{re.escape(str(loc[-1]))}:\s+(#\S.*?)\s*$", lines[line - 1])
    return found.group(1) if found else None


def _range(ctx: dict[str, Any]) -> str:
    if "ge" in ctx:
        return f"of at least {ctx['ge']}"
    return f"of at most {ctx.get('le')}"


def _indexable(node: Any, step: int) -> bool:
    return isinstance(node, list) and 0 <= step < len(node)


def _child(node: Any, step: str | int) -> Any:
    if isinstance(step, int):
        return node[step] if _indexable(node, step) else None
    return node.get(step) if isinstance(node, dict) else None


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model class that describes the mapping found at `loc`, following list items."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(step)
        if info is None:
            return None
        current = _unwrap(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """`list[Value] | None` -> Value: the model inside optional and list types."""
    while True:
        args = [a for a in get_args(annotation) if a is not type(None)]
        if get_origin(annotation) is None or not args:
            return annotation
        if any(isinstance(a, type) and issubclass(a, BaseModel) for a in args):
            return next(a for a in args if isinstance(a, type) and issubclass(a, BaseModel))
        annotation = args[0]


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    owner = _model_at(model, loc)
    return list(owner.model_fields) if owner else []


def _field_description(model: type[BaseModel], loc: Loc) -> str:
    owner = _model_at(model, loc[:-1])
    info = owner.model_fields.get(str(loc[-1])) if owner else None
    # Docstrings wrap where the source does: the hint is one line of its own.
    return " ".join((info.description or "").split()).rstrip(".") if info else ""


def _literal_options(model: type[BaseModel], loc: Loc) -> list[str]:
    owner = _model_at(model, loc[:-1])
    info = owner.model_fields.get(str(loc[-1])) if owner else None
    if info is None:
        return []
    annotation = info.annotation
    # `Literal["a", "b"] | None`: step inside the optional to the literal's choices.
    while get_origin(annotation) is not None and not all(
        isinstance(a, str) for a in get_args(annotation)
    ):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    return [a for a in get_args(annotation) if isinstance(a, str)]
