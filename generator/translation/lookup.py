"""One text's translation in one place, or why there is none.

A text is *translated* when its PO file has a translation of exactly this text in this
place, not marked fuzzy. It is *stale* when the translation was made for an earlier
version of the text: marked fuzzy by `handbook translations update`, or, before that
command has run, when the place holds a translation of a text the handbook no longer has.
Otherwise it is *missing*. Stale and missing texts are shown in the source language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from .catalogues import Catalogue, Entry


class State(IntEnum):
    """Ordered: the worst state of a page's texts is the page's."""

    TRANSLATED = 0
    MISSING = 1
    STALE = 2


@dataclass(frozen=True)
class Answer:
    text: str
    state: State
    entry: Entry | None
    """The PO file's message for this text, or the one made for its earlier version."""

    @property
    def changed(self) -> date | None:
        return self.entry.changed if self.entry is not None else None


class Lookup:
    """A catalogue asked about the texts the handbook has now (`current`)."""

    def __init__(self, catalogue: Catalogue, current: Iterable[tuple[str, str]]) -> None:
        self.catalogue = catalogue
        current_keys = set(current)
        self.orphans = {key: entry for key, entry in catalogue.entries.items()
                        if key not in current_keys and entry.translated}
        """Translations of texts the handbook no longer has: the PO file is out of date."""
        self.new = [key for key in current_keys if key not in catalogue.entries]
        """Texts the PO file does not list yet."""
        self._orphan_in: dict[str, Entry] = {}
        for entry in self.orphans.values():
            self._orphan_in.setdefault(entry.context, entry)

    @property
    def out_of_date(self) -> bool:
        """Whether `handbook translations update` has something to mark: a translated text
        whose source has changed since."""
        return bool(self.orphans)

    def answer(self, context: str, text: str) -> Answer:
        entry = self.catalogue.entries.get((context, text))
        if entry is not None and entry.translated:
            return Answer(entry.translation, State.TRANSLATED, entry)
        if entry is not None and entry.fuzzy and entry.translation:
            return Answer(text, State.STALE, entry)
        earlier = self._orphan_in.get(context)
        if earlier is not None:
            return Answer(text, State.STALE, earlier)
        return Answer(text, State.MISSING, entry)
