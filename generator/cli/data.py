"""Commands about the data: `check`, `report`, `schema` and `new story`."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import DataError, HandbookError, Problem, counted
from ..kinds import BUILT_IN, FINDING, IDEA, MEASURE
from ..sources.project import Project, find_project
from .app import CONFIG_OPTION, TODAY_OPTION, cli, day, load, reports_errors

if TYPE_CHECKING:  # the models load pydantic: only the commands that load data need it
    from ..model.handbook import Handbook


@cli.command()
@CONFIG_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings (weak spots) as errors.")
@TODAY_OPTION
@reports_errors
def check(config_file: Path, strict: bool, today: datetime | None) -> None:
    """Check the data for errors, weak spots and reminders, without building anything.

    Errors always fail; warnings fail with --strict; advice (a review date passed) never
    fails: it depends on the day, which a build must not.

    \b
    Example:
      handbook check --strict
      handbook check --today 2027-06-10   # which reminders fall due by then
    """
    from ..loading.check_cache import keep_memory, restore_memory
    from ..loading.parse_ahead import parse_ahead
    from ..loading.parsed_files import ParsedFiles
    from ..sources.gitinfo import read_build_info

    project = find_project(config_file)
    # Warnings go by the date the commit would build as of, never by today: a commit that
    # passes `check --strict` today passes it on any day.
    built = read_build_info(project.root, [project.data_dir, project.docs_dir])
    # Files unchanged since the last check are not parsed again (see check_cache.py).
    memory = restore_memory(project.root)
    parse_ahead(memory, project.data_dir)  # on every core, when the memory holds little
    handbook, report = load(project, today=day(today), built_as_of=built.as_of.day,
                            parsed=ParsedFiles(memory))
    keep_memory(memory)
    if handbook is not None:
        from ..authoring.drift import drift

        report.extend(_site_clashes(project, handbook, built.as_of.day))
        report.extend(drift(project, handbook))  # what has fallen behind, and the fix
        report.extend(_translation_problems(project, handbook))
    if report.fails(strict=strict):
        raise DataError(report, strict=strict)  # its message lists every problem
    assert handbook is not None
    if report.warnings or report.advice:
        click.echo(report.format(), err=True)
    click.echo(f"{project.display(project.data_dir)}/ is valid: {_summary(handbook)}.")
    if report.warnings:
        click.echo(f"{report.summary()}: warnings are allowed, but worth a look "
                   "(`--strict` treats them as errors).")
    elif report.advice:
        click.echo(f"{report.summary()}: advice is a reminder, never a failure.")


@cli.command()
@CONFIG_OPTION
@click.option("--months", default=12, show_default=True, type=click.IntRange(1, 120),
              help="How far back a story counts as recent.")
@TODAY_OPTION
@reports_errors
def report(config_file: Path, months: int, today: datetime | None) -> None:
    """Show where stories are missing (values and behaviours without a recent story,
    stories due for review, drafts, counts per value and month), then which service
    measures miss their target or have no recent figures.

    \b
    Example:
      handbook report --months 6
    """
    from ..model.coverage import format_report, story_coverage
    from ..model.measures import measures_report

    project = find_project(config_file)
    handbook, problems = load(project)
    if handbook is None:
        raise DataError(problems)
    click.echo(format_report(story_coverage(handbook, today=day(today), months=months)))
    click.echo("\n" + measures_report(handbook, day(today)))
    if len(handbook.organisation.all_languages) > 1:
        from ..translation.report import translations_report
        from ..translation.texts import settings_texts

        _, translations = _translations(project, handbook, settings_texts)
        click.echo("\n" + translations_report(translations))


def _translations(project: Project, handbook: Handbook, settings_texts: Any
                  ) -> tuple[list[Problem], list[Any]]:
    from ..translation.catalogues import CatalogueProblem
    from ..translation.translate import check_translations

    try:
        return check_translations(project.root, handbook, project.display(project.docs_dir),
                                  settings_texts(project.reader_settings))
    except CatalogueProblem as error:
        return [error.problem], []


def _translation_problems(project: Project, handbook: Handbook) -> list[Problem]:
    """What the check says about the handbook's translations (see check_translations)."""
    if len(handbook.organisation.all_languages) < 2:
        return []
    from ..translation.texts import settings_texts

    return _translations(project, handbook, settings_texts)[0]


