"""The rules of the recognition programme: what a story needs before and while it is shown.

Stories name real colleagues and describe real customers, so a published story must say
who curated it and when, have the consent of everyone it names (or show them by role
only), and hold no customer's email address, phone number or card number. Those are
errors. Weak stories (too short or too long to learn from) are warnings: the curator sees
which rule failed and decides; `--strict` makes them errors. Whatever is measured against
a day (a review date passed, a date still ahead) is advice, which never fails a run: the
same commit must build on any day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .errors import Problem, Severity
from .references import LoadedData
from .schema import Story

TEXT_FIELDS = ("title", "situation", "action", "outcome", "tip")


@dataclass(frozen=True)
class LengthRule:
    field: str
    least: int
    asks: str
    """What a good telling of this part says, for the hint."""


QUALITY = (
    LengthRule("situation", 15, "what the customer or colleague needed, and what made it hard"),
    LengthRule("action", 20, "what the people recognised did, step by step"),
    LengthRule("outcome", 10, "what came of it, for the customer and for us"),
    LengthRule("tip", 8, "what a colleague meeting something like it should know"),
)
LONGEST = 700
"""Words in all: a longer story loses readers on the board and takes two printed pages."""

# Personal data that must not reach a published page. Each pattern is deliberately narrow:
# a false alarm on every "100-mile ride" would teach curators to ignore the check.
# `is_number` says which cheap look-ahead (below) must pass before the pattern is tried.
PERSONAL_DATA = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), False),
    ("a bank account number (IBAN)",
     re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"), True),
    ("a payment card number", re.compile(r"\b(?:\d[ -]?){13,19}\b"), True),
    ("a phone number", re.compile(r"(?<![\w-])\+?\(?\d[\d ().-]{7,}\d(?![\w-])"), True),
)
_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Every phone number, card number and real IBAN holds a run of eight or more digits and
# separators that starts with a digit; prose rarely does. Looking for that run once spares
# most text the three number scans (at 10,000 stories, a third of `handbook check`).
_NUMBER_RUN = re.compile(r"\d[\d ().-]{7}")


def check_stories(
    data: LoadedData, *, today: date | None, look_for_weak_spots: bool
) -> list[Problem]:
    """The programme's rules for every story; `today` (None: skip) is what the calendar
    advice is measured against."""
    problems: list[Problem] = []
    for story in data.stories:
        if today is not None:
            problems += _advise_on_dates(data, story, today)
        if not story.is_published:
            continue
        problems += _check_curation(data, story)
        problems += _check_consent(data, story)
        problems += _check_personal_data(data, story)
        if look_for_weak_spots:
            problems += _check_quality(data, story)
    return problems


def _check_curation(data: LoadedData, story: Story) -> Iterator[Problem]:
    if story.published is None:
        yield data.problem(story, ("status",), "a published story needs its `published` date",
                           "add `published: YYYY-MM-DD`, the day it goes on the board")
    elif story.published < story.date:
        yield data.problem(
            story, ("published",),
            f"it is published ({story.published}) before it happened ({story.date})",
            "check both dates")
    if story.curated_by is None:
        yield data.problem(story, ("status",), "a published story needs a curator",
                           "add `curated_by:` with the name of who checked and published it")


def _check_consent(data: LoadedData, story: Story) -> Iterator[Problem]:
    for index, person in enumerate(story.people):
        if story.anonymised and person.role is None:
            yield data.problem(
                story, ("people", index),
                f"an anonymised story shows {person.name} by a role, and there is none",
                "add `role:`, such as `a support engineer in Lisbon`")
        elif not story.anonymised and person.consent is None:
            yield data.problem(
                story, ("people", index), f"{person.name} has not agreed to be named",
                "ask them, then add `consent: YYYY-MM-DD`; or anonymise the story "
                "(`anonymised: true`, and a `role` for each person)")
    if story.anonymised:
        yield from _names_in_anonymised_text(data, story)


def _names_in_anonymised_text(data: LoadedData, story: Story) -> Iterator[Problem]:
    names = {part for person in story.people
             for part in [person.name, *person.name.split()] if len(part) >= 3}
    for field_name in TEXT_FIELDS:
        text = getattr(story, field_name)
        for name in sorted(names, key=len, reverse=True):
            if re.search(rf"\b{re.escape(name)}\b", text):
                yield data.problem(
                    story, (field_name,), f"the name '{name}' appears in an anonymised story",
                    "write the person's role instead, or drop `anonymised`", within=name)
                break


def _check_personal_data(data: LoadedData, story: Story) -> Iterator[Problem]:
    for field_name in TEXT_FIELDS:
        text = getattr(story, field_name)
        has_email = "@" in text
        has_number = _NUMBER_RUN.search(text) is not None
        if not has_email and not has_number:
            continue  # most text: nothing any of the patterns could match
        taken: list[tuple[int, int]] = []
        for what, pattern, is_number in PERSONAL_DATA:
            if not (has_number if is_number else has_email):
                continue
            for match in pattern.finditer(text):
                span = match.span()
                if _DATE_LIKE.fullmatch(match.group().strip()) or any(
                        start <= span[0] < end for start, end in taken):
                    continue
                taken.append(span)
                yield data.problem(
                    story, (field_name,),
                    f"the text holds what looks like {what} ('{match.group().strip()}')",
                    "stories are read by everyone: leave out customers' contact and payment "
                    "details", within=match.group().strip())


def _check_quality(data: LoadedData, story: Story) -> Iterator[Problem]:
    def warn(loc: tuple[str | int, ...], message: str, hint: str) -> Problem:
        return data.problem(story, loc, message, hint, severity=Severity.WARNING)

    words_in = {name: len(getattr(story, name).split()) for name in TEXT_FIELDS}
    for rule in QUALITY:
        words = words_in[rule.field]
        if words < rule.least:
            yield warn((rule.field,),
                       f"quality: the {rule.field} has {words} words; a story needs at least "
                       f"{rule.least} here", f"tell {rule.asks}")
    total = sum(words_in.values())
    if total > LONGEST:
        yield warn(("title",), f"quality: the story has {total} words; keep it under {LONGEST}",
                   "tell the one thing that made the difference; details can go")



def _advise_on_dates(data: LoadedData, story: Story, today: date) -> Iterator[Problem]:
    def advise(loc: tuple[str | int, ...], message: str, hint: str) -> Problem:
        return data.problem(story, loc, message, hint, severity=Severity.ADVICE)

    if story.date > today:
        yield advise(("date",), f"the date {story.date.isoformat()} is after {today}",
                     "check the year; a story tells of something that already happened")
    if not story.is_published:
        return
    if story.review_by is not None and story.review_by < today:
        yield advise(("review_by",), f"the story was due for review on {story.review_by}",
                     "read it again: update `review_by` if it still holds, or retire it")
    if story.published is not None and story.published > today:
        yield advise(("published",), f"the publishing date {story.published} is after {today}",
                     "check the year; it is shown from now on all the same")
