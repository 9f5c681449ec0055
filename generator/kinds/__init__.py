"""The generator's own kinds of content, one folder each (`values/`, `foundation/`,
`behaviours/`, `stories/`, `measures/`, `ideas/`): its model and declaration in `kind.py`,
its page and chapter templates in `templates/`, written the way a handbook writes a kind
of its own (see loading/kind_folders.py). `BUILT_IN` gathers them, with the data files
that are not kinds of entry (the organisation, the orientation paths, the editions).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from ..schema import Organisation, Orientation
from ..schema.editions import Edition, EditionSection, EditionsFile, StoryChoice
from ..schema.organisation import Colours
from ..schema.orientation import Reading, Role, RoleStep, Step
from ..schema.quiz import Choice, Question
from ..schema.registry import DataFile, Registry, Section
from ..wording import folder_catalogues, merged
from .behaviours import kind as behaviours
from .foundation import kind as foundation
from .ideas import kind as ideas
from .measures import kind as measures
from .stories import kind as stories
from .values import kind as values

ORGANISATION_FILE = DataFile(
    "organisation.yml", Organisation, "Organisation", "Who the handbook belongs to and where "
    "it is published.", "organisation.schema.json", (Colours,))
ORIENTATION_FILE = DataFile(
    "orientation.yml", Orientation, "Orientation paths",
    "The reading paths new hires follow in their first days: everyone's, and one per role.",
    "orientation.schema.json", (Step, Reading, RoleStep, Role, Question, Choice))
EDITIONS_FILE = DataFile(
    "editions.yml", EditionsFile, "PDF editions", "The printable PDF editions.",
    "editions.schema.json", (Edition, EditionSection, StoryChoice), ("editions",),
    required=False)
ORIENTATION_SECTION = Section("orientation", "orientation.md", None)
"""The orientation path's page, planned by site/orientation_pages.py."""

_FOLDERS = (values, foundation, behaviours, stories, measures, ideas)


def _folder(kind: ModuleType) -> Path:
    return Path(str(kind.__file__)).parent


def _words() -> dict[str, dict[str, Any]]:
    """Every folder's words, by language, together."""
    words: dict[str, dict[str, Any]] = {}
    for kind in _FOLDERS:
        for language, entries in folder_catalogues(_folder(kind)).items():
            words[language] = merged(words.get(language, {}), entries)
    return words


BUILT_IN = Registry(
    # In the order an editor meets the files (the field reference, the loader).
    files=(ORGANISATION_FILE, values.VALUES_FILE, foundation.FOUNDATION_FILE,
           behaviours.BEHAVIOURS_FILE, stories.STORY_FILES, ORIENTATION_FILE, EDITIONS_FILE,
           measures.MEASURES_FILE, measures.FINDINGS_FILE, ideas.IDEA_FILES),
    kinds=tuple(kind for folder in _FOLDERS for kind in folder.declaration.kinds),
    sections=(values.SECTION, foundation.SECTION, behaviours.SECTION, stories.SECTION,
              ORIENTATION_SECTION, measures.SECTION, ideas.SECTION),
    template_folders=tuple(_folder(kind) / "templates" for kind in _FOLDERS),
    wording=_words(),
)
"""The generator's own kinds: the registry of a build whose mkdocs.yml adds none."""

VALUE, LAYER, ELEMENT = values.VALUE, foundation.LAYER, foundation.ELEMENT
THEME, BEHAVIOUR, STORY = behaviours.THEME, behaviours.BEHAVIOUR, stories.STORY
MEASURE, FINDING, IDEA = measures.MEASURE, measures.FINDING, ideas.IDEA
STORIES_FOLDER, IDEAS_FOLDER = stories.STORIES_FOLDER, ideas.IDEAS_FOLDER