@cli.command()
@CONFIG_OPTION
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when the committed schemas differ from the models.")
@reports_errors
def schema(config_file: Path, check_only: bool) -> None:
    """Write the JSON Schemas editors use to check data files as they type.

    \b
    Example:
      handbook schema           # after changing a model
      handbook schema --check   # in CI: are the committed schemas current?
    """
    from ..authoring.editor_schemas import SCHEMA_FOLDER, stale_schemas, write_schemas
    from ..loading.kind_folders import project_registry

    project = find_project(config_file)
    registry = project_registry(project)
    folder = project.display(project.data_dir / SCHEMA_FOLDER)
    if check_only:
        stale = stale_schemas(project.data_dir, registry)
        if stale:
            raise HandbookError(f"{', '.join(stale)} in {folder}/ differ from the models; "
                                "run `handbook schema` and commit the result")
        click.echo(f"The schemas in {folder}/ are up to date.")
        return
    written = write_schemas(project.data_dir, registry)
    click.echo(f"Wrote {len(written)} schema files to {folder}/." if written
               else f"The schemas in {folder}/ were up to date.")


@cli.group()
def new() -> None:
    """Create new data files from a valid skeleton."""


@new.command("story")
@CONFIG_OPTION
@click.option("--title", help="The story's headline.")
@click.option("--person", "people", multiple=True, metavar="'NAME, TEAM'",
              help="Someone recognised, as 'Name, Team'. Repeat for each person.")
@click.option("--value", "values", multiple=True, metavar="ID",
              help="A value the story shows, by id. Repeat for more.")
@click.option("--behaviour", "behaviours", multiple=True, metavar="ID",
              help="An expected behaviour the story shows, by id. Repeat for more.")
@click.option("--date", "happened", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="When it happened, YYYY-MM-DD (default: today).")
@click.option("--id", "story_id", help="The file name to use (default: made from the title).")
@click.option("--featured", is_flag=True, help="Pin it to the top of the bulletin board.")
@click.option("--from-issue", "issue_body", type=click.Path(path_type=Path), default=None,
              help="A submitted story form (a GitHub or GitLab issue's body, or an e-mail in "
                   "the same layout) to write the draft from.")
@reports_errors
def new_story(
    config_file: Path, title: str | None, people: tuple[str, ...], values: tuple[str, ...],
    behaviours: tuple[str, ...], happened: Any, story_id: str | None, featured: bool,
    issue_body: Path | None,
) -> None:
    """Write data/stories/<id>.yml as a draft. In a terminal, asks for what the options
    leave out; otherwise --title, --person and --value are needed.

    \b
    Example:
      handbook new story
      handbook new story --title "A late order delivered by hand" \\
        --person "Sam Taylor, Customer service" --value respect
      handbook new story --from-issue issue-body.md
    """
    from ..authoring.scaffold import StoryDraft, parse_person, write_story
    from ..authoring.story_prompts import ask_for_story
    from .intake import story_from_issue

    project = find_project(config_file)
    if issue_body is not None:
        path, submission = story_from_issue(project, issue_body, story_id=story_id,
                                            title=title, today=day(happened))
        click.echo(f"Wrote {project.display(path)} as a draft"
                   + ("." if submission.consent_given else "; the form does not say that "
                      "everyone named agreed: ask them before publishing."))
        return
    known_values, known_behaviours, problems = _known_ids(project)
    draft = StoryDraft(
        title=title or "", people=[parse_person(p) for p in people], values=list(values),
        behaviours=list(behaviours), story_id=story_id, featured=featured,
        happened=day(happened),
    )
    if not (draft.title and draft.people and draft.values):
        if not sys.stdin.isatty():
            raise HandbookError("give --title, --person and --value (or run the command in a "
                                "terminal to be asked for them)")
        draft = ask_for_story(draft, known_values=known_values,
                              known_behaviours=known_behaviours)
    path = write_story(project.data_dir, draft, known_values=known_values,
                       known_behaviours=known_behaviours)
    missing = [name for name in ("situation", "action", "outcome", "tip")
               if name not in draft.texts]
    click.echo(f"Wrote {project.display(path)}"
               + (f": fill in the {_and_list(missing)}." if missing else "."))
    if problems:
        click.echo(f"Note: other files have problems ({problems}); `handbook check` lists "
                   "them.", err=True)


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]




