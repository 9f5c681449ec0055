"""What readers see that the code puts together, from one catalogue per language.

The catalogues are YAML files beside this module (`en.yml`), keyed alike; the templates
hold the rest of what readers read. Code asks for words by key and composes data, not
English: `words("readings.value", name="Respect")` is `Value: Respect` in `en.yml`.
The language is the handbook's (`language` in organisation.yml); a language without a
catalogue, or a key its catalogue leaves out, reads in English. Dates, numbers and which
plural form a count takes come from Babel's CLDR data for that language (`en-US` writes
"August 3, 2026", `en-GB` and plain `en` "3 August 2026"), never from hand-written rules.

A text that counts something may have one form per plural category of CLDR (`one`,
`other`, and in some languages `few`, `many`...); asked for with `count=n`, it gives the one
that the language uses for `n`, with `{count}` written as the language writes numbers.

Editors' messages (errors, warnings, the command's output) are in the code that finds
the problem: they speak of files and fields, which only the code knows.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

DEFAULT_LANGUAGE = "en"
WORLD_ENGLISH = "en_001"
"""Plain `en` reads as CLDR's world English (day, month, year), not as American English."""
PLURAL_FALLBACK = "other"


class Wording:
    """One language's catalogue, with the helpers that put words and data together."""

    def __init__(self, language: str, entries: dict[str, Any]) -> None:
        self.language = language
        """The handbook's language code, as pages declare it (`en-GB`)."""
        self._entries = entries

    def __call__(self, key: str, **values: Any) -> str:
        """The text at `key` (`changes.added`), with `values` put in its `{fields}`; for a
        text with plural forms, the form the language uses for `count`."""
        text = self._entry(key)
        if isinstance(text, dict) and "count" in values and PLURAL_FALLBACK in text:
            count = values["count"]
            text = text.get(self.locale.plural_form(abs(count)), text[PLURAL_FALLBACK])
            values = {**values, "count": self.number(count)}
        if not isinstance(text, str):
            raise KeyError(f"'{key}' in the {self.language} wording is not a piece of text")
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        try:
            self._entry(key)
        except KeyError:
            return False
        return True

    @functools.cached_property
    def locale(self) -> Locale:
        """Babel's locale for the handbook's language; world English for a code it does
        not know (organisation.yml's check refuses those, so only tests meet it)."""
        code = self.language.replace("-", "_")
        try:
            return Locale.parse(WORLD_ENGLISH if code == DEFAULT_LANGUAGE else code)
        except (UnknownLocaleError, ValueError):
            return Locale.parse(WORLD_ENGLISH)

    def number(self, value: float) -> str:
        """`1,234` (or `1.234`, `1 234`): a number as the language writes it."""
        return format_decimal(value, locale=self.locale)

    def long_date(self, day: date) -> str:
        """`14 March 2026` (or `March 14, 2026` in `en-US`): dates as the handbook writes
        them, on the site and in print; a date known only to the month or year (a story's)
        as `March 2026` or `2026`."""
        precision = getattr(day, "precision", "day")
        if precision == "year":
            return str(day.year)
        if precision == "month":
            return self.month_name(f"{day.year}-{day.month:02}")
        return format_date(date(day.year, day.month, day.day), "long", locale=self.locale)

    def day_and_month(self, day: date) -> str:
        """`23 Nov` (`Nov 23` in `en-US`, `23/11` in `pt-PT`): a day of a list that is
        grouped by month already."""
        return format_skeleton("MMMd", date(day.year, day.month, day.day), locale=self.locale)

    def short_month_name(self, month: str) -> str:
        """`2026-11` -> `Nov 2026`."""
        year, number = (int(part) for part in month.split("-"))
        return format_skeleton("yMMM", date(year, number, 1), locale=self.locale)

    def month_name(self, month: str) -> str:
        """`2026-11` -> `November 2026`."""
        year, number = (int(part) for part in month.split("-"))
        return format_skeleton("yMMMM", date(year, number, 1), locale=self.locale)

    def and_list(self, words: list[str]) -> str:
        """`a, b and c`."""
        if len(words) < 2:
            return "".join(words)
        separator = self("list.separator")
        return self("list.two", first=separator.join(words[:-1]), last=words[-1])

    def extended(self, entries: Mapping[str, Any]) -> Wording:
        """This catalogue with more texts, nested as the catalogue nests them: the words
        of kinds a handbook adds (their sections' titles), which the organisation's own
        `wording:` can still override."""
        return Wording(self.language, _merged(self._entries, dict(entries))) if entries \
            else self

    def overridden(self, texts: dict[str, str]) -> Wording:
        """This catalogue with some texts worded the organisation's way (`wording:` in
        organisation.yml, by dotted key: `value page.in practice: Operating principles`)."""
        if not texts:
            return self
        entries = self._entries
        for key, text in texts.items():
            entries = _merged(entries, _nested(key.split("."), text))
        return Wording(self.language, entries)

    def keys(self) -> list[str]:
        """Every text's dotted key (`sections.values`), as `wording:` names them; a text
        with plural forms by each form (`orientation.question count.one`)."""
        def walk(entries: dict[str, Any], prefix: str) -> list[str]:
            found: list[str] = []
            for name, entry in entries.items():
                key = prefix + name
                found += walk(entry, key + ".") if isinstance(entry, dict) else (
                    [key] if isinstance(entry, str) else [])
            return found
        return walk(self._entries, "")

    def is_text(self, key: str) -> bool:
        """Whether `key` names a piece of text (not a group, not the list of months)."""
        return self.has(key) and isinstance(self._entry(key), str)

    def fields_of(self, key: str) -> set[str]:
        """The `{fields}` the text at `key` fills in (`{name}`)."""
        return {name for _, name, _, _ in string.Formatter().parse(self._entry(key)) if name}

    def _entry(self, key: str) -> Any:
        entry: Any = self._entries
        for part in key.split("."):
            if not isinstance(entry, dict) or part not in entry:
                raise KeyError(f"'{key}' is not in the {self.language} wording")
            entry = entry[part]
        return entry


