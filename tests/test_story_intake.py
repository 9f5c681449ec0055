"""Stories from colleagues without git: the story form written from the data, a submitted
form turned into a draft (`handbook new story --from-issue`), and the script the intake
workflow runs, run here exactly as the workflow runs it.

Bodies are in tests/fixtures/issue_bodies/, laid out as GitHub writes an issue form's answers
(`### Label`, `_No response_`, `- [X]`), for the small fixture's values and behaviours.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from generator.intake.forms import (
    GITHUB_FORM,
    GITLAB_TEMPLATE,
    IDEA_FORM,
    QUESTIONS,
    SHARE_MARKER,
    form_address,
    mail_body,
)
from generator.model import links

from .browser import DESKTOP, serve_folder
from .commands import RunHandbook
from .form_preview import form_page
from .helpers import REPO, BuildSite, load

BODIES = Path(__file__).parent / "fixtures/issue_bodies"
BIN = REPO / ".venv/bin"
WORKFLOW = ".github/workflows/story-intake.yml"


def _stories(project: Path) -> set[str]:
    return {path.name for path in (project / "data/stories").rglob("*.yml")}


def _convert(project: Path, body: Path,
             run_handbook: RunHandbook) -> subprocess.CompletedProcess[str]:
    return run_handbook(project, "new", "story", "--from-issue", str(body))


def _written(project: Path, before: set[str]) -> dict[str, object]:
    [name] = _stories(project) - before
    return only_document(project / "data/stories" / name)


def only_document(path: Path) -> dict[str, object]:
    """A written draft's data, which is one YAML document whatever the answers held."""
    documents = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    assert len(documents) == 1, "one YAML document, whatever the answers held"
    written: dict[str, object] = documents[0]
    return written


def test_a_submitted_form_becomes_a_draft_that_publishes_nothing(
        project: Path, run_handbook: RunHandbook) -> None:
    before = _stories(project)
    result = _convert(project, BODIES / "github.md", run_handbook)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote data/stories/")
    story = _written(project, before)
    assert story["status"] == "draft" and story["featured"] is False
    assert story["title"] == "A signed copy found for a birthday on a Sunday"
    assert story["people"] == [{"name": "Priya Nair", "team": "Quayside shop"},
                               {"name": "Tom Becker", "team": "Harbour Street"}]
    assert story["values"] == ["respect", "keep-promises"]
    assert story["behaviours"] == ["help-a-colleague"]
    assert str(story["date"]) == "2026-10-04"
    assert "drove it over after closing.\n\nShe wrapped it" in str(story["action"])
    # No consent date comes from a form: the curator records it after asking.
    assert all("consent" not in person for person in story["people"])  # type: ignore[attr-defined]
    handbook_, report = load(project)
    assert handbook_ is not None, report.format()
    assert story["title"] not in [s.title for s in handbook_.published]


def test_answers_that_look_like_yaml_html_or_templates_stay_text(
        project: Path, run_handbook: RunHandbook) -> None:
    body = (BODIES / "github.md").read_text(encoding="utf-8").replace(
        "A signed copy found for a birthday on a Sunday",
        '<script>alert("x")</script> --- title: "injected" {{ config }}').replace(
        "A customer needed a signed copy",
        "status: published\nfeatured: true\n---\nvalues: [respect]\nA customer needed a copy")
    (project / "body.md").write_text(body, encoding="utf-8")
    before = _stories(project)
    result = _convert(project, project / "body.md", run_handbook)
    assert result.returncode == 0, result.stderr
    story = _written(project, before)
    assert story["status"] == "draft" and story["featured"] is False
    assert story["title"] == '<script>alert("x")</script> --- title: "injected" {{ config }}'
    assert str(story["situation"]).startswith("status: published\nfeatured: true\n---\n")
    assert run_handbook(project, "check").returncode == 0