def _site_clashes(project: Project, handbook: Handbook, built_as_of: date) -> list[Problem]:
    """Files that a build would stop on for sharing one address (see site_outputs.py)."""
    from ..site.engine import mkdocs_config, plugin_options
    from ..site.outputs import project_clashes
    from ..site.page import BuildFacts

    config = mkdocs_config(project)
    with_pdfs = plugin_options(config).pdf
    docs = project.display(project.docs_dir) + "/"
    return [Problem(docs, None, None, "", clash.what, clash.fix)
            for clash in project_clashes(config, handbook, BuildFacts(today=built_as_of),
                                         with_pdfs=with_pdfs)]




def _known_ids(project: Project) -> tuple[list[str], list[str], str | None]:
    """The value and behaviour ids a story can name, and the data's problems, counted. A
    draft is written even while other files have problems (an editor starting a handbook
    has several at once): the ids are then taken as the files write them."""
    from ..loading.kind_folders import project_registry
    from ..loading.loader import ids_as_written

    handbook, report = load(project)
    if handbook is not None:
        return [v.id for v in handbook.values], [b.id for b in handbook.behaviours], None
    written = ids_as_written(project.data_dir, project_registry(project))
    return written.get("values", []), written.get("behaviours", []), report.summary()




def _summary(handbook: Handbook) -> str:
    drafts = sum(1 for s in handbook.stories if s.status == "draft")
    retired = sum(1 for s in handbook.stories if s.status == "retired")
    return (
        f"{counted(len(handbook.values), 'value')}, "
        f"{counted(len(handbook.elements), 'foundation element')} in "
        f"{counted(len(handbook.layers), 'layer')}, "
        f"{counted(len(handbook.behaviours), 'behaviour')} in "
        f"{counted(len(handbook.themes), 'theme')}, "
        f"{counted(len(handbook.published), 'published story', 'published stories')} "
        f"({drafts:,} draft, {retired:,} retired), " + _orientation_summary(handbook)
        + _measures_summary(handbook) + _ideas_summary(handbook) + _added_summary(handbook)
    )


def _added_summary(handbook: Handbook) -> str:
    """The entries of each kind the handbook adds (`2 questions`), by its noun."""
    added = [kind for kind in handbook.registry.kinds if kind not in BUILT_IN.kinds]
    return "".join(f", {counted(len(handbook.shown(kind)), kind.noun)}" for kind in added
                   if handbook.of(kind))


def _ideas_summary(handbook: Handbook) -> str:
    ideas = handbook.of(IDEA)
    if not ideas:
        return ""
    shown = len(handbook.shown(IDEA))
    return f", {counted(shown, 'published idea')} ({len(ideas) - shown:,} not published)"


def _orientation_summary(handbook: Handbook) -> str:
    orientation = handbook.orientation
    steps = len(orientation.steps) + len(orientation.role_steps)
    roles = f" for {counted(len(orientation.roles), 'role')}" if orientation.roles else ""
    questions = (f" with {counted(len(orientation.questions), 'question')}"
                 if orientation.questions else "")
    return f"{counted(steps, 'orientation step')}{roles}{questions}"


def _measures_summary(handbook: Handbook) -> str:
    measures, findings = handbook.of(MEASURE), handbook.of(FINDING)
    if not measures and not findings:
        return ""
    rows = sum(len(handbook.results.get(m.id, [])) for m in measures)
    files = sum(1 for m in measures if handbook.results.get(m.id))
    return (f", {counted(len(measures), 'measure')} ({counted(rows, 'result')} in "
            f"{counted(files, 'file')}), {counted(len(findings), 'finding')}")
