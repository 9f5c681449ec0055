"""The recognition programme: lifecycle, consent, privacy, quality, digests, feed, report."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from datetime import date
from html import unescape
from pathlib import Path

import feedparser
import pexpect
import pytest
import yaml

from generator.site.feed import atom_feed

from .commands import RunHandbook
from .helpers import REPO, BuildSite, all_site_text, load, problems_text
from .pdfs import fold, missing_from, page_texts, text_sizes

HANDBOOK = str(Path(sys.executable).with_name("handbook"))
ENV = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
STORY = "data/stories/late-order-explained.yml"


def edit_story(project: Path, old: str, new: str, name: str = STORY) -> None:
    path = project / name
    assert old in path.read_text(), old
    path.write_text(path.read_text().replace(old, new, 1))


def handbook(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`handbook ARGS` with this module's environment, never a traceback; a test that calls
    it takes `run_handbook`."""
    result = subprocess.run([HANDBOOK, *args], cwd=project, capture_output=True, text=True,
                            env={**ENV, "HOME": str(project)}, timeout=300)
    assert "Traceback" not in result.stdout + result.stderr
    return result


# Lifecycle ---------------------------------------------------------------------------------

def test_a_published_story_names_its_date_and_curator(project: Path) -> None:
    edit_story(project, "published: 2026-09-20\ncurated_by: Mara Quill (shop manager)\n", "")
    assert problems_text(project) == (
        "data/stories/late-order-explained.yml:3:9: status: a published story needs its "
        "`published` date\n"
        "    hint: add `published: YYYY-MM-DD`, the day it goes on the board\n"
        "data/stories/late-order-explained.yml:3:9: status: a published story needs a curator\n"
        "    hint: add `curated_by:` with the name of who checked and published it"
    )
    edit_story(project, "status: published\n",
               "status: published\npublished: 2026-09-01\ncurated_by: Mara Quill\n")
    assert problems_text(project) == (
        "data/stories/late-order-explained.yml:4:12: published: it is published (2026-09-01) "
        "before it happened (2026-09-14)\n"
        "    hint: check both dates"
    )


def test_review_dates_advise_when_passed(project: Path) -> None:
    edit_story(project, "curated_by:", "review_by: 2026-11-01\ncurated_by:")
    from generator.loading.loader import load_handbook

    _, report = load_handbook(project / "data", project / "handbook", root=project,
                              today=date(2026, 10, 25))
    assert report.format() == ""
    _, report = load_handbook(project / "data", project / "handbook", root=project,
                              today=date(2026, 11, 23))
    assert report.format() == (
        "data/stories/late-order-explained.yml:5:12: advice: review_by: the story was due for "
        "review on 2026-11-01\n"
        "    hint: read it again: update `review_by` if it still holds, or retire it"
    )


def test_retired_story_leaves_everything_but_its_address(project: Path,
                                                         build_site: BuildSite) -> None:
    edit_story(project, "status: published", "status: retired")
    site = build_site(project)
    page = (site / "stories/late-order-explained/index.html").read_text()
    assert "This story was retired" in page
    assert "A late order explained" not in page and "Tom Achebe" not in page
    text = all_site_text(site).replace(page, "")
    assert "A late order explained" not in text and "Tom Achebe" not in text
    feed = feedparser.parse((site / "stories/feed.xml").read_text())
    assert [entry.title for entry in feed.entries] == ["A signed copy found for a birthday"]


# Consent and privacy ------------------------------------------------------------------------

def test_everyone_named_has_agreed(project: Path) -> None:
    edit_story(project, "    consent: 2026-09-18\n", "")
    assert problems_text(project) == (
        "data/stories/late-order-explained.yml:7:5: people[1]: Tom Achebe has not agreed to be "
        "named\n"
        "    hint: ask them (`consent_requested: YYYY-MM-DD` records when), then add "
        "`consent: YYYY-MM-DD`; or anonymise the story (`anonymised: true`, and a `role` for "
        "each person)"
    )


def test_anonymised_stories_need_roles_and_no_names(project: Path) -> None:
    edit_story(project, "people:\n", "anonymised: true\npeople:\n")
    assert problems_text(project) == (
        "data/stories/late-order-explained.yml:8:5: people[1]: an anonymised story shows Tom "
        "Achebe by a role, and there is none\n"
        "    hint: add `role:`, such as `a colleague at the front desk`\n"
        "data/stories/late-order-explained.yml:12:9: action: the name 'Tom' appears in an "
        "anonymised story\n"
        "    hint: write the person's role instead, or drop `anonymised`"
    )


