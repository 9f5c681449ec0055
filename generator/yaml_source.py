"""Reading one YAML data file safely, keeping the way back to its lines and columns.

PyYAML's own constructors are not used, because they are where YAML's traps live:
`no` becomes False, `1.10` becomes 1.1, `2025-13-01` raises a ValueError with no line,
duplicate keys silently keep the last value, and `!!python/...` tags run code (unsafe
loaders) or fail late (safe ones). Instead the file is *composed* into nodes with the
fast libyaml parser, and the nodes are turned into plain Python values here, with the
YAML 1.2 rules that editors (VS Code, check-jsonschema) also apply:

* quoted scalars are text; plain scalars are null, true/false, numbers or else text;
  so `no`, `yes`, `on` and dates stay text and the schema decides what they may be;
* a key given twice, a tag, a merge key (`<<`) or an alias bomb is a problem with a line.

Marks are not stored per value, and the composed nodes are dropped once read (that would
cost memory for every scalar of 10,000 stories); `YamlDocument.locate()` composes the
text again when a problem needs a line.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

try:  # libyaml's C parser is ~15x faster than the pure-Python one and keeps marks too.
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only on a PyYAML built without libyaml
    _Base = yaml.SafeLoader

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Data files are short; anything larger is a mistake (or an attack) and is refused unread."""

MAX_VALUES = 100_000
"""Upper bound on values one file may expand to, which is what stops alias bombs."""

MAX_DEPTH = 40
"""Upper bound on nesting; real handbook data is at most five levels deep."""

_STANDARD_TAG = "tag:yaml.org,2002:"
_MERGE_TAG = _STANDARD_TAG + "merge"
_STR_TAG = _STANDARD_TAG + "str"
_SEQ_TAG = _STANDARD_TAG + "seq"
_MAP_TAG = _STANDARD_TAG + "map"
_PLAIN_TAG = "tag:handbook,2026:plain"
"""What the composer tags an unquoted scalar with: it is resolved here, by YAML 1.2 rules."""
# Tags the composer gives plain YAML on its own; anything else was written by hand.
_ALLOWED_TAGS = frozenset(
    [_STANDARD_TAG + name
     for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "value")]
    + [_PLAIN_TAG]
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


class _Loader(_Base):  # type: ignore[misc]
    """libyaml's parser and composer without PyYAML's guessing of types.

    PyYAML's resolver tries YAML 1.1's patterns (booleans, dates, sexagesimal numbers) on
    every plain scalar as it is composed: for long paragraphs of text that was most of
    the time spent reading 10,000 stories. Plain scalars are resolved by YAML 1.2's rules
    by `_resolve_plain` instead, so the composer only needs to know each node's kind.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR_TAG  # quoted (or tagged '!'): text, whatever it looks like
            return _MERGE_TAG if value == "<<" else _PLAIN_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

    def descend_resolver(self, parent: Node | None, index: Any) -> None:
        pass  # path-based resolvers are never registered here

    def ascend_resolver(self) -> None:
        pass


@dataclass
class YamlDocument:
    """One data file: its values, the problems found reading it, and a way to find lines."""

    path: Path
    display: str
    text: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    usable: bool = True
    """False when the file could not be read into values at all (syntax error, bomb, tag)."""

    _root: Node | None = field(default=None, repr=False)

    def node_at(self, loc: tuple[str | int, ...], *, key: bool = False) -> Node | None:
        """The node at a path of keys and list indexes, or the deepest one that exists.

        With `key=True` the node of the last mapping key is returned instead of its value,
        which is where an unknown field should be pointed at.
        """
        node = self._root_node()
        for step in loc:
            if isinstance(node, MappingNode) and isinstance(step, str):
                pair = next((kv for kv in node.value if _is_key(kv[0], step)), None)
                if pair is None:
                    return node
                node = pair[0] if key and step is loc[-1] else pair[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                if not 0 <= step < len(node.value):
                    return node
                node = node.value[step]
            else:
                return node
        return node

    def locate(self, loc: tuple[str | int, ...] = (), *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value (or key) at `loc`."""
        node = self.node_at(loc, key=key)
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def locate_text(self, loc: tuple[str | int, ...], fragment: str) -> tuple[int, int]:
        """Where `fragment` is written inside the value at `loc` (an email in a paragraph);
        the value's own start when it cannot be found as written (folded across lines)."""
        node = self.node_at(loc)
        if node is not None:
            found = self.text.find(fragment, node.start_mark.index, node.end_mark.index)
            if found >= 0:
                line_start = self.text.rfind("\n", 0, found) + 1
                return self.text.count("\n", 0, found) + 1, found - line_start + 1
        return self.locate(loc)

    def source_text(self, loc: tuple[str | int, ...]) -> str | None:
        """The scalar exactly as written in the file (`1.10`, not 1.1), if `loc` is a scalar."""
        node = self.node_at(loc)
        return node.value if isinstance(node, ScalarNode) else None

    def problem(
        self, loc: tuple[str | int, ...], field_name: str, message: str, hint: str = "",
        *, key: bool = False, **kwargs: Any,
    ) -> Problem:
        line, column = self.locate(loc, key=key)
        return Problem(self.display, line, column, field_name, message, hint, **kwargs)

    def _root_node(self) -> Node | None:
        if self._root is None and self.usable and self.text:
            self._root = _compose(self.text)
        return self._root


