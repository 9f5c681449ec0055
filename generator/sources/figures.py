"""Numbers the handbook prints: what a figure may be (one rule for the measures' targets,
in YAML, and their results, in CSV), and the years a date may have.

A figure is printed ("95 percent", "4.2 hours") and drawn in a chart, so it must be an
ordinary number: not infinite or "not a number" (YAML's `.inf`, `.nan`), not hundreds of
digits long, written with ASCII digits and a decimal point. Anything else is refused with
what was written, never turned into "inf hours" or a crash.
"""

from __future__ import annotations

import math
import re

FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Dates and periods outside these years are typos (0226 for 2026); pages cannot show them."""
MAX_FIGURE = 1_000_000_000_000
"""Larger than any service figure (hours, counts, scores); beyond it a figure is a typo."""
MAX_SAMPLE_DIGITS = 9
"""A sample counts responses or cases: up to 999,999,999."""
_FIGURE = re.compile(r"-?[0-9]{1,13}(\.[0-9]{1,9})?")
_WHOLE = re.compile(r"[0-9]+")


def figure_problem(figure: float) -> str | None:
    """What is wrong with a figure as a number, or None."""
    if math.isnan(figure):
        return "'not a number' (.nan) is not a figure"
    if math.isinf(figure):
        return "infinity (.inf) is not a figure"
    if abs(figure) > MAX_FIGURE:
        return f"{figure:g} is larger than any figure can be (at most {MAX_FIGURE:,})"
    return None


def parse_figure(text: str) -> float | None:
    """`text` as a figure, or None when it is not one written plainly (`88.5`, `-2`, `12`)."""
    if not _FIGURE.fullmatch(text):
        return None
    figure = float(text)
    return None if figure_problem(figure) else figure


def parse_whole(text: str) -> int | None:
    """`text` as a whole count (ASCII digits, at most MAX_SAMPLE_DIGITS), or None."""
    if not _WHOLE.fullmatch(text) or len(text) > MAX_SAMPLE_DIGITS:
        return None
    return int(text)
