"""Typed models, one module per data kind; each declares its fields and their rules."""

from .behaviours import Audience, Behaviour, BehavioursFile, Theme
from .editions import Edition, EditionSection, EditionsFile, StoryChoice, section_names
from .foundation import Element, FoundationFile, Layer
from .organisation import Organisation
from .orientation import Orientation, Reading, Step
from .stories import Person, Story
from .values import Value, ValuesFile

__all__ = [
    "Audience",
    "Behaviour",
    "BehavioursFile",
    "Edition",
    "EditionSection",
    "EditionsFile",
    "Element",
    "FoundationFile",
    "Layer",
    "Organisation",
    "Orientation",
    "Person",
    "Reading",
    "Step",
    "Story",
    "StoryChoice",
    "Theme",
    "Value",
    "ValuesFile",
    "section_names",
]
