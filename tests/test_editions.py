"""PDF editions, checked by reading the real PDFs: text, contents, bookmarks, links, fonts."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

from generator.editions.plan import plan_edition
from generator.site.languages import site_folder

from .browser import DESKTOP, serve_folder
from .commands import RunHandbook
from .helpers import REPO, BuildSite, load, make_project, write
from .pdfs import fold, fonts, link_targets, missing_from, outline, page_texts, toc_entries
from .shipped import editions_in, shipped_handbook

HANDBOOK = str(Path(sys.executable).with_name("handbook"))
ENV = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}


def run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`handbook ARGS` with this module's environment, never a traceback; a test (or
    fixture) that calls it takes `run_handbook`."""
    result = subprocess.run([HANDBOOK, *args], cwd=project, capture_output=True, text=True,
                            timeout=600, env={**ENV, "HOME": str(project), **env})
    assert "Traceback" not in result.stdout + result.stderr
    return result


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=t@example.org",
         *args], capture_output=True, text=True, check=True,
        env={**ENV, "GIT_COMMITTER_DATE": "2026-10-01T09:00:00+00:00",
             "GIT_AUTHOR_DATE": "2026-10-01T09:00:00+00:00"},
    ).stdout.strip()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, run_handbook: RunHandbook) -> Path:
    """The small fixture in git, with its three editions made by `handbook pdf`."""
    project = make_project(tmp_path_factory.mktemp("editions") / "project")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "first")
    result = run(project, "pdf")
    assert result.returncode == 0, result.stderr
    return project


def test_progress_names_edition_and_stage(small: Path, run_handbook: RunHandbook) -> None:
    shutil.rmtree(small / ".cache")  # laid out afresh, not reused from the fixture's run
    result = run(small, "pdf", "--edition", "orientation", "--output", "again")
    assert result.returncode == 0
    pages = len(page_texts(small / "again/orientation.pdf"))
    assert result.stderr.splitlines() == [
        "orientation: planning",
        "orientation: writing the print HTML",
        "orientation: laying out pages",
        f"orientation: writing {pages} pages",
        result.stderr.splitlines()[-1],
    ]
    assert result.stderr.splitlines()[-1].startswith(f"orientation: done: {pages} pages in ")
    assert result.stdout.startswith(f"Wrote again/orientation.pdf: {pages} pages, fingerprint ")


def test_cover_names_organisation_edition_and_version_and_keeps_the_rest_for_editors(
        small: Path) -> None:
    """Readers get the edition and its date, on the cover and in the PDF's properties; the
    content fingerprint that tells two copies apart and the commit are in the manifest, for
    editors. The commit is not in the PDF: an edition whose content is unchanged is the
    same file at the next commit (tests/test_edition_reuse.py)."""
    cover = fold(page_texts(small / "editions/complete.pdf")[0])
    commit = git(small, "rev-parse", "HEAD")
    manifest = (small / "editions/complete.manifest.json").read_text()
    fingerprint = manifest.split('"fingerprint": "')[1][:12]
    assert cover == (
        "QUAYSIDE BOOKS Quayside Books handbook Everything in one Everyone in the shop "
        "Edition 2026.10 Effective from 1 October 2026 "
        "Always up to date at https://handbook.quayside.example/"
    )
    keywords = str(pypdf.PdfReader(small / "editions/complete.pdf").metadata.get("/Keywords"))
    assert "Everyone in the shop" in keywords and "edition 2026.10" in keywords
    assert fingerprint not in keywords and "fingerprint" not in keywords
    assert commit[:10] not in keywords
    assert f'"commit": "{commit[:10]}"' in manifest


def test_every_contents_entry_points_at_the_page_of_its_heading(small: Path) -> None:
    texts = page_texts(small / "editions/complete.pdf")
    entries = toc_entries(texts)
    assert [title for title, _ in entries] == [
        "Welcome", "Our values", "Respect", "Keep our promises",
        "The foundation of our service", "Foundation", "Support frame", "Expected behaviours",
        "Responsive", "Accountable", "Service stories", "A signed copy found for a birthday",
        "A late order explained before anyone asked", "Ideas we acted on",
        "Order updates by text message", "Contribute",
    ]
    for title, page in entries:
        lines = [fold(line) for line in texts[page - 1].splitlines()]
        assert title in lines[1:], f"'{title}' is not a heading on page {page}"


