"""`handbook new story` in a terminal: asks for each part, checking every answer at once.

A wrong answer (a date that does not exist, a value that is not one) is said straight away
and asked again, so the file written at the end passes `handbook check` as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import click

from ..checks.validation import suggestions
from ..errors import HandbookError
from ..kinds.stories.kind import Person
from ..sources.clock import todays_date
from .scaffold import QUESTIONS, StoryDraft, parse_person


def ask_for_story(draft: StoryDraft, *, known_values: list[str],
                  known_behaviours: list[str]) -> StoryDraft:
    """Fill in what `draft` lacks by asking; what was given as options is kept."""
    click.echo("A new service story. Press Enter to take the [suggestion]; Ctrl-C stops "
               "without writing anything.\n")
    title = draft.title or click.prompt("Headline: what happened", value_proc=_text)
    happened = draft.happened if draft.title else click.prompt(
        "When did it happen (YYYY-MM-DD)", default=todays_date().isoformat(),
        value_proc=_past_date)
    people = draft.people or _ask_people()
    click.echo(f"Values: {', '.join(known_values)}")
    values = draft.values or click.prompt(
        "Which values does it show (ids, separated by commas)",
        value_proc=_ids(known_values, "values", required=True))
    if known_behaviours:
        click.echo(f"Behaviours: {', '.join(known_behaviours)}")
    behaviours = draft.behaviours or click.prompt(
        "Which behaviours does it show (ids, separated by commas; Enter for none)",
        default="", show_default=False,
        value_proc=_ids(known_behaviours, "behaviours", required=False))
    click.echo("\nNow the story itself, one paragraph each (Enter to leave a question in the "
               "file and write it later).")
    texts = {
        name: click.prompt(question, default="", show_default=False)
        for name, question in QUESTIONS.items()
    }
    return StoryDraft(
        title=title, people=people, values=values, behaviours=behaviours, happened=happened,
        story_id=draft.story_id, featured=draft.featured,
        texts={name: text for name, text in texts.items() if text.strip()},
    )


def _ask_people() -> list[Person]:
    people: list[Person] = []
    while True:
        answer = click.prompt(
            "Who is recognised, as 'Name, Team'" + (" (Enter when that is all)" if people else ""),
            default="", show_default=False)
        if not answer.strip():
            if people:
                return people
            click.echo("Error: a story recognises at least one person.")
            continue
        try:
            person = parse_person(answer)
        except HandbookError as error:
            click.echo(f"Error: {error}")
            continue
        if click.confirm(f"Has {person.name} agreed to be named in the story", default=False):
            person = person.model_copy(update={"consent": todays_date()})
        people.append(person)


def _text(answer: str) -> str:
    if not answer.strip():
        raise click.BadParameter("write a few words")
    return " ".join(answer.split())


def _past_date(answer: Any) -> date:
    try:
        day = answer if isinstance(answer, date) else date.fromisoformat(str(answer).strip())
    except ValueError:
        raise click.BadParameter(f"'{answer}' is not a date like 2026-03-14") from None
    if day > todays_date():
        raise click.BadParameter("that is in the future; a story tells of what happened")
    return day


def _ids(known: list[str], label: str, *, required: bool) -> Callable[[str], list[str]]:
    def check(answer: Any) -> list[str]:
        if isinstance(answer, list):
            return answer
        ids = [part.strip() for part in str(answer).split(",") if part.strip()]
        if required and not ids:
            raise click.BadParameter(f"name at least one of the {label}")
        for given in ids:
            if given not in known:
                raise click.BadParameter(
                    f"'{given}' is not one of the {label}: "
                    + suggestions(given, known, label=f"known {label}"))
        return list(dict.fromkeys(ids))
    return check
