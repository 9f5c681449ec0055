"""The handbook in another of its languages, and what of it still reads in the source.

Every text is looked up in the language's PO file (lookup.py). A current translation is
checked as its source was (a `Line` stays one line of plain text: a PO file is input like
any other) and shown; anything else shows the source text, and the entry or page it is in
is noted, so pages and prints can say so to the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from babel import Locale
from pydantic import ValidationError

from ..errors import Problem, Severity, counted
from ..model.handbook import Handbook
from .catalogues import Catalogue, empty_catalogue, po_file, read_catalogue
from .lookup import Answer, Lookup, State
from .texts import Found, adapter, translated_handbook, walk_all


@dataclass(frozen=True)
class Waiting:
    """A text readers see in the source language, and since when."""

    context: str
    source: str
    state: State
    changed: date | None
    file: str | None
    """The file the source text is in (`data/values.yml`, `handbook/welcome.md`)."""


@dataclass
class Translation:
    """One language's translation of one handbook, as a build found it."""

    language: str
    source_language: str
    file: str
    """The PO file (`translations/pt-PT.po`), for editors."""
    total: int = 0
    waiting: list[Waiting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    out_of_date: int = 0
    """Translations of texts that have changed since, which `handbook translations
    update` would mark fuzzy: the PO file is behind the source."""
    unlisted: int = 0
    """Texts the PO file does not list yet."""
    _entry_states: dict[int, int] = field(default_factory=dict)
    _page_states: dict[str, int] = field(default_factory=dict)

    lookup: Lookup | None = None

    def text(self, context: str, text: str) -> str:
        """A text of mkdocs.yml in this language, where it is translated."""
        if self.lookup is None:
            return text
        found = self.lookup.answer(context, text)
        return found.text if found.state == State.TRANSLATED else text

    def state_of(self, entry: object) -> int:
        if isinstance(entry, str):
            return self._page_states.get(entry, 0)
        return self._entry_states.get(id(entry), 0)

    @property
    def translated(self) -> int:
        return self.total - len(self.waiting)

    def count(self, state: State) -> int:
        return sum(1 for text in self.waiting if text.state == state)

    @property
    def source_name(self) -> str:
        """The source language's name as the translation's language writes it (`inglês`)."""
        return language_name(self.source_language, self.language)


def language_name(code: str, in_language: str) -> str:
    """`English`, `inglês`: a language's name (without its country) in another."""
    locale = Locale.parse(in_language.replace("-", "_"))
    name = Locale.parse(code.replace("-", "_")).get_language_name(locale) or code
    return name


def own_name(code: str) -> str:
    """`Português`: how a language names itself, as a menu lists it."""
    name = language_name(code, code)
    return name[:1].upper() + name[1:]


def in_language(root: Path, handbook: Handbook, language: str, docs_folder: str,
                settings: list[Found]) -> tuple[Handbook, Translation]:
    """The handbook in `language`, from its PO file in the project (if any yet)."""
    return translate(handbook, read_catalogue(root, language), language,
                     docs_folder=docs_folder, settings=settings)


def check_translations(
    root: Path, handbook: Handbook, docs_folder: str, settings: list[Found],
) -> tuple[list[Problem], list[Translation]]:
    """Each translation of the handbook as a build would find it, and what an editor is
    told about them: a PO file missing or behind the source, or holding translations that
    cannot be used (warnings, which stop a strict build: the commit alone decides them);
    and how much still reads in the source language (advice: a reminder, like a review
    date, never a failure). Raises CatalogueProblem for a file that cannot be read."""
    problems: list[Problem] = []
    found: list[Translation] = []
    for language in handbook.organisation.all_languages[1:]:
        catalogue = read_catalogue(root, language)
        shown = po_file(root, language).relative_to(root).as_posix()
        if catalogue is None:
            problems.append(Problem(
                shown, None, None, "", f"the handbook is read in {language}, and its "
                "translations file does not exist yet",
                "run `handbook translations update` to write it", severity=Severity.WARNING))
        _, translation = translate(handbook, catalogue, language, docs_folder=docs_folder,
                                   settings=settings)
        found.append(translation)
        problems.extend(translation.problems)
        if translation.out_of_date:
            problems.append(Problem(
                shown, None, None, "",
                f"is out of date: it holds {counted(translation.out_of_date, 'translation')} "
                "of texts that have changed since",
                "run `handbook translations update`: it marks them fuzzy for the translators, "
                "and readers see the new text with a notice until it is translated again",
                severity=Severity.WARNING))
        if translation.waiting and catalogue is not None:
            problems.append(Problem(
                shown, None, None, "", _waiting_summary(translation),
                "`handbook report` lists them, oldest first; readers see them in "
                f"{language_name(handbook.organisation.language, 'en')} with a notice",
                severity=Severity.ADVICE))
    return problems, found


def _waiting_summary(translation: Translation) -> str:
    stale, missing = translation.count(State.STALE), translation.count(State.MISSING)
    parts = [f"{stale:,} changed since translated"] if stale else []
    parts += [f"{missing:,} not translated yet"] if missing else []
    return (f"{counted(len(translation.waiting), 'text')} of the {translation.language} "
            f"handbook read in the source language ({', '.join(parts)})")


def translate(
    handbook: Handbook, catalogue: Catalogue | None, language: str, *, docs_folder: str,
    settings: list[Found] | None = None,
) -> tuple[Handbook, Translation]:
    """The handbook in `language`, with what of it still reads in the source language."""
    source_language = handbook.organisation.language
    catalogue = catalogue or empty_catalogue(language, f"translations/{language}.po")
    found = list(walk_all(handbook, docs_folder, settings or []))
    lookup = Lookup(catalogue, [(text.context, text.text) for text in found])
    result = Translation(language, source_language, catalogue.file, total=len(
        {(text.context, text.text) for text in found}),
        out_of_date=len(lookup.orphans), unlisted=len(lookup.new), lookup=lookup)
    for text in settings or []:
        settled = lookup.answer(text.context, text.text)
        if settled.state != State.TRANSLATED and (text.context, text.text) not in {
                (waiting.context, waiting.source) for waiting in result.waiting}:
            result.waiting.append(Waiting(text.context, text.text, settled.state,
                                          settled.changed, text.file))
    seen: set[tuple[str, str]] = set()
    untranslated_words: set[str] = set()

    def answer(context: str, text: str, checked_as: Any, file: str | None) -> tuple[str, int]:
        found_answer = _checked(lookup.answer(context, text), text, checked_as, context,
                                result)
        if (context, text) not in seen:
            seen.add((context, text))
            if found_answer.state != State.TRANSLATED:
                result.waiting.append(Waiting(context, text, found_answer.state,
                                              found_answer.changed, file))
        if context.startswith("organisation.wording."):
            # An organisation's own wording of a heading, not yet translated: the heading
            # reads as the language's catalogue words it, not in the source language.
            if found_answer.state != State.TRANSLATED:
                untranslated_words.add(context.removeprefix("organisation.wording."))
            return found_answer.text, 0
        return found_answer.text, int(found_answer.state)

    translated, entry_states, page_states = translated_handbook(handbook, answer, pages=True)
    organisation = translated.organisation
    wording = {key: text for key, text in organisation.wording.items()
               if key not in untranslated_words}
    organisation = organisation.model_copy(update={"language": language, "wording": wording})
    result._entry_states, result._page_states = entry_states, page_states
    return replace(translated, organisation=organisation, translation=result), result


def _checked(found: Answer, source: str, checked_as: Any, context: str,
             result: Translation) -> Answer:
    """A translation that would not pass its source's checks is refused, and said where."""
    if found.state != State.TRANSLATED or checked_as is None:
        return found
    try:
        text = adapter(checked_as).validate_python(found.text)
    except ValidationError as error:
        first = error.errors()[0]
        message = str((first.get("ctx") or {}).get("message") or first["msg"])
        line = found.entry.line if found.entry is not None else None
        result.problems.append(Problem(
            result.file, line, None, context, f"this translation cannot be used: {message}",
            "translate it as plain text, as its source is; until then the source text is "
            "shown", severity=Severity.WARNING))
        return Answer(source, State.MISSING, found.entry)
    return Answer(text, State.TRANSLATED, found.entry)