def test_anonymised_people_are_shown_by_role_everywhere(project: Path,
                                                        build_site: BuildSite) -> None:
    edit_story(project, "people:\n", "anonymised: true\npeople:\n")
    edit_story(project, "    consent: 2026-09-18\n", "    role: an orders assistant\n")
    edit_story(project, "action: Tom called", "action: Our orders assistant called")
    site = build_site(project)
    story = (site / "stories/late-order-explained/index.html").read_text()
    assert "an orders assistant" in story
    text = all_site_text(site)
    assert "Tom Achebe" not in text and "Achebe" not in text
    feed = (site / "stories/feed.xml").read_text()
    assert "Achebe" not in feed and "an orders assistant" in feed
    pdf = " ".join(page_texts(site / "editions/complete.pdf"))
    assert "Achebe" not in pdf and "an orders assistant" in fold(pdf)


@pytest.mark.parametrize(("text", "found", "column"), [
    ("Tom wrote to jane.doe+books@example.com at once.", "an email address ('jane.doe+books@example.com')", 23),
    ("Tom rang her on +44 113 496 0123 that morning.", "a phone number ('+44 113 496 0123')", 26),
    ("She read out her card, 4111 1111 1111 1111, to Tom.", "a payment card number ('4111 1111 1111 1111')", 33),
    ("The refund went to GB82 WEST 1234 5698 7654 32 the same day.", "a bank account number (IBAN) ('GB82 WEST 1234 5698 7654 32')", 29),
])
def test_personal_data_in_published_text(project: Path, text: str, found: str, column: int) -> None:
    edit_story(project, "outcome: Nobody cancelled,", f"outcome: {text} Nobody cancelled,")
    assert problems_text(project) == (
        f"data/stories/late-order-explained.yml:12:{column}: outcome: the text holds what looks "
        f"like {found}\n"
        "    hint: everyone can read the handbook: leave out customers' contact and payment details"
    )


def test_personal_data_is_found_on_its_line_in_a_block(project: Path) -> None:
    edit_story(project, "tip: Bad news travels better early, with a choice attached to it.",
               "tip: |\n  Bad news travels better early.\n  Call 0113 496 0999 if unsure.")
    assert problems_text(project) == (
        "data/stories/late-order-explained.yml:15:8: tip: the text holds what looks like a phone "
        "number ('0113 496 0999')\n"
        "    hint: everyone can read the handbook: leave out customers' contact and payment details"
    )


def test_numbers_that_are_not_personal_data(project: Path) -> None:
    edit_story(project, "outcome: Nobody cancelled,",
               "outcome: A 100-mile ride on 2026-09-20 with 2,000 riders and order #12345. "
               "Nobody cancelled,")
    assert problems_text(project) == ""


def test_story_text_is_shown_as_text(project: Path, build_site: BuildSite) -> None:
    edit_story(project, "outcome: Nobody cancelled,",
               "outcome: \"<script>alert(1)</script> [x](javascript:alert(2)) {{ 7*7 }} ??? note "
               "Nobody cancelled,")
    edit_story(project, "Nobody cancelled, and three parents wrote to thank the shop for the "
               "early warning.", "and three parents wrote to thank the shop.\"")
    site = build_site(project)
    page = (site / "stories/late-order-explained/index.html").read_text()
    assert "<script>alert" not in page and 'href="javascript' not in page
    assert "<details" not in page
    shown = unescape(re.sub(r"<[^>]+>", "", page))
    assert "<script>alert(1)</script> [x](javascript:alert(2)) {{ 7*7 }} ??? note" in shown


# Quality -------------------------------------------------------------------------------------

