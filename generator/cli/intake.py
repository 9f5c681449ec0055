"""Stories and ideas from colleagues without git: `handbook forms` writes their forms for
GitHub and GitLab from the data; `handbook new story --from-issue` (in data.py) reads a
submitted story back through `story_from_issue` here, and `handbook new idea` an idea."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import DataError, HandbookError, ProblemReport
from ..sources.project import Project, find_project
from ..sources.safe_files import text_inside
from .app import CONFIG_OPTION, cli, day, load, reports_errors
from .data import new

if TYPE_CHECKING:  # the models load pydantic: only the commands that run need it
    from ..authoring.issue_body import IdeaSubmission, Submission
    from ..model.handbook import Handbook


@cli.command()
@CONFIG_OPTION
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; fail if the committed forms differ from the data.")
@reports_errors
def forms(config_file: Path, check_only: bool) -> None:
    """Write the forms colleagues fill in without git (share a story, raise an idea): a
    GitHub issue form and a GitLab issue template of each, with the values and behaviours
    of the data as choices.

    \b
    Example:
      handbook forms
      handbook forms --check
    """
    from ..intake.forms import written_forms

    project = find_project(config_file)
    wanted = written_forms(_loaded(project))
    stale = [name for name, text in wanted.items()
             if text_inside(project.root / name, project.root) != text]
    if check_only:
        if stale:
            raise HandbookError(f"{', '.join(stale)} differ from the data; run `handbook "
                                "forms` and commit the result")
        click.echo("The forms are up to date.")
        return
    for name in stale:
        path = project.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[name], encoding="utf-8")
    click.echo(f"Wrote {', '.join(stale)}." if stale else "The forms were up to date.")


@cli.command()
@CONFIG_OPTION
@click.argument("kind", type=click.Choice(["story", "idea"]))
@click.argument("issue_body", type=click.Path(path_type=Path))
@click.option("--issue", "number", required=True, metavar="N", type=click.IntRange(min=1),
              help="The issue's number: the pull request closes it.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True,
              help="Where pr-body.md (on success) or comment.md (on failure) is written.")
@reports_errors
def intake(config_file: Path, kind: str, issue_body: Path, number: int, out_dir: Path) -> None:
    """Turn a submitted story or idea form into a draft, check the data with it, and write
    what the pull request and the issue are told: what the intake workflow runs when a
    curator labels an issue `approved-story` or `approved-idea`. Prints the draft's path.

    \b
    Example:
      handbook intake story issue-body.md --issue 12 --out intake/
    """
    from ..authoring.intake_messages import issue_comment, pull_request_body, what_the_form_said

    project = find_project(config_file)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        path, submission, names_someone = _draft(project, kind, issue_body, number)
        handbook, report = load(project)
        if handbook is None:
            path.unlink()  # the data does not take the draft: nothing is left half-right
            raise HandbookError(_refusal(kind, report, project.display(path), submission.where))
    except HandbookError as error:
        (out_dir / "comment.md").write_text(issue_comment(kind, str(error)), encoding="utf-8")
        raise
    written = project.display(path)
    said = what_the_form_said(kind, consent_given=submission.consent_given,
                              names_someone=names_someone)
    (out_dir / "pr-body.md").write_text(pull_request_body(kind, str(number), written, said),
                                        encoding="utf-8")
    click.echo(written)


def _draft(project: Project, kind: str, body: Path,
           number: int) -> tuple[Path, Submission | IdeaSubmission, bool]:
    """Write the draft a submission asks for: (its path, the submission, whether the draft
    names anyone). Problems name the issue's lines. A headline that gives no file name (no
    Latin letters or digits) takes one from the issue's number."""
    from ..authoring.issue_body import ISSUE_PREFIX

    issue = f"{ISSUE_PREFIX}{number}"
    fallback_id = f"{kind}-from-issue-{number}"
    if kind == "story":
        path, submission = story_from_issue(project, body, story_id=None, title=None,
                                            today=day(None), display=issue,
                                            fallback_id=fallback_id)
        return path, submission, True
    path, idea = idea_from_issue(project, body, idea_id=None, today=day(None),
                                 display=issue, fallback_id=fallback_id)
    return path, idea, bool(idea.draft.people)


