"""`handbook override`: an organisation's own copy of a template, which is told when the
template it was copied from changes.

A template copied into `overrides/` replaces the generator's (or the theme's) own, and so
stops receiving the fixes that later versions bring to it. Each copy made by this module
starts with a stamp: the template it copies and a hash of that template's text at the
time. `handbook check` compares the stamp with the template the installed generator
holds, and says when it changed, with the command that shows how.

Three places templates come from, each copied to where it takes effect:

* the generator's page and print templates (`pages/behaviours.md.jinja`,
  `print/chapters/values.html.jinja`) -> `overrides/generator/<the same path>`;
* the generator's layer over the theme (`theme/partials/copyright.html`,
  `theme/assets/stylesheets/handbook.css`) -> `overrides/<path inside theme/>`;
* Material's own templates (`material/partials/footer.html`) -> `overrides/<path>`.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import HandbookError
from ..kinds import BUILT_IN
from ..sources.project import OVERRIDES_SUBFOLDER
from ..sources.safe_files import UnsafeFile, read_inside

GENERATOR = Path(__file__).resolve().parents[1]
TEMPLATES = GENERATOR / "templates"
THEME_LAYER = GENERATOR / "theme"
MAX_TEMPLATE_BYTES = 1024 * 1024
STAMP_WORD = "handbook-override"
_STAMP = re.compile(
    rf"{STAMP_WORD}: (?P<name>[A-Za-z0-9_./-]+) sha256:(?P<digest>[0-9a-f]{{16}})")
_COMMENTS = {".css": ("/* ", " */"), ".js": ("// ", ""),
             ".html": ("{#- ", " -#}"), ".jinja": ("{#- ", " -#}")}
"""How a stamp is written in each kind of file, so the file still works with it."""


@dataclass(frozen=True)
class Upstream:
    """A template the generator or the theme ships, and where its copy takes effect."""

    name: str
    """As the command names it: `pages/behaviours.md.jinja`, `theme/main.html`,
    `material/partials/footer.html`."""
    source: Path
    target: Path
    """Inside the theme's custom_dir (`overrides/`)."""

    @property
    def text(self) -> str:
        return self.source.read_text(encoding="utf-8")

    @property
    def digest(self) -> str:
        return digest_of(self.text)


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def find_upstream(name: str, overrides_dir: Path) -> Upstream:
    """The template called `name`; HandbookError with the names nearest it otherwise."""
    name = name.strip().lstrip("/")
    for upstream in every_upstream(overrides_dir):
        if upstream.name == name:
            return upstream
    names = [upstream.name for upstream in every_upstream(overrides_dir)]
    near = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(near)}?" if near else (
        "name it as `handbook override --list` shows it, like pages/behaviours.md.jinja")
    raise HandbookError(f"'{name}' is not a template of the generator or the theme; {hint}")


def every_upstream(overrides_dir: Path) -> list[Upstream]:
    """Every template that can be overridden, the generator's first."""
    # The generator's templates: its own, and those of its kinds (generator/kinds/*/),
    # which the pages and the print find by the same names.
    found = [Upstream(path.relative_to(folder).as_posix(), path,
                      overrides_dir / OVERRIDES_SUBFOLDER / path.relative_to(folder))
             for folder in (TEMPLATES, *BUILT_IN.template_folders)
             for path in _files(folder) if path.suffix in _COMMENTS]
    found.sort(key=lambda upstream: upstream.name)
    found += [Upstream("theme/" + path.relative_to(THEME_LAYER).as_posix(), path,
                       overrides_dir / path.relative_to(THEME_LAYER))
              for path in _files(THEME_LAYER) if path.suffix in _COMMENTS]
    material = _material_templates()
    if material is not None:
        found += [Upstream("material/" + path.relative_to(material).as_posix(), path,
                           overrides_dir / path.relative_to(material))
                  for path in _files(material) if path.suffix == ".html"]
    return found


def override(upstream: Upstream) -> Path:
    """Copy `upstream` to its place in overrides/, stamped; a copy already there is kept."""
    if upstream.target.exists() or upstream.target.is_symlink():
        raise HandbookError(
            f"{upstream.target} already exists: compare it with `handbook override "
            f"{upstream.name} --diff`, or move it away to copy the template afresh")
    upstream.target.parent.mkdir(parents=True, exist_ok=True)
    upstream.target.write_text(stamped(upstream, upstream.text), encoding="utf-8")
    return upstream.target


def accept(upstream: Upstream) -> Path:
    """Stamp the copy with the template as it is now: its owner has brought it up to date."""
    text = _copy_text(upstream)
    upstream.target.write_text(stamped(upstream, without_stamp(text)), encoding="utf-8")
    return upstream.target


def diff(upstream: Upstream) -> str:
    """How the copy differs from the template as the installed generator holds it now:
    the upstream changes to bring over, among the organisation's own."""
    copy = without_stamp(_copy_text(upstream))
    return "".join(difflib.unified_diff(
        copy.splitlines(keepends=True), upstream.text.splitlines(keepends=True),
        fromfile=f"your copy ({upstream.target.name})",
        tofile=f"the generator's {upstream.name} now"))


def stamped(upstream: Upstream, text: str) -> str:
    start, end = _COMMENTS[upstream.source.suffix]
    stamp = (f"{start}{STAMP_WORD}: {upstream.name} sha256:{upstream.digest} (copied by "
             f"`handbook override`; `handbook check` says when the original changes){end}\n")
    return stamp + text


def stamp_in(text: str) -> tuple[str, str] | None:
    """(template name, digest) from a copy's first line, if it has a stamp."""
    first = text.split("\n", 1)[0]
    match = _STAMP.search(first)
    return (match["name"], match["digest"]) if match else None


def without_stamp(text: str) -> str:
    return text.split("\n", 1)[1] if stamp_in(text) else text


def read_copy(path: Path, overrides_dir: Path) -> str | None:
    """The text of a file in overrides/, or None when it is not a readable text file
    inside it (a link out, a pipe, a binary image): the checks skip those."""
    try:
        return read_inside(path, overrides_dir, limit=MAX_TEMPLATE_BYTES,
                           folder_name="the overrides folder").decode("utf-8")
    except (UnsafeFile, UnicodeDecodeError, OSError):
        return None


def _copy_text(upstream: Upstream) -> str:
    if not upstream.target.is_file():
        raise HandbookError(f"{upstream.target} does not exist: `handbook override "
                            f"{upstream.name}` makes it")
    text = read_copy(upstream.target, upstream.target.parents[0])
    if text is None:
        raise HandbookError(f"{upstream.target} is not a text file the tool can read")
    return text


def _files(folder: Path) -> list[Path]:
    """The files under `folder`, without walking into dot folders (Material's `.icons`
    holds thousands of icons, none of them a template) or `__pycache__`."""
    found = []
    for place, folders, files in os.walk(folder):
        folders[:] = [name for name in folders
                      if not name.startswith(".") and name != "__pycache__"]
        found += [Path(place) / name for name in files if not name.startswith(".")]
    return sorted(found)


def _material_templates() -> Path | None:
    try:
        import material
    except ImportError:
        return None
    return Path(material.__file__).resolve().parent / "templates"
