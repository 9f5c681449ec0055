"""What changed in the handbook between two versions of its data, in words readers use.

Two snapshots (see snapshots.py: each entry's reader-visible fields) are compared entry by
entry into `Change`s: "New story: ...", "Behaviour 'Reply within a day' changed its
commitment". Only fields readers see are compared, so a commit that only records who
curated a story or when to review it is no news. Snapshots come from the data at a git
commit or tag, or from the manifest written next to an earlier PDF edition; the PDF
editions' "Changes in this edition" and the site's changelog both read them through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..kinds import BUILT_IN
from ..schema.registry import Registry
from ..wording import Wording
from .snapshots import Snapshot


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

    def describe(self, words: Wording) -> str:
        """The change as a sentence readers read, in the handbook's language."""
        noun = words(f"kinds.{self.kind}")
        names = {"kind": noun, "Kind": noun[:1].upper() + noun[1:], "title": self.title,
                 "id": self.id, "old_id": self.old_id, "old_title": self.old_title}
        if self.old_id is not None:
            return words("changes.new id", **names)
        if self.action in ("added", "removed"):
            own = f"changes.{self.action} {self.kind}"  # "Story published: ..."
            return words(own if words.has(own) else f"changes.{self.action}", **names)
        fields = [words(f"fields.{name}") if words.has(f"fields.{name}")
                  else name.replace("_", " ") for name in self.fields if name != "name"]
        said = words.and_list(fields) if fields else words("changes.details")
        if self.old_title and self.old_title != self.title:
            return words("changes.renamed and changed" if fields else "changes.renamed",
                         fields=said, **names)
        return words("changes.changed", fields=said, **names)


def merged(changes: list[Change]) -> Change | None:
    """One entry's changes over a stretch of time (newest first) as the one change a reader
    needs: new then edited is new, edited twice is edited once (both edits' fields), new
    then removed is nothing at all."""
    newest, oldest = changes[0], changes[-1]
    if newest.action == "removed":
        return None if oldest.action == "added" else newest
    if oldest.action == "added":
        return Change(newest.kind, newest.id, newest.title, "added")
    fields = tuple(sorted({name for change in changes for name in change.fields}))
    old_id = next((change.old_id for change in changes if change.old_id), None)
    old_title = next((change.old_title for change in reversed(changes) if change.old_title),
                     None)
    return Change(newest.kind, newest.id, newest.title, "changed", fields,
                  old_title=old_title, old_id=old_id if not fields else None)


def compare(old: Snapshot, new: Snapshot, registry: Registry = BUILT_IN) -> list[Change]:
    """Entries added, changed and removed from `old` to `new`, in a stable, readable order:
    of the kinds `registry` (the build's) follows."""
    changes: list[Change] = []
    for followed in registry.followed:
        kind = followed.name
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
            # Manifests of earlier editions (format 1) hold more fields: only these count.
            changed = tuple(
                name for name in sorted(followed.model.reader_fields)
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
    kinds = registry
    return sorted(changes, key=lambda c: (
        order[c.action], kinds.followed.index(kinds.kind[c.kind]), c.title))


def _renamed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, str]:
    """New id -> old id, for entries that name a vanished id in `renamed_from`."""
    pairs = {}
    for entry_id, entry in after.items():
        if entry_id in before:
            continue
        # Format 1 manifests kept renamed_from among the fields.
        for old_id in entry.get("renamed_from", entry["fields"].get("renamed_from", [])):
            if old_id in before and old_id not in after:
                pairs[entry_id] = old_id
                break
    return pairs
