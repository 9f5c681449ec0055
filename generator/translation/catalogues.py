"""The PO files translators work in: one per language, `translations/<language>.po`.

Read and written with Babel's `pofile`, the gettext format Poedit, Weblate and Crowdin
read as it is. Each message is one text: its context the place (`values.respect.why`), its
id the source text, its string the translation. `merged` refreshes a file from the texts
the handbook has now, as gettext's `msgmerge` does: a new text comes in untranslated, a
changed one keeps its old translation marked *fuzzy* (with the text it was made from,
`#| msgid`, so the translator sees what changed), and a text the handbook no longer has
is kept at the end as *obsolete* (`#~`), so a translation is never lost by a move.

Each message also says, as a comment, when its source text came in or last changed
(`source changed: 2026-11-03`): the report lists what waits longest first.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, escape, read_po, unescape, write_po

from ..errors import Problem
from ..sources.safe_files import UnsafeFile, read_inside
from .texts import Found

TRANSLATIONS_FOLDER = "translations"
MAX_PO_BYTES = 32 * 1024 * 1024
CHANGED_NOTE = "source changed: "
_CHANGED = re.compile(r"^source changed: (\d{4}-\d{2}-\d{2})$")
SIMILAR_ENOUGH = 0.5
"""How alike an old block of a page must be to a new one for its translation to be kept
as a fuzzy one (difflib's ratio), as msgmerge matches what moved and changed a little."""


def po_file(root: Path, language: str) -> Path:
    return root / TRANSLATIONS_FOLDER / f"{language}.po"


@dataclass(frozen=True)
class Entry:
    """One message of a PO file, as the handbook uses it."""

    context: str
    source: str
    translation: str
    fuzzy: bool
    line: int | None
    changed: date | None
    """When its source text came in or last changed, as the file records it."""
    previous: str | None = None
    """For a fuzzy one, the text its translation was made for (`#| msgid`), if given."""

    @property
    def translated(self) -> bool:
        return bool(self.translation) and not self.fuzzy


@dataclass(frozen=True)
class Catalogue:
    """One language's PO file, read."""

    language: str
    file: str
    """The file as editors name it (`translations/pt-PT.po`)."""
    entries: dict[tuple[str, str], Entry]
    """Current (not obsolete) messages by (context, source text)."""
    obsolete: dict[tuple[str, str], Entry]
    translators: dict[str, object] = field(default_factory=dict)
    """What translators' tools wrote into the header (`last_translator`, `language_team`,
    `revision_date`), kept through an update."""


class CatalogueProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def empty_catalogue(language: str, file: str) -> Catalogue:
    return Catalogue(language, file, {}, {})


def read_catalogue(root: Path, language: str) -> Catalogue | None:
    """The language's PO file, or None when there is none yet. A file that is not a PO
    file, not UTF-8, a link out of the project or too large raises CatalogueProblem."""
    path = po_file(root, language)
    shown = path.relative_to(root).as_posix()
    if not path.exists() and not path.is_symlink():
        return None
    try:
        raw = read_inside(path, root, limit=MAX_PO_BYTES, folder_name="the project")
    except UnsafeFile as error:
        raise CatalogueProblem(Problem(shown, None, None, "", error.problem, error.hint)) from None
    return parse_catalogue(raw, language, shown)


def parse_catalogue(raw: bytes, language: str, shown: str) -> Catalogue:
    try:
        raw.decode("utf-8")
        catalog = read_po(io.BytesIO(raw), abort_invalid=True, charset="utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise CatalogueProblem(Problem(
            shown, line, None, "", "is not UTF-8 text",
            "save it as UTF-8 (Poedit and Weblate do)")) from None
    except PoFileError as error:
        raise CatalogueProblem(Problem(
            shown, error.lineno + 1, None, "",  # Babel counts lines from 0
            "is not a PO file here: the line is neither a keyword (msgctxt, msgid, msgstr) "
            "nor a comment (#)",
            "mend the line, or write the file again with `handbook translations update` "
            "and your translation tool")) from None
    entries: dict[tuple[str, str], Entry] = {}
    obsolete: dict[tuple[str, str], Entry] = {}
    lines = raw.decode("utf-8").splitlines()
    for message in catalog:
        entry = _entry(message, shown, lines)
        if entry is not None:
            entries[(entry.context, entry.source)] = entry
    for message in catalog.obsolete.values():
        entry = _entry(message, shown)
        if entry is not None:
            obsolete[(entry.context, entry.source)] = entry
    translators = {name: value for name in ("last_translator", "language_team", "revision_date")
                   if (value := getattr(catalog, name, None)) and not _placeholder(value)}
    return Catalogue(language, shown, entries, obsolete, translators)


