"""What changed in the handbook between two versions of its data, in words readers use.

A *snapshot* is the handbook's content as plain JSON: for each kind (value, foundation
element, behaviour, published story), each entry's title and fields. Two snapshots are
compared entry by entry into `Change`s: "New story: ...", "Behaviour 'Reply within a day'
changed its commitment". Snapshots come from the data at a git commit or tag, or from the
manifest written next to an earlier PDF edition; the PDF editions' "Changes in this
edition" and the site's changelog both read them through here.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import HandbookError
from .handbook import Handbook
from .schema import Story

Snapshot = dict[str, dict[str, dict[str, Any]]]

KINDS: dict[str, str] = {
    "value": "value",
    "element": "foundation element",
    "behaviour": "behaviour",
    "story": "story",
}
"""Kinds of entry that are compared, and how a sentence names one."""

# How a changed field is named in a sentence; fields not listed are named as they are.
FIELD_WORDS: dict[str, str] = {
    "name": "name", "title": "title", "statement": "statement", "why": "why it matters",
    "in_practice": "examples of it in practice", "idea": "idea", "practices": "practices",
    "layer": "layer", "values": "related values", "theme": "theme", "audience": "audience",
    "commitment": "commitment", "do": "do examples", "dont": "don't examples",
    "date": "date", "people": "people recognised", "situation": "situation",
    "action": "account of what was done", "outcome": "outcome", "tip": "tip",
    "behaviours": "related behaviours", "featured": "featured mark",
}


@dataclass(frozen=True)
class Change:
    kind: str
    id: str
    title: str
    action: str
    """`added`, `changed` or `removed`."""
    fields: tuple[str, ...] = ()
    old_title: str | None = None
    old_id: str | None = None
    """For an entry renamed with `renamed_from`: the id it had."""

    def describe(self) -> str:
        noun = KINDS[self.kind]
        if self.old_id is not None:
            return (f"{noun.capitalize()} '{self.title}' has a new id, '{self.id}' "
                    f"(was '{self.old_id}')")
        if self.action == "added":
            return f"New {noun}: {self.title}"
        if self.action == "removed":
            return f"{noun.capitalize()} removed: {self.title}"
        words = [FIELD_WORDS.get(f, f.replace("_", " ")) for f in self.fields if f != "name"]
        if self.old_title and self.old_title != self.title:
            renamed = f"{noun.capitalize()} '{self.old_title}' is now called '{self.title}'"
            return renamed + (f" and changed its {_and(words)}" if words else "")
        return f"{noun.capitalize()} '{self.title}' changed its {_and(words)}"


def take_snapshot(handbook: Handbook) -> Snapshot:
    """The content that editions and the changelog compare, as JSON-ready data."""
    groups: dict[str, list[Any]] = {
        "value": handbook.values,
        "element": handbook.elements,
        "behaviour": handbook.behaviours,
        "story": handbook.published,
    }
    snapshot: Snapshot = {}
    for kind, entries in groups.items():
        snapshot[kind] = {entry.id: snapshot_entry(entry) for entry in entries}
    return snapshot


def snapshot_entry(entry: Any) -> dict[str, Any]:
    """One entry as a snapshot holds it: its title and fields, as readers may see them.

    Snapshots are published (manifests beside the PDFs), so a story's people appear as
    the story shows them: by role when it is anonymised, and without consent records.
    """
    fields = entry.model_dump(mode="json", exclude={"status", "people"})
    if isinstance(entry, Story):
        fields["people"] = entry.shown_people
    title = fields.get("name") or fields.get("title") or entry.id
    return {"title": title, "fields": fields}


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """Entries added, changed and removed from `old` to `new`, in a stable, readable order."""
    changes: list[Change] = []
    for kind in KINDS:
        before, after = old.get(kind, {}), new.get(kind, {})
        renamed = _renamed(before, after)
        for entry_id, entry in after.items():
            if entry_id in renamed:
                changes.append(Change(kind, entry_id, entry["title"], "changed",
                                      old_id=renamed[entry_id]))
                continue
            if entry_id not in before:
                changes.append(Change(kind, entry_id, entry["title"], "added"))
                continue
            previous = before[entry_id]
            changed = tuple(
                name for name in sorted(set(entry["fields"]) | set(previous["fields"]))
                if entry["fields"].get(name) != previous["fields"].get(name)
            )
            if changed:
                changes.append(Change(kind, entry_id, entry["title"], "changed", changed,
                                      old_title=previous["title"]))
        changes += [
            Change(kind, entry_id, entry["title"], "removed")
            for entry_id, entry in before.items()
            if entry_id not in after and entry_id not in renamed.values()
        ]
    order = {"added": 0, "changed": 1, "removed": 2}
    return sorted(changes, key=lambda c: (order[c.action], list(KINDS).index(c.kind), c.title))


def _renamed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """New id -> old id, for entries that name a vanished id in `renamed_from`."""
    pairs = {}
    for entry_id, entry in after.items():
        if entry_id in before:
            continue
        for old_id in entry["fields"].get("renamed_from", []):
            if old_id in before and old_id not in after:
                pairs[entry_id] = old_id
                break
    return pairs


def snapshot_at_commit(root: Path, ref: str, data_dir: Path, docs_dir: Path) -> Snapshot:
    """The snapshot of the data as it was at a git commit or tag."""
    from .loader import forget, load_handbook

    archive = _git_archive(root, resolve_commit(root, ref), [data_dir, docs_dir])
    with tempfile.TemporaryDirectory(prefix="handbook-at-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        base = Path(folder)
        handbook, report = load_handbook(
            base / data_dir.relative_to(root), base / docs_dir.relative_to(root), root=base
        )
        forget(base)
    if handbook is None:
        first = report.errors[0].format().splitlines()[0] if report.errors else "unknown"
        raise HandbookError(
            f"the data at '{ref}' could not be read to compare with ({first}); give another "
            "earlier edition with --since"
        )
    return take_snapshot(handbook)


def resolve_commit(root: Path, ref: str) -> str:
    """The commit a tag, branch or hash names, refusing anything git would take for an option."""
    result = _run_git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                      f"{ref}^{{commit}}")
    commit = result.stdout.strip() if result.returncode == 0 else ""
    if ref.startswith("-") or not commit:
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
    return manifest


def previous_tag(root: Path) -> str | None:
    """The newest tag before the commit being built: the previous edition, by convention."""
    result = _run_git(root, "describe", "--tags", "--abbrev=0", "HEAD^")
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else None


def _git_archive(root: Path, ref: str, folders: list[Path]) -> bytes:
    paths = [folder.relative_to(root).as_posix() for folder in folders]
    result = _run_git(root, "archive", "--format=tar", ref, "--", *paths, text=False)
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace").strip().splitlines()
        raise HandbookError(
            f"cannot read the data at '{ref}' from git: {detail[-1] if detail else 'git failed'}"
        )
    return result.stdout  # type: ignore[no-any-return]


def _run_git(root: Path, *args: str, text: bool = True) -> subprocess.CompletedProcess[Any]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=text,
                              timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise HandbookError(f"git could not be run: {error}") from None


def _and(words: list[str]) -> str:
    if not words:
        return "details"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
