"""Problems found in handbook data, and the one exception family the tool raises.

Every problem names where it is (file, line, column), which field, what is wrong and,
where we can tell, how to fix it. Problems are collected over a whole run and reported
together, so an editor fixes everything in one pass instead of one error per build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How much a problem weighs; the README's "Errors, warnings and advice" explains each.

    - ERROR: the handbook cannot be built as written (invalid or unsafe data); always stops.
    - WARNING: a weak spot in what the commit holds (a thin story, a publishing date far
      ahead); stops a strict build, so it is decided by the commit alone, on any day.
    - ADVICE: something for the curators to act on when they can: a gap in coverage (a
      value no story shows yet, a layer with no element), or a reminder measured against a
      day (a review date passed). Shown by `check`, `report` and the curators' page; never
      stops anything: a new handbook has no stories, and a commit that built yesterday must
      build today.
    """

    ERROR = "error"
    WARNING = "warning"
    ADVICE = "advice"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or weak) in the data, in the words an editor acts on."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    follows_from: str | None = None
    """For a reference to an id that is not there: the file (or folder) that would hold it.
    Such problems are listed after the others, under that file: when a file is replaced
    (a new organisation's values), its problems come first and the references it broke
    follow, counted, rather than burying them."""

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, *, show_severity: bool = True) -> str:
        """`data/values.yml:12:5: values[respect].why: what is wrong` plus an indented hint."""
        head = self.location + ": "
        if show_severity and self.severity is not Severity.ERROR:
            head += f"{self.severity}: "
        if self.field:
            head += self.field + ": "
        text = head + self.message
        if self.hint:
            text += "\n    hint: " + self.hint
        return _visible(text)


@dataclass
class ProblemReport:
    """All problems of one run; callers add to it and decide at the end whether to stop."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def advice(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ADVICE]

    def fails(self, *, strict: bool) -> bool:
        """Advice never fails a run: it depends on the day, and a run must not."""
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self, severities: Iterable[Severity] = tuple(Severity)) -> list[Problem]:
        # Errors, then warnings, then advice; within each, the problems of their own first
        # and the references they broke after them (by the file the ids are missing from),
        # each in file order, so the list reads top down from the causes.
        order = list(Severity)
        return sorted(
            (p for p in self.problems if p.severity in severities),
            key=lambda p: (order.index(p.severity), p.follows_from is not None,
                           p.follows_from or "", p.file, p.line or 0, p.column or 0),
        )

    def format(self, severities: Iterable[Severity] = tuple(Severity)) -> str:
        listed = self.sorted(tuple(severities))
        lines: list[str] = []
        group: str | None = None
        for problem in listed:
            if problem.follows_from is not None and problem.follows_from != group:
                group = problem.follows_from
                count = sum(1 for p in listed if p.follows_from == group)
                # Only the problems of the file the ids are missing from can be their cause.
                causes = any(p.follows_from is None and p.file == group for p in listed)
                if causes or count > 1:  # a lone typo needs no heading
                    lines.append(_follow_on_heading(count, group, causes=causes))
            lines.append(problem.format())
        return "\n".join(lines)

    def summary(self) -> str:
        counts = f"{counted(len(self.errors), 'error')}, {counted(len(self.warnings), 'warning')}"
        if self.advice:
            counts += f", {len(self.advice)} advice"
        return counts


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(text: str) -> str:
    r"""Control characters quoted from the data are shown as `\x1b`, never sent to the
    terminal, where an escape sequence could recolour or rewrite what the editor reads."""
    return _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _follow_on_heading(count: int, source: str, *, causes: bool) -> str:
    things = "reference names an id" if count == 1 else "references name ids"
    heading = f"{count} {things} that {source} does not hold"
    if causes:
        heading += " (fixing the problems above may clear them)"
    return heading + ":"


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`1 story`, `2 stories`, `1,200 values`: a count in editors' English (readers'
    counts come from the wording catalogue, in the handbook's language)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


class HandbookError(Exception):
    """Base of every error the tool reports to a person; the CLI prints it as `Error: ...`."""


class DataError(HandbookError):
    """The data has problems that stop the handbook from being built."""

    def __init__(self, report: ProblemReport, *, strict: bool = False) -> None:
        self.report = report
        self.strict = strict
        super().__init__(self._message())

    def _message(self) -> str:
        reason = "the handbook data has problems"
        if not self.report.errors and self.report.warnings:
            reason = "the handbook data has warnings, and strict mode treats them as errors"
        # Advice did not stop the run, so it is not part of why it stopped.
        return (f"{reason} ({self.report.summary()}):\n"
                f"{self.report.format((Severity.ERROR, Severity.WARNING))}")