@pytest.mark.sample
def test_contents_of_the_shipped_handbook_are_right(shipped_site: Path) -> None:
    pdf = shipped_site / "editions/complete.pdf"
    texts = page_texts(pdf)
    entries = toc_entries(texts)
    assert len(entries) >= 30
    for title, page in entries:
        assert title in fold(texts[page - 1]), f"'{title}' is not on page {page}"
        # and it is a heading there, not a mention: it starts a line of its own
        assert any(fold(line).startswith(title[:30]) for line in texts[page - 1].splitlines())


def test_bookmarks_mirror_the_headings(small: Path) -> None:
    marks = outline(small / "editions/complete.pdf")
    assert [(depth, title) for depth, title, _ in marks if depth == 0] == [
        (0, "Contents"), (0, "Welcome"), (0, "Our values"),
        (0, "The foundation of our service"), (0, "Expected behaviours"),
        (0, "Service stories"), (0, "Ideas we acted on"), (0, "Contribute"),
    ]
    texts = page_texts(small / "editions/complete.pdf")
    for _, title, page in marks:
        assert title in fold(texts[page - 1])


def test_internal_links_lead_to_their_pages(small: Path) -> None:
    pdf = small / "editions/complete.pdf"
    links = link_targets(pdf)
    assert len(links) >= 15
    pages = len(pypdf.PdfReader(pdf).pages)
    assert all(1 <= target <= pages for _, target in links)
    stories_page = dict(toc_entries(page_texts(pdf)))["Service stories"]
    assert (2, stories_page) in links  # contents -> the stories chapter


def test_page_numbers_and_running_headers(small: Path) -> None:
    texts = page_texts(small / "editions/complete.pdf")
    total = len(texts)
    for number, text in enumerate(texts[1:], 2):
        assert f"Everything in one 2026.10 · Page {number} of {total}" in fold(text)
    # A page's header names the first chapter that starts on it (chapters run on, so the
    # values start below the welcome, on its page).
    (first, first_page), (values, values_page) = toc_entries(texts)[:2]
    assert (first, values) == ("Welcome", "Our values") and first_page == values_page
    assert missing_from(fold(texts[values_page - 1]),
                        f"Welcome · Everything in one 2026.10 · Page {values_page} of {total}",
                        "Our values") == []


def test_metadata_paper_and_fonts(small: Path) -> None:
    reader = pypdf.PdfReader(small / "editions/complete.pdf")
    assert reader.metadata.title == "Quayside Books handbook: Everything in one"
    assert reader.metadata.author == "Quayside Books"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    used = fonts(small / "editions/complete.pdf")
    assert used and all(used.values()), used
    assert {name.split("+")[1] for name in used} <= {
        "Handbook-Sans", "Handbook-Sans-Bold", "Handbook-Sans-Italic", "Handbook-Mono"}


def test_letter_paper(small: Path, run_handbook: RunHandbook) -> None:
    assert run(small, "pdf", "-e", "promises", "--paper", "letter", "-o", "letter").returncode == 0
    box = pypdf.PdfReader(small / "letter/promises.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_pdf_takes_the_paper_from_mkdocs_yml_unless_told(tmp_path: Path,
                                                         run_handbook: RunHandbook) -> None:
    # The plugin's options are declared once: `handbook pdf` reads them as `build` does.
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      data_dir: data\n", "      data_dir: data\n      paper: letter\n"))
    assert run(project, "pdf", "-e", "promises", "-o", "out").returncode == 0
    assert run(project, "pdf", "-e", "promises", "--paper", "a4", "-o", "a4").returncode == 0
    sizes = []
    for folder in ("out", "a4"):
        box = pypdf.PdfReader(project / folder / "promises.pdf").pages[0].mediabox
        sizes.append((round(float(box.width)), round(float(box.height))))
    assert sizes == [(612, 792), (595, 842)]


