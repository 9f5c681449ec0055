"""`data/measures.yml` and `data/findings.yml`: how the service is measured, and what
surveys and reviews taught.

A measure's figures are not here: they arrive as CSV files exported from survey and
support tools, `data/results/<measure id>.csv` (see sources/results_csv.py).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ...schema.common import DataModel, Figure, Id, IdRef, IsoDate, Line, Text, problem
from ...schema.registry import DataFile, Declaration, EntryKind, Section

UNITS = ("percent", "hours", "score", "count")
QUESTIONS = ("satisfaction", "avoidable-mistakes", "policies", "assumptions")
"""The four questions customer surveys keep asking: how satisfied customers are, which
mistakes could have been avoided, which policies could be better, which assumptions about
customers were wrong."""


class Measure(DataModel):
    """One thing the organisation measures about its service."""

    template = "measure.md.jinja"
    reading_fields = ("name", "meaning", "why")
    reader_fields = ("name", "meaning", "why", "unit", "direction", "target", "owed_to",
                     "values", "behaviours")

    id: Id
    """Stable id (`calls-returned`); its page is `measures/<id>/` and its figures are in
    `data/results/<id>.csv`."""
    name: Line
    """What is measured, as readers see it (`Calls returned within a day`)."""
    meaning: Text
    """What the figure is: what is counted, and how."""
    why: Text
    """Why it matters to customers or colleagues."""
    unit: Literal["percent", "hours", "score", "count"]
    """How the figure is counted: `percent` (0 to 100), `hours`, `score` or `count`."""
    direction: Literal["higher", "lower"]
    """Which way is better: `higher` (more calls returned) or `lower` (fewer hours)."""
    target: Figure
    """The figure aimed for, in the unit (`95` for 95%). For a measure given per team, the
    overall figure is held to it: a count is the teams' total, anything else their average
    (weighted by `sample` when every row gives one)."""
    owed_to: IdRef
    """Whom the service measured is owed to: an audience of behaviours.yml (by default
    `customers` or `coworkers`, the internal customers)."""
    values: list[IdRef] = Field(default_factory=list)
    """Ids of the values the figure reflects."""
    behaviours: list[IdRef] = Field(default_factory=list)
    """Ids of the behaviours the figure reflects."""
    teams: list[Line] = Field(default_factory=list)
    """The teams or locations results are given for, in the order charts and tables show
    them; results for a team not listed are an error. Empty: results are for the whole
    organisation."""

    @field_validator("teams")
    @classmethod
    def _each_team_once(cls, teams: list[str]) -> list[str]:
        seen: set[str] = set()
        for team in teams:
            if team in seen:
                raise problem(f"the team '{team}' is listed twice",
                              "list each team once: results are matched to teams by name")
            seen.add(team)
        return teams

    @field_validator("target")
    @classmethod
    def _target_fits_the_unit(cls, target: float, info: ValidationInfo) -> float:
        # `unit` is declared first, so it is known here when it was valid.
        if info.data.get("unit") == "percent" and not 0 <= target <= 100:
            raise problem(f"a target of {target:g} percent is impossible",
                          "give a percentage between 0 and 100, like `target: 95`")
        if target < 0:
            raise problem("a target below zero is impossible", "give the figure aimed for")
        return target


class MeasuresFile(DataModel):
    measures: list[Measure]
    """The measures, in the order "How we're doing" shows them."""


class Finding(DataModel):
    """Something a survey or review taught, and what changed because of it."""

    reading_fields = ("found", "changed")

    id: Id
    """Stable id (`same-day-replies-assumption`)."""
    question: Literal["satisfaction", "avoidable-mistakes", "policies", "assumptions"]
    """Which question it answers: `satisfaction` (how satisfied customers are),
    `avoidable-mistakes` (which mistakes could have been avoided), `policies` (which
    policies could be better) or `assumptions` (which assumptions about customers were
    wrong)."""
    title: Line
    """A short headline (`Riders wanted a call, not a text`)."""
    found: Text
    """What was found, and from what (a survey, a review of complaints)."""
    changed: Text | None = None
    """What changed as a result: a policy, a behaviour, a process. Required once acted on."""
    date: IsoDate
    """When it was found, YYYY-MM-DD."""
    status: Literal["open", "acted-on"]
    """`open` (being worked on) or `acted-on` (the change is made)."""
    measures: list[IdRef] = Field(default_factory=list)
    """Ids of the measures it concerns."""
    values: list[IdRef] = Field(default_factory=list)
    """Ids of the values it touched."""
    behaviours: list[IdRef] = Field(default_factory=list)
    """Ids of the behaviours it touched."""

    @model_validator(mode="after")
    def _acted_on_says_what_changed(self) -> Finding:
        if self.status == "acted-on" and not self.changed:
            raise problem("a finding acted on says what changed",
                          "add `changed:` (the policy, behaviour or process that changed), "
                          "or set `status: open`")
        return self


class FindingsFile(DataModel):
    findings: list[Finding]
    """The findings, newest first or in any order; the site lists them newest first."""


MEASURES_FILE = DataFile(
    "measures.yml", MeasuresFile, "Measures", "What the organisation measures about its "
    "service; the figures are in results/<measure id>.csv.", "measures.schema.json",
    (Measure,), ("measures",), required=False)
FINDINGS_FILE = DataFile(
    "findings.yml", FindingsFile, "Findings", "What customer surveys and reviews taught, and "
    "what changed because of it.", "findings.schema.json", (Finding,), ("findings",),
    required=False)
MEASURE = EntryKind("measure", Measure, "measures", "measures", "measure", ("measures",),
                    section="measures", page_folder="measures", readable=False)
FINDING = EntryKind("finding", Finding, "findings", "findings", "finding",
                    section="measures", readable=False)
SECTION = Section("measures", "measures/index.md", "measures_index.md.jinja", optional=True)

declaration = Declaration(files=(MEASURES_FILE, FINDINGS_FILE), kinds=(MEASURE, FINDING),
                          sections=(SECTION,))
