"""The site's search answers questions: words in another form and questions full of small
words find the section that answers them, and the questions editors attach to an entry
(`answers:`) find it, typed into the built site's own search box in Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.kinds import BUILT_IN
from generator.model import links
from generator.site.search_index import (
    ANSWERS_FIELD,
    DEFAULT_SEPARATOR,
    WORD_SEPARATOR,
    SearchAnswers,
    finish_index,
    take_answers,
)

from .browser import DESKTOP
from .shipped import shipped_handbook

FIRST_PAGES = 3
"""A question is answered when one of the first three result pages shows the answer."""


def test_hidden_questions_leave_the_page_for_the_section_above_them() -> None:
    page = ('<h1 id="policies">Policies</h1><p class="hb-answers" hidden>Can I &lt;refund&gt;?</p>'
            '<h2 id="pay">Pay</h2><p>Text</p><span class="hb-answers" hidden>When is payday?</span>'
            '<h3 id="late">Late</h3><span class="hb-answers" hidden>Paid late?</span>')
    shown, found = take_answers(page, "policies/")
    assert "hb-answers" not in shown and "payday" not in shown
    assert "<p>Text</p>" in shown
    assert found == {"policies/": ["Can I <refund>?"], "policies/#pay": ["When is payday?"],
                     "policies/#late": ["Paid late?"]}


def test_a_page_built_again_replaces_its_questions_and_no_other_page_s() -> None:
    answers = SearchAnswers()
    answers.take('<h2 id="a">A</h2><span class="hb-answers" hidden>Old?</span>', "one/")
    answers.take('<h2 id="b">B</h2><span class="hb-answers" hidden>Other?</span>', "two/")
    answers.take('<h2 id="c">C</h2><span class="hb-answers" hidden>New?</span>', "one/")
    assert answers.by_location == {"two/#b": ["Other?"], "one/#c": ["New?"]}


def test_the_index_stems_its_words_and_weighs_questions_as_a_field(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({
        "config": {"lang": ["en"], "pipeline": ["stopWordFilter"], "fields": {"title": {}}},
        "docs": [{"location": "a/", "title": "A", "text": ""},
                 {"location": "a/#b", "title": "B", "text": ""}]}), encoding="utf-8")
    finish_index(index, {"a/#b": ["Why?", "How?"], "gone/": ["Lost?"]})
    written = json.loads(index.read_text(encoding="utf-8"))
    assert "stemmer" in written["config"]["pipeline"]
    assert written["config"]["fields"][ANSWERS_FIELD]["boost"] > 1
    assert [doc.get(ANSWERS_FIELD) for doc in written["docs"]] == [None, "Why? How?"]


def test_words_end_at_punctuation_unless_mkdocs_yml_says_otherwise(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    for given, wanted in ((DEFAULT_SEPARATOR, WORD_SEPARATOR), (r"[\s]+", r"[\s]+")):
        index.write_text(json.dumps({"config": {"separator": given, "fields": {}},
                                     "docs": []}), encoding="utf-8")
        finish_index(index, {})
        written = json.loads(index.read_text(encoding="utf-8"))["config"]["separator"]
        assert written == wanted
    words = [word for word in re.split(WORD_SEPARATOR, "Pay, holidays (and 4.6 days).") if word]
    assert words == ["Pay", "holidays", "and", "4.6", "days"]


def test_the_built_index_keeps_questions_out_of_what_results_show(shipped_site: Path) -> None:
    index = json.loads((shipped_site / "search/search_index.json").read_text(encoding="utf-8"))
    with_answers = [doc for doc in index["docs"] if doc.get(ANSWERS_FIELD)]
    if not with_answers:
        pytest.skip("no entry or page of this handbook names the questions it answers")
    for doc in with_answers:
        assert doc[ANSWERS_FIELD] not in doc["text"]
    for page in shipped_site.rglob("*.html"):
        assert 'class="hb-answers"' not in page.read_text(encoding="utf-8"), page


def _result_pages(page: Any, question: str) -> list[list[str]]:
    """The links each of the first result pages shows, once the results stop changing."""
    box = page.locator(".md-search__input").first
    box.click()
    box.fill("")
    page.keyboard.type(question)
    items = page.locator(".md-search-result__item")
    items.first.wait_for(timeout=30_000)  # the search worker indexes the site first
    seen: list[list[str]] = []
    for _ in range(20):
        page.wait_for_timeout(500)
        now = [items.nth(i).evaluate(
                   "item => [...item.querySelectorAll(':scope > .md-search-result__link')]"
                   ".map(link => new URL(link.href).pathname + new URL(link.href).hash)")
               for i in range(min(FIRST_PAGES, items.count()))]
        if now == seen:
            return now
        seen = now
    return seen


def _finds(pages: list[list[str]], address: str) -> bool:
    return any(shown.endswith("/" + address) for links_shown in pages for shown in links_shown)


def _distinctive_word(site: Path, title: str) -> str | None:
    """The word of `title` fewest other titles of the index hold (for a search that should
    find this entry alone), if one is long enough to be written in another form."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = [doc["title"].lower() for doc in index["docs"]]
    words = [word for word in re.findall(r"[a-z]+", title.lower())
             if len(word) >= 5 and not word.endswith(("s", "y", "e"))]
    if not words:
        return None
    return min(words, key=lambda word: sum(word in other for other in titles))


def test_a_word_in_another_form_or_among_small_words_finds_its_entry(
        browser: Any, site_url: str, shipped_site: Path) -> None:
    handbook = shipped_handbook()
    chosen = next(((behaviour, word) for behaviour in handbook.behaviours
                   if (word := _distinctive_word(shipped_site, behaviour.name))), None)
    if chosen is None:
        pytest.skip("no behaviour of this handbook has a name with a long enough word")
    behaviour, word = chosen
    address = links.url_of(links.page_of(behaviour, BUILT_IN))
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    # "escalates": the index holds "escalate"; "what do I do about it": every small word
    # starts a thousand others, and must not outweigh the one that carries the question.
    for question in (f"{word}s", f"what do I do about {word}s when it is not"):
        pages = _result_pages(page, question)
        assert _finds(pages, address), (question, address, pages)
    page.close()


def test_a_question_an_editor_attached_finds_its_behaviour(
        browser: Any, site_url: str) -> None:
    handbook = shipped_handbook()
    behaviour = next((entry for entry in handbook.behaviours if entry.answers), None)
    if behaviour is None:
        pytest.skip("no behaviour of this handbook names the questions it answers")
    address = links.url_of(links.page_of(behaviour, BUILT_IN))
    page = browser.new_page(viewport=DESKTOP)
    page.goto(site_url)
    pages = _result_pages(page, behaviour.answers[0])
    assert _finds(pages, address), (behaviour.answers[0], address, pages)
    page.close()
