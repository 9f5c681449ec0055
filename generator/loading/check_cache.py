"""`handbook check`'s memory of parsed files, kept on disk from one run to the next.

The pre-commit hook runs `handbook check` on every commit. At 10,000 stories, parsing the
YAML and scanning each story's text was most of its time, though a commit changes a few
files. So two things are kept, keyed by the sha256 of the file's bytes: the values the
file parsed into, and what the rules worked out from its entry alone (its word count, the
personal data and quality findings; see `DataModel.worked_out`). An unchanged file then
costs a read, a hash and its validation, which always runs, as do the checks across
files, so a check with the memory says exactly what a check without it says.

The memory is derived state, and derived state is input (see sources/caches.py):
- it is plain JSON, never code: a damaged or foreign entry can only be ignored, and is;
- only a file that parsed cleanly into JSON's own types (text, numbers, true/false, null,
  lists, mappings with text keys) is kept, so reading it back gives the very same values;
- what was worked out is kept for the file's path too (findings name their file), and
  only as numbers, text and findings;
- it lives in the project's cache folder, outside the repository, in a folder named by a
  fingerprint of the generator (its code, and the versions of Python, PyYAML and
  pydantic); a change to any starts afresh, and the folders of other fingerprints are
  removed (only those the tool made);
- it is written in shards (by hash), each to a temporary name first and then moved into
  place, so a run that parsed one file afresh rewrites one shard.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import os
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import asdict, fields
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..errors import Problem, Severity
from ..schema.common import DataModel
from ..sources.caches import project_cache
from ..sources.owned_folders import CACHE, NotOurs
from ..sources.safe_files import UnsafeFile, read_regular

FORMAT = 2
"""2: what the rules worked out from each entry is kept beside its values."""
SHARDS = 64
"""Few enough to read quickly, many enough that one edit rewrites a small file."""
MAX_SHARD_BYTES = 256 * 1024 * 1024
DIGEST = re.compile(r"[0-9a-f]{64}")
_SHARD_NAME = re.compile(r"[0-9]{2}\.json")


@cache
def generator_fingerprint() -> str:
    """What the memory depends on besides a file's bytes: this generator's code (the YAML
    reader, the models, the rules) and the versions of Python, PyYAML and pydantic."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in ("pyyaml", "pydantic", "pydantic-core"):
        digest.update(f"{name} {version(name)}\n".encode())
    digest.update(sys.version.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


class ParsedYamlMemory:
    """Parsed values, and what was worked out from each entry, by the sha256 of the file
    they came from (see the module's notes)."""

    def __init__(self, folder: Path | None, values: dict[str, Any] | None = None,
                 worked: dict[str, dict[str, Any]] | None = None) -> None:
        self.folder = folder
        """The generation folder the memory was read from and is written back to."""
        self._values: dict[str, Any] = values or {}
        self._worked: dict[str, dict[str, Any]] = worked or {}
        """By digest: {"file": the path it was worked out for, "results": {name: ...}}."""
        self._used: set[str] = set()
        self._added: set[str] = set()
        self._entries: list[tuple[str, str, DataModel]] = []
        self._reworked: set[str] = set()
        self._as_kept: dict[int, int] = {}
        """Entries given back all their kept results, by id, with how many there were."""
        self.recalled = 0
        """How many files this run took from the memory instead of parsing them."""

    def recall(self, digest: str) -> tuple[bool, Any]:
        """(True, the values) for a file with these bytes parsed before; (False, None)."""
        if digest in self._values:
            self._used.add(digest)
            self.recalled += 1
            return True, self._values[digest]
        return False, None

    def holds(self, digest: str) -> bool:
        """Whether a file with these bytes was parsed before (without counting it used)."""
        return digest in self._values

    def remember(self, digest: str, values: Any) -> None:
        """Keep what a clean parse gave, if JSON gives it back unchanged."""
        if plain(values):
            self._values[digest] = values
            self._used.add(digest)
            self._added.add(digest)

    def attach(self, digest: str, file: str, entry: DataModel) -> None:
        """`entry` was validated from the file `file` with these bytes: it gets what was
        worked out from it before, and what this run works out is kept (`keep_memory`)."""
        kept = self._worked.get(digest)
        if kept is not None and kept.get("file") == file:
            results = _decode_results(kept.get("results"), file)
            if results:
                entry.__pydantic_private__["_worked_out"] = results  # type: ignore[index]
                if len(results) == len(kept.get("results") or {}):
                    self._as_kept[id(entry)] = len(results)
        self._entries.append((digest, file, entry))

    def __len__(self) -> int:
        return len(self._values)

    @property
    def added(self) -> int:
        """How many files this run parsed and remembered."""
        return len(self._added)

    def changed_shards(self) -> set[int]:
        """Shards holding a file parsed afresh, one no file has any more, or an entry whose
        worked-out results changed."""
        self._gather_worked()
        forgotten = (self._values.keys() | self._worked.keys()) - self._used
        return {_shard(digest) for digest in self._added | forgotten | self._reworked}

    def kept(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
        return ({digest: self._values[digest] for digest in self._used if digest in self._values},
                {digest: self._worked[digest] for digest in self._used
                 if digest in self._worked})

    def _gather_worked(self) -> None:
        for digest, file, entry in self._entries:
            if digest not in self._values:
                continue  # not remembered (not plain data): nothing to keep beside it
            worked_out = entry.private("_worked_out") or {}
            if self._as_kept.get(id(entry)) == len(worked_out):
                continue  # given back whole, and nothing worked out since
            results = _encode_results(worked_out)
            record = {"file": file, "results": results}
            if results and self._worked.get(digest) != record:
                self._worked[digest] = record
                self._reworked.add(digest)


def restore_memory(root: Path) -> ParsedYamlMemory:
    """What the last check of the project at `root` parsed; empty when there is nothing
    usable. Raises HandbookError when the cache's place is not safe (sources/caches.py)."""
    part = project_cache(root, "check")
    if part is None:
        return ParsedYamlMemory(None)
    folder = part / generator_fingerprint()
    values: dict[str, Any] = {}
    worked: dict[str, dict[str, Any]] = {}
    if CACHE.is_on(folder):
        was_enabled = gc.isenabled()
        gc.disable()  # a hundred thousand objects come back, and none of them is garbage
        try:
            for shard in sorted(os.scandir(folder), key=lambda entry: entry.name):
                if _SHARD_NAME.fullmatch(shard.name):
                    shard_values, shard_worked = _read_shard(Path(shard.path))
                    values.update(shard_values)
                    worked.update(shard_worked)
        finally:
            if was_enabled:
                gc.enable()
    return ParsedYamlMemory(folder, values, worked)


def keep_memory(memory: ParsedYamlMemory) -> None:
    """Write the shards that changed; a cache that cannot be written (a read-only home) is
    left as it is."""
    if memory.folder is None:
        return
    changed = memory.changed_shards()
    if not changed:
        return
    kept, worked = memory.kept()
    by_shard: dict[int, dict[str, Any]] = defaultdict(dict)
    worked_by_shard: dict[int, dict[str, Any]] = defaultdict(dict)
    for digest, values in kept.items():
        by_shard[_shard(digest)][digest] = values
    for digest, record in worked.items():
        worked_by_shard[_shard(digest)][digest] = record
    try:
        CACHE.make(memory.folder)
        for old in memory.folder.parent.iterdir():  # other readers' values are of no more use
            if old != memory.folder:
                CACHE.remove(old)
        for index in sorted(changed):
            _write_atomically(memory.folder / f"{index:02d}.json", {
                "format": FORMAT, "files": by_shard.get(index, {}),
                "worked": worked_by_shard.get(index, {})})
    except (OSError, NotOurs):
        return  # the cache only saves time: a run that cannot keep it is still right


def _read_shard(path: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A shard's values and worked-out results; nothing from one that is damaged, foreign
    or not a plain file (a link, a pipe)."""
    try:
        record = json.loads(read_regular(path, limit=MAX_SHARD_BYTES, follow_links=False))
    except (UnsafeFile, ValueError, RecursionError):
        return {}, {}
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return {}, {}
    files, worked = record.get("files"), record.get("worked")
    if not isinstance(files, dict) or not isinstance(worked, dict):
        return {}, {}
    return ({digest: values for digest, values in files.items() if DIGEST.fullmatch(digest)},
            {digest: kept for digest, kept in worked.items()
             if DIGEST.fullmatch(digest) and isinstance(kept, dict)})


_PROBLEM_FIELDS = frozenset(field.name for field in fields(Problem))


def _encode_results(results: dict[str, Any]) -> dict[str, Any]:
    """What was worked out, as JSON: numbers, and lists of findings. Anything else is not
    kept (it is worked out again)."""
    encoded: dict[str, Any] = {}
    for name, result in results.items():
        if type(result) is int:
            encoded[name] = result
        elif isinstance(result, list) and all(isinstance(item, Problem) for item in result):
            encoded[name] = {"problems": [asdict(problem) for problem in result]}
    return encoded


def _decode_results(encoded: object, file: str) -> dict[str, Any]:
    """The results `_encode_results` wrote, checked for their shape; those that are not
    what it writes are left out, to be worked out again."""
    results: dict[str, Any] = {}
    for name, result in encoded.items() if isinstance(encoded, dict) else []:
        if type(result) is int:
            results[name] = result
        elif isinstance(result, dict) and isinstance(result.get("problems"), list):
            problems = [_problem(item, file) for item in result["problems"]]
            if all(problem is not None for problem in problems):
                results[name] = problems
    return results


def _problem(item: object, file: str) -> Problem | None:
    if not isinstance(item, dict) or item.keys() != _PROBLEM_FIELDS:
        return None
    texts = ("file", "field", "message", "hint")
    numbers = ("line", "column")
    if (not all(isinstance(item[name], str) for name in texts)
            or not all(item[name] is None or type(item[name]) is int for name in numbers)
            or item["file"] != file or item["severity"] not in set(Severity)
            or not (item["follows_from"] is None or isinstance(item["follows_from"], str))):
        return None
    return Problem(**{**item, "severity": Severity(item["severity"])})


def _shard(digest: str) -> int:
    return int(digest[:2], 16) % SHARDS


def plain(value: Any) -> bool:
    """Whether JSON gives `value` back exactly: its own types, text keys, finite numbers."""
    kind = type(value)
    if kind is str or kind is bool or kind is int or value is None:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is list:
        return all(plain(item) for item in value)
    if kind is dict:
        return all(type(key) is str and plain(item) for key, item in value.items())
    return False


def _write_atomically(target: Path, record: dict[str, Any]) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            # ASCII: text from YAML escapes may hold lone surrogates, which UTF-8 cannot write.
            # `dumps`, not `dump`: only a one-shot encoding takes json's C encoder, and a
            # first check at 10,000 stories spent half a second in the Python one.
            stream.write(json.dumps(record, separators=(",", ":")))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
