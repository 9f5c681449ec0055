"""The `handbook` command group and what every command shares: the options all of them
take, loading the data, and error reporting.

Errors a person can fix are printed as `Error: ...` with exit code 1, never as a
traceback; problems in the data are listed all together, each with file and line.
"""

from __future__ import annotations

import functools
import signal
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ..errors import HandbookError, ProblemReport
from ..sources.clock import todays_date
from ..sources.project import Project

if TYPE_CHECKING:  # the models load pydantic: only the commands that load data need it
    from ..loading.parsed_files import ParsedFiles
    from ..model.handbook import Handbook

F = TypeVar("F", bound=Callable[..., Any])

TODAY_OPTION = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
    help="Measure reminders (reviews due, dates ahead) from this day instead of today.",
)
CONFIG_OPTION = click.option(
    "--config", "-f", "config_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
    show_default=True, help="The site's MkDocs settings; the data folder is found from it.",
)


def reports_errors(command: F) -> F:
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
            _fail(f"Error: {describe_os_error(error)}")
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


def describe_os_error(error: OSError) -> str:
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


def stop_cleanly_when_terminated() -> None:
    """`kill` (SIGTERM, as CI sends on a cancelled run) unwinds like Ctrl-C, so a build
    removes its half-written staging folder instead of leaving it for the next one."""
    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)




def day(given: datetime | None) -> date:
    """The day an option names, else the editor's today (these commands are about now)."""
    return given.date() if given else todays_date()




def load(
    project: Project, today: date | None = None, built_as_of: date | None = None,
    parsed: ParsedFiles | None = None,
) -> tuple[Handbook | None, ProblemReport]:
    from ..loading.kind_folders import project_registry
    from ..loading.loader import load_handbook

    return load_handbook(project.data_dir, project.docs_dir, root=project.root, today=today,
                         built_as_of=built_as_of, lives_until_exit=True,
                         theme_dir=project.overrides_dir, parsed=parsed,
                         registry=project_registry(project))


def main() -> None:
    cli(prog_name="handbook")