def _refusal(kind: str, report: ProblemReport, draft: str, where: dict[str, str]) -> str:
    """Why the data does not take the draft, in the words of the issue it came from: a
    problem in the draft is shown at the answer it was written from, never at the draft
    (which is removed); the data's other problems are shown apart, as they are."""
    from ..authoring.issue_body import at_the_answers

    in_draft = [problem for problem in report.errors if problem.file == draft]
    others = [problem for problem in report.errors if problem.file != draft]
    parts = [at_the_answers(kind, in_draft, where)] if in_draft else []
    if others:
        parts.append("with the draft in place, the handbook's data has these problems, for "
                     "its curators:\n  " + "\n  ".join(
                         problem.format(show_severity=False).replace("\n", "\n  ")
                         for problem in others))
    return "\n".join(parts)


def story_from_issue(project: Project, body: Path, *, story_id: str | None,
                     title: str | None, today: date, display: str | None = None,
                     fallback_id: str | None = None) -> tuple[Path, Submission]:
    """Write the draft a submitted story form asks for; (its path, the submission).
    `fallback_id` names the file when neither `story_id` nor the title gives a name."""
    from ..authoring.issue_body import at_the_answers, read_submission
    from ..authoring.scaffold import DraftRefused, write_story
    from ..schema.common import suggest_slug

    handbook = _loaded(project)
    if not body.is_file():
        raise HandbookError(f"{body}: there is no such file")
    submission = read_submission(body, handbook, today=today, display=display or str(body))
    draft = submission.draft
    if title or story_id:
        draft = replace(draft, title=title or draft.title, story_id=story_id or draft.story_id)
    if draft.story_id is None and not suggest_slug(draft.title):
        draft = replace(draft, story_id=fallback_id)
    try:
        path = write_story(project.data_dir, draft,
                           known_values=[v.id for v in handbook.values],
                           known_behaviours=[b.id for b in handbook.behaviours])
    except DraftRefused as refused:
        raise HandbookError(at_the_answers("story", refused.problems, submission.where)) from None
    return path, submission


def _loaded(project: Project) -> Handbook:
    handbook, report = load(project)
    if handbook is None:
        raise DataError(report)
    return handbook


@new.command("idea")
@CONFIG_OPTION
@click.option("--from-issue", "issue_body", type=click.Path(path_type=Path), required=True,
              help="A submitted idea form (a GitHub or GitLab issue's body, or an e-mail in "
                   "the same layout) to write the draft from.")
@click.option("--id", "idea_id", help="The file name to use (default: made from the title).")
@click.option("--date", "raised", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="When it was raised, YYYY-MM-DD (default: today).")
@reports_errors
def new_idea(config_file: Path, issue_body: Path, idea_id: str | None, raised: Any) -> None:
    """Write data/ideas/<id>.yml as a draft from a submitted idea form. It is shown on the
    ideas page once a curator has written what changed and published it.

    \b
    Example:
      handbook new idea --from-issue issue-body.md
    """
    project = find_project(config_file)
    path, submission = idea_from_issue(project, issue_body, idea_id=idea_id, today=day(raised))
    click.echo(f"Wrote {project.display(path)} as a draft"
               + ("; the form says they agreed to be named: ask them before publishing."
                  if submission.consent_given and submission.draft.people else "."))


def idea_from_issue(project: Project, body: Path, *, idea_id: str | None, today: date,
                    display: str | None = None,
                    fallback_id: str | None = None) -> tuple[Path, IdeaSubmission]:
    """Write the draft idea a submitted idea form asks for (`fallback_id`: as for a story)."""
    from ..authoring.idea_draft import write_idea
    from ..authoring.issue_body import at_the_answers, read_idea_submission
    from ..authoring.scaffold import DraftRefused
    from ..schema.common import suggest_slug

    handbook = _loaded(project)
    if not body.is_file():
        raise HandbookError(f"{body}: there is no such file")
    submission = read_idea_submission(body, handbook, today=today,
                                      display=display or str(body))
    draft = replace(submission.draft, idea_id=idea_id) if idea_id else submission.draft
    if draft.idea_id is None and not suggest_slug(draft.title):
        draft = replace(draft, idea_id=fallback_id)
    try:
        return write_idea(project.data_dir, draft), submission
    except DraftRefused as refused:
        raise HandbookError(at_the_answers("idea", refused.problems, submission.where)) from None
