"""Reading a submitted story back: the body of a GitHub issue made with the story form (as
GitHub writes it: a `### Label` heading per question, `_No response_` for a blank answer,
`- [X]` for a ticked box), or a GitLab issue or e-mail in the same layout.

The body is written by anyone who can open an issue, so nothing in it is trusted: every
answer becomes plain text in a draft that `handbook check` validates, a heading given twice
is refused (an answer cannot pose as another question), and values and behaviours must be
ones the data has. Problems name the line of the body they are on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from ..errors import HandbookError
from ..model.handbook import Handbook
from ..model.story_form import CONSENT_OPTION, QUESTIONS, options
from ..schema import Person
from ..schema.common import MAX_TEXT
from .scaffold import StoryDraft

MAX_BODY_BYTES = 200_000
"""Far more than any story; a larger body is refused before it is read."""
NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###\s+(?P<label>.+?)\s*$")
_BOX = re.compile(r"^\s*[-*]\s+\[(?P<mark>[ xX])\]\s+(?P<label>.+?)\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class Submission:
    draft: StoryDraft
    consent_given: bool
    """Whether the submitter ticked that everyone named agreed: for the curator's checklist,
    never a consent date in the story (the curator records that after asking)."""
    problems: list[str] = field(default_factory=list)


def read_submission(path: Path, handbook: Handbook, *, today: date,
                    display: str) -> Submission:
    """The draft a submitted issue body asks for, or a HandbookError listing every problem
    with the line it is on."""
    if path.stat().st_size > MAX_BODY_BYTES:
        raise HandbookError(f"{display}: the text is {path.stat().st_size:,} bytes; a story "
                            f"form is never more than {MAX_BODY_BYTES:,}. Is it the right file?")
    text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    answers, lines, problems = _sections(_COMMENT.sub("", text), display)
    draft_fields = _fields(answers, lines, handbook, today, display, problems)
    if problems:
        raise HandbookError("the story was not written:\n  " + "\n  ".join(problems))
    return Submission(draft_fields[0], draft_fields[1])


def _sections(text: str, display: str) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """Each question's answer by its id, and the line its heading is on."""
    by_label = {question.label.casefold(): question.id for question in QUESTIONS}
    answers: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    problems: list[str] = []
    current: str | None = None
    for number, line in enumerate(text.split("\n"), 1):
        heading = _HEADING.match(line)
        if heading and heading["label"].casefold() in by_label:
            current = by_label[heading["label"].casefold()]
            if current in answers:
                problems.append(f"{display}:{number}: '{heading['label']}' is asked once, but "
                                "is here a second time; take the repeated heading out of the "
                                "answer above it")
                current = None
                continue
            answers[current], lines[current] = [], number
        elif current is not None:
            answers[current].append(line)
    return ({key: "\n".join(value).strip() for key, value in answers.items()}, lines, problems)


def _fields(answers: dict[str, str], lines: dict[str, int], handbook: Handbook, today: date,
            display: str, problems: list[str]) -> tuple[StoryDraft, bool]:
    def answer(question_id: str) -> str:
        given = answers.get(question_id, "")
        return "" if given == NO_RESPONSE else given

    def where(question_id: str) -> str:
        line = lines.get(question_id)
        return f"{display}:{line}" if line else display

    for question in QUESTIONS:
        if question.required and question.kind != "checkboxes" and not answer(question.id):
            problems.append(f"{where(question.id)}: '{question.label}' has no answer; it is "
                            "needed to write the story")
        elif len(answer(question.id)) > MAX_TEXT:
            problems.append(f"{where(question.id)}: '{question.label}' is "
                            f"{len(answer(question.id)):,} characters long; a story's part "
                            f"may have at most {MAX_TEXT:,}: shorten it")
    people = []
    for offset, line in enumerate(answer("people").split("\n"), 1):
        if not line.strip():
            continue
        name, _, team = line.strip().lstrip("-* ").partition(",")
        if not name.strip() or not team.strip():
            problems.append(f"{where('people')}: '{line.strip()[:60]}' (line {offset} of the "
                            "answer) is not 'Name, Team'; write a name, a comma, then a team")
            continue
        try:
            people.append(Person(name=name.strip(), team=team.strip()))
        except ValidationError as error:
            reason = error.errors()[0].get("ctx", {}).get("message") or error.errors()[0]["msg"]
            problems.append(f"{where('people')}: '{line.strip()[:60]}' (line {offset} of the "
                            f"answer): {reason}")
    values = _ticked(answer("values"), handbook, "values", where("values"), problems)
    behaviours = _ticked(answer("behaviours"), handbook, "behaviours", where("behaviours"),
                         problems)
    if not values:
        problems.append(f"{where('values')}: no value is ticked; a story shows at least one")
    happened = today
    if answer("date"):
        try:
            happened = date.fromisoformat(answer("date"))
        except ValueError:
            problems.append(f"{where('date')}: '{answer('date')[:40]}' is not a date; write "
                            "it as YYYY-MM-DD, like 2026-11-03, or leave it out")
    draft = StoryDraft(
        title=" ".join(answer("headline").split()), people=people, values=values,
        behaviours=behaviours, happened=happened,
        texts={name: answer(name) for name in ("situation", "action", "outcome", "tip")
               if answer(name)},
    )
    consent = CONSENT_OPTION in _boxes(answer("consent"))
    return draft, consent


def _boxes(answer: str) -> list[str]:
    return [match["label"] for line in answer.split("\n")
            if (match := _BOX.match(line)) and match["mark"] in "xX"]


def _ticked(answer: str, handbook: Handbook, question_id: str, where: str,
            problems: list[str]) -> list[str]:
    """The ids of the ticked values (or behaviours), which must be ones the data has."""
    entries = handbook.values if question_id == "values" else handbook.behaviours
    by_name = {entry.name: entry.id for entry in entries}
    question = next(q for q in QUESTIONS if q.id == question_id)
    ids = []
    for label in _boxes(answer):
        if label in by_name:
            ids.append(by_name[label])
        else:
            problems.append(f"{where}: '{label[:60]}' is not one of the {question_id} "
                            f"(the form offers: {', '.join(options(handbook, question))})")
    return ids
