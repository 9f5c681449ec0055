"""Checks of organisation.yml beyond its fields' own rules: the logo is there, the texts
worded the organisation's way replace texts the catalogue has, the history starts at a
revision git knows, and its colours stay readable."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..errors import Problem, Severity
from ..history.commits import unknown_start
from ..model.colours import READABLE_MARK, READABLE_TEXT, contrast, mix
from ..schema import Organisation
from .references import LoadedData
from .validation import suggestions


def check_organisation(data: LoadedData) -> Iterator[Problem]:
    organisation = data.organisation
    if organisation is None:
        return
    if organisation.colours is not None:
        yield from _check_colours(data, organisation)
    yield from _check_wording(data, organisation)
    yield from _check_history_start(data, organisation)
    if organisation.logo is None:
        return
    logo = PurePosixPath(organisation.logo)
    inside = not logo.is_absolute() and ".." not in logo.parts
    if not inside or not (data.docs_dir / logo).is_file():
        yield data.problem(
            organisation, ("logo",),
            f"there is no file '{organisation.logo}' in {data.docs_folder}/",
            f"put the logo image in {data.docs_folder}/ and give its path inside that folder "
            "(assets/logo.svg)",
        )


def _check_wording(data: LoadedData, organisation: Organisation) -> Iterator[Problem]:
    """Each text worded the organisation's way replaces one the catalogue has, and fills
    in no `{field}` the original does not give it."""
    words = data.registry.catalogue(organisation.language)
    for key, text in organisation.wording.items():
        if not words.is_text(key):
            yield data.problem(
                organisation, ("wording", key), f"'{key}' is not a text of the wording catalogue",
                suggestions(key, words.keys(), label="texts"))
            continue
        try:
            named = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
            text.format(**{name: "x" for name in words.fields_of(key)})
        except (ValueError, KeyError, IndexError, AttributeError) as error:
            bad = not isinstance(error, KeyError)
            if bad or not named:
                yield data.problem(
                    organisation, ("wording", key),
                    "the text has a '{' or '}' that is not a {field} of the original",
                    f"write {{{{ and }}}} for a brace itself; the original gives: "
                    f"{', '.join(f'{{{n}}}' for n in sorted(words.fields_of(key))) or 'none'}")
                continue
        unknown = sorted(set(named) - words.fields_of(key))
        if unknown:
            given = ", ".join(f"{{{name}}}" for name in sorted(words.fields_of(key))) or "none"
            yield data.problem(
                organisation, ("wording", key),
                f"{{{unknown[0]}}} is not filled in here", f"the original gives: {given}")


def _check_history_start(data: LoadedData, organisation: Organisation) -> Iterator[Problem]:
    """A tag or commit in `history_starts` must be one git knows: otherwise "What's changed"
    could not be read at all (the build says so too, without the line)."""
    wrong = unknown_start(data.docs_dir, organisation.history_starts)
    if wrong is not None:
        yield data.problem(
            organisation, ("history_starts",),
            f"git knows no tag or commit '{organisation.history_starts}', so \"What's "
            "changed\" could not be read",
            "check the spelling (`git tag` lists the tags), give a commit, or a day "
            "(YYYY-MM-DD)", severity=Severity.WARNING)


def _check_colours(data: LoadedData, organisation: Organisation) -> Iterator[Problem]:
    """White text sits on the primary colour, and the accent rings focused links on white:
    both must stay readable (WCAG's 4.5:1 for text, 3:1 for marks)."""
    colours = organisation.colours
    assert colours is not None
    for name, colour, needed, use in (
            ("primary", colours.primary, READABLE_TEXT, "white text on it"),
            ("accent", colours.accent, READABLE_MARK, "it on white, as links and focus rings,")):
        if colour is None or contrast(colour, "#ffffff") >= needed:
            continue
        darker = next(shade for step in range(1, 21)
                      if contrast(shade := mix(colour, "#000000", step / 20), "#ffffff") >= needed)
        yield data.problem(
            organisation, ("colours", name),
            f"{use} would be hard to read: a contrast of "
            f"{contrast(colour, '#ffffff'):.1f}:1, where {needed:g}:1 is needed",
            f"choose a darker shade, such as {darker}", severity=Severity.WARNING)