def test_a_question_asked_twice_or_left_empty_is_refused_with_its_line(
        project: Path, run_handbook: RunHandbook) -> None:
    before = _stories(project)
    body = BODIES / "hostile.md"
    result = _convert(project, body, run_handbook)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = body.read_text(encoding="utf-8").split("\n")
    repeated = max(i for i, line in enumerate(lines, 1) if line == "### Values it shows")
    empty = lines.index("### What they did") + 1
    assert f"{body}:{repeated}: 'Values it shows' is asked once" in result.stderr
    assert f"{body}:{empty}: 'What they did' has no answer" in result.stderr
    assert _stories(project) == before, "nothing is written"


def test_unknown_choices_bad_people_and_huge_answers_are_refused(
        project: Path, run_handbook: RunHandbook) -> None:
    before = _stories(project)
    body = (BODIES / "github.md").read_text(encoding="utf-8")
    wrong = project / "wrong.md"
    wrong.write_text(body.replace("- [X] Respect", "- [X] Courage").replace(
        "Tom Becker, Harbour Street", "Tom Becker of Harbour Street"), encoding="utf-8")
    result = _convert(project, wrong, run_handbook)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'Courage' is not one of the boxes of 'Values it shows' (the form offers: Respect" in result.stderr
    assert "'Tom Becker of Harbour Street' (line 2 of the answer) is not 'Name, Team'" in (
        result.stderr)

    huge = project / "huge.md"
    huge.write_text(body.replace("The customer collected it", "x" * 1_000_000),
                    encoding="utf-8")
    result = _convert(project, huge, run_handbook)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{huge}: the text is" in result.stderr

    long_answer = project / "long.md"
    long_answer.write_text(body.replace("The customer collected it", "word " * 30_000),
                           encoding="utf-8")
    result = _convert(project, long_answer, run_handbook)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'What came of it' is 150,04" in result.stderr
    assert _stories(project) == before, "nothing is written"


def test_a_gitlab_template_or_email_in_the_same_layout_converts_too(
        project: Path, run_handbook: RunHandbook) -> None:
    assert run_handbook(project, "forms").returncode == 0
    template = (project / GITLAB_TEMPLATE).read_text(encoding="utf-8")
    answers = {"Headline": "Late order explained before anyone asked",
               "What happened": "An order was late.", "What they did": "Sam called first.",
               "What came of it": "The customer stayed with us.",
               "Who should be recognised": "Sam Okoro, Front desk"}
    sections = template.split("### ")
    filled = [sections[0]]
    for section in sections[1:]:
        label = section.split("\n", 1)[0]
        if label in answers:
            section = section.replace("_No response_", answers[label])
        filled.append(section.replace("- [ ] Respect", "- [x] Respect"))
    (project / "email.txt").write_text("### ".join(filled), encoding="utf-8")
    before = _stories(project)
    result = _convert(project, project / "email.txt", run_handbook)
    assert result.returncode == 0, result.stderr
    story = _written(project, before)
    assert story["values"] == ["respect"] and story["situation"] == "An order was late.\n"


def test_the_forms_are_written_from_the_data_and_their_drift_is_caught(
        project: Path, run_handbook: RunHandbook) -> None:
    assert run_handbook(project, "forms", "--check").returncode == 1  # none written yet
    assert run_handbook(project, "forms").returncode == 0
    checked = run_handbook(project, "forms", "--check")
    assert checked.returncode == 0, checked.stderr
    form = yaml.safe_load((project / GITHUB_FORM).read_text(encoding="utf-8"))
    handbook_, _ = load(project)
    assert handbook_ is not None
    boxes = {item["id"]: [o["label"] for o in item["attributes"].get("options", [])]
             for item in form["body"] if item.get("id")}
    assert boxes["values"] == [value.name for value in handbook_.values]
    assert boxes["behaviours"] == [behaviour.name for behaviour in handbook_.behaviours]

    values = project / "data/values.yml"
    values.write_text(values.read_text(encoding="utf-8").replace(
        "name: Respect", "name: Respect for all"), encoding="utf-8")
    drifted = run_handbook(project, "forms", "--check")
    assert drifted.returncode == 1 and GITHUB_FORM in drifted.stderr


def test_the_committed_forms_are_current(run_handbook: RunHandbook) -> None:
    """The repository's own forms match its data (`handbook forms` after editing it)."""
    checked = run_handbook(REPO, "forms", "--check")
    assert checked.returncode == 0, checked.stderr


def test_the_form_and_the_workflow_match_githubs_published_schemas(
        project: Path, run_handbook: RunHandbook) -> None:
    assert run_handbook(project, "forms").returncode == 0
    for schema, path in (("vendor.github-issue-forms", project / GITHUB_FORM),
                         ("vendor.github-issue-forms", project / IDEA_FORM.github_path),
                         ("vendor.github-workflows", REPO / ".github/workflows/story-intake.yml")):
        result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema,
                                 str(path)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def intake(project: Path, body: Path, runner: Path,
           kind: str = "story") -> subprocess.CompletedProcess[str]:
    """The workflow's two steps that keep the issue's text in a file and convert it, as
    their `run:` lines have them, in a shell with the variables the workflow sets (the
    issue's text, its number, the label) and PATH's `handbook`. What it writes for the
    pull request or the issue is in `runner`/intake/. It runs the command as a process: a
    test that calls it takes `run_handbook`."""
    workflow = yaml.safe_load((REPO / WORKFLOW).read_text(encoding="utf-8"))
    steps = [step for step in workflow["jobs"]["draft"]["steps"]
             if "issue-body.md" in step.get("run", "")]
    assert [step["name"] for step in steps] == ["Keep the issue's text in a file",
                                                "Write the draft and check the data"]
    runner.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
                   "BODY": body.read_text(encoding="utf-8"), "NUMBER": "12",
                   "LABEL": f"approved-{kind}", "RUNNER_TEMP": str(runner)}
    result = None
    for step in steps:
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=project,
                                capture_output=True, text=True, env=environment, check=False)
        if result.returncode != 0:
            break
    assert result is not None
    return result