def test_two_runs_give_the_same_bytes(small: Path, run_handbook: RunHandbook) -> None:
    assert run(small, "pdf", "-o", "second").returncode == 0
    for name in ("complete.pdf", "orientation.pdf", "promises.pdf", "complete.manifest.json"):
        first = hashlib.sha256((small / "editions" / name).read_bytes()).hexdigest()
        second = hashlib.sha256((small / "second" / name).read_bytes()).hexdigest()
        assert first == second, name


def test_stories_are_chosen_per_edition(small: Path) -> None:
    promises = fold(" ".join(page_texts(small / "editions/promises.pdf")))
    assert "A late order explained before anyone asked" in promises
    assert "A signed copy found for a birthday" in promises  # it shows keep-promises too
    orientation = fold(" ".join(page_texts(small / "editions/orientation.pdf")))
    # `stories: none`, but the orientation path asks for one story: that one is printed.
    assert "A signed copy found for a birthday" in orientation
    assert "A late order explained before anyone asked" not in orientation
    assert "DRAFT-ONLY-TITLE" not in orientation + promises


def test_orientation_edition_has_an_acknowledgement_to_tear_out(small: Path) -> None:
    """The page to sign is a right-hand page with a blank back, so taking it out takes
    nothing else; the buddy's guide follows it."""
    texts = page_texts(small / "editions/orientation.pdf")
    signing = next(number for number, text in enumerate(texts, 1)
                   if "I have received First days" in fold(text))
    page = fold(texts[signing - 1])
    assert signing % 2 == 1, "the page to sign is a right-hand page"
    assert missing_from(page, f"Acknowledgement · First days 2026.10 · Page {signing} of",
                        "I have received First days, edition 2026.10 of Quayside Books handbook"
                        ) == []
    for caption in ("Name", "Team", "Signature", "Date", "Manager's name", "Manager's signature"):
        assert caption in page
    # Its back is blank, but for the line saying the blank is on purpose.
    assert signing < len(texts) and fold(texts[signing]) in (
        "", "This page is left blank on purpose."), "its back is blank"
    assert "Guide for the buddy" in fold(" ".join(texts[signing:]))
    first_day = fold(texts[2])
    assert "Day 1" in first_day and "Which value will be hardest for you?" in first_day


@pytest.mark.sample
def test_stories_fill_their_pages_and_keep_their_title_with_their_start(
        shipped_site: Path) -> None:
    """Stories run on from one to the next, so no page of them is left half empty, but a
    story's title is never the last thing on a page."""
    handbook, _ = load(REPO)
    assert handbook is not None
    texts = [fold(text) for text in page_texts(shipped_site / "editions/complete.pdf")]
    start = next(i for i, text in enumerate(texts) if "Colleagues who did it right" in text)
    pages = [i for i in range(start, len(texts))
             if any(story.title in texts[i] for story in handbook.published)]
    for story in handbook.published:
        [page] = [i for i in pages if story.title in texts[i]]
        after_title = texts[page].split(story.title, 1)[1]
        assert fold(story.situation)[:30] in after_title, (
            f"{story.id}: its title ends page {page + 1}")
    # Every page of stories but the chapter's last holds at least half a page of text.
    full = [len(page_texts(shipped_site / "editions/complete.pdf")[i].splitlines())
            for i in pages[:-1]]
    assert full and min(full) >= max(full) // 2, full


@pytest.mark.sample
def test_no_page_of_a_shipped_edition_holds_a_stray_line_or_two(shipped_site: Path) -> None:
    for edition in editions_in():
        pdf = shipped_site / "editions" / f"{edition.id}.pdf"
        for number, text in enumerate(page_texts(pdf)[1:], start=2):  # after the cover
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if lines == ["This page is left blank on purpose."]:
                continue  # before the acknowledgement, which starts on a right-hand page
            assert lines, f"{edition.id} page {number} is blank and does not say why"
            body = lines[1:]  # the running header
            assert not 0 < len(body) <= 2, f"{edition.id} page {number}: {body}"


OWN_PAGE_KINDS = ("acknowledgement", "buddy-guide", "answers")
"""The chapters the print stylesheet starts on a page of their own (handbook.css)."""
SHORT_TAIL = 0.3
"""A page before a chapter's start holding less than this of a full page's text is waste."""