def wording(language: str = DEFAULT_LANGUAGE) -> Wording:
    """The catalogue for a language code (`en`, `en-GB`, `pt`): its own file where there is
    one (`en-GB` reads `en.yml`), English for anything it leaves out."""
    return _wording(language)


@functools.cache
def _wording(language: str) -> Wording:
    catalogue = language.split("-")[0].lower()
    entries = _catalogue(DEFAULT_LANGUAGE)
    if catalogue != DEFAULT_LANGUAGE:
        entries = _merged(entries, _catalogue(catalogue))
    return Wording(language, entries)


_FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader with libyaml's C parser: every command reads each kind's words as it
starts, and the pure-Python parser made that a tenth of a second of `handbook check`."""


def _catalogue(language: str) -> dict[str, Any]:
    source = resources.files(__package__).joinpath(f"{language}.yml")
    if not source.is_file():
        return {}
    loaded = yaml.load(source.read_text(encoding="utf-8"), Loader=_FAST_SAFE_LOADER)
    return loaded if isinstance(loaded, dict) else {}


class CatalogueError(ValueError):
    """A catalogue file that is not words by key; `where` is `:line:column` when known."""

    def __init__(self, path: Path, problem: str, where: str = "") -> None:
        super().__init__(f"{path}{where}: {problem}")
        self.path, self.problem, self.where = path, problem, where


def folder_catalogues(folder: Path) -> dict[str, dict[str, Any]]:
    """The words a kind's folder keeps beside it, by language: one `<language>.yml` each
    (`en.yml`, `pt.yml`), nested as the catalogue nests them."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yml")):
        try:
            loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST_SAFE_LOADER)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise CatalogueError(
                path, "is not valid YAML", f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            ) from None
        if not isinstance(loaded, dict):
            raise CatalogueError(path, "expected words by key (`sections: {faq: Questions "
                                       "and answers}`)")
        found[path.stem.lower()] = loaded
    return found


def merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `over`'s texts, group by group (`sections` of both kept)."""
    return _merged(dict(base), over)


def _nested(parts: list[str], text: str) -> dict[str, Any]:
    return {parts[0]: text if len(parts) == 1 else _nested(parts[1:], text)}


def _merged(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merged(base[key], value)
        else:
            merged[key] = value
    return merged
