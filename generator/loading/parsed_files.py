"""Parsed data files, read once per change.

A `ParsedFiles` cache keeps each parsed and validated file keyed by its stamp (size and
times, `stamp_of`). The plugin owns one for as long as it lives, so `mkdocs serve`
re-reads only the file an editor saved; a one-off load gets its own. `handbook check`
gives its own a memory of parsed values kept on disk between runs (check_cache.py), keyed
by each file's content instead: times change on a checkout or a copy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.validation import validate_document
from ..errors import Problem
from ..kinds.stories.kind import Story
from ..schema.common import DataModel
from ..schema.registry import Registry
from ..sources.safe_files import Stamp, stamp_of
from ..sources.yaml_source import ParsedValues, YamlDocument, read_yaml


@dataclass
class ParsedFile:
    stamp: Stamp
    """What tells that the file changed (sources/safe_files.py: `stamp_of`)."""
    doc: YamlDocument
    model: DataModel | None = None
    problems: list[Problem] = field(default_factory=list)


class ParsedFiles:
    """Parsed and validated data files by path, each kept while its file is unchanged."""

    def __init__(self, memory: ParsedValues | None = None) -> None:
        self._files: dict[str, ParsedFile] = {}
        self.memory = memory
        """Values parsed by earlier runs, by content: what a file read afresh is looked up in."""
        self.changed_keys: set[str] = set()
        """Files parsed afresh or forgotten since this cache was made (what to store)."""

    def get(self, key: str) -> ParsedFile | None:
        return self._files.get(key)

    def keep(self, key: str, parsed: ParsedFile) -> None:
        self._files[key] = parsed
        self.changed_keys.add(key)

    def items(self) -> list[tuple[str, ParsedFile]]:
        return list(self._files.items())

    def forget_others(self, folder: Path, keep: set[str]) -> list[str]:
        """Drop files under `folder` that the last load did not read (deleted, renamed);
        the names they were shown by."""
        prefix = str(folder) + os.sep
        gone = [key for key in self._files if key.startswith(prefix) and key not in keep]
        self.changed_keys.update(gone)
        return [self._files.pop(key).doc.display for key in gone]


@dataclass
class LoadStats:
    """What one load cost: how many files were parsed afresh and how many came unchanged
    from memory (what `handbook serve` saves on a reload)."""

    files_read: int = 0
    files_unchanged: int = 0
    seconds: float = 0.0
    changed: set[str] = field(default_factory=set)
    """The files read afresh or gone since the last load, as shown (`data/stories/x.yml`):
    what a preview reload must redo the pages of."""


def parse_and_validate(
    path: Path, display: str, model: type[DataModel], stats: LoadStats, parsed: ParsedFiles,
    registry: Registry, info: os.DirEntry[str] | None = None,
) -> ParsedFile:
    """One data file read and checked against its model, or as kept from the last load
    when it has not changed since. `info` is the file's entry in its folder's listing,
    when the caller has it (its status is then read once)."""
    # A memory of parsed values (a check) goes by content: a file's time is not read.
    stamp = ((0, 0, 0, 0) if parsed.memory is not None
             else stamp_of(info.stat() if info is not None else path.stat()))
    key = str(path)
    cached = parsed.get(key)
    if cached is not None and cached.stamp == stamp and cached.doc.display == display:
        stats.files_unchanged += 1
        return cached
    stats.files_read += 1
    stats.changed.add(display)
    doc = read_yaml(path, display, parsed.memory)
    cached = ParsedFile(stamp, doc, problems=list(doc.problems))
    if doc.usable and doc.data is None:
        cached.problems.append(Problem(
            display, None, None, "", "the file is empty",
            "it needs at least: " + ", ".join(required_fields(model)),
        ))
    elif doc.usable:
        data = doc.data
        if model is Story and isinstance(data, dict) and "id" in data:
            cached.problems.append(doc.problem(
                ("id",), "id", "a story file has no id field", key=True,
                hint=f"a story's id is its file name ('{path.stem}'); remove the id line",
            ))
            data = {k: v for k, v in data.items() if k != "id"}
        cached.model, problems = validate_document(doc, model, data, registry=registry)
        cached.problems.extend(problems)
        if cached.problems and doc.problems:  # duplicate keys: values kept, file still wrong
            cached.model = None
        if cached.model is not None and parsed.memory is not None and doc.digest is not None:
            parsed.memory.attach(doc.digest, display, cached.model)
    parsed.keep(key, cached)
    return cached


def required_fields(model: type[DataModel]) -> list[str]:
    return [name for name, info in model.model_fields.items() if info.is_required()]
