"""What a measure's figures say: the latest figure in words, whether it is on target, the
figures of the last periods as a table, and the words its charts are described with
(drawing/measure_charts.py draws them).

A measure given per team has no figure of its own for the organisation: its overall figure
is worked out from the teams' figures (a count is their sum; anything else their average,
weighted by the sample size when every team gives one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..kinds import MEASURE
from ..kinds.measures.kind import QUESTIONS, UNITS, Measure
from ..kinds.stories.kind import Story
from ..sources.results_csv import Period, Result
from ..wording import Wording
from .handbook import Handbook

NO_FIGURE = "\u2013"  # an en dash, in a table cell without a figure
PERIODS_SHOWN = 12
"""The charts and tables show the last year of monthly figures (or of quarters, twelve)."""


@dataclass(frozen=True)
class Figures:
    """A measure's figures, period by period: overall and per team."""

    measure: Measure
    periods: list[Period]
    """Every period with a figure, oldest first (gaps included as missing periods)."""
    overall: dict[Period, float]
    by_team: dict[str, dict[Period, float]]

    @property
    def latest(self) -> tuple[Period, float] | None:
        if not self.overall:
            return None
        period = max(self.overall)
        return period, self.overall[period]

    @property
    def shown_periods(self) -> list[Period]:
        """The last periods, without gaps: a missing one is a column with no figure."""
        if not self.periods:
            return []
        last = self.periods[-1]
        first = max(self.periods[0].ordinal, last.ordinal - PERIODS_SHOWN + 1)
        span, period = [], self.periods[0]
        while period <= last:
            if period.ordinal >= first:
                span.append(period)
            period = period.next()
        return span

    def on_target(self) -> bool | None:
        latest = self.latest
        if latest is None:
            return None
        value = latest[1]
        target = self.measure.target
        return value >= target if self.measure.direction == "higher" else value <= target

    def is_recent(self, today: date) -> bool:
        """Whether the latest figure is for one of the last two full periods before today."""
        latest = self.latest
        if latest is None:
            return False
        period = latest[0]
        now = (Period(today.year, (today.month - 1) // 3 + 1, quarterly=True)
               if period.quarterly else Period(today.year, today.month))
        return now.ordinal - period.ordinal <= 2


def figures_of(measure: Measure, results: list[Result]) -> Figures:
    by_team: dict[str, dict[Period, float]] = {}
    samples: dict[Period, list[tuple[float, int | None]]] = {}
    for result in results:
        by_team.setdefault(result.team or "", {})[result.period] = result.value
        samples.setdefault(result.period, []).append((result.value, result.sample))
    overall = {period: _combined(measure, rows) for period, rows in samples.items()}
    if not measure.teams:
        by_team = {}
    return Figures(measure, sorted(overall), overall, by_team)


def _combined(measure: Measure, rows: list[tuple[float, int | None]]) -> float:
    if measure.unit == "count":
        return sum(value for value, _ in rows)
    weighted = [(value, sample) for value, sample in rows if sample]
    if len(weighted) == len(rows):
        return sum(value * sample for value, sample in weighted) / sum(
            sample for _, sample in weighted)
    return sum(value for value, _ in rows) / len(rows)


def figure_text(measure: Measure, value: float, words: Wording, *, fixed: bool = False) -> str:
    """`91.5%`, `4.2 hours`, `12`: a figure as readers read it. `fixed`: one decimal
    always (`92.0%`), so a column of figures lines up; a count stays whole."""
    if measure.unit == "count" and value == int(value):
        number = str(int(value))
    else:
        number = f"{value:.1f}" if fixed else f"{value:.1f}".removesuffix(".0")
    return words(f"measures.unit.{measure.unit}", figure=number)


def period_text(period: Period, words: Wording) -> str:
    """`October 2026`, `2026 Q3`."""
    if period.quarterly:
        return words("measures.quarter", year=period.year, quarter=period.number)
    return words.month_name(period.label)


def period_short(period: Period, words: Wording) -> str:
    """Under a chart's axis: `Oct 2026`, `2026 Q3`, with the whole year (`Dec 25` would
    read as a day)."""
    if period.quarterly:
        return words("measures.quarter", year=period.year, quarter=period.number)
    return words.short_month_name(period.label)


def target_text(measure: Measure, words: Wording, *, overall: bool = False,
                in_a_sentence: bool = False) -> str:
    """`Target: at least 95%`, `Target: at most 8`; `Overall target: ...` where the chart
    also draws parts (the teams) that the target does not apply to one by one; `target at
    most 8` inside a sentence."""
    key = ("target in a sentence" if in_a_sentence else
           "overall target" if overall else "target")
    return words(f"measures.{key}.{measure.direction}",
                 target=figure_text(measure, measure.target, words))


def latest_text(figures: Figures, words: Wording) -> str:
    """"91.5% in October 2026, target 95%" or that there is no figure yet."""
    measure, latest = figures.measure, figures.latest
    if latest is None:
        return words("measures.no figures")
    period, value = latest
    return words("measures.latest", figure=figure_text(measure, value, words),
                 period=period_text(period, words),
                 target=target_text(measure, words, in_a_sentence=True))


def table_rows(figures: Figures, words: Wording) -> list[tuple[str, list[str]]]:
    """The charted figures as rows for a table: a period, then a figure per column (the
    teams, then overall; a dash where there is none)."""
    columns = [figures.by_team.get(team, {}) for team in figures.measure.teams]
    rows = []
    for period in reversed(figures.shown_periods):
        cells = [figure_text(figures.measure, column[period], words, fixed=True)
                 if period in column
                 else NO_FIGURE for column in [*columns, figures.overall]]
        rows.append((period_text(period, words), cells))
    return rows


MADE_KEYS = (
    *(f"measures.owed.{owed}" for owed in ("customers", "coworkers")),
    *(f"measures.better.{direction}" for direction in ("higher", "lower")),
    *(f"measures.questions.{question}" for question in QUESTIONS),
    *(f"measures.status.{status}" for status in ("open", "acted-on")),
    *(f"measures.unit.{unit}" for unit in UNITS),
    *(f"measures.axis.{unit}" for unit in UNITS),
)
"""The wording keys made from the data's choices."""


def stories_for(handbook: Handbook, measure: Measure) -> list[Story]:
    """Published stories that show a behaviour the measure reflects (or, for a measure
    that names no behaviour, one of its values), newest first."""
    if measure.behaviours:
        wanted, field = set(measure.behaviours), "behaviours"
    else:
        wanted, field = set(measure.values), "values"
    return [story for story in handbook.published if wanted & set(getattr(story, field))]


def measures_report(handbook: Handbook, today: date) -> str:
    """For `handbook report`: which measures miss their target, and which have no figure
    for the last two periods (or none at all)."""
    words = handbook.words
    measures = handbook.of(MEASURE)
    if not measures:
        return "Service measures: none declared (data/measures.yml)"
    every = [figures_of(measure, list(handbook.results.get(measure.id, [])))
             for measure in measures]
    off = [f for f in every if f.on_target() is False]
    stale = [f for f in every if not f.is_recent(today)]
    lines = [f"Measures not on target: {len(off)}"]
    lines += [f"  - {f.measure.name} ({f.measure.id}): {latest_text(f, words)}" for f in off]
    lines += ["", f"Measures with no recent figures: {len(stale)}"]
    for f in stale:
        latest = f.latest
        said = (f"latest for {latest[0].label}" if latest else
                f"no results file yet (data/results/{f.measure.id}.csv)")
        lines.append(f"  - {f.measure.name} ({f.measure.id}): {said}")
    return "\n".join(lines)
