"""Reading a submitted story or idea back: the body of a GitHub issue made with its form (as
GitHub writes it: a `### Label` heading per question, `_No response_` for a blank answer,
`- [X]` for a ticked box), a GitLab issue in the same layout, or the plain-text e-mail the
share page opens (`Headline:` on a line of its own, the question's help in brackets below
it, `[x] Respect` for a ticked box: see intake/forms.py, mail_body).

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

from ..errors import HandbookError, Problem
from ..intake.forms import (
    CONSENT_OPTION,
    IDEA_CONSENT,
    IDEA_FORM,
    IDEA_KINDS,
    STORY_FORM,
    Form,
    mail_label,
    options,
)
from ..kinds.stories.kind import Person
from ..model.handbook import Handbook
from ..schema.common import MAX_TEXT, hidden_character
from ..sources.safe_files import UnsafeFile, byte_position, read_regular
from .idea_draft import IdeaDraft
from .scaffold import StoryDraft

MAX_BODY_BYTES = 200_000
"""Far more than any story; a larger body is refused before it is read."""
NO_RESPONSE = "_No response_"
ISSUE_PREFIX = "issue #"
"""How a submission read from an issue's text is named in messages (`issue #12`)."""
_HEADING = re.compile(r"^###\s+(?P<label>.+?)\s*$")
_BOX = re.compile(r"^\s*(?:[-*]\s+)?\[(?P<mark>[ xX])\]\s+(?P<label>.+?)\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class Submission:
    draft: StoryDraft
    consent_given: bool
    """Whether the submitter ticked that everyone named agreed: for the curator's checklist,
    never a consent date in the story (the curator records that after asking)."""
    where: dict[str, str] = field(default_factory=dict)
    """Where each question was answered (`issue #12, line 7`), by the draft field it filled:
    what a problem the check finds in the draft is shown against."""


@dataclass
class IdeaSubmission:
    draft: IdeaDraft
    consent_given: bool
    """Whether the submitter agreed to be thanked by name; without it, nobody is named."""
    where: dict[str, str] = field(default_factory=dict)
    """As for a story (see `Submission.where`)."""


STORY_FIELDS = {"title": "headline", "date": "date", "people": "people",
                "situation": "situation", "action": "action", "outcome": "outcome",
                "tip": "tip", "values": "values", "behaviours": "behaviours"}
IDEA_FIELDS = {"title": "headline", "kind": "kind", "people": "people", "raised": "raised",
               "values": "values"}
"""Each draft field, and the question whose answer it was written from."""


@dataclass
class _Answers:
    """A submitted form's answers by question id, with the line each heading is on."""

    form: Form
    given: dict[str, str]
    lines: dict[str, int]
    display: str
    """How messages name the text: a file (`body.md`, then `body.md:7:`), or, for the intake
    workflow's comment on the issue, the issue itself (`issue #12`, then `issue #12, line
    7:`), as the person who fixes it sees it."""
    problems: list[str]
    raw: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    """Each answer's lines as written, with their numbers in the text."""

    def __call__(self, question_id: str) -> str:
        answer = self.given.get(question_id, "")
        return "" if answer == NO_RESPONSE else answer

    def where(self, question_id: str) -> str:
        line = self.lines.get(question_id)
        return self.at(line) if line else self.display

    def at(self, line: int) -> str:
        if self.display.startswith(ISSUE_PREFIX):
            return f"{self.display}, line {line}"
        return f"{self.display}:{line}"

    def where_fields(self, fields: dict[str, str]) -> dict[str, str]:
        return {name: f"{self.where(question)}: '{self.form.question(question).label}'"
                for name, question in fields.items()}

    def boxes(self, question_id: str) -> list[str]:
        """The labels of the ticked boxes."""
        return [match["label"] for line in self(question_id).split("\n")
                if (match := _BOX.match(line)) and match["mark"] in "xX"]


def read_submission(path: Path, handbook: Handbook, *, today: date,
                    display: str) -> Submission:
    """The story draft a submitted story form asks for, or a HandbookError listing every
    problem with the line it is on."""
    answers = _read(path, STORY_FORM, display)
    people = _people(answers, "people")
    values = _ticked(answers, handbook, "values")
    behaviours = _ticked(answers, handbook, "behaviours")
    if not values:
        answers.problems.append(f"{answers.where('values')}: no value is ticked; a story "
                                "shows at least one")
    draft = StoryDraft(
        title=" ".join(answers("headline").split()), people=people, values=values,
        behaviours=behaviours, happened=_date(answers, "date", today),
        texts={name: answers(name) for name in ("situation", "action", "outcome", "tip")
               if answers(name)},
    )
    _stop_on_problems(answers, "story")
    return Submission(draft, CONSENT_OPTION in answers.boxes("consent"),
                      answers.where_fields(STORY_FIELDS))


def read_idea_submission(path: Path, handbook: Handbook, *, today: date,
                         display: str) -> IdeaSubmission:
    """The idea draft a submitted idea form asks for, or a HandbookError listing every
    problem with the line it is on. Who raised it is named only if they ticked that they
    agree; otherwise their name is not written into the draft at all."""
    answers = _read(path, IDEA_FORM, display)
    people = _people(answers, "people")
    kinds = [kind for kind, label in IDEA_KINDS.items() if label in answers.boxes("kind")]
    _ticked(answers, handbook, "kind")  # reports boxes the form does not have
    if len(kinds) != 1:
        answers.problems.append(f"{answers.where('kind')}: tick one box to say what it is "
                                f"({len(kinds)} ticked)")
    consent = IDEA_CONSENT in answers.boxes("consent")
    draft = IdeaDraft(
        title=" ".join(answers("headline").split()), kind=kinds[0] if kinds else "idea",
        raised=answers("raised"), people=people if consent else [],
        values=_ticked(answers, handbook, "values"), happened=today,
    )
    _stop_on_problems(answers, "idea")
    return IdeaSubmission(draft, consent, answers.where_fields(IDEA_FIELDS))


def at_the_answers(noun: str, problems: list[Problem], where: dict[str, str]) -> str:
    """Problems found in a draft, shown at the answers its fields were written from
    (`issue #12, line 3: 'Headline': ...`): the one who fixes them edits the form, and the
    draft they were found in is removed."""
    lines = []
    for problem in problems:
        name = re.split(r"[.\[]", problem.field or "", maxsplit=1)[0]
        place = where.get(name, where.get("title", "the form"))
        hint = f"; {problem.hint}" if problem.hint else ""
        lines.append(f"{place}: {problem.message}{hint}")
    return f"the {noun} was not written:\n  " + "\n  ".join(lines)


def _read(path: Path, form: Form, display: str) -> _Answers:
    try:
        raw = read_regular(path, limit=MAX_BODY_BYTES)
    except UnsafeFile as refused:
        if refused.reason == "too-large":
            raise HandbookError(f"{display}: the text is more than {MAX_BODY_BYTES:,} bytes; a "
                                "form is never that long. Is it the right file?") from None
        raise HandbookError(f"{display}: {refused.problem}; {refused.hint}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = byte_position(raw, error.start)
        raise HandbookError(
            f"{display}: line {line}, column {column}: the text is not UTF-8 (byte "
            f"0x{raw[error.start]:02X}); submit the form again, or save the file as UTF-8"
        ) from None
    # A byte-order mark (some mail programs and editors write one) is not part of the text.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    # Comments are taken out, their line breaks kept: every problem names its true line.
    answers = _sections(_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text), form,
                        display)
    for question in form.questions:
        if question.required and question.kind != "checkboxes" and not answers(question.id):
            answers.problems.append(f"{answers.where(question.id)}: '{question.label}' has no "
                                    f"answer; it is needed to write the {form.kind}")
        elif len(answers(question.id)) > MAX_TEXT:
            answers.problems.append(
                f"{answers.where(question.id)}: '{question.label}' is "
                f"{len(answers(question.id)):,} characters long; an answer may have at most "
                f"{MAX_TEXT:,}: shorten it")
    for question_id, lines in answers.raw.items():
        for number, written in lines:
            hidden = hidden_character(written)
            if hidden is not None:
                label = form.question(question_id).label
                answers.problems.append(f"{answers.at(number)}: '{label}': {hidden[0]}; "
                                        f"{hidden[1]}")
                break
    return answers


def _stop_on_problems(answers: _Answers, noun: str) -> None:
    if answers.problems:
        raise HandbookError(f"the {noun} was not written:\n  "
                            + "\n  ".join(answers.problems))


def _sections(text: str, form: Form, display: str) -> _Answers:
    """Each question's answer by its id, and the line its heading is on."""
    by_label = {question.label.casefold(): question.id for question in form.questions}
    by_label |= {mail_label(question).casefold(): question.id for question in form.questions}
    given: dict[str, list[str]] = {}
    answers = _Answers(form, {}, {}, display, [])
    raw: dict[str, list[tuple[int, str]]] = {}
    current: str | None = None
    # A body with a form's `### Label` headings (GitHub's, GitLab's) asks its questions
    # only that way; one without is the e-mail, whose questions are lines of their own.
    lines = text.split("\n")
    by_heading = any((heading := _HEADING.match(line)) and heading["label"].casefold()
                     in by_label for line in lines)
    for number, line in enumerate(lines, 1):
        heading = _HEADING.match(line)
        label = heading["label"] if heading else "" if by_heading else line.strip()
        if label.casefold() in by_label:
            current = by_label[label.casefold()]
            if current in given:
                answers.problems.append(
                    f"{answers.at(number)}: '{label}' is asked once, but is here a "
                    "second time; take the repeated heading out of the answer above it")
                current = None
                continue
            given[current], answers.lines[current], raw[current] = [], number, []
        elif current is not None:
            given[current].append(line)
            raw[current].append((number, line))
    for question_id, lines in given.items():
        _drop_help(lines, raw[question_id], form.question(question_id).help)
    answers.given = {key: "\n".join(value).strip() for key, value in given.items()}
    answers.raw = raw
    return answers


def _drop_help(lines: list[str], raw: list[tuple[int, str]], help_text: str) -> None:
    """Take out the question's help, `(...)` under the question in the e-mail, from the
    answer's first lines: the mail program may have wrapped it over several."""
    wanted = " ".join(f"({help_text})".split())
    written = [index for index, line in enumerate(lines) if line.strip()]
    for count in range(1, len(written) + 1):
        taken = " ".join(" ".join(lines[index] for index in written[:count]).split())
        if taken == wanted:
            del lines[:written[count - 1] + 1]
            del raw[:written[count - 1] + 1]
            return
        if not wanted.startswith(taken):
            return


def _as_read(label: str) -> str:
    """A label as it reads back from a submitted body (a box's label is one line)."""
    return " ".join(_COMMENT.sub("", label).split())


def _people(answers: _Answers, question_id: str) -> list[Person]:
    """One person a line, as `Name, Team`."""
    people = []
    where = answers.where(question_id)
    for offset, line in enumerate(answers(question_id).split("\n"), 1):
        if not line.strip():
            continue
        name, _, team = line.strip().lstrip("-* ").partition(",")
        if not name.strip() or not team.strip():
            answers.problems.append(f"{where}: '{line.strip()[:60]}' (line {offset} of the "
                                    "answer) is not 'Name, Team'; write a name, a comma, then "
                                    "a team")
            continue
        try:
            people.append(Person(name=name.strip(), team=team.strip()))
        except ValidationError as error:
            reason = error.errors()[0].get("ctx", {}).get("message") or error.errors()[0]["msg"]
            answers.problems.append(f"{where}: '{line.strip()[:60]}' (line {offset} of the "
                                    f"answer): {reason}")
    return people


def _date(answers: _Answers, question_id: str, today: date) -> date:
    if not answers(question_id):
        return today
    try:
        return date.fromisoformat(answers(question_id))
    except ValueError:
        answers.problems.append(f"{answers.where(question_id)}: '{answers(question_id)[:40]}' "
                                "is not a date; write it as YYYY-MM-DD, like 2026-11-03, or "
                                "leave it out")
        return today


def _ticked(answers: _Answers, handbook: Handbook, question_id: str) -> list[str]:
    """The ids of the ticked values (or behaviours), which must be ones the data has; for
    other questions, the ticked labels, which must be ones the form offers."""
    question = answers.form.question(question_id)
    offered = options(handbook, question)
    # A box's label reaches the body as the form offered it, and is read back the way the
    # rest of the body is (comments taken out): both sides are compared after that.
    by_name = {_as_read(label): label for label in offered}
    if question_id in ("values", "behaviours"):
        by_name = {_as_read(entry.name): entry.id for entry in (
            handbook.values if question_id == "values" else handbook.behaviours)}
    ids = []
    for label in answers.boxes(question_id):
        if _as_read(label) in by_name:
            ids.append(by_name[_as_read(label)])
        else:
            answers.problems.append(
                f"{answers.where(question_id)}: '{label[:60]}' is not one of the boxes of "
                f"'{question.label}' (the form offers: {', '.join(offered)})")
    return ids
