"""A measure's figures, read from the CSV file a survey or support tool exported.

`data/results/<measure id>.csv` has a header row and one row per period (and team):

    period,value,team,sample
    2026-09,91.5,North office,212

`period` is a month (`2026-09`) or a quarter (`2026-Q3`), `value` a number with a decimal
point, `team` one of the measure's `teams` (only when it has some), `sample` how many
responses or cases the figure counts (optional). A file is checked as strictly as the YAML
files, and every problem names its line and column: spreadsheets export CSV in more ways
than one (semicolons, decimal commas, tabs, Windows code pages), and each has its own hint.
A byte-order mark at the start (Excel's "CSV UTF-8") is read past.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..errors import Problem, Severity
from .csv_cells import Unreadable, split_line
from .figures import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_FIGURE,
    MAX_SAMPLE_DIGITS,
    parse_figure,
    parse_whole,
)
from .safe_files import UnsafeFile, byte_position, read_inside

RESULTS_FOLDER = "results"
COLUMNS = ("period", "value", "team", "sample")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_PERIOD_HINT = "write a month as YYYY-MM (2026-10) or a quarter as YYYY-Qn (2026-Q3)"
_BOM = "\ufeff"
_FIGURE_LIKE = re.compile(r"-?[0-9]+(\.[0-9]+)?")
MAX_SHOWN = 40
"""How much of a cell a message quotes."""
MAX_PROBLEMS = 20
"""Problems listed per file: a wrong export could otherwise list one for every row."""


def _shown(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "..."


@dataclass(frozen=True, order=True)
class Period:
    """A month or a quarter, comparable and counted: 2026-10 follows 2026-09."""

    year: int
    number: int
    """1-12 for a month, 1-4 for a quarter."""
    quarterly: bool = False

    @property
    def ordinal(self) -> int:
        return self.year * (4 if self.quarterly else 12) + self.number - 1

    @property
    def label(self) -> str:
        return (f"{self.year:04}-Q{self.number}" if self.quarterly
                else f"{self.year:04}-{self.number:02}")

    def next(self) -> Period:
        per_year = 4 if self.quarterly else 12
        year, index = divmod(self.ordinal + 1, per_year)
        return Period(year, index + 1, self.quarterly)

    @classmethod
    def parse(cls, text: str) -> Period | None:
        if match := _MONTH.match(text):
            return cls(int(match[1]), int(match[2]))
        if match := _QUARTER.match(text):
            return cls(int(match[1]), int(match[2]), quarterly=True)
        return None

    @property
    def plausible(self) -> bool:
        """Within the years any date of the handbook may have (0000-01 is a typo)."""
        return FIRST_YEAR <= self.year <= LAST_YEAR


@dataclass(frozen=True)
class Result:
    period: Period
    value: float
    team: str | None
    sample: int | None
    line: int


@dataclass(frozen=True)
class MeasureRules:
    """What a measure's file must agree with."""

    measure_id: str
    unit: str
    teams: tuple[str, ...]


MAX_RESULTS_BYTES = 2 * 1024 * 1024
"""A results file holds a row per period and team: anything near this size is a mistake."""


def read_results(
    path: Path, shown_as: str, rules: MeasureRules, *, data_dir: Path,
) -> tuple[list[Result], list[Problem]]:
    """The rows of one results file, or the problems that stop it being read. The file
    must be a regular file inside `data_dir` (see safe_files.py)."""
    reader = _Reader(shown_as, rules)
    try:
        raw = read_inside(path, data_dir, limit=MAX_RESULTS_BYTES, folder_name="the data folder")
    except UnsafeFile as refused:
        return [], [reader.problem(None, None, "", refused.problem, refused.hint)]
    results = reader.read(raw)
    if not reader.problems:
        reader.problems.extend(_gaps(results, shown_as))
    elif len(reader.problems) > MAX_PROBLEMS:  # the last rows read held several each
        reader.cap(reader.problems[MAX_PROBLEMS].line or 1)
        results = []
    return results, reader.problems


