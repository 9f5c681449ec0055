"""Material's search index, finished for questions: the index holds words stemmed, ended at
punctuation as well as spaces, and the questions each section answers as a field of their
own.

Stemmed: Material leaves lunr's stemmer out, because it searches for each typed word as the
start of a word, and lunr stems no word searched for that way. Then "emails" finds no page
that says "email", nor "policy" one that says "policies". The handbook's search worker (see
search_worker.py) stems each word of the question itself, so both sides hold "email" and
"polici", and the start of a word still being typed still finds it.

The questions an entry or page answers (`answers:` in the data and in a page's front
matter): the templates put them into the page as a hidden element (`hb-answers`, see
templates/pages/_macros.md.jinja and page_answers.py). Left there, Material would index them
as ordinary body text: weighed like a passing mention, shown in the result's preview and run
into the sentence before them. So, once a page is HTML, they are taken out of it and kept
under the address of the section they belong to (the heading above them); once Material has
written the index, each section's questions join its entry as `answers`, a field weighed
like a title: a question asked in the editors' words finds the section that answers it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

STEMMED_PIPELINE = ["stopWordFilter", "stemmer"]
"""lunr's steps for each word indexed; without its trimmer, which would cut a word's
letters outside ASCII ("café")."""
DEFAULT_SEPARATOR = r"[\s\-]+"
"""Where Material's search ends a word for English and most languages: at spaces and
hyphens only, so "holidays," is indexed with its comma, which no stemmer takes off."""
WORD_SEPARATOR = r'[\s\-,:;!?()\[\]"\u201c\u201d/]+|\.(?!\d)'
"""Punctuation ends a word as well; a full stop does, except inside a number (4.6)."""
ANSWERS_FIELD = "answers"
ANSWERS_BOOST = 1000.0
"""As much as a title's (Material weighs titles 1000, body text 1): the editors named these
questions for this section, as surely as its heading names its subject."""

_HIDDEN_ANSWERS = re.compile(
    r'<(?P<tag>span|p) class="hb-answers" hidden>(?P<text>.*?)</(?P=tag)>', re.S)
_HEADING = re.compile(r'<h(?P<level>[1-6])\b[^>]*\bid="(?P<id>[^"]+)"')


def take_answers(page_html: str, page_url: str) -> tuple[str, dict[str, list[str]]]:
    """The page without its hidden questions, and those questions by the address of the
    search entry they belong to: the section of the nearest heading above them, or the page
    itself above its first subheading (Material indexes a page's opening under its URL)."""
    found: dict[str, list[str]] = {}
    for match in _HIDDEN_ANSWERS.finditer(page_html):
        section = None
        for heading in _HEADING.finditer(page_html, 0, match.start()):
            section = heading
        location = page_url
        if section is not None and section.group("level") != "1":
            location = f"{page_url}#{section.group('id')}"
        text = html.unescape(re.sub(r"<[^>]+>", " ", match.group("text"))).strip()
        if text:
            found.setdefault(location, []).append(text)
    return _HIDDEN_ANSWERS.sub("", page_html), found


class SearchAnswers:
    """The questions of every page built so far, by search address: kept across a
    preview's reloads, where only the pages that changed are built again."""

    def __init__(self) -> None:
        self.by_location: dict[str, list[str]] = {}

    def take(self, page_html: str, page_url: str) -> str:
        """The page without its hidden questions, which are kept for the index."""
        self.by_location = {location: questions
                            for location, questions in self.by_location.items()
                            if location.split("#", 1)[0] != page_url}
        page_html, found = take_answers(page_html, page_url)
        self.by_location.update(found)
        return page_html

    def write_into(self, site_dir: Path) -> None:
        finish_index(site_dir / "search" / "search_index.json", self.by_location)


def finish_index(index_file: Path, answers: dict[str, list[str]]) -> None:
    """Have Material's index (search/search_index.json) stem its words, and hold each
    section's questions as a field of its own, declared so the search engine weighs it."""
    if not index_file.is_file():
        return  # search is turned off in mkdocs.yml
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["config"]["pipeline"] = STEMMED_PIPELINE
    if index["config"].get("separator") == DEFAULT_SEPARATOR:  # not one of mkdocs.yml's
        index["config"]["separator"] = WORD_SEPARATOR
    index["config"].setdefault("fields", {})[ANSWERS_FIELD] = {"boost": ANSWERS_BOOST}
    for entry in index["docs"]:
        questions = answers.get(entry["location"])
        if questions:
            entry[ANSWERS_FIELD] = " ".join(questions)
    index_file.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False),
                          encoding="utf-8")