def read_yaml(path: Path, display: str) -> YamlDocument:
    """Read and convert one YAML file; problems are recorded on the document, never raised."""
    doc = YamlDocument(path=path, display=display, text="")
    try:
        status = path.stat()
    except OSError as error:
        return _unusable(doc, None, f"cannot be read: {error.strerror}", "check the file exists")
    if not stat.S_ISREG(status.st_mode):  # a folder, a pipe or a device named like a data file
        return _unusable(doc, None, "is not a regular file", "data files are plain text files")
    size = status.st_size
    if size > MAX_FILE_BYTES:
        return _unusable(
            doc, None,
            f"the file is {size / 1024 / 1024:.1f} MB; data files may be at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB",
            "a data file this large is almost certainly a mistake: split it or remove it",
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _unusable(doc, None, f"cannot be read: {error.strerror}", "check its permissions")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return _unusable(
            doc, (line, column),
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02X})",
            "save the file with UTF-8 encoding in your editor",
        )
    return read_yaml_text(text, path, display)


def read_yaml_text(text: str, path: Path, display: str) -> YamlDocument:
    """Convert YAML already read (from a file, or from git at some commit).

    A byte-order mark, which some Windows editors add, is dropped.
    """
    doc = YamlDocument(path=path, display=display, text=text.removeprefix("\ufeff"))
    try:
        too_deep = _nesting_beyond_limit(doc.text)
        if too_deep is not None:
            return _unusable(
                doc, too_deep, f"the data is nested more than {MAX_DEPTH} levels deep",
                "handbook data is a few levels deep: check the brackets and indentation",
            )
        root = _compose(doc.text)
    except yaml.MarkedYAMLError as error:
        return _unusable(doc, *_describe_syntax_error(error, doc.text))
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives marks
        return _unusable(doc, None, f"is not valid YAML: {error}", "check the YAML syntax")
    if root is None:
        return doc  # an empty file; the loader knows what the file should have held
    builder = _ValueBuilder(doc)
    doc.data = builder.build(root)
    doc.usable = builder.usable
    # The nodes are not kept: the few documents with problems compose them again, and
    # ten thousand stories' node trees would otherwise stay in memory.
    return doc


