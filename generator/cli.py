"""The `handbook` command. Each command hands its work to one function of the core.

Errors a person can fix are printed as `Error: ...` with exit code 1, never as a
traceback; problems in the data are listed all together, each with file and line.
"""

from __future__ import annotations

import functools
import logging
import re
import signal
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from .clock import todays_date
from .errors import DataError, HandbookError, Problem, ProblemReport
from .handbook import Handbook
from .project import Project, find_project

F = TypeVar("F", bound=Callable[..., Any])

TODAY_OPTION = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
    help="Measure reminders (reviews due, dates ahead) from this day instead of today.",
)
CONFIG_OPTION = click.option(
    "--config", "-f", "config_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
    show_default=True, help="The site's MkDocs settings; the data folder is found from it.",
)


def _reports_errors(command: F) -> F:
    """Turn the errors a person can act on into `Error: ...` and exit code 1.

    A file or folder the system refuses (missing, unreadable, a full disk) is one line with
    its path. Anything else is a bug in the tool: one line saying so, and with `--debug`
    the traceback to put in a bug report.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except HandbookError as error:
            _fail(f"Error: {error}")
        except KeyboardInterrupt:
            click.echo("Stopped.", err=True)
            sys.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Abort,
                click.exceptions.Exit):
            raise  # click's own: usage errors, Ctrl-C at a prompt; click reports them
        except OSError as error:
            if _debugging():
                raise
            _fail(f"Error: {_describe_os_error(error)}")
        except Exception as error:
            if _debugging():
                raise
            _fail(f"Error: the handbook tool failed unexpectedly ({type(error).__name__}: "
                  f"{error}). This is a bug: run the command again with `handbook --debug "
                  "...` and report what it prints.")

    return wrapper  # type: ignore[return-value]


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


def _debugging() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


def _describe_os_error(error: OSError) -> str:
    """`/proc/nope: No such file or directory`: the path (or both, for a rename) and why."""
    reason = error.strerror or str(error)
    paths = [str(p) for p in (error.filename, error.filename2) if p is not None]
    return f"{' -> '.join(paths)}: {reason}" if paths else reason


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="culture-handbook", prog_name="handbook")
@click.option("--debug", is_flag=True,
              help="Show the full traceback of an unexpected error (for bug reports).")
def cli(debug: bool) -> None:
    """Build the culture handbook (site and PDF editions) from the YAML in data/."""


@cli.command()
@CONFIG_OPTION
@click.option("--strict", is_flag=True, help="Treat warnings (weak spots) as errors.")
@TODAY_OPTION
@_reports_errors
def check(config_file: Path, strict: bool, today: datetime | None) -> None:
    """Check the data for errors, weak spots and reminders, without building anything.

    Errors always fail; warnings fail with --strict; advice (a review date passed) never
    fails: it depends on the day, which a build must not.

    \b
    Example:
      handbook check --strict
      handbook check --today 2027-06-10   # which reminders fall due by then
    """
    from .gitinfo import read_build_info

    project = find_project(config_file)
    # Warnings go by the date the commit would build as of, never by today: a commit that
    # passes `check --strict` today passes it on any day.
    built = read_build_info(project.root, [project.data_dir, project.docs_dir])
    handbook, report = _load(project, today=_day(today), built_as_of=built.as_of.day)
    if handbook is not None:
        report.extend(_site_clashes(project, handbook, built.as_of.day))
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
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Stop on warnings as well as errors.")
@click.option("--site-dir", "-d", type=click.Path(path_type=Path),
              help="Where to put the site (default: site_dir of mkdocs.yml).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper size of the PDF editions (default: the plugin's `paper`, a4).")
@click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' progress messages too.")
@_reports_errors
def build(config_file: Path, strict: bool, site_dir: Path | None, paper: str | None,
          verbose: bool) -> None:
    """Build the handbook site and its PDF editions into site/ (replaced only on success).

    \b
    Example:
      handbook build
      handbook build --no-strict --site-dir /tmp/preview
    """
    from .sitebuild import build_site

    project = find_project(config_file)
    _log_mkdocs_to_terminal(verbose)
    _stop_cleanly_when_terminated()
    result = build_site(project, strict=strict, site_dir=site_dir, paper=paper,
                        waiting=lambda message: click.echo(message, err=True))
    editions = f" and {result.editions} PDF editions" if result.editions else ""
    click.echo(
        f"Built {result.pages} pages{editions} into {project.display(result.site_dir)}/ "
        f"in {result.seconds:.1f} s."
    )


@cli.command()
@CONFIG_OPTION
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              help="Address and port to serve on.")
@_reports_errors
def serve(config_file: Path, dev_addr: str) -> None:
    """Preview the handbook, rebuilding it when data, pages or styles change.

    \b
    Example:
      handbook serve --dev-addr 127.0.0.1:8080
    """
    import os

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort, ConfigurationError

    project = find_project(config_file)
    # A preview shows each failed build's problems as they happen, at start and on every
    # reload: the build's error is the list of problems, with files and lines.
    _log_mkdocs_to_terminal(verbose=True, show_build_errors=True)
    try:
        mkdocs_serve(config_file=str(project.config_file), dev_addr=dev_addr, livereload=True)
    except Abort:
        raise HandbookError("the preview could not start: fix the problems above, then run "
                            "it again") from None
    except ConfigurationError as error:
        raise HandbookError(str(error)) from None


@cli.command()
@CONFIG_OPTION
@click.option("--edition", "-e", "names", multiple=True, metavar="ID",
              help="An edition to make, by id (repeat for more). Default: all of them.")
@click.option("--all", "all_editions", is_flag=True, help="Make every edition (the default).")
@click.option("--since", metavar="REF",
              help="The previous edition, for 'Changes in this edition': a git tag or commit, "
                   "or its .manifest.json file. Default: the handbook plugin's `since` in "
                   "mkdocs.yml, then `previous` in editions.yml, then the newest tag before "
                   "this commit.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper size. Default: the handbook plugin's `paper` in mkdocs.yml (a4).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=Path("editions"),
              show_default=True, help="Folder to write <id>.pdf and <id>.manifest.json into.")
@click.option("--notice-board", "month", metavar="YYYY-MM",
              help="Instead of editions: that month's stories, one per page, for a notice board.")
@_reports_errors
def pdf(config_file: Path, names: tuple[str, ...], all_editions: bool, since: str | None,
        paper: str | None, output: Path, month: str | None) -> None:
    """Make the printable PDF editions declared in data/editions.yml.

    \b
    Example:
      handbook pdf --edition orientation --paper letter
      handbook pdf --all --since v2026.10
      handbook pdf --notice-board 2026-11
    """
    from .editions.build import build_editions, job_from_mkdocs, select_editions
    from .editions.noticeboard import build_notice_board
    from .gitinfo import read_build_info

    if names and all_editions:
        raise HandbookError("give --edition or --all, not both")
    if month is not None and (names or all_editions):
        raise HandbookError("--notice-board makes a notice-board print, not editions: "
                            "give it on its own")
    project = find_project(config_file)
    handbook, report = _load(project)
    if handbook is None:
        raise DataError(report)
    output = output if output.is_absolute() else Path.cwd() / output
    # A folder that cannot be made fails now, not after seconds of laying out pages.
    output.mkdir(parents=True, exist_ok=True)
    build = read_build_info(project.root, [project.data_dir, project.docs_dir])
    config = _mkdocs_config(project)
    # The plugin's options are declared once (HandbookConfig); what the command line does not
    # say comes from mkdocs.yml, as in `handbook build`.
    options = _plugin_options(config)
    job = job_from_mkdocs(
        config, root=project.root, data_dir=project.data_dir, output_dir=output, build=build,
        paper=paper or options.paper, since=since or options.since,
    )
    progress = lambda stage: click.echo(stage, err=True)  # noqa: E731
    if build.failure:
        click.echo(f"warning: {build.failure}", err=True)
    if month is not None:
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            raise HandbookError(f"--notice-board '{month}': give a month as YYYY-MM, like 2026-11")
        board = build_notice_board(handbook, month, job, progress)
        click.echo(f"Wrote {project.display(board.path)}: {board.pages} pages.")
        return
    results = build_editions(handbook, select_editions(handbook, list(names) or None), job,
                             progress)
    for result in results:
        click.echo(f"Wrote {project.display(result.path)}: {result.pages} pages, "
                   f"fingerprint {result.fingerprint}.")


@cli.command()
@CONFIG_OPTION
@click.option("--months", default=12, show_default=True, type=click.IntRange(1, 120),
              help="How far back a story counts as recent.")
@TODAY_OPTION
@_reports_errors
def report(config_file: Path, months: int, today: datetime | None) -> None:
    """Show where stories are missing: values and behaviours without a recent story,
    stories due for review, drafts, and counts per value and month.

    \b
    Example:
      handbook report --months 6
    """
    from .coverage import format_report, story_coverage

    project = find_project(config_file)
    handbook, problems = _load(project)
    if handbook is None:
        raise DataError(problems)
    click.echo(format_report(story_coverage(handbook, today=_day(today), months=months)))


@cli.command()
@CONFIG_OPTION
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 when the committed schemas differ from the models.")
@_reports_errors
def schema(config_file: Path, check_only: bool) -> None:
    """Write the JSON Schemas editors use to check data files as they type.

    \b
    Example:
      handbook schema           # after changing a model
      handbook schema --check   # in CI: are the committed schemas current?
    """
    from .editor_schemas import SCHEMA_FOLDER, stale_schemas, write_schemas

    project = find_project(config_file)
    folder = project.display(project.data_dir / SCHEMA_FOLDER)
    if check_only:
        stale = stale_schemas(project.data_dir)
        if stale:
            raise HandbookError(f"{', '.join(stale)} in {folder}/ differ from the models; "
                                "run `handbook schema` and commit the result")
        click.echo(f"The schemas in {folder}/ are up to date.")
        return
    written = write_schemas(project.data_dir)
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
@_reports_errors
def new_story(
    config_file: Path, title: str | None, people: tuple[str, ...], values: tuple[str, ...],
    behaviours: tuple[str, ...], happened: Any, story_id: str | None, featured: bool,
) -> None:
    """Write data/stories/<id>.yml as a draft. In a terminal, asks for what the options
    leave out; otherwise --title, --person and --value are needed.

    \b
    Example:
      handbook new story
      handbook new story --title "A wheel rebuilt before the race" \\
        --person "Amara Okafor, Leeds workshop" --value respect --value keep-promises
    """
    from .scaffold import StoryDraft, parse_person, write_story
    from .story_prompts import ask_for_story

    project = find_project(config_file)
    known_values, known_behaviours = _known_ids(project)
    draft = StoryDraft(
        title=title or "", people=[parse_person(p) for p in people], values=list(values),
        behaviours=list(behaviours), story_id=story_id, featured=featured,
        happened=_day(happened),
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


def _and_list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _stop_cleanly_when_terminated() -> None:
    """`kill` (SIGTERM, as CI sends on a cancelled run) unwinds like Ctrl-C, so a build
    removes its half-written staging folder instead of leaving it for the next one."""
    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def _day(given: datetime | None) -> date:
    """The day an option names, else the editor's today (these commands are about now)."""
    return given.date() if given else todays_date()


