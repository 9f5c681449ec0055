"""How well the built site's own search answers first-week questions: each question of
bench/search_questions.yml typed into the search box in Chromium, as a reader would. A
question counts as answered when one of the first three result pages shows a link to a page
(or heading) that answers it; Material shows each result page as its link and those of its
best-matching headings. The stricter figure counts only the first three links, whichever
pages they belong to. Prints each question's first three result pages and both shares.

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

    in_pages = in_links = 0
    with serve_folder(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        for question in questions:
            pages = _top_result_pages(page, question["ask"])
            links = [href for shown in pages for href in shown][:TOP]
            answers = question["answered_by"]
            hit = any(_matches(href, base, target) for shown in pages for href in shown
                      for target in answers)
            in_pages += hit
            in_links += any(_matches(href, base, target)
                            for href in links for target in answers)
            print(f"{'yes' if hit else 'NO ':3}  {question['ask']}")
            for shown in pages:
                print("       " + "  ".join(href.removeprefix(base) for href in shown))
        browser.close()
    total = len(questions)
    print(f"answered among the first {TOP} result pages: {in_pages} of {total} "
          f"({in_pages / total:.0%})")
    print(f"answered among the first {TOP} links: {in_links} of {total} "
          f"({in_links / total:.0%})")


def _top_result_pages(page: object, ask: str) -> list[list[str]]:
    """The links each of the first result pages shows, the page's own first."""
    search = page.locator(".md-search__input").first  # type: ignore[attr-defined]
    search.click()
    search.fill("")
    page.keyboard.type(ask)  # type: ignore[attr-defined]
    results = page.locator(".md-search-result__item")  # type: ignore[attr-defined]
    try:
        results.first.wait_for(timeout=30_000)  # the worker indexes the site first
    except Exception:  # no result at all
        return []
    # Results follow each key typed: read them once the whole question's have come, when
    # the list stops changing.
    seen: list[list[str]] = []
    for _ in range(20):
        page.wait_for_timeout(750)  # type: ignore[attr-defined]
        now = [results.nth(i).evaluate(
                   "item => [...item.querySelectorAll(':scope > .md-search-result__link')]"
                   ".map(link => link.getAttribute('href') || '')")
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