def _placeholder(value: object) -> bool:
    """Babel's and gettext's stand-ins for a header nobody has filled in yet."""
    return any(mark in str(value) for mark in ("FULL NAME", "LL@li.org", "YEAR-MO-DA"))


def _entry(message: Message, shown: str, lines: list[str] | None = None) -> Entry | None:
    if not message.id:
        return None  # the header
    if not isinstance(message.id, str) or not isinstance(message.string, str):
        raise CatalogueProblem(Problem(
            shown, message.lineno, None, "", "has a message with plural forms",
            "the handbook's texts have none: remove `msgid_plural` and the `msgstr[n]` lines"))
    changed = next((date.fromisoformat(match.group(1)) for comment in message.auto_comments
                    if (match := _CHANGED.match(comment.strip()))), None)
    previous = _previous_text(lines, message.lineno) if lines and message.fuzzy else None
    return Entry(message.context or "", message.id, message.string, message.fuzzy,
                 message.lineno, changed, previous)


def _previous_text(lines: list[str], lineno: int | None) -> str | None:
    """The `#| msgid` above a message (Babel's reader skips it): kept through an update,
    so a translator still sees what the text said when it was translated."""
    if lineno is None:
        return None
    index = lineno - 2  # the line above the msgid (`lineno` counts from 1)
    while index >= 0 and lines[index].startswith(("msgctxt", '"')):
        index -= 1
    comments: list[str] = []
    while index >= 0 and lines[index].startswith("#"):
        comments.append(lines[index])
        index -= 1
    parts: list[str] = []
    inside = False
    for line in reversed(comments):
        if line.startswith("#| msgid "):
            inside, parts = True, [line.removeprefix("#| msgid ")]
        elif inside and line.startswith('#| "'):
            parts.append(line.removeprefix("#| "))
        else:
            inside = False
    return "".join(unescape(part) for part in parts) if parts else None


@dataclass(frozen=True)
class Merge:
    """What `merged` did, in counts, for the command to tell."""

    new: int
    changed: int
    obsolete: int
    kept: int


def merged(
    existing: Catalogue | None, found: Iterable[Found], *, language: str, title: str,
    as_of: date, shown: str,
) -> tuple[bytes, Merge]:
    """The PO file's new text, with the handbook's texts as they are now (see the module's
    docstring), and what changed. `as_of` (the build's date, from the commit) dates new
    and changed texts; nothing reads the clock."""
    old = existing or empty_catalogue(language, shown)
    unused = {**old.obsolete, **old.entries}  # a text that comes back takes its translation back
    by_context: dict[str, list[Entry]] = {}
    for entry in unused.values():
        if entry.translation:
            by_context.setdefault(entry.context, []).append(entry)
    catalog = _new_catalog(language, title, as_of, old.translators)
    previous_texts: list[str] = []
    new = changed = kept = 0
    seen: set[tuple[str, str]] = set()
    for text in found:
        key = (text.context, text.text)
        if key in seen:
            _add_location(catalog, text)
            continue
        seen.add(key)
        kept_entry = unused.pop(key) if key in unused else None
        if kept_entry is not None:
            _drop(by_context, kept_entry)
            _add(catalog, text, kept_entry.translation, kept_entry.fuzzy,
                 kept_entry.changed or as_of, _marked(previous_texts, kept_entry.previous))
            kept += 1
            continue
        before = _closest(by_context.get(text.context, []), text.text)
        if before is not None:
            _drop(by_context, before)
            unused.pop((before.context, before.source))
            _add(catalog, text, before.translation, True, as_of,
                 _marked(previous_texts, before.source))
            changed += 1
        else:
            _add(catalog, text, "", False, as_of)
            new += 1
    obsolete = 0
    for entry in unused.values():
        # Kept, in case the text comes back; untranslated ones, and those "translated" as
        # they were (markup alone), go.
        if entry.translation and entry.translation != entry.source:
            catalog.obsolete[(entry.source, entry.context)] = Message(
                entry.source, entry.translation, context=entry.context,
                flags=("fuzzy",) if entry.fuzzy else ())
            obsolete += 1
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_lineno=False)
    return _with_previous_texts(out.getvalue(), previous_texts), Merge(new, changed, obsolete,
                                                                       kept)


