"""`handbook translations update`: each PO file written again from the handbook as it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import HandbookError
from ..model.handbook import Handbook
from ..sources.project import Project
from .catalogues import CatalogueProblem, Merge, merged, po_file, read_catalogue
from .texts import settings_texts, walk_all


def update_po_files(project: Project, handbook: Handbook, as_of: date) -> list[tuple[str, Merge]]:
    """Write every other language's PO file from the handbook's texts (see
    catalogues.merged); each file's name as editors see it, with what changed in it.
    `as_of` (the build's date, from the commit) dates new and changed texts."""
    languages = handbook.organisation.all_languages
    found = list(walk_all(handbook, project.display(project.docs_dir),
                          settings_texts(project.reader_settings)))
    done = []
    for language in languages[1:]:
        path = po_file(project.root, language)
        shown = project.display(path)
        try:
            existing = read_catalogue(project.root, language)
        except CatalogueProblem as error:
            raise HandbookError(error.problem.format(show_severity=False)) from None
        text, merge = merged(existing, found, language=language,
                             title=handbook.organisation.title, as_of=as_of, shown=shown)
        _write_if_changed(project.root, path, text)
        done.append((shown, merge))
    return done


def _write_if_changed(root: Path, path: Path, text: bytes) -> None:
    """Written whole, through a temporary file beside it, so a PO file is never
    half-written; an unchanged one is left as it is. The translations folder must be a
    folder of the project, not a link out of it."""
    folder = path.parent
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise HandbookError(f"{folder.relative_to(root)}/ is not a folder of the project: "
                            "replace it with a folder")
    if path.is_symlink():
        raise HandbookError(f"{path.relative_to(root)} is a link: replace it with the file")
    folder.mkdir(parents=True, exist_ok=True)
    if path.is_file() and path.read_bytes() == text:
        return
    temporary = path.with_name(f".{path.name}.writing")
    temporary.write_bytes(text)
    temporary.replace(path)
