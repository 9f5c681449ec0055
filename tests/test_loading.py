"""Loading and validating data: every message is checked word for word, with its line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import Severity
from generator.kinds import STORY, VALUE
from generator.loading.loader import LoadStats, ParsedFiles, load_handbook
from generator.model.handbook import Handbook

from .helpers import load, make_project, problems_text, write

VALUES_TWO = """\
values:
  - id: respect
    name: Respect
    statement: We take every reader's question seriously.
    why: Because.
    in_practice: [Listen]
  - id: keep-promises
    name: Keep our promises
    statement: Friday means Friday.
    why: Trust.
    in_practice: [Give dates we can keep]
"""


def test_small_fixture_is_valid(project: Path) -> None:
    handbook, report = load(project)
    assert report.problems == []
    assert handbook is not None
    assert [v.id for v in handbook.values] == ["respect", "keep-promises"]
    assert [s.id for s in handbook.published] == ["signed-copy-found", "late-order-explained"]
    assert handbook.find(STORY, "unfinished-draft").status == "draft"
    assert handbook.stories_by_value["respect"] == [handbook.find(STORY, "signed-copy-found")]


@pytest.mark.parametrize(
    ("relative", "text", "expected"),
    [
        pytest.param(
            "data/values.yml", VALUES_TWO.replace("statement: Friday means Friday.", "statement: 1.10"),
            "data/values.yml:9:16: values[keep-promises].statement: expected text, got the number 1.1\n"
            '    hint: YAML reads 1.10 as the number 1.1; put it in quotes to keep it as text: "1.10"',
            id="number-in-text-field",
        ),
        pytest.param(
            "data/values.yml", VALUES_TWO.replace("name: Respect", "name: true"),
            "data/values.yml:3:11: values[respect].name: expected text, got true\n"
            '    hint: YAML reads true as true; put it in quotes to keep it as text: "true"',
            id="boolean-in-text-field",
        ),
        pytest.param(
            "data/organisation.yml", "name: Quayside Books\nnmae: typo\ntagline: T.\n",
            "data/organisation.yml:2:1: nmae: unknown field 'nmae'\n"
            "    hint: did you mean 'name'? Fields here: name, handbook_title, tagline, site_url, "
            "sign_off_url, repository_url, story_form_url, idea_form_url, story_email, "
            "story_curator, branch, logo and 8 more",
            id="unknown-field",
        ),
        pytest.param(
            "data/organisation.yml", "name: Quayside Books\n",
            "data/organisation.yml:1:1: tagline: the field 'tagline' is missing\n"
            "    hint: add `tagline:` (One sentence under the title on the home page: what the "
            "organisation is for)",
            id="missing-field",
        ),
        pytest.param(
            "data/organisation.yml", "name: A\ntagline: T.\nname: B\n",
            "data/organisation.yml:3:1: name: the key 'name' appears twice in the same mapping "
            "(first on line 1)\n"
            "    hint: keep one of them; YAML would silently use only the last one",
            id="duplicate-key",
        ),
        pytest.param(
            "data/organisation.yml", "",
            "data/organisation.yml: the file is empty\n    hint: it needs at least: name, tagline",
            id="empty-file",
        ),
        pytest.param(
            "data/organisation.yml", "- name: A\n- tagline: B\n",
            "data/organisation.yml:1:1: expected `name: value` lines at the top of the file, "
            "got a list\n    hint: it needs at least: name, tagline",
            id="list-instead-of-mapping",
        ),
        pytest.param(
            "data/organisation.yml", 'name: "Quayside\ntagline: T.\n',
            "data/organisation.yml:1:7: a quoted text is never closed\n"
            "    hint: add the closing quote; the text starts at the line shown",
            id="unclosed-quote",
        ),
        pytest.param(
            "data/organisation.yml", "name: A\ntagline:\n\tT.\n",
            "data/organisation.yml:3:1: a tab character is used where YAML expects spaces\n"
            "    hint: indent with spaces only; set your editor to insert spaces for Tab in YAML files",
            id="tab-indentation",
        ),
        pytest.param(
            "data/organisation.yml", "name: A\ntagline: T.\nlogo: !!python/object:os.system ls\n",
            "data/organisation.yml:3:7: logo: the tag '!!python/object:os.system' is not allowed\n"
            "    hint: data files hold plain text, numbers, true/false, lists and mappings; "
            "remove the tag (the part starting with '!')",
            id="python-tag",
        ),
        pytest.param(
            "data/organisation.yml", "name: A\ntagline: T.\nsite_url: handbook.example.org\n",
            "data/organisation.yml:3:11: site_url: 'handbook.example.org' is not a web address\n"
            "    hint: write a full address starting with https://",
            id="web-address",
        ),
        pytest.param(
            "data/behaviours.yml",
            "themes:\n  - {id: responsive, name: Responsive, description: Quick.}\n"
            "  - {id: accountable, name: Accountable, description: Own it.}\n"
            "behaviours:\n"
            "  - {id: return-calls, name: Reply, theme: responsive, audience: customer, statement: S.}\n"
            "  - {id: help, name: Help, theme: accountable, audience: both, statement: S.}\n",
            "data/behaviours.yml:5:66: behaviours[return-calls].audience: unknown audience "
            "'customer'\n"
            "    hint: did you mean 'customers'? Audiences: customers, coworkers",
            id="choice-with-suggestion",
        ),
        pytest.param(
            "data/values.yml", VALUES_TWO.replace("in_practice: [Listen]", "in_practice: Listen"),
            "data/values.yml:6:18: values[respect].in_practice: expected a list, got the text "
            "'Listen'\n"
            "    hint: write each entry on its own line under `in_practice:`, starting with '- '",
            id="text-instead-of-list",
        ),
        pytest.param(
            "data/values.yml", VALUES_TWO.replace("in_practice: [Listen]", "in_practice: []"),
            "data/values.yml:6:18: values[respect].in_practice: needs at least an entry\n"
            "    hint: add an entry under `in_practice:`",
            id="empty-list",
        ),
        pytest.param(
            "data/values.yml", VALUES_TWO.replace("why: Because.", "why: '  '"),
            "data/values.yml:5:10: values[respect].why: is empty\n"
            "    hint: write some text, or remove the field if it is optional",
            id="blank-text",
        ),
    ],
)
def test_one_problem_in_one_file(project: Path, relative: str, text: str, expected: str) -> None:
    write(project, relative, text)
    assert problems_text(project) == expected


def test_yes_in_a_true_false_field(project: Path) -> None:
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text().replace("status: published", "status: published\nfeatured: yes"))
    assert problems_text(project) == (
        "data/stories/late-order-explained.yml:4:11: featured: expected true or false, got the "
        "text 'yes'\n"
        "    hint: write true or false; only old YAML readers take 'yes' for true or false, "
        "while editors and checkers read it as text"
    )


def test_no_stays_text_in_a_text_field(project: Path) -> None:
    write(project, "data/organisation.yml", "name: no\ntagline: yes\nbranch: 1.10\n")
    assert problems_text(project) == (
        "data/organisation.yml:3:9: branch: expected text, got the number 1.1\n"
        '    hint: YAML reads 1.10 as the number 1.1; put it in quotes to keep it as text: "1.10"'
    )
    write(project, "data/organisation.yml", "name: no\ntagline: yes\nbranch: '1.10'\n")
    handbook, _ = load(project)
    assert handbook is not None
    assert (handbook.organisation.name, handbook.organisation.tagline) == ("no", "yes")
    assert handbook.organisation.branch == "1.10"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-13-01", "'2025-13-01' is not a real date (month must be in 1..12)"),
        ("2025-02-30", "'2025-02-30' is not a real date (day is out of range for month)"),
        ("14/03/2026", "'14/03/2026' is not a date in the form YYYY-MM-DD"),
    ],
)
def test_impossible_dates(project: Path, written: str, expected: str) -> None:
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text().replace("date: 2026-09-14", f"date: {written}"))
    hint = ("check the month (01-12) and the day for that month" if "real" in expected
            else "write it like 2026-03-14")
    assert problems_text(project) == (
        f"data/stories/late-order-explained.yml:2:7: date: {expected}\n    hint: {hint}"
    )


def test_unknown_references_suggest_known_ids(project: Path) -> None:
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text().replace("values: [keep-promises]", "values: [keep-promise, kindness]"))
    assert problems_text(project) == (
        "2 references name ids that data/values.yml does not hold:\n"
        "data/stories/late-order-explained.yml:14:10: values[1]: unknown value 'keep-promise'\n"
        "    hint: did you mean 'keep-promises'? Known values: respect, keep-promises\n"
        "data/stories/late-order-explained.yml:14:24: values[2]: unknown value 'kindness'\n"
        "    hint: known values: respect, keep-promises"
    )


def test_an_invalid_id_is_reported_once_not_at_every_reference(project: Path) -> None:
    write(project, "data/values.yml", VALUES_TWO.replace("id: keep-promises", "id: Keep Promises"))
    assert problems_text(project) == (
        "data/values.yml:7:9: values[Keep Promises].id: 'Keep Promises' is not a valid id\n"
        "    hint: ids use lowercase letters a-z, digits and single hyphens, such as "
        "'keep-promises'"
    )


def test_duplicate_ids(project: Path) -> None:
    write(project, "data/values.yml", VALUES_TWO + (
        "  - id: respect\n    name: Respect again\n    statement: S.\n    why: W.\n"
        "    in_practice: [x]\n"))
    assert problems_text(project) == (
        "data/values.yml:12:9: values[respect].id: the id 'respect' is used twice (first on "
        "line 2)\n"
        "    hint: ids must be unique: rename one of the two entries"
    )


def test_duplicate_story_ids_across_folders(project: Path) -> None:
    original = project / "data/stories/late-order-explained.yml"
    write(project, "data/stories/2026/late-order-explained.yml", original.read_text())
    assert problems_text(project) == (
        "data/stories/late-order-explained.yml: the story id 'late-order-explained' is already "
        "used by data/stories/2026/late-order-explained.yml\n"
        "    hint: story ids come from file names, which must be unique in all of data/stories/; "
        "rename one of the files"
    )


def test_orientation_cannot_link_a_draft_or_a_missing_page(project: Path) -> None:
    orientation = project / "data/orientation.yml"
    orientation.write_text(
        orientation.read_text()
        .replace("story: signed-copy-found", "story: unfinished-draft")
        .replace("page: welcome.md", "page: welcom.md")
    )
    assert problems_text(project) == (
        "data/orientation.yml:7:15: steps[1].read[1].page: there is no page 'welcom.md' in handbook/\n"
        "    hint: did you mean 'welcome.md'? Pages: contribute.md, leadership.md, policies.md, "
        "welcome.md, why-service-matters.md\n"
        "data/orientation.yml:13:16: steps[2].read[1].story: the story 'unfinished-draft' is draft, "
        "so it is not shown anywhere\n"
        "    hint: link a published story, or publish this one (status: published)"
    )


def test_a_reading_names_exactly_one_thing(project: Path) -> None:
    orientation = project / "data/orientation.yml"
    orientation.write_text(orientation.read_text().replace(
        "      - section: values\n", "      - {section: values, value: respect}\n"))
    assert problems_text(project) == (
        "data/orientation.yml:8:9: steps[1].read[2]: a reading names section and value\n"
        "    hint: give exactly one of: page, section, value, element, theme, behaviour, story"
    )


def test_a_step_cannot_read_an_optional_section_with_nothing_in_it(project: Path) -> None:
    orientation = project / "data/orientation.yml"
    orientation.write_text(orientation.read_text().replace(
        "      - section: values\n", "      - section: ideas\n"))
    for idea in (project / "data/ideas").glob("*.yml"):
        idea.write_text(idea.read_text().replace("status: published", "status: draft"))
    assert problems_text(project) == (
        "data/orientation.yml:8:18: steps[1].read[2].section: the 'ideas' section has no "
        "page: there are no published ideas yet\n"
        "    hint: add one to the data, or have this step read something else"
    )


def test_story_file_names_become_ids(project: Path) -> None:
    original = (project / "data/stories/late-order-explained.yml").read_text()
    write(project, "data/stories/Late Order.yml", original)
    write(project, "data/stories/con.yml", original)
    write(project, "data/stories/caf\u00e9.yml", original)
    assert problems_text(project) == (
        "data/stories/Late Order.yml: the file name does not make a valid story id: 'Late Order' "
        "is not a valid id\n"
        "    hint: rename the file: story ids come from file names, which use lowercase letters "
        "a-z, digits and hyphens (2026-03-late-order-delivered.yml)\n"
        "data/stories/caf\u00e9.yml: the file name does not make a valid story id: 'caf\u00e9' is "
        "not a valid id\n"
        "    hint: rename the file: story ids come from file names, which use lowercase letters "
        "a-z, digits and hyphens (2026-03-late-order-delivered.yml)\n"
        "data/stories/con.yml: the file name does not make a valid story id: 'con' cannot be used "
        "as an id\n"
        "    hint: rename the file: story ids come from file names, which use lowercase letters "
        "a-z, digits and hyphens (2026-03-late-order-delivered.yml)"
    )


def test_a_story_file_has_no_id_field(project: Path) -> None:
    story = project / "data/stories/late-order-explained.yml"
    story.write_text("id: something-else\n" + story.read_text())
    assert problems_text(project) == (
        "data/stories/late-order-explained.yml:1:1: id: a story file has no id field\n"
        "    hint: a story's id is its file name ('late-order-explained'); remove the id line"
    )


def test_all_problems_of_a_run_are_reported_together(project: Path) -> None:
    write(project, "data/organisation.yml", "name: A\n")
    write(project, "data/values.yml", VALUES_TWO.replace("why: Trust.", "why: [a, b]"))
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text().replace("values: [keep-promises]", "values: [nope]"))
    _, report = load(project)
    assert [(p.file, p.line, p.field) for p in report.sorted()] == [
        ("data/organisation.yml", 1, "tagline"),
        ("data/values.yml", 10, "values[keep-promises].why"),
        ("data/stories/late-order-explained.yml", 14, "values[1]"),
    ]


def test_missing_data_folder_and_file(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "data/foundation.yml").unlink()
    assert problems_text(project) == (
        "data/foundation.yml: the file is missing\n"
        "    hint: create it; it holds the foundation (see 'Authoring guide' in README.md)"
    )
    _, report = load(tmp_path / "nowhere")
    assert report.format() == (
        "data/: the data folder does not exist\n"
        "    hint: create it (copy the shipped data/ folder to start from an example), or set "
        "`data_dir` of the handbook plugin in mkdocs.yml"
    )


def test_both_yml_and_yaml(project: Path) -> None:
    write(project, "data/values.yaml", VALUES_TWO)
    assert problems_text(project) == (
        "data/values.yaml: both values.yml and values.yaml exist\n"
        "    hint: keep one of them; the other would be ignored"
    )


def test_crlf_line_endings_and_a_bom_are_fine(project: Path) -> None:
    path = project / "data/values.yml"
    path.write_bytes(b"\xef\xbb\xbf" + VALUES_TWO.replace("\n", "\r\n").encode())
    handbook, report = load(project)
    assert report.problems == []
    assert handbook is not None and handbook.find(VALUE, "respect").why == "Because."


def test_not_utf8(project: Path) -> None:
    (project / "data/organisation.yml").write_bytes(b"name: Caf\xe9\ntagline: T.\n")
    assert problems_text(project) == (
        "data/organisation.yml:1:10: the file is not valid UTF-8 (byte 0xE9)\n"
        "    hint: save the file with UTF-8 encoding in your editor"
    )


def test_link_leading_out_of_the_data_folder(project: Path, tmp_path: Path) -> None:
    outside = write(tmp_path, "elsewhere/story.yml", "title: x\n")
    os.symlink(outside, project / "data/stories/linked.yml")
    assert problems_text(project) == (
        "data/stories/linked.yml: the file is a link to a place outside the data folder\n"
        "    hint: copy the file into the data folder instead of linking to it"
    )


def test_coverage_gaps_are_advice(project: Path) -> None:
    (project / "data/stories/late-order-explained.yml").unlink()
    featured = project / "data/stories/signed-copy-found.yml"
    featured.write_text(featured.read_text().replace("[respect, keep-promises]", "[respect]"))
    handbook, report = load(project)
    assert handbook is not None
    assert [p.severity for p in report.problems] == [Severity.ADVICE]
    assert report.format() == (
        "data/values.yml:12:9: advice: values[keep-promises].id: no published story illustrates "
        "the value 'Keep our promises' yet\n"
        "    hint: ask managers for a story that shows it (see the contribute page)"
    )
    assert not report.fails(strict=True)


def test_edited_files_are_read_again_and_only_they(project: Path) -> None:
    parsed, first, second = ParsedFiles(), LoadStats(), LoadStats()

    def load_kept(stats: LoadStats) -> Handbook | None:
        return load_handbook(project / "data", project / "handbook", root=project,
                             parsed=parsed, stats=stats)[0]

    handbook = load_kept(first)
    assert handbook is not None and handbook.organisation.name == "Quayside Books"
    write(project, "data/organisation.yml",
          (project / "data/organisation.yml").read_text().replace("Quayside Books", "Quayside Bookshop"))
    handbook = load_kept(second)
    assert handbook is not None and handbook.organisation.name == "Quayside Bookshop"
    assert second.files_read == 1 and second.files_unchanged == first.files_read - 1


def test_deep_nesting_is_refused_without_crashing(project: Path) -> None:
    write(project, "data/stories/deep.yml", "title: " + "[" * 60000 + "]" * 60000 + "\n")
    # Which refuses it first, our depth limit or libyaml's own, and at which column, depends
    # on the libyaml version: what matters is one clear problem on the right line.
    handbook, report = load(project)
    assert handbook is None
    [problem] = report.problems
    assert (problem.file, problem.line) == ("data/stories/deep.yml", 1)
    assert problem.message and problem.hint


def test_odd_keys_and_numbers(project: Path) -> None:
    write(project, "data/organisation.yml",
          "name: Quayside Books\ntagline: T.\n2026: plans\nbranch: " + "9" * 5000 + "\n")
    assert problems_text(project) == (
        "data/organisation.yml:3:1: a field name must be text, got the number 2026\n"
        "    hint: field names are words like `title:`; put a number in quotes if it is meant as "
        "a name"
    )


def test_a_folder_or_pipe_named_like_a_data_file(project: Path) -> None:
    (project / "data/editions.yml").unlink()
    (project / "data/editions.yml").mkdir()
    os.mkfifo(project / "data/stories/pipe.yml")
    assert problems_text(project) == (
        "data/editions.yml: is not a regular file\n    hint: data files are plain text files\n"
        "data/stories/pipe.yml: is not a regular file\n    hint: data files are plain text files"
    )


def test_story_file_names_the_site_uses_itself(project: Path) -> None:
    original = (project / "data/stories/late-order-explained.yml").read_text()
    write(project, "data/stories/by-value.yml", original)
    assert problems_text(project) == (
        "data/stories/by-value.yml: the file name does not make a valid story id: 'by-value' is "
        "the address of one of the site's own story pages\n"
        "    hint: rename the file: story ids come from file names, which use lowercase letters "
        "a-z, digits and hyphens (2026-03-late-order-delivered.yml)"
    )


def test_a_reference_listed_twice(project: Path) -> None:
    story = project / "data/stories/late-order-explained.yml"
    story.write_text(story.read_text().replace("values: [keep-promises]",
                                               "values: [keep-promises, keep-promises]"))
    editions = project / "data/editions.yml"
    editions.write_text(editions.read_text().replace("sections: [behaviours, stories]",
                                                     "sections: [behaviours, stories, behaviours]"))
    assert problems_text(project) == (
        "data/editions.yml:25:37: editions[promises].sections[3]: 'behaviours' is in this "
        "edition twice\n"
        "    hint: print each section once\n"
        "data/stories/late-order-explained.yml:14:25: values[2]: 'keep-promises' is listed twice\n"
        "    hint: list each of the values once"
    )


def test_a_group_nothing_belongs_to_is_advice_where_it_is_written(project: Path) -> None:
    foundation = project / "data" / "foundation.yml"
    foundation.write_text(foundation.read_text(encoding="utf-8").replace(
        "elements:\n",
        "  - id: empty-layer\n    name: Empty layer\n    description: Nothing yet.\nelements:\n"),
        encoding="utf-8")
    behaviours = project / "data" / "behaviours.yml"
    behaviours.write_text(behaviours.read_text(encoding="utf-8").replace(
        "behaviours:\n",
        "  - id: empty-theme\n    name: Empty theme\n    description: Nothing yet.\n"
        "behaviours:\n", 1), encoding="utf-8")
    handbook, report = load(project)
    assert handbook is not None and not report.errors
    advice = [(p.file, p.line, p.message) for p in report.problems
              if p.severity is Severity.ADVICE]
    layer_line = _line_of(foundation, "id: empty-layer")
    theme_line = _line_of(behaviours, "id: empty-theme")
    assert ("data/foundation.yml", layer_line,
            "no foundation element belongs to 'Empty layer'") in advice
    assert ("data/behaviours.yml", theme_line, "no behaviour belongs to 'Empty theme'") in advice
    assert not report.fails(strict=True)


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_a_replaced_file_s_own_problems_come_before_the_references_it_broke(
        project: Path) -> None:
    """A new organisation replaces values.yml: its own mistake is what to fix first; the
    references to the old ids follow, counted under the file they are missing from."""
    write(project, "data/values.yml", "values:\n  - id: courtesy\n    name: Courtesy\n"
          "    statement: We are polite.\n    why: It matters.\n    in_practice: [Say hello]\n"
          "  - id: care\n    name: Care\n    statement: We care.\n    in_practice: [Ask]\n")
    _, report = load(project)
    lines = report.format().splitlines()
    assert lines[0].startswith("data/values.yml:7:")  # the missing `why`, first
    heading = next(line for line in lines if "references name ids" in line)
    follow_ons = [p for p in report.errors if p.follows_from == "data/values.yml"]
    assert len(follow_ons) > 1
    assert heading == (f"{len(follow_ons)} references name ids that data/values.yml does not "
                       "hold (fixing the problems above may clear them):")
    assert lines.index(heading) == 2  # after the one problem and its hint
    assert all(p.file != "data/values.yml" for p in follow_ons)
