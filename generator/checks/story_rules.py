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

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import Problem, Severity
from ..kinds import STORY
from ..kinds.stories.kind import STORY_QUESTIONS, Story
from .personal_data import name_in, personal_data
from .references import LoadedData, entries_of

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
FAR_AHEAD = timedelta(days=31)
"""A story can be scheduled a few weeks ahead; a publishing date further than this after
the build's date is most likely a mistyped year, and would hold the top of the board (which
goes newest first) until that day."""

def check_stories(
    data: LoadedData, *, today: date | None, built_as_of: date | None = None,
    look_for_weak_spots: bool,
) -> list[Problem]:
    """The programme's rules for every story. `today` (None: skip) is what the calendar
    advice is measured against; `built_as_of` (None: skip), the build's own date, what the
    far-ahead publishing warning is."""
    problems: list[Problem] = []
    for kind in data.registry.lifecycle_kinds:  # stories, and ideas by the same rules
        problems += _check_entries(data, kind.noun, entries_of(data, kind), today=today,
                                   built_as_of=built_as_of,
                                   look_for_weak_spots=look_for_weak_spots and kind is STORY)
    return problems


def _check_entries(
    data: LoadedData, noun: str, entries: list[Story], *, today: date | None,
    built_as_of: date | None, look_for_weak_spots: bool,
) -> list[Problem]:
    problems: list[Problem] = []
    for story in entries:
        far_ahead = (built_as_of is not None and story.is_published
                     and story.published is not None
                     and story.published > built_as_of + FAR_AHEAD)
        if far_ahead:
            problems.append(data.problem(
                story, ("published",),
                f"the publishing date {story.published} is more than a month after the "
                f"build's date ({built_as_of}); until then this {noun} holds the top of its list",
                "check the year", severity=Severity.WARNING))
        # An idea's change dated far ahead (2199 for 2019) reads as a promise, not a fact.
        changed_on = getattr(story, "changed_on", None)
        if built_as_of is not None and changed_on is not None and (
                changed_on > built_as_of + FAR_AHEAD):
            problems.append(data.problem(
                story, ("changed_on",),
                f"the change is dated {changed_on.isoformat()}, more than a month after the "
                f"build's date ({built_as_of}); the page would say it has been made",
                "check the year, or leave `changed_on` out until the change is made",
                severity=Severity.WARNING))
        if today is not None:
            problems += _advise_on_dates(data, story, today, far_ahead=far_ahead, noun=noun)
        if not story.is_published:
            continue
        problems += _check_curation(data, story, noun)
        problems += _questions_left(data, story)
        problems += _check_consent(data, story)
        problems += _personal_data_once(data, story)
        if look_for_weak_spots:
            problems += _quality_once(data, story)
    return problems


SHOWN_ON = {"story": "on the board", "idea": "on the ideas page"}
"""Where a published entry of each kind goes up, for the hints."""


