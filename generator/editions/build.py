"""Making PDF editions: one or all, with the changes since the previous edition.

For each edition: plan it, write its print HTML, lay it out, and write `<id>.pdf` with a
manifest beside it (`<id>.manifest.json`: version, commit, fingerprint and a snapshot of
the reader-visible content, which a later edition can be compared with; manifests are
published beside the PDFs, so they hold nothing curators alone see). Dates come from
SOURCE_DATE_EPOCH or the commit, never the clock, so the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..checks.validation import suggestions
from ..errors import HandbookError
from ..history.commits import FileDates, before_start, revision_day
from ..history.earlier_editions import previous_tag, read_manifest, snapshot_at_commit
from ..model.changes import Change, compare
from ..model.handbook import Handbook
from ..model.snapshots import Snapshot, take_snapshot
from ..schema import Edition
from ..sources.git import GitError
from ..sources.gitinfo import BuildInfo
from .document import PAPER_SIZES, Stamp, edition_html
from .markdown_pages import MarkdownSettings
from .pdf import Progress, RenderedPdf, html_to_pdf, write_atomically
from .plan import content_fingerprint, plan_edition
from .reuse import LayoutCache, content_moment, printed_sources


@dataclass(frozen=True)
class EditionJob:
    """Everything an edition build needs besides the handbook itself."""

    root: Path
    data_dir: Path
    docs_dir: Path
    overrides_dir: Path | None
    output_dir: Path
    markdown: MarkdownSettings
    build: BuildInfo
    paper: str = "a4"
    since: str | None = None
    """A git ref or an earlier edition's manifest file; default: editions.yml's `previous`,
    then the newest tag before the commit being built."""
    dates: FileDates | None = None
    """When each file last changed: an edition is dated by what it prints (see reuse.py)."""
    cache_dir: Path | None = None
    """Where laid-out editions are kept for reuse; None: none are."""


@dataclass(frozen=True)
class EditionResult:
    edition: Edition
    path: Path
    pages: int
    seconds: float
    fingerprint: str
    version: str
    """The edition's version as its cover prints it (`2026.11`)."""


def select_editions(handbook: Handbook, names: list[str] | None) -> list[Edition]:
    """The editions asked for by id (all when `names` is None), refusing unknown ids."""
    known = [edition.id for edition in handbook.editions]
    if not known:
        raise HandbookError(
            "there are no editions: add data/editions.yml (see 'PDF editions' in README.md)")
    if names is None:
        return list(handbook.editions)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise HandbookError(f"there is no edition '{unknown[0]}': "
                            + suggestions(unknown[0], known, label="editions"))
    return [edition for edition in handbook.editions if edition.id in names]


MANIFEST_FORMAT = 2
"""2: the snapshot holds reader-visible fields only, and `renamed_from` beside them."""


def build_editions(
    handbook: Handbook, editions: list[Edition], job: EditionJob, progress: Progress,
    warn: Progress | None = None,
) -> list[EditionResult]:
    """Make the editions; `warn` hears what the editor should act on (default: progress)."""
    cache = LayoutCache(job.cache_dir)
    results = []
    for printed in print_documents(handbook, editions, job, progress, warn):
        edition, say = printed.edition, printed.say
        key = cache.key(printed.html)
        kept = cache.find(key)
        if kept is not None:
            data, pages = kept.data, kept.pages
            say(f"reused: {pages} pages as laid out before for the same content")
        else:
            read: list[Path] = []
            pdf = _lay_out(printed.html, job, say, read)
            cache.keep(key, pdf, read)
            data, pages = pdf.data, pdf.pages
        target = job.output_dir / f"{edition.id}.pdf"
        write_atomically(target, data)
        write_atomically(job.output_dir / f"{edition.id}.manifest.json", _manifest(
            edition, printed.stamp, pages, printed.snapshot))
        seconds = time.monotonic() - printed.started
        say(f"done: {pages} pages in {seconds:.1f} s")
        results.append(EditionResult(edition, target, pages, seconds, printed.fingerprint,
                                     printed.stamp.version))
    if {edition.id for edition in editions} == {edition.id for edition in handbook.editions}:
        cache.forget_unused()  # every edition was made: what it did not use is stale
    return results


@dataclass(frozen=True)
class PrintDocument:
    """One edition's print HTML, and what its PDF and manifest are made with."""

    edition: Edition
    html: str
    """What is laid out, and what decides whether a layout kept before is reused
    (`LayoutCache.key`): the same HTML, the same PDF."""
    stamp: Stamp
    fingerprint: str
    snapshot: Snapshot
    started: float
    say: Progress


