"""`handbook check`'s memory of parsed YAML, kept on disk from one run to the next.

The pre-commit hook runs `handbook check` on every commit. At 10,000 stories, parsing the
YAML was most of its time, though a commit changes a few files. So the values each file
parsed into are kept, keyed by the sha256 of the file's bytes; an unchanged file then costs
a read, a hash and its validation, which always runs (as do the checks across files), so a
check with the memory says exactly what a check without it says.

The memory is derived state, and derived state is input (see sources/caches.py):
- it is plain JSON, never code: a damaged or foreign entry can only be ignored, and is;
- only a file that parsed cleanly into JSON's own types (text, numbers, true/false, null,
  lists, mappings with text keys) is kept, so reading it back gives the very same values;
- it lives in the project's cache folder, outside the repository, in a folder named by a
  fingerprint of the YAML reader (its code and PyYAML's version); a change to either
  starts afresh, and the folders of other fingerprints are removed (only those the tool
  made);
- it is written in shards (by hash), each to a temporary name first and then moved into
  place, so a run that parsed one file afresh rewrites one shard.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sys
import tempfile
from collections import defaultdict
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..sources.caches import project_cache
from ..sources.owned_folders import CACHE, NotOurs
from ..sources.safe_files import UnsafeFile, read_regular

FORMAT = 1
SHARDS = 64
"""Few enough to read quickly, many enough that one edit rewrites a small file."""
MAX_SHARD_BYTES = 256 * 1024 * 1024
_DIGEST = re.compile(r"[0-9a-f]{64}")
_SHARD_NAME = re.compile(r"[0-9]{2}\.json")


@cache
def reader_fingerprint() -> str:
    """What parsed values depend on besides a file's bytes: the YAML reader's code and the
    versions of Python and PyYAML."""
    digest = hashlib.sha256(f"format {FORMAT}\npyyaml {version('pyyaml')}\n".encode())
    digest.update(sys.version.encode())
    sources = Path(__file__).resolve().parents[1] / "sources"
    for path in sorted(sources.glob("yaml_*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


class ParsedYamlMemory:
    """Parsed values by the sha256 of the file they came from (see the module's notes)."""

    def __init__(self, folder: Path | None, values: dict[str, Any] | None = None) -> None:
        self.folder = folder
        """The generation folder the values were read from and are written back to."""
        self._values: dict[str, Any] = values or {}
        self._used: set[str] = set()
        self._added: set[str] = set()
        self.recalled = 0
        """How many files this run took from the memory instead of parsing them."""

    def recall(self, digest: str) -> tuple[bool, Any]:
        """(True, the values) for a file with these bytes parsed before; (False, None)."""
        if digest in self._values:
            self._used.add(digest)
            self.recalled += 1
            return True, self._values[digest]
        return False, None

    def remember(self, digest: str, values: Any) -> None:
        """Keep what a clean parse gave, if JSON gives it back unchanged."""
        if _plain(values):
            self._values[digest] = values
            self._used.add(digest)
            self._added.add(digest)

    def __len__(self) -> int:
        return len(self._values)

    @property
    def added(self) -> int:
        """How many files this run parsed and remembered."""
        return len(self._added)

    def changed_shards(self) -> set[int]:
        """Shards holding a file parsed afresh, or one no file has any more."""
        forgotten = self._values.keys() - self._used
        return {_shard(digest) for digest in self._added | forgotten}

    def kept(self) -> dict[str, Any]:
        return {digest: self._values[digest] for digest in self._used}


def restore_memory(root: Path) -> ParsedYamlMemory:
    """What the last check of the project at `root` parsed; empty when there is nothing
    usable. Raises HandbookError when the cache's place is not safe (sources/caches.py)."""
    part = project_cache(root, "check")
    if part is None:
        return ParsedYamlMemory(None)
    folder = part / reader_fingerprint()
    values: dict[str, Any] = {}
    if CACHE.is_on(folder):
        for shard in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if _SHARD_NAME.fullmatch(shard.name):
                values.update(_read_shard(Path(shard.path)))
    return ParsedYamlMemory(folder, values)


def keep_memory(memory: ParsedYamlMemory) -> None:
    """Write the shards that changed; a cache that cannot be written (a read-only home) is
    left as it is."""
    if memory.folder is None:
        return
    changed = memory.changed_shards()
    if not changed:
        return
    kept = memory.kept()
    by_shard: dict[int, dict[str, Any]] = defaultdict(dict)
    for digest, values in kept.items():
        by_shard[_shard(digest)][digest] = values
    try:
        CACHE.make(memory.folder)
        for old in memory.folder.parent.iterdir():  # other readers' values are of no more use
            if old != memory.folder:
                CACHE.remove(old)
        for index in sorted(changed):
            _write_atomically(memory.folder / f"{index:02d}.json",
                              {"format": FORMAT, "files": by_shard.get(index, {})})
    except (OSError, NotOurs):
        return  # the cache only saves time: a run that cannot keep it is still right


def _read_shard(path: Path) -> dict[str, Any]:
    """A shard's entries; nothing from one that is damaged, foreign or not a plain file."""
    try:
        record = json.loads(read_regular(path, limit=MAX_SHARD_BYTES, follow_links=False))
    except (UnsafeFile, ValueError, RecursionError):
        return {}
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return {}
    files = record.get("files")
    if not isinstance(files, dict):
        return {}
    return {digest: values for digest, values in files.items()
            if isinstance(digest, str) and _DIGEST.fullmatch(digest)}


def _shard(digest: str) -> int:
    return int(digest[:2], 16) % SHARDS


def _plain(value: Any) -> bool:
    """Whether JSON gives `value` back exactly: its own types, text keys, finite numbers."""
    kind = type(value)
    if kind is str or kind is bool or kind is int or value is None:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is list:
        return all(_plain(item) for item in value)
    if kind is dict:
        return all(type(key) is str and _plain(item) for key, item in value.items())
    return False


def _write_atomically(target: Path, record: dict[str, Any]) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            # ASCII: text from YAML escapes may hold lone surrogates, which UTF-8 cannot write.
            json.dump(record, stream, separators=(",", ":"))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
