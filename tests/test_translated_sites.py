"""A handbook read in two languages, built: both sites from one strict build, each page
leading to itself in the other language, the notice where a translation is missing or
out of date (on the page and in print), the Portuguese search, and a build that refuses a
PO file behind its source.

The project is the small fixture read in English and Portuguese, with one value
translated whole, one left untranslated, and one whose English changed after it was
translated (`handbook translations update` has marked it fuzzy).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest

from generator.errors import HandbookError
from generator.translation.catalogues import po_file

from .browser import DESKTOP, serious_axe_violations, serve_folder
from .commands import RunHandbook, commit_all
from .helpers import BuildSite, make_project, write
from .pdfs import page_texts
from .test_translations import LATER, bilingual, messages, translate_messages, update

RESPECT = {  # the small fixture's first value, translated whole
    "Respect": "Respeito",
    "We take every reader's question seriously.": "Levamos a sério cada pergunta de quem lê.",
    "People come to us for help choosing.\n\nA dismissive answer loses them for good.":
        "As pessoas vêm ter connosco para as ajudarmos a escolher.\n\n"
        "Uma resposta displicente perde-as para sempre.",
    "Listen to the end of the question.": "Ouvir a pergunta até ao fim.",
    "Remember regulars' names.": "Lembrar os nomes dos clientes habituais.",
}
PROMISE = {"When we say a book will arrive on Friday, it does.":
           "Quando dizemos que um livro chega na sexta-feira, ele chega."}
CHANGED_PROMISE = "When we say a book will arrive on Friday, it arrives on Friday."
PAGES = {"# Welcome": "# Boas-vindas", "Welcome": "Boas-vindas",
         "A short test page about Welcome.": "Uma pequena página de teste sobre as boas-vindas."}


def _bilingual_project(folder: Path) -> Path:
    project = bilingual(make_project(folder / "project"))
    # The complete edition is printed in both languages; the others in English alone.
    editions = project / "data" / "editions.yml"
    write(project, "data/editions.yml", re.sub(
        r"(\n    title: (?:First days|Promises kept)\n)", r"\1    languages: [en]\n",
        editions.read_text(encoding="utf-8")))
    translate_messages(project, "pt", {**RESPECT, **PROMISE, **PAGES})
    values = project / "data" / "values.yml"
    write(project, "data/values.yml", values.read_text(encoding="utf-8").replace(
        next(iter(PROMISE)), CHANGED_PROMISE))
    return project


@pytest.fixture(scope="session")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    """The two-language project, its PO file updated after the change, built once."""
    from .conftest import built_once

    def make(folder: Path) -> Path:
        project = _bilingual_project(folder)
        update(project, LATER)
        return build_site(project)

    return built_once(tmp_path_factory, "bilingual", make)


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _pages(site: Path) -> list[Path]:
    return [page for page in site.rglob("*.html")
            if not page.relative_to(site).as_posix().startswith(("pt/", "assets/"))]


def test_one_strict_build_makes_a_site_per_language(bilingual_site: Path) -> None:
    english, portuguese = _pages(bilingual_site), bilingual_site / "pt"
    assert len(english) > 10
    for page in english:
        assert (portuguese / page.relative_to(bilingual_site)).is_file(), page
    assert re.search(r'<html lang="en"', _html(bilingual_site, "index.html"))
    assert re.search(r'<html lang="pt"', _html(portuguese, "index.html"))


def test_every_page_leads_to_itself_in_each_language(bilingual_site: Path) -> None:
    """The language menu's links, resolved against the page's own address, land on the
    same page of each site; the head has no `<link rel="alternate">`, for which Material's
    script would fetch a sitemap beside the page (a request that fails on every page)."""
    for page in [*_pages(bilingual_site), *(bilingual_site / "pt").rglob("*.html")]:
        relative = page.relative_to(bilingual_site).as_posix()
        if relative.endswith("404.html"):
            continue
        same = relative.removeprefix("pt/")
        text = page.read_text(encoding="utf-8")
        menu = re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" lang="[^"]+" '
                          r'class="md-select__link"', text)
        assert sorted(language for _, language in menu) == ["en", "pt"], relative
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', text), relative
        for href, language in menu:
            target = urlparse(urljoin(f"http://site/{relative}", href)).path.lstrip("/")
            expected = same if language == "en" else f"pt/{same}"
            assert target.removesuffix("index.html") == expected.removesuffix("index.html"), (
                relative, href)


def test_translated_texts_show_and_the_rest_reads_in_english_with_a_notice(
        bilingual_site: Path) -> None:
    respect = _html(bilingual_site, "pt/values/respect/index.html")
    assert "Respeito" in respect and "Ouvir a pergunta até ao fim." in respect
    assert "hb-translation-notice" not in respect  # translated whole
    untranslated = _html(bilingual_site, "pt/values/keep-promises/index.html")
    notice = re.search(r'<div class="admonition info hb-translation-notice".*?</div>',
                       untranslated, re.S)
    assert notice and CHANGED_PROMISE in untranslated
    assert "Quando dizemos" not in untranslated  # made for the old text: never shown
    link = re.search(r'href="([^"]+)" hreflang="en"', notice.group())
    assert link
    target = urljoin("http://site/pt/values/keep-promises/", link.group(1))
    assert urlparse(target).path == "/values/keep-promises/"
    english = _html(bilingual_site, "values/keep-promises/index.html")
    assert "hb-translation-notice" not in english


def test_the_stale_notice_and_the_missing_one_say_different_things(bilingual_site: Path
                                                                    ) -> None:
    stale = _notice(_html(bilingual_site, "pt/values/keep-promises/index.html"))
    missing = _notice(_html(bilingual_site, "pt/why-service-matters/index.html"))
    assert stale and missing and stale != missing
    assert "inglês" in stale and "inglês" in missing  # the source language, in Portuguese


def _notice(page: str) -> str:
    found = re.search(r'hb-translation-notice" role="note"><p>(.*?)<a', page, re.S)
    return found.group(1) if found else ""


def test_a_hand_written_page_is_translated_block_by_block(bilingual_site: Path) -> None:
    welcome = _html(bilingual_site, "pt/welcome/index.html")
    assert "Uma pequena página de teste sobre as boas-vindas." in welcome
    assert re.search(r"<h1[^>]*>Boas-vindas", welcome)
    assert "Boas-vindas" in _html(bilingual_site, "pt/index.html")  # the nav's title


def test_each_site_is_searched_in_its_own_language(bilingual_site: Path) -> None:
    def config(site: Path) -> dict[str, Any]:
        index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
        return dict(index["config"])

    assert config(bilingual_site)["lang"] == ["en"]
    assert config(bilingual_site / "pt")["lang"] == ["pt"]
    assert "stemmer" in config(bilingual_site / "pt")["pipeline"]


def test_each_language_has_its_pdf_editions_with_the_notice_in_print(bilingual_site: Path
                                                                     ) -> None:
    english = {path.stem for path in (bilingual_site / "editions").glob("*.pdf")}
    portuguese = {path.stem for path in (bilingual_site / "pt/editions").glob("*.pdf")}
    assert {"complete", "orientation", "promises"} <= english  # `languages: [en]` on two
    assert {name for name in portuguese if not name.startswith("notice-board")} == {"complete"}
    complete = "\n".join(page_texts(bilingual_site / "pt/editions/complete.pdf"))
    assert "Respeito" in complete and "Levamos a sério" in complete
    assert "inglês" in complete  # the print notice, in Portuguese
    assert "Keep our promises" in complete  # named in the chapter's notice
    assert "hreflang" not in complete


def test_a_build_stops_while_a_po_file_is_behind_its_source(tmp_path: Path,
                                                            build_site: BuildSite) -> None:
    project = _bilingual_project(tmp_path)  # the English changed, the update not run
    with pytest.raises(HandbookError) as caught:
        build_site(project)
    said = str(caught.value)
    assert "translations/pt.po" in said and "out of date" in said
    assert "handbook translations update" in said
    update(project, LATER)
    fuzzy = messages(project)[("values.keep-promises.statement", CHANGED_PROMISE)]
    assert fuzzy.fuzzy and fuzzy.string == next(iter(PROMISE.values()))  # type: ignore[attr-defined]


def test_the_language_menu_and_portuguese_search_in_chromium(
        bilingual_site: Path, browser: Any) -> None:
    with serve_folder(bilingual_site) as served:
        url = served.rstrip("/")
        page = browser.new_page(viewport=DESKTOP)
        page.goto(f"{url}/pt/values/respect/")
        assert page.evaluate("document.documentElement.lang") == "pt"
        assert serious_axe_violations(page) == []
        page.locator(".md-header__option .md-select").first.hover()
        page.locator('.md-select__link[hreflang="en"]').click()
        page.wait_for_url(f"{url}/values/respect/")
        assert "Respect" in page.locator("h1").first.inner_text()
        page.goto(f"{url}/pt/")
        box = page.locator(".md-search__input").first
        box.click()
        # "Levamos a sério": found by the stem both forms share, though "levaremos" is no
        # prefix of "levamos" (the wildcard alone would not find it).
        page.keyboard.type("levaremos")
        first = page.locator(".md-search-result__item").first
        first.wait_for(timeout=30_000)
        link = first.locator(".md-search-result__link").first.get_attribute("href") or ""
        assert urlparse(urljoin(f"{url}/pt/", link)).path.startswith("/pt/values/respect/")
        page.close()


@pytest.mark.sample
def test_the_sample_reads_in_portuguese_with_one_translation_being_updated(
        shipped_site: Path) -> None:
    """Bramblecote's values are translated; "Working together" changed in English after
    its translation was made, so its Portuguese page says so (see the README)."""
    respect = _html(shipped_site, "pt/values/respect/index.html")
    assert "Respeito" in respect and "hb-translation-notice" not in respect
    working = _html(shipped_site, "pt/values/working-together/index.html")
    assert "hb-translation-notice" in working and "mudou em inglês" in _notice(working)
    assert "one team in every country we work in" in working  # the new English, meanwhile
    assert "hb-translation-notice" not in _html(shipped_site,
                                                "values/working-together/index.html")


def test_the_commands_editors_run_after_changing_translated_text(
        tmp_path: Path, run_handbook: RunHandbook) -> None:
    """As processes, in a committed project: the strict check fails naming the PO file and
    the command; `handbook translations update` marks the text fuzzy, dated by the commit;
    the report lists it; no traceback anywhere."""
    project = _bilingual_project(tmp_path)
    commit_all(project, "Changed a translated sentence", when="2026-10-05T09:00:00+00:00")
    check = run_handbook(project, "check", "--strict")
    assert check.returncode == 1
    assert "translations/pt.po" in check.stderr and "out of date" in check.stderr
    assert "handbook translations update" in check.stderr
    updated = run_handbook(project, "translations", "update")
    assert updated.returncode == 0, updated.stderr
    assert updated.stdout.startswith("translations/pt.po: ")
    assert "1 changed (marked fuzzy)" in updated.stdout
    message = messages(project)[("values.keep-promises.statement", CHANGED_PROMISE)]
    assert message.fuzzy  # type: ignore[attr-defined]
    assert "source changed: 2026-10-05" in po_file(project, "pt").read_text(encoding="utf-8")
    assert run_handbook(project, "check", "--strict").returncode == 0
    report = run_handbook(project, "report")
    assert report.returncode == 0
    stale = report.stdout[report.stdout.index("Changed in the source"):]
    assert "2026-10-05  values.keep-promises.statement (data/values.yml)" in stale
    for result in (check, updated, report):
        assert "Traceback" not in result.stdout + result.stderr
