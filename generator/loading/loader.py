"""Loading the `data/` folder into a checked `Handbook`, with every problem of the run.

Which file holds which kind is declared once, in the build's registry of kinds
(generator/kinds/, and the folders a handbook's mkdocs.yml adds).
Files are parsed once per change (see parsed_files.py).
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..checks.organisation_rules import check_organisation
from ..checks.orientation_rules import check_orientation
from ..checks.page_answers import check_page_answers
from ..checks.printable import check_printable
from ..checks.references import LoadedData, check_references, coverage_gaps, entries_of
from ..checks.results import load_results
from ..checks.story_rules import check_stories
from ..errors import Problem, ProblemReport
from ..kinds import BUILT_IN, STORIES_FOLDER
from ..model.handbook import Handbook
from ..model.orientation_paths import role_editions
from ..schema.common import DataModel, Source, slug_problem
from ..schema.registry import YAML_SUFFIXES, DataFile, Registry
from ..sources.pages_source import HandPage, read_pages, unsafe_files
from ..sources.safe_files import is_inside
from ..sources.yaml_source import YamlDocument, read_yaml
from .parsed_files import LoadStats, ParsedFiles, parse_and_validate


def load_handbook(
    data_dir: Path, docs_dir: Path, *, root: Path | None = None, today: date | None = None,
    built_as_of: date | None = None, stats: LoadStats | None = None,
    lives_until_exit: bool = False, parsed: ParsedFiles | None = None,
    theme_dir: Path | None = None, registry: Registry = BUILT_IN,
) -> tuple[Handbook | None, ProblemReport]:
    """Load, validate and cross-check everything; the handbook is None when there are errors.

    `root` is the project folder that file names in messages are relative to
    (`data/values.yml`); by default the data folder's parent. `today` is the day the
    calendar advice ("due for review") is measured against: the build's date for a build,
    the editor's day for `check`; None leaves that advice out. The loader never reads a
    clock. `built_as_of` is the build's own date (see clock.py), which warnings that
    concern dates are measured against, so they depend on the commit alone; None leaves
    them out. `stats`, when given, is filled in with what the load cost.
    `lives_until_exit` is for one-shot commands (a check, a build): see `_collector_paused`.
    `theme_dir` (the theme's `overrides/`, copied into the site as it is) is checked for
    links leading out of it and special files. `parsed` keeps parsed files between loads
    (the plugin's, for `mkdocs serve`); without it, every file is read. `registry` holds
    the kinds to read: the built-in ones, and those the handbook's mkdocs.yml adds.
    """
    with _collector_paused(freeze=lives_until_exit):
        handbook, report = _load_handbook(data_dir, docs_dir, root, today, built_as_of,
                                          stats or LoadStats(), parsed or ParsedFiles(),
                                          theme_dir, registry)
    if theme_dir is not None:
        theme_folder = _display(theme_dir, root or data_dir.parent)
        for entry in unsafe_files(theme_dir):
            report.add(Problem(f"{theme_folder}/{entry.path}", None, None, "", entry.problem,
                               entry.hint))
        if report.errors:
            handbook = None
    return handbook, report


def _load_handbook(
    data_dir: Path, docs_dir: Path, root: Path | None, today: date | None,
    built_as_of: date | None, stats: LoadStats, parsed: ParsedFiles, theme_dir: Path | None,
    registry: Registry,
) -> tuple[Handbook | None, ProblemReport]:
    started = time.perf_counter()
    root = root or data_dir.parent
    report = ProblemReport()
    if not data_dir.is_dir():
        report.add(Problem(
            _display(data_dir, root) + "/", None, None, "",
            "the data folder does not exist" if not data_dir.exists() else "is not a folder",
            "create it (copy the shipped data/ folder to start from an example), or set "
            "`data_dir` of the handbook plugin in mkdocs.yml",
        ))
        return None, report

    pages, refused = read_pages(docs_dir)
    docs_folder = _display(docs_dir, root)
    loaded = LoadedData(pages=pages, docs_dir=docs_dir, docs_folder=docs_folder,
                        registry=registry,
                        stories_folder=_display(data_dir / STORIES_FOLDER, root) + "/")
    for page in refused:
        report.add(Problem(f"{docs_folder}/{page.path}", None, None, "", page.problem, page.hint))
    for kind in registry.single_files:
        _load_single(kind, data_dir, root, loaded, report, stats, parsed)
    for folder in registry.folders:
        _load_folder(folder, data_dir, root, loaded, report, stats, parsed)
    results, problems = load_results(loaded, data_dir, _display(data_dir, root))
    report.extend(problems)
    report.extend(check_references(loaded))
    report.extend(check_orientation(loaded))
    report.extend(check_page_answers(loaded))
    report.extend(check_organisation(loaded))
    report.extend(check_stories(loaded, today=today, built_as_of=built_as_of,
                                look_for_weak_spots=not report.errors))
    report.extend(check_printable(
        loaded, theme_dir, _display(theme_dir, root) if theme_dir else "overrides"))
    if not report.errors:
        report.extend(coverage_gaps(loaded))
    stats.changed.update(parsed.forget_others(
        data_dir, keep={str(doc.path) for doc in loaded.docs.values()}))
    stats.seconds = time.perf_counter() - started
    if report.errors or loaded.organisation is None or loaded.orientation is None:
        return None, report
    handbook = Handbook(
        organisation=loaded.organisation,
        entries={kind.name: entries_of(loaded, kind) for kind in registry.kinds},
        orientation=loaded.orientation, pages=loaded.pages, files=loaded.files,
        editions=role_editions(loaded.editions.editions, loaded.orientation)
        if loaded.editions else [],
        previous_edition=loaded.editions.previous if loaded.editions else None,
        results=results, registry=registry,
    )
    return handbook, report


def ids_as_written(data_dir: Path, registry: Registry = BUILT_IN) -> dict[str, list[str]]:
    """The ids each list of the data files holds (`values`: [...]), as written, whatever
    else is wrong in the files: for `handbook new story`, which must work while another
    file has problems. A list that cannot be read, or holds a malformed id, is left out."""
    loaded = LoadedData(pages={}, docs_dir=data_dir, docs_folder="", registry=registry)
    for data_file in registry.single_files:
        present = [data_dir / (data_file.stem + suffix) for suffix in YAML_SUFFIXES]
        path = next((path for path in present if path.is_file()), None)
        if path is None or not data_file.lists or not is_inside(path, data_dir):
            continue
        doc = read_yaml(path, path.name)
        for list_name in data_file.lists:
            raw = doc.data.get(list_name) if isinstance(doc.data, dict) else None
            loaded.note_ids(list_name, raw)
    return loaded.known_ids


@contextmanager
def _collector_paused(*, freeze: bool) -> Iterator[None]:
    """Python's cycle collector is paused while the data loads, and with `freeze`, what the
    load kept is put out of its sight for good.

    A load allocates hundreds of thousands of objects and frees few, so the collector
    would walk them again and again and find nothing to free: at 10,000 stories that was a
    quarter of `handbook check`. During a build the handbook then lives beside MkDocs'
    own objects, and every full collection of the build would walk it once more. So for a
    one-shot command, what the load kept is frozen (`gc.freeze`) without a collection
    first: what it leaves behind is freed as it goes (by reference counts), and a last
    pass over 10,000 stories to find the little that is not took 0.3 s of every check.
    `mkdocs serve` does not freeze, as each reload leaves the last behind.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _load_single(
    kind: DataFile, data_dir: Path, root: Path, loaded: LoadedData, report: ProblemReport,
    stats: LoadStats, parsed: ParsedFiles,
) -> None:
    candidates = [data_dir / (kind.stem + suffix) for suffix in YAML_SUFFIXES]
    present = [path for path in candidates if path.exists() or path.is_symlink()]
    if not present and not kind.required:
        return
    if not present:
        report.add(Problem(
            _display(candidates[0], root), None, None, "", "the file is missing",
            f"create it; it holds the {kind.stem} (see 'Authoring guide' in README.md)",
        ))
        return
    if len(present) > 1:
        report.add(Problem(
            _display(present[1], root), None, None, "",
            f"both {present[0].name} and {present[1].name} exist",
            "keep one of them; the other would be ignored",
        ))
    path = present[0]
    if not _check_inside(path, data_dir, root, report):
        return
    cached = parse_and_validate(path, _display(path, root), kind.model, stats, parsed,
                                loaded.registry)
    report.extend(cached.problems)
    loaded.docs[cached.doc.display] = cached.doc
    for list_name in kind.lists:
        raw = cached.doc.data.get(list_name) if isinstance(cached.doc.data, dict) else None
        loaded.note_ids(list_name, raw)
        if raw is not None:
            loaded.list_files[list_name] = cached.doc.display
    model = cached.model
    if kind.lists:
        for list_name in kind.lists:
            entries = (
                list(enumerate(getattr(model, list_name))) if model is not None
                else _salvage(cached.doc, kind.model, list_name, loaded.registry)
            )
            for index, entry in entries:
                entry._source = Source(cached.doc.display, (list_name, index))
            loaded.entries[list_name] = [entry for _, entry in entries]
    if model is not None:
        model._source = Source(cached.doc.display)
        loaded.files[kind.stem] = model
        if hasattr(loaded, kind.stem):  # organisation, orientation, editions
            setattr(loaded, kind.stem, model)


def _load_folder(
    kind: DataFile, data_dir: Path, root: Path, loaded: LoadedData, report: ProblemReport,
    stats: LoadStats, parsed: ParsedFiles,
) -> None:
    """Read a folder of files, one entry each (stories, ideas): the id is the file name."""
    assert kind.folder is not None
    folder = data_dir / kind.folder
    if folder.is_symlink():
        report.add(_linked_folder(folder, root))
        return
    if not folder.is_dir():
        return  # a handbook may start with no stories; a warning says values lack them
    first_file: dict[str, str] = {}
    known = loaded.known_files.setdefault(kind.folder, {})
    folder_checked: dict[Path, bool] = {folder: True}
    # Directory entries, not paths: what the folder listing already says (a link, a
    # folder) costs no call to the system, and 10,000 stories are walked on every check.
    for entry in story_entries(folder):
        path = Path(entry.path)
        display = _display(path, root)
        linked = entry.is_symlink()
        if linked and entry.is_dir():  # only a link to a folder is yielded as a folder
            report.add(_linked_folder(path, root))
            continue
        if not _folders_fit(path.parent, folder_checked, root, report) or (
                linked and not _check_inside(path, data_dir, root, report)):
            continue
        entry_id = path.stem
        wrong = slug_problem(entry_id)
        if wrong is None and entry_id in kind.reserved_ids:
            wrong = (f"'{entry_id}' is the address of one of the site's own {kind.noun} pages", "")
        if wrong is not None:
            report.add(Problem(
                display, None, None, "",
                f"the file name does not make a valid {kind.noun} id: {wrong[0]}",
                f"rename the file: {kind.noun} ids come from file names, which use lowercase "
                "letters a-z, digits and hyphens (2026-03-late-order-delivered.yml)",
            ))
            continue
        if entry_id in first_file:
            report.add(Problem(
                display, None, None, "",
                f"the {kind.noun} id '{entry_id}' is already used by {first_file[entry_id]}",
                f"{kind.noun} ids come from file names, which must be unique in all of "
                f"{_display(folder, root)}/; rename one of the files",
            ))
            continue
        first_file[entry_id] = display
        cached = parse_and_validate(path, display, kind.model, stats, parsed,
                                    loaded.registry, info=entry)
        report.extend(cached.problems)
        loaded.docs[display] = cached.doc
        known[entry_id] = _raw_status(cached.doc)
        if isinstance(cached.model, kind.model):
            cached.model._id = entry_id  # type: ignore[attr-defined]
            cached.model._source = Source(display)
            loaded.folder_entries[kind.folder].append(cached.model)


def _folders_fit(
    folder: Path, checked: dict[Path, bool], root: Path, report: ProblemReport
) -> bool:
    """Whether `folder` and every folder above it (up to the stories folder, which is in
    `checked`) has a name that can hold stories; each folder is judged once."""
    if folder not in checked:
        above = _folders_fit(folder.parent, checked, root, report)
        checked[folder] = _check_story_folder(folder, root, report) and above
    return checked[folder]


def _check_story_folder(folder: Path, root: Path, report: ProblemReport) -> bool:
    """A folder that files stories or ideas (`2026/`) is named like an id: its name reaches
    pages and links as the entry's source, and a name made of markup must never get that
    far."""
    wrong = slug_problem(folder.name)
    if wrong is not None:
        report.add(Problem(
            _display(folder, root) + "/", None, None, "",
            f"the folder name cannot hold stories: {wrong[0]}",
            "rename the folder with lowercase letters a-z, digits and hyphens (2026, "
            "north-office)",
        ))
    return wrong is None


def story_files(folder: Path) -> Iterator[Path]:
    """Story files in `folder` and its sub-folders (stories may be filed by year). A link
    to a folder is not followed but yielded as it is, for the loader to refuse: skipping it
    in silence would hide its stories from the editor who linked it."""
    return (Path(entry.path) for entry in story_entries(folder))


def story_entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    """`story_files` as the folder listing gives them."""
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue  # editor swap files, .gitkeep
        if entry.is_dir(follow_symlinks=False):
            yield from story_entries(Path(entry.path))
        elif (entry.is_symlink() and entry.is_dir()) or entry.name.lower().endswith(
                YAML_SUFFIXES):
            yield entry


def _linked_folder(folder: Path, root: Path) -> Problem:
    # Stories are read from real folders only: a linked one could lead out of the
    # repository (a build would publish whatever it finds there) or hold stories twice.
    return Problem(
        _display(folder, root) + "/", None, None, "",
        "the folder is a link" + ("" if folder.exists() else " to a folder that does not exist"),
        "move the stories into a real folder here instead of linking to them",
    )


def _salvage(
    doc: YamlDocument, file_model: type[DataModel], list_name: str, registry: Registry,
) -> list[tuple[int, Any]]:
    """The entries of a list that are valid on their own, when the file as a whole is not.

    They let the rest of the run check references from and to them, so one typo in
    `values.yml` does not hide every other problem in the data.
    """
    raw = doc.data.get(list_name) if isinstance(doc.data, dict) else None
    entry_model = _entry_model(file_model, list_name)
    entries = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            entries.append((index, entry_model.model_validate(
                item, context={"registry": registry})))
        except ValidationError:
            continue
    return entries


def _entry_model(file_model: type[DataModel], list_name: str) -> type[DataModel]:
    annotation = file_model.model_fields[list_name].annotation
    return annotation.__args__[0]  # type: ignore[union-attr, no-any-return]


def _raw_status(doc: YamlDocument) -> str:
    status = doc.data.get("status", "draft") if isinstance(doc.data, dict) else "draft"
    return status if isinstance(status, str) else "draft"


def _check_inside(path: Path, data_dir: Path, root: Path, report: ProblemReport) -> bool:
    """Refuse links that lead out of the data folder: data must live in the repository."""
    if not path.is_symlink():
        return True
    target = path.resolve()
    if target.is_relative_to(data_dir.resolve()) and target.is_file():
        return True
    report.add(Problem(
        _display(path, root), None, None, "",
        "the file is a link to a place outside the data folder"
        if target.exists() else "the file is a link to a file that does not exist",
        "copy the file into the data folder instead of linking to it",
    ))
    return False


def _display(path: Path, root: Path) -> str:
    text, base = str(path), str(root) + os.sep
    if text.startswith(base):  # the usual case, without pathlib's parsing (10,000 stories)
        return text[len(base):].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


__all__ = ["HandPage", "LoadStats", "ParsedFiles", "load_handbook"]
