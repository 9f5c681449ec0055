"""A measure's charts, and everything the site's and the print templates call to show a
measure: the figures in words come from model/measures.py, the drawing from charts.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from markupsafe import Markup

from ..kinds import MEASURE
from ..kinds.measures.kind import Measure
from ..model.handbook import Handbook
from ..model.measures import (
    Figures,
    figure_text,
    figures_of,
    latest_text,
    period_short,
    period_text,
    stories_for,
    table_rows,
    target_text,
)
from ..wording import Wording
from .charts import Chart, Line, chart_svg


def chart(figures: Figures, words: Wording, paint: Mapping[str, str], *,
          by_team: bool, small: bool = False) -> Markup:
    """The measure's chart: overall, or one line per team. Only for a measure with
    figures: without any there is nothing to draw (the templates say so in words)."""
    measure = figures.measure
    periods = figures.shown_periods
    if not periods:
        raise ValueError(f"the measure '{measure.id}' has no figures to draw")
    overall = Line(words("measures.overall"), sorted(figures.overall.items()))
    teams = by_team and bool(figures.by_team)
    # The target is the overall figure's: a team's chart draws the overall line with it,
    # so no team is read against a target meant for all of them together.
    lines = [*(Line(team, sorted(figures.by_team.get(team, {}).items()))
               for team in measure.teams), overall] if teams else [overall]
    described = words("measures.chart description", name=measure.name,
                      first=period_text(periods[0], words) if periods else "",
                      last=period_text(periods[-1], words) if periods else "",
                      latest=latest_text(figures, words),
                      better=words(f"measures.better.{measure.direction}"))
    return chart_svg(Chart(
        key=f"{measure.id}-{'teams' if by_team else 'overall'}{'-small' if small else ''}",
        title=measure.name, description=described, lines=lines, periods=periods,
        target=measure.target, target_label=target_text(measure, words, overall=teams),
        emphasised=overall.label if teams else None,
        axis_label=words(f"measures.axis.{measure.unit}"), percent=measure.unit == "percent",
        axis_from=words("measures.axis from", label="{label}", start="{start}"),
        axis_from_alone=words("measures.axis from alone", start="{start}"),
        period_names={period: period_short(period, words) for period in periods},
        small=small,
    ), paint)



def measure_helpers(
    handbook: Handbook, paint: Mapping[str, str],
) -> dict[str, Callable[..., object]]:
    """What the site's and the print templates call to show a measure, painted for one of
    them: `figures(measure)`, `measure_chart(measure, by_team=..., small=...)`,
    `figure(measure, value)`, `latest(measure)`, `figures_table(measure)`."""
    words = handbook.words
    cache: dict[str, Figures] = {}

    def figures(measure: Measure) -> Figures:
        if measure.id not in cache:
            cache[measure.id] = figures_of(measure, list(handbook.results.get(measure.id, [])))
        return cache[measure.id]

    return {
        "figures": figures,
        "measure_chart": lambda measure, by_team=False, small=False: chart(
            figures(measure), words, paint, by_team=by_team, small=small),
        "figure": lambda measure, value: figure_text(measure, value, words),
        "latest": lambda measure: latest_text(figures(measure), words),
        "figures_table": lambda measure: table_rows(figures(measure), words),
        "find_measures": lambda ids: [handbook.find(MEASURE, i) for i in ids],
        "stories_for": lambda measure: stories_for(handbook, measure),
        # `measures.<group>.<choice>`: whom a measure serves, which way is better, the
        # questions and statuses of findings (all listed in MADE_KEYS).
        "measure_words": lambda group, choice: words(f"measures.{group}.{choice}"),
        # Whom measures serve: the generator's words for customers and coworkers, the
        # organisation's audience names for any other.
        "owed_words": lambda audience: (
            words(f"measures.owed.{audience}") if words.has(f"measures.owed.{audience}")
            else words("measures.owed to", audience=handbook.audience_in_a_sentence(audience))),
    }
