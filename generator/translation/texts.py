"""Which texts of a handbook a reader reads, each with the place it is in.

In data, a text is any plain-text field (`Line`, `Text`, or a list or table of them) of
any model, found by walking the models: a kind a handbook adds is translated with no
declaration of its own. A model leaves out fields that are not words to translate with
`untranslated` (paths, people's and teams' names, curators). The place of a text (its
message context) is built from ids, so it stays the same when entries are reordered:
`values.respect.why`, `values.respect.principles.speak-up.text`,
`story.2026-05-a-wheel-in-the-rain.title`; an entry without an id is counted
(`organisation.contacts.0.about`).
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Any, Union, cast, get_args, get_origin

from pydantic import AfterValidator, TypeAdapter

from ..model.handbook import Handbook
from ..schema.common import DataModel, check_plain_text
from ..sources.pages_source import HandPage
from . import page_blocks

UNTRANSLATED = frozenset({"see_also", "page", "curated_by", "team", "teams"})
"""Fields of any model that are not words to translate: paths, and who did what."""

Translate = Callable[[str, str, Any, "str | None"], tuple[str, int]]
"""`translate(context, text, checked_as, file)`: the text to show at `context` for the
source `text`, and how far it is from translated (0: it is; see lookup.State);
`checked_as` is the type a translation must be valid as (None for a page's Markdown),
`file` the file the text comes from."""


@dataclass(frozen=True)
class Found:
    """One text a reader reads, where it is, and which file it comes from."""

    context: str
    text: str
    file: str | None
    checked_as: Any = None
    """The field's type (`Line`, `Text`): a translation must be valid as it too."""


NAV = "site:nav"
"""The place of mkdocs.yml's navigation titles."""
THEME = "site:theme"
"""The place of the theme's words mkdocs.yml gives (the colour scheme switch's)."""


def settings_texts(settings: Mapping[str, Any]) -> list[Found]:
    """The words of mkdocs.yml readers see: its navigation's titles, and the names of its
    colour scheme switches."""
    found: list[Found] = []

    def walk(nav: Any) -> None:
        if isinstance(nav, list):
            for item in nav:
                walk(item)
        elif isinstance(nav, dict):
            for title, target in nav.items():
                if isinstance(title, str) and title.strip():
                    found.append(Found(NAV, title, "mkdocs.yml"))
                walk(target)

    walk(settings.get("nav"))
    theme = settings.get("theme")
    palette = theme.get("palette") if isinstance(theme, Mapping) else None
    for scheme in palette if isinstance(palette, list) else []:
        toggle = scheme.get("toggle") if isinstance(scheme, Mapping) else None
        name = toggle.get("name") if isinstance(toggle, Mapping) else None
        if isinstance(name, str) and name.strip():
            found.append(Found(THEME, name, "mkdocs.yml"))
    return found


def page_context(path: str) -> str:
    """The place of a hand-written page's blocks (`page:welcome.md`)."""
    return f"page:{path}"


def data_texts(handbook: Handbook) -> list[Found]:
    """Every text of the handbook's data a reader reads, in a stable order."""
    found: list[Found] = []

    def note(context: str, text: str, kind: Any, file: str | None) -> tuple[str, int]:
        found.append(Found(context, text, file, kind))
        return text, 0

    translated_handbook(handbook, note)
    return found


def page_texts(page: HandPage, docs_folder: str) -> list[Found]:
    """A hand-written page's texts: its title and description if its front matter gives
    them, then its blocks."""
    context = page_context(page.path)
    file = f"{docs_folder}/{page.path}"
    meta = [Found(f"{context}#{key}", value, file) for key in ("title", "description")
            if isinstance(value := page.meta.get(key), str) and value.strip()]
    return [*meta, *(Found(context, text, file) for text in page_blocks.texts(page.markdown))]


def translated_page(page: HandPage, translate: Translate) -> tuple[HandPage, int]:
    """The page with every text put through `translate`, and its worst text's state."""
    context = page_context(page.path)
    meta = dict(page.meta)
    worst = 0

    def one(place: str, text: str) -> str:
        nonlocal worst
        shown, state = translate(place, text, None, None)
        worst = max(worst, state)
        return shown

    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            meta[key] = one(f"{context}#{key}", value)
    markdown = page_blocks.translated(page.markdown, lambda text: one(context, text))
    title = meta["title"] if isinstance(meta.get("title"), str) else _first_heading(
        markdown, page.title)
    return replace(page, markdown=markdown, meta=meta, title=str(title)), worst


def _first_heading(markdown: str, fallback: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def translated_handbook(
    handbook: Handbook, translate: Translate, pages: bool = False
) -> tuple[Handbook, dict[int, int], dict[str, int]]:
    """The handbook with every reader's text of its data (and, with `pages`, of its
    hand-written pages) put through `translate`; with the worst state of each model's
    texts (by the `id()` of the model in the new handbook) and of each page's. Each model
    is walked once, however many lists hold it (a value is in values.yml's file and among
    the values)."""
    walker = _Walker(translate)
    files = {stem: walker.model(model, stem) for stem, model in handbook.files.items()}
    organisation = walker.model(handbook.organisation, "organisation")
    orientation = walker.model(handbook.orientation, "orientation")
    editions = [walker.model(edition, f"editions.{edition.id}")
                for edition in handbook.editions]
    entries = {
        kind.name: [walker.model(entry, f"{kind.name}.{entry.id}")  # type: ignore[attr-defined]
                    if id(entry) in walker.done or _shown(handbook, kind, entry) else entry
                    for entry in handbook.entries.get(kind.name, [])]
        for kind in handbook.registry.kinds}
    hand_pages, page_states = dict(handbook.pages), {}
    if pages:
        for path, page in handbook.pages.items():
            hand_pages[path], page_states[path] = translated_page(page, translate)
    new = replace(handbook, organisation=organisation, orientation=orientation,
                  editions=editions, files=files, entries=entries, pages=hand_pages)
    return new, walker.worst, page_states


def _shown(handbook: Handbook, kind: Any, entry: DataModel) -> bool:
    """Drafts and retired entries are not translated (they are kept as they are): a
    translator's time goes to what readers read."""
    is_published = getattr(entry, "is_published", None)
    return kind not in handbook.registry.lifecycle_kinds or bool(is_published)


class _Walker:
    def __init__(self, translate: Translate) -> None:
        self.translate = translate
        self.done: dict[int, Any] = {}
        self.worst: dict[int, int] = {}
        """The worst state of each new model's texts, its parts' included, by its id()."""
        self._states: list[int] = [0]

    def model(self, model: Any, context: str, file: str | None = None) -> Any:
        if id(model) in self.done:
            return self.done[id(model)]
        changes: dict[str, Any] = {}
        self._states.append(0)
        source = getattr(model, "_source", None)
        file = source.file if source is not None else file  # a part: its entry's file
        untranslated = UNTRANSLATED | set(getattr(model, "untranslated", ()))
        for name in type(model).model_fields:
            if name in untranslated:
                continue
            value = getattr(model, name)
            shape = _shape(cast("type[DataModel]", type(model)), name)
            new = self.value(value, shape, _within(context, name), file)
            if new is not value:
                changes[name] = new
        result = model.model_copy(update=changes) if changes else model
        self.done[id(model)] = result
        state = self._states.pop()
        self.worst[id(result)] = state
        self._states[-1] = max(self._states[-1], state)
        return result

    def value(self, value: Any, shape: tuple[str, Any] | None, context: str,
              file: str | None) -> Any:
        if shape is None or value is None:
            return value
        form, checked_as = shape
        if form == "text" and isinstance(value, str):
            new = self.translate_text(context, value, checked_as, file)
            return value if new == value else new
        if form == "texts" and isinstance(value, list):
            new_list = [self.translate_text(context, item, checked_as, file) for item in value]
            return value if new_list == value else new_list
        if form == "table" and isinstance(value, dict):
            new_table = {key: self.translate_text(f"{context}.{key}", item, checked_as, file)
                         for key, item in value.items()}
            return value if new_table == value else new_table
        if form == "model" and isinstance(value, DataModel):
            return self.model(value, context, file)
        if form == "models" and isinstance(value, list):
            new_models = [self.model(item, f"{context}.{_place(item, index)}", file)
                          for index, item in enumerate(value)]
            unchanged = all(a is b for a, b in zip(new_models, value, strict=True))
            return value if unchanged else new_models
        return value

    def translate_text(self, context: str, text: str, checked_as: Any, file: str | None) -> str:
        shown, state = self.translate(context, text, checked_as, file)
        self._states[-1] = max(self._states[-1], state)
        return shown


def _within(context: str, name: str) -> str:
    """The place of a field: `values.respect.why`, and `values.respect` rather than
    `values.values.respect` for the list a file is named after."""
    return context if context.rsplit(".", 1)[-1] == name else f"{context}.{name}"


def _place(model: Any, index: int) -> str:
    entry_id = getattr(model, "id", None)
    return entry_id if isinstance(entry_id, str) else str(index)


@functools.cache
def _shape(model_type: type[DataModel], name: str) -> tuple[str, Any] | None:
    """How a field holds reader's text: `text`, `texts` (a list), `table` (a mapping),
    `model` or `models` (to walk into); None for anything else."""
    field = model_type.model_fields[name]
    annotation: Any = field.annotation
    if any(_checks_plain_text(item) for item in field.metadata):
        return "text", Annotated[(annotation, *field.metadata)]
    return _shape_of(annotation)


def _shape_of(annotation: Any) -> tuple[str, Any] | None:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _shape_of(options[0]) if len(options) == 1 else None
    if _is_text(annotation):
        return "text", annotation
    if isinstance(annotation, type) and issubclass(annotation, DataModel):
        return "model", annotation
    if origin is list:
        (item,) = get_args(annotation)
        if _is_text(item):
            return "texts", item
        if isinstance(item, type) and issubclass(item, DataModel):
            return "models", item
    if origin is dict:
        _, item = get_args(annotation)
        if _is_text(item):
            return "table", item
    return None


def _is_text(annotation: Any) -> bool:
    return get_origin(annotation) is Annotated and any(
        _checks_plain_text(item) for item in annotation.__metadata__)


def _checks_plain_text(item: Any) -> bool:
    return isinstance(item, AfterValidator) and item.func is check_plain_text


@functools.cache
def adapter(checked_as: Any) -> TypeAdapter[Any]:
    """What checks a translation as its source was checked (a `Line` stays one line)."""
    return TypeAdapter(checked_as)


def walk_all(handbook: Handbook, docs_folder: str, settings: Iterable[Found] = ()
             ) -> Iterator[Found]:
    """Every text a reader reads: mkdocs.yml's, the data's, then each hand-written page's."""
    yield from settings
    yield from data_texts(handbook)
    for path in sorted(handbook.pages):
        yield from page_texts(handbook.pages[path], docs_folder)

