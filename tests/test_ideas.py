"""Ideas we acted on: `data/ideas/`, one idea per file with the stories' lifecycle and
rules; the page (and chapter) that shows the published ones; and the idea form, from a
submitted issue to a draft that names nobody who did not agree.

Every test works on the small fixture (or a copy of it), never on the sample's ideas."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator import kinds

from .commands import RunHandbook
from .helpers import BuildSite, load, make_project, problems_text, write
from .test_story_intake import BODIES, intake, only_document

IDEA = "data/ideas/order-updates-by-text.yml"
DRAFT_TITLE = "Open late on Thursdays"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def _replace(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(project: Path, relative: str, start: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def test_ideas_load_from_their_folder_and_subfolders_and_only_published_ones_are_shown(
        project: Path) -> None:
    moved = project / "data/ideas/2026/order-updates-by-text.yml"
    moved.parent.mkdir()
    (project / IDEA).rename(moved)
    handbook_, report = load(project)
    assert handbook_ is not None, report.format()
    assert {idea.id for idea in handbook_.of(kinds.IDEA)} == {"order-updates-by-text",
                                                         "late-opening"}
    assert [idea.id for idea in handbook_.shown(kinds.IDEA)] == ["order-updates-by-text"]
    assert handbook_.find(kinds.IDEA, "order-updates-by-text").written_in.file == (
        "data/ideas/2026/order-updates-by-text.yml")


def test_the_same_id_in_two_folders_is_refused(project: Path) -> None:
    write(project, "data/ideas/2025/late-opening.yml",
          (project / "data/ideas/late-opening.yml").read_text(encoding="utf-8"))
    assert ("data/ideas/late-opening.yml: the idea id 'late-opening' is already used by "
            "data/ideas/2025/late-opening.yml") in problems_text(project)


def test_a_published_idea_needs_what_changed_a_curator_and_consent(project: Path) -> None:
    _replace(project, IDEA, "    consent: 2026-04-30\n", "")
    _replace(project, IDEA, "curated_by: Sam Rivers\n", "")
    _replace(project, IDEA, "changed: |\n  The counter now texts every customer the day "
             "their order arrives.\n", "")
    text = problems_text(project)
    status = _line_of(project, IDEA, "status:")
    person = _line_of(project, IDEA, "  - name: Noor Haddad")
    assert f"{IDEA}:{status}:" in text and "a published idea needs a curator" in text
    assert "a published idea needs `changed`: what we do differently" in text
    assert f"{IDEA}:{person}:" in text and "Noor Haddad has not agreed to be named" in text
    assert "or leave them out, or name their team alone" in text
    assert "anonymise" not in text, "ideas have no anonymised form to suggest"


def test_customers_contact_details_are_refused_in_an_idea_as_in_a_story(project: Path) -> None:
    _replace(project, IDEA, "Noor suggested", "Mrs Adeyemi (07700 900123) suggested, and Noor")
    text = problems_text(project)
    line = _line_of(project, IDEA, "  Customers kept ringing")
    assert f"{IDEA}:{line}:" in text and "07700 900123" in text


def test_a_draft_idea_needs_nothing_but_what_was_raised(project: Path) -> None:
    write(project, "data/ideas/bare.yml", "title: A bare idea\ndate: 2026\nraised: Just this.\n")
    handbook_, report = load(project)
    assert handbook_ is not None, report.format()
    write(project, "data/ideas/bare.yml", "title: A bare idea\ndate: 2026\n")
    assert "data/ideas/bare.yml:1:1: raised: the field 'raised' is missing" in (
        problems_text(project))


def test_the_ideas_page_shows_published_ideas_with_what_changed(
        project: Path, small_site: Path) -> None:
    site = small_site  # the small fixture as `project` holds it, built once for the run
    page = (site / "ideas/index.html").read_text(encoding="utf-8")
    handbook_, _ = load(project)
    assert handbook_ is not None
    [shown] = handbook_.shown(kinds.IDEA)
    assert f'id="{shown.id}"' in page and shown.title in page
    assert shown.changed.split()[0] in page
    assert DRAFT_TITLE not in page, "a draft is shown nowhere"
    assert DRAFT_TITLE not in (site / "search/search_index.json").read_text(encoding="utf-8")
    assert 'href="ideas/"' in (site / "index.html").read_text(encoding="utf-8"), "in the nav"


def test_a_nav_written_before_ideas_existed_gets_the_ideas_page_added(
        project: Path, build_site: BuildSite) -> None:
    settings = project / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "  - Ideas we acted on: ideas.md\n", ""), encoding="utf-8")
    assert "ideas.md" not in settings.read_text(encoding="utf-8")
    site = build_site(project)  # strict: a page the nav cannot place would stop it
    assert 'href="ideas/"' in (site / "index.html").read_text(encoding="utf-8")


def test_a_handbook_without_published_ideas_has_no_ideas_page(
        project: Path, build_site: BuildSite) -> None:
    _replace(project, IDEA, "status: published", "status: retired")
    site = build_site(project)
    assert not (site / "ideas").exists()
    assert 'href="ideas/"' not in (site / "index.html").read_text(encoding="utf-8")


def test_the_ideas_page_offers_the_idea_form_and_email(project: Path,
                                                       build_site: BuildSite) -> None:
    _replace(project, "data/organisation.yml", "https://git.example.org/quayside/handbook",
             "https://github.com/quayside/handbook")
    (project / "data/organisation.yml").open("a").write("story_email: ideas@quayside.example\n")
    page = (build_site(project) / "ideas/index.html").read_text(encoding="utf-8")
    assert "https://github.com/quayside/handbook/issues/new?template=raise-an-idea.yml" in page
    assert "mailto:ideas@quayside.example?subject=Idea%3A%20" in page


def _ideas(project: Path) -> set[str]:
    folder = project / "data/ideas"
    return {path.name for path in folder.rglob("*.yml")} if folder.exists() else set()


def _new_idea(project: Path, body: Path,
              run_handbook: RunHandbook) -> subprocess.CompletedProcess[str]:
    return run_handbook(project, "new", "idea", "--from-issue", str(body))


def _written_idea(project: Path, before: set[str]) -> dict[str, object]:
    [name] = _ideas(project) - before
    return only_document(project / "data/ideas" / name)


def test_a_submitted_idea_becomes_a_draft_naming_only_who_agreed(
        project: Path, run_handbook: RunHandbook) -> None:
    before = _ideas(project)
    result = _new_idea(project, BODIES / "idea.md", run_handbook)
    assert result.returncode == 0, result.stderr
    idea = _written_idea(project, before)
    assert idea["status"] == "draft" and idea["kind"] == "idea"
    assert idea["title"] == "Text customers when their special order arrives"
    assert idea["people"] == [{"name": "Noor Haddad", "team": "Counter"}]
    assert idea["values"] == ["keep-promises"]
    assert "two or three times" in str(idea["raised"]) and "changed" not in idea
    assert run_handbook(project, "check").returncode == 0

    unticked = (BODIES / "idea.md").read_text(encoding="utf-8").replace(
        "- [X] I agree", "- [ ] I agree").replace("Text customers", "Texting customers")
    (project / "unticked.md").write_text(unticked, encoding="utf-8")
    before = _ideas(project)
    assert _new_idea(project, project / "unticked.md", run_handbook).returncode == 0
    assert "people" not in _written_idea(project, before), "not named without agreeing"


def test_an_idea_form_with_two_kinds_or_no_headline_is_refused_with_its_lines(
        project: Path, run_handbook: RunHandbook) -> None:
    body = (BODIES / "idea.md").read_text(encoding="utf-8").replace(
        "- [ ] Something going wrong", "- [x] Something going wrong").replace(
        "Text customers when their special order arrives", "_No response_").replace(
        "- [ ] Respect", "- [X] Courage")
    (project / "bad.md").write_text(body, encoding="utf-8")
    before = _ideas(project)
    result = _new_idea(project, project / "bad.md", run_handbook)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = body.split("\n")
    assert f"bad.md:{lines.index('### In a line') + 1}: 'In a line' has no answer" in (
        result.stderr)
    assert f"bad.md:{lines.index('### What is it?') + 1}: tick one box" in result.stderr
    assert "'Courage' is not one of the boxes of 'Values it serves'" in result.stderr
    assert _ideas(project) == before, "nothing is written"


def test_the_workflows_intake_step_drafts_an_idea_with_the_ideas_checklist(
        project: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    done = intake(project, BODIES / "idea.md", tmp_path / "ok", kind="idea")
    assert done.returncode == 0, done.stdout + done.stderr
    written = done.stdout.strip().splitlines()[-1]
    assert written.startswith("data/ideas/") and (project / written).is_file()
    description = (tmp_path / "ok/intake/pr-body.md").read_text(encoding="utf-8")
    assert "Closes #12" in description and written in description
    assert "- [ ] `changed:` says what we do differently now" in description
    assert "agreed to be thanked by name" in description

    failed = intake(project, BODIES / "github.md", tmp_path / "bad", kind="idea")
    assert failed.returncode == 1, "a story's form is not an idea's"
    comment = (tmp_path / "bad/intake/comment.md").read_text(encoding="utf-8")
    assert "'In a line' has no answer" in comment and "`approved-idea`" in comment
