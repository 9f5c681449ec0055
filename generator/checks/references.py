"""Checks that span entries and files: unique ids, references that resolve, weak spots.

Runs after every file has been validated on its own. Entries from a file that failed
validation are still checked where they could be read (see `loader._salvage`), and ids
are known from the raw data, so a typo in one file does not make every reference to
it look broken too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, Severity
from ..kinds import BUILT_IN, STORIES_FOLDER, STORY, VALUE
from ..kinds.stories.kind import Story
from ..schema import EditionsFile, Organisation, Orientation
from ..schema.common import SLUG, DataModel
from ..schema.registry import EntryKind, Registry
from ..sources.pages_source import HandPage
from ..sources.yaml_source import YamlDocument
from .audiences import check_audiences
from .validation import field_path, suggestions


@dataclass
class LoadedData:
    """What the loader could read, valid or not, for the cross-checks to work on."""

    pages: dict[str, HandPage]
    docs_dir: Path
    docs_folder: str
    """The docs folder as messages name it (`handbook`)."""
    organisation: Organisation | None = None
    orientation: Orientation | None = None
    editions: EditionsFile | None = None
    registry: Registry = BUILT_IN
    """The kinds this build knows."""
    entries: dict[str, list[Any]] = field(default_factory=dict)
    """The valid entries of each list (`values`)."""
    folder_entries: dict[str, list[Any]] = field(default_factory=dict)
    """The valid entries of each folder of files (`stories`), one per file."""
    known_ids: dict[str, list[str]] = field(default_factory=dict)
    """Ids per list as written in the files, including entries that failed validation."""
    known_files: dict[str, dict[str, str]] = field(default_factory=dict)
    """Every entry id of each folder of files (`stories`) with its status as written."""
    docs: dict[str, YamlDocument] = field(default_factory=dict)
    files: dict[str, DataModel] = field(default_factory=dict)
    """Each data file read and valid as a whole, by its stem (`values`): what it says
    besides its lists (the values' introduction)."""
    list_files: dict[str, str] = field(default_factory=dict)
    """The file each list was read from, as messages name it (`values` -> data/values.yml)."""
    stories_folder: str = "data/stories/"

    def __post_init__(self) -> None:
        for single_file in self.registry.single_files:
            for name in single_file.lists:
                self.entries.setdefault(name, [])
        for folder in self.registry.folders:
            if folder.folder:
                self.folder_entries.setdefault(folder.folder, [])

    @property
    def stories(self) -> list[Story]:
        return self.folder_entries[STORIES_FOLDER]

    @property
    def known_stories(self) -> dict[str, str]:
        """Every story id with its status as written."""
        return self.known_files.setdefault(STORIES_FOLDER, {})

    def note_ids(self, list_name: str, raw: Any) -> None:
        """Remember the ids a list was written with; an unreadable list leaves them unknown,
        so references to it are not all reported as broken too."""
        if not isinstance(raw, list):
            return
        if not all(isinstance(item, dict) and isinstance(item.get("id"), str)
                   and SLUG.match(item["id"]) for item in raw):
            # An id is missing or malformed (and reported where it is written): which id the
            # references mean is anyone's guess, so they are not reported as broken as well.
            return
        self.known_ids[list_name] = [item["id"] for item in raw]

    def problem(
        self, entry: DataModel, loc: tuple[str | int, ...], message: str, hint: str = "",
        severity: Severity = Severity.ERROR, *, within: str | None = None,
        follows_from: str | None = None,
    ) -> Problem:
        """A problem at a field of `entry`; with `within`, at that text inside the field;
        with `follows_from`, a reference to an id that file does not hold."""
        source = entry.written_in
        doc = self.docs[source.file]
        full = (*source.loc, *loc)
        line, column = doc.locate_text(full, within) if within else doc.locate(full)
        return Problem(doc.display, line, column, field_path(doc.data, full), message, hint,
                       severity, follows_from)


def check_references(data: LoadedData) -> list[Problem]:
    """Errors for ids used twice and references that do not resolve."""
    problems: list[Problem] = []
    problems += _check_unique_ids(data)
    problems += _check_old_ids(data)
    problems += _check_entry_references(data)
    problems += _check_see_also(data)
    problems += check_audiences(data)
    problems += _check_principles(data)
    problems += _check_applies_to(data)
    problems += _check_edition_languages(data)
    problems += _check_editions(data)
    return problems


def _check_unique_ids(data: LoadedData) -> Iterator[Problem]:
    for entries in data.entries.values():
        first: dict[str, DataModel] = {}
        for entry in entries:
            if entry.id in first:
                where = first[entry.id].written_in
                line, _ = data.docs[where.file].locate(where.loc)
                yield data.problem(
                    entry, ("id",), f"the id '{entry.id}' is used twice (first on line {line})",
                    "ids must be unique: rename one of the two entries",
                )
            else:
                first[entry.id] = entry


def _check_old_ids(data: LoadedData) -> Iterator[Problem]:
    """An old id (`renamed_from`) must lead to one entry, and not be some entry's id now."""
    for kind in data.registry.followed:  # the kinds that can be renamed
        label, entries = kind.noun, entries_of(data, kind)
        current = {entry.id for entry in entries}
        claimed: dict[str, DataModel] = {}
        for entry in entries:
            for index, old_id in enumerate(entry.renamed_from):
                if old_id in current:
                    yield data.problem(
                        entry, ("renamed_from", index),
                        f"'{old_id}' is the id of a {label} now, so it cannot lead here",
                        "remove it from renamed_from, or rename the other one",
                    )
                elif old_id in claimed:
                    yield data.problem(
                        entry, ("renamed_from", index),
                        f"the old id '{old_id}' is also claimed by another {label}",
                        "an old address can lead to one place only: keep it on one of them",
                    )
                else:
                    claimed[old_id] = entry


def _check_entry_references(data: LoadedData) -> Iterator[Problem]:
    targets = data.registry.targets
    sources = [entry for kind in data.registry.kinds for entry in entries_of(data, kind)]
    for entry in sources:
        for field_name, target in targets.items():
            if field_name not in type(entry).model_fields:
                continue
            value = getattr(entry, field_name)
            refs = value if isinstance(value, list) else [value]
            for index, ref in enumerate(refs):
                loc: tuple[str | int, ...] = (
                    (field_name, index) if isinstance(value, list) else (field_name,))
                if ref in refs[:index]:
                    yield data.problem(entry, loc, f"'{ref}' is listed twice",
                                       f"list each of the {target.list_name} once")
                    continue
                yield from _check_ref(data, entry, loc, ref, target)


def _check_see_also(data: LoadedData) -> Iterator[Problem]:
    """`see_also` names hand-written pages, which must be there."""
    for kind in data.registry.kinds:
        if "see_also" not in kind.model.model_fields:
            continue
        for entry in entries_of(data, kind):
            for index, page in enumerate(entry.see_also):
                if page not in data.pages:
                    yield data.problem(
                        entry, ("see_also", index),
                        f"there is no page '{page}' in {data.docs_folder}/",
                        suggestions(page, sorted(data.pages), label="pages"))


def entries_of(data: LoadedData, kind: EntryKind[DataModel]) -> list[Any]:
    """The entries of `kind` that could be read."""
    if kind.list_name is None:  # one entry per file: stories, ideas
        return data.folder_entries[kind.file]
    return data.entries[kind.list_name]


def _check_ref(
    data: LoadedData, entry: DataModel, loc: tuple[str | int, ...], ref: str,
    target: EntryKind[DataModel],
) -> Iterator[Problem]:
    list_name = target.list_name or ""
    known = data.known_ids.get(list_name)
    if known is None or ref in known:
        return  # the target file could not be read at all: its own error says so
    yield data.problem(entry, loc, f"unknown {target.noun} '{ref}'",
                       suggestions(ref, known, label=f"known {list_name}"),
                       follows_from=data.list_files.get(list_name))


def check_reading(
    data: LoadedData, orientation: Orientation, loc: tuple[str | int, ...], kind: str, target: str
) -> list[Problem]:
    """Problems with what an orientation step (or question) names: a page that is not
    there, an entry or story that is unknown or not published."""
    return list(_reading_problems(data, orientation, loc, kind, target))


def _reading_problems(
    data: LoadedData, orientation: Orientation, loc: tuple[str | int, ...], kind: str, target: str
) -> Iterator[Problem]:
    if kind == "page":
        if target not in data.pages:
            yield data.problem(
                orientation, loc, f"there is no page '{target}' in {data.docs_folder}/",
                suggestions(target, sorted(data.pages), label="pages"),
            )
        return
    if kind == STORY.name:
        yield from _check_story_link(data, orientation, loc, target)
        return
    if kind == "section":
        yield from _check_section_reading(data, orientation, loc, target)
        return
    kinds = data.registry.kind
    list_name = kinds[kind].list_name if kind in kinds else None
    if list_name is None:
        return
    known = data.known_ids.get(list_name)
    if known is not None and target not in known:
        yield data.problem(
            orientation, loc, f"unknown {kind} '{target}'",
            suggestions(target, known, label=f"known {list_name}"),
            follows_from=data.list_files.get(list_name),
        )


def _check_section_reading(
    data: LoadedData, orientation: Orientation, loc: tuple[str | int, ...], target: str
) -> Iterator[Problem]:
    """A section is a fixed choice (the model checks the name), but an optional one has a
    page only while something in it is shown: a step cannot send a new hire to nothing."""
    section = data.registry.section.get(target)
    if section is None or not section.optional:
        return
    kinds = data.registry.kinds_in(target)
    lifecycle = data.registry.lifecycle_kinds
    if any(getattr(entry, "is_published", True) if kind in lifecycle else True
           for kind in kinds for entry in entries_of(data, kind)):
        return
    held = " or ".join(("published " if kind in lifecycle else "") + (kind.list_name or kind.file)
                       for kind in kinds)
    yield data.problem(
        orientation, loc, f"the '{target}' section has no page: there are no {held} yet",
        "add one to the data, or have this step read something else",
    )


def _check_editions(data: LoadedData) -> Iterator[Problem]:
    for edition in data.entries["editions"]:
        for index, section in enumerate(edition.sections):
            if section in edition.sections[:index]:
                yield data.problem(
                    edition, ("sections", index),
                    f"'{section.section or section.page}' is in this edition twice",
                    "print each section once",
                )
                continue
            if section.page is not None and section.page not in data.pages:
                yield data.problem(
                    edition, ("sections", index, "page"),
                    f"there is no page '{section.page}' in {data.docs_folder}/",
                    suggestions(section.page, sorted(data.pages), label="pages"),
                )
        for index, value in enumerate(edition.stories.values):
            yield from _check_ref(data, edition, ("stories", "values", index), value, VALUE)
        by_id = {story.id: story for story in data.stories}
        for index, story_id in enumerate(edition.stories.ids):
            yield from _check_story_link(data, edition, ("stories", "ids", index), story_id)
            story = by_id.get(story_id)
            if story and edition.applies_to and story.applies_to and not (
                    set(story.applies_to) & set(edition.applies_to)):
                yield data.problem(
                    edition, ("stories", "ids", index),
                    f"the story '{story_id}' applies to other groups than this edition's",
                    "remove it from ids, or add one of its groups to the edition's applies_to")


def _check_story_link(
    data: LoadedData, entry: DataModel, loc: tuple[str | int, ...], story_id: str
) -> Iterator[Problem]:
    """A link to a story must reach a published one: drafts and retired stories are hidden."""
    status = data.known_stories.get(story_id)
    if status is None:
        yield data.problem(
            entry, loc, f"unknown story '{story_id}'",
            suggestions(story_id, sorted(data.known_stories), label="known stories"),
            follows_from=data.stories_folder,
        )
    elif status != "published":
        yield data.problem(
            entry, loc, f"the story '{story_id}' is {status}, so it is not shown anywhere",
            "link a published story, or publish this one (status: published)",
        )


def _check_edition_languages(data: LoadedData) -> Iterator[Problem]:
    """An edition is printed in languages the handbook is read in."""
    if data.organisation is None:
        return
    known = data.organisation.all_languages
    for edition in data.entries["editions"]:
        for index, language in enumerate(edition.languages):
            if language not in known:
                yield data.problem(
                    edition, ("languages", index),
                    f"the handbook is not read in '{language}'",
                    f"give languages organisation.yml lists: {', '.join(known)}")


def _check_applies_to(data: LoadedData) -> Iterator[Problem]:
    """`applies_to` names groups organisation.yml declares."""
    if data.organisation is None:
        return  # its own errors say what is wrong; the groups are not known
    known = [group.id for group in data.organisation.groups]
    entries = [*data.entries["behaviours"], *data.stories, *data.entries["editions"]]
    for entry in entries:
        for index, group in enumerate(entry.applies_to):
            if group not in known:
                yield data.problem(
                    entry, ("applies_to", index), f"unknown group '{group}'",
                    suggestions(group, known, label="groups (declared under `groups:` in "
                                "organisation.yml)"))


def _check_principles(data: LoadedData) -> Iterator[Problem]:
    """A principle's id is its anchor on the value's page: one per value."""
    for value in data.entries["values"]:
        seen: set[str] = set()
        for index, principle in enumerate(value.principles):
            if principle.id in seen:
                yield data.problem(
                    value, ("principles", index, "id"),
                    f"the principle id '{principle.id}' is used twice in this value",
                    "give each principle of a value its own id")
            seen.add(principle.id)


def coverage_gaps(data: LoadedData) -> Iterator[Problem]:
    """Advice on what the handbook still lacks: a value no story shows yet, a layer with no
    element, the site's address. Advice, not warnings: a new handbook has no stories, and a
    layer may only describe. The loader asks only when the data is sound: while a story
    file is broken, "no story illustrates this value" would be noise."""
    organisation = data.organisation
    if organisation is not None and organisation.site_url is None:
        yield data.problem(
            organisation, (), "site_url is not set: the sitemap lists no pages, the feed's "
            "links only work from the site itself, and printed editions cannot link to it",
            "add `site_url:` with the address the handbook is published at "
            "(https://handbook.example.org/) once it is known",
            severity=Severity.ADVICE,
        )
    published = [story for story in data.stories if story.is_published]
    illustrated = {value for story in published for value in story.values}
    for value in data.entries["values"]:
        if value.id not in illustrated:
            yield data.problem(
                value, ("id",), f"no published story illustrates the value '{value.name}' yet",
                "ask managers for a story that shows it (see the contribute page)",
                severity=Severity.ADVICE,
            )
    kinds = data.registry
    for member in kinds.kinds:  # a layer with no element, a theme with no behaviour
        group = kinds.targets[member.within] if member.within else None
        if group is not None and group.list_name and member.list_name:
            yield from _empty_groups(data, group.list_name, member.list_name,
                                          member.within or "", member.noun)


def _empty_groups(
    data: LoadedData, groups: str, members: str, field_name: str, member_label: str
) -> Iterable[Problem]:
    used = {getattr(member, field_name) for member in data.entries[members]}
    for group in data.entries[groups]:
        if group.id not in used:
            yield data.problem(
                group, ("id",), f"no {member_label} belongs to '{group.name}'",
                f"add one with `{field_name}: {group.id}`, or remove this entry",
                severity=Severity.ADVICE,
            )