class _Reader:
    def __init__(self, shown_as: str, rules: MeasureRules) -> None:
        self.shown_as = shown_as
        self.rules = rules
        self.problems: list[Problem] = []

    def problem(self, line: int | None, column: int | None, field: str, message: str,
                hint: str = "", severity: Severity = Severity.ERROR) -> Problem:
        return Problem(self.shown_as, line, column, field, message, hint, severity)

    def fail(self, *args: object, **kwargs: object) -> None:
        self.problems.append(self.problem(*args, **kwargs))  # type: ignore[arg-type]

    def cap(self, line: int) -> None:
        """Keep the first MAX_PROBLEMS problems, and say that more may follow `line`."""
        del self.problems[MAX_PROBLEMS:]
        self.fail(line, None, "", f"more problems may follow from line {line} on; only the "
                  f"first {MAX_PROBLEMS} are listed",
                  "fix these first: a file this far off may be the wrong export")

    def read(self, raw: bytes) -> list[Result]:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = byte_position(raw, error.start)
            self.fail(line, column, "", "is not UTF-8 text",
                      "export it as \"CSV UTF-8\", or open it in a text editor and save it "
                      "with the UTF-8 encoding")
            return []
        # Excel's "CSV UTF-8" starts with a byte-order mark; it is read past, as in the
        # YAML files. Columns are still counted as a text editor shows them.
        text = text.removeprefix(_BOM)
        if _BOM in text:
            at = text.index(_BOM)
            line = text.count("\n", 0, at) + 1
            self.fail(line, at - (text.rfind("\n", 0, at) + 1) + 1, "",
                      "holds a byte-order mark (an invisible character) inside the text",
                      "two exports were probably pasted together: delete the character, or "
                      "export the whole file again")
            return []
        lines = text.splitlines()
        if not any(line.strip() for line in lines):
            self.fail(1, 1, "", "the file is empty",
                      f"start with the header row `{self._header_example()}`, then one row "
                      "per period")
            return []
        columns = self.header(lines[0])
        if columns is None:
            return []
        results: list[Result] = []
        first_seen: dict[tuple[Period, str | None], int] = {}
        for number, row_text in enumerate(lines[1:], start=2):
            if len(self.problems) >= MAX_PROBLEMS:
                self.cap(number)
                return []
            if not row_text.strip():
                continue
            result = self.row(number, row_text, columns)
            if result is None:
                continue
            key = (result.period, result.team)
            if key in first_seen:
                team = f" for {result.team}" if result.team else ""
                self.fail(number, 1, "period", f"{result.period.label}{team} is given twice "
                          f"(line {first_seen[key]} and line {number})",
                          "keep one row per period" + (" and team" if result.team else ""))
                continue
            first_seen[key] = number
            results.append(result)
        if len({r.period.quarterly for r in results}) > 1:
            self.fail(results[-1].line, 1, "period", "months and quarters are mixed",
                      "give every period of one file the same way: all months or all "
                      "quarters")
        if not results and not self.problems:
            self.fail(len(lines), None, "", "has a header but no figures",
                      "add one row per period, or delete the file until there are figures")
        return sorted(results, key=lambda r: (r.period, r.line))

    def _header_example(self) -> str:
        return "period,value,team,sample" if self.rules.teams else "period,value,sample"

    def header(self, line: str) -> list[str] | None:
        if ";" in line and "," not in line:
            self.fail(1, line.index(";") + 1, "", "the columns are separated by semicolons",
                      "export with commas (\"CSV (comma delimited)\"); a spreadsheet set to "
                      "a language that writes decimal commas uses semicolons between columns")
            return None
        if "\t" in line and "," not in line:
            self.fail(1, line.index("\t") + 1, "", "the columns are separated by tabs",
                      "export as CSV with commas, not as tab-separated text")
            return None
        try:
            cells = split_line(line)
        except Unreadable as unreadable:
            self.fail(1, unreadable.column, "", unreadable.message, unreadable.hint)
            return None
        names = [name.strip().lower() for name, _ in cells]
        for (name, column) in zip(names, [column for _, column in cells], strict=True):
            if name not in COLUMNS:
                self.fail(1, column, "", f"unknown column '{name}'",
                          f"the columns are {', '.join(COLUMNS)}; the header row is "
                          f"`{self._header_example()}`")
            elif names.count(name) > 1:
                self.fail(1, column, "", f"the column '{name}' is there twice",
                          "keep one of them")
                break
        for needed in ("period", "value"):
            if needed not in names:
                self.fail(1, None, "", f"the column '{needed}' is missing",
                          f"the header row is `{self._header_example()}`")
        if self.rules.teams and "team" not in names:
            self.fail(1, None, "", "the column 'team' is missing",
                      f"this measure is given for {', '.join(self.rules.teams)}: add a team "
                      "column, or remove `teams` from the measure")
        if not self.rules.teams and "team" in names:
            self.fail(1, cells[names.index("team")][1], "",
                      "this measure has no teams, but the file has a team column",
                      "list the teams in the measure's `teams` in measures.yml, or remove the "
                      "column")
        return None if self.problems else names

    def row(self, number: int, line: str, columns: list[str]) -> Result | None:
        try:
            cells = split_line(line)
        except Unreadable as unreadable:
            self.fail(number, unreadable.column, "", unreadable.message, unreadable.hint)
            return None
        values = [value for value, _ in cells]
        starts = [column for _, column in cells]
        if len(values) != len(columns):
            at = starts[len(columns)] if len(values) > len(columns) else len(line) + 1
            self.fail(number, at, "", f"has {len(values)} values where the header has "
                      f"{len(columns)} columns ({', '.join(columns)})",
                      _split_number_hint(values, columns) if len(values) > len(columns) else
                      "give every column a value (leave `sample` empty if it is not known)")
            return None
        by_column = dict(zip(columns, cells, strict=True))
        before = len(self.problems)
        period = self.period(number, *by_column["period"])
        value = self.value(number, *by_column["value"])
        team = self.team(number, *by_column["team"]) if "team" in by_column else None
        sample = self.sample(number, *by_column["sample"]) if "sample" in by_column else None
        if len(self.problems) > before or period is None or value is None:
            return None
        return Result(period, value, team, sample, number)

    def period(self, number: int, text: str, column: int) -> Period | None:
        found = Period.parse(text.strip())
        if found is None:
            self.fail(number, column, "period", f"'{_shown(text)}' is not a month or a quarter",
                      _PERIOD_HINT)
        elif not found.plausible:
            self.fail(number, column, "period", f"{found.label} has the year {found.year}; "
                      f"periods are from {FIRST_YEAR} to {LAST_YEAR}", "check the year for a "
                      "typo")
            return None
        return found

    def value(self, number: int, text: str, column: int) -> float | None:
        text = text.strip()
        figure = parse_figure(text)
        if figure is None:
            if re.fullmatch(r"-?[0-9]+,[0-9]+", text):
                hint = f"write decimals with a point: {text.replace(',', '.')}"
            elif text.endswith("%"):
                hint = f"write the number alone: {text.rstrip('%').strip()}"
            elif _FIGURE_LIKE.fullmatch(text):
                hint = (f"a figure has at most 13 digits before the point and 9 after it "
                        f"(at most {MAX_FIGURE:,})")
            else:
                hint = ("leave the row out for a period with no figure; the chart shows a "
                        "gap there")
            self.fail(number, column, "value", f"expected a number, got \"{_shown(text)}\"",
                      hint)
            return None
        if self.rules.unit == "percent" and not 0 <= figure <= 100:
            self.fail(number, column, "value", f"{text} is not a percentage",
                      "give a figure between 0 and 100 (the measure's unit is percent)")
            return None
        if figure < 0:
            self.fail(number, column, "value", f"{text} is below zero",
                      f"a figure in {self.rules.unit} cannot be negative")
            return None
        return figure

    def team(self, number: int, text: str, column: int) -> str | None:
        text = text.strip()
        if text not in self.rules.teams:
            self.fail(number, column, "team", f"'{text}' is not one of the measure's teams",
                      f"the teams are: {', '.join(self.rules.teams)} (`teams` in "
                      "measures.yml)")
            return None
        return text

    def sample(self, number: int, text: str, column: int) -> int | None:
        text = text.strip()
        if not text:
            return None
        count = parse_whole(text)
        if count is None:
            self.fail(number, column, "sample",
                      f"expected a whole number, got \"{_shown(text)}\"",
                      "give how many responses or cases the figure counts (digits 0-9, at "
                      f"most {MAX_SAMPLE_DIGITS} of them), or leave it empty")
            return None
        return count


