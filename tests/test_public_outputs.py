"""What readers get (site, feed, PDFs, published manifests, the changelog) never shows what
only curators see: who curated a story, when to review it, consent dates. The changelog
speaks of reader-visible changes only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.history.commits import read_changelog
from generator.history.earlier_editions import snapshot_at_commit
from generator.kinds import BUILT_IN
from generator.kinds.behaviours.kind import Behaviour
from generator.kinds.foundation.kind import Element
from generator.kinds.stories.kind import Story
from generator.kinds.values.kind import Value
from generator.model.changes import compare
from generator.model.snapshots import take_snapshot

from .helpers import BuildSite, load
from .pdfs import page_texts
from .test_history import git, text_of

ENGLISH = BUILT_IN.catalogue("en")

CURATOR = "Quentin Curatorsson (people team)"
REVIEW_BY = "2031-02-03"
CONSENT = "2019-12-31"
STORY = "data/stories/late-order-explained.yml"


def _set(project: Path, relative: str, field: str, value: str) -> None:
    """Set a top-level field of a data file (or a person's consent, with `consent`)."""
    path = project / relative
    text = path.read_text()
    if field == "consent":
        text = re.sub(r"(?m)^(\s+consent: ).*$", rf"\g<1>{value}", text)
    elif re.search(rf"(?m)^{field}: ", text):
        text = re.sub(rf"(?m)^{field}: .*$", f"{field}: {value}", text)
    else:
        text += f"{field}: {value}\n"
    path.write_text(text)


def _stories(project: Path) -> list[str]:
    return [str(path.relative_to(project)) for path in sorted((project / "data/stories").glob("*.yml"))]


@pytest.fixture
def committed(project: Path) -> Path:
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-qm", "first version")
    git(project, "tag", "v1")
    return project


def _commit(project: Path, message: str, day: str) -> None:
    git(project, "commit", "-qam", message, when=f"{day}T10:00:00+00:00")


def test_a_commit_of_curator_only_fields_is_no_news(committed: Path) -> None:
    for story in _stories(committed):
        _set(committed, story, "curated_by", CURATOR)
        _set(committed, story, "review_by", REVIEW_BY)
        _set(committed, story, "consent", CONSENT)
    _commit(committed, "curators' records", "2026-11-02")
    changelog = read_changelog(committed, committed / "data")
    assert changelog.available
    assert [dated.change.describe(ENGLISH) for dated in changelog.changes] == []


def test_a_new_publication_date_is_no_news(committed: Path) -> None:
    """When a story went up is not what it says: readers were told when it was published."""
    _set(committed, STORY, "published", "2026-09-25")
    _set(committed, STORY, "curated_by", CURATOR)
    _commit(committed, "published later, by someone else", "2026-11-02")
    changelog = read_changelog(committed, committed / "data")
    assert [dated.change.describe(ENGLISH) for dated in changelog.changes] == []


def test_an_edition_lists_no_curator_only_changes(committed: Path) -> None:
    for story in _stories(committed):
        _set(committed, story, "curated_by", CURATOR)
        _set(committed, story, "review_by", REVIEW_BY)
    _commit(committed, "curators' records", "2026-11-02")
    handbook, report = load(committed)
    assert handbook is not None, report.format()
    before = snapshot_at_commit(committed, "v1", committed / "data")
    assert compare(before, take_snapshot(handbook)) == []


def test_a_manifest_of_an_earlier_format_is_compared_on_reader_fields(project: Path) -> None:
    """Manifests written before this rule held every field; their curator-only fields are
    not compared with today's, which has none."""
    handbook, report = load(project)
    assert handbook is not None, report.format()
    today = take_snapshot(handbook)
    earlier = json.loads(json.dumps(today))
    for entry in earlier["story"].values():
        entry["fields"].update(curated_by="Someone else", review_by="2020-01-01",
                               status="published", anonymised=False)
        entry["fields"]["renamed_from"] = entry.pop("renamed_from", [])
    assert compare(earlier, today) == []


def test_reader_fields_are_declared_fields_of_their_models() -> None:
    assert {kind.model for kind in BUILT_IN.followed} == {Value, Element, Behaviour, Story}
    for model in (kind.model for kind in BUILT_IN.followed):
        assert model.reader_fields, model
        assert set(model.reader_fields) <= set(model.model_fields), model
    assert not {"curated_by", "review_by", "status"} & set(Story.reader_fields)


def test_the_changes_page_names_reader_changes_only(committed: Path, build_site: BuildSite) -> None:
    _set(committed, STORY, "published", "2026-09-25")
    _set(committed, STORY, "curated_by", CURATOR)
    _set(committed, STORY, "review_by", REVIEW_BY)
    _commit(committed, "published later", "2026-11-02")
    config = committed / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      data_dir: data\n", "      data_dir: data\n      pdf: false\n"))
    _set(committed, STORY, "tip", "Tell them early, tell them why, and give them a choice.")
    _commit(committed, "a better tip", "2026-11-03")
    changes = text_of(build_site(committed), "changes")
    assert "3 Nov Story “A late order explained before anyone asked”: tip updated" in changes
    assert "curated" not in changes and "review" not in changes and "publication" not in changes
    assert changes.count("A late order explained before anyone asked") == 1


def test_no_public_output_carries_curator_only_fields(project: Path, build_site: BuildSite) -> None:
    """Curators' names, review and consent dates are written into every story; the site
    (but for the curators' own pages), the feed, the PDFs and the published manifests
    hold none of them."""
    for story in _stories(project):
        _set(project, story, "curated_by", CURATOR)
        _set(project, story, "review_by", REVIEW_BY)
        _set(project, story, "consent", CONSENT)
    site = build_site(project)
    manifests = sorted((site / "editions").glob("*.manifest.json"))
    assert manifests
    for manifest in manifests:
        data = json.loads(manifest.read_text())
        assert set(data) == {"format", "edition", "title", "version", "effective", "commit",
                             "fingerprint", "pages", "snapshot"}, manifest
        for kind, entries in data["snapshot"].items():
            for entry in entries.values():
                assert set(entry) == {"title", "fields", "renamed_from"}, manifest
                assert set(entry["fields"]) == set(BUILT_IN.kind[kind].model.reader_fields), manifest
    public = [path for path in site.rglob("*") if path.is_file()
              and path.suffix in {".html", ".json", ".xml", ".txt"}
              and "editors" not in path.relative_to(site).parts]
    assert any(path.name == "feed.xml" for path in public)
    for path in public:
        text = path.read_text(encoding="utf-8", errors="replace")
        for secret in (CURATOR, REVIEW_BY, CONSENT):
            assert secret not in text, (path, secret)
    for pdf in sorted((site / "editions").glob("*.pdf")):
        text = " ".join(" ".join(page.split()) for page in page_texts(pdf))
        for secret in (CURATOR, REVIEW_BY, CONSENT):
            assert secret not in text, (pdf, secret)
