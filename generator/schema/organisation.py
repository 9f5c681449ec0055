"""`data/organisation.yml`: who the handbook belongs to and where it is published."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from .common import (
    DataModel,
    Id,
    Line,
    PathInProject,
    Text,
    WebAddress,
    check_plain_path,
    check_plain_text,
    parse_iso_date,
    problem,
)


def _date_or_revision(value: Any) -> Any:
    """A day (`2026-11-28`, kept as that text) or a git revision (a tag, a commit)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return parse_iso_date(value).isoformat()
    return check_plain_path(value)


HistoryStart = Annotated[str, BeforeValidator(_date_or_revision), Field(max_length=200)]
HexColour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]


class Group(DataModel):
    """A part of the organisation that some content applies to: a team, a shop, a place."""

    id: Id
    """Stable id (`north-office`), as `applies_to` names it."""
    name: Line
    """As readers see it (`North office`)."""


class Contact(DataModel):
    """Who to ask about something: shown on the home page, on the page for a missing
    address and in the orientation booklet."""

    about: Line
    """What to ask them about, in readers' words (`Pay, leave and sickness`)."""
    who: Line
    """Who answers (`The people team`, `Your manager`)."""
    how: Line | None = None
    """How to reach them (`people@example.org, extension 210`, `the office on the
    first floor`); optional."""
    url: WebAddress | None = None
    """Where the procedures or a form are (`https://intranet.example.org/hr`); optional."""
    answers: list[Line] = Field(default_factory=list)
    """Questions people ask that this contact answers, in their words (`Who do I ask
    about pay?`, `going on holiday`): the site's search finds the contact by them; they
    are not shown."""


class Colours(DataModel):
    """The organisation's colours, as `#rrggbb`; every other shade is mixed from them."""

    documented_as = "Colours"

    primary: HexColour
    """The header, headings and the first value badge, with white text on it (`#0b4f6c`)."""
    accent: HexColour | None = None
    """Links on hover, focus rings, labels in print (`#c2410c`); default amber."""


EMAIL_PATTERN = "^[^@\\s<>\"'?&%,;:/\\\\]+@[^@\\s<>\"'?&%,;:/\\\\]+[.][a-z]{2,}$"
"""An e-mail address without the characters that would end a `mailto:` link or an HTML
attribute it is written into, or add an address to it (`%2C` and `,` or `;` separate
addresses; `%40` is an at sign) (the JSON Schema's regex dialect has no escaped quote)."""


def _one_address(value: Any) -> Any:
    """Said before the pattern's general "not of the expected form": what a mail program
    would make of the address, written into every page's e-mail links."""
    if not isinstance(value, str):
        return value  # the str type reports the wrong type with its own message
    extra = next((char for char in value if char in "%,;"), None)
    if extra is not None:
        raise problem(f"'{value}' is not one plain e-mail address: e-mail links read '{extra}' "
                      "as " + ("an encoded character, such as a second @ or a comma"
                               if extra == "%" else "the start of another address"),
                      "give one address, written out, like handbook@example.org")
    return value


def _known_language(code: str) -> str:
    """Dates, numbers and plurals are written from Babel's data for the language."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise problem(f"'{code}' is not a language code the handbook knows how to write "
                      "dates and numbers in",
                      "give a language code such as en, en-GB, en-US, pt or de-CH") from None
    return code


LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$"),
                         AfterValidator(_known_language)]


def language_folder(code: str, languages: list[str]) -> str:
    """Where a language's site goes (`pt` for pt-PT): its language alone, unless another of
    the handbook's languages shares it (pt-PT and pt-BR go to `pt-pt` and `pt-br`)."""
    base = code.split("-")[0].lower()
    shared = sum(1 for other in languages if other.split("-")[0].lower() == base) > 1
    return code.lower() if shared else base