def _split_number_hint(values: list[str], columns: list[str]) -> str:
    """What to write when a decimal comma split the figure in two (`88,5` read as `88`
    and `5`), or else that a comma inside a value needs quotes."""
    at = columns.index("value") if "value" in columns else 1
    whole, part = values[at].strip(), values[at + 1].strip() if at + 1 < len(values) else ""
    if whole.isdigit() and part.isdigit():
        return f"a decimal comma splits a figure in two: write {whole}.{part}, not {whole},{part}"
    return "put a value that holds a comma in double quotes (\"North office, floor 2\")"


def _gaps(results: list[Result], shown_as: str) -> Iterator[Problem]:
    """A missing period is said, never silently joined: the chart leaves a gap there."""
    by_team: dict[str | None, list[Result]] = {}
    for result in results:
        by_team.setdefault(result.team, []).append(result)
    for team, rows in by_team.items():
        for before, after in pairwise(rows):
            if after.period.ordinal - before.period.ordinal > 1:
                missing = before.period.next().label
                who = f" for {team}" if team else ""
                yield Problem(shown_as, after.line, 1, "period",
                              f"no figure{who} for {missing} (between "
                              f"{before.period.label} and {after.period.label})",
                              "add the row if the figure exists; the chart leaves a gap "
                              "there", Severity.WARNING)
