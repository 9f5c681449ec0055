"""`handbook translations update`: the PO files brought up to date with the source."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import DataError, HandbookError
from ..sources.project import find_project
from .app import CONFIG_OPTION, cli, load, reports_errors


@cli.group()
def translations() -> None:
    """The handbook's translations into its other languages (`languages:` in
    organisation.yml), one gettext PO file each in translations/."""


@translations.command()
@CONFIG_OPTION
@reports_errors
def update(config_file: Path) -> None:
    """Write each language's PO file from the handbook as it is now: new texts come in
    untranslated, changed ones keep their translation marked fuzzy (with the text it was
    made for), and texts that are gone are kept at the end as obsolete.

    Translate the files with any PO editor (Poedit, Weblate, Crowdin); until a text is
    translated again, readers see it in the source language with a notice.

    \b
    Example:
      handbook translations update && git add translations/
    """
    from ..sources.gitinfo import read_build_info
    from ..translation.updating import update_po_files

    project = find_project(config_file)
    handbook, report = load(project)
    if handbook is None:
        raise DataError(report)
    if len(handbook.organisation.all_languages) < 2:
        raise HandbookError(
            f"{project.display(project.data_dir)}/organisation.yml lists no language to "
            "translate into: give them as `languages: [en-GB, pt-PT]`, the one the handbook "
            "is written in first")
    as_of = read_build_info(project.root, [project.data_dir, project.docs_dir]).as_of.day
    for shown, merge in update_po_files(project, handbook, as_of):
        click.echo(f"{shown}: {merge.kept} kept, {merge.new} new, {merge.changed} changed "
                   f"(marked fuzzy), {merge.obsolete} obsolete.")
