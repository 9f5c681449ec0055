"""`handbook check`'s parsed files, kept on disk from one run to the next.

The pre-commit hook runs `handbook check` on every commit. At 10,000 stories, reading
and validating every file was most of its time, though a commit changes a few. So the
parsed and validated files (ParsedFiles, keyed by each file's content) are kept in
`.cache/handbook/check/`; an unchanged file then costs a read and a hash. Everything that
looks across files (references, ids, coverage, the site's addresses) is checked whole,
every run.

The cache is only ever a shortcut:
- it belongs to one version of the generator: a folder named by a fingerprint of the
  generator's code and the libraries that parse and validate, so a change to either
  starts afresh;
- a file that cannot be read back (cut short, from another Python) is parsed again;
- it is written in shards (by path), so a run that re-read one file rewrites one shard,
  each to a temporary name first and then moved into place;
- deleting `.cache/` is always safe, and git ignores it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import shutil
import sys
import tempfile
from collections import defaultdict
from functools import cache
from importlib.metadata import version
from pathlib import Path

from .parsed_files import ParsedFile, ParsedFiles

CACHE_FOLDER = Path(".cache") / "handbook" / "check"
SHARDS = 64
"""Few enough to read quickly, many enough that one edit rewrites a small file."""


@cache
def generator_fingerprint() -> str:
    """What parsed files depend on besides their text: this generator's code, and the
    versions of Python, PyYAML and pydantic."""
    digest = hashlib.sha256()
    for name in ("pyyaml", "pydantic", "pydantic-core"):
        digest.update(f"{name} {version(name)}\n".encode())
    digest.update(sys.version.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def restore_parsed_files(root: Path, fingerprint: str | None = None) -> ParsedFiles:
    """The parsed files the last check of the project at `root` kept, keyed by content;
    none when there are none for this generator."""
    folder = _folder(root, fingerprint)
    files: dict[str, ParsedFile] = {}
    was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of objects come back, and none of them is garbage
    try:
        for shard in sorted(folder.glob("*.pickle")) if folder.is_dir() else []:
            try:
                with shard.open("rb") as stream:
                    files.update(pickle.load(stream))
            except Exception:  # a damaged shard is parsed again, never trusted
                continue
    finally:
        if was_enabled:
            gc.enable()
    return ParsedFiles(files, by_content=True)


def keep_parsed_files(parsed: ParsedFiles, root: Path, fingerprint: str | None = None) -> None:
    """Write the shards holding a file this run parsed afresh or forgot; a cache that
    cannot be written (a read-only checkout) is left as it is."""
    if not parsed.changed_keys:
        return
    folder = _folder(root, fingerprint)
    by_shard: dict[int, dict[str, ParsedFile]] = defaultdict(dict)
    for key, file in parsed.items():
        by_shard[_shard(key)][key] = file
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.parent.iterdir():  # other generators' caches are of no more use
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        for index in sorted({_shard(key) for key in parsed.changed_keys}):
            _write_atomically(folder / f"{index:02d}.pickle", by_shard.get(index, {}))
    except OSError:
        return
    parsed.changed_keys.clear()


def _folder(root: Path, fingerprint: str | None) -> Path:
    return root / CACHE_FOLDER / (fingerprint or generator_fingerprint())


def _shard(key: str) -> int:
    return hashlib.sha1(key.encode(), usedforsecurity=False).digest()[0] % SHARDS


def _write_atomically(target: Path, files: dict[str, ParsedFile]) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(files, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
