"""When a story happened: a day, or only the month or the year when that is all anyone
remembers (`2019-06`, `2019`). An anecdote known only by its year is not given an invented
day: it is shown as "June 2019" or "2019", and sorted as the first day of that period."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from ...schema.common import describe_value, parse_iso_date, problem
from ...sources.figures import FIRST_YEAR, LAST_YEAR

PRECISIONS = ("year", "month", "day")


class StoryDate(date):
    """A date that knows how much of it is known: `precision` is `year`, `month` or `day`
    (the date itself is the first day of that period)."""

    precision: str

    def __new__(cls, year: int, month: int = 1, day: int = 1, precision: str = "day") -> StoryDate:
        made = super().__new__(cls, year, month, day)
        made.precision = precision
        return made

    def __reduce__(self) -> Any:  # copies keep the precision
        return (StoryDate, (self.year, self.month, self.day, self.precision))

    @property
    def text(self) -> str:
        """As an editor writes it: `2019`, `2019-06` or `2019-06-14`."""
        return {"year": f"{self.year}", "month": f"{self.year}-{self.month:02}"}.get(
            self.precision, self.isoformat())


def parse_story_date(value: Any) -> StoryDate:
    if isinstance(value, StoryDate):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str | date):
        raise problem(f"expected a date, got {describe_value(value)}",
                      "write the day (2026-03-14), or the month (2026-03) or year (2026) "
                      "when that is all that is known")
    text = value.isoformat() if isinstance(value, date) else str(value)
    if re.fullmatch(r"\d{4}(-\d{2})?", text):
        year, month = int(text[:4]), int(text[5:7]) if len(text) == 7 else 1
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise problem(f"'{text}' has the year {year}; dates are from {FIRST_YEAR} to "
                          f"{LAST_YEAR}", "check the year for a typo")
        if not 1 <= month <= 12:
            raise problem(f"'{text}' is not a real month", "write the month as 01 to 12")
        return StoryDate(year, month, precision="month" if len(text) == 7 else "year")
    day = parse_iso_date(text)
    return StoryDate(day.year, day.month, day.day)


StoryDateField = Annotated[
    date,
    PlainValidator(parse_story_date),
    PlainSerializer(lambda value: value.text if isinstance(value, StoryDate) else
                    value.isoformat(), when_used="json"),
    WithJsonSchema({"anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2]))?$"},
        {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    ]}),
]
"""A story's `date`: YYYY-MM-DD, or YYYY-MM, or YYYY."""
