"""How well the built site's own search answers first-week questions: each question of
bench/search_questions.yml typed into the search box in Chromium, as a reader would; a
question counts as answered when one of the first three results is a page (or heading)
that answers it. Prints each question's top three and the share answered.

Run after `make handbook` (it reads site/):
    .venv/bin/python bench/search_questions.py [--site site] [--questions FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser import serve_folder

HERE = Path(__file__).resolve().parent
TOP = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=HERE.parent / "site")
    parser.add_argument("--questions", type=Path, default=HERE / "search_questions.yml")
    args = parser.parse_args()
    questions = yaml.safe_load(args.questions.read_text(encoding="utf-8"))
    from playwright.sync_api import sync_playwright

    answered = 0
    with serve_folder(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        for question in questions:
            found = _top_results(page, question["ask"])
            hit = any(any(_matches(href, base, target) for target in question["answered_by"])
                      for href in found)
            answered += hit
            print(f"{'yes' if hit else 'NO ':3}  {question['ask']}")
            for href in found:
                print(f"       {href.removeprefix(base)}")
        browser.close()
    share = answered / len(questions)
    print(f"answered among the first {TOP} results: {answered} of {len(questions)} "
          f"({share:.0%})")


def _top_results(page: object, ask: str) -> list[str]:
    search = page.locator(".md-search__input").first  # type: ignore[attr-defined]
    search.click()
    search.fill("")
    page.keyboard.type(ask)  # type: ignore[attr-defined]
    results = page.locator(".md-search-result__item > .md-search-result__link")  # type: ignore[attr-defined]
    try:
        results.first.wait_for(timeout=30_000)  # the worker indexes the site first
    except Exception:  # no result at all
        return []
    # Results follow each key typed: read them once the whole question's have come, when
    # the list stops changing.
    seen: list[str] = []
    for _ in range(20):
        page.wait_for_timeout(750)  # type: ignore[attr-defined]
        now = [results.nth(i).get_attribute("href") or ""
               for i in range(min(TOP, results.count()))]
        if now == seen:
            break
        seen = now
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    return seen


def _matches(href: str, base: str, target: str) -> bool:
    """`target` names a page (`policies/`), a heading (`behaviours/#own-the-problem`) or a
    heading of the home page (`#contacts`)."""
    address = href.removeprefix(base).removeprefix("./")
    page, _, anchor = target.partition("#")
    got_page, _, got_anchor = address.partition("#")
    got_page = got_page.split("?", 1)[0]  # `?h=...`: the words to highlight there
    return got_page.rstrip("/") == page.rstrip("/") and (not anchor or got_anchor == anchor)


if __name__ == "__main__":
    main()
