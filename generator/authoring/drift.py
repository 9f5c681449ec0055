"""What a handbook holds that has fallen behind its data or the generator, told by
`handbook check` (so by the pre-commit hook and by CI's first step) before anything else
fails on it, each with the command that brings it up to date:

* editor schemas (`data/schemas/`) the installed generator would write differently;
* the issue forms, when the values or behaviours they offer have changed;
* `requirements.txt` installing the generator from a folder on this machine, which CI and
  colleagues cannot reach, and `requirements/` (the installer and the lock of the
  generator's dependencies) other than the installed generator's;
* the starter's example text, still in a data file or a page that readers would see;
* templates copied with `handbook override` whose original has changed since.

Each is a warning: the handbook still builds, and `--strict` stops on it. One more is
advice: a git history that holds another organisation's handbook (a clone of the tool's
repository, with the sample's past), which "What's changed" would tell until
`history_starts` says where this handbook's history begins.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

from ..errors import HandbookError, Problem, Severity
from ..loading.kind_folders import project_registry
from ..model.handbook import Handbook
from ..sources.project import Project
from ..sources.safe_files import is_inside, text_inside
from .overrides import Upstream, every_upstream, read_copy, stamp_in

MAX_READ = 1024 * 1024
STARTER = Path(__file__).resolve().parent / "starter"
_PLACEHOLDER = re.compile(r"\b(replace|example)\b", re.IGNORECASE)
MOST_OVERRIDES = 2000
"""Files looked at in overrides/: a theme folder holds tens; more is a mistake."""
_GENERATOR_NAME = re.compile(r"^\s*culture-handbook\s*@\s*(file:\S+|[./~]\S*)", re.I)


def drift(project: Project, handbook: Handbook) -> list[Problem]:
    return [*_stale_schemas(project), *_stale_forms(project, handbook),
            *_generator_from_a_folder(project), *_stale_requirements(project),
            *_starter_text(project), *_stale_overrides(project),
            *_history_of_another_handbook(project, handbook)]


REQUIREMENT_FILES = ("install", "installer.lock", "runtime.lock")
"""The files of `requirements/` that come with the generator (the starter's copies)."""


def wanted_requirements() -> dict[str, str]:
    """`requirements/<name>` as the installed generator ships them."""
    return {f"requirements/{name}": (STARTER / "requirements" / name).read_text(encoding="utf-8")
            for name in REQUIREMENT_FILES}


def _stale_requirements(project: Project) -> Iterator[Problem]:
    if not (project.root / "requirements" / "runtime.lock").is_file():
        return  # installed some other way
    stale = [name for name, text in wanted_requirements().items()
             if _text(project.root / name, project) != text]
    if stale:
        yield _warning("requirements/", None,
                       f"{_listed(stale)} {_verb(stale, 'is', 'are')} not what this version "
                       f"of the generator ({_version()}) installs with, so CI would install "
                       "other versions of its dependencies than the ones it was tested with",
                       "run `handbook refresh` and commit the result")


def refresh(project: Project, handbook: Handbook) -> list[str]:
    """Bring what `drift` compares up to date: the requirements files (where the handbook
    keeps them), the editor schemas (where it keeps them) and the forms (where it has
    them). The files written, as the project shows them."""
    from ..intake.forms import written_forms
    from .editor_schemas import SCHEMA_FOLDER, write_schemas

    wanted: dict[str, str] = {}
    if (project.root / "requirements" / "runtime.lock").is_file():
        wanted.update(wanted_requirements())
    forms = written_forms(handbook)
    if any((project.root / name).is_file() for name in forms):
        wanted.update(forms)
    written = []
    for name, text in wanted.items():
        path = project.root / name
        if _text(path, project) != text:
            if not is_inside(path.parent, project.root):
                raise HandbookError(f"{name} is reached through a link out of the project; "
                                    "nothing was written: replace the link with a folder")
            if path.is_symlink():
                path.unlink()  # a link is replaced by the file, never written through
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(name)
    if (project.data_dir / SCHEMA_FOLDER).is_dir():
        written += [project.display(path)
                    for path in write_schemas(project.data_dir, project_registry(project))]
    return written


def _warning(file: str, line: int | None, message: str, hint: str,
             severity: Severity = Severity.WARNING) -> Problem:
    return Problem(file, line, None, "", message, hint, severity)


def _text(path: Path, project: Project) -> str | None:
    """A file of the project as text, or None when it is missing or not safe to read (the
    loader and the build refuse those with their own messages)."""
    return text_inside(path, project.root, limit=MAX_READ)


def _stale_schemas(project: Project) -> Iterator[Problem]:
    from .editor_schemas import SCHEMA_FOLDER, stale_schemas

    folder = project.data_dir / SCHEMA_FOLDER
    if not folder.is_dir():  # a handbook may keep no editor schemas
        return
    stale = stale_schemas(project.data_dir, project_registry(project))
    if stale:
        yield _warning(project.display(folder) + "/", None,
                       f"{_listed(stale)} {_verb(stale, 'differs', 'differ')} from what this "
                       "version of the generator "
                       "checks, so editors' completion and checks as they type are out of date",
                       "run `handbook schema` and commit the result")


def _stale_forms(project: Project, handbook: Handbook) -> Iterator[Problem]:
    from ..intake.forms import written_forms

    wanted = written_forms(handbook)
    present = {name: _text(project.root / name, project) for name in wanted}
    if not any(text is not None for text in present.values()):
        return  # a handbook without the forms (not on GitHub or GitLab) has nothing to keep
    stale = [name for name, text in wanted.items() if present[name] != text]
    if stale:
        rest = stale[1:]
        others = f" (nor {_verb(rest, 'does', 'do')} {_listed(rest)})" if rest else ""
        yield _warning(stale[0], None,
                       "no longer offers the values and behaviours of the data, or came from "
                       f"another version of the generator{others}",
                       "run `handbook forms` (or `handbook refresh`) and commit the result")


def _generator_from_a_folder(project: Project) -> Iterator[Problem]:
    path = project.root / "requirements.txt"
    text = _text(path, project)
    if text is None:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        found = _GENERATOR_NAME.match(line)
        if found:
            yield _warning(
                "requirements.txt", number,
                f"the generator is installed from a folder on this machine "
                f"({found.group(1)}), which CI and colleagues cannot reach",
                f"write its release (`culture-handbook=={_version()}`) or its git address "
                "pinned to a tag or commit (`culture-handbook @ "
                f"git+https://host/culture-handbook@v{_version()}`)")


def _starter_text(project: Project) -> Iterator[Problem]:
    """The starter's example sentences, where `handbook init` put them."""
    for relative, sentences in _starter_sentences().items():
        folder = project.data_dir if relative.startswith("data/") else project.docs_dir
        path = folder / relative.split("/", 1)[1]
        text = _text(path, project)
        if text is None:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            found = next((s for s in sentences if s in line), None)
            if found is not None:
                yield _warning(project.display(path), number,
                               f"still holds the starter's example text ('{_start(found)}')",
                               "replace it with your own words, or remove the example: "
                               "readers would see it on the site and in print")
                break  # one per file: the editor replaces the example as a whole


@cache
def _starter_sentences() -> dict[str, tuple[str, ...]]:
    """The starter's placeholder sentences, by their file's path in a new handbook
    (`data/values.yml`, `handbook/welcome.md`): those that say they are an example or to
    be replaced. The starter's other sentences are fit to keep."""
    found: dict[str, tuple[str, ...]] = {}
    for path in sorted((STARTER / "data").glob("*.yml")):
        texts = _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        found[f"data/{path.name}"] = tuple(t for t in texts if _PLACEHOLDER.search(t)
                                           and "\n" not in t)
    for path in sorted((STARTER / "handbook").glob("*.md")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        found[f"handbook/{path.name}"] = tuple(line for line in lines
                                               if _PLACEHOLDER.search(line))
    return found


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def _stale_overrides(project: Project) -> Iterator[Problem]:
    folder = project.overrides_dir
    if folder is None or not folder.is_dir() or folder.is_symlink():
        return
    copies = [path for path in _files_in(folder) if path.name != ".gitkeep"]
    if not copies:
        return  # nothing overridden: the templates need not be listed
    upstreams = {upstream.name: upstream for upstream in every_upstream(folder)}
    by_target: dict[Path, Upstream] = {}
    for upstream in upstreams.values():  # the generator's layer first: it is what a copy replaces
        by_target.setdefault(upstream.target, upstream)
    for path in copies:
        text = read_copy(path, folder)
        if text is None:
            continue
        stamp = stamp_in(text)
        shown = project.display(path)
        if stamp is None:
            shadowed = by_target.get(path)
            if shadowed is not None:
                yield _warning(
                    shown, None, f"replaces the generator's {shadowed.name} without a stamp, so "
                    "nothing tells you when a new version of the generator changes it",
                    f"run `handbook override {shadowed.name} --accept` once your copy is "
                    "up to date with it", Severity.ADVICE)
            continue
        name, digest = stamp
        original = upstreams.get(name)
        if original is None:
            yield _warning(shown, 1, f"is a copy of {name}, which this version of the "
                           "generator no longer has", "compare it with the generator's "
                           "templates (`handbook override --list`), then remove or rename it")
        elif original.digest != digest:
            yield _warning(shown, 1, f"is a copy of the generator's {name}, which has changed "
                           "since it was copied",
                           f"`handbook override {name} --diff` shows how your copy differs; "
                           f"bring it up to date, then `handbook override {name} --accept`")


def _history_of_another_handbook(project: Project, handbook: Handbook) -> Iterator[Problem]:
    from ..sources.git import GitError, in_repository, run_git

    organisation = handbook.organisation
    file = project.data_dir / "organisation.yml"
    if organisation.history_starts is not None or not in_repository(project.root):
        return
    try:  # the commits that changed the organisation's name, newest first
        log = run_git(project.root, "log", "--format=%x00%cs", "-G^name:", "-p", "--",
                      str(file)).output
    except GitError:
        return
    for commit in log.split("\0")[1:]:
        day = commit[:10]
        earlier = [line[len("-name:"):].strip().strip("\"'") for line in commit.splitlines()
                   if line.startswith("-name:")]
        other = next((name for name in earlier if name and name != organisation.name), None)
        if other is not None:
            yield _warning(project.display(file), None,
                           f"the git history holds another organisation's handbook ('{other}' "
                           f"until {day}): \"What's changed\" and the editions' changes would "
                           "list its entries as this handbook's",
                           f"add `history_starts: {day}` (the day this handbook began) to "
                           f"{project.display(file)}", Severity.ADVICE)
            return


def _files_in(folder: Path) -> Iterator[Path]:
    """Regular files under `folder`, without following links, dot folders left out."""
    seen = 0
    for place, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            seen += 1
            if seen > MOST_OVERRIDES:
                return
            yield Path(place) / name


def _listed(names: list[str]) -> str:
    return ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")


def _verb(names: list[str], one: str, several: str) -> str:
    return one if len(names) == 1 else several


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("culture-handbook")
    except metadata.PackageNotFoundError:
        return "0.1.0"


def _start(sentence: str) -> str:
    return sentence if len(sentence) <= 50 else sentence[:47] + "..."
