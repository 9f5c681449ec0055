"""What the changelog compares: each entry's reader-visible fields, as plain JSON.

A *snapshot* holds, for each kind (value, foundation element, behaviour, published story),
each entry's title, its reader-visible fields (the model's `reader_fields`, nothing a
curator alone sees) and the ids it was `renamed_from`. Snapshots are compared into the
changelog and published inside edition manifests.

Today's data gives a snapshot through the validated models. Data at an old commit is read
*tolerantly*: it was valid under the models of its day, not necessarily today's, so only
what the changelog needs is taken from its YAML. Unknown fields are ignored, missing ones
are left out, and nothing is validated, so a change to the models does not rewrite history.
Both go through `entry_view`, so the same content always gives the same snapshot.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any, TypedDict

from pydantic_core import PydanticCustomError

from ..kinds import BUILT_IN, STORIES_FOLDER, STORY
from ..kinds.stories.kind import Story, shown_person
from ..kinds.stories.story_dates import parse_story_date
from ..schema.common import DataModel
from ..schema.registry import YAML_SUFFIXES, EntryKind, Registry, entry_id
from ..sources.yaml_source import read_yaml_text
from .handbook import Handbook


class EntryView(TypedDict):
    """One entry as a snapshot (and an edition's manifest) holds it: plain JSON."""

    title: str
    fields: dict[str, Any]
    """Its reader fields, as plain JSON values."""
    renamed_from: list[str]


Snapshot = dict[str, dict[str, EntryView]]


def take_snapshot(handbook: Handbook) -> Snapshot:
    """Today's content, from the validated handbook."""
    return {
        kind.name: {entry_id(entry): entry_view(kind.name, entry_id(entry),
                                                entry.model_dump(mode="json"), handbook.registry)
                    for entry in handbook.shown(kind)}
        for kind in handbook.registry.followed
    }


def entry_view(kind: str, entry_id: str, data: Mapping[str, Any],
               registry: Registry = BUILT_IN) -> EntryView:
    """One entry as a snapshot holds it, from its data (validated or not)."""
    entry_kind = registry.kind[kind]
    model = entry_kind.model
    fields = {name: _plain(_reader_value(model, name, data)) for name in model.reader_fields}
    if "date" in fields and isinstance(fields["date"], int | str):
        # `date: 2019` is the number 2019 in YAML and the text "2019" in a snapshot taken
        # from the model: both are read as the story date they write.
        with contextlib.suppress(PydanticCustomError):
            fields["date"] = parse_story_date(fields["date"]).text
    title = (data.get(entry_kind.title_field) if entry_kind.title_field else None) or \
        fields.get("name") or fields.get("title") or entry_id
    renamed = data.get("renamed_from")
    return {
        "title": str(title),
        "fields": fields,
        "renamed_from": [str(old) for old in renamed] if isinstance(renamed, list) else [],
    }


def snapshot_of_file(path: PurePosixPath, text: str,
                     registry: Registry = BUILT_IN) -> Snapshot | None:
    """The entries one data file held at some commit, read tolerantly.

    `path` is the file's path inside the data folder. Files the changelog does not follow
    give an empty snapshot; a file that is not readable YAML (it happens: a broken version
    was committed, then fixed) gives None.
    """
    stem, suffix = path.stem, path.suffix.lower()
    is_story = path.parts[0] == STORIES_FOLDER and len(path.parts) > 1
    hidden = any(part.startswith(".") for part in path.parts)  # as the loader skips them
    if suffix not in YAML_SUFFIXES or hidden or (
            not is_story and (len(path.parts) > 1 or not _followed_in(stem, registry))):
        return {}
    doc = read_yaml_text(text, Path(path), path.as_posix())
    if not doc.usable:
        return None
    data = doc.data
    if not isinstance(data, dict):
        return None
    if is_story:
        # Drafts and retired stories are not shown, so they are not in the changelog.
        status = data.get("status", Story.model_fields["status"].default)
        shown = status == "published"
        return {STORY.name: {stem: entry_view(STORY.name, stem, data, registry)}
                if shown else {}}
    snapshot: Snapshot = {}
    for followed in _followed_in(stem, registry):
        kind, entries = followed.name, data.get(followed.list_name or "")
        if not isinstance(entries, list):
            return None
        snapshot[kind] = {
            entry["id"]: entry_view(kind, entry["id"], entry, registry)
            for entry in entries if isinstance(entry, dict) and isinstance(entry.get("id"), str)
        }
    return snapshot


def _followed_in(stem: str, registry: Registry) -> list[EntryKind[DataModel]]:
    """The kinds the changelog follows whose lists are in the data file `stem`."""
    return [kind for kind in registry.followed if kind.list_name and kind.file == stem]


def _reader_value(model: type[DataModel], name: str, data: Mapping[str, Any]) -> Any:
    if model is Story and name == "people":
        people = data.get("people")
        anonymised = data.get("anonymised") is True
        return [
            shown_person(person.get("name"), person.get("team"), person.get("role"),
                         anonymised=anonymised)
            for person in (people if isinstance(people, list) else [])
            if isinstance(person, dict)
        ]
    if name in data:
        return data[name]
    field = model.model_fields.get(name)
    if field is None or field.is_required():
        return None  # added to the model since: nothing was said then
    return field.get_default(call_default_factory=True)


def _plain(value: Any) -> Any:
    """A JSON value, with text in one canonical spacing: YAML's line folding and the
    models' trimming do not count as changes, paragraph breaks do."""
    if isinstance(value, str):
        paragraphs = re.split(r"\n\s*\n", value.strip())
        return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)
