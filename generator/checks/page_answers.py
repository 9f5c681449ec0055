"""`answers:` in a hand-written page's front matter: the questions people ask that the page
answers, which the site's search finds it by (site/page_answers.py puts them in the page).
A list of short questions; anything else is said with the page's name."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from .references import LoadedData

LONGEST_QUESTION = 200


def check_page_answers(data: LoadedData) -> Iterator[Problem]:
    for path, page in sorted(data.pages.items()):
        given = page.meta.get("answers")
        if given is None:
            continue
        fine = isinstance(given, list) and all(
            isinstance(question, str) and question.strip()
            and len(question) <= LONGEST_QUESTION and "\n" not in question
            for question in given)
        if not fine:
            yield Problem(f"{data.docs_folder}/{path}", page.meta_line("answers"), None,
                          "answers",
                          "`answers` in the front matter is not a list of questions",
                          "write one question a line, each starting with `- ` "
                          f"(`- Who do I ask about pay?`), at most {LONGEST_QUESTION} "
                          "characters each")
