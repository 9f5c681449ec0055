"""Finding personal data and names in story text, however it is written.

A story that reaches the board must hold no customer's contact or payment details, and an
anonymised story must not name the people it shows by role. Text can hide both from a
plain search without anyone meaning to: a full-width `＠` pasted from a chat, `jo [at]
example [dot] com` written to dodge spam robots, a soft hyphen a word processor put inside a
name, a Cyrillic `а` that looks exactly like a Latin `a`. So text is folded first (see
`fold`) and searched in its folded form; what is reported is the text as the curator wrote
it, so they can find it in their file.
"""

# ruff: noqa: RUF001, RUF002 (lookalike letters are what this is about)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Letters from other scripts that are drawn like a Latin letter in the fonts people use.
# Unicode's full confusables table (UTS #39) has thousands of entries, most of them symbols
# nobody types into a story; these are the ones a keyboard layout or a copied name really
# brings in. Both the names and the text are folded with it, so a name really written in
# Cyrillic still matches itself.
LOOKALIKES = str.maketrans({
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Ԛ": "Q",
    "Ԝ": "W", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x",
    "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "ѵ": "v", "ү": "y",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
    "ρ": "p", "ι": "i", "κ": "k", "α": "a",
    # Latin letters drawn like plainer ones, and Armenian
    "ı": "i", "ɑ": "a", "ɡ": "g", "ʏ": "y", "օ": "o", "ս": "u",
})


@dataclass(frozen=True)
class Folded:
    """Text as it is searched, and where each of its characters came from."""

    text: str
    origins: tuple[int, ...] | None
    """For each character of `text`, its index in the written text; None when folding
    changed nothing (plain ASCII, most stories)."""

    def written(self, original: str, start: int, end: int) -> str:
        """The written text behind `text[start:end]`."""
        if self.origins is None:
            return original[start:end]
        return original[self.origins[start]:self.origins[end - 1] + 1]


def fold(text: str) -> Folded:
    """Text with invisible format characters (soft hyphens, zero-width joiners, direction
    marks) dropped, compatibility forms made plain (NFKC: `＠` is `@`, `ﬁ` is `fi`) and
    lookalike letters replaced by the Latin letter they look like."""
    if text.isascii():
        return Folded(text, None)
    characters: list[str] = []
    origins: list[int] = []
    for index, character in enumerate(text):
        if unicodedata.category(character) == "Cf":
            continue
        for plain in unicodedata.normalize("NFKC", character).translate(LOOKALIKES):
            characters.append(plain)
            origins.append(index)
    return Folded("".join(characters), tuple(origins))


@dataclass(frozen=True)
class Finding:
    what: str
    """What it looks like, for the message (`an email address`)."""
    written: str
    """The text as written in the file."""


_AT = r"\s*[\[({<]\s*at\s*[\])}>]\s*"
_DOT = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# `jo [at] example [dot] com`, `jo(at)example.com`, `jo at example dot com`: the forms
# people use to keep an address from spam robots still give it to every reader. A bare
# " at " counts only with a spelled " dot " after it: "ordered at example.com" is a shop.
_HIDDEN_EMAIL = re.compile(
    rf"[\w.+-]+{_AT}[\w-]+(?:(?:{_DOT}|\.)[\w-]+)+"
    rf"|[\w.+-]+\s+at\s+[\w-]+(?:{_DOT}[\w-]+)+",
    re.IGNORECASE)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_CARD = re.compile(r"\b(?:\d[ -]?){13,19}\b")
_PHONE = re.compile(r"(?<![\w-])\+?\(?\d[\d ().-]{7,}\d(?![\w-])")
_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Each pattern is deliberately narrow: a false alarm on every "100-mile ride" would teach
# curators to ignore the check. Every phone number, card number and real IBAN holds a run
# of eight or more digits and separators that starts with a digit; prose rarely does, so
# looking for that run once spares most text the number scans (at 10,000 stories, a third
# of `handbook check`). The same goes for `@` and the spelled-out forms, which need a
# bracketed "at" or the word "dot": plain substring tests rule out most prose at once.
_NUMBER_RUN = re.compile(r"\d[\d ().-]{7}")
_BRACKETED_AT = re.compile(r"[\[({<]\s*at\s*[\])}>]", re.IGNORECASE)
_PATTERNS = (
    ("an email address", _EMAIL, "@"),
    ("an email address", _HIDDEN_EMAIL, "spelled"),
    ("a bank account number (IBAN)", _IBAN, "number"),
    ("a payment card number", _CARD, "number"),
    ("a phone number", _PHONE, "number"),
)


def _could_be_spelled(text: str) -> bool:
    lowered = text.lower()
    return "dot" in lowered or (
        "at" in lowered and any(bracket in text for bracket in "[({<")
        and _BRACKETED_AT.search(text) is not None)


def personal_data(text: str) -> Iterator[Finding]:
    """Contact and payment details in `text`, each reported once, as written."""
    folded = fold(text)
    searched = folded.text
    possible = {"@": "@" in searched,
                "spelled": _could_be_spelled(searched),
                "number": _NUMBER_RUN.search(searched) is not None}
    if not any(possible.values()):
        return  # most text: nothing any of the patterns could match
    taken: list[tuple[int, int]] = []
    for what, pattern, needs in _PATTERNS:
        if not possible[needs]:
            continue
        for match in pattern.finditer(searched):
            start, end = match.span()
            if _DATE_LIKE.fullmatch(match.group().strip()) or any(
                    before <= start < after for before, after in taken):
                continue
            taken.append((start, end))
            yield Finding(what, folded.written(text, start, end).strip())


# Names that are everyday words too. Searched for as written (capitalised), such a name
# is still found wherever a sentence starts with the word: "Will you call back?", "May
# I help?", "Not one of them". So where one of these starts a sentence it is taken as the
# word; anywhere else a capital says it is the name ("we thanked Will").
EVERYDAY_WORDS = frozenset({
    "will", "may", "mark", "june", "april", "august", "bill", "grace", "hope", "faith", "joy",
    "rose", "frank", "guy", "sue", "pat", "rob", "art", "jack", "dawn", "summer", "ray", "don",
    "drew", "gene", "lane", "reed", "wade", "chase", "max", "amber", "ruby", "penny", "holly",
    "iris", "ivy", "hazel", "heather", "carol", "robin", "rich", "sunny", "victor", "page",
    "bob", "miles", "sky", "storm", "river", "harmony", "patience", "prudence", "honor",
    "honour", "sterling", "cliff", "glen", "dale", "dean", "earl", "king", "noble", "major",
    "rusty", "sandy", "win",
})
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|\n\s*|[\"'“‘(—–-]\s*)$")


def name_in(text: str, names: Iterable[str]) -> Finding | None:
    """The first of `names` (longest first) that `text` holds as a whole word, however
    either is written: `what` is the name, `written` how the text writes it. A name that
    is also an everyday word (EVERYDAY_WORDS) does not count where it starts a sentence."""
    folded = fold(text)
    by_folded = {fold(name).text: name for name in names}
    for key in sorted((key for key in by_folded if len(key) >= 3), key=len, reverse=True):
        everyday = key.lower() in EVERYDAY_WORDS
        for match in re.finditer(rf"\b{re.escape(key)}\b", folded.text):
            if everyday and _SENTENCE_START.search(folded.text, 0, match.start()):
                continue
            return Finding(by_folded[key], folded.written(text, *match.span()))
    return None
