"""Submitted forms and spreadsheet exports, the handbook's widest door: text from anyone
never grows fields in a draft, takes over the tracker's comment, or crashes a command;
figures are ordinary numbers or refused with their line and column.

The bodies are the fixtures' own (tests/fixtures/issue_bodies/), changed the way an
attacker or an unlucky colleague would change them."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.authoring.draft_yaml import draft_text
from generator.authoring.idea_draft import IdeaDraft, render_idea_file
from generator.authoring.intake_messages import issue_comment
from generator.authoring.issue_body import read_idea_submission, read_submission
from generator.errors import HandbookError
from generator.kinds import BUILT_IN
from generator.kinds.stories.kind import Story
from generator.loading.loader import LoadStats, load_handbook
from generator.loading.parsed_files import ParsedFiles, parse_and_validate
from generator.sources.results_csv import MAX_PROBLEMS, MeasureRules, read_results
from generator.sources.yaml_source import read_yaml_text

from .commands import RunHandbook
from .helpers import REPO, load, write

BODIES = Path(__file__).parent / "fixtures/issue_bodies"
TODAY = date(2026, 11, 20)
SEPARATORS = ["\u0085", "\u2028", "\u2029"]


def _handbook(project: Path):  # type: ignore[no-untyped-def]
    handbook, report = load(project)
    assert handbook is not None, report.format()
    return handbook


def _body(tmp_path: Path, fixture: str, old: str, new: str) -> Path:
    text = (BODIES / fixture).read_text(encoding="utf-8")
    assert old in text
    body = tmp_path / "body.md"
    body.write_text(text.replace(old, new, 1), encoding="utf-8")
    return body


# Drafts: one emitter, read back and compared ---------------------------------------------

@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_line_separator_never_grows_fields_in_a_draft(separator: str) -> None:
    """Written by the emitter, the answer stays one text, whatever it holds."""
    injected = (f"A good idea.{separator}people:{separator}- name: Someone{separator}"
                f"  consent: 2026-01-01{separator}published: 2026-01-02")
    text = render_idea_file(IdeaDraft(title="An idea", kind="idea", raised=injected,
                                      happened=TODAY))
    back = read_yaml_text(text, Path("x.yml"), "x.yml").data
    assert set(back) == {"title", "kind", "date", "status", "raised", "values"}
    assert back["raised"] == injected + "\n"


def test_a_draft_that_would_not_read_back_is_never_written() -> None:
    with pytest.raises(HandbookError, match="would not read back as what was written"):
        draft_text("# a comment that does not end its line", {"title": "x"}, display="draft")


@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_separator_in_an_answer_is_refused_at_its_line(
        project: Path, tmp_path: Path, separator: str) -> None:
    body = _body(tmp_path, "idea.md", "would save them the calls",
                 f"would save them the calls{separator}people:")
    lines = body.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, 1) if separator in text)
    with pytest.raises(HandbookError) as refused:
        read_idea_submission(body, _handbook(project), today=TODAY, display="issue #12")
    assert f"issue #12, line {line}: 'Tell us more': the text holds " in str(refused.value)


def test_a_byte_order_mark_and_other_encodings(project: Path, tmp_path: Path) -> None:
    handbook = _handbook(project)
    body = tmp_path / "body.md"
    body.write_bytes(b"\xef\xbb\xbf" + (BODIES / "github.md").read_bytes())
    submission = read_submission(body, handbook, today=TODAY, display="issue #12")
    assert submission.draft.title.startswith("A signed copy found")

    text = (BODIES / "github.md").read_bytes()
    at = text.index(b"novel")
    body.write_bytes(text[:at] + b"\xe9" + text[at:])  # a Latin-1 byte, not UTF-8
    line = text.count(b"\n", 0, at) + 1
    column = at - text.rfind(b"\n", 0, at)
    with pytest.raises(HandbookError) as refused:
        read_submission(body, handbook, today=TODAY, display="issue #12")
    assert str(refused.value) == (
        f"issue #12: line {line}, column {column}: the text is not UTF-8 (byte 0xE9); submit "
        "the form again, or save the file as UTF-8")


def test_a_box_whose_label_holds_a_comment_can_be_ticked(
        project: Path, tmp_path: Path) -> None:
    values = project / "data/values.yml"
    values.write_text(values.read_text(encoding="utf-8").replace(
        "name: Respect", "name: Respect <!-- for everyone -->"), encoding="utf-8")
    body = _body(tmp_path, "github.md", "- [X] Respect\n",
                 "- [X] Respect <!-- for everyone -->\n")
    text = body.read_text(encoding="utf-8")
    assert "- [X] Respect <!-- for everyone -->" in text
    submission = read_submission(body, _handbook(project), today=TODAY, display="body.md")
    assert "respect" in submission.draft.values


def test_the_comment_on_the_issue_keeps_the_submitters_words_in_its_block() -> None:
    problems = ("issue #12, line 3: 'Headline': '```\nEvil [link](https://evil.example) "
                "@everyone\n````' is too long")
    comment = issue_comment("story", problems)
    fence = re.match(r"^The story could not be turned into a draft yet:\n\n(`+)text\n",
                     comment)
    assert fence is not None
    longest_inside = max(len(run) for run in re.findall(r"`+", problems))
    assert len(fence.group(1)) > longest_inside
    block, after = comment.split(f"\n{fence.group(1)}\n", 1)
    assert problems in block and "evil.example" not in after and "@" not in after


# Figures -------------------------------------------------------------------------------

RULES = MeasureRules("calls-returned", "percent", ())


def _results(tmp_path: Path, text: str, rules: MeasureRules = RULES) -> list[str]:
    data = tmp_path / "data"
    path = write(tmp_path, "data/results/calls-returned.csv", text)
    _, problems = read_results(path, "results.csv", rules, data_dir=data)
    return [problem.format() for problem in problems]


@pytest.mark.parametrize("text, expected", [
    ('period,value,sample\n2026-07,9"1,12\n',
     'results.csv:2:10: a quote inside a value that does not start with one'),
    ('period,va"lue,sample\n2026-07,91,12\n',
     'results.csv:1:10: a quote inside a value that does not start with one'),
    ('period,value,sample\n2026-07,"91,12\n',
     'results.csv:2:9: a quote opens a value but does not close it'),
    ('period,value,sample\n2026-07,91,\u00b2\n',
     'results.csv:2:12: sample: expected a whole number, got "\u00b2"'),
    ('period,value,sample\n2026-07,91,' + "9" * 4500 + "\n",
     'results.csv:2:12: sample: expected a whole number, got "' + "9" * 40 + '..."'),
    ('period,value,sample\n2026-07,' + "9" * 400 + ",3\n",
     'results.csv:2:9: value: expected a number, got "' + "9" * 40 + '..."'),
    ('period,value,sample\n2026-07,\u0669\u0661,3\n',
     'results.csv:2:9: value: expected a number, got "\u0669\u0661"'),
    ('period,value,sample\n0000-01,91,3\n',
     'results.csv:2:1: period: 0000-01 has the year 0; periods are from 1900 to 2200'),
    ('period,value,sample\n9999-12,91,3\n',
     'results.csv:2:1: period: 9999-12 has the year 9999; periods are from 1900 to 2200'),
])
def test_a_cell_that_is_not_a_plain_figure_is_refused_at_its_column(
        tmp_path: Path, text: str, expected: str) -> None:
    problems = _results(tmp_path, text)
    assert len(problems) == 1 and problems[0].startswith(expected + "\n    hint: "), problems


def test_a_broken_export_lists_a_few_problems_not_a_million(tmp_path: Path) -> None:
    rows = "".join(f"2026-{month:02d},lots,3\n" for month in range(1, 13)) * 1000
    problems = _results(tmp_path, "period,value,sample\n" + rows)
    assert len(problems) == MAX_PROBLEMS + 1
    assert f"only the first {MAX_PROBLEMS} are listed" in problems[-1]


def test_an_export_too_large_to_be_one_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "data/results/calls-returned.csv"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        handle.truncate(119 * 1024 * 1024)  # sparse: costs no disk
    rows, problems = read_results(path, "results.csv", RULES, data_dir=tmp_path / "data")
    assert rows == [] and [p.message for p in problems] == [
        "the file is 119.0 MB; files of this kind may be at most 2 MB"]


# Elsewhere ---------------------------------------------------------------------------

def test_an_edit_that_keeps_size_and_time_is_read_again(project: Path) -> None:
    """`handbook serve` keeps parsed files between reloads by their stamp: an edit that
    puts the old size and modification time back is still an edit."""
    story = next((project / "data/stories").glob("*.yml"))
    parsed, stats = ParsedFiles(), LoadStats()
    first = parse_and_validate(story, "story.yml", Story, stats, parsed, BUILT_IN)
    before = story.stat()
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("title: ", "title: X", 1)[:-1], encoding="utf-8")
    assert story.stat().st_size == before.st_size
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    second = parse_and_validate(story, "story.yml", Story, stats, parsed, BUILT_IN)
    assert second is not first and second.doc.data["title"].startswith("X")


def test_init_on_a_file_is_refused_with_exit_code_1(
        tmp_path: Path, run_handbook: RunHandbook) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run_handbook(tmp_path, "init", "notes.txt", "--name", "Harbour Tools")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("Error: notes.txt is a file: give a new folder (`handbook init "
                             "my-handbook`) or an empty one\n")
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_since_file_that_is_not_a_manifest_is_refused(
        project: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    for content, why in [('{"snapshot": {}}', "its format is not one the generator writes"),
                         ('{"format": 2, "edition": "complete", "version": "2026.10", '
                          '"snapshot": "x"}', "its snapshot is not a mapping")]:
        manifest = tmp_path / "earlier.manifest.json"
        manifest.write_text(content, encoding="utf-8")
        result = run_handbook(project, "pdf", "--edition", "complete", "--since",
                              str(manifest), "--output", str(tmp_path / "eds"))
        assert result.returncode == 1, result.stderr
        assert f"Error: {manifest}: is not an edition manifest ({why});" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / "eds/complete.pdf").exists()


# The intake workflow ---------------------------------------------------------------------

def _draft_step() -> str:
    workflow = yaml.safe_load((REPO / ".github/workflows/story-intake.yml").read_text())
    [step] = [step for step in workflow["jobs"]["draft"]["steps"]
              if step["name"] == "Open a draft pull request"]
    return str(step["run"])


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=Curator", "-c", "user.email=c@example.org",
         "-c", "init.defaultBranch=main", *args],
        capture_output=True, text=True, check=True).stdout.strip()


def test_labelling_again_never_writes_over_a_curators_draft_branch(tmp_path: Path) -> None:
    """The step that opens the pull request, run as the workflow runs it, against a real
    repository; `gh` (GitHub's own command) is a stand-in that writes down what it is
    asked, as GitHub cannot be reached from here."""
    origin, clone = tmp_path / "origin.git", tmp_path / "clone"
    _git(tmp_path, "init", "-q", "--bare", str(origin))
    _git(tmp_path, "clone", "-q", str(origin), str(clone))
    (clone / "data").mkdir()
    (clone / "data/story.yml").write_text("title: one\n")
    _git(clone, "add", "-A")
    _git(clone, "commit", "-qm", "start")
    _git(clone, "push", "-q", "origin", "HEAD:main")
    # The curator's work on the draft branch the first labelling made.
    _git(clone, "switch", "-qc", "story/issue-12")
    (clone / "data/story.yml").write_text("title: one, as the curator edited it\n")
    _git(clone, "commit", "-qam", "Curator's edit")
    _git(clone, "push", "-q", "origin", "story/issue-12")
    curated = _git(origin, "rev-parse", "story/issue-12")
    _git(clone, "switch", "-q", "main")

    tools = tmp_path / "tools"
    tools.mkdir()
    asked = tmp_path / "gh-was-asked"
    (tools / "gh").write_text(f'#!/bin/sh\necho "$@" >> {asked}\n')
    (tools / "gh").chmod(0o755)
    (clone / "data/draft.yml").write_text("title: drafted again\n")
    environment = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", "NUMBER": "12",
                   "LABEL": "approved-story", "GH_TOKEN": "none",
                   "RUNNER_TEMP": str(tmp_path)}
    result = subprocess.run(["bash", "-e", "-c", _draft_step()], cwd=clone,
                            capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stderr
    assert _git(origin, "rev-parse", "story/issue-12") == curated
    said = asked.read_text()
    assert said.startswith("issue comment 12 --body A draft from this issue is already on "
                           "the branch `story/issue-12`")
    assert "pr create" not in said


def _intake(project: Path, tmp_path: Path, body: Path,
            run_handbook: RunHandbook) -> tuple[int, str, str]:
    out = tmp_path / "out"
    result = run_handbook(project, "intake", "story", str(body), "--issue", "12",
                          "--out", str(out))
    assert "Traceback" not in result.stderr
    comment = (out / "comment.md").read_text(encoding="utf-8") if (
        out / "comment.md").exists() else ""
    return result.returncode, result.stdout.strip(), comment


def test_a_headline_without_latin_letters_names_the_draft_after_the_issue(
        project: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    body = _body(tmp_path, "github.md", "A signed copy found for a birthday on a Sunday",
                 "\u65e5\u66dc\u65e5\u306e\u8a95\u751f\u65e5\u306b\u30b5\u30a4\u30f3\u672c")
    code, written, comment = _intake(project, tmp_path, body, run_handbook)
    assert (code, written, comment) == (0, "data/stories/story-from-issue-12.yml", "")
    assert (project / written).read_text(encoding="utf-8").count("\u65e5\u66dc\u65e5") == 1


def test_a_draft_the_check_refuses_is_explained_at_the_issues_line(
        project: Path, tmp_path: Path, run_handbook: RunHandbook) -> None:
    """The title is too long for a title: the check finds it in the draft, which is then
    removed, so the issue is told where in its own text to change it."""
    long = "A signed copy found " + "and found again " * 25
    body = _body(tmp_path, "github.md", "A signed copy found for a birthday on a Sunday", long)
    before = sorted(path.name for path in (project / "data/stories").iterdir())
    code, _, comment = _intake(project, tmp_path, body, run_handbook)
    assert code == 1
    assert "issue #12, line 1: 'Headline': " in comment  # the question's heading
    assert "data/stories/" not in comment, "the removed draft is not named"
    assert sorted(path.name for path in (project / "data/stories").iterdir()) == before


def test_a_change_dated_far_ahead_is_a_warning(project: Path) -> None:
    idea = project / "data/ideas/order-updates-by-text.yml"
    idea.write_text(idea.read_text(encoding="utf-8").replace(
        "changed_on: 2026-04-14", "changed_on: 2199-01-01"), encoding="utf-8")
    _, report = load_handbook(project / "data", project / "handbook", root=project,
                              built_as_of=date(2026, 11, 20))
    assert [(p.field, p.severity.value, p.message) for p in report.problems] == [
        ("changed_on", "warning", "the change is dated 2199-01-01, more than a month after "
         "the build's date (2026-11-20); the page would say it has been made")]