def test_quality_rules_name_the_rule_that_failed(project: Path, run_handbook: RunHandbook) -> None:
    edit_story(project, "tip: Bad news travels better early, with a choice attached to it.",
               "tip: Call early.")
    edit_story(project, "situation: A supplier delay meant twenty school orders would arrive a "
               "week after the term started.", "situation: Books were late.")
    _, report = load(project)
    assert report.format() == (
        "data/stories/late-order-explained.yml:10:12: warning: situation: quality: the situation "
        "has 3 words; a story needs at least 15 here\n"
        "    hint: tell what the customer or colleague needed, and what made it hard\n"
        "data/stories/late-order-explained.yml:13:6: warning: tip: quality: the tip has 2 words; "
        "a story needs at least 8 here\n"
        "    hint: tell what a colleague meeting something like it should know"
    )
    assert handbook(project, "check").returncode == 0
    assert handbook(project, "check", "--strict").returncode == 1


# Digest, feed, notice board, report -----------------------------------------------------------

@pytest.mark.sample
def test_monthly_digest_puts_featured_first_then_values_then_tips(shipped_site: Path) -> None:
    site = shipped_site
    html = (site / "stories/archive/2026-11/index.html").read_text()
    article = html.split('md-content__inner md-typeset">')[1]
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())
    assert text.startswith("Service stories — November 2026 ¶ 3 stories published in November "
                           "2026: colleagues who did it right")
    order = [heading for heading in re.findall(r'<h2 id="([^"]+)"', html)]
    assert order == ["featured", "growth", "keep-promises", "tips"]
    featured = html.split('id="featured"')[1].split('id="growth"')[0]
    assert "A damaged cargo bike replaced and delivered within a day" in featured
    tips = html.split('id="tips"')[1]
    assert tips.count("<li>") == 3
    assert "Print this month for the notice board (PDF)" in html
    assert (site / "editions/notice-board-2026-11.pdf").is_file()