def _load(
    project: Project, today: date | None = None, built_as_of: date | None = None,
) -> tuple[Handbook | None, ProblemReport]:
    from .loader import load_handbook

    return load_handbook(project.data_dir, project.docs_dir, root=project.root, today=today,
                         built_as_of=built_as_of, lives_until_exit=True)


def _site_clashes(project: Project, handbook: Handbook, built_as_of: date) -> list[Problem]:
    """Files that a build would stop on for sharing one address (see site_outputs.py)."""
    from .site.page import BuildFacts
    from .site_outputs import project_clashes

    config = _mkdocs_config(project)
    with_pdfs = _plugin_options(config).pdf
    docs = project.display(project.docs_dir) + "/"
    return [Problem(docs, None, None, "", clash.what, clash.fix)
            for clash in project_clashes(config, handbook, BuildFacts(today=built_as_of),
                                         with_pdfs=with_pdfs)]


def _plugin_options(config: Any) -> Any:
    """The handbook plugin's options as MkDocs read them from mkdocs.yml (HandbookConfig),
    defaults included; the defaults alone when mkdocs.yml does not list the plugin."""
    from .plugin import HandbookConfig

    plugin = config.plugins.get("handbook")
    if plugin is not None:
        return plugin.config
    options = HandbookConfig()
    options.load_dict({})
    options.validate()
    return options


