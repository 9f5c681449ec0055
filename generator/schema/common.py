"""Field types shared by every data kind: ids, text, dates, links.

Each type carries its own rule and the error an editor sees when the rule is broken,
so the models read as a list of fields and the messages stay in one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PrivateAttr,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError, core_schema

from ..sources.figures import FIRST_YEAR, LAST_YEAR, figure_problem

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)
# Names Windows refuses as file names; an id becomes a folder name in the built site.
DEVICE_NAMES: tuple[str, ...] = (
    "con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10)))
MAX_ID_LENGTH = 80


def problem(message: str, hint: str = "") -> PydanticCustomError:
    """A validation error whose words are shown to the editor as they are."""
    return PydanticCustomError("handbook", "{message}", {"message": message, "hint": hint})


def slug_problem(value: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when `value` cannot be an id, else None."""
    try:
        check_slug(value)
    except PydanticCustomError as error:
        context = error.context or {}
        return str(context.get("message", error)), str(context.get("hint", ""))
    return None


def check_slug(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # the str type reports the wrong type with its own message
    if len(value) > MAX_ID_LENGTH:
        raise problem(
            f"the id is {len(value)} characters long; ids may have at most {MAX_ID_LENGTH}",
            "use a short id: it becomes part of the page's web address",
        )
    if not SLUG.match(value):
        raise problem(
            f"'{value}' is not a valid id",
            "ids use lowercase letters a-z, digits and single hyphens, such as "
            f"'{suggest_slug(value) or 'keep-promises'}'",
        )
    if value in DEVICE_NAMES:
        raise problem(
            f"'{value}' cannot be used as an id",
            "it is a reserved device name on Windows, where the site may be opened; pick another",
        )
    return value


def suggest_slug(text: str) -> str:
    """Turn any text into an id shape: `Keep Promises!` becomes `keep-promises`."""
    ascii_text = text.encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:MAX_ID_LENGTH].strip("-")


