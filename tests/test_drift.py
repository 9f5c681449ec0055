"""What has fallen behind is told by `handbook check`, before CI fails on it: stale editor
schemas and forms, requirements other than the generator's, a generator CI cannot reach,
the starter's example text, templates copied before the generator changed them, and a
git history holding another organisation's handbook. Each comes with its fix, and
`handbook refresh` (or `handbook override --accept`) makes the warning go."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.authoring.drift import STARTER, drift, refresh, wanted_requirements
from generator.authoring.editor_schemas import write_schemas
from generator.authoring.overrides import (
    accept,
    digest_of,
    every_upstream,
    find_upstream,
    override,
    stamp_in,
)
from generator.errors import HandbookError, Problem, Severity
from generator.intake.forms import written_forms
from generator.sources.project import find_project

from .commands import commit_all, git
from .helpers import load, write


def _drift(project: Path) -> list[Problem]:
    handbook, report = load(project)
    assert handbook is not None, report.format()
    return drift(find_project(project / "mkdocs.yml"), handbook)


def _with_everything_current(project: Path) -> Path:
    """The project keeping what a new handbook keeps: schemas, forms, requirements."""
    handbook, _ = load(project)
    assert handbook is not None
    write_schemas(project / "data")
    for name, text in {**written_forms(handbook), **wanted_requirements()}.items():
        write(project, name, text)
    return project


def test_a_current_project_has_nothing_behind(project: Path) -> None:
    assert _drift(_with_everything_current(project)) == []


def test_a_stale_schema_is_a_warning_naming_the_command(project: Path) -> None:
    _with_everything_current(project)
    schema = next((project / "data" / "schemas").glob("*.json"))
    schema.write_text(schema.read_text(encoding="utf-8").replace('"title"', '"Title"', 1))
    [problem] = _drift(project)
    assert problem.severity is Severity.WARNING
    assert schema.name in problem.message and "`handbook schema`" in problem.hint


def test_forms_behind_the_values_are_a_warning_until_refreshed(project: Path) -> None:
    _with_everything_current(project)
    values = project / "data" / "values.yml"
    handbook, _ = load(project)
    assert handbook is not None
    first = handbook.values[0]
    values.write_text(values.read_text(encoding="utf-8").replace(
        f"name: {first.name}", f"name: {first.name} renamed", 1), encoding="utf-8")
    [problem] = _drift(project)
    assert problem.file in written_forms(handbook)
    assert "`handbook forms`" in problem.hint
    handbook, _ = load(project)
    assert handbook is not None
    written = refresh(find_project(project / "mkdocs.yml"), handbook)
    assert set(written) == set(written_forms(handbook))
    assert _drift(project) == []


def test_requirements_other_than_the_generators_are_refreshed(project: Path) -> None:
    _with_everything_current(project)
    write(project, "requirements/runtime.lock", "# an older lock\n")
    [problem] = _drift(project)
    assert problem.file == "requirements/" and "runtime.lock" in problem.message
    assert "`handbook refresh`" in problem.hint
    handbook, _ = load(project)
    assert handbook is not None
    assert refresh(find_project(project / "mkdocs.yml"), handbook) == [
        "requirements/runtime.lock"]
    assert _drift(project) == []


@pytest.mark.parametrize("line", [
    "culture-handbook @ file:///home/editor/culture-handbook",
    "culture-handbook @ ../culture-handbook",
    "Culture-Handbook@file:/srv/tools/generator",
])
def test_a_generator_from_a_folder_is_named_at_its_line(project: Path, line: str) -> None:
    write(project, "requirements.txt", f"# the generator\n{line}\n")
    [problem] = _drift(project)
    assert (problem.file, problem.line, problem.severity) == (
        "requirements.txt", 2, Severity.WARNING)
    assert "git+https://" in problem.hint


@pytest.mark.parametrize("line", [
    "culture-handbook==0.1.0",
    "culture-handbook @ git+https://example.org/culture-handbook@v0.1.0",
])
def test_a_generator_ci_can_reach_is_fine(project: Path, line: str) -> None:
    write(project, "requirements.txt", f"{line}\n")
    assert _drift(project) == []


def test_the_starters_example_text_is_found_where_init_put_it(project: Path) -> None:
    shutil.copy(STARTER / "handbook" / "welcome.md", project / "handbook" / "welcome.md")
    # A value whose statement is still the starter's.
    example = yaml.safe_load((STARTER / "data" / "values.yml").read_text(encoding="utf-8"))
    statement = example["values"][0]["statement"]
    values = project / "data" / "values.yml"
    values.write_text(re.sub(r"^(\s+)statement: .*$", rf"\g<1>statement: {statement}",
                             values.read_text(encoding="utf-8"), count=1, flags=re.M),
                      encoding="utf-8")
    found = {problem.file: problem for problem in _drift(project)}
    assert set(found) == {"handbook/welcome.md", "data/values.yml"}
    page = (project / "handbook" / "welcome.md").read_text(encoding="utf-8").splitlines()
    assert "Replace" in page[found["handbook/welcome.md"].line - 1]
    assert all(p.severity is Severity.WARNING for p in found.values())


def test_a_stamped_override_is_told_when_its_original_changes(project: Path) -> None:
    overrides = project / "overrides"
    upstream = find_upstream("pages/behaviours.md.jinja", overrides)
    copy = override(upstream)
    assert stamp_in(copy.read_text(encoding="utf-8")) == (upstream.name, upstream.digest)
    assert _drift(project) == []
    # As if the generator's template had changed since the copy was made.
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace(upstream.digest, digest_of("an older template"), 1),
                    encoding="utf-8")
    [problem] = _drift(project)
    assert (problem.file, problem.line) == ("overrides/generator/pages/behaviours.md.jinja", 1)
    assert "--diff" in problem.hint and "--accept" in problem.hint
    accept(upstream)
    assert _drift(project) == []
    with pytest.raises(HandbookError, match="already exists"):
        override(upstream)


def test_a_copy_made_by_hand_gets_advice_to_stamp_it(project: Path) -> None:
    upstream = find_upstream("theme/partials/copyright.html", project / "overrides")
    upstream.target.parent.mkdir(parents=True, exist_ok=True)
    upstream.target.write_text(upstream.text, encoding="utf-8")
    [problem] = _drift(project)
    assert problem.severity is Severity.ADVICE
    assert f"handbook override {upstream.name} --accept" in problem.hint


def test_every_template_can_be_named_and_a_typo_gets_the_nearest(project: Path) -> None:
    names = [upstream.name for upstream in every_upstream(project / "overrides")]
    assert "pages/behaviours.md.jinja" in names and len(names) == len(set(names))
    with pytest.raises(HandbookError, match=re.escape("pages/behaviours.md.jinja")):
        find_upstream("pages/behavior.md.jinja", project / "overrides")


def test_a_history_holding_another_handbook_gets_advice(project: Path) -> None:
    organisation = project / "data" / "organisation.yml"
    text = organisation.read_text(encoding="utf-8")
    ours = re.search(r"^name: (.+)$", text, re.M)
    assert ours
    organisation.write_text(text.replace(ours.group(0), "name: Someone Else's Shop", 1),
                            encoding="utf-8")
    commit_all(project, "the handbook we took over", when="2025-01-02T09:00:00+00:00")
    organisation.write_text(text, encoding="utf-8")
    git(project, "commit", "-qam", "ours", when="2026-03-04T09:00:00+00:00")
    [problem] = _drift(project)
    assert problem.severity is Severity.ADVICE and "Someone Else's Shop" in problem.message
    assert "history_starts: 2026-03-04" in problem.hint
    organisation.write_text(text + "history_starts: 2026-03-04\n", encoding="utf-8")
    assert _drift(project) == []


def test_refresh_never_writes_through_a_link_out_of_the_project(project: Path,
                                                                 tmp_path: Path) -> None:
    _with_everything_current(project)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.rmtree(project / ".github")
    (project / ".github").symlink_to(outside, target_is_directory=True)
    handbook, _ = load(project)
    assert handbook is not None
    with pytest.raises(HandbookError, match="link out of the project"):
        refresh(find_project(project / "mkdocs.yml"), handbook)
    assert list(outside.iterdir()) == []


def test_a_committed_form_that_is_a_pipe_is_stale_not_a_hang(project: Path) -> None:
    _with_everything_current(project)
    handbook, _ = load(project)
    assert handbook is not None
    form = project / next(iter(written_forms(handbook)))
    form.unlink()
    os.mkfifo(form)
    [problem] = _drift(project)
    assert problem.file == form.relative_to(project).as_posix()
