"""Turning composed YAML nodes into plain values by YAML 1.2's rules (see yaml_source.py).

Quoted scalars are text; plain scalars are null, true/false, numbers or else text; a key
given twice, a hand-written tag, a merge key or an alias bomb is a problem with a line.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem

MAX_VALUES = 100_000
"""Upper bound on values one file may expand to, which is what stops alias bombs."""

MAX_DEPTH = 40
"""Upper bound on nesting; real handbook data is at most five levels deep."""

STANDARD_TAG = "tag:yaml.org,2002:"
MERGE_TAG = STANDARD_TAG + "merge"
STR_TAG = STANDARD_TAG + "str"
SEQ_TAG = STANDARD_TAG + "seq"
MAP_TAG = STANDARD_TAG + "map"
PLAIN_TAG = "tag:handbook,2026:plain"
"""What the composer tags an unquoted scalar with: it is resolved here, by YAML 1.2 rules."""
# Tags the composer gives plain YAML on its own; anything else was written by hand.
_ALLOWED_TAGS = frozenset(
    [STANDARD_TAG + name
     for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")]
    + [PLAIN_TAG]
)

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
# YAML 1.2's core schema numbers, in one pattern so a date or a word is ruled out at once.
_NUMBER = re.compile(
    r"(?P<int>[-+]?[0-9]+)|0o(?P<oct>[0-7]+)|0x(?P<hex>[0-9a-fA-F]+)"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<inf>[-+]?\.(?:inf|Inf|INF))|(?P<nan>\.(?:nan|NaN|NAN))"
)
# First characters that can start a non-text plain scalar; the rest are text at once.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
_NUMBER_START = frozenset("0123456789+-.")



def is_key(node: Node, name: str) -> bool:
    return isinstance(node, ScalarNode) and node.value == name


class ValueBuilder:
    """Turns composed nodes into plain values, recording problems instead of raising."""

    def __init__(self, display: str, problems: list[Problem]) -> None:
        self.display = display
        self.problems = problems
        self.budget = MAX_VALUES
        self.usable = True
        self.reported_bomb = False

    def build(self, root: Node) -> Any:
        return self._value(root, (), ())

    def _fail(self, node: Node, message: str, hint: str, loc: tuple[Any, ...] = ()) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.display, mark.line + 1, mark.column + 1, _dotted(loc), message, hint)
        )
        self.usable = False

    def _value(self, node: Node, loc: tuple[Any, ...], active: tuple[int, ...]) -> Any:
        self.budget -= 1
        if self.budget < 0:
            if not self.reported_bomb:
                self.reported_bomb = True
                self._fail(
                    node,
                    f"the file expands to more than {MAX_VALUES:,} values through anchors "
                    "and aliases (&name / *name)",
                    "write the values out instead of repeating aliases; handbook data "
                    "never needs this many",
                )
            return None
        if node.tag not in _ALLOWED_TAGS:
            self._fail(
                node,
                f"the tag '{_written_tag(node.tag)}' is not allowed",
                "data files hold plain text, numbers, true/false, lists and mappings; "
                "remove the tag (the part starting with '!')",
                loc,
            )
            return None
        if type(node) is ScalarNode:  # most nodes; a scalar cannot nest or loop
            value: str = node.value
            if node.style or node.tag == STR_TAG:
                return value  # quoted, block text or `!!str 12`: text, whatever it looks like
            if value and value[0] not in _MAYBE_NOT_TEXT:
                return value  # plain words
            return _resolve_plain(value)
        if len(active) > MAX_DEPTH or id(node) in active:
            self._fail(
                node,
                "the data is nested too deeply"
                if id(node) not in active else "an alias refers to the mapping or list it is in",
                "handbook data is a few levels deep: check the indentation and aliases",
            )
            return None
        inner = (*active, id(node))
        if isinstance(node, SequenceNode):
            return [self._value(item, (*loc, i), inner) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)  # the only node kind left
        return self._mapping(node, loc, inner)

    def _mapping(self, node: MappingNode, loc: tuple[Any, ...], active: tuple[int, ...]) -> Any:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                self._fail(
                    key_node,
                    "merge keys ('<<') are not supported",
                    "write the fields out in this mapping",
                )
                continue
            key = self._value(key_node, loc, active)
            if self.reported_bomb:
                break
            if not isinstance(key, str):
                self._fail(
                    key_node, f"a field name must be text, got {_describe_key(key)}",
                    "field names are words like `title:`; put a number in quotes if it is "
                    "meant as a name", loc,
                )
                continue
            line = key_node.start_mark.line + 1
            if key in result:
                mark = key_node.start_mark
                self.problems.append(Problem(
                    self.display, line, mark.column + 1, _dotted((*loc, key)),
                    f"the key '{key}' appears twice in the same mapping "
                    f"(first on line {first_line[key]})",
                    "keep one of them; YAML would silently use only the last one",
                ))
                continue
            first_line[key] = line
            result[key] = self._value(value_node, (*loc, key), active)
        return result


def _resolve_plain(value: str) -> Any:
    if value in _NULLS:
        return None
    if value in _TRUES:
        return True
    if value in _FALSES:
        return False
    if value[0] not in _NUMBER_START or len(value) > 100:
        return value  # text; and no handbook number is this long (Python refuses huge ones)
    number = _NUMBER.fullmatch(value)
    if number is None:
        return value  # a date, a version like 1.2.3: text, for the schema to judge
    kind = number.lastgroup
    if kind == "int":
        return int(value)
    if kind in ("oct", "hex"):
        return int(value[2:], 8 if kind == "oct" else 16)
    if kind == "float":
        return float(value)
    if kind == "inf":
        return float("-inf") if value.startswith("-") else float("inf")
    return float("nan")


def _describe_key(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, (int, float)):
        return f"the number {key}"
    return "a list or mapping" if isinstance(key, (list, dict)) else "nothing"


def _written_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(STANDARD_TAG) if tag.startswith(STANDARD_TAG) else tag


def _dotted(loc: tuple[Any, ...]) -> str:
    """`values[2].why`: the field path as validation errors write it (entries from 1)."""
    path = ""
    for step in loc:
        path += f"[{step + 1}]" if isinstance(step, int) else ("." if path else "") + str(step)
    return path


# libyaml's messages name the parser's state; these say what an editor did wrong.
