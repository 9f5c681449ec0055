"""A measure's figures as a line chart: static SVG, drawn at build time by matplotlib.

The same drawing serves the site and print. It is drawn in stand-in colours, which are
then replaced: on the site by the stylesheet's `--hb-chart-*` colours (so the chart
follows the light and dark schemes and the organisation's colours), in print by fixed
ones (WeasyPrint does not style an SVG from the page's stylesheet). Text is left as text,
in the page's font, so it can be read, found and copied.

Reproducible: no date, no random ids. Every id in a chart starts with the chart's own
prefix, so several charts on one page never share one. A chart is an image with a title
and a description for screen readers; the figures it draws are also given as a table
beside it (see the templates).
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from ..sources.results_csv import Period

# Stand-in colours, replaced after drawing: text and axes, grid, target, then the series.
_TEXT, _GRID, _TARGET = "#010101", "#020202", "#030303"
_SERIES = ("#0a0a01", "#0a0a02", "#0a0a03", "#0a0a04", "#0a0a05", "#0a0a06")
ROLES = ("text", "grid", "target", *(f"series-{n}" for n in range(1, len(_SERIES) + 1)))
_FONT_STAND_IN = "font-family: 'Lato'"
_STAND_INS = dict(zip((_TEXT, _GRID, _TARGET, *_SERIES), ROLES, strict=True))

SITE_PAINT = {"font": "inherit", **{role: f"var(--hb-chart-{role})" for role in ROLES}}
"""Colours on the site: the stylesheet's, per colour scheme; the text in the page's font."""

_FONT = Path(__file__).resolve().parent.parent / "templates/print/fonts/Lato-Regular.ttf"
_lock = threading.Lock()  # matplotlib's pyplot state is global: one drawing at a time


@dataclass(frozen=True)
class Line:
    label: str
    points: Sequence[tuple[Period, float]]


@dataclass(frozen=True)
class Chart:
    """What to draw, in words a reader understands."""

    key: str
    """Unique on a page: the prefix of the chart's ids (`calls-returned-teams`)."""
    title: str
    description: str
    lines: Sequence[Line]
    periods: Sequence[Period]
    """The periods along the bottom, oldest first; a line without a figure for one has a
    gap there, never a join."""
    target: float | None
    target_label: str
    axis_label: str
    percent: bool
    period_names: Mapping[Period, str]
    """How each period is written under the axis (`Oct 2026`, `2026 Q3`)."""
    small: bool = False
    emphasised: str | None = None
    """The label of the line drawn heavier (the overall one among teams')."""
    axis_from: str = "{label}, from {start}"
    """How the axis says it does not start at zero: `{label}` and `{start}` filled in."""
    axis_from_alone: str = "from {start}"
    """The same where there is no room for the axis' name (small charts)."""


def chart_svg(chart: Chart, paint: Mapping[str, str]) -> Markup:
    """The chart as an inline `<svg>` element, painted with `paint`: a colour for each of
    `ROLES`, and the `font` family of its text."""
    with _lock:
        svg = _draw(chart)
    svg = _prefix_ids(_strip(svg), _safe_key(chart.key))
    for stand_in, role in _STAND_INS.items():
        svg = svg.replace(stand_in, paint[role])
    svg = svg.replace(_FONT_STAND_IN, f"font-family: {paint['font']}")
    title_id, desc_id = f"{_safe_key(chart.key)}-title", f"{_safe_key(chart.key)}-desc"
    svg = svg.replace(
        "<svg ", f'<svg class="hb-chart" role="img" aria-labelledby="{title_id} {desc_id}" ', 1)
    svg = re.sub(r"(<svg[^>]*>)", lambda m: m.group(1) + (
        f'<title id="{title_id}">{escape(chart.title)}</title>'
        f'<desc id="{desc_id}">{escape(chart.description)}</desc>'), svg, count=1)
    return Markup(svg)


def _draw(chart: Chart) -> str:
    import matplotlib

    matplotlib.use("svg")
    from matplotlib import font_manager, pyplot

    if _FONT.name not in {Path(f.fname).name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(_FONT))
    width, height = (3.6, 1.8) if chart.small else (6.4, 3.0)
    settings: dict[str, Any] = {
        "svg.fonttype": "none", "svg.hashsalt": chart.key, "font.family": "Lato",
        # Drawn at about its size on a phone or in a card: small charts get bigger type.
        "font.size": 12 if chart.small else 11, "axes.edgecolor": _GRID,
        "axes.labelcolor": _TEXT, "xtick.color": _TEXT, "ytick.color": _TEXT,
        "text.color": _TEXT, "axes.spines.top": False, "axes.spines.right": False,
        "svg.id": chart.key,
    }
    with matplotlib.rc_context(settings):  # type: ignore[arg-type]
        figure, axes = pyplot.subplots(figsize=(width, height), layout="constrained")
        try:
            _plot(chart, axes)
            output = io.StringIO()
            figure.savefig(output, format="svg", transparent=True,
                           metadata={"Date": None, "Creator": None, "Format": None,
                                     "Type": None})
        finally:
            pyplot.close(figure)
    return output.getvalue()


