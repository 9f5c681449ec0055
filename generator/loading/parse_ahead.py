"""Data files parsed ahead on every core, for a `handbook check` that remembers little.

A first check at 10,000 stories (a fresh clone, a new version of the tool) spent two of
its seven seconds turning YAML into values, one file after another on one core. Parsing a
file needs nothing but its bytes, so before the loader starts, the files the check's
memory does not hold are shared out between worker processes and this one, each part
parsed at once. What comes back is offered to the memory exactly as a clean parse by the
loader would be (`ParsedYamlMemory.remember`), so the loader then reads each file, hashes
it and takes its values from the memory as it does for a file parsed by an earlier check.

Only clean parses come back (no syntax error, no duplicate key, nothing JSON would change):
a file with a problem is parsed again by the loader, which reports it with its line. The
workers hand back JSON text, never pickled objects, and a worker that fails only means
its files are parsed by the loader after all. Where processes cannot be forked (Windows)
or there is one core, nothing is done ahead and the check is as before.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..schema.registry import YAML_SUFFIXES
from ..sources.safe_files import UnsafeFile, read_regular
from ..sources.yaml_source import MAX_FILE_BYTES, read_yaml_text
from .check_cache import DIGEST, ParsedYamlMemory, plain

AHEAD_FROM = 400
"""Fewer unparsed files than this are parsed by the loader alone: starting a worker
costs more than it saves."""


def parse_ahead(memory: ParsedYamlMemory, data_dir: Path, *, cores: int | None = None,
                at_least: int = AHEAD_FROM) -> int:
    """Parse the data files under `data_dir` that `memory` does not hold, on `cores`
    processes (by default every core this process may use), when there are `at_least`
    files; offer each clean result to `memory`. How many were offered."""
    cores = cores or _usable_cores()
    if (cores < 2 or "fork" not in multiprocessing.get_all_start_methods()
            or os.path.islink(data_dir)):  # a linked data folder is the loader's to refuse
        return 0
    files = _data_files(data_dir)
    # Reading every file twice would cost a check that remembers most of them more than
    # the workers save: they only start when most files are new to the memory.
    if len(files) < at_least or len(memory) * 2 >= len(files):
        return 0
    parts = [files[index::cores] for index in range(cores)]
    context = multiprocessing.get_context("fork")  # the workers share the loaded code
    workers = [_start_worker(part, memory, context) for part in parts[1:]]
    results = [parse_part(parts[0], memory)]
    for worker, receiving in workers:
        try:
            results.append(receiving.recv_bytes().decode())
        except (EOFError, OSError, UnicodeDecodeError):
            pass  # the loader parses whatever did not come back
        finally:
            receiving.close()
            worker.join()
    offered = 0
    for result in results:
        for digest, values in _decoded(result).items():
            if DIGEST.fullmatch(digest):
                memory.remember(digest, values)
                offered += 1
    return offered


def _start_worker(part: list[str], memory: ParsedYamlMemory, context: Any
                  ) -> tuple[Any, Connection]:
    """A forked process parsing `part`; it sends its JSON text through the pipe returned.
    Forked, it is handed the memory without copying it through a pipe."""
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(target=_send_parsed, args=(part, memory, sending), daemon=True)
    worker.start()
    sending.close()  # the worker holds its own end: the pipe ends when it does
    return worker, receiving


def _send_parsed(part: list[str], memory: ParsedYamlMemory, sending: Connection) -> None:
    sending.send_bytes(parse_part(part, memory).encode())
    sending.close()


def parse_part(paths: list[str], memory: ParsedYamlMemory) -> str:
    """The clean parses of those of `paths` that `memory` does not hold, as JSON text, by
    the sha256 of each file's bytes."""
    parsed: dict[str, Any] = {}
    for name in paths:
        path = Path(name)
        try:
            raw = read_regular(path, limit=MAX_FILE_BYTES, follow_links=False)
            text = raw.decode("utf-8")
        except (UnsafeFile, UnicodeDecodeError):
            continue  # the loader says what is wrong with it
        digest = hashlib.sha256(raw).hexdigest()
        if memory.holds(digest):
            continue
        doc = read_yaml_text(text, path, name)
        if doc.usable and not doc.problems and doc.data is not None and plain(doc.data):
            parsed[digest] = doc.data
    return json.dumps(parsed, separators=(",", ":"))


def _decoded(result: str) -> dict[str, Any]:
    try:
        decoded = json.loads(result)
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def _data_files(data_dir: Path) -> list[str]:
    """Every YAML file under `data_dir`, hidden names left out, links to folders not
    followed (the loader refuses or skips them itself)."""
    found = []
    for folder, subfolders, names in os.walk(data_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        found += [os.path.join(folder, name) for name in sorted(names)
                  if not name.startswith(".") and name.lower().endswith(YAML_SUFFIXES)]
    return found


def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
