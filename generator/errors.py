"""Problems found in handbook data, and the one exception family the tool raises.

Every problem names where it is (file, line, column), which field, what is wrong and,
where we can tell, how to fix it. Problems are collected over a whole run and reported
together, so an editor fixes everything in one pass instead of one error per build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


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
        if show_severity and self.severity is Severity.WARNING:
            head += "warning: "
        if self.field:
            head += self.field + ": "
        text = head + self.message
        if self.hint:
            text += "\n    hint: " + self.hint
        return text


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

    def fails(self, *, strict: bool) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def sorted(self) -> list[Problem]:
        # Errors before warnings, then in file order, so the list reads top to bottom.
        return sorted(
            self.problems,
            key=lambda p: (p.severity is Severity.WARNING, p.file, p.line or 0, p.column or 0),
        )

    def format(self) -> str:
        return "\n".join(p.format() for p in self.sorted())

    def summary(self) -> str:
        return f"{_count(len(self.errors), 'error')}, {_count(len(self.warnings), 'warning')}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


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
        return f"{reason} ({self.report.summary()}):\n{self.report.format()}"