def _mkdocs_config(project: Project) -> Any:
    """mkdocs.yml as MkDocs reads it, for its Markdown extensions and theme folder."""
    import os

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(str(project.config_file))
    except ConfigurationError as error:
        raise HandbookError(f"{project.display(project.config_file)}: {error}") from None


def _known_ids(project: Project) -> tuple[list[str], list[str]]:
    handbook, report = _load(project)
    if handbook is None:
        raise DataError(report)
    return [v.id for v in handbook.values], [b.id for b in handbook.behaviours]


def _summary(handbook: Handbook) -> str:
    drafts = sum(1 for s in handbook.stories if s.status == "draft")
    retired = sum(1 for s in handbook.stories if s.status == "retired")
    return (
        f"{len(handbook.values):,} values, {len(handbook.elements):,} foundation elements in "
        f"{len(handbook.layers)} layers, {len(handbook.behaviours):,} behaviours in "
        f"{len(handbook.themes)} themes, {len(handbook.published):,} published stories "
        f"({drafts:,} draft, {retired:,} retired), {len(handbook.orientation.steps)} orientation "
        "steps"
    )


class _WorthShowing(logging.Filter):
    """Warnings, the handbook's own progress (and with -v, MkDocs' progress too).

    MkDocs logs a plugin's error and then raises it; a build shows it once, as `Error: ...`.
    A preview keeps serving after a failed rebuild, so there the logged error is the one.
    """

    def __init__(self, verbose: bool, show_build_errors: bool) -> None:
        super().__init__()
        self.verbose = verbose
        self.show_build_errors = show_build_errors

    def filter(self, record: logging.LogRecord) -> bool:
        if (record.levelno >= logging.ERROR and record.name == "mkdocs.commands.build"
                and not self.show_build_errors):
            return False
        return (record.levelno >= logging.WARNING or self.verbose
                or record.name == "mkdocs.plugins.handbook")


class _TerminalFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            return f"{record.levelname.lower()}: {message}"
        return message


def _log_mkdocs_to_terminal(verbose: bool, show_build_errors: bool = False) -> None:
    """MkDocs logs through `mkdocs`; show its warnings (and with -v, its progress)."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for handler in [h for h in logger.handlers if h.name == "handbook-cli"]:
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.name = "handbook-cli"
    handler.setFormatter(_TerminalFormatter())
    handler.addFilter(_WorthShowing(verbose, show_build_errors))
    logger.addHandler(handler)


def main() -> None:
    cli(prog_name="handbook")
