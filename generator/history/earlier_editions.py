"""What an earlier edition said: the data at its commit or tag, or the manifest written
beside its PDF, so an edition can list what changed since."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import HandbookError
from ..kinds import BUILT_IN
from ..model.snapshots import Snapshot, snapshot_of_file
from ..schema.registry import Registry
from ..sources.git import BlobReader, git_output, run_git
from ..sources.yaml_source import MAX_FILE_BYTES


def snapshot_at_commit(root: Path, ref: str, data_dir: Path,
                       registry: Registry = BUILT_IN) -> Snapshot:
    """The snapshot of the data as it was at a git commit or tag, read tolerantly (see
    snapshots.py): data that was valid then is compared, whatever today's models say.

    Raises HandbookError when `ref` is not a commit or its data is not readable YAML, and
    GitError when git fails."""
    commit = resolve_commit(root, ref)
    data = data_dir.resolve().relative_to(root.resolve()).as_posix()
    snapshot: Snapshot = {}
    names = git_output(root, "ls-tree", "-r", "-z", "--name-only", commit, "--", data)
    with BlobReader(root) as blobs:
        for name in filter(None, names.split("\0")):
            text = blobs.read(commit, name, expected=True, limit=MAX_FILE_BYTES) or ""
            inside = PurePosixPath(name).relative_to(data) if data != "." else \
                PurePosixPath(name)
            part = snapshot_of_file(inside, text, registry)
            if part is None:
                raise HandbookError(
                    f"the data at '{ref}' could not be read to compare with ({name} is not "
                    "readable YAML there); give another earlier edition with --since")
            for kind, entries in part.items():
                snapshot.setdefault(kind, {}).update(entries)
    return snapshot


def resolve_commit(root: Path, ref: str) -> str:
    """The commit a tag, branch or hash names, refusing anything git would take for an option
    (HandbookError); GitError when git fails."""
    commit = ""
    if not ref.startswith("-"):
        answer = run_git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                         f"{ref}^{{commit}}", accept=(1,))
        commit = answer.output.strip() if answer.code == 0 else ""
    if not commit:
        raise HandbookError(
            f"'{ref}' is not a commit or tag of this repository; give the previous edition as a "
            "tag (v2026.10), a commit, or the path of its .manifest.json file"
        )
    return str(commit)


def read_manifest(path: Path) -> dict[str, Any]:
    """An earlier edition's manifest (written next to its PDF)."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise HandbookError(f"{path}: cannot be read as an edition manifest ({error})") from None
    if not isinstance(manifest, dict) or "snapshot" not in manifest:
        raise HandbookError(f"{path}: is not an edition manifest (it has no snapshot)")
    wrong = _manifest_problem(manifest)
    if wrong:
        raise HandbookError(f"{path}: is not an edition manifest ({wrong}); give the "
                            ".manifest.json file written beside an edition's PDF")
    return manifest


def _manifest_problem(manifest: dict[str, Any]) -> str | None:
    """What keeps `manifest` from being one an edition wrote (any format so far), or None:
    a file of another shape would otherwise be compared as if it were one."""
    if manifest.get("format") not in (1, 2):
        return "its format is not one the generator writes"
    if not isinstance(manifest.get("version"), str) or not isinstance(
            manifest.get("edition"), str):
        return "it names no edition and version"
    snapshot = manifest["snapshot"]
    if not isinstance(snapshot, dict):
        return "its snapshot is not a mapping"
    for kind, entries in snapshot.items():
        if not isinstance(entries, dict):
            return f"its snapshot's {kind!s:.40} is not a mapping"
        for entry in entries.values():
            if not (isinstance(entry, dict) and isinstance(entry.get("title"), str)
                    and isinstance(entry.get("fields"), dict)
                    and isinstance(entry.get("renamed_from", []), list)):
                return f"an entry of its snapshot's {kind!s:.40} is not one an edition wrote"
    return None


def previous_tag(root: Path) -> str | None:
    """The newest tag before the commit being built: the previous edition, by convention.

    None when there is none; raises GitError when git cannot tell. (`git describe` fails
    the same way for "no tag" and for a broken repository, so it is only asked once git
    has said there is a tag to find.)"""
    if not git_output(root, "log", "-1", "--format=%P", "HEAD").strip():
        return None  # the first commit: nothing before it
    if not git_output(root, "tag", "--merged", "HEAD^").strip():
        return None
    return git_output(root, "describe", "--tags", "--abbrev=0", "HEAD^").strip() or None
