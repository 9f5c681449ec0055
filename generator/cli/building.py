"""Commands that make the handbook: `build` (site and PDFs), `serve` (a live preview) and
`pdf` (printable editions on their own)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..errors import DataError, HandbookError, counted
from ..sources.project import find_project
from .app import CONFIG_OPTION, cli, load, reports_errors, stop_cleanly_when_terminated


@cli.command()
@CONFIG_OPTION
@click.option("--strict/--no-strict", default=True, show_default=True,
              help="Stop on warnings as well as errors.")
@click.option("--site-dir", "-d", type=click.Path(path_type=Path),
              help="Where to put the site (default: site_dir of mkdocs.yml).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper size of the PDF editions (default: the plugin's `paper`, a4).")
@click.option("--offline", is_flag=True,
              help="Build the copy that works opened from disk (a shared drive, a USB "
                   "stick), search included, into site-offline/.")
@click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' progress messages too.")
@reports_errors
def build(config_file: Path, strict: bool, site_dir: Path | None, paper: str | None,
          offline: bool, verbose: bool) -> None:
    """Build the handbook site and its PDF editions into site/ (replaced only on success).

    \b
    Example:
      handbook build
      handbook build --no-strict --site-dir /tmp/preview
      handbook build --offline
    """
    from ..site.build import build_site
    from ..site.engine import log_engine_to_terminal

    project = find_project(config_file)
    log_engine_to_terminal(verbose)
    stop_cleanly_when_terminated()
    result = build_site(project, strict=strict, site_dir=site_dir, paper=paper,
                        waiting=lambda message: click.echo(message, err=True), offline=offline)
    editions = f" and {counted(result.editions, 'PDF edition')}" if result.editions else ""
    click.echo(
        f"Built {counted(result.pages, 'page')}{editions} into "
        f"{project.display(result.site_dir)}/ "
        f"in {result.seconds:.1f} s."
    )


@cli.command()
@CONFIG_OPTION
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              help="Address and port to serve on.")
@reports_errors
def serve(config_file: Path, dev_addr: str) -> None:
    """Preview the handbook, rebuilding it when data, pages or styles change.

    \b
    Example:
      handbook serve --dev-addr 127.0.0.1:8080
    """
    from ..site.engine import engine, log_engine_to_terminal

    engine()
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort, ConfigurationError

    project = find_project(config_file)
    _check_port_free(dev_addr)
    # A preview shows each failed build's problems as they happen, at start and on every
    # reload: the build's error is the list of problems, with files and lines.
    log_engine_to_terminal(verbose=True, show_build_errors=True)
    try:
        # A dirty build: a reload rebuilds only the pages an edit changed (see preview.py).
        mkdocs_serve(config_file=str(project.config_file), dev_addr=dev_addr, livereload=True,
                     build_type="dirty")
    except Abort:
        raise HandbookError("the preview could not start: fix the problems above, then run "
                            "it again") from None
    except ConfigurationError as error:
        raise HandbookError(str(error)) from None


def _check_port_free(dev_addr: str) -> None:
    """Say plainly when the address is taken (often by another preview still running),
    before MkDocs builds the whole site only to fail with the system's words."""
    import errno
    import socket

    host, _, port_text = dev_addr.rpartition(":")
    if not port_text.isdigit() or not host:
        raise HandbookError(f"--dev-addr '{dev_addr}' is not HOST:PORT, like 127.0.0.1:8000")
    port = int(port_text)
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            probe.bind((host.strip("[]"), port))
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            return  # MkDocs says what else is wrong with the address
        raise HandbookError(
            f"port {port} on {host} is taken, most likely by another preview still running: "
            f"stop that one (Ctrl-C in its terminal), or use another port: handbook serve "
            f"--dev-addr {host}:{port + 1}") from None


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
@reports_errors
def pdf(config_file: Path, names: tuple[str, ...], all_editions: bool, since: str | None,
        paper: str | None, output: Path, month: str | None) -> None:
    """Make the printable PDF editions declared in data/editions.yml.

    \b
    Example:
      handbook pdf --edition orientation --paper letter
      handbook pdf --all --since v2026.10
      handbook pdf --notice-board 2026-11
    """
    from ..editions.build import build_editions, job_from_mkdocs, select_editions
    from ..editions.noticeboard import build_notice_board
    from ..editions.reuse import CACHE_PART
    from ..history.commits import file_dates
    from ..site.engine import mkdocs_config, plugin_options
    from ..sources.caches import project_cache
    from ..sources.gitinfo import read_build_info

    if names and all_editions:
        raise HandbookError("give --edition or --all, not both")
    if month is not None and (names or all_editions):
        raise HandbookError("--notice-board makes a notice-board print, not editions: "
                            "give it on its own")
    project = find_project(config_file)
    handbook, report = load(project)
    if handbook is None:
        raise DataError(report)
    output = output if output.is_absolute() else Path.cwd() / output
    # A folder that cannot be made fails now, not after seconds of laying out pages.
    output.mkdir(parents=True, exist_ok=True)
    build = read_build_info(project.root, [project.data_dir, project.docs_dir])
    config = mkdocs_config(project)
    # The plugin's options are declared once (HandbookConfig); what the command line does not
    # say comes from mkdocs.yml, as in `handbook build`.
    options = plugin_options(config)
    job = job_from_mkdocs(
        config, root=project.root, data_dir=project.data_dir, output_dir=output, build=build,
        paper=paper or options.paper, since=since or options.since,
        dates=file_dates(project.root, [project.data_dir, project.docs_dir]),
        cache_dir=project_cache(project.root, CACHE_PART),
    )
    progress = lambda stage: click.echo(stage, err=True)  # noqa: E731
    if build.failure:
        click.echo(f"warning: {build.failure}", err=True)
    if month is not None:
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
            raise HandbookError(f"--notice-board '{month}': give a month as YYYY-MM, like 2026-11")
        board = build_notice_board(handbook, month, job, progress)
        click.echo(f"Wrote {project.display(board.path)}: {_pages(board.pages)}.")
        return
    results = build_editions(handbook, select_editions(handbook, list(names) or None), job,
                             progress)
    for result in results:
        click.echo(f"Wrote {project.display(result.path)}: {_pages(result.pages)}, "
                   f"fingerprint {result.fingerprint}.")


def _pages(count: int) -> str:
    return f"{count} page" if count == 1 else f"{count} pages"
