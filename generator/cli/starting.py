"""`handbook init`: start a new handbook for an organisation; `handbook override`: adapt
a template of the generator, and be told when its original changes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import HandbookError
from ..sources.clock import todays_date
from ..sources.project import find_project
from .app import CONFIG_OPTION, cli, load, reports_errors


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--name", help="The organisation's name, as readers know it.")
@click.option("--tagline", help="One sentence under the title: what the organisation is for.")
@click.option("--site-url", help="Where the handbook will be published, if known.")
@click.option("--repository-url", help="The git repository that will hold it, if known.")
@click.option("--generator", "generator_source", metavar="REQUIREMENT",
              help="Where CI installs the generator from: a version (0.2.0) or a git address "
                   "pinned to a tag or commit (git+https://host/culture-handbook@v0.2.0). "
                   "Default: where this one was installed from.")
@click.option("--languages", metavar="CODES",
              help="The languages it is read in, the one it is written in first: en,pt "
                   "(each other one gets its own site and a PO file to translate in "
                   "translations/). Default: en alone.")
@reports_errors
def init(folder: Path, name: str | None, tagline: str | None, site_url: str | None,
         repository_url: str | None, generator_source: str | None,
         languages: str | None) -> None:
    """Start a new handbook in FOLDER: one example of each kind to replace, no stories,
    in a git repository of its own (or the one FOLDER is in).

    It builds as it is (`handbook build`), and its history starts today, so nothing the
    repository held before is listed as a change.

    \b
    Example:
      handbook init our-handbook --name "Harbour Tools"
      handbook init our-handbook --name "Harbour Tools" --generator 0.2.0
      handbook init our-handbook --name "Harbour Tools" --languages en,pt
    """
    from ..authoring.new_handbook import (
        NewHandbook,
        create_handbook,
        generator_requirement,
        given_requirement,
    )
    from ..sources.git import GitError, in_repository, run_git

    if name is None:
        if not sys.stdin.isatty():
            raise HandbookError("give the organisation's name: handbook init FOLDER --name NAME")
        name = click.prompt("The organisation's name, as readers know it")
    generator = (given_requirement(generator_source) if generator_source is not None
                 else generator_requirement())
    # The day it was made is an editor's fact, like a new story's date: `history_starts`.
    written = create_handbook(folder, NewHandbook(
        name=name, starts=todays_date(), tagline=tagline, site_url=site_url,
        repository_url=repository_url, generator=generator,
        languages=tuple(code.strip() for code in (languages or "").split(",") if code.strip())))
    click.echo(f"Wrote a new handbook for {name} into {folder}/ ({len(written)} files).")
    if not in_repository(folder):
        try:
            run_git(folder, "init", "--quiet")
            click.echo(f"Made {folder}/ a git repository: page dates and \"What's changed\" "
                       "come from its history.")
        except GitError as failed:
            click.echo(f"  Note: it is not a git repository yet ({failed}); page dates and "
                       "\"What's changed\" come from git history: run `git init` there.")
    click.echo(f"requirements.txt installs the generator as: {generator.line}")
    if not generator.reachable:
        click.echo(f"  Note: {generator.note}.")
    click.echo("Next, in that folder:\n"
               "  bash requirements/install .venv requirements/runtime.lock requirements.txt\n"
               "  .venv/bin/handbook check    # lists the examples to replace with your own\n"
               "  .venv/bin/handbook build    # the site and the PDF editions, into site/")


@cli.command()
@CONFIG_OPTION
@click.argument("template", required=False)
@click.option("--list", "list_all", is_flag=True, help="List every template that can be copied.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Show how your copy differs from the template as the generator has it now.")
@click.option("--accept", is_flag=True,
              help="Your copy is up to date with the template: stamp it with the template "
                   "as it is now (also stamps a copy made by hand).")
@reports_errors
def override(config_file: Path, template: str | None, list_all: bool, show_diff: bool,
             accept: bool) -> None:
    """Copy TEMPLATE (a page, print or theme template) into overrides/ to change it,
    stamped so that `handbook check` says when a new version of the generator changes the
    original. Change the wording with `wording:` in organisation.yml where you can: a
    copied template no longer receives the generator's fixes.

    \b
    Example:
      handbook override pages/behaviours.md.jinja
      handbook override pages/behaviours.md.jinja --diff
      handbook override pages/behaviours.md.jinja --accept
    """
    from ..authoring import overrides

    project = find_project(config_file)
    if project.overrides_dir is None:
        raise HandbookError("mkdocs.yml names no folder for overrides: add `custom_dir: "
                            "overrides` under `theme:`")
    if list_all:
        for upstream in overrides.every_upstream(project.overrides_dir):
            click.echo(upstream.name)
        return
    if template is None:
        raise HandbookError("name the template to copy (`handbook override --list` lists "
                            "them), like: handbook override pages/behaviours.md.jinja")
    if show_diff and accept:
        raise HandbookError("give --diff or --accept, not both")
    upstream = overrides.find_upstream(template, project.overrides_dir)
    shown = project.display(upstream.target)
    if show_diff:
        click.echo(overrides.diff(upstream) or f"{shown} is the same as {upstream.name}.")
    elif accept:
        overrides.accept(upstream)
        click.echo(f"Stamped {shown} with {upstream.name} as it is now.")
    else:
        overrides.override(upstream)
        click.echo(f"Copied {upstream.name} to {shown}. Edit the copy; `handbook check` says "
                   "when the generator's original changes.")


@cli.command()
@CONFIG_OPTION
@reports_errors
def refresh(config_file: Path) -> None:
    """Bring what comes with the generator up to date after an upgrade (or a change to the
    values and behaviours): the installer and lock in requirements/, the editor schemas
    and the story and idea forms. `handbook check` says when they are behind.

    \b
    Example:
      handbook refresh
    """
    from ..authoring.drift import refresh as refresh_files
    from ..errors import DataError

    project = find_project(config_file)
    handbook, report = load(project)
    if handbook is None:
        raise DataError(report)
    written = refresh_files(project, handbook)
    click.echo(f"Wrote {', '.join(written)}; commit them." if written
               else "Everything that comes with the generator was up to date.")