def test_the_workflows_intake_step_drafts_a_story_or_explains_on_the_issue(
        project: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    workflow = (REPO / ".github/workflows/story-intake.yml").read_text(encoding="utf-8")
    assert 'handbook intake "${LABEL#approved-}"' in workflow
    assert "${{ github.event.issue.body }}" not in workflow.split("env:")[0]  # data, not code

    done = intake(project, BODIES / "github.md", tmp_path / "ok")
    assert done.returncode == 0, done.stdout + done.stderr
    written = done.stdout.strip().splitlines()[-1]
    assert (project / written).is_file()
    description = (tmp_path / "ok/intake/pr-body.md").read_text(encoding="utf-8")
    assert "Closes #12" in description and written in description
    assert "- [ ] Everyone named has agreed" in description

    before = _stories(project)
    failed = intake(project, BODIES / "hostile.md", tmp_path / "bad")
    assert failed.returncode == 1
    comment = (tmp_path / "bad/intake/comment.md").read_text(encoding="utf-8")
    lines = (BODIES / "hostile.md").read_text(encoding="utf-8").split("\n")
    repeated = max(i for i, line in enumerate(lines, 1) if line == "### Values it shows")
    assert f"issue #12, line {repeated}: 'Values it shows' is asked once" in comment
    assert _stories(project) == before


def test_a_draft_the_data_does_not_take_is_removed_and_the_issue_told_why(
        project: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    """The draft is valid alone, but another story already claims its id as an old one:
    `handbook check` fails, so no draft is left behind and the issue hears the problem."""
    drafted = "a-signed-copy-found-for-a-birthday-on-a-sunday"
    claimant = next((project / "data/stories").glob("*.yml"))
    with claimant.open("a", encoding="utf-8") as file:
        file.write(f"renamed_from: [{drafted}]\n")
    before = _stories(project)
    failed = intake(project, BODIES / "github.md", tmp_path / "run")
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    comment = (tmp_path / "run/intake/comment.md").read_text(encoding="utf-8")
    assert f"'{drafted}' is the id of a story now" in comment
    assert f"data/stories/{claimant.name}:" in comment
    assert _stories(project) == before, "the draft is removed"
    assert not (tmp_path / "run/intake/pr-body.md").exists()


def test_the_form_shows_every_question_and_the_datas_choices(
        project: Path, tmp_path: Path, browser: Any, run_handbook: RunHandbook) -> None:
    """The form drawn from its YAML (tests/form_preview.py), in Chromium."""
    assert run_handbook(project, "forms").returncode == 0
    form = yaml.safe_load((project / GITHUB_FORM).read_text(encoding="utf-8"))
    (tmp_path / "preview").mkdir()
    (tmp_path / "preview/index.html").write_text(form_page(form), encoding="utf-8")
    handbook_, _ = load(project)
    assert handbook_ is not None
    with serve_folder(tmp_path / "preview") as base:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base)
        for question in QUESTIONS:
            assert page.locator(f"#{question.id} legend").is_visible()
        for value in handbook_.values:
            assert page.locator("#values").get_by_label(value.name).count() == 1
        page.close()


def test_the_share_page_offers_the_form_and_e_mail_and_names_the_curator(
        project: Path, browser: Any, build_site: BuildSite) -> None:
    organisation = project / "data/organisation.yml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + (
        "story_email: stories@quayside.example\nstory_curator: Robin in the office\n"),
        encoding="utf-8")
    contribute = project / "handbook/contribute.md"
    contribute.write_text(contribute.read_text(encoding="utf-8")
                          + f"\n\n{SHARE_MARKER}\n", encoding="utf-8")
    handbook_, _ = load(project)
    assert handbook_ is not None
    site = build_site(project)
    with serve_folder(site) as base:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + links.url_of("contribute.md"))
        share = page.locator(".hb-share")
        form = form_address(handbook_)
        if form is not None:  # the fixture's repository is on GitHub or GitLab, or not
            assert share.get_by_role("link").first.get_attribute("href") == form
        mail = share.locator("a[href^='mailto:']")
        href = mail.get_attribute("href") or ""
        assert href.startswith("mailto:stories@quayside.example?subject=")
        body = unquote(href.partition("&body=")[2])
        assert "Headline:" in body and "\n[ ] Respect\n" in body
        assert "###" not in body and "- [ ]" not in body  # plain text, as the page asks
        assert "Robin in the office reads every story" in share.inner_text()
        assert "handbook new" not in page.content()  # no command line for colleagues
        page.close()


