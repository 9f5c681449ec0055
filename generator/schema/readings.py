"""What an orientation step asks a new hire to read, and what a question says teaches its
answer: one page, section or entry of the handbook."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    ModelWrapValidatorHandler,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)

from .common import DataModel, IdRef, Line, OneOf, problem, slug_problem

if TYPE_CHECKING:  # the registry declares this module's models
    from .registry import Registry


def readable_sections(registry: Registry) -> list[str]:
    """The sections a step can assign: every one but the orientation path itself."""
    return [section.name for section in registry.sections if section.name != "orientation"]


Section = Annotated[str, OneOf(readable_sections)]
TARGET_KINDS = ("page", "section", "value", "element", "theme", "behaviour", "story")


class Reading(DataModel):
    """One thing to read: exactly one of the fields below."""

    documented_as = "Each reading (exactly one field)"

    page: Line | None = None
    """A hand-written page, by its path inside `handbook/` (`welcome.md`)."""
    section: Section | None = None
    """A whole generated section: `values`, `foundation`, `behaviours` or `stories`."""
    value: IdRef | None = None
    """One value, by id."""
    element: IdRef | None = None
    """One foundation element, by id."""
    theme: IdRef | None = None
    """All behaviours of one theme, by the theme's id."""
    behaviour: IdRef | None = None
    """One expected behaviour, by id."""
    story: IdRef | None = None
    """One published story, by id."""

    _added: tuple[str, str] | None = PrivateAttr(default=None)
    """An entry of a kind the handbook adds, as written: `faq: lunch-break`."""

    @model_validator(mode="wrap")
    @classmethod
    def _exactly_one_target(cls, data: Any, handler: ModelWrapValidatorHandler[Reading],
                            info: ValidationInfo) -> Reading:
        # A kind the handbook adds (see loading/kind_folders.py) is named by its own key,
        # as the built-in ones are: `faq: lunch-break`. Its key is taken out before the
        # fields are checked, so any other unknown key is refused as before.
        registry = (info.context or {}).get("registry") if isinstance(info.context, dict) \
            else None
        added_kinds = [kind.name for kind in (registry.kinds if registry else ())
                       if kind.readable and kind.name not in cls.model_fields]
        added = None
        if isinstance(data, dict) and any(name in data for name in added_kinds):
            data = dict(data)
            # The first is taken out; a second stays in, and is refused as a field too many.
            named = next(name for name in added_kinds if name in data)
            added = (named, data.pop(named))
        reading = handler(data)
        given = [kind for kind in TARGET_KINDS if getattr(reading, kind) is not None]
        given += [added[0]] if added else []
        if len(given) != 1:
            raise problem(
                "a reading names " + ("nothing" if not given else " and ".join(given)),
                "give exactly one of: " + ", ".join([*TARGET_KINDS, *added_kinds]),
            )
        if added is not None:
            wrong = slug_problem(added[1]) if isinstance(added[1], str) else (
                "an id is a text", "write the entry's id")
            if wrong:
                raise problem(f"{added[0]}: {wrong[0]}", wrong[1])
            reading._added = (added[0], str(added[1]))
        return reading

    @property
    def kind(self) -> str:
        """What the reading names: `page`, `section`, or a kind of entry (`value`)."""
        if self._added:
            return self._added[0]
        return next(kind for kind in TARGET_KINDS if getattr(self, kind) is not None)

    @property
    def target(self) -> str:
        """The page's path, the section's name or the entry's id."""
        if self._added:
            return self._added[1]
        return str(getattr(self, self.kind))