class Organisation(DataModel):
    untranslated = ("story_email",)

    name: Line
    """The organisation's name, as readers know it (`Example Services`)."""
    handbook_title: Line | None = None
    """The handbook's title in the site header and on PDF covers; default `<name> handbook`."""
    tagline: Text
    """One sentence under the title on the home page: what the organisation is for."""
    site_url: WebAddress | None = None
    """Where the handbook is published (`https://handbook.example.org/`); used for links."""
    sign_off_url: WebAddress | None = None
    """Where a new hire signs off the orientation path when that is done in a form or an HR
    system rather than on paper (`https://forms.example.org/orientation`); the end of the
    path links to it, with the path's id added as `?path=orientation`. Optional."""
    repository_url: WebAddress | None = None
    """The git repository holding this handbook; enables "edit this page" links, and the
    story form's address on GitHub or GitLab."""
    story_form_url: WebAddress | None = None
    """Where colleagues fill in the story form; by default the issue tracker's form of the
    repository (`handbook forms` writes it), when `repository_url` is on GitHub or GitLab."""
    idea_form_url: WebAddress | None = None
    """Where colleagues fill in the idea form; by default the issue tracker's form of the
    repository, like the story form."""
    # The Field comes first: validators after it keep its pattern in the editor schema.
    story_email: Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=200),
                           AfterValidator(check_plain_text),
                           BeforeValidator(_one_address)] | None = None
    """An address a story or an idea can be sent to by e-mail instead
    (`handbook@example.org`); the pages that ask for them offer it with the form's questions
    filled in."""
    story_curator: Line | None = None
    """Who reads and publishes the stories and ideas sent in (`The handbook curator in the
    people team`), named where colleagues are asked to share one."""
    branch: PathInProject = "main"
    """The branch edits are proposed against; used by the "edit this page" links."""
    logo: PathInProject | None = None
    """Path of a logo image inside `handbook/` (for example `assets/logo.svg`); optional."""
    language: LanguageCode = "en"
    """Language code of the handbook's text (`en`, `en-GB`, `pt`): the language it is
    written in. With `languages`, the first of them (and it can then be left out)."""
    languages: list[LanguageCode] = Field(default_factory=list)
    """Every language the handbook is read in, the one it is written in first
    (`[en-GB, pt-PT]`): each other one gets its own site under `/<language>/` and its own
    PDF editions, translated in `translations/<language>.po` (`handbook translations
    update` writes those files). Optional: by default only `language`."""
    copyright: Line | None = None
    """Footer notice such as `© 2026 Example Services`; optional."""
    groups: list[Group] = Field(default_factory=list)
    """Teams, shops or places that behaviours and stories can apply to alone
    (`applies_to`); readers can then show what applies to theirs. Optional."""
    wording: dict[Line, Line] = Field(default_factory=dict)
    """Headings and labels worded your own way, by their key in the generator's wording
    catalogue (`value page.in practice: Operating principles`, `sections.values: What we
    stand for`); see generator/wording/en.yml and each kind's en.yml (generator/kinds/) for
    the keys."""
    contacts: list[Contact] = Field(default_factory=list)
    """Who to ask about what (people team, IT, safety): each with `about`, `who` and,
    optionally, `how` and `url`. Shown on the home page, on the page for a missing
    address and in the orientation booklet. Optional."""
    colours: Colours | None = None
    """The organisation's colours for the site and the prints; default green and amber."""
    history_starts: HistoryStart | None = None
    """Where "What's changed" and the editions' changes begin: a day (`2026-11-28`) or a
    git tag or commit. Changes made on or before it are not listed: set it when the
    handbook takes over a repository that held another one (`handbook init` sets it)."""

    @model_validator(mode="before")
    @classmethod
    def _source_language_first(cls, data: Any) -> Any:
        """`languages: [en-GB, pt-PT]` alone says the handbook is written in en-GB."""
        if isinstance(data, dict) and "language" not in data:
            languages = data.get("languages")
            if isinstance(languages, list) and languages and isinstance(languages[0], str):
                return {**data, "language": languages[0]}
        return data

    @model_validator(mode="after")
    def _languages_agree(self) -> Organisation:
        if self.languages and self.languages[0] != self.language:
            raise problem(
                f"`languages` starts with '{self.languages[0]}', but `language` says the "
                f"handbook is written in '{self.language}'",
                "list the language the handbook is written in first, or leave `language` out")
        folders = [language_folder(code, self.languages) for code in self.languages]
        repeated = next((code for code, folder in zip(self.languages, folders, strict=True)
                         if folders.count(folder) > 1), None)
        if repeated is not None:
            raise problem(f"`languages` lists '{repeated}' more than once",
                          "list each language once")
        return self

    @property
    def all_languages(self) -> list[str]:
        """The handbook's languages, the one it is written in first."""
        return self.languages or [self.language]

    @property
    def title(self) -> str:
        return self.handbook_title or f"{self.name} handbook"
