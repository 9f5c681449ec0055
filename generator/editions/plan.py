"""What one edition holds: its chapters in print order, its stories, and where each
entry can be found in it (for cross references and the table of contents)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..kinds import FINDING, STORY
from ..kinds.measures.kind import QUESTIONS
from ..kinds.stories.kind import Story
from ..model.changes import Change
from ..model.handbook import Handbook
from ..model.orientation_paths import OrientationPath, path_of
from ..schema import Edition
from ..schema.common import DataModel
from ..schema.editions import EditionSection
from ..schema.registry import entry_id

TOC_STORIES_LIMIT = 60
"""Beyond this many stories the contents list the stories chapter only (bookmarks still
list every story): a contents of a thousand titles helps nobody."""


@dataclass
class Chapter:
    kind: str
    anchor: str
    title: str
    entries: list[tuple[str, str]] = field(default_factory=list)
    """(anchor, title) of the sections listed under the chapter in the contents."""
    page_path: str | None = None
    """For a hand-written page, its path inside the docs folder."""


@dataclass
class EditionPlan:
    edition: Edition
    chapters: list[Chapter]
    stories: list[Story]
    anchors: dict[tuple[str, str], str]
    """(kind, id) -> anchor, for every entry this edition prints."""
    path: OrientationPath
    """The orientation path its `orientation` section prints (everyone's or a role's)."""
    changes: list[Change] | None = None
    """None when there is nothing to compare with (or the comparison was not possible)."""
    since: str | None = None
    """With changes: what the previous edition is called (a tag, `edition 2026.10`).
    Without: a sentence for the reader saying why there are none."""

    def anchor(self, kind: str, entry_id: str) -> str | None:
        return self.anchors.get((kind, entry_id))


def plan_edition(
    handbook: Handbook, edition: Edition, *, changes: list[Change] | None = None,
    since: str | None = None,
) -> EditionPlan:
    stories = choose_stories(handbook, edition)
    sections = list(edition.sections)
    if changes is None:
        # No earlier edition to compare with, or it could not be read: readers are told
        # nothing rather than given a page that says so.
        sections = [section for section in sections if section.section != "changes"]
    path = path_of(handbook.orientation, edition.path)
    if any(section.section == "orientation" for section in sections):
        sections, stories = _with_orientation_readings(handbook, path, sections, stories)
        sections = _with_path_endings(path, sections)
    chapters: list[Chapter] = []
    anchors: dict[tuple[str, str], str] = {}
    for section in sections:
        if section.page is not None:
            page = handbook.pages[section.page]
            anchor = "page-" + _slug(section.page)
            chapters.append(Chapter("page", anchor, page.title, page_path=section.page))
            anchors[("page", section.page)] = anchor
            continue
        kind = section.section
        assert kind is not None
        title = path.title if kind == "orientation" and path.role else handbook.section_title(kind)
        chapter = Chapter(kind, f"chapter-{kind}", title)
        chapter.entries = _entries(handbook, kind, stories, anchors, path)
        anchors[("section", kind)] = chapter.anchor
        chapters.append(chapter)
    return EditionPlan(edition, chapters, stories, anchors, path, changes, since)


def _with_orientation_readings(
    handbook: Handbook, path: OrientationPath, sections: list[EditionSection],
    stories: list[Story],
) -> tuple[list[EditionSection], list[Story]]:
    """An edition that prints the orientation path prints everything the path asks the
    reader to read: each page, section and story it names that the edition would leave
    out is added, in the path's order, before the page to sign. So every reading in the
    booklet has a page number, and a new hire can do the whole path on paper."""
    pages = {section.page for section in sections if section.page}
    names = {section.section for section in sections if section.section}
    story_ids = {story.id for story in stories}
    added: list[EditionSection] = []
    for reading in path.readings:
        kind, target = reading.kind, reading.target
        if kind == "page":
            if target not in pages:
                pages.add(target)
                added.append(EditionSection(page=target))
            continue
        section: str | None
        if kind == STORY.name:
            story = handbook.find(STORY, target)
            if story is not None and target not in story_ids:
                story_ids.add(target)
                stories = [*stories, story]
            section = "stories"
        else:
            section = target if kind == "section" else handbook.registry.kind[kind].section
        if section is not None and section not in names:
            names.add(section)
            # A section of the build's registry: validated against it, not the built-in one.
            added.append(EditionSection.model_validate(
                {"section": section}, context={"registry": handbook.registry}))
    if not added:
        return sections, stories
    at = next((index for index, section in enumerate(sections)
               if section.section == "acknowledgement"), len(sections))
    return [*sections[:at], *added, *sections[at:]], stories


def _with_path_endings(
    path: OrientationPath, sections: list[EditionSection]) -> list[EditionSection]:
    """An edition that prints a path ends with the path's guide for the buddy and, when it
    asks questions, their answers: pages a buddy or manager can take out. An edition that
    lists either itself keeps it where it is."""
    named = {section.section for section in sections}
    endings = [EditionSection(section=name) for name in ("buddy-guide", "answers")
               if name not in named]
    return [section for section in [*sections, *endings]
            if section.section != "answers" or path.questions]


def choose_stories(handbook: Handbook, edition: Edition) -> list[Story]:
    choice = edition.stories
    if choice.ids:
        found = (handbook.find(STORY, story_id) for story_id in choice.ids)
        return [story for story in found if story is not None]  # one for other groups: left out
    if choice.pick == "none":
        return []
    stories = handbook.featured if choice.pick == "featured" else handbook.published
    if choice.values:
        wanted = set(choice.values)
        stories = [story for story in stories if wanted & set(story.values)]
    if choice.latest is not None:
        stories = stories[:choice.latest]  # published stories are kept newest first
    return stories


def content_fingerprint(handbook: Handbook, plan: EditionPlan) -> str:
    """A short hash of everything the edition prints, so two copies can be told apart.

    It covers the content, not the build: the same data prints the same fingerprint on
    any machine and at any time.
    """
    parts: dict[str, Any] = {"edition": plan.edition.model_dump(mode="json")}
    for chapter in plan.chapters:
        if chapter.page_path:
            parts[chapter.anchor] = handbook.pages[chapter.page_path].markdown
    for section in handbook.registry.planned_sections:
        parts[section.name] = [entry.model_dump(mode="json")
                               for kind in handbook.registry.kinds_in(section.name)
                               for entry in handbook.of(kind)]
    parts["results"] = {measure: [[r.period.label, r.value, r.team, r.sample] for r in rows]
                        for measure, rows in sorted(handbook.results.items())}
    parts["stories"] = [[s.id, s.model_dump(mode="json")] for s in plan.stories]
    parts["orientation"] = handbook.orientation.model_dump(mode="json")
    parts["path"] = plan.path.id
    parts["organisation"] = handbook.organisation.model_dump(mode="json")
    encoded = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:12]


def _entries(
    handbook: Handbook, kind: str, stories: list[Story], anchors: dict[tuple[str, str], str],
    path: OrientationPath,
) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []

    def add(entry_kind: str, entry_id: str, title: str, listed: bool = True) -> None:
        anchor = f"{entry_kind}-{entry_id}"
        anchors[(entry_kind, entry_id)] = anchor
        if listed:
            entries.append((anchor, title))

    if kind in {section.name for section in handbook.registry.planned_sections}:
        # A section planned from the data: its outer entries (layers) are listed in the
        # contents, the entries within them (elements) only get anchors.
        kinds = handbook.registry.kinds_in(kind)
        for outer in (entry_kind for entry_kind in kinds if entry_kind.within is None):
            inner = [entry_kind for entry_kind in kinds
                     if entry_kind.within and handbook.registry.targets[entry_kind.within] is outer]
            shown: list[DataModel] = list(handbook.shown(outer))
            if outer is FINDING and shown:
                # As the chapter prints them: under their heading, by question, newest first.
                entries.append(("findings", handbook.words("pages.findings")))
                findings = sorted(handbook.shown(FINDING), key=lambda f: (
                    QUESTIONS.index(f.question), -f.date.toordinal()))
                shown = list(findings)
            for entry in shown:
                add(outer.name, entry_id(entry), handbook.registry.title_of(entry))
                for within in inner:
                    for member in handbook.grouped(within, within.within or "").get(
                            entry_id(entry), []):
                        add(within.name, entry_id(member), handbook.registry.title_of(member),
                            listed=False)
    elif kind == "stories":
        for story in stories:
            add("story", story.id, story.title, listed=len(stories) <= TOC_STORIES_LIMIT)
    elif kind == "orientation":
        for day in sorted({item.step.day for item in path.steps}):
            add("day", str(day), handbook.words("readings.day", day=day))
    return entries


def _slug(path: str) -> str:
    return path.removesuffix(".md").replace("/", "-").replace(".", "-")