def parse_iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise problem(
            f"expected a date written as YYYY-MM-DD, got {describe_value(value)}",
            "write the date like 2026-03-14",
        )
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise problem(f"'{value}' is not a date in the form YYYY-MM-DD", "write it like 2026-03-14")
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise problem(
            f"'{value}' is not a real date ({error})",
            "check the month (01-12) and the day for that month",
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise problem(f"'{value}' has the year {value[:4]}; dates are from {FIRST_YEAR} to "
                      f"{LAST_YEAR}", "check the year for a typo")
    return day



# C0 and C1 control characters other than tab and line breaks, and Unicode non-characters:
# invisible in an editor, they break the feed's XML and can drive a terminal.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


# Characters that change how text is laid out without being seen: direction embeddings,
# overrides and isolates (a title can then read differently from what it holds), and the
# line and paragraph separators, which YAML takes for line breaks (a draft written from an
# answer holding one could grow fields the answer never had).
_HIDDEN_LAYOUT = re.compile("[\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ANY_HIDDEN = re.compile(f"{_FORBIDDEN.pattern}|{_HIDDEN_LAYOUT.pattern}")


def text_problem(value: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) when `value` breaks the rule every text field keeps,
    else None. The one rule for data files, web addresses and submitted forms."""
    hidden = hidden_character(value)
    if hidden is not None:
        return hidden
    # Format characters (zero-width spaces, direction marks) show nothing on their own.
    # (Text of spaces alone is reported as empty where emptiness is checked.) Text that
    # starts with a letter or digit, nearly all of it, is visible at once: tens of
    # thousands of texts are checked per run.
    if value[:1].isalnum():
        return None
    if value.strip() and not any(
            not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in value):
        return ("the text is empty once its invisible characters are left out",
                "write the text, or leave the field out if it is optional")
    return None


def hidden_character(value: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for the first character of `value` that no text may
    hold (a control character, a separator or direction control), else None."""
    bad = _ANY_HIDDEN.search(value)  # one search: tens of thousands of texts per run
    if bad is None:
        return None
    code = ord(bad.group())
    if _FORBIDDEN.match(bad.group()):
        return (f"the text holds an invisible control character (U+{code:04X}) at character "
                f"{bad.start() + 1}",
                "retype the text around it; pasted text sometimes carries such characters")
    if code in (0x2028, 0x2029):
        return (f"the text holds a line or paragraph separator (U+{code:04X}) at character "
                f"{bad.start() + 1}", "write an ordinary line break in its place")
    return (f"the text holds a direction control (U+{code:04X}) at character "
            f"{bad.start() + 1}, which can make it read differently from what it holds",
            "retype the text around it without it; the page sets the direction of "
            "right-to-left text itself")


def check_plain_text(value: str) -> str:
    wrong = text_problem(value)
    if wrong is not None:
        raise problem(*wrong)
    return value


def _check_web_address(value: str) -> str:
    check_plain_text(value)
    # No quotes, angle brackets or spaces: the address is written into HTML attributes.
    if not re.fullmatch(r"https?://[^\s/$.?#\"'<>\\`][^\s\"'<>\\`]*", value):
        raise problem(
            f"'{value}' is not a web address",
            "write a full address starting with https://",
        )
    return value


def describe_value(value: Any) -> str:
    """How a wrong value reads in an error: `the number 1.1`, `true`, `a list`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    if value is None:
        return "nothing"
    return f"the text '{value}'"


Id = Annotated[
    str,
    BeforeValidator(check_slug),
    Field(pattern=SLUG_PATTERN, max_length=MAX_ID_LENGTH),
]
"""A stable id an entry is referred to by, and the last part of its web address."""

IdRef = Annotated[str, BeforeValidator(check_slug), Field(pattern=SLUG_PATTERN)]

RENAMED_FROM_HELP = (
    "Ids this entry had before. Links to its old address keep working (they lead here), "
    "and the changelog says it was renamed rather than removed and added."
)
"""An id pointing at another entry; whether that entry exists is checked after loading."""

MAX_TEXT = 20_000
MAX_LINE = 300

Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(check_plain_text)]
"""One piece of plain text (no Markdown, no HTML): a blank line starts a new paragraph."""

Line = Annotated[
    str, AfterValidator(lambda v: " ".join(v.split())), Field(min_length=1, max_length=MAX_LINE),
    AfterValidator(check_plain_text),
]
"""A short single line of text, such as a name or a title; line breaks are folded away."""

def _check_figure(value: float) -> float:
    wrong = figure_problem(value)
    if wrong is not None:
        raise problem(wrong, "write the figure as an ordinary number, like 95 or 4.5")
    return value


Figure = Annotated[float, AfterValidator(_check_figure)]
"""A number printed and drawn as a figure (a measure's target): finite and of a sensible
size (sources/figures.py)."""

IsoDate = Annotated[
    date,
    BeforeValidator(parse_iso_date),
    Field(json_schema_extra={"type": "string", "format": "date"}),
]
WebAddress = Annotated[
    str, AfterValidator(_check_web_address),
    Field(pattern=r"^https?://[^\s\"'<>\\`]+$"),
]

def check_plain_path(value: Any) -> Any:
    if isinstance(value, str) and (
        not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._/-]*", value) or ".." in value.split("/")
    ):
        raise problem(
            f"'{value}' is not a plain path or name",
            "use letters, digits, '-', '_', '.' and '/', and no '..', like assets/logo.svg",
        )
    return value


PathInProject = Annotated[
    str, BeforeValidator(check_plain_path),
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]*$", max_length=200),
]
"""A file or branch name of plain characters: it ends up in addresses and HTML attributes."""


ONE_OF_KEY = "x-one-of"
"""Where a JSON schema names the function that gives a OneOf's names."""


@dataclass(frozen=True)
class OneOf:
    """A text that must be one of some names known only when it is checked (the sections
    of the build's registry): `Annotated[str, OneOf(section_names)]`.

    A `Literal` would fix the names when the module is imported; these come from a
    function of the registry the loader validates with (`context={"registry": ...}`), so
    a kind a handbook adds brings its section with it. The error has its own type,
    `unknown_choice`, with the names in its context. The editor schema lists them as an
    `enum`, as it would a Literal's: the JSON schema says which function gives them
    (`x-one-of`), and the schema writer, who has the registry, fills them in.
    """

    names: Callable[[Any], Sequence[str]]
    """The allowed names, given the build's registry."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {"type": "string", ONE_OF_KEY: self.names.__name__}

    def _check(self, value: str, info: ValidationInfo) -> str:
        registry = info.context.get("registry") if isinstance(info.context, dict) else None
        if registry is None:
            # Made by the generator's own code, with names it took from the registry (an
            # edition's added sections): data from files is always validated with one.
            return value
        names = list(self.names(registry))
        if value not in names:
            raise PydanticCustomError("unknown_choice", "{value} is not one of {choices}",
                                      {"value": value, "choices": names})
        return value


@dataclass(frozen=True)
class Source:
    """Where an entry was written: the file as shown to editors, and its path inside it."""

    file: str
    loc: tuple[str | int, ...] = ()


class DataModel(BaseModel):
    """Base of every data model: unknown fields are typos, and types are not guessed.

    Strict mode means `1.10` in a text field is an error with a hint to quote it, rather
    than the text '1.1'; and `yes` in a true/false field is an error, as it is for the
    YAML 1.2 tools editors use.
    """

    model_config = ConfigDict(
        extra="forbid", strict=True, str_strip_whitespace=True, frozen=True,
        use_attribute_docstrings=True,
    )
    template: ClassVar[str | None] = None
    """The page template that renders one entry of this kind, for kinds with their own page."""
    reading_fields: ClassVar[tuple[str, ...]] = ("name", "title", "description")
    """The fields a person reads through (of those it has), for reading times."""
    needed_to_publish: ClassVar[dict[str, str]] = {}
    """For kinds that are drafted and published (stories, ideas): optional fields a
    published entry must have, and what each says (an idea's `changed`)."""
    documented_as: ClassVar[str | None] = None
    """How the field reference heads this model's table where the usual heading (`The
    file`, or `Each <name>`: `Each role step`) would not say it."""
    untranslated: ClassVar[tuple[str, ...]] = ()
    """Plain-text fields that are not words to translate into another language (a
    person's name, an address), besides those no model translates (paths, curators: see
    generator/translation/texts.py)."""
    reader_fields: ClassVar[tuple[str, ...]] = ()
    """The fields readers see, for kinds the changelog follows. Everything else (who curated
    a story, consent dates, review dates, workflow status) is for curators: the changelog,
    the feed and the published edition manifests never carry it."""

    _source: Source | None = PrivateAttr(default=None)
    _worked_out: dict[str, Any] | None = PrivateAttr(default=None)
    """What was worked out from this entry alone (its word count, what a rule found in
    it), by name, kept with it: a reload keeps the entries of unchanged files, so a
    `handbook serve` reload at 10,000 stories does not work it out again."""

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False
                   ) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        copy._worked_out = None  # worked out from the original, which the update changed
        return copy

    def worked_out(self, name: str, work: Callable[[], Any]) -> Any:
        """`work()`, done once for this entry."""
        done: dict[str, Any] | None = self.private("_worked_out")
        if done is None:
            done = self.__pydantic_private__["_worked_out"] = {}  # type: ignore[index]
        if name not in done:
            done[name] = work()
        return done[name]

    def reading_texts(self) -> list[str]:
        """The text of its `reading_fields`, a piece per text or list item."""
        texts: list[str] = []
        for name in self.reading_fields:
            held = getattr(self, name, None)
            for item in held if isinstance(held, list) else [held] if held else []:
                texts += item.reading_texts() if isinstance(item, DataModel) else [str(item)]
        return texts

    @property
    def written_in(self) -> Source:
        """The file (and place in it) this entry was read from."""
        source: Source | None = self.private("_source")
        if source is None:
            raise LookupError(f"{type(self).__name__} was not loaded from a data file")
        return source

    def private(self, name: str) -> Any:
        """A private attribute's value, read straight from where pydantic keeps them: the
        usual `self._name` goes through pydantic's slow path, and ids and sources are read
        hundreds of thousands of times per build at 10,000 stories."""
        return self.__pydantic_private__[name]  # type: ignore[index]