def test_the_e_mail_is_plain_text_and_is_read_back_as_written(project: Path,
                                                               tmp_path: Path) -> None:
    """The e-mail the share page opens, answered as a person would in a mail program that
    wraps long lines, becomes the same draft as the form."""
    import textwrap
    from datetime import date

    from generator.authoring.issue_body import read_submission

    handbook_, _ = load(project)
    assert handbook_ is not None
    body = mail_body(handbook_)
    assert "###" not in body and "_No response_" not in body and "<!--" not in body
    value = handbook_.values[0]
    answers = {"Headline:": "A spare tube lent at closing time",
               "What happened:": "A rider came in at six with a flat tyre.",
               "What they did:": "Sam fitted a tube while the rider waited.",
               "What came of it:": "The rider got home before dark.",
               "Who should be recognised:": "Sam Taylor, Quayside shop"}
    lines: list[str] = []
    for line in body.splitlines():
        if line.startswith("(") and lines and lines[-1] in answers:
            question = lines[-1]
            lines += textwrap.wrap(line, 40)  # the mail program wraps the question's help
            lines.append(answers[question])
            continue
        lines.append(line.replace(f"[ ] {value.name}", f"[x] {value.name}"))
    sent = tmp_path / "mail.txt"
    sent.write_text("\n".join(lines), encoding="utf-8")
    submission = read_submission(sent, handbook_, today=date(2026, 1, 5), display="mail.txt")
    draft = submission.draft
    assert draft.title == "A spare tube lent at closing time"
    assert draft.values == [value.id]
    assert [(person.name, person.team) for person in draft.people] == [
        ("Sam Taylor", "Quayside shop")]
    assert draft.texts["situation"] == "A rider came in at six with a flat tyre."
    assert draft.texts["action"] == "Sam fitted a tube while the rider waited."
    assert "tip" not in draft.texts and not submission.consent_given
