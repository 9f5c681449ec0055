"""Stories from colleagues without git: `handbook forms` writes the story form for GitHub
and GitLab from the data, and `handbook new story --from-issue` (in data.py) reads a
submitted one back through `story_from_issue` here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import DataError, HandbookError
from ..sources.project import Project, find_project
from .app import CONFIG_OPTION, cli, load, reports_errors

if TYPE_CHECKING:  # the models load pydantic: only the commands that run need it
    from ..model.handbook import Handbook


@cli.command()
@CONFIG_OPTION
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; fail if the committed forms differ from the data.")
@reports_errors
def forms(config_file: Path, check_only: bool) -> None:
    """Write the story form colleagues fill in without git: a GitHub issue form and a
    GitLab issue template, with the values and behaviours of the data as choices.

    \b
    Example:
      handbook forms
      handbook forms --check
    """
    from ..model.story_form import GITHUB_FORM, GITLAB_TEMPLATE, github_form, plain_template

    project = find_project(config_file)
    handbook = _loaded(project)
    wanted = {GITHUB_FORM: github_form(handbook), GITLAB_TEMPLATE: plain_template(handbook)}
    stale = [name for name, text in wanted.items() if _read(project.root / name) != text]
    if check_only:
        if stale:
            raise HandbookError(f"{', '.join(stale)} differ from the data; run `handbook "
                                "forms` and commit the result")
        click.echo("The story forms are up to date.")
        return
    for name in stale:
        path = project.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted[name], encoding="utf-8")
    click.echo(f"Wrote {', '.join(stale)}." if stale else "The story forms were up to date.")


def story_from_issue(project: Project, body: Path, *, story_id: str | None,
                     title: str | None, today: date) -> tuple[Path, bool]:
    """Write the draft a submitted story form asks for; (its path, whether the submitter
    says everyone named agreed)."""
    from ..authoring.issue_body import read_submission
    from ..authoring.scaffold import write_story

    handbook = _loaded(project)
    if not body.is_file():
        raise HandbookError(f"{body}: there is no such file")
    submission = read_submission(body, handbook, today=today, display=str(body))
    draft = submission.draft
    if title or story_id:
        draft = type(draft)(**{**draft.__dict__, "title": title or draft.title,
                               "story_id": story_id or draft.story_id})
    path = write_story(project.data_dir, draft, known_values=[v.id for v in handbook.values],
                       known_behaviours=[b.id for b in handbook.behaviours])
    return path, submission.consent_given


def _loaded(project: Project) -> Handbook:
    handbook, report = load(project)
    if handbook is None:
        raise DataError(report)
    return handbook


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None
