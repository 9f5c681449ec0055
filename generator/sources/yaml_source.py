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

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem
from .safe_files import UnsafeFile, byte_position, read_regular
from .yaml_errors import describe_syntax_error
from .yaml_values import (
    MAP_TAG,
    MAX_DEPTH,
    MERGE_TAG,
    PLAIN_TAG,
    SEQ_TAG,
    STR_TAG,
    ValueBuilder,
    is_key,
)

try:  # libyaml's C parser is ~15x faster than the pure-Python one and keeps marks too.
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only on a PyYAML built without libyaml
    _Base = yaml.SafeLoader

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Data files are short; anything larger is a mistake (or an attack) and is refused unread."""

class _Loader(_Base):  # type: ignore[misc]
    """libyaml's parser and composer without PyYAML's guessing of types.

    PyYAML's resolver tries YAML 1.1's patterns (booleans, dates, sexagesimal numbers) on
    every plain scalar as it is composed: for long paragraphs of text that was most of
    the time spent reading 10,000 stories. Plain scalars are resolved by YAML 1.2's rules
    in yaml_values.py instead, so the composer only needs to know each node's kind.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return STR_TAG  # quoted (or tagged '!'): text, whatever it looks like
            return MERGE_TAG if value == "<<" else PLAIN_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG

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
    digest: str | None = None
    """The sha256 of the file's bytes, when it was read with a memory of parsed values."""

    _root: Node | None = field(default=None, repr=False)

    def node_at(self, loc: tuple[str | int, ...], *, key: bool = False) -> Node | None:
        """The node at a path of keys and list indexes, or the deepest one that exists.

        With `key=True` the node of the last mapping key is returned instead of its value,
        which is where an unknown field should be pointed at.
        """
        node = self._root_node()
        for step in loc:
            if isinstance(node, MappingNode) and isinstance(step, str):
                pair = next((kv for kv in node.value if is_key(kv[0], step)), None)
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


class ParsedValues(Protocol):
    """Values parsed before, by the sha256 of the file's bytes (loading/check_cache.py)."""

    def recall(self, digest: str) -> tuple[bool, Any]: ...

    def remember(self, digest: str, values: Any) -> None: ...

    def attach(self, digest: str, file: str, entry: Any) -> None: ...


def read_yaml(path: Path, display: str, memory: ParsedValues | None = None) -> YamlDocument:
    """Read and convert one YAML file; problems are recorded on the document, never raised.

    With `memory`, a file whose bytes were parsed cleanly before gets the values parsed
    then, and a clean parse is offered to it."""
    doc = YamlDocument(path=path, display=display, text="")
    try:
        raw = read_regular(path, limit=MAX_FILE_BYTES)
    except UnsafeFile as refused:
        if refused.reason == "too-large":
            size = refused.size
            return _unusable(
                doc, None,
                f"the file is {size / 1024 / 1024:.1f} MB; data files may be at most "
                f"{MAX_FILE_BYTES // 1024 // 1024} MB",
                "a data file this large is almost certainly a mistake: split it or remove it",
            )
        if refused.reason == "not-regular":
            return _unusable(doc, None, "is not a regular file",
                             "data files are plain text files")
        return _unusable(doc, None, refused.problem, refused.hint)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = byte_position(raw, error.start)
        return _unusable(
            doc, (line, column),
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02X})",
            "save the file with UTF-8 encoding in your editor",
        )
    if memory is None:
        return read_yaml_text(text, path, display)
    digest = hashlib.sha256(raw).hexdigest()
    known, values = memory.recall(digest)
    if known:
        return YamlDocument(path=path, display=display, text=text.removeprefix("\ufeff"),
                            data=values, digest=digest)
    doc = read_yaml_text(text, path, display)
    doc.digest = digest
    if doc.usable and not doc.problems and doc.data is not None:
        memory.remember(digest, doc.data)
    return doc


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
        return _unusable(doc, *describe_syntax_error(error, doc.text))
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives marks
        return _unusable(doc, None, f"is not valid YAML: {error}", "check the YAML syntax")
    if root is None:
        return doc  # an empty file; the loader knows what the file should have held
    builder = ValueBuilder(doc.display, doc.problems)
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



