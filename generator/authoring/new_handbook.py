"""`handbook init`: a new handbook folder for an organisation, minimal and valid.

Most of it is copied from the starter kit in `starter/`: one example of each kind of
entry, each marked to be replaced, two pages, `mkdocs.yml`, the GitHub and GitLab CI files,
a pre-commit hook and `.gitignore`. What is the organisation's own is written here:
`organisation.yml` (its name and addresses, and `history_starts`, so the changes of
whatever the repository held before are never listed), `requirements.txt` (where CI
installs the generator from; its dependencies come pinned, with their hashes, in the
starter's `requirements/runtime.lock`, installed by a pinned installer) and the editor
schemas. It builds strictly on the first run,
with no stories yet.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import HandbookError
from ..schema import Organisation
from .editor_schemas import write_schemas

STARTER = Path(__file__).resolve().parent / "starter"
DOT_NAMES = {"dot-github": ".github", "gitignore": ".gitignore",
             "gitlab-ci.yml": ".gitlab-ci.yml", "pre-commit-config.yaml": ".pre-commit-config.yaml"}
"""Starter files kept under plain names in the package (packaging tools skip dot files)."""
PACKAGE = "culture-handbook"


@dataclass(frozen=True)
class NewHandbook:
    """What `handbook init` asks for."""

    name: str
    starts: date
    """The day the handbook's history starts (`history_starts`): the day it was made."""
    tagline: str | None = None
    site_url: str | None = None
    repository_url: str | None = None
    generator: GeneratorRequirement | None = None
    """What requirements.txt installs the generator from; by default where this one came
    from (generator_requirement)."""
    languages: tuple[str, ...] = ()
    """The languages it is read in, the one it is written in first (`en`, `pt`); none
    given: English alone."""


def create_handbook(folder: Path, new: NewHandbook) -> list[Path]:
    """Write the new handbook into `folder` (which must not exist or be empty); the files
    written, relative to it. Nothing is left half-written: the files are put together in a
    scratch folder beside it and moved into place at the end."""
    organisation = _organisation(new)
    named, folder = folder, folder.resolve()  # `handbook init .` works in the folder
    # An empty folder, or a fresh clone of an empty repository (`.git` alone), is a start.
    if folder.exists() and not folder.is_dir():
        raise HandbookError(f"{named} is a file: give a new folder "
                            "(`handbook init my-handbook`) or an empty one")
    if folder.exists() and any(child.name != ".git" for child in folder.iterdir()):
        raise HandbookError(f"{named} already exists and is not empty: give a new folder "
                            "(`handbook init my-handbook`) or an empty one")
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".handbook-init-", dir=folder.parent) as scratch:
        made = Path(scratch) / "handbook"
        _copy_starter(made)
        _write(made / "data" / "organisation.yml", organisation)
        _write(made / "requirements.txt", _requirements(new.generator or generator_requirement()))
        _write(made / "README.md", _readme(new.name))
        for empty in ("overrides", "data/stories"):  # kept by git until they hold something
            _write(made / empty / ".gitkeep", "")
        write_schemas(made / "data")
        _write_forms(made)
        _write_translations(made, new)
        written = sorted(path.relative_to(made) for path in made.rglob("*") if path.is_file())
        if folder.exists():  # keep the folder (and its .git); move the handbook in
            for child in made.iterdir():
                shutil.move(str(child), str(folder / child.name))
        else:
            shutil.move(str(made), str(folder))
    return written


def _write_translations(made: Path, new: NewHandbook) -> None:
    """A PO file for each language besides the first, listing every text to translate,
    so the new handbook builds (strictly) in every language from the start."""
    if len(new.languages) < 2:
        return
    from ..loading.loader import load_handbook
    from ..sources.project import find_project
    from ..translation.updating import update_po_files

    project = find_project(made / "mkdocs.yml")
    handbook, report = load_handbook(project.data_dir, project.docs_dir, root=made)
    if handbook is None:  # the starter is checked by its own tests: this is a bug
        raise HandbookError(f"the new handbook does not load:\n{report.format()}")
    update_po_files(project, handbook, new.starts)


