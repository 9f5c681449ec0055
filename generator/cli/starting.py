"""`handbook init`: start a new handbook for an organisation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import HandbookError
from ..sources.clock import todays_date
from .app import cli, reports_errors


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--name", help="The organisation's name, as readers know it.")
@click.option("--tagline", help="One sentence under the title: what the organisation is for.")
@click.option("--site-url", help="Where the handbook will be published, if known.")
@click.option("--repository-url", help="The git repository that will hold it, if known.")
@reports_errors
def init(folder: Path, name: str | None, tagline: str | None, site_url: str | None,
         repository_url: str | None) -> None:
    """Start a new handbook in FOLDER: one example of each kind to replace, no stories.

    It builds as it is (`handbook build`), and its history starts today, so nothing the
    repository held before is listed as a change.

    \b
    Example:
      handbook init our-handbook --name "Harbour Tools"
    """
    from ..authoring.new_handbook import NewHandbook, create_handbook

    if name is None:
        if not sys.stdin.isatty():
            raise HandbookError("give the organisation's name: handbook init FOLDER --name NAME")
        name = click.prompt("The organisation's name, as readers know it")
    # The day it was made is an editor's fact, like a new story's date: `history_starts`.
    written = create_handbook(folder, NewHandbook(
        name=name, starts=todays_date(), tagline=tagline, site_url=site_url,
        repository_url=repository_url))
    click.echo(f"Wrote a new handbook for {name} into {folder}/ ({len(written)} files).")
    click.echo("Next: replace the examples in data/, then `handbook build` in that folder.")
