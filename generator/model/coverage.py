"""Where the story programme is thin: what curators should look for next.

Which values and behaviours have no published story lately, which stories are due for a
second look, what is waiting in drafts, and how many stories each value and month has.
`handbook report` prints it; the site shows it to editors on a page outside the nav.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..kinds.behaviours.kind import Behaviour
from ..kinds.stories.kind import Story
from ..kinds.values.kind import Value
from .handbook import Handbook


@dataclass(frozen=True)
class Coverage:
    today: date
    since: date
    """Start of the period looked at: `months` months before `today`."""
    months: int
    values_without: list[Value]
    behaviours_without: list[Behaviour]
    due_for_review: list[Story]
    drafts: list[Story]
    awaiting_consent: list[Story]
    """Drafts waiting on someone's answer to being named (`consent_requested`)."""
    per_value: list[tuple[Value, int, int]]
    """Each value with its published stories: in all, and in the period."""
    per_month: list[tuple[str, int]]
    """Stories published each month of the period (`2026-11`), oldest first, empty ones too."""


def story_coverage(handbook: Handbook, *, today: date, months: int = 12) -> Coverage:
    # The last `months` months, this one included: from the first day of the month
    # `months - 1` before it (the last 12 months of 15 November are December to November).
    since = _months_before(today, months - 1)
    recent = [s for s in handbook.published if (s.published or s.date) >= since]
    recent_values = Counter(value for story in recent for value in story.values)
    recent_behaviours = {b for story in recent for b in story.behaviours}
    all_values = Counter(value for story in handbook.published for value in story.values)
    published_months = Counter((s.published or s.date).strftime("%Y-%m") for s in recent)
    return Coverage(
        today=today, since=since, months=months,
        values_without=[v for v in handbook.values if not recent_values[v.id]],
        behaviours_without=[b for b in handbook.behaviours if b.id not in recent_behaviours],
        due_for_review=[s for s in handbook.published if s.review_by and s.review_by < today],
        drafts=[s for s in handbook.stories if s.status == "draft"],
        awaiting_consent=[s for s in handbook.stories
                          if s.status == "draft" and s.consent_awaited],
        per_value=[(v, all_values[v.id], recent_values[v.id]) for v in handbook.values],
        per_month=[(month, published_months[month]) for month in _month_range(since, today)],
    )


def format_report(coverage: Coverage) -> str:
    """The coverage as plain text for a terminal."""
    c = coverage
    lines = [f"Story coverage from {c.since.isoformat()} to {c.today.isoformat()} "
             f"(the last {c.months} months)", ""]

    def listing(title: str, items: list[str]) -> None:
        lines.append(f"{title}: {len(items)}")
        lines.extend(f"  - {item}" for item in items)
        lines.append("")

    listing("Values with no published story in this time",
            [f"{v.name} ({v.id})" for v in c.values_without])
    listing("Behaviours with no published story in this time",
            [f"{b.name} ({b.id})" for b in c.behaviours_without])
    listing("Stories due for review",
            [f"{s.id}: due {s.review_by.isoformat()}" for s in c.due_for_review if s.review_by])
    listing("Drafts waiting for a curator", [f"{s.id}: {s.title}" for s in c.drafts])
    listing("Drafts waiting on consent to be named",
            [f"{s.id}: " + "; ".join(f"{p.name or p.team}, asked {p.consent_requested}"
                                     for p in s.consent_awaited) for s in c.awaiting_consent])
    width = max((len(v.name) for v, _, _ in c.per_value), default=5)
    lines.append(f"{'Stories per value':<{width}}  in all  in this time")
    lines += [f"{v.name:<{width}}  {total:>6}  {recent:>12}" for v, total, recent in c.per_value]
    lines += ["", "Stories published per month"]
    lines += [f"{month}  {'#' * count} {count}" for month, count in c.per_month]
    return "\n".join(lines)


def _months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    return date(month_index // 12, month_index % 12 + 1, 1)


def _month_range(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
