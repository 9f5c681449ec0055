"""Typed models of the data files that are not kinds of entry (the organisation, the
orientation paths, the editions), the registry's building blocks, and what every model
shares (common.py). The kinds of entry are in generator/kinds/, one folder each."""

from .editions import Edition, EditionSection, EditionsFile, StoryChoice, section_names
from .organisation import Organisation
from .orientation import Orientation, Reading, Step

__all__ = [
    "Edition",
    "EditionSection",
    "EditionsFile",
    "Organisation",
    "Orientation",
    "Reading",
    "Step",
    "StoryChoice",
    "section_names",
]