def _plot(chart: Chart, axes: object) -> None:
    position = {period: index for index, period in enumerate(chart.periods)}
    for number, line in enumerate(chart.lines):
        colour = _SERIES[number % len(_SERIES)]
        heavy = line.label == chart.emphasised
        for index, run in enumerate(_runs(line.points, position)):
            xs, ys = zip(*run, strict=True)
            axes.plot(xs, ys, color=_TEXT if heavy else colour,  # type: ignore[attr-defined]
                      linewidth=3 if heavy else 2, marker="o",
                      markersize=2.5 if chart.small else 3.5, zorder=3 if heavy else 2,
                      label=line.label if index == 0 else None)  # one legend entry a line
    if chart.target is not None:
        axes.axhline(chart.target, color=_TARGET, linewidth=1.2,  # type: ignore[attr-defined]
                     linestyle=(0, (4, 3)), label=chart.target_label)
    axes.grid(axis="y", color=_GRID, linewidth=0.5, alpha=0.5)  # type: ignore[attr-defined]
    step = max(1, len(chart.periods) // (3 if chart.small else 6))
    ticks = list(range(len(chart.periods) - 1, -1, -step))[::-1]
    axes.set_xticks(ticks, [chart.period_names[chart.periods[i]]  # type: ignore[attr-defined]
                            for i in ticks])
    axes.set_xlim(-0.5, len(chart.periods) - 0.5)  # type: ignore[attr-defined]
    label = "" if chart.percent else chart.axis_label
    if chart.percent:
        axes.yaxis.set_major_formatter(lambda value, _: f"{value:g}%")  # type: ignore[attr-defined]
    # The axis starts at a round figure (a tick) at or below the lowest one drawn; above
    # zero, a line looks steeper than it is, so the axis says where it starts.
    lowest = min([value for line in chart.lines for _, value in line.points]
                 + ([chart.target] if chart.target is not None else []))
    ticks = list(axes.get_yticks())  # type: ignore[attr-defined]
    step = (ticks[1] - ticks[0]) if len(ticks) > 1 else 0
    bottom = axes.get_ylim()[0]  # type: ignore[attr-defined]
    if step > 0:
        bottom = math.floor(lowest / step) * step
        if bottom >= lowest:  # a line on the axis itself is hard to see: one step lower
            bottom -= step
        bottom = max(bottom, 0.0) if lowest >= 0 else bottom
        axes.set_ylim(bottom=bottom)  # type: ignore[attr-defined]
    if bottom > 0:
        start = f"{bottom:g}%" if chart.percent else f"{bottom:g}"
        label = (chart.axis_from_alone.format(start=start) if chart.small else
                 chart.axis_from.format(label=label or chart.axis_label, start=start))
    elif chart.small:
        label = ""  # the card around a small chart names the measure and its unit
    if label:
        axes.set_ylabel(label)  # type: ignore[attr-defined]
    axes.tick_params(length=0)  # type: ignore[attr-defined]
    if len(chart.lines) > 1 or (chart.target is not None and not chart.small):
        # Above the plot, inside the drawing (constrained layout makes room for it); long
        # labels go two to a row rather than off the edge.
        labels = [line.label for line in chart.lines] + [chart.target_label]
        columns = len(labels) if len(labels) <= 3 and sum(map(len, labels)) < 48 else 2
        axes.figure.legend(frameon=False, loc="outside upper left",  # type: ignore[attr-defined]
                           ncols=columns, fontsize="medium", handlelength=1.6)


def _runs(points: Sequence[tuple[Period, float]],
          position: Mapping[Period, int]) -> list[list[tuple[int, float]]]:
    """The points split where a period is missing, so a gap stays a gap."""
    runs: list[list[tuple[int, float]]] = []
    for period, value in points:
        if period not in position:
            continue
        x = position[period]
        if runs and runs[-1][-1][0] == x - 1:
            runs[-1].append((x, value))
        else:
            runs.append([(x, value)])
    return runs


def _strip(svg: str) -> str:
    """The `<svg>` element alone: no XML prolog, doctype, metadata, style or size, and no
    blank lines (a blank line would end the HTML block in Markdown)."""
    svg = svg[svg.index("<svg "):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    # matplotlib's `*{...}` rule would style the whole page the SVG is part of.
    svg = re.sub(r"<style[^>]*>.*?</style>\s*", "", svg, flags=re.S)
    # The stylesheet sizes the chart to its column; the view box keeps its proportions.
    svg = re.sub(r'^(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg)
    return "\n".join(line for line in svg.splitlines() if line.strip())


def _prefix_ids(svg: str, prefix: str) -> str:
    ids = set(re.findall(r'\bid="([^"]+)"', svg))

    def renamed(name: str) -> str:
        return name if name.startswith(prefix) else f"{prefix}-{name}"

    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{renamed(m[1])}"', svg)
    return re.sub(r'(url\(#|href="#)([^")]+)',
                  lambda m: m[1] + (renamed(m[2]) if m[2] in ids else m[2]), svg)


def _safe_key(key: str) -> str:
    return "chart-" + re.sub(r"[^a-z0-9-]", "-", key.lower())