def print_documents(
    handbook: Handbook, editions: list[Edition], job: EditionJob, progress: Progress,
    warn: Progress | None = None,
) -> Iterator[PrintDocument]:
    """Each edition planned, dated by what it prints, and written as print HTML."""
    if job.paper not in PAPER_SIZES:
        raise HandbookError(f"unknown paper size '{job.paper}': choose a4 or letter")
    snapshot = take_snapshot(handbook)
    wanted = any(section.section == "changes" for e in editions for section in e.sections)
    changes, since_label = (
        _changes_since(handbook, job, snapshot, progress, warn or _warning(progress))
        if wanted else (None, None))
    tracked = sorted(job.dates.changed) if job.dates else []
    for edition in editions:
        started = time.monotonic()
        say = _progress_of(edition, progress)
        say("planning")
        # An edition for some groups prints what applies to everyone and to them.
        seen = handbook.for_groups(edition.applies_to) if edition.applies_to else handbook
        plan = plan_edition(seen, edition, changes=changes, since=since_label)
        fingerprint = content_fingerprint(seen, plan)
        effective = content_moment(job.build, job.dates, printed_sources(
            seen, plan, docs_folder=_relative(job.docs_dir, job.root),
            data_folder=_relative(job.data_dir, job.root), tracked=tracked))
        stamp = Stamp(f"{effective:%Y.%m}", effective, job.build.short, fingerprint,
                      job.build.dirty, commit_known=job.build.failure is None)
        say("writing the print HTML")
        html = edition_html(seen, plan, stamp, paper=job.paper, markdown=job.markdown,
                            docs_dir=job.docs_dir, overrides_dir=job.overrides_dir)
        yield PrintDocument(edition, html, stamp, fingerprint, snapshot, started, say)


def _progress_of(edition: Edition, progress: Progress) -> Progress:
    def say(stage: str) -> None:
        progress(f"{edition.id}: {stage}")
    return say


def _lay_out(html: str, job: EditionJob, say: Progress, read: list[Path]) -> RenderedPdf:
    # What a PDF may read: pages' images, the package's fonts and the overrides. Not the
    # whole project, where .git and other private files live.
    roots = [job.docs_dir, Path(__file__).resolve().parent.parent]
    if job.overrides_dir is not None:
        roots.append(job.overrides_dir)
    return html_to_pdf(html, allowed_roots=roots, progress=say, read=read)


def _relative(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return folder.as_posix()


def _changes_since(
    handbook: Handbook, job: EditionJob, snapshot: Snapshot, progress: Progress,
    warn: Progress,
) -> tuple[list[Change] | None, str | None]:
    """The changes since the previous edition and what that edition is called.

    With no changes to show, the second item says why, in a sentence for the reader.
    A previous edition named by the editor (`--since`, `previous:`) must be readable; one
    guessed from the newest tag may not be, which is said rather than failing the build.
    When git fails, the changes are not known, and the edition says so.
    """
    named = job.since or handbook.previous_edition
    words = handbook.words
    unknown = words("editions.changes unknown")
    if named is None and job.build.failure is not None:
        return None, unknown  # the build has warned about git already
    try:
        since = named or (previous_tag(job.root) if job.build.commit else None)
        if since and not named and before_start(
                job.root, since, handbook.organisation.history_starts):
            since = None  # a tag from the history the handbook does not tell
    except GitError as error:
        warn(f"the previous edition could not be looked up in git: {error}")
        return None, unknown
    if since is None:
        return None, words("editions.no earlier edition")
    manifest_file = Path(since)
    if since.endswith(".json") and manifest_file.is_file():
        manifest = read_manifest(manifest_file)
        version = manifest.get("version", "?")
        return compare(manifest["snapshot"], snapshot, handbook.registry), words(
            "editions.previous edition", version=version)
    progress(f"comparing with the data at {since}")
    try:
        before = snapshot_at_commit(job.root, since, job.data_dir, handbook.registry)
    except GitError as error:
        if named:
            raise HandbookError(f"cannot read the data at '{since}' from git: {error}") from None
        warn(f"the data at '{since}' could not be read from git: {error}")
        return None, unknown
    except HandbookError as error:
        if named:
            raise
        progress(f"warning: {error}")
        return None, words("editions.changes not worked out", since=since)
    # Readers are told when the previous edition was made, never a tag or commit name.
    try:
        label = words("editions.previous edition of",
                      day=words.long_date(revision_day(job.root, since)))
    except GitError as error:
        warn(f"the date of '{since}' could not be read from git: {error}")
        label = words("editions.previous edition unnamed")
    return compare(before, snapshot, handbook.registry), label


def _manifest(edition: Edition, stamp: Stamp, pages: int, snapshot: Snapshot) -> bytes:
    manifest = {
        "format": MANIFEST_FORMAT, "edition": edition.id, "title": edition.title,
        "version": stamp.version,
        "effective": stamp.effective_iso, "commit": stamp.commit,
        "fingerprint": stamp.fingerprint, "pages": pages, "snapshot": snapshot,
    }
    return json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode() + b"\n"


def _warning(progress: Progress) -> Progress:
    return lambda message: progress(f"warning: {message}")


def job_from_mkdocs(
    config: object, *, root: Path, data_dir: Path, output_dir: Path, build: BuildInfo,
    paper: str = "a4", since: str | None = None, dates: FileDates | None = None,
    cache_dir: Path | None = None,
) -> EditionJob:
    """An edition job that prints pages as the site shows them (mkdocs.yml's settings)."""
    custom_dir = config.theme.custom_dir  # type: ignore[attr-defined]
    return EditionJob(
        root=root, data_dir=data_dir, docs_dir=Path(config.docs_dir),  # type: ignore[attr-defined]
        overrides_dir=Path(custom_dir) if custom_dir else None, output_dir=output_dir,
        markdown=MarkdownSettings.from_mkdocs(config), build=build, paper=paper, since=since,
        dates=dates, cache_dir=cache_dir,
    )