def _a(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


def _check_curation(data: LoadedData, story: Story, noun: str) -> Iterator[Problem]:
    if story.published is None:
        yield data.problem(story, ("status",), f"a published {noun} needs its `published` date",
                           "add `published: YYYY-MM-DD`, the day it goes "
                           + SHOWN_ON.get(noun, "up"))
    elif story.published < story.date:
        yield data.problem(
            story, ("published",),
            f"it is published ({story.published}) before it happened ({story.date})",
            "check both dates")
    for field_name, says in type(story).needed_to_publish.items():
        if getattr(story, field_name) is None:
            yield data.problem(
                story, ("status",), f"a published {noun} needs `{field_name}`: {says}",
                f"add `{field_name}:`, or keep the {noun} a draft until it is acted on")
    if story.curated_by is None:
        yield data.problem(story, ("status",), f"a published {noun} needs a curator",
                           "add `curated_by:` with the name of who checked and published it")


def _questions_left(data: LoadedData, story: Story) -> Iterator[Problem]:
    """A part still holding the question `handbook new story` left for it."""
    for field_name, question in STORY_QUESTIONS.items():
        text = getattr(story, field_name, None)
        if isinstance(text, str) and question in text:
            yield data.problem(
                story, (field_name,), f"the {field_name} still holds the question it answers "
                f"('{question}')", "write the answer in its place, or keep the story a draft "
                "until it is written", within=question)


def _check_consent(data: LoadedData, story: Story) -> Iterator[Problem]:
    for index, person in enumerate(story.people):
        who = person.name or person.team or f"person {index + 1}"
        if story.anonymised and person.role is None:
            yield data.problem(
                story, ("people", index),
                f"an anonymised story shows {who} by a role, and there is none",
                "add `role:`, such as `a colleague at the front desk`")
        elif not story.anonymised and person.name is not None and person.consent is None:
            asked = (f"they were asked on {person.consent_requested}: wait for their answer, "
                     "then add `consent: YYYY-MM-DD`; " if person.consent_requested else
                     "ask them (`consent_requested: YYYY-MM-DD` records when), then add "
                     "`consent: YYYY-MM-DD`; ")
            yield data.problem(
                story, ("people", index), f"{person.name} has not agreed to be named",
                asked + (
                    "or anonymise the story (`anonymised: true`, and a `role` for each person)"
                    if "anonymised" in type(story).model_fields
                    else "or leave them out, or name their team alone"))
    if story.anonymised:
        yield from _names_in_anonymised_text(data, story)


def _names_in_anonymised_text(data: LoadedData, story: Story) -> Iterator[Problem]:
    names = {part for person in story.people if person.name
             for part in [person.name, *person.name.split()] if len(part) >= 3}
    for loc, text in _shown_text(story):
        found = name_in(text, names)
        if found is not None:
            yield data.problem(
                story, loc, f"the name '{found.what}' appears in an anonymised story",
                "write the person's role instead, or drop `anonymised`", within=found.written)


def _shown_text(story: Story) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every piece of text readers see, where an anonymised story could give a name away."""
    for field_name in TEXT_FIELDS:
        yield (field_name,), getattr(story, field_name)
    for index, person in enumerate(story.people):
        if person.role is not None:
            yield ("people", index, "role"), person.role


def _all_text(story: Story) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text field of a story, the curator's name and the people's included."""
    for field_name in type(story).reading_fields:
        if getattr(story, field_name) is not None:
            yield (field_name,), getattr(story, field_name)
    if story.curated_by is not None:
        yield ("curated_by",), story.curated_by
    for index, person in enumerate(story.people):
        for field_name in ("name", "team", "role"):
            value = getattr(person, field_name)
            if value is not None:
                yield ("people", index, field_name), value


def _personal_data_once(data: LoadedData, story: Story) -> list[Problem]:
    """Customers' details in the entry, looked for once per entry: the scan is most of the
    rules' time at 10,000 stories, and a reload keeps unchanged files' entries."""
    found: list[Problem] = story.worked_out(
        "personal data", lambda: list(_check_personal_data(data, story)))
    return found


def _check_personal_data(data: LoadedData, story: Story) -> Iterator[Problem]:
    for loc, text in _all_text(story):
        for found in personal_data(text):
            yield data.problem(
                story, loc, f"the text holds what looks like {found.what} ('{found.written}')",
                "everyone can read the handbook: leave out customers' contact and payment "
                "details",
                within=found.written)


def _quality_once(data: LoadedData, story: Story) -> list[Problem]:
    found: list[Problem] = story.worked_out("quality", lambda: list(_check_quality(data, story)))
    return found


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



def _advise_on_dates(
    data: LoadedData, story: Story, today: date, *, far_ahead: bool, noun: str
) -> Iterator[Problem]:
    def advise(loc: tuple[str | int, ...], message: str, hint: str) -> Problem:
        return data.problem(story, loc, message, hint, severity=Severity.ADVICE)

    if story.date > today:
        yield advise(("date",), f"the date {story.date.isoformat()} is after {today}",
                     f"check the year; {_a(noun)} {noun} tells of something that already happened")
    if not story.is_published:
        return
    if story.review_by is not None and story.review_by < today:
        yield advise(("review_by",), f"the {noun} was due for review on {story.review_by}",
                     "read it again: update `review_by` if it still holds, or retire it")
    if story.published is not None and story.published > today and not far_ahead:
        yield advise(("published",), f"the publishing date {story.published} is after {today}",
                     "check the year; it is shown from now on all the same")