def _nesting_beyond_limit(text: str) -> tuple[int, int] | None:
    """Where nesting first goes past MAX_DEPTH, found without building the nesting.

    libyaml's composer recurses once per level in C, and tens of thousands of `[` crash
    the process; the parser's events come one by one, so counting them is safe. Only
    files with many brackets are counted: block nesting is bounded by the file size.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return None


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def _unusable(
    doc: YamlDocument, where: tuple[int, int] | None, message: str, hint: str
) -> YamlDocument:
    line, column = where if where else (None, None)
    doc.problems.append(Problem(doc.display, line, column, "", message, hint))
    doc.usable = False
    return doc


def _is_key(node: Node, name: str) -> bool:
    return isinstance(node, ScalarNode) and node.value == name


class _ValueBuilder:
    """Turns composed nodes into plain values, recording problems instead of raising."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.budget = MAX_VALUES
        self.usable = True
        self.reported_bomb = False

    def build(self, root: Node) -> Any:
        return self._value(root, (), ())

    def _fail(self, node: Node, message: str, hint: str, loc: tuple[Any, ...] = ()) -> None:
        mark = node.start_mark
        self.doc.problems.append(
            Problem(self.doc.display, mark.line + 1, mark.column + 1, _dotted(loc), message, hint)
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
            if node.style or node.tag == _STR_TAG:
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
            if key_node.tag == _MERGE_TAG:
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
                self.doc.problems.append(Problem(
                    self.doc.display, line, mark.column + 1, _dotted((*loc, key)),
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
    return "!!" + tag.removeprefix(_STANDARD_TAG) if tag.startswith(_STANDARD_TAG) else tag


def _dotted(loc: tuple[Any, ...]) -> str:
    """`values[2].why`: the field path as validation errors write it (entries from 1)."""
    path = ""
    for step in loc:
        path += f"[{step + 1}]" if isinstance(step, int) else ("." if path else "") + str(step)
    return path


# libyaml's messages name the parser's state; these say what an editor did wrong.
_SYNTAX_HINTS: tuple[tuple[str, str, str], ...] = (
    ("while scanning a quoted scalar", "a quoted text is never closed",
     "add the closing quote; the text starts at the line shown"),
    ("while parsing a flow sequence", "a list in [brackets] is never closed",
     "add the closing ']'; the list starts at the line shown"),
    ("while parsing a flow mapping", "a mapping in {braces} is never closed",
     "add the closing '}'; the mapping starts at the line shown"),
    ("mapping values are not allowed", "a colon (:) appears where YAML does not expect one",
     "put text that contains ': ' in quotes, or fix the indentation of this line"),
    ("did not find expected key", "the indentation does not line up",
     "entries of the same mapping or list must start at the same column"),
    ("expected <block end>", "the indentation does not line up",
     "entries of the same mapping or list must start at the same column"),
    ("did not find expected '-' indicator", "a list entry is not indented like the others",
     "start every entry of a list with '- ' at the same column"),
    ("found undefined alias", "an alias (*name) refers to an anchor (&name) that does not exist",
     "define the anchor first, or write the value out"),
    ("expected a single document", "the file holds more than one YAML document ('---')",
     "keep one document per file: remove the extra '---' line"),
    ("found unknown escape character", "a backslash in double quotes starts an unknown escape",
     "use single quotes around text with backslashes, or write \\\\"),
    ("found unexpected end of stream", "the file ends in the middle of a value",
     "close the open quote, bracket or brace"),
)


_TAB_MESSAGE = "a tab character is used where YAML expects spaces"
_TAB_HINT = "indent with spaces only; set your editor to insert spaces for Tab in YAML files"


def _char_at(text: str, mark: yaml.Mark) -> str:
    # libyaml's marks carry no buffer, so the character is looked up by line and column.
    lines = text.split("\n", mark.line + 1)
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _describe_syntax_error(
    error: yaml.MarkedYAMLError, text: str
) -> tuple[tuple[int, int] | None, str, str]:
    context = error.context or ""
    problem = error.problem or ""
    combined = f"{context} {problem}"
    mark = error.problem_mark or error.context_mark
    if mark is not None and _char_at(text, mark) == "\t":
        return (mark.line + 1, mark.column + 1), _TAB_MESSAGE, _TAB_HINT
    known = next((entry for entry in _SYNTAX_HINTS if entry[0] in combined), None)
    if known is None:
        message = f"is not valid YAML: {problem or context}"
        hint = "check the YAML syntax on this line and the one before it"
    else:
        needle, message, hint = known
        # For something never closed, the useful place is where it opened.
        if needle.startswith("while ") and error.context_mark is not None:
            mark = error.context_mark
    where = (mark.line + 1, mark.column + 1) if mark is not None else None
    return where, message, hint
