"""Fast tests of the pure core: addresses, links, comparing snapshots, month arithmetic,
redirects and the registry of kinds. No build, no git, no browser: `make test-fast` runs
these (with the rest of the unmarked tests) in seconds, for the inner loop."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from generator.kinds import BUILT_IN
from generator.model import links
from generator.model.changes import Change, compare
from generator.model.coverage import _month_range, _months_before
from generator.site.redirects import _page, _relative_url

ENGLISH = BUILT_IN.catalogue("en")


@pytest.mark.parametrize(("path", "url"), [
    ("index.md", ""),
    ("values/index.md", "values/"),
    ("values/respect.md", "values/respect/"),
    ("foundation.md#greeting", "foundation/#greeting"),
    ("stories/archive/2026-11.md", "stories/archive/2026-11/"),
])
def test_url_of(path: str, url: str) -> None:
    assert links.url_of(path) == url


@pytest.mark.parametrize(("here", "target", "link"), [
    ("index.md", "values/respect.md", "values/respect.md"),
    ("values/respect.md", "stories/x.md", "../stories/x.md"),
    ("stories/archive/2026-11.md", "index.md", "../../index.md"),
    ("foundation.md", "foundation.md#greeting", "#greeting"),
    ("values/respect.md", "foundation.md#greeting", "../foundation.md#greeting"),
])
def test_relative_link(here: str, target: str, link: str) -> None:
    assert links.relative_link(here, target) == link


def test_pages_of_entries() -> None:
    assert links.value_page("respect") == "values/respect.md"
    assert links.story_page("a-story") == "stories/a-story.md"
    assert links.month_page("2026-11") == "stories/archive/2026-11.md"
    assert links.page_of("welcome.md", BUILT_IN) == "welcome.md"
    with pytest.raises(TypeError):
        links.page_of(3, BUILT_IN)


def _entry(title: str, **fields: Any) -> dict[str, Any]:
    return {"title": title, "fields": {"name": title, **fields}, "renamed_from": []}


def test_compare_finds_added_changed_renamed_and_removed() -> None:
    old = {"value": {"respect": _entry("Respect", statement="a"),
                     "care": _entry("Care"), "gone": _entry("Gone")}}
    renamed = _entry("Care")
    renamed["renamed_from"] = ["care"]
    new = {"value": {"respect": _entry("Respect", statement="b"), "kindness": renamed,
                     "fresh": _entry("Fresh")}}
    changes = compare(old, new)
    assert [(c.action, c.id) for c in changes] == [
        ("added", "fresh"), ("changed", "kindness"), ("changed", "respect"), ("removed", "gone")]
    assert changes[1].old_id == "care"
    assert changes[2].fields == ("statement",)


def test_compare_of_equal_snapshots_is_empty() -> None:
    snapshot = {"story": {"s": _entry("S", tip="t")}}
    assert compare(snapshot, snapshot) == []


def test_change_sentences_name_the_kind() -> None:
    assert Change("element", "e", "Greeting", "added").describe(ENGLISH) == \
        "New foundation element: Greeting"
    assert Change("value", "v", "Care", "removed").describe(ENGLISH) == "Value removed: Care"


@pytest.mark.parametrize(("day", "months", "start"), [
    (date(2026, 11, 24), 12, date(2025, 11, 1)),
    (date(2026, 1, 31), 1, date(2025, 12, 1)),
    (date(2026, 3, 1), 14, date(2025, 1, 1)),
])
def test_months_before(day: date, months: int, start: date) -> None:
    assert _months_before(day, months) == start


def test_month_range_crosses_the_year() -> None:
    assert _month_range(date(2025, 11, 5), date(2026, 2, 1)) == [
        "2025-11", "2025-12", "2026-01", "2026-02"]
    assert _month_range(date(2026, 3, 1), date(2026, 2, 1)) == []


@pytest.mark.parametrize(("old", "new", "directory_urls", "url"), [
    ("values/care.md", "values/kindness.md", True, "../kindness/"),
    ("stories/old.md", "stories/new.md", True, "../new/"),
    ("values/care.md", "values/kindness.md", False, "kindness.html"),
])
def test_redirects_point_relative_to_the_old_address(
        old: str, new: str, directory_urls: bool, url: str) -> None:
    assert _relative_url(old, new, directory_urls) == url


def test_a_redirect_page_escapes_its_address() -> None:
    page = _page('x" onload="alert(1)', ENGLISH)
    assert 'onload="alert' not in page and "x&#34; onload=&#34;alert(1)" in page


def test_the_registry_is_consistent() -> None:
    kinds = BUILT_IN
    names = [kind.name for kind in kinds.kinds]
    assert len(names) == len(set(names)) and kinds.kind.keys() == set(names)
    lists_in_files = {name for single in kinds.single_files for name in single.lists}
    for kind in kinds.kinds:
        if kind.list_name is not None:  # its list is one of a data file's lists
            assert kind.list_name in lists_in_files, kind.name
            assert kinds.list_kinds[kind.list_name] is kind
        if kind.followed:  # the changelog needs what readers see and earlier ids
            assert kind.model.reader_fields and "renamed_from" in kind.model.model_fields
    assert [kind.name for kind in kinds.followed] == ["value", "element", "behaviour", "story"]


def test_a_story_dated_by_its_year_reads_alike_from_git_and_from_the_model() -> None:
    from generator.kinds.stories.story_dates import parse_story_date
    from generator.model.snapshots import entry_view

    from_git = entry_view("story", "x", {"date": 2019, "title": "T"})
    from_model = entry_view("story", "x", {"date": parse_story_date(2019).text, "title": "T"})
    assert from_git["fields"]["date"] == from_model["fields"]["date"] == "2019"
    assert entry_view("story", "x", {"date": "2019-06-14"})["fields"]["date"] == "2019-06-14"