def _text_spans(pdf: Path) -> list[float]:
    """How tall each page's text is, from below its running header to its last line
    (0 for a page with nothing under the header)."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
    spans = []
    for page in layout.split("<page ")[1:]:
        blocks = sorted((float(top), float(bottom)) for top, bottom in re.findall(
            r'<block xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)"', page))
        body = blocks[1:]  # the first is the running header
        spans.append(max(bottom for _, bottom in body) - body[0][0] if body else 0.0)
    return spans


def test_no_chapter_starts_after_a_page_holding_only_the_end_of_another(
        shipped_site: Path) -> None:
    """A chapter's last lines never sit alone on a page before the next chapter starts (the
    next runs on below them): every such page holds at least SHORT_TAIL of the edition's
    fullest page. Chapters that start a page of their own (the page to sign, the buddy's
    guide, the answers) are exempt."""
    handbook = shipped_handbook()
    for edition in editions_in():
        pdf = shipped_site / "editions" / f"{edition.id}.pdf"
        own_page = {chapter.title for chapter in plan_edition(handbook, edition).chapters
                    if chapter.kind in OWN_PAGE_KINDS}
        spans = _text_spans(pdf)
        starts = {page: title for depth, title, page in outline(pdf) if depth == 0}
        first = sorted(starts)[1]  # every edition opens with its contents, then a chapter
        for start, title in starts.items():
            before = start - 1
            if before <= first or before in starts or title in own_page or not spans[before - 1]:
                continue
            assert spans[before - 1] >= SHORT_TAIL * max(spans), (
                f"{edition.id} page {before} holds only the end of a chapter before "
                f"'{title}' on page {start}")


def test_shipped_editions_are_on_the_site(shipped_site: Path) -> None:
    languages = shipped_handbook().organisation.all_languages
    for language in languages[1:]:  # each other language's site prints its own
        folder = shipped_site / site_folder(language, languages) / "editions"
        for edition in editions_in(language):
            assert (folder / f"{edition.id}.pdf").is_file(), (language, edition.id)
    editions = editions_in()
    page = (shipped_site / "editions/index.html").read_text()
    for edition in editions:
        pdf = shipped_site / "editions" / f"{edition.id}.pdf"
        assert len(pypdf.PdfReader(pdf).pages) >= 2, edition.id  # a cover and more
        assert f'href="{edition.id}.pdf"' in page
    # Each download says which edition it is: no two links read the same.
    links = [html.unescape(text) for text in
             re.findall(r'<a [^>]*href="[^"]+\.pdf"[^>]*>([^<]+)</a>', page)]
    assert len(links) == len(editions) and len(set(links)) == len(links), links
    for edition in editions:
        assert any(edition.title in link for link in links), edition.title
    if editions:
        home = (shipped_site / "index.html").read_text()
        assert re.search(r'href="editions/">[^<]*editions[^<]*</a>', home, re.I)


def test_changes_since_the_previous_tag_list_a_new_story(tmp_path: Path,
                                                         run_handbook: RunHandbook) -> None:
    project = make_project(tmp_path / "p")
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "edition one")
    git(project, "tag", "v2026.10")
    write(project, "data/stories/rain-cover-lent.yml",
          (project / "data/stories/late-order-explained.yml").read_text()
          .replace("A late order explained before anyone asked", "A rain cover lent for the walk home"))
    behaviours = project / "data/behaviours.yml"
    behaviours.write_text(behaviours.read_text().replace(
        "commitment: Calls returned within 24 hours", "commitment: Calls returned the same day"))
    git(project, "add", ".")
    git(project, "commit", "-qm", "a new story")
    assert run(project, "pdf", "-e", "complete").returncode == 0
    texts = page_texts(project / "editions/complete.pdf")
    changes = fold(texts[2])
    assert missing_from(
        changes, f"Changes in this edition · Everything in one 2026.10 · Page 3 of {len(texts)}",
        "What is new or different since the edition of 1 October 2026.",
        "Story published: A rain cover lent for the walk home (p. ",
        "Behaviour “Return calls within a day”: commitment updated (p. ") == []
    # Each reference names the page the entry's text is on.
    story_page = int(re.search(r"walk home \(p\. (\d+)\)", changes)[1])
    behaviour_page = int(re.search(r"commitment updated \(p\. (\d+)\)", changes)[1])
    assert "A rain cover lent for the walk home" in fold(texts[story_page - 1])
    assert "Calls returned the same day" in fold(texts[behaviour_page - 1])


def test_changes_against_an_earlier_manifest(small: Path, tmp_path: Path,
                                             run_handbook: RunHandbook) -> None:
    manifest = small / "editions/complete.manifest.json"
    result = run(small, "pdf", "-e", "complete", "--since", str(manifest), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    changes = fold(page_texts(tmp_path / "complete.pdf")[2])
    assert "Nothing in the values, foundation, behaviours or stories has changed since " \
           "edition 2026.10." in changes


@pytest.mark.parametrize(("editions_yml", "expected"), [
    ("editions:\n  - id: x\n    title: X\n    audience: Y\n    sections: [values, storys]\n",
     "data/editions.yml:5:24: editions[x].sections[2].section: the text 'storys' is not allowed here\n"
     "    hint: did you mean 'stories'? Choose one of: changes, values, foundation, behaviours, "
     "stories, orientation, measures, ideas, acknowledgement, buddy-guide, answers"),
    ("editions:\n  - id: x\n    title: X\n    audience: Y\n    sections:\n      - page: welcom.md\n",
     "data/editions.yml:6:15: editions[x].sections[1].page: there is no page 'welcom.md' in handbook/\n"
     "    hint: did you mean 'welcome.md'? Pages: contribute.md, leadership.md, policies.md, "
     "welcome.md, why-service-matters.md"),
    ("editions:\n  - id: x\n    title: X\n    audience: Y\n    sections: [stories]\n"
     "    stories:\n      values: [kindness]\n      ids: [unfinished-draft]\n",
     "data/editions.yml:8:13: editions[x].stories.ids[1]: the story 'unfinished-draft' is draft, "
     "so it is not shown anywhere\n"
     "    hint: link a published story, or publish this one (status: published)\n"
     "data/editions.yml:7:16: editions[x].stories.values[1]: unknown value 'kindness'\n"
     "    hint: known values: respect, keep-promises"),
])
def test_bad_editions_are_reported_with_their_line(
    project: Path, editions_yml: str, expected: str, run_handbook: RunHandbook
) -> None:
    write(project, "data/editions.yml", editions_yml)
    result = run(project, "pdf")
    assert result.returncode == 1
    errors = expected.count("hint:")
    summary = f"{errors} error{'s' if errors > 1 else ''}, 0 warnings"
    assert result.stderr == f"Error: the handbook data has problems ({summary}):\n{expected}\n"


def test_unknown_edition_name(project: Path, run_handbook: RunHandbook) -> None:
    result = run(project, "pdf", "--edition", "complet")
    assert result.returncode == 1
    assert result.stderr == ("Error: there is no edition 'complet': did you mean 'complete'? "
                             "Editions: complete, orientation, promises\n")


def test_missing_font_keeps_the_old_pdf(project: Path, run_handbook: RunHandbook) -> None:
    assert run(project, "pdf", "-e", "promises").returncode == 0
    before = (project / "editions/promises.pdf").read_bytes()
    css = (REPO / "generator/templates/print/_fonts.css").read_text()
    write(project, "overrides/generator/print/_fonts.css",
          css.replace("Lato-Bold.ttf", "Lato-Heavy.ttf"))
    line = css.splitlines().index("""  src: url("{{ font_url('Lato-Bold.ttf') }}"); }""") + 1
    result = run(project, "pdf", "-e", "promises")
    assert result.returncode == 1
    fonts_dir = REPO / "generator/templates/print/fonts"
    assert result.stderr.endswith(
        f"\nError: {project / 'overrides/generator/print/_fonts.css'}:{line}: the font file "
        f"'Lato-Heavy.ttf' was not found in {project / 'overrides/generator/print/fonts'} or "
        f"{fonts_dir}; put it there or change the @font-face rule that asks for it\n")
    assert (project / "editions/promises.pdf").read_bytes() == before
    assert sorted(p.name for p in (project / "editions").iterdir()) == [
        "promises.manifest.json", "promises.pdf"]


def test_template_error_names_file_and_line(project: Path, run_handbook: RunHandbook) -> None:
    write(project, "overrides/generator/print/chapters/stories.html.jinja",
          "<p>{{ plan.stories | length }}</p>\n<p>{{ story.nope }}</p>\n")
    result = run(project, "pdf", "-e", "promises")
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"\nError: {project / 'overrides/generator/print/chapters/stories.html.jinja'}:2: "
        "'story' is undefined\n")
    assert not (project / "editions/promises.pdf").exists()


def test_an_image_from_the_web_is_refused(project: Path, run_handbook: RunHandbook) -> None:
    page = project / "handbook/welcome.md"
    page.write_text(page.read_text() + "\n![logo](https://example.org/logo.png)\n")
    result = run(project, "pdf", "-e", "complete")
    assert result.returncode == 1
    assert result.stderr.endswith(
        "\nError: the PDF could not be made as designed:\n"
        "  Failed to load image at 'https://example.org/logo.png': ValueError: "
        "https://example.org/logo.png is not a file of the project\n")
    assert not (project / "editions/complete.pdf").exists()


def test_short_stories_share_a_page_and_none_is_split(project: Path,
                                                      run_handbook: RunHandbook) -> None:
    stories = project / "data/stories"
    template = (stories / "late-order-explained.yml").read_text()
    for number in range(1, 9):
        (stories / f"short-{number}.yml").write_text(template.replace(
            "title: A late order explained before anyone asked",
            f"title: Short story number {number}").replace(
            "tip: Bad news travels better early, with a choice attached to it.",
            f"tip: The tip of short story number {number}."))
    long_action = "Tom called every customer the same morning and listened to each. " * 120
    (stories / "late-order-explained.yml").write_text(template.replace(
        "action: Tom called every customer the same morning,", f"action: {long_action}"))
    result = run(project, "pdf", "-e", "complete")
    assert result.returncode == 0, result.stderr
    texts = [fold(text) for text in page_texts(project / "editions/complete.pdf")]

    def pages_with(text: str) -> list[int]:
        return [index for index, page in enumerate(texts) if text in page]

    # The title is also in the contents and the lists before the stories chapter.
    starts = [max(pages_with(f"Short story number {n}")) for n in range(1, 9)]
    tips = [pages_with(f"The tip of short story number {n}.") for n in range(1, 9)]
    assert tips == [[page] for page in starts]  # each story whole, on the page it starts
    assert len(set(starts)) <= 4  # eight short stories on four pages at most
    assert len(pages_with("listened to each")) >= 2  # the story longer than a page, whole


def test_links_in_written_pages_print_a_page_number_or_an_address(
        project: Path, run_handbook: RunHandbook) -> None:
    write(project, "handbook/welcome.md", (
        "# Welcome\n\nRead [how to share a story](contribute.md), then [the leadership "
        "page](leadership.md) and <https://example.org/help>.\n"))
    assert run(project, "pdf", "-e", "complete").returncode == 0
    texts = [fold(text) for text in page_texts(project / "editions/complete.pdf")]
    welcome = next(text for text in texts if "Read how to share a story" in text)
    # contribute.md is printed in this edition: its page; leadership.md is not: its address.
    page = int(re.search(r"how to share a story \(p\. (\d+)\)", welcome)[1])
    assert "A short test page about Contribute." in texts[page - 1]
    assert "the leadership page (https://handbook.quayside.example/leadership/)" in welcome
    assert welcome.count("https://example.org/help") == 1  # written as its address: once


def test_edition_text_cannot_break_out_of_the_stylesheet(project: Path,
                                                         run_handbook: RunHandbook) -> None:
    editions = project / "data/editions.yml"
    hostile = "X</style><h1>INJECTED</h1><a rel=attachment href='mkdocs.yml'>x</a><style>"
    editions.write_text(editions.read_text().replace("title: Promises kept", f'title: "{hostile}"'))
    assert run(project, "pdf", "-e", "promises").returncode == 0
    pdf = project / "editions/promises.pdf"
    reader = pypdf.PdfReader(pdf)
    assert not reader.attachments
    texts = [fold(text) for text in page_texts(pdf)]
    assert hostile.replace(" ", "") in texts[0].replace(" ", "")  # on the cover, as typed
    assert not any(text.startswith("INJECTED") for text in texts)


def test_a_previous_edition_that_looks_like_an_option_is_refused(
        small: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    target = tmp_path / "pwned.tar"
    result = run(small, "pdf", "-e", "complete", "--since", f"--output={target}", "-o", "out")
    assert result.returncode == 1
    assert result.stderr.endswith(
        f"Error: '--output={target}' is not a commit or tag of this repository; give the previous "
        "edition as a tag (v2026.10), a commit, or the path of its .manifest.json file\n")
    assert not target.exists()


def test_changes_are_only_worked_out_for_editions_that_print_them(
        project: Path, run_handbook: RunHandbook) -> None:
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "one")
    git(project, "tag", "v1")
    # Old data is read tolerantly (unknown fields pass); YAML that does not parse cannot be.
    values = project / "data/values.yml"
    good = values.read_text()
    values.write_text(good.replace("values:", "values: [", 1))
    git(project, "commit", "-qam", "broken at v2")
    git(project, "tag", "v2")
    values.write_text(good)
    git(project, "commit", "-qam", "fixed")
    # v2's data cannot be read; the orientation edition has no changes chapter, so it is fine.
    assert run(project, "pdf", "-e", "orientation").returncode == 0
    # The complete edition has one: the guessed previous edition is reported, not fatal.
    result = run(project, "pdf", "-e", "complete")
    assert result.returncode == 0, result.stderr
    assert "\nwarning: the data at 'v2' could not be read to compare with" in result.stderr
    # Readers are not given a page saying so: the chapter is left out.
    assert "Changes in this edition" not in " ".join(
        page_texts(project / "editions/complete.pdf"))


def test_an_edition_can_print_only_the_latest_stories(project: Path) -> None:
    from generator.editions.plan import choose_stories
    from generator.schema.editions import Edition

    handbook, report = load(project)
    assert handbook is not None, report.format()
    # Worked out from the dates themselves, not from the order the model keeps them in.
    by_date = sorted(handbook.published, key=lambda s: (s.published or s.date), reverse=True)
    assert len(by_date) > 1 and (by_date[0].published or by_date[0].date) > (
        by_date[1].published or by_date[1].date), "the fixture's newest story is newest alone"
    edition = Edition.model_validate(
        {"id": "recent", "title": "T", "audience": "A", "sections": ["stories"],
         "stories": {"latest": 1}})
    assert [story.id for story in choose_stories(handbook, edition)] == [by_date[0].id]


def test_every_reading_of_the_orientation_path_has_a_page_in_the_booklet(
        small: Path, browser: Any, build_site: BuildSite) -> None:
    """Walk the path as a new hire sees it on the site; each reading it names must be in
    the printed orientation edition, with its page number, so the path can be done on
    paper before the acknowledgement is signed."""
    site = build_site(small, strict=False)
    with serve_folder(site) as base:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + "orientation/")
        # The readings of the steps: the links listed before the path's sign-off section.
        readings = page.eval_on_selector_all(
            "article li > a", """links => {
                const end = document.getElementById('sign-off');
                return links.filter(link => !end || (link.compareDocumentPosition(end)
                                                     & Node.DOCUMENT_POSITION_FOLLOWING))
                            .map(link => link.textContent.trim());
            }""")
        page.close()
    assert len(readings) >= 4
    booklet = " ".join(fold(text) for text in page_texts(small / "editions/orientation.pdf"))
    booklet = re.sub(r"\s+", " ", booklet)
    without_page = [reading for reading in readings
                    if not re.search(re.escape(reading) + r" \(p\. \d+\)", booklet)]
    assert without_page == []


def _structure_roles(pdf: Path) -> list[str]:
    """The roles of the PDF's structure tree, in reading order (depth first)."""
    reader = pypdf.PdfReader(pdf)
    roles: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            roles.append(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return roles


def test_editions_are_tagged_for_screen_readers(small: Path) -> None:
    pdf = small / "editions/complete.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    root = pypdf.PdfReader(pdf).trailer["/Root"]
    assert str(root["/Lang"]).lower().startswith("en")
    roles = _structure_roles(pdf)
    chapters = [title for depth, title, _ in outline(pdf) if depth == 0]
    assert roles.count("/H1") >= len(chapters)
    assert {"/P", "/L", "/LI", "/Link"} <= set(roles)