@pytest.mark.sample
def test_feed_is_valid_atom_with_stable_ids(shipped_site: Path) -> None:
    site = shipped_site
    feed = feedparser.parse((site / "stories/feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "The Bramblecote Way: service stories"
    handbook_, _ = load(REPO)
    assert handbook_ is not None
    published = handbook_.published
    assert [e.title for e in feed.entries] == [s.title for s in published]
    first = feed.entries[0]
    story = published[0]
    assert first.id.startswith("urn:uuid:")
    assert first.link == f"https://handbook.bramblecote.example/stories/{story.id}/"
    assert first.published_parsed[:3] == story.published.timetuple()[:3]
    assert {tag.term for tag in first.tags} == set(story.values)
    anonymised = next(e for e in feed.entries if "delivery delay" in e.title)
    assert "a support adviser in Lisbon" in anonymised.content[0].value
    assert "Sofia" not in (site / "stories/feed.xml").read_text()
    head = (site / "index.html").read_text()
    assert '<link rel="alternate feed" type="application/atom+xml" title="Service stories" ' \
           'href="stories/feed.xml">' in head


def test_feed_ids_do_not_depend_on_the_site_address(project: Path) -> None:
    """Setting `site_url` later must not make feed readers show every story again."""
    handbook_, _ = load(project)
    assert handbook_ is not None and handbook_.published
    org = handbook_.organisation
    feeds = [
        feedparser.parse(atom_feed(dataclasses.replace(
            handbook_, organisation=org.model_copy(update={"site_url": site_url}))))
        for site_url in (None, "https://one.example/handbook/", "https://two.example/")
    ]
    ids = [[entry.id for entry in feed.entries] for feed in feeds]
    assert ids[0] and ids[0] == ids[1] == ids[2]
    assert len(set(ids[0])) == len(ids[0])
    assert feeds[0].feed.id == feeds[1].feed.id == feeds[2].feed.id


def test_a_handbook_with_no_stories_has_an_empty_valid_feed(project: Path) -> None:
    handbook_, _ = load(project)
    assert handbook_ is not None
    empty = dataclasses.replace(handbook_, entries={**handbook_.entries, "story": []})
    feed = feedparser.parse(atom_feed(empty))
    assert not feed.bozo and feed.version == "atom10" and feed.entries == []


def test_notice_board_pdf_prints_one_story_per_sheet_the_first_under_the_masthead(
    small_site: Path, project: Path, run_handbook: RunHandbook,
) -> None:
    result = handbook(project, "pdf", "--notice-board", "2026-10", "-o", "boards")
    assert result.returncode == 0, result.stderr
    # The month's one story shares the first sheet with the masthead: no sheet of title alone.
    assert result.stdout == "Wrote boards/notice-board-2026-10.pdf: 1 page.\n"
    texts = [fold(text) for text in page_texts(project / "boards/notice-board-2026-10.pdf")]
    assert missing_from(texts[0], "QUAYSIDE BOOKS", "Service stories, October 2026",
                        "A signed copy found for a birthday",
                        "Ines Marlow (Front desk) · 2 October 2026") == []
    assert "Tip for colleagues. Ask other shops" in texts[0]
    # The address is what a passer-by copies down: as large as the story's own text.
    sizes = text_sizes(project / "boards/notice-board-2026-10.pdf")
    address = [size for text, size in sizes if "handbook.quayside.example" in text]
    body = [size for text, size in sizes if "Ask other shops" in text]
    assert address and body and min(address) >= max(body) - 0.5, sizes
    wrong = handbook(project, "pdf", "--notice-board", "2026-13")
    assert wrong.returncode == 1
    assert wrong.stderr == "Error: --notice-board '2026-13': give a month as YYYY-MM, like 2026-11\n"
    empty = handbook(project, "pdf", "--notice-board", "2025-01")
    assert empty.returncode == 1
    assert empty.stderr == ("Error: no story was published in 2025-01; recent months with "
                            "stories: 2026-10, 2026-09\n")


def test_report_counts_what_curators_need(project: Path, run_handbook: RunHandbook) -> None:
    result = handbook(project, "report", "--months", "3", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Story coverage from 2026-09-01 to 2026-11-23 (the last 3 months)\n"
        "\n"
        "Values with no published story in this time: 0\n"
        "\n"
        "Behaviours with no published story in this time: 1\n"
        "  - Help a colleague first (help-a-colleague)\n"
        "\n"
        "Stories due for review: 0\n"
        "\n"
        "Drafts waiting for a curator: 1\n"
        "  - unfinished-draft: DRAFT-ONLY-TITLE\n"
        "\n"
        "Drafts waiting on consent to be named: 0\n"
        "\n"
        "Stories per value  in all  in this time\n"
        "Respect                 1             1\n"
        "Keep our promises       2             2\n"
        "\n"
        "Stories published per month\n"
        "2026-09  # 1\n"
        "2026-10  # 1\n"
        "2026-11   0\n"
        "\n"
        "Measures not on target: 1\n"
        "  - Hours to answer a colleague (colleague-requests): 4.5 hours in October 2026, "
        "target at most 4 hours\n"
        "\n"
        "Measures with no recent figures: 0\n"
    )


def test_coverage_page_for_editors_hides_drafts(small_site: Path) -> None:
    page = (small_site / "editors/coverage/index.html").read_text()
    assert "DRAFT-ONLY-TITLE" not in page
    assert "1 draft is waiting for a curator" in page
    assert "Help a colleague first" in page
    nav = page.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "coverage" not in nav


# Authoring -----------------------------------------------------------------------------------

def test_new_story_asks_in_a_terminal_and_checks_each_answer(
        project: Path, run_handbook: RunHandbook) -> None:
    # In a terminal of its own, which `run_handbook` does not give the command.
    child = pexpect.spawn(HANDBOOK, ["new", "story"], cwd=str(project), encoding="utf-8",
                          timeout=30, env={**ENV, "TERM": "dumb", "HOME": str(project)})
    child.expect("Headline: what happened: ")
    child.sendline("A map drawn for a lost tourist")
    child.expect(r"When did it happen \(YYYY-MM-DD\) \[\d{4}-\d\d-\d\d\]: ")
    child.sendline("2026-02-30")
    child.expect("Error: '2026-02-30' is not a date like 2026-03-14")
    child.sendline("2026-11-02")
    child.expect("Who is recognised, as 'Name, Team': ")
    child.sendline("Ines Marlow")
    child.expect("Error: 'Ines Marlow' is not 'Name, Team'")
    child.sendline("Ines Marlow, Front desk")
    child.expect(r"Has Ines Marlow agreed to be named in the story \[y/N\]: ")
    child.sendline("y")
    child.expect(r"\(Enter when that is all\): ")
    child.sendline("")
    child.expect(r"Which values does it show \(ids, separated by commas\): ")
    child.sendline("respec")
    child.expect("Error: 'respec' is not one of the values: did you mean 'respect'?")
    child.sendline("respect")
    child.expect(r"Enter for none\): ")
    child.sendline("return-calls")
    child.expect(r"what made it hard\?: ")
    child.sendline("A tourist could not find the harbour ferry: the map was old.")
    for _ in range(3):
        child.expect(r"\?: ")
        child.sendline("")
    child.expect("Wrote data/stories/a-map-drawn-for-a-lost-tourist.yml: fill in the action, "
                 "outcome and tip.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    written = (project / "data/stories/a-map-drawn-for-a-lost-tourist.yml").read_text()
    [person] = yaml.safe_load(written)["people"]
    assert (person["name"], person["team"]) == ("Ines Marlow", "Front desk")
    assert isinstance(person["consent"], date)  # asked, and agreed
    assert "situation: |\n  A tourist could not find the harbour ferry: the map was old.\n" in written
    assert "behaviours: [return-calls]" in written
    assert handbook(project, "check", "--strict").returncode == 0


TEAM_STORY = """title: The orders team cleared the backlog before term
date: 2019-06
status: published
published: 2026-10-20
curated_by: Shop manager
people:
  - team: Orders
situation: Two hundred school orders were waiting when the supplier finally delivered them to the shop, a whole week late.
action: The whole team stayed on for an evening, sorted every order by school and class, and called each family to say when to collect.
outcome: Every pupil had their books on the first day of term, and the schools ordered again.
tip: When everyone pulls together for one evening, a week's delay can still be made up.
source:
  text: A letter from the head of Harbour Primary
  url: https://letters.example.org/harbour-primary
values: [keep-promises]
"""

ANONYMOUS_STORY = """title: A customer's wallet returned before closing
date: 2018
status: published
published: 2026-10-21
curated_by: Shop manager
anonymised: true
people:
  - role: a bookseller on the late shift
situation: A customer left a wallet on the counter in the last hour, and the shop was about to close.
action: The bookseller found an address card inside, locked up on time and walked it round to the flat on the way home that night.
outcome: The customer came in the next day to say thank you, and brought a neighbour who now shops with us.
tip: Not one of them expected a stranger to walk a wallet home; small kindnesses travel.
values: [respect]
"""


def test_teams_unnamed_people_and_approximate_dates_are_shown_as_such(
        project: Path, build_site: BuildSite) -> None:
    stories = project / "data" / "stories"
    (stories / "backlog-cleared.yml").write_text(TEAM_STORY, encoding="utf-8")
    (stories / "wallet-returned.yml").write_text(ANONYMOUS_STORY, encoding="utf-8")
    site = build_site(project)  # strict: no consent is asked of a team or of nobody named
    team = unescape((site / "stories/backlog-cleared/index.html").read_text(encoding="utf-8"))
    assert "June 2019 · Orders" in team
    assert ('<p class="hb-related">Source: <a href="https://letters.example.org/harbour-primary">'
            "A letter from the head of Harbour Primary</a></p>") in team
    anonymous = unescape((site / "stories/wallet-returned/index.html").read_text(
        encoding="utf-8"))
    assert "2018 · a bookseller on the late shift" in anonymous
    printed = fold("\n".join(page_texts(site / "editions" / "complete.pdf")))
    assert "June 2019 · Orders" in printed and "2018 · a bookseller on the late shift" in printed
    assert "Source: A letter from the head of Harbour Primary" in printed


@pytest.mark.parametrize(("written", "message"), [
    ("date: 2019-13", "'2019-13' is not a real month"),
    ("date: 1019", "'1019' has the year 1019; dates are from 1900 to 2200"),
    ("date: June 2019", "'June 2019' is not a date in the form YYYY-MM-DD"),
])
def test_an_approximate_date_is_still_checked(project: Path, written: str, message: str) -> None:
    story = project / "data" / "stories" / "backlog-cleared.yml"
    story.write_text(TEAM_STORY.replace("date: 2019-06", written), encoding="utf-8")
    assert message in problems_text(project)


def test_someone_recognised_needs_a_name_a_team_or_a_role(project: Path) -> None:
    story = project / "data" / "stories" / "backlog-cleared.yml"
    story.write_text(TEAM_STORY.replace("  - team: Orders", "  - consent: 2026-10-01"),
                     encoding="utf-8")
    assert "someone recognised has neither a name nor a team" in problems_text(project)
