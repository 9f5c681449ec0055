"""What a registry of data kinds is made of: which file holds which kind of entry, what
each is, and where the site and the editions show it. The generator's own kinds are
declared in generator/kinds/, one folder each, and gathered in `generator.kinds.BUILT_IN`.

A build makes one `Registry` (the built-in kinds, plus those its mkdocs.yml names: see
loading/kind_folders.py) and hands it to every stage: the loader (which file, which
list), the cross-checks (which field refers to which kind, which kinds can be renamed), the
changelog (which kinds it follows), the handbook (`handbook.registry`: its lookups and
relations), the editor schemas and field reference, the site's pages and nav (sections,
entry pages), the editions' chapters and contents, and orientation reading times. A kind
of an organisation's own is a folder declaring a `Declaration`; see the README's "Adding a
kind of data".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..wording import DEFAULT_LANGUAGE, Wording, merged, wording
from .common import DataModel

M = TypeVar("M", bound=DataModel, covariant=True)

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class DataFile:
    """A file (or a folder of files, one entry each: stories, ideas) of the data folder, as
    editors meet it."""

    name: str
    """As editors name it, inside the data folder: `values.yml`, `stories/*.yml`."""
    model: type[DataModel]
    heading: str
    """Its section in the README's field reference."""
    about: str
    """What it holds, in a sentence (its editor schema's description)."""
    schema: str
    """Its editor schema's file name, in data/schemas/."""
    documented: tuple[type[DataModel], ...] = ()
    """The models of its parts, described after the file's own fields in the reference."""
    lists: tuple[str, ...] = ()
    """Top-level lists of entries, each entry remembering where it was written."""
    required: bool = True
    folder: str | None = None
    """For one entry per file: the folder (inside the data folder) holding the files, which
    may be filed in sub-folders (by year); an entry's id is its file name."""
    noun: str = ""
    """How messages name one entry of a folder (`story`)."""
    reserved_ids: frozenset[str] = frozenset()
    """File names a folder's entries cannot have: addresses of the site's own pages."""

    @property
    def stem(self) -> str:
        """`values` for `values.yml`: which `.yml` or `.yaml` file the loader reads."""
        return self.name.removesuffix(".yml")


@dataclass(frozen=True)
class EntryKind(Generic[M]):
    """One kind of entry with an id (a value, a story), as every stage sees it."""

    name: str
    """How code, snapshots and orientation readings name it: `element`."""
    model: type[M]
    file: str
    """The data file (stem) whose list holds the entries; for one-file-per-entry kinds, the
    folder of their files."""
    list_name: str | None
    """The top-level list of `file` that holds the entries; None: one entry per file."""
    noun: str
    """How an editor's message or a changelog sentence names one: `foundation element`."""
    referred_to_by: tuple[str, ...] = ()
    """Fields of other entries that hold ids of this kind (`values: [respect]`)."""
    followed: bool = False
    """Whether "What's changed" and the editions' changes follow it (it has `renamed_from`
    and `reader_fields`)."""
    section: str | None = None
    """The section (see `Section`) whose page and chapter show its entries."""
    page_folder: str | None = None
    """Each entry has a page of its own, `<page_folder>/<id>.md`, rendered by the model's
    `template`; without one, an entry is a part of its section's page, anchored by its id."""
    within: str | None = None
    """The field naming the entry it is listed under (an element's `layer`): the section
    lists it there, and the contents of a printed edition leave it out."""
    readable: bool = True
    """An orientation step can name one entry by the kind's name (`faq: lunch-break`)."""
    title_field: str | None = None
    """The field an entry is called by in titles, nav and contents (`question`); None: its
    `name`, else its `title`, else its id."""
    description_field: str | None = None
    """The field that says in a sentence what an entry is (`answer`): its page's
    description for search engines and link previews."""


@dataclass(frozen=True)
class Section:
    """A whole generated part of the handbook: a page of the site, a chapter of an edition
    (`chapters/<name>.html.jinja`), something an orientation step can assign."""

    name: str
    """As editions.yml and orientation.yml name it: `foundation`."""
    page: str
    """Its page, inside the docs folder."""
    template: str | None = "section.md.jinja"
    """The template of its page; None for sections whose pages are planned by code of their
    own (the stories' board and archive, the orientation path)."""
    title: str | None = None
    """Its title where the wording catalogue has none (`sections.<name>`)."""
    optional: bool = False
    """A section many handbooks do without (the service measures): its page is made only
    when one of its kinds has an entry, so a handbook without them lists no empty page."""