def _organisation(new: NewHandbook) -> str:
    fields: dict[str, Any] = {
        "name": new.name,
        "tagline": new.tagline or "How we serve our customers and one another.",
        "site_url": new.site_url, "repository_url": new.repository_url,
        "history_starts": new.starts.isoformat(),
        "languages": list(new.languages) if len(new.languages) > 1 else None,
        "language": new.languages[0] if len(new.languages) == 1 else None,
    }
    fields = {key: value for key, value in fields.items() if value is not None}
    try:
        Organisation.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        option = "--" + str(first["loc"][0]).replace("_", "-") if first["loc"] else "an option"
        raise HandbookError(f"{option} '{first.get('input')}': {first['msg']}") from None
    text = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=88)
    if new.site_url is None:
        text += "# site_url: https://handbook.example.org/   # where the site is published\n"
    return (
        "# yaml-language-server: $schema=schemas/organisation.schema.json\n"
        "# Who the handbook belongs to and where it is published. history_starts: the\n"
        "# changelog and the editions list changes made after this day only.\n" + text)


def _write_forms(made: Path) -> None:
    """The forms for GitHub and GitLab, from the starter's values and behaviours."""
    from ..intake.forms import written_forms
    from ..loading.loader import load_handbook

    handbook, report = load_handbook(made / "data", made / "handbook", root=made)
    if handbook is None:  # the starter is checked by its tests: this is a bug
        raise HandbookError("the new handbook's data has problems:\n" + report.format())
    for path, text in written_forms(handbook).items():
        _write(made / path, text)