_PREVIOUS_MARK = "previous text {}"
"""Stands for a `#| msgid` line while Babel writes the file: Babel wraps those lines
without quoting the wrapped part, which no PO reader takes back whole."""


def _marked(previous_texts: list[str], previous: str | None) -> str | None:
    if previous is None:
        return None
    previous_texts.append(previous)
    return _PREVIOUS_MARK.format(len(previous_texts) - 1)


def _with_previous_texts(po: bytes, previous_texts: list[str]) -> bytes:
    """Each marked message with its `#| msgid "..."` line, one line, just above its
    msgctxt, as msgmerge writes it."""
    if not previous_texts:
        return po
    lines = po.decode("utf-8").split("\n")
    out: list[str] = []
    waiting: str | None = None
    for line in lines:
        if line.startswith("#. previous text "):
            number = int(line.removeprefix("#. previous text "))
            waiting = f'#| msgid "{escape(previous_texts[number])[1:-1]}"'
            continue
        if waiting is not None and line.startswith(("msgctxt ", "msgid ")):
            out.append(waiting)
            waiting = None
        out.append(line)
    return "\n".join(out).encode("utf-8")


def _closest(candidates: list[Entry], text: str) -> Entry | None:
    """The old message a changed text most likely was: the only one in its place (a
    field holds one text), or the most alike of several (a page's blocks)."""
    if len(candidates) == 1 and not candidates[0].context.startswith("page:"):
        return candidates[0]
    scored = [(difflib.SequenceMatcher(None, entry.source, text).ratio(), index)
              for index, entry in enumerate(candidates)]
    best = max(scored, default=None)
    return candidates[best[1]] if best and best[0] >= SIMILAR_ENOUGH else None


def _drop(by_context: dict[str, list[Entry]], entry: Entry) -> None:
    listed = by_context.get(entry.context)
    if listed and entry in listed:
        listed.remove(entry)


def _add(catalog: Catalog, text: Found, translation: str, fuzzy: bool, changed: date,
         previous_mark: str | None = None) -> None:
    catalog.add(text.text, translation, locations=[(text.file, 0)] if text.file else (),
                flags=("fuzzy",) if fuzzy else (), context=text.context,
                auto_comments=[f"{CHANGED_NOTE}{changed.isoformat()}",
                               *([previous_mark] if previous_mark else [])])


def _add_location(catalog: Catalog, text: Found) -> None:
    message = catalog.get(text.text, context=text.context)
    if message is not None and text.file and (text.file, 0) not in message.locations:
        message.locations.append((text.file, 0))


def _new_catalog(language: str, title: str, as_of: date,
                 translators: dict[str, object]) -> Catalog:
    moment = datetime(as_of.year, as_of.month, as_of.day, tzinfo=UTC)
    locale = Locale.parse(language.replace("-", "_"))
    header = (f"# {locale.get_display_name('en')} translation of {title}.\n"
              "# Written by `handbook translations update`: translate each msgstr; a\n"
              "# fuzzy one was made for an earlier version of its text (shown as #|).\n#")
    catalog = Catalog(locale=locale, project=title, header_comment=header,
                      creation_date=moment, revision_date=moment, fuzzy=False)
    for name, value in translators.items():
        setattr(catalog, name, value)
    return catalog