@dataclass(frozen=True)
class Declaration:
    """What a folder of kinds declares, in its `kind.py` as `declaration`: the files it
    reads, the kinds of entry they hold and the sections that show them. Its templates
    (`templates/pages/`, `templates/print/`) and its wording (`<language>.yml`) are found
    beside it."""

    files: tuple[DataFile, ...] = ()
    kinds: tuple[EntryKind[DataModel], ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Registry:
    """Every file, kind of entry and section one build knows, and the tables derived
    from them. Made once per build and passed to every stage (`handbook.registry`)."""

    files: tuple[DataFile, ...]
    """Every file of the data folder, in the order an editor meets them."""
    kinds: tuple[EntryKind[DataModel], ...]
    sections: tuple[Section, ...]
    template_folders: tuple[Path, ...] = ()
    """The kinds' folders of templates (each with `pages/` and `print/`): the generator's
    own kinds', then the handbook's. Searched after the organisation's overrides and
    before the templates no kind owns (generator/templates/)."""
    added_folders: tuple[Path, ...] = ()
    """The folders of the kinds the handbook adds: `handbook serve` reloads when they change."""
    wording: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """The kinds' words, by language (`en`): their sections' titles, their pages'
    headings, how a reading or a changelog sentence names one of their entries."""

    def with_added(self, declaration: Declaration, *, folder: Path | None = None,
                   wording: Mapping[str, Mapping[str, Any]] | None = None) -> Registry:
        """This registry and what `declaration` adds, after it, with the templates
        (`templates/`) of its `folder`."""
        templates = folder / "templates" if folder and (folder / "templates").is_dir() else None
        words = {language: dict(entries) for language, entries in self.wording.items()}
        # A sentence of "What's changed" names an entry by its kind's noun: the
        # declaration's, unless the folder's words say it otherwise.
        nouns = {"kinds": {kind.name: kind.noun for kind in declaration.kinds}}
        words[DEFAULT_LANGUAGE] = merged(words.get(DEFAULT_LANGUAGE, {}), nouns)
        for language, entries in (wording or {}).items():
            words[language] = merged(words.get(language, {}), entries)
        return Registry(self.files + declaration.files, self.kinds + declaration.kinds,
                        self.sections + declaration.sections,
                        self.template_folders + ((templates,) if templates else ()),
                        self.added_folders + ((folder,) if folder else ()), words)

    def words_in(self, language: str) -> Mapping[str, Any]:
        """The kinds' words in `language` (`en-GB` reads `en`), English where they give
        none."""
        return merged(self.wording.get(DEFAULT_LANGUAGE, {}),
                      self.wording.get(language.split("-")[0].lower(), {}))

    def catalogue(self, language: str) -> Wording:
        """The generator's words in `language` with its kinds' words: what a handbook of
        these kinds reads, before its organisation words anything its own way."""
        return wording(language).extended(self.words_in(language))

    def title_of(self, entry: DataModel) -> str:
        """What an entry is called where it is listed: its kind's `title_field`, else its
        `name` or `title` (or its id)."""
        kind = self.kind_of(entry)
        if kind is not None and kind.title_field:
            return str(getattr(entry, kind.title_field, None) or getattr(entry, "id", ""))
        return str(getattr(entry, "name", None) or getattr(entry, "title", None)
                   or getattr(entry, "id", ""))

    def description_of(self, entry: DataModel) -> str | None:
        """The sentence that says what an entry is, if its kind names a field for it."""
        kind = self.kind_of(entry)
        text = getattr(entry, kind.description_field, None) if kind and kind.description_field \
            else None
        return str(text) if text else None

    @cached_property
    def single_files(self) -> tuple[DataFile, ...]:
        """The files that each hold a whole kind (or several), read by the loader in this
        order; the folders of files (stories, ideas) are read after them."""
        return tuple(data_file for data_file in self.files if data_file.folder is None)

    @cached_property
    def folders(self) -> tuple[DataFile, ...]:
        """The folders of files, one entry each (stories, ideas)."""
        return tuple(data_file for data_file in self.files if data_file.folder is not None)

    @cached_property
    def lifecycle_kinds(self) -> tuple[EntryKind[DataModel], ...]:
        """The kinds that are drafted, published and retired (stories, ideas): readers see
        the published ones only."""
        return tuple(kind for kind in self.kinds if hasattr(kind.model, "is_published"))

    @cached_property
    def kind(self) -> dict[str, EntryKind[DataModel]]:
        """Kinds by name (`element`)."""
        return {kind.name: kind for kind in self.kinds}

    @cached_property
    def followed(self) -> tuple[EntryKind[DataModel], ...]:
        """The kinds the changelog follows, in the order it lists them."""
        return tuple(kind for kind in self.kinds if kind.followed)

    @cached_property
    def list_kinds(self) -> dict[str, EntryKind[DataModel]]:
        """Kinds kept in lists, by the list's name (`elements`)."""
        return {kind.list_name: kind for kind in self.kinds if kind.list_name}

    @cached_property
    def targets(self) -> dict[str, EntryKind[DataModel]]:
        """Which kind of entry a reference field (`values`, `layer`) holds ids of."""
        return {field: kind for kind in self.kinds for field in kind.referred_to_by}

    @cached_property
    def section(self) -> dict[str, Section]:
        """Sections by name."""
        return {section.name: section for section in self.sections}

    @cached_property
    def planned_sections(self) -> tuple[Section, ...]:
        """The sections whose page and chapter are planned from the data (values,
        foundation, behaviours), not by code of their own (stories, orientation)."""
        return tuple(section for section in self.sections if section.template is not None)

    def kind_of(self, entry: object) -> EntryKind[DataModel] | None:
        """The kind whose model `entry` is, if any."""
        return self._kind_of_model.get(type(entry))

    @cached_property
    def _kind_of_model(self) -> dict[type, EntryKind[DataModel]]:
        return {kind.model: kind for kind in self.kinds}

    def kinds_in(self, section: str) -> tuple[EntryKind[DataModel], ...]:
        """The kinds a section shows, outermost first."""
        return tuple(kind for kind in self.kinds if kind.section == section)


def entry_id(entry: DataModel) -> str:
    """An entry's id: every kind of entry has one (`id`, or its file name)."""
    return str(getattr(entry, "id", ""))