def _copy_starter(made: Path) -> None:
    for source in sorted(STARTER.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(STARTER)
        target = made.joinpath(*(DOT_NAMES.get(part, part) for part in relative.parts))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _requirements(requirement: GeneratorRequirement) -> str:
    lines = ["# The handbook generator, for CI and for anyone who builds the handbook. Its own",
             "# dependencies are pinned, with their hashes, in requirements/runtime.lock:",
             "#   bash requirements/install .venv requirements/runtime.lock requirements.txt",
             "# To upgrade, change the line below, then run `handbook check`: it says what",
             "# else to refresh (the lock, the editor schemas, the forms)."]
    if requirement.note:
        lines.append(f"# {requirement.note}")
    return "\n".join([*lines, requirement.line]) + "\n"


@dataclass(frozen=True)
class GeneratorRequirement:
    """The line of requirements.txt that installs the generator, and what to tell the
    editor about it."""

    line: str
    note: str | None = None
    """Said in requirements.txt and by `init`: where it came from, or why CI cannot use it."""
    reachable: bool = True
    """Whether CI can install from it (not a folder on this machine)."""


def given_requirement(text: str) -> GeneratorRequirement:
    """What `--generator` names: a full requirement (`culture-handbook==0.2.0`,
    `culture-handbook @ git+https://...@v0.2.0`) or a bare git address or version."""
    from packaging.requirements import InvalidRequirement, Requirement

    text = text.strip()
    if re.fullmatch(r"\d+(\.\d+)*", text):
        text = f"{PACKAGE}=={text}"
    elif text.startswith("git+"):
        text = f"{PACKAGE} @ {text}"
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        raise HandbookError(f"--generator '{text}' is not a requirement pip can read; give a "
                            f"version (0.2.0), `{PACKAGE}==0.2.0`, or a git address pinned to "
                            "a tag or commit (git+https://host/culture-handbook@v0.2.0)"
                            ) from None
    if requirement.name.lower() != PACKAGE:
        raise HandbookError(f"--generator names {requirement.name}, not {PACKAGE}")
    local = bool(requirement.url and not requirement.url.startswith(("git+", "https:", "http:")))
    return GeneratorRequirement(str(requirement), None if not local else _FOLDER_NOTE,
                                reachable=not local)


_FOLDER_NOTE = ("a folder on the machine that made this handbook: CI cannot reach it; "
                "replace it with the generator's release or its git address pinned to a tag "
                "or commit (git+https://...@v0.2.0); `handbook check` warns until then")


def generator_requirement() -> GeneratorRequirement:
    """Where this generator was installed from, as pip records it (PEP 610), pinned to the
    same version; for a git clone installed from its folder, the clone's remote and
    commit, which CI can reach once that commit is pushed."""
    try:
        distribution = metadata.distribution(PACKAGE)
    except metadata.PackageNotFoundError:
        return GeneratorRequirement(PACKAGE, "the generator's source was not known when this "
                                    "file was written", reachable=False)
    version = distribution.version
    direct = json.loads(distribution.read_text("direct_url.json") or "null")
    if direct is None:
        return GeneratorRequirement(f"{PACKAGE}=={version}")  # from a package index
    url = str(direct.get("url", ""))
    vcs = direct.get("vcs_info")
    if vcs:
        return GeneratorRequirement(
            f"{PACKAGE} @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}")
    if url.startswith("file:"):
        return requirement_from_clone(url) or GeneratorRequirement(
            f"{PACKAGE} @ {url}", _FOLDER_NOTE, reachable=False)
    return GeneratorRequirement(f"{PACKAGE} @ {url}")


def requirement_from_clone(url: str) -> GeneratorRequirement | None:
    """The remote and commit of the git clone at `url` (a file: address), if it has a
    remote to fetch from; its tag when the commit has one."""
    from urllib.parse import unquote, urlparse

    from ..sources.git import GitError, run_git

    folder = Path(unquote(urlparse(url).path))
    try:
        remote = run_git(folder, "remote", "get-url", "origin").output.strip()
        commit = run_git(folder, "rev-parse", "HEAD").output.strip()
    except (GitError, OSError):
        return None
    if not remote or not re.fullmatch(r"[0-9a-f]{40}", commit):
        return None
    try:
        pin = run_git(folder, "describe", "--tags", "--exact-match", "HEAD").output.strip()
    except GitError:
        pin = commit
    address = remote if "://" in remote else f"ssh://{remote.replace(':', '/', 1)}"
    return GeneratorRequirement(
        f"{PACKAGE} @ git+{address}@{pin or commit}",
        f"the generator's clone at {folder}: its remote and "
        f"{'tag' if pin != commit else 'commit'}; CI can install it once that is pushed")


def _readme(name: str) -> str:
    return f"""# {name} handbook

The source of the culture handbook of {name}: its values, the foundation of its service
culture, the behaviour expected toward customers and coworkers, recognition stories and a
reading path for new colleagues. A site and printable PDF editions are built from it.

## Build it

    bash requirements/install .venv requirements/runtime.lock requirements.txt
    .venv/bin/handbook build     # the site and the PDF editions, into site/
    .venv/bin/handbook serve     # a preview that follows your edits

## Edit it

- `data/*.yml`: the organisation, values, foundation, behaviours, orientation path and PDF
  editions. Each holds one example, marked to be replaced with your own.
- `data/stories/`: one file per story; `handbook new story` asks for one and writes it.
- `handbook/`: hand-written pages; list new ones in `mkdocs.yml`'s `nav`.
- `overrides/`: your own changes to the theme and to the generator's templates.

`.venv/bin/handbook check` finds every problem, with file, line and what to do, and what
has fallen behind (the forms, the editor schemas, the starter's examples). The editor
schemas in `data/schemas/` give editors that know them (VS Code with the YAML extension)
completion and checks as you type. To have the check run before every commit, install
pre-commit (`pipx install pre-commit`), then `pre-commit install` once per clone.

## Upgrade it

Change the generator's line in `requirements.txt` (Dependabot proposes new releases), then
run `.venv/bin/handbook refresh` and commit what it wrote: the installer and lock in
`requirements/`, the editor schemas and the forms of the new version.

## Publish it

`.github/workflows/handbook.yml` (GitHub Pages) and `.gitlab-ci.yml` (GitLab Pages) check
and build the handbook on every push and publish it from the default branch. Set `site_url`
in `data/organisation.yml` once the address is known. `history_starts` there is the day
this handbook was made: "What's changed" lists what changed after it.
"""
